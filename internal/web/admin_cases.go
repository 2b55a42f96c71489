package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// The pages of PAs' grievance, disciplinary and dispute cases: an admin's
// list of the cases they handle, a PA's cases with the form to open one,
// and a case's page with the form to add its next stage and its letters;
// the PA's own cases and letters. Everything comes from cases.Service, which
// shows a case only to the admins handling it and the PA (not found to
// anyone else).
func (h *Handler) adminCasesRoutes() {
	a, pa := adminOnly, []dpcoop.Role{dpcoop.RolePA}
	h.mux.HandleFunc("GET /admin/cases", h.page(a, h.shows("admin-cases", h.casesHandledView)))
	h.mux.HandleFunc("GET /admin/pas/{id}/cases", h.page(a, h.shows("admin-cases-pa", func(r *request) (*view, error) { return h.paCasesView(r, "") })))
	h.mux.HandleFunc("POST /admin/pas/{id}/cases", h.page(a, h.openCase))
	h.mux.HandleFunc("GET /admin/cases/{id}", h.page(a, h.shows("admin-case", func(r *request) (*view, error) { return h.caseView(r, "") })))
	h.mux.HandleFunc("POST /admin/cases/{id}", h.page(a, h.addCaseStage))
	h.mux.HandleFunc("GET /admin/cases/{id}/letters/{stage}", h.page(a, h.caseLetterPDF))
	h.mux.HandleFunc("GET /pa/cases", h.page(pa, h.shows("pa-cases", h.ownCasesView)))
	h.mux.HandleFunc("GET /pa/cases/{id}/letters/{stage}", h.page(pa, h.caseLetterPDF))
}

// caseRow is one case as a list shows it.
type caseRow struct {
	ID, PA, Kind, Opened, Stage, Closed string
}

// caseCard is a case with its stages and letters, as the case page and the
// PA's page show it.
type caseCard struct {
	caseRow
	Rows    []row
	Stages  [][]string
	Letters []option
}

// stageName is what a stage is called for a kind of case.
func stageName(l dpcoop.Lang, s dpcoop.CaseStep) string { return T(l, "case.stage."+string(s)) }

func (h *Handler) caseRowOf(r *request, c dpcoop.Case, names map[string]string) caseRow {
	l := r.lang
	row := caseRow{ID: c.ID, PA: names[c.PA], Kind: T(l, "case.kind."+string(c.Kind)), Opened: dateOrEmpty(l, c.Opened), Closed: dateOrEmpty(l, c.Closed)}
	if last, ok := c.Last(); ok {
		row.Stage = stageName(l, last.Step)
	} else {
		row.Stage = T(l, "case.stage.none")
	}
	return row
}

// caseCardOf is a case in full: what it is, its stages and its letters.
func (h *Handler) caseCardOf(r *request, c dpcoop.Case, names map[string]string, base string) caseCard {
	l := r.lang
	card := caseCard{caseRow: h.caseRowOf(r, c, names)}
	card.Rows = []row{{T(l, "case.pa"), names[c.PA]}, {T(l, "case.kind"), card.Kind}, {T(l, "case.opened"), card.Opened}, {T(l, "case.summary"), c.Summary}}
	if r.principal.Has(dpcoop.RoleAdmin) {
		admins := make([]string, len(c.Admins))
		for i, a := range c.Admins {
			admins[i] = cmp.Or(names[a], a)
		}
		card.Rows = append(card.Rows, row{T(l, "case.admins"), strings.Join(admins, ", ")})
	}
	if outcome, expires, ok := c.Warning(); ok {
		key := "case.warning.live"
		if expires.Before(dpcoop.DateOf(r.now)) {
			key = "case.warning.spent"
		}
		card.Rows = append(card.Rows, row{T(l, "case.warning"), T(l, key, "outcome", T(l, "case.outcome."+outcome), "date", dateOrEmpty(l, expires))})
	}
	if c.Closed != "" {
		until, _ := c.KeepUntil("")
		card.Rows = append(card.Rows, row{T(l, "case.closed"), T(l, "case.closed.kept", "date", card.Closed, "until", dateOrEmpty(l, until))})
	}
	for _, s := range c.Stages {
		var detail []string
		if s.MeetingOn != "" {
			detail = append(detail, T(l, "case.detail.meeting", "date", dateOrEmpty(l, s.MeetingOn)))
		}
		if s.Outcome != "" {
			detail = append(detail, T(l, "case.outcome."+s.Outcome))
		}
		if s.WarningExpires != "" {
			detail = append(detail, T(l, "case.detail.expires", "date", dateOrEmpty(l, s.WarningExpires)))
		}
		if s.AppealBy != "" {
			detail = append(detail, T(l, "case.detail.appealby", "date", dateOrEmpty(l, s.AppealBy)))
		}
		card.Stages = append(card.Stages, []string{stageName(l, s.Step), dateOrEmpty(l, s.On), strings.Join(detail, "; ")})
		if s.Step.Letter() {
			card.Letters = append(card.Letters, option{Value: base + "/letters/" + string(s.Step), Text: T(l, "case.letter."+string(s.Step))})
		}
	}
	return card
}

