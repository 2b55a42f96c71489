// Package risk is the risk assessments of members' support as an
// application service: the admins write and review them; the PAs now
// employed to support a member read that member's; the dashboard lists
// the reviews due. The rules are the domain's (dpcoop/risk.go).
package risk

import (
	"context"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Store is what the service reads and writes.
type Store interface {
	Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error)
	Employments(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Employment, error)
	PutRiskAssessment(ctx context.Context, coop dpcoop.CoopID, a dpcoop.RiskAssessment) error
	RiskAssessments(ctx context.Context, coop dpcoop.CoopID, member string) ([]dpcoop.RiskAssessment, error)
}

// Service answers for risk assessments.
type Service struct {
	Store Store
}

// Of are a member's assessments, for an admin.
func (s *Service) Of(ctx context.Context, p dpcoop.Principal, member string) ([]dpcoop.RiskAssessment, error) {
	const op = "read risk assessments"
	if err := p.Admin(op); err != nil {
		return nil, err
	}
	if !dpcoop.ValidID(member) {
		return nil, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if _, err := s.Store.Member(ctx, p.Coop, member); err != nil {
		return nil, err
	}
	return s.Store.RiskAssessments(ctx, p.Coop, member)
}

// Read are a member's assessments for whoever may read them: an admin,
// the member themself, or a PA employed to support them on now's day; to
// anyone else the member is not found, so their being is not told.
func (s *Service) Read(ctx context.Context, p dpcoop.Principal, member string, now time.Time) ([]dpcoop.RiskAssessment, error) {
	if p.Has(dpcoop.RoleAdmin) {
		return s.Of(ctx, p, member)
	}
	notFound := dpcoop.E("read risk assessments", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	if !dpcoop.ValidID(member) {
		return nil, notFound
	}
	may := p.Has(dpcoop.RoleMember) && p.Person == member
	if !may && p.Has(dpcoop.RolePA) {
		emps, err := s.Store.Employments(ctx, p.Coop, p.Person)
		if err != nil {
			return nil, err
		}
		today := dpcoop.DateOf(now)
		may = slices.ContainsFunc(emps, func(e dpcoop.Employment) bool { return e.PA == p.Person && e.Member == member && e.Covers(today) })
	}
	if !may {
		return nil, notFound
	}
	if _, err := s.Store.Member(ctx, p.Coop, member); err != nil {
		return nil, err
	}
	return s.Store.RiskAssessments(ctx, p.Coop, member)
}

// Save records a new assessment of a member's support (id empty) or the
// review of one (admins): the same form again writes the same record.
func (s *Service) Save(ctx context.Context, p dpcoop.Principal, member, id string, in dpcoop.RiskInput, ids dpcoop.RequestID, now time.Time) (dpcoop.RiskAssessment, error) {
	const op = "record risk assessment"
	have, err := s.Of(ctx, p, member)
	if err != nil {
		return dpcoop.RiskAssessment{}, err
	}
	a, err := in.Validate(member, p.Person, now)
	if err != nil {
		return dpcoop.RiskAssessment{}, err
	}
	if id == "" {
		if a.ID, err = ids("risk", member, dpcoop.Fingerprint(a.Title, a.Risks, string(a.Language), string(a.Assessed), string(a.Review))); err != nil {
			return dpcoop.RiskAssessment{}, err
		}
	} else if !slices.ContainsFunc(have, func(x dpcoop.RiskAssessment) bool { return x.ID == id }) {
		return dpcoop.RiskAssessment{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	} else {
		a.ID = id
	}
	return a, s.Store.PutRiskAssessment(ctx, p.Coop, a)
}

// Supported is one member's assessments as a PA supporting them reads them.
type Supported struct {
	Member      string
	Assessments []dpcoop.RiskAssessment
}

// ForPA are the assessments of the members the calling PA is employed to
// support on now's day; no other member's.
func (s *Service) ForPA(ctx context.Context, p dpcoop.Principal, now time.Time) ([]Supported, error) {
	if !p.Has(dpcoop.RolePA) {
		return nil, dpcoop.E("read risk assessments", dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	emps, err := s.Store.Employments(ctx, p.Coop, p.Person)
	if err != nil {
		return nil, err
	}
	today := dpcoop.DateOf(now)
	var out []Supported
	for _, e := range emps {
		if e.PA != p.Person || !e.Covers(today) || slices.ContainsFunc(out, func(x Supported) bool { return x.Member == e.Member }) {
			continue
		}
		as, err := s.Store.RiskAssessments(ctx, p.Coop, e.Member)
		if err != nil {
			return nil, err
		}
		out = append(out, Supported{Member: e.Member, Assessments: as})
	}
	return out, nil
}

// Due are the assessments due for review on now's day, for the admins'
// dashboard.
func (s *Service) Due(ctx context.Context, p dpcoop.Principal, now time.Time) ([]dpcoop.RiskAssessment, error) {
	if err := p.Admin("risk reviews due"); err != nil {
		return nil, err
	}
	all, err := s.Store.RiskAssessments(ctx, p.Coop, "")
	if err != nil {
		return nil, err
	}
	return dpcoop.ReviewsDue(all, dpcoop.DateOf(now)), nil
}
