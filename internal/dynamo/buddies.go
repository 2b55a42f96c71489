package dynamo

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The keys of buddying and notices: BUDDYREQ#<member> is a member's
// request for a buddy, BUDDY#<id> a pairing, NOTICE#<person>#<id> a notice
// for a person's page and NOTICESET#<person> what they want emailed.
const (
	prefixBuddyRequest = "BUDDYREQ#"
	prefixPairing      = "BUDDY#"
	prefixPageNotice   = "NOTICE#"
	prefixNoticeSet    = "NOTICESET#"
)

type buddyRequestItem struct {
	keys
	dpcoop.BuddyRequest
}

// notPaired is the condition that a request is in no pairing.
const notPaired = "attribute_not_exists(Paired) OR Paired = :none"

// PutBuddyRequest keeps a member's request, unless a pairing holds it.
func (s *Store) PutBuddyRequest(ctx context.Context, coop dpcoop.CoopID, r dpcoop.BuddyRequest) error {
	const op = "ask for a buddy"
	item, err := marshal(op, buddyRequestItem{keys{PK: tenant(coop), SK: prefixBuddyRequest + r.Member}, r})
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item,
		ConditionExpression:       aws.String(notPaired),
		ExpressionAttributeValues: map[string]types.AttributeValue{":none": str("")}})
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeAlreadyBuddied)
	}
	return storeErrorOrNil(op, err)
}

// DeleteBuddyRequest withdraws a member's request, unless a pairing holds
// it; one already gone is no error.
func (s *Store) DeleteBuddyRequest(ctx context.Context, coop dpcoop.CoopID, member string) error {
	const op = "withdraw buddy request"
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.table),
		Key: key(tenant(coop), prefixBuddyRequest+member), ConditionExpression: aws.String(notPaired),
		ExpressionAttributeValues: map[string]types.AttributeValue{":none": str("")}})
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeAlreadyBuddied)
	}
	return storeErrorOrNil(op, err)
}

// BuddyRequests reads the co-op's requests for a buddy.
func (s *Store) BuddyRequests(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.BuddyRequest, error) {
	return queryAll(ctx, s, "read buddy requests", prefixQuery(coop, prefixBuddyRequest),
		func(it buddyRequestItem) dpcoop.BuddyRequest { return it.BuddyRequest })
}

type pairingItem struct {
	keys
	dpcoop.Pairing
}

// setPaired marks a member's waiting request as held by pairing id.
func (s *Store) setPaired(coop dpcoop.CoopID, member, id string) types.TransactWriteItem {
	return types.TransactWriteItem{Update: &types.Update{TableName: aws.String(s.table),
		Key: key(tenant(coop), prefixBuddyRequest+member), UpdateExpression: aws.String("SET Paired = :id"),
		ConditionExpression:       aws.String("attribute_exists(PK) AND (" + notPaired + ")"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":id": str(id), ":none": str("")}}}
}

// AddPairing keeps a new pairing and marks both members' requests as held
// by it in one transaction; the pairing already kept is created false, and
// a request withdrawn or paired meanwhile refuses it.
func (s *Store) AddPairing(ctx context.Context, coop dpcoop.CoopID, p dpcoop.Pairing) (bool, error) {
	const op = "pair buddies"
	item, err := marshal(op, pairingItem{keys{PK: tenant(coop), SK: prefixPairing + p.ID}, p})
	if err != nil {
		return false, err
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(s.table), Item: item, ConditionExpression: aws.String("attribute_not_exists(PK)")}},
		s.setPaired(coop, p.Sides[0].Member, p.ID),
		s.setPaired(coop, p.Sides[1].Member, p.ID),
	}})
	failed := failedConditions(err)
	switch {
	case failed[0]:
		return false, nil
	case failed[1] || failed[2]:
		return false, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeAlreadyBuddied)
	}
	return err == nil, storeErrorOrNil(op, err)
}

// SavePairing writes a pairing's new state if nobody changed it since
// was; a declined pairing returns both requests to waiting, an ended one
// removes them (either may ask again).
func (s *Store) SavePairing(ctx context.Context, coop dpcoop.CoopID, p dpcoop.Pairing, was time.Time) error {
	const op = "save buddy pairing"
	item, err := marshal(op, pairingItem{keys{PK: tenant(coop), SK: prefixPairing + p.ID}, p})
	if err != nil {
		return err
	}
	wasAV, err := marshal(op, struct{ T time.Time }{was})
	if err != nil {
		return err
	}
	tx := []types.TransactWriteItem{{Put: &types.Put{TableName: aws.String(s.table), Item: item,
		ConditionExpression:       aws.String("Changed = :was"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":was": wasAV["T"]}}}}
	for _, side := range p.Sides {
		k := key(tenant(coop), prefixBuddyRequest+side.Member)
		held := map[string]types.AttributeValue{":id": str(p.ID)}
		switch p.State {
		case dpcoop.PairingDeclined:
			tx = append(tx, types.TransactWriteItem{Update: &types.Update{TableName: aws.String(s.table), Key: k,
				UpdateExpression: aws.String("REMOVE Paired"), ConditionExpression: aws.String("Paired = :id"),
				ExpressionAttributeValues: held}})
		case dpcoop.PairingEnded:
			tx = append(tx, types.TransactWriteItem{Delete: &types.Delete{TableName: aws.String(s.table), Key: k,
				ConditionExpression: aws.String("attribute_not_exists(PK) OR Paired = :id"), ExpressionAttributeValues: held}})
		}
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	}
	return storeErrorOrNil(op, err)
}

