package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
)

// TestSafeRecruitmentPagesInWelsh: the Welsh admin records a right-to-work
// check, a reference and a DBS check with mistakes, and reads each refused
// form, and the page after a check is recorded, with none of the
// catalogue's English.
func TestSafeRecruitmentPagesInWelsh(t *testing.T) {
	b := newBrowser(t, "webrtw")
	get := func(method, path string, form url.Values) string {
		t.Helper()
		resp, page := b.do(method, path, form)
		if resp.StatusCode == http.StatusForbidden || resp.StatusCode >= 500 {
			t.Fatalf("%s %s: %d\n%s", method, path, resp.StatusCode, page)
		}
		return page
	}
	check := func(path, page string) { t.Helper(); welshOnly(t, path, page) }
	get(http.MethodGet, "/sign-in", nil)
	get(http.MethodPost, "/sign-in", url.Values{"email": {"admin@demo.coop.example"}})
	get(http.MethodPost, "/sign-in/code", url.Values{"code": {lastCode(t, b.dir)}})
	path := "/admin/pas/" + local.DemoID("catrin") + "/recruitment"
	get(http.MethodGet, path, nil)
	for form, answers := range map[string]url.Values{
		"/right-to-work": {"method": {"idsp"}, "checked_on-day": {"31"}, "checked_on-month": {"2"}, "checked_on-year": {"2026"}, "permission_expires-day": {"1"}, "permission_expires-month": {"1"}, "permission_expires-year": {"2030"}},
		"/references":    {"referee": {""}, "requested-day": {"1"}, "requested-month": {"1"}, "requested-year": {"2099"}},
		"/dbs":           {"level": {"enhanced"}, "certificate_number": {"123"}},
	} {
		page := get(http.MethodPost, path+form, answers)
		if !strings.Contains(page, "govuk-error-summary") {
			t.Fatalf("%s was not refused:\n%s", form, page)
		}
		check(form+" error", page)
	}
	for name, answers := range map[string]url.Values{
		"unanswered": {},
		"tampered":   {"dbs_required": {"thorough"}, "dbs_personal_care": {"all"}, "dbs_social_support": {"none"}, "dbs_driving": {"lax"}},
	} {
		page := get(http.MethodPost, "/admin/employer/dbs", answers)
		if !strings.Contains(page, "govuk-error-summary") || !strings.Contains(page, "#rtwpol-dbs_required") {
			t.Fatalf("the DBS policy %s was not refused:\n%s", name, page)
		}
		check("dbs policy "+name, page)
	}
	page := get(http.MethodGet, path+"?done=rtw", nil)
	if !strings.Contains(page, "Gwiriad dilys") {
		t.Fatalf("the seeded check is not shown:\n%s", page)
	}
	check("the page", page)
}
