package payrun_test

import (
	"testing"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// TestCalculatingAgainIsRecordedAtOnce: asking for a preview to be
// calculated again records the new attempt as calculating before its
// execution starts, so the old figures can no longer be finalised; and an
// attempt Step Functions refuses to start is failed, not left calculating.
func TestCalculatingAgainIsRecordedAtOnce(t *testing.T) {
	ctx := t.Context()
	store, coop := monthCoops(t, "again", 1), synth.CoopName(0)
	preview := dpcoop.Run{Month: synth.Month, Status: dpcoop.RunPreview, Attempt: 1,
		Execution: dpcoop.ExecutionName(coop, synth.Month, 1), Started: synth.MonthNow}
	if _, err := store.BeginRun(ctx, coop, preview); err != nil {
		t.Fatal(err)
	}
	admin := dpcoop.Principal{Coop: coop, Person: "admin", Roles: []dpcoop.Role{dpcoop.RoleAdmin}}
	starter := &synth.Jobs{}
	svc := &payrun.Service{Store: store, Starter: starter}
	job, err := svc.Start(ctx, admin, synth.Month, synth.MonthNow)
	if err != nil || job.Attempt != 2 || len(starter.List) != 1 {
		t.Fatalf("start again: %+v %v, started %+v", job, err, starter.List)
	}
	run, err := store.Run(ctx, coop, synth.Month)
	if err != nil || run.Status != dpcoop.RunCalculating || run.Attempt != 2 || run.Execution != job.Execution || run.PayDate == "" {
		t.Fatalf("before its execution ran, the run is %+v %v; want attempt 2 calculating", run, err)
	}
	if _, err := svc.Start(ctx, admin, synth.Month, synth.MonthNow); !dpcoop.IsKind(err, dpcoop.KindConflict) {
		t.Fatalf("starting while it calculates: %v, want a conflict", err)
	}

	// Attempt 2 reaches its preview; attempt 3 is refused by Step Functions.
	run.Status = dpcoop.RunPreview
	if _, err := store.BeginRun(ctx, coop, run); err != nil {
		t.Fatal(err)
	}
	starter.Refuse = coop
	if _, err := svc.Start(ctx, admin, synth.Month, synth.MonthNow); err == nil {
		t.Fatal("a start Step Functions refused succeeded")
	}
	if run, _ = store.Run(ctx, coop, synth.Month); run.Status != dpcoop.RunFailed || run.Attempt != 3 {
		t.Fatalf("after a refused start the run is %+v; want attempt 3 failed", run)
	}
	starter.Refuse = ""
	if job, err = svc.Start(ctx, admin, synth.Month, synth.MonthNow); err != nil || job.Attempt != 4 {
		t.Fatalf("the next start: %+v %v, want attempt 4", job, err)
	}
}
