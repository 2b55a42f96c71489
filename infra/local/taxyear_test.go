package local_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// yearPA is one PA of the tax year test: what the test expects of them each
// month, worked from HMRC's published rules.
type yearPA struct {
	id        string
	paid      int64 // tax deducted so far in 2026-27, a P45's included
	payToDate int64 // pay so far in 2026-27, a P45's included
	ni        int64 // employee NI so far in 2026-27
}

// claimAllowance sets the co-op to claim the Employment Allowance.
func (r *running) claimAllowance(t *testing.T, admin string) {
	t.Helper()
	settings := map[string]any{}
	r.getJSON(t, "/v1/payroll/settings", admin, &settings)
	settings["employment_allowance"] = true
	b, _ := json.Marshal(settings)
	if resp, out := r.do(t, "PUT", "/v1/payroll/settings", admin, "application/json", string(b)); resp.StatusCode != http.StatusOK {
		t.Fatalf("claim the allowance: %d %s", resp.StatusCode, out)
	}
}

// hmrcDue reads what a run leaves the co-op owing HMRC.
func (r *running) hmrcDue(t *testing.T, admin, month string) dpcoop.HMRCDue {
	t.Helper()
	var v struct{ Liabilities dpcoop.Liabilities }
	r.getJSON(t, "/v1/payroll/runs/"+month, admin, &v)
	return v.Liabilities.HMRC
}

// work records approved shifts for member on each weekday from first, n of
// them, from start to end.
func (r *running) work(t *testing.T, pa, member, first string, n int, start, end string) {
	t.Helper()
	d, _ := time.Parse(dpcoop.DateLayout, first)
	for done := 0; done < n; d = d.AddDate(0, 0, 1) {
		day := dpcoop.Date(d.Format(dpcoop.DateLayout))
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || dpcoop.IsBankHoliday(day) {
			continue
		}
		r.recordShift(t, pa, member, string(day), start, end)
		done++
	}
}

