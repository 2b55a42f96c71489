package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dashboard"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/insurance"
	"github.com/dpcoop/dpcoop/internal/payslips"
	"github.com/dpcoop/dpcoop/internal/training"
)

// The co-op's duties as a good employer that it keeps records of: each
// PA's training (/admin/pas/<id>/training, linked from the PA's record),
// the employers' liability insurance and the courses every PA must hold
// (/admin/employer); the PA reads their own training and the insurance
// certificate (/pa/training), and a member which courses their PAs hold
// current (/member/pa-training).
func (h *Handler) adminTrainingRoutes() {
	a := adminOnly
	h.mux.HandleFunc("GET /admin/pas/{id}/training", h.page(a, h.paTraining))
	h.mux.HandleFunc("POST /admin/pas/{id}/training", h.page(a, h.addTraining))
	h.mux.HandleFunc("POST /admin/pas/{id}/training/{tid}/delete", h.page(a, h.removeTraining))
	h.mux.HandleFunc("GET /admin/employer", h.page(a, h.employer))
	h.mux.HandleFunc("POST /admin/employer/insurance", h.page(a, h.setInsurance))
	h.mux.HandleFunc("POST /admin/employer/required-training", h.page(a, h.setRequiredTraining))
	h.mux.HandleFunc("GET /pa/training", h.page([]dpcoop.Role{dpcoop.RolePA}, h.ownTraining))
	h.mux.HandleFunc("GET /member/pa-training", h.page([]dpcoop.Role{dpcoop.RoleMember}, h.membersPATraining))
	h.riskRoutes()
}

// courseName is a course's name in l: its kind's, or its own title.
func courseName(l dpcoop.Lang, c dpcoop.Course, title string) string {
	if c == dpcoop.CourseOther && title != "" {
		return title
	}
	return T(l, "course."+string(c))
}

// untilText is how long a course counts: "current until <date>", or that
// it does not expire.
func untilText(l dpcoop.Lang, expires dpcoop.Date) string {
	if expires == "" {
		return T(l, "training.noexpiry")
	}
	return T(l, "training.until", "date", longDate(l, expires))
}

// trainingRow is one course as the pages list it.
type trainingRow struct {
	ID, Course, Completed, Expires, Provider string
	Due                                      bool
}

// trainingData is what a PA's training page shows.
type trainingData struct {
	ID, Name string
	Rows     []trainingRow
	Due      []string
	Missing  []string
	Courses  []option
}

// trainingOn lists a PA's courses, those due and the required ones
// missing, in l, as they stand on day on.
func trainingOn(l dpcoop.Lang, rec training.Record, on dpcoop.Date) trainingData {
	var d trainingData
	for _, t := range rec.Training {
		row := trainingRow{ID: t.ID, Course: courseName(l, t.Course, t.Title), Completed: longDate(l, t.Completed),
			Expires: untilText(l, t.Expires), Provider: t.Provider}
		row.Due = slices.ContainsFunc(rec.Due, func(x dpcoop.Training) bool { return x.ID == t.ID })
		d.Rows = append(d.Rows, row)
	}
	for _, t := range rec.Due {
		key := "training.due.expires"
		if !t.Current(on) {
			key = "training.due.expired"
		}
		d.Due = append(d.Due, T(l, key, "course", courseName(l, t.Course, t.Title), "date", longDate(l, t.Expires)))
	}
	for _, c := range rec.Missing {
		d.Missing = append(d.Missing, courseName(l, c, ""))
	}
	return d
}

// trainingView reads a PA's training page; form names the form being
// answered, if any.
func (h *Handler) trainingView(r *request, form string) (*view, error) {
	id, l := r.PathValue("id"), r.lang
	pa, _, err := h.cfg.Services.Employees.PA(r.Context(), r.principal, id, r.now)
	if err != nil {
		return nil, err
	}
	rec, err := h.cfg.Services.Training.Of(r.Context(), r.principal, id, r.now)
	if err != nil {
		return nil, err
	}
	d := trainingOn(l, rec, dpcoop.DateOf(r.now))
	d.ID, d.Name = pa.ID, pa.LegalName
	for _, c := range dpcoop.Courses {
		d.Courses = append(d.Courses, option{Value: string(c), Text: T(l, "course."+string(c))})
	}
	v := withData(r.view("training.title"), d)
	v.Title = T(l, "training.title", "name", pa.LegalName)
	if key, ok := map[string]string{"added": "training.done.added", "removed": "training.done.removed"}[r.URL.Query().Get("done")]; ok {
		v.Notice = T(l, key)
	}
	v.Form = form
	return v, nil
}

