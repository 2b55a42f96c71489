package rti

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// slip calculates a month's payslip with the payroll engine: the figures
// the FPS reports are the engine's, not the test's.
func slip(t *testing.T, month, payDate string, minutes int64, before payroll.YearToDate) dpcoop.Payslip {
	t.Helper()
	pd, _ := time.Parse(time.DateOnly, payDate)
	ps, _ := time.Parse("2006-01", month)
	tc, err := payroll.ParseTaxCode("C1257L")
	if err != nil {
		t.Fatal(err)
	}
	res, err := payroll.Calculate(payroll.Input{
		PayDate: pd, PeriodStart: ps, Frequency: payroll.Monthly, DateOfBirth: time.Date(1990, 2, 1, 0, 0, 0, 0, time.UTC),
		Lines:   []payroll.PayLine{{Kind: payroll.ShiftStandard, Minutes: minutes, Rate: 15_00}},
		TaxCode: tc, NICategory: payroll.CategoryA, YearToDate: before,
		Pension: &payroll.PensionScheme{Relief: payroll.NetPayArrangement, EmployerRate: 300, EmployeeRate: 500}, PensionStatus: payroll.PensionEnrolled, Holiday: payroll.HolidayAccrued,
		Loans: []payroll.LoanPlan{payroll.LoanPlan2},
	})
	if err != nil {
		t.Fatal(err)
	}
	return dpcoop.Payslip{Month: month, PA: "pa-1", PayDate: dpcoop.Date(payDate), TaxCode: "C1257L", NICategory: "A", Result: res}
}

func TestFPSFromARun(t *testing.T) {
	settings := dpcoop.DefaultPayrollSettings
	settings.PensionRelief = "net_pay"
	settings.PAYEReference, settings.AccountsOfficeReference = "123/AB456", "123PG00012345"
	april := slip(t, "2026-04", "2026-05-07", 120*60, payroll.YearToDate{})
	may := slip(t, "2026-05", "2026-06-07", 110*60, april.Result.YearToDate)
	pa := dpcoop.PA{ID: "pa-1", LegalName: "Siân Gwenllïan Ŵyn-Jones", Address: "Tŷ Coch\n1 Heol y Dref, Aberystwyth\nSY23 1AA",
		DateOfBirth: "1990-02-01", NINumber: "ab 12 34 56 c", StartDate: "2026-04-10", Status: dpcoop.PAActive}
	hist := dpcoop.PayHistory{PA: "pa-1",
		Notices: []dpcoop.TaxCodeNotice{{TaxCode: "C1257L", Basis: dpcoop.BasisCumulative, EffectiveFrom: "2026-04-10", Source: dpcoop.SourceStarter, Statement: "A"}},
		Loans:   []dpcoop.LoanNotice{{Notice: dpcoop.SourceStarter, Plan: payroll.LoanPlan2, EffectiveFrom: "2026-04-10"}}}
	f, err := FPSFromRun(Run{Settings: settings, Employees: []RunEmployee{{
		Slip: may, PA: pa, History: hist, Earlier: []dpcoop.Payslip{april}, Gender: "F",
	}}})
	if err != nil {
		t.Fatal(err)
	}
	e := f.Employees[0]
	if f.Year != "2026-27" || f.Employer != (Employer{OfficeNo: "123", PayeRef: "AB456", AccountsOffice: "123PG00012345"}) {
		t.Errorf("FPS %s for %+v", f.Year, f.Employer)
	}
	if e.NINO != "AB123456C" || strings.Join(e.Forenames, " ") != "Sian Gwenllian" || e.Surname != "Wyn-Jones" ||
		strings.Join(e.Address, "|") != "Ty Coch|1 Heol y Dref|Aberystwyth" || e.Postcode != "SY23 1AA" {
		t.Errorf("details %+v", e)
	}
	// Paid on 7 June: tax month 3 (6 June to 5 July). 110 hours over May's
	// 31 days is 24.8 hours a week: band C (24 to under 30).
	p, r := e.Payment, may.Result
	if p.MonthNo != 3 || p.TaxCode != "1257L" || p.TaxRegime != "C" || p.NonCumulative || p.HoursWorked != "C" ||
		p.TaxablePay != r.TaxablePay || p.Tax != r.Tax || p.StudentLoanPlan != "02" || p.StudentLoan != r.StudentLoan ||
		p.PensionNetPay != r.Pension.EmployeeDeduction || p.PensionNetPay == 0 {
		t.Errorf("payment %+v against %+v", p, r)
	}
	if e.ToDate.TaxablePay != april.Result.TaxablePay+r.TaxablePay || e.ToDate.Tax != april.Result.Tax+r.Tax ||
		*e.ToDate.StudentLoans != april.Result.StudentLoan+r.StudentLoan || e.ToDate.PostgradLoans != nil {
		t.Errorf("to date %+v", e.ToDate)
	}
	if len(e.NI) != 1 {
		t.Fatalf("NI %+v", e.NI)
	}
	n := e.NI[0]
	if n.GrossInPeriod != r.NIablePay || n.GrossToDate != april.Result.NIablePay+r.NIablePay ||
		n.AtLELToDate != april.Result.NI.EarningsAtLEL+r.NI.EarningsAtLEL ||
		n.PTToUELToDate != april.Result.NI.EarningsPTToUEL+r.NI.EarningsPTToUEL ||
		n.TotalInPeriod != r.NI.Employee+r.NI.Employer || n.EmployeeToDate != april.Result.NI.Employee+r.NI.Employee {
		t.Errorf("NI %+v", n)
	}
	if e.Starter != nil {
		t.Error("a second payment carried the starter details")
	}
	// The whole document passes the writer's schema checks.
	if _, _, err := Message(f, testSending); err != nil {
		t.Fatal(err)
	}

	// The first payment carries the starter declaration and loan answer.
	first, err := FPSFromRun(Run{Settings: settings, Employees: []RunEmployee{{Slip: april, PA: pa, History: hist, Gender: "F", First: true}}})
	if err != nil {
		t.Fatal(err)
	}
	if s := first.Employees[0].Starter; s == nil || s.StartDate != "2026-04-10" || s.Declaration != "A" || !s.StudentLoan {
		t.Errorf("starter %+v", s)
	}
	if _, _, err := Message(first, testSending); err != nil {
		t.Fatal(err)
	}

	// A leaver: the leaving date goes with the payment on or after it; a
	// later payment is flagged as after leaving.
	hist.Left = "2026-05-31"
	left, err := FPSFromRun(Run{Settings: settings, Employees: []RunEmployee{{Slip: may, PA: pa, History: hist, Earlier: []dpcoop.Payslip{april}, Gender: "F"}}})
	if err != nil {
		t.Fatal(err)
	}
	if m := left.Employees[0].Employment; m.LeavingDate != "2026-05-31" || m.Payment.AfterLeaving {
		t.Errorf("leaver %+v", m)
	}
}

