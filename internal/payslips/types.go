package payslips

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// Employer is the co-op: the PAs' employer, with one PAYE scheme.
type Employer struct {
	NameEN string
	NameCY string
	// PAYEReference is the employer PAYE reference, e.g. "123/AB45678"
	// (optional; shown on the payslip and in the FPS export when given).
	PAYEReference string
	// AccountsOfficeReference, e.g. "123PA00045678" (optional; FPS only).
	AccountsOfficeReference string
	// Pension is the co-op's workplace pension scheme, as given to
	// payroll.Calculate; nil if it has none. Its relief method decides how
	// the PA's contribution is explained and reported.
	Pension *payroll.PensionScheme
}

// BankAccount is where a PA's net pay goes.
type BankAccount struct {
	AccountName   string
	SortCode      string // six digits; dashes and spaces are ignored
	AccountNumber string // eight digits; spaces are ignored
}

// Employee is a PA as the payroll documents need them.
type Employee struct {
	ID   string // the co-op's payroll number for the PA
	Name string
	// NINumber is the National Insurance number, e.g. "QQ123456C" (spaces
	// ignored). The payslip shows only its last three characters.
	NINumber   string
	TaxCode    string // as HMRC writes it: "1257L", "C1257L", "1257L M1", "BR"...
	NICategory string // the category letter, e.g. "A"
	// Language is the PA's stored preference: Welsh comes first on their
	// payslip when it is dpcoop.Welsh, English first otherwise.
	Language      dpcoop.Lang
	Bank          *BankAccount // nil if the co-op does not have them yet
	PensionStatus payroll.PensionStatus
}

// Line is one pay line as paid: approved time of one kind at one rate.
type Line struct {
	Kind      payroll.ShiftKind
	BackPay   bool  // late work from a month already paid
	InLieu    bool  // a holiday line paying a leaver's untaken leave
	Minutes   int64 // time worked (recorded, not paid by the hour, for a sleep-in)
	RatePence int64 // per hour, or per sleep-in
	SleepIns  int64 // sleep-in lines only
	PayPence  int64 // the line's pay, from payroll.Payslip.LinePay
}

// NIToDate is a PA's National Insurance figures for this tax year before
// this payment, which the FPS reports to date but payroll.YearToDate does
// not keep: the caller carries them from the previous run (all zero in the
// PA's first payment of the year).
type NIToDate struct {
	GrossEarningsForNI int64
	AtLEL              int64
	LELToPT            int64
	PTToUEL            int64
}

// Slip is one PA's pay for one monthly run: what was paid for and the
// engine's result. Build it with NewSlip.
type Slip struct {
	Month            string    // the month paid, "YYYY-MM"
	PayDate          time.Time // only the date is used
	Lines            []Line
	MileageTenths    int64 // tenths of a mile
	MileageRatePence int64 // pence per mile
	Result           payroll.Payslip
	// Holiday is the leave balance after this payslip (accrued mode), or
	// nil when the payslip keeps none.
	Holiday *dpcoop.SlipHoliday
	// NIToDate, if known, lets FPS report the NI earnings bands to date;
	// nil leaves those figures null for the filing software to fill.
	NIToDate *NIToDate
}

// NewSlip pairs the engine's input and result for one PA.
func NewSlip(month string, in payroll.Input, res payroll.Payslip) Slip {
	s := Slip{
		Month: month, PayDate: in.PayDate, Result: res,
		MileageTenths: in.Mileage.Tenths, MileageRatePence: in.Mileage.RatePence,
		Lines: make([]Line, len(in.Lines)),
	}
	for i, l := range in.Lines {
		s.Lines[i] = Line{Kind: l.Kind, Minutes: l.Minutes, RatePence: l.Rate, SleepIns: l.SleepIns}
		if i < len(res.LinePay) {
			s.Lines[i].PayPence = res.LinePay[i]
		}
	}
	return s
}

// Row is one PA in a payroll run.
type Row struct {
	Employee Employee
	Slip     Slip
}

// MissingBankError lists the PAs who are owed net pay but have no bank
// details (by ID: names stay out of logs). Nothing can be paid until the
// co-op adds them.
type MissingBankError struct {
	EmployeeIDs []string
}

func (e *MissingBankError) Error() string {
	return fmt.Sprintf("payslips: no bank details for %d PA(s) owed net pay: %s", len(e.EmployeeIDs), strings.Join(e.EmployeeIDs, ", "))
}

