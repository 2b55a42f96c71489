package payrun

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Service is payroll as people use it, beside the state machine's steps
// (Runner): the co-op's payroll settings, starting and finalising a month's
// run, reading runs, payslips and their reports, and P60s. Each call takes
// the acting person; the JSON API and the pages both call it.
type Service struct {
	Store   Records
	Starter Starter
	// Filing queues a final run's documents for HMRC (nil: none).
	Filing Filing
	// Statements gives PAs a new written statement when settings it states
	// change (nil: none).
	Statements Statements
}

// Statements reissues PAs' written statements after a settings change
// (internal/particulars).
type Statements interface {
	Reissue(ctx context.Context, p dpcoop.Principal, now time.Time) error
}

// Filing queues a final run's RTI documents; the state machine's submit
// step sends them (internal/filing).
type Filing interface {
	Queue(ctx context.Context, coop dpcoop.CoopID, month string, now time.Time) ([]dpcoop.Submission, error)
}

// Settings are the co-op's payroll settings.
func (s *Service) Settings(ctx context.Context, p dpcoop.Principal) (dpcoop.PayrollSettings, error) {
	if err := p.Admin("settings"); err != nil {
		return dpcoop.PayrollSettings{}, err
	}
	c, err := s.Store.Coop(ctx, p.Coop)
	if err != nil {
		return dpcoop.PayrollSettings{}, err
	}
	return c.PayrollSettings(), nil
}

// SetSettings replaces the co-op's payroll settings, checked against the
// law's minimums; each PA still employed is given a new written statement
// when a term it states changed (a retry issues none twice).
func (s *Service) SetSettings(ctx context.Context, p dpcoop.Principal, in dpcoop.PayrollSettings, now time.Time) (dpcoop.PayrollSettings, error) {
	if err := p.Admin("set settings"); err != nil {
		return dpcoop.PayrollSettings{}, err
	}
	if err := in.Validate(); err != nil {
		return dpcoop.PayrollSettings{}, err
	}
	if err := s.Store.SetPayrollSettings(ctx, p.Coop, in); err != nil || s.Statements == nil {
		return in, err
	}
	return in, s.Statements.Reissue(ctx, p, now)
}

// Start starts (or, after a failure or to recalculate a preview, starts
// again) a month's run; the work happens in the state machine. A month not
// begun, or one with an earlier month unpaid, is refused.
func (s *Service) Start(ctx context.Context, p dpcoop.Principal, month string, now time.Time) (Job, error) {
	if err := p.Admin("start"); err != nil {
		return Job{}, err
	}
	var problems dpcoop.Problems
	month, ok := dpcoop.ParseMonth(month)
	if !ok {
		problems.Add("month", dpcoop.FieldDate)
	} else if dpcoop.DateOf(now).Month() < month {
		problems.Add("month", dpcoop.FieldDateFuture)
	}
	if err := problems.Err("start run"); err != nil {
		return Job{}, err
	}
	c, err := s.Store.Coop(ctx, p.Coop)
	if err != nil {
		return Job{}, err
	}
	unpaid, err := UnpaidBefore(ctx, s.Store, c, month, nil)
	if err != nil {
		return Job{}, err
	}
	if unpaid != "" {
		return Job{}, dpcoop.EarlierMonthUnpaid("start run", unpaid)
	}
	job, due, err := Next(ctx, s.Store, p.Coop, month)
	if err != nil {
		return Job{}, err
	}
	if !due {
		run, err := s.Store.Run(ctx, p.Coop, month)
		if err != nil {
			return Job{}, err
		}
		if run.Status != dpcoop.RunPreview {
			return Job{}, dpcoop.E("start run", dpcoop.KindConflict, dpcoop.CodeRunState)
		}
		job = Job{Coop: p.Coop, Month: month, Attempt: run.Attempt + 1}
		job.Execution = dpcoop.ExecutionName(job.Coop, month, job.Attempt)
		// Recorded before the execution starts, so the old preview can no
		// longer be finalised and the run's page says at once that it is
		// calculating again.
		again, err := s.Store.BeginRun(ctx, p.Coop, dpcoop.Run{Month: month, PayDate: c.PayrollSettings().PayDate(month),
			Status: dpcoop.RunCalculating, Attempt: job.Attempt, Execution: job.Execution, Started: now.UTC()})
		if err != nil {
			return Job{}, err
		}
		if again.Status == dpcoop.RunFinal { // finalised meanwhile
			return Job{}, dpcoop.E("start run", dpcoop.KindConflict, dpcoop.CodeRunState)
		}
	}
	if err := s.Starter.StartRun(ctx, job); err != nil {
		// An attempt recorded but never started is failed, so the next
		// start is a new attempt rather than one stuck calculating.
		if ferr := s.Store.FailRun(ctx, p.Coop, month, job.Attempt, "not started", now.UTC()); ferr != nil {
			return Job{}, ferr
		}
		return Job{}, err
	}
	return job, nil
}

