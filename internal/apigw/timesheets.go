package apigw

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
	"github.com/dpcoop/dpcoop/internal/payslips"
	"github.com/dpcoop/dpcoop/internal/sheet"
)

func (h *Handler) timesheetsActions() map[string]action {
	return map[string]action{
		"POST /v1/pas":                    h.hirePA,
		"GET /v1/pas":                     h.listPAs,
		"GET /v1/pas/{id}":                h.getPA,
		"PUT /v1/pas/{id}":                h.replacePA,
		"GET /v1/pas/{id}/tax-codes":      h.payHistory,
		"POST /v1/pas/{id}/tax-codes":     h.addTaxCodeNotice,
		"POST /v1/pas/{id}/leave":         h.paLeaves,
		"POST /v1/pas/{id}/p45":           h.issueP45,
		"GET /v1/pas/{id}/p45":            h.getP45,
		"POST /v1/pas/{id}/loans":         h.addLoanNotice,
		"GET /v1/pas/{id}/holiday":        h.holiday,
		"POST /v1/employments":            h.addEmployment,
		"GET /v1/employments":             h.listEmployments,
		"POST /v1/employments/{id}/rates": h.changeRates,
		"POST /v1/employments/{id}/end":   h.endEmployment,
		"PUT /v1/members/{id}/care-plan":  h.setCarePlan,
		"GET /v1/members/{id}/care-plan":  h.getCarePlan,
		"POST /v1/shifts":                 h.addShift,
		"GET /v1/shifts":                  h.listShifts,
		"GET /v1/shifts/{id}":             h.getShift,
		"PATCH /v1/shifts/{id}":           h.editShift,
		"POST /v1/shifts/{id}/submit":     h.submitShift,
		"POST /v1/shifts/{id}/approve":    h.approveShift,
		"POST /v1/shifts/{id}/reject":     h.rejectShift,
	}
}

// jsonBody reads a JSON body strictly into v.
func (r *request) jsonBody(v any) error { return r.readJSON(v, false) }

// noBody accepts an action's empty body, or an empty JSON object.
func (r *request) noBody() error { return r.readJSON(&struct{}{}, true) }

func (r *request) readJSON(v any, allowEmpty bool) error {
	body, err := r.body()
	if err != nil {
		return err
	}
	if mt := r.mediaType(); len(body) > 0 && mt != "application/json" {
		return dpcoop.E("read body", dpcoop.KindUnsupported, dpcoop.CodeUnsupportedMedia)
	}
	return decodeJSON(body, v, allowEmpty)
}

// requestID is the id a create request makes: derived from its idempotency
// key and the request it is bound to when it has one, else from what it is
// about, so a repeat finds the first and a different request never does.
func (r *request) requestID(kind string, natural ...string) (string, error) {
	key, err := r.key("")
	if err != nil {
		return "", err
	}
	if key != "" {
		fp, err := r.fingerprint()
		if err != nil {
			return "", err
		}
		return dpcoop.DerivedID(kind, string(r.principal.Coop), "key", key, fp), nil
	}
	return dpcoop.DerivedID(append([]string{kind, string(r.principal.Coop)}, natural...)...), nil
}

// hirePA creates a PA's employee record and invites them to sign in.
func (h *Handler) hirePA(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.PAInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	pa, created, err := h.Employees.Hire(ctx, r.principal, in, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return replayed(jsonResponse(http.StatusCreated, pa), created), nil
}

// replayed marks an answer to a request made before as replayed.
func replayed(resp *response, created bool) *response {
	if !created {
		resp.headers["idempotent-replayed"] = "true"
	}
	return resp
}

func (h *Handler) listPAs(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery("limit", "cursor"); err != nil {
		return nil, err
	}
	page, err := r.page()
	if err != nil {
		return nil, err
	}
	res, err := h.Employees.PAs(ctx, r.principal, page)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, res), nil
}

// getPA shows a PA's record with warnings of what to fix in it: whole to an
// admin; to the PA themself without the NI number and bank details.
func (h *Handler) getPA(ctx context.Context, r *request) (*response, error) {
	pa, warnings, err := h.Employees.PA(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, struct {
		dpcoop.PA
		Warnings []warning `json:"warnings"`
	}{pa, r.warnings(warnings)}), nil
}

// replacePA completes or corrects a PA's record (an approved application
// leaves it incomplete).
func (h *Handler) replacePA(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.PAInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	pa, err := h.Employees.Replace(ctx, r.principal, id, in, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, pa), nil
}

