package payroll

import (
	"fmt"
	"time"
)

// ShiftKind is the kind of approved timesheet line being paid.
type ShiftKind int

// The shift kinds. Standard, night and bank holiday lines are hours worked
// (they count for the minimum wage and holiday accrual). A sleep-in is paid
// a flat amount per night and, following the Supreme Court in Royal Mencap
// Society v Tomlinson-Blake [2021] UKSC 8, time asleep is not counted as
// work for either. A holiday line pays leave taken under HolidayAccrued; it
// is neither work nor minimum wage pay.
const (
	ShiftStandard ShiftKind = iota + 1
	ShiftNight
	ShiftSleepIn
	ShiftBankHoliday
	ShiftHoliday
)

var shiftKindNames = [...]string{ShiftStandard: "standard", ShiftNight: "night", ShiftSleepIn: "sleep_in", ShiftBankHoliday: "bank_holiday", ShiftHoliday: "holiday"}

// String returns the stable code of the kind.
func (k ShiftKind) String() string {
	if k < ShiftStandard || k > ShiftHoliday {
		return fmt.Sprintf("ShiftKind(%d)", int(k))
	}
	return shiftKindNames[k]
}

// ParseShiftKind reads a kind's stable code ("standard", "night",
// "sleep_in", "bank_holiday", "holiday").
func ParseShiftKind(s string) (ShiftKind, error) {
	for k := ShiftStandard; k <= ShiftHoliday; k++ {
		if shiftKindNames[k] == s {
			return k, nil
		}
	}
	return 0, inputError("Lines.Kind", CodeInvalidPayLine, fmt.Sprintf("unknown shift kind %q", s))
}

func (k ShiftKind) worked() bool {
	return k == ShiftStandard || k == ShiftNight || k == ShiftBankHoliday
}

// PayLine is approved time of one kind at one rate (one shift, or several
// summed by the caller).
type PayLine struct {
	Kind ShiftKind
	// Minutes worked (or, for a sleep-in, spent; recorded but not paid by
	// the hour).
	Minutes int64
	// Rate is pence per hour, or pence per sleep-in for ShiftSleepIn.
	Rate int64
	// SleepIns is the number of sleep-ins on a ShiftSleepIn line.
	SleepIns int64
}

// pay is the line's pay: minutes × hourly rate rounded up to the penny
// (so a PA paid exactly a minimum rate is never a fraction below it), or
// sleep-ins × flat rate.
func (l PayLine) pay() int64 {
	if l.Kind == ShiftSleepIn {
		return l.SleepIns * l.Rate
	}
	return ceilDiv(l.Minutes*l.Rate, 60)
}

// PensionStatus is whether a PA is in the co-op's pension scheme.
type PensionStatus int

// Pension statuses; the zero value is "not enrolled".
const (
	PensionNotEnrolled PensionStatus = iota
	PensionEnrolled
	PensionOptedOut
	// PensionPostponed: the co-op postponed automatic enrolment; no
	// contributions and no enrolment is due until the deferral date.
	PensionPostponed
)

// YearToDate holds running totals for this employment in the tax year, in
// pence.
type YearToDate struct {
	Gross            int64 `json:"gross_pence"`
	TaxablePay       int64 `json:"taxable_pay_pence"`
	Tax              int64 `json:"tax_pence"`
	EmployeeNI       int64 `json:"employee_ni_pence"`
	EmployerNI       int64 `json:"employer_ni_pence"`
	EmployeePension  int64 `json:"employee_pension_pence"` // deducted from pay
	EmployerPension  int64 `json:"employer_pension_pence"`
	StudentLoan      int64 `json:"student_loan_pence"`      // plan 1, 2, 4 or 5 deductions
	PostgraduateLoan int64 `json:"postgraduate_loan_pence"` // postgraduate loan deductions
	SSP              int64 `json:"ssp_pence"`               // statutory sick pay
	SMP              int64 `json:"smp_pence"`               // statutory maternity pay
	SPP              int64 `json:"spp_pence"`               // statutory paternity pay
}

// PreviousEmployment is pay and tax from earlier employments this tax year
// (a P45), used only for cumulative PAYE.
type PreviousEmployment struct {
	TaxablePay int64
	Tax        int64
}

