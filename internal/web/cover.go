package web

import (
	"net/http"
	"strings"

	"github.com/dpcoop/dpcoop/internal/cover"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The rota and cover when a PA is away (docs/cover.md): a member plans
// their shifts and sees which need cover (/member/rota), a PA sees theirs
// and the cover they were asked for and says whether they are willing to
// cover (/pa/rota), an admin sees every planned shift (/admin/rota); one
// shift's page (/rota/<id>) shows each of them what they may do with it:
// the member and the admins ask candidates, the PA says they cannot do it,
// a PA asked accepts or declines.
func (h *Handler) coverRoutes() {
	anyone := []dpcoop.Role{dpcoop.RoleAdmin, dpcoop.RoleMember, dpcoop.RolePA}
	member, pa := []dpcoop.Role{dpcoop.RoleMember}, []dpcoop.Role{dpcoop.RolePA}
	h.mux.HandleFunc("GET /member/rota", h.page(member, h.rota))
	h.mux.HandleFunc("POST /member/rota", h.page(member, h.planShift))
	h.mux.HandleFunc("GET /pa/rota", h.page(pa, h.rota))
	h.mux.HandleFunc("POST /pa/rota/willing", h.page(pa, h.setWilling))
	h.mux.HandleFunc("GET /admin/rota", h.page(adminOnly, h.rota))
	h.mux.HandleFunc("GET /rota/{id}", h.page(anyone, h.plannedShift))
	h.mux.HandleFunc("POST /rota/{id}/ask", h.page(anyone, h.askForCover))
	h.mux.HandleFunc("POST /rota/{id}/cannot", h.page(anyone, h.cannotWork))
	h.mux.HandleFunc("POST /rota/{id}/accept", h.page(pa, h.acceptCover))
	h.mux.HandleFunc("POST /rota/{id}/decline", h.page(pa, h.declineCover))
	h.mux.HandleFunc("POST /rota/{id}/cancel", h.page(anyone, h.cancelPlannedShift))
}

// rotaRow is one planned shift as the lists show it.
type rotaRow struct {
	ID, When, PA, Members, Status, Colour string
}

// rotaWhen is a planned shift's day and times in l.
func rotaWhen(l dpcoop.Lang, p cover.Plan) string {
	return T(l, "rota.when", "date", longDate(l, p.Date), "start", p.StartTime, "end", p.EndTime)
}

// rotaStatus is a planned shift's state as a tag: covered, needs cover,
// asked to cover, or planned.
func rotaStatus(l dpcoop.Lang, p cover.Plan) (text, colour string) {
	switch {
	case p.CoveredBy != "":
		return T(l, "rota.status.covered", "name", p.CoverName), "green"
	case p.NeedsCover:
		return T(l, "rota.status.needs"), "red"
	case p.Role == dpcoop.RotaAsked:
		return T(l, "rota.status.asked"), "yellow"
	}
	return T(l, "rota.status.planned"), "blue"
}

// rotaData is what a rota page shows.
type rotaData struct {
	Needing, Rows []rotaRow
	Plan          bool // the member's form to plan a shift
	PAs           []option
	Willing       *bool // the PA's willing-to-cover setting
	WillingOpts   []option
}

// rota lists the planned shifts the person signed in may see: on the
// member's page with the form to plan one, on the PA's with their
// willing-to-cover setting.
func (h *Handler) rota(w http.ResponseWriter, r *request) error {
	v, err := h.rotaView(r, "")
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "rota", v)
	return nil
}

func (h *Handler) rotaView(r *request, form string) (*view, error) {
	l := r.lang
	plans, err := h.cfg.Services.Cover.List(r.Context(), r.principal, r.now)
	if err != nil {
		return nil, err
	}
	var d rotaData
	for _, p := range plans {
		row := rotaRow{ID: p.ID, When: rotaWhen(l, p), PA: p.PAName, Members: strings.Join(p.MemberNames, ", ")}
		row.Status, row.Colour = rotaStatus(l, p)
		if p.NeedsCover {
			d.Needing = append(d.Needing, row)
		}
		d.Rows = append(d.Rows, row)
	}
	switch {
	case strings.HasPrefix(r.URL.Path, "/member/"):
		pas, err := h.cfg.Services.Employees.Supporters(r.Context(), r.principal)
		if err != nil {
			return nil, err
		}
		d.Plan = true
		for _, s := range pas {
			d.PAs = append(d.PAs, option{Value: s.ID, Text: s.Name})
		}
	case strings.HasPrefix(r.URL.Path, "/pa/"):
		wl, err := h.cfg.Services.Cover.WillingOf(r.Context(), r.principal, r.principal.Person)
		if err != nil {
			return nil, err
		}
		d.Willing = &wl.Willing
		d.WillingOpts = []option{{Value: "yes", Text: T(l, "rota.willing.yes")}, {Value: "no", Text: T(l, "rota.willing.no")}}
	}
	v := withData(r.view("rota.title"), d)
	if d.Willing != nil && form == "" {
		v.Values.Set("willing", map[bool]string{true: "yes", false: "no"}[*d.Willing])
	}
	if key, ok := map[string]string{"planned": "rota.done.planned", "willing": "rota.done.willing"}[r.URL.Query().Get("done")]; ok {
		v.Notice = T(l, key)
	}
	v.Form = form
	return v, nil
}

