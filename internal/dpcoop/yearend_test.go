package dpcoop

import (
	"slices"
	"testing"
)

func TestTaxYears(t *testing.T) {
	for _, bad := range []string{"", "2026-28", "2026/27", "26-27", "2026-2027", "1999-00", "2099-01x"} {
		if _, ok := ParseTaxYear(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
	y, ok := ParseTaxYear("2099-00")
	if !ok || y.Start() != "2099-04-06" || y.End() != "2100-04-05" {
		t.Errorf("2099-00: %v %s %s", ok, y.Start(), y.End())
	}
	if TaxYearOf("2027-04-05") != "2026-27" || TaxYearOf("2027-04-06") != "2027-28" {
		t.Error("5 April ends a tax year, 6 April starts one")
	}
	months := TaxYear("2026-27").RunMonths()
	if len(months) != 14 || months[0] != "2026-03" || months[13] != "2027-04" || !slices.IsSorted(months) {
		t.Errorf("run months %v", months)
	}
}

// A P60 is for a year that has ended, for a PA still employed on 5 April,
// from the final payslips paid in that year only.
func TestP60Rules(t *testing.T) {
	pa := PA{ID: "pa1", LegalName: "Elin Haf", NINumber: "AB123456C"}
	slip := func(pay Date, cat string, ytdPay, ytdTax, ee int64) Payslip {
		s := Payslip{PA: "pa1", PayDate: pay, NICategory: cat}
		s.Result.YearToDate.TaxablePay, s.Result.YearToDate.Tax = ytdPay, ytdTax
		s.Result.NI.Employee, s.Result.NI.EarningsAtLEL = ee, 54200
		return s
	}
	finals := []Payslip{
		slip("2027-03-07", "A", 300000, 20000, 1000), slip("2026-04-07", "M", 100000, 5000, 0),
		slip("2027-04-07", "A", 50000, 100, 9), // 2027-28: not on this P60
	}
	h := PayHistory{Notices: []TaxCodeNotice{{TaxCode: "1257L", Basis: BasisCumulative, EffectiveFrom: "2026-04-06", Source: SourceP45, PreviousPay: 40000, PreviousTax: 800}}}
	if _, err := h.P60(pa, "2026-27", finals, "2027-04-05"); !IsKind(err, KindConflict) {
		t.Errorf("on 5 April: %v", err)
	}
	p, err := h.P60(pa, "2026-27", finals, "2027-04-06")
	if err != nil || p.PayInEmployment != 300000 || p.TotalPay != 340000 || p.TotalTax != 20800 || p.Payments != 2 ||
		len(p.NI) != 2 || p.NI[0].Category != "M" || p.NI[1].EmployeeNI != 1000 || p.NI[1].EarningsAtLEL != 54200 {
		t.Errorf("P60 %+v %v", p, err)
	}
	if _, err := h.P60(pa, "2025-26", finals, "2027-04-06"); !IsKind(err, KindNotFound) {
		t.Errorf("a year with no pay: %v", err)
	}
	h.Left = "2027-04-04"
	if _, err := h.P60(pa, "2026-27", finals, "2027-04-06"); !IsKind(err, KindConflict) {
		t.Errorf("left before 5 April: %v", err)
	}
	h.Left = "2027-04-05"
	if _, err := h.P60(pa, "2026-27", finals, "2027-04-06"); err != nil {
		t.Errorf("left on 5 April, employed that day: %v", err)
	}
}
