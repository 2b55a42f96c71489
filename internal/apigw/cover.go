package apigw

import (
	"context"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/cover"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func (h *Handler) coverActions() map[string]action {
	return map[string]action{
		"GET /v1/rota":                     h.listRota,
		"POST /v1/rota":                    h.planShift,
		"GET /v1/rota/{id}":                h.getPlannedShift,
		"POST /v1/rota/{id}/cancel":        h.cancelPlannedShift,
		"POST /v1/rota/{id}/cannot":        h.cannotWork,
		"GET /v1/rota/{id}/candidates":     h.coverCandidates,
		"POST /v1/rota/{id}/cover-request": h.askForCover,
		"POST /v1/rota/{id}/accept":        h.acceptCover,
		"POST /v1/rota/{id}/decline":       h.declineCover,
		"GET /v1/pas/{id}/cover-willing":   h.getWillingToCover,
		"PUT /v1/pas/{id}/cover-willing":   h.setWillingToCover,
	}
}

// listRota shows the planned shifts the caller may see that have not
// ended, with which need cover.
func (h *Handler) listRota(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery(); err != nil {
		return nil, err
	}
	v, err := h.Cover.List(ctx, r.principal, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"items": v}), nil
}

// planShift puts a shift on the rota (an admin, or a member for themself).
func (h *Handler) planShift(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.PlannedShiftInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	v, created, err := h.Cover.Add(ctx, r.principal, in, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return replayed(jsonResponse(http.StatusCreated, v), created), nil
}

func (h *Handler) getPlannedShift(ctx context.Context, r *request) (*response, error) {
	v, err := h.Cover.Get(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

func (h *Handler) cancelPlannedShift(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	if err := r.noBody(); err != nil {
		return nil, err
	}
	v, err := h.Cover.Cancel(ctx, r.principal, id, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// cannotInput is the PA's word that they cannot work a shift, with a
// reason only admins read.
type cannotInput struct {
	Reason string `json:"reason"`
}

func (h *Handler) cannotWork(ctx context.Context, r *request) (*response, error) {
	var in cannotInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	v, err := h.Cover.Cannot(ctx, r.principal, id, in.Reason, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

func (h *Handler) coverCandidates(ctx context.Context, r *request) (*response, error) {
	v, err := h.Cover.Candidates(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"candidates": v}), nil
}

func (h *Handler) askForCover(ctx context.Context, r *request) (*response, error) {
	var in cover.AskInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	v, err := h.Cover.Ask(ctx, r.principal, id, in, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

func (h *Handler) acceptCover(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	if err := r.noBody(); err != nil {
		return nil, err
	}
	v, err := h.Cover.Accept(ctx, r.principal, id, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

func (h *Handler) declineCover(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	if err := r.noBody(); err != nil {
		return nil, err
	}
	v, err := h.Cover.Decline(ctx, r.principal, id)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

func (h *Handler) getWillingToCover(ctx context.Context, r *request) (*response, error) {
	v, err := h.Cover.WillingOf(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

func (h *Handler) setWillingToCover(ctx context.Context, r *request) (*response, error) {
	var in cover.Willing
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	v, err := h.Cover.SetWilling(ctx, r.principal, id, in, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}
