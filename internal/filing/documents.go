package filing

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
	"github.com/dpcoop/dpcoop/internal/rti"
)

// What a final run owes HMRC
//
// An FPS whenever the run pays anyone. An EPS when one is due: the first of
// the tax year to claim the Employment Allowance (if the co-op's settings
// claim it), a month with SMP or SPP paid (what it recovers to date, with
// NIC compensation), a tax month with no payment, and the year's last tax
// month (the final submission for the year). A co-op that has not recorded
// its PAYE scheme's references does not file through dpcoop: nothing is
// queued.

// Queue records the run's documents as queued (once: a repeated call finds
// them) and returns them, FPS first.
func Queue(ctx context.Context, store Store, coop dpcoop.CoopID, month string, now time.Time) ([]dpcoop.Submission, error) {
	run, err := finalRun(ctx, store, coop, month)
	if err != nil {
		return nil, err
	}
	c, err := store.Coop(ctx, coop)
	if err != nil {
		return nil, err
	}
	if _, err := rti.EmployerFrom(c.PayrollSettings()); err != nil {
		return nil, nil
	}
	slips, err := runSlips(ctx, store, coop, run)
	if err != nil {
		return nil, err
	}
	base := dpcoop.Submission{Month: month, TaxYear: string(dpcoop.TaxYearOf(run.PayDate)),
		TaxMonth: payroll.TaxPeriod(run.PayDate.Time(), payroll.Monthly), State: dpcoop.SubmissionQueued, Queued: now, Updated: now}
	var want []dpcoop.Submission
	if len(slips) > 0 {
		fps := base
		fps.Kind = dpcoop.SubmissionFPS
		want = append(want, fps)
	}
	claim, err := claimsAllowance(ctx, store, c, run)
	if err != nil {
		return nil, err
	}
	eps := base
	eps.Kind, eps.AllowanceClaimed = dpcoop.SubmissionEPS, claim
	opts, err := epsOptions(ctx, store, c, run, eps, len(slips) == 0)
	if err != nil {
		return nil, err
	}
	if epsDue(opts) {
		want = append(want, eps)
	}
	var out []dpcoop.Submission
	for _, s := range want {
		stored, err := store.QueueSubmission(ctx, coop, s)
		if err != nil {
			return nil, err
		}
		out = append(out, stored)
	}
	return out, nil
}

// Document builds a queued submission's document from the records as they
// are now, so that a record put right after a rejection is what is sent.
// A record HMRC needs and dpcoop lacks is a Failed naming the PA.
func Document(ctx context.Context, store Store, coop dpcoop.CoopID, s dpcoop.Submission) (rti.Document, error) {
	run, err := finalRun(ctx, store, coop, s.Month)
	if err != nil {
		return nil, err
	}
	c, err := store.Coop(ctx, coop)
	if err != nil {
		return nil, err
	}
	settings := c.PayrollSettings()
	if _, err := rti.EmployerFrom(settings); err != nil {
		return nil, Failed{Reason: dpcoop.SubmissionReasonReferences}
	}
	slips, err := runSlips(ctx, store, coop, run)
	if err != nil {
		return nil, err
	}
	if s.Kind == dpcoop.SubmissionEPS {
		opts, err := epsOptions(ctx, store, c, run, s, len(slips) == 0)
		if err != nil {
			return nil, err
		}
		eps, err := rti.EPSFor(settings, s.TaxYear, opts)
		if err != nil {
			return nil, Failed{Reason: dpcoop.SubmissionReasonError}
		}
		return eps, nil
	}
	in := rti.Run{Settings: settings}
	finals := finalRuns{}
	for _, sl := range slips {
		e, err := employee(ctx, store, coop, sl, finals)
		if err != nil {
			return nil, err
		}
		in.Employees = append(in.Employees, e)
	}
	fps, err := rti.FPSFromRun(in)
	if err != nil {
		return nil, Failed{Reason: dpcoop.SubmissionReasonPARecord}
	}
	return fps, nil
}

