package payrun

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/metrics"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// Store is what a run needs from storage. Every write is conditional on the
// run's status and attempt, so a retried or repeated step never pays or
// charges twice.
type Store interface {
	Coop(ctx context.Context, id dpcoop.CoopID) (dpcoop.Coop, error)
	Employments(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Employment, error)
	// MonthShifts reads every shift of a month at once (the run needs them
	// all, not the API's pages).
	MonthShifts(ctx context.Context, coop dpcoop.CoopID, month string) ([]dpcoop.Shift, error)
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	// PayHistory reads a PA's tax code notices and pay to date.
	PayHistory(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.PayHistory, error)
	// Recruitment reads a PA's right-to-work checks (righttowork.go).
	Recruitment(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.Recruitment, error)
	// BeginRun starts (or restarts, for a later attempt) the month's run
	// unless it is final, and returns it as stored.
	BeginRun(ctx context.Context, coop dpcoop.CoopID, r dpcoop.Run) (dpcoop.Run, error)
	Run(ctx context.Context, coop dpcoop.CoopID, month string) (dpcoop.Run, error)
	// CoopRuns reads the co-op, the runs of the months given and the records
	// of the PAs given (as PARecords) together; a month with no run is
	// missing from the answer.
	CoopRuns(ctx context.Context, coop dpcoop.CoopID, months, pas []string) (dpcoop.Coop, map[string]dpcoop.Run, PARecordSet, error)
	// RunStatuses reads the status of each month's run of the co-op.
	RunStatuses(ctx context.Context, coop dpcoop.CoopID) (map[string]dpcoop.RunStatus, error)
	// PutPayslip stores a PA's payslip while the run attempt is calculating.
	PutPayslip(ctx context.Context, coop dpcoop.CoopID, slip dpcoop.Payslip) error
	// PARecords reads many PAs' records and pay histories together; a PA
	// without a record is missing from PARecordSet.PAs.
	PARecords(ctx context.Context, coop dpcoop.CoopID, ids []string) (PARecordSet, error)
	// BeginRunBatches begins the run as BeginRun does and stores the
	// attempt's batches of work with it, to be deleted by the table's TTL
	// after expires.
	BeginRunBatches(ctx context.Context, coop dpcoop.CoopID, r dpcoop.Run, batches []Batch, expires time.Time) (dpcoop.Run, error)
	// Batch reads one of the attempt's batches, and the co-op with it.
	Batch(ctx context.Context, coop dpcoop.CoopID, job Job, n int) (Batch, dpcoop.Coop, error)
	// PutPayslips stores a batch's payslips and problems while the attempt
	// is calculating.
	PutPayslips(ctx context.Context, coop dpcoop.CoopID, job Job, n int, slips []dpcoop.Payslip, problems []Calculated) error
	// BatchProblems reads the problems of every batch of the attempt.
	BatchProblems(ctx context.Context, coop dpcoop.CoopID, job Job) ([]Calculated, error)
	Payslips(ctx context.Context, coop dpcoop.CoopID, month string) ([]dpcoop.Payslip, error)
	// PreviewRun records the calculated run for the attempt (r: the run as
	// read, with what was calculated), its charges apart from the run item.
	PreviewRun(ctx context.Context, coop dpcoop.CoopID, r dpcoop.Run) (dpcoop.Run, error)
	// FinaliseRun posts the run's ledger entries and the PAs' year-to-date
	// figures and makes it final, once.
	// Each PA's pay record is appended to their history with their year to
	// date.
	FinaliseRun(ctx context.Context, coop dpcoop.CoopID, r dpcoop.Run, entries []dpcoop.Entry, ytd map[string]dpcoop.YearToDate, paid map[string]dpcoop.PayRecord) (dpcoop.Run, error)
	// RunCharges reads the charges of the run's attempt.
	RunCharges(ctx context.Context, coop dpcoop.CoopID, r dpcoop.Run) ([]dpcoop.Charge, error)
	// FailRun records why the attempt failed.
	FailRun(ctx context.Context, coop dpcoop.CoopID, month string, attempt int, reason string, at time.Time) error
}

