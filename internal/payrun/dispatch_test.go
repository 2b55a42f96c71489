package payrun_test

import (
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/internal/daily"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
)

// monthCoops is a table of n copies of the synthetic co-op with its month
// of work (synth.Month), in a DynamoDB Local of its own.
func monthCoops(t *testing.T, name string, n int) *dynamo.Store {
	t.Helper()
	tmpl, err := synth.MonthTemplate()
	if err != nil {
		t.Fatal(err)
	}
	db, err := dynamolocal.Start(t.Context(), name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for k := range n {
		if err := tmpl.CopyAs(t.Context(), db.Client, db.Table, synth.CoopName(k)); err != nil {
			t.Fatal(err)
		}
	}
	return dynamo.New(db.Client, db.Table)
}

// One co-op's run that cannot be started never stops the others: three
// co-ops are due, the first co-op's start fails, the other two start, and
// the failure is reported, naming the co-op, for the schedule to retry.
func TestDispatchOneFailureNeverStopsTheOthers(t *testing.T) {
	ctx := t.Context()
	store := monthCoops(t, "dispatch", 3)
	starter := &synth.Jobs{Refuse: synth.CoopName(0)}
	done, err := daily.Work{Runs: store, Starter: starter}.Dispatch(ctx, store, synth.MonthNow)
	if err == nil || !strings.Contains(err.Error(), string(synth.CoopName(0))) {
		t.Fatalf("the failure: %v", err)
	}
	if len(starter.List) != 2 || len(done.Started) != 2 {
		t.Fatalf("started %+v, reported %+v: want the other two co-ops' runs", starter.List, done.Started)
	}
	for _, j := range starter.List {
		if j.Coop == starter.Refuse {
			t.Errorf("started the refused co-op: %+v", j)
		}
	}
}
