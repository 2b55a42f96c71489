package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// The admins' payroll pages: the runs, starting one, a run's preview with
// its problems in plain words, finalising it, its payslips, reports and
// filings with HMRC, the payroll settings, the HMRC credentials and the
// year's P60s.
func (h *Handler) adminPayRoutes() {
	a := adminOnly
	h.mux.HandleFunc("GET /admin/payroll", h.page(a, h.shows("admin-pay-runs", h.runsView)))
	h.mux.HandleFunc("POST /admin/payroll", h.page(a, h.startPayRun))
	h.mux.HandleFunc("GET /admin/payroll/settings", h.page(a, h.payrollSettings))
	h.mux.HandleFunc("POST /admin/payroll/settings", h.page(a, h.setPayrollSettings))
	h.mux.HandleFunc("POST /admin/payroll/hmrc-credentials", h.page(a, h.setHMRCCredentials))
	h.mux.HandleFunc("GET /admin/payroll/p60s", h.page(a, h.p60List))
	h.mux.HandleFunc("GET /admin/payroll/p60s/{year}/pas/{pa}", h.page(a, h.p60PDF))
	h.mux.HandleFunc("GET /admin/payroll/{month}", h.page(a, h.payRun))
	h.mux.HandleFunc("GET /admin/payroll/{month}/finalise", h.page(a, h.finaliseRun))
	h.mux.HandleFunc("POST /admin/payroll/{month}/finalise", h.page(a, h.finaliseRun))
	h.mux.HandleFunc("GET /admin/payroll/{month}/payslips/{pa}", h.page(a, h.adminPayslipPDF))
	h.mux.HandleFunc("GET /admin/payroll/{month}/reports/{report}", h.page(a, h.runReport))
	h.mux.HandleFunc("POST /admin/payroll/{month}/submissions/retry", h.page(a, h.retryFilings))
	h.adminPayPARoutes()
}

// payDone are the notices after a payroll change, by ?done=.
var payDone = map[string]string{
	"started": "pay.done.started", "finalised": "pay.done.finalised", "settings": "pay.done.settings",
	"credentials": "pay.done.credentials", "retried": "pay.done.retried",
}

// payView starts a payroll page, with the notice a redirect asked for.
func payView(r *request, title string, data any) *view {
	v := withData(r.view(title), data)
	if key, ok := payDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(r.lang, key)
	}
	return v
}

// runColours are the tags' colours of a run's status.
var runColours = map[dpcoop.RunStatus]string{
	dpcoop.RunCalculating: "blue", dpcoop.RunPreview: "yellow", dpcoop.RunFinal: "green", dpcoop.RunFailed: "red",
}

// runRow is a run as the list shows it.
type runRow struct {
	Month, MonthName, PayDate, Status, StatusColour, Payslips, Net, Charged string
}

func runRowOf(l dpcoop.Lang, run dpcoop.Run) runRow {
	return runRow{Month: run.Month, MonthName: payslips.MonthName(l, run.Month), PayDate: dateOrEmpty(l, run.PayDate),
		Status: T(l, "pay.status."+string(run.Status)), StatusColour: runColours[run.Status],
		Payslips: strconv.Itoa(run.Totals.Payslips), Net: payslips.Pounds(run.Totals.Net), Charged: payslips.Pounds(run.Totals.Charged)}
}

// runsData are the runs and the months a run may be started for.
type runsData struct {
	Runs   []runRow
	Months []option
}

