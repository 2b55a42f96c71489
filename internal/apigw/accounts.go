package apigw

import (
	"context"
	"net/http"
	"strconv"

	"github.com/dpcoop/dpcoop/internal/accounts"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func (h *Handler) accountsActions() map[string]action {
	return map[string]action{
		"POST /v1/members/{id}/account/payments":          h.councilPayment,
		"POST /v1/members/{id}/account/adjustments":       h.adjustment,
		"POST /v1/entries/{id}/reverse":                   h.reverse,
		"GET /v1/members/{id}/statement":                  h.statement,
		"GET /v1/coop/summary":                            h.summary,
		"POST /v1/pools":                                  h.addPool,
		"GET /v1/pools":                                   h.listPools,
		"GET /v1/pools/{id}":                              h.getPool,
		"POST /v1/pools/{id}/members":                     h.joinPool,
		"POST /v1/pools/{id}/members/{member}/leave":      h.leavePool,
		"POST /v1/pools/{id}/spending":                    h.addSpending,
		"POST /v1/pools/{id}/spending/{spending}/approve": h.approveSpending,
	}
}

// postMemberEntry reads a council payment or an adjustment and posts its
// entry once: its id comes from the idempotency key, or from what it records.
func postMemberEntry[T accounts.MemberEntry](ctx context.Context, h *Handler, r *request) (*response, error) {
	var in T
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	e, err := h.Accounts.Post(ctx, r.principal, r.param("id"), in, entryID(r), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, e), nil
}

// entryID gives an entry an admin asks for its id: from the idempotency
// key, or from what it records.
func entryID(r *request) func(dpcoop.Entry) (string, error) {
	return func(e dpcoop.Entry) (string, error) {
		return r.requestID("entry", string(e.Source), string(e.From), string(e.To), string(e.Date), itoa(e.Amount), e.Ref)
	}
}

// councilPayment records a direct payment from a council into a member's
// account.
func (h *Handler) councilPayment(ctx context.Context, r *request) (*response, error) {
	return postMemberEntry[dpcoop.CouncilPayment](ctx, h, r)
}

// adjustment records an opening balance or a correction on a member's account.
func (h *Handler) adjustment(ctx context.Context, r *request) (*response, error) {
	return postMemberEntry[dpcoop.Adjustment](ctx, h, r)
}

// reverse corrects an entry with a reversing entry; reversing twice makes
// one reversal.
func (h *Handler) reverse(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Reason string `json:"reason"`
	}
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	rev, err := h.Accounts.Reverse(ctx, r.principal, id, in.Reason, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, rev), nil
}

func (h *Handler) addPool(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.PoolInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	p, err := h.Accounts.AddPool(ctx, r.principal, in, func(p dpcoop.Pool) (string, error) { return r.requestID("pool", p.NameEN, p.NameCY) }, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, p), nil
}

func (h *Handler) listPools(ctx context.Context, r *request) (*response, error) {
	pools, err := h.Accounts.Pools(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"items": pools}), nil
}

func (h *Handler) getPool(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery("month"); err != nil {
		return nil, err
	}
	month, _ := dpcoop.ParseMonth(r.ev.QueryStringParameters["month"])
	v, err := h.Accounts.Pool(ctx, r.principal, r.param("id"), dpcoop.Month(month))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}

// joinPool adds a member to a pool with their consent: a member joins
// themself; an admin may record the consent of a member who cannot use the
// app, and the record says who did.
func (h *Handler) joinPool(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.JoinPoolInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	pm, err := h.Accounts.Join(ctx, r.principal, r.param("id"), in, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, pm), nil
}

// leavePool lets a member leave (or an admin record it); their share of the
// pool's fund, by the current members' weights, is settled back to them.
func (h *Handler) leavePool(ctx context.Context, r *request) (*response, error) {
	if err := r.noBody(); err != nil {
		return nil, err
	}
	left, err := h.Accounts.Leave(ctx, r.principal, r.param("id"), r.param("member"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, left), nil
}

// addSpending records what a pool spends on a joint activity: never more
// than it can pay; within the pool's limit for the period at once, above it
// once a majority of its members approve.
func (h *Handler) addSpending(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.SpendingInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	sp, err := h.Accounts.Spend(ctx, r.principal, r.param("id"), in, func(sp dpcoop.Spending) (string, error) {
		return r.requestID("spending", sp.Pool, itoa(sp.Amount), string(sp.Date), sp.Description)
	}, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, sp), nil
}

// approveSpending is a pool member's approval of spending above its limit.
func (h *Handler) approveSpending(ctx context.Context, r *request) (*response, error) {
	if err := r.noBody(); err != nil {
		return nil, err
	}
	sp, err := h.Accounts.Approve(ctx, r.principal, r.param("id"), r.param("spending"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, sp), nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
