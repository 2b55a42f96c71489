package dynamo

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TenantKey is the partition key of every item of a co-op: its whole data is
// the one partition T#<coop> (rate-limit counters, keyed by client, and
// idempotency keys' claims, which expire within a day, are the only items
// that belong to no co-op).
func TenantKey(c dpcoop.CoopID) string { return tenant(c) }

// exportPageLimit, if set, caps the items of each page an export reads, so
// tests prove the export follows pages without a megabyte of data.
var exportPageLimit int32

// ExportCoop writes every item of a co-op, in sort-key order, as DynamoDB JSON
// lines (see itemjson.go): the format of DynamoDB's own export to S3, one
// complete item per line, attributes in name order. It reads the co-op's
// partition with a strongly consistent, paginated Query, so it holds exactly
// the co-op's items and no other co-op's. It returns how many items it wrote.
//
// The export is consistent item by item, not across items: for a snapshot at
// one instant, export from a table restored to that instant (see
// docs/runbooks.md).
func (s *Store) ExportCoop(ctx context.Context, coop dpcoop.CoopID, w io.Writer) (int, error) {
	const op = "export coop"
	if coop == "" {
		return 0, fmt.Errorf("%s: no co-op given", op)
	}
	in := &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": PK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop))},
		ConsistentRead:            aws.Bool(true),
	}
	if exportPageLimit > 0 {
		in.Limit = aws.Int32(exportPageLimit)
	}
	bw := bufio.NewWriter(w)
	n := 0
	p := dynamodb.NewQueryPaginator(s.db, in)
	for p.HasMorePages() {
		res, err := p.NextPage(ctx)
		if err != nil {
			return n, storeError(op, err)
		}
		for _, item := range res.Items {
			line, err := encodeItem(item)
			if err != nil {
				return n, dpcoop.Wrap(op, err)
			}
			if _, err := bw.Write(append(line, '\n')); err != nil {
				return n, dpcoop.Wrap(op, err)
			}
			n++
		}
	}
	if err := bw.Flush(); err != nil {
		return n, dpcoop.Wrap(op, err)
	}
	return n, nil
}

// ImportOptions say what an import may change.
type ImportOptions struct {
	// Replace overwrites an item whose key already exists; without it such
	// an item is left as it is and counted as skipped.
	Replace bool
	// Prune deletes the co-op's items that the export does not hold, so that
	// afterwards the co-op's partition is exactly the export (with Replace:
	// a co-op put back as it was at the export). It needs Replace.
	Prune bool
}

// ImportResult counts what an import did.
type ImportResult struct {
	Items   int `json:"items"`   // lines read
	Written int `json:"written"` // items put
	Skipped int `json:"skipped"` // items already there, left alone (no Replace)
	Deleted int `json:"deleted"` // items pruned
}

// maxLine bounds one line: a 400 KB item grows in DynamoDB JSON (type keys,
// base64, escapes), but never to this.
const maxLine = 8 << 20

