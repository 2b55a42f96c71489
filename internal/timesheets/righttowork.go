package timesheets

import (
	"context"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// checkRightToWork refuses work on a day no valid right-to-work check of
// the PA covers: the co-op cannot pay for it (docs/right-to-work.md).
func (s *Service) checkRightToWork(ctx context.Context, coop dpcoop.CoopID, sh dpcoop.Shift) error {
	if sh.Kind.Leave() {
		return nil
	}
	r, err := s.Store.Recruitment(ctx, coop, sh.PA)
	if err != nil {
		return err
	}
	return r.CheckShift(sh)
}
