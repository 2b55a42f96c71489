package payrun

import (
	"context"
	"sort"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// statutoryWeeks is how far back the members a sick PA normally supports
// are found: their hours in the 12 weeks before the statutory pay began.
const statutoryWeeks = 12

// periodEnd is the last day of a pay month.
func periodEnd(month string) dpcoop.Date {
	t, _ := time.Parse(dpcoop.MonthLayout, month) // checked at start
	return dpcoop.Date(t.AddDate(0, 1, -1).Format(dpcoop.DateLayout))
}

// statutoryDue is the SSP, SMP and SPP a PA's history makes due in a month's
// run: the engine's parts and weeks, and what the payslip records.
func statutoryDue(pa dpcoop.PA, hist dpcoop.PayHistory, s dpcoop.PayrollSettings, month string) ([]payroll.Sickness, []payroll.ParentalWeek, dpcoop.StatutoryPaid, error) {
	var paid dpcoop.StatutoryPaid
	if len(hist.Sickness) == 0 && len(hist.Parental) == 0 {
		return nil, nil, paid, nil
	}
	end := periodEnd(month)
	ssp, err := hist.SSPDue(pa, s, month, end)
	if err != nil {
		return nil, nil, paid, err
	}
	weeks, err := hist.ParentalDue(pa, s, month, end)
	if err != nil {
		return nil, nil, paid, err
	}
	paid.SSPDays, paid.SSPWithheld = ssp.Days, ssp.Withheld
	for _, w := range weeks {
		d := dpcoop.Date(w.Start.Format(dpcoop.DateLayout))
		if w.Kind == payroll.KindSMP {
			paid.SMPWeeks = append(paid.SMPWeeks, d)
		} else {
			paid.SPPWeeks = append(paid.SPPWeeks, d)
		}
	}
	return ssp.Parts, weeks, paid, nil
}

// idleStatutory adds to a month's work every PA who did no work but has
// statutory pay due in it (off sick all month, or on maternity leave). Only
// the histories of PAs without work are read.
func idleStatutory(ctx context.Context, store Store, coop dpcoop.CoopID, s dpcoop.PayrollSettings, month string, work []Work, emps []dpcoop.Employment) ([]Work, error) {
	seen := map[string]bool{}
	for _, w := range work {
		seen[w.PA] = true
	}
	for _, e := range emps {
		if seen[e.PA] {
			continue
		}
		seen[e.PA] = true
		hist, err := store.PayHistory(ctx, coop, e.PA)
		if err != nil {
			return nil, classify(err)
		}
		if len(hist.Sickness) == 0 && len(hist.Parental) == 0 {
			continue
		}
		pa, err := store.PA(ctx, coop, e.PA)
		if err != nil {
			return nil, classify(err)
		}
		if pa.Status != dpcoop.PAActive {
			continue
		}
		// An error is the calculate step's to report, as a problem of the PA.
		if _, _, paid, err := statutoryDue(pa, hist, s, month); err != nil || earliest(paid) != "" {
			work = append(work, Work{PA: e.PA})
		}
	}
	sort.Slice(work, func(i, j int) bool { return work[i].PA < work[j].PA })
	return work, nil
}

// statutoryMembers are the members who pay for a PA's statutory pay in the
// month: those they supported in the 12 weeks before it began, by minutes.
// None when nothing is due, or when the co-op bears it.
func statutoryMembers(ctx context.Context, store Store, coop dpcoop.CoopID, s dpcoop.PayrollSettings, month string, pa dpcoop.PA, hist dpcoop.PayHistory, emps []dpcoop.Employment, months map[string][]dpcoop.Shift) ([]dpcoop.MemberWork, error) {
	if s.StatutoryCharge == dpcoop.StatutoryChargeCoop {
		return nil, nil
	}
	_, _, paid, err := statutoryDue(pa, hist, s, month)
	if first := earliest(paid); err == nil && first != "" {
		return supportedBefore(ctx, store, coop, pa.ID, first, emps, months)
	}
	return nil, nil
}

// earliest is the first day of SSP or first week of SMP or SPP paid.
func earliest(p dpcoop.StatutoryPaid) dpcoop.Date {
	var first dpcoop.Date
	for _, days := range [][]dpcoop.Date{p.SSPDays, p.SMPWeeks, p.SPPWeeks} {
		if len(days) > 0 && (first == "" || days[0].Before(first)) {
			first = days[0]
		}
	}
	return first
}

// supportedBefore adds up, per member (or pool), the minutes of the PA's
// approved shifts in the 12 weeks before day.
func supportedBefore(ctx context.Context, store Store, coop dpcoop.CoopID, pa string, day dpcoop.Date, emps []dpcoop.Employment, months map[string][]dpcoop.Shift) ([]dpcoop.MemberWork, error) {
	from := dpcoop.Date(day.Time().AddDate(0, 0, -7*statutoryWeeks).Format(dpcoop.DateLayout))
	var shifts []dpcoop.Shift
	for m := from.Time().Format(dpcoop.MonthLayout); m <= day.Time().Format(dpcoop.MonthLayout); m = dpcoop.NextMonth(m) {
		if _, ok := months[m]; !ok {
			got, err := monthShifts(ctx, store, coop, m)
			if err != nil {
				return nil, err
			}
			months[m] = got
		}
		for _, s := range months[m] {
			if s.PA == pa && !s.Date.Before(from) && s.Date.Before(day) {
				shifts = append(shifts, s)
			}
		}
	}
	for _, w := range MonthWork(shifts, emps) {
		out := make([]dpcoop.MemberWork, 0, len(w.Members))
		for _, m := range w.Members {
			out = append(out, dpcoop.MemberWork{Member: m.Member, Minutes: m.Minutes})
		}
		return out, nil
	}
	return nil, nil
}

// CheckSSPWithheld: SSP for days from the 8th of an absence waits for a fit
// note; the first run after the co-op records one pays it.
const CheckSSPWithheld = "ssp_withheld_no_fit_note"
