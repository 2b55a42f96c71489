package apigw_test

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func TestAuditTrailRecordsChangesAndSensitiveReads(t *testing.T) {
	tm := newTeam(t)
	tm.ok(tm.admin("GET", "/v1/pas/{id}", map[string]string{"id": tm.pa}, ""), 200)
	tm.ok(tm.admin("GET", "/v1/members", nil, ""), 200) // not sensitive: not recorded
	trail := func(who, groups string) eventT {
		return as(at(fixture(t, "register-csv.json"), "GET", "/v1/audit", nil, url.Values{"month": {"2026-11"}}), "demo", who, groups)
	}
	var page dpcoop.Page[dpcoop.AuditEntry]
	tm.ok(trail(adminID, "[admin]"), 200).into(t, &page)
	actions := map[string]int{}
	for _, e := range page.Items {
		actions[e.Action]++
		if e.Person == "" || e.Status >= 400 {
			t.Fatalf("%+v", e)
		}
	}
	if actions["POST /v1/applications/{id}/approve"] != 2 || actions["POST /v1/pas"] != 1 || actions["POST /v1/employments"] != 2 ||
		actions["GET /v1/pas/{id}"] != 1 || actions["GET /v1/members"] != 0 {
		t.Fatalf("trail %v", actions)
	}
	for _, e := range page.Items {
		if e.Action == "GET /v1/pas/{id}" && (!e.Read || e.Target["id"] != tm.pa) {
			t.Fatalf("the sensitive read is not marked: %+v", e)
		}
	}
	if resp := tm.call(trail(tm.gwen, "[member]"), true); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a member read the audit trail: %d", resp.StatusCode)
	}
	if strings.Contains(tm.logs.String(), "audit not recorded") {
		t.Fatal("an audit entry failed")
	}
}

func TestSubjectAccessGivesAMemberTheirOwnData(t *testing.T) {
	tm := newTeam(t)
	tm.ok(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.gwen}, `{"amount_pence":1000,"date":"2026-11-02","council":"powys","period_from":"2026-11-01","period_to":"2026-11-30"}`), 201)
	data := func(who, member string) eventT {
		return as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}/data", map[string]string{"id": member}, nil), "demo", who, "[member]")
	}
	var mine struct {
		Member         dpcoop.Member
		Application    dpcoop.Application
		AccountEntries []dpcoop.Entry `json:"account_entries"`
	}
	calls := tm.calls.during(func() { tm.ok(data(tm.gwen, tm.gwen), 200).into(t, &mine) })
	// Read by member, whatever the co-op's size and age: after the shared
	// edge and the audit record, the member's records (one BatchGetItem),
	// their account by either side (a Query each), the co-op's pools and
	// their shifts; a member of no pool needs no read of pool members.
	if want := map[string]int{"UpdateItem": 1, "BatchGetItem": 2, "PutItem": 1, "Query": 4}; !maps.Equal(calls, want) {
		t.Fatalf("subject access made %v, want %v", calls, want)
	}
	if mine.Member.Name != "Gwen Morgan" || mine.Application.SupportNeeds != "wheelchair user" || len(mine.AccountEntries) != 1 {
		t.Fatalf("%+v", mine)
	}
	if resp := tm.call(data(tm.rhys, tm.gwen), true); resp.StatusCode != http.StatusNotFound || strings.Contains(resp.Body, "Gwen") {
		t.Fatalf("Rhys got Gwen's data: %d", resp.StatusCode)
	}
}

func TestSubjectAccessHasEveryShiftEvenBeforeTheDateEntered(t *testing.T) {
	tm := newTeam(t) // Gwen entered the register on 1 April 2026
	// Work recorded before this service checked membership: March 2026, before
	// the date entered on the register the co-op moved here.
	early, err := dpcoop.ShiftInput{Date: "2026-03-20", Start: "09:00", End: "12:00", Members: []string{tm.gwen}}.Validate(tm.now)
	if err != nil {
		t.Fatal(err)
	}
	early.ID, early.PA = dpcoop.DerivedID("shift", "legacy"), tm.pa
	if _, err := tm.store.AddShift(t.Context(), "demo", early); err != nil {
		t.Fatal(err)
	}
	var shared, rhysOnly dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-20","start":"09:00","end":"12:00","members":[%q,%q]}`, tm.gwen, tm.rhys)), 201).into(t, &shared)
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-21","start":"09:00","end":"12:00","members":[%q]}`, tm.rhys)), 201).into(t, &rhysOnly)
	ev := as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}/data", map[string]string{"id": tm.gwen}, nil), "demo", tm.gwen, "[member]")
	var mine struct{ Shifts []dpcoop.Shift }
	tm.ok(ev, 200).into(t, &mine)
	if len(mine.Shifts) != 2 || mine.Shifts[0].ID != early.ID || mine.Shifts[1].ID != shared.ID {
		t.Fatalf("Gwen's shifts: %+v", mine.Shifts)
	}
}
