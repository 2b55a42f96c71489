package web_test

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/testclock"
	"github.com/dpcoop/dpcoop/internal/web"
)

var (
	csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	tags      = regexp.MustCompile(`<[^>]*>`)
)

// TestNoEnglishOnAWelshPage walks a Welsh-speaking PA's pages in Welsh and
// finds none of the catalogue's English.
func TestNoEnglishOnAWelshPage(t *testing.T) {
	db, err := dynamolocal.Shared()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	stack, err := local.Start(t.Context(), local.Options{DataDir: dir, Dynamo: db.URL, Table: dynamolocal.UniqueTable("web"), Log: io.Discard, Now: testclock.Clock()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stack.Close() })
	srv := httptest.NewServer(stack)
	t.Cleanup(srv.Close)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var cookies []*http.Cookie
	csrf := ""
	get := func(method, path string, form url.Values) string {
		t.Helper()
		var body io.Reader
		if form != nil {
			form.Set("csrf", csrf)
			body = strings.NewReader(form.Encode())
		}
		req, _ := http.NewRequest(method, srv.URL+path, body)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		for _, c := range cookies {
			req.AddCookie(c)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		cookies = append(resp.Cookies(), cookies...) // the newest first
		b, _ := io.ReadAll(resp.Body)
		if m := csrfField.FindSubmatch(b); m != nil {
			csrf = string(m[1])
		}
		if resp.StatusCode >= 500 || resp.StatusCode == http.StatusForbidden {
			t.Fatalf("%s %s: %d\n%s", method, path, resp.StatusCode, b)
		}
		return string(b)
	}
	english := web.EnglishOnly()
	check := func(path, page string) {
		t.Helper()
		text := html.UnescapeString(tags.ReplaceAllString(page, " "))
		for _, en := range english {
			if strings.Contains(text, en) {
				t.Errorf("%s in Welsh shows English %q", path, en)
			}
		}
	}
	for _, p := range []string{"/sign-in?lang=cy"} {
		check(p, get(http.MethodGet, p, nil))
	}
	check("sign-in error", get(http.MethodPost, "/sign-in", url.Values{"email": {"x"}}))
	get(http.MethodPost, "/sign-in", url.Values{"email": {"catrin@demo.coop.example"}})
	check("/sign-in/code", get(http.MethodGet, "/sign-in/code", nil))
	check("code error", get(http.MethodPost, "/sign-in/code", url.Values{"code": {"1"}}))
	code := lastCode(t, dir)
	get(http.MethodPost, "/sign-in/code", url.Values{"code": {code}})
	for _, p := range []string{"/pa", "/pa/shifts/new", "/pa/payslips", "/pa/details", "/no-such-page"} {
		check(p, get(http.MethodGet, p, nil))
	}
	check("shift error", get(http.MethodPost, "/pa/shifts/new", url.Values{"start": {"9"}}))

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
	get(http.MethodPost, "/sign-out", url.Values{})
	get(http.MethodGet, "/sign-in?lang=cy", nil)
	get(http.MethodPost, "/sign-in", url.Values{"email": {"gwen@demo.coop.example"}})
	get(http.MethodPost, "/sign-in/code", url.Values{"code": {lastCode(t, dir)}})
	pages := []string{"/member", "/member/shifts", "/member/money", "/member/votes", "/member/votes/" + m.ID, "/member/pools", "/member/data"}
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
		check("join error "+easy, get(http.MethodPost, "/member/pools/"+pool.ID+"/join", url.Values{}))
	}
}