// paTraining is a PA's training page: their courses, what is due or
// missing, and the form to record a course.
func (h *Handler) paTraining(w http.ResponseWriter, r *request) error {
	v, err := h.trainingView(r, "")
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "admin-training", v)
	return nil
}

// addTraining records a course the PA completed.
func (h *Handler) addTraining(w http.ResponseWriter, r *request) error {
	in := dpcoop.TrainingInput{Course: r.PostFormValue("course"), Title: r.PostFormValue("title"),
		Completed: formDateOf(r, "completed"), Expires: formDateOf(r, "expires"), Provider: r.PostFormValue("provider")}
	_, _, err := h.cfg.Services.Training.Add(r.Context(), r.principal, r.PathValue("id"), in, pageRequestID(r), r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/pas/"+r.PathValue("id")+"/training?done=added", http.StatusSeeOther)
		return nil
	}
	v, verr := h.trainingView(r, "trainingform")
	if verr != nil {
		return verr
	}
	for _, f := range slices.Concat([]string{"course", "title", "provider"}, dateParts("completed"), dateParts("expires")) {
		v.Values.Set(f, strings.TrimSpace(r.PostFormValue(f)))
	}
	if !v.problems(err) {
		return err
	}
	dateAnchors(v, "completed", "expires")
	h.render(w, r, http.StatusBadRequest, "admin-training", v)
	return nil
}

// dateAnchors points the error summary's links for date fields at their
// day input.
func dateAnchors(v *view, dates ...string) {
	for i, e := range v.Errors {
		if slices.Contains(dates, e.Field) {
			v.Errors[i].Anchor = v.ID(e.Field + "-day")
		}
	}
}

// removeTraining deletes a course recorded in error, once the admin
// confirms.
func (h *Handler) removeTraining(w http.ResponseWriter, r *request) error {
	id, tid := r.PathValue("id"), r.PathValue("tid")
	if !confirmed(r) {
		rec, err := h.cfg.Services.Training.Of(r.Context(), r.principal, id, r.now)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(rec.Training, func(t dpcoop.Training) bool { return t.ID == tid })
		if i < 0 {
			return dpcoop.E("delete training", dpcoop.KindNotFound, dpcoop.CodeNotFound)
		}
		t := rec.Training[i]
		h.confirm(w, r, "training.remove.title", confirmData{
			Heading: T(r.lang, "training.remove.heading"),
			Lines:   []string{courseName(r.lang, t.Course, t.Title) + ", " + longDate(r.lang, t.Completed) + ", " + t.Provider},
			Action:  "/admin/pas/" + id + "/training/" + tid + "/delete",
			Button:  T(r.lang, "training.remove.button"),
			Cancel:  "/admin/pas/" + id + "/training",
		})
		return nil
	}
	if err := h.cfg.Services.Training.Remove(r.Context(), r.principal, id, tid); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/pas/"+id+"/training?done=removed", http.StatusSeeOther)
	return nil
}

// employerData is what the employer's duties page shows.
type employerData struct {
	Policy   []row
	Warning  string
	Courses  []option
	Required []string
}

// insuranceRows are the certificate's details as the pages show them.
func insuranceRows(l dpcoop.Lang, e *dpcoop.EmployersLiability) []row {
	if e == nil {
		return nil
	}
	return []row{
		{T(l, "insurance.insurer"), e.Insurer},
		{T(l, "insurance.policy_number"), e.Policy},
		{T(l, "insurance.row.cover"), payslips.Pounds(e.Cover)},
		{T(l, "insurance.start_date"), longDate(l, e.Start)},
		{T(l, "insurance.expiry_date"), longDate(l, e.Expires)},
	}
}