// planShift plans a shift for the member signed in with one of their PAs.
func (h *Handler) planShift(w http.ResponseWriter, r *request) error {
	in := dpcoop.PlannedShiftInput{PA: r.PostFormValue("pa_id"), Members: []string{r.principal.Person}, Date: formDateOf(r, "date"),
		Start: strings.TrimSpace(r.PostFormValue("start")), End: strings.TrimSpace(r.PostFormValue("end"))}
	_, _, err := h.cfg.Services.Cover.Add(r.Context(), r.principal, in, pageRequestID(r), r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/member/rota?done=planned", http.StatusSeeOther)
		return nil
	}
	v, verr := h.rotaView(r, "planform")
	if verr != nil {
		return verr
	}
	for _, f := range append([]string{"pa_id", "start", "end"}, dateParts("date")...) {
		v.Values.Set(f, strings.TrimSpace(r.PostFormValue(f)))
	}
	if !v.problems(err) {
		return err
	}
	dateAnchors(v, "date")
	h.render(w, r, http.StatusBadRequest, "rota", v)
	return nil
}

// setWilling records whether the PA signed in is willing to cover.
func (h *Handler) setWilling(w http.ResponseWriter, r *request) error {
	choice := r.PostFormValue("willing")
	if choice != "yes" && choice != "no" {
		v, err := h.rotaView(r, "willingform")
		if err != nil {
			return err
		}
		v.addError(dpcoop.FieldError{Field: "willing", Code: dpcoop.FieldChoice})
		h.render(w, r, http.StatusBadRequest, "rota", v)
		return nil
	}
	if _, err := h.cfg.Services.Cover.SetWilling(r.Context(), r.principal, r.principal.Person, cover.Willing{Willing: choice == "yes"}, r.now); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/pa/rota?done=willing", http.StatusSeeOther)
	return nil
}

// shiftData is what one planned shift's page shows.
type shiftData struct {
	ID         string
	Rows       []row
	Status     string
	Colour     string
	Organiser  bool // the member or an admin: ask, cancel
	OwnPA      bool // its PA: say they cannot
	Asked      bool // a PA asked: accept or decline
	Open       bool // not cancelled nor covered
	NeedsCover bool
	Standing   bool // not cancelled: the organiser may still cancel it
	Candidates []option
	Declined   bool
	Taken      string // to a PA asked: who took it ("you" or someone else)
}

// plannedShift is one planned shift's page, with what the reader may do.
func (h *Handler) plannedShift(w http.ResponseWriter, r *request) error {
	v, err := h.shiftView(r, "")
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "rota-shift", v)
	return nil
}

func (h *Handler) shiftView(r *request, form string) (*view, error) {
	l, id := r.lang, r.PathValue("id")
	p, err := h.cfg.Services.Cover.Get(r.Context(), r.principal, id)
	if err != nil {
		return nil, err
	}
	d := shiftData{ID: p.ID, Open: p.Open() && p.CoveredBy == "", NeedsCover: p.NeedsCover, Standing: p.Open()}
	d.Status, d.Colour = rotaStatus(l, p)
	if !p.Open() {
		d.Status, d.Colour = T(l, "rota.status.cancelled"), "grey"
	}
	d.Rows = []row{{T(l, "rota.row.when"), rotaWhen(l, p)}, {T(l, "rota.row.members"), strings.Join(p.MemberNames, ", ")}, {T(l, "rota.row.pa"), p.PAName}}
	if p.Why != "" {
		d.Rows = append(d.Rows, row{T(l, "rota.row.why"), T(l, "rota.why."+p.Why)})
	}
	if p.Cannot != nil && p.Cannot.Reason != "" {
		d.Rows = append(d.Rows, row{T(l, "rota.row.reason"), p.Cannot.Reason})
	}
	d.Organiser = p.Role == dpcoop.RotaAdmin || p.Role == dpcoop.RotaMember
	d.OwnPA = p.Role == dpcoop.RotaPA && p.PA == r.principal.Person && p.Cannot == nil
	d.Asked = p.Asked(r.principal.Person) && r.principal.Has(dpcoop.RolePA)
	if d.Asked && p.Request != nil {
		for _, x := range p.Request.Declined {
			d.Declined = d.Declined || x == r.principal.Person
		}
	}
	if d.Asked && p.CoveredBy != "" {
		d.Taken = T(l, "rota.taken.other")
		if p.CoveredBy == r.principal.Person {
			d.Taken = T(l, "rota.taken.you")
		}
	}
	if d.Organiser && p.NeedsCover {
		cands, err := h.cfg.Services.Cover.Candidates(r.Context(), r.principal, id)
		if err != nil {
			return nil, err
		}
		for _, c := range cands {
			var why []string
			for _, reason := range c.Reasons {
				why = append(why, T(l, "rota.reason."+reason))
			}
			if c.EmploymentNeeded && p.Role == dpcoop.RotaAdmin {
				why = append(why, T(l, "rota.reason.employment_needed"))
			}
			d.Candidates = append(d.Candidates, option{Value: c.PA, Text: c.Name, Hint: strings.Join(why, "; ")})
		}
	}
	v := withData(r.view("rota.shift.title"), d)
	if key, ok := map[string]string{"asked": "rota.done.asked", "cannot": "rota.done.cannot", "accepted": "rota.done.accepted",
		"declined": "rota.done.declined", "cancelled": "rota.done.cancelled"}[r.URL.Query().Get("done")]; ok {
		v.Notice = T(l, key)
	}
	v.Form = form
	return v, nil
}