// Pairings reads the co-op's pairings, of every state.
func (s *Store) Pairings(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Pairing, error) {
	return queryAll(ctx, s, "read buddy pairings", prefixQuery(coop, prefixPairing),
		func(it pairingItem) dpcoop.Pairing { return it.Pairing })
}

type pageNoticeItem struct {
	keys
	dpcoop.PageNotice
}

// AddPageNotice keeps a notice once; the one already kept under its id is
// returned, created false.
func (s *Store) AddPageNotice(ctx context.Context, coop dpcoop.CoopID, n dpcoop.PageNotice) (dpcoop.PageNotice, bool, error) {
	const op = "keep notice"
	sk := prefixPageNotice + n.Person + "#" + n.ID
	item, err := marshal(op, pageNoticeItem{keys{PK: tenant(coop), SK: sk}, n})
	if err != nil {
		return n, false, err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item,
		ConditionExpression: aws.String("attribute_not_exists(PK)")})
	if conditionFailed(err) {
		var it pageNoticeItem
		err := s.get(ctx, op, tenant(coop), sk, &it)
		return it.PageNotice, false, err
	}
	if err != nil {
		return n, false, storeError(op, err)
	}
	return n, true, nil
}

// MarkPageNotice records whether a person's notice was read and emailed.
func (s *Store) MarkPageNotice(ctx context.Context, coop dpcoop.CoopID, person, id string, read, emailed bool) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(s.table),
		Key:                      key(tenant(coop), prefixPageNotice+person+"#"+id),
		UpdateExpression:         aws.String("SET #r = :r, Emailed = :e"),
		ConditionExpression:      aws.String("attribute_exists(PK)"),
		ExpressionAttributeNames: map[string]string{"#r": "Read"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":r": &types.AttributeValueMemberBOOL{Value: read}, ":e": &types.AttributeValueMemberBOOL{Value: emailed}}})
	if conditionFailed(err) {
		return dpcoop.E("mark notice", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return storeErrorOrNil("mark notice", err)
}

// PageNotices reads a person's notices.
func (s *Store) PageNotices(ctx context.Context, coop dpcoop.CoopID, person string) ([]dpcoop.PageNotice, error) {
	out, err := queryAll(ctx, s, "read notices", prefixQuery(coop, prefixPageNotice+person+"#"),
		func(it pageNoticeItem) dpcoop.PageNotice { return it.PageNotice })
	if out == nil && err == nil {
		out = []dpcoop.PageNotice{}
	}
	return out, err
}

type noticeSetItem struct {
	keys
	dpcoop.NoticeSettings
}

// NoticeSettings reads what a person wants emailed; none kept is every
// kind on.
func (s *Store) NoticeSettings(ctx context.Context, coop dpcoop.CoopID, person string) (dpcoop.NoticeSettings, error) {
	var it noticeSetItem
	err := s.get(ctx, "read notice settings", tenant(coop), prefixNoticeSet+person, &it)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return dpcoop.NoticeSettings{Off: []string{}}, nil
	}
	if it.Off == nil {
		it.Off = []string{}
	}
	return it.NoticeSettings, err
}

// SetNoticeSettings replaces what a person wants emailed.
func (s *Store) SetNoticeSettings(ctx context.Context, coop dpcoop.CoopID, person string, set dpcoop.NoticeSettings) error {
	return s.put(ctx, "set notice settings", noticeSetItem{keys{PK: tenant(coop), SK: prefixNoticeSet + person}, set})
}

// prefixQuery reads the co-op's items whose keys begin with prefix.
func prefixQuery(coop dpcoop.CoopID, prefix string) *dynamodb.QueryInput {
	return &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :sk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":sk": str(prefix)},
		ConsistentRead:            aws.Bool(true),
	}
}

// storeErrorOrNil classifies a write's failure, if any.
func storeErrorOrNil(op string, err error) error {
	if err == nil {
		return nil
	}
	return storeError(op, err)
}
