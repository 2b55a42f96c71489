package apigw_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestLeaveIsAskedForLikeAShift: a PA asks for leave ahead (which work
// cannot be), without mileage and not more than a year ahead; with no final
// run yet their balance is nothing, so approving it is refused; under
// rolled-up holiday pay leave cannot be asked for at all. Every refusal is
// a field error in Welsh and English.
func TestLeaveIsAskedForLikeAShift(t *testing.T) {
	tm := newTeam(t) // on 23 November 2026
	var s dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-12-21","start":"09:00","end":"16:30","members":[%q],"kind":"holiday"}`, tm.gwen)), 201).into(t, &s)
	if s.Kind != dpcoop.ShiftHoliday || s.Minutes() != 450 || s.Status != dpcoop.ShiftDraft {
		t.Fatalf("%+v", s)
	}
	refused := map[string]struct{ body, field, code string }{
		"miles":     {fmt.Sprintf(`{"date":"2026-12-22","start":"09:00","end":"10:00","members":[%q],"kind":"holiday","miles":3}`, tm.gwen), "miles", dpcoop.FieldNotForHoliday},
		"far ahead": {fmt.Sprintf(`{"date":"2027-12-22","start":"09:00","end":"10:00","members":[%q],"kind":"holiday"}`, tm.gwen), "end", dpcoop.FieldHolidayTooFarAhead},
		"work":      {fmt.Sprintf(`{"date":"2026-12-22","start":"09:00","end":"10:00","members":[%q]}`, tm.gwen), "end", dpcoop.FieldDateFuture},
	}
	for name, c := range refused {
		resp := tm.call(withHeader(tm.shift(c.body), "accept-language", "cy"), true)
		if p := problemOf(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || fields(p)[c.field] != c.code || p.Lang != "cy" {
			t.Errorf("%s: %d %s", name, resp.StatusCode, resp.Body)
		}
	}

	tm.ok(tm.act(s.ID, "submit", tm.pa, "[pa]", ""), 200)
	resp := tm.call(tm.act(s.ID, "approve", tm.gwen, "[member]", ""), true)
	if p := problemOf(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || fields(p)["end"] != dpcoop.FieldHolidayBeyondBalance {
		t.Fatalf("leave with no balance: %d %s", resp.StatusCode, resp.Body)
	}

	var b dpcoop.HolidayBalance
	tm.ok(as(tm.admin("GET", "/v1/pas/{id}/holiday", map[string]string{"id": tm.pa}, ""), "demo", tm.pa, "[pa]"), 200).into(t, &b)
	if b.Balance != 0 || b.Mode != "accrued" || b.LeaveYearStart != "2026-04-01" || b.Approved != 0 || len(b.Entries) != 0 {
		t.Fatalf("the PA's holiday: %+v", b)
	}
	if resp := tm.call(as(tm.admin("GET", "/v1/pas/{id}/holiday", map[string]string{"id": tm.pa}, ""), "demo", tm.gwen, "[member]"), true); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a member read a PA's holiday: %d", resp.StatusCode)
	}

	settings := dpcoop.DefaultPayrollSettings
	settings.Holiday, settings.HolidayYearMonth = "rolled_up", 1
	body, _ := json.Marshal(settings)
	tm.ok(tm.admin("PUT", "/v1/payroll/settings", nil, string(body)), 200)
	tm.ok(as(tm.admin("GET", "/v1/pas/{id}/holiday", map[string]string{"id": tm.pa}, ""), "demo", tm.pa, "[pa]"), 200).into(t, &b)
	if b.Mode != "rolled_up" || b.LeaveYearStart != "2026-01-01" {
		t.Errorf("under rolled-up pay, the leave year from January: %+v", b)
	}
	for _, lang := range []string{"cy", "en"} {
		resp := tm.call(withHeader(tm.shift(fmt.Sprintf(`{"date":"2026-12-23","start":"09:00","end":"10:00","members":[%q],"kind":"holiday"}`, tm.gwen)), "accept-language", lang), true)
		if p := problemOf(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || fields(p)["kind"] != dpcoop.FieldHolidayRolledUp || p.Lang != lang {
			t.Errorf("leave under rolled-up holiday pay (%s): %d %s", lang, resp.StatusCode, resp.Body)
		}
	}
	resp = tm.call(tm.act(s.ID, "approve", tm.gwen, "[member]", ""), true)
	if p := problemOf(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || fields(p)["kind"] != dpcoop.FieldHolidayRolledUp {
		t.Fatalf("approving leave under rolled-up holiday pay: %d %s", resp.StatusCode, resp.Body)
	}
}
