package apigw

import (
	"context"
	"net/http"
	"strconv"
)

func (h *Handler) pacopyActions() map[string]action {
	return map[string]action{
		"GET /v1/pas/{id}/employment-records": h.paCopy,
		"GET /v1/pas/{id}/data":               h.paData,
	}
}

// paData gives a PA (or an admin for them) a copy of the data the co-op
// holds about them, a year of shifts a page (pacopy.Service.DataYear), as
// the member's copy is paged: ?year= reads an earlier year's page, and each
// page but the last links the next.
func (h *Handler) paData(ctx context.Context, r *request) (*response, error) {
	year, err := r.year("read pa data")
	if err != nil {
		return nil, err
	}
	data, err := h.PACopy.DataYear(ctx, r.principal, r.param("id"), year, r.now)
	if err != nil {
		return nil, err
	}
	return dataPage(data, "/v1/pas/"+data.PA+"/data", "my-data-"+strconv.Itoa(data.Year), data.NextYear), nil
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
