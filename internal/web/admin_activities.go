package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/activities"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// adminActivityRoutes are the admins' activity pages: the upcoming and past
// ones, one activity with who is coming, adding and changing one, cancelling
// it and charging its cost (each confirmed first), and making the shared
// shift of a PA who supported it.
func (h *Handler) adminActivityRoutes() {
	h.mux.HandleFunc("GET /admin/activities", h.page(adminOnly, h.shows("admin-activities", h.adminActivitiesView)))
	h.mux.HandleFunc("GET /admin/activities/new", h.page(adminOnly, h.newActivityForm))
	h.mux.HandleFunc("POST /admin/activities/new", h.page(adminOnly, h.addActivity))
	h.mux.HandleFunc("GET /admin/activities/{id}", h.page(adminOnly, h.shows("admin-activity", h.adminActivityView)))
	h.mux.HandleFunc("GET /admin/activities/{id}/edit", h.page(adminOnly, h.editActivityForm))
	h.mux.HandleFunc("POST /admin/activities/{id}/edit", h.page(adminOnly, h.editActivity))
	h.mux.HandleFunc("POST /admin/activities/{id}/cancel", h.page(adminOnly, h.cancelActivity))
	h.mux.HandleFunc("GET /admin/activities/{id}/shift", h.page(adminOnly, h.shows("admin-activity-shift", h.activityShiftView)))
	h.mux.HandleFunc("POST /admin/activities/{id}/shift", h.page(adminOnly, h.makeActivityShift))
	h.mux.HandleFunc("POST /admin/activities/{id}/charge", h.page(adminOnly, h.chargeActivity))
}

// adminActivityRow is an activity with the names of who is coming.
type adminActivityRow struct {
	activityRow
	Names []string
}

// adminActivitiesData are the upcoming activities and those that ended.
type adminActivitiesData struct {
	Upcoming, Past []adminActivityRow
}

// activityListRow is one listed activity with who is coming, in the
// reader's language.
func (h *Handler) activityListRow(r *request, a activities.Listed) (adminActivityRow, error) {
	who, err := h.cfg.Services.Activities.WhoIsComing(r.Context(), r.principal, a.ID)
	if err != nil {
		return adminActivityRow{}, err
	}
	row := adminActivityRow{activityRow: activityRow{ID: a.ID, Title: a.Title(r.lang), Description: a.Description(r.lang),
		Access: a.Access(r.lang), Place: a.Place, When: activityWhen(r.lang, a.Activity), Coming: a.Coming}}
	for _, w := range who {
		row.Names = append(row.Names, w.Name)
	}
	return row, nil
}

