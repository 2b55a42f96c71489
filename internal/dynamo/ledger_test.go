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
