package dynamo

import (
	"context"
	"fmt"
	"strings"

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
		return emptyHistory(pa), nil
	}
	return it.history(), err
}

// emptyHistory is the history of a PA who has none stored yet.
func emptyHistory(pa string) dpcoop.PayHistory {
	return dpcoop.PayHistory{PA: pa, Notices: []dpcoop.TaxCodeNotice{}, Loans: []dpcoop.LoanNotice{}}
}

// history is the stored history, its lists never nil.
func (it payHistoryItem) history() dpcoop.PayHistory {
	if it.Notices == nil {
		it.Notices = []dpcoop.TaxCodeNotice{}
	}
	if it.Loans == nil {
		it.Loans = []dpcoop.LoanNotice{}
	}
	return it.PayHistory
}

// addNotices appends tax code and loan notices to a PA's pay history in one
// update, unless it holds them already: first requires the history to have
// no notice yet; otherwise exactly one notice is added, if its id is new.
func (s *Store) addNotices(op string, coop dpcoop.CoopID, pa string, tax []dpcoop.TaxCodeNotice, loans []dpcoop.LoanNotice, first bool) (types.TransactWriteItem, error) {
	values := map[string]types.AttributeValue{":none": &types.AttributeValueMemberL{Value: []types.AttributeValue{}}, ":pa": str(pa)}
	var set, ids []string
	if len(tax) > 0 {
		v, err := attributevalue.Marshal(tax)
		if err != nil {
			return types.TransactWriteItem{}, dpcoop.Wrap(op, err)
		}
		values[":n"] = v
		set = append(set, "Notices = list_append(if_not_exists(Notices, :none), :n)")
		for _, n := range tax {
			ids = append(ids, n.ID)
		}
	}
	if len(loans) > 0 {
		v, err := attributevalue.Marshal(loans)
		if err != nil {
			return types.TransactWriteItem{}, dpcoop.Wrap(op, err)
		}
		values[":l"] = v
		set = append(set, "Loans = list_append(if_not_exists(Loans, :none), :l)")
		for _, n := range loans {
			ids = append(ids, n.ID)
		}
	}
	values[":ids"] = &types.AttributeValueMemberSS{Value: ids}
	cond := "attribute_not_exists(NoticeIDs)"
	if !first {
		if len(ids) != 1 {
			return types.TransactWriteItem{}, dpcoop.Wrap(op, fmt.Errorf("add one notice at a time, not %d", len(ids)))
		}
		cond += " OR NOT contains(NoticeIDs, :id)"
		values[":id"] = str(ids[0])
	}
	return types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixPayHistory+pa),
		UpdateExpression:          aws.String("SET " + strings.Join(set, ", ") + ", PA = :pa ADD NoticeIDs :ids"),
		ConditionExpression:       aws.String(cond),
		ExpressionAttributeValues: values,
	}}, nil
}

// firstNotices is the update that starts a PA's pay history, or false if
// there is nothing to start it with.
func (s *Store) firstNotices(op string, coop dpcoop.CoopID, pa string, first dpcoop.FirstNotices) (types.TransactWriteItem, bool, error) {
	if first.TaxCode == nil && len(first.Loans) == 0 {
		return types.TransactWriteItem{}, false, nil
	}
	var tax []dpcoop.TaxCodeNotice
	if first.TaxCode != nil {
		tax = []dpcoop.TaxCodeNotice{*first.TaxCode}
	}
	item, err := s.addNotices(op, coop, pa, tax, first.Loans, true)
	return item, err == nil, err
}

// addOne records one notice, once: the same notice again returns the
// history as it is, created false.
func (s *Store) addOne(ctx context.Context, op string, coop dpcoop.CoopID, pa string, item types.TransactWriteItem) (dpcoop.PayHistory, bool, error) {
	u := item.Update
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: u.TableName, Key: u.Key, UpdateExpression: u.UpdateExpression,
		ConditionExpression: u.ConditionExpression, ExpressionAttributeValues: u.ExpressionAttributeValues})
	if err != nil && !conditionFailed(err) {
		return dpcoop.PayHistory{}, false, storeError(op, err)
	}
	h, rerr := s.PayHistory(ctx, coop, pa)
	return h, err == nil, rerr
}

// AddTaxCodeNotice records a notice in a PA's pay history, once: the same
// notice again returns the history as it is, created false.
func (s *Store) AddTaxCodeNotice(ctx context.Context, coop dpcoop.CoopID, pa string, n dpcoop.TaxCodeNotice) (dpcoop.PayHistory, bool, error) {
	const op = "add tax code notice"
	item, err := s.addNotices(op, coop, pa, []dpcoop.TaxCodeNotice{n}, nil, false)
	if err != nil {
		return dpcoop.PayHistory{}, false, err
	}
	return s.addOne(ctx, op, coop, pa, item)
}

// AddLoanNotice records a student or postgraduate loan notice in a PA's pay
// history, once: the same notice again returns the history as it is,
// created false.
func (s *Store) AddLoanNotice(ctx context.Context, coop dpcoop.CoopID, pa string, n dpcoop.LoanNotice) (dpcoop.PayHistory, bool, error) {
	const op = "add loan notice"
	item, err := s.addNotices(op, coop, pa, nil, []dpcoop.LoanNotice{n}, false)
	if err != nil {
		return dpcoop.PayHistory{}, false, err
	}
	return s.addOne(ctx, op, coop, pa, item)
}

// IssueP45 keeps a leaver's P45 as issued, once: issuing again returns the
// history with the P45 first issued.
func (s *Store) IssueP45(ctx context.Context, coop dpcoop.CoopID, pa string, p dpcoop.LeaverP45) (dpcoop.PayHistory, error) {
	const op = "issue p45"
	v, err := attributevalue.Marshal(p)
	if err != nil {
		return dpcoop.PayHistory{}, dpcoop.Wrap(op, err)
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixPayHistory+pa),
		UpdateExpression:          aws.String("SET IssuedP45 = :p"),
		ConditionExpression:       aws.String("attribute_exists(#left) AND attribute_not_exists(IssuedP45)"),
		ExpressionAttributeNames:  map[string]string{"#left": "Left"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": v},
	})
	if err != nil && !conditionFailed(err) {
		return dpcoop.PayHistory{}, storeError(op, err)
	}
	h, rerr := s.PayHistory(ctx, coop, pa)
	if rerr == nil && h.IssuedP45 == nil {
		return dpcoop.PayHistory{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeNotLeft)
	}
	return h, rerr
}
