package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// PurgeExpiredPayslips deletes a co-op's payslips that are past their
// retention on today (dpcoop.PayslipExpired: six years after the end of the
// tax year of their pay date, plus a margin), and nothing else. It reads only
// the payslip items (SLIP#<month>#<pa>) of months old enough to be
// candidates, and deletes each on the condition that its pay date is still
// the one it read, so a payslip rewritten meanwhile is left alone. A payslip
// whose pay date cannot be read is kept. With dryRun it deletes nothing and
// counts what it would delete.
//
// The register (MEMBER#), ledger entries (ENTRY#), runs (RUN#), shifts, PA
// records and everything else are never read or touched: see
// internal/dpcoop/retention.go for why they are kept.
func (s *Store) PurgeExpiredPayslips(ctx context.Context, coop dpcoop.CoopID, today dpcoop.Date, dryRun bool) (dpcoop.Purged, error) {
	const op = "purge expired payslips"
	var out dpcoop.Purged
	// SLIP#<month>#<pa> for every month before the bound sorts between
	// "SLIP#" and "SLIP#<bound>" (the bound month's own keys sort after it).
	p := dynamodb.NewQueryPaginator(s.db, &dynamodb.QueryInput{
		TableName:                aws.String(s.table),
		KeyConditionExpression:   aws.String("#pk = :pk AND #sk BETWEEN :from AND :to"),
		ExpressionAttributeNames: map[string]string{"#pk": PK, "#sk": SK, "#pay": "PayDate"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(tenant(coop)), ":from": str(prefixSlip), ":to": str(prefixSlip + dpcoop.PayslipsExpiringBefore(today)),
		},
		ProjectionExpression: aws.String("#pk, #sk, #pay"),
	})
	type slipKey struct {
		PK, SK  string
		PayDate dpcoop.Date
	}
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, storeError(op, err)
		}
		var slips []slipKey
		if err := attributevalue.UnmarshalListOfMaps(page.Items, &slips); err != nil {
			return out, dpcoop.Wrap(op, err)
		}
		for _, sl := range slips {
			out.Examined++
			if !dpcoop.PayslipExpired(sl.PayDate, today) {
				continue
			}
			if dryRun {
				out.Deleted++
				continue
			}
			_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{
				TableName:                 aws.String(s.table),
				Key:                       key(sl.PK, sl.SK),
				ConditionExpression:       aws.String("#pay = :pay"),
				ExpressionAttributeNames:  map[string]string{"#pay": "PayDate"},
				ExpressionAttributeValues: map[string]types.AttributeValue{":pay": str(string(sl.PayDate))},
			})
			switch {
			case err == nil:
				out.Deleted++
			case conditionFailed(err):
				// rewritten or deleted since it was read: left alone
			default:
				return out, storeError(op, err)
			}
		}
	}
	return out, nil
}
