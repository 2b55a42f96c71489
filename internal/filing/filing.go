// Package filing reports each final payroll run to HMRC in Real Time
// Information: it works out which documents the run owes (the FPS, and an
// EPS where one is due), keeps each as a dpcoop.Submission, sends it with
// internal/rti's client and records every step, so that a retry or a re-run
// never sends a document twice. The payroll state machine's Submit step
// calls Filer; people call Service.
package filing

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/rti"
)

// Store is what filing reads and writes.
type Store interface {
	Coop(ctx context.Context, id dpcoop.CoopID) (dpcoop.Coop, error)
	Run(ctx context.Context, coop dpcoop.CoopID, month string) (dpcoop.Run, error)
	Payslips(ctx context.Context, coop dpcoop.CoopID, month string) ([]dpcoop.Payslip, error)
	PayslipsOfPA(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Payslip, error)
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	PayHistory(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.PayHistory, error)
	// QueueSubmission records a document unless the month has one of its
	// kind, and returns the one stored.
	QueueSubmission(ctx context.Context, coop dpcoop.CoopID, s dpcoop.Submission) (dpcoop.Submission, error)
	Submission(ctx context.Context, coop dpcoop.CoopID, month string, kind dpcoop.SubmissionKind) (dpcoop.Submission, error)
	Submissions(ctx context.Context, coop dpcoop.CoopID, month string) ([]dpcoop.Submission, error)
	// MoveSubmission replaces was with now, only if it is still as read
	// (a conflict otherwise).
	MoveSubmission(ctx context.Context, coop dpcoop.CoopID, was, now dpcoop.Submission) error
}

// Vault reads a co-op's Government Gateway credentials (its own, or its
// agent's); KindNotFound when none are kept. Only the function that
// submits may read them.
type Vault interface {
	Credentials(ctx context.Context, coop dpcoop.CoopID) (rti.Credentials, error)
}

// CredentialWriter keeps a co-op's credentials: AWS Secrets Manager in AWS,
// a file in make dev's data folder. Only the route that sets them writes.
type CredentialWriter interface {
	SetCredentials(ctx context.Context, coop dpcoop.CoopID, c rti.Credentials) error
}

// HMRCBusy is a failure worth waiting out: HMRC busy, an answer lost or
// not ready yet. The state machine's Submit step retries on its name.
type HMRCBusy struct{ Cause string }

func (e HMRCBusy) Error() string { return "hmrc busy: " + e.Cause }

// Failed is a submission that cannot go on until an admin acts: its
// reason is recorded on it, and the admin retries once it is put right.
type Failed struct{ Reason, PA string }

func (e Failed) Error() string { return "submission failed: " + e.Reason }

// Filer sends a final run's documents to one of HMRC's services.
type Filer struct {
	Store   Store
	Vault   Vault
	Channel rti.Channel
	Service rti.Service
	HTTP    *http.Client
	// Wait pauses between polls and retries (nil: the clock).
	Wait func(ctx context.Context, d time.Duration) error
	// MaxPolls bounds the polls of one step (default 6): an answer not
	// ready by then is polled again at the step's next retry.
	MaxPolls int
	Now      func() time.Time
}

// File queues the run's documents and sends those not yet settled, FPS
// first. It is idempotent: accepted and rejected documents are left alone,
// a document HMRC acknowledged is polled, one whose answer was lost is
// looked for in HMRC's list before anything is sent again, and a failed
// one waits for an admin's retry.
func (f *Filer) File(ctx context.Context, coop dpcoop.CoopID, month string) error {
	subs, err := Queue(ctx, f.Store, coop, month, f.now())
	if err != nil {
		return err
	}
	var errs []error
	for _, s := range subs {
		if err := f.send(ctx, coop, s); err != nil {
			errs = append(errs, err)
		}
	}
	return firstRetryable(errs)
}

