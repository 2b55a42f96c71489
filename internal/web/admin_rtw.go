package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/recruitment"
)

// A PA's safe recruitment, linked from their record (/admin/pas/<id>): their
// right-to-work checks, references and DBS checks, each recorded by a form.
// Never a document, a reference's words or a certificate's content.
func (h *Handler) adminRTWRoutes() {
	a := adminOnly
	h.mux.HandleFunc("GET /admin/pas/{id}/recruitment", h.page(a, h.rtwPage))
	h.mux.HandleFunc("POST /admin/pas/{id}/recruitment/right-to-work", h.page(a, h.rtwRecord))
	h.mux.HandleFunc("POST /admin/pas/{id}/recruitment/references", h.page(a, h.rtwReference))
	h.mux.HandleFunc("POST /admin/pas/{id}/recruitment/dbs", h.page(a, h.rtwDBS))
}

// rtwDone are the notices after a change, by ?done=.
var rtwDone = map[string]string{"rtw": "rtw.done.rtw", "reference": "rtw.done.reference", "dbs": "rtw.done.dbs"}

// rtwData is what the page shows.
type rtwData struct {
	ID, Name, State, StateColour string
	Checks, References, DBS      [][]string
	Methods, Levels, YesNo       []option
}

// rtwView reads everything the page shows; form names the form being
// answered, if any.
func (h *Handler) rtwView(r *request, form string) (*view, error) {
	id, ctx, l := r.PathValue("id"), r.Context(), r.lang
	pa, _, err := h.cfg.Services.Employees.PA(ctx, r.principal, id, r.now)
	if err != nil {
		return nil, err
	}
	rec, err := h.cfg.Services.Recruiting.Read(ctx, r.principal, id, r.now)
	if err != nil {
		return nil, err
	}
	d := rtwData{ID: pa.ID, Name: pa.LegalName}
	d.State, d.StateColour = rtwState(l, rec)
	for _, c := range rec.RightToWork {
		exp := T(l, "rtw.no_limit")
		if c.Expires != "" {
			exp = longDate(l, c.Expires)
		}
		d.Checks = append(d.Checks, []string{T(l, "rtw.method."+c.Method), longDate(l, c.CheckedOn), exp})
	}
	for _, ref := range rec.LatestReferences() {
		got := T(l, "rtw.ref.waiting")
		if ref.Received != "" {
			got = longDate(l, ref.Received)
		}
		d.References = append(d.References, []string{ref.Referee, longDate(l, ref.Requested), got})
	}
	for _, c := range rec.DBS {
		d.DBS = append(d.DBS, []string{T(l, "rtw.level."+c.Level), c.Certificate, longDate(l, c.Issued), T(l, "rtw.yesno."+map[bool]string{true: "yes", false: "no"}[c.UpdateService])})
	}
	opts := func(prefix string, values ...string) []option {
		out := make([]option, len(values))
		for i, v := range values {
			out[i] = option{Value: v, Text: T(l, prefix+v)}
		}
		return out
	}
	d.Methods = opts("rtw.method.", dpcoop.RightToWorkManual, dpcoop.RightToWorkOnline, dpcoop.RightToWorkIDSP)
	d.Levels = opts("rtw.level.", dpcoop.DBSBasic, dpcoop.DBSStandard, dpcoop.DBSEnhanced, dpcoop.DBSEnhancedBarredAdu)
	d.YesNo = opts("rtw.yesno.", "yes", "no")
	v := withData(r.view("rtw.title"), d)
	v.Title = T(l, "rtw.title", "name", pa.LegalName)
	v.Form = form
	if key, ok := rtwDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(l, key)
	}
	return v, nil
}

// rtwState is the PA's right to work today in plain words, and its tag's
// colour.
func rtwState(l dpcoop.Lang, rec recruitment.Record) (string, string) {
	switch rec.RightToWorkState {
	case dpcoop.RightToWorkValid:
		return T(l, "rtw.state.valid"), "green"
	case dpcoop.RightToWorkFollowUpDue:
		return T(l, "rtw.state.follow_up_due", "date", longDate(l, rec.FollowUpBy)), "yellow"
	}
	return T(l, "rtw.state.none"), "red"
}

func (h *Handler) rtwPage(w http.ResponseWriter, r *request) error {
	v, err := h.rtwView(r, "")
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "admin-rtw", v)
	return nil
}

