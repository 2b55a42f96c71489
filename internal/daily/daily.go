// Package daily is each co-op's work of the day: its due payroll runs
// started (payrun.StartDue) and its reminders told (internal/reminders).
// Once a day the dispatch queues every co-op, one message each
// (payrun.Fanout, internal/duequeue); the queue's consumer does one co-op's
// work a message, so a co-op that fails is delivered again alone and never
// stops the others. make dev's tick and the tests do the same in one
// process (Work.Dispatch).
package daily

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payrun"
	"github.com/dpcoop/dpcoop/internal/reminders"
)

// Work is what a co-op's daily work needs.
type Work struct {
	Runs    payrun.MonthRuns
	Starter payrun.Starter
	// Reminders tells the co-op's reminders; nil tells none (the payroll
	// tests and benchmarks).
	Reminders *reminders.Job
}

// Done is what the daily work of one co-op, or of every co-op, did: the
// runs started, the co-ops overdue and the emails sent (counts and ids
// only, for the log).
type Done struct {
	payrun.Dispatched
	Emails int `json:"emails"`
}

// Add counts another co-op's work in d.
func (d *Done) Add(o Done) {
	d.Started, d.Overdue, d.Emails = append(d.Started, o.Started...), d.Overdue+o.Overdue, d.Emails+o.Emails
}

// Coop does one co-op's daily work: its due runs started, then its
// reminders told, the second tried whatever the first did. Doing it again
// (the queue delivering a message twice, or again after a failure) starts
// no run twice (executions are named by their run) and tells no one twice
// (the reminders' markers). A failure names the co-op, never a person.
func (w Work) Coop(ctx context.Context, c dpcoop.Coop, now time.Time) (Done, error) {
	started, err := payrun.StartDue(ctx, w.Runs, w.Starter, c, now)
	out := Done{Dispatched: started}
	if w.Reminders == nil {
		return out, err
	}
	sent, rerr := w.Reminders.Coop(ctx, c.ID, now)
	out.Emails = sent
	if rerr != nil {
		rerr = remindersFailed(c.ID, rerr)
	}
	return out, errors.Join(err, rerr)
}

// remindersFailed is a reminders failure as the log may keep it: the co-op
// and what failed (the domain error's operation and code), never the cause
// beneath, which from SES may quote a person's email address.
func remindersFailed(coop dpcoop.CoopID, err error) error {
	var de *dpcoop.Error
	if errors.As(err, &de) {
		return fmt.Errorf("co-op %s: reminders: %s: %s", coop, de.Op, de.Code)
	}
	return fmt.Errorf("co-op %s: reminders failed", coop)
}

// Dispatch is the day's work in one process (make dev's tick, the tests and
// the payroll benchmarks): payrun.Fanout, with each co-op's work done at
// once. A co-op that fails never stops the others: every co-op is tried,
// and the failures are returned together at the end.
func (w Work) Dispatch(ctx context.Context, coops payrun.CoopLister, now time.Time) (Done, error) {
	out := Done{Dispatched: payrun.Dispatched{Started: []payrun.Job{}}}
	var failed []error
	_, err := payrun.Fanout(ctx, coops, func(ctx context.Context, cs []dpcoop.Coop) error {
		for _, c := range cs {
			done, err := w.Coop(ctx, c, now)
			out.Add(done)
			if err != nil {
				failed = append(failed, err)
			}
		}
		return nil
	})
	return out, errors.Join(append(failed, err)...)
}
