package apigw_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

const adminID = "adminaaaaaaaaaaaaaaa"

// applied posts an application to demo and returns its id.
func (h *harness) applied(kind, name string) string {
	h.t.Helper()
	ev := withHeader(fixture(h.t, "apply-json.json"), "idempotency-key", "key-"+strings.ReplaceAll(name, " ", "-"))
	ev.RequestContext.HTTP.SourceIP = "198.51.100." + fmt.Sprint(len(name))
	ev = withJSON(ev, fmt.Sprintf(`{"kind":%q,"name":%q,"email":"%s@example.org","address":"1 Lôn Goed","language":"cy","consent_electronic":true,"support_needs":"wheelchair user"}`, kind, name, strings.ToLower(strings.Fields(name)[0])))
	resp := h.call(ev, true)
	if resp.StatusCode != http.StatusCreated {
		h.t.Fatalf("apply: %d %s", resp.StatusCode, resp.Body)
	}
	return decode[struct{ ID string }](h.t, resp).ID
}

func (h *harness) decide(id, verb, coop, groups, body string) eventT {
	ev := at(fixture(h.t, "approve-application.json"), "POST", "/v1/applications/{id}/"+verb, map[string]string{"id": id}, nil)
	return withJSON(as(ev, coop, adminID, groups), body)
}

func TestApproveMemberFixtureEntersRegisterWithS30Fields(t *testing.T) {
	h := newHarness(t)
	h.demo()
	id := h.applied("member", "Gwen Morgan")
	list := h.call(as(at(fixture(t, "register-csv.json"), "GET", "/v1/applications", nil, url.Values{"status": {"pending"}}), "demo", adminID, "[admin]"), true)
	if page := decode[dpcoop.Page[dpcoop.Application]](t, list); len(page.Items) != 1 || page.Items[0].SupportNeeds != "wheelchair user" {
		t.Fatalf("pending list: %s", list.Body)
	}
	ev := fixture(t, "approve-application.json")
	ev.PathParameters["id"] = id
	resp := h.call(ev, true)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
	a := decode[dpcoop.Application](t, resp)
	if a.Status != dpcoop.StatusApproved || a.MemberID != id || a.DecidedBy != adminID {
		t.Fatalf("%+v", a)
	}
	m, err := h.store.Member(t.Context(), "demo", id)
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "Gwen Morgan" || m.Address != "1 Lôn Goed" || m.ElectronicAddress != "gwen@example.org" || len(m.ElectronicUses) == 0 ||
		m.Shares != 1 || m.SharesPaidPence != 100 || m.Entered != "2026-11-23" || m.Ceased != "" || m.Language != dpcoop.Welsh {
		t.Fatalf("register entry: %+v", m)
	}
	last := h.invites.people[len(h.invites.people)-1]
	if last.ID != id || last.Role != dpcoop.RoleMember || last.Coop != "demo" || last.Language != dpcoop.Welsh {
		t.Fatalf("invite: %+v", last)
	}
	if again := h.call(ev, true); again.StatusCode != http.StatusOK {
		t.Fatalf("approving twice: %d", again.StatusCode)
	}
	reject := h.call(h.decide(id, "reject", "demo", "[admin]", `{"reason":"changed mind"}`), true)
	if reject.StatusCode != http.StatusConflict || problemOf(t, reject).Code != "already_decided" {
		t.Fatalf("%d %s", reject.StatusCode, reject.Body)
	}
}

func TestApprovePANeitherJoinsRegisterButIsInvitedAsPA(t *testing.T) {
	h := newHarness(t)
	h.demo()
	id := h.applied("pa", "Rhys Price")
	if resp := h.call(h.decide(id, "approve", "demo", "[admin]", ""), true); resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
	if _, err := h.store.Member(t.Context(), "demo", id); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Fatal("a PA was entered on the register of members")
	}
	if last := h.invites.people[len(h.invites.people)-1]; last.Role != dpcoop.RolePA {
		t.Fatalf("invite: %+v", last)
	}
}

func TestRejectNeedsAReason(t *testing.T) {
	h := newHarness(t)
	h.demo()
	id := h.applied("supporter", "Sam Jones")
	for _, body := range []string{`{}`, `{"reason":"  "}`, ``} {
		resp := h.call(h.decide(id, "reject", "demo", "[admin]", body), false)
		if resp.StatusCode/100 != 4 {
			t.Fatalf("%q: %d", body, resp.StatusCode)
		}
	}
	resp := h.call(h.decide(id, "reject", "demo", "[admin]", `{"reason":"Not in our area"}`), true)
	if a := decode[dpcoop.Application](t, resp); a.Status != dpcoop.StatusRejected || a.Reason != "Not in our area" {
		t.Fatalf("%s", resp.Body)
	}
}

