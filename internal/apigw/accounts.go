package apigw

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/dpcoop/dpcoop/internal/apportion"
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

// poolView is a pool as its members and admins see it: its current members,
// its fund's balance and what the last pooled month could not collect.
type poolView struct {
	dpcoop.Pool
	Members    []dpcoop.PoolMember `json:"members"`
	Balance    int64               `json:"balance_pence"`
	Shortfalls []dpcoop.Shortfall  `json:"shortfalls,omitempty"`
}

// pathPool reads the path's pool with its members; a member who never
// belonged to it is not shown it.
func (h *Handler) pathPool(ctx context.Context, r *request) (dpcoop.Pool, []dpcoop.PoolMember, error) {
	id, err := r.pathID()
	if err != nil {
		return dpcoop.Pool{}, nil, err
	}
	p, err := h.deps.Accounts.Pool(ctx, r.principal.Coop, id)
	if err != nil {
		return dpcoop.Pool{}, nil, err
	}
	members, err := h.deps.Accounts.PoolMembers(ctx, r.principal.Coop, id)
	if err != nil {
		return dpcoop.Pool{}, nil, err
	}
	return p, members, nil
}

func current(members []dpcoop.PoolMember) []dpcoop.PoolMember {
	out := []dpcoop.PoolMember{}
	for _, m := range members {
		if m.Left == "" {
			out = append(out, m)
		}
	}
	return out
}

func (h *Handler) getPool(ctx context.Context, r *request) (*response, error) {
	p, members, err := h.pathPool(ctx, r)
	if err != nil {
		return nil, err
	}
	if err := r.checkQuery("month"); err != nil {
		return nil, err
	}
	fund, err := h.deps.Accounts.AccountEntries(ctx, r.principal.Coop, dpcoop.PoolAccount(p.ID), "0000-00-00", "9999-12-31")
	if err != nil {
		return nil, err
	}
	v := poolView{Pool: p, Members: current(members), Balance: dpcoop.Balance(dpcoop.PoolAccount(p.ID), fund)}
	if month, ok := dpcoop.ParseMonth(r.ev.QueryStringParameters["month"]); ok && r.principal.Has(dpcoop.RoleAdmin) {
		if v.Shortfalls, err = h.deps.Accounts.PoolMonth(ctx, r.principal.Coop, p.ID, month); err != nil {
			return nil, err
		}
	}
	return jsonResponse(http.StatusOK, v), nil
}

