package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// TestTrainingPagesInWelsh: the demo co-op's Welsh admin records a course
// and the insurance, reads the forms' errors, the confirm page and the
// dashboard with none of the catalogue's English; the Welsh PA reads their
// course and the certificate, and the Welsh member their PA's course by
// name and date only.
func TestTrainingPagesInWelsh(t *testing.T) {
	b := newBrowser(t, "webtraining")
	get := func(method, path string, form url.Values) string {
		t.Helper()
		resp, page := b.do(method, path, form)
		if resp.StatusCode == http.StatusForbidden || resp.StatusCode >= 500 {
			t.Fatalf("%s %s: %d\n%s", method, path, resp.StatusCode, page)
		}
		return page
	}
	check := func(path, page string) { t.Helper(); welshOnly(t, path, page) }
	signIn := func(email string) {
		if email != "admin@demo.coop.example" {
			get(http.MethodPost, "/sign-out", url.Values{})
		}
		get(http.MethodGet, "/sign-in?lang=cy", nil)
		get(http.MethodPost, "/sign-in", url.Values{"email": {email}})
		get(http.MethodPost, "/sign-in/code", url.Values{"code": {lastCode(t, b.dir)}})
	}
	signIn("admin@demo.coop.example")
	page := "/admin/pas/" + local.DemoID("catrin") + "/training"
	get(http.MethodGet, page, nil)
	bad := get(http.MethodPost, page, url.Values{"course": {"other"}, "completed-day": {"40"}})
	if !strings.Contains(bad, "govuk-error-summary") || !strings.Contains(bad, "Rhowch enw&#39;r cwrs") {
		t.Fatalf("no error summary:\n%s", bad)
	}
	check("training error", bad)
	today := dpcoop.DateOf(testclock.Now())
	expires := today.AddDays(20).Time()
	get(http.MethodPost, page, url.Values{"course": {"first_aid"}, "completed-day": {"1"}, "completed-month": {"2"}, "completed-year": {"2024"},
		"expires-day": {expires.Format("2")}, "expires-month": {expires.Format("1")}, "expires-year": {expires.Format("2006")}, "provider": {"Ambiwlans Sant Ioan"}})
	list := get(http.MethodGet, page+"?done=added", nil)
	if !strings.Contains(list, "Cymorth cyntaf") || !strings.Contains(list, "Ambiwlans Sant Ioan") {
		t.Fatalf("the course is not listed:\n%s", list)
	}
	check("the training page", list)
	tid := regexp.MustCompile(`/training/([a-z0-9]+)/delete"`).FindStringSubmatch(list)
	if tid == nil {
		t.Fatal("no course to delete")
	}
	check("delete confirm", get(http.MethodPost, page+"/"+tid[1]+"/delete", url.Values{}))

	check("insurance error", get(http.MethodPost, "/admin/employer/insurance", url.Values{"cover": {"4999999.99"}}))
	check("required error", get(http.MethodPost, "/admin/employer/required-training", url.Values{"courses": {"other"}}))
	get(http.MethodPost, "/admin/employer/required-training", url.Values{"courses": {"moving_and_handling"}})
	dash := get(http.MethodGet, "/admin", nil)
	if !strings.Contains(dash, "Hyfforddiant PAs") || !strings.Contains(dash, "Symud a thrin") || !strings.Contains(dash, "Does dim yswiriant atebolrwydd cyflogwr") {
		t.Fatalf("the dashboard lists no training or insurance:\n%s", dash)
	}
	check("the dashboard", dash)
	start, end := today.AddDays(-100).Time(), today.AddDays(265).Time()
	get(http.MethodPost, "/admin/employer/insurance", url.Values{"insurer": {"Yswiriant Cymru"}, "policy_number": {"EL-77"}, "cover": {"10,000,000"},
		"start_date-day": {start.Format("2")}, "start_date-month": {start.Format("1")}, "start_date-year": {start.Format("2006")},
		"expiry_date-day": {end.Format("2")}, "expiry_date-month": {end.Format("1")}, "expiry_date-year": {end.Format("2006")}})
	check("the employer page", get(http.MethodGet, "/admin/employer?done=insurance", nil))

	risk := "/admin/members/" + local.DemoID("gwen") + "/risk"
	check("risk error", get(http.MethodPost, risk, url.Values{"language": {"cy"}, "assessed-day": {"1"}, "assessed-month": {"1"}, "assessed-year": {"2026"},
		"review-day": {"1"}, "review-month": {"1"}, "review-year": {"2025"}}))
	get(http.MethodPost, risk, url.Values{"title": {"Symud gyda theclyn codi"}, "risks": {"Cwympo wrth symud.\nDau berson bob tro."}, "language": {"cy"},
		"assessed-day": {"1"}, "assessed-month": {"1"}, "assessed-year": {"2026"}, "review-day": {"1"}, "review-month": {"1"}, "review-year": {"2099"}})
	assessments := get(http.MethodGet, risk+"?done=saved", nil)
	if !strings.Contains(assessments, "Dau berson bob tro.") {
		t.Fatalf("the assessment is not shown:\n%s", assessments)
	}
	check("the risk assessments", assessments)
	rid := regexp.MustCompile(`/risk/([a-z0-9]+)"`).FindStringSubmatch(assessments)
	if rid == nil {
		t.Fatal("no assessment to review")
	}
	check("the review form", get(http.MethodGet, risk+"/"+rid[1], nil))

	signIn("catrin@demo.coop.example")
	if page := get(http.MethodGet, "/pa/risk", nil); !strings.Contains(page, "Dau berson bob tro.") || !strings.Contains(page, `lang="cy"`) {
		t.Fatalf("the PA does not read the assessment:\n%s", page)
	}
	own := get(http.MethodGet, "/pa/training", nil)
	if !strings.Contains(own, "Cymorth cyntaf") || !strings.Contains(own, "Yswiriant Cymru") || !strings.Contains(own, "£10,000,000.00") {
		t.Fatalf("the PA's page:\n%s", own)
	}
	check("the PA's training", own)
	if resp, _ := b.do(http.MethodGet, page, nil); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a PA read the admins' training page: %d", resp.StatusCode)
	}

	signIn("gwen@demo.coop.example")
	theirs := get(http.MethodGet, "/member/pa-training", nil)
	if !strings.Contains(theirs, "Catrin Jones") || !strings.Contains(theirs, "Cymorth cyntaf") || strings.Contains(theirs, "Ambiwlans") {
		t.Fatalf("the member's page:\n%s", theirs)
	}
	check("the member's PAs' training", theirs)
	get(http.MethodPost, "/easy-read", url.Values{"easy": {"on"}, "back": {"/member/pa-training"}})
	easy := get(http.MethodGet, "/member/pa-training", nil)
	for _, want := range []string{"Mae Catrin Jones yn eich helpu chi.", "Cyrsiau Catrin Jones sy&#39;n dal yn ddilys:", "Cymorth cyntaf", `src="/assets/icons/user-round.svg" alt=""`} {
		if !strings.Contains(easy, want) {
			t.Errorf("the member's page in Easy Read does not show %q", want)
		}
	}
	if strings.Contains(easy, "govuk-summary-card") || strings.Contains(easy, "Ambiwlans") {
		t.Errorf("the Easy Read page shows the full page's cards or the provider:\n%s", easy)
	}
	check("the member's PAs' training in Easy Read", easy)
}
