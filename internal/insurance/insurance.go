// Package insurance is the co-op's employers' liability insurance as an
// application service: the admins record the policy in force, which the
// law requires of every employer (at least £5 million of cover, its
// certificate accessible to every employee: docs/insurance.md); the PAs
// read its details on their pages; the dashboard warns before it expires.
package insurance

import (
	"context"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Store is what the service reads and writes.
type Store interface {
	Insurance(ctx context.Context, coop dpcoop.CoopID) (*dpcoop.EmployersLiability, error)
	SetInsurance(ctx context.Context, coop dpcoop.CoopID, e dpcoop.EmployersLiability) error
}

// Service answers for the co-op's employers' liability insurance.
type Service struct {
	Store Store
}

// Certificate is the policy as the co-op's employees may see it, with its
// state on the day read; Policy is nil when none is recorded.
type Certificate struct {
	Policy *dpcoop.EmployersLiability `json:"policy"`
	State  dpcoop.InsuranceState      `json:"state"`
}

// Current is the policy for an admin or a PA: the certificate's details
// every employee may read (who recorded it is the admins' to know).
func (s *Service) Current(ctx context.Context, p dpcoop.Principal, now time.Time) (Certificate, error) {
	if !p.HasAny(dpcoop.RoleAdmin, dpcoop.RolePA) {
		return Certificate{}, dpcoop.E("read insurance", dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	e, err := s.Store.Insurance(ctx, p.Coop)
	if err != nil {
		return Certificate{}, err
	}
	if e != nil && !p.Has(dpcoop.RoleAdmin) {
		e.RecordedBy = ""
	}
	return Certificate{Policy: e, State: dpcoop.InsuranceOn(e, dpcoop.DateOf(now))}, nil
}

// Set records the policy now in force (admins), replacing the last.
func (s *Service) Set(ctx context.Context, p dpcoop.Principal, in dpcoop.InsuranceInput, now time.Time) (Certificate, error) {
	const op = "record insurance"
	if err := p.Admin(op); err != nil {
		return Certificate{}, err
	}
	e, err := in.Validate(p.Person, now)
	if err != nil {
		return Certificate{}, err
	}
	if err := s.Store.SetInsurance(ctx, p.Coop, e); err != nil {
		return Certificate{}, err
	}
	return Certificate{Policy: &e, State: dpcoop.InsuranceOn(&e, dpcoop.DateOf(now))}, nil
}
