package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
)

// The Welsh admin reads each page of area "reg" (each answers 200) and the
// error pages of its forms, and no catalogue English shows on any.
func TestAdminRegPagesInWelsh(t *testing.T) {
	b := newBrowser(t, "adminreg")
	b.signIn("cy", "admin@demo.coop.example")
	for _, p := range adminPages {
		resp, page := b.do(http.MethodGet, p, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d\n%s", p, resp.StatusCode, page)
		}
		welshOnly(t, p, page)
	}
	gwen, catrin := local.DemoID("gwen"), local.DemoID("catrin")
	for what, post := range map[string][2]string{
		"care plan":  {"/admin/members/" + gwen + "/care-plan", "hours=lots"},
		"cease":      {"/admin/members/" + gwen + "/cease", "date-day=99&reason="},
		"details":    {"/admin/members/" + gwen + "/details", "name=&email=x&phone=call+me&address=&language="},
		"hire":       {"/admin/pas/new", "legal_name=&ni_number=x"},
		"edit":       {"/admin/pas/" + catrin + "/edit", "email=x"},
		"employment": {"/admin/pas/" + catrin + "/employments/new", "standard=x"},
	} {
		form, _ := url.ParseQuery(post[1])
		resp, page := b.do(http.MethodPost, post[0], form)
		if resp.StatusCode != http.StatusBadRequest || !regexp.MustCompile(`govuk-error-summary`).MatchString(page) {
			t.Fatalf("%s: %d, no error summary\n%s", what, resp.StatusCode, page)
		}
		welshOnly(t, what, page)
	}
}
