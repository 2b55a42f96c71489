// Package settings is the co-op's own details as an application service:
// its admins read and change its names in both languages, registered
// office, contact, website origins and language, and turn Cloudflare
// Turnstile on or off for its application form. Each change goes in the
// audit trail, naming the fields that changed (never their values: no
// personal data in the trail's targets).
package settings

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/audit"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Store is what the service reads and writes.
type Store interface {
	Coop(ctx context.Context, id dpcoop.CoopID) (dpcoop.Coop, error)
	UpdateCoopDetails(ctx context.Context, c dpcoop.Coop) error
}

// HumanCheck sets the co-op's Turnstile secret (signup.Service, which
// checks it).
type HumanCheck interface {
	SetHumanCheck(ctx context.Context, p dpcoop.Principal, secret, siteKey string) error
}

// Service reads and changes a co-op's settings.
type Service struct {
	Store      Store
	HumanCheck HumanCheck
	Audit      *audit.Service
}

// The audit trail's names of the changes: the API's route keys.
const (
	ActionChange    = "PATCH /v1/coop"
	ActionTurnstile = "PUT /v1/coop/turnstile"
)

// Coop reads the acting admin's co-op.
func (s *Service) Coop(ctx context.Context, p dpcoop.Principal) (dpcoop.Coop, error) {
	if err := p.Admin("read coop"); err != nil {
		return dpcoop.Coop{}, err
	}
	return s.Store.Coop(ctx, p.Coop)
}

// Change applies a change to the co-op's details; a change that changes
// nothing writes and records nothing. Changed names the fields changed.
func (s *Service) Change(ctx context.Context, p dpcoop.Principal, ch dpcoop.CoopChange, now time.Time) (c dpcoop.Coop, changed []string, err error) {
	if err := p.Admin("change coop"); err != nil {
		return dpcoop.Coop{}, nil, err
	}
	c, err = s.Store.Coop(ctx, p.Coop)
	if err != nil {
		return dpcoop.Coop{}, nil, err
	}
	if c, changed, err = ch.Apply(c); err != nil || len(changed) == 0 {
		return c, nil, err
	}
	if err := s.Store.UpdateCoopDetails(ctx, c); err != nil {
		return dpcoop.Coop{}, nil, err
	}
	return c, changed, s.record(ctx, p, now, ActionChange, map[string]string{"fields": strings.Join(changed, ",")})
}

// SetTurnstile turns Turnstile on with a secret, or off with none.
func (s *Service) SetTurnstile(ctx context.Context, p dpcoop.Principal, secret, siteKey string, now time.Time) error {
	if err := s.HumanCheck.SetHumanCheck(ctx, p, secret, siteKey); err != nil {
		return err
	}
	state := "off"
	if secret != "" {
		state = "on"
	}
	return s.record(ctx, p, now, ActionTurnstile, map[string]string{"turnstile": state})
}

func (s *Service) record(ctx context.Context, p dpcoop.Principal, now time.Time, action string, target map[string]string) error {
	if s.Audit == nil {
		return nil
	}
	return s.Audit.Record(ctx, p, dpcoop.AuditEntry{ID: dpcoop.NewID(), At: now.UTC(), Action: action, Target: target, Status: http.StatusOK})
}
