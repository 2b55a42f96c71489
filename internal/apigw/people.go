package apigw

import (
	"context"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func (h *Handler) peopleActions() map[string]action {
	return map[string]action{
		"GET /v1/people":                      h.listPeople,
		"POST /v1/people":                     h.inviteAdmin,
		"POST /v1/people/{id}/roles":          h.addRole,
		"DELETE /v1/people/{id}/roles/{role}": h.removeRole,
		"POST /v1/people/{id}/revoke":         h.revokeAccess,
		"POST /v1/people/{id}/reinstate":      h.reinstateAccess,
		"GET /v1/coop":                        h.getCoop,
		"PATCH /v1/coop":                      h.changeCoop,
	}
}

// selfAudited are the routes whose service records the change in the audit
// trail itself (the pages make the same changes), so the adapter does not
// record it twice.
var selfAudited = map[string]bool{
	"POST /v1/people":                     true,
	"POST /v1/people/{id}/roles":          true,
	"DELETE /v1/people/{id}/roles/{role}": true,
	"POST /v1/people/{id}/revoke":         true,
	"POST /v1/people/{id}/reinstate":      true,
	"PATCH /v1/coop":                      true,
	"PUT /v1/coop/turnstile":              true,
}

func (h *Handler) listPeople(ctx context.Context, r *request) (*response, error) {
	people, err := h.People.People(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"items": people}), nil
}

// inviteAdmin invites a person as an admin: 201 when it made them one,
// 200 when they were one already.
func (h *Handler) inviteAdmin(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.AdminInvite
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	a, created, err := h.People.InviteAdmin(ctx, r.principal, in, r.now)
	if err != nil {
		return nil, err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return jsonResponse(status, a), nil
}

func (h *Handler) addRole(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Role string `json:"role"`
	}
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	a, err := h.People.AddRole(ctx, r.principal, id, in.Role, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, a), nil
}

func (h *Handler) removeRole(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	a, err := h.People.RemoveRole(ctx, r.principal, id, r.param("role"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, a), nil
}

func (h *Handler) revokeAccess(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	a, err := h.People.Revoke(ctx, r.principal, id, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, a), nil
}

func (h *Handler) reinstateAccess(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	a, err := h.People.Reinstate(ctx, r.principal, id, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, a), nil
}

// coopSettings is the co-op as its admins see it: its details and whether
// Turnstile is on (its secret is never shown).
type coopSettings struct {
	dpcoop.Coop
	Turnstile bool `json:"turnstile"`
}

func (h *Handler) getCoop(ctx context.Context, r *request) (*response, error) {
	c, err := h.Settings.Coop(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, coopSettings{c, c.TurnstileSecret != ""}), nil
}

func (h *Handler) changeCoop(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.CoopChange
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	c, _, err := h.Settings.Change(ctx, r.principal, in, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, coopSettings{c, c.TurnstileSecret != ""}), nil
}