func TestRolesAreChecked(t *testing.T) {
	h := newHarness(t)
	h.demo()
	id := h.applied("member", "Gwen Morgan")
	for _, groups := range []string{"[member]", "[pa]", "[operator]"} {
		resp := h.call(h.decide(id, "approve", "demo", groups, "{}"), true)
		if resp.StatusCode != http.StatusForbidden || problemOf(t, resp).Code != "forbidden" {
			t.Fatalf("%s approved: %d", groups, resp.StatusCode)
		}
	}
	noToken := fixture(t, "approve-application.json")
	noToken.PathParameters["id"] = id
	noToken.RequestContext.Authorizer = nil
	if resp := h.call(noToken, true); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("no token: %d", resp.StatusCode)
	}
	a, _ := h.store.Application(t.Context(), "demo", id)
	if a.Status != dpcoop.StatusPending {
		t.Fatal("a refused caller changed the application")
	}
	// API Gateway flattens array claims; every form of the groups claim works.
	for _, groups := range []string{"[admin member]", `["admin","member"]`, "admin"} {
		ev := as(at(fixture(t, "register-csv.json"), "GET", "/v1/applications", nil, nil), "demo", adminID, groups)
		if resp := h.call(ev, true); resp.StatusCode != http.StatusOK {
			t.Fatalf("groups %s: %d", groups, resp.StatusCode)
		}
	}
}

func TestMemberSeesOwnEntryAndRegisterWithoutOthersShares(t *testing.T) {
	h := newHarness(t)
	h.demo()
	gwen, rhys := h.applied("member", "Gwen Morgan"), h.applied("member", "Rhys Price")
	for _, id := range []string{gwen, rhys} {
		if resp := h.call(h.decide(id, "approve", "demo", "[admin]", "{}"), true); resp.StatusCode != http.StatusOK {
			t.Fatal(resp.Body)
		}
	}
	get := func(who, id string) eventT {
		return as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}", map[string]string{"id": id}, nil), "demo", who, "[member]")
	}
	if resp := h.call(get(gwen, gwen), true); resp.StatusCode != http.StatusOK {
		t.Fatalf("own entry: %d", resp.StatusCode)
	}
	if resp := h.call(get(gwen, rhys), true); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another member's entry: %d", resp.StatusCode)
	}
	ev := fixture(t, "register-csv.json")
	ev.RequestContext.Authorizer.JWT.Claims["custom:person"] = gwen
	resp := h.call(ev, true)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Headers["content-type"], "text/csv") {
		t.Fatalf("%d %v", resp.StatusCode, resp.Headers)
	}
	rows := readSheet(t, resp.Body)
	if len(rows) != 3 {
		t.Fatalf("%q", resp.Body)
	}
	if rows[0][2] != "Enw" || rows[0][10] != "Dyddiad ymuno" || rows[1][1] != "Aelod" {
		t.Fatalf("headings and values not Welsh: %v %v", rows[0], rows[1])
	}
	for _, r := range rows[1:] {
		own := r[0] == gwen
		if own && (r[6] != "1" || r[7] != "1.00" || r[8] != "100") || !own && (r[6] != "" || r[7] != "" || r[8] != "") {
			t.Fatalf("shares shown wrongly to a member: %v", r)
		}
	}
	asAdmin := as(withHeader(fixture(t, "register-csv.json"), "accept", "application/json"), "demo", adminID, "[admin]")
	reg := decode[struct{ Members []dpcoop.Member }](t, h.call(asAdmin, true))
	if len(reg.Members) != 2 || reg.Members[0].Shares != 1 || reg.Members[1].Shares != 1 {
		t.Fatalf("admin register: %+v", reg)
	}
}