// Runner carries out the steps.
type Runner struct {
	Store Store
	Now   func() time.Time
	Log   *slog.Logger // nil: the default logger
	// Metrics counts payslips produced and runs failed (nil: none).
	Metrics *metrics.Recorder
	// Pools keeps pools and posts their contributions (the pooling step).
	Pools PoolStore
	// Filer sends the final run's documents to HMRC (the submit step);
	// nil files nothing.
	Filer Filer
}

// Filer sends a final run's RTI documents to HMRC, and records that the
// submit step gave up (internal/filing).
type Filer interface {
	File(ctx context.Context, coop dpcoop.CoopID, month string) error
	Failed(ctx context.Context, coop dpcoop.CoopID, month, cause string) error
}

// FilingJob is the execution that files a final run again (after an
// admin's finalise, or the nth retry): it starts, finds the run final and
// goes straight to the submit step.
func FilingJob(coop dpcoop.CoopID, run dpcoop.Run, retry int) Job {
	return Job{Coop: coop, Month: run.Month, Attempt: run.Attempt,
		Execution: fmt.Sprintf("%s-file-%d", dpcoop.ExecutionName(coop, run.Month, run.Attempt), retry)}
}

// TransientError is a failure worth retrying (DynamoDB throttled or
// unavailable). Lambda reports its type name, which the state machine's Retry
// matches; every other error ends the run as failed.
type TransientError struct{ Cause string }

func (e TransientError) Error() string { return "transient: " + e.Cause }

// classify turns a store failure the state machine can wait out into a
// TransientError, keeping the rest as they are.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if dpcoop.IsKind(err, dpcoop.KindUnavailable) {
		return TransientError{Cause: err.Error()}
	}
	return err
}

// Job names a run attempt; every step's input carries it.
type Job struct {
	Coop      dpcoop.CoopID `json:"coop"`
	Month     string        `json:"month"`
	Attempt   int           `json:"attempt"`
	Execution string        `json:"execution"`
}

// Started is the start step's answer: whether the month is already final,
// and otherwise the numbers of the batches for the Map state to calculate.
type Started struct {
	Final   bool  `json:"final"`
	Batches []int `json:"batches"`
}

// Calculation is what one PA's payslip is calculated from.
type Calculation struct {
	Job      Job                    `json:"job"`
	PayDate  dpcoop.Date            `json:"pay_date"`
	Settings dpcoop.PayrollSettings `json:"settings"`
	Work     Work                   `json:"work"`
}

// Calculated is a PA the calculate step could not pay, and why, kept with
// their batch for the post step.
type Calculated struct {
	PA      string `json:"pa_id"`
	Problem string `json:"problem,omitempty"`
	// Figure names the figure not yet published that the problem waits for.
	Figure string `json:"figure,omitempty"`
}

