package apigw_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

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
