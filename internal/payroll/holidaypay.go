package payroll

import "time"

// Holiday pay for leave an irregular-hours worker takes (Working Time
// Regulations 1998, regs. 15B and 16; Employment Rights Act 1996, ss. 221-224
// and 229): a week's pay is the average weekly pay of the 52 weeks before
// the leave in which the worker was paid, going back no more than 104 weeks.
// Leave under reg. 15B is counted in hours, so it is paid by the hour at
// that average week's pay divided by the average week's hours worked, over
// the same weeks: total pay ÷ total hours.

// Reference-period limits, in days (weeks of seven days).
const (
	referenceDays = 52 * 7  // the weeks averaged
	lookBackDays  = 104 * 7 // how far back a paid week may be
)

// PayPeriod is one earlier pay period's pay for work and hours worked, for
// the reference period. A monthly period counts as Days/7 weeks (ERA 1996
// s. 229(2): pay for a period that is not a week is apportioned justly).
type PayPeriod struct {
	Start   time.Time // the period's first day
	Days    int64     // its length in days
	Pay     int64     // pence: remuneration for work, without expenses, sick or holiday pay
	Minutes int64     // minutes worked
}

// HolidayRate is the hourly rate, in pence, that leave starting a pay
// period on start is paid at: the pay and hours of the most recent periods
// before start in which the worker was paid for work, up to 52 weeks of
// them, no period starting more than 104 weeks before start; the oldest
// period taken is cut to the days still needed, pay and hours alike. The
// rate is rounded up to the penny, in the worker's favour. Periods may come
// in any order. When no period falls in the 104 weeks (a long absence), the
// latest paid period before start is used alone. It reports false when
// there is no paid period at all.
func HolidayRate(periods []PayPeriod, start time.Time) (int64, bool) {
	var paid []PayPeriod
	for _, p := range periods {
		if p.Pay > 0 && p.Minutes > 0 && p.Days > 0 && p.Start.Before(start) {
			paid = append(paid, p)
		}
	}
	if len(paid) == 0 {
		return 0, false
	}
	for i := 1; i < len(paid); i++ { // newest first
		for j := i; j > 0 && paid[j].Start.After(paid[j-1].Start); j-- {
			paid[j], paid[j-1] = paid[j-1], paid[j]
		}
	}
	earliest := start.AddDate(0, 0, -lookBackDays)
	// pay and minutes are scaled by the last period's days, so that a part
	// of it is counted exactly: total = Σ whole × D + part × d.
	var pay, minutes, days int64
	var lastPay, lastMinutes, lastDays, lastUsed int64
	for _, p := range paid {
		if p.Start.Before(earliest) || days >= referenceDays {
			break
		}
		pay, minutes = pay+lastPay, minutes+lastMinutes // the previous period was whole
		use := min(p.Days, referenceDays-days)
		lastPay, lastMinutes, lastDays, lastUsed = p.Pay, p.Minutes, p.Days, use
		days += use
	}
	if lastDays == 0 { // nothing within 104 weeks: the latest paid period
		p := paid[0]
		pay, minutes, lastPay, lastMinutes, lastDays, lastUsed = 0, 0, p.Pay, p.Minutes, p.Days, p.Days
	}
	num := pay*lastDays + lastPay*lastUsed
	den := minutes*lastDays + lastMinutes*lastUsed
	return ceilDiv(num*60, den), true
}