// firstRetryable is the error the step reports: busy if any document can
// be retried (the rest wait for it), else the first failure.
func firstRetryable(errs []error) error {
	for _, err := range errs {
		var busy HMRCBusy
		if errors.As(err, &busy) {
			return busy
		}
	}
	if len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// Failed records that the Submit step gave up (its retries spent, or an
// error it did not expect): every document of the month not settled is
// marked failed, remembering where it had got to, for the admin to see and
// retry.
func (f *Filer) Failed(ctx context.Context, coop dpcoop.CoopID, month, cause string) error {
	subs, err := f.Store.Submissions(ctx, coop, month)
	if err != nil {
		return err
	}
	reason := dpcoop.SubmissionReasonError
	if cause == "HMRCBusy" {
		reason = dpcoop.SubmissionReasonBusy
	}
	for _, s := range subs {
		if s.State.Settled() || s.State == dpcoop.SubmissionFailed {
			continue
		}
		next := s
		if s.State == dpcoop.SubmissionSent && reason == dpcoop.SubmissionReasonBusy {
			next.Reason = dpcoop.SubmissionReasonNoAnswer
		} else {
			next.Reason = reason
		}
		next.FailedFrom, next.State, next.Updated = s.State, dpcoop.SubmissionFailed, f.now()
		if err := f.Store.MoveSubmission(ctx, coop, s, next); err != nil && !dpcoop.IsKind(err, dpcoop.KindConflict) {
			return err
		}
	}
	return nil
}

func (f *Filer) now() time.Time {
	if f.Now == nil {
		return time.Now().UTC()
	}
	return f.Now().UTC()
}

// client is the rti client for one co-op's credentials.
func (f *Filer) client(creds rti.Credentials, transactionID string) *rti.Client {
	polls := f.MaxPolls
	if polls == 0 {
		polls = 6
	}
	return &rti.Client{
		HTTP:    f.HTTP,
		Sending: rti.Sending{Credentials: creds, Channel: f.Channel, Service: f.Service, TransactionID: transactionID},
		Wait:    f.Wait, MaxPolls: polls, BusyRetries: 1,
	}
}

// send takes one document as far as it can go now.
func (f *Filer) send(ctx context.Context, coop dpcoop.CoopID, s dpcoop.Submission) error {
	if s.State.Settled() || s.State == dpcoop.SubmissionFailed {
		return nil
	}
	doc, err := Document(ctx, f.Store, coop, s)
	var failed Failed
	if errors.As(err, &failed) {
		return f.fail(ctx, coop, s, failed)
	}
	if err != nil {
		return err
	}
	creds, err := f.Vault.Credentials(ctx, coop)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return f.fail(ctx, coop, s, Failed{Reason: dpcoop.SubmissionReasonCredentials})
	}
	if err != nil {
		return err
	}
	switch s.State {
	case dpcoop.SubmissionAcknowledged:
		out, err := f.client(creds, s.TransactionID).Resume(ctx, doc, s.CorrelationID, s.ResponseEndPoint)
		return f.settle(ctx, coop, s, out, err)
	case dpcoop.SubmissionSent:
		// Sent, but no answer came: ask HMRC before sending again.
		c := f.client(creds, s.TransactionID)
		id, err := c.Find(ctx, doc, s.TransactionID)
		if err != nil {
			return HMRCBusy{Cause: "asking HMRC for a submission whose answer was lost: " + err.Error()}
		}
		if id != "" {
			ack := s
			ack.State, ack.CorrelationID, ack.ResponseEndPoint, ack.Updated = dpcoop.SubmissionAcknowledged, id, f.Service.PollURL(), f.now()
			if err := f.Store.MoveSubmission(ctx, coop, s, ack); err != nil {
				return err
			}
			out, err := c.Resume(ctx, doc, id, ack.ResponseEndPoint)
			return f.settle(ctx, coop, ack, out, err)
		}
	}
	return f.submit(ctx, coop, s, doc, creds)
}

