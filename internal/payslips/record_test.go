package payslips

import (
	"reflect"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

func TestFromRecords(t *testing.T) {
	want := dafydd(t)
	want.Slip.NIToDate = nil
	stored := dpcoop.Payslip{
		Month: want.Slip.Month, PA: want.Employee.ID, PayDate: dpcoop.Date("2026-05-28"),
		MileageTenths: want.Slip.MileageTenths, MileageRate: want.Slip.MileageRatePence, Result: want.Slip.Result,
	}
	for _, l := range want.Slip.Lines {
		stored.Lines = append(stored.Lines, dpcoop.PayLine{Kind: dpcoop.ShiftKind(l.Kind.String()), Minutes: l.Minutes, Rate: l.RatePence, SleepIns: l.SleepIns, Pay: l.PayPence})
	}
	got, err := SlipFromRecord(stored)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want.Slip) {
		t.Errorf("slip\n got %+v\nwant %+v", got, want.Slip)
	}
	stored.Lines[0].Kind = "nap"
	if _, err := SlipFromRecord(stored); err == nil {
		t.Error("unknown kind: no error")
	}

	pa := dpcoop.PA{ID: "pa-0002", LegalName: "Dafydd Ôwen", NINumber: "QQ654321A", TaxCode: "1257L", NICategory: "A",
		Language: dpcoop.English, Pension: dpcoop.PensionOptOut,
		Bank: &dpcoop.BankDetails{AccountName: "D OWEN", SortCode: "309634", AccountNumber: "0123 4567"}}
	// The code and category are the payslip's (as calculated), not the record's.
	if ee := EmployeeFromPA(pa, dpcoop.Payslip{TaxCode: "C1257L", NICategory: "a"}); !reflect.DeepEqual(ee, want.Employee) {
		t.Errorf("employee\n got %+v\nwant %+v", ee, want.Employee)
	}
	if ee := EmployeeFromPA(dpcoop.PA{ID: "x"}, dpcoop.Payslip{}); ee.Bank != nil || ee.PensionStatus != payroll.PensionNotEnrolled {
		t.Errorf("PA without bank details or pension choice: %+v", ee)
	}

	er := EmployerFromCoop(dpcoop.Coop{NameEN: "Gower", NameCY: "Gŵyr"})
	if er.NameCY != "Gŵyr" || er.Pension == nil || *er.Pension != scheme {
		t.Errorf("employer %+v", er)
	}
	if _, err := PDF(er, want.Employee, got); err != nil {
		t.Errorf("a payslip from stored records: %v", err)
	}
}
