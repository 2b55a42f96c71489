package dynamo

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// prefixBatch keys a run attempt's batches of work:
// BATCH#<month>#<attempt>#<number>, written by the start step and read by
// the calculate steps, so the execution carries batch numbers, not records.
const prefixBatch = "BATCH#"

// batchesPerTx is how many batches one transaction puts, with the run's
// check: a batch of payrun.BatchSize PAs' work is some 75 KB, and a
// transaction carries at most 4 MB.
const batchesPerTx = 24

type batchItem struct {
	keys
	payrun.Batch
}

func batchPrefix(month string, attempt int) string {
	return fmt.Sprintf("%s%s#%d#", prefixBatch, month, attempt)
}

func batchKey(month string, attempt, n int) string {
	return fmt.Sprintf("%s%05d", batchPrefix(month, attempt), n)
}

// PutBatches stores the attempt's batches of work while it is calculating,
// a transaction's worth at a time with the check that it is, each expiring
// by the table's TTL at expires (dpcoop.PayrollBatchKept). A repeated start
// writes the same keys again.
func (s *Store) PutBatches(ctx context.Context, coop dpcoop.CoopID, job payrun.Job, batches []payrun.Batch, expires time.Time) error {
	const op = "put batches"
	for start := 0; start < len(batches); start += batchesPerTx {
		puts, err := s.batchPuts(op, coop, job.Month, job.Attempt, batches[start:min(start+batchesPerTx, len(batches))], expires)
		if err != nil {
			return err
		}
		items := append([]types.TransactWriteItem{s.calculating(coop, job.Month, job.Attempt)}, puts...)
		_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
		if conditionFailed(err) {
			return dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeRunState)
		}
		if err != nil {
			return storeError(op, err)
		}
	}
	return nil
}

// batchPuts are the writes of an attempt's batches.
func (s *Store) batchPuts(op string, coop dpcoop.CoopID, month string, attempt int, batches []payrun.Batch, expires time.Time) ([]types.TransactWriteItem, error) {
	var items []types.TransactWriteItem
	for _, b := range batches {
		item, err := marshal(op, batchItem{keys: keys{PK: tenant(coop), SK: batchKey(month, attempt, b.Number)}, Batch: b})
		if err != nil {
			return nil, err
		}
		item[Expires] = epoch(expires)
		items = append(items, types.TransactWriteItem{Put: &types.Put{TableName: aws.String(s.table), Item: item}})
	}
	return items, nil
}

// Batch reads one batch of the attempt's work and the co-op together, with
// one BatchGetItem.
func (s *Store) Batch(ctx context.Context, coop dpcoop.CoopID, job payrun.Job, n int) (payrun.Batch, dpcoop.Coop, error) {
	const op = "read batch"
	var b batchItem
	var c coopItem
	found, err := s.getMany(ctx, op, []wanted{{tenant(coop), batchKey(job.Month, job.Attempt, n), &b}, {tenant(coop), skCoop, &c}})
	switch {
	case err != nil:
		return payrun.Batch{}, dpcoop.Coop{}, err
	case !found[0] || !found[1]:
		return payrun.Batch{}, dpcoop.Coop{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return b.Batch, c.Coop, nil
}

// PutPayslips stores a batch's payslips and its PAs' problems, in one
// transaction with the check that the attempt is still calculating (a batch
// holds at most payrun.BatchSize PAs, so the payslips, the batch and the
// check make at most 100 items). Payslips are keyed by month and PA, so a
// retried batch writes the same items again and never a second payslip.
func (s *Store) PutPayslips(ctx context.Context, coop dpcoop.CoopID, job payrun.Job, n int, slips []dpcoop.Payslip, problems []payrun.Calculated) error {
	const op = "put payslips"
	if len(slips) > payrun.BatchSize {
		return dpcoop.Wrap(op, fmt.Errorf("%d payslips in one batch", len(slips)))
	}
	// The run counts the batch's problems, under the check that the attempt
	// is still calculating.
	counted := s.calculating(coop, job.Month, job.Attempt).ConditionCheck
	count := map[string]types.AttributeValue{":found": num(int64(len(problems)))}
	for k, v := range counted.ExpressionAttributeValues {
		count[k] = v
	}
	items := []types.TransactWriteItem{{Update: &types.Update{
		TableName: counted.TableName, Key: counted.Key, UpdateExpression: aws.String("ADD ProblemsFound :found"),
		ConditionExpression: counted.ConditionExpression, ExpressionAttributeNames: counted.ExpressionAttributeNames,
		ExpressionAttributeValues: count,
	}}}
	for _, slip := range slips {
		slip.Coop = coop
		item, err := marshal(op, payslipItem{
			keys:    keys{PK: tenant(coop), SK: prefixSlip + slip.Month + "#" + slip.PA, GSI1PK: slipsOfPA(coop, slip.PA), GSI1SK: slip.Month},
			Payslip: slip,
		})
		if err != nil {
			return err
		}
		items = append(items, types.TransactWriteItem{Put: &types.Put{TableName: aws.String(s.table), Item: item}})
	}
	if problems == nil {
		problems = []payrun.Calculated{}
	}
	p, err := attributevalue.Marshal(problems)
	if err != nil {
		return dpcoop.Wrap(op, err)
	}
	items = append(items, types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), batchKey(job.Month, job.Attempt, n)),
		UpdateExpression:          aws.String("SET Problems = :p, Calculated = :true"),
		ConditionExpression:       aws.String("attribute_exists(PK)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": p, ":true": &types.AttributeValueMemberBOOL{Value: true}},
	}})
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeRunState)
	}
	return storeError(op, err)
}