// ImportCoop loads an export of coop (ExportCoop's lines) into the table: to
// an empty table after a restore, or back into the live one. Every line is
// read and checked before anything is written: an item outside the co-op's
// partition, or an index key naming another co-op, and nothing is written at
// all, so an import can never place data in, or show data to, another
// co-op. Items are written one at a time with PutItem; without
// opts.Replace each only where its key is free.
func (s *Store) ImportCoop(ctx context.Context, coop dpcoop.CoopID, r io.Reader, opts ImportOptions) (ImportResult, error) {
	const op = "import coop"
	var res ImportResult
	if coop == "" {
		return res, fmt.Errorf("%s: no co-op given", op)
	}
	if opts.Prune && !opts.Replace {
		return res, fmt.Errorf("%s: prune needs replace (otherwise the partition would not match the export)", op)
	}
	var items []map[string]types.AttributeValue
	keep := map[string]bool{} // sort keys in the export
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	for line := 1; sc.Scan(); line++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		item, err := decodeItem(sc.Bytes())
		if err != nil {
			return res, fmt.Errorf("%s: line %d: %w", op, line, err)
		}
		if err := checkTenantItem(coop, item); err != nil {
			return res, fmt.Errorf("%s: line %d: %w", op, line, err)
		}
		sk := item[SK].(*types.AttributeValueMemberS).Value
		if keep[sk] {
			return res, fmt.Errorf("%s: line %d: sort key %q appears twice", op, line, sk)
		}
		keep[sk] = true
		items = append(items, item)
	}
	if err := sc.Err(); err != nil {
		return res, fmt.Errorf("%s: %w", op, err)
	}
	res.Items = len(items)
	for _, item := range items {
		in := &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item}
		if !opts.Replace {
			in.ConditionExpression = aws.String("attribute_not_exists(#pk)")
			in.ExpressionAttributeNames = map[string]string{"#pk": PK}
		}
		_, err := s.db.PutItem(ctx, in)
		switch {
		case err == nil:
			res.Written++
		case !opts.Replace && conditionFailed(err):
			res.Skipped++
		default:
			return res, storeError(op, err)
		}
	}
	if opts.Prune {
		n, err := s.pruneCoop(ctx, coop, keep)
		res.Deleted = n
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// pruneCoop deletes the co-op's items whose sort key is not in keep.
func (s *Store) pruneCoop(ctx context.Context, coop dpcoop.CoopID, keep map[string]bool) (int, error) {
	const op = "prune coop"
	p := dynamodb.NewQueryPaginator(s.db, &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": PK, "#sk": SK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop))},
		ProjectionExpression:      aws.String("#pk, #sk"),
		ConsistentRead:            aws.Bool(true),
	})
	var drop []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return 0, storeError(op, err)
		}
		for _, it := range page.Items {
			if sk := lastKey(it, SK); !keep[sk] {
				drop = append(drop, sk)
			}
		}
	}
	n := 0
	for _, sk := range drop {
		if _, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.table), Key: key(tenant(coop), sk)}); err != nil {
			return n, storeError(op, err)
		}
		n++
	}
	return n, nil
}

// sharedIndexKeys are the index partitions that hold items of every co-op
// (the list of co-ops, the motions due); their sort keys name the co-op.
var sharedIndexKeys = []string{coopsIndexKey, votesDueKey}

// checkTenantItem refuses an item that is not wholly the co-op's: its
// partition key must be T#<coop>, and each index partition key must be the
// co-op's own (T#<coop> or T#<coop>#...) or a shared index partition whose
// sort key names the co-op.
func checkTenantItem(coop dpcoop.CoopID, item map[string]types.AttributeValue) error {
	own := tenant(coop)
	pk, ok := item[PK].(*types.AttributeValueMemberS)
	if !ok || pk.Value != own {
		return fmt.Errorf("partition key is not %q", own)
	}
	if _, ok := item[SK].(*types.AttributeValueMemberS); !ok {
		return fmt.Errorf("no string sort key")
	}
	for _, ix := range Indexes {
		raw, present := item[ix.PartitionKey]
		if !present {
			continue
		}
		v, ok := raw.(*types.AttributeValueMemberS)
		if !ok {
			return fmt.Errorf("%s is not a string", ix.PartitionKey)
		}
		if v.Value == own || strings.HasPrefix(v.Value, own+"#") {
			continue
		}
		sk, _ := item[ix.SortKey].(*types.AttributeValueMemberS)
		shared := false
		for _, k := range sharedIndexKeys {
			shared = shared || v.Value == k
		}
		if !shared || sk == nil || !namesCoop(sk.Value, coop) {
			return fmt.Errorf("%s %q is not the co-op's", ix.PartitionKey, v.Value)
		}
	}
	return nil
}

// namesCoop reports whether a sort key is the co-op's id or has it as one of
// its #-separated parts.
func namesCoop(sk string, coop dpcoop.CoopID) bool {
	for part := range strings.SplitSeq(sk, "#") {
		if part == string(coop) {
			return true
		}
	}
	return false
}
