package web

import (
	"math"
	"net/http"
	"slices"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
	"github.com/dpcoop/dpcoop/internal/payslips"
	"github.com/dpcoop/dpcoop/internal/statutorypay"
)

// The employer's duties to one PA, on their pay page: tax code notices,
// student loans, workplace pension, sickness and parental pay, holiday and
// leaving (through the confirm page) with their P45. The PA's record itself
// is /admin/pas/<id>, another area's page.
func (h *Handler) adminPayPARoutes() {
	a := adminOnly
	h.mux.HandleFunc("GET /admin/pas/{id}/pay", h.page(a, h.paPay))
	h.mux.HandleFunc("POST /admin/pas/{id}/pay/tax-codes", h.page(a, h.paTaxCode))
	h.mux.HandleFunc("POST /admin/pas/{id}/pay/loans", h.page(a, h.paLoan))
	h.mux.HandleFunc("POST /admin/pas/{id}/pay/pension/{kind}", h.page(a, h.paPensionNotice))
	h.mux.HandleFunc("POST /admin/pas/{id}/pay/sickness", h.page(a, h.paSickness))
	h.mux.HandleFunc("GET /admin/pas/{id}/pay/sickness/{absence}", h.page(a, h.paSickCorrectForm))
	h.mux.HandleFunc("POST /admin/pas/{id}/pay/sickness/{absence}", h.page(a, h.paSickCorrect))
	h.mux.HandleFunc("POST /admin/pas/{id}/pay/parental", h.page(a, h.paParental))
	h.mux.HandleFunc("POST /admin/pas/{id}/pay/leave", h.page(a, h.paLeave))
	h.mux.HandleFunc("POST /admin/pas/{id}/pay/p45", h.page(a, h.paIssueP45))
	h.mux.HandleFunc("GET /admin/pas/{id}/pay/p45.pdf", h.page(a, h.paP45PDF))
	h.mux.HandleFunc("GET /admin/pas/{id}/pay/ssp1.pdf", h.page(a, h.paSSP1PDF))
	h.mux.HandleFunc("GET /admin/pas/{id}/pay/smp1/{notice}", h.page(a, h.paSMP1PDF))
	h.mux.HandleFunc("GET /admin/pas/{id}/pay/pension-letters/{letter}", h.page(a, h.paLetterPDF))
}

// paPayDone are the notices after a change to a PA's pay, by ?done=.
var paPayDone = map[string]string{
	"taxcode": "paypa.done.taxcode", "sickness": "paypa.done.sickness", "sickcorrected": "paypa.done.sickcorrected", "parental": "paypa.done.parental", "loan": "paypa.done.loan", "pension": "paypa.done.pension",
	"left": "paypa.done.left", "p45": "paypa.done.p45",
}

// paPayData is what the PA's pay page shows.
type paPayData struct {
	ID, Name, TaxCode, Left string
	Notices, Loans          [][]string
	Pension                 string
	Letters                 []option
	PensionForms            []string
	Sickness                []sickRow
	SSP1                    bool
	Parental                []parentalRow
	Holiday                 []row
	P45, P45Issued          bool
	NoticeSources, Bases    []option
	LoanNotices, LoanPlans  []option
	Weekdays, ParentalKinds []option
}

// parentalRow is an SMP or SPP notice; an SMP notice may have an SMP1.
type parentalRow struct {
	ID, Text string
	SMP      bool
}

// FormFor is the view as one of the page's forms draws it: its own ids and,
// when it is the form just posted, its answers and problems.
func (v *view) FormFor(form string) *view {
	c := *v
	if form != v.Form {
		c.Values, c.Errors = nil, nil
	}
	c.Form = form
	return &c
}

