package local_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// hire takes a PA on through the API and employs them for member at £13.45.
func (r *running) hire(t *testing.T, admin, body, member string) string {
	t.Helper()
	resp, out := r.do(t, "POST", "/v1/pas", admin, "application/json", body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("hire: %d %s", resp.StatusCode, out)
	}
	var pa dpcoop.PA
	json.Unmarshal([]byte(out), &pa)
	emp := fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":1345,"night_pence":1345,"sleep_in_pence":9000,"bank_holiday_pence":2690},"start_date":"2026-04-06"}`, pa.ID, member)
	if resp, out = r.do(t, "POST", "/v1/employments", admin, "application/json", emp); resp.StatusCode != http.StatusCreated {
		t.Fatalf("employ: %d %s", resp.StatusCode, out)
	}
	return pa.ID
}

// workDays records approved 10-hour working days in month, from its first
// (or from 6 April, when the PAs started).
func (r *running) workDays(t *testing.T, pa, member, month string, days int) {
	t.Helper()
	d, _ := time.Parse(dpcoop.MonthLayout, month)
	for n := 0; n < days; d = d.AddDate(0, 0, 1) {
		if d.Before(time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)) {
			continue // they started on 6 April
		}
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || dpcoop.IsBankHoliday(dpcoop.Date(d.Format(dpcoop.DateLayout))) {
			continue
		}
		r.recordShift(t, pa, member, d.Format(dpcoop.DateLayout), "08:00", "18:00")
		n++
	}
}

// payFinal runs a month and finalises it, and returns its payslips by PA.
func (r *running) payFinal(t *testing.T, admin, month string) map[string]dpcoop.Payslip {
	t.Helper()
	r.preview(t, admin, month)
	if resp, body := r.do(t, "POST", "/v1/payroll/runs/"+month+"/finalise", admin, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("finalise %s: %d %s", month, resp.StatusCode, body)
	}
	var slips struct{ Items []dpcoop.Payslip }
	r.getJSON(t, "/v1/payroll/runs/"+month+"/payslips", admin, &slips)
	out := map[string]dpcoop.Payslip{}
	for _, s := range slips.Items {
		out[s.PA] = s
	}
	return out
}

// freePayToDate is HMRC's Tables A pay adjustment for code 1257 to tax month
// n: 257 gives (257 x 10 + 9) / 12 = £214.9167, rounded up to £214.92 a
// month; each 500 above it £5,000 / 12, rounded up to £416.67. £1,048.26 a
// month, in pence, times n.
func freePayToDate(n int64) int64 {
	ceil := func(a, b int64) int64 { return (a + b - 1) / b }
	return n * (ceil((257*10+9)*100, 12) + 2*ceil(5000*100, 12))
}

// basicTaxToDate is tax at 20 % on pay to date less free pay, the taxable
// pay rounded down to whole pounds first (and nothing below zero); the
// figures below stay inside the pro-rated basic rate band.
func basicTaxToDate(payToDate, n int64) int64 {
	taxable := max(payToDate-freePayToDate(n), 0) / 100 * 100
	return taxable * 20 / 100
}

