package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
	"github.com/dpcoop/dpcoop/internal/web"
)

// TestEasyReadFollowsThePerson: Easy Read turned on in one browser is kept
// on the person's record, so a sign-in from another browser (no cookies)
// starts in Easy Read, and turned off the same way; the member's record (the
// API's) says so beside their language.
func TestEasyReadFollowsThePerson(t *testing.T) {
	b := newBrowser(t, "webeasy")
	easy := func() bool {
		_, page := b.do(http.MethodGet, "/member", nil)
		if !strings.Contains(page, "Easy Read: turn") {
			t.Fatalf("no Easy Read switch on the member's home:\n%s", page)
		}
		return strings.Contains(page, "Easy Read: turn off")
	}
	b.signIn("en", "rhys@demo.coop.example")
	if easy() {
		t.Fatal("Easy Read is on before anyone turned it on")
	}
	for _, on := range []bool{true, false} {
		b.do(http.MethodPost, "/easy-read", url.Values{"easy": {map[bool]string{true: "on", false: "off"}[on]}, "back": {"/member"}})
		m, err := b.stack.Store.Member(t.Context(), local.DemoCoop, local.DemoID("rhys"))
		if err != nil {
			t.Fatal(err)
		}
		if m.EasyRead != on {
			t.Errorf("the member's record says Easy Read %v, want %v", m.EasyRead, on)
		}
		b.signIn("en", "rhys@demo.coop.example")
		if got := easy(); got != on {
			t.Errorf("after signing in again elsewhere Easy Read is %v, want %v", got, on)
		}
	}
	// A PA's setting is kept on their PA record.
	b.signIn("en", "tom@demo.coop.example")
	b.do(http.MethodGet, "/pa", nil)
	b.do(http.MethodPost, "/easy-read", url.Values{"easy": {"on"}, "back": {"/pa"}})
	pa, err := b.stack.Store.PA(t.Context(), local.DemoCoop, local.DemoID("tom"))
	if err != nil {
		t.Fatal(err)
	}
	if !pa.EasyRead {
		t.Error("the PA's record does not keep Easy Read")
	}
}