// payHistory shows a PA's tax code notices and pay to date: to an admin, and
// to the PA themself.
func (h *Handler) payHistory(ctx context.Context, r *request) (*response, error) {
	hist, err := h.Employees.PayHistory(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, hist), nil
}

// addTaxCodeNotice records a P6, P9, P45 or starter declaration in a PA's pay
// history: the only way their tax code changes.
func (h *Handler) addTaxCodeNotice(ctx context.Context, r *request) (*response, error) {
	return recordNotice(ctx, r, h.Employees.RecordTaxCode)
}

// recordNotice reads a notice for the path's PA and has the service record
// it in their pay history once: the same request again answers as the first
// did, marked as replayed.
func recordNotice[I any](ctx context.Context, r *request,
	record func(context.Context, dpcoop.Principal, string, I, dpcoop.RequestID, time.Time) (dpcoop.PayHistory, bool, error)) (*response, error) {
	var in I
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	hist, created, err := record(ctx, r.principal, id, in, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return replayed(jsonResponse(http.StatusCreated, hist), created), nil
}

// addLoanNotice records a student or postgraduate loan notice in a PA's pay
// history: the only way their loan deductions start or stop.
func (h *Handler) addLoanNotice(ctx context.Context, r *request) (*response, error) {
	return recordNotice(ctx, r, h.Employees.RecordLoan)
}

// paLeaves records the day a PA left the co-op's employment.
func (h *Handler) paLeaves(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Date string `json:"date"`
	}
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	hist, err := h.Employees.Leave(ctx, r.principal, id, in.Date, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, hist), nil
}

// issueP45 issues a leaver's P45, once.
func (h *Handler) issueP45(ctx context.Context, r *request) (*response, error) {
	if err := r.noBody(); err != nil {
		return nil, err
	}
	p45, err := h.Employees.IssueP45(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, p45), nil
}

