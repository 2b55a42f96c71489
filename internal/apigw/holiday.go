package apigw

import (
	"context"
	"net/http"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// holiday shows a PA's leave: the balance from final runs, this leave year's
// accrued and taken, the leave approved and not yet paid, the rate leave is
// paid at now, and what each final payslip did. To an admin, and to the PA
// themself.
func (h *Handler) holiday(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	if !r.principal.Has(dpcoop.RoleAdmin) && r.principal.Person != id {
		return nil, dpcoop.E("read holiday", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if _, err := h.deps.Timesheets.PA(ctx, r.principal.Coop, id); err != nil {
		return nil, err
	}
	c, err := h.deps.Store.Coop(ctx, r.principal.Coop)
	if err != nil {
		return nil, err
	}
	hist, approved, err := h.leaveOf(ctx, r, id, "")
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, hist.HolidayBalance(c.PayrollSettings(), approved, dpcoop.DateOf(r.now))), nil
}

// leaveOf reads a PA's pay history and the minutes of their leave approved
// and not yet paid, apart from the shift except. Leave is asked for up to a
// year ahead; late leave is paid in a later month, so the shifts read start
// three months before the last month paid.
func (h *Handler) leaveOf(ctx context.Context, r *request, pa, except string) (dpcoop.PayHistory, int64, error) {
	hist, err := h.deps.Timesheets.PayHistory(ctx, r.principal.Coop, pa)
	if err != nil {
		return dpcoop.PayHistory{}, 0, err
	}
	from := r.now.AddDate(0, -13, 0)
	if last := hist.Holiday().Month; last != "" {
		if t, err := time.Parse(dpcoop.MonthLayout, last); err == nil {
			from = t.AddDate(0, -3, 0)
		}
	}
	shifts, err := h.deps.Timesheets.ShiftsOfPA(ctx, r.principal.Coop, pa, from, r.now.AddDate(0, 0, dpcoop.MaxHolidayAheadDays+1))
	if err != nil {
		return dpcoop.PayHistory{}, 0, err
	}
	return hist, dpcoop.ApprovedLeave(shifts, hist, except), nil
}

// checkLeave refuses a holiday shift the co-op's holiday mode has no room
// for (rolled-up holiday pay) and, when approving, leave beyond the PA's
// balance less the leave already approved and not yet paid.
func (h *Handler) checkLeave(ctx context.Context, r *request, s dpcoop.Shift, approving bool) error {
	if s.Kind != dpcoop.ShiftHoliday {
		return nil
	}
	c, err := h.deps.Store.Coop(ctx, r.principal.Coop)
	if err != nil {
		return err
	}
	if !approving || s.Status != dpcoop.ShiftSubmitted { // approving again changes nothing
		return s.CheckLeaveMode(c.PayrollSettings())
	}
	hist, approved, err := h.leaveOf(ctx, r, s.PA, s.ID)
	if err != nil {
		return err
	}
	return s.CheckLeave(c.PayrollSettings(), hist, approved, dpcoop.DateOf(r.now))
}
