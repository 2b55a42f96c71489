package apigw_test

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// people lists the co-op's people by email.
func (tm *team) people() map[string]dpcoop.Access {
	tm.t.Helper()
	var list struct{ Items []dpcoop.Access }
	tm.ok(tm.admin("GET", "/v1/people", nil, ""), 200).into(tm.t, &list)
	out := map[string]dpcoop.Access{}
	for _, a := range list.Items {
		out[a.Email] = a
	}
	return out
}

// TestPeopleKeepAnAdmin: the people list shows everyone invited; an admin
// invites another (idempotently), cannot take away or revoke the last
// active admin, and a revoked admin's token stops working at once. Every
// change is in the audit trail once.
func TestPeopleKeepAnAdmin(t *testing.T) {
	tm := newTeam(t)
	people := tm.people()
	first := people["board@demo.example"]
	if !first.ActiveAdmin() || len(people) != 4 || !slices.Equal(people["catrin@example.org"].Roles, []dpcoop.Role{dpcoop.RolePA}) {
		t.Fatalf("people %+v", people)
	}
	for _, id := range []string{tm.gwen, tm.rhys} {
		if !slices.ContainsFunc(slices.Collect(maps.Values(people)), func(a dpcoop.Access) bool { return a.Person == id && a.Roles[0] == dpcoop.RoleMember && a.Active }) {
			t.Fatalf("member %s not listed: %+v", id, people)
		}
	}
	lastAdmin := func(ev eventT) {
		t.Helper()
		resp := tm.call(withHeader(ev, "accept-language", "cy"), true)
		if p := problemOf(t, resp); resp.StatusCode != http.StatusConflict || p.Code != dpcoop.CodeLastAdmin || !strings.Contains(p.Title, "gweinyddwr") {
			t.Fatalf("%d %+v", resp.StatusCode, p)
		}
	}
	removeAdmin := func(id string) eventT {
		return tm.admin("DELETE", "/v1/people/{id}/roles/{role}", map[string]string{"id": id, "role": "admin"}, "")
	}
	revoke := func(id string) eventT {
		return tm.admin("POST", "/v1/people/{id}/revoke", map[string]string{"id": id}, "")
	}
	lastAdmin(removeAdmin(first.Person))
	lastAdmin(revoke(first.Person))

	invite := `{"name":"Eira Lloyd","email":"Eira@Example.org","language":"cy"}`
	var eira dpcoop.Access
	tm.ok(tm.admin("POST", "/v1/people", nil, invite), 201).into(t, &eira)
	tm.ok(tm.admin("POST", "/v1/people", nil, invite), 200)
	if !eira.ActiveAdmin() || !strings.EqualFold(eira.Email, "eira@example.org") || tm.invites.people[len(tm.invites.people)-1].Role != dpcoop.RoleAdmin {
		t.Fatalf("%+v %+v", eira, tm.invites.people)
	}
	// Now the first admin may go; then Eira is the last one.
	tm.ok(revoke(first.Person), 200)
	tm.ok(revoke(first.Person), 200) // again: nothing changes
	lastAdmin(removeAdmin(eira.Person))
	lastAdmin(revoke(eira.Person))
	if got := tm.people()["board@demo.example"]; got.Active || got.Revoked.IsZero() || got.RevokedBy != adminID {
		t.Fatalf("revoked %+v", got)
	}
	if n := len(tm.invites.revoked); n == 0 || tm.invites.revoked[n-1].ID != first.Person {
		t.Fatalf("not revoked at the sign-in provider: %+v", tm.invites.revoked)
	}
	// The revoked admin's token stops working at once.
	asFirst := as(at(fixture(t, "approve-application.json"), "GET", "/v1/people", nil, nil), "demo", first.Person, "[admin]")
	asFirst.Body = ""
	if p := problemOf(t, tm.call(asFirst, true)); p.Code != dpcoop.CodeAccessEnded {
		t.Fatalf("a revoked admin still reads people: %+v", p)
	}
	// Only admin can be given; a revoked person gets nothing back.
	resp := tm.call(tm.admin("POST", "/v1/people/{id}/roles", map[string]string{"id": tm.gwen}, `{"role":"pa"}`), false)
	if fields(problemOf(t, resp))["role"] != dpcoop.FieldRoleNotGranted {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
	if p := problemOf(t, tm.call(tm.admin("POST", "/v1/people/{id}/roles", map[string]string{"id": first.Person}, `{"role":"admin"}`), true)); p.Code != dpcoop.CodeAccessRevoked {
		t.Fatalf("%+v", p)
	}

	var month dpcoop.Page[dpcoop.AuditEntry]
	trail := as(at(fixture(t, "register-csv.json"), "GET", "/v1/audit", nil, url.Values{"month": {"2026-11"}}), "demo", adminID, "[admin]")
	tm.ok(trail, 200).into(t, &month)
	actions := map[string]int{}
	for _, e := range month.Items {
		actions[e.Action]++
	}
	if actions["POST /v1/people"] != 1 || actions["POST /v1/people/{id}/revoke"] != 1 || actions["DELETE /v1/people/{id}/roles/{role}"] != 0 {
		t.Fatalf("trail %v", actions)
	}
}

// TestRoleRemovedStopsAtOnce: a member whose role an admin takes away can no
// longer use it with the token they hold; the sign-in provider is told.
func TestRoleRemovedStopsAtOnce(t *testing.T) {
	tm := newTeam(t)
	own := func() eventT {
		ev := as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}", map[string]string{"id": tm.gwen}, nil), "demo", tm.gwen, "[member]")
		return ev
	}
	tm.ok(own(), 200)
	var a dpcoop.Access
	tm.ok(tm.admin("DELETE", "/v1/people/{id}/roles/{role}", map[string]string{"id": tm.gwen, "role": "member"}, ""), 200).into(t, &a)
	if len(a.Roles) != 0 || tm.invites.removed[0].ID != tm.gwen || tm.invites.removed[0].Role != dpcoop.RoleMember {
		t.Fatalf("%+v %+v", a, tm.invites.removed)
	}
	if resp := tm.call(own(), true); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("the role removed still works: %d", resp.StatusCode)
	}
}