// shiftDone goes back to the shift's page with a notice, or shows the
// page again with a form's problems (a conflict, such as the shift taken
// meanwhile, in the error summary).
func (h *Handler) shiftDone(w http.ResponseWriter, r *request, form, field, done string, err error) error {
	id := r.PathValue("id")
	if err == nil {
		http.Redirect(w, r.Request, "/rota/"+id+"?done="+done, http.StatusSeeOther)
		return nil
	}
	v, verr := h.shiftView(r, form)
	if verr != nil {
		return verr
	}
	if de := dpcoop.ErrorOf(err); de.Kind == dpcoop.KindConflict {
		v.Errors = append(v.Errors, fieldError{Field: field, Anchor: v.ID(field), Message: T(r.lang, "rota.conflict."+de.Code)})
	} else if !v.problems(err) {
		return err
	}
	h.render(w, r, http.StatusBadRequest, "rota-shift", v)
	return nil
}

// askForCover sends the cover request to the candidates chosen (none: all).
func (h *Handler) askForCover(w http.ResponseWriter, r *request) error {
	_, err := h.cfg.Services.Cover.Ask(r.Context(), r.principal, r.PathValue("id"), cover.AskInput{PAs: r.PostForm["pa_ids"]}, pageRequestID(r), r.now)
	return h.shiftDone(w, r, "askform", "pa_ids", "asked", err)
}

// cannotWork records the PA's word that they cannot work the shift.
func (h *Handler) cannotWork(w http.ResponseWriter, r *request) error {
	_, err := h.cfg.Services.Cover.Cannot(r.Context(), r.principal, r.PathValue("id"), r.PostFormValue("reason"), r.now)
	return h.shiftDone(w, r, "cannotform", "reason", "cannot", err)
}

// acceptCover takes the shift, if nobody took it first.
func (h *Handler) acceptCover(w http.ResponseWriter, r *request) error {
	_, err := h.cfg.Services.Cover.Accept(r.Context(), r.principal, r.PathValue("id"), r.now)
	return h.shiftDone(w, r, "answerform", "answer", "accepted", err)
}

// declineCover says no to covering the shift.
func (h *Handler) declineCover(w http.ResponseWriter, r *request) error {
	_, err := h.cfg.Services.Cover.Decline(r.Context(), r.principal, r.PathValue("id"))
	return h.shiftDone(w, r, "answerform", "answer", "declined", err)
}

// cancelPlannedShift takes the shift off the rota, once confirmed.
func (h *Handler) cancelPlannedShift(w http.ResponseWriter, r *request) error {
	id := r.PathValue("id")
	if !confirmed(r) {
		p, err := h.cfg.Services.Cover.Get(r.Context(), r.principal, id)
		if err != nil {
			return err
		}
		h.confirm(w, r, "rota.cancel.title", confirmData{
			Heading: T(r.lang, "rota.cancel.heading"),
			Lines:   []string{rotaWhen(r.lang, p) + ", " + p.PAName},
			Action:  "/rota/" + id + "/cancel",
			Button:  T(r.lang, "rota.cancel.button"),
			Cancel:  "/rota/" + id,
		})
		return nil
	}
	_, err := h.cfg.Services.Cover.Cancel(r.Context(), r.principal, id, r.now)
	return h.shiftDone(w, r, "cancelform", "cancel", "cancelled", err)
}

// coverTodos is the dashboard's item of planned shifts needing cover, each
// linking to its page.
func (h *Handler) coverTodos(r *request) ([]todo, error) {
	l := r.lang
	plans, err := h.cfg.Services.Cover.NeedingCover(r.Context(), r.principal, r.now)
	if err != nil || len(plans) == 0 {
		return nil, err
	}
	t := todo{Text: T(l, "dash.cover"), Count: itoa(int64(len(plans))), Href: "/admin/rota", LinkText: T(l, "dash.cover.link")}
	for _, p := range plans {
		t.Lines = append(t.Lines, link{Href: "/rota/" + p.ID, Text: T(l, "dash.cover.line", "when", rotaWhen(l, p), "members", strings.Join(p.MemberNames, ", "))})
	}
	return []todo{t}, nil
}