// caseNames names the PAs and admins of cases, for an admin: each PA read
// once, the admins from the people list.
func (h *Handler) caseNames(r *request, list []dpcoop.Case) (map[string]string, error) {
	names := map[string]string{}
	for _, c := range list {
		if _, ok := names[c.PA]; ok {
			continue
		}
		pa, _, err := h.cfg.Services.Employees.PA(r.Context(), r.principal, c.PA, r.now)
		if err != nil {
			return nil, err
		}
		names[c.PA] = pa.LegalName
	}
	if r.principal.Has(dpcoop.RoleAdmin) {
		people, err := h.cfg.Services.People.People(r.Context(), r.principal)
		if err != nil {
			return nil, err
		}
		for _, p := range people {
			names[p.Person] = p.Name
		}
	}
	return names, nil
}

// casesHandledView is the cases the admin handles.
func (h *Handler) casesHandledView(r *request) (*view, error) {
	list, err := h.cfg.Services.Cases.Handled(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	names, err := h.caseNames(r, list)
	if err != nil {
		return nil, err
	}
	rows := []caseRow{}
	for _, c := range list {
		rows = append(rows, h.caseRowOf(r, c, names))
	}
	return withData(r.view("case.list.title"), rows), nil
}

// paCasesData is a PA's cases the admin handles, and the form to open one.
type paCasesData struct {
	PA, Name    string
	Cases       []caseRow
	Kinds       []option
	OtherAdmins []option
}

// paCasesView is a PA's cases page, with form's answers kept.
func (h *Handler) paCasesView(r *request, form string) (*view, error) {
	id, l := r.PathValue("id"), r.lang
	list, err := h.cfg.Services.Cases.OfPA(r.Context(), r.principal, id)
	if err != nil {
		return nil, err
	}
	pa, _, err := h.cfg.Services.Employees.PA(r.Context(), r.principal, id, r.now)
	if err != nil {
		return nil, err
	}
	names := map[string]string{pa.ID: pa.LegalName}
	d := paCasesData{PA: pa.ID, Name: pa.LegalName, Cases: []caseRow{}}
	for _, c := range list {
		d.Cases = append(d.Cases, h.caseRowOf(r, c, names))
	}
	for _, k := range dpcoop.CaseKinds {
		d.Kinds = append(d.Kinds, option{Value: string(k), Text: T(l, "case.kind."+string(k))})
	}
	people, err := h.cfg.Services.People.People(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	for _, p := range people {
		if p.ActiveAdmin() && p.Person != r.principal.Person {
			d.OtherAdmins = append(d.OtherAdmins, option{Value: p.Person, Text: p.Name})
		}
	}
	v := withData(r.view("case.pa.title"), d)
	v.Title = T(l, "case.pa.title", "name", pa.LegalName)
	v.Form = form
	return v, nil
}

// openCase opens a case from the form.
func (h *Handler) openCase(w http.ResponseWriter, r *request) error {
	in := dpcoop.CaseInput{Kind: r.PostFormValue("kind"), Opened: formDateOf(r, "opened"), Summary: r.PostFormValue("summary"), Admins: r.PostForm["admins"]}
	c, _, err := h.cfg.Services.Cases.Open(r.Context(), r.principal, r.PathValue("id"), in, pageRequestID(r), r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/cases/"+c.ID+"?done=opened", http.StatusSeeOther)
		return nil
	}
	v, verr := h.paCasesView(r, "caseopen")
	if verr != nil {
		return verr
	}
	return h.caseRefused(w, r, v, "admin-cases-pa", err, []string{"kind", "summary"}, []string{"opened"}, map[string][]string{"admins": r.PostForm["admins"]})
}

// caseRefused shows a form again with the service's refusal and the
// answers kept; any other error is returned.
func (h *Handler) caseRefused(w http.ResponseWriter, r *request, v *view, tmpl string, err error, fields, dates []string, multi map[string][]string) error {
	for _, f := range fields {
		v.Values.Set(f, strings.TrimSpace(r.PostFormValue(f)))
	}
	for _, d := range dates {
		for _, p := range dateParts(d) {
			v.Values.Set(p, strings.TrimSpace(r.PostFormValue(p)))
		}
	}
	for f, vals := range multi {
		v.Values[f] = vals
	}
	if !v.refused(err) {
		return err
	}
	for i, e := range v.Errors {
		switch {
		case slices.Contains(dates, e.Field):
			v.Errors[i].Anchor = v.ID(e.Field + "-day")
		case e.Field == "":
			v.Errors[i].Anchor = v.ID(fields[0])
		}
	}
	h.render(w, r, http.StatusBadRequest, tmpl, v)
	return nil
}

// caseData is a case's page: the case, and the form for its next stage.
type caseData struct {
	Card           caseCard
	Next, Outcomes []option
	Kind           dpcoop.CaseKind
	Handles        bool
}

// caseDone are the notices after a change to a case, by ?done=.
var caseDone = map[string]string{"opened": "case.done.opened", "stage": "case.done.stage"}

// caseView is a case's page for an admin handling it.
func (h *Handler) caseView(r *request, form string) (*view, error) {
	l := r.lang
	c, err := h.cfg.Services.Cases.Case(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	names, err := h.caseNames(r, []dpcoop.Case{c})
	if err != nil {
		return nil, err
	}
	d := caseData{Card: h.caseCardOf(r, c, names, "/admin/cases/"+c.ID), Kind: c.Kind, Handles: c.Handles(r.principal.Person)}
	for _, s := range c.Next() {
		d.Next = append(d.Next, option{Value: string(s), Text: stageName(l, s)})
		if s == dpcoop.StepOutcome || s == dpcoop.StepAppealOutcome {
			for _, o := range c.Kind.Outcomes(s) {
				d.Outcomes = append(d.Outcomes, option{Value: o, Text: T(l, "case.outcome."+o)})
			}
		}
	}
	v := withData(r.view("case.title"), d)
	v.Title = T(l, "case.title", "kind", d.Card.Kind, "name", names[c.PA])
	if key, ok := caseDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(l, key)
	}
	v.Form = form
	return v, nil
}

// addCaseStage adds the case's next stage from the form.
func (h *Handler) addCaseStage(w http.ResponseWriter, r *request) error {
	in := dpcoop.StageInput{Stage: r.PostFormValue("stage"), On: formDateOf(r, "on"), MeetingOn: formDateOf(r, "meeting_on"),
		Outcome: r.PostFormValue("outcome"), WarningExpires: formDateOf(r, "warning_expires"), AppealBy: formDateOf(r, "appeal_by")}
	c, _, err := h.cfg.Services.Cases.AddStage(r.Context(), r.principal, r.PathValue("id"), in, pageRequestID(r), r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/cases/"+c.ID+"?done=stage", http.StatusSeeOther)
		return nil
	}
	v, verr := h.caseView(r, "casestage")
	if verr != nil {
		return verr
	}
	return h.caseRefused(w, r, v, "admin-case", err, []string{"stage", "outcome"}, []string{"on", "meeting_on", "warning_expires", "appeal_by"}, nil)
}

// caseLetterPDF is a case stage's letter, in the PA's language first.
func (h *Handler) caseLetterPDF(w http.ResponseWriter, r *request) error {
	lt, err := h.cfg.Services.Cases.Letter(r.Context(), r.principal, r.PathValue("id"), strings.TrimSuffix(r.PathValue("stage"), ".pdf"))
	if err != nil {
		return err
	}
	b, err := payslips.CaseLetterPDF(lt)
	if err != nil {
		return dpcoop.Wrap("render case letter", err)
	}
	return download(w, "application/pdf", "case-"+string(lt.Stage.Step)+".pdf", "", b)
}

// ownCasesView is the PA's own cases, each with its stages and letters.
func (h *Handler) ownCasesView(r *request) (*view, error) {
	list, err := h.cfg.Services.Cases.OfPA(r.Context(), r.principal, r.principal.Person)
	if err != nil {
		return nil, err
	}
	names, err := h.caseNames(r, list)
	if err != nil {
		return nil, err
	}
	cards := []caseCard{}
	for _, c := range list {
		cards = append(cards, h.caseCardOf(r, c, names, "/pa/cases/"+c.ID))
	}
	return withData(r.view("case.own.title"), cards), nil
}

// caseTodos is the dashboard's item of the open cases the admin handles:
// a count and a link to their list, nothing about who or what stage.
func caseTodos(l dpcoop.Lang, open int) []todo {
	if open == 0 {
		return nil
	}
	return []todo{{Text: T(l, "dash.cases"), Count: strconv.Itoa(open), Href: "/admin/cases", LinkText: T(l, "dash.cases.link")}}
}
