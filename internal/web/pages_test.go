package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// TestNoEnglishOnAWelshPage walks a Welsh-speaking PA's pages in Welsh and
// finds none of the catalogue's English.
func TestNoEnglishOnAWelshPage(t *testing.T) {
	b := newBrowser(t, "web")
	dir, stack := b.dir, b.stack
	get := func(method, path string, form url.Values) string {
		t.Helper()
		resp, page := b.do(method, path, form)
		if resp.StatusCode == http.StatusForbidden {
			t.Fatalf("%s %s: %d\n%s", method, path, resp.StatusCode, page)
		}
		return page
	}
	check := func(path, page string) { t.Helper(); welshOnly(t, path, page) }
	for _, p := range []string{"/sign-in?lang=cy"} {
		check(p, get(http.MethodGet, p, nil))
	}
	check("sign-in error", get(http.MethodPost, "/sign-in", url.Values{"email": {"x"}}))
	get(http.MethodPost, "/sign-in", url.Values{"email": {"catrin@demo.coop.example"}})
	check("/sign-in/code", get(http.MethodGet, "/sign-in/code", nil))
	check("code error", get(http.MethodPost, "/sign-in/code", url.Values{"code": {"1"}}))
	code := lastCode(t, dir)
	get(http.MethodPost, "/sign-in/code", url.Values{"code": {code}})
	for _, p := range []string{"/pa", "/pa/shifts/new", "/pa/payslips", "/pa/details", "/pa/data", "/pa/statements", "/pa/cases", "/pa/training", "/pa/risk", "/pa/profile", "/pa/needs", "/pa/profile/withdraw", "/pa/rota", "/activities", "/no-such-page"} {
		check(p, get(http.MethodGet, p, nil))
	}
	check("shift error", get(http.MethodPost, "/pa/shifts/new", url.Values{"start": {"9"}}))
	check("profile error", get(http.MethodPost, "/pa/profile", url.Values{"consent": {"faith"}, "languages": {"cy"}}))

	// Gwen, a Welsh-speaking member, with a shift of Catrin's to approve,
	// an open vote and a pool to join, in Easy Read and not.
	d := testclock.Now().In(dpcoop.London)
	get(http.MethodPost, "/pa/shifts/new", url.Values{"date-day": {d.Format("2")}, "date-month": {d.Format("1")}, "date-year": {d.Format("2006")},
		"start": {"06:00"}, "end": {"07:00"}, "members": {local.DemoID("gwen")}, "kind": {"standard"}})
	admin := dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoAdmin, Roles: []dpcoop.Role{dpcoop.RoleAdmin}}
	ctx, now := t.Context(), testclock.Now()
	m, _, err := stack.Services.Votes.Propose(ctx, admin, dpcoop.MotionInput{Rules: ballot.Rules{Kind: ballot.OrdinaryResolution},
		TitleCY: "Cynnig", TitleEN: "Motion", TextCY: "Testun", TextEN: "Text", ClosesAt: now.Add(48 * time.Hour).UTC().Format(time.RFC3339)},
		dpcoop.DerivedID("motion", "welsh"), "welsh", now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stack.Services.Votes.Open(ctx, local.DemoCoop, m.ID, local.DemoAdmin, now, false); err != nil {
		t.Fatal(err)
	}
	if err := stack.Services.Votes.Votes.SetVotingRules(ctx, local.DemoCoop, dpcoop.VotingRules{Proxies: true, ProxyCap: 5}); err != nil {
		t.Fatal(err)
	}
	pool, err := stack.Services.Accounts.AddPool(ctx, admin, dpcoop.PoolInput{NameEN: "Outings", NameCY: "Teithiau", PurposeEN: "Days out", PurposeCY: "Diwrnodau allan",
		Rule: string(dpcoop.RuleEqualShare), SpendingLimit: 5000}, func(dpcoop.Pool) (string, error) { return dpcoop.DerivedID("pool", "welsh"), nil }, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stack.Services.Activities.Create(ctx, admin, dpcoop.ActivityInput{TitleEN: "Beach day", TitleCY: "Diwrnod ar y traeth",
		DescriptionEN: "A day by the sea.", DescriptionCY: "Diwrnod ger y môr.", Start: now.Add(72 * time.Hour).Format(time.RFC3339),
		End: now.Add(75 * time.Hour).Format(time.RFC3339), Place: "Ynys y Barri", AccessEN: "A ramp.", AccessCY: "Ramp."},
		dpcoop.DerivedID("activity", "welsh"), now); err != nil {
		t.Fatal(err)
	}
	get(http.MethodPost, "/sign-out", url.Values{})
	get(http.MethodGet, "/sign-in?lang=cy", nil)
	get(http.MethodPost, "/sign-in", url.Values{"email": {"gwen@demo.coop.example"}})
	get(http.MethodPost, "/sign-in/code", url.Values{"code": {lastCode(t, dir)}})
	pages := []string{"/member", "/member/shifts", "/member/money", "/member/votes", "/member/votes/" + m.ID, "/member/pools", "/member/data", "/member/pa-training", "/member/buddy", "/notices", "/member/preferences", "/member/matches", "/member/rota", "/activities"}
	for _, easy := range []string{"off", "on"} {
		get(http.MethodGet, "/member", nil)
		get(http.MethodPost, "/easy-read", url.Values{"easy": {easy}, "back": {"/member"}})
		for _, p := range pages {
			check(p+" easy "+easy, get(http.MethodGet, p, nil))
		}
		page := get(http.MethodGet, "/member/shifts", nil)
		id := regexp.MustCompile(`/member/shifts/([^/"]+)/send-back`).FindStringSubmatch(page)
		if id == nil {
			t.Fatalf("no shift to send back:\n%s", page)
		}
		check("send back "+easy, get(http.MethodGet, "/member/shifts/"+id[1]+"/send-back", nil))
		check("send back error "+easy, get(http.MethodPost, "/member/shifts/"+id[1]+"/send-back", url.Values{}))
		check("vote error "+easy, get(http.MethodPost, "/member/votes/"+m.ID, url.Values{"ballot": {"radios"}}))
		check("proxy error "+easy, get(http.MethodPost, "/member/votes/"+m.ID+"/proxy", url.Values{}))
		check("feed "+easy, get(http.MethodPost, "/activities/feed", url.Values{}))
		check("join error "+easy, get(http.MethodPost, "/member/pools/"+pool.ID+"/join", url.Values{}))
		check("preferences error "+easy, get(http.MethodPost, "/member/preferences", url.Values{"consent": {"faith"}, "gender": {"woman"}}))
	}

	// The demo co-op's admin, a Welsh speaker, on the admins' pages.
	get(http.MethodPost, "/sign-out", url.Values{})
	get(http.MethodGet, "/sign-in", nil)
	get(http.MethodPost, "/sign-in", url.Values{"email": {"admin@demo.coop.example"}})
	get(http.MethodPost, "/sign-in/code", url.Values{"code": {lastCode(t, dir)}})
	if resp, _ := b.do(http.MethodGet, "/", nil); resp.Header.Get("Location") != "/admin" {
		t.Fatalf("the admin was sent to %q, not their pages", resp.Header.Get("Location"))
	}
	if page := get(http.MethodGet, "/admin", nil); !strings.Contains(page, "Beth sydd angen ei wneud") {
		t.Fatalf("the admin did not land on their pages:\n%s", page)
	}
	for _, p := range adminPages {
		check(p, get(http.MethodGet, p, nil))
	}
	act := "/admin/activities/" + dpcoop.DerivedID("activity", "welsh")
	for _, p := range []string{act, act + "/edit", act + "/shift"} {
		check(p, get(http.MethodGet, p, nil))
	}
	for p, form := range map[string]url.Values{"/admin/activities/new": {"key": {"x"}}, act + "/edit": {}, act + "/shift": {}, act + "/charge": {}} {
		check(p+" sent empty", get(http.MethodPost, p, form))
	}
}

// adminPages are the admins' pages a Welsh admin reads without a form's
// answers; each area of the admins' pages adds its own.
var adminPages = []string{"/admin",
	"/admin/shifts/waiting", "/admin/applications", "/admin/applications?status=approved", "/admin/members", "/admin/members/" + local.DemoID("gwen"), "/admin/members/" + local.DemoID("gwen") + "/cease", "/admin/members/" + local.DemoID("gwen") + "/details", "/admin/pas", "/admin/pas/new", "/admin/pas/" + local.DemoID("catrin"), "/admin/pas/" + local.DemoID("catrin") + "/edit", "/admin/pas/" + local.DemoID("catrin") + "/employments/new", "/admin/audit",
	"/admin/money", "/admin/money/" + local.DemoID("gwen"), "/admin/money/" + local.DemoID("gwen") + "/payment", "/admin/money/" + local.DemoID("gwen") + "/adjustment",
	"/admin/pools", "/admin/pools/new", "/admin/motions", "/admin/motions/new", "/admin/motions/rules",
	"/admin/people",
	"/admin/people/invite",
	"/admin/people/" + local.DemoID("tom") + "/revoke",
	"/admin/settings", "/admin/settings/areas",
	"/admin/payroll", "/admin/payroll/settings", "/admin/payroll/p60s", "/admin/pas/" + local.DemoID("catrin") + "/pay",
	"/admin/pas/" + local.DemoID("catrin") + "/training", "/admin/employer", "/admin/members/" + local.DemoID("gwen") + "/risk",
	"/admin/buddies", "/notices",
	"/admin/offers", "/admin/members/" + local.DemoID("gwen") + "/preferences", "/admin/members/" + local.DemoID("gwen") + "/matches",
	"/admin/rota",
	"/activities", "/admin/activities", "/admin/activities/new",
	"/admin/employer/dbs",
}
