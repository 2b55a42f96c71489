package apigw_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/pacopy"
)

// TestAPAGetsTheirWholeCopy: a PA's copy of their data holds each part the
// co-op keeps about them (their record with NI number and bank details,
// jobs, written statements, shifts, training, safe recruitment, matching
// profile and offers, cover, notice settings), nothing of another PA's, a
// year of shifts a page; an admin's copy leaves out what only the PA may
// see (their matching profile and notices); another PA gets 404 and a
// member 403; each read is in the audit trail; a leaver still reads it.
func TestAPAGetsTheirWholeCopy(t *testing.T) {
	tm := newTeam(t) // today is 2026-11-23
	id := map[string]string{"id": tm.pa}
	tm.ok(tm.admin("POST", "/v1/pas/{id}/training", id, `{"course":"first_aid","completed":"2024-01-10","expires":"2027-01-10","provider":"Ambiwlans Sant Ioan"}`), 201)
	tm.approvedShift(tm.gwen, "2026-11-10", "09:00", "12:00")
	mine := func(method, path, body string) eventT {
		return as(tm.admin(method, path, id, body), "demo", tm.pa, "[pa]")
	}
	tm.ok(mine("PUT", "/v1/pas/{id}/matching-profile", `{"consent":["languages"],"languages":["cy"]}`), 200)
	tm.ok(mine("PUT", "/v1/pas/{id}/cover-willing", `{"willing_to_cover":true}`), 200)
	elin := tm.hireUnchecked()
	tm.ok(tm.admin("POST", "/v1/pas/{id}/training", map[string]string{"id": elin}, `{"course":"first_aid","completed":"2025-02-01","expires":"2028-02-01","provider":"Darparwr Elin"}`), 201)

	copyAs := func(who, groups string, q url.Values) (int, pacopy.Data, string) {
		t.Helper()
		ev := as(at(tm.admin("GET", "/v1/pas/{id}/data", id, ""), "GET", "/v1/pas/{id}/data", id, q), "demo", who, groups)
		resp := tm.call(ev, true)
		var got pacopy.Data
		if resp.StatusCode == http.StatusOK {
			if err := json.Unmarshal([]byte(resp.Body), &got); err != nil {
				t.Fatal(err)
			}
		}
		return resp.StatusCode, got, resp.Body
	}
	code, got, body := copyAs(tm.pa, "[pa]", nil)
	if code != http.StatusOK || got.Present == nil {
		t.Fatalf("the PA's copy: %d %s", code, body)
	}
	if r := got.Record; r.NINumber != "AB123456C" || r.Bank == nil || r.Bank.AccountNumber != "12345678" || r.Address != "5 Ffordd y Môr, Aberaeron" {
		t.Errorf("their record: %+v", r)
	}
	if len(got.Employments) != 2 || len(got.Statements) != 2 || len(got.Statements[0].Versions) == 0 || got.Statements[0].Member == "" {
		t.Errorf("jobs and statements: %+v %+v", got.Employments, got.Statements)
	}
	if len(got.Shifts) != 1 || got.Shifts[0].PA != tm.pa || got.Year != 2026 || got.NextYear != 0 {
		t.Errorf("shifts: %d, year %d next %d", len(got.Shifts), got.Year, got.NextYear)
	}
	if len(got.Training.Training) != 1 || len(got.Recruiting.RightToWork) != 1 || !got.Cover.Willing || got.Offers == nil || got.Payslips == nil {
		t.Errorf("training %+v, right to work %+v, cover %+v, offers %v, payslips %v", got.Training, got.Recruiting, got.Cover, got.Offers, got.Payslips)
	}
	if got.MatchProfile == nil || len(got.MatchProfile.Shared()) != 1 || got.NoticeSettings == nil || got.PayHistory.PA != tm.pa {
		t.Errorf("matching profile %+v, notice settings %+v", got.MatchProfile, got.NoticeSettings)
	}
	if strings.Contains(body, elin) || strings.Contains(body, "Darparwr Elin") || strings.Contains(body, "Elin Parry") {
		t.Errorf("the copy holds another PA's data: %s", body)
	}

	// An admin gets the same but what only the PA may see.
	code, got, body = copyAs(adminID, "[admin]", nil)
	if code != http.StatusOK || got.Present == nil || got.Record.NINumber != "AB123456C" || len(got.Shifts) != 1 || len(got.Training.Training) != 1 {
		t.Fatalf("the admin's copy: %d %s", code, body)
	}
	if got.MatchProfile != nil || got.NoticeSettings != nil || got.Notices != nil || strings.Contains(body, `"matching_profile"`) {
		t.Errorf("the admin's copy holds the PA's own matching profile or notices: %s", body)
	}

	// Another PA is told the PA is not found; a member may not call it.
	for who, groups := range map[string]string{elin: "[pa]", tm.gwen: "[member]"} {
		if code, _, body := copyAs(who, groups, nil); code != map[string]int{"[pa]": http.StatusNotFound, "[member]": http.StatusForbidden}[groups] || strings.Contains(body, "AB123456C") {
			t.Errorf("%s: %d %s", groups, code, body)
		}
	}

	// A year on, the first page holds the present and no shifts; it names
	// 2026's, which holds the shift and nothing else.
	tm.now = time.Date(2027, 1, 10, 10, 0, 0, 0, time.UTC)
	resp := tm.call(as(tm.admin("GET", "/v1/pas/{id}/data", id, ""), "demo", tm.pa, "[pa]"), true)
	if _, got, _ = copyAs(tm.pa, "[pa]", nil); got.Year != 2027 || got.NextYear != 2026 || len(got.Shifts) != 0 || got.Present == nil ||
		!strings.Contains(resp.Headers["link"], "/v1/pas/"+tm.pa+"/data?year=2026") {
		t.Errorf("2027's page: %+v, link %q", got, resp.Headers["link"])
	}
	// An older year's page costs the same however long the history: after
	// the shared edge, the access check and the audit record, the PA's
	// record and pay history and one Query of their shifts.
	calls := tm.calls.during(func() { _, got, body = copyAs(tm.pa, "[pa]", url.Values{"year": {"2026"}}) })
	if want := map[string]int{"UpdateItem": 1, "BatchGetItem": 1, "PutItem": 1, "GetItem": 2, "Query": 1}; !maps.Equal(calls, want) {
		t.Errorf("2026's page made %v, want %v", calls, want)
	}
	if got.Year != 2026 || got.NextYear != 0 || len(got.Shifts) != 1 || got.Present != nil || strings.Contains(body, "AB123456C") {
		t.Errorf("2026's page: %s", body)
	}
	if code, _, body := copyAs(tm.pa, "[pa]", url.Values{"year": {"2028"}}); code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
		t.Errorf("a year to come: %d %s", code, body)
	}

	var page dpcoop.Page[dpcoop.AuditEntry]
	tm.ok(as(at(tm.admin("GET", "/v1/audit", nil, ""), "GET", "/v1/audit", nil, url.Values{"month": {"2027-01"}}), "demo", adminID, "[admin]"), 200).into(t, &page)
	reads := 0
	for _, e := range page.Items {
		if e.Action == "GET /v1/pas/{id}/data" && e.Read && e.Target["id"] == tm.pa && e.Person == tm.pa {
			reads++
		}
	}
	if reads != 3 {
		t.Errorf("the PA's reads of their copy in the trail: %d of 3", reads)
	}

	// Once they have left, with a token from before, they still get it
	// (their other reads are refused), their leaving day in it.
	tm.ok(tm.admin("POST", "/v1/pas/{id}/leave", id, `{"date":"2027-01-08"}`), 200)
	if code, got, body := copyAs(tm.pa, "[pa]", nil); code != http.StatusOK || got.Present == nil || got.PayHistory.Left != "2027-01-08" {
		t.Errorf("the leaver's copy: %d %s", code, body)
	}
	if resp := tm.call(mine("GET", "/v1/pas/{id}/training", ""), true); problemOf(t, resp).Code != dpcoop.CodeAccessEnded {
		t.Errorf("the leaver's other reads: %d", resp.StatusCode)
	}
}
