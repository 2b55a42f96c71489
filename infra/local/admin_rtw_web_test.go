package local_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestPagesRightToWorkBeforeShifts: a PA hired with no right-to-work check
// is on the admin's dashboard and cannot record a shift; a check with
// mistakes shows the error summary and records nothing; once recorded
// through the pages, the same shift is accepted. A member cannot open the
// page.
func TestPagesRightToWorkBeforeShifts(t *testing.T) {
	r, c := startPages(t)
	ctx := context.Background()
	today := dpcoop.DateOf(c.now())
	pa, id := hireElin(t, r, c, "rtw-test")
	emp := dpcoop.EmploymentInput{PA: pa.ID, Member: local.DemoID("rhys"), Rates: dpcoop.Rates{Standard: 1345, Night: 1400, SleepIn: 9000, BankHoliday: 2690}, Start: string(pa.StartDate)}
	if _, err := r.stack.Services.Employees.Employ(ctx, adminPrincipal, emp, id, c.now()); err != nil {
		t.Fatal(err)
	}

	if _, err := r.stack.Services.Recruiting.SetPolicy(ctx, adminPrincipal, dpcoop.RecruitmentPolicy{DBSRequired: dpcoop.DBSEnhanced}); err != nil {
		t.Fatal(err)
	}

	admin := newBrowser(t, r)
	admin.signIn("admin")
	resp, page := admin.do(http.MethodGet, "/admin?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the dashboard", page, "PAs with no valid right to work check", "No valid right to work check: Elin Parry", `href="/admin/pas/`+pa.ID+`/recruitment"`,
		"PAs without the DBS check the co-op requires", "No DBS check at the level required: Elin Parry")
	resp, page = admin.do(http.MethodGet, "/admin/pas/"+pa.ID, nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the PA's record", page, `href="/admin/pas/`+pa.ID+`/recruitment"`)

	elin := newBrowser(t, r)
	elin.signIn("elin")
	elin.do(http.MethodGet, "/pa?lang=en", nil)
	resp, page = elin.post("/pa/shifts/new", shiftForm(c.now(), local.DemoID("rhys"), "07:00", "09:00"))
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a shift before any check", page, "govuk-error-summary", "There is no valid right to work check for this PA on this date")

	path := "/admin/pas/" + pa.ID + "/recruitment"
	resp, page = admin.do(http.MethodGet, path, nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the page", page, "No valid check", `action="`+path+`/right-to-work"`, `name="checked_on-day"`, `value="online"`)
	resp, page = admin.post(path+"/right-to-work", url.Values{"method": {"idsp"}, "checked_on-day": {"31"}, "checked_on-month": {"2"}, "checked_on-year": {"2026"},
		"permission_expires-day": {"1"}, "permission_expires-month": {"1"}, "permission_expires-year": {"2030"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "the refused check", page, "govuk-error-summary", `href="#rtwcheck-checked_on-day"`, `href="#rtwcheck-permission_expires-day"`,
		"Enter a real date", "An identity service provider checks British and Irish passports only", `value="31"`)
	if rec, _ := r.stack.Store.Recruitment(ctx, local.DemoCoop, pa.ID); len(rec.RightToWork) != 0 {
		t.Fatalf("a refused check was recorded: %+v", rec.RightToWork)
	}
	d := c.now().In(dpcoop.London)
	resp, page = admin.post(path+"/right-to-work", url.Values{"method": {"online"}, "checked_on-day": {d.Format("2")}, "checked_on-month": {d.Format("1")}, "checked_on-year": {d.Format("2006")}})
	want(t, resp, page, http.StatusSeeOther, path+"?done=rtw")
	rec, err := r.stack.Store.Recruitment(ctx, local.DemoCoop, pa.ID)
	if err != nil || len(rec.RightToWork) != 1 || rec.RightToWork[0].CheckedOn != today || rec.RightToWork[0].CheckedBy != local.DemoAdmin {
		t.Fatalf("recorded: %+v %v", rec.RightToWork, err)
	}
	resp, page = admin.do(http.MethodGet, path+"?done=rtw", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "after the check", page, "The right to work check is recorded.", "Valid check", "Home Office online service with a share code")

	resp, page = elin.post("/pa/shifts/new", shiftForm(c.now(), local.DemoID("rhys"), "07:00", "09:00"))
	want(t, resp, page, http.StatusSeeOther, "/pa?done=recorded")

	m := newBrowser(t, r)
	m.signIn("rhys")
	resp, page = m.do(http.MethodGet, path, nil)
	want(t, resp, page, http.StatusForbidden, "")
	m.do(http.MethodGet, "/member", nil)
	resp, page = m.post(path+"/right-to-work", url.Values{"method": {"online"}, "checked_on-day": {"1"}, "checked_on-month": {"1"}, "checked_on-year": {"2026"}})
	want(t, resp, page, http.StatusForbidden, "")
}

// hireElin hires Elin Parry, a PA who started 20 days before the clock's
// today, with ids derived under test; id derives the test's other ids so.
func hireElin(t *testing.T, r *running, c *movingClock, test string) (dpcoop.PA, func(string, ...string) (string, error)) {
	t.Helper()
	id := func(kind string, natural ...string) (string, error) {
		return dpcoop.DerivedID(append([]string{test, kind}, natural...)...), nil
	}
	var in dpcoop.PAInput
	if err := json.Unmarshal([]byte(`{"legal_name":"Elin Parry","email":"elin@demo.coop.example","address":"3 Stryd Fawr, Y Bala","language":"en",
		"date_of_birth":"1990-05-01","ni_number":"CE 10 20 30 D","starter_declaration":"A","start_date":"`+string(dpcoop.DateOf(c.now()).AddDays(-20))+`",
		"bank":{"account_name":"E Parry","sort_code":"12-34-56","account_number":"12345678"}}`), &in); err != nil {
		t.Fatal(err)
	}
	pa, _, err := r.stack.Services.Employees.Hire(t.Context(), adminPrincipal, in, id, c.now())
	if err != nil {
		t.Fatal(err)
	}
	return pa, id
}
