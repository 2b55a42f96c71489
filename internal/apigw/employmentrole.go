package apigw

import (
	"context"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func (h *Handler) employmentRoleActions() map[string]action {
	return map[string]action{
		"PUT /v1/employments/{id}/role": h.changeRole,
	}
}

// changeRole changes the kind of support an employment is for (admins).
func (h *Handler) changeRole(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.RoleInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	e, err := h.Employees.ChangeRole(ctx, r.principal, id, in, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, e), nil
}
