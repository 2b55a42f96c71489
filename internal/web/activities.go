package web

import (
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// activityRoutes are the calendar's pages: everyone signed in sees what is
// coming up; a member says whether they are coming and gets the address of
// their calendar feed.
func (h *Handler) activityRoutes() {
	everyone := []dpcoop.Role{dpcoop.RoleMember, dpcoop.RolePA, dpcoop.RoleAdmin}
	m := []dpcoop.Role{dpcoop.RoleMember}
	h.mux.HandleFunc("GET /activities", h.page(everyone, h.shows("activities", h.activitiesView)))
	h.mux.HandleFunc("POST /activities/{id}/answer", h.page(m, h.answerActivity))
	h.mux.HandleFunc("POST /activities/feed", h.page(m, h.newFeed))
}

// activityRow is an activity as the list shows it, in the reader's language.
type activityRow struct {
	ID, Title, Description, Access, Place, When string
	Coming                                      int
	// Member and Mine: the reader is a member, and is coming.
	Member, Mine bool
}

// activitiesData is the list, and a member's new feed address once made.
type activitiesData struct {
	Rows   []activityRow
	Member bool
	Feed   string
}

// activityWhen is when an activity is, in Wales, in the reader's language.
func activityWhen(l dpcoop.Lang, a dpcoop.Activity) string {
	s, e := a.Start.In(dpcoop.London), a.End.In(dpcoop.London)
	out := longDate(l, dpcoop.DateOf(a.Start)) + " " + s.Format("15:04") + "–"
	if dpcoop.DateOf(a.End) != dpcoop.DateOf(a.Start) {
		out += longDate(l, dpcoop.DateOf(a.End)) + " "
	}
	return out + e.Format("15:04")
}

// activitiesView lists the activities still to come.
func (h *Handler) activitiesView(r *request) (*view, error) {
	list, err := h.cfg.Services.Activities.Upcoming(r.Context(), r.principal, r.now)
	if err != nil {
		return nil, err
	}
	d := activitiesData{Member: r.principal.Has(dpcoop.RoleMember)}
	for _, a := range list {
		d.Rows = append(d.Rows, activityRow{ID: a.ID, Title: a.Title(r.lang), Description: a.Description(r.lang),
			Access: a.Access(r.lang), Place: a.Place, When: activityWhen(r.lang, a.Activity), Coming: a.Coming, Member: a.Mine != nil, Mine: a.Mine != nil && *a.Mine})
	}
	v := withData(r.view("activities.title"), d)
	switch r.URL.Query().Get("done") {
	case "answered":
		v.Notice = T(r.lang, "activities.done.answered")
	}
	return v, nil
}

// answerActivity records whether the member is coming.
func (h *Handler) answerActivity(w http.ResponseWriter, r *request) error {
	_, err := h.cfg.Services.Activities.Answer(r.Context(), r.principal, r.PathValue("id"), r.PostFormValue("coming") == "yes", r.now)
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/activities?done=answered", http.StatusSeeOther)
	return nil
}

// newFeed makes the member a new calendar feed address and shows it once.
func (h *Handler) newFeed(w http.ResponseWriter, r *request) error {
	token, err := h.cfg.Services.Activities.NewFeedToken(r.Context(), r.principal)
	if err != nil {
		return err
	}
	v, err := h.activitiesView(r)
	if err != nil {
		return err
	}
	d := v.Data.(activitiesData)
	d.Feed = "/v1/public/coops/" + string(r.principal.Coop) + "/calendar/" + token
	v.Data = d
	h.render(w, r, http.StatusOK, "activities", v)
	return nil
}
