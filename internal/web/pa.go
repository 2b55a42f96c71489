package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/employees"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// The PA's pages: their shifts, recording and correcting one, their
// payslips and their own details.
func (h *Handler) paRoutes() {
	pa := []dpcoop.Role{dpcoop.RolePA}
	h.mux.HandleFunc("GET /pa", h.page(pa, h.paHome))
	h.mux.HandleFunc("GET /pa/shifts/new", h.page(pa, h.shiftForm))
	h.mux.HandleFunc("POST /pa/shifts/new", h.page(pa, h.recordShift))
	h.mux.HandleFunc("GET /pa/shifts/{id}/edit", h.page(pa, h.correctForm))
	h.mux.HandleFunc("POST /pa/shifts/{id}/edit", h.page(pa, h.correctShift))
	h.mux.HandleFunc("POST /pa/shifts/{id}/submit", h.page(pa, h.submitShift))
	h.mux.HandleFunc("GET /pa/payslips", h.page(pa, h.payslipList))
	h.mux.HandleFunc("GET /pa/payslips/{month}", h.page(pa, h.payslipPDF))
	h.mux.HandleFunc("GET /pa/details", h.page(pa, h.paDetails))
	h.mux.HandleFunc("GET /pa/data", h.page(pa, h.paData))
	h.mux.HandleFunc("GET /pa/data/download", h.page(pa, h.paDataDownload))
}

// shiftRow is a shift as the PA's lists show it.
type shiftRow struct {
	ID, When, Members, Kind, Status, StatusColour, Reason string
	Correct, Submit                                       bool
}

// paHomeData is this week's and this month's shifts.
type paHomeData struct {
	Week, Month []shiftRow
	MonthName   string
}

// done are the notices a page shows after a change, by the ?done= of the
// redirect that follows it.
var done = map[string]string{"recorded": "pa.done.recorded", "submitted": "pa.done.submitted", "corrected": "pa.done.corrected"}

// paHome lists this week's shifts (Monday to Sunday) and this month's.
func (h *Handler) paHome(w http.ResponseWriter, r *request) error {
	today := dpcoop.DateOf(r.now)
	monday := today.AddDays(-((int(today.Time().Weekday()) + 6) % 7))
	sunday := monday.AddDays(6)
	names, err := h.memberNames(r)
	if err != nil {
		return err
	}
	var shifts []dpcoop.Shift
	for _, m := range slices.Compact([]string{monday.Month(), today.Month(), sunday.Month()}) {
		month, err := h.cfg.Services.Timesheets.Month(r.Context(), r.principal, m, dpcoop.ShiftFilter{PA: r.principal.Person})
		if err != nil {
			return err
		}
		shifts = append(shifts, month.Items...)
	}
	slices.SortFunc(shifts, func(a, b dpcoop.Shift) int { return a.Start.Compare(b.Start) })
	shifts = slices.CompactFunc(shifts, func(a, b dpcoop.Shift) bool { return a.ID == b.ID })
	var data paHomeData
	data.MonthName = payslips.MonthName(r.lang, today.Month())
	for _, s := range shifts {
		row := h.shiftRow(r, s, names)
		if !s.Date.Before(monday) && !sunday.Before(s.Date) {
			data.Week = append(data.Week, row)
		}
		if s.Date.Month() == today.Month() {
			data.Month = append(data.Month, row)
		}
	}
	v := withData(r.view("pa.home.title"), data)
	if key, ok := done[r.URL.Query().Get("done")]; ok {
		v.Notice = T(r.lang, key)
	}
	h.render(w, r, http.StatusOK, "pa-home", v)
	return nil
}

