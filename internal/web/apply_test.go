package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/turnstile"
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

// TestHostedFormChecksTurnstile: once the co-op set Turnstile with its site
// key, the hosted form shows the widget, lets Cloudflare's script and frame
// in on that page only, and checks the token on the server: no token (as
// without JavaScript) or a bad one is refused with the answers kept, a good
// one makes the application. Cloudflare is a stand-in passing "good".
func TestHostedFormChecksTurnstile(t *testing.T) {
	cloudflare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		_, _ = fmt.Fprintf(w, `{"success":%t}`, r.PostFormValue("secret") == "the-secret" && r.PostFormValue("response") == "good")
	}))
	defer cloudflare.Close()
	b := newBrowser(t, "webturnstile", func(o *local.Options) { o.HumanCheck = turnstile.New(cloudflare.URL) })
	admin := dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoAdmin, Roles: []dpcoop.Role{dpcoop.RoleAdmin}}

	resp, page := b.do(http.MethodGet, "/c/demo/apply", nil)
	if strings.Contains(page, "cf-turnstile") || strings.Contains(resp.Header.Get("Content-Security-Policy"), "cloudflare") {
		t.Fatal("the widget is on the form before the co-op set Turnstile")
	}
	if err := b.stack.Services.Signup.SetHumanCheck(t.Context(), admin, "the-secret", "the-site-key"); err != nil {
		t.Fatal(err)
	}
	resp, page = b.do(http.MethodGet, "/c/demo/apply", nil)
	if !strings.Contains(page, `data-sitekey="the-site-key"`) || !strings.Contains(page, `src="https://challenges.cloudflare.com/turnstile/v0/api.js"`) {
		t.Fatalf("no widget on the form:\n%s", page)
	}
	policy := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self' https://challenges.cloudflare.com;", "frame-src 'self' https://challenges.cloudflare.com;", "frame-ancestors 'none'"} {
		if !strings.Contains(policy, want) {
			t.Errorf("the form's policy %q lacks %q", policy, want)
		}
	}
	if resp, _ := b.do(http.MethodGet, "/sign-in", nil); strings.Contains(resp.Header.Get("Content-Security-Policy"), "cloudflare") {
		t.Error("another page lets Cloudflare in")
	}
	nonce := regexp.MustCompile(`name="nonce" value="([^"]+)"`).FindStringSubmatch(page)[1]
	form := func(token string) url.Values {
		v := url.Values{"nonce": {nonce}, "kind": {"member"}, "name": {"Ann Jones"}, "email": {"ann@example.org"}, "address": {"3 Heol y Bont"}, "language": {"en"}}
		if token != "" {
			v.Set("cf-turnstile-response", token)
		}
		return v
	}
	for _, token := range []string{"", "bad"} {
		resp, page := b.do(http.MethodPost, "/c/demo/apply", form(token))
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "We could not check that a person sent the form") ||
			!strings.Contains(page, `href="#apply-cf-turnstile-response"`) || !strings.Contains(page, `value="Ann Jones"`) {
			t.Errorf("token %q: %d, not refused with the answers kept:\n%s", token, resp.StatusCode, page)
		}
	}
	if resp, page := b.do(http.MethodPost, "/c/demo/apply", form("good")); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a good token: %d\n%s", resp.StatusCode, page)
	}
}