// TestAWholeTaxYearThroughTheAPI pays the months whose pay days fall in the
// tax year 2026-27 (work of March 2026 paid on 7 April, to February 2027's
// paid on 7 March), month by month, through the API and the state machine,
// for four PAs:
//
//   - Dewi: a starter on declaration C (BR), 20 hours a month for Siân at
//     £13.45 (£269.00). BR takes 20 %, £53.80 a month, until HMRC's P6 moves
//     him to 1257L from 1 October: that month refunds all of it.
//   - Elin: a starter in June with a P45 (pay £4,000.00, tax £380.80), 80
//     hours a month for Gwen (£1,076.00): her P45 counts every month.
//   - Ffion: 1257L, 40 hours a month for Gwen at £13.45 and 40 for Rhys at
//     £15.00, a pay rise to £16.00 from Rhys from 1 September, no work in
//     December, and a shift of October's found in December: late work, paid
//     in December as back pay.
//   - Tomos: born 20 August 2005, NI category M, 60 hours a month for Rhys at
//     £11.00 (the 18 to 20 minimum is £10.85) until he turns 21, then £13.45
//     from his birthday and category A.
//
// Tax is worked as HMRC's tables do (freePayToDate, basicTaxToDate); NI by
// the exact percentage method, each figure chosen to come out in whole
// pence; and every month the members' charges must add up to the
// employer's cost of the PAs' pay and holiday, to the penny.
func TestAWholeTaxYearThroughTheAPI(t *testing.T) {
	c := &clock{t: time.Date(2026, 3, 2, 10, 0, 0, 0, dpcoop.London)}
	r := startAt(t, t.TempDir(), c)
	defer r.stack.Close()
	admin := func() string { return r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin) }
	gwen, sian, rhys := local.DemoID("gwen"), local.DemoID("sian"), local.DemoID("rhys")
	employ := func(pa, member string, rate int, start string) {
		t.Helper()
		body := fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":%d,"night_pence":%d,"sleep_in_pence":9000,"bank_holiday_pence":%d},"start_date":%q}`, pa, member, rate, rate, 2*rate, start)
		if resp, out := r.do(t, "POST", "/v1/employments", admin(), "application/json", body); resp.StatusCode != http.StatusCreated {
			t.Fatalf("employ: %d %s", resp.StatusCode, out)
		}
	}
	hire := func(body string) string {
		t.Helper()
		resp, out := r.do(t, "POST", "/v1/pas", admin(), "application/json", body)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("hire: %d %s", resp.StatusCode, out)
		}
		var pa dpcoop.PA
		if err := json.Unmarshal([]byte(out), &pa); err != nil {
			t.Fatal(err)
		}
		return pa.ID
	}
	const record = `{"legal_name":%q,"email":%q,"address":"1 Stryd y Bont, Aberystwyth","language":"cy","date_of_birth":%q,"ni_number":%q,%s,"ni_category":%q,"start_date":%q}`
	dewi := &yearPA{id: hire(fmt.Sprintf(record, "Dewi Rhys", "dewi@example.org", "1990-05-01", "AB 22 33 44 C", `"starter_declaration":"C"`, "A", "2026-03-02"))}
	ffion := &yearPA{id: hire(fmt.Sprintf(record, "Ffion Wyn", "ffion@example.org", "1979-11-30", "AB 44 55 66 A", `"starter_declaration":"A"`, "A", "2026-03-02"))}
	tomosRecord := func(cat string) string {
		return fmt.Sprintf(record, "Tomos Llwyd", "tomos@example.org", "2005-08-20", "AB 55 66 77 B", `"starter_declaration":"A"`, cat, "2026-03-02")
	}
	tomos := &yearPA{id: hire(tomosRecord("M"))}
	employ(dewi.id, sian, 1345, "2026-03-02")
	employ(ffion.id, gwen, 1345, "2026-03-02")
	employ(ffion.id, rhys, 1500, "2026-03-02")
	employ(tomos.id, rhys, 1100, "2026-03-02")
	var elin *yearPA

	// The demo co-op's seeded February work is paid first (tax year 2025-26).
	r.payFinal(t, admin(), "2026-02")
	r.claimAllowance(t, admin())
	var allowance int64

	months := []string{"2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02"}
	for i, month := range months {
		n := int64(i + 1) // the tax month of its pay day, the 7th of the next month
		first, _ := time.Parse(dpcoop.MonthLayout, month)
		c.set(time.Date(first.Year(), first.Month()+1, 1, 10, 0, 0, 0, dpcoop.London)) // the month has just ended
		day := func(d int) string { return first.AddDate(0, 0, d-1).Format(dpcoop.DateLayout) }

		r.work(t, dewi.id, sian, day(2), 2, "08:00", "18:00")
		if month == "2026-06" {
			elin = &yearPA{id: hire(`{"legal_name":"Elin Haf","email":"elin@example.org","address":"3 Lôn Goch, Dolgellau","language":"en","date_of_birth":"1984-01-09",
				"ni_number":"AB 33 44 55 D","p45":{"pay_to_date_pence":400000,"tax_to_date_pence":38080,"tax_code":"1257L"},"start_date":"2026-06-01"}`),
				paid: 38080, payToDate: 400000}
			employ(elin.id, gwen, 1345, "2026-06-01")
		}
		if elin != nil {
			r.work(t, elin.id, gwen, day(1), 8, "08:00", "18:00") // 8 days of 10 hours: 80 hours
		}
		if month != "2026-12" {
			r.work(t, ffion.id, gwen, day(1), 10, "08:00", "12:00")
			r.work(t, ffion.id, rhys, day(1), 10, "13:00", "17:00")
		}
		if month == "2026-08" {
			// Tomos turns 21 on the 20th: his rate rises from his birthday,
			// and his NI category is A from this month's pay day.
			var emps struct{ Items []dpcoop.Employment }
			r.getJSON(t, "/v1/employments?pa="+tomos.id, admin(), &emps)
			rise := `{"effective_from":"2026-08-20","rates":{"standard_pence":1345,"night_pence":1345,"sleep_in_pence":9000,"bank_holiday_pence":2690}}`
			if resp, out := r.do(t, "POST", "/v1/employments/"+emps.Items[0].ID+"/rates", admin(), "application/json", rise); resp.StatusCode != http.StatusOK {
				t.Fatalf("Tomos's rise: %d %s", resp.StatusCode, out)
			}
			if resp, out := r.do(t, "PUT", "/v1/pas/"+tomos.id, admin(), "application/json", tomosRecord("A")); resp.StatusCode != http.StatusOK {
				t.Fatalf("Tomos's category: %d %s", resp.StatusCode, out)
			}
			r.work(t, tomos.id, rhys, day(20), 6, "08:00", "18:00")
		} else {
			r.work(t, tomos.id, rhys, day(1), 6, "08:00", "18:00")
		}
		if month == "2026-09" {
			var emps struct{ Items []dpcoop.Employment }
			r.getJSON(t, "/v1/employments?pa="+ffion.id+"&member="+rhys, admin(), &emps)
			rise := `{"effective_from":"2026-09-01","rates":{"standard_pence":1600,"night_pence":1600,"sleep_in_pence":9000,"bank_holiday_pence":3200}}`
			if resp, out := r.do(t, "POST", "/v1/employments/"+emps.Items[0].ID+"/rates", admin(), "application/json", rise); resp.StatusCode != http.StatusOK {
				t.Fatalf("Ffion's rise: %d %s", resp.StatusCode, out)
			}
			p6 := `{"tax_code":"1257L","basis":"cumulative","effective_from":"2026-10-01","source":"P6"}`
			if resp, out := r.do(t, "POST", "/v1/pas/"+dewi.id+"/tax-codes", admin(), "application/json", p6); resp.StatusCode != http.StatusCreated {
				t.Fatalf("Dewi's P6: %d %s", resp.StatusCode, out)
			}
		}
		if month == "2026-12" {
			r.recordShift(t, ffion.id, gwen, "2026-10-29", "08:00", "12:00") // forgotten: October is paid
		}

		slips := r.payFinal(t, admin(), month)
		var run dpcoop.Run
		r.getJSON(t, "/v1/payroll/runs/"+month, admin(), &run)
		var cost, charged int64
		for _, s := range slips {
			cost += s.Result.EmployerCost + s.HolidayAccrual
		}
		for _, ch := range run.Charges {
			charged += ch.Amount
		}
		if charged != cost {
			t.Errorf("%s: members charged %d for an employer's cost of %d", month, charged, cost)
		}
		// The year's employer NI is far below the £10,500 allowance: all of
		// it is taken off what HMRC is owed.
		if due := r.hmrcDue(t, admin(), month); due.EmploymentAllowance != run.Totals.EmployerNI ||
			due.Total != run.Totals.Tax+run.Totals.EmployeeNI || due.TaxMonth != int(n) {
			t.Errorf("%s: HMRC due %+v for employer NI %d", month, due, run.Totals.EmployerNI)
		}
		allowance += run.Totals.EmployerNI

		check := func(who string, p *yearPA, gross, tax, employeeNI, employerNI int64) {
			t.Helper()
			s := slips[p.id]
			if s.Result.Gross != gross || s.Result.Tax != tax || s.Result.NI.Employee != employeeNI || s.Result.NI.Employer != employerNI {
				t.Errorf("%s %s: gross %d tax %d NI %d/%d on %s %s, want %d %d %d/%d", month, who, s.Result.Gross, s.Result.Tax,
					s.Result.NI.Employee, s.Result.NI.Employer, s.TaxCode, s.NICategory, gross, tax, employeeNI, employerNI)
			}
			p.paid += s.Result.Tax
			p.payToDate += s.Result.Gross
			p.ni += s.Result.NI.Employee
		}
		// Dewi: BR, then 1257L cumulative from the P6, below free pay.
		dewiTax := int64(5380)
		if n == 7 {
			dewiTax = -6 * 5380
		} else if n > 7 {
			dewiTax = 0
		}
		check("Dewi", dewi, 26900, dewiTax, 0, 0)
		// Elin: cumulative with her P45, £1,076: NI 8 % of £28.00, 15 % of £659.00.
		if elin != nil {
			pay := int64(107600)
			check("Elin", elin, pay, basicTaxToDate(elin.payToDate+pay, n)-elin.paid, 224, 9885)
		}
		// Ffion: £538.00 for Gwen and £600.00 (from September £640.00) for Rhys.
		ffionPay := int64(53800 + 60000)
		if month >= "2026-09" {
			ffionPay = 53800 + 64000
		}
		if month == "2026-12" {
			ffionPay = 5380 // only October's late four hours
			if l := slips[ffion.id].Lines; len(l) != 1 || !l[0].BackPay {
				t.Errorf("December: Ffion's lines %+v, want one of back pay", l)
			}
		}
		ffionEE, ffionER := (ffionPay-104800)*8/100, (ffionPay-41700)*15/100
		if ffionPay < 104800 {
			ffionEE = 0
		}
		if ffionPay < 41700 {
			ffionER = 0
		}
		check("Ffion", ffion, ffionPay, basicTaxToDate(ffion.payToDate+ffionPay, n)-ffion.paid, ffionEE, ffionER)
		if month != "2026-12" && month < "2026-09" {
			for _, ch := range run.Charges {
				for _, part := range ch.Parts {
					if part.PA == ffion.id && ch.Member == gwen && part.Gross != 53800 {
						t.Errorf("%s: Gwen is charged %d of Ffion's gross, want the £538.00 of her own hours", month, part.Gross)
					}
				}
			}
		}
		// Tomos: £660.00, category M and no employer NI below the upper
		// secondary threshold; from his birthday £807.00 on category A.
		tomosPay, tomosER := int64(66000), int64(0)
		if month >= "2026-08" {
			tomosPay, tomosER = 80700, (80700-41700)*15/100
		}
		check("Tomos", tomos, tomosPay, 0, 0, tomosER)
	}
	if dewi.paid != 0 {
		t.Errorf("Dewi's tax for the year %d, want nothing after the refund", dewi.paid)
	}
	var sum struct{ Accounts map[string]int64 }
	r.getJSON(t, "/v1/coop/summary?month=2027-03", admin(), &sum)
	if got := sum.Accounts[string(dpcoop.AccountEmploymentAllowance)]; got != allowance || allowance == 0 || sum.Accounts["coop:payroll"] != 0 {
		t.Errorf("the allowance account holds %d, want the year's %d, and the payroll account %d, want 0", got, allowance, sum.Accounts["coop:payroll"])
	}
	r.crossIntoNewYear(t, c, admin, []*yearPA{dewi, elin, ffion, tomos}, ffion.id, gwen)
}