// employerView reads the employer's duties page; form names the form
// being answered, if any.
func (h *Handler) employerView(r *request, form string) (*view, error) {
	l := r.lang
	cert, err := h.cfg.Services.Insurance.Current(r.Context(), r.principal, r.now)
	if err != nil {
		return nil, err
	}
	req, err := h.cfg.Services.Training.Required(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	d := employerData{Policy: insuranceRows(l, cert.Policy)}
	if cert.State != dpcoop.InsuranceCurrent {
		d.Warning = insuranceWarning(l, cert)
	}
	for _, c := range dpcoop.Courses {
		if c != dpcoop.CourseOther {
			d.Courses = append(d.Courses, option{Value: string(c), Text: T(l, "course."+string(c))})
		}
	}
	v := withData(r.view("employer.title"), d)
	for _, c := range req.Courses {
		v.Values.Add("courses", string(c))
	}
	if cert.Policy != nil && form == "" {
		e := cert.Policy
		v.Values.Set("insurer", e.Insurer)
		v.Values.Set("policy_number", e.Policy)
		v.Values.Set("cover", payslips.Pounds(e.Cover))
	}
	if key, ok := map[string]string{"insurance": "employer.done.insurance", "required": "employer.done.required"}[r.URL.Query().Get("done")]; ok {
		v.Notice = T(l, key)
	}
	v.Form = form
	return v, nil
}

// insuranceWarning is what the admins are told of a policy missing,
// expired or expiring.
func insuranceWarning(l dpcoop.Lang, c insurance.Certificate) string {
	if c.Policy == nil {
		return T(l, "insurance.state.missing")
	}
	return T(l, "insurance.state."+string(c.State), "date", longDate(l, c.Policy.Expires))
}

// employer is the page of the co-op's employers' liability insurance and
// the courses every PA must hold.
func (h *Handler) employer(w http.ResponseWriter, r *request) error {
	v, err := h.employerView(r, "")
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "admin-employer", v)
	return nil
}

// setInsurance records the policy now in force.
func (h *Handler) setInsurance(w http.ResponseWriter, r *request) error {
	in := dpcoop.InsuranceInput{Insurer: r.PostFormValue("insurer"), Policy: r.PostFormValue("policy_number"),
		Cover: penceOf(r.PostFormValue("cover")), Start: formDateOf(r, "start_date"), Expires: formDateOf(r, "expiry_date")}
	_, err := h.cfg.Services.Insurance.Set(r.Context(), r.principal, in, r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/employer?done=insurance", http.StatusSeeOther)
		return nil
	}
	v, verr := h.employerView(r, "insurance")
	if verr != nil {
		return verr
	}
	for _, f := range slices.Concat([]string{"insurer", "policy_number", "cover"}, dateParts("start_date"), dateParts("expiry_date")) {
		v.Values.Set(f, strings.TrimSpace(r.PostFormValue(f)))
	}
	if !v.problems(err) {
		return err
	}
	for i, e := range v.Errors {
		if e.Field == "cover_pence" {
			v.Errors[i].Field, v.Errors[i].Anchor = "cover", v.ID("cover")
		}
	}
	dateAnchors(v, "start_date", "expiry_date")
	h.render(w, r, http.StatusBadRequest, "admin-employer", v)
	return nil
}

// setRequiredTraining replaces the courses every PA must hold.
func (h *Handler) setRequiredTraining(w http.ResponseWriter, r *request) error {
	var in dpcoop.RequiredTraining
	for _, c := range r.PostForm["courses"] {
		in.Courses = append(in.Courses, dpcoop.Course(c))
	}
	if _, err := h.cfg.Services.Training.SetRequired(r.Context(), r.principal, in, r.now); err != nil {
		v, verr := h.employerView(r, "required")
		if verr != nil {
			return verr
		}
		v.Values["courses"] = r.PostForm["courses"]
		if !v.problems(err) {
			return err
		}
		h.render(w, r, http.StatusBadRequest, "admin-employer", v)
		return nil
	}
	http.Redirect(w, r.Request, "/admin/employer?done=required", http.StatusSeeOther)
	return nil
}

// ownTraining is a PA's own page of their training, what to renew, and
// the co-op's employers' liability certificate, which the law says every
// employee may see.
func (h *Handler) ownTraining(w http.ResponseWriter, r *request) error {
	l := r.lang
	rec, err := h.cfg.Services.Training.Of(r.Context(), r.principal, r.principal.Person, r.now)
	if err != nil {
		return err
	}
	cert, err := h.cfg.Services.Insurance.Current(r.Context(), r.principal, r.now)
	if err != nil {
		return err
	}
	d := struct {
		trainingData
		Policy []row
	}{trainingOn(l, rec, dpcoop.DateOf(r.now)), insuranceRows(l, cert.Policy)}
	h.render(w, r, http.StatusOK, "pa-training", withData(r.view("patraining.title"), d))
	return nil
}

