package local_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// whenForm is a date and time input's answers for field: t in Wales.
func whenForm(form url.Values, field string, t time.Time) url.Values {
	t = t.In(dpcoop.London)
	for part, layout := range map[string]string{"day": "2", "month": "1", "year": "2006", "hour": "15", "minute": "04"} {
		form.Set(field+"-"+part, t.Format(layout))
	}
	return form
}

// TestPagesAdminRunsAnActivity: through the pages, the admin adds an
// activity with its date and time inputs and a cost for a pool, changes it
// (a refused change writes nothing), and once it is over makes Catrin's
// shared shift (a draft of hers for Gwen, who said she is coming; Tom, who
// does not work for Gwen, is refused) and charges its cost through the
// confirm page: nothing without confirming, one spending however often it
// is confirmed. A PA is refused every admin page.
func TestPagesAdminRunsAnActivity(t *testing.T) {
	r, c := startPages(t)
	ctx := context.Background()
	svc := r.stack.Services
	start := c.now()
	month := start.In(dpcoop.London).Format("2006-01")
	pool, err := svc.Accounts.AddPool(ctx, adminPrincipal, dpcoop.PoolInput{NameEN: "Sunday club", NameCY: "Clwb dydd Sul", PurposeEN: "Outings",
		PurposeCY: "Teithiau", Rule: string(dpcoop.RuleEqualShare), SpendingLimit: 10000}, func(dpcoop.Pool) (string, error) { return dpcoop.DerivedID("pool", "actpages"), nil }, start)
	if err != nil {
		t.Fatal(err)
	}
	gwen := local.DemoID("gwen")
	for _, m := range []string{gwen, local.DemoID("sian")} {
		if _, err := svc.Accounts.Join(ctx, adminPrincipal, pool.ID, dpcoop.JoinPoolInput{Member: m, Consent: true, Joined: month + "-01"}, start); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.Accounts.Post(ctx, adminPrincipal, gwen, dpcoop.CouncilPayment{Amount: 50000, Date: month + "-01", Council: "cardiff",
		PeriodFrom: month + "-01", PeriodTo: month + "-28"}, func(dpcoop.Entry) (string, error) { return dpcoop.DerivedID("pay", "actpages"), nil }, start); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, r)
	b.signIn("admin")
	_, page := b.do(http.MethodGet, "/admin/activities/new?lang=en", nil)
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(page)[1]
	form := func() url.Values {
		f := url.Values{"key": {key}, "title_cy": {"Taith gerdded"}, "title_en": {"Walk"}, "description_cy": {"Taith fer."}, "description_en": {"A short walk."},
			"place": {"Parc y Rhath"}, "cost_pence": {"20.01"}, "pool_id": {pool.ID}}
		return whenForm(whenForm(f, "starts_at", start.Add(time.Hour)), "ends_at", start.Add(3*time.Hour))
	}
	resp, page := b.post("/admin/activities/new", form())
	want(t, resp, page, http.StatusSeeOther, "/admin/activities?done=added")
	all, err := r.stack.Store.Activities(ctx, local.DemoCoop)
	if err != nil || len(all) != 1 || all[0].CostPence != 2001 || !all[0].Start.Equal(start.Add(time.Hour).Truncate(time.Minute)) {
		t.Fatalf("the activity added: %v %+v", err, all)
	}
	a := all[0]
	one := "/admin/activities/" + a.ID

	// A change refused (the end before the start) writes nothing; a good
	// one is kept.
	_, page = b.do(http.MethodGet, one+"/edit", nil)
	bad := whenForm(form(), "ends_at", start)
	resp, page = b.post(one+"/edit", bad)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a refused change", page, "govuk-error-summary", `href="#newact-ends_at-day"`, "It must end after it starts")
	if got, _ := r.stack.Store.Activity(ctx, local.DemoCoop, a.ID); got.Version != a.Version || !got.End.Equal(a.End) {
		t.Fatalf("a refused change wrote %+v", got)
	}
	good := form()
	good.Set("place", "Parc Bute")
	resp, page = b.post(one+"/edit", good)
	want(t, resp, page, http.StatusSeeOther, one+"?done=changed")
	if got, _ := r.stack.Store.Activity(ctx, local.DemoCoop, a.ID); got.Place != "Parc Bute" || got.CostPence != 2001 {
		t.Fatalf("changed: %+v", got)
	}

	g := newBrowser(t, r)
	g.signIn("gwen")
	g.do(http.MethodGet, "/activities", nil)
	resp, page = g.post("/activities/"+a.ID+"/answer", url.Values{"coming": {"yes"}})
	want(t, resp, page, http.StatusSeeOther, "")
	for _, path := range []string{one, one + "/edit", one + "/shift"} {
		resp, page = g.do(http.MethodGet, path, nil)
		want(t, resp, page, http.StatusForbidden, "")
	}

	// After the day.
	c.add(5 * time.Hour)
	b = newBrowser(t, r)
	b.signIn("admin")
	p := newBrowser(t, r)
	p.signIn("tom")
	p.do(http.MethodGet, "/pa", nil)
	for _, path := range []string{one + "/shift", one + "/charge"} {
		resp, page = p.post(path, url.Values{"pa_id": {local.DemoID("tom")}, "confirm": {"yes"}})
		want(t, resp, page, http.StatusForbidden, "")
	}
	_, page = b.do(http.MethodGet, one+"/shift?lang=en", nil)
	pageHas(t, "the shift form", page, "Catrin Jones", "Tom Evans", "Make the shift")
	resp, page = b.post(one+"/shift", url.Values{"pa_id": {local.DemoID("tom")}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "Tom refused", page, "govuk-error-summary", "This PA does not work for every member coming")
	for range 2 {
		resp, page = b.post(one+"/shift", url.Values{"pa_id": {local.DemoID("catrin")}})
		want(t, resp, page, http.StatusSeeOther, one+"?done=shift&pa="+local.DemoID("catrin"))
	}
	sh, err := svc.Timesheets.Shift(ctx, adminPrincipal, dpcoop.DerivedID("activity-shift", a.ID, local.DemoID("catrin")))
	if err != nil || sh.Status != dpcoop.ShiftDraft || sh.Pool != pool.ID || len(sh.Members) != 1 || sh.Members[0].Member != gwen {
		t.Fatalf("Catrin's shift: %v %+v", err, sh)
	}

	resp, page = b.post(one+"/charge", url.Values{})
	want(t, resp, page, http.StatusOK, "")
	// The pool shares equally: the two parts (in the pool's order of
	// members) sum to the cost exactly.
	pageHas(t, "the charge's confirm page", page, "£20.01 will be charged to the Sunday club pool.", `name="confirm" value="yes"`,
		"Gwen Morgan: £10.0", "Siân Hughes: £10.0", ": £10.01", ": £10.00")
	if got, _ := r.stack.Store.Activity(ctx, local.DemoCoop, a.ID); got.Spending != "" {
		t.Fatal("charged without confirming")
	}
	for range 2 {
		resp, page = b.post(one+"/charge", url.Values{"confirm": {"yes"}})
		want(t, resp, page, http.StatusSeeOther, one+"?done=charged")
	}
	spent, err := svc.Accounts.Spendings(ctx, adminPrincipal, pool.ID)
	if err != nil || len(spent) != 1 || spent[0].Amount != 2001 {
		t.Fatalf("spendings after charging twice: %v %+v", err, spent)
	}
	_, page = b.do(http.MethodGet, one+"?done=charged", nil)
	pageHas(t, "the charged activity", page, "£20.01 is charged to the Sunday club pool.", "Cost charged", "How the cost is shared", "£10.01", "£10.00")
}
