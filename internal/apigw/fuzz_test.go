package apigw_test

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"testing"
)

// FuzzApplicationBody posts any body, content type and encoding to the public
// application route: the answer is never a server error or a panic, and a
// form post is never redirected anywhere but the co-op's origins or the
// service's own explanation page (whose code is never a fault's either).
func FuzzApplicationBody(f *testing.F) {
	f.Add("kind=member&name=Gwen&email=g%40example.org&address=1+Road&language=cy&redirect=https%3A%2F%2Fdemo.coop.example%2F", "application/x-www-form-urlencoded", false)
	f.Add(`{"kind":"pa","name":"R","email":"r@example.org","address":"x","language":"en","consent_electronic":true}`, "application/json", false)
	f.Add("a=%zz&&redirect=//evil.example", "application/x-www-form-urlencoded; charset=utf-8", true)
	f.Add(`{"name":["not","a","string"],"consent_electronic":"yes"}`, "application/json", false)
	f.Add("\x00\xff", "text/plain", true)
	h := newHarness(f)
	h.demo()
	base := fixture(f, "apply-form.json")
	f.Fuzz(func(t *testing.T, body, contentType string, encode bool) {
		ev := withHeader(base, "content-type", contentType)
		ev.Body, ev.IsBase64Encoded = body, encode
		if encode {
			ev.Body = base64.StdEncoding.EncodeToString([]byte(body))
		}
		ev.RequestContext.HTTP.SourceIP = "192.0.2." + string(rune('0'+len(body)%10)) // spread over the rate limit
		resp := h.api.Handle(t.Context(), ev)
		if resp.StatusCode >= 500 {
			t.Fatalf("%q as %q: %d %s", body, contentType, resp.StatusCode, resp.Body)
		}
		if loc := resp.Headers["location"]; loc != "" {
			u, err := url.Parse(loc)
			explained := err == nil && u.Host == "" && (u.Path == "/c/demo/ymuno/problem" || u.Path == "/c/demo/apply/problem")
			if err != nil || u.Host != "demo.coop.example" && !explained {
				t.Fatalf("redirected to %q", loc)
			}
			if code := u.Query().Get("code"); explained && (code == "internal_error" || code == "temporarily_unavailable") {
				t.Fatalf("%q as %q: a fault, explained: %q", body, contentType, loc)
			}
		}
	})
}

// FuzzQueryString sends any query string to the list routes.
func FuzzQueryString(f *testing.F) {
	for _, q := range []string{"status=pending&limit=2", "limit=-1", "cursor=%ff%00", "month=2026-13&status=x", "limit=99999999999999999999"} {
		f.Add(q)
	}
	h := newHarness(f)
	h.demo()
	f.Fuzz(func(t *testing.T, raw string) {
		vals, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		for _, route := range []string{"/v1/applications", "/v1/shifts", "/v1/members", "/v1/audit"} {
			ev := as(at(fixture(t, "register-csv.json"), "GET", route, nil, vals), "demo", adminID, "[admin]")
			if resp := h.api.Handle(t.Context(), ev); resp.StatusCode >= 500 || resp.StatusCode == http.StatusOK && route == "/v1/audit" && vals.Get("month") == "" {
				t.Fatalf("%s?%s: %d %s", route, raw, resp.StatusCode, resp.Body)
			}
		}
	})
}
