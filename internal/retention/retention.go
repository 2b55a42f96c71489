// Package retention is the weekly job that deletes records past the time the
// law asks them to be kept, and nothing else: payslips, six years after the
// end of their tax year plus a margin, and PAs' closed grievance,
// disciplinary and dispute cases (docs/cases.md). The rules and their legal
// reasons are in internal/dpcoop/retention.go; the store decides item by item
// (dynamo.Store.PurgeExpiredPayslips).
package retention

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/metrics"
)

// Task is the task name the weekly schedule's event carries.
const Task = "retention"

// TickInput is the event the schedule sends (events/retention-tick.json).
const TickInput = `{"source":"dpcoop.schedule","task":"retention"}`

// PayslipsDeleted is the metric of payslips the job deleted.
const PayslipsDeleted = "PayslipsDeleted"

// Event is what invokes the job: the schedule's tick, or an operator (aws
// lambda invoke) asking for a dry run first.
type Event struct {
	Source string `json:"source"`
	Task   string `json:"task"`
	// DryRun counts what would be deleted and deletes nothing.
	DryRun bool `json:"dry_run,omitempty"`
}

// Store is what the job needs: every co-op, and each one's expired payslips
// deleted.
type Store interface {
	Coops(ctx context.Context, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Coop], error)
	PurgeExpiredPayslips(ctx context.Context, coop dpcoop.CoopID, today dpcoop.Date, dryRun bool) (dpcoop.Purged, error)
	// PurgeExpiredCases deletes grievance, disciplinary and dispute cases
	// past their retention (dpcoop.Case.KeepUntil).
	PurgeExpiredCases(ctx context.Context, coop dpcoop.CoopID, today dpcoop.Date, dryRun bool) (dpcoop.Purged, error)
}

// Job is the retention job.
type Job struct {
	Store   Store
	Now     func() time.Time
	Log     *slog.Logger
	Metrics *metrics.Recorder // nil records nothing
	// PageSize is how many co-ops are read at a time (default the most a
	// page may hold).
	PageSize int
}

// Report is what one pass did, for the logs and the invoker.
type Report struct {
	Today    dpcoop.Date `json:"today"`
	DryRun   bool        `json:"dry_run"`
	Coops    int         `json:"coops"`
	Examined int         `json:"examined"`
	Deleted  int         `json:"deleted"`
	// CasesDeleted is how many PAs' cases were deleted (or would have been).
	CasesDeleted int `json:"cases_deleted"`
	// Failed names the co-ops whose pass failed; the others were done.
	Failed []dpcoop.CoopID `json:"failed,omitempty"`
}

// Handle is the Lambda entry point: it refuses any event but its own.
func (j *Job) Handle(ctx context.Context, ev Event) (Report, error) {
	if ev.Task != Task {
		return Report{}, fmt.Errorf("retention: unexpected event (task %q)", ev.Task)
	}
	return j.Run(ctx, ev.DryRun)
}

// Run goes through every co-op. A co-op that fails does not stop the others;
// the pass then returns an error (the function's error alarm), and the next
// pass, a week later, does what is left: deleting is idempotent.
func (j *Job) Run(ctx context.Context, dryRun bool) (Report, error) {
	log := j.Log
	if log == nil {
		log = slog.Default()
	}
	rep := Report{Today: dpcoop.DateOf(j.Now()), DryRun: dryRun}
	var errs []error
	page := dpcoop.PageRequest{Limit: j.PageSize}
	if page.Limit <= 0 {
		page.Limit = dpcoop.MaxPageLimit
	}
	for {
		coops, err := j.Store.Coops(ctx, page)
		if err != nil {
			errs = append(errs, fmt.Errorf("list co-ops: %w", err))
			break
		}
		for _, c := range coops.Items {
			rep.Coops++
			got, err := j.Store.PurgeExpiredPayslips(ctx, c.ID, rep.Today, dryRun)
			rep.Examined += got.Examined
			rep.Deleted += got.Deleted
			var cases dpcoop.Purged
			if err == nil {
				cases, err = j.Store.PurgeExpiredCases(ctx, c.ID, rep.Today, dryRun)
				rep.CasesDeleted += cases.Deleted
			}
			if err != nil {
				rep.Failed = append(rep.Failed, c.ID)
				errs = append(errs, fmt.Errorf("co-op %s: %w", c.ID, err))
				log.ErrorContext(ctx, "retention", slog.String("coop", string(c.ID)), slog.String("error", err.Error()))
				continue
			}
			if got.Deleted > 0 || cases.Deleted > 0 {
				log.InfoContext(ctx, "retention", slog.String("coop", string(c.ID)), slog.Int("examined", got.Examined),
					slog.Int("deleted", got.Deleted), slog.Int("cases_deleted", cases.Deleted), slog.Bool("dry_run", dryRun))
			}
		}
		if coops.Next == "" || ctx.Err() != nil {
			break
		}
		page.Cursor = coops.Next
	}
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	}
	if !dryRun {
		j.Metrics.Count(PayslipsDeleted, int64(rep.Deleted))
	}
	level := slog.LevelInfo
	if len(errs) > 0 {
		level = slog.LevelError
	}
	log.LogAttrs(ctx, level, "retention pass", slog.String("today", string(rep.Today)), slog.Bool("dry_run", dryRun),
		slog.Int("coops", rep.Coops), slog.Int("examined", rep.Examined), slog.Int("deleted", rep.Deleted), slog.Int("cases_deleted", rep.CasesDeleted), slog.Int("failed", len(rep.Failed)))
	return rep, errors.Join(errs...)
}