// paPayView reads everything the PA's pay page shows; form names the form
// being answered, if any.
func (h *Handler) paPayView(r *request, form string) (*view, error) {
	id, ctx, l := r.PathValue("id"), r.Context(), r.lang
	pa, _, err := h.cfg.Services.Employees.PA(ctx, r.principal, id, r.now)
	if err != nil {
		return nil, err
	}
	hist, err := h.cfg.Services.Employees.PayHistory(ctx, r.principal, id)
	if err != nil {
		return nil, err
	}
	d := paPayData{ID: pa.ID, Name: pa.LegalName, TaxCode: orNone(l, pa.TaxCode), Left: dateOrEmpty(l, hist.Left),
		P45: hist.Left != "", P45Issued: hist.IssuedP45 != nil}
	for _, n := range hist.Notices {
		d.Notices = append(d.Notices, []string{n.TaxCode, T(l, "paypa.basis."+n.Basis), dateOrEmpty(l, n.EffectiveFrom), T(l, "paypa.source."+n.Source)})
	}
	for _, n := range hist.Loans {
		d.Loans = append(d.Loans, []string{T(l, "paypa.source."+n.Notice), T(l, "paypa.plan."+string(n.Plan)), dateOrEmpty(l, n.EffectiveFrom)})
	}
	opts := func(prefix string, values ...string) []option {
		out := make([]option, len(values))
		for i, v := range values {
			out[i] = option{Value: v, Text: T(l, prefix+v)}
		}
		return out
	}
	d.NoticeSources = opts("paypa.source.", dpcoop.SourceP6, dpcoop.SourceP9, dpcoop.SourceP45, dpcoop.SourceStarter)
	d.Bases = opts("paypa.basis.", dpcoop.BasisCumulative, dpcoop.BasisNonCumulative)
	d.LoanNotices = opts("paypa.source.", dpcoop.LoanSL1, dpcoop.LoanSL2, dpcoop.LoanPGL1, dpcoop.LoanPGL2)
	d.LoanPlans = opts("paypa.plan.", "plan_1", "plan_2", "plan_4", "plan_5", "postgraduate")
	d.ParentalKinds = opts("paypa.kind.", "smp", "spp")
	d.Weekdays = opts("paypa.day.", "mon", "tue", "wed", "thu", "fri", "sat", "sun")

	st, err := h.cfg.Services.Pensions.Standing(ctx, r.principal, id)
	if err != nil {
		return nil, err
	}
	pos := st.Position
	switch {
	case pos.Member:
		d.Pension = T(l, "paypa.pension.member", "date", dateOrEmpty(l, pos.Since))
		d.PensionForms = []string{dpcoop.NoticeOptOut, dpcoop.NoticeCease}
	case pos.Left != "":
		d.Pension = T(l, "paypa.pension.left", "date", dateOrEmpty(l, pos.Left))
		d.PensionForms = []string{dpcoop.NoticeOptIn}
	default:
		d.Pension = T(l, "paypa.pension.none")
		d.PensionForms = []string{dpcoop.NoticeOptIn}
	}
	letters, err := h.cfg.Services.Pensions.Letters(ctx, r.principal, id)
	if err != nil {
		return nil, err
	}
	for _, lt := range letters {
		d.Letters = append(d.Letters, option{Value: lt.ID, Text: T(l, "paypa.letter."+lt.Kind)})
	}

	sick, err := h.cfg.Services.Statutory.Sickness(ctx, r.principal, id, r.now)
	if err != nil {
		return nil, err
	}
	for _, a := range sick.Absences {
		last := dateOrEmpty(l, a.LastDay)
		if last == "" {
			last = T(l, "paypa.sick.still")
		}
		note := T(l, "paypa.sick.nonote")
		if a.FitNoteReceived != "" {
			note = dateOrEmpty(l, a.FitNoteReceived)
		} else if !a.FitNoteNeeded {
			note = T(l, "paypa.sick.selfcert")
		}
		d.Sickness = append(d.Sickness, sickRow{ID: a.ID, Cells: []string{dateOrEmpty(l, a.FirstDay), last, note}})
	}
	if _, _, err := h.cfg.Services.Statutory.SSP1(ctx, r.principal, id, r.now); err == nil {
		d.SSP1 = true
	}
	parental, err := h.cfg.Services.Statutory.Parental(ctx, r.principal, id)
	if err != nil {
		return nil, err
	}
	for _, p := range parental {
		d.Parental = append(d.Parental, parentalRow{ID: p.Notice.ID, SMP: p.Notice.Kind == payroll.KindSMP,
			Text: T(l, "paypa.parental."+string(p.Notice.Kind), "date", dateOrEmpty(l, p.Notice.DueDate))})
	}
	hol, err := h.cfg.Services.Timesheets.Holiday(ctx, r.principal, id, r.now)
	if err != nil {
		return nil, err
	}
	d.Holiday = []row{
		{T(l, "paypa.holiday.mode"), T(l, "paysettings.holiday."+hol.Mode)},
		{T(l, "paypa.holiday.accrued"), hoursOf(hol.Accrued)},
		{T(l, "paypa.holiday.taken"), hoursOf(hol.Taken)},
		{T(l, "paypa.holiday.balance"), hoursOf(hol.Balance)},
	}
	v := withData(r.view("paypa.title"), d)
	v.Title = T(l, "paypa.title", "name", pa.LegalName)
	if key, ok := paPayDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(l, key)
	}
	v.Form = form
	return v, nil
}

