package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// TestActivityPagesInWelsh: Gwen (Welsh) reads an activity in Welsh, says
// she is coming and the count goes up; she makes her calendar address,
// which the feed answers to; Catrin, a PA, sees the count but not who, and
// cannot answer. No page has the catalogue's English.
func TestActivityPagesInWelsh(t *testing.T) {
	b := newBrowser(t, "webact")
	page := func(method, path string, form url.Values, status int) string {
		t.Helper()
		resp, p := b.do(method, path, form)
		if resp.StatusCode != status {
			t.Fatalf("%s %s: %d, want %d\n%s", method, path, resp.StatusCode, status, p)
		}
		if status == http.StatusOK {
			welshOnly(t, method+" "+path, p)
		}
		return p
	}
	ctx, now := t.Context(), testclock.Now()
	admin := dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoAdmin, Roles: []dpcoop.Role{dpcoop.RoleAdmin}}
	a, err := b.stack.Services.Activities.Create(ctx, admin, dpcoop.ActivityInput{TitleEN: "Beach day", TitleCY: "Diwrnod ar y traeth",
		DescriptionEN: "A day by the sea.", DescriptionCY: "Diwrnod ger y môr.", Start: now.Add(72 * time.Hour).Format(time.RFC3339),
		End: now.Add(75 * time.Hour).Format(time.RFC3339), Place: "Ynys y Barri"}, dpcoop.DerivedID("activity", "webact"), now)
	if err != nil {
		t.Fatal(err)
	}

	b.signIn("cy", "gwen@demo.coop.example")
	p := page(http.MethodGet, "/activities", nil, http.StatusOK)
	if !strings.Contains(p, "Diwrnod ar y traeth") || strings.Contains(p, "Beach day") || !strings.Contains(p, "Dydych chi ddim wedi dweud") {
		t.Fatalf("Gwen's list:\n%s", p)
	}
	page(http.MethodPost, "/activities/"+a.ID+"/answer", url.Values{"coming": {"yes"}}, http.StatusSeeOther)
	p = page(http.MethodGet, "/activities?done=answered", nil, http.StatusOK)
	if !strings.Contains(p, "Rydych chi&#39;n dod.") || !strings.Contains(p, `<dd class="govuk-summary-list__value">1</dd>`) {
		t.Fatalf("after saying yes:\n%s", p)
	}
	p = page(http.MethodPost, "/activities/feed", url.Values{}, http.StatusOK)
	feed := regexp.MustCompile(`/calendar/([a-z2-7]+)`).FindStringSubmatch(p)
	if feed == nil {
		t.Fatalf("no feed address:\n%s", p)
	}
	ics, err := b.stack.Services.Activities.Feed(ctx, local.DemoCoop, feed[1], now)
	if err != nil || !strings.Contains(string(ics), "SUMMARY:Diwrnod ar y traeth") {
		t.Fatalf("feed: %v\n%s", err, ics)
	}

	b.signIn("cy", "catrin@demo.coop.example")
	p = page(http.MethodGet, "/activities", nil, http.StatusOK)
	if !strings.Contains(p, `<dd class="govuk-summary-list__value">1</dd>`) || strings.Contains(p, "Gwen") {
		t.Fatalf("Catrin's list:\n%s", p)
	}
	page(http.MethodPost, "/activities/"+a.ID+"/answer", url.Values{"coming": {"yes"}}, http.StatusForbidden)
	page(http.MethodGet, "/admin/activities", nil, http.StatusForbidden)

	// The Welsh admin sees who is coming, adds one (errors first, in
	// Welsh, nothing written), and cancelling asks to confirm first.
	b.signIn("cy", "admin@demo.coop.example")
	if p := page(http.MethodGet, "/admin/activities", nil, http.StatusOK); !strings.Contains(p, "Gwen") {
		t.Fatalf("the admins do not see who is coming:\n%s", p)
	}
	form := page(http.MethodGet, "/admin/activities/new", nil, http.StatusOK)
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(form)[1]
	resp, p := b.do(http.MethodPost, "/admin/activities/new", url.Values{"key": {key}, "title_cy": {"Cwis"}, "cost_pence": {"500"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(p, "govuk-error-summary") {
		t.Fatalf("a bad activity: %d\n%s", resp.StatusCode, p)
	}
	welshOnly(t, "new activity error", p)
	if all, _ := b.stack.Store.Activities(ctx, local.DemoCoop); len(all) != 1 {
		t.Fatalf("%d activities after a refused form", len(all))
	}
	good := url.Values{"key": {key}, "title_cy": {"Cwis"}, "title_en": {"Quiz"}, "description_cy": {"Cwis yn y caffi."}, "description_en": {"A quiz in the cafe."}, "place": {"Caffi"}}
	for f, at := range map[string]time.Time{"starts_at": now.Add(96 * time.Hour), "ends_at": now.Add(98 * time.Hour)} {
		at = at.In(dpcoop.London)
		for part, layout := range map[string]string{"day": "2", "month": "1", "year": "2006", "hour": "15", "minute": "4"} {
			good.Set(f+"-"+part, at.Format(layout))
		}
	}
	page(http.MethodPost, "/admin/activities/new", good, http.StatusSeeOther)
	page(http.MethodPost, "/admin/activities/new", good, http.StatusSeeOther) // sent twice
	if all, _ := b.stack.Store.Activities(ctx, local.DemoCoop); len(all) != 2 {
		t.Fatalf("%d activities after the form sent twice", len(all))
	}
	page(http.MethodPost, "/admin/activities/"+a.ID+"/cancel", url.Values{}, http.StatusOK)
	if got, _ := b.stack.Store.Activity(ctx, local.DemoCoop, a.ID); got.Cancelled {
		t.Fatal("cancelled without confirming")
	}
	page(http.MethodPost, "/admin/activities/"+a.ID+"/cancel", url.Values{"confirm": {"yes"}}, http.StatusSeeOther)
	if got, _ := b.stack.Store.Activity(ctx, local.DemoCoop, a.ID); !got.Cancelled {
		t.Fatal("not cancelled")
	}
}
