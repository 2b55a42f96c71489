package apigw_test

import (
	"github.com/aws/aws-lambda-go/events"

	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func TestHealthFixture(t *testing.T) {
	h := newHarness(t)
	resp := h.call(fixture(t, "health.json"), true)
	if resp.StatusCode != http.StatusOK || resp.Body != `{"status":"ok"}` {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
}

func TestCoopSignupCreatesTenantAndAdminOnce(t *testing.T) {
	h := newHarness(t)
	ev := fixture(t, "signup-coop.json")
	first := h.call(ev, true)
	if first.StatusCode != http.StatusCreated {
		t.Fatalf("%d %s", first.StatusCode, first.Body)
	}
	got := decode[struct {
		Coop  dpcoop.Coop
		Admin struct{ ID, Email, Role, Language string }
	}](t, first)
	if got.Coop.ID != "friends-united" || got.Admin.Email != "board@friends-united.example" || got.Admin.Role != "admin" || got.Admin.Language != "cy" {
		t.Fatalf("%+v", got)
	}
	again := h.call(ev, true)
	if again.StatusCode != http.StatusCreated || again.Body != first.Body {
		t.Fatalf("a repeat should answer the first result: %d %s", again.StatusCode, again.Body)
	}
	if len(h.invites.people) != 2 || h.invites.people[0].ID != got.Admin.ID || h.invites.people[0].Role != dpcoop.RoleAdmin || h.invites.people[0].Coop != "friends-united" {
		t.Fatalf("invites: %+v", h.invites.people)
	}
	other := withHeader(ev, "idempotency-key", "signup-0002")
	resp := h.call(other, true)
	if resp.StatusCode != http.StatusConflict || problemOf(t, resp).Code != "slug_taken" {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
}

func TestCoopSignupSaysEveryWrongFieldInWelsh(t *testing.T) {
	h := newHarness(t)
	ev := withHeader(fixture(t, "signup-coop.json"), "accept-language", "cy")
	ev = withJSON(ev, `{"name_en":"","name_cy":"Cwmni","slug":"Bad Slug","contact_email":"not-an-email","registered_office":"x","origins":["https://ok.example/path"],"language":"fr"}`)
	resp := h.call(ev, false)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
	p := problemOf(t, resp)
	want := map[string]string{"name_en": "required", "slug": "invalid_slug", "contact_email": "invalid_email", "origins": "invalid_origin", "language": "invalid_language"}
	if f := fields(p); len(f) != len(want) {
		t.Fatalf("fields %v, want %v", f, want)
	} else {
		for k, v := range want {
			if f[k] != v {
				t.Errorf("%s: %s, want %s", k, f[k], v)
			}
		}
	}
	msgs := map[string]string{}
	for _, e := range p.Errors {
		msgs[e.Field] = e.Message
	}
	if p.Lang != "cy" || !strings.Contains(p.Title, "Mae angen newid") || msgs["contact_email"] != "Rhowch gyfeiriad e-bost fel enw@example.com." || msgs["name_en"] != "Llenwch y maes hwn." {
		t.Fatalf("not Welsh: %+v", p)
	}
	if _, err := h.store.Coop(t.Context(), "bad-slug"); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Fatal("an invalid signup wrote something")
	}
}

func TestBadBodiesAreClearProblemsNeverServerErrors(t *testing.T) {
	h := newHarness(t)
	base := fixture(t, "signup-coop.json")
	cases := []struct {
		name   string
		ev     func() eventT
		status int
		code   string
	}{
		{"malformed json", func() eventT { return withJSON(base, `{"slug":`) }, 400, "malformed_request"},
		{"trailing data", func() eventT { return withJSON(base, `{} {}`) }, 400, "malformed_request"},
		{"wrong type", func() eventT { return withJSON(base, `{"origins":"https://x.example"}`) }, 422, "validation_failed"},
		{"unknown field", func() eventT { return withJSON(base, `{"admin":true}`) }, 422, "validation_failed"},
		{"xml", func() eventT { return withHeader(base, "content-type", "application/xml") }, 415, "unsupported_media_type"},
		{"too large", func() eventT { return withJSON(base, `{"name_en":"`+strings.Repeat("a", 20000)+`"}`) }, 413, "body_too_large"},
		{"bad base64", func() eventT { e := base; e.IsBase64Encoded, e.Body = true, "%%%"; return e }, 400, "malformed_request"},
		{"key too long", func() eventT { return withHeader(base, "idempotency-key", strings.Repeat("k", 129)) }, 422, "validation_failed"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := c.ev()
			ev.RequestContext.HTTP.SourceIP = "192.0.2." + strconv.Itoa(i) // signup allows 5 an hour per client
			resp := h.call(ev, false)
			if resp.StatusCode != c.status || problemOf(t, resp).Code != c.code {
				t.Fatalf("%d %s", resp.StatusCode, resp.Body)
			}
		})
	}
}

func TestApplyByFormPostGoesBackToTheCoopsSite(t *testing.T) {
	h := newHarness(t)
	h.demo()
	ev := fixture(t, "apply-form.json")
	resp := h.call(ev, true)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
	loc, _ := url.Parse(resp.Headers["location"])
	if loc.Host != "demo.coop.example" || loc.Path != "/diolch" || loc.Query().Get("status") != "received" || loc.Query().Get("lang") != "cy" {
		t.Fatalf("location %s", loc)
	}
	again := h.call(ev, true)
	if again.Headers["location"] != resp.Headers["location"] {
		t.Fatalf("a double submit answered differently: %s", again.Headers["location"])
	}
	page, _ := h.store.Applications(t.Context(), "demo", dpcoop.StatusPending, dpcoop.PageRequest{})
	if len(page.Items) != 1 {
		t.Fatalf("want one application, got %d", len(page.Items))
	}
	a := page.Items[0]
	if a.Reference == "" || a.Reference != loc.Query().Get("ref") || a.Name != "Gwen Morgan" || a.Language != dpcoop.Welsh || !a.ConsentElectronic || a.Kind != dpcoop.KindMember {
		t.Fatalf("%+v", a)
	}
}

// TestApplyFormErrorsGoToTheServicesExplanation: a browser's form post is
// never answered with JSON; its errors go, as codes, to the page that
// explains them in the language the applicant chose.
func TestApplyFormErrorsGoToTheServicesExplanation(t *testing.T) {
	h := newHarness(t)
	h.demo()
	ev := withHeader(fixture(t, "apply-form.json"), "accept-language", "en")
	ev = withForm(ev, url.Values{"kind": {"member"}, "name": {""}, "email": {"gwen@"}, "address": {"3 Heol"}, "language": {"cy"},
		"consent_electronic": {"maybe"}, "redirect": {"https://demo.coop.example/ymuno?step=1"}})
	resp := h.call(ev, false)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
	loc, _ := url.Parse(resp.Headers["location"])
	q := loc.Query()
	if loc.Host != "" || loc.Path != "/c/demo/ymuno/problem" || q.Get("code") != "validation_failed" || resp.Body != "" {
		t.Fatalf("location %s body %q", loc, resp.Body)
	}
	if got := strings.Join(q["error"], ","); !strings.Contains(got, "name:required") || !strings.Contains(got, "email:invalid_email") || !strings.Contains(got, "consent_electronic:invalid_boolean") {
		t.Fatalf("errors %q", got)
	}
	if strings.Contains(resp.Headers["location"], "gwen") {
		t.Fatal("the applicant's answers leaked into the URL")
	}
	if page, _ := h.store.Applications(t.Context(), "demo", dpcoop.StatusPending, dpcoop.PageRequest{}); len(page.Items) != 0 {
		t.Fatal("an invalid application was stored")
	}
}

func TestApplyRefusesRedirectsOffTheCoopsOrigins(t *testing.T) {
	h := newHarness(t)
	h.demo()
	for _, target := range []string{"https://evil.example/phish", "http://demo.coop.example/diolch", "https://demo.coop.example.evil.example/", "//evil.example", "javascript:alert(1)"} {
		v := url.Values{"kind": {"member"}, "name": {"A"}, "email": {"a@example.org"}, "address": {"1 Road"}, "language": {"en"}, "redirect": {target}}
		resp := h.call(withForm(fixture(t, "apply-form.json"), v), false)
		if resp.StatusCode != http.StatusSeeOther || resp.Headers["location"] != "/c/demo/apply/problem?code=redirect_not_allowed&error=redirect%3Anot_on_origins" {
			t.Fatalf("%q: %d %v %s", target, resp.StatusCode, resp.Headers, resp.Body)
		}
	}
	if page, _ := h.store.Applications(t.Context(), "demo", dpcoop.StatusPending, dpcoop.PageRequest{}); len(page.Items) != 0 {
		t.Fatal("a refused post was stored")
	}
}

// TestApplyFormPostWithoutARedirect: the snippet's form needs no return
// page; it goes to the service's confirmation with the reference.
func TestApplyFormPostWithoutARedirect(t *testing.T) {
	h := newHarness(t)
	h.demo()
	v := url.Values{"kind": {"pa"}, "name": {"Ann Jones"}, "email": {"ann@example.org"}, "address": {"1 Road"}, "language": {"en"}}
	resp := h.call(withForm(fixture(t, "apply-form.json"), v), true)
	page, _ := h.store.Applications(t.Context(), "demo", dpcoop.StatusPending, dpcoop.PageRequest{})
	if len(page.Items) != 1 || page.Items[0].Reference == "" {
		t.Fatalf("want one application with a reference: %+v", page.Items)
	}
	if resp.StatusCode != http.StatusSeeOther || resp.Headers["location"] != "/c/demo/apply/thank-you?ref="+page.Items[0].Reference {
		t.Fatalf("%d %v", resp.StatusCode, resp.Headers)
	}
}

// TestApplyFormPostIsNeverAnsweredWithJSON: a 429 and an unknown co-op
// answer a browser's form post with the explanation page too.
func TestApplyFormPostIsNeverAnsweredWithJSON(t *testing.T) {
	h := newHarness(t)
	h.demo()
	v := url.Values{"kind": {"pa"}, "name": {"Ann Jones"}, "email": {"ann@example.org"}, "address": {"1 Road"}, "language": {"cy"}}
	var resp events.APIGatewayV2HTTPResponse
	for i := range 11 {
		v.Set("nonce", "n"+strconv.Itoa(i))
		resp = h.call(withForm(fixture(t, "apply-form.json"), v), false)
	}
	if resp.StatusCode != http.StatusSeeOther || resp.Headers["location"] != "/c/demo/ymuno/problem?code=rate_limited" {
		t.Fatalf("the 11th post in a minute: %d %v %s", resp.StatusCode, resp.Headers, resp.Body)
	}
	nobody := withForm(fixture(t, "apply-form.json"), v)
	nobody.PathParameters = map[string]string{"slug": "nobody"}
	if resp := h.call(nobody, false); resp.StatusCode != http.StatusSeeOther || resp.Headers["location"] != "/c/nobody/ymuno/problem?code=not_found" {
		t.Fatalf("an unknown co-op: %d %v %s", resp.StatusCode, resp.Headers, resp.Body)
	}
}

func TestApplyHoneypotStoresNothing(t *testing.T) {
	h := newHarness(t)
	h.demo()
	v := url.Values{"kind": {"member"}, "name": {"Bot"}, "email": {"bot@example.org"}, "address": {"1 Road"}, "language": {"en"},
		"website": {"http://spam.example"}, "redirect": {"https://demo.coop.example/diolch"}}
	resp := h.call(withForm(fixture(t, "apply-form.json"), v), true)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Headers["location"], "status=received") {
		t.Fatalf("%d %v", resp.StatusCode, resp.Headers)
	}
	if page, _ := h.store.Applications(t.Context(), "demo", dpcoop.StatusPending, dpcoop.PageRequest{}); len(page.Items) != 0 {
		t.Fatal("the honeypot stored an application")
	}
}

