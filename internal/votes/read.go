package votes

import (
	"context"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Visible lists every motion p may see (dpcoop.Motion.VisibleTo).
func (s *Service) Visible(ctx context.Context, p dpcoop.Principal) ([]dpcoop.Motion, error) {
	var out []dpcoop.Motion
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		res, err := s.Votes.Motions(ctx, p.Coop, page)
		if err != nil {
			return nil, err
		}
		for _, m := range res.Items {
			if m.VisibleTo(p) {
				out = append(out, m)
			}
		}
		if res.Next == "" {
			return out, nil
		}
		page.Cursor = res.Next
	}
}

// Motion reads a motion p may see; one they may not is not found.
func (s *Service) Motion(ctx context.Context, p dpcoop.Principal, id string) (dpcoop.Motion, error) {
	if !dpcoop.ValidID(id) {
		return dpcoop.Motion{}, dpcoop.E("read motion", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	m, err := s.Votes.Motion(ctx, p.Coop, id)
	if err != nil {
		return dpcoop.Motion{}, err
	}
	if !m.VisibleTo(p) {
		return dpcoop.Motion{}, dpcoop.E("read motion", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return m, nil
}

// Reading is a motion as a member reads it to vote: their own place in its
// electorate (nil when they have none), the co-op's voting rules (whether
// they may appoint a proxy) and the results once they may be shown.
type Reading struct {
	Motion  dpcoop.Motion
	You     *dpcoop.Elector
	Rules   dpcoop.VotingRules
	Results *Results
}

// Read is a motion p may see, with their place in it and its results when
// they are out.
func (s *Service) Read(ctx context.Context, p dpcoop.Principal, id string, now time.Time) (Reading, error) {
	m, err := s.Motion(ctx, p, id)
	if err != nil {
		return Reading{}, err
	}
	out := Reading{Motion: m}
	if m.Snapshot != "" {
		e, err := s.Votes.Elector(ctx, p.Coop, m.ID, p.Person)
		switch {
		case err == nil && e.Snapshot == m.Snapshot:
			out.You = &e
		case err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound):
			return Reading{}, err
		}
	}
	if out.Rules, err = s.Votes.VotingRules(ctx, p.Coop); err != nil {
		return Reading{}, err
	}
	if (m.Status == dpcoop.MotionOpen || m.Status == dpcoop.MotionClosed) && !m.ResultsHidden() {
		res, err := s.Results(ctx, p.Coop, m.ID, now)
		if err != nil {
			return Reading{}, err
		}
		out.Results = &res
	}
	return out, nil
}
