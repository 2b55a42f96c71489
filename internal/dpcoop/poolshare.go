package dpcoop

import "github.com/dpcoop/dpcoop/internal/apportion"

// PoolShare is what one member of a pool is due to pay of its costs in a
// month.
type PoolShare struct {
	Member string
	Pence  int64
}

// Shares is what each member active in month is due to pay by the pool's
// rule: the fixed amount each, or costs (nothing if below zero) split
// equally or by weight exactly, so the parts sum to the costs. The pooling
// step takes these at month end (capped at what each account holds); the
// pages show how one activity's cost is shared.
func (p Pool) Shares(members []PoolMember, month string, costs int64) ([]PoolShare, error) {
	var active []PoolMember
	for _, m := range members {
		if m.ActiveIn(month) {
			active = append(active, m)
		}
	}
	if len(active) == 0 {
		return nil, nil
	}
	due := make([]int64, len(active))
	switch p.Rule {
	case RuleFixed:
		for i := range due {
			due[i] = p.FixedPence
		}
	default:
		weights := make([]int64, len(active))
		for i, m := range active {
			weights[i] = 1
			if p.Rule == RuleWeightedShare && m.Weight > 0 {
				weights[i] = m.Weight
			}
		}
		var err error
		if due, err = apportion.Split(max(costs, 0), weights); err != nil {
			return nil, err
		}
	}
	out := make([]PoolShare, len(active))
	for i, m := range active {
		out[i] = PoolShare{Member: m.Member, Pence: due[i]}
	}
	return out, nil
}
