package local_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestPagesAdminKeepsTrainingAndInsurance: the demo admin records a PA's
// course through the pages (a wrong form writes nothing, the same form
// twice writes one course), deletes it only once confirmed, records the
// employers' liability policy (less than £5 million is refused), and the
// PA reads the certificate's details; a member is refused the admins'
// pages and sees only their PA's current course by name and date.
func TestPagesAdminKeepsTrainingAndInsurance(t *testing.T) {
	r, c := startPages(t)
	ctx := context.Background()
	catrin := local.DemoID("catrin")
	page := "/admin/pas/" + catrin + "/training"
	b := newBrowser(t, r)
	b.signIn("admin")
	resp, body := b.do(http.MethodGet, page+"?lang=en", nil)
	want(t, resp, body, http.StatusOK, "")
	pageHas(t, "no training yet", body, "No training recorded yet.", `action="`+page+`"`)
	courses := func() []dpcoop.Training {
		t.Helper()
		rec, err := r.stack.Services.Training.Of(ctx, adminPrincipal, catrin, c.now())
		if err != nil {
			t.Fatal(err)
		}
		return rec.Training
	}

	resp, body = b.post(page, url.Values{"course": {"first_aid"}, "completed-day": {"31"}, "completed-month": {"2"}, "completed-year": {"2026"}})
	want(t, resp, body, http.StatusBadRequest, "")
	pageHas(t, "a wrong course", body, "govuk-error-summary", `href="#trainingform-completed-day"`, `href="#trainingform-provider"`)
	if got := courses(); len(got) != 0 {
		t.Fatalf("a refused form recorded %+v", got)
	}

	expires := dpcoop.DateOf(c.now()).AddDays(30).Time()
	form := url.Values{"course": {"moving_and_handling"}, "completed-day": {"3"}, "completed-month": {"3"}, "completed-year": {"2025"},
		"expires-day": {expires.Format("2")}, "expires-month": {expires.Format("1")}, "expires-year": {expires.Format("2006")}, "provider": {"Hyfforddiant Teifi"}}
	for range 2 {
		resp, body = b.post(page, form)
		want(t, resp, body, http.StatusSeeOther, page+"?done=added")
	}
	got := courses()
	if len(got) != 1 || got[0].Course != dpcoop.CourseMovingHandling || got[0].Completed != "2025-03-03" || got[0].Provider != "Hyfforddiant Teifi" ||
		got[0].Expires != dpcoop.Date(expires.Format(dpcoop.DateLayout)) {
		t.Fatalf("the course stored: %+v", got)
	}
	resp, body = b.do(http.MethodGet, "/admin?lang=en", nil)
	want(t, resp, body, http.StatusOK, "")
	pageHas(t, "the dashboard", body, "PAs&#39; training to renew or missing", `href="`+page+`"`, "Moving and handling: expires on",
		"No employers&#39; liability insurance is recorded", `href="/admin/employer"`)

	// A member sees the course's name and date only, and not the admins' page.
	m := newBrowser(t, r)
	m.signIn("gwen")
	resp, body = m.do(http.MethodGet, "/member/pa-training?lang=en", nil)
	want(t, resp, body, http.StatusOK, "")
	pageHas(t, "the member's PAs' training", body, "Catrin Jones", "Moving and handling", "Current until")
	for _, hidden := range []string{"Hyfforddiant Teifi", "2025"} {
		if strings.Contains(body, hidden) {
			t.Fatalf("the member sees %q", hidden)
		}
	}
	resp, body = m.do(http.MethodGet, page, nil)
	want(t, resp, body, http.StatusForbidden, "")
	m.do(http.MethodGet, "/member", nil)
	resp, body = m.post(page, form)
	want(t, resp, body, http.StatusForbidden, "")

	// Deleting asks first; without confirm=yes nothing is deleted.
	del := page + "/" + got[0].ID + "/delete"
	b.do(http.MethodGet, page, nil)
	resp, body = b.post(del, url.Values{})
	want(t, resp, body, http.StatusOK, "")
	pageHas(t, "the confirm page", body, `name="confirm" value="yes"`, "Hyfforddiant Teifi")
	if len(courses()) != 1 {
		t.Fatal("deleted without confirm=yes")
	}
	resp, body = b.post(del, url.Values{"confirm": {"yes"}})
	want(t, resp, body, http.StatusSeeOther, page+"?done=removed")
	if got := courses(); len(got) != 0 {
		t.Fatalf("after the delete: %+v", got)
	}

	// The insurance: less than £5 million is refused and nothing is kept.
	b.do(http.MethodGet, "/admin/employer", nil)
	policy := url.Values{"insurer": {"Yswiriant Cymru"}, "policy_number": {"EL-77"}, "cover": {"4,999,999.99"},
		"start_date-day": {"1"}, "start_date-month": {"4"}, "start_date-year": {"2026"},
		"expiry_date-day": {"31"}, "expiry_date-month": {"3"}, "expiry_date-year": {"2099"}}
	resp, body = b.post("/admin/employer/insurance?lang=en", policy)
	want(t, resp, body, http.StatusBadRequest, "")
	pageHas(t, "too little cover", body, "govuk-error-summary", `href="#insurance-cover"`, "at least £5 million")
	if cert, err := r.stack.Services.Insurance.Current(ctx, adminPrincipal, c.now()); err != nil || cert.Policy != nil {
		t.Fatalf("a refused policy was kept: %+v %v", cert, err)
	}
	policy.Set("cover", "10,000,000")
	resp, body = b.post("/admin/employer/insurance", policy)
	want(t, resp, body, http.StatusSeeOther, "/admin/employer?done=insurance")
	cert, err := r.stack.Services.Insurance.Current(ctx, adminPrincipal, c.now())
	if err != nil || cert.Policy == nil || cert.Policy.Cover != 1_000_000_000 || cert.Policy.Insurer != "Yswiriant Cymru" || cert.State != dpcoop.InsuranceCurrent {
		t.Fatalf("the policy kept: %+v %v", cert, err)
	}

	p := newBrowser(t, r)
	p.signIn("catrin")
	resp, body = p.do(http.MethodGet, "/pa/training?lang=en", nil)
	want(t, resp, body, http.StatusOK, "")
	pageHas(t, "the PA's page", body, "Yswiriant Cymru", "EL-77", "£10,000,000.00")
	resp, body = p.do(http.MethodGet, "/admin/employer", nil)
	want(t, resp, body, http.StatusForbidden, "")
}

