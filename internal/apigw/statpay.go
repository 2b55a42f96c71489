package apigw

import (
	"context"
	"net/http"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

func (h *Handler) statpayActions() map[string]action {
	return map[string]action{
		"POST /v1/pas/{id}/sickness":                  h.recordSickness,
		"GET /v1/pas/{id}/sickness":                   h.listSickness,
		"PUT /v1/pas/{id}/sickness/{absence}":         h.correctSickness,
		"GET /v1/pas/{id}/ssp1":                       h.getSSP1,
		"POST /v1/pas/{id}/parental-pay":              h.addParentalNotice,
		"GET /v1/pas/{id}/parental-pay":               h.listParental,
		"GET /v1/pas/{id}/parental-pay/{notice}/smp1": h.getSMP1,
	}
}

// recordSickness records a PA's sickness absence, by an admin or the PA
// themself, once: the same request again answers as the first did.
func (h *Handler) recordSickness(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.SicknessInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	v, created, err := h.Statutory.Record(ctx, r.principal, id, in, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return replayed(jsonResponse(http.StatusCreated, v), created), nil
}

// listSickness shows a PA's absences and SSP to an admin or the PA.
func (h *Handler) listSickness(ctx context.Context, r *request) (*response, error) {
	v, err := h.Statutory.Sickness(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// correctSickness replaces an absence with a corrected one; the same
// correction again changes nothing.
func (h *Handler) correctSickness(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.SicknessInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	v, err := h.Statutory.Correct(ctx, r.principal, id, r.param("absence"), in, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// getSSP1 shows the PA's SSP1 when one is due today: JSON, or with Accept:
// application/pdf the bilingual form in the PA's language first.
func (h *Handler) getSSP1(ctx context.Context, r *request) (*response, error) {
	f, pa, err := h.Statutory.SSP1(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return h.statutoryForm(r, f, "ssp1", func(er payslips.Employer) ([]byte, error) { return payslips.SSP1PDF(er, pa.Language, f) })
}

// addParentalNotice records a PA's SMP or SPP notice (admin), once.
func (h *Handler) addParentalNotice(ctx context.Context, r *request) (*response, error) {
	return recordNotice(ctx, r, h.Employees.RecordParental)
}

// listParental shows a PA's SMP and SPP notices and their entitlement.
func (h *Handler) listParental(ctx context.Context, r *request) (*response, error) {
	out, err := h.Statutory.Parental(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"notices": out}), nil
}

// getSMP1 shows the SMP1 for an SMP notice that gives no SMP (admin, or the
// PA themself): JSON, or with Accept: application/pdf the bilingual form in
// the PA's language first.
func (h *Handler) getSMP1(ctx context.Context, r *request) (*response, error) {
	f, pa, err := h.Statutory.SMP1(ctx, r.principal, r.param("id"), r.param("notice"), r.now)
	if err != nil {
		return nil, err
	}
	return h.statutoryForm(r, f, "smp1", func(er payslips.Employer) ([]byte, error) { return payslips.SMP1PDF(er, pa.Language, f) })
}

// statutoryForm answers with a form as JSON, or with Accept:
// application/pdf as the PDF render makes of it.
func (h *Handler) statutoryForm(r *request, form any, name string, render func(payslips.Employer) ([]byte, error)) (*response, error) {
	if !strings.Contains(strings.ToLower(r.header("accept")), "application/pdf") {
		return jsonResponse(http.StatusOK, form), nil
	}
	b, err := render(payslips.EmployerFromCoop(r.coop))
	if err != nil {
		return nil, dpcoop.Wrap("render "+name, err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="` + name + `.pdf"`, "cache-control": "private, no-store",
	}}, nil
}
