package local_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// dateFields fills a date input's three parts from a time.
func dateFields(f url.Values, name string, d time.Time) url.Values {
	f.Set(name+"-day", strconv.Itoa(d.Day()))
	f.Set(name+"-month", strconv.Itoa(int(d.Month())))
	f.Set(name+"-year", strconv.Itoa(d.Year()))
	return f
}

func pendingApplications(t *testing.T, r *running) []dpcoop.Application {
	t.Helper()
	page, err := r.stack.Services.Members.Applications(context.Background(), adminPrincipal, dpcoop.StatusPending, dpcoop.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}

// The admin approves an application with the date the board decided, and
// rejects another with a reason; a wrong date or no reason writes nothing.
func TestPagesAdminDecidesApplications(t *testing.T) {
	r, c := startPages(t)
	ctx := context.Background()
	apps := pendingApplications(t, r)
	if len(apps) < 2 {
		t.Fatalf("the demo co-op has %d applications waiting, want 2", len(apps))
	}
	approve, reject := apps[0], apps[1]
	b := newBrowser(t, r)
	b.signIn("admin")
	resp, page := b.do(http.MethodGet, "/admin?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the dashboard", page, "Applications waiting for a decision", `href="/admin/applications"`)
	resp, page = b.do(http.MethodGet, "/admin/applications", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the applications", page, approve.Name, reject.Name)
	resp, page = b.do(http.MethodGet, "/admin/applications/"+approve.ID, nil)
	want(t, resp, page, http.StatusOK, "")

	today := c.now().In(dpcoop.London)
	for what, f := range map[string]url.Values{
		"no date":     {},
		"31 February": {"date_entered-day": {"31"}, "date_entered-month": {"2"}, "date_entered-year": {"2026"}},
		"tomorrow":    dateFields(url.Values{}, "date_entered", today.AddDate(0, 0, 1)),
	} {
		resp, page = b.post("/admin/applications/"+approve.ID+"/approve", f)
		want(t, resp, page, http.StatusBadRequest, "")
		pageHas(t, "approving with "+what, page, "govuk-error-summary", `href="#app-date_entered-day"`)
	}
	if a, _ := r.stack.Services.Members.Application(ctx, adminPrincipal, approve.ID); a.Status != dpcoop.StatusPending {
		t.Fatalf("a refused approval changed the application: %s", a.Status)
	}
	decided := today.AddDate(0, 0, -3)
	resp, page = b.post("/admin/applications/"+approve.ID+"/approve", dateFields(url.Values{}, "date_entered", decided))
	want(t, resp, page, http.StatusSeeOther, "/admin/applications?done=approved")
	a, err := r.stack.Services.Members.Application(ctx, adminPrincipal, approve.ID)
	if err != nil || a.Status != dpcoop.StatusApproved || a.MemberID == "" {
		t.Fatalf("approved: %+v %v", a, err)
	}
	if m, err := r.stack.Services.Members.Member(ctx, adminPrincipal, a.MemberID); err != nil || m.Entered != dpcoop.DateOf(decided) {
		t.Fatalf("the member was entered on %q, want the board's date %s (%v)", m.Entered, dpcoop.DateOf(decided), err)
	}

	resp, page = b.post("/admin/applications/"+reject.ID+"/reject", url.Values{"reason": {" "}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "rejecting without a reason", page, "govuk-error-summary", `href="#app-reason"`)
	if a, _ := r.stack.Services.Members.Application(ctx, adminPrincipal, reject.ID); a.Status != dpcoop.StatusPending {
		t.Fatalf("a refused rejection changed the application: %s", a.Status)
	}
	resp, page = b.post("/admin/applications/"+reject.ID+"/reject", url.Values{"reason": {"We support people in Cardiff only"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/applications?done=rejected")
	if a, _ := r.stack.Services.Members.Application(ctx, adminPrincipal, reject.ID); a.Status != dpcoop.StatusRejected || a.Reason != "We support people in Cardiff only" {
		t.Fatalf("rejected: %+v", a)
	}
	resp, page = b.do(http.MethodGet, "/admin/audit", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the audit trail", page, "Changed: an application", "You (admin)", approve.Name)
}

// Ceasing a member asks to confirm, saying their sign-in stops; only the
// confirmed post ceases them, and bad answers write nothing.
func TestPagesAdminCeasesAMemberOnlyWhenConfirmed(t *testing.T) {
	r, c := startPages(t)
	ctx := context.Background()
	gwen := local.DemoID("gwen")
	b := newBrowser(t, r)
	b.signIn("admin")
	resp, page := b.do(http.MethodGet, "/admin/members/"+gwen+"/cease?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	resp, page = b.post("/admin/members/"+gwen+"/cease", url.Values{"reason": {"Moved away"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "ceasing without a date", page, "govuk-error-summary", "Enter the date the member left", `href="#cease-date-day"`)
	today := c.now().In(dpcoop.London)
	resp, page = b.post("/admin/members/"+gwen+"/cease", dateFields(url.Values{"reason": {"Moved away"}}, "date", today))
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the confirm page", page, "Gwen Morgan will leave the register of members.", "Their sign-in stops", `name="confirm" value="yes"`)
	if m, _ := r.stack.Services.Members.Member(ctx, adminPrincipal, gwen); m.Ceased != "" {
		t.Fatalf("ceased before confirming: %+v", m)
	}
	hiddenDate := regexp.MustCompile(`name="date" value="([^"]+)"`).FindStringSubmatch(page)
	if hiddenDate == nil {
		t.Fatalf("the confirm page does not carry the date:\n%s", page)
	}
	resp, page = b.post("/admin/members/"+gwen+"/cease", url.Values{"confirm": {"yes"}, "date": {hiddenDate[1]}, "reason": {"Moved away"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/members/"+gwen+"?done=ceased")
	if m, _ := r.stack.Services.Members.Member(ctx, adminPrincipal, gwen); m.Ceased != dpcoop.DateOf(today) || m.CeaseReason != "Moved away" {
		t.Fatalf("not ceased as confirmed: %+v", m)
	}
	member := newBrowser(t, r)
	member.do(http.MethodGet, "/sign-in", nil)
	member.post("/sign-in", url.Values{"email": {"gwen@demo.coop.example"}})
	resp, page = member.post("/sign-in/code", url.Values{"code": {lastCode(t, r, "gwen@demo.coop.example")}})
	if resp.StatusCode == http.StatusSeeOther && resp.Header.Get("Location") == "/" {
		t.Fatalf("a ceased member signed in:\n%s", page)
	}
}

// The admin hires a PA, starts an employment for a member, changes its
// rates from a date and sets the member's care plan; each refused form
// writes nothing.
func TestPagesAdminHiresAPAAndSetsRates(t *testing.T) {
	r, c := startPages(t)
	ctx, now := context.Background(), c.now()
	today := now.In(dpcoop.London)
	first := time.Date(today.Year(), today.Month(), 1, 12, 0, 0, 0, dpcoop.London)
	gwen := local.DemoID("gwen")
	b := newBrowser(t, r)
	b.signIn("admin")
	resp, page := b.do(http.MethodGet, "/admin/pas/new?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(page)
	if key == nil {
		t.Fatalf("the form has no key:\n%s", page)
	}
	before, err := r.stack.Services.Employees.PAs(ctx, adminPrincipal, dpcoop.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	resp, page = b.post("/admin/pas/new", url.Values{"key": {key[1]}, "ni_number": {"123"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "an empty PA form", page, "Enter the PA's full legal name", `href="#pa-legal_name"`, "Enter a National Insurance number in the correct format", `href="#pa-date_of_birth-day"`)
	form := url.Values{"key": {key[1]}, "legal_name": {"Nia Roberts"}, "email": {"nia@example.org"}, "address": {"3 Heol y Bont, Caerdydd"},
		"language": {"cy"}, "ni_number": {"AB 12 34 56 C"}, "starter_declaration": {"A"}, "ni_category": {"A"},
		"account_name": {"Nia Roberts"}, "sort_code": {"11-22-33"}, "account_number": {"12345678"}}
	dateFields(form, "date_of_birth", time.Date(1990, 5, 1, 0, 0, 0, 0, time.UTC))
	dateFields(form, "start_date", first)
	resp, page = b.post("/admin/pas/new", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("hiring: %d\n%s", resp.StatusCode, page)
	}
	to := resp.Header.Get("Location")
	resp2, page := b.post("/admin/pas/new", form) // a second click finds the first
	want(t, resp2, page, http.StatusSeeOther, to)
	after, err := r.stack.Services.Employees.PAs(ctx, adminPrincipal, dpcoop.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Items) != len(before.Items)+1 {
		t.Fatalf("%d PAs after hiring once (twice posted), %d before", len(after.Items), len(before.Items))
	}
	id := regexp.MustCompile(`^/admin/pas/([^/?]+)\?done=hired$`).FindStringSubmatch(to)
	if id == nil {
		t.Fatalf("hiring went to %q", to)
	}
	pa, _, err := r.stack.Services.Employees.PA(ctx, adminPrincipal, id[1], now)
	if err != nil || pa.NINumber != "AB123456C" || pa.Bank == nil || pa.Bank.SortCode != "112233" || pa.TaxCode != "1257L" {
		t.Fatalf("the PA's record: %+v %v", pa, err)
	}

	emp := url.Values{"member_id": {gwen}, "standard": {"13"}, "night": {"x"}, "bank_holiday": {"19.50"}}
	dateFields(emp, "start_date", first)
	resp, page = b.post("/admin/pas/"+pa.ID+"/employments/new", emp)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "an employment with a rate that is not an amount", page, "Enter the rate an hour at night in pounds", `href="#emp-night"`)
	emp.Set("night", "0.50")
	resp, page = b.post("/admin/pas/"+pa.ID+"/employments/new", emp)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "an employment below the minimum wage", page, "govuk-error-summary", `href="#emp-night"`)
	if emps, _, _ := r.stack.Services.Employees.Employments(ctx, adminPrincipal, pa.ID, "", now); len(emps) != 0 {
		t.Fatalf("a refused employment was written: %+v", emps)
	}
	emp.Set("night", "14")
	resp, page = b.post("/admin/pas/"+pa.ID+"/employments/new", emp)
	want(t, resp, page, http.StatusSeeOther, "/admin/pas/"+pa.ID+"?done=employed")
	emps, _, err := r.stack.Services.Employees.Employments(ctx, adminPrincipal, pa.ID, "", now)
	if err != nil || len(emps) != 1 || emps[0].Member != gwen || emps[0].Rates != (dpcoop.Rates{Standard: 1300, Night: 1400, BankHoliday: 1950}) {
		t.Fatalf("the employment: %+v %v", emps, err)
	}

	resp, page = b.do(http.MethodGet, "/admin/employments/"+emps[0].ID+"/rates", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the rates form", page, `value="13.00"`, "Nia Roberts for Gwen Morgan")
	rates := url.Values{"standard": {"13.50"}, "night": {"14"}, "sleep_in": {""}, "bank_holiday": {"19.50"}}
	resp, page = b.post("/admin/employments/"+emps[0].ID+"/rates", rates)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "rates without a date", page, "Enter the date the new rates start", `href="#emp-effective_from-day"`)
	resp, page = b.post("/admin/employments/"+emps[0].ID+"/rates", dateFields(rates, "effective_from", today))
	want(t, resp, page, http.StatusSeeOther, "/admin/pas/"+pa.ID+"?done=rates")
	emps, _, _ = r.stack.Services.Employees.Employments(ctx, adminPrincipal, pa.ID, "", now)
	if got := emps[0].RatesOn(dpcoop.DateOf(now)).Standard; got != 1350 || emps[0].RatesOn(dpcoop.DateOf(first)).Standard != 1300 {
		t.Fatalf("the rate from today is %d, want 1350 (and 1300 before): %+v", got, emps[0])
	}
	resp, page = b.do(http.MethodGet, "/admin/pas/"+pa.ID, nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the PA's page", page, "Gwen Morgan", "£13.50 an hour")

	resp, page = b.post("/admin/members/"+gwen+"/care-plan", url.Values{"hours": {"lots"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a care plan that is not a number", page, "Enter the hours as a number", `href="#member-hours"`)
	resp, page = b.post("/admin/members/"+gwen+"/care-plan", url.Values{"hours": {"12.5"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/members/"+gwen+"?done=careplan")
	if plan, err := r.stack.Services.Timesheets.CarePlan(ctx, adminPrincipal, gwen); err != nil || plan.WeeklyMinutes != 750 {
		t.Fatalf("the care plan: %+v %v", plan, err)
	}
}

// A member or a PA is refused every page of the area, and its forms.
func TestPagesAdminRegRefusesMembersAndPAs(t *testing.T) {
	r, _ := startPages(t)
	apps := pendingApplications(t, r)
	for _, who := range []string{"gwen", "catrin"} {
		b := newBrowser(t, r)
		b.signIn(who)
		b.do(http.MethodGet, "/", nil)
		for _, p := range []string{"/admin/applications", "/admin/members", "/admin/members/register.csv", "/admin/pas", "/admin/audit", "/admin/shifts/waiting"} {
			resp, page := b.do(http.MethodGet, p, nil)
			want(t, resp, page, http.StatusForbidden, "")
		}
		resp, page := b.post("/admin/applications/"+apps[0].ID+"/approve", url.Values{"date_entered-day": {"1"}, "date_entered-month": {"11"}, "date_entered-year": {"2026"}})
		want(t, resp, page, http.StatusForbidden, "")
	}
	if a := pendingApplications(t, r); len(a) != len(apps) {
		t.Fatalf("%d applications wait after refused approvals, want %d", len(a), len(apps))
	}
}

// A shift left unapproved more than three days shows on the dashboard, and
// its list names the member who must approve it; last month's payroll,
// worked and not run, is due.
func TestPagesAdminDashboardShowsWhatNeedsDoing(t *testing.T) {
	r, c := startPages(t)
	tomsShift(t, r, c, "06:00", "07:00")
	b := newBrowser(t, r)
	b.signIn("admin")
	resp, page := b.do(http.MethodGet, "/admin?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	if regexp.MustCompile(`Shifts waiting more than 3 days`).MatchString(page) {
		t.Fatalf("a shift sent today shows as waiting too long:\n%s", page)
	}
	today := c.now().In(dpcoop.London)
	last := time.Date(today.Year(), today.Month(), 0, 12, 0, 0, 0, dpcoop.London).Format("2006-01")
	pageHas(t, "the dashboard", page, "Applications waiting for a decision", `href="/admin/payroll/`+last+`"`)
	c.add(73 * time.Hour)
	b.signIn("admin") // the session idled out meanwhile
	resp, page = b.do(http.MethodGet, "/admin?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the dashboard three days on", page, "Shifts waiting more than 3 days for approval", `href="/admin/shifts/waiting"`)
	resp, page = b.do(http.MethodGet, "/admin/shifts/waiting", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the shifts waiting", page, "Tom Evans", "Rhys Price", "06:00–07:00")
}
