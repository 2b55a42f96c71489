package apigw

import (
	"context"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func (h *Handler) trainingActions() map[string]action {
	return map[string]action{
		"GET /v1/pas/{id}/training":          h.getTraining,
		"POST /v1/pas/{id}/training":         h.addTraining,
		"DELETE /v1/pas/{id}/training/{tid}": h.removeTraining,
		"GET /v1/members/{id}/pa-training":   h.membersPATraining,
		"GET /v1/coop/required-training":     h.getRequiredTraining,
		"PUT /v1/coop/required-training":     h.setRequiredTraining,
		"GET /v1/coop/insurance":             h.getInsurance,
		"PUT /v1/coop/insurance":             h.setInsurance,
	}
}

// getTraining shows a PA's courses, those due and the required ones
// missing, to an admin or the PA.
func (h *Handler) getTraining(ctx context.Context, r *request) (*response, error) {
	v, err := h.Training.Of(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// addTraining records a course a PA completed (admins), once.
func (h *Handler) addTraining(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.TrainingInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	t, created, err := h.Training.Add(ctx, r.principal, id, in, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return replayed(jsonResponse(http.StatusCreated, t), created), nil
}

// removeTraining deletes a course recorded in error (admins).
func (h *Handler) removeTraining(ctx context.Context, r *request) (*response, error) {
	if err := h.Training.Remove(ctx, r.principal, r.param("id"), r.param("tid")); err != nil {
		return nil, err
	}
	return &response{status: http.StatusNoContent, headers: map[string]string{}}, nil
}

// membersPATraining shows a member which courses their PAs hold current,
// and until when.
func (h *Handler) membersPATraining(ctx context.Context, r *request) (*response, error) {
	v, err := h.Training.ForMember(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"pas": v}), nil
}

// getRequiredTraining shows the courses every PA must hold.
func (h *Handler) getRequiredTraining(ctx context.Context, r *request) (*response, error) {
	v, err := h.Training.Required(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// setRequiredTraining replaces the courses every PA must hold.
func (h *Handler) setRequiredTraining(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.RequiredTraining
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	v, err := h.Training.SetRequired(ctx, r.principal, in, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// getInsurance shows the co-op's employers' liability certificate's
// details to its admins and PAs.
func (h *Handler) getInsurance(ctx context.Context, r *request) (*response, error) {
	v, err := h.Insurance.Current(ctx, r.principal, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// setInsurance records the policy now in force (admins).
func (h *Handler) setInsurance(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.InsuranceInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	v, err := h.Insurance.Set(ctx, r.principal, in, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}
