package dpcoop

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// TaxYear is a UK tax year as HMRC writes it, "2026-27": 6 April 2026 to
// 5 April 2027.
type TaxYear string

// ParseTaxYear accepts a tax year as "2026-27" (the second part is the next
// year's last two digits), nothing looser.
func ParseTaxYear(s string) (TaxYear, bool) {
	if len(s) != 7 || s[4] != '-' {
		return "", false
	}
	y, err1 := strconv.Atoi(s[:4])
	next, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || y < 2000 || y > 2099 || next != (y+1)%100 || s[:4] != strconv.Itoa(y) {
		return "", false
	}
	return TaxYear(s), true
}

// TaxYearOf is the tax year date d falls in.
func TaxYearOf(d Date) TaxYear {
	y := TaxYearStart(d).Time().Year()
	return TaxYear(fmt.Sprintf("%d-%02d", y, (y+1)%100))
}

// Start is the tax year's first day, 6 April.
func (y TaxYear) Start() Date {
	n, _ := strconv.Atoi(string(y)[:4])
	return Date(time.Date(n, time.April, 6, 0, 0, 0, 0, time.UTC).Format(DateLayout))
}

// End is the tax year's last day, 5 April: the day a P60 is for.
func (y TaxYear) End() Date {
	n, _ := strconv.Atoi(string(y)[:4])
	return Date(time.Date(n+1, time.April, 5, 0, 0, 0, 0, time.UTC).Format(DateLayout))
}

// RunMonths are the months whose run may pay in the tax year: a month's work
// is paid within it or in the next month, so from March before the year
// starts to April at its end.
func (y TaxYear) RunMonths() []string {
	start := y.Start().Time()
	var out []string
	for m := time.Date(start.Year(), time.March, 1, 0, 0, 0, 0, time.UTC); m.Year() == start.Year() || m.Month() <= time.April; m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format(MonthLayout))
	}
	return out
}

// P60NI is one NI category's line on a P60: earnings in each band and the
// employee's contributions, for the year.
type P60NI struct {
	Category        string `json:"category"`
	EarningsAtLEL   int64  `json:"earnings_at_lel_pence"`
	EarningsLELToPT int64  `json:"earnings_lel_to_pt_pence"`
	EarningsPTToUEL int64  `json:"earnings_pt_to_uel_pence"`
	EmployeeNI      int64  `json:"employee_ni_pence"`
}

// P60 is the end of year certificate the co-op gives each PA employed on
// the last day of the tax year (Income Tax (PAYE) Regulations 2003, reg.
// 67): their pay and tax in this employment and any earlier one, their final
// tax code, NI by category and loan deductions. Final runs never change, so
// the same P60 is given every time it is read.
type P60 struct {
	PA       string  `json:"pa_id"`
	Name     string  `json:"name"`
	NINumber string  `json:"ni_number"`
	TaxYear  TaxYear `json:"tax_year"`
	// TaxCode is the code in force on 5 April; Week1Month1 says it was
	// operated on a non-cumulative basis.
	TaxCode     string `json:"tax_code"`
	Week1Month1 bool   `json:"week1_month1"`
	// PreviousPay and PreviousTax are from earlier employments in the year
	// (a P45), PayInEmployment and TaxInEmployment this one's: taxable pay
	// and tax, as HMRC's form asks.
	PreviousPay     int64   `json:"previous_pay_pence"`
	PreviousTax     int64   `json:"previous_tax_pence"`
	PayInEmployment int64   `json:"pay_in_employment_pence"`
	TaxInEmployment int64   `json:"tax_in_employment_pence"`
	TotalPay        int64   `json:"total_pay_pence"`
	TotalTax        int64   `json:"total_tax_pence"`
	NI              []P60NI `json:"ni"`
	// StudentLoan and PostgraduateLoan are the year's deductions, in whole
	// pounds as the form shows them (the pence are always zero).
	StudentLoan      int64 `json:"student_loan_pence"`
	PostgraduateLoan int64 `json:"postgraduate_loan_pence"`
	// Payments is the number of final payslips the year's figures come from.
	Payments int `json:"payments"`
}

// P60 is the PA's P60 for the tax year, from the final payslips paid in it
// (any order; others are ignored). There is none before the year has ended
// on today, for a PA who left before its last day (they had a P45), or for
// one the co-op paid nothing in the year.
func (h PayHistory) P60(pa PA, year TaxYear, finals []Payslip, today Date) (P60, error) {
	const op = "issue p60"
	switch {
	case !year.End().Before(today):
		return P60{}, E(op, KindConflict, CodeYearNotEnded)
	case h.Left != "" && h.Left.Before(year.End()):
		return P60{}, E(op, KindConflict, CodeLeftBeforeYearEnd)
	}
	var slips []Payslip
	for _, s := range finals {
		if s.PA == pa.ID && TaxYearOf(s.PayDate) == year {
			slips = append(slips, s)
		}
	}
	if len(slips) == 0 {
		return P60{}, E(op, KindNotFound, CodeNotFound)
	}
	slices.SortFunc(slips, func(a, b Payslip) int { return cmp.Compare(a.PayDate, b.PayDate) })
	last := slips[len(slips)-1].Result.YearToDate
	p := P60{PA: pa.ID, Name: pa.LegalName, NINumber: pa.NINumber, TaxYear: year, Payments: len(slips),
		PayInEmployment: last.TaxablePay, TaxInEmployment: last.Tax,
		StudentLoan: last.StudentLoan, PostgraduateLoan: last.PostgraduateLoan, NI: []P60NI{}}
	if n, ok := h.NoticeOn(year.End()); ok {
		p.TaxCode, p.Week1Month1 = n.TaxCode, n.Basis == BasisNonCumulative
	}
	prev := h.Previous(year.Start())
	p.PreviousPay, p.PreviousTax = prev.TaxablePay, prev.Tax
	p.TotalPay, p.TotalTax = p.PreviousPay+p.PayInEmployment, p.PreviousTax+p.TaxInEmployment
	for _, s := range slips {
		i := slices.IndexFunc(p.NI, func(n P60NI) bool { return n.Category == s.NICategory })
		if i < 0 {
			p.NI = append(p.NI, P60NI{Category: s.NICategory})
			i = len(p.NI) - 1
		}
		ni := s.Result.NI
		p.NI[i].EarningsAtLEL += ni.EarningsAtLEL
		p.NI[i].EarningsLELToPT += ni.EarningsLELToPT
		p.NI[i].EarningsPTToUEL += ni.EarningsPTToUEL
		p.NI[i].EmployeeNI += ni.Employee
	}
	return p, nil
}
