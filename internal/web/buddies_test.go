package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// TestBuddyPagesInWelsh walks buddying through the pages: Gwen (Welsh) and
// Rhys ask, the Welsh admin pairs them, Gwen's answer without a channel
// shows the error summary, then both say yes. Every page Gwen and the
// admin read on the way, errors too, has none of the catalogue's English;
// Gwen sees Rhys's first name and nothing else of him; Siân, a third
// member, sees no pairing; ending it asks to confirm first. Her home page
// lists her unread notices until she marks them read.
func TestBuddyPagesInWelsh(t *testing.T) {
	b := newBrowser(t, "webbuddy")
	page := func(method, path string, form url.Values, status int) string {
		t.Helper()
		resp, p := b.do(method, path, form)
		if resp.StatusCode != status {
			t.Fatalf("%s %s: %d, want %d\n%s", method, path, resp.StatusCode, status, p)
		}
		if status == http.StatusOK || status == http.StatusBadRequest {
			welshOnly(t, method+" "+path, p)
		}
		return p
	}
	ctx, rhys := t.Context(), dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoID("rhys"), Roles: []dpcoop.Role{dpcoop.RoleMember}}
	if _, err := b.stack.Services.Buddies.Ask(ctx, rhys, "", testclock.Now()); err != nil {
		t.Fatal(err)
	}

	b.signIn("cy", "gwen@demo.coop.example")
	page(http.MethodGet, "/member/buddy", nil, http.StatusOK)
	page(http.MethodPost, "/member/buddy/ask", url.Values{"note": {strings.Repeat("a", dpcoop.MaxBuddyNoteLen+1)}}, http.StatusBadRequest)
	page(http.MethodPost, "/member/buddy/ask", url.Values{"note": {"Cerdded"}}, http.StatusSeeOther)
	page(http.MethodGet, "/member/buddy?done=asked", nil, http.StatusOK)

	b.signIn("cy", "admin@demo.coop.example")
	page(http.MethodGet, "/admin/buddies", nil, http.StatusOK)
	page(http.MethodPost, "/admin/buddies/pair", url.Values{"member_a": {local.DemoID("gwen")}, "member_b": {local.DemoID("gwen")}, "key": {"k1"}}, http.StatusBadRequest)
	page(http.MethodPost, "/admin/buddies/pair", url.Values{"member_a": {local.DemoID("gwen")}, "member_b": {local.DemoID("sian")}, "key": {"k2"}}, http.StatusBadRequest)
	page(http.MethodPost, "/admin/buddies/pair", url.Values{"member_a": {local.DemoID("gwen")}, "member_b": {local.DemoID("rhys")}}, http.StatusBadRequest) // a form with no key
	pair := url.Values{"member_a": {local.DemoID("gwen")}, "member_b": {local.DemoID("rhys")}, "key": {"k3"}}
	page(http.MethodPost, "/admin/buddies/pair", pair, http.StatusSeeOther)
	page(http.MethodPost, "/admin/buddies/pair", pair, http.StatusSeeOther) // the same form again proposes the same pairing
	if p := page(http.MethodGet, "/admin/buddies?done=paired", nil, http.StatusOK); strings.Contains(p, "Gwen") || strings.Contains(p, "Rhys") {
		t.Errorf("the admins' page names members in a pairing:\n%s", p)
	}

	b.signIn("cy", "gwen@demo.coop.example")
	const proposed = "Rydyn ni wedi dod o hyd i gyfaill i chi"
	if home := page(http.MethodGet, "/member", nil, http.StatusOK); !strings.Contains(home, proposed) {
		t.Errorf("Gwen's home does not list her new notice:\n%s", home)
	}
	read := regexp.MustCompile(`/notices/([a-z2-7]+)/read`).FindStringSubmatch(page(http.MethodGet, "/notices", nil, http.StatusOK))
	if read == nil {
		t.Fatal("no notice to mark read")
	}
	page(http.MethodPost, "/notices/"+read[1]+"/read", url.Values{}, http.StatusSeeOther)
	if home := page(http.MethodGet, "/member", nil, http.StatusOK); strings.Contains(home, proposed) {
		t.Errorf("a notice read is still on Gwen's home")
	}
	p := page(http.MethodGet, "/member/buddy", nil, http.StatusOK)
	id := regexp.MustCompile(`name="pairing" value="([a-z2-7]+)"`).FindStringSubmatch(p)
	if id == nil || !strings.Contains(p, "Rhys") || strings.Contains(p, "Price") {
		t.Fatalf("Gwen's proposed pairing:\n%s", p)
	}
	page(http.MethodPost, "/member/buddy/answer", url.Values{"pairing": {id[1]}, "answer": {"yes"}}, http.StatusBadRequest)
	page(http.MethodPost, "/member/buddy/answer", url.Values{"pairing": {id[1]}, "answer": {"yes"}, "contact": {"phone"}}, http.StatusBadRequest)
	page(http.MethodPost, "/member/buddy/answer", url.Values{"pairing": {id[1]}, "answer": {"yes"}, "contact": {"email"}}, http.StatusSeeOther)
	page(http.MethodGet, "/member/buddy", nil, http.StatusOK)
	if _, err := b.stack.Services.Buddies.Answer(ctx, rhys, id[1], true, dpcoop.ContactCoop, testclock.Now()); err != nil {
		t.Fatal(err)
	}
	p = page(http.MethodGet, "/member/buddy", nil, http.StatusOK)
	if !strings.Contains(p, "Rhys") || strings.Contains(p, "Price") || strings.Contains(p, "rhys@") {
		t.Errorf("Gwen's buddy shows more than a first name and channel:\n%s", p)
	}
	page(http.MethodGet, "/notices", nil, http.StatusOK)
	page(http.MethodPost, "/notices/settings", url.Values{"email": {dpcoop.NoticeNewActivity}}, http.StatusSeeOther)
	page(http.MethodGet, "/notices?done=saved", nil, http.StatusOK)
	if set, _ := b.stack.Services.Notices.Settings(ctx, dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoID("gwen")}); set.Wants(dpcoop.NoticeBuddy) {
		t.Errorf("unticked buddy emails are still on: %+v", set)
	}
	page(http.MethodPost, "/member/buddy/end", url.Values{"pairing": {id[1]}}, http.StatusOK)
	if m, _ := b.stack.Services.Buddies.Mine(ctx, rhys); m.Pairing == nil || m.Pairing.State != dpcoop.PairingActive {
		t.Fatalf("the pairing ended without confirm: %+v", m.Pairing)
	}

	b.signIn("cy", "sian@demo.coop.example")
	if p := page(http.MethodGet, "/member/buddy", nil, http.StatusOK); strings.Contains(p, "Rhys") || strings.Contains(p, "Gwen") || strings.Contains(p, id[1]) {
		t.Errorf("Siân sees the pairing:\n%s", p)
	}
	page(http.MethodPost, "/member/buddy/answer", url.Values{"pairing": {id[1]}, "answer": {"no"}}, http.StatusNotFound)
	page(http.MethodGet, "/admin/buddies", nil, http.StatusForbidden)
}
