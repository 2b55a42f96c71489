package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dashboard"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// The admins' pages of area "reg": what needs doing, applications, the
// register and its members, PAs and their employments, care plans and the
// audit trail.
func (h *Handler) adminRegRoutes() {
	a := func(pattern string, fn pageFunc) { h.mux.HandleFunc(pattern, h.page(adminOnly, fn)) }
	a("GET /admin/shifts/waiting", h.adminStaleShifts)
	a("GET /admin/applications", h.adminApplications)
	a("GET /admin/applications/{id}", h.shows("admin-reg-application", h.applicationView))
	a("POST /admin/applications/{id}/approve", h.adminApprove)
	a("POST /admin/applications/{id}/reject", h.adminReject)
	a("GET /admin/members", h.adminMembers)
	a("GET /admin/members/register.csv", h.adminRegisterCSV)
	a("GET /admin/members/{id}", h.shows("admin-reg-member", h.memberView))
	a("POST /admin/members/{id}/care-plan", h.adminCarePlan)
	a("GET /admin/members/{id}/details", h.shows("admin-reg-details", h.detailsView))
	a("POST /admin/members/{id}/details", h.adminDetails)
	a("GET /admin/members/{id}/cease", h.adminCeaseForm)
	a("POST /admin/members/{id}/cease", h.adminCease)
	a("GET /admin/members/{id}/data", h.adminMemberData)
	a("GET /admin/pas", h.adminPAs)
	a("GET /admin/pas/new", h.adminHireForm)
	a("POST /admin/pas/new", h.adminHire)
	a("GET /admin/pas/{id}", h.adminPA)
	a("GET /admin/pas/{id}/data", h.adminPAData)
	a("GET /admin/pas/{id}/edit", h.adminPAEditForm)
	a("POST /admin/pas/{id}/edit", h.adminPAEdit)
	a("GET /admin/pas/{id}/employments/new", h.adminEmployForm)
	a("POST /admin/pas/{id}/employments/new", h.adminEmploy)
	a("GET /admin/employments/{id}/rates", h.adminRatesForm)
	a("POST /admin/employments/{id}/rates", h.adminRates)
	a("GET /admin/employments/{id}/end", h.adminEndForm)
	a("POST /admin/employments/{id}/end", h.adminEnd)
	a("GET /admin/audit", h.adminAudit)
}

// regDone are the notices after an admin's change, by ?done=.
var regDone = map[string]string{
	"approved": "reg.done.approved", "rejected": "reg.done.rejected", "ceased": "reg.done.ceased", "careplan": "reg.done.careplan",
	"hired": "reg.done.hired", "saved": "reg.done.saved", "employed": "reg.done.employed", "details": "reg.done.details", "rates": "reg.done.rates", "ended": "reg.done.ended",
}

// regView starts an admin's page, with the notice a redirect asked for.
func regView(r *request, title, form string, data any) *view {
	v := withData(r.view(title), data)
	v.Form = form
	if key, ok := regDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(r.lang, key)
	}
	return v
}

// done sends the admin on with the change's notice (the pages' audit
// records the change: see Handler.audit).
func (h *Handler) done(w http.ResponseWriter, r *request, to string) error {
	http.Redirect(w, r.Request, to, http.StatusSeeOther)
	return nil
}

// regRefused shows a service's refusal on an admin's form, each field under
// the form's own name for it (names), a date's problem linked to its day.
func (v *view) regRefused(err error, names map[string]string) bool {
	de := dpcoop.ErrorOf(err)
	if de.Kind != dpcoop.KindInvalid || len(de.Fields) == 0 {
		return v.refused(err)
	}
	for _, fe := range de.Fields {
		if n, ok := names[fe.Field]; ok {
			fe.Field = n
		}
		v.addError(fe)
	}
	for i, e := range v.Errors {
		if slices.Contains(regDates, e.Field) {
			v.Errors[i].Anchor = v.ID(e.Field + "-day")
		}
	}
	return true
}

// regDates are the admins' forms' date inputs.
var regDates = []string{"date_entered", "date", "date_of_birth", "start_date", "effective_from"}

// dateField reads a date input's parts, keeping the answers.
func dateField(r *request, v *view, name string) string {
	for _, p := range []string{"-day", "-month", "-year"} {
		v.Values.Set(name+p, strings.TrimSpace(r.PostFormValue(name+p)))
	}
	return formDate(v.Val(name+"-day"), v.Val(name+"-month"), v.Val(name+"-year"))
}

// setDate fills a date input's parts with d.
func setDate(v *view, name string, d dpcoop.Date) {
	if d == "" {
		return
	}
	t := d.Time()
	v.Values.Set(name+"-day", strconv.Itoa(t.Day()))
	v.Values.Set(name+"-month", strconv.Itoa(int(t.Month())))
	v.Values.Set(name+"-year", strconv.Itoa(t.Year()))
}

// link is a line of a page that leads somewhere.
type link struct{ Text, Href string }

// todo is one thing that needs doing: what, how many, where it is done,
// and its details.
type todo struct {
	Text, Count, Href, LinkText string
	Lines                       []link
	Note                        string
}

