package dpcoop

import (
	"time"
	_ "time/tzdata" // Lambda images need not carry zoneinfo; the register's dates are UK dates
)

// London is the zone every civil date of the service is reckoned in: a member
// who joins at 00:30 BST on 1 May joined on 1 May.
var London = mustLoad("Europe/London")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// DateLayout is the only date format the API reads and writes (ISO 8601).
const DateLayout = "2006-01-02"

// Date is a civil date (no time, no zone) such as a date entered on the
// register; it is kept as its ISO text, which sorts in date order.
type Date string

// ParseDate accepts a real calendar date in ISO form, nothing looser.
func ParseDate(s string) (Date, bool) {
	t, err := time.Parse(DateLayout, s)
	if err != nil || t.Format(DateLayout) != s {
		return "", false
	}
	return Date(s), true
}

// DateOf is the UK civil date of an instant.
func DateOf(t time.Time) Date { return Date(t.In(London).Format(DateLayout)) }

// Before reports whether d is earlier than other.
func (d Date) Before(other Date) bool { return d < other }

// AddDays is the date n days after d (before it for a negative n).
func (d Date) AddDays(n int) Date { return Date(d.Time().AddDate(0, 0, n).Format(DateLayout)) }

// Month is a calendar month, "2026-10": the month work is done in and
// charged for, and the month a statement covers.
type Month string

// Bounds are the month's first and last days.
func (m Month) Bounds() (Date, Date) {
	first := Date(string(m) + "-01")
	return first, Date(first.Time().AddDate(0, 1, -1).Format(DateLayout))
}

// Month is the calendar month ("2026-10") d falls in.
func (d Date) Month() string { return string(d)[:7] }
