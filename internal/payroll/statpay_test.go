package payroll

import (
	"errors"
	"testing"
)

func TestParentalWeeklyRate(t *testing.T) {
	cases := []struct {
		name string
		w    ParentalWeek
		want int64
	}{
		// HMRC's SMP guide: 90 % of AWE for the first 6 weeks, then the
		// lower of the standard rate and 90 % of AWE. AWE £300: £270.00,
		// then £194.32 (2026-27).
		{"SMP week 1 at 90 %", ParentalWeek{Kind: KindSMP, Start: date(2026, 6, 7), Number: 1, AverageWeeklyEarnings: 30000}, 27000},
		{"SMP week 6 at 90 %", ParentalWeek{Kind: KindSMP, Start: date(2026, 7, 12), Number: 6, AverageWeeklyEarnings: 30000}, 27000},
		{"SMP week 7 at the standard rate", ParentalWeek{Kind: KindSMP, Start: date(2026, 7, 19), Number: 7, AverageWeeklyEarnings: 30000}, 19432},
		// AWE £200: 90 % is £180.00, under the standard rate, every week.
		{"SMP week 7 at 90 % when lower", ParentalWeek{Kind: KindSMP, Start: date(2026, 7, 19), Number: 7, AverageWeeklyEarnings: 20000}, 18000},
		// 90 % of £187.33 is £168.597: rounded up to £168.60.
		{"90 % rounds up", ParentalWeek{Kind: KindSPP, Start: date(2026, 7, 19), Number: 1, AverageWeeklyEarnings: 18733}, 16860},
		{"SPP at the standard rate", ParentalWeek{Kind: KindSPP, Start: date(2026, 7, 19), Number: 1, AverageWeeklyEarnings: 50000}, 19432},
		// The rate changes for weeks beginning on or after the first Sunday
		// in April (5 April 2026), a day before the tax year.
		{"week from Saturday 4 April 2026: 2025-26 rate", ParentalWeek{Kind: KindSPP, Start: date(2026, 4, 4), Number: 1, AverageWeeklyEarnings: 50000}, 18718},
		{"week from Sunday 5 April 2026: 2026-27 rate", ParentalWeek{Kind: KindSPP, Start: date(2026, 4, 5), Number: 1, AverageWeeklyEarnings: 50000}, 19432},
	}
	for _, c := range cases {
		got, err := ParentalWeeklyRate(c.w)
		if err != nil || got != c.want {
			t.Errorf("%s: got %d, %v; want %d", c.name, got, err, c.want)
		}
	}
	// Sunday 4 April 2027 begins a 2027-28 week, whose rate is not published.
	_, err := ParentalWeeklyRate(ParentalWeek{Kind: KindSMP, Start: date(2027, 4, 4), Number: 8, AverageWeeklyEarnings: 50000})
	var ie *InputError
	if !errors.As(err, &ie) || ie.Code != CodeFigureNotPublished || ie.Figure != "statutory_parental_pay_2027_28" {
		t.Errorf("2027-28 week: %v", err)
	}
	if _, err := ParentalWeeklyRate(ParentalWeek{Kind: KindSMP, Start: date(2026, 7, 19), Number: 40}); err == nil {
		t.Error("a 40th week of SMP was accepted")
	}
}

func TestRecoverableToDate(t *testing.T) {
	// GOV.UK Recovering statutory payments: 92 % of SMP and SPP, or with
	// small employers' relief 100 % plus 8.5 % compensation (3 % until 5
	// April 2025).
	got, err := RecoverableToDate(date(2026, 9, 1), 100000, 38864, 4600000)
	if err != nil || got != (Recovery{SMPRecovered: 92000, SPPRecovered: 35755}) {
		t.Errorf("92 %%: %+v, %v", got, err)
	}
	got, err = RecoverableToDate(date(2026, 9, 1), 100000, 38864, 4500000)
	want := Recovery{SMPRecovered: 100000, SPPRecovered: 38864, NICCompensationOnSMP: 8500, NICCompensationOnSPP: 3303, SmallEmployersRelief: true}
	if err != nil || got != want {
		t.Errorf("small employers' relief at exactly £45,000: %+v, %v", got, err)
	}
	if _, err := RecoverableToDate(date(2026, 9, 1), -1, 0, 0); err == nil {
		t.Error("negative SMP accepted")
	}
}

func TestPIWAndLEL(t *testing.T) {
	if n, err := MinPIWDays(date(2026, 4, 5)); err != nil || n != 4 {
		t.Errorf("2025-26 PIW: %d, %v", n, err)
	}
	if n, err := MinPIWDays(date(2026, 4, 6)); err != nil || n != 1 {
		t.Errorf("2026-27 PIW: %d, %v", n, err)
	}
	if lel, err := LowerEarningsLimit(date(2026, 6, 1)); err != nil || lel != 12900 {
		t.Errorf("2026-27 LEL: %d, %v", lel, err)
	}
}

func TestSickPayInParts(t *testing.T) {
	// Days at the end of March 2026 paid in May 2026 keep 2025-26's rate
	// (£118.75, waiting days already served); April's are 2026-27's.
	in := simpleInput(t, 0)
	in.Lines = nil
	in.Sickness = []Sickness{
		{From: date(2026, 3, 30), AverageWeeklyEarnings: 30000, QualifyingDaysPerWeek: 5, SickQualifyingDays: 2, WaitingDaysServed: 3},
		{From: date(2026, 4, 6), AverageWeeklyEarnings: 10000, QualifyingDaysPerWeek: 5, SickQualifyingDays: 3},
	}
	got, err := Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	// 118.75 × 2/5 = 47.50, and 80 % of £100 × 3/5 = 48.00.
	if got.SickPay != (SickPay{WeeklyRate: 8000, PaidDays: 5, Amount: 9550}) || got.YearToDate.SSP != 9550 || got.Earnings != 9550 {
		t.Errorf("parts: %+v, YTD SSP %d", got.SickPay, got.YearToDate.SSP)
	}
	in.Sickness[1].From = date(2027, 4, 6)
	if _, err := Calculate(in); err == nil {
		t.Error("a 2027-28 sick day was paid without the year's SSP rate")
	}
}

func TestParentalPayOnPayslip(t *testing.T) {
	in := simpleInput(t, 0)
	in.Lines = nil
	in.Parental = []ParentalWeek{
		{Kind: KindSMP, Start: date(2026, 6, 7), Number: 6, AverageWeeklyEarnings: 30000},
		{Kind: KindSMP, Start: date(2026, 6, 14), Number: 7, AverageWeeklyEarnings: 30000},
	}
	got, err := Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	if got.ParentalPay != (ParentalPay{SMP: 46432, SMPWeeks: 2}) || got.Earnings != 46432 || got.YearToDate.SMP != 46432 {
		t.Errorf("SMP: %+v, earnings %d, YTD %+v", got.ParentalPay, got.Earnings, got.YearToDate)
	}
}
