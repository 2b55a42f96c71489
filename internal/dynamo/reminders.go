package dynamo

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// prefixSent keys the reminders told: SENT#<person>#<reminder key> says the
// person was emailed that reminder at that threshold (dpcoop.Reminder.Key).
// It holds no personal data beyond the ids in its key, and expires after
// dpcoop.ReminderMarkerDays.
const prefixSent = "SENT#"

type sentItem struct {
	keys
	At time.Time
}

// ClaimReminder records that person is being told a reminder (its key), once:
// false when it was told before (by this run or an earlier one).
func (s *Store) ClaimReminder(ctx context.Context, coop dpcoop.CoopID, person, reminder string, at time.Time) (bool, error) {
	const op = "claim reminder"
	item, err := marshal(op, sentItem{keys{PK: tenant(coop), SK: prefixSent + person + "#" + reminder}, at.UTC()})
	if err != nil {
		return false, err
	}
	item[Expires] = epoch(at.AddDate(0, 0, dpcoop.ReminderMarkerDays))
	return s.putIfAbsent(ctx, op, item)
}

// putIfAbsent writes an item whose key is not yet taken: false, and nothing
// written, when it is.
func (s *Store) putIfAbsent(ctx context.Context, op string, item map[string]types.AttributeValue) (bool, error) {
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item,
		ConditionExpression: aws.String("attribute_not_exists(PK)")})
	if conditionFailed(err) {
		return false, nil
	}
	if err != nil {
		return false, storeError(op, err)
	}
	return true, nil
}

// ReleaseReminder forgets a claimed reminder whose email could not be sent,
// so the next run tells it.
func (s *Store) ReleaseReminder(ctx context.Context, coop dpcoop.CoopID, person, reminder string) error {
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.table), Key: key(tenant(coop), prefixSent+person+"#"+reminder)})
	if err != nil {
		return storeError("release reminder", err)
	}
	return nil
}
