package apigw

import (
	"context"
	"net/http"
)

// holiday shows a PA's leave (timesheets.Service.Holiday), to an admin or
// the PA themself.
func (h *Handler) holiday(ctx context.Context, r *request) (*response, error) {
	b, err := h.Timesheets.Holiday(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, b), nil
}
