package payrun_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/meter"
	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/infra/statemachine"
	"github.com/dpcoop/dpcoop/internal/daily"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// largePAs is how many PAs the large co-op employs (three members each, so
// three times as many members); override with DPCOOP_BENCH_LARGE_PAS.
func largePAs() int {
	if n, err := strconv.Atoi(os.Getenv("DPCOOP_BENCH_LARGE_PAS")); err == nil && n > 0 {
		return n
	}
	return 2000
}

// BenchmarkPayrollLargeCoop runs October's payroll for one co-op of 2,000
// PAs and 6,000 members (joined on 1 October, so October is its first
// month; each member employing one PA, each PA supporting
// three; one shift per employment, so the build stays minutes, not hours:
// the payroll's requests and states depend on the PAs, not on how many
// shifts they worked): the dispatch on the due day, then the deployed
// definition run in this process. It reports the largest state's input or
// output (Step Functions allows 256 KB; the target is 64 KB), DynamoDB
// requests per payslip and the transitions.
func BenchmarkPayrollLargeCoop(b *testing.B) {
	ctx := context.Background()
	pas := largePAs()
	for range b.N {
		b.StopTimer()
		m := meter.New()
		db, err := dynamolocal.Start(ctx, "large", m.Option)
		if err != nil {
			b.Fatal(err)
		}
		c, err := synth.Build(ctx, db.Client, db.Table, synth.Spec{
			Coop: "large", PAs: pas, Members: 3 * pas, Created: time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC),
			Settings: synth.MonthSettings, Light: []string{synth.Month}, Now: synth.MonthNow,
		})
		if err != nil {
			b.Fatal(err)
		}
		store := dynamo.New(db.Client, db.Table)
		r := &payrun.Runner{Store: store, Pools: store, Now: func() time.Time { return synth.MonthNow }, Log: synth.Quiet}
		m.Reset()
		b.StartTimer()
		start := time.Now()
		j := &synth.Jobs{}
		if _, err := (daily.Work{Runs: store, Starter: j}).Dispatch(ctx, store, synth.MonthNow); err != nil || len(j.List) != 1 {
			b.Fatalf("dispatch: %v %+v", err, j.List)
		}
		ex, err := synth.Run(ctx, statemachine.Payroll, map[string]any{"job": j.List[0]}, r)
		if err == nil && ex.Failed != "" {
			run, _ := store.Run(ctx, c.ID, synth.Month)
			err = fmt.Errorf("failed: %s: %s", ex.Failed, run.Error)
		}
		elapsed := time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		counts := m.Reset()
		run, err := store.Run(ctx, c.ID, synth.Month)
		if err != nil || run.Status != dpcoop.RunFinal || run.Totals.Payslips != pas {
			b.Fatalf("%s, %d payslips of %d: %v", run.Status, run.Totals.Payslips, pas, err)
		}
		slips := float64(run.Totals.Payslips)
		b.ReportMetric(slips, "payslips")
		b.ReportMetric(float64(ex.Largest)/1024, "largest-state-kb")
		b.ReportMetric(float64(counts.Requests)/slips, "ddb-req/payslip")
		b.ReportMetric(float64(ex.States), "transitions")
		b.ReportMetric(float64(ex.Tasks), "lambda-invokes")
		b.ReportMetric(float64(elapsed.Milliseconds()), "ms")
		b.Logf("pas=%d members=%d: %d payslips, largest state %d B, requests %s", pas, 3*pas, run.Totals.Payslips, ex.Largest, counts.Ops())
		if ex.Largest > 64*1024 {
			b.Fatalf("largest state %d bytes, over 64 KB", ex.Largest)
		}
		db.Close()
	}
}
