package payroll

import (
	"fmt"
	"time"
)

// Frequency is how often a PA is paid; it selects the per-period thresholds
// and how PAYE pro-rates the year.
type Frequency int

// The pay frequencies HMRC's tables support. The zero value is invalid so a
// forgotten field is caught rather than silently treated as weekly.
const (
	Weekly Frequency = iota + 1
	Fortnightly
	FourWeekly
	Monthly
)

var frequencyNames = [...]string{Weekly: "weekly", Fortnightly: "fortnightly", FourWeekly: "four-weekly", Monthly: "monthly"}

// String returns the stable lower-case name used in data files and APIs.
func (f Frequency) String() string {
	if !f.valid() {
		return fmt.Sprintf("Frequency(%d)", int(f))
	}
	return frequencyNames[f]
}

// ParseFrequency reads a frequency name ("weekly", "fortnightly",
// "four-weekly", "monthly") as stored by the caller.
func ParseFrequency(s string) (Frequency, error) {
	for f := Weekly; f <= Monthly; f++ {
		if frequencyNames[f] == s {
			return f, nil
		}
	}
	return 0, inputError("frequency", CodeInvalidFrequency, fmt.Sprintf("unknown pay frequency %q (want weekly, fortnightly, four-weekly or monthly)", s))
}

func (f Frequency) valid() bool { return f >= Weekly && f <= Monthly }

// weeks is the number of tax weeks one pay period covers (0 for monthly).
func (f Frequency) weeks() int64 {
	switch f {
	case Weekly:
		return 1
	case Fortnightly:
		return 2
	case FourWeekly:
		return 4
	}
	return 0
}

// periodsPerYear is the divisor PAYE uses to pro-rate annual figures:
// weekly-based payrolls count in tax weeks (52), monthly ones in tax months.
func (f Frequency) periodsPerYear() int64 {
	if f == Monthly {
		return 12
	}
	return 52
}

// civil drops the clock and zone from t, keeping its calendar date: pay
// dates are dates, and a date must not move when a zone changes.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// taxYearStartYear is the calendar year in which the tax year containing
// date began (tax years run 6 April to 5 April).
func taxYearStartYear(date time.Time) int {
	y, m, d := date.Date()
	if m < time.April || (m == time.April && d < 6) {
		return y - 1
	}
	return y
}

// TaxWeek is the tax week (1..53) containing date: week 1 is 6-12 April and
// the one or two days left at the end of the year are week 53.
func TaxWeek(date time.Time) int {
	start := time.Date(taxYearStartYear(date), time.April, 6, 0, 0, 0, 0, time.UTC)
	days := int(civil(date).Sub(start).Hours() / 24)
	return days/7 + 1
}

// TaxMonth is the tax month (1..12) containing date: month 1 is 6 April to
// 5 May.
func TaxMonth(date time.Time) int {
	_, m, d := date.Date()
	month := int(m) - 3
	if d < 6 {
		month--
	}
	if month < 1 {
		month += 12
	}
	return month
}

// TaxPeriod is the period number PAYE uses for a payment on payDate: the tax
// month for monthly pay, otherwise the tax week in which the payday falls
// (HMRC's rule for fortnightly and four-weekly pay too).
func TaxPeriod(payDate time.Time, f Frequency) int {
	if f == Monthly {
		return TaxMonth(payDate)
	}
	return TaxWeek(payDate)
}