// Input is everything needed for one PA's payslip for one pay period. The
// PA's approved time for every member they supported is added up by the
// caller: one employee, one payslip.
type Input struct {
	PayDate     time.Time // decides the tax year and period; only the date is used
	PeriodStart time.Time // start of the pay reference period: minimum wage rates and age band
	Frequency   Frequency
	DateOfBirth time.Time

	Lines   []PayLine
	Mileage Mileage
	// Sickness is the statutory sick pay due in the period, in parts (one
	// per rate and pattern of qualifying days); none when the PA was not off
	// sick.
	Sickness []Sickness
	// Parental are the weeks of SMP and SPP paid in the period.
	Parental []ParentalWeek

	TaxCode    TaxCode // from ParseTaxCode; NonCumulative for week 1/month 1
	NICategory Category
	YearToDate YearToDate // this employment, before this payment
	P45        PreviousEmployment

	Pension       *PensionScheme // the co-op's scheme; nil if none is set up
	PensionStatus PensionStatus
	// PensionRefund is the PA's own contributions given back after a valid
	// opt-out (see refundPension for its tax).
	PensionRefund int64
	Holiday       HolidayMode
	Apprentice    bool // the apprentice minimum wage rate applies

	// Loans are the student and postgraduate loans in force on the pay date:
	// at most one undergraduate plan and a postgraduate loan.
	Loans []LoanPlan
}

// Check is a stable code for something on a payslip that needs attention.
// Messages are rendered elsewhere, in Welsh and English; never rename one.
type Check string

// The checks. "Below" checks compare the average hourly pay for hours
// worked in the pay reference period with the rate.
const (
	// Errors: paying this payslip breaks minimum wage law.
	CheckBelowNationalLivingWage Check = "below_national_living_wage" // 21 and over
	CheckBelowMinimumWage18To20  Check = "below_minimum_wage_18_20"
	CheckBelowMinimumWage16To17  Check = "below_minimum_wage_16_17"
	CheckBelowApprenticeRate     Check = "below_apprentice_rate"
	// CheckNICategoryAge: the NI category does not fit the PA's age on the
	// pay date (CategoryFitsAge); NI is worked out wrongly until it is fixed.
	CheckNICategoryAge Check = "ni_category_age"
	// CheckAutoEnrolmentDue: an eligible jobholder is not in the scheme and
	// has not opted out; the co-op must enrol them.
	CheckAutoEnrolmentDue Check = "auto_enrolment_due"
	// Warnings.
	CheckBelowRealLivingWage Check = "below_real_living_wage" // Welsh Government policy for care workers
	// CheckTaxOverridingLimit: tax was cut to 50 % of taxable pay; the rest
	// is collected in later periods (cumulative codes) or by HMRC.
	CheckTaxOverridingLimit Check = "tax_overriding_limit_applied"
	// CheckSSPBelowLowerEarningsLimit: sickness gave no SSP because
	// earnings were under the lower earnings limit (2025-26 rules).
	CheckSSPBelowLowerEarningsLimit Check = "ssp_below_lower_earnings_limit"
)

