package local_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// dateForm is a date input's answers for field.
func dateForm(form url.Values, field string, d dpcoop.Date) url.Values {
	t := d.Time()
	form.Set(field+"-day", t.Format("2"))
	form.Set(field+"-month", t.Format("1"))
	form.Set(field+"-year", t.Format("2006"))
	return form
}

// accountOf is a member's account for the month as the store holds it.
func accountOf(t *testing.T, r *running, member, month string) dpcoop.AccountMonth {
	t.Helper()
	a, err := r.stack.Services.Accounts.Account(context.Background(), adminPrincipal, member, dpcoop.Month(month))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

var reverseLink = regexp.MustCompile(`href="(/admin/money/[^/]+/entries/([^/"]+)/reverse)\?month=`)

func TestPagesAdminRecordsACouncilPaymentAndReversesIt(t *testing.T) {
	r, c := startPages(t)
	rhys := local.DemoID("rhys")
	today := dpcoop.DateOf(c.now())
	month := today.Month()
	acct := "/admin/money/" + rhys

	m := newBrowser(t, r)
	m.signIn("rhys")
	for _, p := range []string{"/admin/money", acct, acct + "/payment"} {
		resp, page := m.do(http.MethodGet, p, nil)
		want(t, resp, page, http.StatusForbidden, "")
	}
	resp, page := m.post(acct+"/payment", url.Values{"key": {"x"}, "amount_pence": {"10"}})
	want(t, resp, page, http.StatusForbidden, "")

	b := newBrowser(t, r)
	b.signIn("admin")
	resp, page = b.do(http.MethodGet, "/admin/money?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the summary", page, "Members' accounts hold in all", "Ledger total (always zero)", `href="`+acct+`"`, "Rhys Price")
	_, page = b.do(http.MethodGet, acct+"/payment", nil)
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(page)[1]

	bad := dateForm(url.Values{"key": {key}, "amount_pence": {"12.345"}, "council": {"Not a slug!"}}, "date", today)
	resp, page = b.post(acct+"/payment", bad)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a payment refused", page, "govuk-error-summary", `href="#payment-amount_pence"`, "Enter an amount from £0.01 to £99,999.99",
		`href="#payment-council"`, `href="#payment-period_from"`, `value="Not a slug!"`)
	if a := accountOf(t, r, rhys, month); len(a.Entries) != 0 {
		t.Fatalf("a refused payment wrote %d entries", len(a.Entries))
	}

	good := dateForm(dateForm(dateForm(url.Values{"key": {key}, "amount_pence": {"1,234.56"}, "council": {"cardiff"}, "reference": {"DP-7"}},
		"date", today), "period_from", dpcoop.Date(month+"-01")), "period_to", dpcoop.Date(month+"-28"))
	for range 2 { // the same form sent twice records one payment
		resp, page = b.post(acct+"/payment", good)
		want(t, resp, page, http.StatusSeeOther, acct+"?done=payment")
	}
	a := accountOf(t, r, rhys, month)
	if len(a.Entries) != 1 || a.Entries[0].Amount != 123456 || a.Entries[0].Source != dpcoop.SourceCouncilPayment || a.Entries[0].From != dpcoop.CouncilAccount("cardiff") {
		t.Fatalf("after the payment: %+v", a.Entries)
	}
	_, page = b.do(http.MethodGet, acct+"?done=payment", nil)
	pageHas(t, "the account", page, "The payment is recorded.", "£1,234.56", "statement-"+month+".pdf")
	resp, page = b.do(http.MethodGet, acct+"/files/statement-"+month+".pdf", nil)
	want(t, resp, page, http.StatusOK, "")
	if resp.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("the statement: %s", resp.Header.Get("Content-Type"))
	}

	// An adjustment out, with its reason; none without one.
	resp, page = b.post(acct+"/adjustment", dateForm(url.Values{"key": {"adj-1"}, "direction": {"out"}, "amount_pence": {"34.56"}}, "date", today))
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "an adjustment without a reason", page, "govuk-error-summary", "Give a reason for the adjustment", `value="34.56"`)
	resp, page = b.post(acct+"/adjustment", dateForm(url.Values{"key": {"adj-1"}, "direction": {"out"}, "amount_pence": {"34.56"}, "reason": {"Overpaid"}}, "date", today))
	want(t, resp, page, http.StatusSeeOther, acct+"?done=adjustment")
	if a := accountOf(t, r, rhys, month); a.CarriedForward != 123456-3456 {
		t.Fatalf("after the adjustment the account holds %d", a.CarriedForward)
	}

	// Reversing the payment: the reason, then the confirm page, which says
	// what will happen; nothing changes until it is confirmed.
	_, page = b.do(http.MethodGet, acct, nil)
	links := reverseLink.FindAllStringSubmatch(page, -1)
	var path string
	for _, l := range links {
		if l[2] == a.Entries[0].ID {
			path = l[1]
		}
	}
	if path == "" {
		t.Fatalf("no link to reverse the payment:\n%s", page)
	}
	resp, page = b.post(path, url.Values{"month": {month}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a reversal without a reason", page, "Say why you are reversing the entry")
	resp, page = b.post(path, url.Values{"month": {month}, "reason": {"Paid twice"}})
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the confirm page", page, "You cannot undo this.", "£1,234.56", "-£34.56", `name="confirm" value="yes"`, "Paid twice")
	if a := accountOf(t, r, rhys, month); len(a.Entries) != 2 {
		t.Fatalf("the reversal happened before it was confirmed: %+v", a.Entries)
	}
	resp, page = b.post(path, url.Values{"month": {month}, "reason": {"Paid twice"}, "confirm": {"yes"}})
	want(t, resp, page, http.StatusSeeOther, acct+"?done=reversed")
	if a := accountOf(t, r, rhys, month); len(a.Entries) != 3 || a.CarriedForward != -3456 {
		t.Fatalf("after the reversal: %d entries, %d held", len(a.Entries), a.CarriedForward)
	}
}

func TestPagesAdminSetsUpAPoolAndRecordsSpending(t *testing.T) {
	r, c := startPages(t)
	today := dpcoop.DateOf(c.now())
	b := newBrowser(t, r)
	b.signIn("admin")
	b.do(http.MethodGet, "/admin/pools/new?lang=en", nil)
	resp, page := b.post("/admin/pools/new", url.Values{"key": {"p1"}, "name_en": {"Outings"}, "rule": {"fixed"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a pool refused", page, "govuk-error-summary", `href="#newpool-name_cy"`, `href="#newpool-purpose_en"`, `href="#newpool-fixed_pence"`, `value="Outings"`)
	if ps, _ := r.stack.Services.Accounts.Pools(context.Background(), adminPrincipal); len(ps) != 0 {
		t.Fatalf("a refused pool was stored: %+v", ps)
	}
	form := url.Values{"key": {"p1"}, "name_en": {"Outings"}, "name_cy": {"Teithiau"}, "purpose_en": {"Days out"}, "purpose_cy": {"Diwrnodau allan"},
		"rule": {"fixed"}, "fixed_pence": {"10"}, "spending_limit_pence": {"50"}, "spending_period": {"month"}}
	resp, page = b.post("/admin/pools/new", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add pool: %d\n%s", resp.StatusCode, page)
	}
	pools, err := r.stack.Services.Accounts.Pools(context.Background(), adminPrincipal)
	if err != nil || len(pools) != 1 || pools[0].FixedPence != 1000 || pools[0].SpendingLimit != 5000 || pools[0].NameCY != "Teithiau" {
		t.Fatalf("the pool stored: %+v %v", pools, err)
	}
	pool := "/admin/pools/" + pools[0].ID
	want(t, resp, page, http.StatusSeeOther, pool+"?done=pool")
	// Rhys joins and the fund gets his contribution, so it can pay.
	if _, err := r.stack.Services.Accounts.Join(context.Background(), adminPrincipal, pools[0].ID,
		dpcoop.JoinPoolInput{Member: local.DemoID("rhys"), Consent: true}, c.now()); err != nil {
		t.Fatal(err)
	}
	resp, page = b.post(pool+"/spending", dateForm(url.Values{"key": {"s1"}, "amount_pence": {"20"}, "description": {"Tickets"}}, "date", today))
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "spending the pool cannot pay", page, "govuk-error-summary", "The pool does not hold enough to pay this")
	if sp, _ := r.stack.Services.Accounts.Spendings(context.Background(), adminPrincipal, pools[0].ID); len(sp) != 0 {
		t.Fatalf("refused spending was stored: %+v", sp)
	}
	resp, page = b.do(http.MethodGet, pool, nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the pool", page, "Rhys Price", "£10.00 a month from each member", "£50.00 a month")

	m := newBrowser(t, r)
	m.signIn("rhys")
	resp, page = m.do(http.MethodGet, pool, nil)
	want(t, resp, page, http.StatusForbidden, "")
}

func TestPagesAdminRunsAMotion(t *testing.T) {
	r, c := startPages(t)
	b := newBrowser(t, r)
	b.signIn("admin")
	closes := dpcoop.DateOf(c.now()).AddDays(7)
	form := dateForm(url.Values{"key": {"m1"}, "title_en": {"Buy a minibus"}, "kind": {"ordinary_resolution"}, "threshold": {"simple_majority"}, "closes_time": {"18:00"}}, "closes_at", closes)
	b.do(http.MethodGet, "/admin/motions/new?lang=en", nil)
	resp, page := b.post("/admin/motions/new", form)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a motion refused", page, "govuk-error-summary", `href="#motion-title_cy"`, `href="#motion-text_en"`, `value="Buy a minibus"`)
	if ms, _ := r.stack.Services.Votes.Visible(context.Background(), adminPrincipal); len(ms) != 0 {
		t.Fatalf("a refused motion was stored: %+v", ms)
	}
	form.Set("title_cy", "Prynu bws mini")
	form.Set("text_en", "That the co-op buys a minibus.")
	form.Set("text_cy", "Bod y cwmni'n prynu bws mini.")
	resp, _ = b.post("/admin/motions/new", form)
	ms, err := r.stack.Services.Votes.Visible(context.Background(), adminPrincipal)
	if err != nil || len(ms) != 1 || ms[0].Status != dpcoop.MotionDraft || ms[0].ClosesAt.In(dpcoop.London).Format("2006-01-02 15:04") != string(closes)+" 18:00" {
		t.Fatalf("the motion stored: %+v %v", ms, err)
	}
	motion := "/admin/motions/" + ms[0].ID
	want(t, resp, "", http.StatusSeeOther, motion+"?done=drafted")
	resp, page = b.post(motion+"/open", url.Values{})
	want(t, resp, page, http.StatusSeeOther, motion+"?done=opened")

	// Gwen's postal vote, entered by the admin; a second is refused for a
	// member who is not in the electorate.
	resp, page = b.post(motion+"/postal", url.Values{"member_id": {local.DemoID("gwen")}, "channel": {"postal"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a postal vote without a choice", page, "govuk-error-summary", `href="#postal-choices"`)
	resp, page = b.post(motion+"/postal", url.Values{"member_id": {local.DemoID("gwen")}, "channel": {"postal"}, "choices": {"for"}})
	want(t, resp, page, http.StatusSeeOther, motion+"?done=postal")
	e, err := r.stack.Store.Elector(context.Background(), local.DemoCoop, ms[0].ID, local.DemoID("gwen"))
	if err != nil || !e.Voted || e.EnteredBy != local.DemoAdmin || e.Channel != "postal" {
		t.Fatalf("Gwen's postal vote: %+v %v", e, err)
	}

	// Closing asks first: without confirm=yes it stays open.
	resp, page = b.do(http.MethodGet, motion+"/close", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the confirm page", page, "Voting ends: nobody can vote after this.", `name="confirm" value="yes"`)
	resp, page = b.post(motion+"/close", url.Values{})
	want(t, resp, page, http.StatusOK, "")
	if m, _ := r.stack.Services.Votes.Motion(context.Background(), adminPrincipal, ms[0].ID); m.Status != dpcoop.MotionOpen {
		t.Fatalf("closed without confirming: %s", m.Status)
	}
	resp, page = b.post(motion+"/close", url.Values{"confirm": {"yes"}})
	want(t, resp, page, http.StatusSeeOther, motion+"?done=closed")
	m, _ := r.stack.Services.Votes.Motion(context.Background(), adminPrincipal, ms[0].ID)
	if m.Status != dpcoop.MotionClosed || m.Outcome == "" {
		t.Fatalf("after closing: %s %q", m.Status, m.Outcome)
	}
	_, page = b.do(http.MethodGet, motion+"?done=closed", nil)
	pageHas(t, "the results", page, "The vote is closed and counted.", "The result", "1 of")

	// The voting rules: a cap out of range is refused; then proxies allowed.
	resp, page = b.post("/admin/motions/rules", url.Values{"allow": {"proxies"}, "proxy_cap": {"0"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "rules refused", page, "Enter a number from 1 to 100")
	resp, page = b.post("/admin/motions/rules", url.Values{"allow": {"proxies", "postal_votes"}, "proxy_cap": {"3"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/motions/rules?done=rules")
	rules, err := r.stack.Store.VotingRules(context.Background(), local.DemoCoop)
	if err != nil || rules != (dpcoop.VotingRules{Proxies: true, ProxyCap: 3, PostalVotes: true}) {
		t.Fatalf("the rules stored: %+v %v", rules, err)
	}

	g := newBrowser(t, r)
	g.signIn("gwen")
	g.do(http.MethodGet, "/member", nil)
	for _, p := range []string{"/admin/motions", motion, "/admin/motions/rules"} {
		resp, page = g.do(http.MethodGet, p, nil)
		want(t, resp, page, http.StatusForbidden, "")
	}
	resp, page = g.post(motion+"/close", url.Values{"confirm": {"yes"}})
	want(t, resp, page, http.StatusForbidden, "")
}
