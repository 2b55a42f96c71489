// Package testclock is the one clock every test that is about "now" reads:
// seeded demo data, tokens and their expiry, dates in the future, last month.
// Tests that took the wall clock broke as the calendar moved past the dates
// their fixtures assumed; tests that read this clock run on the same day
// whenever they run, and on any other day on request, so a change that only
// works on one date is found before that date passes.
//
// The base date is DPCOOP_TEST_DATE (YYYY-MM-DD, Europe/London), or 23
// November 2026 when it is unset; the time of day is always 10:00 London.
// make test-dates runs the tests that read it on other dates.
package testclock

import (
	"fmt"
	"os"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Env names the variable that moves the tests' base date.
const Env = "DPCOOP_TEST_DATE"

// DefaultDate is the base date when Env is unset: a day in the 2026-27 tax
// year the figures of the hand-worked fixtures were checked on.
const DefaultDate = "2026-11-23"

// Now is the tests' base instant: 10:00 in London on Env's date, or on
// DefaultDate. An Env that is not a YYYY-MM-DD date panics, so a mistyped
// date never runs the tests on a day nobody asked for.
func Now() time.Time {
	s, ok := os.LookupEnv(Env)
	if !ok || s == "" {
		s = DefaultDate
	}
	d, err := time.ParseInLocation(dpcoop.DateLayout, s, dpcoop.London)
	if err != nil || d.Format(dpcoop.DateLayout) != s {
		panic(fmt.Sprintf("testclock: %s=%q is not a date YYYY-MM-DD", Env, s))
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, dpcoop.London)
}

// Clock is Now as a clock to hand to what takes one (local.Options.Now,
// handler dependencies): it reads the base instant once and never moves.
func Clock() func() time.Time {
	now := Now()
	return func() time.Time { return now }
}
