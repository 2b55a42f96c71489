package payrun

import (
	"context"
	"fmt"
	"hash/fnv"
	"log/slog"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TaskInput is what every Task state sends: the step and its arguments.
type TaskInput struct {
	Step string `json:"step"`
	Job  Job    `json:"job"`
	// Batch is the number of the batch a calculate step pays.
	Batch *int        `json:"batch,omitempty"`
	Error *StateError `json:"error,omitempty"`
}

// StateError is what a Catch puts in the state: the error's name and cause.
type StateError struct {
	Error string `json:"Error"`
	Cause string `json:"Cause"`
}

// Posted is the post step's answer: whether it finalised the run.
type Posted struct {
	Final bool `json:"final"`
}

// Handle is the payroll task function: one Lambda serves every step, so the
// state machine, its retries and its IAM stay simple.
func (r *Runner) Handle(ctx context.Context, in TaskInput) (any, error) {
	start := time.Now()
	out, err := r.step(ctx, in)
	// Whatever step a passing failure of the database reaches the state
	// machine from, its Retry sees it as one.
	err = classify(err)
	job := in.Job
	attrs := []slog.Attr{slog.String("coop", string(job.Coop)), slog.String("month", job.Month),
		slog.Int("attempt", job.Attempt), slog.String("state", in.Step), slog.Int64("duration_ms", time.Since(start).Milliseconds())}
	if in.Batch != nil {
		attrs = append(attrs, slog.Int("batch", *in.Batch))
	}
	log := r.Log
	if log == nil {
		log = slog.Default()
	}
	if err != nil {
		log.LogAttrs(ctx, slog.LevelError, "payroll step failed", append(attrs, slog.String("error", err.Error()))...)
	} else {
		log.LogAttrs(ctx, slog.LevelInfo, "payroll step", attrs...)
	}
	return out, err
}

func (r *Runner) step(ctx context.Context, in TaskInput) (any, error) {
	switch in.Step {
	case "start":
		return r.Start(ctx, in.Job)
	case "calculate":
		if in.Batch == nil {
			return nil, fmt.Errorf("calculate: no batch")
		}
		return r.CalculateBatch(ctx, in.Job, *in.Batch)
	case "post":
		final, err := r.Post(ctx, in.Job)
		return Posted{Final: final}, err
	case "submit":
		if r.Filer == nil {
			return map[string]string{"status": "not_filed"}, nil
		}
		return map[string]string{"status": "filed"}, classify(r.Filer.File(ctx, in.Job.Coop, in.Job.Month))
	case "submit_failed":
		cause := "unknown"
		if in.Error != nil {
			cause = in.Error.Error
		}
		if r.Filer == nil {
			return nil, nil
		}
		return map[string]string{"status": "filing_failed"}, classify(r.Filer.Failed(ctx, in.Job.Coop, in.Job.Month, cause))
	case "pool":
		return map[string]string{"status": "pooled"}, r.Pool(ctx, in.Job.Coop, in.Job.Month)
	case "fail":
		reason := "unknown"
		if in.Error != nil {
			reason = in.Error.Error
		}
		return map[string]string{"status": "failed"}, r.Fail(ctx, in.Job, reason)
	}
	return nil, fmt.Errorf("payroll task: unknown step %q", in.Step)
}

// Starter starts a run attempt's state machine execution; starting one that
// already exists is not an error (Step Functions keeps names for 90 days).
type Starter interface {
	StartRun(ctx context.Context, job Job) error
}

// RunReader reads a month's run.
type RunReader interface {
	Run(ctx context.Context, coop dpcoop.CoopID, month string) (dpcoop.Run, error)
}

// CoopLister lists every co-op, a page at a time.
type CoopLister interface {
	Coops(ctx context.Context, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Coop], error)
}

// MonthRuns reads several months' runs of a co-op together; a month with
// no run is missing from the answer.
type MonthRuns interface {
	MonthRuns(ctx context.Context, coop dpcoop.CoopID, months []string) (map[string]dpcoop.Run, error)
}

// ScheduleEvent is what the daily schedule sends the dispatch function.
type ScheduleEvent struct {
	Source string `json:"source"`
	Task   string `json:"task"`
}

// Dispatched is what starting co-ops' due runs did: the runs it started,
// and how many co-ops' recent months are still not final on or after their
// pay day (the operators' alarm).
type Dispatched struct {
	Started []Job `json:"started"`
	Overdue int   `json:"overdue"`
}

// Due is the message the daily dispatch queues for each co-op, once a day:
// the co-op, and nothing about its members.
type Due struct {
	Coop dpcoop.CoopID `json:"coop"`
}

// MaxStartDelay bounds how long a co-op's start waits after the dispatch
// (SQS delays a message at most 15 minutes).
const MaxStartDelay = 15 * time.Minute

