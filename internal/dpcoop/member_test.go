package dpcoop_test

import (
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestSubjectYearsCoverEveryDateOnce: the pages from the current year back to
// the year entered run into each other with no gap or overlap, the first
// without end and the last from the beginning.
func TestSubjectYearsCoverEveryDateOnce(t *testing.T) {
	for _, c := range []struct {
		year, current int
		entered       dpcoop.Date
		want          dpcoop.SubjectYear
	}{
		{2026, 2026, "2024-06-01", dpcoop.SubjectYear{Year: 2026, Next: 2025, From: "2026-01-01", To: "9999-12-31"}},
		{2025, 2026, "2024-06-01", dpcoop.SubjectYear{Year: 2025, Next: 2024, From: "2025-01-01", To: "2025-12-31"}},
		{2024, 2026, "2024-06-01", dpcoop.SubjectYear{Year: 2024, Next: 0, From: "0000-01-01", To: "2024-12-31"}},
		{2020, 2026, "2024-06-01", dpcoop.SubjectYear{Year: 2020, Next: 0, From: "0000-01-01", To: "2020-12-31"}},
		{2026, 2026, "2026-04-01", dpcoop.SubjectYear{Year: 2026, Next: 0, From: "0000-01-01", To: "9999-12-31"}},
		{2026, 2026, "", dpcoop.SubjectYear{Year: 2026, Next: 0, From: "0000-01-01", To: "9999-12-31"}},
	} {
		if got := dpcoop.SubjectYearOf(c.year, c.current, c.entered); got != c.want {
			t.Errorf("SubjectYearOf(%d, %d, %q) = %+v, want %+v", c.year, c.current, c.entered, got, c.want)
		}
	}
	// Following the pages, each ends the day before the one before it starts.
	y := dpcoop.SubjectYearOf(2026, 2026, "2019-03-04")
	for y.Next != 0 {
		next := dpcoop.SubjectYearOf(y.Next, 2026, "2019-03-04")
		if next.To.AddDays(1) != y.From {
			t.Fatalf("%d's page ends %s, %d's starts %s", next.Year, next.To, y.Year, y.From)
		}
		y = next
	}
	if y.Year != 2019 || y.From != dpcoop.WholeHistory.From {
		t.Fatalf("the last page %+v, want 2019's from the beginning", y)
	}
}
