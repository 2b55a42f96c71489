package apigw

import (
	"context"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/matching"
)

func (h *Handler) matchingActions() map[string]action {
	return map[string]action{
		"GET /v1/members/{id}/preferences":      h.getMatchProfile(true),
		"PUT /v1/members/{id}/preferences":      h.putMatchProfile(true),
		"DELETE /v1/members/{id}/preferences":   h.deleteMatchProfile(true),
		"GET /v1/members/{id}/matches":          h.matches,
		"GET /v1/pas/{id}/matching-profile":     h.getMatchProfile(false),
		"PUT /v1/pas/{id}/matching-profile":     h.putMatchProfile(false),
		"DELETE /v1/pas/{id}/matching-profile":  h.deleteMatchProfile(false),
		"GET /v1/matching/needs":                h.needs,
		"POST /v1/matching/needs/{need}/offers": h.offer,
		"GET /v1/matching/offers":               h.offers,
		"GET /v1/coop/areas":                    h.getAreas,
		"PUT /v1/coop/areas":                    h.setAreas,
	}
}

// getAreas shows the co-op's list of areas (admins; the route's roles).
func (h *Handler) getAreas(ctx context.Context, r *request) (*response, error) {
	v, err := h.Matching.Areas(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// setAreas replaces the co-op's list of areas; the same list again gives
// the same ids.
func (h *Handler) setAreas(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.Areas
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	v, err := h.Matching.SetAreas(ctx, r.principal, in)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// getMatchProfile shows a member's preferences or a PA's own profile;
// the service records the read.
func (h *Handler) getMatchProfile(member bool) action {
	return func(ctx context.Context, r *request) (*response, error) {
		p, err := h.Matching.Profile(ctx, r.principal, matching.Whose{Member: member, Person: r.param("id")}, r.now)
		if err != nil {
			return nil, err
		}
		return private(jsonResponse(http.StatusOK, p)), nil
	}
}

// putMatchProfile replaces a profile or preferences: a field left out of
// consent is withdrawn and deleted. The same body again writes the same
// fields.
func (h *Handler) putMatchProfile(member bool) action {
	return func(ctx context.Context, r *request) (*response, error) {
		var in dpcoop.MatchInput
		id, err := r.pathIDAndBody(&in)
		if err != nil {
			return nil, err
		}
		p, err := h.Matching.Save(ctx, r.principal, matching.Whose{Member: member, Person: id}, in, r.now)
		if err != nil {
			return nil, err
		}
		return private(jsonResponse(http.StatusOK, p)), nil
	}
}

// deleteMatchProfile withdraws and deletes everything shared.
func (h *Handler) deleteMatchProfile(member bool) action {
	return func(ctx context.Context, r *request) (*response, error) {
		if err := h.Matching.Withdraw(ctx, r.principal, matching.Whose{Member: member, Person: r.param("id")}); err != nil {
			return nil, err
		}
		return &response{status: http.StatusNoContent, headers: map[string]string{}}, nil
	}
}

// matches lists the PAs who fit a member's preferences, best first, with
// the reasons.
func (h *Handler) matches(ctx context.Context, r *request) (*response, error) {
	v, err := h.Matching.Rank(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return private(jsonResponse(http.StatusOK, map[string]any{"pas": v})), nil
}

// needs lists, for a PA, the anonymised needs they could meet.
func (h *Handler) needs(ctx context.Context, r *request) (*response, error) {
	v, err := h.Matching.Needs(ctx, r.principal, r.now)
	if err != nil {
		return nil, err
	}
	return private(jsonResponse(http.StatusOK, map[string]any{"needs": v})), nil
}

// offer records a PA's offer against a need; the need names no member.
func (h *Handler) offer(ctx context.Context, r *request) (*response, error) {
	o, err := h.Matching.Offer(ctx, r.principal, r.param("need"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, map[string]any{"need": o.Need, "at": o.At}), nil
}

// offers lists the PAs' offers for the admins.
func (h *Handler) offers(ctx context.Context, r *request) (*response, error) {
	v, err := h.Matching.Offers(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"offers": v}), nil
}

// private marks an answer holding special category data as not to be
// stored by any cache.
func private(resp *response) *response {
	resp.headers["cache-control"] = "private, no-store"
	return resp
}
