package local_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

var slipLink = regexp.MustCompile(`href="(/admin/payroll/[0-9-]+/payslips/[^"]+\.pdf)"`)

// TestPagesAdminRunsAndFinalisesPayroll: the demo admin starts last month's
// run through the pages, reads its preview, is asked to confirm before it is
// finalised, and downloads a payslip and the reports; a member is refused.
func TestPagesAdminRunsAndFinalisesPayroll(t *testing.T) {
	r, c := startPages(t)
	ctx := context.Background()
	first, _ := dpcoop.Month(dpcoop.DateOf(c.now()).Month()).Bounds()
	month := first.AddDays(-1).Month()
	b := newBrowser(t, r)
	b.signIn("admin")
	resp, page := b.do(http.MethodGet, "/admin/payroll?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the runs before any", page, "No payroll has been run yet.", `action="/admin/payroll"`, `value="`+month+`" selected`)

	// A month to come is refused on the form, and nothing starts.
	resp, page = b.post("/admin/payroll", url.Values{"month": {"2099-01"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a month to come", page, "govuk-error-summary", `href="#payrun-month"`)
	r.stack.Workflows.Wait()
	if runs, err := r.stack.Services.Payroll.Runs(ctx, adminPrincipal); err != nil || len(runs) != 0 {
		t.Fatalf("a refused start made runs %+v %v", runs, err)
	}

	resp, page = b.post("/admin/payroll", url.Values{"month": {month}})
	want(t, resp, page, http.StatusSeeOther, "/admin/payroll/"+month+"?done=started")
	r.stack.Workflows.Wait()
	resp, page = b.do(http.MethodGet, "/admin/payroll/"+month, nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the preview", page, "Preview", "Catrin Jones", "Tom Evans", "Charged to members' accounts",
		"the payroll settings name no pension scheme", `href="/admin/payroll/settings"`, `href="/admin/payroll/`+month+`/finalise"`)
	if slipLink.MatchString(page) {
		t.Error("a preview's payslips cannot be downloaded yet")
	}
	resp, page = b.do(http.MethodGet, "/admin/payroll?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the runs", page, `href="/admin/payroll/`+month+`"`, "Preview")

	// The confirm page says what will happen; a POST without confirm=yes
	// only asks again.
	run, err := r.stack.Services.Payroll.Run(ctx, adminPrincipal, month)
	if err != nil {
		t.Fatal(err)
	}
	resp, page = b.do(http.MethodGet, "/admin/payroll/"+month+"/finalise", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the confirm page", page, "give the PAs 2 payslips", "You cannot undo this.", `name="confirm" value="yes"`,
		payslips.Pounds(run.Totals.Net), payslips.Pounds(run.Totals.Charged), "Full Payment Submission")
	resp, page = b.post("/admin/payroll/"+month+"/finalise", url.Values{})
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "finalising without confirming", page, "You cannot undo this.")
	if run, _ := r.stack.Services.Payroll.Run(ctx, adminPrincipal, month); run.Status != dpcoop.RunPreview {
		t.Fatalf("finalised without confirm=yes: %s", run.Status)
	}

	// A member may not finalise it, nor read the pages.
	m := newBrowser(t, r)
	m.signIn("rhys")
	resp, page = m.do(http.MethodGet, "/admin/payroll", nil)
	want(t, resp, page, http.StatusForbidden, "")
	m.do(http.MethodGet, "/member", nil)
	resp, page = m.post("/admin/payroll/"+month+"/finalise", url.Values{"confirm": {"yes"}})
	want(t, resp, page, http.StatusForbidden, "")

	resp, page = b.post("/admin/payroll/"+month+"/finalise", url.Values{"confirm": {"yes"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/payroll/"+month+"?done=finalised")
	if run, _ := r.stack.Services.Payroll.Run(ctx, adminPrincipal, month); run.Status != dpcoop.RunFinal {
		t.Fatalf("after confirming: %s", run.Status)
	}
	resp, page = b.do(http.MethodGet, "/admin/payroll/"+month+"?done=finalised", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the final run", page, "Payroll is finalised.", "Payroll journal (CSV)", "Bank payments list (CSV)", "Filing with HMRC")
	links := slipLink.FindAllStringSubmatch(page, -1)
	if len(links) != 2 {
		t.Fatalf("want 2 payslips to download, got %d", len(links))
	}
	resp, page = b.do(http.MethodGet, links[0][1], nil)
	want(t, resp, page, http.StatusOK, "")
	if resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(page, "%PDF-") {
		t.Errorf("the payslip: %s %.20q", resp.Header.Get("Content-Type"), page)
	}
	resp, page = b.do(http.MethodGet, "/admin/payroll/"+month+"/reports/journal.csv", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") || !strings.Contains(page, "Catrin Jones") || !strings.Contains(page, "Gross pay") {
		t.Errorf("the journal in English: %s\n%s", resp.Header.Get("Content-Type"), page)
	}
	resp, page = b.do(http.MethodGet, "/admin/payroll/"+month+"/reports/journal.csv?lang=cy", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.Contains(page, "Tâl gros") {
		t.Errorf("the journal in Welsh:\n%s", page)
	}
	resp, page = b.do(http.MethodGet, "/admin/payroll/"+month+"/reports/nothing.csv", nil)
	want(t, resp, page, http.StatusNotFound, "")
}

// settingsForm is the settings form's answers for the demo co-op's
// settings, with changes.
func settingsForm(change map[string]string) url.Values {
	f := url.Values{"pay_day": {"7"}, "lead_days": {"3"}, "auto_finalise": {"no"}, "pays_within_month": {"no"},
		"fee_per_member_pence": {"0"}, "fee_basis_points": {"0"}, "mileage_pence": {"45"}, "surplus_limit_pence": {"0"},
		"statutory_pay_charge": {"members"}, "pension_employer_bp": {"300"}, "pension_employee_bp": {"500"},
		"pension_relief": {"relief_at_source"}, "pension_postponement_months": {"0"}, "holiday": {"accrued"},
		"holiday_year_month": {"0"}, "employment_allowance": {"no"}, "probation_months": {"0"}}
	for k, v := range change {
		f.Set(k, v)
	}
	return f
}

// TestPagesAdminChangesPayrollSettings: bad answers are shown with the error
// summary, kept, and nothing is written; good ones are; the HMRC password
// is never shown back.
func TestPagesAdminChangesPayrollSettings(t *testing.T) {
	r, _ := startPages(t)
	ctx := context.Background()
	b := newBrowser(t, r)
	b.signIn("admin")
	resp, page := b.do(http.MethodGet, "/admin/payroll/settings?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the settings", page, `id="paysettings-pay_day" name="pay_day" type="text" value="7"`)

	resp, page = b.post("/admin/payroll/settings", settingsForm(map[string]string{"pay_day": "40", "lead_days": "three", "pension_scheme_name": "Nyth"}))
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "bad settings", page, "govuk-error-summary", `href="#paysettings-pay_day"`, `href="#paysettings-lead_days"`,
		`value="three"`, `value="Nyth"`, "Enter a whole number")
	if s, err := r.stack.Services.Payroll.Settings(ctx, adminPrincipal); err != nil || s.PayDay != 7 || s.PensionSchemeName != "" {
		t.Fatalf("refused settings were written: %+v %v", s, err)
	}
	resp, page = b.post("/admin/payroll/settings", settingsForm(map[string]string{"pay_day": "25", "pension_scheme_name": "Nyth", "pension_employee_bp": "400"}))
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "pension below the minimum", page, `href="#paysettings-pension_employee_bp"`)

	resp, page = b.post("/admin/payroll/settings", settingsForm(map[string]string{"pay_day": "25", "pension_scheme_name": "Nyth", "auto_finalise": "yes"}))
	want(t, resp, page, http.StatusSeeOther, "/admin/payroll/settings?done=settings")
	s, err := r.stack.Services.Payroll.Settings(ctx, adminPrincipal)
	if err != nil || s.PayDay != 25 || s.PensionSchemeName != "Nyth" || !s.AutoFinalise || s.PensionEmployerBP != 300 {
		t.Fatalf("settings after saving: %+v %v", s, err)
	}

	resp, page = b.post("/admin/payroll/hmrc-credentials", url.Values{"sender_id": {"ABC123"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "credentials without a password", page, "govuk-error-summary", `href="#payhmrc-password"`, `value="ABC123"`)
	resp, page = b.post("/admin/payroll/hmrc-credentials", url.Values{"sender_id": {"ABC123"}, "password": {"s3cret-Passw0rd"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/payroll/settings?done=credentials")
	_, page = b.do(http.MethodGet, "/admin/payroll/settings?done=credentials", nil)
	pageHas(t, "after saving the credentials", page, "The Government Gateway details are saved.")
	if strings.Contains(page, "s3cret-Passw0rd") || strings.Contains(page, "ABC123") {
		t.Error("the stored credentials must never be shown back")
	}

	p := newBrowser(t, r)
	p.signIn("catrin")
	p.do(http.MethodGet, "/pa", nil)
	resp, page = p.post("/admin/payroll/settings", settingsForm(map[string]string{"pay_day": "1"}))
	want(t, resp, page, http.StatusForbidden, "")
	if s, _ := r.stack.Services.Payroll.Settings(ctx, adminPrincipal); s.PayDay != 25 {
		t.Fatalf("a PA changed the pay day to %d", s.PayDay)
	}
}

// TestPagesAdminRecordsAPAsPayDuties: on Tom's pay page the admin records a
// tax code notice (a bad one first: the error summary, nothing written),
// and records his leaving only once they confirm; a PA may not.
func TestPagesAdminRecordsAPAsPayDuties(t *testing.T) {
	r, c := startPages(t)
	ctx := context.Background()
	tom := local.DemoID("tom")
	pay := "/admin/pas/" + tom + "/pay"
	b := newBrowser(t, r)
	b.signIn("admin")
	resp, page := b.do(http.MethodGet, pay+"?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "Tom's pay page", page, "Tom Evans's pay", "Tax code today", "1257L", "Not a member of the pension scheme.", "Record that the PA left")
	before, err := r.stack.Services.Employees.PayHistory(ctx, adminPrincipal, tom)
	if err != nil {
		t.Fatal(err)
	}

	resp, page = b.post(pay+"/tax-codes", url.Values{"tax_code": {"XYZ"}, "source": {"P6"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a bad tax code", page, "govuk-error-summary", `href="#paytax-tax_code"`, `href="#paytax-effective_from-day"`, `value="XYZ"`)
	d := dpcoop.DateOf(c.now())
	day, month, year := d.Time().Format("2"), d.Time().Format("1"), d.Time().Format("2006")
	resp, page = b.post(pay+"/tax-codes", url.Values{"tax_code": {"1100L"}, "source": {"P6"}, "basis": {"cumulative"},
		"effective_from-day": {day}, "effective_from-month": {month}, "effective_from-year": {year}})
	want(t, resp, page, http.StatusSeeOther, pay+"?done=taxcode")
	after, err := r.stack.Services.Employees.PayHistory(ctx, adminPrincipal, tom)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Notices) != len(before.Notices)+1 || after.Notices[len(after.Notices)-1].TaxCode != "1100L" {
		t.Fatalf("notices after recording a P6: %+v", after.Notices)
	}
	// A P45's pay and tax to date, typed in pounds (the tax negative after a
	// refund), are kept to the penny; on a P9 they are refused.
	p45 := url.Values{"tax_code": {"1257L"}, "source": {"P45"}, "basis": {"cumulative"}, "previous_pay_pence": {"1,234.56"}, "previous_tax_pence": {"-12.50"},
		"effective_from-day": {day}, "effective_from-month": {month}, "effective_from-year": {year}}
	p45.Set("source", "P9")
	resp, page = b.post(pay+"/tax-codes", p45)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "P45 figures on a P9", page, "govuk-error-summary", `href="#paytax-previous_pay_pence"`, `value="1,234.56"`)
	p45.Set("source", "P45")
	resp, page = b.post(pay+"/tax-codes", p45)
	want(t, resp, page, http.StatusSeeOther, pay+"?done=taxcode")
	if h, _ := r.stack.Services.Employees.PayHistory(ctx, adminPrincipal, tom); len(h.Notices) != len(before.Notices)+2 ||
		h.Notices[len(h.Notices)-1].PreviousPay != 123456 || h.Notices[len(h.Notices)-1].PreviousTax != -1250 {
		t.Fatalf("notices after recording a P45: %+v", h.Notices)
	}

	// Sickness: without the days Tom normally works it is refused; with them
	// it is recorded.
	resp, page = b.post(pay+"/sickness", url.Values{"first_day-day": {day}, "first_day-month": {month}, "first_day-year": {year}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "sickness without qualifying days", page, "govuk-error-summary", `href="#paysick-qualifying_days"`)
	if s, _ := r.stack.Services.Statutory.Sickness(ctx, adminPrincipal, tom, c.now()); len(s.Absences) != 0 {
		t.Fatalf("a refused absence was recorded: %+v", s.Absences)
	}
	resp, page = b.post(pay+"/sickness", url.Values{"first_day-day": {day}, "first_day-month": {month}, "first_day-year": {year},
		"qualifying_days": {"mon", "thu"}})
	want(t, resp, page, http.StatusSeeOther, pay+"?done=sickness")
	s, _ := r.stack.Services.Statutory.Sickness(ctx, adminPrincipal, tom, c.now())
	if len(s.Absences) != 1 || s.Absences[0].FirstDay != d {
		t.Fatalf("absences after recording one: %+v", s.Absences)
	}

	// Correcting it: its page shows the absence as recorded; a last day
	// before the first is refused and changes nothing; then Tom is back.
	correct := pay + "/sickness/" + s.Absences[0].ID
	resp, page = b.do(http.MethodGet, correct+"?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the correction form", page, "Correct Tom Evans&#39;s sickness absence", `name="first_day-day" type="text" inputmode="numeric" value="`+day+`"`, `value="thu" checked`)
	y := d.AddDays(-1).Time()
	resp, page = b.post(correct, url.Values{"first_day-day": {day}, "first_day-month": {month}, "first_day-year": {year}, "qualifying_days": {"mon", "thu"},
		"last_day-day": {y.Format("2")}, "last_day-month": {y.Format("1")}, "last_day-year": {y.Format("2006")}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a last day before the first", page, "govuk-error-summary", `href="#paysick-last_day-day"`)
	if s, _ := r.stack.Services.Statutory.Sickness(ctx, adminPrincipal, tom, c.now()); s.Absences[0].LastDay != "" {
		t.Fatalf("a refused correction changed the absence: %+v", s.Absences[0])
	}
	resp, page = b.post(correct, url.Values{"first_day-day": {day}, "first_day-month": {month}, "first_day-year": {year}, "qualifying_days": {"mon", "thu"},
		"last_day-day": {day}, "last_day-month": {month}, "last_day-year": {year}})
	want(t, resp, page, http.StatusSeeOther, pay+"?done=sickcorrected")
	if s, _ := r.stack.Services.Statutory.Sickness(ctx, adminPrincipal, tom, c.now()); s.Absences[0].LastDay != d {
		t.Fatalf("the corrected absence: %+v", s.Absences[0])
	}

	// Paternity pay without its week is refused; with it, recorded.
	resp, page = b.post(pay+"/parental", url.Values{"kind": {"spp"}, "due_date-day": {day}, "due_date-month": {month}, "due_date-year": {year}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "paternity pay without a week", page, "govuk-error-summary", `href="#payparental-week_1-day"`)
	resp, page = b.post(pay+"/parental", url.Values{"kind": {"spp"}, "due_date-day": {day}, "due_date-month": {month}, "due_date-year": {year},
		"week_1-day": {day}, "week_1-month": {month}, "week_1-year": {year}})
	want(t, resp, page, http.StatusSeeOther, pay+"?done=parental")
	if ps, _ := r.stack.Services.Statutory.Parental(ctx, adminPrincipal, tom); len(ps) != 1 || len(ps[0].Notice.Weeks) != 1 {
		t.Fatalf("parental notices after recording one: %+v", ps)
	}

	// A PA may not record anything on another's page.
	p := newBrowser(t, r)
	p.signIn("catrin")
	p.do(http.MethodGet, "/pa", nil)
	resp, page = p.post(pay+"/leave", url.Values{"date": {string(d)}, "confirm": {"yes"}})
	want(t, resp, page, http.StatusForbidden, "")

	// Leaving asks to confirm first, and does nothing until it is.
	b.do(http.MethodGet, pay, nil)
	resp, page = b.post(pay+"/leave", url.Values{"date-day": {day}, "date-month": {month}, "date-year": {year}})
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the leaving confirm page", page, "You cannot undo this.", "end their sign-in today", `name="date" value="`+string(d)+`"`)
	if h, _ := r.stack.Services.Employees.PayHistory(ctx, adminPrincipal, tom); h.Left != "" {
		t.Fatalf("Tom left without confirming: %s", h.Left)
	}
	resp, page = b.post(pay+"/leave", url.Values{"date": {string(d)}, "confirm": {"yes"}})
	want(t, resp, page, http.StatusSeeOther, pay+"?done=left")
	if h, _ := r.stack.Services.Employees.PayHistory(ctx, adminPrincipal, tom); h.Left != d {
		t.Fatalf("Tom's leaving day: %q, want %s", h.Left, d)
	}
	_, page = b.do(http.MethodGet, pay+"?done=left", nil)
	pageHas(t, "the page after leaving", page, "It is recorded that the PA left.", "Give the P45")
}