// runsView lists the runs, newest first, with the form to start one.
func (h *Handler) runsView(r *request) (*view, error) {
	runs, err := h.cfg.Services.Payroll.Runs(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	d := runsData{Runs: []runRow{}}
	for _, run := range runs {
		d.Runs = append(d.Runs, runRowOf(r.lang, run))
	}
	first, _ := dpcoop.Month(dpcoop.DateOf(r.now).Month()).Bounds()
	for i := 0; i < 12; i++ {
		m := first.Time().AddDate(0, -i, 0).Format(dpcoop.MonthLayout)
		d.Months = append(d.Months, option{Value: m, Text: payslips.MonthName(r.lang, m)})
	}
	v := payView(r, "pay.runs.title", d)
	v.Form = "payrun"
	// Last month is the one usually paid next.
	v.Values.Set("month", d.Months[1].Value)
	return v, nil
}

// startPayRun starts (or calculates again) a month's run, as POST
// /v1/payroll/runs does, and shows the run.
func (h *Handler) startPayRun(w http.ResponseWriter, r *request) error {
	month := strings.TrimSpace(r.PostFormValue("month"))
	_, err := h.cfg.Services.Payroll.Start(r.Context(), r.principal, month, r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/payroll/"+month+"?done=started", http.StatusSeeOther)
		return nil
	}
	v, verr := h.runsView(r)
	if verr != nil {
		return verr
	}
	v.Values.Set("month", month)
	if !v.refused(err) {
		return err
	}
	for i := range v.Errors {
		v.Errors[i].Anchor = v.ID("month")
		if v.Errors[i].Field == "" {
			v.Errors[i].Field = "month"
		}
	}
	h.render(w, r, http.StatusBadRequest, "admin-pay-runs", v)
	return nil
}

// runMonth is the month in the path; a malformed one is not found.
func runMonth(r *request) (string, error) {
	m, ok := dpcoop.ParseMonth(r.PathValue("month"))
	if !ok {
		return "", dpcoop.E("run", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return m, nil
}

// problemRow is a run's problem in plain words, with where it is put right.
type problemRow struct {
	PA, Message, Fix, FixText string
	Blocking                  bool
}

// slipRow is a payslip of the run.
type slipRow struct {
	PA, Name, Gross, Tax, NI, Pension, Net string
}

// filingRow is a document filed with HMRC for the run.
type filingRow struct {
	Kind, State, StateColour, Reason, PA, Fix, FixText string
	Errors                                             []string
}

// runData is one run as its page shows it.
type runData struct {
	Run      runRow
	Error    string
	Totals   []row
	Problems []problemRow
	Blocked  bool
	Slips    []slipRow
	Reports  []option
	Filings  []filingRow
	// Final: the payslips and reports can be downloaded; Preview: it can be
	// finalised or calculated again; Retry: a filing failed or was refused.
	Final, Preview, Calculating, Retry bool
	// NotYet: the month has no run yet (or the one just started is not
	// recorded yet).
	NotYet bool
}

// problemFixes say where each problem is put right: the PA's record
// (/admin/pas/<id>), their pay page (tax codes, sickness, parental pay,
// loans: /admin/pas/<id>/pay) or the payroll settings.
var problemFixes = map[string]string{
	"auto_enrolment_due": "settings", "payroll_invalid_sickness": "pay", "ssp_withheld_no_fit_note": "pay",
	"payroll_invalid_parental_pay": "pay", "payroll_no_loan_threshold": "pay", "payroll_invalid_tax_code": "pay",
	"payroll_unsupported_tax_code": "pay", dpcoop.FieldHolidayBeyondBalance: "shifts",
}

// fixLink is where a problem with a PA is put right, and the link's words.
func fixLink(l dpcoop.Lang, where, pa string) (href, text string) {
	switch {
	case where == "settings":
		return "/admin/payroll/settings", T(l, "pay.fix.settings")
	case where == "none" || pa == "":
		return "", ""
	case where == "pay":
		return "/admin/pas/" + pa + "/pay", T(l, "pay.fix.pay")
	}
	return "/admin/pas/" + pa, T(l, "pay.fix.record")
}

// filingFixes say where a failed filing's reason is put right.
var filingFixes = map[string]string{
	dpcoop.SubmissionReasonCredentials: "settings", dpcoop.SubmissionReasonReferences: "settings",
	dpcoop.SubmissionReasonPARecord: "record", dpcoop.SubmissionReasonNoGender: "record", dpcoop.SubmissionReasonStarter: "pay",
	dpcoop.SubmissionReasonBusy: "none", dpcoop.SubmissionReasonNoAnswer: "none", dpcoop.SubmissionReasonUnknownState: "none",
	dpcoop.SubmissionReasonError: "none",
}

var filingColours = map[dpcoop.SubmissionState]string{
	dpcoop.SubmissionQueued: "grey", dpcoop.SubmissionSent: "blue", dpcoop.SubmissionAcknowledged: "blue",
	dpcoop.SubmissionAccepted: "green", dpcoop.SubmissionRejected: "red", dpcoop.SubmissionFailed: "red",
}

// payRun is a run: its status and totals, its problems in plain words, its
// payslips, and once final its reports and filings.
func (h *Handler) payRun(w http.ResponseWriter, r *request) error {
	month, err := runMonth(r)
	if err != nil {
		return err
	}
	l := r.lang
	run, slips, err := h.cfg.Services.Payroll.RunSlips(r.Context(), r.principal, month)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		// Not started, or just started: the state machine's first step has
		// yet to record it.
		v := payView(r, "pay.run.title", runData{Run: runRow{Month: month}, NotYet: true})
		v.Title = T(l, "pay.run.title", "month", payslips.MonthName(l, month))
		h.render(w, r, http.StatusOK, "admin-pay-run", v)
		return nil
	}
	if err != nil {
		return err
	}
	d := runData{Run: runRowOf(l, run), Final: run.Status == dpcoop.RunFinal, Preview: run.Status == dpcoop.RunPreview,
		Calculating: run.Status == dpcoop.RunCalculating}
	if run.Status == dpcoop.RunFailed {
		d.Error = T(l, "pay.failed")
	}
	t := run.Totals
	for _, x := range []struct {
		key string
		p   int64
	}{{"pay.total.gross", t.Gross}, {"pay.total.tax", t.Tax}, {"pay.total.eeni", t.EmployeeNI}, {"pay.total.erni", t.EmployerNI},
		{"pay.total.eepension", t.EmployeePension}, {"pay.total.erpension", t.EmployerPension}, {"pay.total.net", t.Net},
		{"pay.total.fees", t.Fees}, {"pay.total.charged", t.Charged}} {
		d.Totals = append(d.Totals, row{T(l, x.key), payslips.Pounds(x.p)})
	}
	names := map[string]string{}
	for _, s := range slips {
		names[s.PA] = s.Name
		res := s.Result
		d.Slips = append(d.Slips, slipRow{PA: s.PA, Name: s.Name, Gross: payslips.Pounds(res.Gross), Tax: payslips.Pounds(res.Tax),
			NI: payslips.Pounds(res.NI.Employee), Pension: payslips.Pounds(res.Pension.EmployeeDeduction), Net: payslips.Pounds(res.NetPay)})
	}
	paName := func(id string) string {
		if id == "" {
			return ""
		}
		if n, ok := names[id]; ok {
			return n
		}
		if pa, _, err := h.cfg.Services.Employees.PA(r.Context(), r.principal, id, r.now); err == nil {
			names[id] = pa.LegalName
		}
		return names[id]
	}
	for _, p := range run.Problems {
		pr := problemRow{PA: paName(p.PA), Blocking: p.Blocking, Message: pageOr(l, "pay.problem."+p.Code, "problem."+p.Code,
			map[string]string{"figure": messages.FigureName(l, p.Figure)})}
		pr.Fix, pr.FixText = fixLink(l, problemFixes[p.Code], p.PA)
		d.Blocked = d.Blocked || p.Blocking
		d.Problems = append(d.Problems, pr)
	}
	if d.Final {
		settings, err := h.cfg.Services.Payroll.Settings(r.Context(), r.principal)
		if err != nil {
			return err
		}
		for _, k := range payslips.RunReports {
			if k == "nest" && (settings.NestEmployerReference == "" || settings.NestPaymentSource == "") {
				continue // NEST's schedule needs the co-op's NEST references
			}
			d.Reports = append(d.Reports, option{Value: k, Text: T(l, "pay.report."+k), Hint: T(l, "pay.report."+k+".hint")})
		}
		subs, err := h.cfg.Services.Filing.Submissions(r.Context(), r.principal, month)
		if err != nil {
			return err
		}
		for _, s := range subs {
			f := filingRow{Kind: string(s.Kind), State: messages.Text(l, "submission.state."+string(s.State), nil),
				StateColour: filingColours[s.State], PA: paName(s.PA)}
			if s.Reason != "" {
				f.Reason = pageOr(l, "pay.filing."+s.Reason, "submission.reason."+s.Reason, nil)
				f.Fix, f.FixText = fixLink(l, filingFixes[s.Reason], s.PA)
			}
			for _, e := range s.Errors {
				f.Errors = append(f.Errors, messages.HMRCExplanation(l, e.Number, e.Text, e.Location))
			}
			d.Retry = d.Retry || s.State.Retryable()
			d.Filings = append(d.Filings, f)
		}
	}
	v := payView(r, "pay.run.title", d)
	v.Title = T(l, "pay.run.title", "month", d.Run.MonthName)
	h.render(w, r, http.StatusOK, "admin-pay-run", v)
	return nil
}

// pageOr is the pages' own sentence for key, where the API's (api) names
// a field or route the admin never sees on the pages.
func pageOr(l dpcoop.Lang, key, api string, params map[string]string) string {
	if s, ok := lookup(l, key); ok {
		return s
	}
	return messages.Text(l, api, params)
}

// finaliseRun asks to confirm, with what finalising will do, and finalises
// the run only when the answer is confirm=yes.
func (h *Handler) finaliseRun(w http.ResponseWriter, r *request) error {
	month, err := runMonth(r)
	if err != nil {
		return err
	}
	if r.Method == http.MethodPost && confirmed(r) {
		if _, err := h.cfg.Services.Payroll.Finalise(r.Context(), r.principal, month, r.now); err != nil {
			return err
		}
		http.Redirect(w, r.Request, "/admin/payroll/"+month+"?done=finalised", http.StatusSeeOther)
		return nil
	}
	run, err := h.cfg.Services.Payroll.Run(r.Context(), r.principal, month)
	if err != nil {
		return err
	}
	if run.Status != dpcoop.RunPreview {
		return dpcoop.E("finalise", dpcoop.KindConflict, dpcoop.CodeRunState)
	}
	l, t := r.lang, run.Totals
	name := payslips.MonthName(l, month)
	h.confirm(w, r, "pay.finalise.title", confirmData{
		Heading: T(l, "pay.finalise.heading", "month", name),
		Lines: []string{
			T(l, "pay.finalise.slips", "count", strconv.Itoa(t.Payslips), "date", dateOrEmpty(l, run.PayDate)),
			T(l, "pay.finalise.net", "amount", payslips.Pounds(t.Net)),
			T(l, "pay.finalise.charged", "amount", payslips.Pounds(t.Charged)),
			T(l, "pay.finalise.hmrc"),
		},
		Action: "/admin/payroll/" + month + "/finalise",
		Button: T(l, "pay.finalise.button"),
		Cancel: "/admin/payroll/" + month,
	})
	return nil
}

// adminPayslipPDF is a PA's payslip of a final run, as the API gives it.
func (h *Handler) adminPayslipPDF(w http.ResponseWriter, r *request) error {
	month, err := runMonth(r)
	if err != nil {
		return err
	}
	pa := strings.TrimSuffix(r.PathValue("pa"), ".pdf")
	s, rec, err := h.cfg.Services.Payroll.Payslip(r.Context(), r.principal, pa, month)
	if err != nil {
		return err
	}
	b, err := payslips.PayslipPDF(r.coop, rec, s)
	if err != nil {
		return dpcoop.Wrap("render payslip", err)
	}
	return download(w, "application/pdf", "payslip-"+month+"-"+pa+".pdf", "", b)
}

// download answers a file to save.
func download(w http.ResponseWriter, typ, name string, lang dpcoop.Lang, b []byte) error {
	w.Header().Set("Content-Type", typ)
	if lang != "" {
		w.Header().Set("Content-Language", string(lang))
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, err := w.Write(b)
	return err
}

// runReport is one of a final run's reports, as the API gives it, in the
// admin's language first.
func (h *Handler) runReport(w http.ResponseWriter, r *request) error {
	month, err := runMonth(r)
	if err != nil {
		return err
	}
	kind, ext, _ := strings.Cut(r.PathValue("report"), ".")
	if !slices.Contains(payslips.RunReports, kind) || ext != "csv" && ext != "json" || (ext == "json") != (kind == "fps") {
		return dpcoop.E("run report", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	rep, err := h.cfg.Services.Payroll.FinalRun(r.Context(), r.principal, month)
	if err != nil {
		return err
	}
	b, err := payslips.RunReport(kind, rep.Coop, rep.Run, rep.Slips, rep.PAs, r.lang)
	if err != nil {
		return err
	}
	if kind == "fps" {
		return download(w, "application/json", kind+"-"+month+".json", "", b)
	}
	return download(w, "text/csv; charset=utf-8", kind+"-"+month+".csv", r.lang, b)
}

// retryFilings sends a month's failed or refused filings again.
func (h *Handler) retryFilings(w http.ResponseWriter, r *request) error {
	month, err := runMonth(r)
	if err != nil {
		return err
	}
	if _, err := h.cfg.Services.Filing.Retry(r.Context(), r.principal, month, r.now); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/payroll/"+month+"?done=retried", http.StatusSeeOther)
	return nil
}
