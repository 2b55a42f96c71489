package local_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestPagesMatching: Gwen shares her preferences through the pages (a
// value without agreement shows the error summary and changes nothing),
// Catrin her profile; Gwen sees Catrin with reasons in words; Rhys, another
// member, sees nothing of Gwen's and is refused her admin pages; Catrin sees
// Gwen's need without her name and offers; the admin reads the offer with
// the way on to an employment; withdrawing everything waits for the confirm
// page, then deletes the item.
func TestPagesMatching(t *testing.T) {
	r, clock := startPages(t)
	gwen, catrin := local.DemoID("gwen"), local.DemoID("catrin")
	stored := func(member bool, person string) (dpcoop.MatchProfile, bool) {
		p, err := r.stack.Store.MatchProfile(t.Context(), local.DemoCoop, member, person)
		if err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound) {
			t.Fatal(err)
		}
		return p, err == nil
	}

	g := newBrowser(t, r)
	g.signIn("gwen")
	resp, page := g.do(http.MethodGet, "/member/preferences?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the preferences form", page, "I agree to share this: Faith", "Only you and the co-op's staff see this.", "I must have this")
	prefs := url.Values{"consent": {"languages", "faith", "support", "times"}, "must": {"languages"}, "languages": {"cy"},
		"faith": {"christian_catholic"}, "support": {"personal_care"}, "times": {"tue-morning"}}
	resp, page = g.post("/member/preferences", prefs)
	want(t, resp, page, http.StatusSeeOther, "/member/preferences?done=saved")
	if p, ok := stored(true, gwen); !ok || len(p.Faith) != 1 || len(p.Must) != 1 {
		t.Fatalf("Gwen's preferences: %+v", p)
	}
	// A value she did not agree to share: the error summary, nothing changed.
	resp, page = g.post("/member/preferences", url.Values{"consent": {"languages"}, "languages": {"cy"}, "gender": {"woman"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "the refused form", page, "govuk-error-summary", `href="#match-gender"`)
	if p, _ := stored(true, gwen); len(p.Faith) != 1 || len(p.Gender) != 0 {
		t.Fatalf("a refused form changed the preferences: %+v", p)
	}

	c := newBrowser(t, r)
	c.signIn("catrin")
	c.do(http.MethodGet, "/pa/profile", nil)
	resp, page = c.post("/pa/profile", url.Values{"consent": {"languages", "faith", "support", "times"}, "languages": {"cy", "en"},
		"faith": {"christian_catholic"}, "support": {"personal_care", "going_out"}, "times": {"tue-morning"}})
	want(t, resp, page, http.StatusSeeOther, "/pa/profile?done=saved")

	resp, page = g.do(http.MethodGet, "/member/matches?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "Gwen's matches", page, "Catrin", "speaks Welsh", "shares your faith: Catholic", "can help with: Personal care", "free on Tuesday morning")
	if strings.Contains(page, "Jones") {
		t.Errorf("a member sees more than a PA's first name:\n%s", page)
	}

	rh := newBrowser(t, r)
	rh.signIn("rhys")
	for _, p := range []string{"/member/preferences?lang=en", "/member/matches?lang=en"} {
		resp, page = rh.do(http.MethodGet, p, nil)
		want(t, resp, page, http.StatusOK, "")
		if strings.Contains(page, "checked") || strings.Contains(page, "Catrin") {
			t.Errorf("%s shows Rhys someone else's choices:\n%s", p, page)
		}
	}
	for _, p := range []string{"/admin/members/" + gwen + "/preferences", "/admin/members/" + gwen + "/matches", "/admin/offers"} {
		resp, page = rh.do(http.MethodGet, p, nil)
		want(t, resp, page, http.StatusForbidden, "")
	}

	resp, page = c.do(http.MethodGet, "/pa/needs?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "Catrin's needs", page, "Someone", "who wants help with: Personal care", "at these times: Tuesday morning", "who speaks: Welsh")
	for _, secret := range []string{"Gwen", gwen, "Catholic", "christian_catholic"} {
		if strings.Contains(page, secret) {
			t.Errorf("a PA's needs page shows %q:\n%s", secret, page)
		}
	}
	p, _ := stored(true, gwen)
	resp, page = c.post("/pa/needs/"+p.Need+"/offer", url.Values{})
	want(t, resp, page, http.StatusSeeOther, "/pa/needs?done=offered")

	a := newBrowser(t, r)
	a.signIn("admin")
	resp, page = a.do(http.MethodGet, "/admin/offers?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the offers", page, "Catrin Jones", "Gwen Morgan", "/admin/pas/"+catrin+"/employments/new")
	resp, page = a.do(http.MethodGet, "/admin/members/"+gwen+"/matches?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the admin's matches for Gwen", page, "Catrin", "speaks Welsh")
	// The admin changes Gwen's preferences with her: stored, and in the trail.
	a.do(http.MethodGet, "/admin/members/"+gwen+"/preferences", nil)
	prefs.Set("area", "Caerdydd")
	prefs.Add("consent", "area")
	resp, page = a.post("/admin/members/"+gwen+"/preferences", prefs)
	want(t, resp, page, http.StatusSeeOther, "/admin/members/"+gwen+"/preferences?done=saved")
	if p, _ := stored(true, gwen); p.Area != "Caerdydd" {
		t.Fatalf("the admin's change: %+v", p)
	}
	trail, err := r.stack.Store.AuditTrail(t.Context(), local.DemoCoop, clock.now().UTC().Format(dpcoop.MonthLayout), dpcoop.PageRequest{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(trail.Items, func(e dpcoop.AuditEntry) bool {
		return e.Action == "POST /admin/members/{id}/preferences" && e.Person == local.DemoAdmin && e.Target["id"] == gwen
	}) {
		t.Errorf("the admin's change is not in the trail: %+v", trail.Items)
	}

	resp, page = g.post("/member/preferences/withdraw", url.Values{})
	want(t, resp, page, http.StatusOK, "")
	if _, ok := stored(true, gwen); !ok {
		t.Fatal("withdrawn without confirming")
	}
	resp, page = g.post("/member/preferences/withdraw", url.Values{"confirm": {"yes"}})
	want(t, resp, page, http.StatusSeeOther, "/member/preferences?done=withdrawn")
	if _, ok := stored(true, gwen); ok {
		t.Fatal("withdrawn preferences are still stored")
	}
}