// adminHome is where an admin lands: what needs doing, each with a count
// and a link to where it is done.
func (h *Handler) adminHome(w http.ResponseWriter, r *request) error {
	b, err := dashboard.Build(r.Context(), h.cfg.Services, r.principal, r.now)
	if err != nil {
		return err
	}
	l := r.lang
	var items []todo
	n := func(i int) string { return strconv.Itoa(i) }
	if b.Applications > 0 {
		c := n(b.Applications)
		if b.MoreApplications {
			c += "+"
		}
		items = append(items, todo{Text: T(l, "dash.applications"), Count: c, Href: "/admin/applications", LinkText: T(l, "dash.applications.link")})
	}
	if len(b.Stale) > 0 {
		items = append(items, todo{Text: T(l, "dash.stale"), Count: n(len(b.Stale)), Href: "/admin/shifts/waiting", LinkText: T(l, "dash.stale.link")})
	}
	if d := b.Payroll; d != nil {
		status := "none"
		if d.Status != "" {
			status = string(d.Status)
		}
		t := todo{Text: T(l, "dash.payroll", "month", payslips.MonthName(l, d.Month)), Count: T(l, "dash.run."+status),
			Href: "/admin/payroll/" + d.Month, LinkText: T(l, "dash.payroll.link", "month", payslips.MonthName(l, d.Month)),
			Note: T(l, "dash.payday", "date", longDate(l, d.PayDate))}
		if d.Overdue {
			t.Note = T(l, "dash.payday.passed", "date", longDate(l, d.PayDate))
		}
		items = append(items, t)
		if len(d.Problems) > 0 {
			items = append(items, todo{Text: T(l, "dash.problems", "month", payslips.MonthName(l, d.Month)), Count: n(len(d.Problems)),
				Href: "/admin/payroll/" + d.Month, LinkText: T(l, "dash.problems.link")})
		}
	}
	if len(b.Uprating) > 0 {
		t := todo{Text: T(l, "dash.uprating", "date", longDate(l, dpcoop.Date(b.Uprating[0].Params["date"]))), Count: n(len(b.Uprating)),
			Href: "/admin/pas", LinkText: T(l, "dash.uprating.link")}
		items = append(items, t)
	}
	if len(b.ToOpen) > 0 {
		items = append(items, todo{Text: T(l, "dash.open"), Count: n(len(b.ToOpen)), Href: "/admin/votes", LinkText: T(l, "dash.votes.link")})
	}
	if len(b.ToClose) > 0 {
		items = append(items, todo{Text: T(l, "dash.close"), Count: n(len(b.ToClose)), Href: "/admin/votes", LinkText: T(l, "dash.votes.link")})
	}
	if len(b.Uncovered) > 0 {
		names, err := h.registerNames(r)
		if err != nil {
			return err
		}
		t := todo{Text: T(l, "dash.uncovered"), Count: n(len(b.Uncovered)), Note: T(l, "dash.uncovered.rule")}
		for _, u := range b.Uncovered {
			t.Lines = append(t.Lines, link{Href: "/admin/members/" + u.Member,
				Text: T(l, "dash.uncovered.line", "name", names[u.Member], "balance", payslips.Pounds(u.Balance), "charged", payslips.Pounds(u.Charged))})
		}
		items = append(items, t)
	}
	items = append(items, recruitmentTodos(l, b.Recruiting)...)
	for _, run := range b.Failed {
		items = append(items, todo{Text: T(l, "dash.failed", "month", payslips.MonthName(l, run.Month)), Count: "1",
			Href: "/admin/payroll/" + run.Month, LinkText: T(l, "dash.failed.link")})
	}
	items = append(items, employerTodos(l, b, dpcoop.DateOf(r.now))...)
	cover, err := h.coverTodos(r)
	if err != nil {
		return err
	}
	items = append(items, cover...)
	items = append(items, statementTodos(l, b.Unread)...)
	items = append(items, caseTodos(l, b.OpenCases)...)
	h.render(w, r, http.StatusOK, "admin-home", regView(r, "admin.home.title", "", items))
	return nil
}

// registerNames are the register's names by member id.
func (h *Handler) registerNames(r *request) (map[string]string, error) {
	reg, err := h.cfg.Services.Members.Register(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, e := range reg {
		out[e.ID] = e.Name
	}
	return out, nil
}

// allPAs are the co-op's PAs, every page of them.
func (h *Handler) allPAs(r *request) ([]dpcoop.PA, error) {
	var out []dpcoop.PA
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		res, err := h.cfg.Services.Employees.PAs(r.Context(), r.principal, page)
		if err != nil {
			return nil, err
		}
		out = append(out, res.Items...)
		if res.Next == "" {
			return out, nil
		}
		page.Cursor = res.Next
	}
}

// staleRow is a shift waiting too long, as the list shows it.
type staleRow struct{ When, PA, Waiting, Submitted string }

// adminStaleShifts lists the shifts waiting more than three days for
// approval, with who must approve them.
func (h *Handler) adminStaleShifts(w http.ResponseWriter, r *request) error {
	b, err := dashboard.Build(r.Context(), h.cfg.Services, r.principal, r.now)
	if err != nil {
		return err
	}
	names, err := h.registerNames(r)
	if err != nil {
		return err
	}
	pas, err := h.allPAs(r)
	if err != nil {
		return err
	}
	paNames := map[string]string{}
	for _, p := range pas {
		paNames[p.ID] = p.LegalName
	}
	rows := []staleRow{}
	for _, s := range b.Stale {
		var who []string
		for _, m := range s.Waiting {
			who = append(who, names[m])
		}
		rows = append(rows, staleRow{When: longDate(r.lang, s.Shift.Date) + ", " + s.Shift.StartTime + "–" + s.Shift.EndTime,
			PA: paNames[s.Shift.PA], Waiting: strings.Join(who, ", "), Submitted: dateTime(r.lang, s.Submitted)})
	}
	h.render(w, r, http.StatusOK, "admin-reg-stale", regView(r, "stale.title", "", rows))
	return nil
}

// appRow is an application in a list.
type appRow struct{ ID, Ref, Name, Kind, Received string }

// appsData is one page of applications with one status.
type appsData struct {
	Status string
	Tabs   []navItem
	Rows   []appRow
	Next   string
}

