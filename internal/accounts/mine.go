package accounts

import (
	"context"
	"slices"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// MemberPool is a pool as a member sees it among the co-op's pools: whether
// they are in it, and the spending above its limit waiting for their
// approval.
type MemberPool struct {
	PoolView
	In      bool
	Waiting []dpcoop.Spending
}

// MemberPools are the co-op's pools for the calling member: those they are
// in first, each with the spending that waits for their approval.
func (s *Service) MemberPools(ctx context.Context, p dpcoop.Principal) ([]MemberPool, error) {
	pools, err := s.Ledger.Pools(ctx, p.Coop)
	if err != nil {
		return nil, err
	}
	out := []MemberPool{}
	for _, pl := range pools {
		v, err := s.Pool(ctx, p, pl.ID, "")
		if err != nil {
			return nil, err
		}
		mp := MemberPool{PoolView: v, In: slices.ContainsFunc(v.Members, func(m dpcoop.PoolMember) bool { return m.Member == p.Person })}
		if mp.In {
			spent, err := s.Ledger.Spendings(ctx, p.Coop, pl.ID)
			if err != nil {
				return nil, err
			}
			for _, sp := range spent {
				if sp.Status == dpcoop.SpendingAwaiting && !slices.Contains(sp.Approvals, p.Person) {
					mp.Waiting = append(mp.Waiting, sp)
				}
			}
		}
		out = append(out, mp)
	}
	slices.SortStableFunc(out, func(a, b MemberPool) int {
		switch {
		case a.In == b.In:
			return 0
		case a.In:
			return -1
		}
		return 1
	})
	return out, nil
}
