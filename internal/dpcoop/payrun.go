package dpcoop

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

// PayrollSettings are a co-op's choices for its monthly payroll. They live on
// the co-op's own record, so the daily dispatch reads every co-op's in one
// query.
type PayrollSettings struct {
	// PayDay is the day of the following month on which a month's work is
	// paid (1 to 28, so every month has it).
	PayDay int `json:"pay_day"`
	// LeadDays is how many days before the pay day the run is calculated.
	LeadDays int `json:"lead_days"`
	// AutoFinalise finalises the run as soon as it is calculated, when
	// nothing blocks it; otherwise an admin finalises the preview.
	AutoFinalise bool `json:"auto_finalise"`
	// FeePerMemberPence is the co-op's fee charged to each member supported
	// in the month; FeeBasisPoints a percentage of their payroll charge.
	FeePerMemberPence int64 `json:"fee_per_member_pence"`
	FeeBasisPoints    int64 `json:"fee_basis_points"`
	// The workplace pension scheme: rates in basis points of qualifying
	// earnings and the tax relief method.
	PensionEmployerBP int64  `json:"pension_employer_bp"`
	PensionEmployeeBP int64  `json:"pension_employee_bp"`
	PensionRelief     string `json:"pension_relief"`
	// PensionDuties are the co-op's automatic enrolment choices (pension.go).
	PensionDuties
	// EmploymentTerms are what PAs' written statements state (particulars.go).
	EmploymentTerms
	// Holiday is "accrued" (12.07 % of hours worked builds up as leave) or
	// "rolled_up" (12.07 % paid with each payslip, shown separately).
	Holiday string `json:"holiday"`
	// MileagePence is what the co-op pays a mile.
	MileagePence int64 `json:"mileage_pence"`
	// SurplusLimitPence is the balance above which a member's account is
	// flagged (councils reclaim large unspent balances); zero means twice
	// the member's expected monthly charges.
	SurplusLimitPence int64 `json:"surplus_limit_pence"`
	// PaysWithinMonth pays a month's work on the pay day of the same month,
	// so its run may be finalised before the month ends; otherwise a month
	// is paid the month after and is finalised only once it has ended.
	PaysWithinMonth bool `json:"pays_within_month"`
	// EmploymentAllowance: the co-op claims the Employment Allowance, so
	// each final run takes what is left of the year's allowance off its
	// employer NI due to HMRC. The co-op must check it is eligible first
	// (docs/tax-years.md); it claims again each tax year on its EPS.
	EmploymentAllowance bool `json:"employment_allowance"`
	// PAYEReference ("123/AB456") and AccountsOfficeReference
	// ("123PG00012345") are the references HMRC gave the co-op's PAYE
	// scheme: every RTI submission carries them (employerrefs.go). Empty
	// until the co-op has registered as an employer.
	PAYEReference           string `json:"paye_reference,omitempty"`
	AccountsOfficeReference string `json:"accounts_office_reference,omitempty"`
	// HolidayYearMonth is the month (1 to 12) the co-op's leave year starts
	// on the 1st of; 0 means April (DefaultLeaveYearMonth).
	HolidayYearMonth int `json:"holiday_year_month"`
	// StatutoryCharge is who is charged for a PA's SSP, SMP and SPP:
	// "members" (the default: the members they supported in the 12 weeks
	// before, by hours) or "coop" (the co-op's fees account).
	StatutoryCharge string `json:"statutory_pay_charge,omitempty"`
}

// DefaultPayrollSettings are what a new co-op starts with.
var DefaultPayrollSettings = PayrollSettings{
	PayDay: 7, LeadDays: 3, PensionEmployerBP: 300, PensionEmployeeBP: 500,
	PensionRelief: "relief_at_source", Holiday: "accrued", MileagePence: 45,
}

var (
	reliefs      = map[string]payroll.Relief{"relief_at_source": payroll.ReliefAtSource, "net_pay": payroll.NetPayArrangement}
	holidayModes = map[string]payroll.HolidayMode{"accrued": payroll.HolidayAccrued, "rolled_up": payroll.HolidayRolledUp}
)

