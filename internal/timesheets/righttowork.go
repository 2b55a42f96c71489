package timesheets

import (
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// checkRightToWork refuses work on a day no valid right-to-work check of
// the PA covers (r, read with the shift's members): the co-op cannot pay for
// it (docs/right-to-work.md).
func checkRightToWork(sh dpcoop.Shift, r dpcoop.Recruitment) error {
	if sh.Kind.Leave() {
		return nil
	}
	return r.CheckShift(sh)
}