// crossIntoNewYear takes the co-op of the tax year test across 5 April 2027:
// no P60 before the year ends; March's work, paid on 7 April, is in 2027-28,
// whose unpublished figures stop it with a problem that names the figure;
// from 6 April each PA's P60 carries the year's figures the test worked out.
func (r *running) crossIntoNewYear(t *testing.T, c *clock, admin func() string, pas []*yearPA, ffion, gwen string) {
	t.Helper()
	c.set(time.Date(2027, 4, 1, 10, 0, 0, 0, dpcoop.London))
	r.refused(t, "GET", "/v1/payroll/p60s/2026-27", admin(), "", http.StatusConflict, dpcoop.CodeYearNotEnded, "")
	r.work(t, ffion, gwen, "2027-03-01", 5, "08:00", "12:00")
	r.preview(t, admin(), "2027-03")
	var view struct {
		Problems []struct{ Code, Figure, Message string }
	}
	r.getJSON(t, "/v1/payroll/runs/2027-03", admin(), &view)
	if len(view.Problems) != 1 || view.Problems[0].Code != "payroll_figure_not_published" || view.Problems[0].Figure != "auto_enrolment_thresholds_2027_28" ||
		!strings.Contains(view.Problems[0].Message, "pension auto-enrolment thresholds for 2027-28") {
		t.Errorf("March 2027, paid in 2027-28: problems %+v, want the unpublished figure named", view.Problems)
	}
	r.refused(t, "POST", "/v1/payroll/runs/2027-03/finalise", admin(), "", http.StatusConflict, dpcoop.CodeRunBlocked, "")

	c.set(time.Date(2027, 4, 6, 9, 0, 0, 0, dpcoop.London))
	var list struct{ Items []dpcoop.P60 }
	r.getJSON(t, "/v1/payroll/p60s/2026-27", admin(), &list)
	got := map[string]dpcoop.P60{}
	for _, p := range list.Items {
		got[p.PA] = p
	}
	for _, pa := range pas {
		p, ok := got[pa.id]
		var ni int64
		for _, line := range p.NI {
			ni += line.EmployeeNI
		}
		if !ok || p.TotalPay != pa.payToDate || p.TotalTax != pa.paid || ni != pa.ni || p.PayInEmployment != pa.payToDate-p.PreviousPay || p.TaxCode != "1257L" {
			t.Errorf("P60 %+v, want pay %d tax %d NI %d", p, pa.payToDate, pa.paid, pa.ni)
		}
	}
	if p := got[pas[1].id]; p.PreviousPay != 400000 || p.PreviousTax != 38080 || p.Payments != 9 {
		t.Errorf("Elin's P60 %+v: her P45's pay and tax, and nine payments", p)
	}
	if p := got[pas[3].id]; len(p.NI) != 2 || p.NI[0].Category != "M" || p.NI[1].Category != "A" {
		t.Errorf("Tomos's P60 NI %+v: category M, then A from his 21st birthday", p.NI)
	}
	tomos := r.token(t, "demo", pas[3].id, dpcoop.RolePA)
	var own dpcoop.P60
	if r.getJSON(t, "/v1/pas/"+pas[3].id+"/p60/2026-27", tomos, &own); own.TotalPay != pas[3].payToDate {
		t.Errorf("Tomos's own P60 %+v", own)
	}
	if resp, pdf := r.do(t, "GET", "/v1/pas/"+pas[3].id+"/p60/2026-27", tomos, "", "", "Accept", "application/pdf"); resp.StatusCode != http.StatusOK || !strings.HasPrefix(pdf, "%PDF") {
		t.Errorf("Tomos's P60 as a PDF: %d %.20q", resp.StatusCode, pdf)
	}
	r.refused(t, "GET", "/v1/pas/"+pas[0].id+"/p60/2026-27", tomos, "", http.StatusNotFound, dpcoop.CodeNotFound, "")
}
