package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// prefixSubmission keeps a run's RTI submissions beside it:
// SUB#<month>#<kind>, one item per document of the month.
const prefixSubmission = "SUB#"

type submissionItem struct {
	keys
	dpcoop.Submission
}

func submissionKey(month string, kind dpcoop.SubmissionKind) string {
	return prefixSubmission + month + "#" + string(kind)
}

// QueueSubmission records a run's document as queued unless the month
// already has one of that kind, and returns the one stored.
func (s *Store) QueueSubmission(ctx context.Context, coop dpcoop.CoopID, sub dpcoop.Submission) (dpcoop.Submission, error) {
	const op = "queue submission"
	item, err := marshal(op, submissionItem{keys: keys{PK: tenant(coop), SK: submissionKey(sub.Month, sub.Kind)}, Submission: sub})
	if err != nil {
		return dpcoop.Submission{}, err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(s.table), Item: item, ConditionExpression: aws.String("attribute_not_exists(PK)"),
	})
	if err == nil {
		return sub, nil
	}
	if !conditionFailed(err) {
		return dpcoop.Submission{}, storeError(op, err)
	}
	return s.Submission(ctx, coop, sub.Month, sub.Kind)
}

// Submission reads one document of a month.
func (s *Store) Submission(ctx context.Context, coop dpcoop.CoopID, month string, kind dpcoop.SubmissionKind) (dpcoop.Submission, error) {
	var it submissionItem
	if err := s.get(ctx, "read submission", tenant(coop), submissionKey(month, kind), &it); err != nil {
		return dpcoop.Submission{}, err
	}
	return it.Submission, nil
}

// Submissions are a month's documents, EPS before FPS.
func (s *Store) Submissions(ctx context.Context, coop dpcoop.CoopID, month string) ([]dpcoop.Submission, error) {
	return queryAll(ctx, s, "list submissions", &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("PK = :pk AND begins_with(SK, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(tenant(coop)), ":prefix": str(prefixSubmission + month + "#"),
		},
		ConsistentRead: aws.Bool(true),
	}, func(it submissionItem) dpcoop.Submission { return it.Submission })
}

// MoveSubmission replaces a submission only if it is still as the caller
// read it (the same state and attempts): of two runs or retries racing,
// one moves it and the other gets a conflict, so a document is sent once.
func (s *Store) MoveSubmission(ctx context.Context, coop dpcoop.CoopID, was, now dpcoop.Submission) error {
	const op = "move submission"
	item, err := marshal(op, submissionItem{keys: keys{PK: tenant(coop), SK: submissionKey(now.Month, now.Kind)}, Submission: now})
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(s.table), Item: item,
		ConditionExpression:      aws.String("#state = :state AND Attempts = :attempts"),
		ExpressionAttributeNames: map[string]string{"#state": "State"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":state": str(string(was.State)), ":attempts": num(int64(was.Attempts)),
		},
	})
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	}
	return storeError(op, err)
}
