package local_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

var nonceField = regexp.MustCompile(`name="nonce" value="([^"]+)"`)

// applications are the demo co-op's pending applications from email.
func applications(t *testing.T, r *running, email string) []dpcoop.Application {
	t.Helper()
	page, err := r.stack.Store.Applications(t.Context(), "demo", dpcoop.StatusPending, dpcoop.PageRequest{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []dpcoop.Application
	for _, a := range page.Items {
		if a.Email == email {
			out = append(out, a)
		}
	}
	return out
}

// openForm opens the hosted form and returns its nonce.
func openForm(b *browser, path string) string {
	b.t.Helper()
	resp, page := b.do(http.MethodGet, path, nil)
	want(b.t, resp, page, http.StatusOK, "")
	m := nonceField.FindStringSubmatch(page)
	if m == nil || b.cookies["dpcoop_apply"] == nil {
		b.t.Fatalf("the form has no nonce or set no cookie:\n%s", page)
	}
	return m[1]
}

func answers(nonce string) url.Values {
	return url.Values{"nonce": {nonce}, "kind": {"member"}, "name": {"Gwen Morgan"}, "email": {"gwen.hosted@example.org"},
		"address": {"3 Heol y Bont, Aberystwyth SY23 1AA"}, "language": {"cy"}, "consent_electronic": {"yes"}}
}

func TestHostedFormMakesOneApplicationWithAReference(t *testing.T) {
	r, _ := startPages(t)
	b := newBrowser(t, r)
	nonce := openForm(b, "/c/demo/apply")
	// A double click: both posts carry the cookie the form came with.
	kept := map[string]*http.Cookie{}
	for k, c := range b.cookies {
		kept[k] = c
	}
	resp, page := b.do(http.MethodPost, "/c/demo/apply", answers(nonce))
	b.cookies = kept
	again, againPage := b.do(http.MethodPost, "/c/demo/apply", answers(nonce))
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/c/demo/apply/thank-you?ref=") {
		t.Fatalf("%d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), page)
	}
	want(t, again, againPage, http.StatusSeeOther, resp.Header.Get("Location"))
	got := applications(t, r, "gwen.hosted@example.org")
	if len(got) != 1 || got[0].Name != "Gwen Morgan" || got[0].Language != dpcoop.Welsh || !got[0].ConsentElectronic || got[0].Kind != dpcoop.KindMember {
		t.Fatalf("want one application as answered: %+v", got)
	}
	ref := got[0].Reference
	if _, ok := dpcoop.ParseReference(ref); !ok || resp.Header.Get("Location") != "/c/demo/apply/thank-you?ref="+ref {
		t.Fatalf("reference %q, location %s", ref, resp.Header.Get("Location"))
	}
	resp, page = b.do(http.MethodGet, resp.Header.Get("Location"), nil)
	want(t, resp, page, http.StatusOK, "")
	for _, s := range []string{"govuk-panel--confirmation", ">" + ref + "<", "We have your application"} {
		if !strings.Contains(page, s) {
			t.Errorf("the confirmation should show %q:\n%s", s, page)
		}
	}
	// In Welsh, by the language switch, which keeps the reference.
	link := `href="/c/demo/apply/thank-you?ref=` + ref + `&amp;lang=cy"`
	if !strings.Contains(page, link) {
		t.Errorf("the language switch should link %s:\n%s", link, page)
	}
	resp, page = b.do(http.MethodGet, "/c/demo/apply/thank-you?ref="+ref+"&lang=cy", nil)
	want(t, resp, page, http.StatusSeeOther, "/c/demo/ymuno/diolch?ref="+ref)
	resp, page = b.do(http.MethodGet, "/c/demo/ymuno/diolch?ref="+ref, nil)
	if want(t, resp, page, http.StatusOK, ""); !strings.Contains(page, "Mae eich cais gyda ni") || !strings.Contains(page, `lang="cy"`) {
		t.Errorf("the Welsh confirmation:\n%s", page)
	}
}

func TestHostedFormKeepsTheAnswersAndSaysWhatToFix(t *testing.T) {
	r, _ := startPages(t)
	for _, c := range []struct{ path, address, email string }{
		{"/c/demo/apply", "Enter your postal address", "Enter your email address in the correct format, like name@example.com"},
		{"/c/demo/ymuno", "Rhowch eich cyfeiriad post", "Rhowch eich cyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com"},
	} {
		b := newBrowser(t, r)
		form := answers(openForm(b, c.path))
		form.Set("email", "gwen@")
		form.Set("address", " ")
		form.Set("support_needs", "kept <b>safe</b>")
		resp, page := b.do(http.MethodPost, c.path, form)
		want(t, resp, page, http.StatusBadRequest, "")
		for _, s := range []string{"govuk-error-summary", `href="#apply-address"`, `href="#apply-email"`, c.address, c.email,
			`id="apply-address-error"`, `value="gwen@"`, `value="Gwen Morgan"`, ">kept &lt;b&gt;safe&lt;/b&gt;</textarea>", `value="member" checked`} {
			if !strings.Contains(page, s) {
				t.Errorf("%s: the refused form should show %q:\n%s", c.path, s, page)
			}
		}
	}
	if got := applications(t, r, "gwen@"); len(got) != 0 {
		t.Fatalf("a refused application was stored: %+v", got)
	}
}

func TestHostedFormRefusesAPostWithoutItsNonce(t *testing.T) {
	r, _ := startPages(t)
	stranger := newBrowser(t, r) // never opened the form: no cookie
	resp, page := stranger.do(http.MethodPost, "/c/demo/apply", answers("made-up"))
	want(t, resp, page, http.StatusBadRequest, "")
	if !strings.Contains(page, "We could not send your application") || !strings.Contains(page, `value="Gwen Morgan"`) {
		t.Errorf("the form should come back with its answers and why:\n%s", page)
	}
	if got := applications(t, r, "gwen.hosted@example.org"); len(got) != 0 {
		t.Fatalf("a post without the form's nonce was stored: %+v", got)
	}
	// The page it came back with now works.
	m := nonceField.FindStringSubmatch(page)
	resp, page = stranger.do(http.MethodPost, "/c/demo/apply", answers(m[1]))
	want(t, resp, page, http.StatusSeeOther, "")
}

// TestSnippetPostWithAnErrorIsExplainedOnAPage: a co-op's own form posting
// to the API with an error gets a 303 to the service's page, which says, in
// the applicant's language, that nothing was sent and what to change.
func TestSnippetPostWithAnErrorIsExplainedOnAPage(t *testing.T) {
	r, _ := startPages(t)
	b := newBrowser(t, r)
	form := url.Values{"kind": {"pa"}, "name": {"Ann Jones"}, "email": {"ann.snippet@example.org"}, "language": {"en"}}
	resp, page := b.do(http.MethodPost, "/v1/public/coops/demo/applications", form)
	want(t, resp, page, http.StatusSeeOther, "/c/demo/apply/problem?code=validation_failed&error=address%3Arequired")
	if strings.Contains(resp.Header.Get("Content-Type"), "json") || page != "" {
		t.Fatalf("a form post was answered with a body: %q %s", resp.Header.Get("Content-Type"), page)
	}
	resp, page = b.do(http.MethodGet, resp.Header.Get("Location"), nil)
	want(t, resp, page, http.StatusOK, "")
	for _, s := range []string{"Your application has not been sent", "Enter your postal address", `href="/c/demo/apply"`} {
		if !strings.Contains(page, s) {
			t.Errorf("the explanation should show %q:\n%s", s, page)
		}
	}
	if strings.Contains(page, "sent.") || strings.Contains(page, "Application sent") {
		t.Errorf("the explanation must not say the form was sent:\n%s", page)
	}
	if link := `href="/c/demo/apply/problem?code=validation_failed&amp;error=address%3Arequired&amp;lang=cy"`; !strings.Contains(page, link) {
		t.Errorf("the language switch should link %s:\n%s", link, page)
	}
	resp, page = b.do(http.MethodGet, "/c/demo/apply/problem?code=validation_failed&error=address%3Arequired&lang=cy", nil)
	want(t, resp, page, http.StatusSeeOther, "/c/demo/ymuno/problem?code=validation_failed&error=address%3Arequired")
	resp, page = b.do(http.MethodGet, resp.Header.Get("Location"), nil)
	if want(t, resp, page, http.StatusOK, ""); !strings.Contains(page, "Nid yw eich cais wedi'i anfon") && !strings.Contains(page, "Nid yw eich cais wedi&#39;i anfon") {
		t.Errorf("the Welsh explanation:\n%s", page)
	}
	// Without an error, the same form goes to the confirmation.
	form.Set("address", "1 Stryd y Castell, Caerdydd")
	resp, page = b.do(http.MethodPost, "/v1/public/coops/demo/applications", form)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/c/demo/apply/thank-you?ref=") {
		t.Fatalf("%d %s %s", resp.StatusCode, resp.Header.Get("Location"), page)
	}
}

// TestPagesAndAPIAnswerWithTheSameSecurityHeaders: pages and the API are one
// origin, and every answer of either says HTTPS only, no sniffing and no
// framing, with no inline script or style allowed.
func TestPagesAndAPIAnswerWithTheSameSecurityHeaders(t *testing.T) {
	r, _ := startPages(t)
	b := newBrowser(t, r)
	for _, c := range []struct {
		method, path string
		form         url.Values
	}{
		{http.MethodGet, "/c/demo/ymuno", nil},
		{http.MethodGet, "/c/demo/apply/problem?code=rate_limited", nil},
		{http.MethodGet, "/v1/public/coops/demo", nil},
		{http.MethodGet, "/v1/no-such-route", nil},
		{http.MethodPost, "/v1/public/coops/demo/applications", url.Values{"kind": {"member"}}},
	} {
		resp, _ := b.do(c.method, c.path, c.form)
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Strict-Transport-Security") != "max-age=63072000; includeSubDomains" {
			t.Errorf("%s %s: %v", c.method, c.path, resp.Header)
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "*") {
			t.Errorf("%s %s: Content-Security-Policy %q", c.method, c.path, csp)
		}
	}
}
