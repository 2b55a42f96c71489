package storetest

import (
	"context"
	"testing"

	"github.com/dpcoop/dpcoop/internal/cases"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Cases tests cases.Store: a case is opened once per request, a stage is
// added only over the stages it was checked against, and no case is read
// from or written to another co-op.
func Cases(t *testing.T, open Open[cases.Store]) {
	run(t, open, map[string]func(*testing.T, cases.Store, Fixture){
		"ACaseIsOpenedOnce":   aCaseIsOpenedOnce,
		"AStageIsNotRaced":    aStageIsNotRaced,
		"ACaseStaysInItsCoop": aCaseStaysInItsCoop,
	})
}

func newCase(pa string) dpcoop.Case {
	return dpcoop.Case{ID: dpcoop.NewID(), PA: pa, Kind: dpcoop.CaseGrievance, Opened: "2026-11-02", Summary: "s",
		Admins: []string{"admin"}, Stages: []dpcoop.CaseStage{}, OpenedBy: "admin", Recorded: Day}
}

// The same request again finds the case it made; another request with the
// same id is refused.
func aCaseIsOpenedOnce(t *testing.T, s cases.Store, f Fixture) {
	ctx := context.Background()
	c := newCase(f.PA(t).ID)
	if got, created, err := s.AddCase(ctx, f.Coop, c, "fp1"); err != nil || !created || got.ID != c.ID {
		t.Fatalf("first: %+v %v %v", got, created, err)
	}
	if got, created, err := s.AddCase(ctx, f.Coop, c, "fp1"); err != nil || created || got.Summary != "s" {
		t.Fatalf("again: %+v %v %v", got, created, err)
	}
	other := c
	other.Summary = "another"
	_, _, err := s.AddCase(ctx, f.Coop, other, "fp2")
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeIdempotencyMismatch)
	if got := must(s.Case(ctx, f.Coop, c.ID))(t); got.Summary != "s" {
		t.Fatalf("overwritten: %+v", got)
	}
}

// A stage checked against a case that gained another stage meanwhile is a
// conflict, and writes nothing.
func aStageIsNotRaced(t *testing.T, s cases.Store, f Fixture) {
	ctx := context.Background()
	c := must(func() (dpcoop.Case, error) {
		c, _, err := s.AddCase(ctx, f.Coop, newCase(f.PA(t).ID), "fp")
		return c, err
	}())(t)
	first, err := c.AddStage(dpcoop.StageInput{Stage: "raised", On: "2026-11-02"}, "s1", "admin", Day)
	noErr(t, err)
	noErr(t, s.ReplaceCase(ctx, f.Coop, first, 0))
	late, err := c.AddStage(dpcoop.StageInput{Stage: "closed", On: "2026-11-03"}, "s2", "admin", Day)
	noErr(t, err)
	wantCode(t, s.ReplaceCase(ctx, f.Coop, late, 0), dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	if got := must(s.Case(ctx, f.Coop, c.ID))(t); len(got.Stages) != 1 || got.Stages[0].ID != "s1" || got.Closed != "" {
		t.Fatalf("stages %+v", got.Stages)
	}
}

// Another co-op neither reads nor lists the case.
func aCaseStaysInItsCoop(t *testing.T, s cases.Store, f Fixture) {
	ctx := context.Background()
	c := newCase(f.PA(t).ID)
	must(func() (dpcoop.Case, error) { c, _, err := s.AddCase(ctx, f.Coop, c, "fp"); return c, err }())(t)
	_, err := s.Case(ctx, f.Other, c.ID)
	wantNotFound(t, err)
	if list := must(s.Cases(ctx, f.Other))(t); len(list) != 0 {
		t.Fatalf("another co-op lists %+v", list)
	}
	if list := must(s.Cases(ctx, f.Coop))(t); len(list) != 1 || list[0].ID != c.ID {
		t.Fatalf("the co-op lists %+v", list)
	}
}
