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

// TestPagesCaseSeenOnlyByItsAdminsAndThePA: the demo admin opens a
// disciplinary case about Catrin through the pages and records its stages;
// a refused form writes nothing; Catrin reads it and its letter on her own
// pages; another admin not handling it, and a member, are told it does not
// exist or refused.
func TestPagesCaseSeenOnlyByItsAdminsAndThePA(t *testing.T) {
	r, c := startPages(t)
	ctx := context.Background()
	today := dpcoop.DateOf(c.now())
	catrin := local.DemoID("catrin")
	admin := newBrowser(t, r)
	admin.signIn("admin")
	resp, page := admin.do(http.MethodGet, "/admin/pas/"+catrin+"/cases?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the PA's cases", page, "No cases you handle.", `action="/admin/pas/`+catrin+`/cases"`)

	// A refused form keeps the answers and writes nothing.
	bad := dateForm(url.Values{"kind": {"disciplinary"}, "summary": {""}}, "opened", today.AddDays(1))
	resp, page = admin.post("/admin/pas/"+catrin+"/cases", bad)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a refused case", page, "govuk-error-summary", `href="#caseopen-summary"`, `href="#caseopen-opened-day"`)
	if list, err := r.stack.Services.Cases.Handled(ctx, adminPrincipal); err != nil || len(list) != 0 {
		t.Fatalf("a refused form wrote %+v %v", list, err)
	}

	const summary = "Late for three morning shifts QV42"
	open := dateForm(url.Values{"kind": {"disciplinary"}, "summary": {summary}}, "opened", today.AddDays(-10))
	resp, page = admin.post("/admin/pas/"+catrin+"/cases", open)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "?done=opened") {
		t.Fatalf("open: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), page)
	}
	path := strings.TrimSuffix(resp.Header.Get("Location"), "?done=opened")
	id := strings.TrimPrefix(path, "/admin/cases/")
	stored, err := r.stack.Services.Cases.Case(ctx, adminPrincipal, id)
	if err != nil || stored.Summary != summary || stored.PA != catrin {
		t.Fatalf("stored %+v %v", stored, err)
	}

	// Its stages, in order, through the case's form.
	stage := func(v url.Values, on dpcoop.Date) {
		t.Helper()
		resp, page := admin.post(path, dateForm(v, "on", on))
		want(t, resp, page, http.StatusSeeOther, path+"?done=stage")
	}
	stage(url.Values{"stage": {"investigation"}}, today.AddDays(-10))
	resp, page = admin.post(path, dateForm(url.Values{"stage": {"meeting"}}, "on", today.AddDays(-5)))
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a stage out of order", page, "govuk-error-summary", `href="#casestage-stage"`)
	stage(dateForm(url.Values{"stage": {"invitation"}}, "meeting_on", today.AddDays(-2)), today.AddDays(-8))
	resp, page = admin.do(http.MethodGet, path+"?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the case", page, summary, "Letter inviting to a meeting", `href="`+path+`/letters/invitation"`, `value="meeting"`)
	resp, page = admin.do(http.MethodGet, path+"/letters/invitation", nil)
	want(t, resp, page, http.StatusOK, "")
	if resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("letter: %s", resp.Header.Get("Content-Type"))
	}
	if got, _ := r.stack.Services.Cases.Case(ctx, adminPrincipal, id); len(got.Stages) != 2 {
		t.Fatalf("stages %+v", got.Stages)
	}
	resp, page = admin.do(http.MethodGet, "/admin/cases?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the admin's cases", page, `href="`+path+`"`, "Catrin Jones", "Disciplinary")

	// Catrin sees her case and its letter on her own pages.
	pa := newBrowser(t, r)
	pa.signIn("catrin")
	resp, page = pa.do(http.MethodGet, "/pa/cases?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the PA's own cases", page, summary, `href="/pa/cases/`+id+`/letters/invitation"`)
	resp, page = pa.do(http.MethodGet, "/pa/cases/"+id+"/letters/invitation", nil)
	want(t, resp, page, http.StatusOK, "")
	resp, page = pa.do(http.MethodGet, path, nil)
	want(t, resp, page, http.StatusForbidden, "")

	// Another PA sees none of it; another admin not handling it is told it
	// does not exist; a member is refused.
	tom := newBrowser(t, r)
	tom.signIn("tom")
	resp, page = tom.do(http.MethodGet, "/pa/cases?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	if strings.Contains(page, summary) || strings.Contains(page, id) {
		t.Fatal("another PA sees the case")
	}
	resp, page = tom.do(http.MethodGet, "/pa/cases/"+id+"/letters/invitation", nil)
	want(t, resp, page, http.StatusNotFound, "")
	resp, page = admin.post("/admin/people/invite", url.Values{"name": {"Eira Lloyd"}, "email": {"eira@demo.coop.example"}, "language": {"cy"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/people?done=invited")
	eira := newBrowser(t, r)
	eira.signIn("eira")
	for _, p := range []string{path, path + "/letters/invitation"} {
		resp, page = eira.do(http.MethodGet, p, nil)
		want(t, resp, page, http.StatusNotFound, "")
	}
	resp, page = eira.post(path, dateForm(url.Values{"stage": {"closed"}}, "on", today))
	want(t, resp, page, http.StatusNotFound, "")
	resp, page = eira.do(http.MethodGet, "/admin/cases?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "another admin's cases", page, "You are not handling any case.")
	member := newBrowser(t, r)
	member.signIn("gwen")
	resp, page = member.do(http.MethodGet, path, nil)
	want(t, resp, page, http.StatusForbidden, "")
	if strings.Contains(page, summary) {
		t.Fatal("a member sees the case")
	}
}
