package dynamo

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Sign-in's items live in partitions of their own, like the rate counters:
// none belongs to a co-op's export, and each expires by TTL. No key holds an
// email address or a session id, only their hashes.
const (
	prefixSession  = "SESSION#"  // SESSION#<hash of the session id>
	prefixCode     = "CODE#"     // CODE#<hash of the email>: a one-time code (make dev)
	prefixIdentity = "IDENTITY#" // IDENTITY#<hash of the email>, SK <coop>#<person> (make dev)
)

// emailKey is the hash an email address is kept under, the same whatever its
// case or spaces.
func emailKey(email string) string {
	return dpcoop.Fingerprint("email", strings.ToLower(strings.TrimSpace(email)))[:32]
}

// PutSession keeps a web session's data under the hash of its id until
// expires (its absolute end; the pages check the idle time themselves).
func (s *Store) PutSession(ctx context.Context, hash string, data []byte, expires time.Time) error {
	item := key(prefixSession+hash, "SESSION")
	item["data"] = &types.AttributeValueMemberB{Value: data}
	item[Expires] = epoch(expires)
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item})
	if err != nil {
		return storeError("put session", err)
	}
	return nil
}

// Session reads a session's data, strongly consistent; one that ended or
// expired (TTL deletes late) is not found.
func (s *Store) Session(ctx context.Context, hash string, now time.Time) ([]byte, error) {
	const op = "read session"
	var it struct {
		Data    []byte `dynamodbav:"data"`
		Expires int64  `dynamodbav:"expires"`
	}
	if err := s.get(ctx, op, prefixSession+hash, "SESSION", &it); err != nil {
		return nil, err
	}
	if it.Expires <= now.Unix() {
		return nil, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return it.Data, nil
}

// EndSession ends a session at once by expiring it (an update: no function
// may delete).
func (s *Store) EndSession(ctx context.Context, hash string) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(prefixSession+hash, "SESSION"),
		UpdateExpression:          aws.String("SET #exp = :zero"),
		ConditionExpression:       aws.String("attribute_exists(PK)"),
		ExpressionAttributeNames:  map[string]string{"#exp": Expires},
		ExpressionAttributeValues: map[string]types.AttributeValue{":zero": epoch(time.Unix(0, 0))},
	})
	if err != nil && !conditionFailed(err) {
		return storeError("end session", err)
	}
	return nil
}

// PutSignInCode keeps the hash of a new one-time code for an email address
// until expires, replacing any earlier code and its count of attempts.
func (s *Store) PutSignInCode(ctx context.Context, email, codeHash string, expires time.Time) error {
	item := key(prefixCode+emailKey(email), "CODE")
	item["code"] = str(codeHash)
	item["attempts"] = &types.AttributeValueMemberN{Value: "0"}
	item[Expires] = epoch(expires)
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item})
	if err != nil {
		return storeError("put sign-in code", err)
	}
	return nil
}

// AttemptSignInCode counts one attempt at the email's code and returns its
// hash, with one conditional update: a code that expired, was used or was
// tried maxAttempts times already is not found.
func (s *Store) AttemptSignInCode(ctx context.Context, email string, maxAttempts int, now time.Time) (string, error) {
	const op = "attempt sign-in code"
	res, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(prefixCode+emailKey(email), "CODE"),
		UpdateExpression:         aws.String("ADD attempts :one"),
		ConditionExpression:      aws.String("attribute_exists(PK) AND attempts < :max AND #exp > :now"),
		ExpressionAttributeNames: map[string]string{"#exp": Expires},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one": &types.AttributeValueMemberN{Value: "1"}, ":max": &types.AttributeValueMemberN{Value: itoa(int64(maxAttempts))},
			":now": epoch(now),
		},
		ReturnValues: types.ReturnValueAllNew,
	})
	if conditionFailed(err) {
		return "", dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if err != nil {
		return "", storeError(op, err)
	}
	var it struct {
		Code string `dynamodbav:"code"`
	}
	if err := attributevalue.UnmarshalMap(res.Attributes, &it); err != nil {
		return "", dpcoop.Wrap(op, err)
	}
	return it.Code, nil
}

// UseSignInCode expires the email's code once it signed someone in, so it
// cannot be used twice.
func (s *Store) UseSignInCode(ctx context.Context, email string) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(prefixCode+emailKey(email), "CODE"),
		UpdateExpression:          aws.String("SET #exp = :zero"),
		ConditionExpression:       aws.String("attribute_exists(PK)"),
		ExpressionAttributeNames:  map[string]string{"#exp": Expires},
		ExpressionAttributeValues: map[string]types.AttributeValue{":zero": epoch(time.Unix(0, 0))},
	})
	if err != nil && !conditionFailed(err) {
		return storeError("use sign-in code", err)
	}
	return nil
}

