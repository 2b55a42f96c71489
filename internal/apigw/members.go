package apigw

import (
	"context"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
)

func (h *Handler) membersActions() map[string]action {
	return map[string]action{
		"GET /v1/applications":               h.listApplications,
		"GET /v1/applications/{id}":          h.getApplication,
		"POST /v1/applications/{id}/approve": h.approve,
		"POST /v1/applications/{id}/reject":  h.reject,
		"GET /v1/members":                    h.listMembers,
		"GET /v1/members/{id}":               h.getMember,
		"PATCH /v1/members/{id}":             h.correctMember,
		"POST /v1/members/{id}/cease":        h.cease,
		"GET /v1/register":                   h.register,
		"GET /v1/audit":                      h.auditTrail,
		"GET /v1/members/{id}/data":          h.subjectAccess,
		"PUT /v1/coop/turnstile":             h.setTurnstile,
	}
}

// pathID reads an id from the path; one this service could not have made is
// not found, without a store call.
func (r *request) pathID() (string, error) {
	id := r.param("id")
	if !dpcoop.ValidID(id) {
		return "", dpcoop.E("read id", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return id, nil
}

// pathIDAndBody reads the path's id, then the JSON body strictly into v: the
// start of every action on one record.
func (r *request) pathIDAndBody(v any) (string, error) {
	id, err := r.pathID()
	if err != nil {
		return "", err
	}
	return id, r.jsonBody(v)
}

func (h *Handler) listApplications(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery("status", "limit", "cursor"); err != nil {
		return nil, err
	}
	page, err := r.page()
	if err != nil {
		return nil, err
	}
	res, err := h.Members.Applications(ctx, r.principal, dpcoop.ApplicationStatus(r.ev.QueryStringParameters["status"]), page)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, res), nil
}

func (h *Handler) getApplication(ctx context.Context, r *request) (*response, error) {
	a, err := h.Members.Application(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, a), nil
}

// approve accepts an application (members.Service.Approve), on the legal
// date entered the admin gives or today.
func (h *Handler) approve(ctx context.Context, r *request) (*response, error) {
	var in struct {
		DateEntered string `json:"date_entered"`
	}
	if err := r.readJSON(&in, true); err != nil {
		return nil, err
	}
	a, err := h.Members.Approve(ctx, r.principal, r.param("id"), in.DateEntered, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, a), nil
}

// reject turns an application down with a reason the applicant can be told.
func (h *Handler) reject(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	a, err := h.Members.Reject(ctx, r.principal, r.param("id"), in.Reason, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, a), nil
}

func (h *Handler) listMembers(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery("limit", "cursor"); err != nil {
		return nil, err
	}
	page, err := r.page()
	if err != nil {
		return nil, err
	}
	res, err := h.Members.Members(ctx, r.principal, page)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, res), nil
}

// getMember shows a register entry to an admin, or a member their own.
func (h *Handler) getMember(ctx context.Context, r *request) (*response, error) {
	m, err := h.Members.Member(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, m), nil
}

// correctMember puts a member's register details right.
func (h *Handler) correctMember(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.MemberDetails
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	m, err := h.Members.Correct(ctx, r.principal, id, in)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, m), nil
}

func (h *Handler) cease(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Date   string `json:"date"`
		Reason string `json:"reason"`
	}
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	m, err := h.Members.Cease(ctx, r.principal, id, in.Date, in.Reason, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, m), nil
}

// register exports the register of members, former members included. A member
// may inspect it, but sees only their own shareholding.
func (h *Handler) register(ctx context.Context, r *request) (*response, error) {
	entries, err := h.Members.Register(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	if r.wantsCSV() {
		return registerCSV(entries, r.lang), nil
	}
	return jsonResponse(http.StatusOK, map[string]any{"coop": r.principal.Coop, "members": entries}), nil
}

func registerCSV(entries []dpcoop.RegisterEntry, l dpcoop.Lang) *response {
	return csvResponse(messages.RegisterSheet(entries, l), l, "register.csv")
}

// setTurnstile turns Cloudflare Turnstile on for the co-op's application form
// (with the secret of its site key, and the site key for the hosted form's
// widget), or off with an empty secret.
func (h *Handler) setTurnstile(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Secret  string `json:"secret"`
		SiteKey string `json:"site_key"`
	}
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	if err := h.Settings.SetTurnstile(ctx, r.principal, in.Secret, in.SiteKey, r.now); err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]bool{"turnstile": in.Secret != ""}), nil
}
