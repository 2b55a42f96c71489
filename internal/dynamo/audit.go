package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

const prefixAudit = "AUDIT#" // AUDIT#<UTC time>#<id>: a month is one key range

var _ dpcoop.Audit = (*Store)(nil)

type auditItem struct {
	keys
	dpcoop.AuditEntry
}

// Record adds an entry to the co-op's audit trail.
func (s *Store) Record(ctx context.Context, coop dpcoop.CoopID, e dpcoop.AuditEntry) error {
	const op = "record audit"
	item, err := marshal(op, auditItem{keys: keys{PK: tenant(coop), SK: prefixAudit + sortable(e.At) + "#" + e.ID}, AuditEntry: e})
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item})
	return storeError(op, err)
}

// AuditTrail lists a month's audit entries with one Query per page.
func (s *Store) AuditTrail(ctx context.Context, coop dpcoop.CoopID, month string, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.AuditEntry], error) {
	const op = "read audit trail"
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":prefix": str(prefixAudit + month)},
	}
	if page.Cursor != "" {
		c, err := decodeCursor(page.Cursor, prefixAudit+month)
		if err != nil {
			return dpcoop.Page[dpcoop.AuditEntry]{}, err
		}
		in.ExclusiveStartKey = key(tenant(coop), c.SK)
	}
	var items []auditItem
	last, err := s.query(ctx, op, in, page.Limit, &items)
	if err != nil {
		return dpcoop.Page[dpcoop.AuditEntry]{}, err
	}
	out := dpcoop.Page[dpcoop.AuditEntry]{Items: make([]dpcoop.AuditEntry, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, it.AuditEntry)
	}
	if last != nil {
		out.Next = encodeCursor(cursor{SK: lastKey(last, SK)})
	}
	return out, nil
}
