package payrun

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TaskInput is what every Task state sends: the step and its arguments.
type TaskInput struct {
	Step        string       `json:"step"`
	Job         Job          `json:"job"`
	Calculation *Calculation `json:"calculation,omitempty"`
	Calculated  []Calculated `json:"calculated,omitempty"`
	Error       *StateError  `json:"error,omitempty"`
}

// StateError is what a Catch puts in the state: the error's name and cause.
type StateError struct {
	Error string `json:"Error"`
	Cause string `json:"Cause"`
}

// Posted is the post step's answer: whether to finalise at once.
type Posted struct {
	Finalise bool `json:"finalise"`
}

// Handle is the payroll task function: one Lambda serves every step, so the
// state machine, its retries and its IAM stay simple.
func (r *Runner) Handle(ctx context.Context, in TaskInput) (any, error) {
	start := time.Now()
	out, err := r.step(ctx, in)
	job := in.Job
	if in.Calculation != nil {
		job = in.Calculation.Job
	}
	attrs := []slog.Attr{slog.String("coop", string(job.Coop)), slog.String("month", job.Month),
		slog.Int("attempt", job.Attempt), slog.String("state", in.Step), slog.Int64("duration_ms", time.Since(start).Milliseconds())}
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
		if in.Calculation == nil {
			return nil, fmt.Errorf("calculate: no calculation")
		}
		return r.Calculate(ctx, *in.Calculation)
	case "post":
		finalise, err := r.Post(ctx, in.Job, in.Calculated)
		return Posted{Finalise: finalise}, err
	case "finalise":
		run, err := r.Finalise(ctx, in.Job.Coop, in.Job.Month, "auto")
		if err != nil {
			return nil, err
		}
		return map[string]string{"status": string(run.Status)}, nil
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

// Runs is what the dispatch reads: every co-op, and their runs.
type Runs interface {
	RunReader
	Coops(ctx context.Context, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Coop], error)
}

// ScheduleEvent is what the daily schedule sends the dispatch function.
type ScheduleEvent struct {
	Source string `json:"source"`
	Task   string `json:"task"`
}

// Dispatched is what a dispatch did: the runs it started, and how many
// co-ops' recent months are still not final on or after their pay day (the
// operators' alarm).
type Dispatched struct {
	Started []Job `json:"started"`
	Overdue int   `json:"overdue"`
}

// Dispatch finds the co-ops whose payroll is due today, or whose run for a
// recent month failed, and starts one execution each. A co-op whose run
// could not be read or started never stops the others: every co-op is
// tried, and the failures are returned together at the end (so the
// schedule's retry and dead-letter queue see them; starting again is
// harmless, as executions are named by their run).
func Dispatch(ctx context.Context, runs Runs, starter Starter, now time.Time) (Dispatched, error) {
	today := dpcoop.DateOf(now)
	out := Dispatched{Started: []Job{}}
	var failed []error
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		res, err := runs.Coops(ctx, page)
		if err != nil {
			return out, classify(errors.Join(append(failed, err)...))
		}
		for _, c := range res.Items {
			if err := dispatchCoop(ctx, runs, starter, c, today, &out); err != nil {
				failed = append(failed, fmt.Errorf("co-op %s: %w", c.ID, err))
			}
		}
		if res.Next == "" {
			return out, classify(errors.Join(failed...))
		}
		page.Cursor = res.Next
	}
}

// dispatchCoop starts the co-op's due runs, the older month first: a later
// month waits until it is final.
func dispatchCoop(ctx context.Context, runs Runs, starter Starter, c dpcoop.Coop, today dpcoop.Date, out *Dispatched) error {
	settings := c.PayrollSettings()
	for _, back := range []int{2, 1} {
		first := today.Time().AddDate(0, -back, 1-today.Time().Day())
		month := first.Format(dpcoop.MonthLayout)
		if today.Before(settings.DueOn(month)) || !c.Created.Before(first.AddDate(0, 1, 0)) {
			continue // not due yet, or the month ended before the co-op joined
		}
		run, err := runs.Run(ctx, c.ID, month)
		if err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound) {
			return err
		}
		if run.Status != dpcoop.RunFinal && !today.Before(settings.PayDate(month)) {
			out.Overdue++
		}
		job, due := next(run, err, c.ID, month, settings.AutoFinalise)
		if due {
			if err := starter.StartRun(ctx, job); err != nil {
				return err
			}
			out.Started = append(out.Started, job)
		}
		if err == nil && run.Status != dpcoop.RunFinal {
			return nil // a run of the older month is under way, failed or waiting
		}
	}
	return nil
}

// Next is the attempt that would start the month's run now: the first if there
// is none, the next after a failure; not due while one is running, waiting
// for an admin, or final.
func Next(ctx context.Context, runs RunReader, coop dpcoop.CoopID, month string) (Job, bool, error) {
	run, err := runs.Run(ctx, coop, month)
	if err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return Job{}, false, err
	}
	job, due := next(run, err, coop, month, false)
	return job, due, nil
}

// next decides from a read of the run (err: its absence) whether an attempt
// is due, and which. A co-op that finalises automatically has a preview
// calculated again when due, so what becomes final is never stale.
func next(run dpcoop.Run, err error, coop dpcoop.CoopID, month string, recalculate bool) (Job, bool) {
	attempt := 1
	switch {
	case err != nil: // no run yet
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
	PayslipsOfPA(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Payslip, error)
	SetPayrollSettings(ctx context.Context, coop dpcoop.CoopID, s dpcoop.PayrollSettings) error
}