// membersPATraining shows a member which courses each of their PAs holds
// current, and until when, and their safe recruitment in plain yes or no;
// in Easy Read, the same as short sentences with pictures.
func (h *Handler) membersPATraining(w http.ResponseWriter, r *request) error {
	l := r.lang
	pas, err := h.cfg.Services.Training.ForMember(r.Context(), r.principal, r.principal.Person, r.now)
	if err != nil {
		return err
	}
	type card struct {
		Name            string
		Courses, Status []row
		Easy            []easyLine
	}
	var cards []card
	for _, p := range pas {
		s, err := h.cfg.Services.Recruiting.Status(r.Context(), r.principal, p.PA, r.now)
		if err != nil {
			return err
		}
		c := card{Name: p.Name, Status: statusRows(l, s), Easy: easyStatus(l, p.Name, s)}
		for _, cc := range p.Courses {
			c.Courses = append(c.Courses, row{courseName(l, cc.Course, cc.Title), untilText(l, cc.CurrentUntil)})
		}
		cards = append(cards, c)
	}
	h.render(w, r, http.StatusOK, "member-pa-training", withData(r.view("memtraining.title"), cards))
	return nil
}

// easyLine is one Easy Read sentence with the picture beside it.
type easyLine struct{ Icon, Text string }

// easyStatus is a PA's safe recruitment in Easy Read: one sentence for
// each check, saying whether it is done.
func easyStatus(l dpcoop.Lang, name string, s dpcoop.RecruitmentStatus) []easyLine {
	done := func(ok bool, key string) easyLine {
		if ok {
			return easyLine{"check", T(l, "easy.patraining."+key+".yes", "name", name)}
		}
		return easyLine{"circle-alert", T(l, "easy.patraining."+key+".no", "name", name)}
	}
	refs := easyLine{"users", T(l, "easy.patraining.refs.none", "name", name)}
	if s.ReferencesRequested > 0 {
		refs.Text = T(l, "easy.patraining.refs", "name", name, "n", strconv.Itoa(s.ReferencesReceived), "m", strconv.Itoa(s.ReferencesRequested))
	}
	return []easyLine{
		{"user-round", T(l, "easy.patraining.helps", "name", name)},
		done(s.RightToWorkChecked, "rtw"),
		refs,
		done(s.DBSMeetsRequirement, "dbs"),
		done(s.TrainingCurrent, "training"),
	}
}

// employerTodos are the dashboard's items of the employer's duties: PAs'
// training to renew or missing, each linking to the PA's training page,
// risk assessments to review, and the insurance when it is not current.
func employerTodos(l dpcoop.Lang, b dashboard.Board, today dpcoop.Date) []todo {
	var items []todo
	if len(b.Training) > 0 {
		t := todo{Text: T(l, "dash.training"), Count: itoa(int64(len(b.Training)))}
		for _, a := range b.Training {
			var names []string
			for _, d := range a.Due {
				key := "training.due.expires"
				if !d.Current(today) {
					key = "training.due.expired"
				}
				names = append(names, T(l, key, "course", courseName(l, d.Course, d.Title), "date", longDate(l, d.Expires)))
			}
			for _, c := range a.Missing {
				names = append(names, T(l, "training.missing.one", "course", courseName(l, c, "")))
			}
			t.Lines = append(t.Lines, link{Href: "/admin/pas/" + a.PA + "/training",
				Text: T(l, "dash.training.line", "name", a.Name, "courses", strings.Join(names, "; "))})
		}
		items = append(items, t)
	}
	if len(b.RiskReviews) > 0 {
		t := todo{Text: T(l, "dash.risk"), Count: itoa(int64(len(b.RiskReviews)))}
		for _, a := range b.RiskReviews {
			t.Lines = append(t.Lines, link{Href: "/admin/members/" + a.Member + "/risk/" + a.ID,
				Text: T(l, "dash.risk.line", "title", a.Title, "date", longDate(l, a.Review))})
		}
		items = append(items, t)
	}
	if c := b.Insurance; c.State != dpcoop.InsuranceCurrent {
		items = append(items, todo{Text: T(l, "dash.insurance"), Count: T(l, "insurance.tag."+string(c.State)), Note: insuranceWarning(l, c),
			Href: "/admin/employer", LinkText: T(l, "dash.insurance.link")})
	}
	return items
}