// TestARevokedMemberIsRefusedAtOnce: the shared edge reads the co-op and the
// access record in one BatchGetItem, and a member an admin revokes is still
// refused at once with the token they hold, even their own account and
// statement, before the route reads anything of its own.
func TestARevokedMemberIsRefusedAtOnce(t *testing.T) {
	tm := newTeam(t)
	month := url.Values{"month": {"2026-11"}}
	own := func(pattern string) eventT {
		return as(at(fixture(t, "register-csv.json"), "GET", pattern, map[string]string{"id": tm.gwen}, month), "demo", tm.gwen, "[member]")
	}
	tm.ok(own("/v1/members/{id}/account"), 200)
	tm.ok(tm.admin("POST", "/v1/people/{id}/revoke", map[string]string{"id": tm.gwen}, ""), 200)
	for _, pattern := range []string{"/v1/members/{id}", "/v1/members/{id}/account", "/v1/members/{id}/statement"} {
		var resp events.APIGatewayV2HTTPResponse
		calls := tm.calls.during(func() { resp = tm.call(own(pattern), true) })
		if p := problemOf(t, resp); resp.StatusCode != http.StatusForbidden || p.Code != dpcoop.CodeAccessEnded {
			t.Fatalf("%s after revoking: %d %s", pattern, resp.StatusCode, resp.Body)
		}
		if calls["BatchGetItem"] != 1 || calls["UpdateItem"] != 1 || len(calls) != 2 {
			t.Fatalf("%s refused after %v: want the rate counter and the co-op with the access record only", pattern, calls)
		}
	}
	// Rhys, not revoked, reads his.
	tm.ok(as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}/account", map[string]string{"id": tm.rhys}, month), "demo", tm.rhys, "[member]"), 200)
}