func TestApprovalRecordsTheLegalDateEntered(t *testing.T) {
	h := newHarness(t)
	h.demo()
	gwen, rhys := h.applied("member", "Gwen Morgan"), h.applied("member", "Rhys Price")
	for body, code := range map[string]string{
		`{"date_entered":"2026-02-30"}`:              "invalid_date",
		`{"date_entered":"23/11/2026"}`:              "invalid_date",
		`{"date_entered":"2026-11-24"}`:              "date_in_future",
		`{"date_entered":"1899-12-31"}`:              "date_too_early",
		`{"date_entered":"2019-05-01","shares":"2"}`: "unknown_field",
	} {
		resp := h.call(withHeader(h.decide(gwen, "approve", "demo", "[admin]", body), "accept-language", "cy"), false)
		p := problemOf(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Code != code || p.Errors[0].Message == "" {
			t.Fatalf("%s: %d %s", body, resp.StatusCode, resp.Body)
		}
		if code == "date_too_early" && p.Errors[0].Message != "Ni all y dyddiad fod cyn 1900-01-01." {
			t.Fatalf("Welsh: %q", p.Errors[0].Message)
		}
	}
	if a, _ := h.store.Application(t.Context(), "demo", gwen); a.Status != dpcoop.StatusPending {
		t.Fatalf("a refused approval changed the application: %+v", a)
	}
	h.ok(h.decide(gwen, "approve", "demo", "[admin]", `{"date_entered":"2019-05-01"}`), 200)
	h.ok(h.decide(gwen, "approve", "demo", "[admin]", `{"date_entered":"2019-05-01"}`), 200)
	resp := h.call(h.decide(gwen, "approve", "demo", "[admin]", `{"date_entered":"2020-05-01"}`), true)
	if resp.StatusCode != http.StatusConflict || problemOf(t, resp).Code != "already_decided" {
		t.Fatalf("approving again with another date: %d %s", resp.StatusCode, resp.Body)
	}
	h.ok(h.decide(rhys, "approve", "demo", "[admin]", `{"date_entered":"2026-11-23"}`), 200) // today is not the future
	asAdmin := as(withHeader(fixture(t, "register-csv.json"), "accept", "application/json"), "demo", adminID, "[admin]")
	reg := decode[struct{ Members []dpcoop.Member }](t, h.call(asAdmin, true))
	entered := map[string]dpcoop.Date{}
	for _, m := range reg.Members {
		entered[m.ID] = m.Entered
	}
	if entered[gwen] != "2019-05-01" || entered[rhys] != "2026-11-23" {
		t.Fatalf("register: %+v", reg.Members)
	}
	csvResp := h.call(as(fixture(t, "register-csv.json"), "demo", adminID, "[admin]"), true)
	rows := readSheet(t, csvResp.Body)
	if len(rows) != 3 {
		t.Fatalf("%q", csvResp.Body)
	}
	for _, r := range rows[1:] {
		if r[0] == gwen && r[10] != "2019-05-01" {
			t.Fatalf("CSV date entered: %v", r)
		}
	}
}

func TestCeaseRecordsDateAndKeepsEntry(t *testing.T) {
	h := newHarness(t)
	h.demo()
	id := h.applied("member", "Gwen Morgan")
	h.call(h.decide(id, "approve", "demo", "[admin]", "{}"), true)
	cease := func(body string) eventT {
		ev := at(fixture(t, "approve-application.json"), "POST", "/v1/members/{id}/cease", map[string]string{"id": id}, nil)
		return withJSON(ev, body)
	}
	for body, field := range map[string]string{
		`{"date":"2026-02-30"}`:         "invalid_date",
		`{"date":"2027-01-01"}`:         "date_in_future",
		`{"date":"2026-11-22"}`:         "date_before_entered",
		`{"reason":"x"}`:                "required",
		`{"date":"23/11/2026"}`:         "invalid_date",
		`{"date":"2026-11-23","x":"y"}`: "unknown_field",
	} {
		resp := h.call(cease(body), false)
		if p := problemOf(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Code != field {
			t.Fatalf("%s: %d %s", body, resp.StatusCode, resp.Body)
		}
	}
	resp := h.call(cease(`{"date":"2026-11-23","reason":"moved to England"}`), true)
	if m := decode[dpcoop.Member](t, resp); m.Ceased != "2026-11-23" || m.Name != "Gwen Morgan" {
		t.Fatalf("%s", resp.Body)
	}
	ms, _ := h.store.Members(t.Context(), "demo", dpcoop.PageRequest{})
	if len(ms.Items) != 1 || ms.Items[0].Active("2026-11-23") {
		t.Fatalf("after ceasing: %+v", ms.Items)
	}
}

func TestListsPageAndRefuseBadQueries(t *testing.T) {
	h := newHarness(t)
	h.demo()
	for _, n := range []string{"Aled Evans", "Bethan Hughes", "Carys Lewis"} {
		h.applied("member", n)
	}
	list := func(q url.Values) eventT {
		return as(at(fixture(t, "register-csv.json"), "GET", "/v1/applications", nil, q), "demo", adminID, "[admin]")
	}
	first := decode[dpcoop.Page[dpcoop.Application]](t, h.call(list(url.Values{"limit": {"2"}}), true))
	if len(first.Items) != 2 || first.Next == "" {
		t.Fatalf("%+v", first)
	}
	second := decode[dpcoop.Page[dpcoop.Application]](t, h.call(list(url.Values{"limit": {"2"}, "cursor": {first.Next}}), true))
	if len(second.Items) != 1 || second.Next != "" || second.Items[0].Name != "Carys Lewis" {
		t.Fatalf("%+v", second)
	}
	for _, q := range []url.Values{{"limit": {"0"}}, {"limit": {"x"}}, {"status": {"lost"}}, {"cursor": {"!!"}}, {"sort": {"name"}}} {
		resp := h.call(list(q), false)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%v: %d %s", q, resp.StatusCode, resp.Body)
		}
	}
}

func TestLogsHoldNoPersonalData(t *testing.T) {
	h := newHarness(t)
	h.demo()
	id := h.applied("member", "Gwen Morgan")
	h.call(h.decide(id, "approve", "demo", "[admin]", "{}"), true)
	h.call(withForm(fixture(t, "apply-form.json"), url.Values{"name": {"Gwen Morgan"}, "email": {"bad"}, "redirect": {"https://demo.coop.example/"}}), false)
	logs := h.logs.String()
	if !strings.Contains(logs, `"route":"POST /v1/applications/{id}/approve"`) {
		t.Fatalf("requests were not logged: %s", logs)
	}
	for _, secret := range []string{"Gwen", "gwen@example.org", "wheelchair", "Lôn Goed", "203.0.113"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs hold %q", secret)
		}
	}
}