// adminApplications lists the applications waiting, approved or rejected,
// a page at a time.
func (h *Handler) adminApplications(w http.ResponseWriter, r *request) error {
	status := dpcoop.ApplicationStatus(r.URL.Query().Get("status"))
	if status == "" {
		status = dpcoop.StatusPending
	}
	page, err := h.cfg.Services.Members.Applications(r.Context(), r.principal, status, dpcoop.PageRequest{Cursor: r.URL.Query().Get("after"), Limit: 50})
	if dpcoop.IsKind(err, dpcoop.KindInvalid) {
		return dpcoop.E("applications", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if err != nil {
		return err
	}
	d := appsData{Status: string(status)}
	for _, s := range []dpcoop.ApplicationStatus{dpcoop.StatusPending, dpcoop.StatusApproved, dpcoop.StatusRejected} {
		d.Tabs = append(d.Tabs, navItem{Href: "/admin/applications?status=" + string(s), Text: T(r.lang, "apps.tab."+string(s)), Current: s == status})
	}
	for _, a := range page.Items {
		d.Rows = append(d.Rows, appRow{ID: a.ID, Ref: a.Reference, Name: a.Name, Kind: T(r.lang, "apps.kind."+string(a.Kind)),
			Received: longDate(r.lang, dpcoop.DateOf(a.Received))})
	}
	if page.Next != "" {
		d.Next = "/admin/applications?status=" + string(status) + "&after=" + page.Next
	}
	v := regView(r, "apps.title", "", d)
	v.Path = "/admin/applications?status=" + string(status)
	h.render(w, r, http.StatusOK, "admin-reg-applications", v)
	return nil
}

// appData is one application as an admin reads it.
type appData struct {
	ID      string
	Pending bool
	Rows    []row
}

func (h *Handler) applicationView(r *request) (*view, error) {
	a, err := h.cfg.Services.Members.Application(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	l := r.lang
	d := appData{ID: a.ID, Pending: a.Status == dpcoop.StatusPending, Rows: []row{
		{T(l, "apps.ref"), orNone(l, a.Reference)},
		{T(l, "apps.kind"), T(l, "apps.kind."+string(a.Kind))},
		{T(l, "details.name"), a.Name},
		{T(l, "details.email"), a.Email},
		{T(l, "details.phone"), orNone(l, a.Phone)},
		{T(l, "details.address"), a.Address},
		{T(l, "details.language"), T(l, "lang."+string(a.Language))},
		{T(l, "apps.consent"), T(l, "apps.consent."+strconv.FormatBool(a.ConsentElectronic))},
		{T(l, "apps.support"), orNone(l, a.SupportNeeds)},
		{T(l, "apps.received"), dateTime(l, a.Received)},
		{T(l, "apps.status"), T(l, "apps.tab."+string(a.Status))},
	}}
	if a.Reason != "" {
		d.Rows = append(d.Rows, row{T(l, "apps.reason"), a.Reason})
	}
	v := regView(r, "apps.one.title", "app", d)
	v.Title = a.Name
	setDate(v, "date_entered", dpcoop.DateOf(r.now))
	return v, nil
}

// adminApprove approves an application with the date the board decided:
// the date the member is entered on the register.
func (h *Handler) adminApprove(w http.ResponseWriter, r *request) error {
	v, err := h.applicationView(r)
	if err != nil {
		return err
	}
	date := dateField(r, v, "date_entered")
	if date == "" {
		v.addError(dpcoop.FieldError{Field: "date_entered", Code: dpcoop.FieldRequired})
		v.Errors[0].Anchor = v.ID("date_entered-day")
		h.render(w, r, http.StatusBadRequest, "admin-reg-application", v)
		return nil
	}
	_, err = h.cfg.Services.Members.Approve(r.Context(), r.principal, r.PathValue("id"), date, r.now)
	if v.regRefused(err, nil) {
		h.render(w, r, http.StatusBadRequest, "admin-reg-application", v)
		return nil
	}
	if err != nil {
		return err
	}
	return h.done(w, r, "/admin/applications?done=approved")
}

// adminReject turns an application down with a reason.
func (h *Handler) adminReject(w http.ResponseWriter, r *request) error {
	v, err := h.applicationView(r)
	if err != nil {
		return err
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	v.Values.Set("reason", reason)
	_, err = h.cfg.Services.Members.Reject(r.Context(), r.principal, r.PathValue("id"), reason, r.now)
	if v.regRefused(err, nil) {
		h.render(w, r, http.StatusBadRequest, "admin-reg-application", v)
		return nil
	}
	if err != nil {
		return err
	}
	return h.done(w, r, "/admin/applications?done=rejected")
}

// memberRow is a register entry in the list.
type memberRow struct{ ID, Name, Class, Entered, Ceased string }

// adminMembers is the register of members, former members included.
func (h *Handler) adminMembers(w http.ResponseWriter, r *request) error {
	reg, err := h.cfg.Services.Members.Register(r.Context(), r.principal)
	if err != nil {
		return err
	}
	rows := []memberRow{}
	for _, e := range reg {
		rows = append(rows, memberRow{ID: e.ID, Name: e.Name, Class: messages.Text(r.lang, "class."+string(e.Class), nil),
			Entered: longDate(r.lang, e.Entered), Ceased: dateOrEmpty(r.lang, e.Ceased)})
	}
	h.render(w, r, http.StatusOK, "admin-reg-members", regView(r, "members.title", "", rows))
	return nil
}

// adminRegisterCSV is the register as the CSV the API gives, in the
// admin's language.
func (h *Handler) adminRegisterCSV(w http.ResponseWriter, r *request) error {
	reg, err := h.cfg.Services.Members.Register(r.Context(), r.principal)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Language", string(r.lang))
	w.Header().Set("Content-Disposition", `attachment; filename="register.csv"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(messages.RegisterSheet(reg, r.lang).Bytes())
	return err
}

// memberData is a member's page for an admin.
type memberData struct {
	ID, Name string
	Ceased   bool
	Rows     []row
	Plan     string
}

func (h *Handler) memberView(r *request) (*view, error) {
	id := r.PathValue("id")
	m, err := h.cfg.Services.Members.Member(r.Context(), r.principal, id)
	if err != nil {
		return nil, err
	}
	l := r.lang
	d := memberData{ID: m.ID, Name: m.Name, Ceased: m.Ceased != "", Rows: []row{
		{T(l, "members.class"), messages.Text(l, "class."+string(m.Class), nil)},
		{T(l, "details.address"), m.Address},
		{T(l, "details.email"), orNone(l, m.Email)},
		{T(l, "details.phone"), orNone(l, m.Phone)},
		{T(l, "details.language"), T(l, "lang."+string(m.Language))},
		{T(l, "data.shares"), strconv.FormatInt(m.Shares, 10)},
		{T(l, "data.entered"), longDate(l, m.Entered)},
	}}
	if m.Ceased != "" {
		d.Rows = append(d.Rows, row{T(l, "members.ceased"), longDate(l, m.Ceased)}, row{T(l, "members.reason"), orNone(l, m.CeaseReason)})
	}
	v := regView(r, "members.one.title", "member", &d)
	v.Title = m.Name
	plan, err := h.cfg.Services.Timesheets.CarePlan(r.Context(), r.principal, id)
	switch {
	case err == nil:
		hours := hoursText(plan.WeeklyMinutes)
		d.Plan = T(l, "member.shift.hours", "hours", hours)
		v.Values.Set("hours", hours)
	case dpcoop.IsKind(err, dpcoop.KindNotFound):
		d.Plan = T(l, "careplan.none")
	default:
		return nil, err
	}
	return v, nil
}

// detailsView is the form correcting a member's register details, filled
// with what the register holds.
func (h *Handler) detailsView(r *request) (*view, error) {
	m, err := h.cfg.Services.Members.Member(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	l := r.lang
	v := regView(r, "mdetails.title", "mdetails", &paForm{Action: "/admin/members/" + m.ID + "/details",
		Languages: []option{{Value: "cy", Text: T(l, "lang.cy")}, {Value: "en", Text: T(l, "lang.en")}}})
	v.Title = T(l, "mdetails.title.of", "name", m.Name)
	for f, val := range map[string]string{"name": m.Name, "address": m.Address, "email": m.Email, "phone": m.Phone, "language": string(m.Language)} {
		v.Values.Set(f, val)
	}
	return v, nil
}

// adminDetails corrects a member's register details (PATCH
// /v1/members/{id}); a new email or language moves their sign-in.
func (h *Handler) adminDetails(w http.ResponseWriter, r *request) error {
	v, err := h.detailsView(r)
	if err != nil {
		return err
	}
	answer := func(f string) *string {
		val := strings.TrimSpace(r.PostFormValue(f))
		v.Values.Set(f, val)
		return &val
	}
	d := dpcoop.MemberDetails{Name: answer("name"), Address: answer("address"), Email: answer("email"),
		Phone: answer("phone"), Language: answer("language")}
	id := r.PathValue("id")
	_, err = h.cfg.Services.Members.Correct(r.Context(), r.principal, id, d)
	if v.regRefused(err, nil) {
		h.render(w, r, http.StatusBadRequest, "admin-reg-details", v)
		return nil
	}
	if err != nil {
		return err
	}
	return h.done(w, r, "/admin/members/"+id+"?done=details")
}

// hoursText is minutes as hours, with decimals only when needed.
func hoursText(minutes int64) string {
	return dpcoop.FormatHundredths((minutes*100 + 30) / 60)
}

// adminCarePlan sets the weekly hours of support a member's council funds.
func (h *Handler) adminCarePlan(w http.ResponseWriter, r *request) error {
	v, err := h.memberView(r)
	if err != nil {
		return err
	}
	hours := strings.TrimSpace(r.PostFormValue("hours"))
	v.Values.Set("hours", hours)
	hundredths, ok := dpcoop.ParseHundredths(hours)
	if !ok {
		v.addError(dpcoop.FieldError{Field: "hours", Code: dpcoop.FieldNumber})
	} else {
		_, err = h.cfg.Services.Timesheets.SetCarePlan(r.Context(), r.principal, r.PathValue("id"), (hundredths*60+50)/100, r.now)
		v.regRefused(err, map[string]string{"weekly_minutes": "hours"})
		if err != nil && len(v.Errors) == 0 {
			return err
		}
	}
	if len(v.Errors) > 0 {
		h.render(w, r, http.StatusBadRequest, "admin-reg-member", v)
		return nil
	}
	return h.done(w, r, "/admin/members/"+r.PathValue("id")+"?done=careplan")
}

func (h *Handler) ceaseView(r *request) (*view, dpcoop.Member, error) {
	m, err := h.cfg.Services.Members.Member(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return nil, m, err
	}
	if m.Ceased != "" {
		return nil, m, dpcoop.E("cease member", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	v := regView(r, "cease.title", "cease", m)
	return v, m, nil
}

func (h *Handler) adminCeaseForm(w http.ResponseWriter, r *request) error {
	v, _, err := h.ceaseView(r)
	if err != nil {
		return err
	}
	setDate(v, "date", dpcoop.DateOf(r.now))
	h.render(w, r, http.StatusOK, "admin-reg-cease", v)
	return nil
}

// adminCease asks to confirm the cessation the form describes, with what
// will happen; only the confirmed POST ceases the member.
func (h *Handler) adminCease(w http.ResponseWriter, r *request) error {
	v, m, err := h.ceaseView(r)
	if err != nil {
		return err
	}
	var date string
	if confirmed(r) {
		date = strings.TrimSpace(r.PostFormValue("date"))
	} else {
		date = dateField(r, v, "date")
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	v.Values.Set("reason", reason)
	if _, err := dpcoop.ValidateCessation(date, reason, r.principal.Person, r.now); v.regRefused(err, nil) {
		h.render(w, r, http.StatusBadRequest, "admin-reg-cease", v)
		return nil
	}
	if !confirmed(r) {
		l := r.lang
		d, _ := dpcoop.ParseDate(date)
		h.confirm(w, r, "cease.title", confirmData{
			Heading: T(l, "cease.confirm", "name", m.Name),
			Lines:   []string{T(l, "cease.confirm.date", "date", longDate(l, d)), T(l, "cease.confirm.reason", "reason", reason), T(l, "cease.confirm.signin"), T(l, "cease.confirm.shared")},
			Action:  "/admin/members/" + m.ID + "/cease", Hidden: []hidden{{"date", string(d)}, {"reason", reason}},
			Button: T(l, "cease.button"), Cancel: "/admin/members/" + m.ID,
		})
		return nil
	}
	if _, err := h.cfg.Services.Members.Cease(r.Context(), r.principal, m.ID, date, reason, r.now); err != nil {
		return err
	}
	return h.done(w, r, "/admin/members/"+m.ID+"?done=ceased")
}

// adminMemberData is a member's copy of their data, as the API gives it.
func (h *Handler) adminMemberData(w http.ResponseWriter, r *request) error {
	d, err := h.cfg.Services.Members.Data(r.Context(), r.principal, r.PathValue("id"), r.now)
	if err != nil {
		return err
	}
	return dataCopy(w, "member-data.json", d)
}

// paRow is a PA in the list.
type paRow struct{ ID, Name, Status, Start string }

// adminPAs lists the co-op's PAs.
func (h *Handler) adminPAs(w http.ResponseWriter, r *request) error {
	pas, err := h.allPAs(r)
	if err != nil {
		return err
	}
	rows := []paRow{}
	for _, p := range pas {
		rows = append(rows, paRow{ID: p.ID, Name: p.LegalName, Status: T(r.lang, "pas.status."+string(p.Status)), Start: dateOrEmpty(r.lang, p.StartDate)})
	}
	_, ups, err := h.cfg.Services.Employees.Employments(r.Context(), r.principal, "", "", r.now)
	if err != nil {
		return err
	}
	v := regView(r, "pas.title", "", rows)
	if len(ups) > 0 {
		v.Important = T(r.lang, "pas.uprating", "count", strconv.Itoa(len(ups)))
	}
	h.render(w, r, http.StatusOK, "admin-reg-pas", v)
	return nil
}

// paFields are the PA form's answers, by the names PAInput's JSON gives them.
var paFields = []string{"legal_name", "email", "phone", "address", "language", "ni_number", "starter_declaration", "tax_code",
	"student_loan_plan", "ni_category", "pension", "hmrc_gender", "account_name", "sort_code", "account_number"}

// paForm is what the PA form offers to choose from.
type paForm struct {
	Action, Key string
	New         bool
	Languages   []option
	Starters    []option
	Genders     []option
}

func paFormView(r *request, title, action string, isNew bool) *view {
	l := r.lang
	f := paForm{Action: action, New: isNew,
		Languages: []option{{Value: "cy", Text: T(l, "lang.cy")}, {Value: "en", Text: T(l, "lang.en")}},
		Genders:   []option{{Value: "F", Text: T(l, "pa.gender.F")}, {Value: "M", Text: T(l, "pa.gender.M")}}}
	for _, s := range []string{"A", "B", "C"} {
		f.Starters = append(f.Starters, option{Value: s, Text: T(l, "pa.starter."+s)})
	}
	v := regView(r, title, "pa", &f)
	return v
}

// paInput reads the PA form, keeping the answers.
func paInput(r *request, v *view) dpcoop.PAInput {
	for _, f := range paFields {
		v.Values.Set(f, strings.TrimSpace(r.PostFormValue(f)))
	}
	in := dpcoop.PAInput{LegalName: v.Val("legal_name"), Email: v.Val("email"), Phone: v.Val("phone"), Address: v.Val("address"),
		Language: v.Val("language"), NINumber: v.Val("ni_number"), Starter: v.Val("starter_declaration"), TaxCode: v.Val("tax_code"),
		StudentLoanPlan: v.Val("student_loan_plan"), NICategory: v.Val("ni_category"), Pension: v.Val("pension"), HMRCGender: v.Val("hmrc_gender"),
		DateOfBirth: dateField(r, v, "date_of_birth"), StartDate: dateField(r, v, "start_date")}
	if v.Val("account_name")+v.Val("sort_code")+v.Val("account_number") != "" {
		in.Bank = &dpcoop.BankDetails{AccountName: v.Val("account_name"), SortCode: v.Val("sort_code"), AccountNumber: v.Val("account_number")}
	}
	return in
}

// paNames are the PA form's names for the input's fields.
var paNames = map[string]string{"bank.account_name": "account_name", "bank.sort_code": "sort_code", "bank.account_number": "account_number", "bank": "account_name"}

func (h *Handler) adminHireForm(w http.ResponseWriter, r *request) error {
	v := paFormView(r, "pa.new.title", "/admin/pas/new", true)
	v.Data.(*paForm).Key = dpcoop.NewID()
	v.Values.Set("language", string(r.lang))
	h.render(w, r, http.StatusOK, "admin-reg-pa-form", v)
	return nil
}

// adminHire adds a PA's record; the form's key makes a second post of the
// same form find the first.
func (h *Handler) adminHire(w http.ResponseWriter, r *request) error {
	v := paFormView(r, "pa.new.title", "/admin/pas/new", true)
	key := r.PostFormValue("key")
	if !dpcoop.ValidID(key) {
		key = dpcoop.NewID()
	}
	v.Data.(*paForm).Key = key
	in := paInput(r, v)
	pa, _, err := h.cfg.Services.Employees.Hire(r.Context(), r.principal, in, func(kind string, natural ...string) (string, error) {
		return dpcoop.DerivedID(kind, string(r.principal.Coop), key), nil
	}, r.now)
	if v.regRefused(err, paNames) {
		h.render(w, r, http.StatusBadRequest, "admin-reg-pa-form", v)
		return nil
	}
	if err != nil {
		return err
	}
	return h.done(w, r, "/admin/pas/"+pa.ID+"?done=hired")
}

// paPage is a PA's record with their employments.
type paPage struct {
	ID          string
	Rows        []row
	Warnings    []string
	Employments []employmentRow
}

// employmentRow is an employment as the PA's page shows it.
type employmentRow struct {
	ID, Member, Dates, Rates, Warning string
	Ended                             bool
	Changes                           []string
}

// ratesText is a set of rates in words.
func ratesText(l dpcoop.Lang, r dpcoop.Rates) string {
	return T(l, "emp.rates.text", "standard", payslips.Pounds(r.Standard), "night", payslips.Pounds(r.Night),
		"sleep", payslips.Pounds(r.SleepIn), "bank", payslips.Pounds(r.BankHoliday))
}

func (h *Handler) adminPA(w http.ResponseWriter, r *request) error {
	pa, warnings, err := h.cfg.Services.Employees.PA(r.Context(), r.principal, r.PathValue("id"), r.now)
	if err != nil {
		return err
	}
	l := r.lang
	d := paPage{ID: pa.ID, Rows: []row{
		{T(l, "details.email"), pa.Email}, {T(l, "details.phone"), orNone(l, pa.Phone)}, {T(l, "details.address"), orNone(l, pa.Address)},
		{T(l, "details.language"), T(l, "lang."+string(pa.Language))}, {T(l, "pa.date_of_birth"), dateOrEmpty(l, pa.DateOfBirth)},
		{T(l, "pa.ni_number"), orNone(l, pa.NINumber)}, {T(l, "pa.tax_code"), orNone(l, pa.TaxCode)},
		{T(l, "pa.ni_category"), orNone(l, pa.NICategory)}, {T(l, "pa.start_date"), dateOrEmpty(l, pa.StartDate)},
		{T(l, "pas.status"), T(l, "pas.status."+string(pa.Status))},
	}}
	if pa.Bank != nil {
		d.Rows = append(d.Rows, row{T(l, "pa.bank"), pa.Bank.AccountName + ", " + pa.Bank.SortCode + ", " + pa.Bank.AccountNumber})
	}
	for _, wn := range warnings {
		d.Warnings = append(d.Warnings, messages.Text(l, "warning."+wn, nil))
	}
	emps, ups, err := h.cfg.Services.Employees.Employments(r.Context(), r.principal, pa.ID, "", r.now)
	if err != nil {
		return err
	}
	names, err := h.registerNames(r)
	if err != nil {
		return err
	}
	today := dpcoop.DateOf(r.now)
	for _, e := range emps {
		dates := T(l, "emp.from", "date", longDate(l, e.Start))
		if e.End != "" {
			dates = T(l, "emp.fromto", "start", longDate(l, e.Start), "end", longDate(l, e.End))
		}
		er := employmentRow{ID: e.ID, Member: names[e.Member], Dates: dates, Rates: ratesText(l, e.RatesOn(today)), Ended: e.End != "" && e.End.Before(today)}
		for _, c := range e.RateChanges {
			er.Changes = append(er.Changes, T(l, "emp.change", "date", longDate(l, c.EffectiveFrom), "rates", ratesText(l, c.Rates)))
		}
		for _, u := range ups {
			if u.Employment == e.ID {
				er.Warning = messages.Text(l, "warning."+u.Code, u.Params)
			}
		}
		d.Employments = append(d.Employments, er)
	}
	v := regView(r, "pa.title", "", d)
	v.Title = pa.LegalName
	h.render(w, r, http.StatusOK, "admin-reg-pa", v)
	return nil
}

func (h *Handler) adminPAEditForm(w http.ResponseWriter, r *request) error {
	pa, _, err := h.cfg.Services.Employees.PA(r.Context(), r.principal, r.PathValue("id"), r.now)
	if err != nil {
		return err
	}
	v := paFormView(r, "pa.edit.title", "/admin/pas/"+pa.ID+"/edit", false)
	for f, s := range map[string]string{"legal_name": pa.LegalName, "email": pa.Email, "phone": pa.Phone, "address": pa.Address,
		"language": string(pa.Language), "ni_number": pa.NINumber, "starter_declaration": pa.Starter, "tax_code": pa.TaxCode,
		"student_loan_plan": string(pa.StudentLoanPlan), "ni_category": pa.NICategory, "pension": pa.Pension, "hmrc_gender": pa.HMRCGender} {
		v.Values.Set(f, s)
	}
	if pa.Bank != nil {
		v.Values.Set("account_name", pa.Bank.AccountName)
		v.Values.Set("sort_code", pa.Bank.SortCode)
		v.Values.Set("account_number", pa.Bank.AccountNumber)
	}
	setDate(v, "date_of_birth", pa.DateOfBirth)
	setDate(v, "start_date", pa.StartDate)
	h.render(w, r, http.StatusOK, "admin-reg-pa-form", v)
	return nil
}

// adminPAEdit completes or corrects a PA's record (PUT /v1/pas/{id}).
func (h *Handler) adminPAEdit(w http.ResponseWriter, r *request) error {
	id := r.PathValue("id")
	v := paFormView(r, "pa.edit.title", "/admin/pas/"+id+"/edit", false)
	_, err := h.cfg.Services.Employees.Replace(r.Context(), r.principal, id, paInput(r, v), r.now)
	if v.regRefused(err, paNames) {
		h.render(w, r, http.StatusBadRequest, "admin-reg-pa-form", v)
		return nil
	}
	if err != nil {
		return err
	}
	return h.done(w, r, "/admin/pas/"+id+"?done=saved")
}

// rateFields are the rate inputs, in pounds, by the input's names.
var rateFields = []string{"standard", "night", "sleep_in", "bank_holiday"}

// rateNames are the rate inputs' names for the input's fields.
var rateNames = map[string]string{"rates.standard_pence": "standard", "rates.night_pence": "night", "rates.sleep_in_pence": "sleep_in", "rates.bank_holiday_pence": "bank_holiday"}

// readRates reads the rates in pounds as pence; an answer that is not an
// amount is an error on its field.
func readRates(r *request, v *view) (dpcoop.Rates, bool) {
	var p [4]int64
	ok := true
	for i, f := range rateFields {
		s := strings.TrimSpace(r.PostFormValue(f))
		v.Values.Set(f, s)
		n, good := dpcoop.ParseHundredths(s)
		if s == "" && f == "sleep_in" {
			n, good = 0, true
		}
		if !good {
			v.addError(dpcoop.FieldError{Field: f, Code: dpcoop.FieldNumber})
			ok = false
		}
		p[i] = n
	}
	return dpcoop.Rates{Standard: p[0], Night: p[1], SleepIn: p[2], BankHoliday: p[3]}, ok
}

// empForm is the employment form's choices.
type empForm struct {
	Action, Heading, Back string
	Members, Roles        []option
	Start                 bool
	// Status is the PA's safe recruitment in plain words, for the admin
	// choosing whom they support.
	Status []row
}

func (h *Handler) employView(r *request) (*view, dpcoop.PA, error) {
	pa, _, err := h.cfg.Services.Employees.PA(r.Context(), r.principal, r.PathValue("id"), r.now)
	if err != nil {
		return nil, pa, err
	}
	reg, err := h.cfg.Services.Members.Register(r.Context(), r.principal)
	if err != nil {
		return nil, pa, err
	}
	f := &empForm{Action: "/admin/pas/" + pa.ID + "/employments/new", Heading: pa.LegalName, Back: "/admin/pas/" + pa.ID, Start: true, Roles: roleOptions(r.lang)}
	if f.Status, err = h.recruitmentStatusRows(r, pa.ID); err != nil {
		return nil, pa, err
	}
	for _, m := range reg {
		if m.Active(dpcoop.DateOf(r.now)) && m.Class == dpcoop.ClassMember {
			f.Members = append(f.Members, option{Value: m.ID, Text: m.Name})
		}
	}
	return regView(r, "emp.new.title", "emp", f), pa, nil
}

func (h *Handler) adminEmployForm(w http.ResponseWriter, r *request) error {
	v, _, err := h.employView(r)
	if err != nil {
		return err
	}
	setDate(v, "start_date", dpcoop.DateOf(r.now))
	v.Values.Set("role", dpcoop.SupportPersonalCare)
	h.render(w, r, http.StatusOK, "admin-reg-employment", v)
	return nil
}

// adminEmploy starts an employment: the PA supports a member at rates.
func (h *Handler) adminEmploy(w http.ResponseWriter, r *request) error {
	v, pa, err := h.employView(r)
	if err != nil {
		return err
	}
	rates, ok := readRates(r, v)
	v.Values.Set("member_id", r.PostFormValue("member_id"))
	v.Values.Set("role", r.PostFormValue("role"))
	in := dpcoop.EmploymentInput{PA: pa.ID, Member: v.Val("member_id"), Role: v.Val("role"), Rates: rates, Start: dateField(r, v, "start_date")}
	if ok {
		_, err = h.cfg.Services.Employees.Employ(r.Context(), r.principal, in, func(kind string, natural ...string) (string, error) {
			return dpcoop.DerivedID(append([]string{kind, string(r.principal.Coop)}, natural...)...), nil
		}, r.now)
		if !v.regRefused(err, rateNames) && err != nil {
			return err
		}
	}
	if len(v.Errors) > 0 {
		h.render(w, r, http.StatusBadRequest, "admin-reg-employment", v)
		return nil
	}
	return h.done(w, r, "/admin/pas/"+pa.ID+"?done=employed")
}

// employment reads the employment a page names.
func (h *Handler) employment(r *request) (dpcoop.Employment, error) {
	emps, _, err := h.cfg.Services.Employees.Employments(r.Context(), r.principal, "", "", r.now)
	if err != nil {
		return dpcoop.Employment{}, err
	}
	for _, e := range emps {
		if e.ID == r.PathValue("id") {
			return e, nil
		}
	}
	return dpcoop.Employment{}, dpcoop.E("employment", dpcoop.KindNotFound, dpcoop.CodeNotFound)
}

func (h *Handler) empChangeView(r *request, title, form, action string) (*view, dpcoop.Employment, error) {
	e, err := h.employment(r)
	if err != nil {
		return nil, e, err
	}
	names, err := h.registerNames(r)
	if err != nil {
		return nil, e, err
	}
	pa, _, err := h.cfg.Services.Employees.PA(r.Context(), r.principal, e.PA, r.now)
	if err != nil {
		return nil, e, err
	}
	f := &empForm{Action: "/admin/employments/" + e.ID + "/" + action, Back: "/admin/pas/" + e.PA,
		Heading: T(r.lang, "emp.for", "pa", pa.LegalName, "member", names[e.Member])}
	return regView(r, title, form, f), e, nil
}

func (h *Handler) adminRatesForm(w http.ResponseWriter, r *request) error {
	v, e, err := h.empChangeView(r, "rates.title", "emp", "rates")
	if err != nil {
		return err
	}
	now := e.RatesOn(dpcoop.DateOf(r.now))
	for i, p := range []int64{now.Standard, now.Night, now.SleepIn, now.BankHoliday} {
		v.Values.Set(rateFields[i], strings.TrimPrefix(payslips.Pounds(p), "£"))
	}
	h.render(w, r, http.StatusOK, "admin-reg-employment", v)
	return nil
}

// adminRates gives an employment new rates from a date.
func (h *Handler) adminRates(w http.ResponseWriter, r *request) error {
	v, e, err := h.empChangeView(r, "rates.title", "emp", "rates")
	if err != nil {
		return err
	}
	rates, ok := readRates(r, v)
	in := dpcoop.RateChangeInput{EffectiveFrom: dateField(r, v, "effective_from"), Rates: rates}
	if ok {
		_, err = h.cfg.Services.Employees.ChangeRates(r.Context(), r.principal, e.ID, in, func(kind string, natural ...string) (string, error) {
			return dpcoop.DerivedID(append([]string{kind, string(r.principal.Coop)}, natural...)...), nil
		}, r.now)
		if !v.regRefused(err, rateNames) && err != nil && !errors.Is(err, dpcoop.ErrUnchanged) {
			return err
		}
	}
	if len(v.Errors) > 0 {
		h.render(w, r, http.StatusBadRequest, "admin-reg-employment", v)
		return nil
	}
	return h.done(w, r, "/admin/pas/"+e.PA+"?done=rates")
}

func (h *Handler) adminEndForm(w http.ResponseWriter, r *request) error {
	v, _, err := h.empChangeView(r, "end.title", "end", "end")
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "admin-reg-end", v)
	return nil
}

// adminEnd records an employment's last day.
func (h *Handler) adminEnd(w http.ResponseWriter, r *request) error {
	v, e, err := h.empChangeView(r, "end.title", "end", "end")
	if err != nil {
		return err
	}
	_, err = h.cfg.Services.Employees.End(r.Context(), r.principal, e.ID, dpcoop.EndInput{Date: dateField(r, v, "date")}, r.now)
	if v.regRefused(err, nil) {
		h.render(w, r, http.StatusBadRequest, "admin-reg-end", v)
		return nil
	}
	if err != nil && !errors.Is(err, dpcoop.ErrUnchanged) {
		return err
	}
	return h.done(w, r, "/admin/pas/"+e.PA+"?done=ended")
}

// auditPage is how many of the trail's entries a page shows.
const auditPage = 50

// auditRow is one entry of the trail in words.
type auditRow struct{ When, Who, What, Record string }

// auditData is a page of a month's trail, newest first.
type auditData struct {
	MonthName    string
	Rows         []auditRow
	Prev, Next   string
	Older, Newer string
}

// adminAudit is a month of the audit trail, newest first, a page at a
// time: who, what and when.
func (h *Handler) adminAudit(w http.ResponseWriter, r *request) error {
	month, err := statementMonth(r, r.URL.Query().Get("month"))
	if err != nil {
		return err
	}
	var all []dpcoop.AuditEntry
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		res, err := h.cfg.Services.Audit.Trail(r.Context(), r.principal, month, page)
		if err != nil {
			return err
		}
		all = append(all, res.Items...)
		if res.Next == "" {
			break
		}
		page.Cursor = res.Next
	}
	slices.Reverse(all)
	n, _ := strconv.Atoi(r.URL.Query().Get("page"))
	n = max(n, 1)
	from := min((n-1)*auditPage, len(all))
	to := min(from+auditPage, len(all))
	names, err := h.registerNames(r)
	if err != nil {
		return err
	}
	pas, err := h.allPAs(r)
	if err != nil {
		return err
	}
	for _, p := range pas {
		names[p.ID] = p.LegalName
	}
	l := r.lang
	d := auditData{MonthName: payslips.MonthName(l, string(month))}
	for _, e := range all[from:to] {
		who := names[e.Person]
		switch {
		case e.Person == r.principal.Person:
			who = T(l, "audit.you")
		case who == "":
			who = T(l, "audit.someone")
		}
		var roles []string
		for _, ro := range e.Roles {
			roles = append(roles, T(l, "role."+string(ro)))
		}
		if len(roles) > 0 {
			who += " (" + strings.Join(roles, ", ") + ")"
		}
		var target []string
		for _, k := range []string{"id", "member", "pa", "month"} {
			if t := e.Target[k]; t != "" {
				if nm := names[t]; nm != "" {
					t = nm
				}
				target = append(target, t)
			}
		}
		d.Rows = append(d.Rows, auditRow{When: dateTime(l, e.At), Who: who, What: auditAction(l, e), Record: strings.Join(target, ", ")})
	}
	base := "/admin/audit?month=" + string(month)
	if to < len(all) {
		d.Next = base + "&page=" + strconv.Itoa(n+1)
	}
	if n > 1 {
		d.Prev = base + "&page=" + strconv.Itoa(n-1)
	}
	first, _ := month.Bounds()
	d.Older = "/admin/audit?month=" + first.AddDays(-1).Month()
	if month < dpcoop.Month(dpcoop.DateOf(r.now).Month()) {
		d.Newer = "/admin/audit?month=" + dpcoop.NextMonth(string(month))
	}
	v := regView(r, "audit.title", "", d)
	v.Path = base
	h.render(w, r, http.StatusOK, "admin-reg-audit", v)
	return nil
}

// auditAction says an entry's action in words: what was done (from the
// method) to what (the route's first part), and a read of sensitive data.
func auditAction(l dpcoop.Lang, e dpcoop.AuditEntry) string {
	method, path, _ := strings.Cut(e.Action, " ")
	parts := strings.Split(strings.Trim(path, "/"), "/")
	thing := ""
	if len(parts) > 1 {
		thing = parts[1]
	}
	what, ok := lookup(l, "audit.thing."+thing)
	if !ok {
		what = T(l, "audit.thing.other")
	}
	verb := "audit.verb.change"
	switch {
	case e.Read || method == http.MethodGet:
		verb = "audit.verb.read"
	case method == http.MethodDelete:
		verb = "audit.verb.remove"
	}
	s := T(l, verb, "thing", what)
	if e.Status >= 400 {
		s += " " + T(l, "audit.refused")
	}
	return s
}
