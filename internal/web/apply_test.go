package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestNoEnglishOnTheWelshApplicationForm: the hosted form in Welsh, refused
// and accepted, and the page explaining a failed post, show none of the
// catalogue's English.
func TestNoEnglishOnTheWelshApplicationForm(t *testing.T) {
	b := newBrowser(t, "webapply")
	do := b.do
	check := func(what, page string) { t.Helper(); welshOnly(t, what, page) }
	_, page := do(http.MethodGet, "/c/demo/ymuno", nil)
	check("the form", page)
	nonce := regexp.MustCompile(`name="nonce" value="([^"]+)"`).FindStringSubmatch(page)[1]
	form := url.Values{"nonce": {nonce}, "kind": {"wrong"}, "name": {""}, "email": {"x"}, "phone": {"1"}, "address": {""}, "language": {""}, "support_needs": {strings.Repeat("a", 2001)}}
	_, page = do(http.MethodPost, "/c/demo/ymuno", form)
	check("every field refused", page)
	form = url.Values{"nonce": {nonce}, "kind": {"member"}, "name": {"Gwen Morgan"}, "email": {"gwen@example.org"}, "address": {"3 Heol y Bont"}, "language": {"cy"}}
	resp, _ := do(http.MethodPost, "/c/demo/ymuno", form)
	_, page = do(http.MethodGet, resp.Header.Get("Location"), nil)
	check("the confirmation", page)
	for _, code := range []string{"validation_failed&error=kind:required&error=name:required&error=email:invalid_email&error=address:required&error=language:invalid_language&error=phone:invalid_phone&error=redirect:not_on_origins",
		"rate_limited", "not_found", "internal_error", "idempotency_key_reused", "temporarily_unavailable"} {
		_, page = do(http.MethodGet, "/c/demo/ymuno/problem?code="+code, nil)
		check("the explanation of "+code, page)
	}
}

// TestHostedFormNamesTheCoop: the hosted form's pages name the co-op in the
// header, in the page's language, not the service's generic name.
func TestHostedFormNamesTheCoop(t *testing.T) {
	b := newBrowser(t, "webapplyname")
	header := regexp.MustCompile(`class="govuk-generic-header__homepage-link">([^<]*)<`)
	for path, want := range map[string]string{
		"/c/demo/ymuno":                        "Cwmni Cydweithredol a Gyfarwyddir gan Ddinasyddion (Demo)",
		"/c/demo/apply":                        "Demo Citizen Directed Co-op",
		"/c/demo/ymuno/diolch":                 "Cwmni Cydweithredol a Gyfarwyddir gan Ddinasyddion (Demo)",
		"/c/demo/apply/thank-you":              "Demo Citizen Directed Co-op",
		"/c/demo/ymuno/problem?code=not_found": "Cwmni Cydweithredol a Gyfarwyddir gan Ddinasyddion (Demo)",
		"/c/demo/apply/problem?code=not_found": "Demo Citizen Directed Co-op",
	} {
		_, page := b.do(http.MethodGet, path, nil)
		m := header.FindStringSubmatch(page)
		if m == nil || html.UnescapeString(m[1]) != want {
			t.Errorf("%s: the header says %q, want %q", path, m, want)
		}
	}
}