// hoursOf is minutes as hours and minutes: "12:30".
func hoursOf(min int64) string {
	sign := ""
	if min < 0 {
		sign, min = "-", -min
	}
	m := itoa(min % 60)
	if len(m) == 1 {
		m = "0" + m
	}
	return sign + itoa(min/60) + ":" + m
}

// paPay is a PA's pay page.
func (h *Handler) paPay(w http.ResponseWriter, r *request) error {
	v, err := h.paPayView(r, "")
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "admin-pay-pa", v)
	return nil
}

// pageRequestID derives a record's id from what the form records, so the
// same form sent twice records it once.
func pageRequestID(r *request) dpcoop.RequestID {
	return func(kind string, natural ...string) (string, error) {
		return dpcoop.DerivedID(append([]string{"page", kind, string(r.principal.Coop)}, natural...)...), nil
	}
}

// paPayAnswer keeps a form's answers, and shows the page again with the
// service's refusal; other errors are returned.
func (h *Handler) paPayAnswer(w http.ResponseWriter, r *request, form string, fields []string, err error, done string) error {
	return h.paPayAnswerMulti(w, r, form, fields, nil, err, done)
}

// paPayAnswerMulti is paPayAnswer for a form with checkboxes (multi).
func (h *Handler) paPayAnswerMulti(w http.ResponseWriter, r *request, form string, fields []string, multi map[string][]string, err error, done string) error {
	if err == nil {
		http.Redirect(w, r.Request, "/admin/pas/"+r.PathValue("id")+"/pay?done="+done, http.StatusSeeOther)
		return nil
	}
	v, verr := h.paPayView(r, form)
	if verr != nil {
		return verr
	}
	for _, f := range fields {
		v.Values.Set(f, strings.TrimSpace(r.PostFormValue(f)))
	}
	for f, vals := range multi {
		v.Values[f] = vals
	}
	if !v.refused(err) {
		return err
	}
	for i, e := range v.Errors {
		switch {
		case e.Field == "weeks":
			v.Errors[i].Anchor = v.ID("week_1-day")
		case slices.Contains([]string{"effective_from", "date", "first_day", "last_day", "fit_note_received", "due_date", "birth_date", "start_date"}, e.Field):
			v.Errors[i].Anchor = v.ID(e.Field + "-day")
		case e.Field == "":
			v.Errors[i].Anchor = v.ID(fields[0])
		}
	}
	h.render(w, r, http.StatusBadRequest, "admin-pay-pa", v)
	return nil
}

// formDateOf reads a date input's parts.
func formDateOf(r *request, name string) string {
	return formDate(strings.TrimSpace(r.PostFormValue(name+"-day")), strings.TrimSpace(r.PostFormValue(name+"-month")), strings.TrimSpace(r.PostFormValue(name+"-year")))
}

// dateParts are a date input's fields.
func dateParts(name string) []string { return []string{name + "-day", name + "-month", name + "-year"} }

