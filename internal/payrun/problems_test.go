package payrun_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// TestThePostSeesEveryBatchProblem: the post step reads the batches'
// problems only when the run has counted some (ProblemsFound), so a PA the
// run could not pay must be counted whatever happens: a retried batch, a new
// attempt (which starts the count again), and a run begun before the count
// was kept (no count: the problems are read).
func TestThePostSeesEveryBatchProblem(t *testing.T) {
	ctx := context.Background()
	db, c := monthCoop(t, "problems", 3)
	// The second PA's tax code notices are lost: a problem, not a payslip.
	unpaid := c.PAs[1]
	if _, err := db.Client.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(db.Table), Key: map[string]types.AttributeValue{
		dynamo.PK: &types.AttributeValueMemberS{Value: "T#" + string(c.ID)},
		dynamo.SK: &types.AttributeValueMemberS{Value: "PAYHIST#" + unpaid},
	}}); err != nil {
		t.Fatal(err)
	}
	store := dynamo.New(db.Client, db.Table)
	r := &payrun.Runner{Store: store, Pools: store, Now: func() time.Time { return synth.MonthNow }, Log: synth.Quiet}

	for attempt, uncounted := range []bool{false, false, true} {
		job := payrun.Job{Coop: c.ID, Month: synth.Month, Attempt: attempt + 1, Execution: dpcoop.ExecutionName(c.ID, synth.Month, attempt+1)}
		started, err := r.Start(ctx, job)
		if err != nil {
			t.Fatal(err)
		}
		if run, err := store.Run(ctx, c.ID, synth.Month); err != nil || run.ProblemsFound == nil || *run.ProblemsFound != 0 {
			t.Fatalf("attempt %d starts counting at %v, want 0: %v", job.Attempt, run.ProblemsFound, err)
		}
		for _, n := range started.Batches {
			for range 1 + attempt%2 { // the second attempt's batches are retried
				if _, err := r.CalculateBatch(ctx, job, n); err != nil {
					t.Fatal(err)
				}
			}
		}
		run, err := store.Run(ctx, c.ID, synth.Month)
		if want := int64(1 + attempt%2); err != nil || run.ProblemsFound == nil || *run.ProblemsFound != want {
			t.Fatalf("attempt %d counted %v problems, want %d: %v", job.Attempt, run.ProblemsFound, want, err)
		}
		if uncounted { // as a run begun before the count was kept
			if _, err := db.Client.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(db.Table), Key: map[string]types.AttributeValue{
				dynamo.PK: &types.AttributeValueMemberS{Value: "T#" + string(c.ID)},
				dynamo.SK: &types.AttributeValueMemberS{Value: "RUN#" + synth.Month},
			}, UpdateExpression: aws.String("REMOVE ProblemsFound")}); err != nil {
				t.Fatal(err)
			}
		}
		final, err := r.Post(ctx, job)
		if err != nil || final {
			t.Fatalf("attempt %d: finalised %v with a PA unpaid: %v", job.Attempt, final, err)
		}
		run, err = store.Run(ctx, c.ID, synth.Month)
		if err != nil || run.Status != dpcoop.RunPreview || !slices.ContainsFunc(run.Problems, func(p dpcoop.Problem) bool {
			return p.PA == unpaid && p.Code == payrun.ProblemNoTaxCode && p.Blocking
		}) {
			t.Fatalf("attempt %d (counted: %v): %+v %v, want a blocking %s for %s", job.Attempt, !uncounted, run, err, payrun.ProblemNoTaxCode, unpaid)
		}
	}
}
