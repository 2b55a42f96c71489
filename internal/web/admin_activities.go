package web

import (
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// adminActivityRoutes are the admins' activity pages: the upcoming ones
// with who is coming, a new one, and cancelling one (confirmed first).
// Changing one, its PA's shared shift and charging its cost are the API's
// for now (docs/activities.md).
func (h *Handler) adminActivityRoutes() {
	h.mux.HandleFunc("GET /admin/activities", h.page(adminOnly, h.shows("admin-activities", h.adminActivitiesView)))
	h.mux.HandleFunc("GET /admin/activities/new", h.page(adminOnly, h.newActivityForm))
	h.mux.HandleFunc("POST /admin/activities/new", h.page(adminOnly, h.addActivity))
	h.mux.HandleFunc("POST /admin/activities/{id}/cancel", h.page(adminOnly, h.cancelActivity))
}

// adminActivityRow is an upcoming activity with the names of who is coming.
type adminActivityRow struct {
	activityRow
	Names []string
}

// adminActivitiesView lists the upcoming activities with who is coming.
func (h *Handler) adminActivitiesView(r *request) (*view, error) {
	list, err := h.cfg.Services.Activities.Upcoming(r.Context(), r.principal, r.now)
	if err != nil {
		return nil, err
	}
	rows := []adminActivityRow{}
	for _, a := range list {
		who, err := h.cfg.Services.Activities.WhoIsComing(r.Context(), r.principal, a.ID)
		if err != nil {
			return nil, err
		}
		row := adminActivityRow{activityRow: activityRow{ID: a.ID, Title: a.Title(r.lang), Place: a.Place,
			When: activityWhen(r.lang, a.Activity), Coming: a.Coming}}
		for _, w := range who {
			row.Names = append(row.Names, w.Name)
		}
		rows = append(rows, row)
	}
	v := withData(r.view("adminact.title"), rows)
	switch r.URL.Query().Get("done") {
	case "added":
		v.Notice = T(r.lang, "adminact.done.added")
	case "cancelled":
		v.Notice = T(r.lang, "adminact.done.cancelled")
	}
	return v, nil
}

// activityFields are the new activity form's fields.
var activityFields = []string{"title_cy", "title_en", "description_cy", "description_en", "starts_at", "ends_at", "place", "access_cy", "access_en", "cost_pence", "pool_id", "key"}

// newActivityView is the new activity form.
func (h *Handler) newActivityView(r *request) (*view, error) {
	pools, err := h.cfg.Services.Accounts.Pools(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	opts := []option{{Value: "", Text: T(r.lang, "newact.pool_id.none")}}
	for _, p := range pools {
		opts = append(opts, option{Value: p.ID, Text: pick(r.lang, p.NameCY, p.NameEN)})
	}
	v := withData(r.view("adminact.new.title"), opts)
	v.Form = "newact"
	return v, nil
}

// newActivityForm shows the empty form, with a key so sending it twice
// makes one activity.
func (h *Handler) newActivityForm(w http.ResponseWriter, r *request) error {
	v, err := h.newActivityView(r)
	if err != nil {
		return err
	}
	v.Values.Set("key", newSecret())
	h.render(w, r, http.StatusOK, "admin-activity-new", v)
	return nil
}

// addActivity puts the activity on the calendar and tells the members.
func (h *Handler) addActivity(w http.ResponseWriter, r *request) error {
	v, err := h.newActivityView(r)
	if err != nil {
		return err
	}
	keep(r, v, activityFields...)
	in := dpcoop.ActivityInput{TitleCY: v.Val("title_cy"), TitleEN: v.Val("title_en"), DescriptionCY: v.Val("description_cy"),
		DescriptionEN: v.Val("description_en"), Start: v.Val("starts_at"), End: v.Val("ends_at"), Place: v.Val("place"),
		AccessCY: v.Val("access_cy"), AccessEN: v.Val("access_en"), CostPence: penceOf(v.Val("cost_pence")), Pool: v.Val("pool_id")}
	key := v.Val("key")
	if key == "" {
		return dpcoop.E("add activity", dpcoop.KindMalformed, dpcoop.CodeMalformed)
	}
	_, err = h.cfg.Services.Activities.Create(r.Context(), r.principal, in,
		dpcoop.DerivedID("activity-form", string(r.principal.Coop), r.principal.Person, key), r.now)
	if v.problems(err) {
		h.render(w, r, http.StatusBadRequest, "admin-activity-new", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/activities?done=added", http.StatusSeeOther)
	return nil
}

// cancelActivity cancels an activity once the admin confirms.
func (h *Handler) cancelActivity(w http.ResponseWriter, r *request) error {
	id := r.PathValue("id")
	if !confirmed(r) {
		h.confirm(w, r, "adminact.cancel.title", confirmData{Heading: T(r.lang, "adminact.cancel.title"),
			Lines: []string{T(r.lang, "adminact.cancel.line")}, Action: "/admin/activities/" + id + "/cancel",
			Button: T(r.lang, "adminact.cancel"), Cancel: "/admin/activities"})
		return nil
	}
	if _, err := h.cfg.Services.Activities.Cancel(r.Context(), r.principal, id); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/activities?done=cancelled", http.StatusSeeOther)
	return nil
}
