package local_test

import (
	"context"
	"html"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

var adminPrincipal = dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoAdmin, Roles: []dpcoop.Role{dpcoop.RoleAdmin}}

// pageHas fails unless the page shows every one of want.
func pageHas(t *testing.T, what, page string, want ...string) {
	t.Helper()
	text := html.UnescapeString(page)
	for _, s := range want {
		if !strings.Contains(page, s) && !strings.Contains(text, s) {
			t.Errorf("%s should show %q:\n%s", what, s, page)
		}
	}
}

// tomsShift has Tom, Rhys's PA, record and send a shift from start to end today.
func tomsShift(t *testing.T, r *running, c *movingClock, start, end string) {
	t.Helper()
	pa := newBrowser(t, r)
	pa.signIn("tom")
	pa.do(http.MethodGet, "/pa/shifts/new", nil)
	resp, page := pa.post("/pa/shifts/new", shiftForm(c.now(), local.DemoID("rhys"), start, end))
	want(t, resp, page, http.StatusSeeOther, "/pa?done=recorded")
}

var approveForm = regexp.MustCompile(`action="/member/shifts/([^/"]+)/approve"`)

func TestPagesMemberApprovesAndSendsBackShifts(t *testing.T) {
	r, c := startPages(t)
	tomsShift(t, r, c, "06:00", "07:00")
	tomsShift(t, r, c, "07:00", "08:00")
	b := newBrowser(t, r)
	b.signIn("rhys")
	resp, page := b.do(http.MethodGet, "/", nil)
	want(t, resp, page, http.StatusSeeOther, "/member")
	resp, page = b.do(http.MethodGet, "/member?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the member's home", page, "Shifts waiting for you: 2")
	resp, page = b.do(http.MethodGet, "/member/shifts", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the shifts to approve", page, "06:00–07:00", "07:00–08:00", "Tom Evans", "1 hours")
	ids := approveForm.FindAllStringSubmatch(page, -1)
	if len(ids) != 2 {
		t.Fatalf("want 2 shifts to approve, got %d", len(ids))
	}
	first, second := ids[0][1], ids[1][1]

	resp, page = b.post("/member/shifts/"+first+"/approve", url.Values{})
	want(t, resp, page, http.StatusSeeOther, "/member/shifts?done=approved")

	resp, page = b.post("/member/shifts/"+second+"/send-back", url.Values{"reason": {"  "}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a send-back without a reason", page, "govuk-error-summary", `href="#sendback-reason"`, "Say why you are sending the shift back")
	resp, page = b.post("/member/shifts/"+second+"/send-back", url.Values{"reason": {"It ended at 07:30"}})
	want(t, resp, page, http.StatusSeeOther, "/member/shifts?done=sentback")

	for id, st := range map[string]dpcoop.ShiftStatus{first: dpcoop.ShiftApproved, second: dpcoop.ShiftRejected} {
		s, err := r.stack.Services.Timesheets.Shift(context.Background(), adminPrincipal, id)
		if err != nil {
			t.Fatal(err)
		}
		if s.Status != st {
			t.Errorf("shift %s: %s, want %s", id, s.Status, st)
		}
	}
	_, page = b.do(http.MethodGet, "/member/shifts?done=sentback", nil)
	pageHas(t, "the shifts after deciding", page, "It ended at 07:30", "No shifts are waiting for your approval.")

	// Each change made through the pages is in the audit trail, once, as
	// the API's are; the refused send-back is not.
	trail, err := r.stack.Services.Audit.Trail(context.Background(), adminPrincipal, dpcoop.Month(dpcoop.DateOf(c.now()).Month()), dpcoop.PageRequest{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, e := range trail.Items {
		if e.Person == local.DemoID("rhys") {
			got[e.Action+" "+e.Target["id"]]++
		}
	}
	wantTrail := map[string]int{"POST /member/shifts/{id}/approve " + first: 1, "POST /member/shifts/{id}/send-back " + second: 1}
	if !maps.Equal(got, wantTrail) {
		t.Errorf("Rhys's audit trail: %v, want %v", got, wantTrail)
	}
}

func TestPagesMemberReadsTheStatementAndDownloadsIt(t *testing.T) {
	r, c := startPages(t)
	month := dpcoop.DateOf(c.now()).Month()
	if _, err := r.stack.Services.Accounts.Post(context.Background(), adminPrincipal, local.DemoID("rhys"),
		dpcoop.CouncilPayment{Amount: 123456, Date: string(dpcoop.DateOf(c.now())), Council: "cardiff", Reference: "DP-1",
			PeriodFrom: month + "-01", PeriodTo: month + "-28"},
		func(dpcoop.Entry) (string, error) { return dpcoop.DerivedID("entry", "web-test"), nil }, c.now()); err != nil {
		t.Fatalf("post: %v %+v", err, dpcoop.ErrorOf(err).Fields)
	}
	b := newBrowser(t, r)
	b.signIn("rhys")
	resp, page := b.do(http.MethodGet, "/member/money?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the statement", page, "£1,234.56", "statement-"+month+".pdf", "statement-"+month+".csv")
	resp, page = b.do(http.MethodGet, "/member/money/statement-"+month+".pdf", nil)
	want(t, resp, page, http.StatusOK, "")
	if resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(page, "%PDF-") {
		t.Errorf("the PDF: %s %.20q", resp.Header.Get("Content-Type"), page)
	}
	resp, page = b.do(http.MethodGet, "/member/money/statement-"+month+".csv", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") || !strings.Contains(page, "1234.56") {
		t.Errorf("the CSV: %s\n%s", resp.Header.Get("Content-Type"), page)
	}
	resp, page = b.do(http.MethodGet, "/member/money/statement-2026-13.pdf", nil)
	want(t, resp, page, http.StatusNotFound, "")
}

// openMotion drafts and opens a secret resolution closing in a week.
func openMotion(t *testing.T, r *running, now time.Time) dpcoop.Motion {
	t.Helper()
	in := dpcoop.MotionInput{Rules: ballot.Rules{Kind: ballot.OrdinaryResolution}, Secret: true,
		TitleCY: "Prynu bws mini", TitleEN: "Buy a minibus", TextCY: "Bod y cwmni'n prynu bws mini.", TextEN: "That the co-op buys a minibus.",
		ClosesAt: now.Add(7 * 24 * time.Hour).UTC().Format(time.RFC3339)}
	svc := r.stack.Services.Votes
	m, _, err := svc.Propose(context.Background(), adminPrincipal, in, dpcoop.DerivedID("motion", "web-test"), "web-test", now)
	if err != nil {
		t.Fatalf("propose: %v %+v", err, dpcoop.ErrorOf(err).Fields)
	}
	if m, err = svc.Open(context.Background(), local.DemoCoop, m.ID, local.DemoAdmin, now, false); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestPagesMemberVotesOnce(t *testing.T) {
	r, c := startPages(t)
	m := openMotion(t, r, c.now())
	b := newBrowser(t, r)
	b.signIn("rhys")
	resp, page := b.do(http.MethodGet, "/member?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the home page", page, "Buy a minibus")
	resp, page = b.do(http.MethodGet, "/member/votes/"+m.ID, nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the motion", page, "That the co-op buys a minibus.", `value="for"`, `value="against"`, `value="abstain"`)

	resp, page = b.post("/member/votes/"+m.ID, url.Values{"ballot": {"radios"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a vote without a choice", page, "govuk-error-summary", "Choose how you vote")
	resp, page = b.post("/member/votes/"+m.ID, url.Values{"ballot": {"radios"}, "choices": {"for"}})
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "a secret vote's answer", page, "Your receipt", "Your vote is recorded.")
	if strings.Contains(page, `value="against"`) {
		t.Error("a secret ballot cast should offer no ballot again")
	}
	resp, page = b.post("/member/votes/"+m.ID, url.Values{"ballot": {"radios"}, "choices": {"against"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a second vote", page, "govuk-error-summary")
	got, err := r.stack.Services.Votes.Motion(context.Background(), adminPrincipal, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Counters["ballots"] != 1 || got.Counters["votes__for"] != 1 || got.Counters["votes__against"] != 0 {
		t.Errorf("counters %v: want one vote for", got.Counters)
	}

	// Where the rules allow proxies, Gwen asks Rhys to vote for her.
	g := newBrowser(t, r)
	g.signIn("gwen")
	_, page = g.do(http.MethodGet, "/member/votes/"+m.ID+"?lang=en", nil)
	if strings.Contains(page, `action="/member/votes/`+m.ID+`/proxy"`) {
		t.Error("no proxy may be offered until the co-op's rules allow them")
	}
	if err := r.stack.Services.Votes.Votes.SetVotingRules(context.Background(), local.DemoCoop, dpcoop.VotingRules{Proxies: true, ProxyCap: 5}); err != nil {
		t.Fatal(err)
	}
	_, page = g.do(http.MethodGet, "/member/votes/"+m.ID, nil)
	pageHas(t, "the proxy form", page, `action="/member/votes/`+m.ID+`/proxy"`, "Rhys Price")
	resp, page = g.post("/member/votes/"+m.ID+"/proxy", url.Values{"holder": {local.DemoID("rhys")}})
	want(t, resp, page, http.StatusSeeOther, "/member/votes/"+m.ID+"?done=proxy")
	_, page = g.do(http.MethodGet, "/member/votes/"+m.ID+"?done=proxy", nil)
	pageHas(t, "the motion after appointing a proxy", page, "Your proxy is appointed.", "Rhys Price votes for you.")
	if strings.Contains(page, `value="against"`) {
		t.Error("a member whose proxy votes for them should not be offered the ballot")
	}
}

func TestPagesMemberJoinsAPoolWithConsent(t *testing.T) {
	r, c := startPages(t)
	pl, err := r.stack.Services.Accounts.AddPool(context.Background(), adminPrincipal,
		dpcoop.PoolInput{NameEN: "Outings", NameCY: "Teithiau", PurposeEN: "Days out together", PurposeCY: "Diwrnodau allan gyda'n gilydd",
			Rule: string(dpcoop.RuleEqualShare), SpendingLimit: 5000},
		func(dpcoop.Pool) (string, error) { return dpcoop.DerivedID("pool", "web-test"), nil }, c.now())
	if err != nil {
		t.Fatalf("add pool: %v %+v", err, dpcoop.ErrorOf(err).Fields)
	}
	b := newBrowser(t, r)
	b.signIn("rhys")
	resp, page := b.do(http.MethodGet, "/member/pools?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the pools", page, "Outings", "Members share the costs equally", "up to £50.00 without asking", "I agree to join Outings")
	resp, page = b.post("/member/pools/"+pl.ID+"/join", url.Values{})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "joining without consent", page, "govuk-error-summary", `href="#pool-`+pl.ID+`-consent"`, "Tick the box")
	resp, page = b.post("/member/pools/"+pl.ID+"/join", url.Values{"consent": {"yes"}})
	want(t, resp, page, http.StatusSeeOther, "/member/pools?done=joined")
	_, page = b.do(http.MethodGet, "/member/pools", nil)
	pageHas(t, "the pools after joining", page, "You are in this pool")
	v, err := r.stack.Services.Accounts.Pool(context.Background(), adminPrincipal, pl.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Members) != 1 || v.Members[0].Member != local.DemoID("rhys") || v.Members[0].ConsentBy != local.DemoID("rhys") {
		t.Errorf("pool members: %+v", v.Members)
	}

	// Spending above the limit waits for Rhys, the pool's one member.
	month := dpcoop.DateOf(c.now()).Month()
	if _, err := r.stack.Services.Accounts.Post(context.Background(), adminPrincipal, local.DemoID("rhys"),
		dpcoop.CouncilPayment{Amount: 100000, Date: string(dpcoop.DateOf(c.now())), Council: "cardiff", Reference: "DP-2", PeriodFrom: month + "-01", PeriodTo: month + "-28"},
		func(dpcoop.Entry) (string, error) { return dpcoop.DerivedID("entry", "web-test-pool"), nil }, c.now()); err != nil {
		t.Fatal(err)
	}
	sp, err := r.stack.Services.Accounts.Spend(context.Background(), adminPrincipal, pl.ID,
		dpcoop.SpendingInput{Amount: 8000, Date: string(dpcoop.DateOf(c.now())), Description: "Minibus hire"},
		func(dpcoop.Spending) (string, error) { return dpcoop.DerivedID("spend", "web-test"), nil }, c.now())
	if err != nil || sp.Status != dpcoop.SpendingAwaiting {
		t.Fatalf("spend: %+v %v", sp, err)
	}
	_, page = b.do(http.MethodGet, "/member/pools", nil)
	pageHas(t, "spending waiting", page, "£80.00", "Minibus hire", "/spending/"+sp.ID+"/approve")
	resp, page = b.post("/member/pools/"+pl.ID+"/spending/"+sp.ID+"/approve", url.Values{})
	want(t, resp, page, http.StatusSeeOther, "/member/pools?done=spending")
	_, page = b.do(http.MethodGet, "/member/pools", nil)
	if strings.Contains(page, "/spending/"+sp.ID+"/approve") {
		t.Error("approved spending should no longer wait")
	}
}

func TestPagesMemberEasyRead(t *testing.T) {
	r, c := startPages(t)
	tomsShift(t, r, c, "06:00", "07:00")
	b := newBrowser(t, r)
	b.signIn("rhys")
	_, page := b.do(http.MethodGet, "/member/shifts?lang=en", nil)
	if strings.Contains(page, "Yes, it is right") || !strings.Contains(page, "Easy Read: turn on") {
		t.Fatalf("Easy Read should start off, with a switch:\n%s", page)
	}
	resp, page := b.post("/easy-read", url.Values{"easy": {"on"}, "back": {"/member/shifts"}})
	want(t, resp, page, http.StatusSeeOther, "/member/shifts")
	_, page = b.do(http.MethodGet, "/member/shifts", nil)
	pageHas(t, "the shifts in Easy Read", page, "Tom Evans worked for you.", "Yes, it is right", "No, something is wrong", "/assets/icons/check.svg", "Easy Read: turn off")
	_, page = b.do(http.MethodGet, "/member/shifts?lang=cy", nil)
	pageHas(t, "the shifts in Welsh Easy Read", page, "Gweithiodd Tom Evans i chi.", "Ydy, mae'n gywir")
	_, page = b.do(http.MethodGet, "/member/money", nil)
	pageHas(t, "money in Easy Read", page, "Nawr mae gennych")
	resp, page = b.post("/easy-read", url.Values{"easy": {"off"}, "back": {"//elsewhere.example"}})
	want(t, resp, page, http.StatusSeeOther, "/")
	_, page = b.do(http.MethodGet, "/member/shifts", nil)
	if strings.Contains(html.UnescapeString(page), "Ydy, mae'n gywir") {
		t.Errorf("Easy Read should be off again:\n%s", page)
	}
}
