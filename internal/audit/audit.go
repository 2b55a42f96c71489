// Package audit is the co-op's trail of who did what: every change, and every
// read of sensitive data, recorded by whichever adapter served it (the JSON
// API or the pages), and read back only by the co-op's admins.
package audit

import (
	"context"
	"net/http"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Service records and reads the trail. A nil Store records nothing (a test
// stack that has no trail).
type Service struct {
	Store dpcoop.Audit
}

// Record adds what the acting person did to their co-op's trail; someone
// signed in to no co-op (the platform's operators) leaves no entry.
func (s *Service) Record(ctx context.Context, by dpcoop.Principal, e dpcoop.AuditEntry) error {
	if s.Store == nil || by.Coop == "" {
		return nil
	}
	e.Person, e.Roles = by.Person, by.Roles
	// What is recorded has happened: a caller that went away meanwhile (a
	// client closing the connection cancels the request) must not leave it
	// unrecorded, so the write has a few seconds of its own.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordWithin)
	defer cancel()
	return s.Store.Record(ctx, by.Coop, e)
}

// recordWithin is how long recording an entry may take once its request is
// gone: about the retries of one write.
const recordWithin = 5 * time.Second

// Trail is one month of the acting admin's co-op's trail, a page at a time.
func (s *Service) Trail(ctx context.Context, by dpcoop.Principal, month dpcoop.Month, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.AuditEntry], error) {
	if !by.Has(dpcoop.RoleAdmin) {
		return dpcoop.Page[dpcoop.AuditEntry]{}, dpcoop.E("read audit trail", dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	if s.Store == nil {
		return dpcoop.Page[dpcoop.AuditEntry]{}, nil
	}
	return s.Store.AuditTrail(ctx, by.Coop, string(month), page)
}

// Leaving runs the steps of a person's leaving in order, recording each one
// done in the trail (its name and whose leaving it was, nothing of what it
// removed). A step that fails stops the rest: the leaving's retry runs
// them all again. A nil Service runs them unrecorded.
func (s *Service) Leaving(ctx context.Context, by dpcoop.Principal, person string, steps []dpcoop.LeavingStep, now time.Time) error {
	for _, st := range steps {
		if err := st.Do(ctx, by, person, now); err != nil {
			return err
		}
		if s == nil {
			continue
		}
		e := dpcoop.AuditEntry{ID: dpcoop.NewID(), At: now.UTC(), Action: st.Step,
			Target: map[string]string{"person": person}, Status: http.StatusOK}
		if err := s.Record(ctx, by, e); err != nil {
			return err
		}
	}
	return nil
}
