package synth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dpcoop/dpcoop/infra/statemachine"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// The synthetic hosted service's month: co-ops of 30 members and 10 PAs,
// each PA working about 27 hours a week for three members (about 300
// approved shifts a co-op in October 2026); every co-op pays on the 5th with
// 3 days' lead and finalises automatically, charging a £5 fee per member.
// The daily dispatch runs on 3 November 2026, when October is due.
var (
	MonthNow      = time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	Month         = "2026-10"
	MonthSettings = dpcoop.PayrollSettings{
		PayDay: 5, LeadDays: 3, AutoFinalise: true, FeePerMemberPence: 500,
		PensionEmployerBP: 300, PensionEmployeeBP: 500, PensionRelief: "relief_at_source", Holiday: "accrued", MileagePence: 45,
	}
	monthOnce sync.Once
	monthTmpl Template
	monthErr  error
)

// Quiet logs as the functions do (JSON), to nowhere.
var Quiet = slog.New(slog.NewJSONHandler(io.Discard, nil))

// MonthTemplate is one co-op of the synthetic service, built once in a
// scratch table: joined in August, a light September already paid (its run
// final, the PAs' year to date moved on, so the dispatch reads two months
// per co-op as in any steady month) and October's shifts approved, not yet
// paid. Copy it under as many names as the service should have co-ops.
func MonthTemplate() (Template, error) {
	monthOnce.Do(func() {
		ctx := context.Background()
		db, err := dynamolocal.Start(ctx, "template")
		if err != nil {
			monthErr = err
			return
		}
		defer db.Close()
		const id = "synth-template"
		if _, err = Build(ctx, db.Client, db.Table, Spec{
			Coop: id, Created: time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC), Settings: MonthSettings,
			From: "2026-10-01", To: "2026-11-01", Light: []string{"2026-09"}, Now: MonthNow,
		}); err != nil {
			monthErr = err
			return
		}
		store := dynamo.New(db.Client, db.Table)
		r := &payrun.Runner{Store: store, Pools: store, Now: func() time.Time { return time.Date(2026, 10, 3, 9, 0, 0, 0, time.UTC) }, Log: Quiet}
		job := payrun.Job{Coop: id, Month: "2026-09", Attempt: 1, Execution: dpcoop.ExecutionName(id, "2026-09", 1)}
		if ex, err := Run(ctx, statemachine.Payroll, map[string]any{"job": job}, r); err != nil || ex.Failed != "" {
			monthErr = fmt.Errorf("september: %v %s %v", err, ex.Failed, ex.Output)
			return
		}
		monthTmpl, monthErr = Snapshot(ctx, db.Client, db.Table, id)
	})
	return monthTmpl, monthErr
}

// CoopName is the k-th co-op of the synthetic service.
func CoopName(k int) dpcoop.CoopID { return dpcoop.CoopID(fmt.Sprintf("coop-%04d", k)) }

// Jobs collects the runs a dispatch starts, standing in for Step Functions.
type Jobs struct {
	mu   sync.Mutex
	List []payrun.Job
	// Refuse is a co-op whose runs Step Functions refuses (the dispatch's
	// tests of one co-op's failure).
	Refuse dpcoop.CoopID
}

// StartRun records the job, or refuses it.
func (j *Jobs) StartRun(_ context.Context, job payrun.Job) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if job.Coop == j.Refuse && j.Refuse != "" {
		return errors.New("throttled")
	}
	j.List = append(j.List, job)
	return nil
}

// CoopCounts reads a series of co-op counts ("1,2,4") from the environment
// variable env, or def when it is unset: the benchmarks' doubling series.
func CoopCounts(env, def string) []int {
	spec := os.Getenv(env)
	if spec == "" {
		spec = def
	}
	var out []int
	for _, f := range strings.Split(spec, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}