// Payslip is the result for one PA and one pay period. Money is pence. Its
// JSON names are the API's documented contract (snake_case, money in
// *_pence), not the engine's field names.
type Payslip struct {
	TaxYear    string `json:"tax_year"`
	Period     int    `json:"period"`     // tax month, or tax week of the payday
	Cumulative bool   `json:"cumulative"` // PAYE used pay and tax to date

	LinePay               []int64     `json:"line_pay_pence"` // pay for each Input.Lines entry, in order
	WorkedMinutes         int64       `json:"worked_minutes"` // standard, night and bank holiday minutes
	SickPay               SickPay     `json:"sick_pay"`
	ParentalPay           ParentalPay `json:"parental_pay"`
	RolledUpHolidayPay    int64       `json:"rolled_up_holiday_pay_pence"` // HolidayRolledUp: shown as its own line
	HolidayAccruedMinutes int64       `json:"holiday_accrued_minutes"`     // HolidayAccrued: leave earned this period
	Earnings              int64       `json:"earnings_pence"`              // lines + SSP + SMP + SPP + rolled-up holiday pay

	MileagePaid    int64 `json:"mileage_paid_pence"`
	MileageTaxable int64 `json:"mileage_taxable_pence"` // part of MileagePaid above HMRC's approved amount for tax
	MileageNIable  int64 `json:"mileage_niable_pence"`  // part above the NI-free amount

	Gross      int64 `json:"gross_pence"`       // Earnings + MileagePaid: everything paid before deductions
	TaxablePay int64 `json:"taxable_pay_pence"` // Earnings + MileageTaxable, less a net pay arrangement contribution
	NIablePay  int64 `json:"niable_pay_pence"`  // Earnings + MileageNIable

	Tax            int64          `json:"tax_pence"` // negative: a refund
	NI             NIResult       `json:"ni"`
	WorkerCategory WorkerCategory `json:"worker_category"`
	Pension        Contributions  `json:"pension"` // zero unless enrolled
	// PensionRefund is the PA's own contributions refunded after they opted
	// out: paid with the net pay, taxable under a net pay arrangement.
	PensionRefund int64 `json:"pension_refund_pence"`
	// StudentLoanPlan is the undergraduate plan deducted for, if any.
	StudentLoanPlan  LoanPlan `json:"student_loan_plan,omitempty"`
	StudentLoan      int64    `json:"student_loan_pence"`      // on NIablePay, whole pounds
	PostgraduateLoan int64    `json:"postgraduate_loan_pence"` // on NIablePay, whole pounds
	NetPay           int64    `json:"net_pay_pence"`           // Gross - Tax - NI.Employee - Pension.EmployeeDeduction - loans + PensionRefund
	EmployerCost     int64    `json:"employer_cost_pence"`     // Gross + NI.Employer + Pension.Employer

	YearToDate YearToDate `json:"year_to_date"` // including this payment
	Checks     []Check    `json:"checks"`
}