// Start begins the attempt and adds up the month's approved work per PA.
func (r *Runner) Start(ctx context.Context, job Job) (Started, error) {
	if _, ok := dpcoop.ParseMonth(job.Month); !ok || job.Attempt < 1 {
		return Started{}, fmt.Errorf("start run: bad job %+v", job)
	}
	// The month's shifts and employments first, so that the co-op, the month
	// before's run and the employed PAs' records come in one BatchGetItem.
	shifts, emps, err := readMonth(ctx, r.Store, job.Coop, job.Month)
	if err != nil {
		return Started{}, err
	}
	c, earlier, recs, err := r.Store.CoopRuns(ctx, job.Coop, []string{dpcoop.PreviousMonth(job.Month)}, employed(emps))
	if err != nil {
		return Started{}, classify(err)
	}
	settings := c.PayrollSettings()
	g, err := gatherFrom(ctx, rosterOf(r.Store, recs), job.Coop, settings, job.Month, shifts, emps)
	if err != nil {
		return Started{}, err
	}
	// The batches are written with the run: when an earlier month turns out
	// unpaid below, the Map never reads them and they expire.
	begin := dpcoop.Run{
		Month: job.Month, PayDate: settings.PayDate(job.Month), Status: dpcoop.RunCalculating,
		Attempt: job.Attempt, Execution: job.Execution, Started: r.Now().UTC(), Inputs: g.inputs,
	}
	bs := batches(g.work, begin.PayDate, settings)
	run, err := r.Store.BeginRunBatches(ctx, job.Coop, begin, bs, begin.Started.Add(dpcoop.PayrollBatchKept))
	if err != nil {
		return Started{}, classify(err)
	}
	if run.Status == dpcoop.RunFinal {
		return Started{Final: true}, nil
	}
	// Checked once the attempt is recorded, so a refusal is a failed run
	// the admin sees, with its reason.
	unpaid, err := UnpaidBefore(ctx, r.Store, c, job.Month, earlier)
	if err != nil {
		return Started{}, err
	}
	if unpaid != "" {
		return Started{}, dpcoop.EarlierMonthUnpaid("start run", unpaid)
	}
	out := Started{Batches: []int{}}
	for _, b := range bs {
		out.Batches = append(out.Batches, b.Number)
	}
	return out, nil
}

// calculate works out one PA's payslip with the payroll engine, reading
// the PA through store (a roster of the batch). A PA whose record cannot be
// paid yet is a problem for the admin, not a failure of the run.
func (r *Runner) calculate(ctx context.Context, store Store, c dpcoop.Coop, in Calculation) (dpcoop.Payslip, Calculated, error) {
	pa, err := store.PA(ctx, in.Job.Coop, in.Work.PA)
	if err != nil {
		return dpcoop.Payslip{}, Calculated{}, classify(err)
	}
	if pa.Status != dpcoop.PAActive {
		return dpcoop.Payslip{}, Calculated{PA: pa.ID, Problem: dpcoop.FieldPAIncomplete}, nil
	}
	if in.Work.RightToWorkUnchecked {
		return dpcoop.Payslip{}, Calculated{PA: pa.ID, Problem: dpcoop.FieldRightToWorkNotChecked}, nil
	}
	hist, err := store.PayHistory(ctx, in.Job.Coop, pa.ID)
	if err != nil {
		return dpcoop.Payslip{}, Calculated{}, classify(err)
	}
	if _, ok := hist.NoticeOn(in.PayDate); !ok {
		return dpcoop.Payslip{}, Calculated{PA: pa.ID, Problem: ProblemNoTaxCode}, nil
	}
	refund, err := r.refundDue(ctx, in.Job.Coop, pa, hist, in.Job.Month)
	if err != nil {
		return dpcoop.Payslip{}, Calculated{}, err
	}
	slip, err := Payslip(pa, hist, in, Pension{Coop: c, Refund: refund, Now: r.Now()})
	if errors.Is(err, errHolidayBeyondBalance) {
		return dpcoop.Payslip{}, Calculated{PA: pa.ID, Problem: dpcoop.FieldHolidayBeyondBalance}, nil
	}
	if err != nil {
		code, figure := payrollCode(err)
		return dpcoop.Payslip{}, Calculated{PA: pa.ID, Problem: "payroll_" + code, Figure: figure}, nil
	}
	return slip, Calculated{PA: pa.ID}, nil
}

// ProblemNoTaxCode: no tax code notice is in force on the pay date (the PA
// starts later, or their record lost its history), so they cannot be paid.
const ProblemNoTaxCode = "no_tax_code"

// payrollCode is the engine's code for why it refused a payslip, and the
// figure it lacks when that is the reason.
func payrollCode(err error) (string, string) {
	var ie *payroll.InputError
	if errors.As(err, &ie) {
		return string(ie.Code), ie.Figure
	}
	return "error", ""
}