// activityListRows are the rows of a list of activities.
func (h *Handler) activityListRows(r *request, list []activities.Listed) ([]adminActivityRow, error) {
	var rows []adminActivityRow
	for _, a := range list {
		row, err := h.activityListRow(r, a)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// adminActivitiesView lists the upcoming activities and the past ones,
// each with who is coming.
func (h *Handler) adminActivitiesView(r *request) (*view, error) {
	up, err := h.cfg.Services.Activities.Upcoming(r.Context(), r.principal, r.now)
	if err != nil {
		return nil, err
	}
	past, err := h.cfg.Services.Activities.Past(r.Context(), r.principal, r.now)
	if err != nil {
		return nil, err
	}
	var d adminActivitiesData
	if d.Upcoming, err = h.activityListRows(r, up); err != nil {
		return nil, err
	}
	if d.Past, err = h.activityListRows(r, past); err != nil {
		return nil, err
	}
	v := withData(r.view("adminact.title"), d)
	switch r.URL.Query().Get("done") {
	case "added":
		v.Notice = T(r.lang, "adminact.done.added")
	case "cancelled":
		v.Notice = T(r.lang, "adminact.done.cancelled")
	}
	return v, nil
}

// adminActivityData is one activity as its page shows it, with what an
// admin may do with it now.
type adminActivityData struct {
	adminActivityRow
	Cost, Pool                              string
	Shares                                  []shareRow
	Cancelled, Charged                      bool
	CanEdit, CanCancel, CanShift, CanCharge bool
}

// adminActivityView is one activity: what, when, who is coming, its cost
// and pool, and links to change it, make a PA's shift and charge its cost.
func (h *Handler) adminActivityView(r *request) (*view, error) {
	a, err := h.cfg.Services.Activities.Get(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	row, err := h.activityListRow(r, a)
	if err != nil {
		return nil, err
	}
	pool, err := h.poolName(r, a.Pool)
	if err != nil {
		return nil, err
	}
	live := !a.Cancelled
	d := adminActivityData{adminActivityRow: row, Cost: payslips.Pounds(a.CostPence), Pool: pool, Cancelled: a.Cancelled,
		Charged: a.Spending != "", CanEdit: live, CanCancel: live && a.Spending == "", CanShift: live && !a.End.After(r.now),
		CanCharge: live && a.Spending == "" && a.CostPence > 0 && !r.now.Before(a.Start)}
	if d.Shares, err = h.activityShares(r, a.Activity); err != nil {
		return nil, err
	}
	v := withData(r.view("adminact.one.title"), d)
	v.Title = row.Title
	switch r.URL.Query().Get("done") {
	case "changed":
		v.Notice = T(r.lang, "adminact.done.changed")
	case "charged":
		v.Notice = T(r.lang, "adminact.done.charged", "amount", d.Cost, "pool", pool)
	case "shift":
		name, err := h.paName(r, r.URL.Query().Get("pa"))
		if err != nil {
			return nil, err
		}
		v.Notice = T(r.lang, "adminact.done.shift", "pa", name)
	}
	return v, nil
}

// poolName is a pool's name in the reader's language, or "" for none.
func (h *Handler) poolName(r *request, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	pools, err := h.cfg.Services.Accounts.Pools(r.Context(), r.principal)
	if err != nil {
		return "", err
	}
	for _, p := range pools {
		if p.ID == id {
			return pick(r.lang, p.NameCY, p.NameEN), nil
		}
	}
	return id, nil
}

// shareRow is one member's share of an activity's cost.
type shareRow struct{ Name, Amount string }

// activityShares is how the activity's cost is shared among its pool's
// members in its month by the pool's rule, exactly (the parts sum to the
// cost); none with no cost or pool, nor for a pool whose members pay a
// fixed amount (the cost comes from its fund).
func (h *Handler) activityShares(r *request, a dpcoop.Activity) ([]shareRow, error) {
	if a.Pool == "" || a.CostPence == 0 {
		return nil, nil
	}
	pv, err := h.cfg.Services.Accounts.Pool(r.Context(), r.principal, a.Pool, "")
	if err != nil || pv.Rule == dpcoop.RuleFixed {
		return nil, err
	}
	shares, err := pv.Shares(pv.Members, dpcoop.DateOf(a.Start).Month(), a.CostPence)
	if err != nil || len(shares) == 0 {
		return nil, err
	}
	names, err := h.registerNames(r)
	if err != nil {
		return nil, err
	}
	rows := make([]shareRow, len(shares))
	for i, sh := range shares {
		rows[i] = shareRow{Name: names[sh.Member], Amount: payslips.Pounds(sh.Pence)}
	}
	return rows, nil
}

// paName is a PA's name, or "" when there is no such PA.
func (h *Handler) paName(r *request, id string) (string, error) {
	pas, err := h.allPAs(r)
	if err != nil {
		return "", err
	}
	for _, p := range pas {
		if p.ID == id {
			return p.LegalName, nil
		}
	}
	return "", nil
}

// activityFormData is what the activity form needs besides its answers:
// where it goes, its button, and the pools to choose from.
type activityFormData struct {
	Action, Button, Back string
	Pools                []option
}

// activityFields are the activity form's fields besides its times.
var activityFields = []string{"title_cy", "title_en", "description_cy", "description_en", "place", "access_cy", "access_en", "cost_pence", "pool_id", "key"}

// activityTimes are the activity form's date and time inputs.
var activityTimes = []string{"starts_at", "ends_at"}

// activityFormView is the activity form: a new one, or changing one.
func (h *Handler) activityFormView(r *request, title string, d activityFormData) (*view, error) {
	pools, err := h.cfg.Services.Accounts.Pools(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	d.Pools = []option{{Value: "", Text: T(r.lang, "newact.pool_id.none")}}
	for _, p := range pools {
		d.Pools = append(d.Pools, option{Value: p.ID, Text: pick(r.lang, p.NameCY, p.NameEN)})
	}
	v := withData(r.view(title), d)
	v.Form = "newact"
	return v, nil
}

// newActivityView is the new activity form.
func (h *Handler) newActivityView(r *request) (*view, error) {
	return h.activityFormView(r, "adminact.new.title", activityFormData{Action: "/admin/activities/new",
		Button: T(r.lang, "adminact.new.button"), Back: "/admin/activities"})
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

// activityInput reads the activity form as the service's input, keeping
// the answers.
func activityInput(r *request, v *view) dpcoop.ActivityInput {
	keep(r, v, activityFields...)
	return dpcoop.ActivityInput{TitleCY: v.Val("title_cy"), TitleEN: v.Val("title_en"), DescriptionCY: v.Val("description_cy"),
		DescriptionEN: v.Val("description_en"), Start: dateTimeField(r, v, "starts_at"), End: dateTimeField(r, v, "ends_at"),
		Place: v.Val("place"), AccessCY: v.Val("access_cy"), AccessEN: v.Val("access_en"), CostPence: penceOf(v.Val("cost_pence")),
		Pool: v.Val("pool_id")}
}

// dateTimeField reads a date and time input's parts (see datetime-input),
// keeping the answers, as a time in Wales the service reads
// ("2026-12-05T10:00"); nothing given is "", and parts missing or not
// numbers make a time the service refuses as not a real one.
func dateTimeField(r *request, v *view, name string) string {
	date := dateField(r, v, name)
	hour, minute := strings.TrimSpace(r.PostFormValue(name+"-hour")), strings.TrimSpace(r.PostFormValue(name+"-minute"))
	v.Values.Set(name+"-hour", hour)
	v.Values.Set(name+"-minute", minute)
	if date == "" && hour == "" && minute == "" {
		return ""
	}
	return date + "T" + twoDigits(hour) + ":" + twoDigits(minute)
}

// setDateTime fills a date and time input's parts with t in Wales.
func setDateTime(v *view, name string, t time.Time) {
	setDate(v, name, dpcoop.DateOf(t))
	local := t.In(dpcoop.London)
	v.Values.Set(name+"-hour", local.Format("15"))
	v.Values.Set(name+"-minute", local.Format("04"))
}

// activityProblems shows the service's refusal of the activity form: each
// field's problem (a time's links to its day), or one for the form (it is
// cancelled, or its cost already charged). It reports false for other
// errors.
func activityProblems(v *view, err error) bool {
	if !v.problems(err) {
		de := dpcoop.ErrorOf(err)
		if de.Kind != dpcoop.KindConflict {
			return false
		}
		v.Errors = append(v.Errors, fieldError{Anchor: v.ID("title_cy"), Message: T(v.Lang, de.Code)})
	}
	for i, e := range v.Errors {
		if e.Field == "starts_at" || e.Field == "ends_at" {
			v.Errors[i].Anchor = v.ID(e.Field + "-day")
		}
	}
	return true
}

// addActivity puts the activity on the calendar and tells the members.
func (h *Handler) addActivity(w http.ResponseWriter, r *request) error {
	v, err := h.newActivityView(r)
	if err != nil {
		return err
	}
	in := activityInput(r, v)
	key := v.Val("key")
	if key == "" {
		return dpcoop.E("add activity", dpcoop.KindMalformed, dpcoop.CodeMalformed)
	}
	_, err = h.cfg.Services.Activities.Create(r.Context(), r.principal, in,
		dpcoop.DerivedID("activity-form", string(r.principal.Coop), r.principal.Person, key), r.now)
	if err != nil && activityProblems(v, err) {
		h.render(w, r, http.StatusBadRequest, "admin-activity-new", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/activities?done=added", http.StatusSeeOther)
	return nil
}

// editActivityView is the form changing an activity.
func (h *Handler) editActivityView(r *request) (*view, error) {
	id := r.PathValue("id")
	return h.activityFormView(r, "adminact.edit.title", activityFormData{Action: "/admin/activities/" + id + "/edit",
		Button: T(r.lang, "adminact.edit.button"), Back: "/admin/activities/" + id})
}

// editActivityForm is the activity form filled with the activity as it is.
func (h *Handler) editActivityForm(w http.ResponseWriter, r *request) error {
	a, err := h.cfg.Services.Activities.Get(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return err
	}
	v, err := h.editActivityView(r)
	if err != nil {
		return err
	}
	for f, s := range map[string]string{"title_cy": a.TitleCY, "title_en": a.TitleEN, "description_cy": a.DescriptionCY,
		"description_en": a.DescriptionEN, "place": a.Place, "access_cy": a.AccessCY, "access_en": a.AccessEN, "pool_id": a.Pool} {
		v.Values.Set(f, s)
	}
	if a.CostPence > 0 {
		v.Values.Set("cost_pence", dpcoop.FormatHundredths(a.CostPence))
	}
	setDateTime(v, "starts_at", a.Start)
	setDateTime(v, "ends_at", a.End)
	h.render(w, r, http.StatusOK, "admin-activity-new", v)
	return nil
}

// editActivity saves the changed activity.
func (h *Handler) editActivity(w http.ResponseWriter, r *request) error {
	v, err := h.editActivityView(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	_, err = h.cfg.Services.Activities.Edit(r.Context(), r.principal, id, activityInput(r, v), r.now)
	if err != nil && activityProblems(v, err) {
		h.render(w, r, http.StatusBadRequest, "admin-activity-new", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/activities/"+id+"?done=changed", http.StatusSeeOther)
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

// activityShiftData is the shared shift form: the activity and the
// co-op's active PAs to choose from.
type activityShiftData struct {
	ID, Title, When string
	PAs             []option
}

// activityShiftView is the form making a PA's shared shift from an
// activity.
func (h *Handler) activityShiftView(r *request) (*view, error) {
	a, err := h.cfg.Services.Activities.Get(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	pas, err := h.allPAs(r)
	if err != nil {
		return nil, err
	}
	d := activityShiftData{ID: a.ID, Title: a.Title(r.lang), When: activityWhen(r.lang, a.Activity)}
	for _, p := range pas {
		if p.Status == dpcoop.PAActive {
			d.PAs = append(d.PAs, option{Value: p.ID, Text: p.LegalName})
		}
	}
	v := withData(r.view("adminact.shift.title"), d)
	v.Form = "actshift"
	return v, nil
}

// makeActivityShift makes the chosen PA's shared shift, a draft of theirs
// to send; the shift's refusals (the PA does not work for a member coming,
// it overlaps another of their shifts) show on the form.
func (h *Handler) makeActivityShift(w http.ResponseWriter, r *request) error {
	v, err := h.activityShiftView(r)
	if err != nil {
		return err
	}
	keep(r, v, "pa_id")
	id := r.PathValue("id")
	_, err = h.cfg.Services.Activities.MakeShift(r.Context(), r.principal, id, v.Val("pa_id"), r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/activities/"+id+"?done=shift&pa="+v.Val("pa_id"), http.StatusSeeOther)
		return nil
	}
	// The shift's fields are the activity's, not the form's: each
	// problem leads to the choice of PA.
	if !v.refused(err) {
		return err
	}
	for i := range v.Errors {
		v.Errors[i].Anchor = v.ID("pa_id")
	}
	h.render(w, r, http.StatusBadRequest, "admin-activity-shift", v)
	return nil
}

// chargeActivity charges the activity's cost to its pool once the admin
// confirms the amount and the pool. Charging again changes nothing (the
// service keeps one spending per activity).
func (h *Handler) chargeActivity(w http.ResponseWriter, r *request) error {
	id := r.PathValue("id")
	if !confirmed(r) {
		a, err := h.cfg.Services.Activities.Get(r.Context(), r.principal, id)
		if err != nil {
			return err
		}
		pool, err := h.poolName(r, a.Pool)
		if err != nil {
			return err
		}
		shares, err := h.activityShares(r, a.Activity)
		if err != nil {
			return err
		}
		lines := []string{T(r.lang, "adminact.charge.line.limit"), T(r.lang, "adminact.charge.line.share")}
		for _, sh := range shares {
			lines = append(lines, T(r.lang, "adminact.charge.line.each", "name", sh.Name, "amount", sh.Amount))
		}
		amount := payslips.Pounds(a.CostPence)
		h.confirm(w, r, "adminact.charge.title", confirmData{Heading: T(r.lang, "adminact.charge.heading", "amount", amount, "pool", pool),
			Lines:  lines,
			Action: "/admin/activities/" + id + "/charge", Button: T(r.lang, "adminact.charge"), Cancel: "/admin/activities/" + id})
		return nil
	}
	_, err := h.cfg.Services.Activities.Charge(r.Context(), r.principal, id, r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/activities/"+id+"?done=charged", http.StatusSeeOther)
		return nil
	}
	v, verr := h.adminActivityView(r)
	if verr != nil {
		return verr
	}
	if !v.refused(err) {
		return err
	}
	for i := range v.Errors {
		v.Errors[i].Anchor = "activity-summary"
	}
	v.Path = "/admin/activities/" + id
	h.render(w, r, http.StatusBadRequest, "admin-activity", v)
	return nil
}
