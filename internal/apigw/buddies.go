package apigw

import (
	"context"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func (h *Handler) buddiesActions() map[string]action {
	return map[string]action{
		"GET /v1/me/buddy":                       h.myBuddy,
		"PUT /v1/me/buddy/request":               h.askForBuddy,
		"DELETE /v1/me/buddy/request":            h.withdrawBuddyRequest,
		"POST /v1/me/buddy/pairings/{id}/answer": h.answerPairing,
		"POST /v1/me/buddy/pairings/{id}/end":    h.endPairing,
		"GET /v1/buddies/requests":               h.buddyRequests,
		"POST /v1/buddies/pairings":              h.pairBuddies,
		"GET /v1/buddies/counts":                 h.buddyCounts,
		"GET /v1/me/notices":                     h.myNotices,
		"POST /v1/me/notices/{id}/read":          h.readNotice,
		"GET /v1/me/notice-settings":             h.noticeSettings,
		"PUT /v1/me/notice-settings":             h.setNoticeSettings,
	}
}

// myBuddy shows a member their request and pairing.
func (h *Handler) myBuddy(ctx context.Context, r *request) (*response, error) {
	v, err := h.Buddies.Mine(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// askForBuddy records a member's request for a buddy, with a note for the
// admins.
func (h *Handler) askForBuddy(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Note string `json:"note"`
	}
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	v, err := h.Buddies.Ask(ctx, r.principal, in.Note, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// withdrawBuddyRequest takes back a member's waiting request.
func (h *Handler) withdrawBuddyRequest(ctx context.Context, r *request) (*response, error) {
	if err := h.Buddies.Withdraw(ctx, r.principal); err != nil {
		return nil, err
	}
	return &response{status: http.StatusNoContent, headers: map[string]string{}}, nil
}

// answerPairing records a member's yes, with the channel they share, or no.
func (h *Handler) answerPairing(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Agree   *bool  `json:"agree"`
		Contact string `json:"contact"`
	}
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	if in.Agree == nil {
		var p dpcoop.Problems
		p.Add("agree", dpcoop.FieldRequired)
		return nil, p.Err("answer buddy pairing")
	}
	v, err := h.Buddies.Answer(ctx, r.principal, id, *in.Agree, in.Contact, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// endPairing ends a member's pairing.
func (h *Handler) endPairing(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	if err := r.noBody(); err != nil {
		return nil, err
	}
	if err := h.Buddies.End(ctx, r.principal, id, r.now); err != nil {
		return nil, err
	}
	return &response{status: http.StatusNoContent, headers: map[string]string{}}, nil
}

// buddyRequests lists the requests waiting for a pairing (admins).
func (h *Handler) buddyRequests(ctx context.Context, r *request) (*response, error) {
	v, err := h.Buddies.Waiting(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"requests": v}), nil
}

// pairBuddies proposes two waiting members as buddies (admins).
func (h *Handler) pairBuddies(ctx context.Context, r *request) (*response, error) {
	var in struct {
		A string `json:"member_a"`
		B string `json:"member_b"`
	}
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	v, created, err := h.Buddies.Pair(ctx, r.principal, in.A, in.B, r.requestID, r.now)
	if err != nil {
		return nil, err
	}
	return replayed(jsonResponse(http.StatusCreated, v), created), nil
}

// buddyCounts is all the co-op sees of buddying as a whole (admins).
func (h *Handler) buddyCounts(ctx context.Context, r *request) (*response, error) {
	v, err := h.Buddies.Counts(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// myNotices lists the caller's own notices, newest first.
func (h *Handler) myNotices(ctx context.Context, r *request) (*response, error) {
	v, err := h.Notices.Mine(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"notices": v}), nil
}

// readNotice marks one of the caller's notices read.
func (h *Handler) readNotice(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	if err := r.noBody(); err != nil {
		return nil, err
	}
	if err := h.Notices.MarkRead(ctx, r.principal, id); err != nil {
		return nil, err
	}
	return &response{status: http.StatusNoContent, headers: map[string]string{}}, nil
}

// noticeSettings shows what the caller wants emailed.
func (h *Handler) noticeSettings(ctx context.Context, r *request) (*response, error) {
	v, err := h.Notices.Settings(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// setNoticeSettings changes what the caller wants emailed: each kind on or
// off.
func (h *Handler) setNoticeSettings(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.NoticeSettingsInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	v, err := h.Notices.SetSettings(ctx, r.principal, in)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}
