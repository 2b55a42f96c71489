package dynamo_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/storetest"
)

// A ledger written before months were kept reads right: the first read
// carries it forward once, later posts carry on from it, and concurrent
// first reads build it once.
func TestLedgerWrittenBeforeMonthsIsCarriedForward(t *testing.T) {
	ctx := context.Background()
	s, f := openContract(t)
	m := dpcoop.MemberAccount("m1")
	council := dpcoop.CouncilAccount("powys")
	var all []dpcoop.Entry
	for i, day := range []dpcoop.Date{"2025-03-04", "2025-03-20", "2025-09-01", "2026-01-15", "2026-11-02"} {
		e := dpcoop.Entry{ID: fmt.Sprint("old", i), Date: day, Month: day.Month(), Source: dpcoop.SourceCouncilPayment, From: council, To: m,
			Amount: int64(1000 * (i + 1)), RecordedBy: "admin", Recorded: storetest.Day}
		if i == 3 {
			e.From, e.To, e.Source = m, dpcoop.AccountPayroll, dpcoop.SourcePayrollCharge
		}
		if err := s.PutLegacyEntry(ctx, f.Coop, e); err != nil {
			t.Fatal(err)
		}
		all = append(all, e)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			// One builds; the others are told to wait (unavailable) and read
			// again after a pause, as the API's clients retry, for up to a
			// minute on a loaded machine.
			for range 600 {
				if _, _, errs[i] = s.LedgerMonth(ctx, f.Coop, "2026-11"); !dpcoop.IsKind(errs[i], dpcoop.KindUnavailable) {
					return
				}
				time.Sleep(100 * time.Millisecond)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	check := func(month dpcoop.Month, brought int64, n int) {
		t.Helper()
		got, es, err := s.AccountMonth(ctx, f.Coop, m, month)
		if err != nil {
			t.Fatal(err)
		}
		if got != brought || len(es) != n {
			t.Fatalf("%s: brought forward %d with %d entries, want %d with %d", month, got, len(es), brought, n)
		}
	}
	check("2025-03", 0, 2)
	check("2025-06", 3000, 0)
	check("2026-01", 6000, 1)
	check("2026-11", 2000, 1)
	check("2026-12", 7000, 0)

	e := dpcoop.Entry{ID: "new", Date: "2025-06-01", Month: "2025-06", Source: dpcoop.SourceAdjustment, From: dpcoop.AccountOpening, To: m,
		Amount: 500, RecordedBy: "admin", Recorded: storetest.Day}
	if _, err := s.PostEntry(ctx, f.Coop, e); err != nil {
		t.Fatal(err)
	}
	all = append(all, e)
	check("2025-06", 3000, 1)
	check("2026-12", 7500, 0)
	bySource, balances, err := s.LedgerMonth(ctx, f.Coop, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	want := dpcoop.Summarise("2026-11", all)
	if balances[m] != want.Accounts[m] || balances[council] != want.Accounts[council] || bySource[dpcoop.SourceCouncilPayment] != 5000 {
		t.Fatalf("summary %v %v, want %+v", bySource, balances, want)
	}
}

// A posting too big for one transaction carries its accounts' months from
// the co-op's months and from what its earlier transactions left: every
// account's balances read back as the entries add up, whether it moved
// before in the month, in an earlier transaction of the posting, or never.
func TestALargePostingCarriesEveryAccount(t *testing.T) {
	ctx := context.Background()
	s, f := openContract(t)
	council := dpcoop.CouncilAccount("powys")
	member := func(i int) dpcoop.Account { return dpcoop.MemberAccount(fmt.Sprint("m", i)) }
	all := []dpcoop.Entry{
		{ID: "sept", Date: "2026-09-10", Month: "2026-09", Source: dpcoop.SourceCouncilPayment, From: council, To: member(0), Amount: 700},
		{ID: "early", Date: "2026-10-02", Month: "2026-10", Source: dpcoop.SourceCouncilPayment, From: council, To: member(1), Amount: 300},
	}
	for _, e := range all {
		e.RecordedBy, e.Recorded = "admin", storetest.Day
		if _, err := s.PostEntry(ctx, f.Coop, e); err != nil {
			t.Fatal(err)
		}
	}
	var big []dpcoop.Entry
	for i := range 90 { // some 270 items: several transactions
		big = append(big, dpcoop.Entry{ID: fmt.Sprint("big", i), Date: "2026-10-20", Month: "2026-10", Source: dpcoop.SourceCouncilPayment,
			From: council, To: member(i % 40), Amount: int64(i + 1), RecordedBy: "admin", Recorded: storetest.Day})
	}
	if err := s.PostEntries(ctx, f.Coop, big); err != nil {
		t.Fatal(err)
	}
	all = append(all, big...)
	want := dpcoop.Summarise("2026-10", all)
	for i := range 41 {
		a := member(i)
		brought, entries, err := s.AccountMonth(ctx, f.Coop, a, "2026-10")
		if err != nil {
			t.Fatal(err)
		}
		closing, _, err := s.AccountMonth(ctx, f.Coop, a, "2026-11")
		if err != nil {
			t.Fatal(err)
		}
		var moved int64
		for _, e := range entries {
			moved += e.Effect(a)
		}
		wantBrought := map[bool]int64{true: 700}[i == 0]
		if brought != wantBrought || closing != want.Accounts[a] || brought+moved != closing {
			t.Fatalf("%s: brought %d, moved %d, closing %d; want brought %d, closing %d", a, brought, moved, closing, wantBrought, want.Accounts[a])
		}
	}
	_, balances, err := s.LedgerMonth(ctx, f.Coop, "2026-10")
	if err != nil || balances[council] != want.Accounts[council] || balances[member(7)] != want.Accounts[member(7)] {
		t.Fatalf("the co-op's month %v, want %v: %v", balances, want.Accounts, err)
	}
}