// employee is one PA's part of the FPS: their record, pay history and the
// final payslips before this one.
func employee(ctx context.Context, store Store, coop dpcoop.CoopID, slip dpcoop.Payslip, finals finalRuns) (rti.RunEmployee, error) {
	pa, err := store.PA(ctx, coop, slip.PA)
	if err != nil {
		return rti.RunEmployee{}, err
	}
	if pa.HMRCGender == "" {
		return rti.RunEmployee{}, Failed{Reason: dpcoop.SubmissionReasonNoGender, PA: pa.ID}
	}
	hist, err := store.PayHistory(ctx, coop, pa.ID)
	if err != nil {
		return rti.RunEmployee{}, err
	}
	all, err := store.PayslipsOfPA(ctx, coop, pa.ID)
	if err != nil {
		return rti.RunEmployee{}, err
	}
	var before []dpcoop.Payslip // final payslips paid before this one
	for _, sl := range all {
		if !sl.PayDate.Before(slip.PayDate) {
			continue
		}
		final, err := finals.final(ctx, store, coop, sl)
		if err != nil {
			return rti.RunEmployee{}, err
		}
		if final {
			before = append(before, sl)
		}
	}
	e := rti.RunEmployee{Slip: slip, PA: pa, History: hist, Gender: pa.HMRCGender, First: len(before) == 0,
		Irregular: irregular(slip, before),
		Statutory: rti.StatutoryToDate{SMP: slip.Result.YearToDate.SMP, SPP: slip.Result.YearToDate.SPP}}
	for _, sl := range before {
		if sl.Result.TaxYear == slip.Result.TaxYear {
			e.Earlier = append(e.Earlier, sl)
		}
	}
	if e.First && pa.WithHistory(hist, slip.PayDate).Starter == "" {
		return rti.RunEmployee{}, Failed{Reason: dpcoop.SubmissionReasonStarter, PA: pa.ID}
	}
	return e, nil
}

// irregular is HMRC's irregular payment pattern indicator from the pay
// history: the PA's last payment before this one was three or more months
// earlier, so HMRC is not to treat a gap in their pay as their leaving.
func irregular(slip dpcoop.Payslip, before []dpcoop.Payslip) bool {
	if len(before) == 0 {
		return false
	}
	last := slices.MaxFunc(before, func(a, b dpcoop.Payslip) int { return strings.Compare(string(a.PayDate), string(b.PayDate)) })
	return !last.PayDate.Time().AddDate(0, 3, 0).After(slip.PayDate.Time())
}

// finalRuns remembers which months' runs are final, and their attempts.
type finalRuns map[string]dpcoop.Run

func (f finalRuns) final(ctx context.Context, store Store, coop dpcoop.CoopID, sl dpcoop.Payslip) (bool, error) {
	run, ok := f[sl.Month]
	if !ok {
		var err error
		run, err = store.Run(ctx, coop, sl.Month)
		if err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound) {
			return false, err
		}
		f[sl.Month] = run
	}
	return run.Status == dpcoop.RunFinal && run.Attempt == sl.Attempt, nil
}

// runSlips are the payslips of the run's final attempt.
func runSlips(ctx context.Context, store Store, coop dpcoop.CoopID, run dpcoop.Run) ([]dpcoop.Payslip, error) {
	all, err := store.Payslips(ctx, coop, run.Month)
	if err != nil {
		return nil, err
	}
	var out []dpcoop.Payslip
	for _, sl := range all {
		if sl.Attempt == run.Attempt {
			out = append(out, sl)
		}
	}
	return out, nil
}

