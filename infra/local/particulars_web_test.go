package local_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

var acknowledgeForm = regexp.MustCompile(`action="/pa/statements/([^/"]+)/([0-9]+)/acknowledge"`)

// tomsStatements are Tom's statements as the store holds them.
func tomsStatements(t *testing.T, r *running, now time.Time) []dpcoop.StatementVersion {
	t.Helper()
	listed, err := r.stack.Services.Particulars.OfPA(context.Background(), adminPrincipal, local.DemoID("tom"), now)
	if err != nil || len(listed) != 1 {
		t.Fatalf("Tom's statements: %+v, %v", listed, err)
	}
	return listed[0].Versions
}

// TestPagesPAAcknowledgesTheirWrittenStatement: Tom reads his written
// statement, downloads it and says he has read it; the admin's pay rise
// through the pages issues version 2, which the admin sees unread; Catrin
// (another PA) cannot acknowledge Tom's and Rhys (a member) cannot open
// the statements pages.
func TestPagesPAAcknowledgesTheirWrittenStatement(t *testing.T) {
	r, c := startPages(t)
	tom := newBrowser(t, r)
	tom.signIn("tom")
	resp, page := tom.do(http.MethodGet, "/pa?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "Tom's home page", page, "To do", "You have a new written statement about your job", "Read your employment statements")
	resp, page = tom.do(http.MethodGet, "/pa/statements?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "Tom's statements", page, "Your employment statements", "Rhys Price", "The first statement", "Not read yet", "I have read my written statement")
	forms := acknowledgeForm.FindAllStringSubmatch(page, -1)
	if len(forms) != 1 || forms[0][2] != "1" {
		t.Fatalf("want one version to acknowledge, got %v", forms)
	}
	employment := forms[0][1]
	resp, pdf := tom.do(http.MethodGet, "/pa/statements/"+employment+"/1.pdf", nil)
	want(t, resp, "", http.StatusOK, "")
	if resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF-") {
		t.Fatalf("the statement: %s, %.20q", resp.Header.Get("Content-Type"), pdf)
	}

	catrin := newBrowser(t, r)
	catrin.signIn("catrin")
	catrin.do(http.MethodGet, "/pa/statements", nil)
	resp, page = catrin.post("/pa/statements/"+employment+"/1/acknowledge", url.Values{})
	if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden {
		t.Fatalf("Catrin acknowledged Tom's statement: %d", resp.StatusCode)
	}
	resp, _ = catrin.do(http.MethodGet, "/pa/statements/"+employment+"/1.pdf", nil)
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("Catrin read Tom's statement: %d", resp.StatusCode)
	}
	rhys := newBrowser(t, r)
	rhys.signIn("rhys")
	resp, _ = rhys.do(http.MethodGet, "/pa/statements", nil)
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a member opened the statements: %d", resp.StatusCode)
	}
	if v := tomsStatements(t, r, c.now()); v[0].Acknowledged != nil {
		t.Fatalf("someone else acknowledged Tom's statement: %+v", v)
	}

	resp, page = tom.post("/pa/statements/"+employment+"/1/acknowledge", url.Values{})
	want(t, resp, page, http.StatusSeeOther, "/pa/statements?done=acknowledged")
	if v := tomsStatements(t, r, c.now()); len(v) != 1 || v[0].Acknowledged == nil {
		t.Fatalf("Tom's acknowledgement was not recorded: %+v", v)
	}
	resp, page = tom.do(http.MethodGet, "/pa", nil)
	want(t, resp, page, http.StatusOK, "")
	if strings.Contains(page, "new written statement") {
		t.Errorf("Tom's home page still asks him to read the statement he has read:\n%s", page)
	}

	admin := newBrowser(t, r)
	admin.signIn("admin")
	admin.do(http.MethodGet, "/admin/employments/"+employment+"/rates", nil)
	rates := url.Values{"standard": {"14.00"}, "night": {"14.50"}, "sleep_in": {""}, "bank_holiday": {"21.00"}}
	resp, page = admin.post("/admin/employments/"+employment+"/rates", dateFields(rates, "effective_from", c.now()))
	want(t, resp, page, http.StatusSeeOther, "/admin/pas/"+local.DemoID("tom")+"?done=rates")
	admin.post("/admin/employments/"+employment+"/rates", dateFields(rates, "effective_from", c.now()))
	v := tomsStatements(t, r, c.now())
	if len(v) != 2 || len(v[1].Changed) != 1 || v[1].Changed[0] != dpcoop.ChangedPay || v[1].Acknowledged != nil {
		t.Fatalf("after a pay rise, saved twice: %+v", v)
	}
	resp, page = tom.do(http.MethodGet, "/pa", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "Tom's home page after the pay rise", page, "You have a new written statement about your job")
	resp, page = admin.do(http.MethodGet, "/admin/pas/"+local.DemoID("tom")+"?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the admin's PA page", page, `href="/admin/pas/`+local.DemoID("tom")+`/statements"`)
	resp, page = admin.do(http.MethodGet, "/admin/pas/"+local.DemoID("tom")+"/statements?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the admin's list of Tom's statements", page, "the rates of pay", "Not read yet", "Read on", `href="/admin/pas/`+local.DemoID("tom")+`/statements/`+employment+`/2.pdf"`)
	if strings.Contains(page, "/acknowledge") {
		t.Errorf("the admin is offered to acknowledge for the PA:\n%s", page)
	}
	resp, pdf = admin.do(http.MethodGet, "/admin/pas/"+local.DemoID("tom")+"/statements/"+employment+"/2.pdf", nil)
	want(t, resp, "", http.StatusOK, "")
	if !strings.HasPrefix(pdf, "%PDF-") {
		t.Fatalf("the admin's PDF: %.20q", pdf)
	}
	resp, _ = admin.do(http.MethodGet, "/admin/pas/"+local.DemoID("catrin")+"/statements/"+employment+"/2.pdf", nil)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("Tom's statement under Catrin's page: %d", resp.StatusCode)
	}
}

