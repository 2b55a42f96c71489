package dynamo

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Store is the DynamoDB implementation of dpcoop.Store and dpcoop.Limiter.
type Store struct {
	db    *dynamodb.Client
	table string
}

// New returns a store on the named table.
func New(db *dynamodb.Client, table string) *Store { return &Store{db: db, table: table} }

var (
	_ dpcoop.Store   = (*Store)(nil)
	_ dpcoop.Limiter = (*Store)(nil)
)

// keys are the attributes every item carries.
type keys struct {
	PK     string
	SK     string
	GSI1PK string `dynamodbav:",omitempty"`
	GSI1SK string `dynamodbav:",omitempty"`
}

func key(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		PK: &types.AttributeValueMemberS{Value: pk},
		SK: &types.AttributeValueMemberS{Value: sk},
	}
}

func str(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }

func marshal(op string, v any) (map[string]types.AttributeValue, error) {
	item, err := attributevalue.MarshalMap(v)
	if err != nil {
		return nil, dpcoop.Wrap(op, err)
	}
	return item, nil
}

// get reads one item with a strongly consistent read into out, failing with
// not_found when it is absent.
func (s *Store) get(ctx context.Context, op, pk, sk string, out any) error {
	res, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(s.table), Key: key(pk, sk), ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return storeError(op, err)
	}
	if res.Item == nil {
		return dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if err := attributevalue.UnmarshalMap(res.Item, out); err != nil {
		return dpcoop.Wrap(op, err)
	}
	return nil
}

// getByID reads the co-op's items keyed prefix+id for each id with
// getMany, and gives what pick takes of each found, by its id.
func getByID[I, T any](ctx context.Context, s *Store, op string, coop dpcoop.CoopID, prefix string, ids []string, pick func(I) T) (map[string]T, error) {
	items := make([]I, len(ids))
	want := make([]wanted, len(ids))
	for i, id := range ids {
		want[i] = wanted{tenant(coop), prefix + id, &items[i]}
	}
	found, err := s.getMany(ctx, op, want)
	if err != nil {
		return nil, err
	}
	out := map[string]T{}
	for i, id := range ids {
		if found[i] {
			out[id] = pick(items[i])
		}
	}
	return out, nil
}

// wanted is one item getMany reads, and where it decodes it.
type wanted struct {
	pk, sk string
	out    any
}

// getMany reads items with BatchGetItem, strongly consistent, a hundred keys a
// request (one request for a few), asking again for any DynamoDB left
// unprocessed. Each item found is decoded into its out; found says which
// were, in the order asked. A key asked twice is read once (BatchGetItem
// refuses the same key twice) and decoded into both.
func (s *Store) getMany(ctx context.Context, op string, items []wanted) (found []bool, err error) {
	return s.batchGet(ctx, op, items, true)
}

// copyOf reads items as getMany does, eventually consistent (half the read
// units): for a copy of a person's data, where a change of the last second
// may be missing, never for a read a write or a decision depends on.
func (s *Store) copyOf(ctx context.Context, op string, items []wanted) (found []bool, err error) {
	return s.batchGet(ctx, op, items, false)
}

func (s *Store) batchGet(ctx context.Context, op string, items []wanted, consistent bool) (found []bool, err error) {
	found = make([]bool, len(items))
	at := make(map[[2]string][]int, len(items))
	var ask []map[string]types.AttributeValue
	for i, w := range items {
		k := [2]string{w.pk, w.sk}
		if len(at[k]) == 0 {
			ask = append(ask, key(w.pk, w.sk))
		}
		at[k] = append(at[k], i)
	}
	for len(ask) > 0 {
		n := min(len(ask), 100)
		res, err := s.db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
			s.table: {Keys: ask[:n], ConsistentRead: aws.Bool(consistent)},
		}})
		if err != nil {
			return nil, storeError(op, err)
		}
		ask = append(ask[n:], res.UnprocessedKeys[s.table].Keys...)
		for _, raw := range res.Responses[s.table] {
			for _, i := range at[[2]string{lastKey(raw, PK), lastKey(raw, SK)}] {
				if err := attributevalue.UnmarshalMap(raw, items[i].out); err != nil {
					return nil, dpcoop.Wrap(op, err)
				}
				found[i] = true
			}
		}
	}
	return found, nil
}

// storeError classifies a DynamoDB failure once: capacity and service faults
// are worth retrying later, anything else is ours.
func storeError(op string, err error) error {
	var throttled *types.ProvisionedThroughputExceededException
	var limit *types.RequestLimitExceeded
	var internal *types.InternalServerError
	var apiErr smithy.APIError
	switch {
	case errors.As(err, &throttled), errors.As(err, &limit), errors.As(err, &internal):
		return &dpcoop.Error{Op: op, Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
	case errors.As(err, &apiErr) && (apiErr.ErrorCode() == "ThrottlingException" || apiErr.ErrorFault() == smithy.FaultServer):
		return &dpcoop.Error{Op: op, Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
	}
	return dpcoop.Wrap(op, err)
}

// failedConditions is which actions of a cancelled transaction failed their
// condition, by index; empty for any other outcome.
func failedConditions(err error) map[int]bool {
	failed := map[int]bool{}
	var tc *types.TransactionCanceledException
	if errors.As(err, &tc) {
		for i, r := range tc.CancellationReasons {
			failed[i] = aws.ToString(r.Code) == "ConditionalCheckFailed"
		}
	}
	return failed
}

// conditionFailed reports whether a write was refused by its condition,
// alone or as part of a transaction.
func conditionFailed(err error) bool {
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return true
	}
	var tc *types.TransactionCanceledException
	if errors.As(err, &tc) {
		for _, r := range tc.CancellationReasons {
			if aws.ToString(r.Code) == "ConditionalCheckFailed" {
				return true
			}
		}
	}
	return false
}

// query runs one page of a query and returns the items and the last key seen.
func (s *Store) query(ctx context.Context, op string, in *dynamodb.QueryInput, limit int, out any) (map[string]types.AttributeValue, error) {
	in.TableName = aws.String(s.table)
	in.Limit = aws.Int32(int32(pageLimit(limit)))
	res, err := s.db.Query(ctx, in)
	if err != nil {
		return nil, storeError(op, err)
	}
	if err := attributevalue.UnmarshalListOfMaps(res.Items, out); err != nil {
		return nil, dpcoop.Wrap(op, err)
	}
	return res.LastEvaluatedKey, nil
}

func pageLimit(n int) int {
	switch {
	case n <= 0:
		return dpcoop.DefaultPageLimit
	case n > dpcoop.MaxPageLimit:
		return dpcoop.MaxPageLimit
	}
	return n
}

func lastKey(k map[string]types.AttributeValue, name string) string {
	if v, ok := k[name].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

func epoch(t time.Time) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: itoa(t.Unix())}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// queryAll runs a query to its last page and converts every item.
func queryAll[I, T any](ctx context.Context, s *Store, op string, in *dynamodb.QueryInput, conv func(I) T) ([]T, error) {
	in.TableName = aws.String(s.table)
	var out []T
	p := dynamodb.NewQueryPaginator(s.db, in)
	for p.HasMorePages() {
		res, err := p.NextPage(ctx)
		if err != nil {
			return nil, storeError(op, err)
		}
		var items []I
		if err := attributevalue.UnmarshalListOfMaps(res.Items, &items); err != nil {
			return nil, dpcoop.Wrap(op, err)
		}
		for _, it := range items {
			out = append(out, conv(it))
		}
	}
	return out, nil
}