// Payslip runs the payroll engine for a PA's month: taxed on the code their
// history has in force on the pay date, building on their pay to date in the
// tax year and any P45 from it, repaying the loans in force on the pay date,
// carrying out the pension duties (calculateWithPension).
func Payslip(pa dpcoop.PA, hist dpcoop.PayHistory, in Calculation, p Pension) (dpcoop.Payslip, error) {
	notice, _ := hist.NoticeOn(in.PayDate) // none: the code is empty and refused below
	if hist.AfterP45(in.PayDate) {
		// Paid after their P45 was issued: HMRC's rule is 0T, week 1/month 1.
		notice = dpcoop.TaxCodeNotice{TaxCode: "0T", Basis: dpcoop.BasisNonCumulative}
	}
	code, err := payroll.ParseTaxCode(notice.Code())
	if err != nil {
		return dpcoop.Payslip{}, err
	}
	cat, err := payroll.ParseCategory(pa.NICategory)
	if err != nil {
		return dpcoop.Payslip{}, err
	}
	payDate := in.PayDate.Time()
	year, err := payroll.YearFor(payDate)
	if err != nil {
		return dpcoop.Payslip{}, err
	}
	periodStart, _ := time.Parse(dpcoop.MonthLayout, in.Job.Month) // checked at start
	input := payroll.Input{
		PayDate: payDate, PeriodStart: periodStart, Frequency: payroll.Monthly, DateOfBirth: pa.DateOfBirth.Time(),
		TaxCode: code, NICategory: cat, Pension: in.Settings.Scheme(),
		Holiday: in.Settings.HolidayMode(),
		Mileage: payroll.Mileage{Tenths: in.Work.MileageTenths, RatePence: in.Settings.MileagePence},
	}
	input.YearToDate, input.Mileage.TenthsToDate = hist.ToDate(year.Name)
	input.P45 = hist.Previous(dpcoop.TaxYearStart(in.PayDate))
	input.Loans = hist.LoansOn(in.PayDate)
	lv, err := planLeave(hist, in, year)
	if err != nil {
		return dpcoop.Payslip{}, err
	}
	sick, weeks, statutory, err := statutoryDue(pa, hist, in.Settings, in.Job.Month)
	if err != nil {
		return dpcoop.Payslip{}, err
	}
	input.Sickness, input.Parental = sick, weeks
	for _, l := range lv.lines {
		kind, err := engineKind(l.Kind)
		if err != nil {
			return dpcoop.Payslip{}, err
		}
		input.Lines = append(input.Lines, payroll.PayLine{Kind: kind, Minutes: l.Minutes, Rate: l.Rate, SleepIns: l.SleepIns})
	}
	res, pension, err := calculateWithPension(input, pa, hist, in, p)
	if err != nil {
		return dpcoop.Payslip{}, err
	}
	slip := dpcoop.Payslip{
		Coop: in.Job.Coop, Month: in.Job.Month, PA: pa.ID, Name: pa.LegalName, PayDate: in.PayDate,
		TaxCode: notice.Code(), NICategory: pa.NICategory, Attempt: in.Job.Attempt,
		MileageTenths: in.Work.MileageTenths, MileageRate: in.Settings.MileagePence,
		Members: in.Work.Members, Result: res, Lines: []dpcoop.PayLine{},
		PensionStatus: pension.Status.String(), PensionEvents: pension.Events,
	}
	if slip.Members == nil { // off sick or on leave all month
		slip.Members = []dpcoop.MemberWork{}
	}
	if slip.Result.Checks == nil {
		slip.Result.Checks = []payroll.Check{}
	}
	var timePay int64
	for i, l := range lv.lines {
		l.Pay = res.LinePay[i]
		slip.Lines = append(slip.Lines, l)
		if !l.Kind.Leave() { // pay for work, sleep-ins included: what holiday pay averages
			timePay += l.Pay
		}
	}
	if input.Holiday == payroll.HolidayAccrued {
		slip.HolidayAccrual = year.HolidayShare(timePay)
	}
	lv.settle(&slip, hist)
	for _, c := range res.Checks {
		slip.Checks = append(slip.Checks, string(c))
	}
	if earliest(statutory) != "" || statutory.SSPWithheld > 0 {
		statutory.Members = in.Work.StatutoryMembers
		slip.Statutory = &statutory
	}
	if statutory.SSPWithheld > 0 {
		slip.Checks = append(slip.Checks, CheckSSPWithheld)
	}
	return slip, nil
}

