package apigw

import (
	"context"
	"net/http"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/recruitment"
)

func (h *Handler) recruitmentActions() map[string]action {
	return map[string]action{
		"GET /v1/pas/{id}/right-to-work":      h.rightToWork,
		"POST /v1/pas/{id}/right-to-work":     h.addRightToWork,
		"GET /v1/pas/{id}/safe-recruitment":   h.safeRecruitment,
		"POST /v1/pas/{id}/references":        h.addReference,
		"POST /v1/pas/{id}/dbs-checks":        h.addDBSCheck,
		"GET /v1/pas/{id}/recruitment-status": h.recruitmentStatus,
		"GET /v1/recruitment-policy":          h.recruitmentPolicy,
		"PUT /v1/recruitment-policy":          h.setRecruitmentPolicy,
	}
}

// rightToWorkView is a PA's right-to-work checks and their state today.
type rightToWorkView struct {
	PA         string                    `json:"pa_id"`
	Checks     []dpcoop.RightToWorkCheck `json:"checks"`
	State      string                    `json:"state"`
	FollowUpBy dpcoop.Date               `json:"follow_up_by,omitempty"`
}

func rightToWorkOf(r recruitment.Record) rightToWorkView {
	return rightToWorkView{PA: r.PA, Checks: r.RightToWork, State: r.RightToWorkState, FollowUpBy: r.FollowUpBy}
}

// safeRecruitmentView is a PA's references and DBS checks.
type safeRecruitmentView struct {
	PA         string             `json:"pa_id"`
	References []dpcoop.Reference `json:"references"`
	DBS        []dpcoop.DBSCheck  `json:"dbs_checks"`
	DBSByRole  []dpcoop.RoleDBS   `json:"dbs_by_role"`
}

func safeRecruitmentOf(r recruitment.Record) safeRecruitmentView {
	return safeRecruitmentView{PA: r.PA, References: r.References, DBS: r.DBS, DBSByRole: r.DBSByRole}
}

// rightToWork shows a PA's right-to-work checks to an admin or the PA.
func (h *Handler) rightToWork(ctx context.Context, r *request) (*response, error) {
	rec, err := h.Recruiting.Read(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, rightToWorkOf(rec)), nil
}

// safeRecruitment shows a PA's references and DBS checks to an admin or the
// PA.
func (h *Handler) safeRecruitment(ctx context.Context, r *request) (*response, error) {
	rec, err := h.Recruiting.Read(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, safeRecruitmentOf(rec)), nil
}

// recruitmentStatus is what a member choosing or employing a PA sees.
func (h *Handler) recruitmentStatus(ctx context.Context, r *request) (*response, error) {
	s, err := h.Recruiting.Status(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, s), nil
}

// recordEntry reads an entry for the path's PA and has the service record
// it once: the same request again answers as the first did, marked as
// replayed.
func recordEntry[I, V any](ctx context.Context, r *request,
	record func(context.Context, dpcoop.Principal, string, I, dpcoop.RequestID, time.Time) (recruitment.Record, bool, error), view func(recruitment.Record) V) (*response, error) {
	var in I
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	rec, created, err := record(ctx, r.principal, id, in, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return replayed(jsonResponse(http.StatusCreated, view(rec)), created), nil
}

// addRightToWork records a right-to-work check (admins only).
func (h *Handler) addRightToWork(ctx context.Context, r *request) (*response, error) {
	return recordEntry(ctx, r, h.Recruiting.RecordRightToWork, rightToWorkOf)
}

// addReference records a reference asked for or received (admins only).
func (h *Handler) addReference(ctx context.Context, r *request) (*response, error) {
	return recordEntry(ctx, r, h.Recruiting.RecordReference, safeRecruitmentOf)
}

// addDBSCheck records a DBS check (admins only).
func (h *Handler) addDBSCheck(ctx context.Context, r *request) (*response, error) {
	return recordEntry(ctx, r, h.Recruiting.RecordDBS, safeRecruitmentOf)
}

// recruitmentPolicy shows whether the co-op requires a DBS check of its PAs,
// for every role and by role.
func (h *Handler) recruitmentPolicy(ctx context.Context, r *request) (*response, error) {
	pol, err := h.Recruiting.Policy(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, pol), nil
}

// setRecruitmentPolicy sets whether the co-op requires a DBS check of its
// PAs, and of which level.
func (h *Handler) setRecruitmentPolicy(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.RecruitmentPolicy
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	pol, err := h.Recruiting.SetPolicy(ctx, r.principal, in)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, pol), nil
}
