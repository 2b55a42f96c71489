package dynamo_test

import (
	"context"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// An absence is recorded once; one checked against a history that gained
// another absence meanwhile is a conflict, not a second overlapping record;
// a correction of a version already replaced is a conflict too.
func TestSicknessIsRecordedOnceAndNotRaced(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	a := dpcoop.SicknessAbsence{ID: "a1", FirstDay: "2026-10-28", QualifyingDays: []string{"mon"}, Version: 1}
	h, created, err := s.AddSickness(ctx, "c1", "pa1", a, 0)
	if err != nil || !created || len(h.Sickness) != 1 {
		t.Fatalf("first: %+v %v %v", h, created, err)
	}
	if h, created, err = s.AddSickness(ctx, "c1", "pa1", a, 0); err != nil || created || len(h.Sickness) != 1 {
		t.Fatalf("repeat: %+v %v %v", h, created, err)
	}
	b := dpcoop.SicknessAbsence{ID: "b1", FirstDay: "2026-10-29", QualifyingDays: []string{"mon"}, Version: 1}
	_, _, err = s.AddSickness(ctx, "c1", "pa1", b, 0)
	wantKind(t, err, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	a.LastDay, a.Version = "2026-10-30", 2
	if h, err = s.CorrectSickness(ctx, "c1", "pa1", 0, a); err != nil || h.Sickness[0].LastDay != "2026-10-30" {
		t.Fatalf("correct: %+v %v", h, err)
	}
	_, err = s.CorrectSickness(ctx, "c1", "pa1", 0, a) // still claims to follow version 1
	wantKind(t, err, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
}
