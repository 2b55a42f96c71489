package apigw

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/votes"
)

func (h *Handler) votesActions() map[string]action {
	return map[string]action{
		"GET /v1/voting-rules":          h.getVotingRules,
		"PUT /v1/voting-rules":          h.setVotingRules,
		"POST /v1/motions":              h.proposeMotion,
		"GET /v1/motions":               h.listMotions,
		"GET /v1/motions/{id}":          h.getMotion,
		"POST /v1/motions/{id}/open":    h.openMotion,
		"POST /v1/motions/{id}/close":   h.closeMotion,
		"POST /v1/motions/{id}/votes":   h.castVote,
		"POST /v1/motions/{id}/proxies": h.appointProxy,
		"GET /v1/motions/{id}/results":  h.motionResults,
		"GET /v1/motions/{id}/ballots":  h.motionBallots,
	}
}

func (h *Handler) getVotingRules(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery(); err != nil {
		return nil, err
	}
	svc := h.Votes
	v, err := svc.Votes.VotingRules(ctx, r.principal.Coop)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

func (h *Handler) setVotingRules(ctx context.Context, r *request) (*response, error) {
	in := dpcoop.DefaultVotingRules
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	svc := h.Votes
	if err := svc.Votes.SetVotingRules(ctx, r.principal.Coop, in); err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, in), nil
}

// proposeMotion drafts a motion. The same request again (by Idempotency-Key,
// or the same body from the same person) returns the first draft.
func (h *Handler) proposeMotion(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.MotionInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	canonical, _ := json.Marshal(in) // plain values: cannot fail
	fp := dpcoop.Fingerprint(string(canonical))
	id, err := r.requestID("motion", r.principal.Person, fp)
	if err != nil {
		return nil, err
	}
	svc := h.Votes
	m, created, err := svc.Propose(ctx, r.principal, in, id, fp, r.now)
	if err != nil {
		return nil, err
	}
	resp := jsonResponse(http.StatusCreated, m)
	if !created {
		resp.headers["idempotent-replayed"] = "true"
	}
	return resp, nil
}

func (h *Handler) listMotions(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery("limit", "cursor"); err != nil {
		return nil, err
	}
	page, err := r.page()
	if err != nil {
		return nil, err
	}
	svc := h.Votes
	res, err := svc.Votes.Motions(ctx, r.principal.Coop, page)
	if err != nil {
		return nil, err
	}
	out := dpcoop.Page[dpcoop.Motion]{Items: []dpcoop.Motion{}, Next: res.Next}
	for _, m := range res.Items {
		if m.VisibleTo(r.principal) {
			out.Items = append(out.Items, m)
		}
	}
	return jsonResponse(http.StatusOK, out), nil
}

// motionView is a motion with the caller's own place in its electorate:
// whether they have voted, and (an open ballot) how; proxies held.
type motionView struct {
	dpcoop.Motion
	You *dpcoop.Elector `json:"you,omitempty"`
}

func (h *Handler) motion(ctx context.Context, r *request) (*votes.Service, dpcoop.Motion, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, dpcoop.Motion{}, err
	}
	m, err := h.Votes.Motion(ctx, r.principal, id)
	if err != nil {
		return nil, dpcoop.Motion{}, err
	}
	return h.Votes, m, nil
}

func (h *Handler) getMotion(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery(); err != nil {
		return nil, err
	}
	svc, m, err := h.motion(ctx, r)
	if err != nil {
		return nil, err
	}
	view := motionView{Motion: m}
	if m.Snapshot != "" {
		e, err := svc.Votes.Elector(ctx, r.principal.Coop, m.ID, r.principal.Person)
		switch {
		case err == nil && e.Snapshot == m.Snapshot:
			view.You = &e
		case err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound):
			return nil, err
		}
	}
	return jsonResponse(http.StatusOK, view), nil
}

// openMotion opens a draft now, or schedules it when its opening time is
// still to come; opening an open motion returns it.
func (h *Handler) openMotion(ctx context.Context, r *request) (*response, error) {
	if err := r.noBody(); err != nil {
		return nil, err
	}
	svc, m, err := h.motion(ctx, r)
	if err != nil {
		return nil, err
	}
	m, err = svc.Open(ctx, r.principal.Coop, m.ID, r.principal.Person, r.now, false)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, m), nil
}

// closeMotion closes an open motion early and counts it.
func (h *Handler) closeMotion(ctx context.Context, r *request) (*response, error) {
	if err := r.noBody(); err != nil {
		return nil, err
	}
	svc, m, err := h.motion(ctx, r)
	if err != nil {
		return nil, err
	}
	m, err = svc.Close(ctx, r.principal.Coop, m.ID, r.principal.Person, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, m), nil
}

// castResponse is a stored vote. For a secret ballot, Receipt is shown this
// once: the voter can find it in the published list after closing; nothing
// stored links it to them.
type castResponse struct {
	MotionID string         `json:"motion_id"`
	Secret   bool           `json:"secret"`
	Receipt  string         `json:"receipt,omitempty"`
	Vote     dpcoop.Elector `json:"vote"`
	Changed  bool           `json:"changed"`
}

func (h *Handler) castVote(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.VoteInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	svc := h.Votes
	m, res, err := svc.Cast(ctx, r.principal, id, in, r.now)
	if err != nil {
		return nil, err
	}
	status := http.StatusCreated // a first vote
	if res.Changed || res.Unchanged {
		status = http.StatusOK // an open vote changed, or the same vote again
	}
	return jsonResponse(status, castResponse{MotionID: m.ID, Secret: m.Secret, Receipt: res.Receipt, Vote: res.Elector, Changed: res.Changed}), nil
}

func (h *Handler) appointProxy(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Holder string `json:"holder_id"`
	}
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	svc := h.Votes
	e, err := svc.AppointProxy(ctx, r.principal, id, in.Holder, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, e), nil
}

func (h *Handler) motionResults(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery(); err != nil {
		return nil, err
	}
	svc, m, err := h.motion(ctx, r)
	if err != nil {
		return nil, err
	}
	res, err := svc.Results(ctx, r.principal.Coop, m.ID, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, res), nil
}

func (h *Handler) motionBallots(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery("limit", "cursor"); err != nil {
		return nil, err
	}
	page, err := r.page()
	if err != nil {
		return nil, err
	}
	svc, m, err := h.motion(ctx, r)
	if err != nil {
		return nil, err
	}
	res, err := svc.Ballots(ctx, r.principal.Coop, m.ID, page)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, res), nil
}
