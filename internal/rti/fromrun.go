package rti

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// From dpcoop's records
//
// A final run's FPS is built from each PA's payslip (payroll figures and
// figures to date), their record (name, address, date of birth, NI number),
// their pay history (starter declaration, loans, leaving date) and the
// co-op's payroll settings (employer references, pension relief). What
// dpcoop does not hold yet is passed in beside them: the gender HMRC holds
// for the PA, and statutory pay other than SSP (docs/rti.md).

// RunEmployee is one PA paid in the run.
type RunEmployee struct {
	Slip    dpcoop.Payslip
	PA      dpcoop.PA
	History dpcoop.PayHistory
	// Earlier are the PA's final payslips of the same tax year before this
	// one: the NI earnings bands to date are their sum with this one's.
	Earlier []dpcoop.Payslip
	// Gender is "M" or "F", as HMRC holds it; the FPS requires it and the
	// PA record does not have it yet.
	Gender string
	// First marks the employment's first FPS, which carries the starter
	// details.
	First bool
	// Irregular: the PA is not expected to be paid for three months or more.
	Irregular bool
	// Statutory is statutory pay (SMP, SPP...) paid to date in the year.
	Statutory StatutoryToDate
}

// Run is a final run's payslips and the co-op's settings.
type Run struct {
	Settings     dpcoop.PayrollSettings
	Employees    []RunEmployee
	FinalForYear bool
}

// ErrNoReferences means the co-op has not recorded its PAYE scheme's
// references yet.
var ErrNoReferences = errors.New("rti: the co-op's PAYE reference and Accounts Office reference are not recorded")

// EmployerFrom is the co-op's PAYE scheme as RTI writes it.
func EmployerFrom(s dpcoop.PayrollSettings) (Employer, error) {
	office, ref, ok := dpcoop.SplitPAYEReference(s.PAYEReference)
	if !ok || !dpcoop.ValidAccountsOfficeReference(s.AccountsOfficeReference) {
		return Employer{}, ErrNoReferences
	}
	return Employer{OfficeNo: office, PayeRef: ref, AccountsOffice: s.AccountsOfficeReference}, nil
}

// FPSFromRun builds the FPS of a final run. Every payslip must be paid on
// the same day, in a tax year RTI has a schema for.
func FPSFromRun(r Run) (FPS, error) {
	er, err := EmployerFrom(r.Settings)
	if err != nil {
		return FPS{}, err
	}
	if len(r.Employees) == 0 {
		return FPS{}, errors.New("rti: a run's FPS needs a payslip")
	}
	f := FPS{Employer: er, Year: r.Employees[0].Slip.Result.TaxYear, FinalForYear: r.FinalForYear}
	netPay := r.Settings.Scheme().Relief == payroll.NetPayArrangement
	for _, e := range r.Employees {
		if e.Slip.PayDate != r.Employees[0].Slip.PayDate || e.Slip.Result.TaxYear != f.Year {
			return FPS{}, fmt.Errorf("rti: PA %s: payslip not paid on the run's pay day", e.PA.ID)
		}
		emp, err := employeeFrom(e, netPay)
		if err != nil {
			return FPS{}, fmt.Errorf("rti: PA %s: %w", e.PA.ID, err)
		}
		f.Employees = append(f.Employees, emp)
	}
	return f, nil
}

