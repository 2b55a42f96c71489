package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// appendPensionEvents adds a final run's pension events to the update that
// moves the PA's year to date on, so both are written once, together.
func appendPensionEvents(op string, u *types.Update, events []dpcoop.PensionEvent) error {
	if len(events) == 0 {
		return nil
	}
	v, err := attributevalue.Marshal(events)
	if err != nil {
		return dpcoop.Wrap(op, err)
	}
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	*u.UpdateExpression += ", PensionEvents = list_append(if_not_exists(PensionEvents, :nopension), :pension) ADD PensionEventIDs :pensionids"
	u.ExpressionAttributeValues[":nopension"] = &types.AttributeValueMemberL{Value: []types.AttributeValue{}}
	u.ExpressionAttributeValues[":pension"] = v
	u.ExpressionAttributeValues[":pensionids"] = &types.AttributeValueMemberSS{Value: ids}
	return nil
}

// AddPensionEvent records a PA's pension notice in their pay history, once:
// the same event again returns the history as it is, created false.
func (s *Store) AddPensionEvent(ctx context.Context, coop dpcoop.CoopID, pa string, e dpcoop.PensionEvent) (dpcoop.PayHistory, bool, error) {
	const op = "add pension event"
	v, err := attributevalue.Marshal([]dpcoop.PensionEvent{e})
	if err != nil {
		return dpcoop.PayHistory{}, false, dpcoop.Wrap(op, err)
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixPayHistory+pa),
		UpdateExpression:    aws.String("SET PensionEvents = list_append(if_not_exists(PensionEvents, :none), :e), PA = :pa ADD PensionEventIDs :ids"),
		ConditionExpression: aws.String("attribute_not_exists(PensionEventIDs) OR NOT contains(PensionEventIDs, :id)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":none": &types.AttributeValueMemberL{Value: []types.AttributeValue{}}, ":e": v, ":pa": str(pa),
			":ids": &types.AttributeValueMemberSS{Value: []string{e.ID}}, ":id": str(e.ID),
		},
	})
	if err != nil && !conditionFailed(err) {
		return dpcoop.PayHistory{}, false, storeError(op, err)
	}
	h, rerr := s.PayHistory(ctx, coop, pa)
	return h, err == nil, rerr
}