// TestPayHistoryHoldsAllYear follows two PAs from April, every figure worked
// here from HMRC's published rules, not by the engine:
//
// Dewi starts on a starter declaration C (code BR) and earns £269.00 a month
// (20 hours at £13.45): BR takes 20 %, £53.80 a month, April to August. An
// edit of his address in July must not touch his pay history. HMRC's P6
// moves him to 1257L (cumulative) from 1 October: September's pay (paid 7
// October, tax month 7) refunds all £269.00, since his pay to date is below
// his free pay to date.
//
// Gareth starts with a P45 (pay £5,000.00, tax £400.00, 1257L) and earns
// £1,345.00 a month (100 hours): his P45 counts in every month's cumulative
// tax, not only the first.
func TestPayHistoryHoldsAllYear(t *testing.T) {
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	dewiRecord := `{"legal_name":"Dewi Rhys","email":"dewi@example.org","address":"2 Stryd Fawr, Y Bala","language":"cy",
		"date_of_birth":"1990-05-01","ni_number":"AB 22 33 44 C","starter_declaration":"C","start_date":"2026-04-06"}`
	dewi := r.hire(t, admin, dewiRecord, local.DemoID("sian"))
	gareth := r.hire(t, admin, `{"legal_name":"Gareth Huws","email":"gareth@example.org","address":"9 Lôn Isaf, Bangor","language":"en",
		"date_of_birth":"1985-02-11","ni_number":"AB 33 44 55 D","p45":{"pay_to_date_pence":500000,"tax_to_date_pence":40000,"tax_code":"1257L"},"start_date":"2026-04-06"}`, local.DemoID("rhys"))

	var garethPaid int64 = 40000 // tax to date, the P45's included
	for i, month := range []string{"2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09"} {
		r.workDays(t, dewi, local.DemoID("sian"), month, 2)
		if i < 3 {
			r.workDays(t, gareth, local.DemoID("rhys"), month, 10)
		}
		if month == "2026-07" {
			edited := `{"legal_name":"Dewi Rhys","email":"dewi@example.org","address":"14 Heol y Bont, Y Bala","language":"cy",
				"date_of_birth":"1990-05-01","ni_number":"AB 22 33 44 C","starter_declaration":"C","start_date":"2026-04-06"}`
			if resp, body := r.do(t, "PUT", "/v1/pas/"+dewi, admin, "application/json", edited); resp.StatusCode != http.StatusOK {
				t.Fatalf("edit Dewi's address: %d %s", resp.StatusCode, body)
			}
			r.refused(t, "PUT", "/v1/pas/"+dewi, admin, `{"legal_name":"Dewi Rhys","email":"dewi@example.org","address":"14 Heol y Bont, Y Bala","language":"cy",
				"date_of_birth":"1990-05-01","ni_number":"AB 22 33 44 C","starter_declaration":"C","tax_code":"1257L","start_date":"2026-04-06"}`,
				http.StatusUnprocessableEntity, dpcoop.CodeValidation, dpcoop.FieldNeedsNotice)
		}
		if month == "2026-09" {
			p6 := `{"tax_code":"1257L","basis":"cumulative","effective_from":"2026-10-01","source":"P6"}`
			if resp, body := r.do(t, "POST", "/v1/pas/"+dewi+"/tax-codes", admin, "application/json", p6); resp.StatusCode != http.StatusCreated {
				t.Fatalf("P6: %d %s", resp.StatusCode, body)
			}
		}
		slips := r.payFinal(t, admin, month)
		n := int64(i + 2) // paid on the 7th of the next month: tax month 2 for April's work
		d := slips[dewi]
		want := int64(26900 * 20 / 100)
		if month == "2026-09" {
			want = -5 * 5380 // everything BR took back, as a refund
		}
		if d.Result.Gross != 26900 || d.Result.Tax != want {
			t.Errorf("%s: Dewi's gross %d tax %d on %s, want 26900 and %d", month, d.Result.Gross, d.Result.Tax, d.TaxCode, want)
		}
		if i < 3 {
			g := slips[gareth]
			due := basicTaxToDate(500000+int64(i+1)*134500, n) - garethPaid
			if g.Result.Gross != 134500 || g.Result.Tax != due {
				t.Errorf("%s: Gareth's gross %d tax %d, want 134500 and %d", month, g.Result.Gross, g.Result.Tax, due)
			}
			garethPaid += g.Result.Tax
		}
	}
	if garethPaid != 40000+44960+5940+5920 {
		t.Errorf("Gareth's tax to date %d: 449.60, 59.40 and 59.20 after the P45's 400.00", garethPaid)
	}
	var hist dpcoop.PayHistory
	r.getJSON(t, "/v1/pas/"+dewi+"/tax-codes", admin, &hist)
	if len(hist.Notices) != 2 || hist.Notices[0].Source != dpcoop.SourceStarter || hist.Notices[0].TaxCode != "BR" || hist.Notices[1].Source != dpcoop.SourceP6 ||
		hist.YTD == nil || hist.YTD.Month != "2026-09" || hist.YTD.Figures.Tax != 0 || hist.YTD.Figures.Gross != 6*26900 {
		t.Fatalf("Dewi's pay history %+v", hist)
	}
}