func employeeFrom(e RunEmployee, netPay bool) (Employee, error) {
	s, res, ytd := e.Slip, e.Slip.Result, e.Slip.Result.YearToDate
	pa := e.PA.WithHistory(e.History, s.PayDate)
	fore, sur := splitName(pa.LegalName)
	if sur == "" {
		return Employee{}, errors.New("the legal name has no letters HMRC accepts")
	}
	lines, postcode := splitAddress(pa.Address)
	out := Employee{
		NINO: strings.ToUpper(strings.ReplaceAll(pa.NINumber, " ", "")), Forenames: fore, Surname: sur,
		Address: lines, Postcode: postcode, BirthDate: string(pa.DateOfBirth), Gender: e.Gender,
	}
	if e.Gender != "M" && e.Gender != "F" {
		return Employee{}, errors.New("the gender HMRC holds for the PA is not recorded")
	}
	m := &out.Employment
	m.PayID = pa.ID
	m.IrregularPayment = e.Irregular
	if e.First {
		if pa.Starter == "" {
			return Employee{}, errors.New("the starter declaration's statement (A, B or C) is not recorded")
		}
		m.Starter = &Starter{StartDate: string(pa.StartDate), Declaration: pa.Starter,
			StudentLoan: pa.StudentLoanPlan != "", PostgradLoan: pa.PostgraduateLoan}
	}
	left := e.History.Left
	if left != "" && !s.PayDate.Before(left) {
		m.LeavingDate = string(left)
	}
	tc, err := payroll.ParseTaxCode(s.TaxCode)
	if err != nil {
		return Employee{}, errors.New("the payslip's tax code does not parse")
	}
	regime := map[payroll.Regime]string{payroll.RegimeScotland: "S", payroll.RegimeWales: "C"}[tc.Regime]
	basis := tc.NonCumulative
	tc.Regime, tc.NonCumulative = payroll.RegimeRUK, false

	loans := e.History.LoansOn(s.PayDate)
	m.ToDate = FiguresToDate{TaxablePay: ytd.TaxablePay, Tax: ytd.Tax}
	undergraduate := slices.ContainsFunc(loans, func(p payroll.LoanPlan) bool { return !p.Postgraduate() })
	if undergraduate || ytd.StudentLoan != 0 {
		m.ToDate.StudentLoans = ptrTo(ytd.StudentLoan)
	}
	if slices.Contains(loans, payroll.LoanPostgraduate) || ytd.PostgraduateLoan != 0 {
		m.ToDate.PostgradLoans = ptrTo(ytd.PostgraduateLoan)
	}
	p := Payment{
		Frequency: "M1", Date: string(s.PayDate), MonthNo: res.Period, PeriodsCovered: 1,
		AfterLeaving: left != "" && slices.ContainsFunc(e.Earlier, func(x dpcoop.Payslip) bool { return !x.PayDate.Before(left) }),
		HoursWorked:  hoursBand(res.WorkedMinutes, s.Month),
		TaxCode:      tc.String(), NonCumulative: basis, TaxRegime: regime,
		TaxablePay: res.TaxablePay, Tax: res.Tax, Statutory: e.Statutory,
	}
	if res.StudentLoanPlan != "" {
		p.StudentLoanPlan = "0" + strings.TrimPrefix(string(res.StudentLoanPlan), "plan_")
		p.StudentLoan = res.StudentLoan
	}
	if slices.Contains(loans, payroll.LoanPostgraduate) || res.PostgraduateLoan != 0 {
		p.PostgradLoan = ptrTo(res.PostgraduateLoan)
	}
	if netPay {
		p.PensionNetPay, m.ToDate.PensionNetPay = res.Pension.EmployeeDeduction, ytd.EmployeePension
	} else {
		p.PensionNotNetPay, m.ToDate.PensionNotNetPay = res.Pension.EmployeeDeduction, ytd.EmployeePension
	}
	m.Payment = p
	m.NI, err = niFigures(s, e.Earlier)
	if err != nil {
		return Employee{}, err
	}
	return out, nil
}

// niFigures are the NI letters used in the tax year: this payment's for
// its letter, the year's sums for every letter.
func niFigures(s dpcoop.Payslip, earlier []dpcoop.Payslip) ([]NIFigures, error) {
	var out []NIFigures
	index := map[string]int{}
	for _, x := range append(slices.Clone(earlier), s) {
		if x.PA != s.PA || x.Result.TaxYear != s.Result.TaxYear {
			return nil, errors.New("an earlier payslip is for another PA or tax year")
		}
		i, ok := index[x.NICategory]
		if !ok {
			i = len(out)
			index[x.NICategory] = i
			out = append(out, NIFigures{Letter: x.NICategory})
		}
		n, r := &out[i], x.Result
		n.GrossToDate += r.NIablePay
		n.AtLELToDate += r.NI.EarningsAtLEL
		n.LELToPTToDate += r.NI.EarningsLELToPT
		n.PTToUELToDate += r.NI.EarningsPTToUEL
		n.TotalToDate += r.NI.Employee + r.NI.Employer
		n.EmployeeToDate += r.NI.Employee
	}
	n, r := &out[index[s.NICategory]], s.Result
	n.GrossInPeriod, n.TotalInPeriod, n.EmployeeInPeriod = r.NIablePay, r.NI.Employee+r.NI.Employer, r.NI.Employee
	return out, nil
}