// Validate checks the settings, including the legal pension minimums.
func (s PayrollSettings) Validate() error {
	var p Problems
	rng := func(field string, v, lo, hi int64) {
		if v < lo || v > hi {
			p.Add(field, FieldOutOfRange, "min", strconv.FormatInt(lo, 10), "max", strconv.FormatInt(hi, 10))
		}
	}
	rng("pay_day", int64(s.PayDay), 1, 28)
	rng("lead_days", int64(s.LeadDays), 0, 20)
	rng("fee_per_member_pence", s.FeePerMemberPence, 0, 100_00)
	rng("fee_basis_points", s.FeeBasisPoints, 0, 2000)
	rng("mileage_pence", s.MileagePence, 0, 100)
	rng("surplus_limit_pence", s.SurplusLimitPence, 0, MaxAmountPence-1)
	rng("holiday_year_month", int64(s.HolidayYearMonth), 0, 12)
	if _, ok := reliefs[s.PensionRelief]; !ok {
		p.Add("pension_relief", FieldChoice)
	}
	if _, ok := holidayModes[s.Holiday]; !ok {
		p.Add("holiday", FieldChoice)
	}
	if !slices.Contains([]string{"", StatutoryChargeMembers, StatutoryChargeCoop}, s.StatutoryCharge) {
		p.Add("statutory_pay_charge", FieldChoice)
	}
	if s.PensionEmployerBP < 300 || s.PensionEmployerBP > 10000 {
		p.Add("pension_employer_bp", FieldOutOfRange, "min", "300", "max", "10000")
	}
	if s.PensionEmployeeBP < 0 || s.PensionEmployerBP+s.PensionEmployeeBP < 800 || s.PensionEmployeeBP > 10000 {
		p.Add("pension_employee_bp", FieldPensionTotal)
	}
	s.checkEmployerReferences(&p)
	s.PensionDuties.validate(&p)
	s.EmploymentTerms.validate(&p)
	return p.Err("payroll settings")
}

// Scheme is the settings' pension scheme in the payroll engine's terms.
func (s PayrollSettings) Scheme() *payroll.PensionScheme {
	return &payroll.PensionScheme{Relief: reliefs[s.PensionRelief], EmployerRate: payroll.Rate(s.PensionEmployerBP), EmployeeRate: payroll.Rate(s.PensionEmployeeBP)}
}

// HolidayMode is the settings' holiday choice in the engine's terms.
func (s PayrollSettings) HolidayMode() payroll.HolidayMode { return holidayModes[s.Holiday] }

var monthPattern = regexp.MustCompile(`^20[0-9]{2}-(0[1-9]|1[0-2])$`)

// ParseMonth accepts a pay month "YYYY-MM".
func ParseMonth(s string) (string, bool) { return s, monthPattern.MatchString(s) }

// PayDate is the day a month's work is paid: the pay day of the next month,
// or of the month itself for a co-op that pays within the month.
func (s PayrollSettings) PayDate(month string) Date {
	t, _ := time.Parse(MonthLayout, month) // months are checked where they enter
	next := time.Month(1)
	if s.PaysWithinMonth {
		next = 0
	}
	return Date(time.Date(t.Year(), t.Month()+next, s.PayDay, 0, 0, 0, 0, time.UTC).Format(DateLayout))
}

// MayFinalise refuses to make a month's run final before the month has
// ended (today is London's date), unless the co-op pays within the month:
// finalising locks the month's timesheets.
func (s PayrollSettings) MayFinalise(month string, today Date) error {
	if s.PaysWithinMonth || today.Month() > month {
		return nil
	}
	return &Error{Op: "finalise run", Kind: KindConflict, Code: CodeMonthNotEnded,
		Fields: []FieldError{{Field: "month", Code: CodeMonthNotEnded, Params: map[string]string{"month": month}}}}
}

// EarlierMonthUnpaid is the refusal to calculate or finalise a month while
// an earlier month with approved work is not final: months are paid in
// order, so each month's tax to date includes every month before it.
func EarlierMonthUnpaid(op, unpaid string) error {
	return &Error{Op: op, Kind: KindConflict, Code: CodeEarlierMonthUnpaid,
		Fields: []FieldError{{Field: "month", Code: CodeEarlierMonthUnpaid, Params: map[string]string{"month": unpaid}}}}
}

