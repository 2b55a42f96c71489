package dpcoop

import "time"

// PayRecord is what one final run paid a PA, kept in their pay history:
// the earnings that later average weekly earnings are worked out from, and
// the statutory pay days and weeks it paid, so no re-run pays them again.
type PayRecord struct {
	Month   string `json:"month"`
	PayDate Date   `json:"pay_date"`
	// Earnings is the gross pay subject to Class 1 NI (SSP, SMP and SPP
	// included, as the law counts them).
	Earnings int64  `json:"earnings_pence"`
	SSPDays  []Date `json:"ssp_days,omitempty"`
	SSP      int64  `json:"ssp_pence,omitempty"`
	// SMPWeeks and SPPWeeks are the first days of the weeks paid.
	SMPWeeks []Date `json:"smp_weeks,omitempty"`
	SMP      int64  `json:"smp_pence,omitempty"`
	SPPWeeks []Date `json:"spp_weeks,omitempty"`
	SPP      int64  `json:"spp_pence,omitempty"`
}

// AWE is a PA's average weekly earnings for statutory pay, and how it was
// found, so an admin or the PA can check it.
type AWE struct {
	Pence int64 `json:"pence"`
	// From and To are the relevant period: the day after the earlier
	// normal payday to the last normal payday, inclusive.
	From Date `json:"from"`
	To   Date `json:"to"`
	// Paid is the earnings paid in it; Months the monthly paydays in it (the
	// monthly method), or Days the days a new employee's pay covered.
	Paid   int64  `json:"paid_pence"`
	Months int    `json:"months,omitempty"`
	Days   int    `json:"days,omitempty"`
	Basis  string `json:"basis"`
}

// How average weekly earnings were found.
const (
	AWEMonthly     = "monthly"      // pay in the relevant period × 12 ÷ 52 ÷ months
	AWENewEmployee = "new_employee" // pay received ÷ days it covered × 7
	AWEContractual = "contractual"  // no pay yet: the contractual weekly pay given
)

// lastPayday is the co-op's last normal payday before day (or on it, when
// onOrBefore).
func (s PayrollSettings) lastPayday(day Date, onOrBefore bool) Date {
	m := day.Time().AddDate(0, 1, 0).Format(MonthLayout)
	for {
		p := s.PayDate(m)
		if p.Before(day) || onOrBefore && p == day {
			return p
		}
		m = addMonths(m, -1)
	}
}

func addMonths(month string, by int) string {
	t, _ := time.Parse(MonthLayout, month)
	return t.AddDate(0, by, 0).Format(MonthLayout)
}

// AverageWeeklyEarnings works out average weekly earnings over the relevant
// period ending with the normal payday last: the earnings paid after the
// last normal payday at least 8 weeks before it, up to and including it
// (SSP General Regulations 1982 reg 19; SMP General Regulations 1986 reg
// 21; Paternity and Adoption Leave pay regulations 2002 reg 40). PAs are paid
// monthly, so HMRC's method for monthly paid employees applies: the pay ×
// 12 ÷ 52 ÷ the number of months (Statutory Payments Manual SPM170300),
// rounded down to the penny. A PA who started after the period began gets
// HMRC's new employee rule: the pay they received before it ends ÷ the days
// it covered (from their start to the end of the last month paid) × 7
// (SPM170600, reg 19(7)); one with no pay yet, the contractual weekly pay
// given (SPM170500).
func (h PayHistory) AverageWeeklyEarnings(s PayrollSettings, start Date, last Date, contractual int64) AWE {
	earlier := s.lastPayday(Date(last.Time().AddDate(0, 0, -55).Format(DateLayout)), false)
	a := AWE{From: Date(earlier.Time().AddDate(0, 0, 1).Format(DateLayout)), To: last, Basis: AWEMonthly}
	if start == "" || !a.From.Before(start) {
		for m := s.monthPaidOn(last); s.PayDate(m) != earlier; m = addMonths(m, -1) {
			a.Months++
		}
		for _, r := range h.Paid {
			if earlier.Before(r.PayDate) && !last.Before(r.PayDate) {
				a.Paid += r.Earnings
			}
		}
		a.Pence = a.Paid * 12 / (52 * int64(a.Months))
		return a
	}
	a.From, a.Basis = start, AWENewEmployee
	var lastMonth string
	for _, r := range h.Paid {
		if !last.Before(r.PayDate) {
			a.Paid += r.Earnings
			lastMonth = max(lastMonth, r.Month)
		}
	}
	if lastMonth == "" {
		a.Basis, a.Pence, a.Paid = AWEContractual, contractual, 0
		return a
	}
	end, _ := time.Parse(MonthLayout, lastMonth)
	end = end.AddDate(0, 1, -1)
	a.Days = int(end.Sub(start.Time()).Hours()/24) + 1
	if a.Days > 0 {
		a.Pence = a.Paid * 7 / int64(a.Days)
	}
	return a
}

// monthPaidOn is the month whose work is paid on payday p.
func (s PayrollSettings) monthPaidOn(p Date) string {
	m := p.Time().Format(MonthLayout)
	if s.PaysWithinMonth {
		return m
	}
	return addMonths(m, -1)
}
