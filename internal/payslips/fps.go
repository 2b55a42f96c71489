package payslips

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

// FPS export
//
// FPS gives, for one monthly pay run, the figures HMRC's Full Payment
// Submission asks for about each PA and the run as a whole, as JSON for the
// co-op's RTI filing software or its payroll bureau to key or import. It is
// an export, not a submission: it is not in HMRC's XML schema, it is not
// signed or sent, and it leaves out what dpcoop does not hold or decide
// (starter and leaver details, address, date of birth and gender, normal
// hours worked band, irregular payment indicator, student and postgraduate
// loans, statutory payments other than SSP, Employment Allowance).
//
// Money is integer pence (fields ending in _pence); tax may be negative (a
// refund). Figures "to date" are for this employment in this tax year,
// including this payment, as payroll.YearToDate keeps them. The NI earnings
// bands and NI-able pay to date come from Slip.NIToDate and are null when
// it is not given. Employee pension contributions to date are reported
// under the co-op's current relief method.

// FPSExport is the JSON document FPS returns.
type FPSExport struct {
	Note                    string        `json:"note"`
	EmployerName            string        `json:"employer_name"`
	PAYEReference           string        `json:"employer_paye_reference,omitempty"`
	AccountsOfficeReference string        `json:"accounts_office_reference,omitempty"`
	TaxYear                 string        `json:"tax_year"`
	Month                   string        `json:"month"`
	PaymentDate             string        `json:"payment_date"`
	PayFrequency            string        `json:"pay_frequency"` // RTI code: M1 = monthly
	TaxMonth                int           `json:"tax_month"`
	Employees               []FPSEmployee `json:"employees"`
	Totals                  FPSTotals     `json:"totals"`
}

// FPSEmployee is one PA's figures for the FPS.
type FPSEmployee struct {
	PayrollID    string `json:"payroll_id"`
	Name         string `json:"name"`
	NINumber     string `json:"ni_number,omitempty"`
	TaxCode      string `json:"tax_code"`                  // without the basis marker: "1257L", "C1257L", "BR"
	Week1Month1  bool   `json:"week1_month1"`              // non-cumulative basis (RTI indicator "X")
	TaxRegime    string `json:"tax_regime"`                // rUK, wales or scotland, from the code's prefix
	NICategory   string `json:"ni_category"`               // NI category letter
	PayFrequency string `json:"pay_frequency"`             // M1
	TaxMonth     int    `json:"tax_month"`                 // period number
	PaymentDate  string `json:"payment_date"`              // YYYY-MM-DD
	Cumulative   bool   `json:"tax_calculated_cumulative"` // false for week 1/month 1

	TaxablePay       int64 `json:"taxable_pay_in_period_pence"`
	TaxablePayToDate int64 `json:"taxable_pay_to_date_pence"`
	Tax              int64 `json:"tax_deducted_or_refunded_in_period_pence"`
	TaxToDate        int64 `json:"tax_to_date_pence"`

	GrossEarningsForNI       int64  `json:"gross_earnings_for_ni_in_period_pence"`
	GrossEarningsForNIToDate *int64 `json:"gross_earnings_for_ni_to_date_pence"`
	AtLEL                    int64  `json:"earnings_at_lel_in_period_pence"`
	AtLELToDate              *int64 `json:"earnings_at_lel_to_date_pence"`
	LELToPT                  int64  `json:"earnings_lel_to_pt_in_period_pence"`
	LELToPTToDate            *int64 `json:"earnings_lel_to_pt_to_date_pence"`
	PTToUEL                  int64  `json:"earnings_pt_to_uel_in_period_pence"`
	PTToUELToDate            *int64 `json:"earnings_pt_to_uel_to_date_pence"`
	EmployeeNI               int64  `json:"employee_ni_in_period_pence"`
	EmployeeNIToDate         int64  `json:"employee_ni_to_date_pence"`
	EmployerNI               int64  `json:"employer_ni_in_period_pence"`
	EmployerNIToDate         int64  `json:"employer_ni_to_date_pence"`

	PensionNetPay          int64 `json:"employee_pension_paid_under_net_pay_in_period_pence"`
	PensionNetPayToDate    int64 `json:"employee_pension_paid_under_net_pay_to_date_pence"`
	PensionNotNetPay       int64 `json:"employee_pension_not_under_net_pay_in_period_pence"`
	PensionNotNetPayToDate int64 `json:"employee_pension_not_under_net_pay_to_date_pence"`

	// StudentLoanPlan is the FPS plan type of the undergraduate loan
	// deducted for ("01", "02", "04", "05"), empty when none is in force.
	StudentLoanPlan        string `json:"student_loan_plan_type,omitempty"`
	StudentLoan            int64  `json:"student_loan_recovered_in_period_pence"`
	StudentLoanToDate      int64  `json:"student_loans_to_date_pence"`
	PostgraduateLoan       int64  `json:"postgraduate_loan_recovered_in_period_pence"`
	PostgraduateLoanToDate int64  `json:"postgraduate_loans_to_date_pence"`
}

