package dpcoop

import (
	"testing"
	"time"
)

func TestBankHolidaysAreWeekdaysAndKnownDates(t *testing.T) {
	for d := range bankHolidays {
		day, err := time.Parse(DateLayout, string(d))
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			t.Errorf("%s is a %s: substitute days fall on weekdays", d, wd)
		}
	}
	for _, d := range []Date{"2026-12-25", "2026-12-28", "2027-03-29", "2027-12-27"} {
		if !IsBankHoliday(d) {
			t.Errorf("%s should be a bank holiday", d)
		}
	}
	for _, d := range []Date{"2026-12-26", "2027-12-25", "2026-11-23"} {
		if IsBankHoliday(d) {
			t.Errorf("%s is not a bank holiday in England and Wales", d)
		}
	}
	n := map[string]int{}
	for d := range bankHolidays {
		n[string(d)[:4]]++
	}
	for _, y := range []string{"2025", "2026", "2027"} {
		if n[y] != 8 {
			t.Errorf("%s has %d bank holidays, want 8", y, n[y])
		}
	}
}