// hoursBand is HMRC's band for the hours a PA normally works a week, taken
// from the month's worked minutes: A under 16, B 16 to under 24, C 24 to
// under 30, D 30 or more.
func hoursBand(minutes int64, month string) string {
	t, err := time.Parse("2006-01", month)
	days := int64(30)
	if err == nil {
		days = int64(t.AddDate(0, 1, -1).Day())
	}
	week := minutes * 7 / days
	switch {
	case week < 16*60:
		return "A"
	case week < 24*60:
		return "B"
	case week < 30*60:
		return "C"
	default:
		return "D"
	}
}

// ascii folds a name or address to the letters HMRC's schema takes: accents
// off (Siân, Gwenllïan, Dŵr become Sian, Gwenllian, Dwr), other characters
// kept only if allowed.
func ascii(s string, allowed *regexp.Regexp) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if allowed.MatchString(string(r)) {
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

var (
	nameChars    = regexp.MustCompile(`^[A-Za-z \-']$`)
	addressChars = regexp.MustCompile(`^[A-Za-z0-9 .,\-()/=!"%&*;<>'+:?]$`)
	ukPostcode   = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$`)
)

// splitName takes the last word of a legal name as the surname and up to
// two words before it as forenames.
func splitName(legal string) ([]string, string) {
	words := strings.Fields(ascii(legal, nameChars))
	if len(words) == 0 {
		return nil, ""
	}
	sur := words[len(words)-1]
	fore := words[:len(words)-1]
	if len(fore) > 2 {
		fore = fore[:2]
	}
	return fore, clip(sur)
}

// splitAddress reads the PA's address (lines or commas) as up to four lines
// and a UK postcode (its last part, when it is one).
func splitAddress(addr string) ([]string, string) {
	var parts []string
	for _, p := range strings.FieldsFunc(addr, func(r rune) bool { return r == '\n' || r == ',' }) {
		if p = ascii(p, addressChars); p != "" {
			parts = append(parts, p)
		}
	}
	postcode := ""
	if n := len(parts); n > 0 && ukPostcode.MatchString(strings.ToUpper(parts[n-1])) {
		postcode, parts = strings.ToUpper(parts[n-1]), parts[:n-1]
	}
	if len(parts) > 4 {
		parts = append(parts[:3], strings.Join(parts[3:], " "))
	}
	for i := range parts {
		parts[i] = clip(parts[i])
	}
	return parts, postcode
}

// clip keeps the schema's 35 characters.
func clip(s string) string {
	if len(s) > 35 {
		return strings.TrimSpace(s[:35])
	}
	return s
}

func ptrTo(v int64) *int64 { return &v }

// EPSOptions are what one EPS reports besides the employer.
type EPSOptions struct {
	// ClaimAllowance sends the Employment Allowance indicator: "yes" if the
	// co-op's settings claim it. Send it on the first EPS of the tax year.
	ClaimAllowance bool
	NoPayment      *Period
	// Recoverable is statutory pay recovered and NIC compensation to date
	// (nil until the payroll pays SMP, SPP and the rest).
	Recoverable  *Recoverable
	FinalForYear bool
}

// EPSFor builds a co-op's EPS for a tax year ("2026-27").
func EPSFor(s dpcoop.PayrollSettings, year string, o EPSOptions) (EPS, error) {
	er, err := EmployerFrom(s)
	if err != nil {
		return EPS{}, err
	}
	e := EPS{Employer: er, Year: year, NoPayment: o.NoPayment, Recoverable: o.Recoverable, FinalForYear: o.FinalForYear}
	if o.ClaimAllowance {
		claim := s.EmploymentAllowance
		e.EmploymentAllowance = &claim
	}
	if e.NoPayment == nil && e.EmploymentAllowance == nil && e.Recoverable == nil && !e.FinalForYear {
		return EPS{}, errors.New("rti: an EPS needs something to report")
	}
	return e, nil
}
