package payrun_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/meter"
	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/infra/statemachine"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/embedded"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// The synthetic hosted service: co-ops of 30 members and 10 PAs, each PA
// working about 27 hours a week for three members (about 300 approved shifts
// a co-op in October 2026); every co-op pays on the 5th with 3 days' lead
// and finalises automatically, charging a £5 fee per member. The daily
// dispatch runs on 3 November 2026, when October is due.
var (
	monthNow     = time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	monthJob     = "2026-10"
	benchSetting = dpcoop.PayrollSettings{
		PayDay: 5, LeadDays: 3, AutoFinalise: true, FeePerMemberPence: 500,
		PensionEmployerBP: 300, PensionEmployeeBP: 500, PensionRelief: "relief_at_source", Holiday: "accrued", MileagePence: 45,
	}
	templateOnce sync.Once
	template     synth.Template
	templateErr  error
)

// monthTemplate builds one co-op in a scratch table, with a light
// September already paid (its run final, the PAs' year to date moved on) so
// the dispatch reads two months per co-op as it does in a steady month, and
// keeps its items to copy.
func monthTemplate() (synth.Template, error) {
	templateOnce.Do(func() {
		ctx := context.Background()
		db, err := embedded.Start(ctx, "template", nil)
		if err != nil {
			templateErr = err
			return
		}
		defer db.Close()
		store := dynamo.New(db.Client, db.Table)
		const id = "synth-template"
		if _, err = synth.Build(ctx, store, synth.Spec{
			Coop: id, Created: time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC), Settings: benchSetting,
			From: "2026-10-01", To: "2026-11-01", Light: []string{"2026-09"}, Now: monthNow,
		}); err != nil {
			templateErr = err
			return
		}
		r := &payrun.Runner{Store: store, Pools: store, Now: func() time.Time { return time.Date(2026, 10, 3, 9, 0, 0, 0, time.UTC) }, Log: quiet}
		job := payrun.Job{Coop: id, Month: "2026-09", Attempt: 1, Execution: dpcoop.ExecutionName(id, "2026-09", 1)}
		if ex, err := synth.Run(ctx, statemachine.Payroll, map[string]any{"job": job}, r); err != nil || ex.Failed != "" {
			templateErr = fmt.Errorf("september: %v %s %v", err, ex.Failed, ex.Output)
			return
		}
		template, templateErr = synth.Snapshot(ctx, db.Client, db.Table, id)
	})
	return template, templateErr
}

var quiet = slog.New(slog.NewJSONHandler(io.Discard, nil))

// coopCounts is the doubling series of co-ops a month is run for; override
// with DPCOOP_BENCH_COOPS=5,10,20,40.
func coopCounts() []int {
	spec := os.Getenv("DPCOOP_BENCH_COOPS")
	if spec == "" {
		spec = "5,10,20,40"
	}
	var out []int
	for _, f := range strings.Split(spec, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

// jobs collects the runs a dispatch starts, standing in for Step Functions.
type jobs struct {
	mu   sync.Mutex
	list []payrun.Job
}

func (j *jobs) StartRun(_ context.Context, job payrun.Job) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.list = append(j.list, job)
	return nil
}

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
	b.Run("units/coops=2", func(b *testing.B) { benchMonth(b, 2, true) })
}

func benchMonth(b *testing.B, coops int, probe bool) {
	ctx := context.Background()
	tmpl, err := monthTemplate()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var last monthResult
	for range b.N {
		b.StopTimer()
		m := meter.New()
		db, err := embedded.Start(ctx, "bench", nil, m.Option)
		if err != nil {
			b.Fatal(err)
		}
		for k := range coops {
			if err := tmpl.CopyAs(ctx, db.Client, db.Table, dpcoop.CoopID(fmt.Sprintf("coop-%04d", k))); err != nil {
				b.Fatal(err)
			}
		}
		store := dynamo.New(db.Client, db.Table)
		if probe {
			m.Probe(embedded.NewClient(db.URL), db.Table)
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
		j := &jobs{}
		if _, err := payrun.Dispatch(ctx, store, j, monthNow.AddDate(0, 0, 10)); err != nil || len(j.list) != 0 {
			b.Fatalf("a later dispatch: %v %v", err, j.list)
		}
		res.dailyDispatch = m.Reset()
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
}

// runMonth dispatches on the due day and runs every execution started.
func runMonth(ctx context.Context, store *dynamo.Store, m *meter.Meter, coops int) (monthResult, error) {
	var res monthResult
	start := time.Now()
	j := &jobs{}
	if _, err := payrun.Dispatch(ctx, store, j, monthNow); err != nil {
		return res, err
	}
	if len(j.list) != coops {
		return res, fmt.Errorf("dispatch started %d runs, want %d", len(j.list), coops)
	}
	res.dispatch = m.Reset()
	r := &payrun.Runner{Store: store, Pools: store, Now: func() time.Time { return monthNow }, Log: quiet}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	errs := make(chan error, len(j.list))
	for _, job := range j.list {
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
	for _, job := range j.list {
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
	res.shape, err = synth.Transitions(statemachine.Payroll, res.payslips/coops,
		synth.Prefer(map[string]string{"FinaliseNow": "Finalise"}))
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
	if probe {
		b.ReportMetric(total.RRU/slips, "rru/payslip")
		b.ReportMetric(total.WRU/slips, "wru/payslip")
	}
	b.Logf("coops=%d month %v: %d payslips; requests %s; daily dispatch %s", coops, res.elapsed.Round(time.Millisecond), res.payslips, total.Ops(), res.dailyDispatch.Ops())
}
