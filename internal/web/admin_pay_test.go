package web_test

import (
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// TestPayrollPagesInWelsh: the demo co-op's Welsh admin reads a run's
// preview, the confirm page and the payroll forms' errors with none of the
// catalogue's English.
func TestPayrollPagesInWelsh(t *testing.T) {
	b := newBrowser(t, "webpay")
	// The payroll's state machine calls the stack's tasks back where it serves.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go b.stack.Serve(ln)
	get := func(method, path string, form url.Values) string {
		t.Helper()
		resp, page := b.do(method, path, form)
		if resp.StatusCode == http.StatusForbidden {
			t.Fatalf("%s %s: %d\n%s", method, path, resp.StatusCode, page)
		}
		return page
	}
	check := func(path, page string) { t.Helper(); welshOnly(t, path, page) }
	get(http.MethodGet, "/sign-in", nil)
	get(http.MethodPost, "/sign-in", url.Values{"email": {"admin@demo.coop.example"}})
	get(http.MethodPost, "/sign-in/code", url.Values{"code": {lastCode(t, b.dir)}})
	first, _ := dpcoop.Month(dpcoop.DateOf(testclock.Now()).Month()).Bounds()
	month := first.AddDays(-1).Month()

	get(http.MethodGet, "/admin/payroll", nil)
	check("start error", get(http.MethodPost, "/admin/payroll", url.Values{"month": {"2099-01"}}))
	get(http.MethodPost, "/admin/payroll", url.Values{"month": {month}})
	b.stack.Workflows.Wait()
	preview := get(http.MethodGet, "/admin/payroll/"+month, nil)
	if !strings.Contains(preview, "Rhagolwg") || !strings.Contains(preview, "Catrin Jones") {
		t.Fatalf("no preview of %s:\n%s", month, preview)
	}
	check("the preview", preview)
	check("the confirm page", get(http.MethodGet, "/admin/payroll/"+month+"/finalise", nil))
	get(http.MethodPost, "/admin/payroll/"+month+"/finalise", url.Values{"confirm": {"yes"}})
	final := get(http.MethodGet, "/admin/payroll/"+month+"?done=finalised", nil)
	if !strings.Contains(final, "Dyddlyfr y gyflogres") {
		t.Fatalf("%s is not final:\n%s", month, final)
	}
	check("the final run", final)
	check("the runs", get(http.MethodGet, "/admin/payroll", nil))
	check("settings error", get(http.MethodPost, "/admin/payroll/settings", url.Values{"pay_day": {"40"}}))
	terms := get(http.MethodPost, "/admin/payroll/settings", url.Values{"probation_months": {"13"}, "procedure_url": {"http://x"}})
	for _, f := range []string{"probation_months", "procedure_url"} {
		if !strings.Contains(terms, `href="#paysettings-`+f+`"`) {
			t.Errorf("the statement setting %s is not refused:\n%s", f, terms)
		}
	}
	check("statement settings error", terms)
	get(http.MethodGet, "/admin/payroll/settings", nil)
	check("credentials error", get(http.MethodPost, "/admin/payroll/hmrc-credentials", url.Values{}))
	pay := "/admin/pas/" + local.DemoID("tom") + "/pay"
	get(http.MethodGet, pay, nil)
	check("tax code error", get(http.MethodPost, pay+"/tax-codes", url.Values{"tax_code": {"XYZ"}}))
	check("loan error", get(http.MethodPost, pay+"/loans", url.Values{}))
	check("pension error", get(http.MethodPost, pay+"/pension/opt-in", url.Values{"date-day": {"40"}, "date-month": {"1"}, "date-year": {"2026"}}))
	check("sickness error", get(http.MethodPost, pay+"/sickness", url.Values{}))
	check("P45 figures error", get(http.MethodPost, pay+"/tax-codes", url.Values{"tax_code": {"1257L"}, "source": {"P9"}, "previous_pay_pence": {"x"}}))
	d := testclock.Now().In(dpcoop.London)
	get(http.MethodPost, pay+"/sickness", url.Values{"first_day-day": {d.Format("2")}, "first_day-month": {d.Format("1")}, "first_day-year": {d.Format("2006")},
		"qualifying_days": {"mon"}})
	absence := regexp.MustCompile(`/pay/sickness/([a-z0-9]+)"`).FindStringSubmatch(get(http.MethodGet, pay, nil))
	if absence == nil {
		t.Fatal("no absence to correct on the pay page")
	}
	check("sickness correction", get(http.MethodGet, pay+"/sickness/"+absence[1], nil))
	check("sickness correction error", get(http.MethodPost, pay+"/sickness/"+absence[1], url.Values{"first_day-day": {"40"}}))
	check("parental error", get(http.MethodPost, pay+"/parental", url.Values{"kind": {"spp"}}))
	check("leaving error", get(http.MethodPost, pay+"/leave", url.Values{"date-day": {"40"}}))
	check("leaving confirm", get(http.MethodPost, pay+"/leave", url.Values{"date": {month + "-20"}}))
}
