package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// TestNoEnglishOnTheWelshMoneyPages: the Welsh admin's money, pool and vote
// pages with data, their forms refused and their confirm pages show none of
// the catalogue's English.
func TestNoEnglishOnTheWelshMoneyPages(t *testing.T) {
	b := newBrowser(t, "webmoney")
	ctx, now := t.Context(), testclock.Now()
	admin := dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoAdmin, Roles: []dpcoop.Role{dpcoop.RoleAdmin}}
	gwen := local.DemoID("gwen")
	svc := b.stack.Services
	month := dpcoop.DateOf(now).Month()
	e, err := svc.Accounts.Post(ctx, admin, gwen, dpcoop.CouncilPayment{Amount: 50000, Date: string(dpcoop.DateOf(now)), Council: "gwynedd",
		PeriodFrom: month + "-01", PeriodTo: month + "-28"}, func(dpcoop.Entry) (string, error) { return dpcoop.DerivedID("entry", "welsh"), nil }, now)
	if err != nil {
		t.Fatal(err)
	}
	pool, err := svc.Accounts.AddPool(ctx, admin, dpcoop.PoolInput{NameEN: "Outings", NameCY: "Teithiau", PurposeEN: "Days out", PurposeCY: "Diwrnodau allan",
		Rule: string(dpcoop.RuleFixed), FixedPence: 1000, SpendingLimit: 5000}, func(dpcoop.Pool) (string, error) { return dpcoop.DerivedID("pool", "welsh"), nil }, now)
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := svc.Votes.Propose(ctx, admin, dpcoop.MotionInput{Rules: ballot.Rules{Kind: ballot.OrdinaryResolution},
		TitleCY: "Cynnig", TitleEN: "Motion", TextCY: "Testun", TextEN: "Text", ClosesAt: now.Add(48 * time.Hour).UTC().Format(time.RFC3339)},
		dpcoop.DerivedID("motion", "welsh"), "welsh", now)
	if err != nil {
		t.Fatal(err)
	}
	draft := "/admin/motions/" + m.ID
	b.do(http.MethodGet, "/sign-in", nil)
	b.do(http.MethodPost, "/sign-in", url.Values{"email": {"admin@demo.coop.example"}})
	b.do(http.MethodPost, "/sign-in/code", url.Values{"code": {lastCode(t, b.dir)}})
	get := func(method, path string, form url.Values) string {
		t.Helper()
		resp, page := b.do(method, path, form)
		if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusSeeOther {
			t.Fatalf("%s %s: %d\n%s", method, path, resp.StatusCode, page)
		}
		return page
	}
	check := func(what, page string) { t.Helper(); welshOnly(t, what, page) }
	acct := "/admin/money/" + gwen
	check("the draft motion", get(http.MethodGet, draft, nil))
	if _, err := svc.Votes.Open(ctx, local.DemoCoop, m.ID, local.DemoAdmin, now, false); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{acct + "/entries/" + e.ID + "/reverse?month=" + month, "/admin/pools/" + pool.ID, draft, draft + "/close"} {
		check(p, get(http.MethodGet, p, nil))
	}
	check("the payment refused", get(http.MethodPost, acct+"/payment", url.Values{"key": {"k"}, "amount_pence": {"x"}, "council": {"A B"}}))
	check("the adjustment refused", get(http.MethodPost, acct+"/adjustment", url.Values{"key": {"k"}}))
	check("the reversal without a reason", get(http.MethodPost, acct+"/entries/"+e.ID+"/reverse", url.Values{"month": {month}}))
	check("the reversal to confirm", get(http.MethodPost, acct+"/entries/"+e.ID+"/reverse", url.Values{"month": {month}, "reason": {"Camgymeriad"}}))
	check("the pool refused", get(http.MethodPost, "/admin/pools/new", url.Values{"key": {"k"}}))
	check("the spending refused", get(http.MethodPost, "/admin/pools/"+pool.ID+"/spending", url.Values{"key": {"k"}, "amount_pence": {"1000"}}))
	check("the motion refused", get(http.MethodPost, "/admin/motions/new", url.Values{"key": {"k"}, "closes_at-day": {"40"}}))
	for what, c := range map[string]struct {
		form  url.Values
		wants []string
	}{
		"the election refused": {url.Values{"key": {"k"}, "kind": {string(ballot.BoardElection)}, "choices_cy": {"Ann\nBen\nCari"}, "choices_en": {"Ann\n\nBen\n"}, "seats": {"4"}},
			[]string{"Does dim Saesneg ar linell 3: rhowch bob dewis yn Saesneg", "Rhowch nifer y seddi, o 1 hyd at nifer yr ymgeiswyr (3)", "Ann\nBen\nCari</textarea>"}},
		"the election's Welsh missing": {url.Values{"key": {"k"}, "kind": {string(ballot.BoardElection)}, "choices_en": {"Ann"}, "seats": {"x"}},
			[]string{"Does dim Cymraeg ar linell 1: rhowch bob dewis yn Gymraeg", "Rhowch nifer y seddi, o 1 hyd at nifer yr ymgeiswyr (1)"}},
		"the election without candidates": {url.Values{"key": {"k"}, "kind": {string(ballot.BoardElection)}, "seats": {"1"}}, []string{"Rhowch o leiaf un ymgeisydd"}},
		"the poll with one answer":        {url.Values{"key": {"k"}, "kind": {string(ballot.Poll)}, "choices_cy": {"Ie"}, "choices_en": {"Yes"}}, []string{"Rhowch o leiaf ddau ateb"}},
	} {
		page := get(http.MethodPost, "/admin/motions/new", c.form)
		check(what, page)
		for _, want := range c.wants {
			if !strings.Contains(html.UnescapeString(page), want) {
				t.Errorf("%s: no %q", what, want)
			}
		}
	}
	election, _, err := svc.Votes.Propose(ctx, admin, dpcoop.MotionInput{Rules: ballot.Rules{Kind: ballot.BoardElection, Options: []string{"option_1", "option_2"}, Seats: 1},
		Labels:  map[string]dpcoop.Label{"option_1": {CY: "Gwen Jones", EN: "Gwen Jones"}, "option_2": {CY: "Tŷ Newydd", EN: "New House"}},
		TitleCY: "Ethol", TitleEN: "Elect", TextCY: "Testun", TextEN: "Text", ClosesAt: now.Add(48 * time.Hour).UTC().Format(time.RFC3339)},
		dpcoop.DerivedID("motion", "welsh-election"), "welsh-election", now)
	if err != nil {
		t.Fatal(err)
	}
	page := get(http.MethodGet, "/admin/motions/"+election.ID, nil)
	check("the draft election", page)
	if !strings.Contains(page, "<li>Tŷ Newydd</li>") || !strings.Contains(page, "Ymgeiswyr") {
		t.Errorf("the draft election does not list its candidates in Welsh:\n%s", page)
	}
	check("the postal vote refused", get(http.MethodPost, draft+"/postal", url.Values{}))
	check("the rules refused", get(http.MethodPost, "/admin/motions/rules", url.Values{"proxy_cap": {"0"}}))
	resp, _ := b.do(http.MethodPost, draft+"/postal", url.Values{"member_id": {gwen}, "channel": {"postal"}, "choices": {"spoilt"}})
	if resp.Header.Get("Location") != draft+"?done=postal" {
		t.Fatalf("a postal vote: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	check("the postal vote recorded", get(http.MethodGet, draft+"?done=postal", nil))
}
