package apigw_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/training"
)

// TestTrainingIsWrittenByAdminsAndShownToTheMemberByNameAndDateOnly: the
// admins record courses, once per request; the PA reads their own with
// what is due and missing; another PA learns nothing; the member sees only
// the names of their PAs' current courses and until when.
func TestTrainingIsWrittenByAdminsAndShownToTheMemberByNameAndDateOnly(t *testing.T) {
	tm := newTeam(t) // today is 2026-11-23
	id := map[string]string{"id": tm.pa}
	course := func(body string) dpcoop.Training {
		var c dpcoop.Training
		tm.ok(tm.admin("POST", "/v1/pas/{id}/training", id, body), 201).into(t, &c)
		return c
	}
	firstAid := `{"course":"first_aid","completed":"2024-01-10","expires":"2026-12-20","provider":"Ambiwlans Sant Ioan"}`
	fa := course(firstAid)
	course(`{"course":"safeguarding_adults","completed":"2025-05-01","expires":"2028-05-01","provider":"Cyngor Sir Ceredigion"}`)
	course(`{"course":"other","title":"Defnyddio teclyn codi","completed":"2025-06-01","provider":"Hyfforddiant Teifi"}`)
	course(`{"course":"medication","completed":"2023-09-01","expires":"2026-10-01","provider":"Hyfforddiant Teifi"}`)

	again := withHeader(tm.admin("POST", "/v1/pas/{id}/training", id, firstAid), "idempotency-key", "fa-1")
	first := tm.call(again, true)
	if first.StatusCode != http.StatusCreated || first.Headers["idempotent-replayed"] == "true" {
		t.Fatalf("first with a key: %d %v", first.StatusCode, first.Headers)
	}
	if resp := tm.call(again, true); resp.StatusCode != http.StatusCreated || resp.Headers["idempotent-replayed"] != "true" {
		t.Fatalf("repeat: %d %v", resp.StatusCode, resp.Headers)
	}

	tm.ok(tm.admin("PUT", "/v1/coop/required-training", nil, `{"courses":["first_aid","moving_and_handling"]}`), 200)

	own := as(tm.admin("GET", "/v1/pas/{id}/training", id, ""), "demo", tm.pa, "[pa]")
	var rec training.Record
	tm.ok(own, 200).into(t, &rec)
	if len(rec.Training) != 5 || len(rec.Due) != 2 || rec.Due[0].Course != dpcoop.CourseMedication || rec.Due[1].Course != dpcoop.CourseFirstAid {
		t.Fatalf("the PA's own record: %+v", rec)
	}
	if len(rec.Missing) != 1 || rec.Missing[0] != dpcoop.CourseMovingHandling {
		t.Fatalf("missing: %v", rec.Missing)
	}

	if resp := tm.call(as(own, "demo", "otherpaaaaaaaaaaaaaa", "[pa]"), true); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another PA read the training: %d", resp.StatusCode)
	}
	for _, who := range []struct{ person, groups string }{{tm.pa, "[pa]"}, {tm.gwen, "[member]"}} {
		ev := as(tm.admin("POST", "/v1/pas/{id}/training", id, firstAid), "demo", who.person, who.groups)
		if resp := tm.call(ev, true); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("%s recorded training: %d", who.groups, resp.StatusCode)
		}
	}

	mine := as(tm.admin("GET", "/v1/members/{id}/pa-training", map[string]string{"id": tm.gwen}, ""), "demo", tm.gwen, "[member]")
	resp := tm.call(mine, true)
	var seen struct{ PAs []training.Supporter }
	events200{resp.Body}.into(t, &seen)
	if resp.StatusCode != 200 || len(seen.PAs) != 1 || seen.PAs[0].Name != "Catrin Jones" || len(seen.PAs[0].Courses) != 3 {
		t.Fatalf("the member's view: %d %s", resp.StatusCode, resp.Body)
	}
	if c := seen.PAs[0].Courses[0]; c.Course != dpcoop.CourseFirstAid || c.CurrentUntil != "2026-12-20" {
		t.Fatalf("first aid as the member sees it: %+v", c)
	}
	for _, hidden := range []string{"Ambiwlans", "Hyfforddiant Teifi", "completed", "medication", fa.ID, "AB123456C", "catrin@example.org"} {
		if strings.Contains(resp.Body, hidden) {
			t.Fatalf("the member sees %q: %s", hidden, resp.Body)
		}
	}
	if r := tm.call(as(at(mine, "GET", "/v1/members/{id}/pa-training", map[string]string{"id": tm.rhys}, nil), "demo", tm.gwen, "[member]"), true); r.StatusCode != http.StatusNotFound {
		t.Fatalf("a member read another member's PAs: %d", r.StatusCode)
	}

	bad := tm.call(tm.admin("POST", "/v1/pas/{id}/training", id, `{"course":"juggling","completed":"2027-01-01","expires":"2026-01-01","provider":""}`), false)
	if f := fields(problemOf(t, bad)); f["course"] != "invalid_choice" || f["completed"] != "date_in_future" || f["provider"] != "required" {
		t.Fatalf("bad course: %s", bad.Body)
	}

	del := tm.admin("DELETE", "/v1/pas/{id}/training/{tid}", map[string]string{"id": tm.pa, "tid": fa.ID}, "")
	tm.ok(del, 204)
	tm.ok(del, 204) // a retry answers as the first
	tm.ok(own, 200).into(t, &rec)
	if len(rec.Training) != 4 {
		t.Fatalf("after the delete: %+v", rec.Training)
	}
	if strings.Contains(tm.logs.String(), "Ambiwlans") {
		t.Fatal("training details in the logs")
	}
}

