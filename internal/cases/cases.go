// Package cases is the capability of PAs' grievance, disciplinary and
// dispute cases as an application service. A case is confidential: only the
// admins handling it and the PA it is about may see it, and to anyone else
// it does not exist (not found, never forbidden). The rules of its stages
// and its retention are the domain's (dpcoop/cases.go). The JSON API and
// the pages both call it; the audit trail records that a case changed (the
// route and the case's id), never what it says.
package cases

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Store is what the service reads and writes.
type Store interface {
	Coop(ctx context.Context, id dpcoop.CoopID) (dpcoop.Coop, error)
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	Access(ctx context.Context, coop dpcoop.CoopID, person string) (dpcoop.Access, error)
	AddCase(ctx context.Context, coop dpcoop.CoopID, c dpcoop.Case, fingerprint string) (dpcoop.Case, bool, error)
	Case(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Case, error)
	Cases(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Case, error)
	ReplaceCase(ctx context.Context, coop dpcoop.CoopID, c dpcoop.Case, had int) error
}

// Service answers for cases.
type Service struct {
	Store Store
}

func notFound(op string) error { return dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound) }

// Open opens a case about a PA, by an admin, who handles it with the admins
// named; the same request again returns the case with created false.
func (s *Service) Open(ctx context.Context, p dpcoop.Principal, pa string, in dpcoop.CaseInput, id dpcoop.RequestID, now time.Time) (dpcoop.Case, bool, error) {
	const op = "open case"
	if err := p.Admin(op); err != nil {
		return dpcoop.Case{}, false, err
	}
	if !dpcoop.ValidID(pa) {
		return dpcoop.Case{}, false, notFound(op)
	}
	if _, err := s.Store.PA(ctx, p.Coop, pa); err != nil {
		return dpcoop.Case{}, false, err
	}
	var failed error
	isAdmin := func(person string) bool {
		if !dpcoop.ValidID(person) {
			return false
		}
		a, err := s.Store.Access(ctx, p.Coop, person)
		if err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound) {
			failed = err
		}
		return err == nil && a.ActiveAdmin()
	}
	c, err := in.Validate(pa, p.Person, isAdmin, now)
	if failed != nil {
		return dpcoop.Case{}, false, failed
	}
	if err != nil {
		return dpcoop.Case{}, false, err
	}
	canonical, _ := json.Marshal(in) // plain values: cannot fail
	fp := dpcoop.Fingerprint(string(canonical))
	if c.ID, err = id("case", pa, fp); err != nil {
		return dpcoop.Case{}, false, err
	}
	return s.Store.AddCase(ctx, p.Coop, c, fp)
}

// OfPA lists the cases about a PA the acting person may see, oldest first:
// the PA sees all of theirs, an admin only those they handle.
func (s *Service) OfPA(ctx context.Context, p dpcoop.Principal, pa string) ([]dpcoop.Case, error) {
	const op = "read cases"
	if !dpcoop.ValidID(pa) || !p.MaySee(pa) {
		return nil, notFound(op)
	}
	if _, err := s.Store.PA(ctx, p.Coop, pa); err != nil {
		return nil, err
	}
	return s.visible(ctx, p, func(c dpcoop.Case) bool { return c.PA == pa })
}

// Handled lists the cases the acting admin handles, oldest first.
func (s *Service) Handled(ctx context.Context, p dpcoop.Principal) ([]dpcoop.Case, error) {
	if err := p.Admin("read cases"); err != nil {
		return nil, err
	}
	return s.visible(ctx, p, func(c dpcoop.Case) bool { return c.Handles(p.Person) })
}

func (s *Service) visible(ctx context.Context, p dpcoop.Principal, keep func(dpcoop.Case) bool) ([]dpcoop.Case, error) {
	all, err := s.Store.Cases(ctx, p.Coop)
	if err != nil {
		return nil, err
	}
	out := []dpcoop.Case{}
	for _, c := range all {
		if keep(c) && c.MaySee(p) {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b dpcoop.Case) int {
		return cmp.Or(cmp.Compare(a.Opened, b.Opened), a.Recorded.Compare(b.Recorded))
	})
	return out, nil
}

// Case reads one case for an admin handling it or the PA it is about.
func (s *Service) Case(ctx context.Context, p dpcoop.Principal, id string) (dpcoop.Case, error) {
	const op = "read case"
	if !dpcoop.ValidID(id) {
		return dpcoop.Case{}, notFound(op)
	}
	c, err := s.Store.Case(ctx, p.Coop, id)
	if err != nil {
		return dpcoop.Case{}, err
	}
	if !c.MaySee(p) {
		return dpcoop.Case{}, notFound(op)
	}
	return c, nil
}

// AddStage adds the next stage of a case, by an admin handling it, once:
// the same request again returns the case with created false. The PA sees
// the case but may not change it.
func (s *Service) AddStage(ctx context.Context, p dpcoop.Principal, id string, in dpcoop.StageInput, rid dpcoop.RequestID, now time.Time) (dpcoop.Case, bool, error) {
	const op = "add case stage"
	c, err := s.Case(ctx, p, id)
	if err != nil {
		return dpcoop.Case{}, false, err
	}
	if !p.Has(dpcoop.RoleAdmin) || !c.Handles(p.Person) {
		return dpcoop.Case{}, false, dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	canonical, _ := json.Marshal(in) // plain values: cannot fail
	sid, err := rid("case stage", c.ID, dpcoop.Fingerprint(string(canonical)))
	if err != nil {
		return dpcoop.Case{}, false, err
	}
	if _, done := c.Stage(sid); done {
		return c, false, nil
	}
	next, err := c.AddStage(in, sid, p.Person, now)
	if err != nil {
		return dpcoop.Case{}, false, err
	}
	if err := s.Store.ReplaceCase(ctx, p.Coop, next, len(c.Stages)); err != nil {
		return dpcoop.Case{}, false, err
	}
	return next, true, nil
}

// Letter is the letter of a case's stage, for an admin handling it or the
// PA: not found if the case has no such stage or the stage no letter.
func (s *Service) Letter(ctx context.Context, p dpcoop.Principal, id, step string) (dpcoop.CaseLetter, error) {
	c, err := s.Case(ctx, p, id)
	if err != nil {
		return dpcoop.CaseLetter{}, err
	}
	pa, err := s.Store.PA(ctx, p.Coop, c.PA)
	if err != nil {
		return dpcoop.CaseLetter{}, err
	}
	coop, err := s.Store.Coop(ctx, p.Coop)
	if err != nil {
		return dpcoop.CaseLetter{}, err
	}
	l, ok := c.Letter(dpcoop.CaseStep(step), pa, coop)
	if !ok {
		return dpcoop.CaseLetter{}, notFound("read case letter")
	}
	return l, nil
}