// PreviousMonth is the pay month before month.
func PreviousMonth(month string) string {
	t, _ := time.Parse(MonthLayout, month) // months are checked where they enter
	return t.AddDate(0, -1, 0).Format(MonthLayout)
}

// NextMonth is the pay month after month.
func NextMonth(month string) string {
	t, _ := time.Parse(MonthLayout, month) // months are checked where they enter
	return t.AddDate(0, 1, 0).Format(MonthLayout)
}

// RunInputs are fingerprints of what a preview was calculated from, part by
// part, so that finalising can tell whether any of it changed since.
type RunInputs struct {
	Shifts    string `json:"shifts"`
	Rates     string `json:"rates"`
	TaxCodes  string `json:"tax_codes"`
	PARecords string `json:"pa_records"`
	Settings  string `json:"settings"`
}

// Changed lists the parts that differ from now's, as field errors of a
// stale preview: each says in the reader's language what changed.
func (in RunInputs) Changed(now RunInputs) error {
	var fields []FieldError
	for _, part := range []struct{ code, was, is string }{
		{FieldShiftsChanged, in.Shifts, now.Shifts}, {FieldRatesChanged, in.Rates, now.Rates},
		{FieldTaxCodesChanged, in.TaxCodes, now.TaxCodes}, {FieldPARecordsChanged, in.PARecords, now.PARecords},
		{FieldSettingsChanged, in.Settings, now.Settings},
	} {
		if part.was != part.is {
			fields = append(fields, FieldError{Field: "preview", Code: part.code})
		}
	}
	if len(fields) == 0 {
		return nil
	}
	return &Error{Op: "finalise run", Kind: KindConflict, Code: CodePreviewStale, Fields: fields}
}

// DueOn is the first day the month's run may be calculated.
func (s PayrollSettings) DueOn(month string) Date {
	return Date(s.PayDate(month).Time().AddDate(0, 0, -s.LeadDays).Format(DateLayout))
}

// RunStatus is where a month's payroll run is.
type RunStatus string

// A run is calculated into a preview, then finalised, once; a run that failed
// can be started again with a new attempt.
const (
	RunCalculating RunStatus = "calculating"
	RunPreview     RunStatus = "preview"
	RunFinal       RunStatus = "final"
	RunFailed      RunStatus = "failed"
)

// RunTotals are a run's figures for the board and the council.
type RunTotals struct {
	Payslips         int   `json:"payslips"`
	Gross            int64 `json:"gross_pence"`
	Tax              int64 `json:"tax_pence"`
	EmployeeNI       int64 `json:"employee_ni_pence"`
	EmployerNI       int64 `json:"employer_ni_pence"`
	EmployeePension  int64 `json:"employee_pension_pence"`
	EmployerPension  int64 `json:"employer_pension_pence"`
	StudentLoan      int64 `json:"student_loan_pence"`      // plan 1, 2, 4 and 5 deductions
	PostgraduateLoan int64 `json:"postgraduate_loan_pence"` // postgraduate loan deductions
	// PensionRefund is opted-out PAs' contributions given back with their
	// pay: the scheme returns them, so it is set against what the run owes it.
	PensionRefund  int64 `json:"pension_refund_pence,omitempty"`
	HolidayAccrual int64 `json:"holiday_accrual_pence"`
	// EmploymentAllowance is the part of the year's Employment Allowance
	// this run takes off its employer NI (worked out again on finalising,
	// from the final runs before it).
	EmploymentAllowance int64 `json:"employment_allowance_pence"`
	HolidayPaid         int64 `json:"holiday_paid_pence"` // leave paid out of the holiday provision
	SSP                 int64 `json:"ssp_pence"`          // statutory sick pay
	SMP                 int64 `json:"smp_pence"`          // statutory maternity pay
	SPP                 int64 `json:"spp_pence"`          // statutory paternity pay
	Net                 int64 `json:"net_pence"`
	Fees                int64 `json:"fees_pence"`
	Charged             int64 `json:"charged_pence"`
}

