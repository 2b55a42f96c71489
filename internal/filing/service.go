package filing

import (
	"context"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payrun"
	"github.com/dpcoop/dpcoop/internal/rti"
)

// Service is filing as admins use it: a month's submissions and what HMRC
// said, a retry of those that failed, and the co-op's Government Gateway
// credentials. Each call takes the acting admin.
type Service struct {
	Store   Store
	Starter payrun.Starter
	// Credentials writes the co-op's credentials; nil where the function
	// serving the call may not.
	Credentials CredentialWriter
}

// Queue queues a final run's documents (payrun.Filing).
func (s *Service) Queue(ctx context.Context, coop dpcoop.CoopID, month string, now time.Time) ([]dpcoop.Submission, error) {
	return Queue(ctx, s.Store, coop, month, now.UTC())
}

func (s *Service) admin(p dpcoop.Principal, op string) error {
	if !p.Has(dpcoop.RoleAdmin) {
		return dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	return nil
}

// Submissions are a month's documents as filed so far; a month without a
// run is not found.
func (s *Service) Submissions(ctx context.Context, p dpcoop.Principal, month string) ([]dpcoop.Submission, error) {
	const op = "list submissions"
	if err := s.admin(p, op); err != nil {
		return nil, err
	}
	if _, ok := dpcoop.ParseMonth(month); !ok {
		return nil, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if _, err := s.Store.Run(ctx, p.Coop, month); err != nil {
		return nil, err
	}
	subs, err := s.Store.Submissions(ctx, p.Coop, month)
	if subs == nil {
		subs = []dpcoop.Submission{}
	}
	return subs, err
}

// Retry sends the month's failed or rejected documents again, once the
// admin has put right what HMRC or dpcoop said: each goes back to where it
// had got to (one HMRC may hold is looked for in HMRC's list, never sent
// blindly) and a new execution's submit step takes them on. With none
// failed it is a conflict, unless some are still waiting, whose execution
// is started again (harmless: executions are named).
func (s *Service) Retry(ctx context.Context, p dpcoop.Principal, month string, now time.Time) ([]dpcoop.Submission, error) {
	const op = "retry submissions"
	subs, err := s.Submissions(ctx, p, month)
	if err != nil {
		return nil, err
	}
	run, err := s.Store.Run(ctx, p.Coop, month)
	if err != nil {
		return nil, err
	}
	retry, pending := 0, false
	for i, sub := range subs {
		retry = max(retry, sub.Retries)
		if !sub.State.Settled() && sub.State != dpcoop.SubmissionFailed {
			pending = true
		}
		if !sub.State.Retryable() {
			continue
		}
		next := sub
		next.State = dpcoop.SubmissionQueued
		if sub.State == dpcoop.SubmissionFailed && (sub.FailedFrom == dpcoop.SubmissionSent || sub.FailedFrom == dpcoop.SubmissionAcknowledged) {
			next.State = sub.FailedFrom
		}
		next.Retries++
		next.FailedFrom, next.Reason, next.PA, next.Updated = "", "", "", now.UTC()
		if next.State == dpcoop.SubmissionQueued {
			next.Errors, next.Answered = nil, nil
		}
		if err := s.Store.MoveSubmission(ctx, p.Coop, sub, next); err != nil {
			return nil, err
		}
		subs[i], retry, pending = next, max(retry, next.Retries), true
	}
	if !pending {
		return nil, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeNothingToRetry)
	}
	return subs, s.Starter.StartRun(ctx, payrun.FilingJob(p.Coop, run, retry))
}

// SetCredentials keeps the co-op's Government Gateway credentials where
// only the submitting function can read them (never the table, never a
// log).
func (s *Service) SetCredentials(ctx context.Context, p dpcoop.Principal, in dpcoop.GatewayCredentialsInput) error {
	const op = "set hmrc credentials"
	if err := s.admin(p, op); err != nil {
		return err
	}
	in, err := in.Validate()
	if err != nil {
		return err
	}
	if s.Credentials == nil {
		return dpcoop.E(op, dpcoop.KindInternal, dpcoop.CodeInternal)
	}
	return s.Credentials.SetCredentials(ctx, p.Coop, rti.Credentials{SenderID: in.SenderID, Password: in.Password})
}
