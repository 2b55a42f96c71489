package dynamo_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestLedgerPropertiesOverRandomOperations posts random sequences of council
// payments, adjustments, charges, pool contributions, spending and reversals
// (some repeated, as retries are) and checks after each sequence that every
// entry balances, each account's balance is the sum of its entries, and the
// co-op's accounts sum to zero.
func TestLedgerPropertiesOverRandomOperations(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 11))
	for seq := range 20 {
		s := newStore(t)
		members := []string{"m1", "m2", "m3"}
		accounts := map[dpcoop.Account]bool{}
		var posted []dpcoop.Entry
		expect := map[dpcoop.Account]int64{}
		post := func(e dpcoop.Entry) {
			got, err := s.PostEntry(ctx, "alpha", e)
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != e.ID {
				t.Fatalf("posted %s, read %s", e.ID, got.ID)
			}
			for _, p := range posted {
				if p.ID == e.ID {
					return // a retry: the ledger must not change
				}
			}
			posted = append(posted, e)
			expect[e.From] -= e.Amount
			expect[e.To] += e.Amount
			accounts[e.From], accounts[e.To] = true, true
		}
		for i := range 30 {
			m := dpcoop.MemberAccount(members[r.IntN(len(members))])
			day := dpcoop.Date(fmt.Sprintf("2026-11-%02d", 1+r.IntN(28)))
			e := dpcoop.Entry{ID: dpcoop.DerivedID("entry", fmt.Sprint(seq), fmt.Sprint(i)), Date: day, Month: "2026-11", Amount: 1 + r.Int64N(100000), RecordedBy: "t", Recorded: day.Time().Add(18 * time.Hour)}
			switch r.IntN(6) {
			case 0:
				e.Source, e.From, e.To = dpcoop.SourceCouncilPayment, dpcoop.CouncilAccount("powys"), m
			case 1:
				e.Source, e.From, e.To = dpcoop.SourcePayrollCharge, m, dpcoop.AccountPayroll
			case 2:
				e.Source, e.From, e.To = dpcoop.SourcePoolContribution, m, dpcoop.PoolAccount("p")
			case 3:
				e.Source, e.From, e.To = dpcoop.SourcePoolSpending, dpcoop.PoolAccount("p"), dpcoop.AccountSpending
			case 4:
				e.Source, e.From, e.To = dpcoop.SourceAdjustment, dpcoop.AccountOpening, m
			case 5:
				if len(posted) == 0 {
					continue
				}
				e = posted[r.IntN(len(posted))].Reversal("t", "test", time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
			}
			post(e)
			if r.IntN(4) == 0 {
				post(e) // a retry of the same write
			}
		}
		all, err := s.Entries(ctx, "alpha")
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != len(posted) {
			t.Fatalf("sequence %d: %d entries stored, %d posted", seq, len(all), len(posted))
		}
		var total int64
		for _, e := range all {
			if e.Amount <= 0 || e.From == e.To {
				t.Fatalf("an unbalanced entry %+v", e)
			}
			total += e.Effect(e.From) + e.Effect(e.To)
		}
		if total != 0 {
			t.Fatalf("sequence %d: the co-op's accounts sum to %d", seq, total)
		}
		for a := range accounts {
			es, err := s.AccountEntries(ctx, "alpha", a, "2026-01-01", "2026-12-31")
			if err != nil {
				t.Fatal(err)
			}
			if got := dpcoop.Balance(a, es); got != expect[a] {
				t.Fatalf("sequence %d: %s holds %d by its entries, %d by the operations", seq, a, got, expect[a])
			}
		}
	}
}
