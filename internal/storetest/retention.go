package storetest

import (
	"context"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/retention"
)

// Retention tests retention.Store: every co-op is listed once across pages,
// and a co-op's purge deletes its own expired payslips, once, and nothing
// in a dry run.
func Retention(t *testing.T, open Open[retention.Store]) {
	run(t, open, map[string]func(*testing.T, retention.Store, Fixture){
		"CoopsPageWithoutSkipOrRepeat": coopsPageWithoutSkipOrRepeat,
		"PurgeDeletesOwnExpiredOnce":   purgeDeletesOwnExpiredOnce,
	})
}

func coopsPageWithoutSkipOrRepeat(t *testing.T, s retention.Store, f Fixture) {
	ctx := context.Background()
	for _, limit := range []int{3, 10} {
		seen := map[dpcoop.CoopID]int{}
		for _, c := range pages(t, limit, func(p dpcoop.PageRequest) (dpcoop.Page[dpcoop.Coop], error) { return s.Coops(ctx, p) }) {
			seen[c.ID]++
			if seen[c.ID] > 1 {
				t.Fatalf("pages of %d listed %s twice", limit, c.ID)
			}
		}
		if seen[f.Coop] != 1 || seen[f.Other] != 1 {
			t.Fatalf("pages of %d listed %s %d times and %s %d times", limit, f.Coop, seen[f.Coop], f.Other, seen[f.Other])
		}
	}
}

func purgeDeletesOwnExpiredOnce(t *testing.T, s retention.Store, f Fixture) {
	ctx := context.Background()
	// Tax year 2018-19 (paid 7 March 2019): kept until 5 July 2025.
	f.Payslip(t, f.Coop, "2019-02", "pa1", "2019-03-07")
	// Tax year 2020-21: kept until 5 July 2027.
	f.Payslip(t, f.Coop, "2020-03", "pa1", "2020-04-06")
	f.Payslip(t, f.Other, "2015-01", "pa1", "2015-02-07")
	purge := func(c dpcoop.CoopID, today dpcoop.Date, dry bool, deleted int) {
		t.Helper()
		if got := must(s.PurgeExpiredPayslips(ctx, c, today, dry))(t); got.Deleted != deleted {
			t.Fatalf("%s on %s (dry %v): %+v, want %d deleted", c, today, dry, got, deleted)
		}
	}
	purge(f.Coop, "2025-07-05", false, 0) // its last day to keep
	purge(f.Coop, "2025-07-06", true, 1)  // a dry run deletes nothing…
	purge(f.Coop, "2025-07-06", false, 1) // …so it is still there to delete
	purge(f.Coop, "2025-07-06", false, 0)
	purge(f.Other, "2040-01-01", false, 1) // its own payslip alone
	purge(f.Coop, "2040-01-01", false, 1)
}
