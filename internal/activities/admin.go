package activities

import (
	"context"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Get is one activity as an admin sees it to change, cancel, make its
// shared shifts or charge its cost: with how many are coming, cancelled or
// not, past or to come.
func (s *Service) Get(ctx context.Context, p dpcoop.Principal, id string) (Listed, error) {
	const op = "read activity"
	if err := p.Admin(op); err != nil {
		return Listed{}, err
	}
	a, err := s.activity(ctx, p.Coop, op, id)
	if err != nil {
		return Listed{}, err
	}
	coming, err := s.coming(ctx, p.Coop, a.ID)
	return Listed{Activity: a, Coming: len(coming)}, err
}

// Past lists, for admins, the activities that have ended and were not
// cancelled, latest first: after an activity its PAs' shifts are made and
// its cost charged.
func (s *Service) Past(ctx context.Context, p dpcoop.Principal, now time.Time) ([]Listed, error) {
	if err := p.Admin("read past activities"); err != nil {
		return nil, err
	}
	all, err := s.Store.Activities(ctx, p.Coop)
	if err != nil {
		return nil, err
	}
	out := []Listed{}
	for _, a := range all {
		if a.Cancelled || a.Upcoming(now) {
			continue
		}
		coming, err := s.coming(ctx, p.Coop, a.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, Listed{Activity: a, Coming: len(coming)})
	}
	slices.SortFunc(out, func(a, b Listed) int { return b.Start.Compare(a.Start) })
	return out, nil
}
