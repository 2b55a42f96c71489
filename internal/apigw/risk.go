package apigw

import (
	"context"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func (h *Handler) riskActions() map[string]action {
	return map[string]action{
		"GET /v1/members/{id}/risk-assessments":       h.riskAssessments,
		"POST /v1/members/{id}/risk-assessments":      h.addRiskAssessment,
		"PUT /v1/members/{id}/risk-assessments/{rid}": h.reviewRiskAssessment,
	}
}

// riskAssessments shows a member's assessments to an admin, the member or
// a PA now supporting them.
func (h *Handler) riskAssessments(ctx context.Context, r *request) (*response, error) {
	as, err := h.Risk.Read(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	if as == nil {
		as = []dpcoop.RiskAssessment{}
	}
	return jsonResponse(http.StatusOK, map[string]any{"assessments": as}), nil
}

// addRiskAssessment records a new assessment of a member's support
// (admins), once.
func (h *Handler) addRiskAssessment(ctx context.Context, r *request) (*response, error) {
	return h.saveRisk(ctx, r, "", http.StatusCreated)
}

// reviewRiskAssessment replaces an assessment with its review (admins).
func (h *Handler) reviewRiskAssessment(ctx context.Context, r *request) (*response, error) {
	return h.saveRisk(ctx, r, r.param("rid"), http.StatusOK)
}

func (h *Handler) saveRisk(ctx context.Context, r *request, id string, status int) (*response, error) {
	var in dpcoop.RiskInput
	member, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	a, err := h.Risk.Save(ctx, r.principal, member, id, in, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(status, a), nil
}