// Run is one co-op's payroll for one month.
type Run struct {
	Coop        CoopID     `json:"-"`
	Month       string     `json:"month"`
	PayDate     Date       `json:"pay_date"`
	Status      RunStatus  `json:"status"`
	Attempt     int        `json:"attempt"`
	Execution   string     `json:"execution"`
	Started     time.Time  `json:"started"`
	Calculated  *time.Time `json:"calculated,omitempty"`
	Finalised   *time.Time `json:"finalised,omitempty"`
	FinalisedBy string     `json:"finalised_by,omitempty"`
	Error       string     `json:"error,omitempty"`
	Problems    []Problem  `json:"problems,omitempty"`
	// ProblemsFound counts the PAs the attempt's batches could not pay, added
	// as each batch stores its payslips (a retried batch adds its own again,
	// so it may count a PA twice, never none): at zero the post step need not
	// read the batches' problems. Nil for a run begun before it was counted.
	ProblemsFound *int64 `json:"-" dynamodbav:",omitempty"`
	// Inputs fingerprint what the attempt was calculated from.
	Inputs  RunInputs `json:"-"`
	Totals  RunTotals `json:"totals"`
	Charges []Charge  `json:"charges,omitempty"`
}

// Problem is something in a run that an admin must see; a blocking one stops
// the run being finalised.
type Problem struct {
	Code string `json:"code"`
	PA   string `json:"pa_id,omitempty"`
	// Figure names a tax year's figure not yet published (for example
	// "ni_lel_2027_28"), so the admin is told which one the run waits for.
	Figure   string `json:"figure,omitempty"`
	Blocking bool   `json:"blocking"`
}

// ExecutionName is the Step Functions execution of a run attempt: Step
// Functions refuses a second execution of the same name, so a double start
// does nothing.
func ExecutionName(coop CoopID, month string, attempt int) string {
	if attempt <= 1 {
		return fmt.Sprintf("payroll-%s-%s", coop, month)
	}
	return fmt.Sprintf("payroll-%s-%s-%d", coop, month, attempt)
}

// PayLine is one kind of work at one rate in a PA's month; back pay is late
// work from a month already paid.
type PayLine struct {
	Kind     ShiftKind `json:"kind"`
	BackPay  bool      `json:"back_pay,omitempty"`
	Minutes  int64     `json:"minutes"`
	Rate     int64     `json:"rate_pence"`
	SleepIns int64     `json:"sleep_ins,omitempty"`
	Pay      int64     `json:"pay_pence"`
}

// MemberWork is what one member received from a PA in a month: the hours, and
// the pay for them at the rates and kinds that applied, which apportions the
// PA's cost; and the mileage done for them.
type MemberWork struct {
	Member        string `json:"member_id"`
	Minutes       int64  `json:"minutes"`
	Pay           int64  `json:"pay_pence"`
	MileageTenths int64  `json:"mileage_tenths"`
	// HolidayMinutes is the leave the member approved for the PA, paid out
	// of the holiday provision rather than charged as Pay.
	HolidayMinutes int64 `json:"holiday_minutes,omitempty"`
}

// Payslip is a PA's pay for a month as calculated in a run: the work it was
// calculated from, the engine's result and how its cost falls on members.
type Payslip struct {
	Coop          CoopID          `json:"-"`
	Month         string          `json:"month"`
	PA            string          `json:"pa_id"`
	Name          string          `json:"name"`
	PayDate       Date            `json:"pay_date"`
	TaxCode       string          `json:"tax_code"`
	NICategory    string          `json:"ni_category"`
	Attempt       int             `json:"attempt"`
	Lines         []PayLine       `json:"lines"`
	MileageTenths int64           `json:"mileage_tenths"`
	MileageRate   int64           `json:"mileage_rate_pence"`
	Members       []MemberWork    `json:"members"`
	Result        payroll.Payslip `json:"result"`
	// HolidayAccrual is the cost of leave earned but not yet taken, which the
	// members' accounts carry as it builds up (zero for rolled-up holiday).
	HolidayAccrual int64    `json:"holiday_accrual_pence"`
	Checks         []string `json:"checks,omitempty"`
	// Holiday is the leave earned, taken and paid, and the balance after
	// this payslip (accrued mode only).
	Holiday *SlipHoliday `json:"holiday,omitempty"`
	// Statutory is the SSP, SMP and SPP paid (statpay.go).
	Statutory *StatutoryPaid `json:"statutory,omitempty"`
	// PensionStatus is the PA's pension status this month and
	// PensionEvents what the run records in their history once it is final.
	PensionStatus string         `json:"pension_status,omitempty"`
	PensionEvents []PensionEvent `json:"pension_events,omitempty"`
}

