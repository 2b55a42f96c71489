package payroll

import (
	"testing"
	"time"
)

func month(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }

func monthly(y int, m time.Month, pay, minutes int64) PayPeriod {
	start := month(y, m)
	return PayPeriod{Start: start, Days: int64(start.AddDate(0, 1, 0).Sub(start).Hours() / 24), Pay: pay, Minutes: minutes}
}

// TestHolidayRateOverFiftyTwoPaidWeeks follows the method of GOV.UK's
// "Calculating holiday pay for workers without fixed hours or pay" with
// monthly pay periods: for leave paid in May 2026, go back from April 2026,
// skip the months with no pay (March and February 2026), and stop at 364
// days (52 weeks). April 2026 (30 days, £1,000, 100 hours), May 2025 to
// January 2026 (276 days, each £1,100 for 100 hours) and April 2025 (30
// days, £1,200, 100 hours) are whole: 336 days. The last 28 days come from
// March 2025 (31 days, £930 for 51 h 40 min), pay and hours alike: 28/31 of
// them. Pay £12,100 + £930 x 28/31; hours 66,000 min + 3,100 x 28/31:
// 60 x 40,114,000 / 2,132,800 = 1,128.488... pence an hour, £11.29 rounded
// up. A period of pay in the leave's own month or later is not counted.
func TestHolidayRateOverFiftyTwoPaidWeeks(t *testing.T) {
	periods := []PayPeriod{
		monthly(2026, time.May, 500000, 6000), // the month paid: not before it
		monthly(2026, time.April, 100000, 6000),
		monthly(2026, time.March, 0, 0),
		monthly(2026, time.February, 0, 0),
		monthly(2025, time.April, 120000, 6000),
		monthly(2025, time.March, 93000, 3100),
		monthly(2025, time.February, 900000, 6000), // beyond 52 weeks
	}
	for m := time.May; m <= time.December; m++ {
		periods = append(periods, monthly(2025, m, 110000, 6000))
	}
	periods = append(periods, monthly(2026, time.January, 110000, 6000))
	rate, ok := HolidayRate(periods, month(2026, time.May))
	if !ok || rate != 1129 {
		t.Fatalf("rate %d, %v; want 1129", rate, ok)
	}
}

// TestHolidayRateLooksBackAtMost104Weeks: periods starting more than 104
// weeks (728 days) before the leave are not counted; with nothing paid
// since, the latest paid period is used alone rather than no rate at all.
func TestHolidayRateLooksBackAtMost104Weeks(t *testing.T) {
	old := monthly(2024, time.April, 90000, 6000)   // 2024-04-01: 760 days before 2026-05-01
	inside := monthly(2024, time.June, 60000, 6000) // 699 days before: counted
	if rate, ok := HolidayRate([]PayPeriod{old, inside}, month(2026, time.May)); !ok || rate != 600 {
		t.Errorf("within 104 weeks: %d, %v; want 600", rate, ok)
	}
	if rate, ok := HolidayRate([]PayPeriod{old}, month(2026, time.May)); !ok || rate != 900 {
		t.Errorf("nothing within 104 weeks: %d, %v; want the latest, 900", rate, ok)
	}
	if _, ok := HolidayRate([]PayPeriod{monthly(2026, time.April, 0, 0)}, month(2026, time.May)); ok {
		t.Error("a rate with no pay at all")
	}
}

// TestHolidayRateRoundsUpForTheWorker: £100 for 7 hours is 1,428.57...
// pence an hour, paid at 1,429.
func TestHolidayRateRoundsUpForTheWorker(t *testing.T) {
	if rate, _ := HolidayRate([]PayPeriod{monthly(2026, time.April, 10000, 420)}, month(2026, time.May)); rate != 1429 {
		t.Errorf("rate %d, want 1429", rate)
	}
}