func TestApplyJSONIsIdempotentByKey(t *testing.T) {
	h := newHarness(t)
	h.demo()
	ev := fixture(t, "apply-json.json")
	first := h.call(ev, true)
	if first.StatusCode != http.StatusCreated || first.Headers["idempotent-replayed"] != "" {
		t.Fatalf("%d %v %s", first.StatusCode, first.Headers, first.Body)
	}
	second := h.call(ev, true)
	if second.StatusCode != http.StatusCreated || second.Body != first.Body || second.Headers["idempotent-replayed"] != "true" {
		t.Fatalf("%d %v %s", second.StatusCode, second.Headers, second.Body)
	}
	changed := withJSON(ev, strings.Replace(ev.Body, "Rhys Price", "Someone Else", 1))
	resp := h.call(changed, true)
	if resp.StatusCode != http.StatusConflict || problemOf(t, resp).Code != "idempotency_key_reused" {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
}

func TestApplyWithoutKeyStillMakesOneApplication(t *testing.T) {
	h := newHarness(t)
	h.demo()
	ev := withHeader(fixture(t, "apply-json.json"), "idempotency-key", "")
	a, b := h.call(ev, true), h.call(ev, true)
	if a.StatusCode != http.StatusCreated || a.Body != b.Body {
		t.Fatalf("%s / %s", a.Body, b.Body)
	}
}

func TestApplyIsRateLimitedPerClient(t *testing.T) {
	h := newHarness(t)
	h.demo()
	ev := fixture(t, "apply-json.json")
	for i := range 10 {
		if resp := h.call(withHeader(ev, "idempotency-key", "k"+string(rune('a'+i))), false); resp.StatusCode == http.StatusTooManyRequests {
			t.Fatalf("limited after %d", i)
		}
	}
	resp := h.call(withHeader(ev, "idempotency-key", "k-last"), false)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Headers["retry-after"] == "" || problemOf(t, resp).Code != "rate_limited" {
		t.Fatalf("%d %v %s", resp.StatusCode, resp.Headers, resp.Body)
	}
	other := ev
	other.RequestContext.HTTP.SourceIP = "203.0.113.99"
	if resp := h.call(withHeader(other, "idempotency-key", "k-other"), true); resp.StatusCode != http.StatusCreated {
		t.Fatalf("another client was limited: %d", resp.StatusCode)
	}
}

func TestPublicCoopAndUnknownCoops(t *testing.T) {
	h := newHarness(t)
	h.demo()
	ev := at(fixture(t, "health.json"), "GET", "/v1/public/coops/{slug}", map[string]string{"slug": "demo"}, nil)
	resp := h.call(ev, true)
	got := decode[struct {
		NameCY           string `json:"name_cy"`
		ApplicationKinds []struct {
			Kind  string
			Label map[string]string
		} `json:"application_kinds"`
	}](t, resp)
	if got.NameCY != "Cwmni Demo" || len(got.ApplicationKinds) != 3 || got.ApplicationKinds[1].Label["cy"] == "" {
		t.Fatalf("%s", resp.Body)
	}
	for _, slug := range []string{"nobody", "UPPER", strings.Repeat("a", 300), "a%2Fb"} {
		ev := at(fixture(t, "health.json"), "GET", "/v1/public/coops/{slug}", map[string]string{"slug": slug}, nil)
		if resp := h.api.Handle(t.Context(), ev); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("%q: %d", slug, resp.StatusCode)
		}
	}
	post := fixture(t, "apply-json.json")
	post.PathParameters = map[string]string{"slug": "nobody"}
	if resp := h.api.Handle(t.Context(), post); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("apply to unknown co-op: %d", resp.StatusCode)
	}
}

