package payrun

import (
	"context"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// rightToWorkProblems are the PAs with approved work in the month on a day
// no valid right-to-work check covers (work approved before the check was
// required): a blocking problem each, so the run cannot be finalised until
// the check is recorded or the work rejected.
func rightToWorkProblems(ctx context.Context, store Store, coop dpcoop.CoopID, month string) ([]dpcoop.Problem, error) {
	shifts, err := monthShifts(ctx, store, coop, month)
	if err != nil {
		return nil, err
	}
	var out []dpcoop.Problem
	recs := map[string]dpcoop.Recruitment{}
	flagged := map[string]bool{}
	for _, s := range shifts {
		if s.Status != dpcoop.ShiftApproved || s.Kind.Leave() || flagged[s.PA] {
			continue
		}
		r, ok := recs[s.PA]
		if !ok {
			if r, err = store.Recruitment(ctx, coop, s.PA); err != nil {
				return nil, classify(err)
			}
			recs[s.PA] = r
		}
		if !r.RightToWorkOn(s.Date) {
			flagged[s.PA] = true
			out = append(out, dpcoop.Problem{Code: dpcoop.FieldRightToWorkNotChecked, PA: s.PA, Blocking: true})
		}
	}
	return out, nil
}
