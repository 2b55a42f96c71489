package apigw

import (
	"context"
	"net/http"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// casesActions serve PAs' confidential cases: only the admins handling a
// case and the PA it is about see it, and the audit trail records the route
// and the case's id, never its content.
func (h *Handler) casesActions() map[string]action {
	return map[string]action{
		"GET /v1/pas/{id}/cases":             h.listCases,
		"POST /v1/pas/{id}/cases":            h.openCase,
		"GET /v1/cases/{id}":                 h.getCase,
		"PATCH /v1/cases/{id}":               h.addCaseStage,
		"GET /v1/cases/{id}/letters/{stage}": h.caseLetter,
	}
}

// listCases lists a PA's cases the caller may see.
func (h *Handler) listCases(ctx context.Context, r *request) (*response, error) {
	list, err := h.Cases.OfPA(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return caseResponse(jsonResponse(http.StatusOK, struct {
		Items []dpcoop.Case `json:"items"`
	}{list})), nil
}

// openCase opens a case about a PA, once.
func (h *Handler) openCase(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.CaseInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	c, created, err := h.Cases.Open(ctx, r.principal, id, in, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return caseResponse(replayed(jsonResponse(http.StatusCreated, c), created)), nil
}

// getCase shows one case.
func (h *Handler) getCase(ctx context.Context, r *request) (*response, error) {
	c, err := h.Cases.Case(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return caseResponse(jsonResponse(http.StatusOK, c)), nil
}

// addCaseStage adds the case's next stage, once.
func (h *Handler) addCaseStage(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.StageInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	c, created, err := h.Cases.AddStage(ctx, r.principal, id, in, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return caseResponse(replayed(jsonResponse(http.StatusCreated, c), created)), nil
}

// caseLetter is a stage's letter: JSON for sending, or with Accept:
// application/pdf the bilingual letter in the PA's language first.
func (h *Handler) caseLetter(ctx context.Context, r *request) (*response, error) {
	l, err := h.Cases.Letter(ctx, r.principal, r.param("id"), r.param("stage"))
	if err != nil {
		return nil, err
	}
	if !strings.Contains(strings.ToLower(r.header("accept")), "application/pdf") {
		return caseResponse(jsonResponse(http.StatusOK, struct {
			dpcoop.CaseLetter
			Text payslips.LetterText `json:"text"`
		}{l, payslips.CaseLetterText(l)})), nil
	}
	b, err := payslips.CaseLetterPDF(l)
	if err != nil {
		return nil, dpcoop.Wrap("render case letter", err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="case-` + string(l.Stage.Step) + `.pdf"`, "cache-control": "private, no-store",
	}}, nil
}

// caseResponse keeps a case out of every cache.
func caseResponse(resp *response) *response {
	resp.headers["cache-control"] = "private, no-store"
	return resp
}