// paTaxCode records a tax code notice (P6, P9, P45 or starter declaration).
func (h *Handler) paTaxCode(w http.ResponseWriter, r *request) error {
	in := dpcoop.TaxCodeNoticeInput{TaxCode: strings.TrimSpace(r.PostFormValue("tax_code")), Basis: r.PostFormValue("basis"),
		Source: r.PostFormValue("source"), EffectiveFrom: formDateOf(r, "effective_from"),
		PreviousPay: penceOf(r.PostFormValue("previous_pay_pence")), PreviousTax: signedPenceOf(r.PostFormValue("previous_tax_pence"))}
	_, _, err := h.cfg.Services.Employees.RecordTaxCode(r.Context(), r.principal, r.PathValue("id"), in, pageRequestID(r), r.now)
	return h.paPayAnswer(w, r, "paytax", append([]string{"tax_code", "basis", "source", "previous_pay_pence", "previous_tax_pence"}, dateParts("effective_from")...), err, "taxcode")
}

// signedPenceOf reads an amount that may be negative (a P45's tax to date
// after a refund): "-12.50" is -1250; anything unreadable is refused by the
// service as out of range.
func signedPenceOf(s string) int64 {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	p := penceOf(strings.TrimPrefix(s, "-"))
	switch {
	case p < 0:
		return math.MinInt64
	case neg:
		return -p
	}
	return p
}

// paLoan records a student or postgraduate loan notice.
func (h *Handler) paLoan(w http.ResponseWriter, r *request) error {
	in := dpcoop.LoanNoticeInput{Notice: r.PostFormValue("notice"), Plan: r.PostFormValue("plan"), EffectiveFrom: formDateOf(r, "effective_from")}
	_, _, err := h.cfg.Services.Employees.RecordLoan(r.Context(), r.principal, r.PathValue("id"), in, pageRequestID(r), r.now)
	return h.paPayAnswer(w, r, "payloan", append([]string{"notice", "plan"}, dateParts("effective_from")...), err, "loan")
}

// sickRow is one absence as the PA's pay page lists it, with the link to
// correct it.
type sickRow struct {
	ID    string
	Cells []string
}

// sicknessAbsence finds one of the PA's recorded absences.
func (h *Handler) sicknessAbsence(r *request) (statutorypay.Absence, error) {
	sick, err := h.cfg.Services.Statutory.Sickness(r.Context(), r.principal, r.PathValue("id"), r.now)
	if err != nil {
		return statutorypay.Absence{}, err
	}
	for _, a := range sick.Absences {
		if a.ID == r.PathValue("absence") {
			return a, nil
		}
	}
	return statutorypay.Absence{}, dpcoop.E("correct sickness", dpcoop.KindNotFound, dpcoop.CodeNotFound)
}

// sickCorrectView is the form correcting one absence: closing it, or
// recording the fit note, with its days as recorded.
func (h *Handler) sickCorrectView(r *request) (*view, statutorypay.Absence, error) {
	a, err := h.sicknessAbsence(r)
	if err != nil {
		return nil, a, err
	}
	pa, _, err := h.cfg.Services.Employees.PA(r.Context(), r.principal, r.PathValue("id"), r.now)
	if err != nil {
		return nil, a, err
	}
	l := r.lang
	days := make([]option, 0, 7)
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		days = append(days, option{Value: d, Text: T(l, "paypa.day."+d)})
	}
	v := withData(r.view("paypa.sick.correct.title"), sickCorrectData{PA: pa.ID, Absence: a.ID, Weekdays: days})
	v.Title = T(l, "paypa.sick.correct.title", "name", pa.LegalName)
	v.Form = "paysick"
	setDate(v, "first_day", a.FirstDay)
	setDate(v, "last_day", a.LastDay)
	setDate(v, "fit_note_received", a.FitNoteReceived)
	v.Values["qualifying_days"] = a.QualifyingDays
	return v, a, nil
}

// sickCorrectData names the absence the form corrects.
type sickCorrectData struct {
	PA, Absence string
	Weekdays    []option
}

func (h *Handler) paSickCorrectForm(w http.ResponseWriter, r *request) error {
	v, _, err := h.sickCorrectView(r)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "admin-pay-sick", v)
	return nil
}

