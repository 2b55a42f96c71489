package web

import (
	"net/http"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The admins' pages live under /admin. Each area of the co-op's work (its
// applications, members, PAs, payroll, money, pools, votes, people and
// settings) registers its own routes in its own file, and has one line of
// adminAreas, the admins' navigation.

// adminOnly is the role every admin page requires.
var adminOnly = []dpcoop.Role{dpcoop.RoleAdmin}

// adminArea is one link of the admins' navigation: the area's path and the
// key of its name.
type adminArea struct{ href, key string }

// adminAreas are the admins' areas, in the order the navigation shows them.
var adminAreas = []adminArea{
	{"/admin", "nav.admin.home"},
	{"/admin/applications", "nav.admin.applications"},
	{"/admin/members", "nav.admin.members"},
	{"/admin/pas", "nav.admin.pas"},
	{"/admin/payroll", "nav.admin.payroll"},
	{"/admin/money", "nav.admin.money"},
	{"/admin/pools", "nav.admin.pools"},
	{"/admin/motions", "nav.admin.motions"},
	{"/admin/cases", "nav.admin.cases"},
	{"/admin/rota", "nav.admin.rota"},
	{"/admin/activities", "nav.admin.activities"},
	{"/admin/people", "nav.admin.people"},
	{"/admin/settings", "nav.admin.settings"},
	{"/admin/audit", "nav.admin.audit"},
}

func (h *Handler) adminRoutes() {
	h.mux.HandleFunc("GET /admin", h.page(adminOnly, h.adminHome))
}

// adminNav is the admins' navigation.
func adminNav(r *request) []navItem {
	items := make([]navItem, 0, len(adminAreas))
	for _, a := range adminAreas {
		cur := r.URL.Path == a.href || a.href != "/admin" && strings.HasPrefix(r.URL.Path, a.href+"/")
		items = append(items, navItem{Href: a.href, Text: T(r.lang, a.key), Current: cur})
	}
	return items
}

// confirmData is what a page asking to confirm an action that cannot be
// undone shows: a plain summary of what will happen, the form's action and
// hidden answers, the button's words and where "cancel" goes.
type confirmData struct {
	Heading string
	Lines   []string
	Action  string
	Hidden  []hidden
	Button  string
	Cancel  string
}

// hidden is one answer a confirm page carries on to its action.
type hidden struct{ Name, Value string }

// confirm renders the page asking to confirm an action; the action's POST
// carries confirm=yes, and the handler acts only when it does.
func (h *Handler) confirm(w http.ResponseWriter, r *request, title string, d confirmData) {
	h.render(w, r, http.StatusOK, "confirm", withData(r.view(title), d))
}

// confirmed reports whether a POST is the answer to a confirm page.
func confirmed(r *request) bool { return r.PostFormValue("confirm") == "yes" }
