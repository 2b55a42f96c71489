package payroll

import "testing"

func TestHolidayShare2026(t *testing.T) {
	y := year2026(t)
	// 100 hours: 6000 minutes × 12.07 % = 724.2 → 725 minutes (rounded up).
	if got := y.HolidayShare(6000); got != 725 {
		t.Errorf("accrued minutes = %d, want 725", got)
	}
	// Rolled up on £1,271.00: 153.4097 → £153.41.
	if got := y.HolidayShare(127100); got != 15341 {
		t.Errorf("rolled-up pay = %d, want 15341", got)
	}
	if got := y.HolidayShare(-5); got != 0 {
		t.Errorf("negative amounts accrue nothing, got %d", got)
	}
}

func TestWageBands2026(t *testing.T) {
	start := date(2026, 5, 1)
	rates, err := WageRatesOn(start)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name       string
		age        int
		apprentice bool
		band       WageBand
		rate       int64
		check      Check
	}{
		{"21 and over", 21, false, BandNationalLivingWage, 1271, CheckBelowNationalLivingWage},
		{"18 to 20", 20, false, Band18To20, 1085, CheckBelowMinimumWage18To20},
		{"16 to 17", 17, false, Band16To17, 800, CheckBelowMinimumWage16To17},
		{"apprentice", 18, true, BandApprentice, 800, CheckBelowApprenticeRate},
		{"under 16", 15, false, BandUnder16, 0, ""},
	}
	for _, c := range cases {
		dob := start.AddDate(-c.age, 0, 0)
		band := WageBandFor(dob, start, c.apprentice)
		rate, check := rates.Minimum(band)
		if band != c.band || rate != c.rate || check != c.check {
			t.Errorf("%s: got %v %d %q, want %v %d %q", c.name, band, rate, check, c.band, c.rate, c.check)
		}
	}
	// The rates change on 1 April, not 6 April.
	if r, _ := WageRatesOn(date(2026, 3, 31)); r.NationalLivingWage != 1221 {
		t.Errorf("31 March 2026: NLW %d, want 1221", r.NationalLivingWage)
	}
	if r, _ := WageRatesOn(date(2026, 4, 1)); r.NationalLivingWage != 1271 || r.RealLivingWage != 1345 {
		t.Errorf("1 April 2026: %+v", r)
	}
	if _, err := WageRatesOn(date(2020, 4, 1)); err == nil {
		t.Error("no rates before 2025 should be an error")
	}
}

func TestStatutorySickPay(t *testing.T) {
	y26, y25 := year2026(t), mustYear(t, date(2025, 4, 6))
	cases := []struct {
		name string
		y    *Year
		in   Sickness
		want SickPay
	}{
		// 2026-27: from day one; 123.25 a week, 5 qualifying days: 3 days =
		// 123.25 × 3 / 5 = 73.95.
		{"2026 three days", y26, Sickness{AverageWeeklyEarnings: 30000, QualifyingDaysPerWeek: 5, SickQualifyingDays: 3}, SickPay{WeeklyRate: 12325, PaidDays: 3, Amount: 7395}},
		// 80 % of £100 average weekly earnings is lower: 80.00 a week, 3 days 48.00.
		{"2026 low earner", y26, Sickness{AverageWeeklyEarnings: 10000, QualifyingDaysPerWeek: 5, SickQualifyingDays: 3}, SickPay{WeeklyRate: 8000, PaidDays: 3, Amount: 4800}},
		// 7 days on a 5-day pattern: one week 123.25 + 2 days 49.30.
		{"2026 a week and two days", y26, Sickness{AverageWeeklyEarnings: 30000, QualifyingDaysPerWeek: 5, SickQualifyingDays: 7}, SickPay{WeeklyRate: 12325, PaidDays: 7, Amount: 17255}},
		// 4-day pattern, 1 day: 123.25 / 4 = 30.8125 → 30.82 (rounded up).
		{"2026 part day rounds up", y26, Sickness{AverageWeeklyEarnings: 30000, QualifyingDaysPerWeek: 4, SickQualifyingDays: 1}, SickPay{WeeklyRate: 12325, PaidDays: 1, Amount: 3082}},
		// 2025-26: 3 waiting days; 5 days sick pays 2 × 118.75 / 5 = 47.50.
		{"2025 waiting days", y25, Sickness{AverageWeeklyEarnings: 30000, QualifyingDaysPerWeek: 5, SickQualifyingDays: 5}, SickPay{WeeklyRate: 11875, WaitingDays: 3, PaidDays: 2, Amount: 4750}},
		// Waiting days already served in a linked period are not served again.
		{"2025 linked period", y25, Sickness{AverageWeeklyEarnings: 30000, QualifyingDaysPerWeek: 5, SickQualifyingDays: 5, WaitingDaysServed: 3}, SickPay{WeeklyRate: 11875, PaidDays: 5, Amount: 11875}},
		// Under the £125 LEL: no SSP in 2025-26.
		{"2025 below the LEL", y25, Sickness{AverageWeeklyEarnings: 12499, QualifyingDaysPerWeek: 5, SickQualifyingDays: 5}, SickPay{WeeklyRate: 11875, BelowLowerEarningsLimit: true}},
	}
	for _, c := range cases {
		got, err := c.y.StatutorySickPay(c.in)
		if err != nil || got != c.want {
			t.Errorf("%s: got %+v, %v; want %+v", c.name, got, err, c.want)
		}
	}
	if _, err := y26.StatutorySickPay(Sickness{QualifyingDaysPerWeek: 0}); err == nil {
		t.Error("zero qualifying days accepted")
	}
}

func TestMileagePay2026(t *testing.T) {
	y := year2026(t)
	cases := []struct {
		name                  string
		m                     Mileage
		paid, taxable, niable int64
	}{
		{"100 miles at 45p: all approved", Mileage{Tenths: 1000, RatePence: 45}, 4500, 0, 0},
		{"100 miles at 50p: 5p a mile over", Mileage{Tenths: 1000, RatePence: 50}, 5000, 500, 500},
		// Crossing 10,000 miles: 50 at 45p + 50 at 25p = 35.00 tax-free, but
		// 45p a mile stays NI-free for every mile.
		{"crossing 10,000 miles", Mileage{Tenths: 1000, RatePence: 45, TenthsToDate: 99500}, 4500, 1000, 0},
		{"12.5 miles at 45p", Mileage{Tenths: 125, RatePence: 45}, 563, 0, 0},
	}
	for _, c := range cases {
		p, tx, ni := y.mileagePay(c.m)
		if p != c.paid || tx != c.taxable || ni != c.niable {
			t.Errorf("%s: got %d %d %d, want %d %d %d", c.name, p, tx, ni, c.paid, c.taxable, c.niable)
		}
	}
}
