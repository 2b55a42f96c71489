package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// prefixPayHistory keys a PA's pay history: PAYHIST#<pa>, apart from their
// record (PA#<pa>), so that replacing the record cannot touch it.
const prefixPayHistory = "PAYHIST#"

type payHistoryItem struct {
	keys
	dpcoop.PayHistory
	// NoticeIDs makes recording a notice idempotent: a notice is appended
	// only if its id is not here.
	NoticeIDs []string `dynamodbav:",stringset,omitempty"`
}

// PayHistory reads a PA's pay history; a PA with none yet has an empty one.
func (s *Store) PayHistory(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.PayHistory, error) {
	var it payHistoryItem
	err := s.get(ctx, "read pay history", tenant(coop), prefixPayHistory+pa, &it)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return dpcoop.PayHistory{PA: pa, Notices: []dpcoop.TaxCodeNotice{}}, nil
	}
	if it.Notices == nil {
		it.Notices = []dpcoop.TaxCodeNotice{}
	}
	return it.PayHistory, err
}

// addNotice appends a notice to a PA's pay history unless it holds it
// already; first also requires the history to have no notice yet.
func (s *Store) addNotice(op string, coop dpcoop.CoopID, pa string, n dpcoop.TaxCodeNotice, first bool) (types.TransactWriteItem, error) {
	v, err := attributevalue.Marshal([]dpcoop.TaxCodeNotice{n})
	if err != nil {
		return types.TransactWriteItem{}, dpcoop.Wrap(op, err)
	}
	values := map[string]types.AttributeValue{
		":n": v, ":none": &types.AttributeValueMemberL{Value: []types.AttributeValue{}}, ":pa": str(pa),
		":ids": &types.AttributeValueMemberSS{Value: []string{n.ID}},
	}
	cond := "attribute_not_exists(NoticeIDs)"
	if !first {
		cond += " OR NOT contains(NoticeIDs, :id)"
		values[":id"] = str(n.ID)
	}
	return types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixPayHistory+pa),
		UpdateExpression:          aws.String("SET Notices = list_append(if_not_exists(Notices, :none), :n), PA = :pa ADD NoticeIDs :ids"),
		ConditionExpression:       aws.String(cond),
		ExpressionAttributeValues: values,
	}}, nil
}

// AddTaxCodeNotice records a notice in a PA's pay history, once: the same
// notice again returns the history as it is, created false.
func (s *Store) AddTaxCodeNotice(ctx context.Context, coop dpcoop.CoopID, pa string, n dpcoop.TaxCodeNotice) (dpcoop.PayHistory, bool, error) {
	const op = "add tax code notice"
	item, err := s.addNotice(op, coop, pa, n, false)
	if err != nil {
		return dpcoop.PayHistory{}, false, err
	}
	u := item.Update
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: u.TableName, Key: u.Key, UpdateExpression: u.UpdateExpression,
		ConditionExpression: u.ConditionExpression, ExpressionAttributeValues: u.ExpressionAttributeValues})
	if err != nil && !conditionFailed(err) {
		return dpcoop.PayHistory{}, false, storeError(op, err)
	}
	h, rerr := s.PayHistory(ctx, coop, pa)
	return h, err == nil, rerr
}