var roleLink = regexp.MustCompile(`href="/admin/employments/([^/"]+)/role"`)

// TestPagesAdminChangesARole: the admin changes Tom's role from his PA page
// through the same service as PUT /v1/employments/{id}/role. No role, or
// one that is not offered, is an error summary and issues nothing; social
// support issues version 2 (the role changed), dated by the request's
// clock; saving it again issues nothing; Tom himself cannot change it.
func TestPagesAdminChangesARole(t *testing.T) {
	r, c := startPages(t)
	if v := tomsStatements(t, r, c.now()); len(v) != 1 {
		t.Fatalf("Tom's statements at the start: %+v", v)
	}
	admin := newBrowser(t, r)
	admin.signIn("admin")
	resp, page := admin.do(http.MethodGet, "/admin/pas/"+local.DemoID("tom")+"?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the admin's PA page", page, "Kind of support: Personal care", "Change the kind of support")
	links := roleLink.FindAllStringSubmatch(page, -1)
	if len(links) != 1 {
		t.Fatalf("want one link to change a role, got %v", links)
	}
	employment := links[0][1]
	path := "/admin/employments/" + employment + "/role"
	resp, page = admin.do(http.MethodGet, path+"?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the role form", page, "What kind of support will the PA give?", `value="personal_care" checked`)
	if strings.Contains(page, `name="standard"`) {
		t.Errorf("the role form asks for rates:\n%s", page)
	}

	for _, bad := range []string{"", "astrology"} {
		resp, page = admin.post(path+"?lang=en", url.Values{"role": {bad}})
		want(t, resp, page, http.StatusBadRequest, "")
		pageHas(t, "the role form refusing "+bad, page, "There is a problem", "Choose the kind of support the PA will give", `href="#emp-role"`)
	}
	if v := tomsStatements(t, r, c.now()); len(v) != 1 {
		t.Fatalf("a refused role issued a statement: %+v", v)
	}

	c.add(time.Minute)
	at := c.now()
	for range 2 {
		resp, page = admin.post(path, url.Values{"role": {dpcoop.SupportSocial}})
		want(t, resp, page, http.StatusSeeOther, "/admin/pas/"+local.DemoID("tom")+"?done=role")
		c.add(time.Minute)
	}
	v := tomsStatements(t, r, c.now())
	if len(v) != 2 || len(v[1].Changed) != 1 || v[1].Changed[0] != dpcoop.ChangedRole || !v[1].Issued.Equal(at) {
		t.Fatalf("after a role change saved twice (at %s): %+v", at, v)
	}
	resp, page = admin.do(http.MethodGet, "/admin/pas/"+local.DemoID("tom")+"/statements?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the admin's list of Tom's statements", page, "the kind of support (the job title)")

	tom := newBrowser(t, r)
	tom.signIn("tom")
	tom.do(http.MethodGet, "/pa/statements", nil)
	resp, _ = tom.post(path, url.Values{"role": {dpcoop.SupportDriving}})
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
		t.Fatalf("Tom changed his own role: %d", resp.StatusCode)
	}
	if v := tomsStatements(t, r, c.now()); len(v) != 2 {
		t.Fatalf("Tom's attempt issued a statement: %+v", v)
	}
}
