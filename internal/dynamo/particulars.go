package dynamo

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// prefixStatements keys every version of one employment's written
// statement of particulars: PARTIC#<employment>, one item, so a version is
// added or acknowledged by one conditional write.
const prefixStatements = "PARTIC#"

type statementsItem struct {
	keys
	dpcoop.Statements
}

// Statements reads an employment's written statements; none issued yet is
// an empty list.
func (s *Store) Statements(ctx context.Context, coop dpcoop.CoopID, employment string) (dpcoop.Statements, error) {
	var it statementsItem
	err := s.get(ctx, "read statements", tenant(coop), prefixStatements+employment, &it)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return dpcoop.Statements{Employment: employment, Versions: []dpcoop.StatementVersion{}}, nil
	}
	if it.Versions == nil {
		it.Versions = []dpcoop.StatementVersion{}
	}
	return it.Statements, err
}

// UpdateStatements applies change to an employment's statements with a
// write conditional on the version it read, reading again if someone else
// wrote first. change returns dpcoop.ErrUnchanged when nothing needs
// writing (a version already issued, already acknowledged): the stored
// statements are returned as they are, so re-running never duplicates.
func (s *Store) UpdateStatements(ctx context.Context, coop dpcoop.CoopID, employment string, change func(dpcoop.Statements) (dpcoop.Statements, error)) (dpcoop.Statements, error) {
	const op = "update statements"
	for range maxRetries {
		old, err := s.Statements(ctx, coop, employment)
		if err != nil {
			return dpcoop.Statements{}, err
		}
		next, err := change(old)
		if errors.Is(err, dpcoop.ErrUnchanged) {
			return old, nil
		}
		if err != nil {
			return dpcoop.Statements{}, err
		}
		next.Employment, next.Version = employment, old.Version+1
		item, err := marshal(op, statementsItem{keys: keys{PK: tenant(coop), SK: prefixStatements + employment}, Statements: next})
		if err != nil {
			return dpcoop.Statements{}, err
		}
		_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
			TableName: aws.String(s.table), Item: item,
			ConditionExpression:       aws.String("attribute_not_exists(PK) OR Version = :v"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": num(old.Version)},
		})
		if err == nil {
			return next, nil
		}
		if !conditionFailed(err) {
			return dpcoop.Statements{}, storeError(op, err)
		}
	}
	return dpcoop.Statements{}, dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
}
