package apigw

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

func (h *Handler) payrollActions() map[string]action {
	return map[string]action{
		"GET /v1/payroll/settings":                      h.getPayrollSettings,
		"PUT /v1/payroll/settings":                      h.setPayrollSettings,
		"POST /v1/payroll/runs":                         h.startRun,
		"GET /v1/payroll/runs/{month}":                  h.getRun,
		"GET /v1/payroll/runs/{month}/payslips":         h.runPayslips,
		"POST /v1/payroll/runs/{month}/finalise":        h.finaliseRun,
		"GET /v1/payroll/runs/{month}/reports/{report}": h.report,
		"POST /v1/payroll/payments":                     h.payLiability,
		"GET /v1/payslips":                              h.myPayslips,
		"GET /v1/payslips/{month}":                      h.payslip,
		"GET /v1/members/{id}/account":                  h.account,
		"GET /v1/pas/{id}/p60/{tax_year}":               h.getP60,
		"GET /v1/payroll/p60s/{tax_year}":               h.listP60s,
	}
}

func (h *Handler) getPayrollSettings(ctx context.Context, r *request) (*response, error) {
	settings, err := h.Payroll.Settings(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, settings), nil
}

func (h *Handler) setPayrollSettings(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.PayrollSettings
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	settings, err := h.Payroll.SetSettings(ctx, r.principal, in, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, settings), nil
}

// pathMonth reads a pay month from the path; a malformed one is not found.
func (r *request) pathMonth() (string, error) {
	m, ok := dpcoop.ParseMonth(r.param("month"))
	if !ok {
		return "", dpcoop.E("read month", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return m, nil
}

// startRun starts (or, after a failure or to recalculate a preview, starts
// again) a month's run; the work happens in the state machine.
func (h *Handler) startRun(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Month string `json:"month"`
	}
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	job, err := h.Payroll.Start(ctx, r.principal, in.Month, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusAccepted, map[string]any{"month": job.Month, "attempt": job.Attempt, "execution": job.Execution}), nil
}

// runView is a run with each problem explained in the reader's language,
// and what it leaves the co-op owing as an employer.
type runView struct {
	dpcoop.Run
	Problems    []problemView      `json:"problems"`
	Liabilities dpcoop.Liabilities `json:"liabilities"`
}

type problemView struct {
	dpcoop.Problem
	Message string `json:"message"`
}

func (h *Handler) getRun(ctx context.Context, r *request) (*response, error) {
	month, err := r.pathMonth()
	if err != nil {
		return nil, err
	}
	run, err := h.Payroll.Run(ctx, r.principal, month)
	if err != nil {
		return nil, err
	}
	v := runView{Run: run, Problems: []problemView{}, Liabilities: dpcoop.RunLiabilities(run)}
	for _, p := range run.Problems {
		v.Problems = append(v.Problems, problemView{Problem: p, Message: messages.Text(r.lang, "problem."+p.Code, map[string]string{"figure": messages.FigureName(r.lang, p.Figure)})})
	}
	return jsonResponse(http.StatusOK, v), nil
}

func (h *Handler) runPayslips(ctx context.Context, r *request) (*response, error) {
	month, err := r.pathMonth()
	if err != nil {
		return nil, err
	}
	run, slips, err := h.Payroll.RunSlips(ctx, r.principal, month)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"month": month, "status": run.Status, "items": slips}), nil
}

// finaliseRun makes a previewed run final: charges posted, shifts locked.
func (h *Handler) finaliseRun(ctx context.Context, r *request) (*response, error) {
	month, err := r.pathMonth()
	if err != nil {
		return nil, err
	}
	if err := r.noBody(); err != nil {
		return nil, err
	}
	run, err := h.Payroll.Finalise(ctx, r.principal, month, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, run), nil
}

// payLiability records the co-op paying what a final run left it owing: a
// PA's net pay, HMRC or the pension provider.
func (h *Handler) payLiability(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.LiabilityPayment
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	e, err := h.Accounts.PayLiability(ctx, r.principal, in, entryID(r), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, e), nil
}

// myPayslips lists a PA's payslips from final runs.
func (h *Handler) myPayslips(ctx context.Context, r *request) (*response, error) {
	slips, err := h.Payroll.FinalSlips(ctx, r.principal, r.principal.Person)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"items": slips}), nil
}

// payslip is one month's payslip: a PA's own, or any for an admin (?pa=).
func (h *Handler) payslip(ctx context.Context, r *request) (*response, error) {
	month, err := r.pathMonth()
	if err != nil {
		return nil, err
	}
	if err := r.checkQuery("pa"); err != nil {
		return nil, err
	}
	pa := r.principal.Person
	if r.principal.Has(dpcoop.RoleAdmin) {
		pa = r.ev.QueryStringParameters["pa"]
	}
	s, rec, err := h.Payroll.Payslip(ctx, r.principal, pa, month)
	if err != nil {
		return nil, err
	}
	if !strings.Contains(strings.ToLower(r.header("accept")), "application/pdf") {
		return jsonResponse(http.StatusOK, s), nil
	}
	return h.payslipPDF(r, s, rec)
}

// payslipPDF is the itemised payslip as a bilingual PDF.
func (h *Handler) payslipPDF(r *request, s dpcoop.Payslip, pa dpcoop.PA) (*response, error) {
	const op = "render payslip"
	b, err := payslips.PayslipPDF(r.coop, pa, s)
	if err != nil {
		return nil, dpcoop.Wrap(op, err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="payslip-` + s.Month + `.pdf"`, "cache-control": "private, no-store",
	}}, nil
}

// report is one of a final run's outputs (payslips.RunReports): the
// payroll journal, the pension contribution schedules, the bank payments
// list (CSV) or the FPS figures (JSON, for the co-op's filing software or
// bureau).
func (h *Handler) report(ctx context.Context, r *request) (*response, error) {
	month, err := r.pathMonth()
	if err != nil {
		return nil, err
	}
	kind := r.param("report")
	if !slices.Contains(payslips.RunReports, kind) {
		return nil, dpcoop.E("run report", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	rep, err := h.Payroll.FinalRun(ctx, r.principal, month)
	if err != nil {
		return nil, err
	}
	body, err := payslips.RunReport(kind, rep.Coop, rep.Run, rep.Slips, rep.PAs, r.lang)
	if err != nil {
		return nil, err
	}
	if kind == "fps" {
		return &response{status: http.StatusOK, body: body, headers: map[string]string{"content-type": "application/json"}}, nil
	}
	return &response{status: http.StatusOK, body: body, headers: map[string]string{
		"content-type": "text/csv; charset=utf-8", "content-language": string(r.lang),
		"content-disposition": `attachment; filename="` + kind + `-` + month + `.csv"`,
	}}, nil
}

// account shows a member's direct-payment account for a month: the balance
// brought forward, every entry with its source, and the balance carried
// forward. A member sees only their own.
func (h *Handler) account(ctx context.Context, r *request) (*response, error) {
	month, err := r.monthQuery("read account")
	if err != nil {
		return nil, err
	}
	a, err := h.Accounts.Account(ctx, r.principal, r.param("id"), dpcoop.Month(month))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, a), nil
}