// TestInsuranceIsKeptByAdminsAndReadByPAs: at least £5 million of cover;
// the PAs read the certificate's details; a member does not.
func TestInsuranceIsKeptByAdminsAndReadByPAs(t *testing.T) {
	tm := newTeam(t)
	get := as(tm.admin("GET", "/v1/coop/insurance", nil, ""), "demo", tm.pa, "[pa]")
	var cert struct {
		Policy *dpcoop.EmployersLiability
		State  dpcoop.InsuranceState
	}
	tm.ok(get, 200).into(t, &cert)
	if cert.Policy != nil || cert.State != dpcoop.InsuranceMissing {
		t.Fatalf("before any policy: %+v", cert)
	}
	policy := `{"insurer":"Yswiriant Cymru","policy_number":"EL/2026/001","cover_pence":1000000000,"start_date":"2026-01-01","expiry_date":"2026-12-20"}`
	if r := tm.call(as(tm.admin("PUT", "/v1/coop/insurance", nil, policy), "demo", tm.pa, "[pa]"), true); r.StatusCode != http.StatusForbidden {
		t.Fatalf("a PA recorded the policy: %d", r.StatusCode)
	}
	low := tm.call(tm.admin("PUT", "/v1/coop/insurance", nil, strings.Replace(policy, "1000000000", "499999999", 1)), false)
	if fields(problemOf(t, low))["cover_pence"] != "below_legal_minimum_cover" {
		t.Fatalf("£4,999,999.99 of cover: %s", low.Body)
	}
	tm.ok(tm.admin("PUT", "/v1/coop/insurance", nil, policy), 200)
	tm.ok(get, 200).into(t, &cert)
	if cert.Policy == nil || cert.Policy.Insurer != "Yswiriant Cymru" || cert.Policy.Cover != 1000000000 || cert.Policy.RecordedBy != "" || cert.State != dpcoop.InsuranceExpiring {
		t.Fatalf("the PA's view, 27 days before expiry: %+v", cert)
	}
	if r := tm.call(as(get, "demo", tm.gwen, "[member]"), true); r.StatusCode != http.StatusForbidden {
		t.Fatalf("a member read the policy: %d", r.StatusCode)
	}
}