// memberNames are the names of the members the PA supports, by id.
func (h *Handler) memberNames(r *request) (map[string]string, error) {
	ms, err := h.cfg.Services.Employees.Supported(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, m := range ms {
		names[m.ID] = m.Name
	}
	return names, nil
}

var statusColours = map[dpcoop.ShiftStatus]string{
	dpcoop.ShiftDraft: "grey", dpcoop.ShiftSubmitted: "blue", dpcoop.ShiftApproved: "green", dpcoop.ShiftRejected: "red",
}

func (h *Handler) shiftRow(r *request, s dpcoop.Shift, names map[string]string) shiftRow {
	members := make([]string, len(s.Members))
	for i, m := range s.Members {
		members[i] = names[m.Member]
	}
	return shiftRow{
		ID: s.ID, When: longDate(r.lang, s.Date) + ", " + s.StartTime + "–" + s.EndTime,
		Members: strings.Join(members, ", "), Kind: T(r.lang, "shift.kind."+string(s.Kind)),
		Status: T(r.lang, "shift.status."+string(s.Status)), StatusColour: statusColours[s.Status], Reason: s.Reason,
		Correct: s.Status == dpcoop.ShiftRejected, Submit: s.Status == dpcoop.ShiftDraft,
	}
}

// weekdays name the days, Sunday first as time.Weekday counts.
var weekdays = [2][7]string{
	{"Dydd Sul", "Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener", "Dydd Sadwrn"},
	{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

// longDate is "Dydd Llun 23 Tachwedd 2026" or "Monday 23 November 2026".
func longDate(l dpcoop.Lang, d dpcoop.Date) string {
	t := d.Time()
	i := 1
	if l == dpcoop.Welsh {
		i = 0
	}
	return weekdays[i][t.Weekday()] + " " + strconv.Itoa(t.Day()) + " " + payslips.MonthName(l, d.Month())
}

// shiftFormData is what the shift form offers.
type shiftFormData struct {
	Action  string
	Members []option
	Kinds   []option
	Reason  string
}

func (h *Handler) shiftFormView(r *request, title, action string) (*view, error) {
	ms, err := h.cfg.Services.Employees.Supported(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	data := shiftFormData{Action: action}
	for _, m := range ms {
		data.Members = append(data.Members, option{Value: m.ID, Text: m.Name})
	}
	for _, k := range dpcoop.ShiftKinds {
		data.Kinds = append(data.Kinds, option{Value: string(k), Text: T(r.lang, "shift.kind."+string(k))})
	}
	v := withData(r.view(title), data)
	v.Form = "shift"
	return v, nil
}

// shiftForm is an empty shift form, for today, a standard shift.
func (h *Handler) shiftForm(w http.ResponseWriter, r *request) error {
	v, err := h.shiftFormView(r, "shift.new.title", "/pa/shifts/new")
	if err != nil {
		return err
	}
	t := r.now.In(dpcoop.London)
	v.Values.Set("date-day", strconv.Itoa(t.Day()))
	v.Values.Set("date-month", strconv.Itoa(int(t.Month())))
	v.Values.Set("date-year", strconv.Itoa(t.Year()))
	v.Values.Set("kind", string(dpcoop.ShiftStandard))
	if d := v.Data.(shiftFormData); len(d.Members) == 1 {
		v.Values.Set("members", d.Members[0].Value)
	}
	h.render(w, r, http.StatusOK, "shift", v)
	return nil
}

// shiftInput reads the form as the service's input, keeping the answers.
func shiftInput(r *request, v *view) dpcoop.ShiftInput {
	for _, f := range []string{"date-day", "date-month", "date-year", "start", "end", "kind", "miles", "notes", "overnight"} {
		v.Values.Set(f, strings.TrimSpace(r.PostFormValue(f)))
	}
	v.Values["members"] = r.PostForm["members"]
	in := dpcoop.ShiftInput{
		Date:  formDate(v.Val("date-day"), v.Val("date-month"), v.Val("date-year")),
		Start: v.Val("start"), End: v.Val("end"), Members: v.Values["members"], Kind: v.Val("kind"),
		Notes: v.Val("notes"),
	}
	if m := v.Val("miles"); m != "" {
		in.Miles = json.Number(m)
	}
	if v.Val("overnight") != "" {
		if d, ok := dpcoop.ParseDate(in.Date); ok {
			in.EndDate = string(d.AddDays(1))
		}
	}
	return in
}

// formDate joins a date input's parts as YYYY-MM-DD; parts that are not
// numbers are passed on for the service to refuse.
func formDate(day, month, year string) string {
	if day == "" && month == "" && year == "" {
		return ""
	}
	return year + "-" + twoDigits(month) + "-" + twoDigits(day)
}

// twoDigits writes a one-digit part of a date or time with a leading 0.
func twoDigits(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// recordShift records the shift and sends it for approval.
func (h *Handler) recordShift(w http.ResponseWriter, r *request) error {
	v, err := h.shiftFormView(r, "shift.new.title", "/pa/shifts/new")
	if err != nil {
		return err
	}
	s, err := h.cfg.Services.Timesheets.Record(r.Context(), r.principal, shiftInput(r, v), func(s dpcoop.Shift) (string, error) {
		// A repeat of the same shift (a double click, a retry) finds the first.
		return dpcoop.DerivedID("shift", string(r.principal.Coop), s.PA, s.Start.String(), s.End.String()), nil
	}, r.now)
	return h.sendShift(w, r, v, s, err, "recorded")
}

// sendShift sends a shift just saved for approval and says so on the PA's
// home page, or shows the form again with what the service refused.
func (h *Handler) sendShift(w http.ResponseWriter, r *request, v *view, s dpcoop.Shift, err error, done string) error {
	if err == nil {
		_, err = h.cfg.Services.Timesheets.Submit(r.Context(), r.principal, s.ID, r.now)
	}
	if v.refused(err) {
		h.render(w, r, http.StatusBadRequest, "shift", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/pa?done="+done, http.StatusSeeOther)
	return nil
}

// refused shows a service's refusal on the form: each field's problem, or
// one for the whole form (the shift overlaps another, a member is not
// supported). It reports false for other errors.
func (v *view) refused(err error) bool {
	if err == nil || v.problems(err) {
		return err != nil
	}
	de := dpcoop.ErrorOf(err)
	switch de.Kind {
	case dpcoop.KindInvalid, dpcoop.KindConflict:
		v.Errors = append(v.Errors, fieldError{Field: "", Anchor: v.ID("date-day"), Message: T(v.Lang, de.Code)})
		return true
	}
	return false
}

// correctForm is a rejected shift to correct, with why it was rejected.
func (h *Handler) correctForm(w http.ResponseWriter, r *request) error {
	s, err := h.cfg.Services.Timesheets.Shift(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return err
	}
	if s.PA != r.principal.Person || s.Status != dpcoop.ShiftRejected && s.Status != dpcoop.ShiftDraft {
		return dpcoop.E("correct shift", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	v, err := h.shiftFormView(r, "shift.correct.title", "/pa/shifts/"+s.ID+"/edit")
	if err != nil {
		return err
	}
	if s.Reason != "" {
		v.Important = T(r.lang, "shift.reason", "reason", s.Reason)
	}
	d := s.Date.Time()
	v.Values.Set("date-day", strconv.Itoa(d.Day()))
	v.Values.Set("date-month", strconv.Itoa(int(d.Month())))
	v.Values.Set("date-year", strconv.Itoa(d.Year()))
	v.Values.Set("start", s.StartTime)
	v.Values.Set("end", s.EndTime)
	v.Values.Set("kind", string(s.Kind))
	if s.EndDate != s.Date {
		v.Values.Set("overnight", "yes")
	}
	if s.MileageTenths > 0 {
		v.Values.Set("miles", strconv.FormatInt(s.MileageTenths/10, 10)+"."+strconv.FormatInt(s.MileageTenths%10, 10))
	}
	v.Values.Set("notes", s.Notes)
	for _, m := range s.Members {
		v.Values.Add("members", m.Member)
	}
	h.render(w, r, http.StatusOK, "shift", v)
	return nil
}

// correctShift saves the corrected shift and sends it for approval again.
func (h *Handler) correctShift(w http.ResponseWriter, r *request) error {
	id := r.PathValue("id")
	v, err := h.shiftFormView(r, "shift.correct.title", "/pa/shifts/"+id+"/edit")
	if err != nil {
		return err
	}
	s, err := h.cfg.Services.Timesheets.Edit(r.Context(), r.principal, id, shiftInput(r, v), r.now)
	return h.sendShift(w, r, v, s, err, "corrected")
}

// submitShift sends a draft for approval.
func (h *Handler) submitShift(w http.ResponseWriter, r *request) error {
	if _, err := h.cfg.Services.Timesheets.Submit(r.Context(), r.principal, r.PathValue("id"), r.now); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/pa?done=submitted", http.StatusSeeOther)
	return nil
}

// payslipRow is one final payslip in the list.
type payslipRow struct {
	Month, MonthName, PayDate, Net string
}

// payslipList lists the PA's payslips, newest first.
func (h *Handler) payslipList(w http.ResponseWriter, r *request) error {
	slips, err := h.cfg.Services.Payroll.FinalSlips(r.Context(), r.principal, r.principal.Person)
	if err != nil {
		return err
	}
	rows := []payslipRow{}
	for _, s := range slips {
		rows = append(rows, payslipRow{Month: s.Month, MonthName: payslips.MonthName(r.lang, s.Month),
			PayDate: longDate(r.lang, s.PayDate), Net: payslips.Pounds(s.Result.NetPay)})
	}
	h.render(w, r, http.StatusOK, "payslips", withData(r.view("payslips.title"), rows))
	return nil
}

// payslipPDF is one payslip as the PDF the API also gives.
func (h *Handler) payslipPDF(w http.ResponseWriter, r *request) error {
	month := strings.TrimSuffix(r.PathValue("month"), ".pdf")
	if _, ok := dpcoop.ParseMonth(month); !ok {
		return dpcoop.E("payslip", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	s, pa, err := h.cfg.Services.Payroll.Payslip(r.Context(), r.principal, r.principal.Person, month)
	if err != nil {
		return err
	}
	b, err := payslips.PayslipPDF(r.coop, pa, s)
	if err != nil {
		return dpcoop.Wrap("render payslip", err)
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="payslip-`+month+`.pdf"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(b)
	return err
}

// row is a summary list's row.
type row struct{ Key, Value string }

// paDetails are the PA's own details as the co-op holds them.
func (h *Handler) paDetails(w http.ResponseWriter, r *request) error {
	pa, _, err := h.cfg.Services.Employees.PA(r.Context(), r.principal, r.principal.Person, r.now)
	if err != nil {
		return err
	}
	ms, err := h.cfg.Services.Employees.Supported(r.Context(), r.principal)
	if err != nil {
		return err
	}
	l := r.lang
	rows := []row{
		{T(l, "details.name"), pa.LegalName},
		{T(l, "details.email"), pa.Email},
		{T(l, "details.phone"), orNone(l, pa.Phone)},
		{T(l, "details.address"), orNone(l, pa.Address)},
		{T(l, "details.language"), T(l, "lang."+string(pa.Language))},
		{T(l, "details.start"), orNone(l, dateOrEmpty(l, pa.StartDate))},
		{T(l, "details.taxcode"), orNone(l, pa.TaxCode)},
		{T(l, "details.members"), orNone(l, names(ms))},
	}
	h.render(w, r, http.StatusOK, "details", withData(r.view("details.title"), rows))
	return nil
}

func names(ms []employees.Supported) string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Name
	}
	return strings.Join(out, ", ")
}

func dateOrEmpty(l dpcoop.Lang, d dpcoop.Date) string {
	if d == "" {
		return ""
	}
	return longDate(l, d)
}

func orNone(l dpcoop.Lang, s string) string {
	if s == "" {
		return T(l, "details.none")
	}
	return s
}
