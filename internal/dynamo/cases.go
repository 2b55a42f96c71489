package dynamo

import (
	"context"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// prefixCase keys a PA's grievance, disciplinary or dispute case: CASE#<id>,
// one item holding its stages, apart from the PA's record so that nothing
// reading PAs ever reads a case.
const prefixCase = "CASE#"

type caseItem struct {
	keys
	dpcoop.Case
	// Fingerprint is the opening request's, so the same request again finds
	// the case it made and a different one with the same id is refused.
	Fingerprint string
	// Version counts the writes, so two admins adding a stage at once
	// cannot both add one over the same case.
	Version int
}

func (it caseItem) value() dpcoop.Case {
	if it.Stages == nil {
		it.Stages = []dpcoop.CaseStage{}
	}
	return it.Case
}

// AddCase stores a new case; the same request again returns it with created
// false.
func (s *Store) AddCase(ctx context.Context, coop dpcoop.CoopID, c dpcoop.Case, fingerprint string) (dpcoop.Case, bool, error) {
	const op = "add case"
	item, err := marshal(op, caseItem{keys: keys{PK: tenant(coop), SK: prefixCase + c.ID}, Case: c, Fingerprint: fingerprint, Version: 1})
	if err != nil {
		return dpcoop.Case{}, false, err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item, ConditionExpression: aws.String("attribute_not_exists(PK)")})
	if err == nil {
		return c, true, nil
	}
	if !conditionFailed(err) {
		return dpcoop.Case{}, false, storeError(op, err)
	}
	var it caseItem
	if err := s.get(ctx, op, tenant(coop), prefixCase+c.ID, &it); err != nil {
		return dpcoop.Case{}, false, err
	}
	if it.Fingerprint != fingerprint {
		return dpcoop.Case{}, false, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeIdempotencyMismatch)
	}
	return it.value(), false, nil
}

// Case reads one case.
func (s *Store) Case(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Case, error) {
	var it caseItem
	if err := s.get(ctx, "read case", tenant(coop), prefixCase+id, &it); err != nil {
		return dpcoop.Case{}, err
	}
	return it.value(), nil
}

// Cases reads every case of the co-op: a co-op has few, and each reader sees
// only the ones it may (cases.Service).
func (s *Store) Cases(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Case, error) {
	return queryAll(ctx, s, "read cases", &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("PK = :pk AND begins_with(SK, :p)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(tenant(coop)), ":p": str(prefixCase),
		},
		ConsistentRead: aws.Bool(true),
	}, caseItem.value)
}

// ReplaceCase writes a case with a stage added over the version it was
// read at, which had stages then: if another stage was added meanwhile the
// write is refused (changed_meanwhile).
func (s *Store) ReplaceCase(ctx context.Context, coop dpcoop.CoopID, c dpcoop.Case, had int) error {
	const op = "add case stage"
	var it caseItem
	if err := s.get(ctx, op, tenant(coop), prefixCase+c.ID, &it); err != nil {
		return err
	}
	if len(it.Stages) != had {
		return dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	}
	it.Case = c
	was := it.Version
	it.Version++
	item, err := marshal(op, it)
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(s.table), Item: item, ConditionExpression: aws.String("Version = :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": &types.AttributeValueMemberN{Value: strconv.Itoa(was)}},
	})
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	}
	if err != nil {
		return storeError(op, err)
	}
	return nil
}

// DeleteCase deletes a case past its retention (dpcoop.Case.KeepUntil).
func (s *Store) DeleteCase(ctx context.Context, coop dpcoop.CoopID, id string) error {
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.table), Key: key(tenant(coop), prefixCase+id)})
	if err != nil {
		return storeError("delete case", err)
	}
	return nil
}

// PurgeExpiredCases deletes the co-op's cases past their retention
// (dpcoop.Case.Expired): closed, and six years and three months after the
// later of closing and the PA leaving. Examined counts the closed cases
// read; in a dry run nothing is deleted.
func (s *Store) PurgeExpiredCases(ctx context.Context, coop dpcoop.CoopID, today dpcoop.Date, dryRun bool) (dpcoop.Purged, error) {
	var got dpcoop.Purged
	all, err := s.Cases(ctx, coop)
	if err != nil {
		return got, err
	}
	left := map[string]dpcoop.Date{}
	for _, c := range all {
		if c.Closed == "" {
			continue
		}
		got.Examined++
		day, ok := left[c.PA]
		if !ok {
			hist, err := s.PayHistory(ctx, coop, c.PA)
			if err != nil {
				return got, err
			}
			day, left[c.PA] = hist.Left, hist.Left
		}
		if !c.Expired(day, today) {
			continue
		}
		if !dryRun {
			if err := s.DeleteCase(ctx, coop, c.ID); err != nil {
				return got, err
			}
		}
		got.Deleted++
	}
	return got, nil
}