// AddIdentity records whom the person's email signs in as (make dev's stand
// in for a Cognito user): their role is added to any they hold already.
func (s *Store) AddIdentity(ctx context.Context, p dpcoop.Person) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(prefixIdentity+emailKey(p.Email), string(p.Coop)+"#"+p.ID),
		UpdateExpression:         aws.String("ADD #roles :role SET Coop = :coop, Person = :person, #lang = :lang"),
		ExpressionAttributeNames: map[string]string{"#roles": "Roles", "#lang": "Language"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":role": &types.AttributeValueMemberSS{Value: []string{string(p.Role)}},
			":coop": str(string(p.Coop)), ":person": str(p.ID), ":lang": str(string(p.Language)),
		},
	})
	if err != nil {
		return storeError("add identity", err)
	}
	return nil
}

// MoveIdentity moves whom an email signs in as to the person's new email
// and language (make dev's stand in for updating a Cognito user's
// attributes), keeping their roles; an identity never added, or moved
// already, has nothing to move.
func (s *Store) MoveIdentity(ctx context.Context, was, now dpcoop.Person) error {
	const op = "move identity"
	var it struct {
		Roles []string `dynamodbav:",stringset"`
	}
	sk := string(now.Coop) + "#" + now.ID
	err := s.get(ctx, op, prefixIdentity+emailKey(was.Email), sk, &it)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if emailKey(was.Email) != emailKey(now.Email) {
		// within a co-op an email names one person, as the user pool's
		// email alias does on AWS
		var others []struct{ SK string }
		if _, err := s.query(ctx, op, &dynamodb.QueryInput{
			KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :coop)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(prefixIdentity + emailKey(now.Email)), ":coop": str(string(now.Coop) + "#")},
			ConsistentRead:            aws.Bool(true),
		}, 2, &others); err != nil {
			return err
		}
		if slices.ContainsFunc(others, func(o struct{ SK string }) bool { return o.SK != sk }) {
			return dpcoop.EmailInUse(op)
		}
	}
	item := map[string]types.AttributeValue{
		"PK": str(prefixIdentity + emailKey(now.Email)), "SK": str(sk),
		"Coop": str(string(now.Coop)), "Person": str(now.ID), "Language": str(string(now.Language)),
	}
	if len(it.Roles) > 0 {
		item["Roles"] = &types.AttributeValueMemberSS{Value: it.Roles}
	}
	actions := []types.TransactWriteItem{{Put: &types.Put{TableName: aws.String(s.table), Item: item}}}
	if emailKey(was.Email) != emailKey(now.Email) {
		actions = append(actions, types.TransactWriteItem{Delete: &types.Delete{
			TableName: aws.String(s.table), Key: key(prefixIdentity+emailKey(was.Email), sk)}})
	}
	if _, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: actions}); err != nil {
		return storeError(op, err)
	}
	return nil
}

// RemoveIdentityRole takes role p.Role from whom the person's email signs in
// as (make dev's stand in for removing a Cognito user from a group).
func (s *Store) RemoveIdentityRole(ctx context.Context, p dpcoop.Person) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(prefixIdentity+emailKey(p.Email), string(p.Coop)+"#"+p.ID),
		UpdateExpression:          aws.String("DELETE #roles :role"),
		ConditionExpression:       aws.String("attribute_exists(PK)"),
		ExpressionAttributeNames:  map[string]string{"#roles": "Roles"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":role": &types.AttributeValueMemberSS{Value: []string{string(p.Role)}}},
	})
	if err != nil && !conditionFailed(err) {
		return storeError("remove identity role", err)
	}
	return nil
}

// IdentitiesByEmail are everyone the email address signs in as, by co-op.
func (s *Store) IdentitiesByEmail(ctx context.Context, email string) ([]dpcoop.Identity, error) {
	type item struct {
		Coop     string
		Person   string
		Roles    []string `dynamodbav:",stringset"`
		Language string
	}
	out, err := queryAll(ctx, s, "read identities", &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(prefixIdentity + emailKey(email))},
		ConsistentRead:            aws.Bool(true),
	}, func(it item) dpcoop.Identity {
		id := dpcoop.Identity{Coop: dpcoop.CoopID(it.Coop), Person: it.Person, Language: dpcoop.Lang(it.Language)}
		for _, r := range it.Roles {
			if role, ok := dpcoop.ParseRole(r); ok {
				id.Roles = append(id.Roles, role)
			}
		}
		sort.Slice(id.Roles, func(a, b int) bool { return id.Roles[a] < id.Roles[b] })
		return id
	})
	return out, err
}
