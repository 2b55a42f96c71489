package dynamo

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The keys of the rota: PLAN#<id> is one planned shift, with its cover
// request and who took it in the same item, so that taking it is one
// conditional write; COVERWILLING#<pa> is a PA's word that they are willing
// to cover other members' shifts.
const (
	prefixPlan    = "PLAN#"
	prefixWilling = "COVERWILLING#"
)

type planItem struct {
	keys
	dpcoop.PlannedShift
}

// AddPlannedShift stores a planned shift once: one with the same id (a
// retried request) is answered as stored, created false.
func (s *Store) AddPlannedShift(ctx context.Context, coop dpcoop.CoopID, ps dpcoop.PlannedShift) (dpcoop.PlannedShift, bool, error) {
	const op = "plan shift"
	ps.Coop, ps.Version = coop, 1
	item, err := marshal(op, planItem{keys{PK: tenant(coop), SK: prefixPlan + ps.ID}, ps})
	if err != nil {
		return dpcoop.PlannedShift{}, false, err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item,
		ConditionExpression: aws.String("attribute_not_exists(PK)")})
	if conditionFailed(err) {
		old, err := s.PlannedShift(ctx, coop, ps.ID)
		return old, false, err
	}
	if err != nil {
		return dpcoop.PlannedShift{}, false, storeError(op, err)
	}
	return ps, true, nil
}

// PlannedShift reads one planned shift.
func (s *Store) PlannedShift(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PlannedShift, error) {
	var it planItem
	if err := s.get(ctx, "read planned shift", tenant(coop), prefixPlan+id, &it); err != nil {
		return dpcoop.PlannedShift{}, err
	}
	it.Coop = coop
	return it.PlannedShift, nil
}

// PlannedShifts reads the co-op's planned shifts that end on or after from,
// cancelled ones too, in id order.
func (s *Store) PlannedShifts(ctx context.Context, coop dpcoop.CoopID, from time.Time) ([]dpcoop.PlannedShift, error) {
	in := &dynamodb.QueryInput{
		KeyConditionExpression:   aws.String("PK = :pk AND begins_with(SK, :sk)"),
		FilterExpression:         aws.String("#end >= :from"),
		ExpressionAttributeNames: map[string]string{"#end": "End"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":sk": str(prefixPlan),
			":from": str(from.UTC().Format(time.RFC3339))},
		ConsistentRead: aws.Bool(true),
	}
	out, err := queryAll(ctx, s, "read planned shifts", in, func(it planItem) dpcoop.PlannedShift { it.Coop = coop; return it.PlannedShift })
	if out == nil && err == nil {
		out = []dpcoop.PlannedShift{}
	}
	return out, err
}

// UpdatePlannedShift applies change to the planned shift as stored, written
// only over the version it was read at: of two changes at once (two PAs
// accepting), the second is applied to what the first wrote, so it sees the
// shift taken. A change that changes nothing (dpcoop.ErrUnchanged) writes
// nothing and answers the shift as stored.
func (s *Store) UpdatePlannedShift(ctx context.Context, coop dpcoop.CoopID, id string, change func(dpcoop.PlannedShift) (dpcoop.PlannedShift, error)) (dpcoop.PlannedShift, error) {
	const op = "update planned shift"
	for range maxRetries {
		old, err := s.PlannedShift(ctx, coop, id)
		if err != nil {
			return dpcoop.PlannedShift{}, err
		}
		next, err := change(old)
		if errors.Is(err, dpcoop.ErrUnchanged) {
			return old, nil
		}
		if err != nil {
			return dpcoop.PlannedShift{}, err
		}
		next.ID, next.Coop, next.Version = old.ID, coop, old.Version+1
		item, err := marshal(op, planItem{keys{PK: tenant(coop), SK: prefixPlan + id}, next})
		if err != nil {
			return dpcoop.PlannedShift{}, err
		}
		_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item,
			ConditionExpression:       aws.String("Version = :v"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": &types.AttributeValueMemberN{Value: itoa(old.Version)}}})
		if err == nil {
			return next, nil
		}
		if !conditionFailed(err) {
			return dpcoop.PlannedShift{}, storeError(op, err)
		}
		// Someone else wrote first: read again and apply the change to theirs.
	}
	return dpcoop.PlannedShift{}, dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
}

type willingItem struct {
	keys
	PA      string
	Willing bool
	Updated time.Time
}

// SetWillingToCover records whether a PA is willing to cover other
// members' shifts.
func (s *Store) SetWillingToCover(ctx context.Context, coop dpcoop.CoopID, pa string, willing bool, at time.Time) error {
	const op = "set willing to cover"
	item, err := marshal(op, willingItem{keys{PK: tenant(coop), SK: prefixWilling + pa}, pa, willing, at.UTC()})
	if err != nil {
		return err
	}
	if _, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item}); err != nil {
		return storeError(op, err)
	}
	return nil
}

// WillingToCover is the set of the co-op's PAs who said they are willing
// to cover (a PA who never said is not).
func (s *Store) WillingToCover(ctx context.Context, coop dpcoop.CoopID) (map[string]bool, error) {
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :sk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":sk": str(prefixWilling)},
		ConsistentRead:            aws.Bool(true),
	}
	items, err := queryAll(ctx, s, "read willing to cover", in, func(it willingItem) willingItem { return it })
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, it := range items {
		if it.Willing {
			out[it.PA] = true
		}
	}
	return out, nil
}
