package apigw

import (
	"context"
	"net/http"
	"strconv"
	"time"

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

// post writes an admin's entry once: its id comes from the idempotency key,
// or from what it records.
func (h *Handler) post(ctx context.Context, r *request, e dpcoop.Entry) (*response, error) {
	var err error
	if e.ID, err = r.requestID("entry", string(e.Source), string(e.From), string(e.To), string(e.Date), itoa(e.Amount), e.Ref); err != nil {
		return nil, err
	}
	e, err = h.deps.Accounts.PostEntry(ctx, r.principal.Coop, e)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, e), nil
}

// memberOnRegister reads the path's member, refusing one not on the register.
func (h *Handler) memberOnRegister(ctx context.Context, r *request) (dpcoop.Member, error) {
	id, err := r.pathID()
	if err != nil {
		return dpcoop.Member{}, err
	}
	return h.deps.Store.Member(ctx, r.principal.Coop, id)
}

// memberEntry is a request that becomes one ledger entry on a member's
// account: a council payment or an adjustment.
type memberEntry interface {
	Entry(member, by string, now time.Time) (dpcoop.Entry, error)
}

// postMemberEntry reads such a request and posts its entry once.
func postMemberEntry[T memberEntry](ctx context.Context, h *Handler, r *request) (*response, error) {
	var in T
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	m, err := h.memberOnRegister(ctx, r)
	if err != nil {
		return nil, err
	}
	e, err := in.Entry(m.ID, r.principal.Person, r.now)
	if err != nil {
		return nil, err
	}
	return h.post(ctx, r, e)
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

// reverse corrects an entry the only way the ledger allows: a reversing
// entry. Reversing twice makes one reversal.
func (h *Handler) reverse(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Reason string `json:"reason"`
	}
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	reason, err := dpcoop.ValidateRejection(in.Reason)
	if err != nil {
		return nil, err
	}
	e, err := h.deps.Accounts.Entry(ctx, r.principal.Coop, id)
	if err != nil {
		return nil, err
	}
	rev, err := h.deps.Accounts.PostEntry(ctx, r.principal.Coop, e.Reversal(r.principal.Person, reason, r.now))
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
	p, err := in.Validate(r.principal.Person, r.now)
	if err != nil {
		return nil, err
	}
	if p.ID, err = r.requestID("pool", p.NameEN, p.NameCY); err != nil {
		return nil, err
	}
	p, err = h.deps.Accounts.AddPool(ctx, r.principal.Coop, p)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, p), nil
}

func (h *Handler) listPools(ctx context.Context, r *request) (*response, error) {
	pools, err := h.deps.Accounts.Pools(ctx, r.principal.Coop)
	if err != nil {
		return nil, err
	}
	if pools == nil {
		pools = []dpcoop.Pool{}
	}
	return jsonResponse(http.StatusOK, map[string]any{"items": pools}), nil
}

func (h *Handler) getPool(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery("month"); err != nil {
		return nil, err
	}
	month, _ := dpcoop.ParseMonth(r.ev.QueryStringParameters["month"])
	v, err := h.accounts.Pool(ctx, r.principal, r.param("id"), dpcoop.Month(month))
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
	pm, err := h.accounts.Join(ctx, r.principal, r.param("id"), in, r.now)
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
	left, err := h.accounts.Leave(ctx, r.principal, r.param("id"), r.param("member"), r.now)
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
	sp, err := h.accounts.Spend(ctx, r.principal, r.param("id"), in, func(sp dpcoop.Spending) (string, error) {
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
	sp, err := h.accounts.Approve(ctx, r.principal, r.param("id"), r.param("spending"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, sp), nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
