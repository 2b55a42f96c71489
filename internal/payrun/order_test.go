package payrun_test

import (
	"context"
	"testing"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// TestUnpaidBeforeTrustsOnlyAFinalMonthBefore: the template's October has
// approved work and no run. A final run of the month before, read with the
// co-op, answers that nothing is unpaid without reading more; any other run
// of it (a preview) or none still finds October unpaid.
func TestUnpaidBeforeTrustsOnlyAFinalMonthBefore(t *testing.T) {
	ctx := context.Background()
	tmpl, err := synth.MonthTemplate()
	if err != nil {
		t.Fatal(err)
	}
	db, err := dynamolocal.Start(ctx, "unpaid")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := tmpl.CopyAs(ctx, db.Client, db.Table, synth.CoopName(0)); err != nil {
		t.Fatal(err)
	}
	store := dynamo.New(db.Client, db.Table)
	c, err := store.Coop(ctx, synth.CoopName(0))
	if err != nil {
		t.Fatal(err)
	}
	next := dpcoop.NextMonth(synth.Month)
	for _, tc := range []struct {
		name    string
		earlier map[string]dpcoop.Run
		want    string
	}{
		{"none read", nil, synth.Month},
		{"a preview before", map[string]dpcoop.Run{synth.Month: {Month: synth.Month, Status: dpcoop.RunPreview}}, synth.Month},
		{"a final run of another month", map[string]dpcoop.Run{dpcoop.PreviousMonth(synth.Month): {Status: dpcoop.RunFinal}}, synth.Month},
		{"a final run before", map[string]dpcoop.Run{synth.Month: {Month: synth.Month, Status: dpcoop.RunFinal}}, ""},
	} {
		got, err := payrun.UnpaidBefore(ctx, store, c, next, tc.earlier)
		if err != nil || got != tc.want {
			t.Errorf("%s: %q %v, want %q", tc.name, got, err, tc.want)
		}
	}
}
