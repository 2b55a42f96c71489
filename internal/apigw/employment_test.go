package apigw_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// approvedShift records, submits and has the member approve a shift.
func (tm *team) approvedShift(member, date, start, end string) {
	tm.t.Helper()
	var s dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":%q,"start":%q,"end":%q,"members":[%q]}`, date, start, end, member)), 201).into(tm.t, &s)
	tm.ok(tm.act(s.ID, "submit", tm.pa, "[pa]", ""), 200)
	tm.ok(tm.act(s.ID, "approve", member, "[member]", ""), 200)
}

// TestEmploymentRatesHaveDates: a pay rise from a date applies to the shifts
// from that date; a create repeated with other rates, an overlapping
// employment, a change outside the employment or below the minimum wage and
// an end before the start are each refused with a clear answer.
func TestEmploymentRatesHaveDates(t *testing.T) {
	tm := newTeam(t)
	emp := tm.employment(tm.gwen)
	same := fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":1345,"night_pence":1400,"sleep_in_pence":9000,"bank_holiday_pence":2690},"start_date":"2026-04-06"}`, tm.pa, tm.gwen)
	var again struct{ Employment dpcoop.Employment }
	tm.ok(tm.admin("POST", "/v1/employments", nil, same), 201).into(t, &again)
	if again.Employment.ID != emp.ID {
		t.Fatalf("the same create made another employment: %+v", again)
	}
	other := fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":1500,"night_pence":1500,"sleep_in_pence":9000,"bank_holiday_pence":3000},"start_date":"2026-04-06"}`, tm.pa, tm.gwen)
	if p := problemOf(t, tm.call(tm.admin("POST", "/v1/employments", nil, other), true)); p.Code != dpcoop.CodeEmploymentExists {
		t.Fatalf("a create with other rates: %+v", p)
	}
	later := fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":1500,"night_pence":1500,"sleep_in_pence":9000,"bank_holiday_pence":3000},"start_date":"2026-12-01"}`, tm.pa, tm.gwen)
	if p := problemOf(t, tm.call(tm.admin("POST", "/v1/employments", nil, later), true)); fields(p)["start_date"] != dpcoop.FieldOverlapsEmployment {
		t.Fatalf("an overlapping employment: %+v", p)
	}

	id := map[string]string{"id": emp.ID}
	rise := `{"effective_from":"2026-11-10","rates":{"standard_pence":1500,"night_pence":1550,"sleep_in_pence":9500,"bank_holiday_pence":3000}}`
	var changed struct{ Employment dpcoop.Employment }
	for range 2 { // the same change twice is one change
		tm.ok(tm.admin("POST", "/v1/employments/{id}/rates", id, rise), 200).into(t, &changed)
	}
	if len(changed.Employment.RateChanges) != 1 || changed.Employment.RatesOn("2026-11-09").Standard != 1345 || changed.Employment.RatesOn("2026-11-10").Standard != 1500 {
		t.Fatalf("after the rise: %+v", changed.Employment)
	}
	for body, field := range map[string][2]string{
		`{"effective_from":"2026-03-01","rates":{"standard_pence":1500,"night_pence":1550,"sleep_in_pence":9500,"bank_holiday_pence":3000}}`: {"effective_from", dpcoop.FieldOutsideEmployment},
		`{"effective_from":"2026-11-20","rates":{"standard_pence":1000,"night_pence":1550,"sleep_in_pence":9500,"bank_holiday_pence":3000}}`: {"rates.standard_pence", dpcoop.FieldBelowMinimumWage},
	} {
		if p := problemOf(t, tm.call(tm.admin("POST", "/v1/employments/{id}/rates", id, body), true)); fields(p)[field[0]] != field[1] {
			t.Errorf("%s: %+v", body, p)
		}
	}
	if p := problemOf(t, tm.call(tm.admin("POST", "/v1/employments/{id}/end", id, `{"date":"2026-04-01"}`), true)); fields(p)["date"] != dpcoop.FieldEndBeforeStart {
		t.Errorf("an end before the start: %+v", p)
	}
	if resp := tm.call(tm.admin("POST", "/v1/employments/{id}/rates", map[string]string{"id": "nosuchemploymentzzzz"}, rise), true); resp.StatusCode != http.StatusNotFound {
		t.Errorf("rates for no employment: %d", resp.StatusCode)
	}

	// Four hours before the rise and four after: £53.80 + £60.00.
	tm.approvedShift(tm.gwen, "2026-11-03", "09:00", "13:00")
	tm.approvedShift(tm.gwen, "2026-11-17", "09:00", "13:00")
	var month struct {
		Totals struct {
			ByMember []struct {
				ID  string `json:"id"`
				Pay int64  `json:"pay_pence"`
			} `json:"by_member"`
		}
	}
	tm.ok(at(tm.admin("GET", "/v1/shifts", nil, ""), "GET", "/v1/shifts", nil, url.Values{"month": {"2026-11"}}), 200).into(t, &month)
	if len(month.Totals.ByMember) != 1 || month.Totals.ByMember[0].Pay != 5380+6000 {
		t.Fatalf("November's pay for Gwen: %+v", month.Totals)
	}

	// The employment ends: a shift after its last day is not for her.
	tm.ok(tm.admin("POST", "/v1/employments/{id}/end", id, `{"date":"2026-11-20"}`), 200)
	resp := tm.call(tm.shift(fmt.Sprintf(`{"date":"2026-11-21","start":"09:00","end":"10:00","members":[%q]}`, tm.gwen)), true)
	if fields(problemOf(t, resp))["members"] != dpcoop.FieldNotEmployed {
		t.Fatalf("a shift after the employment ended: %s", resp.Body)
	}
}