// TestPagesAdminWritesRiskAssessments: the admin writes a risk assessment
// of Gwen's support (a wrong form writes nothing) and reviews it; Catrin,
// who supports Gwen, reads it; a member is refused the admins' page.
func TestPagesAdminWritesRiskAssessments(t *testing.T) {
	r, c := startPages(t)
	ctx := context.Background()
	gwen := local.DemoID("gwen")
	page := "/admin/members/" + gwen + "/risk"
	b := newBrowser(t, r)
	b.signIn("admin")
	b.do(http.MethodGet, page, nil)
	stored := func() []dpcoop.RiskAssessment {
		t.Helper()
		as, err := r.stack.Services.Risk.Of(ctx, adminPrincipal, gwen)
		if err != nil {
			t.Fatal(err)
		}
		return as
	}
	form := url.Values{"title": {"Moving with a hoist"}, "risks": {"Falls when moving: two people every time."}, "language": {"en"},
		"assessed-day": {"1"}, "assessed-month": {"11"}, "assessed-year": {"2025"}, "review-day": {"1"}, "review-month": {"11"}, "review-year": {"2025"}}
	resp, body := b.post(page+"?lang=en", form)
	want(t, resp, body, http.StatusBadRequest, "")
	pageHas(t, "a review before the assessment", body, "govuk-error-summary", `href="#riskform-review-day"`, "The review date must be after the date assessed")
	if as := stored(); len(as) != 0 {
		t.Fatalf("a refused form wrote %+v", as)
	}
	due := dpcoop.DateOf(c.now()).AddDays(10).Time()
	form.Set("review-day", due.Format("2"))
	form.Set("review-month", due.Format("1"))
	form.Set("review-year", due.Format("2006"))
	resp, body = b.post(page, form)
	want(t, resp, body, http.StatusSeeOther, page+"?done=saved")
	as := stored()
	if len(as) != 1 || as[0].Language != dpcoop.English || as[0].Assessed != "2025-11-01" {
		t.Fatalf("stored: %+v", as)
	}
	resp, body = b.do(http.MethodGet, "/admin?lang=en", nil)
	want(t, resp, body, http.StatusOK, "")
	pageHas(t, "the dashboard", body, "Risk assessments to review", `href="`+page+"/"+as[0].ID+`"`)

	form.Set("risks", "Falls when moving: two people every time, and the sling checked.")
	form.Set("review-year", "2099")
	b.do(http.MethodGet, page+"/"+as[0].ID, nil)
	resp, body = b.post(page+"/"+as[0].ID, form)
	want(t, resp, body, http.StatusSeeOther, page+"?done=saved")
	if as := stored(); len(as) != 1 || !strings.HasPrefix(string(as[0].Review), "2099-") || !strings.Contains(as[0].Risks, "sling") {
		t.Fatalf("after the review: %+v", as)
	}

	p := newBrowser(t, r)
	p.signIn("catrin")
	resp, body = p.do(http.MethodGet, "/pa/risk?lang=en", nil)
	want(t, resp, body, http.StatusOK, "")
	pageHas(t, "the PA's page", body, "Gwen", "the sling checked", `lang="en"`)

	m := newBrowser(t, r)
	m.signIn("rhys")
	resp, body = m.do(http.MethodGet, page, nil)
	want(t, resp, body, http.StatusForbidden, "")
}