// BatchProblems reads the problems every batch of the attempt recorded,
// reading only that attribute of each batch.
func (s *Store) BatchProblems(ctx context.Context, coop dpcoop.CoopID, job payrun.Job) ([]payrun.Calculated, error) {
	type problems struct{ Problems []payrun.Calculated }
	batches, err := queryAll(ctx, s, "list batch problems", &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("PK = :pk AND begins_with(SK, :prefix)"),
		ProjectionExpression:   aws.String("Problems"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(tenant(coop)), ":prefix": str(batchPrefix(job.Month, job.Attempt)),
		},
		ConsistentRead: aws.Bool(true),
	}, func(it problems) []payrun.Calculated { return it.Problems })
	var out []payrun.Calculated
	for _, b := range batches {
		out = append(out, b...)
	}
	return out, err
}

// PARecords reads many PAs' records and pay histories with BatchGetItem, a
// hundred keys a request, strongly consistent. A PA without a record is
// missing from PAs; one without a history has an empty one, as PayHistory
// answers.
func (s *Store) PARecords(ctx context.Context, coop dpcoop.CoopID, ids []string) (payrun.PARecordSet, error) {
	want, records := recordsWanted(coop, ids)
	found, err := s.getMany(ctx, "read pa records", want)
	if err != nil {
		return payrun.PARecordSet{}, err
	}
	return records(found), nil
}

// recordsWanted are the keys of the PAs' records, histories and
// right-to-work checks, and what makes Records of them once read (given
// whether each was found), so that one BatchGetItem can read them with
// other items.
func recordsWanted(coop dpcoop.CoopID, ids []string) ([]wanted, func(found []bool) payrun.PARecordSet) {
	recs, hists, checks := make([]paItem, len(ids)), make([]payHistoryItem, len(ids)), make([]recruitmentItem, len(ids))
	var want []wanted
	for i, id := range ids {
		want = append(want, wanted{tenant(coop), prefixPA + id, &recs[i]}, wanted{tenant(coop), prefixPayHistory + id, &hists[i]},
			wanted{tenant(coop), prefixRecruit + id, &checks[i]})
	}
	return want, func(found []bool) payrun.PARecordSet {
		out := payrun.PARecordSet{PAs: map[string]dpcoop.PA{}, Histories: map[string]dpcoop.PayHistory{}, Recruitment: map[string]dpcoop.Recruitment{}}
		for i, id := range ids {
			if found[3*i] {
				out.PAs[recs[i].PA.ID] = recs[i].PA
			}
			out.Histories[id] = emptyHistory(id)
			if found[3*i+1] {
				out.Histories[id] = hists[i].history()
			}
			out.Recruitment[id] = checks[i].recruitment(id) // empty when not found
		}
		return out
	}
}
