package payslips

import (
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// Adapters from the records a payroll run stores (package dpcoop) to the
// documents' inputs.

// EmployerFromCoop is the co-op as employer, with its pension scheme and
// the PAYE and Accounts Office references of its payroll settings (empty
// until the co-op records them).
func EmployerFromCoop(c dpcoop.Coop) Employer {
	s := c.PayrollSettings()
	return Employer{NameEN: c.NameEN, NameCY: c.NameCY, Pension: s.Scheme(),
		PAYEReference: s.PAYEReference, AccountsOfficeReference: s.AccountsOfficeReference}
}

// EmployeeFromPA is a PA's record as the documents of one payslip need it,
// with the tax code the payslip was calculated on (from their pay history).
func EmployeeFromPA(pa dpcoop.PA, slip dpcoop.Payslip) Employee {
	ee := Employee{
		ID: pa.ID, Name: pa.LegalName, NINumber: pa.NINumber, TaxCode: slip.TaxCode, NICategory: slip.NICategory,
		Language: pa.Language, PensionStatus: pa.PensionStatus(),
	}
	if s, ok := payroll.ParsePensionStatus(slip.PensionStatus); ok {
		ee.PensionStatus = s // what the run decided that month
	}
	if b := pa.Bank; b != nil {
		ee.Bank = &BankAccount{AccountName: b.AccountName, SortCode: b.SortCode, AccountNumber: b.AccountNumber}
	}
	return ee
}

// SlipFromRecord is a stored payslip of a run as a Slip. The record does
// not keep the NI earnings bands to date, so NIToDate is nil.
func SlipFromRecord(p dpcoop.Payslip) (Slip, error) {
	s := Slip{
		Month: p.Month, PayDate: p.PayDate.Time(), Result: p.Result,
		MileageTenths: p.MileageTenths, MileageRatePence: p.MileageRate,
		Lines: make([]Line, len(p.Lines)), Holiday: p.Holiday,
	}
	for i, l := range p.Lines {
		inLieu := l.Kind == dpcoop.ShiftHolidayInLieu
		if inLieu {
			l.Kind = dpcoop.ShiftHoliday
		}
		kind, err := payroll.ParseShiftKind(string(l.Kind))
		if err != nil {
			return Slip{}, errorf(p.PA, "line %d: %v", i, err)
		}
		s.Lines[i] = Line{Kind: kind, BackPay: l.BackPay, InLieu: inLieu, Minutes: l.Minutes, RatePence: l.Rate, SleepIns: l.SleepIns, PayPence: l.Pay}
	}
	return s, nil
}

// PayslipPDF is a stored payslip as the PA's bilingual PDF, with their
// co-op's and their own details: the one way the API and the pages draw it.
func PayslipPDF(c dpcoop.Coop, pa dpcoop.PA, p dpcoop.Payslip) ([]byte, error) {
	slip, err := SlipFromRecord(p)
	if err != nil {
		return nil, err
	}
	return PDF(EmployerFromCoop(c), EmployeeFromPA(pa, p), slip)
}