// StartDelay is how long after the dispatch a co-op's runs start: the same
// every day for a co-op, spread evenly over MaxStartDelay across co-ops, so
// the co-ops that share a pay day do not all start in the same second.
func StartDelay(c dpcoop.CoopID) time.Duration {
	h := fnv.New32a()
	_, _ = h.Write([]byte(c))
	return time.Duration(h.Sum32()%uint32(MaxStartDelay/time.Second)) * time.Second
}

// Fanout is the daily dispatch: it lists every co-op a page at a time and
// hands every one to send (the queue), without reading any run: each
// co-op's day (its due runs started by StartDue, its reminders told) is
// done one co-op at a time wherever the queue delivers it (internal/daily).
// It returns how many co-ops it handed on.
func Fanout(ctx context.Context, coops CoopLister, send func(context.Context, []dpcoop.Coop) error) (int, error) {
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	sent := 0
	for {
		res, err := coops.Coops(ctx, page)
		if err != nil {
			return sent, classify(err)
		}
		if len(res.Items) > 0 {
			if err := send(ctx, res.Items); err != nil {
				return sent, classify(err)
			}
			sent += len(res.Items)
		}
		if res.Next == "" {
			return sent, nil
		}
		page.Cursor = res.Next
	}
}

// dueMonths are the recent months whose run may be due today, the older
// first: on or after each one's due day, and not ended before the co-op
// joined.
func dueMonths(c dpcoop.Coop, today dpcoop.Date) []string {
	settings := c.PayrollSettings()
	var out []string
	for _, back := range []int{2, 1} {
		first := today.Time().AddDate(0, -back, 1-today.Time().Day())
		month := first.Format(dpcoop.MonthLayout)
		if today.Before(settings.DueOn(month)) || !c.Created.Before(first.AddDate(0, 1, 0)) {
			continue
		}
		out = append(out, month)
	}
	return out
}

// StartDue starts one co-op's due runs, the older month first (a later month
// waits until the older is final): the queue's consumer calls it for each
// co-op the dispatch queued. Starting again is harmless, as executions are
// named by their run. A failure names the co-op. The due months' runs are
// read together.
func StartDue(ctx context.Context, runs MonthRuns, starter Starter, c dpcoop.Coop, now time.Time) (Dispatched, error) {
	today := dpcoop.DateOf(now)
	settings := c.PayrollSettings()
	out := Dispatched{Started: []Job{}}
	due := dueMonths(c, today)
	if len(due) == 0 {
		return out, nil
	}
	stored, err := runs.MonthRuns(ctx, c.ID, due)
	if err != nil {
		return out, fmt.Errorf("co-op %s: %w", c.ID, err)
	}
	for _, month := range due {
		run, found := stored[month]
		if run.Status != dpcoop.RunFinal && !today.Before(settings.PayDate(month)) {
			out.Overdue++
		}
		job, due := next(run, found, c.ID, month, settings.AutoFinalise)
		if due {
			if err := starter.StartRun(ctx, job); err != nil {
				return out, fmt.Errorf("co-op %s: %w", c.ID, err)
			}
			out.Started = append(out.Started, job)
		}
		if found && run.Status != dpcoop.RunFinal {
			return out, nil // a run of the older month is under way, failed or waiting
		}
	}
	return out, nil
}

// Next is the attempt that would start the month's run now: the first if there
// is none, the next after a failure; not due while one is running, waiting
// for an admin, or final.
func Next(ctx context.Context, runs RunReader, coop dpcoop.CoopID, month string) (Job, bool, error) {
	run, err := runs.Run(ctx, coop, month)
	if err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return Job{}, false, err
	}
	job, due := next(run, err == nil, coop, month, false)
	return job, due, nil
}

// next decides from a read of the run (found: whether there is one) whether
// an attempt is due, and which. A co-op that finalises automatically has a
// preview calculated again when due, so what becomes final is never stale.
func next(run dpcoop.Run, found bool, coop dpcoop.CoopID, month string, recalculate bool) (Job, bool) {
	attempt := 1
	switch {
	case !found: // no run yet
	case run.Status == dpcoop.RunFailed, recalculate && run.Status == dpcoop.RunPreview:
		attempt = run.Attempt + 1
	default:
		return Job{}, false
	}
	return Job{Coop: coop, Month: month, Attempt: attempt, Execution: dpcoop.ExecutionName(coop, month, attempt)}, true
}

// Records is what the payroll API reads and writes besides a run's steps.
type Records interface {
	Store
	PoolStore
	MonthRuns
	PayslipsOfPA(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Payslip, error)
	SetPayrollSettings(ctx context.Context, coop dpcoop.CoopID, s dpcoop.PayrollSettings) error
}
