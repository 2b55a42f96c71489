package apigw_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// dafydd is 67 (born 1 March 1959, state pension age 66) but on category A,
// so employee NI would be deducted that he does not owe.
const dafydd = `{"legal_name":"Dafydd Hughes","email":"dafydd@example.org","address":"2 Stryd y Bont, Y Bala","language":"cy",
	"date_of_birth":"1959-03-01","ni_number":"JK 11 22 33 A","starter_declaration":"A","ni_category":"A","start_date":"2026-04-06",
	"bank":{"account_name":"D Hughes","sort_code":"12-34-56","account_number":"87654321"}}`

// runMonth runs a month's payroll steps as the state machine would, for the
// API to read.
func (tm *team) runMonth(month string) {
	tm.t.Helper()
	tm.runAttempt(month, 1)
}

func TestNICategoryIsCheckedAgainstAge(t *testing.T) {
	tm := newTeam(t)
	var pa dpcoop.PA
	tm.ok(withHeader(tm.admin("POST", "/v1/pas", nil, dafydd), "idempotency-key", "hire-dafydd"), 201).into(t, &pa)
	tm.ok(tm.admin("POST", "/v1/employments", nil, fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":1345,"night_pence":1400,"sleep_in_pence":9000,"bank_holiday_pence":2690},"start_date":"2026-04-06"}`, pa.ID, tm.rhys)), 201)
	work := func(who, member, date string) {
		ev := tm.shift(fmt.Sprintf(`{"date":%q,"start":"09:00","end":"13:00","members":[%q]}`, date, member))
		ev.RequestContext.Authorizer.JWT.Claims["custom:person"] = who
		var s dpcoop.Shift
		tm.ok(ev, 201).into(t, &s)
		tm.ok(tm.act(s.ID, "submit", who, "[pa]", ""), 200)
		tm.ok(tm.act(s.ID, "approve", adminID, "[admin]", ""), 200)
	}
	work(pa.ID, tm.rhys, "2026-10-12")
	work(tm.pa, tm.gwen, "2026-10-13")

	type paView struct {
		Warnings []struct{ Code, Message string }
	}
	get := func(id, who, groups, lang string) paView {
		ev := withHeader(as(at(fixture(t, "register-csv.json"), "GET", "/v1/pas/{id}", map[string]string{"id": id}, nil), "demo", who, groups), "accept-language", lang)
		var v paView
		tm.ok(ev, 200).into(t, &v)
		return v
	}
	if v := get(pa.ID, adminID, "[admin]", "cy"); len(v.Warnings) != 1 || v.Warnings[0].Code != "ni_category_age" || v.Warnings[0].Message == "" {
		t.Fatalf("Dafydd's record: %+v", v)
	}
	if v := get(pa.ID, pa.ID, "[pa]", "en"); len(v.Warnings) != 1 {
		t.Fatalf("Dafydd's own view: %+v", v)
	}
	if v := get(tm.pa, adminID, "[admin]", "en"); len(v.Warnings) != 0 {
		t.Fatalf("Catrin (38, A) warned: %+v", v)
	}

	tm.runMonth("2026-10")
	var run struct {
		Status   string
		Problems []struct {
			Code     string
			PA       string `json:"pa_id"`
			Blocking bool
			Message  string
		}
	}
	tm.ok(withHeader(tm.admin("GET", "/v1/payroll/runs/{month}", map[string]string{"month": "2026-10"}, ""), "accept-language", "cy"), 200).into(t, &run)
	flagged := map[string]bool{}
	for _, p := range run.Problems {
		if p.Code == "ni_category_age" {
			flagged[p.PA] = p.Blocking && p.Message != ""
		}
	}
	if run.Status != string(dpcoop.RunPreview) || len(flagged) != 1 || !flagged[pa.ID] {
		t.Fatalf("run: %+v", run)
	}
	resp := tm.call(tm.admin("POST", "/v1/payroll/runs/{month}/finalise", map[string]string{"month": "2026-10"}, ""), true)
	if resp.StatusCode != http.StatusConflict || problemOf(t, resp).Code != dpcoop.CodeRunBlocked {
		t.Fatalf("finalised with a wrong NI category: %d %s", resp.StatusCode, resp.Body)
	}
}
