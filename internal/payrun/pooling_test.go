package payrun

import (
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func TestContributionsShareCostsAndCapAtBalance(t *testing.T) {
	at := time.Date(2026, 11, 7, 6, 0, 0, 0, time.UTC)
	members := []dpcoop.PoolMember{
		{Member: "a", Weight: 1, Joined: "2026-01-01"},
		{Member: "b", Weight: 2, Joined: "2026-01-01"},
		{Member: "c", Weight: 1, Joined: "2026-10-31"},                     // joined on the last day: in
		{Member: "d", Weight: 1, Joined: "2026-01-01", Left: "2026-09-30"}, // left before: out
	}
	pool := dpcoop.Pool{ID: "p", Rule: dpcoop.RuleWeightedShare}
	balances := map[string]int64{"a": 100000, "b": 5000, "c": 100000}
	entries, short, err := Contributions(pool, members, "2026-10", 30001, balances, "2026-11-07", at)
	if err != nil {
		t.Fatal(err)
	}
	// 30,001 by 1:2:1 is 7,500.25 / 15,000.5 / 7,500.25: 7,500, 15,001, 7,500
	// (the spare penny to the larger remainder); b holds only 5,000.
	got := map[string]int64{}
	var total int64
	for _, e := range entries {
		got[string(e.From)] = e.Amount
		total += e.Amount
		if e.To != "pool:p" || e.Source != dpcoop.SourcePoolContribution || e.Month != "2026-10" {
			t.Fatalf("%+v", e)
		}
	}
	if got["member:a"] != 7500 || got["member:b"] != 5000 || got["member:c"] != 7500 || len(entries) != 3 || total != 20000 {
		t.Fatalf("contributions %v", got)
	}
	if len(short) != 1 || short[0] != (dpcoop.Shortfall{Member: "b", Due: 15001, Paid: 5000}) {
		t.Fatalf("shortfalls %+v", short)
	}
	again, _, _ := Contributions(pool, members, "2026-10", 30001, balances, "2026-11-07", at.Add(time.Hour))
	for i := range again {
		if again[i].ID != entries[i].ID {
			t.Fatal("a re-run makes different entry ids")
		}
	}
	fixed := dpcoop.Pool{ID: "f", Rule: dpcoop.RuleFixed, FixedPence: 2500}
	entries, short, _ = Contributions(fixed, members, "2026-10", 0, map[string]int64{"a": 2500, "b": -10, "c": 9999}, "2026-11-07", at)
	if len(entries) != 2 || len(short) != 1 || short[0].Member != "b" || short[0].Paid != 0 {
		t.Fatalf("fixed: %+v %+v", entries, short)
	}
}
