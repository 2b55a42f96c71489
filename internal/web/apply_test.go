package web_test

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/testclock"
	"github.com/dpcoop/dpcoop/internal/web"
)

// TestNoEnglishOnTheWelshApplicationForm: the hosted form in Welsh, refused
// and accepted, and the page explaining a failed post, show none of the
// catalogue's English.
func TestNoEnglishOnTheWelshApplicationForm(t *testing.T) {
	db, err := dynamolocal.Shared()
	if err != nil {
		t.Fatal(err)
	}
	stack, err := local.Start(t.Context(), local.Options{DataDir: t.TempDir(), Dynamo: db.URL, Table: dynamolocal.UniqueTable("webapply"), Log: io.Discard, Now: testclock.Clock()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stack.Close() })
	srv := httptest.NewServer(stack)
	t.Cleanup(srv.Close)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var cookies []*http.Cookie
	do := func(method, path string, form url.Values) (*http.Response, string) {
		t.Helper()
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, _ := http.NewRequest(method, srv.URL+path, body)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		for _, c := range cookies {
			req.AddCookie(c)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		cookies = append(resp.Cookies(), cookies...)
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode >= 500 {
			t.Fatalf("%s %s: %d\n%s", method, path, resp.StatusCode, b)
		}
		return resp, string(b)
	}
	english := web.EnglishOnly()
	check := func(what, page string) {
		t.Helper()
		if !strings.Contains(page, `lang="cy"`) {
			t.Errorf("%s is not a Welsh page", what)
		}
		text := html.UnescapeString(tags.ReplaceAllString(page, " "))
		for _, en := range english {
			if strings.Contains(text, en) {
				t.Errorf("%s in Welsh shows English %q", what, en)
			}
		}
	}
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
