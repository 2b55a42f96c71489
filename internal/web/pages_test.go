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

var (
	csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	tags      = regexp.MustCompile(`<[^>]*>`)
)

// TestNoEnglishOnAWelshPage walks a Welsh-speaking PA's pages in Welsh and
// finds none of the catalogue's English.
func TestNoEnglishOnAWelshPage(t *testing.T) {
	db, err := dynamolocal.Shared()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	stack, err := local.Start(t.Context(), local.Options{DataDir: dir, Dynamo: db.URL, Table: dynamolocal.UniqueTable("web"), Log: io.Discard, Now: testclock.Clock()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stack.Close() })
	srv := httptest.NewServer(stack)
	t.Cleanup(srv.Close)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var cookies []*http.Cookie
	csrf := ""
	get := func(method, path string, form url.Values) string {
		t.Helper()
		var body io.Reader
		if form != nil {
			form.Set("csrf", csrf)
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
		cookies = append(resp.Cookies(), cookies...) // the newest first
		b, _ := io.ReadAll(resp.Body)
		if m := csrfField.FindSubmatch(b); m != nil {
			csrf = string(m[1])
		}
		if resp.StatusCode >= 500 || resp.StatusCode == http.StatusForbidden {
			t.Fatalf("%s %s: %d\n%s", method, path, resp.StatusCode, b)
		}
		return string(b)
	}
	english := web.EnglishOnly()
	check := func(path, page string) {
		t.Helper()
		text := html.UnescapeString(tags.ReplaceAllString(page, " "))
		for _, en := range english {
			if strings.Contains(text, en) {
				t.Errorf("%s in Welsh shows English %q", path, en)
			}
		}
	}
	for _, p := range []string{"/sign-in?lang=cy"} {
		check(p, get(http.MethodGet, p, nil))
	}
	check("sign-in error", get(http.MethodPost, "/sign-in", url.Values{"email": {"x"}}))
	get(http.MethodPost, "/sign-in", url.Values{"email": {"catrin@demo.coop.example"}})
	check("/sign-in/code", get(http.MethodGet, "/sign-in/code", nil))
	check("code error", get(http.MethodPost, "/sign-in/code", url.Values{"code": {"1"}}))
	code := lastCode(t, dir)
	get(http.MethodPost, "/sign-in/code", url.Values{"code": {code}})
	for _, p := range []string{"/pa", "/pa/shifts/new", "/pa/payslips", "/pa/details", "/no-such-page"} {
		check(p, get(http.MethodGet, p, nil))
	}
	check("shift error", get(http.MethodPost, "/pa/shifts/new", url.Values{"start": {"9"}}))
}
