package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The keys of activities: ACTIVITY#<id> is an activity, ACTGO#<id>#<member>
// a member's answer whether they are coming, FEED#<member> the hash of a
// member's calendar feed token and FEEDTOKEN#<hash> who that hash is for.
const (
	prefixActivity   = "ACTIVITY#"
	prefixAttendance = "ACTGO#"
	prefixFeed       = "FEED#"
	prefixFeedToken  = "FEEDTOKEN#"
)

type activityItem struct {
	keys
	dpcoop.Activity
}

// AddActivity keeps a new activity; one already kept under its id (a
// retried request) is returned as it is, created false.
func (s *Store) AddActivity(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Activity) (dpcoop.Activity, bool, error) {
	const op = "add activity"
	item, err := marshal(op, activityItem{keys{PK: tenant(coop), SK: prefixActivity + a.ID}, a})
	if err != nil {
		return a, false, err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item,
		ConditionExpression: aws.String("attribute_not_exists(PK)")})
	if conditionFailed(err) {
		kept, err := s.Activity(ctx, coop, a.ID)
		return kept, false, err
	}
	return a, err == nil, storeErrorOrNil(op, err)
}

// SaveActivity writes a changed activity if its version is still the one
// read (changed_meanwhile otherwise), and moves the version on.
func (s *Store) SaveActivity(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Activity) (dpcoop.Activity, error) {
	const op = "save activity"
	was := a.Version
	a.Version++
	item, err := marshal(op, activityItem{keys{PK: tenant(coop), SK: prefixActivity + a.ID}, a})
	if err != nil {
		return a, err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item,
		ConditionExpression:       aws.String("Version = :was"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":was": &types.AttributeValueMemberN{Value: itoa(was)}}})
	if conditionFailed(err) {
		return a, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	}
	return a, storeErrorOrNil(op, err)
}

// Activity reads one activity.
func (s *Store) Activity(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Activity, error) {
	var it activityItem
	err := s.get(ctx, "read activity", tenant(coop), prefixActivity+id, &it)
	return it.Activity, err
}

// Activities reads the co-op's activities, cancelled and past ones too.
func (s *Store) Activities(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Activity, error) {
	return queryAll(ctx, s, "read activities", prefixQuery(coop, prefixActivity),
		func(it activityItem) dpcoop.Activity { return it.Activity })
}

type attendanceItem struct {
	keys
	dpcoop.Attendance
}

func attendanceKey(activity, member string) string {
	return prefixAttendance + activity + "#" + member
}

// DeleteAttendance removes a member's answer for an activity; one already
// gone is no error.
func (s *Store) DeleteAttendance(ctx context.Context, coop dpcoop.CoopID, activity, member string) error {
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.table), Key: key(tenant(coop), attendanceKey(activity, member))})
	return storeErrorOrNil("remove answer", err)
}

// PutAttendance keeps a member's answer for an activity, replacing the last.
func (s *Store) PutAttendance(ctx context.Context, coop dpcoop.CoopID, at dpcoop.Attendance) error {
	const op = "say coming"
	item, err := marshal(op, attendanceItem{keys{PK: tenant(coop), SK: attendanceKey(at.Activity, at.Member)}, at})
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item})
	return storeErrorOrNil(op, err)
}

// Attendances reads every member's answer for an activity.
func (s *Store) Attendances(ctx context.Context, coop dpcoop.CoopID, activity string) ([]dpcoop.Attendance, error) {
	return queryAll(ctx, s, "read who is coming", prefixQuery(coop, prefixAttendance+activity+"#"),
		func(it attendanceItem) dpcoop.Attendance { return it.Attendance })
}

type feedItem struct {
	keys
	Member string
	Hash   string
}

// SetFeedToken makes hash the only token of the member's calendar feed: the
// one it replaces stops working in the same transaction.
func (s *Store) SetFeedToken(ctx context.Context, coop dpcoop.CoopID, member, hash string) error {
	const op = "set feed token"
	var old feedItem
	err := s.get(ctx, op, tenant(coop), prefixFeed+member, &old)
	if err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return err
	}
	mine, err := marshal(op, feedItem{keys{PK: tenant(coop), SK: prefixFeed + member}, member, hash})
	if err != nil {
		return err
	}
	token, err := marshal(op, feedItem{keys{PK: tenant(coop), SK: prefixFeedToken + hash}, member, hash})
	if err != nil {
		return err
	}
	tx := []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(s.table), Item: mine}},
		{Put: &types.Put{TableName: aws.String(s.table), Item: token}},
	}
	if old.Hash != "" && old.Hash != hash {
		tx = append(tx, types.TransactWriteItem{Delete: &types.Delete{TableName: aws.String(s.table), Key: key(tenant(coop), prefixFeedToken+old.Hash)}})
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
	return storeErrorOrNil(op, err)
}

// FeedMember is the member whose feed token has hash; not found when no
// current token has it.
func (s *Store) FeedMember(ctx context.Context, coop dpcoop.CoopID, hash string) (string, error) {
	var it feedItem
	err := s.get(ctx, "read feed token", tenant(coop), prefixFeedToken+hash, &it)
	return it.Member, err
}

// DeleteFeedToken ends a member's calendar feed: its token and the record
// of it go in one transaction. A member with none is no error.
func (s *Store) DeleteFeedToken(ctx context.Context, coop dpcoop.CoopID, member string) error {
	const op = "end feed"
	var it feedItem
	err := s.get(ctx, op, tenant(coop), prefixFeed+member, &it)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Delete: &types.Delete{TableName: aws.String(s.table), Key: key(tenant(coop), prefixFeedToken+it.Hash)}},
		{Delete: &types.Delete{TableName: aws.String(s.table), Key: key(tenant(coop), prefixFeed+member)}},
	}})
	return storeErrorOrNil(op, err)
}