// getP45 shows a leaver's P45 as issued, to an admin or to the PA
// themself: JSON, or with Accept: application/pdf the bilingual document in
// the PA's language first.
func (h *Handler) getP45(ctx context.Context, r *request) (*response, error) {
	pa, p45, err := h.Employees.P45(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	if !strings.Contains(strings.ToLower(r.header("accept")), "application/pdf") {
		return jsonResponse(http.StatusOK, p45), nil
	}
	b, err := payslips.P45PDF(payslips.EmployerFromCoop(r.coop), pa.Language, p45)
	if err != nil {
		return nil, dpcoop.Wrap("render p45", err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="p45.pdf"`, "cache-control": "private, no-store",
	}}, nil
}

// warning is an accepted answer's note to the admin, in their language.
type warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (r *request) warnings(codes []string) []warning {
	out := make([]warning, 0, len(codes))
	for _, c := range codes {
		out = append(out, warning{Code: c, Message: messages.Text(r.lang, "warning."+c, nil)})
	}
	return out
}

func (h *Handler) addEmployment(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.EmploymentInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	e, err := h.Employees.Employ(ctx, r.principal, in, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, map[string]any{"employment": e, "warnings": r.warnings(e.Warnings)}), nil
}

// changeRates gives an employment new rates from a date (an April uprating,
// a pay rise): shifts from then on are paid at them.
func (h *Handler) changeRates(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.RateChangeInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	e, err := h.Employees.ChangeRates(ctx, r.principal, id, in, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"employment": e, "warnings": r.warnings(e.Warnings)}), nil
}

// endEmployment records an employment's last day (the PA stops supporting
// that member).
func (h *Handler) endEmployment(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.EndInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	e, err := h.Employees.End(ctx, r.principal, id, in, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"employment": e, "warnings": r.warnings(nil)}), nil
}

// upratingWarning tells an admin which employment a coming minimum wage
// rise will overtake.
type upratingWarning struct {
	Employment string `json:"employment_id"`
	warning
}

// listEmployments shows an admin every employment (filtered by pa or
// member) with warnings of rates a coming minimum wage will overtake, a PA
// theirs, a member those that support them.
func (h *Handler) listEmployments(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery("pa", "member"); err != nil {
		return nil, err
	}
	q := r.ev.QueryStringParameters
	emps, ups, err := h.Employees.Employments(ctx, r.principal, q["pa"], q["member"], r.now)
	if err != nil {
		return nil, err
	}
	warnings := make([]upratingWarning, 0, len(ups))
	for _, u := range ups {
		warnings = append(warnings, upratingWarning{Employment: u.Employment, warning: warning{Code: u.Code, Message: messages.Text(r.lang, "warning."+u.Code, u.Params)}})
	}
	return jsonResponse(http.StatusOK, map[string]any{"items": emps, "warnings": warnings}), nil
}

func (h *Handler) setCarePlan(ctx context.Context, r *request) (*response, error) {
	var in struct {
		WeeklyMinutes int64 `json:"weekly_minutes"`
	}
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	plan, err := h.Timesheets.SetCarePlan(ctx, r.principal, id, in.WeeklyMinutes, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, plan), nil
}

func (h *Handler) getCarePlan(ctx context.Context, r *request) (*response, error) {
	plan, err := h.Timesheets.CarePlan(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, plan), nil
}

// addShift records a draft shift (or a request for leave) for the PA signed
// in.
func (h *Handler) addShift(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.ShiftInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	s, err := h.Timesheets.Record(ctx, r.principal, in, func(s dpcoop.Shift) (string, error) {
		return r.requestID("shift", s.PA, s.Start.String(), s.End.String())
	}, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, s), nil
}

// shiftAnswer answers with a shift, or the error.
func shiftAnswer(s dpcoop.Shift, err error) (*response, error) {
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, s), nil
}

func (h *Handler) getShift(ctx context.Context, r *request) (*response, error) {
	return shiftAnswer(h.Timesheets.Shift(ctx, r.principal, r.param("id")))
}

// editShift lets the PA correct a draft or rejected shift: send the whole
// shift as when creating it.
func (h *Handler) editShift(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.ShiftInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	return shiftAnswer(h.Timesheets.Edit(ctx, r.principal, r.param("id"), in, r.now))
}

func (h *Handler) submitShift(ctx context.Context, r *request) (*response, error) {
	if err := r.noBody(); err != nil {
		return nil, err
	}
	return shiftAnswer(h.Timesheets.Submit(ctx, r.principal, r.param("id"), r.now))
}

// approveShift approves a shift, or a member's part of a shared one.
func (h *Handler) approveShift(ctx context.Context, r *request) (*response, error) {
	if err := r.noBody(); err != nil {
		return nil, err
	}
	return shiftAnswer(h.Timesheets.Approve(ctx, r.principal, r.param("id"), r.now))
}

func (h *Handler) rejectShift(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	return shiftAnswer(h.Timesheets.Reject(ctx, r.principal, r.param("id"), in.Reason, r.now))
}

// listShifts shows a month's shifts the caller may see, filtered by status,
// PA and member, with totals of hours and pay by PA and by member; as CSV
// with Accept: text/csv.
func (h *Handler) listShifts(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery("month", "status", "pa", "member"); err != nil {
		return nil, err
	}
	q := r.ev.QueryStringParameters
	m, err := h.Timesheets.Month(ctx, r.principal, q["month"], dpcoop.ShiftFilter{Status: dpcoop.ShiftStatus(q["status"]), PA: q["pa"], Member: q["member"]})
	if err != nil {
		return nil, err
	}
	if r.wantsCSV() {
		return shiftsCSV(m.Items, m.Pay, r.lang, m.Month), nil
	}
	return jsonResponse(http.StatusOK, map[string]any{
		"month": m.Month, "items": m.Items,
		"totals": map[string]any{"by_pa": m.ByPA, "by_member": m.ByMember},
	}), nil
}

var shiftColumns = []string{"id", "date", "start", "end", "pa", "members", "kind", "minutes", "miles", "pay_pounds", "pay", "status"}

// shiftsCSV is a month's shifts as a spreadsheet in the reader's language.
func shiftsCSV(shifts []dpcoop.Shift, pay map[string]int64, l dpcoop.Lang, month string) *response {
	head := make([]string, len(shiftColumns))
	for i, c := range shiftColumns {
		head[i] = messages.Text(l, "shifts."+c, nil)
	}
	sh := sheet.New(head...)
	for _, s := range shifts {
		members := make([]string, len(s.Members))
		for i, m := range s.Members {
			members[i] = m.Member
		}
		miles := strconv.FormatInt(s.MileageTenths/10, 10) + "." + strconv.FormatInt(s.MileageTenths%10, 10)
		sh.Row(s.ID, string(s.Date), s.StartTime, string(s.EndDate)+" "+s.EndTime, s.PA, strings.Join(members, " "),
			messages.Text(l, "shiftkind."+string(s.Kind), nil), strconv.FormatInt(s.Minutes(), 10), miles,
			sheet.Pounds(pay[s.ID]), sheet.Pence(pay[s.ID]), messages.Text(l, "shiftstatus."+string(s.Status), nil))
	}
	return csvResponse(sh, l, "shifts-"+month+".csv")
}