// FPSTotals add up the employees' figures. A to-date NI band total is null
// if any employee's is.
type FPSTotals struct {
	Employees                int    `json:"employees"`
	TaxablePay               int64  `json:"taxable_pay_in_period_pence"`
	TaxablePayToDate         int64  `json:"taxable_pay_to_date_pence"`
	Tax                      int64  `json:"tax_deducted_or_refunded_in_period_pence"`
	TaxToDate                int64  `json:"tax_to_date_pence"`
	GrossEarningsForNI       int64  `json:"gross_earnings_for_ni_in_period_pence"`
	GrossEarningsForNIToDate *int64 `json:"gross_earnings_for_ni_to_date_pence"`
	AtLEL                    int64  `json:"earnings_at_lel_in_period_pence"`
	AtLELToDate              *int64 `json:"earnings_at_lel_to_date_pence"`
	LELToPT                  int64  `json:"earnings_lel_to_pt_in_period_pence"`
	LELToPTToDate            *int64 `json:"earnings_lel_to_pt_to_date_pence"`
	PTToUEL                  int64  `json:"earnings_pt_to_uel_in_period_pence"`
	PTToUELToDate            *int64 `json:"earnings_pt_to_uel_to_date_pence"`
	EmployeeNI               int64  `json:"employee_ni_in_period_pence"`
	EmployeeNIToDate         int64  `json:"employee_ni_to_date_pence"`
	EmployerNI               int64  `json:"employer_ni_in_period_pence"`
	EmployerNIToDate         int64  `json:"employer_ni_to_date_pence"`
	PensionNetPay            int64  `json:"employee_pension_paid_under_net_pay_in_period_pence"`
	PensionNetPayToDate      int64  `json:"employee_pension_paid_under_net_pay_to_date_pence"`
	PensionNotNetPay         int64  `json:"employee_pension_not_under_net_pay_in_period_pence"`
	PensionNotNetPayToDate   int64  `json:"employee_pension_not_under_net_pay_to_date_pence"`
	StudentLoan              int64  `json:"student_loan_recovered_in_period_pence"`
	StudentLoanToDate        int64  `json:"student_loans_to_date_pence"`
	PostgraduateLoan         int64  `json:"postgraduate_loan_recovered_in_period_pence"`
	PostgraduateLoanToDate   int64  `json:"postgraduate_loans_to_date_pence"`
}

const fpsNote = "Figures for a Full Payment Submission, exported by dpcoop for the co-op's RTI filing software or payroll bureau. This is not a submission to HMRC. Money is in pence."

// FPS exports the Full Payment Submission figures of one monthly run as
// JSON (see FPSExport). Every row must be paid on payDate in month, in
// that date's tax month, with a valid tax code and NI category; a PA may
// appear once.
func FPS(er Employer, month string, payDate time.Time, rows []Row) ([]byte, error) {
	if _, err := parseMonth(month); err != nil {
		return nil, err
	}
	if payDate.IsZero() {
		return nil, fmt.Errorf("payslips: FPS: no payment date")
	}
	if err := checkRun(rows); err != nil {
		return nil, err
	}
	y, err := payroll.YearFor(payDate)
	if err != nil {
		return nil, fmt.Errorf("payslips: FPS: %w", err)
	}
	out := FPSExport{
		Note:                    fpsNote,
		EmployerName:            firstNonEmpty(er.NameEN, er.NameCY),
		PAYEReference:           er.PAYEReference,
		AccountsOfficeReference: er.AccountsOfficeReference,
		TaxYear:                 y.Name,
		Month:                   month,
		PaymentDate:             payDate.Format(time.DateOnly),
		PayFrequency:            "M1",
		TaxMonth:                payroll.TaxMonth(payDate),
		Employees:               make([]FPSEmployee, 0, len(rows)),
	}
	t := &out.Totals
	bandsKnown := true
	t.GrossEarningsForNIToDate, t.AtLELToDate, t.LELToPTToDate, t.PTToUELToDate = new(int64), new(int64), new(int64), new(int64)
	for _, r := range rows {
		ee, s := r.Employee, r.Slip
		if s.Month != month || !sameDate(s.PayDate, payDate) || s.Result.TaxYear != y.Name {
			return nil, errorf(ee.ID, "slip is for %s paid %s in %s, not this run", s.Month, s.PayDate.Format(time.DateOnly), s.Result.TaxYear)
		}
		e, err := fpsEmployee(er, ee, s)
		if err != nil {
			return nil, err
		}
		out.Employees = append(out.Employees, e)

		t.Employees++
		t.TaxablePay += e.TaxablePay
		t.TaxablePayToDate += e.TaxablePayToDate
		t.Tax += e.Tax
		t.TaxToDate += e.TaxToDate
		t.GrossEarningsForNI += e.GrossEarningsForNI
		t.AtLEL += e.AtLEL
		t.LELToPT += e.LELToPT
		t.PTToUEL += e.PTToUEL
		t.EmployeeNI += e.EmployeeNI
		t.EmployeeNIToDate += e.EmployeeNIToDate
		t.EmployerNI += e.EmployerNI
		t.EmployerNIToDate += e.EmployerNIToDate
		t.PensionNetPay += e.PensionNetPay
		t.PensionNetPayToDate += e.PensionNetPayToDate
		t.PensionNotNetPay += e.PensionNotNetPay
		t.PensionNotNetPayToDate += e.PensionNotNetPayToDate
		t.StudentLoan += e.StudentLoan
		t.StudentLoanToDate += e.StudentLoanToDate
		t.PostgraduateLoan += e.PostgraduateLoan
		t.PostgraduateLoanToDate += e.PostgraduateLoanToDate
		if e.GrossEarningsForNIToDate == nil {
			bandsKnown = false
		} else {
			*t.GrossEarningsForNIToDate += *e.GrossEarningsForNIToDate
			*t.AtLELToDate += *e.AtLELToDate
			*t.LELToPTToDate += *e.LELToPTToDate
			*t.PTToUELToDate += *e.PTToUELToDate
		}
	}
	if !bandsKnown {
		t.GrossEarningsForNIToDate, t.AtLELToDate, t.LELToPTToDate, t.PTToUELToDate = nil, nil, nil, nil
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("payslips: FPS: %w", err)
	}
	return append(b, '\n'), nil
}