// Run reads a month's run.
func (s *Service) Run(ctx context.Context, p dpcoop.Principal, month string) (dpcoop.Run, error) {
	if err := p.Admin("run"); err != nil {
		return dpcoop.Run{}, err
	}
	run, err := s.Store.Run(ctx, p.Coop, month)
	if err != nil {
		return dpcoop.Run{}, err
	}
	run.Charges, err = s.Store.RunCharges(ctx, p.Coop, run)
	return run, err
}

// Runs are the co-op's runs, newest month first, for the admins' list.
func (s *Service) Runs(ctx context.Context, p dpcoop.Principal) ([]dpcoop.Run, error) {
	if err := p.Admin("runs"); err != nil {
		return nil, err
	}
	statuses, err := s.Store.RunStatuses(ctx, p.Coop)
	if err != nil {
		return nil, err
	}
	months := slices.Sorted(maps.Keys(statuses))
	slices.Reverse(months)
	runs := make([]dpcoop.Run, 0, len(months))
	for _, m := range months {
		run, err := s.Store.Run(ctx, p.Coop, m)
		if err != nil {
			return nil, err
		}
		runs = append(runs, run)
	}
	return runs, nil
}

// RunSlips are a month's run and the payslips of its current attempt.
func (s *Service) RunSlips(ctx context.Context, p dpcoop.Principal, month string) (dpcoop.Run, []dpcoop.Payslip, error) {
	if err := p.Admin("run slips"); err != nil {
		return dpcoop.Run{}, nil, err
	}
	run, err := s.Store.Run(ctx, p.Coop, month)
	if err != nil {
		return dpcoop.Run{}, nil, err
	}
	all, err := s.Store.Payslips(ctx, p.Coop, month)
	if err != nil {
		return dpcoop.Run{}, nil, err
	}
	slips := []dpcoop.Payslip{}
	for _, sl := range all {
		if sl.Attempt == run.Attempt {
			slips = append(slips, sl)
		}
	}
	return run, slips, nil
}

// Report is what a final run's reports are made of: the run, its payslips
// and the record of each PA paid, by id.
type Report struct {
	Run    dpcoop.Run
	Slips  []dpcoop.Payslip
	PAs    map[string]dpcoop.PA
	Coop   dpcoop.Coop
	Period time.Time // the run's pay date
}

// FinalRun is a final run with what its reports need; a run not yet final
// has none.
func (s *Service) FinalRun(ctx context.Context, p dpcoop.Principal, month string) (Report, error) {
	if err := p.Admin("final run"); err != nil {
		return Report{}, err
	}
	run, slips, err := s.RunSlips(ctx, p, month)
	if err != nil {
		return Report{}, err
	}
	if run.Status != dpcoop.RunFinal {
		return Report{}, dpcoop.E("run report", dpcoop.KindConflict, dpcoop.CodeRunState)
	}
	c, err := s.Store.Coop(ctx, p.Coop)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Run: run, Slips: slips, PAs: map[string]dpcoop.PA{}, Coop: c, Period: run.PayDate.Time()}
	for _, sl := range slips {
		if rep.PAs[sl.PA], err = s.Store.PA(ctx, p.Coop, sl.PA); err != nil {
			return Report{}, err
		}
	}
	return rep, nil
}

// Finalise makes a previewed run final (charges posted, shifts locked),
// pools its shared funds and queues its documents for HMRC, starting the
// execution whose submit step sends them.
func (s *Service) Finalise(ctx context.Context, p dpcoop.Principal, month string, now time.Time) (dpcoop.Run, error) {
	if err := p.Admin("finalise"); err != nil {
		return dpcoop.Run{}, err
	}
	runner := Runner{Store: s.Store, Pools: s.Store, Now: func() time.Time { return now }}
	run, err := runner.Finalise(ctx, p.Coop, month, p.Person)
	if err != nil {
		return dpcoop.Run{}, err
	}
	if err := runner.Pool(ctx, p.Coop, month); err != nil {
		return run, err
	}
	if s.Filing == nil {
		return run, nil
	}
	subs, err := s.Filing.Queue(ctx, p.Coop, month, now)
	if err != nil || len(subs) == 0 {
		return run, err
	}
	return run, s.Starter.StartRun(ctx, FilingJob(p.Coop, run, 0))
}

