package dynamo_test

import (
	"context"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestFailRunBeforeItBegan: an attempt whose start step failed before it
// recorded the run is recorded as failed, so the next start is a new attempt
// (a new execution name) and the month is never stuck; a failure never
// touches a final run or one a later attempt took over.
func TestFailRunBeforeItBegan(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mustCoop(t, s, "alpha")
	if err := s.FailRun(ctx, "alpha", "2026-10", 1, "TransientError", now); err != nil {
		t.Fatal(err)
	}
	run, err := s.Run(ctx, "alpha", "2026-10")
	if err != nil || run.Status != dpcoop.RunFailed || run.Attempt != 1 || run.Month != "2026-10" ||
		run.Error != "TransientError" || run.Execution != dpcoop.ExecutionName("alpha", "2026-10", 1) {
		t.Fatalf("after a failure before the run began: %+v %v", run, err)
	}
	if statuses, err := s.RunStatuses(ctx, "alpha"); err != nil || statuses["2026-10"] != dpcoop.RunFailed {
		t.Fatalf("statuses %v %v", statuses, err)
	}
	second := dpcoop.Run{Month: "2026-10", Status: dpcoop.RunCalculating, Attempt: 2,
		Execution: dpcoop.ExecutionName("alpha", "2026-10", 2), Started: now}
	if _, err := s.BeginRun(ctx, "alpha", second); err != nil {
		t.Fatalf("the next attempt could not begin: %v", err)
	}
	// The first attempt's failure arriving late changes nothing.
	if err := s.FailRun(ctx, "alpha", "2026-10", 1, "late", now); err != nil {
		t.Fatal(err)
	}
	if run, _ = s.Run(ctx, "alpha", "2026-10"); run.Status != dpcoop.RunCalculating || run.Attempt != 2 {
		t.Fatalf("a late failure of attempt 1 changed attempt 2: %+v", run)
	}
	final := second
	final.Status = dpcoop.RunFinal
	final.Attempt, final.Execution = 3, dpcoop.ExecutionName("alpha", "2026-10", 3)
	if _, err := s.BeginRun(ctx, "alpha", final); err != nil {
		t.Fatal(err)
	}
	if err := s.FailRun(ctx, "alpha", "2026-10", 3, "after final", now); err != nil {
		t.Fatal(err)
	}
	if run, _ = s.Run(ctx, "alpha", "2026-10"); run.Status != dpcoop.RunFinal {
		t.Fatalf("a failure changed a final run: %+v", run)
	}
}
