package dynamo

import (
	"context"
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// appendOnce appends one record to a list of a PA's pay history (list is
// one of this file's fixed attribute names) unless the history already
// holds its id (kept with the notices' ids). When had is not negative, the
// list must still hold had records, as when it was checked: a record added
// meanwhile is a conflict, told apart from a repeat by recorded.
func (s *Store) appendOnce(ctx context.Context, op string, coop dpcoop.CoopID, pa, list, id string, v any, had int, recorded func(dpcoop.PayHistory) bool) (dpcoop.PayHistory, bool, error) {
	item, err := attributevalue.Marshal([]any{v})
	if err != nil {
		return dpcoop.PayHistory{}, false, dpcoop.Wrap(op, err)
	}
	values := map[string]types.AttributeValue{":none": &types.AttributeValueMemberL{Value: []types.AttributeValue{}},
		":v": item, ":pa": str(pa), ":ids": &types.AttributeValueMemberSS{Value: []string{id}}, ":id": str(id)}
	cond := "(attribute_not_exists(NoticeIDs) OR NOT contains(NoticeIDs, :id))"
	if had >= 0 {
		cond += " AND (attribute_not_exists(" + list + ") OR size(" + list + ") = :had)"
		values[":had"] = num(int64(had))
	}
	u := types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixPayHistory+pa),
		UpdateExpression:          aws.String("SET " + list + " = list_append(if_not_exists(" + list + ", :none), :v), PA = :pa ADD NoticeIDs :ids"),
		ConditionExpression:       aws.String(cond),
		ExpressionAttributeValues: values,
	}
	h, created, err := s.addOne(ctx, op, coop, pa, types.TransactWriteItem{Update: &u})
	if err == nil && !created && !recorded(h) {
		return dpcoop.PayHistory{}, false, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	}
	return h, created, err
}

// AddSickness records a sickness absence in a PA's pay history, once, if
// the history still holds the absences it was checked against (had): the
// same absence again returns the history with created false.
func (s *Store) AddSickness(ctx context.Context, coop dpcoop.CoopID, pa string, a dpcoop.SicknessAbsence, had int) (dpcoop.PayHistory, bool, error) {
	return s.appendOnce(ctx, "record sickness", coop, pa, "Sickness", a.ID, a, had, func(h dpcoop.PayHistory) bool {
		_, ok := h.Absence(a.ID)
		return ok
	})
}

// AddParentalNotice records an SMP or SPP notice in a PA's pay history,
// once: the same notice again returns the history with created false.
func (s *Store) AddParentalNotice(ctx context.Context, coop dpcoop.CoopID, pa string, n dpcoop.ParentalNotice) (dpcoop.PayHistory, bool, error) {
	return s.appendOnce(ctx, "record parental pay notice", coop, pa, "Parental", n.ID, n, -1, func(h dpcoop.PayHistory) bool {
		return slices.ContainsFunc(h.Parental, func(p dpcoop.ParentalNotice) bool { return p.ID == n.ID })
	})
}

// CorrectSickness replaces the absence at position i of a PA's history
// with its next version, on condition that it is still the version read:
// an absence changed meanwhile is a conflict.
func (s *Store) CorrectSickness(ctx context.Context, coop dpcoop.CoopID, pa string, i int, a dpcoop.SicknessAbsence) (dpcoop.PayHistory, error) {
	const op = "correct sickness"
	v, err := attributevalue.Marshal(a)
	if err != nil {
		return dpcoop.PayHistory{}, dpcoop.Wrap(op, err)
	}
	at := "Sickness[" + strconv.Itoa(i) + "]"
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixPayHistory+pa),
		UpdateExpression:          aws.String("SET " + at + " = :a"),
		ConditionExpression:       aws.String(at + ".ID = :id AND " + at + ".Version = :was"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":a": v, ":id": str(a.ID), ":was": num(int64(a.Version - 1))},
	})
	if conditionFailed(err) {
		return dpcoop.PayHistory{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	}
	if err != nil {
		return dpcoop.PayHistory{}, storeError(op, err)
	}
	return s.PayHistory(ctx, coop, pa)
}