// Post adds up the attempt's payslips into the preview: totals, each member's
// charge and the problems an admin must see. When the co-op finalises
// automatically and an admin could finalise the run now, it finalises it at
// once, with what it has just read and checked, and says so.
func (r *Runner) Post(ctx context.Context, job Job) (bool, error) {
	// The payslips first: the co-op and its runs then come with the records
	// of their PAs, which the check before finalising automatically needs
	// (read in vain, in read units but no request, when the run waits for
	// an admin).
	slips, err := r.Store.Payslips(ctx, job.Coop, job.Month)
	if err != nil {
		return false, classify(err)
	}
	var mine []dpcoop.Payslip
	var ids []string
	for _, s := range slips {
		if s.Attempt == job.Attempt {
			mine = append(mine, s)
			ids = append(ids, s.PA)
		}
	}
	c, runs, recs, err := r.Store.CoopRuns(ctx, job.Coop, []string{job.Month, dpcoop.PreviousMonth(job.Month)}, ids)
	if err != nil {
		return false, classify(err)
	}
	run, found := runs[job.Month]
	if !found || run.Attempt != job.Attempt {
		return false, dpcoop.E("post run", dpcoop.KindConflict, dpcoop.CodeRunState)
	}
	var results []Calculated
	if run.ProblemsFound == nil || *run.ProblemsFound > 0 { // none counted: no batch has any
		if results, err = r.Store.BatchProblems(ctx, job.Coop, job); err != nil {
			return false, classify(err)
		}
	}
	settings := c.PayrollSettings()
	charges, err := Charges(mine, settings)
	if err != nil {
		return false, err
	}
	// The run as read (its pay date and fingerprints from the start), with
	// what was calculated.
	run.Charges, run.Totals, run.Problems = charges, totals(mine, charges), nil
	if run.Totals.EmploymentAllowance, err = r.allowance(ctx, job.Coop, settings, run); err != nil {
		return false, err
	}
	now := r.Now().UTC()
	run.Calculated = &now
	for _, res := range results {
		if res.Problem != "" {
			run.Problems = append(run.Problems, dpcoop.Problem{Code: res.Problem, PA: res.PA, Figure: res.Figure, Blocking: true})
		}
	}
	for _, s := range mine {
		for _, check := range s.Checks {
			run.Problems = append(run.Problems, dpcoop.Problem{Code: check, PA: s.PA, Blocking: blockingCheck(check, settings, job.Month)})
		}
	}
	stored, err := r.Store.PreviewRun(ctx, job.Coop, run)
	if err != nil {
		return false, classify(err)
	}
	if stored.Status == dpcoop.RunFinal { // a retried post that finalised
		return true, nil
	}
	if !settings.AutoFinalise || run.Blocking() {
		return false, nil
	}
	// Finalised by itself only when an admin could finalise it now; else it
	// waits as a preview, and the dispatch calculates it again when due.
	records, err := r.mayFinalise(ctx, rosterOf(r.Store, recs), c, stored, runs, r.Now())
	if err != nil {
		return false, nil
	}
	_, err = r.finish(ctx, c, stored, mine, "auto", records)
	return err == nil, err
}

// blockingCheck says which payroll checks stop a run: paying below the legal
// minimum wage, NI on a category that does not fit the PA's age, or (once
// dpcoop carries out the co-op's pension duties) an eligible jobholder the
// run could not enrol, is never finalised without an admin fixing the rate,
// the category or the scheme.
func blockingCheck(code string, s dpcoop.PayrollSettings, month string) bool {
	switch payroll.Check(code) {
	case payroll.CheckBelowNationalLivingWage, payroll.CheckBelowMinimumWage18To20, payroll.CheckBelowMinimumWage16To17, payroll.CheckBelowApprenticeRate,
		payroll.CheckNICategoryAge:
		return true
	case payroll.CheckAutoEnrolmentDue:
		return s.Acting(dpcoop.MonthEnd(month))
	}
	return false
}