// submit records the document as sent, with a condition (one sender
// wins), and sends it.
func (f *Filer) submit(ctx context.Context, coop dpcoop.CoopID, s dpcoop.Submission, doc rti.Document, creds rti.Credentials) error {
	next := s
	next.Attempts++
	next.State, next.Reason, next.PA, next.Errors, next.Updated = dpcoop.SubmissionSent, "", "", nil, f.now()
	next.TransactionID = dpcoop.NewTransactionID(coop, s.Month, s.Kind, next.Attempts)
	c := f.client(creds, next.TransactionID)
	msg, mark, err := rti.Message(doc, c.Sending)
	if err != nil {
		return f.fail(ctx, coop, s, Failed{Reason: dpcoop.SubmissionReasonError})
	}
	next.IRmark = mark.Base64
	next.Keep(rti.Redacted(msg))
	if err := f.Store.MoveSubmission(ctx, coop, s, next); err != nil {
		if dpcoop.IsKind(err, dpcoop.KindConflict) {
			return HMRCBusy{Cause: "another step is sending this submission"}
		}
		return err
	}
	current := next
	c.Acknowledged = func(ctx context.Context, correlationID, endpoint string) error {
		ack := current
		ack.State, ack.CorrelationID, ack.ResponseEndPoint, ack.Updated = dpcoop.SubmissionAcknowledged, correlationID, endpoint, f.now()
		if err := f.Store.MoveSubmission(ctx, coop, current, ack); err != nil {
			return err
		}
		current = ack
		return nil
	}
	out, err := c.Submit(ctx, doc)
	if errors.Is(err, rti.ErrBusy) && current.State == dpcoop.SubmissionSent {
		// Busy at the submission itself: HMRC did not take it.
		back := current
		back.State, back.Reason, back.Updated = dpcoop.SubmissionQueued, dpcoop.SubmissionReasonBusy, f.now()
		if err := f.Store.MoveSubmission(ctx, coop, current, back); err != nil {
			return err
		}
		return HMRCBusy{Cause: "HMRC busy at the submission"}
	}
	return f.settle(ctx, coop, current, out, err)
}

// settle records HMRC's final answer, or says to come back later.
func (f *Filer) settle(ctx context.Context, coop dpcoop.CoopID, s dpcoop.Submission, out rti.Outcome, err error) error {
	if err != nil {
		// Lost answers, busy polls, answers not ready: the state (sent or
		// acknowledged) says how to go on at the next try.
		return HMRCBusy{Cause: err.Error()}
	}
	next := s
	now := f.now()
	next.Updated, next.Answered = now, &now
	if out.CorrelationID != "" {
		next.CorrelationID = out.CorrelationID
	}
	switch {
	case out.Accepted:
		next.State = dpcoop.SubmissionAccepted
	case onlyUnknownDocument(out.Errors):
		// HMRC no longer holds the answer: whether it was accepted is not
		// known from here.
		next.State, next.Answered, next.Reason, next.FailedFrom = dpcoop.SubmissionFailed, nil, dpcoop.SubmissionReasonUnknownState, s.State
	default:
		next.State = dpcoop.SubmissionRejected
		for _, e := range out.Errors {
			next.Errors = append(next.Errors, dpcoop.HMRCError{Number: e.Number, Type: e.Type, Text: e.Text, Location: e.Location})
		}
	}
	return f.Store.MoveSubmission(ctx, coop, s, next)
}

func onlyUnknownDocument(errs []rti.GovTalkError) bool {
	return len(errs) == 1 && errs[0].Number == "2000"
}

// fail records why a document cannot be sent until an admin acts.
func (f *Filer) fail(ctx context.Context, coop dpcoop.CoopID, s dpcoop.Submission, why Failed) error {
	next := s
	next.State, next.FailedFrom, next.Reason, next.PA, next.Updated = dpcoop.SubmissionFailed, s.State, why.Reason, why.PA, f.now()
	if err := f.Store.MoveSubmission(ctx, coop, s, next); err != nil {
		return err
	}
	return why
}

// errNotFinal: only a final run is filed.
var errNotFinal = errors.New("filing: the run is not final")

// finalRun reads the month's run, which must be final.
func finalRun(ctx context.Context, store Store, coop dpcoop.CoopID, month string) (dpcoop.Run, error) {
	run, err := store.Run(ctx, coop, month)
	if err != nil {
		return dpcoop.Run{}, err
	}
	if run.Status != dpcoop.RunFinal {
		return dpcoop.Run{}, fmt.Errorf("%w: %s is %s", errNotFinal, month, run.Status)
	}
	return run, nil
}
