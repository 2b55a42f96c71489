package payrun

import (
	"context"
	"errors"
	"sort"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// errHolidayBeyondBalance: the month's approved leave is more than the PA's
// balance with this month's accrual (leave approved against a balance a
// corrected run then lowered). The PA is a blocking problem of the run.
var errHolidayBeyondBalance = errors.New("holiday beyond balance")

// leave is a payslip's leave under the accrued mode, planned before the
// engine runs: the pay lines with leave priced at the averaged rate (and a
// leaver's untaken leave added), and the leave figures to settle after.
type leave struct {
	lines []dpcoop.PayLine
	slip  *dpcoop.SlipHoliday
}

// planLeave prices the month's leave for the PA. Under rolled-up holiday pay
// there is none (the engine refuses holiday lines there).
func planLeave(hist dpcoop.PayHistory, in Calculation, year *payroll.Year) (leave, error) {
	lines := in.Work.Lines
	if in.Settings.HolidayMode() != payroll.HolidayAccrued {
		return leave{lines: lines}, nil
	}
	var worked, taken int64
	for _, l := range lines {
		switch {
		case l.Kind == dpcoop.ShiftHoliday:
			taken += l.Minutes
		case l.Kind != dpcoop.ShiftSleepIn:
			worked += l.Minutes
		}
	}
	rec := hist.Holiday()
	current := dpcoop.HolidayPeriod{Month: in.Job.Month, Days: dpcoop.MonthDays(in.Job.Month), Pay: dpcoop.WorkPay(lines), Minutes: worked}
	s, ok := rec.PlanLeave(in.Job.Month, in.Settings.LeaveYearMonth(), hist.Left, taken, year.HolidayShare(worked), current)
	if !ok {
		return leave{}, errHolidayBeyondBalance
	}
	out := leave{slip: &s}
	for _, l := range lines {
		if l.Kind == dpcoop.ShiftHoliday {
			l.Rate = s.RatePence
		}
		out.lines = append(out.lines, l)
	}
	if s.InLieuMinutes > 0 {
		out.lines = append(out.lines, dpcoop.PayLine{Kind: dpcoop.ShiftHolidayInLieu, Minutes: s.InLieuMinutes, Rate: s.RatePence})
	}
	return out, nil
}

// engineKind is a pay line's kind for the payroll engine: leave taken and
// leave paid in lieu are both holiday pay to it.
func engineKind(k dpcoop.ShiftKind) (payroll.ShiftKind, error) {
	if k == dpcoop.ShiftHolidayInLieu {
		return payroll.ShiftHoliday, nil
	}
	return payroll.ParseShiftKind(string(k))
}

// settle records the leave on the payslip once the engine has priced it:
// its pay met out of the PA's provision as far as it goes, and, when the
// PA did no work this month, the members of their reference period as the
// ones charged for what the provision does not meet and the on-costs.
func (lv leave) settle(slip *dpcoop.Payslip, hist dpcoop.PayHistory) {
	if lv.slip == nil {
		return
	}
	var pay int64
	for _, l := range slip.Lines {
		if l.Kind.Leave() {
			pay += l.Pay
		}
	}
	lv.slip.Settle(hist.Holiday().Provision, slip.HolidayAccrual, pay)
	if len(slip.Members) == 0 {
		for _, m := range lv.slip.Members {
			slip.Members = append(slip.Members, dpcoop.MemberWork{Member: m.Member, HolidayMinutes: m.Minutes})
		}
	}
	slip.Holiday = lv.slip
}

// chargeWeights are what a payslip's cost is shared by among its members:
// the pay for the time each received or, in a month of leave alone, the
// leave each approved (or, for a leaver's last pay, the time each received
// in the reference period).
func chargeWeights(members []dpcoop.MemberWork) []int64 {
	pay := make([]int64, len(members))
	leave := make([]int64, len(members))
	any := false
	for i, m := range members {
		pay[i], leave[i] = m.Pay, m.HolidayMinutes
		any = any || m.Pay > 0
	}
	if any {
		return pay
	}
	return leave
}

// leavers are the PAs with no approved work in the month who have left by
// its end with untaken leave still to be paid in lieu: each gets a payslip
// of their own (accrued mode only).
func leavers(ctx context.Context, store Store, coop dpcoop.CoopID, settings dpcoop.PayrollSettings, month string, emps []dpcoop.Employment, work []Work) ([]Work, error) {
	if settings.HolidayMode() != payroll.HolidayAccrued {
		return work, nil
	}
	seen := map[string]bool{}
	for _, w := range work {
		seen[w.PA] = true
	}
	// An employment that ended over three months before the month is of a
	// PA whose last pay (with any leave in lieu) is long done.
	cutoff := dpcoop.Date(month+"-01").Time().AddDate(0, -3, 0)
	for _, e := range emps {
		if seen[e.PA] || e.End != "" && e.End.Time().Before(cutoff) {
			continue
		}
		seen[e.PA] = true
		hist, err := store.PayHistory(ctx, coop, e.PA)
		if err != nil {
			return nil, classify(err)
		}
		rec := hist.Holiday()
		if hist.Left != "" && hist.Left.Month() <= month && !rec.PaidInLieu && rec.Balance > 0 {
			work = append(work, Work{PA: e.PA, Lines: []dpcoop.PayLine{}, Members: []dpcoop.MemberWork{}})
		}
	}
	sort.Slice(work, func(i, j int) bool { return work[i].PA < work[j].PA })
	return work, nil
}

// holidayAfter is the PA's leave once a final payslip is applied; under
// rolled-up holiday pay a record kept from an earlier accrued time stays.
func holidayAfter(hist dpcoop.PayHistory, s dpcoop.Payslip) *dpcoop.HolidayRecord {
	if s.Holiday == nil {
		if hist.YTD == nil {
			return nil
		}
		return hist.YTD.Holiday
	}
	r := dpcoop.HolidayAfter(hist.Holiday(), s)
	return &r
}