func totals(slips []dpcoop.Payslip, charges []dpcoop.Charge) dpcoop.RunTotals {
	t := dpcoop.RunTotals{Payslips: len(slips)}
	for _, s := range slips {
		t.Gross += s.Result.Gross
		t.Tax += s.Result.Tax
		t.EmployeeNI += s.Result.NI.Employee
		t.EmployerNI += s.Result.NI.Employer
		t.EmployeePension += s.Result.Pension.EmployeeDeduction
		t.EmployerPension += s.Result.Pension.Employer
		t.PensionRefund += s.Result.PensionRefund
		t.StudentLoan += s.Result.StudentLoan
		t.PostgraduateLoan += s.Result.PostgraduateLoan
		t.HolidayAccrual += s.HolidayAccrual
		t.HolidayPaid += s.FromHolidayProvision()
		t.SSP += s.Result.SickPay.Amount
		t.SMP += s.Result.ParentalPay.SMP
		t.SPP += s.Result.ParentalPay.SPP
		t.Net += s.Result.NetPay
	}
	for _, c := range charges {
		t.Charged += c.Amount
		t.Fees += c.Fee
	}
	return t
}

// Finalise makes a previewed run final: each member's charge and fee posted
// to the ledger and, out of the payroll account, what the co-op now owes
// (each PA's net pay, HMRC, the pension provider, the holiday provision);
// each PA's year to date moved on, the month's shifts locked.
// Finalising a final run again changes nothing.
func (r *Runner) Finalise(ctx context.Context, coop dpcoop.CoopID, month, by string) (dpcoop.Run, error) {
	const op = "finalise run"
	c, runs, _, err := r.Store.CoopRuns(ctx, coop, []string{month, dpcoop.PreviousMonth(month)}, nil)
	if err != nil {
		return dpcoop.Run{}, classify(err)
	}
	run, found := runs[month]
	switch {
	case !found:
		return dpcoop.Run{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	case run.Status == dpcoop.RunFinal:
		return run, nil
	case run.Status != dpcoop.RunPreview:
		return dpcoop.Run{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeRunState)
	case run.Blocking():
		return dpcoop.Run{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeRunBlocked)
	}
	records, err := r.mayFinalise(ctx, r.Store, c, run, runs, r.Now())
	if err != nil {
		return dpcoop.Run{}, err
	}
	if run.Charges, err = r.Store.RunCharges(ctx, coop, run); err != nil {
		return dpcoop.Run{}, classify(err)
	}
	slips, err := r.Store.Payslips(ctx, coop, month)
	if err != nil {
		return dpcoop.Run{}, classify(err)
	}
	var mine []dpcoop.Payslip
	for _, s := range slips {
		if s.Attempt == run.Attempt {
			mine = append(mine, s)
		}
	}
	return r.finish(ctx, c, run, mine, by, records)
}

// finish finalises a previewed run that may be finalised now, given the
// attempt's payslips and the PAs' histories as mayFinalise read them (store
// reads any other).
func (r *Runner) finish(ctx context.Context, c dpcoop.Coop, run dpcoop.Run, mine []dpcoop.Payslip, by string, store Store) (dpcoop.Run, error) {
	coop, month := c.ID, run.Month
	var err error
	ytd, paid := map[string]dpcoop.YearToDate{}, map[string]dpcoop.PayRecord{}
	for _, s := range mine {
		hist, err := store.PayHistory(ctx, coop, s.PA)
		if err != nil {
			return dpcoop.Run{}, classify(err)
		}
		_, miles := hist.ToDate(s.Result.TaxYear)
		miles += s.MileageTenths
		ytd[s.PA] = dpcoop.YearToDate{TaxYear: s.Result.TaxYear, Month: month, Figures: s.Result.YearToDate, MileageTenths: miles,
			Holiday: holidayAfter(hist, s), PensionEvents: dpcoop.IssueLetters(s.PensionEvents, dpcoop.DateOf(r.Now()))}
		paid[s.PA] = s.Record()
	}
	// Worked out again now that every earlier month is final.
	if run.Totals.EmploymentAllowance, err = r.allowance(ctx, coop, c.PayrollSettings(), run); err != nil {
		return dpcoop.Run{}, err
	}
	now := r.Now().UTC()
	run.Finalised, run.FinalisedBy = &now, by
	entries := append(Entries(coop, run, by, now), dpcoop.LiabilityEntries(coop, run, mine, by, now)...)
	final, err := r.Store.FinaliseRun(ctx, coop, run, entries, ytd, paid)
	final.Charges = run.Charges
	return final, classify(err)
}

// allowance is the Employment Allowance the run takes off its employer NI:
// none unless the co-op claims it, else what the final runs of earlier months
// paying in the same tax year have left of the year's allowance, up to the
// run's employer NI.
func (r *Runner) allowance(ctx context.Context, coop dpcoop.CoopID, s dpcoop.PayrollSettings, run dpcoop.Run) (int64, error) {
	if !s.EmploymentAllowance || run.Totals.EmployerNI <= 0 {
		return 0, nil
	}
	year, err := payroll.YearFor(run.PayDate.Time())
	if err != nil {
		return 0, nil // the run's payslips already report the missing year
	}
	taxYear := dpcoop.TaxYearOf(run.PayDate)
	left := year.EmploymentAllowance()
	for _, month := range taxYear.RunMonths() {
		if month >= run.Month {
			break
		}
		earlier, err := r.Store.Run(ctx, coop, month)
		if dpcoop.IsKind(err, dpcoop.KindNotFound) {
			continue
		}
		if err != nil {
			return 0, classify(err)
		}
		if earlier.Status == dpcoop.RunFinal && dpcoop.TaxYearOf(earlier.PayDate) == taxYear {
			left -= earlier.Totals.EmploymentAllowance
		}
	}
	return max(min(left, run.Totals.EmployerNI), 0), nil
}

// Entries are the ledger entries a final run posts: for each member, their
// payroll charge to the co-op's payroll account and their fee to its fees
// account. Ids are derived from the run, so they can be posted only once.
func Entries(coop dpcoop.CoopID, run dpcoop.Run, by string, at time.Time) []dpcoop.Entry {
	var out []dpcoop.Entry
	for _, c := range run.Charges {
		from := dpcoop.PayerAccount(c.Member)
		if c.Amount != 0 {
			out = append(out, dpcoop.Entry{
				ID: dpcoop.DerivedID("payroll-charge", string(coop), run.Month, c.Member), Date: run.PayDate, Month: run.Month,
				Source: dpcoop.SourcePayrollCharge, From: from, To: dpcoop.AccountPayroll, Amount: c.Amount,
				Ref: "run:" + run.Month, Parts: c.Parts, RecordedBy: by, Recorded: at,
			})
		}
		if c.Fee != 0 {
			out = append(out, dpcoop.Entry{
				ID: dpcoop.DerivedID("coop-fee", string(coop), run.Month, c.Member), Date: run.PayDate, Month: run.Month,
				Source: dpcoop.SourceCoopFee, From: from, To: dpcoop.AccountFees, Amount: c.Fee,
				Ref: "run:" + run.Month, RecordedBy: by, Recorded: at,
			})
		}
	}
	return out
}

// Fail records why an attempt failed, so an admin sees it and can retry.
func (r *Runner) Fail(ctx context.Context, job Job, reason string) error {
	r.Metrics.Count(metrics.RunsFailed, 1)
	return classify(r.Store.FailRun(ctx, job.Coop, job.Month, job.Attempt, reason, r.Now().UTC()))
}
