package payroll

import (
	"testing"
	"time"
)

func TestTaxPeriods(t *testing.T) {
	cases := []struct {
		d           time.Time
		week, month int
	}{
		{date(2026, 4, 6), 1, 1},
		{date(2026, 4, 12), 1, 1},
		{date(2026, 4, 13), 2, 1},
		{date(2026, 5, 5), 5, 1},
		{date(2026, 5, 6), 5, 2},
		{date(2027, 1, 5), 40, 9},
		{date(2027, 1, 6), 40, 10},
		{date(2027, 4, 4), 52, 12},
		{date(2027, 4, 5), 53, 12}, // day 365: week 53
		{date(2028, 4, 4), 53, 12}, // 2027-28 is a leap year: 4 and 5 April are week 53
		{time.Date(2026, 4, 6, 23, 30, 0, 0, time.FixedZone("BST", 3600)), 1, 1},
	}
	for _, c := range cases {
		if w, m := TaxWeek(c.d), TaxMonth(c.d); w != c.week || m != c.month {
			t.Errorf("%s: week %d month %d, want %d %d", c.d.Format(time.DateOnly), w, m, c.week, c.month)
		}
	}
	if TaxPeriod(date(2026, 4, 20), Fortnightly) != 3 || TaxPeriod(date(2026, 4, 20), Monthly) != 1 {
		t.Error("TaxPeriod must use the tax week of the payday for weekly-based pay")
	}
}

func TestParseFrequency(t *testing.T) {
	for f := Weekly; f <= Monthly; f++ {
		if got, err := ParseFrequency(f.String()); err != nil || got != f {
			t.Errorf("%s: %v %v", f, got, err)
		}
	}
	if _, err := ParseFrequency("daily"); err == nil {
		t.Error("daily accepted")
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
