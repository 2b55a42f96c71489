package dpcoop

import "testing"

// TestPoolShares: equal and weighted shares are exact (the parts sum to the
// cost), a fixed pool's members each owe the fixed amount, and a member not
// in the pool that month has no share.
func TestPoolShares(t *testing.T) {
	members := []PoolMember{{Member: "a", Weight: 1, Joined: "2026-10-01"}, {Member: "b", Weight: 2, Joined: "2026-10-15"},
		{Member: "c", Weight: 5, Joined: "2026-09-01", Left: "2026-09-30"}}
	cases := []struct {
		pool Pool
		want []int64
	}{
		{Pool{Rule: RuleEqualShare}, []int64{501, 500}},
		{Pool{Rule: RuleWeightedShare}, []int64{334, 667}},
		{Pool{Rule: RuleFixed, FixedPence: 2500}, []int64{2500, 2500}},
	}
	for _, c := range cases {
		got, err := c.pool.Shares(members, "2026-10", 1001)
		if err != nil || len(got) != len(c.want) {
			t.Fatalf("%s: %v %+v", c.pool.Rule, err, got)
		}
		for i, w := range c.want {
			if got[i].Member != members[i].Member || got[i].Pence != w {
				t.Errorf("%s: share %d is %+v, want %d", c.pool.Rule, i, got[i], w)
			}
		}
	}
	if got, _ := (Pool{Rule: RuleEqualShare}).Shares(members, "2026-08", 1001); len(got) != 0 {
		t.Errorf("shares of a month nobody was in: %+v", got)
	}
}
