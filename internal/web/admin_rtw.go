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
	h.mux.HandleFunc("GET /admin/employer/dbs", h.page(a, h.dbsPolicyPage))
	h.mux.HandleFunc("POST /admin/employer/dbs", h.page(a, h.setDBSPolicy))
}

// rtwDone are the notices after a change, by ?done=.
var rtwDone = map[string]string{"rtw": "rtw.done.rtw", "reference": "rtw.done.reference", "dbs": "rtw.done.dbs"}

// rtwData is what the page shows.
type rtwData struct {
	ID, Name, State, StateColour string
	Checks, References, DBS      [][]string
	Methods, Levels, YesNo       []option
	// Roles are, for each role the PA is employed in, the DBS level the
	// co-op requires and whether they meet it.
	Roles []row
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
	for _, rd := range rec.DBSByRole {
		d.Roles = append(d.Roles, row{T(l, "role."+rd.Role), roleDBSText(l, rd)})
	}
	d.Methods = opts(l, "rtw.method.", dpcoop.RightToWorkManual, dpcoop.RightToWorkOnline, dpcoop.RightToWorkIDSP)
	d.Levels = opts(l, "rtw.level.", dpcoop.DBSBasic, dpcoop.DBSStandard, dpcoop.DBSEnhanced, dpcoop.DBSEnhancedBarredAdu)
	d.YesNo = opts(l, "rtw.yesno.", "yes", "no")
	v := withData(r.view("rtw.title"), d)
	v.Title = T(l, "rtw.title", "name", pa.LegalName)
	v.Form = form
	if key, ok := rtwDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(l, key)
	}
	return v, nil
}

// opts are radios of values, each labelled by its text under prefix.
func opts(l dpcoop.Lang, prefix string, values ...string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{Value: v, Text: T(l, prefix+v)}
	}
	return out
}

// roleOptions are the employment form's roles.
func roleOptions(l dpcoop.Lang) []option { return opts(l, "role.", dpcoop.SupportRoles...) }

// roleDBSText says what the co-op requires of a role and whether the PA
// meets it.
func roleDBSText(l dpcoop.Lang, rd dpcoop.RoleDBS) string {
	if rd.Required == "" {
		return T(l, "rtw.role.none")
	}
	key := "rtw.role.unmet"
	if rd.Meets {
		key = "rtw.role.met"
	}
	return T(l, key, "level", T(l, "rtw.level."+rd.Required))
}

// recruitmentStatusRows are a PA's safe recruitment as a member choosing
// them (or the admin hiring them for a member) sees it: plain yes or no
// and a count, never a certificate, level, referee or date.
func (h *Handler) recruitmentStatusRows(r *request, pa string) ([]row, error) {
	s, err := h.cfg.Services.Recruiting.Status(r.Context(), r.principal, pa, r.now)
	if err != nil {
		return nil, err
	}
	return statusRows(r.lang, s), nil
}

// statusRows are a PA's safe recruitment in plain yes or no.
func statusRows(l dpcoop.Lang, s dpcoop.RecruitmentStatus) []row {
	yes := func(b bool) string { return T(l, "rtw.status."+map[bool]string{true: "yes", false: "no"}[b]) }
	return []row{
		{T(l, "rtw.status.rtw"), yes(s.RightToWorkChecked)},
		{T(l, "rtw.status.refs"), T(l, "rtw.status.refs.count", "n", strconv.Itoa(s.ReferencesReceived), "m", strconv.Itoa(s.ReferencesRequested))},
		{T(l, "rtw.status.dbs"), yes(s.DBSMeetsRequirement)},
		{T(l, "rtw.status.training"), yes(s.TrainingCurrent)},
	}
}

// The DBS policy page's answers: "none" for no check, "all" for a role
// taking the level for every role.
const (
	dbsNone = "none"
	dbsAll  = "all"
)

// dbsPolicyData is what the policy page offers: the levels for every role,
// and for each role those and "as for every role".
type dbsPolicyData struct {
	Levels []option
	Roles  []dbsRoleField
}

// dbsRoleField is one role's radios.
type dbsRoleField struct {
	Name    string
	Options []option
}

// dbsPolicyView reads the co-op's policy into the form's answers.
func (h *Handler) dbsPolicyView(r *request) (*view, error) {
	pol, err := h.cfg.Services.Recruiting.Policy(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	l := r.lang
	levels := append([]option{{Value: dbsNone, Text: T(l, "rtwpol.none")}}, opts(l, "rtw.level.", dpcoop.DBSBasic, dpcoop.DBSStandard, dpcoop.DBSEnhanced, dpcoop.DBSEnhancedBarredAdu)...)
	d := dbsPolicyData{Levels: levels}
	v := withData(r.view("rtwpol.title"), &d)
	v.Form = "rtwpol"
	answer := func(level string) string {
		if level == "" {
			return dbsNone
		}
		return level
	}
	v.Values.Set("dbs_required", answer(pol.DBSRequired))
	for _, role := range dpcoop.SupportRoles {
		d.Roles = append(d.Roles, dbsRoleField{Name: "dbs_" + role, Options: append([]option{{Value: dbsAll, Text: T(l, "rtwpol.all")}}, levels...)})
		a := dbsAll
		if level, ok := pol.DBSByRole[role]; ok {
			a = answer(level)
		}
		v.Values.Set("dbs_"+role, a)
	}
	if r.URL.Query().Get("done") == "dbs" {
		v.Notice = T(l, "rtwpol.done")
	}
	return v, nil
}

func (h *Handler) dbsPolicyPage(w http.ResponseWriter, r *request) error {
	v, err := h.dbsPolicyView(r)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "admin-rtw-policy", v)
	return nil
}

// setDBSPolicy sets the DBS level the co-op requires for every role and
// for each role set apart; an unanswered question is an error on it.
func (h *Handler) setDBSPolicy(w http.ResponseWriter, r *request) error {
	var p dpcoop.Problems
	level := func(field string) string {
		switch a := r.PostFormValue(field); a {
		case "":
			p.Add(field, dpcoop.FieldRequired)
		case dbsNone:
		default:
			return a
		}
		return ""
	}
	in := dpcoop.RecruitmentPolicy{DBSRequired: level("dbs_required"), DBSByRole: map[string]string{}}
	for _, role := range dpcoop.SupportRoles {
		if r.PostFormValue("dbs_"+role) != dbsAll {
			in.DBSByRole[role] = level("dbs_" + role)
		}
	}
	err := p.Err("set recruitment policy")
	if err == nil {
		_, err = h.cfg.Services.Recruiting.SetPolicy(r.Context(), r.principal, in)
	}
	if err == nil {
		return h.done(w, r, "/admin/employer/dbs?done=dbs")
	}
	v, verr := h.dbsPolicyView(r)
	if verr != nil {
		return verr
	}
	v.Notice = ""
	for _, f := range append([]string{"dbs_required"}, dbsFields()...) {
		v.Values.Set(f, r.PostFormValue(f))
	}
	de := dpcoop.ErrorOf(err)
	for i, fe := range de.Fields {
		if role, ok := strings.CutPrefix(fe.Field, "dbs_by_role."); ok {
			de.Fields[i].Field = "dbs_" + role
		}
	}
	if !v.problems(err) {
		return err
	}
	h.render(w, r, http.StatusBadRequest, "admin-rtw-policy", v)
	return nil
}

// dbsFields are the policy form's per-role questions.
func dbsFields() []string {
	out := make([]string, len(dpcoop.SupportRoles))
	for i, role := range dpcoop.SupportRoles {
		out[i] = "dbs_" + role
	}
	return out
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