// joinPool adds a member to a pool with their consent: a member joins
// themself; an admin may record the consent of a member who cannot use the
// app, and the record says who did.
func (h *Handler) joinPool(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Member  string `json:"member_id"`
		Consent bool   `json:"consent"`
		Weight  int64  `json:"weight"`
		Joined  string `json:"joined"` // an admin recording consent given earlier, on paper
	}
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	p, _, err := h.pathPool(ctx, r)
	if err != nil {
		return nil, err
	}
	var problems dpcoop.Problems
	member := in.Member
	if !r.principal.Has(dpcoop.RoleAdmin) {
		if member != "" && member != r.principal.Person {
			return nil, dpcoop.E("join pool", dpcoop.KindForbidden, dpcoop.CodeForbidden)
		}
		member = r.principal.Person
	}
	if !in.Consent {
		problems.Add("consent", dpcoop.FieldConsent)
	}
	if in.Weight < 0 || in.Weight > 100 {
		problems.Add("weight", dpcoop.FieldOutOfRange, "min", "0", "max", "100")
	}
	joined := dpcoop.DateOf(r.now)
	if in.Joined != "" {
		d, ok := dpcoop.ParseDate(in.Joined)
		switch {
		case !r.principal.Has(dpcoop.RoleAdmin):
			problems.Add("joined", dpcoop.FieldUnknown)
		case !ok:
			problems.Add("joined", dpcoop.FieldDate)
		case joined.Before(d):
			problems.Add("joined", dpcoop.FieldDateFuture)
		default:
			joined = d
		}
	}
	m, err := related(ctx, "member_id", h.deps.Store.Member, r.principal.Coop, member)
	if err != nil {
		return nil, err
	}
	if !m.Active(dpcoop.DateOf(r.now)) || !m.Active(joined) {
		problems.Add("member_id", dpcoop.FieldMemberCeased)
	}
	if err := problems.Err("join pool"); err != nil {
		return nil, err
	}
	pm, err := h.deps.Accounts.JoinPool(ctx, r.principal.Coop, dpcoop.PoolMember{
		Pool: p.ID, Member: m.ID, Weight: max(in.Weight, 1), Joined: joined,
		ConsentBy: r.principal.Person, ConsentAt: r.now.UTC(),
	})
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
	p, members, err := h.pathPool(ctx, r)
	if err != nil {
		return nil, err
	}
	who := r.param("member")
	if !r.principal.MaySee(who) {
		return nil, dpcoop.E("leave pool", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	active := current(members)
	i := slices.IndexFunc(active, func(m dpcoop.PoolMember) bool { return m.Member == who })
	if i < 0 {
		return nil, dpcoop.E("leave pool", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	fund, err := h.deps.Accounts.AccountEntries(ctx, r.principal.Coop, dpcoop.PoolAccount(p.ID), "0000-00-00", "9999-12-31")
	if err != nil {
		return nil, err
	}
	var settle *dpcoop.Entry
	if balance := dpcoop.Balance(dpcoop.PoolAccount(p.ID), fund); balance > 0 {
		weights := make([]int64, len(active))
		for j, m := range active {
			weights[j] = m.Weight
		}
		shares, err := apportion.Split(balance, weights)
		if err != nil {
			return nil, dpcoop.Wrap("leave pool", err)
		}
		if shares[i] > 0 {
			settle = &dpcoop.Entry{
				ID: dpcoop.DerivedID("pool-leave", p.ID, who, string(active[i].Joined)), Date: dpcoop.DateOf(r.now), Month: string(dpcoop.DateOf(r.now))[:7],
				Source: dpcoop.SourceRefund, From: dpcoop.PoolAccount(p.ID), To: dpcoop.MemberAccount(who), Amount: shares[i],
				Ref: "leaving pool " + p.ID, RecordedBy: r.principal.Person, Recorded: r.now.UTC(),
			}
		}
	}
	if err := h.deps.Accounts.LeavePool(ctx, r.principal.Coop, p.ID, who, dpcoop.DateOf(r.now), settle); err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"pool_id": p.ID, "member_id": who, "left": dpcoop.DateOf(r.now), "settlement": settle}), nil
}

// addSpending records what a pool spends on a joint activity: never more
// than it can pay; within the pool's limit for the period at once, above it
// once a majority of its members approve.
func (h *Handler) addSpending(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.SpendingInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	p, members, err := h.pathPool(ctx, r)
	if err != nil {
		return nil, err
	}
	g, err := h.spendingGuard(ctx, r, p, members)
	if err != nil {
		return nil, err
	}
	sp, err := in.Validate(p, g, r.principal.Person, r.now)
	if err != nil {
		return nil, err
	}
	if sp.ID, err = r.requestID("spending", p.ID, itoa(sp.Amount), string(sp.Date), sp.Description); err != nil {
		return nil, err
	}
	if sp.Status == dpcoop.SpendingApproved {
		e := sp.Entry(r.now)
		sp.EntryID = e.ID
		stored, err := h.deps.Accounts.AddSpending(ctx, r.principal.Coop, sp, &e, g)
		if !dpcoop.IsCode(err, dpcoop.CodePoolLimit) {
			return spendingResponse(stored, err)
		}
		// The period's total is reached: it waits for the members instead.
		sp.Status, sp.EntryID = dpcoop.SpendingAwaiting, ""
	}
	return spendingResponse(h.deps.Accounts.AddSpending(ctx, r.principal.Coop, sp, nil, g))
}

func spendingResponse(sp dpcoop.Spending, err error) (*response, error) {
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusCreated, sp), nil
}

// spendingGuard is what the pool can pay: its fund and, when its members
// share its costs, what their accounts hold.
func (h *Handler) spendingGuard(ctx context.Context, r *request, p dpcoop.Pool, members []dpcoop.PoolMember) (dpcoop.SpendingGuard, error) {
	fund, err := h.deps.Accounts.AccountEntries(ctx, r.principal.Coop, dpcoop.PoolAccount(p.ID), "0000-00-00", "9999-12-31")
	if err != nil {
		return dpcoop.SpendingGuard{}, err
	}
	var held int64
	if p.Rule != dpcoop.RuleFixed {
		for _, m := range current(members) {
			acct := dpcoop.MemberAccount(m.Member)
			es, err := h.deps.Accounts.AccountEntries(ctx, r.principal.Coop, acct, "0000-00-00", "9999-12-31")
			if err != nil {
				return dpcoop.SpendingGuard{}, err
			}
			held += max(dpcoop.Balance(acct, es), 0)
		}
	}
	return p.Guard(fund, held), nil
}

// approveSpending is a pool member's approval of spending above its limit.
func (h *Handler) approveSpending(ctx context.Context, r *request) (*response, error) {
	if err := r.noBody(); err != nil {
		return nil, err
	}
	p, members, err := h.pathPool(ctx, r)
	if err != nil {
		return nil, err
	}
	active := current(members)
	if !slices.ContainsFunc(active, func(m dpcoop.PoolMember) bool { return m.Member == r.principal.Person }) {
		return nil, dpcoop.E("approve spending", dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	sid := r.param("spending")
	if !dpcoop.ValidID(sid) {
		return nil, dpcoop.E("approve spending", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	sp, err := h.deps.Accounts.Spending(ctx, r.principal.Coop, p.ID, sid)
	if err != nil {
		return nil, err
	}
	g, err := h.spendingGuard(ctx, r, p, members)
	if err != nil {
		return nil, err
	}
	sp, err = h.deps.Accounts.ApproveSpending(ctx, r.principal.Coop, sp, r.principal.Person, len(active), func() dpcoop.Entry { return sp.Entry(r.now) }, g)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, sp), nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