// claimsAllowance: the co-op claims the Employment Allowance and no
// earlier EPS of the tax year has claimed it.
func claimsAllowance(ctx context.Context, store Store, c dpcoop.Coop, run dpcoop.Run) (bool, error) {
	if !c.PayrollSettings().EmploymentAllowance {
		return false, nil
	}
	year := dpcoop.TaxYearOf(run.PayDate)
	for _, month := range year.RunMonths() {
		if month >= run.Month {
			break
		}
		s, err := store.Submission(ctx, c.ID, month, dpcoop.SubmissionEPS)
		if dpcoop.IsKind(err, dpcoop.KindNotFound) {
			continue
		}
		if err != nil {
			return false, err
		}
		if s.AllowanceClaimed && s.TaxYear == string(year) {
			return false, nil
		}
	}
	return true, nil
}

// epsOptions are what the month's EPS reports (eps carries whether it
// claims the allowance).
func epsOptions(ctx context.Context, store Store, c dpcoop.Coop, run dpcoop.Run, eps dpcoop.Submission, noPayment bool) (rti.EPSOptions, error) {
	o := rti.EPSOptions{ClaimAllowance: eps.AllowanceClaimed, FinalForYear: eps.TaxMonth == 12}
	year := dpcoop.TaxYearOf(run.PayDate)
	if noPayment {
		from := year.Start().Time().AddDate(0, eps.TaxMonth-1, 0)
		o.NoPayment = &rti.Period{From: from.Format(dpcoop.DateLayout), To: from.AddDate(0, 1, -1).Format(dpcoop.DateLayout)}
	}
	if run.Totals.SMP+run.Totals.SPP > 0 {
		rec, err := recoverable(ctx, store, c.ID, run)
		if err != nil {
			return rti.EPSOptions{}, err
		}
		o.Recoverable = rec
	}
	return o, nil
}

func epsDue(o rti.EPSOptions) bool {
	return o.ClaimAllowance || o.NoPayment != nil || o.Recoverable != nil || o.FinalForYear
}

// recoverable is the SMP and SPP the co-op recovers to date in the run's
// tax year, with NIC compensation, from its final runs of the year up to
// this one (dpcoop.StatutoryRecovery). Small employers' relief is decided
// on the Class 1 NI of the co-op's final runs in the tax year before.
func recoverable(ctx context.Context, store Store, coop dpcoop.CoopID, run dpcoop.Run) (*rti.Recoverable, error) {
	year := dpcoop.TaxYearOf(run.PayDate)
	runs, err := yearRuns(ctx, store, coop, year, run.Month)
	if err != nil {
		return nil, err
	}
	prevYear := dpcoop.TaxYearOf(year.Start().AddDays(-1))
	prev, err := yearRuns(ctx, store, coop, prevYear, "")
	if err != nil {
		return nil, err
	}
	var class1 int64
	for _, r := range prev {
		class1 += r.Totals.EmployeeNI + r.Totals.EmployerNI
	}
	months, err := dpcoop.StatutoryRecovery(runs, class1)
	if err != nil {
		return nil, err
	}
	if len(months) == 0 {
		return nil, errors.New("filing: no final run to recover statutory pay from")
	}
	last := months[len(months)-1].ToDate
	return &rti.Recoverable{TaxMonth: months[len(months)-1].TaxMonth, SMP: last.SMPRecovered, SPP: last.SPPRecovered,
		NICCompensation: rti.StatutoryAmounts{SMP: last.NICCompensationOnSMP, SPP: last.NICCompensationOnSPP}}, nil
}

// yearRuns are the final runs paying in the tax year, up to the month
// through (all of them when through is "").
func yearRuns(ctx context.Context, store Store, coop dpcoop.CoopID, year dpcoop.TaxYear, through string) ([]dpcoop.Run, error) {
	var out []dpcoop.Run
	for _, month := range year.RunMonths() {
		if through != "" && month > through {
			break
		}
		r, err := store.Run(ctx, coop, month)
		if dpcoop.IsKind(err, dpcoop.KindNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if r.Status == dpcoop.RunFinal && dpcoop.TaxYearOf(r.PayDate) == year {
			out = append(out, r)
		}
	}
	return out, nil
}
