package payslips

import (
	"bytes"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// TestALeaversPayslipShowsLeaveInLieuAndTheBalance: a stored holiday_in_lieu
// line is holiday pay to the engine and keeps its own label; the balance
// after the payslip is carried to the document, which renders it.
func TestALeaversPayslipShowsLeaveInLieuAndTheBalance(t *testing.T) {
	r := dafydd(t)
	stored := dpcoop.Payslip{Month: r.Slip.Month, PA: r.Employee.ID, PayDate: dpcoop.Date("2026-05-28"),
		MileageTenths: r.Slip.MileageTenths, MileageRate: r.Slip.MileageRatePence, Result: r.Slip.Result,
		Holiday: &dpcoop.SlipHoliday{Balance: 725}}
	for _, l := range r.Slip.Lines {
		stored.Lines = append(stored.Lines, dpcoop.PayLine{Kind: dpcoop.ShiftKind(l.Kind.String()), Minutes: l.Minutes, Rate: l.RatePence, SleepIns: l.SleepIns, Pay: l.PayPence})
	}
	stored.Lines = append(stored.Lines, dpcoop.PayLine{Kind: dpcoop.ShiftHolidayInLieu, Minutes: 0, Rate: 1345})
	got, err := SlipFromRecord(stored)
	if err != nil {
		t.Fatal(err)
	}
	last := got.Lines[len(got.Lines)-1]
	if last.Kind != payroll.ShiftHoliday || !last.InLieu || got.Holiday != stored.Holiday {
		t.Fatalf("in lieu: %+v, holiday %+v", last, got.Holiday)
	}
	with, err := PDF(employer(), r.Employee, got)
	if err != nil {
		t.Fatal(err)
	}
	got.Holiday = nil
	without, err := PDF(employer(), r.Employee, got)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(with, without) {
		t.Error("the balance does not show on the payslip")
	}
}