func fpsEmployee(er Employer, ee Employee, s Slip) (FPSEmployee, error) {
	res, ytd := s.Result, s.Result.YearToDate
	tc, err := ee.taxCode()
	if err != nil {
		return FPSEmployee{}, err
	}
	cat, err := ee.niCategory()
	if err != nil {
		return FPSEmployee{}, err
	}
	week1 := tc.NonCumulative
	tc.NonCumulative = false
	e := FPSEmployee{
		PayrollID: ee.ID, Name: ee.Name, NINumber: niNumber(ee.NINumber),
		TaxCode: tc.String(), Week1Month1: week1, TaxRegime: tc.Regime.String(), NICategory: cat,
		PayFrequency: "M1", TaxMonth: res.Period, PaymentDate: s.PayDate.Format(time.DateOnly), Cumulative: res.Cumulative,

		TaxablePay: res.TaxablePay, TaxablePayToDate: ytd.TaxablePay,
		Tax: res.Tax, TaxToDate: ytd.Tax,

		GrossEarningsForNI: res.NIablePay,
		AtLEL:              res.NI.EarningsAtLEL,
		LELToPT:            res.NI.EarningsLELToPT,
		PTToUEL:            res.NI.EarningsPTToUEL,
		EmployeeNI:         res.NI.Employee, EmployeeNIToDate: ytd.EmployeeNI,
		EmployerNI: res.NI.Employer, EmployerNIToDate: ytd.EmployerNI,

		StudentLoan: res.StudentLoan, StudentLoanToDate: ytd.StudentLoan,
		PostgraduateLoan: res.PostgraduateLoan, PostgraduateLoanToDate: ytd.PostgraduateLoan,
	}
	if n := strings.TrimPrefix(string(res.StudentLoanPlan), "plan_"); n != "" {
		e.StudentLoanPlan = "0" + n // the FPS's plan type: 01, 02, 04 or 05
	}
	if p := s.NIToDate; p != nil {
		e.GrossEarningsForNIToDate = ptr(p.GrossEarningsForNI + res.NIablePay)
		e.AtLELToDate = ptr(p.AtLEL + res.NI.EarningsAtLEL)
		e.LELToPTToDate = ptr(p.LELToPT + res.NI.EarningsLELToPT)
		e.PTToUELToDate = ptr(p.PTToUEL + res.NI.EarningsPTToUEL)
	}
	if res.Pension.EmployeeDeduction != 0 || ytd.EmployeePension != 0 {
		if er.Pension == nil {
			return FPSEmployee{}, errorf(ee.ID, "pension contributions but the employer has no pension scheme")
		}
		switch er.Pension.Relief {
		case payroll.NetPayArrangement:
			e.PensionNetPay, e.PensionNetPayToDate = res.Pension.EmployeeDeduction, ytd.EmployeePension
		default:
			e.PensionNotNetPay, e.PensionNotNetPayToDate = res.Pension.EmployeeDeduction, ytd.EmployeePension
		}
	}
	return e, nil
}

func ptr(v int64) *int64 { return &v }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