// rtwAnswer sends the admin back to the page with the change's notice, or
// shows the form again with its answers and problems.
func (h *Handler) rtwAnswer(w http.ResponseWriter, r *request, form string, fields, dates []string, err error, done string) error {
	if err == nil {
		http.Redirect(w, r.Request, "/admin/pas/"+r.PathValue("id")+"/recruitment?done="+done, http.StatusSeeOther)
		return nil
	}
	v, verr := h.rtwView(r, form)
	if verr != nil {
		return verr
	}
	for _, f := range fields {
		v.Values.Set(f, strings.TrimSpace(r.PostFormValue(f)))
	}
	for _, f := range dates {
		for _, p := range dateParts(f) {
			v.Values.Set(p, strings.TrimSpace(r.PostFormValue(p)))
		}
	}
	if !v.problems(err) {
		return err
	}
	for i, e := range v.Errors {
		if slices.Contains(dates, e.Field) {
			v.Errors[i].Anchor = v.ID(e.Field + "-day")
		}
	}
	h.render(w, r, http.StatusBadRequest, "admin-rtw", v)
	return nil
}

// rtwRecord records a right-to-work check.
func (h *Handler) rtwRecord(w http.ResponseWriter, r *request) error {
	in := dpcoop.RightToWorkInput{Method: r.PostFormValue("method"), CheckedOn: formDateOf(r, "checked_on"), PermissionExpires: formDateOf(r, "permission_expires")}
	_, _, err := h.cfg.Services.Recruiting.RecordRightToWork(r.Context(), r.principal, r.PathValue("id"), in, pageRequestID(r), r.now)
	return h.rtwAnswer(w, r, "rtwcheck", []string{"method"}, []string{"checked_on", "permission_expires"}, err, "rtw")
}

// rtwReference records a reference asked for or received.
func (h *Handler) rtwReference(w http.ResponseWriter, r *request) error {
	in := dpcoop.ReferenceInput{Referee: r.PostFormValue("referee"), Requested: formDateOf(r, "requested"), Received: formDateOf(r, "received")}
	_, _, err := h.cfg.Services.Recruiting.RecordReference(r.Context(), r.principal, r.PathValue("id"), in, pageRequestID(r), r.now)
	return h.rtwAnswer(w, r, "rtwref", []string{"referee"}, []string{"requested", "received"}, err, "reference")
}

// rtwDBS records a DBS check.
func (h *Handler) rtwDBS(w http.ResponseWriter, r *request) error {
	in := dpcoop.DBSInput{Level: r.PostFormValue("level"), Certificate: r.PostFormValue("certificate_number"), Issued: formDateOf(r, "issued"),
		UpdateService: r.PostFormValue("update_service") == "yes"}
	_, _, err := h.cfg.Services.Recruiting.RecordDBS(r.Context(), r.principal, r.PathValue("id"), in, pageRequestID(r), r.now)
	return h.rtwAnswer(w, r, "rtwdbs", []string{"level", "certificate_number", "update_service"}, []string{"issued"}, err, "dbs")
}

// recruitmentTodos are the dashboard's items about safe recruitment, each
// PA linking to their page.
func recruitmentTodos(l dpcoop.Lang, d recruitment.Due) []todo {
	var out []todo
	item := func(key string, n int, line func(i int) (dpcoop.PA, string)) {
		if n == 0 {
			return
		}
		t := todo{Text: T(l, "rtw.dash."+key+".title"), Count: strconv.Itoa(n)}
		for i := range n {
			pa, text := line(i)
			t.Lines = append(t.Lines, link{Href: "/admin/pas/" + pa.ID + "/recruitment", Text: text})
		}
		out = append(out, t)
	}
	item("none", len(d.NoCheck), func(i int) (dpcoop.PA, string) {
		return d.NoCheck[i], T(l, "rtw.dash.none", "name", d.NoCheck[i].LegalName)
	})
	item("follow_up", len(d.FollowUp), func(i int) (dpcoop.PA, string) {
		f := d.FollowUp[i]
		return f.PA, T(l, "rtw.dash.follow_up", "name", f.PA.LegalName, "date", longDate(l, f.By))
	})
	item("no_dbs", len(d.NoDBS), func(i int) (dpcoop.PA, string) {
		return d.NoDBS[i], T(l, "rtw.dash.no_dbs", "name", d.NoDBS[i].LegalName)
	})
	return out
}
