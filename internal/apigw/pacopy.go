package apigw

import (
	"context"
	"net/http"
)

func (h *Handler) pacopyActions() map[string]action {
	return map[string]action{
		"GET /v1/pas/{id}/employment-records": h.paCopy,
	}
}

// paCopy gives a PA (or an admin for them) their training and cases with
// their letters, as a download: what a PA who has left can no longer read in
// the pages.
func (h *Handler) paCopy(ctx context.Context, r *request) (*response, error) {
	c, err := h.PACopy.Of(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	resp := caseResponse(jsonResponse(http.StatusOK, c))
	resp.headers["content-disposition"] = `attachment; filename="employment-records.json"`
	return resp, nil
}
