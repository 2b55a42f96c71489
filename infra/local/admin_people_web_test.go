package local_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// personByEmail is the demo co-op's record of whom email signs in as.
func personByEmail(t *testing.T, r *running, email string) (dpcoop.Access, bool) {
	t.Helper()
	people, err := r.stack.Services.People.People(context.Background(), adminPrincipal)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(people, func(a dpcoop.Access) bool { return a.Email == email })
	if i < 0 {
		return dpcoop.Access{}, false
	}
	return people[i], true
}

// TestPagesAdminInvitesAnAdminAndRevokesAMember: the admin invites a second
// admin (a bad invitation writes nothing), revokes Rhys through the confirm
// page (his session ends and he cannot sign in), gives his access back (he
// signs in again), and cannot take the last admin's role.
func TestPagesAdminInvitesAnAdminAndRevokesAMember(t *testing.T) {
	r, _ := startPages(t)
	admin := newBrowser(t, r)
	admin.signIn("admin")
	rhys := newBrowser(t, r)
	rhys.signIn("rhys")
	resp, page := rhys.do(http.MethodGet, "/admin/people", nil)
	want(t, resp, page, http.StatusForbidden, "")

	// A bad invitation shows every problem, keeps the answers and writes nothing.
	admin.do(http.MethodGet, "/admin/people/invite", nil)
	resp, page = admin.post("/admin/people/invite?lang=en", url.Values{"name": {"Eira Lloyd"}, "email": {"not an email"}})
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a bad invitation", page, "govuk-error-summary", `href="#invite-email"`, `href="#invite-language"`, `value="Eira Lloyd"`)
	if _, ok := personByEmail(t, r, "not an email"); ok {
		t.Fatal("a refused invitation was written")
	}
	resp, page = admin.post("/admin/people/invite", url.Values{"name": {"Eira Lloyd"}, "email": {"eira@demo.coop.example"}, "language": {"cy"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/people?done=invited")
	eira, ok := personByEmail(t, r, "eira@demo.coop.example")
	if !ok || !eira.ActiveAdmin() || eira.Name != "Eira Lloyd" {
		t.Fatalf("the invited admin: %+v", eira)
	}
	// She signs in with a code and lands on the admins' pages.
	second := newBrowser(t, r)
	second.signIn("eira")
	resp, page = second.do(http.MethodGet, "/", nil)
	want(t, resp, page, http.StatusSeeOther, "/admin")

	// Revoking asks first: without confirm=yes nothing happens.
	rhysID := local.DemoID("rhys")
	resp, page = admin.do(http.MethodGet, "/admin/people/"+rhysID+"/revoke?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the confirm page", page, "Rhys Price will no longer be able to sign in", `name="confirm" value="yes"`)
	resp, page = admin.post("/admin/people/"+rhysID+"/revoke", url.Values{})
	want(t, resp, page, http.StatusOK, "")
	if a, _ := personByEmail(t, r, "rhys@demo.coop.example"); !a.Active {
		t.Fatal("revoked without confirming")
	}
	resp, page = admin.post("/admin/people/"+rhysID+"/revoke", url.Values{"confirm": {"yes"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/people?done=revoked")
	if a, _ := personByEmail(t, r, "rhys@demo.coop.example"); a.Active || a.Revoked.IsZero() {
		t.Fatalf("not revoked: %+v", a)
	}
	// Rhys's session ends at once, and he cannot sign in again.
	resp, page = rhys.do(http.MethodGet, "/member", nil)
	want(t, resp, page, http.StatusSeeOther, "/sign-in?why=ended")
	resp, page = rhys.tryCode("rhys")
	want(t, resp, page, http.StatusForbidden, "")

	// The people page shows his access revoked and offers it back; given
	// back, he signs in again with a code (make dev's identity too).
	resp, page = admin.do(http.MethodGet, "/admin/people?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the people page", page, "Access revoked", `action="/admin/people/`+rhysID+`/reinstate"`, "Give access back")
	resp, page = admin.post("/admin/people/"+rhysID+"/reinstate", url.Values{})
	want(t, resp, page, http.StatusSeeOther, "/admin/people?done=reinstated")
	if a, _ := personByEmail(t, r, "rhys@demo.coop.example"); !a.Active || !a.Revoked.IsZero() {
		t.Fatalf("not given back: %+v", a)
	}
	if revoked, err := local.Revoked(r.dir, local.DemoCoop, rhysID); err != nil || revoked {
		t.Fatalf("the local identity is still revoked: %v %v", revoked, err)
	}
	rhys.signIn("rhys")
	resp, page = rhys.do(http.MethodGet, "/member", nil)
	want(t, resp, page, http.StatusOK, "")

	// Eira's admin role can go; then the demo admin is the last one.
	resp, page = admin.post("/admin/people/"+eira.Person+"/roles", url.Values{"role": {"admin"}, "change": {"remove"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/people?done=role")
	resp, page = second.do(http.MethodGet, "/admin", nil)
	want(t, resp, page, http.StatusForbidden, "")
	resp, page = admin.post("/admin/people/"+local.DemoAdmin+"/roles?lang=en", url.Values{"role": {"admin"}, "change": {"remove"}})
	want(t, resp, page, http.StatusConflict, "")
	pageHas(t, "the last admin kept", page, "govuk-error-summary", "The co-op must keep at least one admin")
	if a, _ := personByEmail(t, r, "admin@demo.coop.example"); !a.ActiveAdmin() {
		t.Fatalf("the last admin lost the role: %+v", a)
	}
}

func TestPagesAdminChangesTheCoopsSettings(t *testing.T) {
	r, _ := startPages(t)
	admin := newBrowser(t, r)
	admin.signIn("admin")
	resp, page := admin.do(http.MethodGet, "/admin/settings?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the settings", page, "Demo Citizen Directed Co-op", "https://demo.coop.example", `href="/admin/payroll/settings"`)
	form := url.Values{"name_en": {"Valleys Co-op"}, "name_cy": {"Cwmni'r Cymoedd"}, "contact_email": {"board@demo.coop.example"},
		"registered_office": {"1 Stryd y Castell, Caerdydd CF10 1AA"}, "origins": {"https://demo.coop.example\nftp://wrong"}, "language": {"cy"}}
	resp, page = admin.post("/admin/settings?lang=en", form)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a bad origin", page, "govuk-error-summary", `href="#settings-origins"`, "Valleys Co-op")
	if c, _ := r.stack.Services.Settings.Coop(context.Background(), adminPrincipal); c.NameEN != "Demo Citizen Directed Co-op" {
		t.Fatalf("a refused change was written: %+v", c)
	}
	form.Set("origins", "https://demo.coop.example\nhttps://valleys.example")
	resp, page = admin.post("/admin/settings", form)
	want(t, resp, page, http.StatusSeeOther, "/admin/settings?done=saved")
	c, err := r.stack.Services.Settings.Coop(context.Background(), adminPrincipal)
	if err != nil || c.NameEN != "Valleys Co-op" || c.NameCY != "Cwmni'r Cymoedd" || !slices.Contains(c.Origins, "https://valleys.example") {
		t.Fatalf("%+v %v", c, err)
	}
	resp, page = admin.post("/admin/settings/turnstile", url.Values{"secret": {"0x4AAAAsecret"}})
	want(t, resp, page, http.StatusSeeOther, "/admin/settings?done=turnstile")
	if c, _ := r.stack.Services.Settings.Coop(context.Background(), adminPrincipal); c.TurnstileSecret != "0x4AAAAsecret" {
		t.Fatal("turnstile not set")
	}
	member := newBrowser(t, r)
	member.signIn("gwen")
	member.do(http.MethodGet, "/member", nil)
	resp, page = member.post("/admin/settings", form)
	want(t, resp, page, http.StatusForbidden, "")
}
