package local_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestPagesStatementSettings: the written statements' settings (probation,
// the procedure's address) are on the payroll settings page, which links to
// the employer's duties for the training required (its one list); wrong answers show the error summary with the answers kept
// and write nothing; right ones are saved and shown back.
func TestPagesStatementSettings(t *testing.T) {
	r, _ := startPages(t)
	ctx := context.Background()
	b := newBrowser(t, r)
	b.signIn("admin")
	resp, page := b.do(http.MethodGet, "/admin/payroll/settings?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the settings", page, "Written statements", `name="probation_months"`, `name="procedure_url"`, `href="/admin/employer"`)
	if strings.Contains(page, `name="required_training"`) {
		t.Fatal("the payroll settings keep a second list of required training")
	}

	bad := settingsForm(map[string]string{"probation_months": "13", "procedure_url": "http://demo.coop.example/procedure"})
	resp, page = b.post("/admin/payroll/settings", bad)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "wrong statement settings", page, "govuk-error-summary", `href="#paysettings-probation_months"`, `href="#paysettings-procedure_url"`,
		"Enter a probation between 0 and 12 months", "Enter a web address starting https://", `value="13"`, `value="http://demo.coop.example/procedure"`)
	if s, err := r.stack.Services.Payroll.Settings(ctx, adminPrincipal); err != nil || s.ProbationMonths != 0 || s.ProcedureURL != "" {
		t.Fatalf("refused settings were written: %+v %v", s.EmploymentTerms, err)
	}
	good := settingsForm(map[string]string{"probation_months": "6", "procedure_url": "https://demo.coop.example/procedure"})
	resp, page = b.post("/admin/payroll/settings", good)
	want(t, resp, page, http.StatusSeeOther, "/admin/payroll/settings?done=settings")
	s, err := r.stack.Services.Payroll.Settings(ctx, adminPrincipal)
	if err != nil || s.ProbationMonths != 6 || s.ProcedureURL != "https://demo.coop.example/procedure" {
		t.Fatalf("saved: %+v %v", s.EmploymentTerms, err)
	}
	_, page = b.do(http.MethodGet, "/admin/payroll/settings", nil)
	pageHas(t, "the saved settings", page, `value="6"`, `value="https://demo.coop.example/procedure"`)
}