// Who is charged for statutory pay (PayrollSettings.StatutoryCharge).
const (
	StatutoryChargeMembers = "members"
	StatutoryChargeCoop    = "coop"
)

// StatutoryPaid is the statutory pay a payslip pays, day by day and week by
// week, so that no later run pays it again.
type StatutoryPaid struct {
	SSPDays []Date `json:"ssp_days,omitempty"`
	// SSPWithheld counts qualifying days waiting for a fit note.
	SSPWithheld int    `json:"ssp_withheld_days,omitempty"`
	SMPWeeks    []Date `json:"smp_weeks,omitempty"`
	SPPWeeks    []Date `json:"spp_weeks,omitempty"`
	// Members are the members the PA supported in the 12 weeks before,
	// with their minutes: the statutory pay is charged in proportion.
	Members []MemberWork `json:"members,omitempty"`
}

// Record is what the payslip adds to the PA's pay history once final.
func (p Payslip) Record() PayRecord {
	r := PayRecord{Month: p.Month, PayDate: p.PayDate, Earnings: p.Result.NIablePay,
		SSP: p.Result.SickPay.Amount, SMP: p.Result.ParentalPay.SMP, SPP: p.Result.ParentalPay.SPP}
	if p.Statutory != nil {
		r.SSPDays, r.SMPWeeks, r.SPPWeeks = p.Statutory.SSPDays, p.Statutory.SMPWeeks, p.Statutory.SPPWeeks
	}
	return r
}

// Cost is what the PA's month costs the employer, the amount members share.
func (p Payslip) Cost() int64 {
	return p.Result.EmployerCost + p.HolidayAccrual - p.FromHolidayProvision()
}

// ChargePart is one PA's share in a member's charge: the source a council
// auditor traces a charge back to.
type ChargePart struct {
	PA string `json:"pa_id"`
	// PAName is the PA's name as their payslip prints it, kept on the part
	// when the run posts it so that a statement names the PA without
	// reading their record (empty on charges posted before it was kept).
	PAName          string `json:"pa_name,omitempty"`
	Minutes         int64  `json:"minutes"`
	Gross           int64  `json:"gross_pence"`
	EmployerNI      int64  `json:"employer_ni_pence"`
	EmployerPension int64  `json:"employer_pension_pence"`
	HolidayAccrual  int64  `json:"holiday_accrual_pence"`
	// StatutoryPay is the part of Gross that is SSP, SMP or SPP.
	StatutoryPay int64 `json:"statutory_pay_pence,omitempty"`
	Total        int64 `json:"total_pence"`
}

// Charge is what a member's direct-payment account (or, for shared shifts
// charged to a pool, the pool's fund: Member "pool:<id>") pays for a month's
// support.
type Charge struct {
	Member string       `json:"member_id"`
	Parts  []ChargePart `json:"parts"`
	Amount int64        `json:"amount_pence"`
	Fee    int64        `json:"fee_pence"`
}

// PensionStatus reads a PA's pension choice for the engine.
func (pa PA) PensionStatus() payroll.PensionStatus {
	switch pa.Pension {
	case PensionEnrol:
		return payroll.PensionEnrolled
	case PensionOptOut:
		return payroll.PensionOptedOut
	}
	return payroll.PensionNotEnrolled
}

// YearToDate is what a PA has been paid so far in a tax year by final runs,
// kept on their record so a payslip needs no history read.
type YearToDate struct {
	TaxYear       string             `json:"tax_year"`
	Month         string             `json:"month"`
	Figures       payroll.YearToDate `json:"figures"`
	MileageTenths int64              `json:"mileage_tenths"`
	// Holiday is the PA's leave as final runs left it: it runs by leave
	// year, not tax year, and is carried from one tax year to the next.
	Holiday *HolidayRecord `json:"holiday,omitempty"`
	// PensionEvents are what the final run adds to the PA's pension events,
	// written in the same update as these figures (not kept here).
	PensionEvents []PensionEvent `json:"-" dynamodbav:"-"`
}

// Blocking reports whether any problem stops the run being finalised.
func (r Run) Blocking() bool {
	return slices.ContainsFunc(r.Problems, func(p Problem) bool { return p.Blocking })
}
