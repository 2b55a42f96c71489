package local_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/meter"
	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/infra/statemachine"
	"github.com/dpcoop/dpcoop/internal/daily"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// stepLog counts the payroll task handler's log lines: one "payroll step"
// (or "payroll step failed") per Task state entered.
type stepLog struct {
	mu    sync.Mutex
	tasks int
	buf   []byte
}

func (l *stepLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	for {
		i := bytes.IndexByte(l.buf, '\n')
		if i < 0 {
			break
		}
		if bytes.Contains(l.buf[:i], []byte(`"msg":"payroll step`)) {
			l.tasks++
		}
		l.buf = l.buf[i+1:]
	}
	return len(p), nil
}

func workflowCoops() []int { return synth.CoopCounts("DPCOOP_BENCH_WORKFLOW_COOPS", "1,2,4") }

// BenchmarkPayrollMonthWorkflow runs the synthetic service's month (see
// synth.MonthTemplate) through the local stack as make dev runs it: the daily
// dispatch starts one execution per co-op, each executed by
// aws-local-stepfunctions under Node 22 with its Task states calling the
// stack's payroll task handler over HTTP. Each op is a whole month; the
// DynamoDB requests are counted on the task handler's client, the Task
// states from its log, transitions from the definition's shape (the local
// runner does not report them).
func BenchmarkPayrollMonthWorkflow(b *testing.B) {
	for _, n := range workflowCoops() {
		b.Run(fmt.Sprintf("coops=%d", n), func(b *testing.B) { benchWorkflowMonth(b, n) })
	}
}

func benchWorkflowMonth(b *testing.B, coops int) {
	ctx := context.Background()
	tmpl, err := synth.MonthTemplate()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var elapsed time.Duration
	var counts meter.Counts
	var tasks, payslips int
	for range b.N {
		b.StopTimer()
		log := &stepLog{}
		stack, err := local.Start(ctx, inSharedDB(b, local.Options{DataDir: b.TempDir(), Log: log, Now: func() time.Time { return synth.MonthNow }, RetryMS: "5"}))
		if err != nil {
			b.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		go stack.Serve(ln)
		for k := range coops {
			if err := tmpl.CopyAs(ctx, stack.DB.Client, stack.DB.Table, synth.CoopName(k)); err != nil {
				b.Fatal(err)
			}
		}
		m := meter.New()
		store := dynamo.New(dynamolocal.NewClient(stack.DB.URL, m.Option), stack.DB.Table)
		stack.Runner.Store, stack.Runner.Pools = store, store
		log.tasks = 0
		m.Reset()
		b.StartTimer()
		start := time.Now()
		done, err := daily.Work{Runs: store, Starter: stack.Workflows}.Dispatch(ctx, store, synth.MonthNow)
		if err != nil {
			b.Fatal(err)
		}
		stack.Workflows.Wait()
		elapsed = time.Since(start)
		b.StopTimer()
		counts = m.Reset()
		tasks, payslips = log.tasks, 0
		if len(done.Started) != coops {
			b.Fatalf("dispatch started %d runs, want %d", len(done.Started), coops)
		}
		for _, job := range done.Started {
			run, err := stack.Store.Run(ctx, job.Coop, job.Month)
			if err != nil || run.Status != dpcoop.RunFinal {
				b.Fatalf("%s: %+v %v", job.Coop, run, err)
			}
			payslips += run.Totals.Payslips
		}
		stack.Close()
		b.StartTimer()
	}
	shape, err := synth.Transitions(statemachine.Payroll, (payslips/coops+payrun.BatchSize-1)/payrun.BatchSize, synth.Prefer(map[string]string{"PostedFinal": "Submit"}))
	if err != nil {
		b.Fatal(err)
	}
	slips := float64(payslips)
	b.ReportMetric(slips, "payslips")
	b.ReportMetric(float64(counts.Requests)/slips, "ddb-req/payslip")
	b.ReportMetric(float64(counts.Writes)/slips, "ddb-writes/payslip")
	b.ReportMetric(float64(tasks)/float64(coops), "lambda-invokes/coop")
	b.ReportMetric(float64(shape), "shape-transitions/coop")
	b.ReportMetric(float64(elapsed.Milliseconds())/float64(coops), "ms/coop")
	b.Logf("coops=%d month %v: %d payslips, %d Task states; requests %s", coops, elapsed.Round(time.Millisecond), payslips, tasks, counts.Ops())
}
