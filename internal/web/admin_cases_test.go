package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// TestCasePagesInWelsh: the demo co-op's Welsh admin opens a case, reads
// its page and the forms' errors, with none of the catalogue's English.
func TestCasePagesInWelsh(t *testing.T) {
	b := newBrowser(t, "webcases")
	get := func(method, path string, form url.Values) (*http.Response, string) {
		t.Helper()
		return b.do(method, path, form)
	}
	get(http.MethodGet, "/sign-in", nil)
	get(http.MethodPost, "/sign-in", url.Values{"email": {"admin@demo.coop.example"}})
	get(http.MethodPost, "/sign-in/code", url.Values{"code": {lastCode(t, b.dir)}})
	pa := "/admin/pas/" + local.DemoID("catrin") + "/cases"
	_, page := get(http.MethodPost, pa, url.Values{"kind": {"x"}})
	welshOnly(t, "the case form's errors", page)
	d := dpcoop.DateOf(testclock.Now()).AddDays(-3).Time()
	resp, _ := get(http.MethodPost, pa, url.Values{"kind": {"grievance"}, "summary": {"Newid y rota heb rybudd"},
		"opened-day": {d.Format("2")}, "opened-month": {d.Format("1")}, "opened-year": {d.Format("2006")}})
	path, _, ok := strings.Cut(resp.Header.Get("Location"), "?")
	if resp.StatusCode != http.StatusSeeOther || !ok {
		t.Fatalf("open: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page = get(http.MethodGet, path+"?done=opened", nil)
	welshOnly(t, "the case page", page)
	// The dashboard counts the case and links to the list, with no detail.
	_, page = get(http.MethodGet, "/admin", nil)
	if !strings.Contains(page, "Achosion cwyno, disgyblu ac anghydfod agored rydych chi&#39;n eu trin") || !strings.Contains(page, `href="/admin/cases"`) ||
		strings.Contains(page, "Newid y rota heb rybudd") || strings.Contains(page, "Cwyn wedi") {
		t.Fatalf("the dashboard's open cases: %s", page)
	}
	resp, page = get(http.MethodPost, path, url.Values{"stage": {"meeting"}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "govuk-error-summary") {
		t.Fatalf("a stage out of order: %d", resp.StatusCode)
	}
	welshOnly(t, "the stage form's errors", page)
	_, page = get(http.MethodGet, "/admin/cases", nil)
	welshOnly(t, "the admin's cases", page)
}
