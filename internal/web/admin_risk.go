package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/employees"
)

// The risk assessments of a member's support: the admins write and review
// them (/admin/members/<id>/risk, linked from the member's record), the
// PAs supporting the member read them (/pa/risk). Registered with the
// training pages (adminTrainingRoutes).
func (h *Handler) riskRoutes() {
	a := adminOnly
	h.mux.HandleFunc("GET /admin/members/{id}/risk", h.page(a, h.riskPage))
	h.mux.HandleFunc("POST /admin/members/{id}/risk", h.page(a, h.saveRisk))
	h.mux.HandleFunc("GET /admin/members/{id}/risk/{rid}", h.page(a, h.riskReviewPage))
	h.mux.HandleFunc("POST /admin/members/{id}/risk/{rid}", h.page(a, h.saveRisk))
	h.mux.HandleFunc("GET /pa/risk", h.page([]dpcoop.Role{dpcoop.RolePA}, h.paRisk))
}

// riskCard is one assessment as the pages show it: its text line by line,
// marked with the language it is written in.
type riskCard struct {
	ID, Title, Assessed, Review string
	Lang                        dpcoop.Lang
	Lines                       []string
	Due                         bool
}

func riskCards(l dpcoop.Lang, as []dpcoop.RiskAssessment, on dpcoop.Date) []riskCard {
	var out []riskCard
	for _, a := range as {
		out = append(out, riskCard{ID: a.ID, Title: a.Title, Lang: a.Language, Lines: strings.Split(a.Risks, "\n"),
			Assessed: longDate(l, a.Assessed), Review: longDate(l, a.Review), Due: a.ReviewDue(on)})
	}
	return out
}

// riskData is what the admins' risk pages show.
type riskData struct {
	ID, Name, Action string
	Cards            []riskCard
	Langs            []option
}

// riskView reads a member's risk page; rid names the assessment being
// reviewed, if any, and form the form being answered.
func (h *Handler) riskView(r *request, rid, form string) (*view, error) {
	id, l := r.PathValue("id"), r.lang
	m, err := h.cfg.Services.Members.Member(r.Context(), r.principal, id)
	if err != nil {
		return nil, err
	}
	as, err := h.cfg.Services.Risk.Of(r.Context(), r.principal, id)
	if err != nil {
		return nil, err
	}
	d := riskData{ID: id, Name: m.Name, Action: "/admin/members/" + id + "/risk",
		Langs: []option{{Value: "cy", Text: T(l, "risk.lang.cy")}, {Value: "en", Text: T(l, "risk.lang.en")}}}
	title := "risk.title"
	v := r.view(title)
	if rid != "" {
		i := slices.IndexFunc(as, func(a dpcoop.RiskAssessment) bool { return a.ID == rid })
		if i < 0 {
			return nil, dpcoop.E("read risk assessment", dpcoop.KindNotFound, dpcoop.CodeNotFound)
		}
		a := as[i]
		d.Action += "/" + rid
		v = r.view("risk.review.title")
		if form == "" {
			v.Values.Set("title", a.Title)
			v.Values.Set("risks", a.Risks)
			v.Values.Set("language", string(a.Language))
		}
	} else {
		d.Cards = riskCards(l, as, dpcoop.DateOf(r.now))
		v.Title = T(l, title, "name", m.Name)
	}
	if key, ok := map[string]string{"saved": "risk.done.saved"}[r.URL.Query().Get("done")]; ok {
		v.Notice = T(l, key)
	}
	v.Data, v.Form = d, "riskform"
	return v, nil
}

// riskPage lists a member's assessments with the form to add one.
func (h *Handler) riskPage(w http.ResponseWriter, r *request) error {
	v, err := h.riskView(r, "", "")
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "admin-risk", v)
	return nil
}

// riskReviewPage is the form to review one assessment.
func (h *Handler) riskReviewPage(w http.ResponseWriter, r *request) error {
	v, err := h.riskView(r, r.PathValue("rid"), "")
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "admin-risk", v)
	return nil
}

// saveRisk records a new assessment, or a review of one.
func (h *Handler) saveRisk(w http.ResponseWriter, r *request) error {
	id, rid := r.PathValue("id"), r.PathValue("rid")
	in := dpcoop.RiskInput{Title: r.PostFormValue("title"), Risks: r.PostFormValue("risks"), Language: r.PostFormValue("language"),
		Assessed: formDateOf(r, "assessed"), Review: formDateOf(r, "review")}
	_, err := h.cfg.Services.Risk.Save(r.Context(), r.principal, id, rid, in, pageRequestID(r), r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/members/"+id+"/risk?done=saved", http.StatusSeeOther)
		return nil
	}
	v, verr := h.riskView(r, rid, "riskform")
	if verr != nil {
		return verr
	}
	for _, f := range slices.Concat([]string{"title", "risks", "language"}, dateParts("assessed"), dateParts("review")) {
		v.Values.Set(f, r.PostFormValue(f))
	}
	if !v.problems(err) {
		return err
	}
	dateAnchors(v, "assessed", "review")
	h.render(w, r, http.StatusBadRequest, "admin-risk", v)
	return nil
}

// paRisk shows a PA the assessments of the members they support.
func (h *Handler) paRisk(w http.ResponseWriter, r *request) error {
	sup, err := h.cfg.Services.Risk.ForPA(r.Context(), r.principal, r.now)
	if err != nil {
		return err
	}
	members, err := h.cfg.Services.Employees.Supported(r.Context(), r.principal)
	if err != nil {
		return err
	}
	type group struct {
		Name  string
		Cards []riskCard
	}
	var groups []group
	for _, s := range sup {
		g := group{Cards: riskCards(r.lang, s.Assessments, dpcoop.DateOf(r.now))}
		if i := slices.IndexFunc(members, func(m employees.Supported) bool { return m.ID == s.Member }); i >= 0 {
			g.Name = members[i].Name
		}
		groups = append(groups, g)
	}
	h.render(w, r, http.StatusOK, "pa-risk", withData(r.view("parisk.title"), groups))
	return nil
}