// FinalSlips are a PA's payslips of final runs, newest first, for the PA or
// an admin.
func (s *Service) FinalSlips(ctx context.Context, p dpcoop.Principal, pa string) ([]dpcoop.Payslip, error) {
	if !p.MaySee(pa) {
		return nil, dpcoop.E("read payslips", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	all, err := s.Store.PayslipsOfPA(ctx, p.Coop, pa)
	if err != nil || len(all) == 0 {
		return []dpcoop.Payslip{}, err
	}
	var months []string
	for _, sl := range all {
		if !slices.Contains(months, sl.Month) {
			months = append(months, sl.Month)
		}
	}
	runs, err := s.Store.MonthRuns(ctx, p.Coop, months) // together, not a read a month
	if err != nil {
		return nil, err
	}
	out := []dpcoop.Payslip{}
	for _, sl := range all {
		if run, ok := runs[sl.Month]; ok && run.Status == dpcoop.RunFinal && run.Attempt == sl.Attempt {
			out = append(out, sl)
		}
	}
	return out, nil
}

// Payslip is a PA's payslip of a final month, with their record (for the
// documents), for the PA or an admin.
func (s *Service) Payslip(ctx context.Context, p dpcoop.Principal, pa, month string) (dpcoop.Payslip, dpcoop.PA, error) {
	slips, err := s.FinalSlips(ctx, p, pa)
	if err != nil {
		return dpcoop.Payslip{}, dpcoop.PA{}, err
	}
	for _, sl := range slips {
		if sl.Month == month {
			rec, err := s.Store.PA(ctx, p.Coop, pa)
			return sl, rec, err
		}
	}
	return dpcoop.Payslip{}, dpcoop.PA{}, dpcoop.E("read payslip", dpcoop.KindNotFound, dpcoop.CodeNotFound)
}

// P60 is a PA's P60 for a tax year that has ended, with their record, for
// the PA or an admin.
func (s *Service) P60(ctx context.Context, p dpcoop.Principal, pa string, year dpcoop.TaxYear, now time.Time) (dpcoop.P60, dpcoop.PA, error) {
	if !p.MaySee(pa) {
		return dpcoop.P60{}, dpcoop.PA{}, dpcoop.E("read p60", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	rec, err := s.Store.PA(ctx, p.Coop, pa)
	if err != nil {
		return dpcoop.P60{}, dpcoop.PA{}, err
	}
	hist, err := s.Store.PayHistory(ctx, p.Coop, pa)
	if err != nil {
		return dpcoop.P60{}, dpcoop.PA{}, err
	}
	slips, err := s.FinalSlips(ctx, p, pa)
	if err != nil {
		return dpcoop.P60{}, dpcoop.PA{}, err
	}
	p60, err := hist.P60(rec, year, slips, dpcoop.DateOf(now))
	return p60, rec, err
}

// P60s are every P60 the co-op gives for a tax year that has ended: each PA
// paid in the year by its final runs and still employed on its last day.
func (s *Service) P60s(ctx context.Context, p dpcoop.Principal, year dpcoop.TaxYear, now time.Time) ([]dpcoop.P60, error) {
	if err := p.Admin("p60s"); err != nil {
		return nil, err
	}
	today := dpcoop.DateOf(now)
	if !year.End().Before(today) {
		return nil, dpcoop.E("list p60s", dpcoop.KindConflict, dpcoop.CodeYearNotEnded)
	}
	byPA := map[string][]dpcoop.Payslip{}
	var order []string
	for _, month := range year.RunMonths() {
		run, slips, err := s.RunSlips(ctx, p, month)
		if dpcoop.IsKind(err, dpcoop.KindNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if run.Status != dpcoop.RunFinal {
			continue
		}
		for _, sl := range slips {
			if _, seen := byPA[sl.PA]; !seen {
				order = append(order, sl.PA)
			}
			byPA[sl.PA] = append(byPA[sl.PA], sl)
		}
	}
	out := []dpcoop.P60{}
	for _, id := range order {
		rec, err := s.Store.PA(ctx, p.Coop, id)
		if err != nil {
			return nil, err
		}
		hist, err := s.Store.PayHistory(ctx, p.Coop, id)
		if err != nil {
			return nil, err
		}
		p60, err := hist.P60(rec, year, byPA[id], today)
		if dpcoop.IsKind(err, dpcoop.KindNotFound) || dpcoop.IsKind(err, dpcoop.KindConflict) {
			continue // paid nothing in the year, or left before its end (a P45)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, p60)
	}
	return out, nil
}
