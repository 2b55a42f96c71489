package payrun_test

import (
	"context"
	"fmt"
	"sync"
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

var (
	monthNow = synth.MonthNow
	quiet    = synth.Quiet
)

// coopCounts is the doubling series of co-ops a month is run for; override
// with DPCOOP_BENCH_COOPS=1,2,4,8,16. The series stays small enough for
// make bench on this machine.
func coopCounts() []int { return synth.CoopCounts("DPCOOP_BENCH_COOPS", "1,2,4,8") }

// BenchmarkPayrollMonth runs a month of payroll for a synthetic hosted
// service: the daily dispatch on the due day, then every co-op's execution
// of the payroll state machine (the definition the stack deploys, run in this
// process by synth.Run calling the payroll task handler, four executions at
// once), against embedded DynamoDB. Each op is a whole month. The
// units/... run repeats it once with the meter probing item sizes to
// estimate request units (its time is not meaningful).
func BenchmarkPayrollMonth(b *testing.B) {
	for _, n := range coopCounts() {
		b.Run(fmt.Sprintf("coops=%d", n), func(b *testing.B) { benchMonth(b, n, false) })
	}
	b.Run("units/coops=1", func(b *testing.B) { benchMonth(b, 1, true) })
}

func benchMonth(b *testing.B, coops int, probe bool) {
	ctx := context.Background()
	tmpl, err := synth.MonthTemplate()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var last monthResult
	for range b.N {
		b.StopTimer()
		m := meter.New()
		db, err := dynamolocal.Start(ctx, "bench", m.Option)
		if err != nil {
			b.Fatal(err)
		}
		for k := range coops {
			if err := tmpl.CopyAs(ctx, db.Client, db.Table, synth.CoopName(k)); err != nil {
				b.Fatal(err)
			}
		}
		store := dynamo.New(db.Client, db.Table)
		if probe {
			m.Probe(dynamolocal.NewClient(db.URL), db.Table)
		}
		m.Reset()
		b.StartTimer()
		res, err := runMonth(ctx, store, m, coops)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		// An ordinary later day: the dispatch only looks.
		m.Reset()
		j := &synth.Jobs{}
		if _, err := (daily.Work{Runs: store, Starter: j}).Dispatch(ctx, store, monthNow.AddDate(0, 0, 10)); err != nil || len(j.List) != 0 {
			b.Fatalf("a later dispatch: %v %v", err, j.List)
		}
		res.dailyDispatch = m.Reset()
		after, err := synth.Snapshot(ctx, db.Client, db.Table, synth.CoopName(0))
		if err != nil {
			b.Fatal(err)
		}
		res.storedBefore, res.storedAfter = tmpl.StoredBytes(), after.StoredBytes()
		db.Close()
		last = res
		b.StartTimer()
	}
	last.report(b, coops, probe)
}

type monthResult struct {
	elapsed       time.Duration
	dispatch      meter.Counts
	runs          meter.Counts
	dailyDispatch meter.Counts
	payslips      int
	states, tasks int
	shape         int
	// bytes one co-op's items occupy (indexes included) before and after
	storedBefore, storedAfter int
}

// runMonth dispatches on the due day and runs every execution started.
func runMonth(ctx context.Context, store *dynamo.Store, m *meter.Meter, coops int) (monthResult, error) {
	var res monthResult
	start := time.Now()
	j := &synth.Jobs{}
	if _, err := (daily.Work{Runs: store, Starter: j}).Dispatch(ctx, store, monthNow); err != nil {
		return res, err
	}
	if len(j.List) != coops {
		return res, fmt.Errorf("dispatch started %d runs, want %d", len(j.List), coops)
	}
	res.dispatch = m.Reset()
	r := &payrun.Runner{Store: store, Pools: store, Now: func() time.Time { return monthNow }, Log: quiet}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	errs := make(chan error, len(j.List))
	for _, job := range j.List {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			ex, err := synth.Run(ctx, statemachine.Payroll, map[string]any{"job": job}, r)
			if err == nil && ex.Failed != "" {
				err = fmt.Errorf("%s failed: %s", job.Execution, ex.Failed)
			}
			if err != nil {
				errs <- err
				return
			}
			mu.Lock()
			res.states += ex.States
			res.tasks += ex.Tasks
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		return res, err
	}
	res.elapsed = time.Since(start)
	res.runs = m.Reset()
	for _, job := range j.List {
		run, err := store.Run(ctx, job.Coop, job.Month)
		if err != nil {
			return res, err
		}
		if run.Status != dpcoop.RunFinal {
			return res, fmt.Errorf("%s: run %s", job.Coop, run.Status)
		}
		res.payslips += run.Totals.Payslips
	}
	if res.payslips == 0 {
		return res, fmt.Errorf("no payslips")
	}
	var err error
	batches := (res.payslips/coops + payrun.BatchSize - 1) / payrun.BatchSize
	res.shape, err = synth.Transitions(statemachine.Payroll, batches,
		synth.Prefer(map[string]string{"PostedFinal": "Submit"}))
	if err == nil && res.states != res.shape*coops {
		err = fmt.Errorf("the executions entered %d states, the definition's shape says %d a co-op", res.states, res.shape)
	}
	return res, err
}

func (res monthResult) report(b *testing.B, coops int, probe bool) {
	total := res.dispatch.Add(res.runs)
	slips := float64(res.payslips)
	b.ReportMetric(slips, "payslips")
	b.ReportMetric(float64(total.Requests)/slips, "ddb-req/payslip")
	b.ReportMetric(float64(total.Writes)/slips, "ddb-writes/payslip")
	b.ReportMetric(float64(total.Reads)/slips, "ddb-reads/payslip")
	b.ReportMetric(float64(total.TxItems)/slips, "tx-items/payslip")
	b.ReportMetric(float64(res.dispatch.Requests)/float64(coops), "dispatch-req/coop")
	b.ReportMetric(float64(res.dailyDispatch.Requests)/float64(coops), "daily-dispatch-req/coop")
	b.ReportMetric(float64(res.states)/float64(coops), "transitions/coop")
	b.ReportMetric(float64(res.shape), "shape-transitions/coop")
	b.ReportMetric(float64(res.tasks)/float64(coops), "lambda-invokes/coop")
	b.ReportMetric(float64(res.elapsed.Milliseconds())/float64(coops), "ms/coop")
	b.ReportMetric(float64(res.storedAfter)/1024, "stored-kb/coop")
	b.ReportMetric(float64(res.storedAfter-res.storedBefore)/1024, "month-kb/coop")
	if probe {
		b.ReportMetric(total.RRU/slips, "rru/payslip")
		b.ReportMetric(total.WRU/slips, "wru/payslip")
	}
	b.Logf("coops=%d month %v: %d payslips; requests %s; daily dispatch %s", coops, res.elapsed.Round(time.Millisecond), res.payslips, total.Ops(), res.dailyDispatch.Ops())
}
