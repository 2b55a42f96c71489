package storetest

import (
	"context"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/pensions"
	"github.com/dpcoop/dpcoop/internal/statutorypay"
)

// StatutoryPay tests statutorypay.Store: a sickness absence is recorded
// once, and only against the absences it was checked with; a correction
// replaces only the version it follows; nothing is read from or written to
// another co-op.
func StatutoryPay(t *testing.T, open Open[statutorypay.Store]) {
	run(t, open, map[string]func(*testing.T, statutorypay.Store, Fixture){
		"SicknessIsRecordedOnceAndNotRaced": sicknessIsRecordedOnceAndNotRaced,
		"ARepeatIsNotAConflict":             aRepeatIsNotAConflict,
		"ARefusedCorrectionWritesNothing":   aRefusedCorrectionWritesNothing,
		"SicknessStaysInItsCoop":            sicknessStaysInItsCoop,
	})
}

func absence(id string, first dpcoop.Date) dpcoop.SicknessAbsence {
	return dpcoop.SicknessAbsence{ID: id, FirstDay: first, QualifyingDays: []string{"mon", "tue"}, Version: 1, Recorded: Day, RecordedBy: "admin"}
}

// An absence is recorded once; one checked against a history that gained
// another absence meanwhile is a conflict, not a second overlapping record;
// a correction of a version already replaced is a conflict too.
func sicknessIsRecordedOnceAndNotRaced(t *testing.T, s statutorypay.Store, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t).ID
	a := absence(dpcoop.NewID(), "2026-10-28")
	h, created, err := s.AddSickness(ctx, f.Coop, pa, a, 0)
	if err != nil || !created || len(h.Sickness) != 1 {
		t.Fatalf("first: %+v %v %v", h, created, err)
	}
	if h, created, err = s.AddSickness(ctx, f.Coop, pa, a, 0); err != nil || created || len(h.Sickness) != 1 {
		t.Fatalf("repeat: %+v %v %v", h, created, err)
	}
	b := absence(dpcoop.NewID(), "2026-10-29")
	_, _, err = s.AddSickness(ctx, f.Coop, pa, b, 0)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	a.LastDay, a.Version = "2026-10-30", 2
	if h, err = s.CorrectSickness(ctx, f.Coop, pa, 0, a); err != nil || h.Sickness[0].LastDay != "2026-10-30" {
		t.Fatalf("correct: %+v %v", h, err)
	}
	_, err = s.CorrectSickness(ctx, f.Coop, pa, 0, a) // still claims to follow version 1
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	if h := must(s.PayHistory(ctx, f.Coop, pa))(t); len(h.Sickness) != 1 || h.Sickness[0].Version != 2 {
		t.Fatalf("read back %+v", h.Sickness)
	}
}

// A retry of an absence already recorded, checked against the history as it
// was before, is the same absence again, not a race.
func aRepeatIsNotAConflict(t *testing.T, s statutorypay.Store, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t).ID
	a, b := absence(dpcoop.NewID(), "2026-09-01"), absence(dpcoop.NewID(), "2026-10-01")
	for i, x := range []dpcoop.SicknessAbsence{a, b} {
		if _, created, err := s.AddSickness(ctx, f.Coop, pa, x, i); err != nil || !created {
			t.Fatalf("absence %d: %v %v", i, created, err)
		}
	}
	h, created, err := s.AddSickness(ctx, f.Coop, pa, a, 0)
	if err != nil || created || len(h.Sickness) != 2 || h.Sickness[0].ID != a.ID || h.Sickness[1].ID != b.ID {
		t.Fatalf("a retry of the first absence: %v created=%v %+v", err, created, h.Sickness)
	}
}

func aRefusedCorrectionWritesNothing(t *testing.T, s statutorypay.Store, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t).ID
	a, b := absence(dpcoop.NewID(), "2026-09-01"), absence(dpcoop.NewID(), "2026-10-01")
	for i, x := range []dpcoop.SicknessAbsence{a, b} {
		if _, _, err := s.AddSickness(ctx, f.Coop, pa, x, i); err != nil {
			t.Fatal(err)
		}
	}
	// The correction of b, aimed at a's place, is refused.
	b.LastDay, b.Version = "2026-10-03", 2
	_, err := s.CorrectSickness(ctx, f.Coop, pa, 0, b)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	h := must(s.PayHistory(ctx, f.Coop, pa))(t)
	if h.Sickness[0].ID != a.ID || h.Sickness[0].Version != 1 || h.Sickness[1].LastDay != "" {
		t.Fatalf("a refused correction wrote %+v", h.Sickness)
	}
	if h := must(s.CorrectSickness(ctx, f.Coop, pa, 1, b))(t); h.Sickness[1].LastDay != "2026-10-03" || h.Sickness[0].Version != 1 {
		t.Fatalf("corrected %+v", h.Sickness)
	}
}

