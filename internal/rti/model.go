package rti

import "fmt"

// The documents
//
// FPS and EPS hold what HMRC's Full Payment Submission and Employer Payment
// Summary carry that dpcoop can fill, in the schema's order. Money is
// integer pence (the XML shows pounds with two decimals); an optional
// figure that is zero is left out, unless a pointer field says it is to be
// sent as zero. Dates are YYYY-MM-DD.

// Year is one tax year's RTI schema: its namespaces and the year as the
// documents write it.
type Year struct {
	Name    string // "2026-27", as internal/payroll names years
	Related string // RelatedTaxYear: "26-27"
	FPS     string // the FullPaymentSubmission namespace
	EPS     string // the EmployerPaymentSummary namespace
	Start   string // 6 April
	End     string // 5 April: the IRheader's PeriodEnd
}

// years are the tax years dpcoop can file for. The 2026-27 namespaces are
// those of HMRC's 2026-27 RTI technical specifications; 2027-28's follow
// HMRC's yearly pattern and must be checked against its 2027-28 pack
// (docs/rti.md) before the first payday of that year.
var years = map[string]Year{
	"2026-27": {Name: "2026-27", Related: "26-27",
		FPS:   "http://www.govtalk.gov.uk/taxation/PAYE/RTI/FullPaymentSubmission/26-27/1",
		EPS:   "http://www.govtalk.gov.uk/taxation/PAYE/RTI/EmployerPaymentSummary/26-27/1",
		Start: "2026-04-06", End: "2027-04-05"},
	"2027-28": {Name: "2027-28", Related: "27-28",
		FPS:   "http://www.govtalk.gov.uk/taxation/PAYE/RTI/FullPaymentSubmission/27-28/1",
		EPS:   "http://www.govtalk.gov.uk/taxation/PAYE/RTI/EmployerPaymentSummary/27-28/1",
		Start: "2027-04-06", End: "2028-04-05"},
}

// YearNamed is the RTI schema of a tax year ("2026-27").
func YearNamed(name string) (Year, error) {
	y, ok := years[name]
	if !ok {
		return Year{}, fmt.Errorf("rti: no RTI schema for tax year %q", name)
	}
	return y, nil
}

// contains reports whether date (YYYY-MM-DD) falls in the tax year.
func (y Year) contains(date string) bool { return date >= y.Start && date <= y.End }

// Employer is the PAYE scheme the documents are for: the employer PAYE
// reference split into tax office number and reference ("123/AB456"), and
// the Accounts Office reference.
type Employer struct {
	OfficeNo       string
	PayeRef        string
	AccountsOffice string
}

// FPS is a Full Payment Submission: one pay day's payments to employees.
type FPS struct {
	Employer  Employer
	Year      string // "2026-27"
	Employees []Employee
	// FinalForYear marks the year's last FPS (FinalSubmission/ForYear).
	FinalForYear bool
}

// Employee is one employee's details and one employment's payment.
type Employee struct {
	NINO      string   // without spaces; empty when not known
	Title     string   // optional
	Forenames []string // one or two
	Surname   string
	Address   []string // up to four lines
	Postcode  string   // UK postcode
	BirthDate string
	Gender    string // "M" or "F": the gender HMRC holds for the person
	Employment
}

// Employment is the employment's part of the FPS.
type Employment struct {
	Starter          *Starter // on the first FPS of a new employment
	PayID            string   // the payroll ID, unique in the scheme
	IrregularPayment bool     // IrrEmp: not expected to be paid for 3 months or more
	LeavingDate      string
	ToDate           FiguresToDate
	Payment          Payment
	NI               []NIFigures // one per NI category letter used in the year
}

// Starter is the starter declaration of a new employment.
type Starter struct {
	StartDate    string
	Declaration  string // StartDec: "A", "B" or "C"
	StudentLoan  bool   // the starter checklist says a student loan is being repaid
	PostgradLoan bool
}

// FiguresToDate are the employment's totals in the tax year, this payment
// included.
type FiguresToDate struct {
	TaxablePay int64
	Tax        int64
	// StudentLoans and PostgradLoans are sent (even as zero) when not nil:
	// whenever a loan plan is in force.
	StudentLoans     *int64
	PostgradLoans    *int64
	PensionNetPay    int64 // EmpeePenContribnsPaidYTD: paid under a net pay arrangement
	PensionNotNetPay int64 // EmpeePenContribnsNotPaidYTD: not under one (relief at source)
}

// Payment is this payment's figures.
type Payment struct {
	Frequency        string // PayFreq: "M1" for monthly
	Date             string // PmtDate
	MonthNo          int    // tax month (1 to 12) for monthly, quarterly... pay
	WeekNo           int    // tax week for weekly pay; MonthNo or WeekNo, not both
	PeriodsCovered   int
	AfterLeaving     bool   // PmtAfterLeaving
	HoursWorked      string // band "A" (under 16 a week) to "D" (30 or more), "E" other
	TaxCode          string // without the regime prefix or the basis: "1257L", "BR", "K500"
	NonCumulative    bool   // week 1/month 1 basis
	TaxRegime        string // "", "S" (Scotland) or "C" (Wales)
	TaxablePay       int64
	PensionNetPay    int64 // EmpeePenContribnsPaid
	PensionNotNetPay int64 // EmpeePenContribnsNotPaid
	// StudentLoan is recovered under StudentLoanPlan ("01", "02", "04",
	// "05"); it is sent when the plan is set.
	StudentLoanPlan string
	StudentLoan     int64
	PostgradLoan    *int64 // sent when not nil
	Tax             int64  // TaxDeductedOrRefunded: negative for a refund
	Statutory       StatutoryToDate
}

// StatutoryToDate is statutory pay paid so far in the tax year, this
// payment included (SSP is not reported separately on the FPS).
type StatutoryToDate struct {
	SMP, SPP, SAP, ShPP, SPBP, SNCP int64
}

// NIFigures are one NI category letter's earnings and contributions.
type NIFigures struct {
	Letter        string
	GrossInPeriod int64
	GrossToDate   int64
	AtLELToDate   int64 // whole pounds
	LELToPTToDate int64
	PTToUELToDate int64
	// TotalInPeriod and TotalToDate are employee and employer NI together.
	TotalInPeriod    int64
	TotalToDate      int64
	EmployeeInPeriod int64
	EmployeeToDate   int64
}

// EPS is an Employer Payment Summary.
type EPS struct {
	Employer Employer
	Year     string
	// NoPayment is the tax months (6th to 5th) in which nobody was paid.
	NoPayment *Period
	// EmploymentAllowance, when not nil, is the Employment Allowance
	// indicator: true claims it for the year.
	EmploymentAllowance *bool
	// Recoverable is statutory pay recovered and NIC compensation, to date
	// in the year, with the tax month it is up to.
	Recoverable *Recoverable
	// FinalForYear marks the year's last submission.
	FinalForYear bool
}

// Period is a run of whole tax months.
type Period struct{ From, To string } // From a 6th, To a 5th

// Recoverable is what the EPS's RecoverableAmountsYTD holds. The payroll
// does not pay SMP, SPP, SAP, ShPP, SPBP or SNCP yet: when it does, these
// are the year's totals recovered (docs/rti.md).
type Recoverable struct {
	TaxMonth                        int
	SMP, SPP, SAP, ShPP, SPBP, SNCP int64
	NICCompensation                 StatutoryAmounts
}

// StatutoryAmounts are NIC compensation by kind of statutory pay.
type StatutoryAmounts struct {
	SMP, SPP, SAP, ShPP, SPBP, SNCP int64
}