// TestAdminsAreWarnedBeforeAMinimumWageRise: on 10 March 2026 an employment
// pays £12.50 an hour, above the National Living Wage of £12.21 but below
// the £12.71 it becomes on 1 April 2026. The admin is warned, in their
// language, and the warning goes once the new rate is entered from then.
func TestAdminsAreWarnedBeforeAMinimumWageRise(t *testing.T) {
	h := newHarness(t)
	h.now = time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	h.demo()
	gwen := h.applied("member", "Gwen Morgan")
	h.ok(h.decide(gwen, "approve", "demo", "[admin]", `{"date_entered":"2025-06-01"}`), 200)
	var pa dpcoop.PA
	h.ok(h.admin("POST", "/v1/pas", nil, strings.Replace(catrin, `"start_date":"2026-04-06"`, `"start_date":"2025-06-01"`, 1)), 201).into(t, &pa)
	var created struct{ Employment dpcoop.Employment }
	h.ok(h.admin("POST", "/v1/employments", nil, fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":1250,"night_pence":1300,"sleep_in_pence":9000,"bank_holiday_pence":2500},"start_date":"2025-06-01"}`, pa.ID, gwen)), 201).into(t, &created)
	list := func() []struct{ EmploymentID, Code, Message string } {
		var out struct {
			Warnings []struct {
				EmploymentID string `json:"employment_id"`
				Code         string
				Message      string
			}
		}
		h.ok(withHeader(h.admin("GET", "/v1/employments", nil, ""), "accept-language", "cy"), 200).into(t, &out)
		res := make([]struct{ EmploymentID, Code, Message string }, len(out.Warnings))
		for i, w := range out.Warnings {
			res[i].EmploymentID, res[i].Code, res[i].Message = w.EmploymentID, w.Code, w.Message
		}
		return res
	}
	w := list()
	if len(w) != 1 || w[0].EmploymentID != created.Employment.ID || w[0].Code != dpcoop.WarnMinimumWageRises ||
		!strings.Contains(w[0].Message, "£12.71") || !strings.Contains(w[0].Message, "2026-04-01") || !strings.Contains(w[0].Message, "isafswm") {
		t.Fatalf("warnings %+v", w)
	}
	h.ok(h.admin("POST", "/v1/employments/{id}/rates", map[string]string{"id": created.Employment.ID},
		`{"effective_from":"2026-04-01","rates":{"standard_pence":1345,"night_pence":1345,"sleep_in_pence":9000,"bank_holiday_pence":2690}}`), 200)
	if w := list(); len(w) != 0 {
		t.Fatalf("still warned after the new rate: %+v", w)
	}
}

// TestAPAWhoLeavesLosesAccess: the admin records the day a PA left; from
// then their token can no longer record work, while they can still read
// their own record, pay history and payslips, and their sign-in is revoked.
func TestAPAWhoLeavesLosesAccess(t *testing.T) {
	tm := newTeam(t)
	id := map[string]string{"id": tm.pa}
	if p := problemOf(t, tm.call(tm.admin("POST", "/v1/pas/{id}/leave", id, `{"date":"2026-12-01"}`), true)); fields(p)["date"] != dpcoop.FieldDateFuture {
		t.Fatalf("a leaving date in the future: %+v", p)
	}
	var hist dpcoop.PayHistory
	for range 2 { // the same day twice is one leaving
		tm.ok(tm.admin("POST", "/v1/pas/{id}/leave", id, `{"date":"2026-11-20"}`), 200).into(t, &hist)
	}
	if hist.Left != "2026-11-20" {
		t.Fatalf("pay history %+v", hist)
	}
	if p := problemOf(t, tm.call(tm.admin("POST", "/v1/pas/{id}/leave", id, `{"date":"2026-11-21"}`), true)); p.Code != dpcoop.CodeAlreadyLeft {
		t.Fatalf("another leaving day: %+v", p)
	}
	if resp := tm.call(tm.shift(fmt.Sprintf(`{"date":"2026-11-19","start":"09:00","end":"10:00","members":[%q]}`, tm.gwen)), true); problemOf(t, resp).Code != dpcoop.CodeAccessEnded {
		t.Fatalf("a PA who left recorded a shift: %d %s", resp.StatusCode, resp.Body)
	}
	own := as(tm.admin("GET", "/v1/pas/{id}", id, ""), "demo", tm.pa, "[pa]")
	tm.ok(own, 200)
	tm.ok(as(tm.admin("GET", "/v1/pas/{id}/tax-codes", id, ""), "demo", tm.pa, "[pa]"), 200)
	// Revoked each time the leaving is recorded (a retry revokes again).
	if n := len(tm.invites.revoked); n != 2 || tm.invites.revoked[0].ID != tm.pa || tm.invites.revoked[1].ID != tm.pa {
		t.Fatalf("revoked %+v", tm.invites.revoked)
	}
}

// TestALeaverGetsAP45: no P45 before the PA has left; once they have, the
// admin issues it (once) with their code and pay to date, the PA can read
// it, also as a bilingual PDF, and a payment after it is taxed on 0T,
// week 1/month 1.
func TestALeaverGetsAP45(t *testing.T) {
	tm := newTeam(t)
	id := map[string]string{"id": tm.pa}
	if p := problemOf(t, tm.call(tm.admin("POST", "/v1/pas/{id}/p45", id, ""), true)); p.Code != dpcoop.CodeNotLeft {
		t.Fatalf("a P45 for a PA who has not left: %+v", p)
	}
	tm.ok(tm.admin("POST", "/v1/pas/{id}/leave", id, `{"date":"2026-11-20"}`), 200)
	var p45 dpcoop.LeaverP45
	for range 2 {
		tm.ok(tm.admin("POST", "/v1/pas/{id}/p45", id, ""), 201).into(t, &p45)
	}
	if p45.LeavingDate != "2026-11-20" || p45.TaxCode != "1257L" || p45.Week1Month1 || p45.Issued != "2026-11-23" || p45.Name != "Catrin Jones" {
		t.Fatalf("P45 %+v", p45)
	}
	var mine dpcoop.LeaverP45
	tm.ok(as(tm.admin("GET", "/v1/pas/{id}/p45", id, ""), "demo", tm.pa, "[pa]"), 200).into(t, &mine)
	if mine != p45 {
		t.Fatalf("the PA's P45 %+v differs from the one issued %+v", mine, p45)
	}
	pdf := tm.ok(withHeader(as(tm.admin("GET", "/v1/pas/{id}/p45", id, ""), "demo", tm.pa, "[pa]"), "accept", "application/pdf"), 200)
	if !strings.HasPrefix(pdf.body, "%PDF") && !strings.HasPrefix(pdf.body, "JVBER") {
		t.Fatalf("not a PDF: %.20q", pdf.body)
	}
	hist, err := tm.store.PayHistory(context.Background(), "demo", tm.pa)
	if err != nil {
		t.Fatal(err)
	}
	if hist.AfterP45("2026-11-23") || !hist.AfterP45("2026-12-07") {
		t.Fatalf("after the P45 issued on 23 November: %+v", hist.IssuedP45)
	}
}
