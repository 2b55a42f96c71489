package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// TestAdminActivityPages: the Welsh admin changes an activity through its
// date and time inputs (empty and impossible answers give the error summary
// in Welsh and change nothing), makes a PA's shared shift from it once it
// is over (a PA who does not work for the member coming, and one whose
// shift would overlap, are refused in Welsh) and charges its cost to its
// pool through the confirm page (twice is one charge). Every page reads in
// Welsh without the catalogue's English, and in English; a member is
// refused.
func TestAdminActivityPages(t *testing.T) {
	var clock atomic.Int64
	start := testclock.Now()
	clock.Store(start.UnixNano())
	b := newBrowser(t, "webadminact", func(o *local.Options) { o.Now = func() time.Time { return time.Unix(0, clock.Load()) } })
	page := func(method, path string, form url.Values, status int) string {
		t.Helper()
		resp, p := b.do(method, path, form)
		if resp.StatusCode != status {
			t.Fatalf("%s %s: %d, want %d\n%s", method, path, resp.StatusCode, status, p)
		}
		if resp.StatusCode < 300 && !strings.Contains(path, "lang=en") {
			welshOnly(t, method+" "+path, p)
		}
		return p
	}
	errorPage := func(what, path string, form url.Values, wants ...string) string {
		t.Helper()
		p := page(http.MethodPost, path, form, http.StatusBadRequest)
		if !strings.Contains(p, "govuk-error-summary") {
			t.Fatalf("%s: no error summary\n%s", what, p)
		}
		welshOnly(t, what, p)
		for _, w := range wants {
			if !strings.Contains(p, w) {
				t.Errorf("%s lacks %q\n%s", what, w, p)
			}
		}
		return p
	}
	ctx := t.Context()
	admin := dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoAdmin, Roles: []dpcoop.Role{dpcoop.RoleAdmin}}
	gwen := dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoID("gwen"), Roles: []dpcoop.Role{dpcoop.RoleMember}}
	svc := b.stack.Services

	pool, err := svc.Accounts.AddPool(ctx, admin, dpcoop.PoolInput{NameEN: "Sunday club", NameCY: "Clwb dydd Sul", PurposeEN: "Outings",
		PurposeCY: "Teithiau", Rule: string(dpcoop.RuleEqualShare), SpendingLimit: 10000}, func(dpcoop.Pool) (string, error) { return dpcoop.DerivedID("pool", "webadminact"), nil }, start)
	if err != nil {
		t.Fatal(err)
	}
	month := start.In(dpcoop.London).Format("2006-01")
	if _, err := svc.Accounts.Join(ctx, admin, pool.ID, dpcoop.JoinPoolInput{Member: gwen.Person, Consent: true, Joined: month + "-01"}, start); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Accounts.Post(ctx, admin, gwen.Person, dpcoop.CouncilPayment{Amount: 50000, Date: month + "-01", Council: "cardiff",
		PeriodFrom: month + "-01", PeriodTo: month + "-28"}, func(dpcoop.Entry) (string, error) { return dpcoop.DerivedID("pay", "webadminact"), nil }, start); err != nil {
		t.Fatal(err)
	}
	at := func(d time.Duration) string { return start.Add(d).Format(time.RFC3339) }
	in := dpcoop.ActivityInput{TitleEN: "Beach day", TitleCY: "Diwrnod ar y traeth", DescriptionEN: "A day by the sea.", DescriptionCY: "Diwrnod ger y môr.",
		Start: at(time.Hour), End: at(3 * time.Hour), Place: "Ynys y Barri", CostPence: 1250, Pool: pool.ID}
	a, err := svc.Activities.Create(ctx, admin, in, dpcoop.DerivedID("activity", "webadminact1"), start)
	if err != nil {
		t.Fatal(err)
	}
	in.TitleEN, in.TitleCY = "Quiz", "Cwis"
	clash, err := svc.Activities.Create(ctx, admin, in, dpcoop.DerivedID("activity", "webadminact2"), start)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{a.ID, clash.ID} {
		if _, err := svc.Activities.Answer(ctx, gwen, id, true, start); err != nil {
			t.Fatal(err)
		}
	}
	one := "/admin/activities/" + a.ID

	b.signIn("cy", "admin@demo.coop.example")
	for _, path := range []string{"/admin/activities", one, one + "/edit", one + "/shift", "/admin/activities/new"} {
		page(http.MethodGet, path, nil, http.StatusOK)
		if en := page(http.MethodGet, path+"?lang=en", nil, http.StatusOK); !strings.Contains(en, `lang="en"`) {
			t.Fatalf("%s in English:\n%s", path, en)
		}
		page(http.MethodGet, path+"?lang=cy", nil, http.StatusOK)
	}
	edit := page(http.MethodGet, one+"/edit", nil, http.StatusOK)
	hour := start.Add(time.Hour).In(dpcoop.London).Format("15")
	for _, w := range []string{`name="starts_at-day"`, `name="starts_at-hour" type="text" inputmode="numeric" value="` + hour + `"`, `name="ends_at-minute"`, "Diwrnod ar y traeth", `value="12.5"`} {
		if !strings.Contains(edit, w) {
			t.Fatalf("the edit form lacks %q:\n%s", w, edit)
		}
	}

	// Changing it: empty, then impossible, then a good answer.
	errorPage("edit empty", one+"/edit", url.Values{}, `href="#newact-starts_at-day"`, "Rhowch y dyddiad a&#39;r amser y mae&#39;n dechrau", "Rhowch y teitl yn Gymraeg")
	s := start.Add(time.Hour).In(dpcoop.London)
	good := url.Values{"title_cy": {"Diwrnod ar lan y môr"}, "title_en": {"Seaside day"}, "description_cy": {"Diwrnod ger y môr."}, "description_en": {"A day by the sea."},
		"starts_at-day": {s.Format("2")}, "starts_at-month": {s.Format("1")}, "starts_at-year": {s.Format("2006")}, "starts_at-hour": {s.Format("15")}, "starts_at-minute": {"30"},
		"ends_at-day": {s.Format("2")}, "ends_at-month": {s.Format("1")}, "ends_at-year": {s.Format("2006")}, "ends_at-hour": {"25"}, "ends_at-minute": {"0"},
		"place": {"Ynys y Barri"}, "cost_pence": {"12.50"}, "pool_id": {pool.ID}}
	errorPage("edit impossible end", one+"/edit", good, `href="#newact-ends_at-day"`, "Rhowch ddyddiad ac amser go iawn iddo orffen")
	if got, _ := b.stack.Store.Activity(ctx, local.DemoCoop, a.ID); got.TitleEN != "Beach day" {
		t.Fatalf("a refused form changed the activity: %+v", got)
	}
	e := start.Add(3 * time.Hour).In(dpcoop.London)
	good.Set("ends_at-day", e.Format("2"))
	good.Set("ends_at-month", e.Format("1"))
	good.Set("ends_at-year", e.Format("2006"))
	good.Set("ends_at-hour", e.Format("15"))
	good.Set("ends_at-minute", e.Format("4"))
	page(http.MethodPost, one+"/edit", good, http.StatusSeeOther)
	got, _ := b.stack.Store.Activity(ctx, local.DemoCoop, a.ID)
	wantStart := time.Date(s.Year(), s.Month(), s.Day(), s.Hour(), 30, 0, 0, dpcoop.London)
	if got.TitleEN != "Seaside day" || !got.Start.Equal(wantStart) || !got.End.Equal(start.Add(3*time.Hour).Truncate(time.Minute)) {
		t.Fatalf("changed: %+v, want start %v", got, wantStart)
	}
	if p := page(http.MethodGet, one+"?done=changed", nil, http.StatusOK); !strings.Contains(p, "Mae&#39;r gweithgaredd wedi&#39;i newid.") || !strings.Contains(p, "Diwrnod ar lan y môr") {
		t.Fatalf("after the change:\n%s", p)
	}

	// Before it is over, no shift nor charge; the form sent empty is
	// refused.
	if p := page(http.MethodGet, one, nil, http.StatusOK); strings.Contains(p, `href="`+one+`/shift"`) || strings.Contains(p, `action="`+one+`/charge"`) {
		t.Fatalf("a shift link or charge button before the day:\n%s", p)
	}
	errorPage("shift empty", one+"/shift", url.Values{}, "Dewiswch PA")
	errorPage("shift too soon", one+"/shift", url.Values{"pa_id": {local.DemoID("catrin")}}, "Gallwch wneud y sifft ar ôl i&#39;r gweithgaredd orffen")
	errorPage("charge too soon", one+"/charge", url.Values{"confirm": {"yes"}}, `href="#activity-summary"`, `id="activity-summary"`)

	// After the day: Tom does not work for Gwen; Catrin's shift is made
	// (twice, one shift); the clashing activity's shift overlaps it.
	clock.Store(start.Add(5 * time.Hour).UnixNano())
	b.signIn("cy", "admin@demo.coop.example")
	if p := page(http.MethodGet, one, nil, http.StatusOK); !strings.Contains(p, `href="`+one+`/shift"`) || !strings.Contains(p, `action="`+one+`/charge"`) {
		t.Fatalf("no shift link or charge button after the day:\n%s", p)
	}
	if p := page(http.MethodGet, "/admin/activities", nil, http.StatusOK); !regexp.MustCompile(`(?s)Gweithgareddau sydd wedi bod.*href="` + one + `"`).MatchString(p) {
		t.Fatalf("the activity is not among the past ones:\n%s", p)
	}
	errorPage("shift not employed", one+"/shift", url.Values{"pa_id": {local.DemoID("tom")}}, "Dydy&#39;r PA hwn ddim yn gweithio i bob aelod", `href="#actshift-pa_id"`)
	for range 2 {
		resp, _ := b.do(http.MethodPost, one+"/shift", url.Values{"pa_id": {local.DemoID("catrin")}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != one+"?done=shift&pa="+local.DemoID("catrin") {
			t.Fatalf("making Catrin's shift: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	sh, err := svc.Timesheets.Shift(ctx, admin, dpcoop.DerivedID("activity-shift", a.ID, local.DemoID("catrin")))
	if err != nil || sh.Status != dpcoop.ShiftDraft || sh.Pool != pool.ID || sh.PA != local.DemoID("catrin") || len(sh.Members) != 1 {
		t.Fatalf("Catrin's shift: %v %+v", err, sh)
	}
	if p := page(http.MethodGet, one+"?done=shift&pa="+local.DemoID("catrin"), nil, http.StatusOK); !strings.Contains(p, "Catrin Jones") {
		t.Fatalf("where the shift went:\n%s", p)
	}
	errorPage("shift overlaps", "/admin/activities/"+clash.ID+"/shift", url.Values{"pa_id": {local.DemoID("catrin")}}, "sifft arall sy&#39;n gorgyffwrdd")

	// Charging: the confirm page first, then once however often.
	confirm := page(http.MethodPost, one+"/charge", url.Values{}, http.StatusOK)
	for _, w := range []string{"£12.50", "Clwb dydd Sul", `name="confirm" value="yes"`, "Gwen Morgan: £12.50"} {
		if !strings.Contains(confirm, w) {
			t.Fatalf("the charge's confirm page lacks %q:\n%s", w, confirm)
		}
	}
	if got, _ := b.stack.Store.Activity(ctx, local.DemoCoop, a.ID); got.Spending != "" {
		t.Fatal("charged without confirming")
	}
	for range 2 {
		page(http.MethodPost, one+"/charge", url.Values{"confirm": {"yes"}}, http.StatusSeeOther)
	}
	spent, err := svc.Accounts.Spendings(ctx, admin, pool.ID)
	if err != nil || len(spent) != 1 || spent[0].Amount != 1250 {
		t.Fatalf("spendings after charging twice: %v %+v", err, spent)
	}
	if p := page(http.MethodGet, one+"?done=charged", nil, http.StatusOK); !strings.Contains(p, "Mae £12.50 wedi&#39;i godi ar gronfa Clwb dydd Sul.") {
		t.Fatalf("after charging:\n%s", p)
	}
	if p := page(http.MethodGet, one+"?lang=en", nil, http.StatusOK); !strings.Contains(p, "Cost charged") || strings.Contains(p, "Charge the cost to the pool") {
		t.Fatalf("a charged activity in English:\n%s", p)
	}
	page(http.MethodGet, one+"?lang=cy", nil, http.StatusOK)

	// A member may not.
	b.signIn("cy", "gwen@demo.coop.example")
	page(http.MethodGet, one+"/edit", nil, http.StatusForbidden)
	page(http.MethodPost, one+"/charge", url.Values{"confirm": {"yes"}}, http.StatusForbidden)
	page(http.MethodPost, one+"/shift", url.Values{"pa_id": {local.DemoID("catrin")}}, http.StatusForbidden)
}
