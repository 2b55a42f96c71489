package dpcoop

import (
	"testing"
	"time"
)

func TestTaxYearEndAndPayslipRetention(t *testing.T) {
	for _, tc := range []struct {
		pay       Date
		end, kept Date
	}{
		{"2026-04-05", "2026-04-05", "2032-07-05"},
		{"2026-04-06", "2027-04-05", "2033-07-05"},
		{"2026-11-07", "2027-04-05", "2033-07-05"},
		{"2027-01-01", "2027-04-05", "2033-07-05"},
		{"2024-02-29", "2024-04-05", "2030-07-05"},
	} {
		end, ok1 := TaxYearEnd(tc.pay)
		kept, ok2 := PayslipKeptUntil(tc.pay)
		if !ok1 || !ok2 || end != tc.end || kept != tc.kept {
			t.Errorf("paid %s: tax year ends %s, kept until %s; want %s and %s", tc.pay, end, kept, tc.end, tc.kept)
		}
		// At least three years after the tax year (HMRC), six after the pay.
		if kept < Date(end.Time().AddDate(3, 0, 0).Format(DateLayout)) || kept < Date(tc.pay.Time().AddDate(6, 0, 0).Format(DateLayout)) {
			t.Errorf("paid %s: kept until %s is too short", tc.pay, kept)
		}
		if PayslipExpired(tc.pay, tc.kept) || !PayslipExpired(tc.pay, Date(tc.kept.Time().AddDate(0, 0, 1).Format(DateLayout))) {
			t.Errorf("paid %s: expiry is not the day after %s", tc.pay, tc.kept)
		}
	}
	for _, bad := range []Date{"", "2026-13-01", "soon"} {
		if _, ok := PayslipKeptUntil(bad); ok || PayslipExpired(bad, "2100-01-01") {
			t.Errorf("an unreadable pay date %q may expire", bad)
		}
	}
}

// TestPayslipsExpiringBeforeNeverHidesAnExpiredPayslip: on the first day a
// payslip expires (and so on every later day, the bound only grows), its month
// (the month before its pay date) is before the bound the store reads to.
func TestPayslipsExpiringBeforeNeverHidesAnExpiredPayslip(t *testing.T) {
	for d := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2022; d = d.AddDate(0, 0, 1) {
		pay := Date(d.Format(DateLayout))
		kept, _ := PayslipKeptUntil(pay)
		first := Date(kept.Time().AddDate(0, 0, 1).Format(DateLayout))
		month := time.Date(d.Year(), d.Month()-1, 1, 0, 0, 0, 0, time.UTC).Format(MonthLayout)
		if bound := PayslipsExpiringBefore(first); !(month < bound) {
			t.Fatalf("paid %s (month %s) expires on %s but the store reads only months before %s", pay, month, first, bound)
		}
	}
}
