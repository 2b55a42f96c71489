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

// browser is a test's browser on a fresh local stack: it keeps the cookies it
// is given, follows no redirect, and posts each form with the CSRF token of
// the last page that had one.
type browser struct {
	t       testing.TB
	dir     string
	stack   *local.Stack
	srv     *httptest.Server
	client  *http.Client
	cookies []*http.Cookie
	csrf    string
}

func newBrowser(t testing.TB, table string, with ...func(*local.Options)) *browser {
	t.Helper()
	db, err := dynamolocal.Shared()
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, dir: t.TempDir(), client: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	opts := local.Options{DataDir: b.dir, Dynamo: db.URL, Table: dynamolocal.UniqueTable(table), Log: io.Discard, Now: testclock.Clock()}
	for _, w := range with {
		w(&opts)
	}
	if b.stack, err = local.Start(t.Context(), opts); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.stack.Close() })
	b.srv = httptest.NewServer(b.stack)
	t.Cleanup(b.srv.Close)
	return b
}

// do sends one request, a form if form is not nil; a server error fails the
// test.
func (b *browser) do(method, path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		if b.csrf != "" {
			form.Set("csrf", b.csrf)
		}
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, b.srv.URL+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range b.cookies {
		req.AddCookie(c)
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	b.cookies = append(resp.Cookies(), b.cookies...) // the newest first
	page, _ := io.ReadAll(resp.Body)
	if m := csrfField.FindSubmatch(page); m != nil {
		b.csrf = string(m[1])
	}
	if resp.StatusCode >= 500 {
		b.t.Fatalf("%s %s: %d\n%s", method, path, resp.StatusCode, page)
	}
	return resp, string(page)
}

// signIn signs email in as a browser that has never seen the pages would,
// starting from the sign-in page in lang ("cy" or "en").
func (b *browser) signIn(lang, email string) {
	b.t.Helper()
	b.cookies, b.csrf = nil, ""
	b.do(http.MethodGet, "/sign-in?lang="+lang, nil)
	b.do(http.MethodPost, "/sign-in", url.Values{"email": {email}})
	b.do(http.MethodPost, "/sign-in/code", url.Values{"code": {lastCode(b.t, b.dir)}})
}

// welshOnly fails the test if a page is not Welsh or shows any of the
// catalogue's English.
func welshOnly(t *testing.T, what, page string) {
	t.Helper()
	if !strings.Contains(page, `lang="cy"`) {
		t.Errorf("%s is not a Welsh page", what)
	}
	text := html.UnescapeString(tags.ReplaceAllString(page, " "))
	for _, en := range web.EnglishOnly() {
		if strings.Contains(text, en) {
			t.Errorf("%s in Welsh shows English %q", what, en)
		}
	}
}