func TestFPSFromRunRefusesWhatIsMissing(t *testing.T) {
	settings := dpcoop.DefaultPayrollSettings
	april := slip(t, "2026-04", "2026-05-07", 60*60, payroll.YearToDate{})
	pa := dpcoop.PA{ID: "pa-1", LegalName: "Ceri Jones", DateOfBirth: "1990-02-01", NINumber: "AB123456C", StartDate: "2026-04-10"}
	if _, err := FPSFromRun(Run{Settings: settings, Employees: []RunEmployee{{Slip: april, PA: pa, Gender: "F"}}}); !errors.Is(err, ErrNoReferences) {
		t.Errorf("no references: %v", err)
	}
	settings.PAYEReference, settings.AccountsOfficeReference = "123/AB456", "123PG00012345"
	if _, err := FPSFromRun(Run{Settings: settings, Employees: []RunEmployee{{Slip: april, PA: pa}}}); err == nil || !strings.Contains(err.Error(), "gender") || strings.Contains(err.Error(), "Ceri") {
		t.Errorf("no gender: %v", err)
	}
	if _, err := FPSFromRun(Run{Settings: settings, Employees: []RunEmployee{{Slip: april, PA: pa, Gender: "M", First: true}}}); err == nil || !strings.Contains(err.Error(), "starter declaration") {
		t.Errorf("no statement: %v", err)
	}
}

func TestEPSFor(t *testing.T) {
	s := dpcoop.DefaultPayrollSettings
	s.PAYEReference, s.AccountsOfficeReference, s.EmploymentAllowance = "123/AB456", "123PG00012345", true
	e, err := EPSFor(s, "2026-27", EPSOptions{ClaimAllowance: true})
	if err != nil {
		t.Fatal(err)
	}
	if e.EmploymentAllowance == nil || !*e.EmploymentAllowance || e.Employer.PayeRef != "AB456" {
		t.Errorf("EPS %+v", e)
	}
	if _, _, err := Message(e, testSending); err != nil {
		t.Fatal(err)
	}
	if _, err := EPSFor(s, "2026-27", EPSOptions{}); err == nil {
		t.Error("an empty EPS was built")
	}
}