// TestRevokedAccessIsGivenBack: an admin gives back Gwen's revoked access
// (twice is one change, one audit entry, the sign-in provider told each
// time) and her token works again; Rhys, whose membership ceased, cannot
// be given access back or a role, in Welsh, and taking his admin role away
// does not revoke him: he still reads his own account.
func TestRevokedAccessIsGivenBack(t *testing.T) {
	tm := newTeam(t)
	own := as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}/account", map[string]string{"id": tm.gwen}, url.Values{"month": {"2026-11"}}), "demo", tm.gwen, "[member]")
	reinstate := func(id string) eventT {
		return tm.admin("POST", "/v1/people/{id}/reinstate", map[string]string{"id": id}, "")
	}
	tm.ok(tm.admin("POST", "/v1/people/{id}/revoke", map[string]string{"id": tm.gwen}, ""), 200)
	if resp := tm.call(own, true); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("revoked, Gwen still reads: %d", resp.StatusCode)
	}
	var a dpcoop.Access
	tm.ok(reinstate(tm.gwen), 200).into(t, &a)
	tm.ok(reinstate(tm.gwen), 200)
	if !a.Active || !a.Revoked.IsZero() || a.RevokedBy != "" || !slices.Equal(a.Roles, []dpcoop.Role{dpcoop.RoleMember}) {
		t.Fatalf("reinstated %+v", a)
	}
	if n := len(tm.invites.back); n != 2 || tm.invites.back[0].ID != tm.gwen {
		t.Fatalf("the sign-in provider was told %+v", tm.invites.back)
	}
	tm.ok(own, 200)
	if got := tm.people()[a.Email]; !got.Active || !got.Revoked.IsZero() {
		t.Fatalf("listed %+v", got)
	}

	tm.ok(tm.admin("POST", "/v1/people/{id}/roles", map[string]string{"id": tm.rhys}, `{"role":"admin"}`), 200) // he sat on the board
	tm.ok(tm.admin("POST", "/v1/members/{id}/cease", map[string]string{"id": tm.rhys}, `{"date":"2026-11-23","reason":"moved to England"}`), 200)
	for _, ev := range []eventT{reinstate(tm.rhys), tm.admin("POST", "/v1/people/{id}/roles", map[string]string{"id": tm.rhys}, `{"role":"admin"}`)} {
		resp := tm.call(withHeader(ev, "accept-language", "cy"), true)
		if p := problemOf(t, resp); resp.StatusCode != http.StatusConflict || p.Code != dpcoop.CodePersonLeft || !strings.Contains(p.Title, "aelodaeth") {
			t.Fatalf("%d %+v", resp.StatusCode, p)
		}
	}
	// Taking the admin role from someone who left does not revoke them:
	// their own records stay theirs to read.
	tm.ok(tm.admin("DELETE", "/v1/people/{id}/roles/{role}", map[string]string{"id": tm.rhys, "role": "admin"}, ""), 200)
	tm.ok(as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}/account", map[string]string{"id": tm.rhys}, url.Values{"month": {"2026-11"}}), "demo", tm.rhys, "[member]"), 200)
	for _, got := range tm.people() {
		if got.Person == tm.rhys && (got.Active || !got.Revoked.IsZero() || got.Ended != "2026-11-23") {
			t.Fatalf("Rhys after leaving %+v", got)
		}
	}

	var month dpcoop.Page[dpcoop.AuditEntry]
	tm.ok(as(at(fixture(t, "register-csv.json"), "GET", "/v1/audit", nil, url.Values{"month": {"2026-11"}}), "demo", adminID, "[admin]"), 200).into(t, &month)
	n := 0
	for _, e := range month.Items {
		if e.Action == "POST /v1/people/{id}/reinstate" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d reinstatements in the trail", n)
	}
}

// TestCoopSettingsChange: an admin changes the co-op's details field by
// field; a bad origin is refused with its code and writes nothing; the
// change is audited by the names of the fields; a member may not.
func TestCoopSettingsChange(t *testing.T) {
	tm := newTeam(t)
	resp := tm.call(tm.admin("PATCH", "/v1/coop", nil, `{"name_en":"Valleys Co-op","origins":["ftp://nope"]}`), true)
	if fields(problemOf(t, resp))["origins"] != dpcoop.FieldOrigin || resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
	var c struct {
		dpcoop.Coop
		Turnstile bool
	}
	tm.ok(tm.admin("GET", "/v1/coop", nil, ""), 200).into(t, &c)
	if c.NameEN != "Demo Co-op" {
		t.Fatalf("a refused change was written: %+v", c)
	}
	tm.ok(tm.admin("PATCH", "/v1/coop", nil, `{"name_en":"Valleys Co-op","origins":["https://valleys.example/","https://valleys.example"]}`), 200).into(t, &c)
	if c.NameEN != "Valleys Co-op" || c.NameCY != "Cwmni Demo" || !slices.Equal(c.Origins, []string{"https://valleys.example"}) {
		t.Fatalf("%+v", c)
	}
	tm.ok(tm.admin("PUT", "/v1/coop/turnstile", nil, `{"secret":"0x4AAAA"}`), 200)
	tm.ok(tm.admin("GET", "/v1/coop", nil, ""), 200).into(t, &c)
	if !c.Turnstile {
		t.Fatalf("%+v", c)
	}
	var month dpcoop.Page[dpcoop.AuditEntry]
	tm.ok(as(at(fixture(t, "register-csv.json"), "GET", "/v1/audit", nil, url.Values{"month": {"2026-11"}}), "demo", adminID, "[admin]"), 200).into(t, &month)
	var changes []string
	for _, e := range month.Items {
		if strings.Contains(e.Action, "/v1/coop") {
			changes = append(changes, e.Action+" "+e.Target["fields"]+e.Target["turnstile"])
		}
	}
	slices.Sort(changes) // recorded at the same instant
	if !slices.Equal(changes, []string{"PATCH /v1/coop name_en,origins", "PUT /v1/coop/turnstile on"}) {
		t.Fatalf("trail %q", changes)
	}
	member := as(at(fixture(t, "approve-application.json"), "PATCH", "/v1/coop", nil, nil), "demo", tm.gwen, "[member]")
	if resp := tm.call(withJSON(member, `{"name_en":"Mine"}`), true); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a member changed the co-op: %d", resp.StatusCode)
	}
}
