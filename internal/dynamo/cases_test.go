package dynamo_test

import (
	"context"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestPurgeExpiredCasesDeletesOnlyExpiredCases: a closed case goes the day
// after six years and three months from closing (its PA never left); an
// open case, a younger one and another co-op's are kept; a dry run and a
// second pass delete nothing.
func TestPurgeExpiredCasesDeletesOnlyExpiredCases(t *testing.T) {
	_, s := newDB(t, "cases")
	ctx := context.Background()
	at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	add := func(coop dpcoop.CoopID, id string, opened, closed dpcoop.Date) {
		t.Helper()
		c := dpcoop.Case{ID: id, PA: "pa1", Kind: dpcoop.CaseGrievance, Opened: opened, Summary: "s", Admins: []string{"adm1"}, Stages: []dpcoop.CaseStage{}, Recorded: at}
		if closed != "" {
			var err error
			if c, err = c.AddStage(dpcoop.StageInput{Stage: "closed", On: string(closed)}, "st-"+id, "adm1", at); err != nil {
				t.Fatal(err)
			}
		}
		if _, _, err := s.AddCase(ctx, coop, c, id); err != nil {
			t.Fatal(err)
		}
	}
	add("alpha", "old", "2020-06-01", "2020-06-30")   // kept until 2026-09-30
	add("alpha", "young", "2020-06-01", "2021-01-10") // kept until 2027-04-10
	add("alpha", "open", "2010-01-01", "")            // open: kept
	add("beta", "other", "2020-06-01", "2020-06-30")  // another co-op's
	purge := func(dry bool, want dpcoop.Purged) {
		t.Helper()
		got, err := s.PurgeExpiredCases(ctx, "alpha", "2026-12-07", dry)
		if err != nil || got != want {
			t.Fatalf("dry %v: %+v %v, want %+v", dry, got, err, want)
		}
	}
	purge(true, dpcoop.Purged{Examined: 2, Deleted: 1})
	if _, err := s.Case(ctx, "alpha", "old"); err != nil {
		t.Fatalf("a dry run deleted: %v", err)
	}
	purge(false, dpcoop.Purged{Examined: 2, Deleted: 1})
	if _, err := s.Case(ctx, "alpha", "old"); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Fatalf("the expired case is still there: %v", err)
	}
	for _, k := range [][2]string{{"alpha", "young"}, {"alpha", "open"}, {"beta", "other"}} {
		if _, err := s.Case(ctx, dpcoop.CoopID(k[0]), k[1]); err != nil {
			t.Errorf("%s lost: %v", k, err)
		}
	}
	purge(false, dpcoop.Purged{Examined: 1, Deleted: 0})
}