// Calculate works out one PA's payslip for one period.
func Calculate(in Input) (Payslip, error) {
	if in.PayDate.IsZero() {
		return Payslip{}, inputError("PayDate", CodeInvalidDate, "pay date is missing")
	}
	y, err := YearFor(in.PayDate)
	if err != nil {
		return Payslip{}, err
	}
	if err := checkInput(&in); err != nil {
		return Payslip{}, err
	}
	ps := Payslip{TaxYear: y.Name, Period: TaxPeriod(in.PayDate, in.Frequency), LinePay: make([]int64, len(in.Lines))}

	var workedPay int64
	for i, l := range in.Lines {
		ps.LinePay[i] = l.pay()
		ps.Earnings += ps.LinePay[i]
		if l.Kind.worked() {
			workedPay += ps.LinePay[i]
			ps.WorkedMinutes += l.Minutes
		}
	}
	if ps.SickPay, ps.ParentalPay, err = statutoryPay(y, in); err != nil {
		return Payslip{}, err
	}
	ps.Earnings += ps.SickPay.Amount + ps.ParentalPay.SMP + ps.ParentalPay.SPP
	if ps.SickPay.BelowLowerEarningsLimit {
		ps.Checks = append(ps.Checks, CheckSSPBelowLowerEarningsLimit)
	}
	switch in.Holiday {
	case HolidayAccrued:
		ps.HolidayAccruedMinutes = y.HolidayShare(ps.WorkedMinutes)
	case HolidayRolledUp:
		ps.RolledUpHolidayPay = y.HolidayShare(workedPay)
		ps.Earnings += ps.RolledUpHolidayPay
	}
	if ps.WorkerCategory, err = y.AssessWorker(in.DateOfBirth, in.PayDate, in.Frequency, ps.Earnings); err != nil {
		return Payslip{}, err
	}
	if !CategoryFitsAge(in.NICategory, in.DateOfBirth, in.PayDate) {
		ps.Checks = append(ps.Checks, CheckNICategoryAge)
	}
	if ps.WorkedMinutes > 0 {
		if ps.Checks, err = wageChecks(ps.Checks, in, workedPay, ps.WorkedMinutes); err != nil {
			return Payslip{}, err
		}
	}

	ps.MileagePaid, ps.MileageTaxable, ps.MileageNIable = y.mileagePay(in.Mileage)
	ps.Gross = ps.Earnings + ps.MileagePaid
	ps.TaxablePay = ps.Earnings + ps.MileageTaxable
	ps.NIablePay = ps.Earnings + ps.MileageNIable

	switch {
	case in.PensionStatus == PensionEnrolled:
		if ps.Pension, err = y.PensionContributions(*in.Pension, in.Frequency, ps.Earnings); err != nil {
			return Payslip{}, err
		}
		if in.Pension.Relief == NetPayArrangement {
			ps.TaxablePay -= ps.Pension.EmployeeDeduction
		}
	case in.PensionStatus == PensionNotEnrolled && ps.WorkerCategory == EligibleJobholder:
		ps.Checks = append(ps.Checks, CheckAutoEnrolmentDue)
	}
	refundPension(&ps, in)

	prev := in.YearToDate
	tax, err := y.IncomeTax(TaxInput{
		Code: in.TaxCode, Frequency: in.Frequency, Period: ps.Period, Pay: ps.TaxablePay,
		PayToDate: in.P45.TaxablePay + prev.TaxablePay + ps.TaxablePay,
		TaxToDate: in.P45.Tax + prev.Tax,
	})
	if err != nil {
		return Payslip{}, err
	}
	ps.Tax, ps.Cumulative = tax.Tax, tax.Cumulative
	if tax.Limited {
		ps.Checks = append(ps.Checks, CheckTaxOverridingLimit)
	}
	if ps.NI, err = y.NationalInsurance(in.NICategory, in.Frequency, ps.NIablePay); err != nil {
		return Payslip{}, err
	}

	for _, plan := range in.Loans {
		d, err := y.LoanDeduction(plan, in.Frequency, ps.NIablePay)
		if err != nil {
			return Payslip{}, err
		}
		if plan.Postgraduate() {
			ps.PostgraduateLoan = d
		} else {
			ps.StudentLoanPlan, ps.StudentLoan = plan, d
		}
	}

	ps.NetPay = ps.Gross - ps.Tax - ps.NI.Employee - ps.Pension.EmployeeDeduction - ps.StudentLoan - ps.PostgraduateLoan + ps.PensionRefund
	ps.EmployerCost = ps.Gross + ps.NI.Employer + ps.Pension.Employer
	ps.YearToDate = YearToDate{
		Gross:            prev.Gross + ps.Gross,
		TaxablePay:       prev.TaxablePay + ps.TaxablePay,
		Tax:              prev.Tax + ps.Tax,
		EmployeeNI:       prev.EmployeeNI + ps.NI.Employee,
		EmployerNI:       prev.EmployerNI + ps.NI.Employer,
		EmployeePension:  prev.EmployeePension + ps.Pension.EmployeeDeduction,
		EmployerPension:  prev.EmployerPension + ps.Pension.Employer,
		StudentLoan:      prev.StudentLoan + ps.StudentLoan,
		PostgraduateLoan: prev.PostgraduateLoan + ps.PostgraduateLoan,
		SSP:              prev.SSP + ps.SickPay.Amount,
		SMP:              prev.SMP + ps.ParentalPay.SMP,
		SPP:              prev.SPP + ps.ParentalPay.SPP,
	}
	return ps, nil
}

// statutoryPay is the period's SSP, each part under the rules of the tax
// year it falls in, and its SMP and SPP weeks.
func statutoryPay(y *Year, in Input) (SickPay, ParentalPay, error) {
	var sp SickPay
	var pp ParentalPay
	for _, s := range in.Sickness {
		sy := y
		if !s.From.IsZero() {
			var err error
			if sy, err = YearFor(s.From); err != nil {
				return SickPay{}, ParentalPay{}, err
			}
		}
		part, err := sy.StatutorySickPay(s)
		if err != nil {
			return SickPay{}, ParentalPay{}, err
		}
		sp = sp.add(part)
	}
	for _, w := range in.Parental {
		pay, err := ParentalWeeklyRate(w)
		if err != nil {
			return SickPay{}, ParentalPay{}, err
		}
		if w.Kind == KindSMP {
			pp.SMP, pp.SMPWeeks = pp.SMP+pay, pp.SMPWeeks+1
		} else {
			pp.SPP, pp.SPPWeeks = pp.SPP+pay, pp.SPPWeeks+1
		}
	}
	return sp, pp, nil
}

