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
