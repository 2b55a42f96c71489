package apigw_test

import (
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/buddies"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestBuddyNoteAndPairsStayPrivate: Gwen's note of what she would like
// from a buddy says something of her health. The admins read it to pair
// her; Rhys, her buddy, never does, nor any log line; the audit trail and
// the admins' answers after pairing never say who is paired with whom.
// Every request and answer matches the OpenAPI document.
func TestBuddyNoteAndPairsStayPrivate(t *testing.T) {
	tm := newTeam(t)
	const note = "my anxiety makes going out alone hard"
	member := func(method, pattern, person, id, body string) eventT {
		var params map[string]string
		if id != "" {
			params = map[string]string{"id": id}
		}
		return withHeader(as(tm.admin(method, pattern, params, body), "demo", person, "[member]"), "idempotency-key", dpcoop.NewID())
	}
	tm.logs.Reset()
	tm.ok(member("PUT", "/v1/me/buddy/request", tm.gwen, "", `{"note":"`+note+`"}`), 200)
	tm.ok(member("PUT", "/v1/me/buddy/request", tm.rhys, "", `{}`), 200)
	var waiting struct{ Requests []buddies.Waiting }
	tm.ok(tm.admin("GET", "/v1/buddies/requests", nil, ""), 200).into(t, &waiting)
	if len(waiting.Requests) != 2 {
		t.Fatalf("waiting %+v", waiting.Requests)
	}
	var made buddies.Proposed
	pair := withHeader(tm.admin("POST", "/v1/buddies/pairings", nil, `{"member_a":"`+tm.gwen+`","member_b":"`+tm.rhys+`"}`), "idempotency-key", "pair")
	tm.ok(pair, 201).into(t, &made)
	tm.ok(member("POST", "/v1/me/buddy/pairings/{id}/answer", tm.gwen, made.ID, `{"agree":true,"contact":"coop"}`), 200)
	tm.ok(member("POST", "/v1/me/buddy/pairings/{id}/answer", tm.rhys, made.ID, `{"agree":true,"contact":"coop"}`), 200)

	var rhys buddies.Mine
	resp := tm.ok(member("GET", "/v1/me/buddy", tm.rhys, "", ""), 200)
	resp.into(t, &rhys)
	if rhys.Pairing == nil || rhys.Pairing.Buddy == nil || rhys.Pairing.Buddy.FirstName != "Gwen" {
		t.Fatalf("Rhys sees %+v", rhys.Pairing)
	}
	var counts buddies.Counts
	tm.ok(tm.admin("GET", "/v1/buddies/counts", nil, ""), 200).into(t, &counts)
	if counts != (buddies.Counts{Active: 1}) {
		t.Errorf("counts %+v", counts)
	}
	tm.ok(tm.admin("GET", "/v1/buddies/requests", nil, ""), 200).into(t, &waiting)
	if len(waiting.Requests) != 0 {
		t.Errorf("the admins still see the paired members: %+v", waiting.Requests)
	}
	trail := tm.call(at(tm.admin("GET", "/v1/audit", nil, ""), "GET", "/v1/audit", nil, map[string][]string{"month": {"2026-11"}}), true)
	for _, e := range decode[dpcoop.Page[dpcoop.AuditEntry]](t, trail).Items {
		if strings.Contains(e.Action, "buddy") || strings.Contains(e.Action, "buddies") {
			for _, v := range e.Target {
				if v == tm.gwen || v == tm.rhys {
					t.Errorf("the audit trail names a buddy: %+v", e)
				}
			}
		}
	}
	for _, leak := range []string{note, "anxiety"} {
		if strings.Contains(tm.logs.String(), leak) {
			t.Errorf("a log line holds %q", leak)
		}
	}
	if strings.Contains(resp.body, "anxiety") {
		t.Errorf("Rhys's view holds Gwen's note")
	}
	tm.ok(member("POST", "/v1/me/buddy/pairings/{id}/end", tm.rhys, made.ID, ""), 204)
	var gwen buddies.Mine
	tm.ok(member("GET", "/v1/me/buddy", tm.gwen, "", ""), 200).into(t, &gwen)
	if gwen.Pairing != nil || gwen.Request != nil {
		t.Errorf("after the end Gwen has %+v", gwen)
	}
}
