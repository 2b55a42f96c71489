package accounts

import (
	"context"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// PoolView is a pool as its members and admins see it: its current members,
// its fund's balance and, for an admin asking about a month, what that
// pooled month could not collect.
type PoolView struct {
	dpcoop.Pool
	Members    []dpcoop.PoolMember `json:"members"`
	Balance    int64               `json:"balance_pence"`
	Shortfalls []dpcoop.Shortfall  `json:"shortfalls,omitempty"`
}

// pool reads a pool, its members and its fund's entries.
func (s *Service) pool(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Pool, []dpcoop.PoolMember, []dpcoop.Entry, error) {
	if !dpcoop.ValidID(id) {
		return dpcoop.Pool{}, nil, nil, dpcoop.E("read pool", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	p, err := s.Ledger.Pool(ctx, coop, id)
	if err != nil {
		return dpcoop.Pool{}, nil, nil, err
	}
	members, err := s.Ledger.PoolMembers(ctx, coop, id)
	if err != nil {
		return dpcoop.Pool{}, nil, nil, err
	}
	fund, err := s.Ledger.AccountEntries(ctx, coop, dpcoop.PoolAccount(p.ID), beginning, end)
	return p, members, fund, err
}

// Pool is a pool with its current members and balance; an admin may ask for
// a month's shortfalls.
func (s *Service) Pool(ctx context.Context, p dpcoop.Principal, id string, month dpcoop.Month) (PoolView, error) {
	pl, members, fund, err := s.pool(ctx, p.Coop, id)
	if err != nil {
		return PoolView{}, err
	}
	v := PoolView{Pool: pl, Members: dpcoop.CurrentMembers(members), Balance: dpcoop.Balance(dpcoop.PoolAccount(pl.ID), fund)}
	if month != "" && p.Has(dpcoop.RoleAdmin) {
		if v.Shortfalls, err = s.Ledger.PoolMonth(ctx, p.Coop, pl.ID, string(month)); err != nil {
			return PoolView{}, err
		}
	}
	return v, nil
}

// Join adds a member to a pool with their consent (see
// dpcoop.JoinPoolInput).
func (s *Service) Join(ctx context.Context, p dpcoop.Principal, pool string, in dpcoop.JoinPoolInput, now time.Time) (dpcoop.PoolMember, error) {
	pl, _, _, err := s.pool(ctx, p.Coop, pool)
	if err != nil {
		return dpcoop.PoolMember{}, err
	}
	who, err := in.Joiner(p)
	if err != nil {
		return dpcoop.PoolMember{}, err
	}
	m, err := s.registered(ctx, p.Coop, who)
	if err != nil {
		return dpcoop.PoolMember{}, err
	}
	pm, err := in.Membership(p, pl, m, now)
	if err != nil {
		return dpcoop.PoolMember{}, err
	}
	return s.Ledger.JoinPool(ctx, p.Coop, pm)
}

// registered reads the member a request names, refusing an id that is not a
// member's as a field error.
func (s *Service) registered(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error) {
	var problems dpcoop.Problems
	if !dpcoop.ValidID(id) {
		problems.Add("member_id", dpcoop.FieldInvalid)
		return dpcoop.Member{}, problems.Err("read member_id")
	}
	m, err := s.Register.Member(ctx, coop, id)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		problems.Add("member_id", dpcoop.FieldInvalid)
		return dpcoop.Member{}, problems.Err("read member_id")
	}
	return m, err
}

// Left is what a member leaving a pool took with them.
type Left struct {
	Pool       string        `json:"pool_id"`
	Member     string        `json:"member_id"`
	Left       dpcoop.Date   `json:"left"`
	Settlement *dpcoop.Entry `json:"settlement"`
}

// Leave takes a member out of a pool (the member themself, or an admin
// recording it) and settles their share of its fund back to them.
func (s *Service) Leave(ctx context.Context, p dpcoop.Principal, pool, who string, now time.Time) (Left, error) {
	pl, members, fund, err := s.pool(ctx, p.Coop, pool)
	if err != nil {
		return Left{}, err
	}
	if !p.MaySee(who) {
		return Left{}, dpcoop.E("leave pool", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	settle, err := pl.Settlement(dpcoop.CurrentMembers(members), who, dpcoop.Balance(dpcoop.PoolAccount(pl.ID), fund), p.Person, now)
	if err != nil {
		return Left{}, err
	}
	today := dpcoop.DateOf(now)
	if err := s.Ledger.LeavePool(ctx, p.Coop, pl.ID, who, today, settle); err != nil {
		return Left{}, err
	}
	return Left{Pool: pl.ID, Member: who, Left: today, Settlement: settle}, nil
}

// guard is what a pool can pay: its fund and, when its members share its
// costs, what their accounts hold.
func (s *Service) guard(ctx context.Context, coop dpcoop.CoopID, pl dpcoop.Pool, members []dpcoop.PoolMember, fund []dpcoop.Entry) (dpcoop.SpendingGuard, error) {
	var held int64
	if pl.Rule != dpcoop.RuleFixed {
		for _, m := range dpcoop.CurrentMembers(members) {
			acct := dpcoop.MemberAccount(m.Member)
			es, err := s.Ledger.AccountEntries(ctx, coop, acct, beginning, end)
			if err != nil {
				return dpcoop.SpendingGuard{}, err
			}
			held += max(dpcoop.Balance(acct, es), 0)
		}
	}
	return pl.Guard(fund, held), nil
}

// Spend records what a pool spends on a joint activity, under the id its
// request gives it (id returns it from the validated spending): never more
// than it can pay; within the pool's limit for the period at once, above it
// once a majority of its members approve.
func (s *Service) Spend(ctx context.Context, p dpcoop.Principal, pool string, in dpcoop.SpendingInput, id func(dpcoop.Spending) (string, error), now time.Time) (dpcoop.Spending, error) {
	if err := p.Admin("spend"); err != nil {
		return dpcoop.Spending{}, err
	}
	pl, members, fund, err := s.pool(ctx, p.Coop, pool)
	if err != nil {
		return dpcoop.Spending{}, err
	}
	g, err := s.guard(ctx, p.Coop, pl, members, fund)
	if err != nil {
		return dpcoop.Spending{}, err
	}
	sp, err := in.Validate(pl, g, p.Person, now)
	if err != nil {
		return dpcoop.Spending{}, err
	}
	if sp.ID, err = id(sp); err != nil {
		return dpcoop.Spending{}, err
	}
	if sp.Status == dpcoop.SpendingApproved {
		e := sp.Entry(now)
		sp.EntryID = e.ID
		stored, err := s.Ledger.AddSpending(ctx, p.Coop, sp, &e, g)
		if !dpcoop.IsCode(err, dpcoop.CodePoolLimit) {
			return stored, err
		}
		// The period's total is reached: it waits for the members instead.
		sp.Status, sp.EntryID = dpcoop.SpendingAwaiting, ""
	}
	return s.Ledger.AddSpending(ctx, p.Coop, sp, nil, g)
}

// Approve is a pool member's approval of spending above its limit.
func (s *Service) Approve(ctx context.Context, p dpcoop.Principal, pool, spending string, now time.Time) (dpcoop.Spending, error) {
	pl, members, fund, err := s.pool(ctx, p.Coop, pool)
	if err != nil {
		return dpcoop.Spending{}, err
	}
	active := dpcoop.CurrentMembers(members)
	if !slices.ContainsFunc(active, func(m dpcoop.PoolMember) bool { return m.Member == p.Person }) {
		return dpcoop.Spending{}, dpcoop.E("approve spending", dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	if !dpcoop.ValidID(spending) {
		return dpcoop.Spending{}, dpcoop.E("approve spending", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	sp, err := s.Ledger.Spending(ctx, p.Coop, pl.ID, spending)
	if err != nil {
		return dpcoop.Spending{}, err
	}
	g, err := s.guard(ctx, p.Coop, pl, members, fund)
	if err != nil {
		return dpcoop.Spending{}, err
	}
	return s.Ledger.ApproveSpending(ctx, p.Coop, sp, p.Person, len(active), func() dpcoop.Entry { return sp.Entry(now) }, g)
}

// Spendings lists a pool's spending, recorded and waiting, for an admin or
// one of its current members; anyone else finds no pool.
func (s *Service) Spendings(ctx context.Context, p dpcoop.Principal, pool string) ([]dpcoop.Spending, error) {
	pl, members, _, err := s.pool(ctx, p.Coop, pool)
	if err != nil {
		return nil, err
	}
	if !p.Has(dpcoop.RoleAdmin) && !slices.ContainsFunc(dpcoop.CurrentMembers(members), func(m dpcoop.PoolMember) bool { return m.Member == p.Person }) {
		return nil, dpcoop.E("list spending", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return s.Ledger.Spendings(ctx, p.Coop, pl.ID)
}
