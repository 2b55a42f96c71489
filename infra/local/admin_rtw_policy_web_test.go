package local_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestPagesDBSByRoleAndWhatTheMemberSees: the admin employs a PA to drive a
// member through the pages, sets the DBS check the co-op requires for each
// role (a refused answer writes nothing), and the PA's record says their
// role's requirement is met; the member sees their PA's safe recruitment as
// plain yes, no and counts, never the certificate, its level, the referee
// or a date; a member cannot open or post the policy.
func TestPagesDBSByRoleAndWhatTheMemberSees(t *testing.T) {
	r, c := startPages(t)
	ctx := context.Background()
	today := dpcoop.DateOf(c.now())
	pa, id := hireElin(t, r, c, "dbs-role-test")
	const cert = "001234567890"
	if _, _, err := r.stack.Services.Recruiting.RecordDBS(ctx, adminPrincipal, pa.ID, dpcoop.DBSInput{Level: dpcoop.DBSBasic, Certificate: cert, Issued: string(today.AddDays(-30))}, id, c.now()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := r.stack.Services.Recruiting.RecordReference(ctx, adminPrincipal, pa.ID, dpcoop.ReferenceInput{Referee: "Mair Referee", Requested: string(today.AddDays(-25))}, id, c.now()); err != nil {
		t.Fatal(err)
	}

	admin := newBrowser(t, r)
	admin.signIn("admin")
	admin.do(http.MethodGet, "/admin?lang=en", nil)
	resp, page := admin.do(http.MethodGet, "/admin/pas/"+pa.ID+"/employments/new", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the employment form", page, "Safe recruitment", "Right to work checked", "References received", "0 of 1", `name="role"`, `value="driving"`)
	d := c.now().In(dpcoop.London)
	resp, page = admin.post("/admin/pas/"+pa.ID+"/employments/new", url.Values{"member_id": {local.DemoID("rhys")}, "role": {"driving"},
		"start_date-day": {d.Format("2")}, "start_date-month": {d.Format("1")}, "start_date-year": {d.Format("2006")},
		"standard": {"13.45"}, "night": {"14.00"}, "sleep_in": {"90"}, "bank_holiday": {"26.90"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/pas/"+pa.ID+"?done=employed")
	emps, err := r.stack.Store.Employments(ctx, local.DemoCoop, pa.ID)
	if err != nil || len(emps) != 1 || emps[0].Role != dpcoop.SupportDriving {
		t.Fatalf("employed: %+v %v", emps, err)
	}

	resp, page = admin.do(http.MethodGet, "/admin/employer/dbs", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the policy page", page, "The DBS check required for every role", `name="dbs_driving"`, `value="all"`)
	before, _ := r.stack.Store.RecruitmentPolicy(ctx, local.DemoCoop)
	resp, page = admin.post("/admin/employer/dbs", url.Values{"dbs_required": {"enhanced_barred_adults"}, "dbs_personal_care": {"all"}, "dbs_social_support": {"all"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "an unanswered role", page, "govuk-error-summary", `href="#rtwpol-dbs_driving"`, "Choose the DBS check required for driving", `value="enhanced_barred_adults" checked`)
	if after, _ := r.stack.Store.RecruitmentPolicy(ctx, local.DemoCoop); !equalPolicy(after, before) {
		t.Fatalf("a refused policy was saved: %+v", after)
	}
	resp, page = admin.post("/admin/employer/dbs", url.Values{"dbs_required": {"enhanced_barred_adults"}, "dbs_personal_care": {"all"}, "dbs_social_support": {"standard"}, "dbs_driving": {"none"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/employer/dbs?done=dbs")
	pol, err := r.stack.Store.RecruitmentPolicy(ctx, local.DemoCoop)
	if err != nil || pol.DBSRequired != dpcoop.DBSEnhancedBarredAdu || len(pol.DBSByRole) != 2 || pol.DBSFor(dpcoop.SupportDriving) != "" || pol.DBSFor(dpcoop.SupportSocial) != dpcoop.DBSStandard {
		t.Fatalf("policy: %+v %v", pol, err)
	}
	resp, page = admin.do(http.MethodGet, "/admin/pas/"+pa.ID+"/recruitment", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the PA's record", page, "Driving", "No DBS check required")
	resp, page = admin.do(http.MethodGet, "/admin", nil)
	want(t, resp, page, http.StatusOK, "")
	if strings.Contains(page, "No DBS check at the level required: Elin Parry") {
		t.Error("a driver the co-op requires no DBS check of is listed as missing one")
	}

	m := newBrowser(t, r)
	m.signIn("rhys")
	resp, page = m.do(http.MethodGet, "/member/pa-training?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	i := strings.Index(page, "Elin Parry")
	if i < 0 {
		t.Fatalf("the member does not see their PA:\n%s", page)
	}
	card := page[i:]
	pageHas(t, "the member's view", card, "Right to work checked", "References received", "0 of 1", "DBS check meets the co-op&#39;s requirement", "Training up to date")
	for _, secret := range []string{cert, "Basic", "Mair Referee", "certificate", string(today.AddDays(-30))} {
		if strings.Contains(page, secret) {
			t.Errorf("the member's page shows %q", secret)
		}
	}
	for _, path := range []string{"/admin/employer/dbs", "/admin/pas/" + pa.ID + "/recruitment"} {
		resp, page = m.do(http.MethodGet, path, nil)
		want(t, resp, page, http.StatusForbidden, "")
	}
	m.do(http.MethodGet, "/member", nil)
	resp, page = m.post("/admin/employer/dbs", url.Values{"dbs_required": {"none"}, "dbs_personal_care": {"all"}, "dbs_social_support": {"all"}, "dbs_driving": {"all"}})
	want(t, resp, page, http.StatusForbidden, "")

	// The statement issued when Elin was employed, unread for 15 days, is
	// on the dashboard; not before.
	line := "Elin Parry: version 1, issued " + c.now().In(dpcoop.London).Format("Monday 2 January 2006")
	resp, page = admin.do(http.MethodGet, "/admin", nil)
	want(t, resp, page, http.StatusOK, "")
	if strings.Contains(page, line) {
		t.Fatalf("a statement issued today is on the dashboard:\n%s", page)
	}
	c.add(15 * 24 * time.Hour)
	later := newBrowser(t, r)
	later.signIn("admin")
	resp, page = later.do(http.MethodGet, "/admin?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the dashboard 15 days on", page, "Written statements not acknowledged after 14 days", line, `href="/admin/pas/`+pa.ID+`/statements"`)
}

// equalPolicy compares two policies by what they require of each role.
func equalPolicy(a, b dpcoop.RecruitmentPolicy) bool {
	for _, role := range dpcoop.SupportRoles {
		if a.DBSFor(role) != b.DBSFor(role) {
			return false
		}
	}
	return true
}