// wageChecks appends the minimum wage check for the PA's band and the Real
// Living Wage warning, comparing average pay for hours worked.
func wageChecks(checks []Check, in Input, workedPay, workedMinutes int64) ([]Check, error) {
	rates, err := wageRatesOn(in.PeriodStart)
	if err != nil {
		return nil, err
	}
	if rate, check := rates.Minimum(WageBandFor(in.DateOfBirth, in.PeriodStart, in.Apprentice)); check != "" && belowHourlyRate(workedPay, workedMinutes, rate) {
		checks = append(checks, check)
	}
	if belowHourlyRate(workedPay, workedMinutes, rates.RealLivingWage) {
		checks = append(checks, CheckBelowRealLivingWage)
	}
	return checks, nil
}

// checkInput refuses inputs that cannot give a meaningful payslip. The
// frequency, date of birth, tax code, NI category, scheme and sickness are
// checked by the Year method that uses each.
func checkInput(in *Input) error {
	switch {
	case in.PeriodStart.IsZero():
		return inputError("PeriodStart", CodeInvalidDate, "pay reference period start is missing")
	case in.Holiday != HolidayAccrued && in.Holiday != HolidayRolledUp:
		return inputError("Holiday", CodeInvalidHolidayMode, "holiday mode must be accrued or rolled up")
	case in.PensionStatus < PensionNotEnrolled || in.PensionStatus > PensionPostponed:
		return inputError("PensionStatus", CodeInvalidPension, "unknown pension status")
	case (in.PensionStatus == PensionEnrolled || in.PensionRefund != 0) && in.Pension == nil:
		return inputError("Pension", CodeInvalidPension, "the PA is enrolled or refunded but no pension scheme is given")
	}
	for i, l := range in.Lines {
		if code, detail := checkLine(l, in.Holiday); code != "" {
			return inputError(fmt.Sprintf("Lines[%d]", i), code, detail)
		}
	}
	if m := in.Mileage; !inRange(m.Tenths, m.RatePence, m.TenthsToDate) {
		return inputError("Mileage", CodeInvalidAmount, "mileage and its rate must be between 0 and the limit")
	}
	t, p := in.YearToDate, in.P45
	if err := checkLoans(in.Loans); err != nil {
		return err
	}
	if !inRange(t.Gross, t.SSP, t.SMP, t.SPP, in.PensionRefund, t.EmployeeNI, t.EmployerNI, t.EmployeePension, t.EmployerPension, t.StudentLoan, t.PostgraduateLoan, abs(t.TaxablePay), abs(t.Tax), abs(p.TaxablePay), abs(p.Tax)) {
		return inputError("YearToDate", CodeInvalidAmount, "year-to-date and P45 amounts must be within range (only tax and taxable pay may be negative)")
	}
	return nil
}

// checkLine returns why a pay line is refused, or "" if it is fine.
func checkLine(l PayLine, holiday HolidayMode) (ErrorCode, string) {
	switch {
	case l.Kind < ShiftStandard || l.Kind > ShiftHoliday:
		return CodeInvalidPayLine, fmt.Sprintf("unknown shift kind %d", int(l.Kind))
	case l.Kind == ShiftSleepIn && l.SleepIns < 1, l.Kind != ShiftSleepIn && l.SleepIns != 0:
		return CodeInvalidPayLine, "only a sleep-in line has sleep-ins, and it needs at least one"
	case l.Kind == ShiftHoliday && holiday == HolidayRolledUp:
		return CodeInvalidPayLine, "holiday taken is not paid again when holiday pay is rolled up"
	case !inRange(l.Minutes, l.Rate, l.SleepIns):
		return CodeInvalidAmount, "minutes, rate and sleep-ins must be between 0 and the limit"
	}
	return "", ""
}

// inRange reports whether every value is between 0 and a limit that keeps
// products of amounts, minutes and rates inside int64.
func inRange(vs ...int64) bool {
	const limit = maxAmount / 1000 // £1,000,000 or 100 million minutes or tenths of a mile
	for _, v := range vs {
		if v < 0 || v > limit {
			return false
		}
	}
	return true
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
