package employees

import (
	"context"
	"slices"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Supporters are the PAs employed to support the calling member (ended
// employments too, for late shifts), by name only: who a shift waiting for
// the member's approval was worked by.
func (s *Service) Supporters(ctx context.Context, p dpcoop.Principal) ([]Supported, error) {
	if !p.Has(dpcoop.RoleMember) {
		return nil, dpcoop.E("read supporters", dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	emps, err := s.Store.Employments(ctx, p.Coop, "")
	if err != nil {
		return nil, err
	}
	out := []Supported{}
	for _, e := range emps {
		if e.Member != p.Person || slices.ContainsFunc(out, func(m Supported) bool { return m.ID == e.PA }) {
			continue
		}
		pa, err := s.Store.PA(ctx, p.Coop, e.PA)
		if err != nil {
			return nil, err
		}
		out = append(out, Supported{ID: pa.ID, Name: pa.LegalName})
	}
	return out, nil
}
