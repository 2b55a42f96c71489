package dynamo

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

var _ dpcoop.People = (*Store)(nil)

// accessRecord is a person's item PERSON#<id> in their co-op's partition:
// CreateCoop writes the first admin's, the people service everyone's since.
type accessRecord struct {
	ID        string
	Email     string
	Name      string
	Language  dpcoop.Lang
	Role      dpcoop.Role // the role they were first invited with
	Roles     []dpcoop.Role
	Revoked   string // RFC 3339, empty while access lasts
	RevokedBy string
	Version   int
}

func (it accessRecord) access() dpcoop.Access {
	a := dpcoop.Access{Person: it.ID, Name: it.Name, Email: it.Email, Language: it.Language, Roles: it.Roles,
		Active: it.Revoked == "", RevokedBy: it.RevokedBy, Version: it.Version}
	if len(a.Roles) == 0 && it.Role != "" {
		a.Roles = []dpcoop.Role{it.Role}
	}
	if it.Revoked != "" {
		a.Revoked, _ = time.Parse(time.RFC3339Nano, it.Revoked)
	}
	return a
}

// People lists everyone's record, with whether their access lasts: a person
// whose membership ceased, or who left, is not active either.
func (s *Store) People(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Access, error) {
	const op = "read people"
	people, err := queryAll(ctx, s, op, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :sk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":sk": str(prefixPerson)},
		ConsistentRead:            aws.Bool(true),
	}, accessRecord.access)
	if err != nil {
		return nil, err
	}
	type ended struct {
		SK    string
		Ended dpcoop.Date // the day access ended, by leaving or revocation
		Left  dpcoop.Date // the day the person left, when they did
	}
	ends, err := queryAll(ctx, s, op, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :sk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":sk": str(prefixAccess)},
		ConsistentRead:            aws.Bool(true),
	}, func(e ended) ended { return e })
	if err != nil {
		return nil, err
	}
	for _, e := range ends {
		i := slices.IndexFunc(people, func(a dpcoop.Access) bool { return prefixAccess+a.Person == e.SK })
		if i < 0 || e.Ended == "" {
			continue
		}
		people[i].Active, people[i].Ended = false, e.Left
		if r := people[i].Revoked; e.Left == "" && (r.IsZero() || dpcoop.DateOf(r) != e.Ended) {
			people[i].Ended = e.Ended // ended before Left was kept: by leaving, unless on the day of a revocation
		}
	}
	return people, nil
}

// Access reads one person's record.
func (s *Store) Access(ctx context.Context, coop dpcoop.CoopID, person string) (dpcoop.Access, error) {
	var it accessRecord
	if err := s.get(ctx, "read person", tenant(coop), prefixPerson+person, &it); err != nil {
		return dpcoop.Access{}, err
	}
	return it.access(), nil
}

// PutAccess writes the person's record over the version it was read at, the
// roles and any revocation on the access record every request reads, and
// checks keeper is still an active admin, in one transaction.
func (s *Store) PutAccess(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Access, keeper string) (dpcoop.Access, error) {
	const op = "change access"
	it := accessRecord{ID: a.Person, Email: a.Email, Name: a.Name, Language: a.Language, Roles: a.Roles, RevokedBy: a.RevokedBy, Version: a.Version + 1}
	if len(a.Roles) > 0 {
		it.Role = a.Roles[0]
	}
	if !a.Revoked.IsZero() {
		it.Revoked = a.Revoked.UTC().Format(time.RFC3339Nano)
	}
	item, err := marshal(op, it)
	if err != nil {
		return dpcoop.Access{}, err
	}
	item[PK], item[SK] = str(tenant(coop)), str(prefixPerson+a.Person)
	put := &types.Put{TableName: aws.String(s.table), Item: item, ConditionExpression: aws.String("attribute_not_exists(PK)")}
	if a.Version > 0 {
		put.ConditionExpression = aws.String("Version = :v")
		put.ExpressionAttributeValues = map[string]types.AttributeValue{":v": &types.AttributeValueMemberN{Value: strconv.Itoa(a.Version)}}
	}
	roles := &types.AttributeValueMemberL{Value: []types.AttributeValue{}}
	for _, r := range a.Roles {
		roles.Value = append(roles.Value, str(string(r)))
	}
	update := &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixAccess+a.Person),
		UpdateExpression:          aws.String("SET #roles = :roles"),
		ExpressionAttributeNames:  map[string]string{"#roles": "Roles"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":roles": roles},
	}
	switch {
	case !a.Revoked.IsZero():
		update.UpdateExpression = aws.String("SET #roles = :roles, Revoked = :yes, Ended = if_not_exists(Ended, :day)")
		update.ExpressionAttributeValues[":yes"] = &types.AttributeValueMemberBOOL{Value: true}
		update.ExpressionAttributeValues[":day"] = str(string(dpcoop.DateOf(a.Revoked)))
	case a.Active: // lasting or reinstated: no revocation, and never someone who left meanwhile
		update.UpdateExpression = aws.String("SET #roles = :roles REMOVE Revoked, Ended")
		update.ConditionExpression = aws.String("attribute_not_exists(#left)")
		update.ExpressionAttributeNames["#left"] = "Left"
	}
	items := []types.TransactWriteItem{{Put: put}, {Update: update}}
	if keeper != "" {
		items = append(items, types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
			TableName: aws.String(s.table), Key: key(tenant(coop), prefixPerson+keeper),
			ConditionExpression:       aws.String("contains(#roles, :admin) AND (attribute_not_exists(Revoked) OR Revoked = :none)"),
			ExpressionAttributeNames:  map[string]string{"#roles": "Roles"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":admin": str(string(dpcoop.RoleAdmin)), ":none": str("")},
		}})
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	var tc *types.TransactionCanceledException
	switch {
	case err == nil:
		a.Version = it.Version
		return a, nil
	case errors.As(err, &tc) && len(tc.CancellationReasons) == 3 && aws.ToString(tc.CancellationReasons[2].Code) == "ConditionalCheckFailed":
		return dpcoop.Access{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeLastAdmin)
	case conditionFailed(err) || lostRace(err):
		return dpcoop.Access{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	}
	return dpcoop.Access{}, storeError(op, err)
}

// CoopAndAccess reads p's co-op and p's access record together, strongly
// consistent, with one BatchGetItem: what every signed-in request checks
// before its own reads (dpcoop.CheckAccess). A co-op that does not exist is
// not found; a person without an access record has the empty one, as
// AccessRecord answers.
func (s *Store) CoopAndAccess(ctx context.Context, p dpcoop.Principal) (dpcoop.Coop, dpcoop.AccessRecord, error) {
	const op = "read coop and access"
	var (
		c   coopItem
		rec dpcoop.AccessRecord
	)
	found, err := s.getMany(ctx, op, []wanted{{tenant(p.Coop), skCoop, &c}, {tenant(p.Coop), prefixAccess + p.Person, &rec}})
	switch {
	case err != nil:
		return dpcoop.Coop{}, dpcoop.AccessRecord{}, err
	case !found[0]:
		return dpcoop.Coop{}, dpcoop.AccessRecord{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return c.Coop, rec, nil
}

// AccessRecord reads the person's access record, strongly consistent.
func (s *Store) AccessRecord(ctx context.Context, coop dpcoop.CoopID, person string) (dpcoop.AccessRecord, error) {
	var rec dpcoop.AccessRecord
	err := s.get(ctx, "read access", tenant(coop), prefixAccess+person, &rec)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return dpcoop.AccessRecord{}, nil
	}
	return rec, err
}
