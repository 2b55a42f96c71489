package payslips

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

func readFPS(t *testing.T, b []byte) FPSExport {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var out FPSExport
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFPS(t *testing.T) {
	rows := run(t)
	payDate := date(2026, 5, 28)
	b, err := FPS(employer(), "2026-05", payDate, rows)
	if err != nil {
		t.Fatal(err)
	}
	out := readFPS(t, b)
	if !strings.Contains(out.Note, "not a submission") {
		t.Errorf("note %q", out.Note)
	}
	if out.TaxYear != "2026-27" || out.TaxMonth != 2 || out.PayFrequency != "M1" || out.PaymentDate != "2026-05-28" || out.Month != "2026-05" {
		t.Errorf("run header %+v", out)
	}
	if out.PAYEReference != "123/AB45678" || out.AccountsOfficeReference != "123PA00045678" {
		t.Errorf("employer references %q %q", out.PAYEReference, out.AccountsOfficeReference)
	}
	if len(out.Employees) != len(rows) || out.Totals.Employees != len(rows) {
		t.Fatalf("%d employees, want %d", len(out.Employees), len(rows))
	}
	var sum FPSTotals
	var atLELToDate int64
	for i, e := range out.Employees {
		r := rows[i]
		res, ytd := r.Slip.Result, r.Slip.Result.YearToDate
		// Year to date is exactly the engine's.
		if e.TaxablePayToDate != ytd.TaxablePay || e.TaxToDate != ytd.Tax || e.EmployeeNIToDate != ytd.EmployeeNI || e.EmployerNIToDate != ytd.EmployerNI {
			t.Errorf("%s: to date %+v, engine %+v", e.PayrollID, e, ytd)
		}
		if e.PensionNetPayToDate+e.PensionNotNetPayToDate != ytd.EmployeePension || e.PensionNetPayToDate != 0 {
			t.Errorf("%s: pension to date %d + %d, engine %d (relief at source)", e.PayrollID, e.PensionNetPayToDate, e.PensionNotNetPayToDate, ytd.EmployeePension)
		}
		// The period is exactly the slip's.
		if e.TaxablePay != res.TaxablePay || e.Tax != res.Tax || e.EmployeeNI != res.NI.Employee || e.EmployerNI != res.NI.Employer ||
			e.GrossEarningsForNI != res.NIablePay || e.AtLEL != res.NI.EarningsAtLEL || e.LELToPT != res.NI.EarningsLELToPT || e.PTToUEL != res.NI.EarningsPTToUEL ||
			e.PensionNotNetPay != res.Pension.EmployeeDeduction || e.TaxMonth != 2 || e.PaymentDate != "2026-05-28" || e.PayFrequency != "M1" {
			t.Errorf("%s: period %+v, slip %+v", e.PayrollID, e, res)
		}
		// NI bands to date are April's plus May's.
		p := r.Slip.NIToDate
		if *e.AtLELToDate != p.AtLEL+res.NI.EarningsAtLEL || *e.LELToPTToDate != p.LELToPT+res.NI.EarningsLELToPT ||
			*e.PTToUELToDate != p.PTToUEL+res.NI.EarningsPTToUEL || *e.GrossEarningsForNIToDate != p.GrossEarningsForNI+res.NIablePay {
			t.Errorf("%s: NI bands to date", e.PayrollID)
		}
		atLELToDate += *e.AtLELToDate
		sum.TaxablePay += e.TaxablePay
		sum.TaxablePayToDate += e.TaxablePayToDate
		sum.Tax += e.Tax
		sum.TaxToDate += e.TaxToDate
		sum.EmployeeNI += e.EmployeeNI
		sum.EmployeeNIToDate += e.EmployeeNIToDate
		sum.EmployerNI += e.EmployerNI
		sum.EmployerNIToDate += e.EmployerNIToDate
		sum.PensionNotNetPay += e.PensionNotNetPay
		sum.PensionNotNetPayToDate += e.PensionNotNetPayToDate
		sum.GrossEarningsForNI += e.GrossEarningsForNI
		sum.AtLEL += e.AtLEL
		sum.LELToPT += e.LELToPT
		sum.PTToUEL += e.PTToUEL
	}
	tot := out.Totals
	if tot.TaxablePay != sum.TaxablePay || tot.TaxablePayToDate != sum.TaxablePayToDate || tot.Tax != sum.Tax || tot.TaxToDate != sum.TaxToDate ||
		tot.EmployeeNI != sum.EmployeeNI || tot.EmployeeNIToDate != sum.EmployeeNIToDate || tot.EmployerNI != sum.EmployerNI ||
		tot.EmployerNIToDate != sum.EmployerNIToDate || tot.PensionNotNetPay != sum.PensionNotNetPay || tot.PensionNotNetPayToDate != sum.PensionNotNetPayToDate ||
		tot.GrossEarningsForNI != sum.GrossEarningsForNI || tot.AtLEL != sum.AtLEL || tot.LELToPT != sum.LELToPT || tot.PTToUEL != sum.PTToUEL {
		t.Errorf("totals %+v, employees add up to %+v", tot, sum)
	}
	if tot.AtLELToDate == nil || *tot.AtLELToDate != atLELToDate {
		t.Error("NI bands to date total is not the sum of the PAs'")
	}

	codes := map[string][3]any{}
	for _, e := range out.Employees {
		codes[e.PayrollID] = [3]any{e.TaxCode, e.Week1Month1, e.NICategory}
	}
	want := map[string][3]any{
		"pa-0001": {"1257L", false, "A"},
		"pa-0002": {"C1257L", false, "A"}, // given as "a"
		"pa-0003": {"1257L", true, "C"},
		"pa-0004": {"C1257L", false, "A"},
	}
	for id, w := range want {
		if codes[id] != w {
			t.Errorf("%s: code, week 1/month 1, category = %v, want %v", id, codes[id], w)
		}
	}
	if out.Employees[3].Tax != -15600 || out.Employees[2].Cumulative || !out.Employees[0].Cumulative {
		t.Errorf("refund %d, cumulative flags %v %v", out.Employees[3].Tax, out.Employees[2].Cumulative, out.Employees[0].Cumulative)
	}
	if out.Employees[1].TaxRegime != "wales" {
		t.Errorf("C code regime %q", out.Employees[1].TaxRegime)
	}

	again, _ := FPS(employer(), "2026-05", payDate, rows)
	if !bytes.Equal(b, again) {
		t.Error("two exports differ")
	}
}

func TestFPSNetPayArrangement(t *testing.T) {
	npa := payroll.PensionScheme{Relief: payroll.NetPayArrangement, EmployerRate: 300, EmployeeRate: 500}
	in := payroll.Input{
		Frequency: payroll.Monthly, DateOfBirth: date(1988, 7, 14),
		Lines:   []payroll.PayLine{{Kind: payroll.ShiftStandard, Minutes: 120 * 60, Rate: 1345}},
		TaxCode: mustCode(t, "1257L"), NICategory: payroll.CategoryA,
		Pension: &npa, PensionStatus: payroll.PensionEnrolled, Holiday: payroll.HolidayAccrued,
	}
	r := sian(t)
	r.Slip = monthTwo(t, in)
	er := employer()
	er.Pension = &npa
	b, err := FPS(er, "2026-05", date(2026, 5, 28), []Row{r})
	if err != nil {
		t.Fatal(err)
	}
	e := readFPS(t, b).Employees[0]
	res := r.Slip.Result
	if e.PensionNetPay != res.Pension.EmployeeDeduction || e.PensionNetPayToDate != res.YearToDate.EmployeePension || e.PensionNotNetPay != 0 || e.PensionNetPay == 0 {
		t.Errorf("net pay arrangement: %+v", e)
	}
}

func TestFPSUnknownNIBandsAreNull(t *testing.T) {
	rows := run(t)
	rows[1].Slip.NIToDate = nil
	b, err := FPS(employer(), "2026-05", date(2026, 5, 28), rows)
	if err != nil {
		t.Fatal(err)
	}
	out := readFPS(t, b)
	if out.Employees[1].AtLELToDate != nil || out.Employees[0].AtLELToDate == nil || out.Totals.AtLELToDate != nil {
		t.Error("unknown NI bands to date should be null for the PA and the totals only")
	}
	if !bytes.Contains(b, []byte(`"earnings_at_lel_to_date_pence": null`)) {
		t.Error("null is not written out")
	}
}

func TestFPSRefusesAMixedRun(t *testing.T) {
	rows := run(t)
	for name, call := range map[string]func() error{
		"bad month":      func() error { _, err := FPS(employer(), "2026-5", date(2026, 5, 28), rows); return err },
		"other pay date": func() error { _, err := FPS(employer(), "2026-05", date(2026, 5, 29), rows); return err },
		"other month":    func() error { _, err := FPS(employer(), "2026-06", date(2026, 5, 28), rows); return err },
		"no pay date":    func() error { _, err := FPS(employer(), "2026-05", time.Time{}, rows); return err },
		"PA twice": func() error {
			_, err := FPS(employer(), "2026-05", date(2026, 5, 28), append(rows, rows[0]))
			return err
		},
		"tampered tax": func() error {
			r := run(t)
			r[0].Slip.Result.Tax++
			_, err := FPS(employer(), "2026-05", date(2026, 5, 28), r)
			return err
		},
		"bad NI category": func() error {
			r := run(t)
			r[1].Employee.NICategory = "?"
			_, err := FPS(employer(), "2026-05", date(2026, 5, 28), r)
			return err
		},
		"no pension setup": func() error {
			er := employer()
			er.Pension = nil
			_, err := FPS(er, "2026-05", date(2026, 5, 28), rows)
			return err
		},
	} {
		if call() == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