func TestFormBodyIsDecodedFromBase64(t *testing.T) {
	ev := fixture(t, "apply-form.json")
	b, err := base64.StdEncoding.DecodeString(ev.Body)
	if err != nil || !ev.IsBase64Encoded || !strings.Contains(string(b), "name=Gwen+Morgan") {
		t.Fatalf("the fixture is not a base64 form post: %v", err)
	}
}

// TestApplyRedirectToAPagePathOnTheOriginItCameFrom: a site may name only its
// page's path; it resolves against the browser's Origin, which must be a
// registered origin, and without one it is refused.
func TestApplyRedirectToAPagePathOnTheOriginItCameFrom(t *testing.T) {
	h := newHarness(t)
	h.demo()
	v := url.Values{"kind": {"member"}, "name": {"Ann"}, "email": {"ann@example.org"}, "address": {"1 Road"}, "language": {"en"}, "redirect": {"/diolch#sent"}}
	ok := withHeader(withForm(fixture(t, "apply-form.json"), v), "origin", "https://demo.coop.example")
	if resp := h.call(ok, true); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Headers["location"], "https://demo.coop.example/diolch?") {
		t.Fatalf("%d %v", resp.StatusCode, resp.Headers)
	}
	for _, origin := range []string{"https://evil.example", ""} {
		ev := withHeader(withForm(fixture(t, "apply-form.json"), v), "origin", origin)
		if resp := h.call(ev, false); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Headers["location"], "/c/demo/apply/problem?code=redirect_not_allowed") {
			t.Fatalf("origin %q: %d %v", origin, resp.StatusCode, resp.Headers)
		}
	}
}

