package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// OldTrainingMove is what MoveOldRequiredTraining did for one co-op.
type OldTrainingMove struct {
	// Found: the payroll settings still held the old list (and no longer do).
	Found bool
	// Set is the training setting made from it; nil when the co-op had set
	// its training already (Kept: that stands) or the old list named no
	// course.
	Set  *dpcoop.RequiredTraining
	Kept bool
	// Dropped are the old codes that name no course (induction).
	Dropped []string
}

// oldTrainingNames name where the payroll settings kept the old list: the
// co-op item's Payroll map, attribute RequiredTraining (the Go field's name,
// as attributevalue writes it).
var oldTrainingNames = map[string]string{"#p": "Payroll", "#t": "RequiredTraining"}

// MoveOldRequiredTraining carries the co-op's old list of required
// training, kept in its payroll settings until the training setting
// became the one list, over to the training setting, once: when the
// setting was never set it is set from the list (dpcoop.OldRequiredTraining)
// in the same transaction that removes the list; when it was, the list is
// only removed. A co-op without the list is left alone, so running it again
// changes nothing (docs/runbooks.md, "The old required training").
func (s *Store) MoveOldRequiredTraining(ctx context.Context, coop dpcoop.CoopID) (OldTrainingMove, error) {
	const op = "move old required training"
	for range 3 { // an admin's change in between is read again
		res, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(s.table), Key: key(tenant(coop), skCoop),
			ConsistentRead: aws.Bool(true), ProjectionExpression: aws.String("#p.#t"), ExpressionAttributeNames: oldTrainingNames})
		if err != nil {
			return OldTrainingMove{}, storeError(op, err)
		}
		if _, held := res.Item["Payroll"]; !held {
			return OldTrainingMove{}, nil
		}
		// The list, or NULL when the co-op never chose any.
		var it struct {
			Payroll struct{ RequiredTraining []string }
		}
		if err := attributevalue.UnmarshalMap(res.Item, &it); err != nil {
			return OldTrainingMove{}, dpcoop.Wrap(op, err)
		}
		codes := it.Payroll.RequiredTraining
		required, dropped := dpcoop.OldRequiredTraining(codes)
		move := OldTrainingMove{Found: true, Dropped: dropped}
		remove := types.Update{TableName: aws.String(s.table), Key: key(tenant(coop), skCoop),
			UpdateExpression: aws.String("REMOVE #p.#t"), ConditionExpression: aws.String("attribute_exists(#p.#t)"),
			ExpressionAttributeNames: oldTrainingNames}
		tx := []types.TransactWriteItem{{Update: &remove}}
		if len(required.Courses) > 0 {
			set, err := s.requiredCoursesSet(ctx, op, coop)
			if err != nil {
				return OldTrainingMove{}, err
			}
			if !set {
				item, err := marshal(op, requiredCoursesItem{keys{PK: tenant(coop), SK: skRequiredCourses}, required})
				if err != nil {
					return OldTrainingMove{}, err
				}
				tx = append(tx, types.TransactWriteItem{Put: &types.Put{TableName: aws.String(s.table), Item: item,
					ConditionExpression: aws.String("attribute_not_exists(PK)")}})
				move.Set = &required
			}
			move.Kept = set
		}
		_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
		if conditionFailed(err) {
			continue
		}
		if err != nil {
			return OldTrainingMove{}, storeError(op, err)
		}
		return move, nil
	}
	return OldTrainingMove{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
}

// requiredCoursesSet reports whether the co-op has set its training
// setting (an empty list set is set).
func (s *Store) requiredCoursesSet(ctx context.Context, op string, coop dpcoop.CoopID) (bool, error) {
	res, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(s.table), Key: key(tenant(coop), skRequiredCourses),
		ConsistentRead: aws.Bool(true), ProjectionExpression: aws.String("PK")})
	if err != nil {
		return false, storeError(op, err)
	}
	return res.Item != nil, nil
}
