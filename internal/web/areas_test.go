package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/web"
)

// TestCoopAreasOnThePages: the admin sets the co-op's areas on the
// settings' areas page (a line without its English name shows the error
// summary and keeps nothing; renaming one name keeps the area's id); the
// PA's profile then offers the areas as boxes to tick, several at once, and
// the member's preferences as one to choose, in the reader's language; a
// member's area written before the list shows what she wrote; and Gwen's
// matches give the area's name as the reason in Welsh and in English.
func TestCoopAreasOnThePages(t *testing.T) {
	b := newBrowser(t, "webareas")
	post := func(path string, form url.Values, status int) string {
		t.Helper()
		b.do(http.MethodGet, path, nil)
		resp, p := b.do(http.MethodPost, path, form)
		if resp.StatusCode != status {
			t.Fatalf("%s: %d, want %d\n%s", path, resp.StatusCode, status, p)
		}
		return p
	}
	words := func(path string) string {
		t.Helper()
		_, p := b.do(http.MethodGet, path, nil)
		return html.UnescapeString(tags.ReplaceAllString(p, " "))
	}
	b.signIn("en", "gwen@demo.coop.example")
	post("/member/preferences", url.Values{"consent": {"area"}, "area": {"Llandudno"}}, http.StatusSeeOther)

	b.signIn("en", "admin@demo.coop.example")
	if p := post("/admin/settings/areas", url.Values{"areas": {"Caerdydd | Cardiff\nAbertawe"}}, http.StatusBadRequest); !strings.Contains(p, "govuk-error-summary") || !strings.Contains(p, `href="#areas-areas"`) {
		t.Fatalf("a line without its English name:\n%s", p)
	}
	if a, _ := b.stack.Services.Matching.Areas(t.Context(), dpcoop.Principal{Coop: local.DemoCoop}); len(a.Areas) != 0 {
		t.Fatalf("a refused list was kept: %+v", a)
	}
	post("/admin/settings/areas", url.Values{"areas": {"Caerdydd | Cardiff\nAbertawe | Swansea\n\n"}}, http.StatusSeeOther)
	post("/admin/settings/areas", url.Values{"areas": {"Caerdydd | Cardiff city\nAbertawe | Swansea"}}, http.StatusSeeOther)
	a, err := b.stack.Services.Matching.Areas(t.Context(), dpcoop.Principal{Coop: local.DemoCoop})
	if err != nil || len(a.Areas) != 2 || a.Areas[0] != (dpcoop.Area{ID: "cardiff", CY: "Caerdydd", EN: "Cardiff city"}) {
		t.Fatalf("the list after renaming Cardiff: %+v %v", a, err)
	}

	b.signIn("en", "catrin@demo.coop.example")
	if p := words("/pa/profile?lang=cy"); !strings.Contains(p, "Caerdydd") || !strings.Contains(p, "Abertawe") {
		t.Errorf("the PA's form does not offer the areas in Welsh:\n%s", p)
	}
	post("/pa/profile", url.Values{"consent": {"area"}, "area": {"cardiff", "swansea"}}, http.StatusSeeOther)

	b.signIn("en", "gwen@demo.coop.example")
	_, form := b.do(http.MethodGet, "/member/preferences?lang=en", nil)
	if !strings.Contains(form, `type="radio" value="cardiff"`) || !strings.Contains(form, "Cardiff city") || !strings.Contains(form, web.T(dpcoop.English, "match.area.words", "words", "Llandudno")) {
		t.Errorf("Gwen's form does not offer one area, or lost what she wrote:\n%s", form)
	}
	if p := post("/member/preferences", url.Values{"consent": {"area"}, "area": {"cardiff", "swansea"}}, http.StatusBadRequest); !strings.Contains(p, "govuk-error-summary") {
		t.Errorf("two areas for a member:\n%s", p)
	}
	post("/member/preferences", url.Values{"consent": {"area"}, "must": {"area"}, "area": {"cardiff"}}, http.StatusSeeOther)
	for l, want := range map[dpcoop.Lang]string{dpcoop.Welsh: "Caerdydd", dpcoop.English: "Cardiff city"} {
		if p := words("/member/matches?lang=" + string(l)); !strings.Contains(p, web.T(l, "match.reason.area", "item", want)) {
			t.Errorf("Gwen's matches in %s do not give the area's name:\n%s", l, p)
		}
	}
}