// paSickCorrect corrects an absence: the days it ended and the fit note
// came; the contractual weekly pay recorded with it stays.
func (h *Handler) paSickCorrect(w http.ResponseWriter, r *request) error {
	v, a, err := h.sickCorrectView(r)
	if err != nil {
		return err
	}
	in := dpcoop.SicknessInput{FirstDay: formDateOf(r, "first_day"), LastDay: formDateOf(r, "last_day"),
		FitNoteReceived: formDateOf(r, "fit_note_received"), QualifyingDays: r.PostForm["qualifying_days"],
		ContractualWeeklyPay: a.ContractualWeeklyPay}
	_, err = h.cfg.Services.Statutory.Correct(r.Context(), r.principal, r.PathValue("id"), a.ID, in, r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/pas/"+r.PathValue("id")+"/pay?done=sickcorrected", http.StatusSeeOther)
		return nil
	}
	for _, f := range slices.Concat(dateParts("first_day"), dateParts("last_day"), dateParts("fit_note_received")) {
		v.Values.Set(f, strings.TrimSpace(r.PostFormValue(f)))
	}
	v.Values["qualifying_days"] = r.PostForm["qualifying_days"]
	if !v.refused(err) {
		return err
	}
	for i, e := range v.Errors {
		if slices.Contains([]string{"first_day", "last_day", "fit_note_received"}, e.Field) {
			v.Errors[i].Anchor = v.ID(e.Field + "-day")
		}
	}
	h.render(w, r, http.StatusBadRequest, "admin-pay-sick", v)
	return nil
}

// paSickness records a sickness absence, as the PA told the co-op of it.
func (h *Handler) paSickness(w http.ResponseWriter, r *request) error {
	in := dpcoop.SicknessInput{FirstDay: formDateOf(r, "first_day"), LastDay: formDateOf(r, "last_day"),
		FitNoteReceived: formDateOf(r, "fit_note_received"), QualifyingDays: r.PostForm["qualifying_days"]}
	_, _, err := h.cfg.Services.Statutory.Record(r.Context(), r.principal, r.PathValue("id"), in, pageRequestID(r), r.now)
	fields := slices.Concat(dateParts("first_day"), dateParts("last_day"), dateParts("fit_note_received"))
	return h.paPayAnswerMulti(w, r, "paysick", fields, map[string][]string{"qualifying_days": r.PostForm["qualifying_days"]}, err, "sickness")
}

// paParental records a PA's SMP notice (with the day their pay starts) or
// SPP notice (with the one or two weeks they take).
func (h *Handler) paParental(w http.ResponseWriter, r *request) error {
	in := dpcoop.ParentalNoticeInput{Kind: r.PostFormValue("kind"), DueDate: formDateOf(r, "due_date"), BirthDate: formDateOf(r, "birth_date"),
		StartDate: formDateOf(r, "start_date")}
	for _, f := range []string{"week_1", "week_2"} {
		if d := formDateOf(r, f); d != "" {
			in.Weeks = append(in.Weeks, d)
		}
	}
	_, _, err := h.cfg.Services.Employees.RecordParental(r.Context(), r.principal, r.PathValue("id"), in, pageRequestID(r), r.now)
	fields := slices.Concat([]string{"kind"}, dateParts("due_date"), dateParts("birth_date"), dateParts("start_date"), dateParts("week_1"), dateParts("week_2"))
	return h.paPayAnswer(w, r, "payparental", fields, err, "parental")
}