// errorf makes an error about one PA, named by ID only.
func errorf(id, format string, args ...any) error {
	return fmt.Errorf("payslips: PA %q: %s", id, fmt.Sprintf(format, args...))
}

// taxCode parses the PA's code with the engine's parser.
func (ee Employee) taxCode() (payroll.TaxCode, error) {
	tc, err := payroll.ParseTaxCode(ee.TaxCode)
	if err != nil {
		return payroll.TaxCode{}, errorf(ee.ID, "%v", err)
	}
	return tc, nil
}

// niCategory is the PA's category letter, upper case.
func (ee Employee) niCategory() (string, error) {
	c, err := payroll.ParseCategory(strings.TrimSpace(ee.NICategory))
	if err != nil {
		return "", errorf(ee.ID, "%v", err)
	}
	return c.String(), nil
}

// parseMonth reads "YYYY-MM".
func parseMonth(month string) (time.Time, error) {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return time.Time{}, fmt.Errorf("payslips: month %q is not YYYY-MM", month)
	}
	return t, nil
}

// check refuses a row whose slip does not add up, so that no document
// shows figures that contradict each other.
func (r Row) check() error {
	ee, s := r.Employee, r.Slip
	if strings.TrimSpace(ee.ID) == "" {
		return errors.New("payslips: a PA has no ID")
	}
	if strings.TrimSpace(ee.Name) == "" {
		return errorf(ee.ID, "no name")
	}
	if _, err := ee.taxCode(); err != nil {
		return err
	}
	if _, err := ee.niCategory(); err != nil {
		return err
	}
	if _, err := parseMonth(s.Month); err != nil {
		return errorf(ee.ID, "%v", err)
	}
	if s.PayDate.IsZero() {
		return errorf(ee.ID, "no pay date")
	}
	res := s.Result
	if res.Period < 1 || res.Period > 12 || res.Period != payroll.TaxMonth(s.PayDate) {
		return errorf(ee.ID, "tax period %d is not the tax month of the pay date %s (monthly pay only)", res.Period, s.PayDate.Format(time.DateOnly))
	}
	var lines int64
	for i, l := range s.Lines {
		if l.Kind < payroll.ShiftStandard || l.Kind > payroll.ShiftHoliday {
			return errorf(ee.ID, "line %d has unknown kind %d", i, int(l.Kind))
		}
		if l.Minutes < 0 || l.RatePence < 0 || l.SleepIns < 0 || l.PayPence < 0 {
			return errorf(ee.ID, "line %d has a negative figure", i)
		}
		lines += l.PayPence
	}
	if s.MileageTenths < 0 || s.MileageRatePence < 0 || (s.MileageTenths*s.MileageRatePence+9)/10 != res.MileagePaid {
		return errorf(ee.ID, "mileage %d tenths at %dp is not the %dp paid", s.MileageTenths, s.MileageRatePence, res.MileagePaid)
	}
	switch {
	case lines+res.SickPay.Amount+res.ParentalPay.SMP+res.ParentalPay.SPP+res.RolledUpHolidayPay != res.Earnings:
		return errorf(ee.ID, "pay lines, statutory pay and rolled-up holiday pay do not add up to earnings")
	case res.Earnings+res.MileagePaid != res.Gross:
		return errorf(ee.ID, "earnings and mileage do not add up to gross pay")
	case res.Gross-res.Tax-res.NI.Employee-res.Pension.EmployeeDeduction-res.StudentLoan-res.PostgraduateLoan != res.NetPay:
		return errorf(ee.ID, "gross pay less deductions is not net pay")
	case res.Pension.EmployeeDeduction != 0 || res.Pension.Employer != 0:
		if ee.PensionStatus != payroll.PensionEnrolled {
			return errorf(ee.ID, "pension contributions for a PA who is not enrolled")
		}
	}
	return nil
}

// checkRun refuses a run with a bad row, a PA twice, or rows from
// different months, pay dates or tax years.
func checkRun(rows []Row) error {
	seen := make(map[string]bool, len(rows))
	for i, r := range rows {
		if err := r.check(); err != nil {
			return err
		}
		if seen[r.Employee.ID] {
			return errorf(r.Employee.ID, "appears twice in the run")
		}
		seen[r.Employee.ID] = true
		if i > 0 {
			first := rows[0].Slip
			if r.Slip.Month != first.Month || !sameDate(r.Slip.PayDate, first.PayDate) || r.Slip.Result.TaxYear != first.Result.TaxYear {
				return errorf(r.Employee.ID, "month, pay date or tax year differs from the rest of the run")
			}
		}
	}
	return nil
}

func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