// TestEasyReadOnTheBuddyMatchActivityAndNoticePages: with Easy Read on,
// Gwen's buddy page (before asking, waiting, asked to agree, with a buddy),
// her preferences, her matches (Catrin, who speaks Welsh), the activities
// and her notices show their Easy Read lines in Welsh and in English, and
// not the plain page's sentences; with it off, the plain ones. The forms stay
// on the page, and a preferences form sent wrong keeps its error summary.
func TestEasyReadOnTheBuddyMatchActivityAndNoticePages(t *testing.T) {
	b := newBrowser(t, "webeasy22")
	signIn := func(email string) { b.signIn("en", email) }
	ctx, now := t.Context(), testclock.Now()
	admin := dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoAdmin, Roles: []dpcoop.Role{dpcoop.RoleAdmin}}
	if _, err := b.stack.Services.Activities.Create(ctx, admin, dpcoop.ActivityInput{TitleEN: "Beach day", TitleCY: "Diwrnod ar y traeth",
		DescriptionEN: "A day by the sea.", DescriptionCY: "Diwrnod ger y môr.", Start: now.Add(72 * time.Hour).Format(time.RFC3339),
		End: now.Add(75 * time.Hour).Format(time.RFC3339), Place: "Ynys y Barri", AccessEN: "A ramp.", AccessCY: "Ramp."},
		dpcoop.DerivedID("activity", "easy"), now); err != nil {
		t.Fatal(err)
	}
	signIn("catrin@demo.coop.example")
	b.do(http.MethodGet, "/pa/profile", nil)
	if resp, p := b.do(http.MethodPost, "/pa/profile", url.Values{"consent": {"languages"}, "languages": {"cy"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("Catrin's profile: %d\n%s", resp.StatusCode, p)
	}

	signIn("gwen@demo.coop.example")
	b.do(http.MethodGet, "/member", nil)
	b.do(http.MethodPost, "/easy-read", url.Values{"easy": {"on"}, "back": {"/member"}})
	if resp, p := b.do(http.MethodPost, "/member/preferences", url.Values{"consent": {"languages"}, "languages": {"cy"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("Gwen's preferences: %d\n%s", resp.StatusCode, p)
	}
	// page is a page's words (tags removed), in the language asked for.
	page := func(path string, l dpcoop.Lang) string {
		t.Helper()
		resp, p := b.do(http.MethodGet, path+"?lang="+string(l), nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d\n%s", path, resp.StatusCode, p)
		}
		return html.UnescapeString(tags.ReplaceAllString(p, " "))
	}
	// shows checks that each page shows the lines of its Easy Read version
	// (keys, with a name where a line has one) and not the plain lines, in
	// both languages, with the Easy Read switch on it.
	shows := func(path string, easy, plain []string) {
		t.Helper()
		for _, l := range []dpcoop.Lang{dpcoop.Welsh, dpcoop.English} {
			p := page(path, l)
			if !strings.Contains(p, web.T(l, "easy.off")) {
				t.Errorf("%s in %s has no Easy Read switch", path, l)
			}
			for _, k := range easy {
				if want := web.T(l, k, "name", "Rhys"); !strings.Contains(p, want) {
					t.Errorf("%s in %s does not say %q", path, l, want)
				}
			}
			for _, k := range plain {
				if not := web.T(l, k, "name", "Rhys"); strings.Contains(p, not) {
					t.Errorf("%s in %s in Easy Read still says %q", path, l, not)
				}
			}
		}
	}
	shows("/member/buddy", []string{"easy.buddy.what", "easy.buddy.ask", "easy.buddy.staff", "buddy.ask"}, []string{"buddy.intro"})
	shows("/member/preferences", []string{"easy.match.intro", "easy.match.tick", "easy.match.languages", "easy.match.sees.faith", "easy.match.sees.area", "match.save"},
		[]string{"match.optional", "match.who.member.languages"})
	shows("/activities", []string{"easy.activities.intro", "easy.activities.ask", "easy.activities.secret", "activities.yes"}, []string{"activities.intro", "activities.feed.what"})
	shows("/notices", []string{"easy.notices.intro", "easy.notices.email", "notices.save"}, []string{"notices.settings.intro"})
	for _, l := range []dpcoop.Lang{dpcoop.Welsh, dpcoop.English} {
		want := web.T(l, "easy.match.reason.languages", "name", "Catrin", "item", map[dpcoop.Lang]string{dpcoop.Welsh: "Cymraeg", dpcoop.English: "Welsh"}[l])
		if p := page("/member/matches", l); !strings.Contains(p, want) || !strings.Contains(p, web.T(l, "easy.matches.intro")) {
			t.Errorf("Gwen's matches in %s do not say %q:\n%s", l, want, p)
		}
	}
	resp, p := b.do(http.MethodPost, "/member/preferences", url.Values{"consent": {"faith"}, "gender": {"woman"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(p, "govuk-error-summary") || !strings.Contains(p, "dpcoop-easy-row") {
		t.Errorf("preferences sent wrong in Easy Read: %d, want the Easy Read page with its error summary\n%s", resp.StatusCode, p)
	}

	// Gwen asks, is paired with Rhys, agrees, then Rhys agrees.
	rhys := dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoID("rhys"), Roles: []dpcoop.Role{dpcoop.RoleMember}}
	gwen := dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoID("gwen"), Roles: []dpcoop.Role{dpcoop.RoleMember}}
	for _, m := range []dpcoop.Principal{rhys, gwen} {
		if _, err := b.stack.Services.Buddies.Ask(ctx, m, "", now); err != nil {
			t.Fatal(err)
		}
	}
	shows("/member/buddy", []string{"easy.buddy.asked", "easy.buddy.tell", "easy.buddy.stop", "buddy.withdraw"}, []string{"buddy.asked"})
	made, _, err := b.stack.Services.Buddies.Pair(ctx, admin, gwen.Person, rhys.Person, func(string, ...string) (string, error) { return "easypair", nil }, now)
	if err != nil {
		t.Fatal(err)
	}
	shows("/member/buddy", []string{"buddy.found", "easy.buddy.yesno", "easy.buddy.both", "easy.buddy.contact", "buddy.yes", "buddy.no"}, []string{"buddy.found.what"})
	if _, err := b.stack.Services.Buddies.Answer(ctx, gwen, made.ID, true, dpcoop.ContactCoop, now); err != nil {
		t.Fatal(err)
	}
	shows("/member/buddy", []string{"easy.buddy.saidyes", "easy.buddy.waiting", "buddy.end"}, []string{"buddy.waiting.other"})
	if _, err := b.stack.Services.Buddies.Answer(ctx, rhys, made.ID, true, dpcoop.ContactCoop, now); err != nil {
		t.Fatal(err)
	}
	shows("/member/buddy", []string{"easy.buddy.yours", "easy.buddy.coop", "easy.buddy.sees.coop", "easy.buddy.canend", "buddy.end"}, []string{"buddy.mine"})

	// With Easy Read off the plain page is back.
	b.do(http.MethodPost, "/easy-read", url.Values{"easy": {"off"}, "back": {"/member"}})
	for _, l := range []dpcoop.Lang{dpcoop.Welsh, dpcoop.English} {
		if p := page("/activities", l); strings.Contains(p, web.T(l, "easy.activities.intro")) || !strings.Contains(p, web.T(l, "activities.intro")) {
			t.Errorf("/activities in %s with Easy Read off is not the plain page", l)
		}
	}
}