// paPensionNotice records the PA's opt-out, ceasing or opt-in notice.
func (h *Handler) paPensionNotice(w http.ResponseWriter, r *request) error {
	kind := r.PathValue("kind")
	if kind != dpcoop.NoticeOptOut && kind != dpcoop.NoticeOptIn && kind != dpcoop.NoticeCease {
		return dpcoop.E("pension notice", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	in := dpcoop.PensionNoticeInput{Date: formDateOf(r, "date")}
	_, _, err := h.cfg.Services.Pensions.Notice(r.Context(), r.principal, r.PathValue("id"), kind, in, pageRequestID(r), r.now)
	return h.paPayAnswer(w, r, "paypension-"+kind, dateParts("date"), err, "pension")
}

// paLeave records the day the PA left, once the admin confirms: their
// sign-in ends with it.
func (h *Handler) paLeave(w http.ResponseWriter, r *request) error {
	id := r.PathValue("id")
	date := r.PostFormValue("date")
	if date == "" {
		date = formDateOf(r, "date")
	}
	pa, _, err := h.cfg.Services.Employees.PA(r.Context(), r.principal, id, r.now)
	if err != nil {
		return err
	}
	if _, err := dpcoop.ValidateLeaving(pa, date, r.now); err != nil || !confirmed(r) {
		if err != nil {
			return h.paPayAnswer(w, r, "payleave", dateParts("date"), err, "")
		}
		d, _ := dpcoop.ParseDate(date)
		l := r.lang
		h.confirm(w, r, "paypa.leave.title", confirmData{
			Heading: T(l, "paypa.leave.heading", "name", pa.LegalName, "date", longDate(l, d)),
			Lines:   []string{T(l, "paypa.leave.signin"), T(l, "paypa.leave.pay"), T(l, "paypa.leave.p45")},
			Action:  "/admin/pas/" + id + "/pay/leave",
			Hidden:  []hidden{{"date", date}},
			Button:  T(l, "paypa.leave.button"),
			Cancel:  "/admin/pas/" + id + "/pay",
		})
		return nil
	}
	if _, err := h.cfg.Services.Employees.Leave(r.Context(), r.principal, id, date, r.now); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/pas/"+id+"/pay?done=left", http.StatusSeeOther)
	return nil
}

// paIssueP45 issues a leaver's P45, once, after their final pay.
func (h *Handler) paIssueP45(w http.ResponseWriter, r *request) error {
	if _, err := h.cfg.Services.Employees.IssueP45(r.Context(), r.principal, r.PathValue("id"), r.now); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/pas/"+r.PathValue("id")+"/pay?done=p45", http.StatusSeeOther)
	return nil
}

// paP45PDF is the leaver's P45 as issued, in the PA's language first.
func (h *Handler) paP45PDF(w http.ResponseWriter, r *request) error {
	pa, p45, err := h.cfg.Services.Employees.P45(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return err
	}
	return h.paDocument(w, r, "p45.pdf", func(er payslips.Employer) ([]byte, error) { return payslips.P45PDF(er, pa.Language, p45) })
}

// paSSP1PDF is the PA's SSP1, when one is due, in their language first.
func (h *Handler) paSSP1PDF(w http.ResponseWriter, r *request) error {
	f, pa, err := h.cfg.Services.Statutory.SSP1(r.Context(), r.principal, r.PathValue("id"), r.now)
	if err != nil {
		return err
	}
	return h.paDocument(w, r, "ssp1.pdf", func(er payslips.Employer) ([]byte, error) { return payslips.SSP1PDF(er, pa.Language, f) })
}

// paSMP1PDF is the SMP1 for a notice that gives no SMP.
func (h *Handler) paSMP1PDF(w http.ResponseWriter, r *request) error {
	notice := strings.TrimSuffix(r.PathValue("notice"), ".pdf")
	f, pa, err := h.cfg.Services.Statutory.SMP1(r.Context(), r.principal, r.PathValue("id"), notice, r.now)
	if err != nil {
		return err
	}
	return h.paDocument(w, r, "smp1.pdf", func(er payslips.Employer) ([]byte, error) { return payslips.SMP1PDF(er, pa.Language, f) })
}

// paLetterPDF is one of the PA's pension letters as issued.
func (h *Handler) paLetterPDF(w http.ResponseWriter, r *request) error {
	lt, err := h.cfg.Services.Pensions.Letter(r.Context(), r.principal, r.PathValue("id"), strings.TrimSuffix(r.PathValue("letter"), ".pdf"))
	if err != nil {
		return err
	}
	return h.paDocument(w, r, "pension-"+lt.Kind+".pdf", func(payslips.Employer) ([]byte, error) { return payslips.PensionLetterPDF(lt) })
}

// paDocument renders one of a PA's documents as a PDF to save.
func (h *Handler) paDocument(w http.ResponseWriter, r *request, name string, render func(payslips.Employer) ([]byte, error)) error {
	b, err := render(payslips.EmployerFromCoop(r.coop))
	if err != nil {
		return dpcoop.Wrap("render "+name, err)
	}
	return download(w, "application/pdf", name, "", b)
}
