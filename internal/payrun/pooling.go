package payrun

import (
	"context"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// PoolStore is what the pooling step needs besides a run's store.
type PoolStore interface {
	Pools(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Pool, error)
	PoolMembers(ctx context.Context, coop dpcoop.CoopID, pool string) ([]dpcoop.PoolMember, error)
	AccountEntries(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Account, from, to dpcoop.Date) ([]dpcoop.Entry, error)
	// PostEntries writes ledger entries that are not written yet; entries
	// already there (a re-run) are left alone.
	PostEntries(ctx context.Context, coop dpcoop.CoopID, entries []dpcoop.Entry) error
	// SetPoolMonth records what a pool's month could not collect.
	SetPoolMonth(ctx context.Context, coop dpcoop.CoopID, pool, month string, shortfalls []dpcoop.Shortfall) error
}

// Contributions is a pool's month: what each member active in the month pays
// in (the fixed amount, or their share of the pool's costs, equally or by
// weight, apportioned exactly), capped at what their account holds so no
// account goes below zero because of a pool. Ids are derived from the pool,
// month and member, so the month can be pooled only once.
func Contributions(pool dpcoop.Pool, members []dpcoop.PoolMember, month string, costs int64, balances map[string]int64, date dpcoop.Date, at time.Time) ([]dpcoop.Entry, []dpcoop.Shortfall, error) {
	shares, err := pool.Shares(members, month, costs)
	if err != nil {
		return nil, nil, err
	}
	var entries []dpcoop.Entry
	var short []dpcoop.Shortfall
	for _, m := range shares {
		paid := min(m.Pence, max(balances[m.Member], 0))
		if paid < m.Pence {
			short = append(short, dpcoop.Shortfall{Member: m.Member, Due: m.Pence, Paid: paid})
		}
		if paid == 0 {
			continue
		}
		entries = append(entries, dpcoop.Entry{
			ID: dpcoop.DerivedID("pool-contribution", pool.ID, month, m.Member), Date: date, Month: month,
			Source: dpcoop.SourcePoolContribution, From: dpcoop.MemberAccount(m.Member), To: dpcoop.PoolAccount(pool.ID),
			Amount: paid, Ref: string(dpcoop.PoolAccount(pool.ID)) + " " + month, RecordedBy: "pooling", Recorded: at.UTC(),
		})
	}
	return entries, short, nil
}

// Pool runs the pooling step for a final month: for each pool, its costs in
// the month (payroll charged to the pool, approved spending) and its members'
// contributions, posted to the ledger. Running it again changes nothing.
// A co-op without pools costs one read.
func (r *Runner) Pool(ctx context.Context, coop dpcoop.CoopID, month string) error {
	pools := r.Pools
	// The pools first: a co-op without any (most) reads nothing more.
	all, err := pools.Pools(ctx, coop)
	if err != nil || len(all) == 0 {
		return classify(err)
	}
	run, err := r.Store.Run(ctx, coop, month)
	if err != nil {
		return classify(err)
	}
	if run.Status != dpcoop.RunFinal {
		return nil // pooling follows a final run
	}
	for _, pool := range all {
		members, err := pools.PoolMembers(ctx, coop, pool.ID)
		if err != nil {
			return classify(err)
		}
		fund, err := pools.AccountEntries(ctx, coop, dpcoop.PoolAccount(pool.ID), "0000-00-00", "9999-12-31")
		if err != nil {
			return classify(err)
		}
		var costs int64
		for _, e := range fund {
			if e.Month == month && e.From == dpcoop.PoolAccount(pool.ID) && (e.Source == dpcoop.SourcePayrollCharge || e.Source == dpcoop.SourcePoolSpending) {
				costs += e.Amount
			}
		}
		balances := map[string]int64{}
		for _, m := range members {
			if !m.ActiveIn(month) {
				continue
			}
			acct := dpcoop.MemberAccount(m.Member)
			es, err := pools.AccountEntries(ctx, coop, acct, "0000-00-00", run.PayDate)
			if err != nil {
				return classify(err)
			}
			for _, e := range es {
				if e.Source == dpcoop.SourcePoolContribution && e.Month == month && e.To == dpcoop.PoolAccount(pool.ID) {
					continue // a re-run sees the balance before this pool's own contribution
				}
				balances[m.Member] += e.Effect(acct)
			}
		}
		entries, short, err := Contributions(pool, members, month, costs, balances, run.PayDate, r.Now())
		if err != nil {
			return err
		}
		if err := pools.PostEntries(ctx, coop, entries); err != nil {
			return classify(err)
		}
		if err := pools.SetPoolMonth(ctx, coop, pool.ID, month, short); err != nil {
			return classify(err)
		}
	}
	return nil
}
