package payrun_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/infra/statemachine"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// monthCoop is a co-op of pas PAs (three members each) with its month of
// light work (synth.Month), in a DynamoDB Local of its own.
func monthCoop(t *testing.T, name string, pas int) (*dynamolocal.DB, synth.Coop) {
	t.Helper()
	db, err := dynamolocal.Start(t.Context(), name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c, err := synth.Build(t.Context(), db.Client, db.Table, synth.Spec{
		Coop: dpcoop.CoopID(name), PAs: pas, Members: 3 * pas, Created: time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC),
		Settings: synth.MonthSettings, Light: []string{synth.Month}, Now: synth.MonthNow,
	})
	if err != nil {
		t.Fatal(err)
	}
	return db, c
}

// TestBatchesCarryIDsNotRecords runs October for a co-op of 100 PAs (two
// batches): each batch expires by TTL, a calculate step repeated pays
// nobody twice, and then a whole
// execution of the deployed definition keeps no PA's name, NI number or
// bank details in any state's input or output, every state far under
// Step Functions' limit.
func TestBatchesCarryIDsNotRecords(t *testing.T) {
	ctx := context.Background()
	const pas = payrun.BatchSize + 2
	db, c := monthCoop(t, "big", pas)
	store := dynamo.New(db.Client, db.Table)
	r := &payrun.Runner{Store: store, Pools: store, Now: func() time.Time { return synth.MonthNow }, Log: synth.Quiet}

	first := payrun.Job{Coop: c.ID, Month: synth.Month, Attempt: 1, Execution: dpcoop.ExecutionName(c.ID, synth.Month, 1)}
	started, err := r.Start(ctx, first)
	if err != nil || len(started.Batches) != 2 {
		t.Fatalf("%+v %v", started, err)
	}
	// Each batch expires by the table's TTL, 30 days after its attempt
	// started: only that attempt's execution reads it.
	for _, n := range started.Batches {
		out, err := db.Client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(db.Table), Key: map[string]types.AttributeValue{
			dynamo.PK: &types.AttributeValueMemberS{Value: "T#" + string(c.ID)},
			dynamo.SK: &types.AttributeValueMemberS{Value: fmt.Sprintf("BATCH#%s#1#%05d", synth.Month, n)},
		}})
		want := strconv.FormatInt(synth.MonthNow.Add(30*24*time.Hour).Unix(), 10)
		if got, ok := out.Item[dynamo.Expires].(*types.AttributeValueMemberN); err != nil || !ok || got.Value != want {
			t.Fatalf("batch %d expires %v, want %s: %v", n, out.Item[dynamo.Expires], want, err)
		}
	}
	for _, n := range started.Batches {
		for range 2 { // a retried batch
			if _, err := r.CalculateBatch(ctx, first, n); err != nil {
				t.Fatal(err)
			}
		}
	}
	slips, err := store.Payslips(ctx, c.ID, synth.Month)
	if err != nil || len(slips) != pas {
		t.Fatalf("%d payslips after each batch ran twice, want %d: %v", len(slips), pas, err)
	}

	second := first
	second.Attempt, second.Execution = 2, dpcoop.ExecutionName(c.ID, synth.Month, 2)
	ex, err := synth.Run(ctx, statemachine.Payroll, map[string]any{"job": second}, r)
	if err != nil || ex.Failed != "" {
		t.Fatalf("%v %s", err, ex.Failed)
	}
	run, err := store.Run(ctx, c.ID, synth.Month)
	if err != nil || run.Status != dpcoop.RunFinal || run.Attempt != 2 || run.Totals.Payslips != pas {
		t.Fatalf("%+v %v", run, err)
	}
	if ex.Largest == 0 || ex.Largest > 4096 {
		t.Fatalf("largest state %d bytes", ex.Largest)
	}
	var secrets []string
	for _, id := range c.PAs {
		pa, err := store.PA(ctx, c.ID, id)
		if err != nil || pa.NINumber == "" || pa.Bank == nil {
			t.Fatalf("%+v %v", pa, err)
		}
		secrets = append(secrets, pa.LegalName, pa.NINumber, pa.Bank.AccountNumber, pa.Bank.AccountName)
	}
	page, err := store.Members(ctx, c.ID, dpcoop.PageRequest{Limit: 10})
	if err != nil || len(page.Items) == 0 {
		t.Fatal(err)
	}
	for _, m := range page.Items {
		secrets = append(secrets, m.Name)
	}
	if len(ex.Documents) < ex.States {
		t.Fatalf("%d documents for %d states", len(ex.Documents), ex.States)
	}
	for _, doc := range ex.Documents {
		for _, s := range secrets {
			if strings.Contains(doc, s) {
				t.Fatalf("a state holds %q: %s", s, doc)
			}
		}
	}
}
