package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Matching keys: a PA's profile MATCH#P#<pa>, a member's preferences
// MATCH#M#<member>, a PA's offer against a need MATCHOFFER#<need>#<pa>.
// Each is one item written whole, so withdrawing a field rewrites the item
// without it and nothing of the old value stays.
// The co-op's list of areas is one item, SETTING#AREAS.
const (
	prefixMatchPA     = "MATCH#P#"
	prefixMatchMember = "MATCH#M#"
	prefixMatchOffer  = "MATCHOFFER#"
	skAreas           = "SETTING#AREAS"
)

type areasItem struct {
	keys
	dpcoop.Areas
}

// CoopAreas reads the co-op's list of areas; none set is an empty list.
func (s *Store) CoopAreas(ctx context.Context, coop dpcoop.CoopID) (dpcoop.Areas, error) {
	var it areasItem
	err := s.get(ctx, "read areas", tenant(coop), skAreas, &it)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) || err == nil && it.Areas.Areas == nil {
		return dpcoop.Areas{Areas: []dpcoop.Area{}}, nil
	}
	return it.Areas, err
}

// SetCoopAreas replaces the co-op's list of areas.
func (s *Store) SetCoopAreas(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Areas) error {
	return s.put(ctx, "set areas", areasItem{keys{PK: tenant(coop), SK: skAreas}, a})
}

type matchItem struct {
	keys
	dpcoop.MatchProfile
}

type offerItem struct {
	keys
	dpcoop.MatchOffer
}

func matchKey(member bool, person string) string {
	if member {
		return prefixMatchMember + person
	}
	return prefixMatchPA + person
}

// MatchProfile reads a PA's profile (member false) or a member's
// preferences, failing with not_found when they share nothing.
func (s *Store) MatchProfile(ctx context.Context, coop dpcoop.CoopID, member bool, person string) (dpcoop.MatchProfile, error) {
	var it matchItem
	if err := s.get(ctx, "read matching profile", tenant(coop), matchKey(member, person), &it); err != nil {
		return dpcoop.MatchProfile{}, err
	}
	return it.MatchProfile, nil
}

// PutMatchProfile writes a profile or preferences whole, replacing what was
// there.
func (s *Store) PutMatchProfile(ctx context.Context, coop dpcoop.CoopID, member bool, p dpcoop.MatchProfile) error {
	return s.put(ctx, "save matching profile", matchItem{keys{PK: tenant(coop), SK: matchKey(member, p.Person)}, p})
}

// DeleteMatchProfile deletes a profile or preferences; one already gone is
// no error.
func (s *Store) DeleteMatchProfile(ctx context.Context, coop dpcoop.CoopID, member bool, person string) error {
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.table), Key: key(tenant(coop), matchKey(member, person))})
	if err != nil {
		return storeError("delete matching profile", err)
	}
	return nil
}

// MatchProfiles reads every PA's profile (member false) or every member's
// preferences in the co-op.
func (s *Store) MatchProfiles(ctx context.Context, coop dpcoop.CoopID, member bool) ([]dpcoop.MatchProfile, error) {
	return queryPrefix(ctx, s, "read matching profiles", coop, matchKey(member, ""), func(it matchItem) dpcoop.MatchProfile { return it.MatchProfile })
}

func offerKey(o dpcoop.MatchOffer) string { return prefixMatchOffer + o.Need + "#" + o.PA }

// PutMatchOffer records a PA's offer against a need; the same offer again
// writes the same item.
func (s *Store) PutMatchOffer(ctx context.Context, coop dpcoop.CoopID, o dpcoop.MatchOffer) error {
	return s.put(ctx, "offer to support", offerItem{keys{PK: tenant(coop), SK: offerKey(o)}, o})
}

// DeleteMatchOffer withdraws an offer; one already gone is no error.
func (s *Store) DeleteMatchOffer(ctx context.Context, coop dpcoop.CoopID, o dpcoop.MatchOffer) error {
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.table), Key: key(tenant(coop), offerKey(o))})
	return storeErrorOrNil("withdraw offer", err)
}

// PAsLeft are the PAs of ids whose pay history records the day they left,
// read together.
func (s *Store) PAsLeft(ctx context.Context, coop dpcoop.CoopID, ids []string) (map[string]dpcoop.Date, error) {
	hist, err := getByID(ctx, s, "read pas left", coop, prefixPayHistory, ids, func(it payHistoryItem) dpcoop.Date { return it.Left })
	for id, left := range hist {
		if left == "" {
			delete(hist, id)
		}
	}
	return hist, err
}

// MatchOffers reads the co-op's offers, for its admins.
func (s *Store) MatchOffers(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.MatchOffer, error) {
	return queryPrefix(ctx, s, "read offers", coop, prefixMatchOffer, func(it offerItem) dpcoop.MatchOffer { return it.MatchOffer })
}

// queryPrefix reads the co-op's items whose sort key begins with prefix.
func queryPrefix[I, T any](ctx context.Context, s *Store, op string, coop dpcoop.CoopID, prefix string, conv func(I) T) ([]T, error) {
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :sk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":sk": str(prefix)},
		ConsistentRead:            aws.Bool(true),
	}
	return queryAll(ctx, s, op, in, conv)
}