func sicknessStaysInItsCoop(t *testing.T, s statutorypay.Store, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t)
	a := absence(dpcoop.NewID(), "2026-09-01")
	if _, _, err := s.AddSickness(ctx, f.Coop, pa.ID, a, 0); err != nil {
		t.Fatal(err)
	}
	_, err := s.PA(ctx, f.Other, pa.ID)
	wantNotFound(t, err)
	if h := must(s.PayHistory(ctx, f.Other, pa.ID))(t); len(h.Sickness) != 0 {
		t.Fatalf("another co-op read the absences: %+v", h.Sickness)
	}
	a.LastDay, a.Version = "2026-09-05", 2
	if _, err := s.CorrectSickness(ctx, f.Other, pa.ID, 0, a); err == nil {
		t.Fatal("a correction through another co-op was written")
	}
	if h := must(s.PayHistory(ctx, f.Coop, pa.ID))(t); h.Sickness[0].Version != 1 {
		t.Fatalf("a correction through another co-op changed %+v", h.Sickness)
	}
	if c := must(s.Coop(ctx, f.Coop))(t); c.ID != f.Coop {
		t.Fatalf("read co-op %s", c.ID)
	}
}

// Pensions tests pensions.Store: a pension event is recorded once, in order;
// a PA never paid has no payslips; nothing is read from another co-op.
func Pensions(t *testing.T, open Open[pensions.Store]) {
	run(t, open, map[string]func(*testing.T, pensions.Store, Fixture){
		"AddPensionEventIsOnceInOrder": func(t *testing.T, s pensions.Store, f Fixture) {
			ctx := context.Background()
			pa := f.PA(t).ID
			enrolled := dpcoop.PensionEvent{ID: dpcoop.NewID(), Kind: dpcoop.PensionEventEnrolled, Date: "2026-10-01", Recorded: Day, RecordedBy: "admin"}
			optedOut := dpcoop.PensionEvent{ID: dpcoop.NewID(), Kind: dpcoop.PensionEventOptedOut, Date: "2026-10-20", Recorded: Day, RecordedBy: "pa"}
			for i, e := range []dpcoop.PensionEvent{enrolled, enrolled, optedOut, enrolled, optedOut} {
				_, created, err := s.AddPensionEvent(ctx, f.Coop, pa, e)
				if err != nil || created != (i == 0 || i == 2) {
					t.Fatalf("event %d: %v created=%v", i, err, created)
				}
			}
			h := must(s.PayHistory(ctx, f.Coop, pa))(t)
			if len(h.PensionEvents) != 2 || h.PensionEvents[0].ID != enrolled.ID || h.PensionEvents[1].Kind != dpcoop.PensionEventOptedOut {
				t.Fatalf("events %+v", h.PensionEvents)
			}
			// A pension event and a tax code notice are kept apart.
			if len(h.Notices) != 0 {
				t.Fatalf("notices %+v", h.Notices)
			}
		},
		"PensionsStayInTheirCoop": func(t *testing.T, s pensions.Store, f Fixture) {
			ctx := context.Background()
			pa := f.PA(t)
			e := dpcoop.PensionEvent{ID: dpcoop.NewID(), Kind: dpcoop.PensionEventEnrolled, Date: "2026-10-01", Recorded: Day, RecordedBy: "admin"}
			if _, _, err := s.AddPensionEvent(ctx, f.Coop, pa.ID, e); err != nil {
				t.Fatal(err)
			}
			if slips := must(s.PayslipsOfPA(ctx, f.Coop, pa.ID))(t); len(slips) != 0 {
				t.Fatalf("a PA never paid has %d payslips", len(slips))
			}
			_, err := s.PA(ctx, f.Other, pa.ID)
			wantNotFound(t, err)
			if page := must(s.PAs(ctx, f.Other, dpcoop.PageRequest{}))(t); len(page.Items) != 0 {
				t.Fatalf("another co-op listed %d PAs", len(page.Items))
			}
			if h := must(s.PayHistory(ctx, f.Other, pa.ID))(t); len(h.PensionEvents) != 0 {
				t.Fatalf("another co-op read the events %+v", h.PensionEvents)
			}
			_, err = s.Coop(ctx, dpcoop.CoopID(dpcoop.NewID()))
			wantNotFound(t, err)
		},
	})
}