// TestApplicationsAndThrottlesAreCounted: the embedded-format metrics the
// operators' dashboards and alarms read.
func TestApplicationsAndThrottlesAreCounted(t *testing.T) {
	h := newHarness(t)
	h.demo()
	ev := fixture(t, "apply-json.json")
	for i := range 11 {
		h.call(withHeader(ev, "idempotency-key", "m"+strconv.Itoa(i)), false)
	}
	got := h.metrics.String()
	if strings.Count(got, `"ApplicationsReceived":1`) != 10 || strings.Count(got, `"Throttled":1`) != 1 {
		t.Fatalf("%s", got)
	}
}

// TestTurnstileWhenTheCoopTurnsItOn: off by default; once an admin sets the
// secret, an application needs a token that passes.
func TestTurnstileWhenTheCoopTurnsItOn(t *testing.T) {
	h := newHarness(t)
	h.demo()
	ev := withHeader(fixture(t, "apply-json.json"), "idempotency-key", "")
	if resp := h.call(ev, true); resp.StatusCode != http.StatusCreated {
		t.Fatalf("off: %d", resp.StatusCode)
	}
	set := as(at(fixture(t, "approve-application.json"), "PUT", "/v1/coop/turnstile", nil, nil), "demo", adminID, "[admin]")
	if resp := h.call(withJSON(set, `{"secret":"0x4AAAAAAA-secret"}`), true); resp.StatusCode != http.StatusOK {
		t.Fatalf("set: %d %s", resp.StatusCode, resp.Body)
	}
	other := withJSON(ev, strings.Replace(ev.Body, "Rhys Price", "Rhys Two", 1))
	resp := h.call(withHeader(other, "accept-language", "cy"), true)
	if p := problemOf(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || fields(p)["cf-turnstile-response"] != "human_check_failed" || !strings.Contains(p.Errors[0].Message, "person") {
		t.Fatalf("no token: %d %s", resp.StatusCode, resp.Body)
	}
	ok := withJSON(ev, strings.TrimSuffix(strings.Replace(ev.Body, "Rhys Price", "Rhys Two", 1), "}")+`,"cf-turnstile-response":"human"}`)
	if resp := h.call(ok, true); resp.StatusCode != http.StatusCreated {
		t.Fatalf("with a token: %d %s", resp.StatusCode, resp.Body)
	}
}
