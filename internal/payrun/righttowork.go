package payrun

import (
	"context"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// markUnchecked flags the work of each PA with approved work in the month
// on a day no valid right-to-work check covers (work approved before the
// check was required): their payslip becomes a blocking problem, so the run
// cannot be finalised until the check is recorded or the work rejected.
// store is a roster, so the checks come with the PAs' records.
func markUnchecked(ctx context.Context, store Store, coop dpcoop.CoopID, shifts []dpcoop.Shift, work []Work) error {
	unchecked := map[string]bool{}
	for _, s := range shifts {
		if s.Status != dpcoop.ShiftApproved || s.Kind.Leave() || unchecked[s.PA] {
			continue
		}
		rec, err := store.Recruitment(ctx, coop, s.PA)
		if err != nil {
			return classify(err)
		}
		unchecked[s.PA] = !rec.RightToWorkOn(s.Date)
	}
	for i := range work {
		work[i].RightToWorkUnchecked = unchecked[work[i].PA]
	}
	return nil
}
