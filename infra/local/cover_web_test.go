package local_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

var rotaLink = regexp.MustCompile(`href="/rota/([a-z2-7]{20})"`)

// TestPagesCoverWhenAPAIsAway: Gwen plans tomorrow morning with Catrin
// through her pages (an empty form first: the error summary, nothing
// planned); Catrin says she cannot do it, with a reason; Tom says he is
// willing to cover; Gwen sees Tom offered as willing to cover, never
// Catrin's reason, and asks him; the admin's dashboard lists the shift;
// Tom accepts it. Rhys (another member) cannot open it, and cancelling
// does nothing without the confirm page's yes.
func TestPagesCoverWhenAPAIsAway(t *testing.T) {
	r, c := startPages(t)
	ctx := context.Background()
	planned := func() []dpcoop.PlannedShift {
		t.Helper()
		ps, err := r.stack.Store.PlannedShifts(ctx, local.DemoCoop, c.now())
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}
	tomorrow := dpcoop.DateOf(c.now()).AddDays(1).Time()

	gwen := newBrowser(t, r)
	gwen.signIn("gwen")
	resp, page := gwen.do(http.MethodGet, "/member/rota", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "Gwen's rota", page, "Catrin Jones", `action="/member/rota"`)
	resp, page = gwen.post("/member/rota", url.Values{"pa_id": {local.DemoID("catrin")}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "an empty plan", page, "govuk-error-summary", `href="#planform-date-day"`, `href="#planform-start"`)
	if len(planned()) != 0 {
		t.Fatal("an invalid plan was stored")
	}
	resp, page = gwen.post("/member/rota", dateFields(url.Values{"pa_id": {local.DemoID("catrin")}, "start": {"09:00"}, "end": {"13:00"}}, "date", tomorrow))
	want(t, resp, page, http.StatusSeeOther, "/member/rota?done=planned")
	ps := planned()
	if len(ps) != 1 || ps[0].PA != local.DemoID("catrin") || !ps[0].For(local.DemoID("gwen")) {
		t.Fatalf("planned: %+v", ps)
	}
	id := ps[0].ID

	catrin := newBrowser(t, r)
	catrin.signIn("catrin")
	resp, page = catrin.do(http.MethodGet, "/pa/rota", nil)
	want(t, resp, page, http.StatusOK, "")
	if m := rotaLink.FindStringSubmatch(page); m == nil || m[1] != id {
		t.Fatalf("Catrin's rota has no link to the shift:\n%s", page)
	}
	catrin.do(http.MethodGet, "/rota/"+id, nil)
	resp, page = catrin.post("/rota/"+id+"/cannot", url.Values{"reason": {"dentist appointment"}})
	want(t, resp, page, http.StatusSeeOther, "/rota/"+id+"?done=cannot")

	tom := newBrowser(t, r)
	tom.signIn("tom")
	tom.do(http.MethodGet, "/pa/rota", nil)
	resp, page = tom.post("/pa/rota/willing", url.Values{})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "no answer", page, "govuk-error-summary", `href="#willingform-willing"`)
	resp, page = tom.post("/pa/rota/willing", url.Values{"willing": {"yes"}})
	want(t, resp, page, http.StatusSeeOther, "/pa/rota?done=willing")
	if w, err := r.stack.Store.WillingToCover(ctx, local.DemoCoop); err != nil || !w[local.DemoID("tom")] {
		t.Fatalf("Tom's willingness: %v %v", w, err)
	}

	resp, page = gwen.do(http.MethodGet, "/rota/"+id, nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "Gwen's shift needing cover", page, "Angen rhywun i gyflenwi", "Tom", "Yn fodlon cyflenwi", `action="/rota/`+id+`/ask"`)
	if strings.Contains(page, "dentist") || strings.Contains(page, "Evans") {
		t.Errorf("Gwen sees Catrin's reason or Tom's surname:\n%s", page)
	}
	resp, page = gwen.post("/rota/"+id+"/ask", url.Values{"pa_ids": {local.DemoID("tom")}})
	want(t, resp, page, http.StatusSeeOther, "/rota/"+id+"?done=asked")

	admin := newBrowser(t, r)
	admin.signIn("admin")
	resp, page = admin.do(http.MethodGet, "/admin", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the dashboard", page, "Shifftiau sydd angen rhywun i gyflenwi", `href="/rota/`+id+`"`)
	resp, page = admin.do(http.MethodGet, "/rota/"+id, nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the admin's page of the shift", page, "dentist appointment")

	rhys := newBrowser(t, r)
	rhys.signIn("rhys")
	resp, _ = rhys.do(http.MethodGet, "/rota/"+id, nil)
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("Rhys opened Gwen's shift: %d", resp.StatusCode)
	}

	resp, page = tom.do(http.MethodGet, "/rota/"+id, nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "Tom's request", page, `action="/rota/`+id+`/accept"`, "Catrin")
	if strings.Contains(page, "dentist") {
		t.Errorf("Tom sees Catrin's reason:\n%s", page)
	}
	resp, page = tom.post("/rota/"+id+"/accept", url.Values{})
	want(t, resp, page, http.StatusSeeOther, "/rota/"+id+"?done=accepted")
	if ps := planned(); ps[0].CoveredBy != local.DemoID("tom") {
		t.Fatalf("not covered by Tom: %+v", ps[0])
	}

	gwen.do(http.MethodGet, "/rota/"+id, nil)
	resp, page = gwen.post("/rota/"+id+"/cancel", url.Values{})
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the confirm page", page, `name="confirm"`)
	if ps := planned(); !ps[0].Open() {
		t.Fatal("cancelled without confirming")
	}
}
