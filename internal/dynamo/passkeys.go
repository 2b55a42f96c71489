package dynamo

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// prefixPasskey is make dev's passkeys: PASSKEY#<coop>#<person>, SK
// CRED#<credential id>, one item a credential under the person who added it.
// Like the other sign-in items it is in a partition of its own.
const prefixPasskey = "PASSKEY#"

// StoredPasskey is one passkey with what signing in with it needs: the
// identity it signs in as and the adapter's credential (public key, counter).
type StoredPasskey struct {
	dpcoop.Passkey
	Identity   dpcoop.Identity
	Credential []byte
}

func passkeyPK(coop dpcoop.CoopID, person string) string {
	return prefixPasskey + string(coop) + "#" + person
}

// PutPasskey keeps a new passkey under its person; a credential id kept
// already is refused with a conflict (an authenticator registered twice).
func (s *Store) PutPasskey(ctx context.Context, pk StoredPasskey) error {
	id := pk.Identity
	item := key(passkeyPK(id.Coop, id.Person), "CRED#"+pk.ID)
	roles := make([]string, len(id.Roles))
	for i, r := range id.Roles {
		roles[i] = string(r)
	}
	item["credential"] = &types.AttributeValueMemberB{Value: pk.Credential}
	item["added"] = str(pk.Added.UTC().Format(time.RFC3339))
	item["language"] = str(string(id.Language))
	if len(roles) > 0 {
		item["roles"] = &types.AttributeValueMemberSS{Value: roles}
	}
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(s.table), Item: item,
		ConditionExpression: aws.String("attribute_not_exists(PK)"),
	})
	if conditionFailed(err) {
		return dpcoop.WrongPasskey()
	}
	if err != nil {
		return storeError("put passkey", err)
	}
	return nil
}

// Passkeys are the person's passkeys, oldest first; removed ones are not.
func (s *Store) Passkeys(ctx context.Context, coop dpcoop.CoopID, person string) ([]StoredPasskey, error) {
	type item struct {
		SK         string
		Credential []byte
		Added      string
		Language   string
		Roles      []string `dynamodbav:",stringset"`
	}
	out, err := queryAll(ctx, s, "read passkeys", &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :cred)"),
		FilterExpression:          aws.String("attribute_not_exists(#exp)"),
		ExpressionAttributeNames:  map[string]string{"#exp": Expires},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(passkeyPK(coop, person)), ":cred": str("CRED#")},
		ConsistentRead:            aws.Bool(true),
	}, func(it item) StoredPasskey {
		added, _ := time.Parse(time.RFC3339, it.Added) // written by PutPasskey in this format
		id := dpcoop.Identity{Coop: coop, Person: person, Language: dpcoop.Lang(it.Language)}
		for _, r := range it.Roles {
			if role, ok := dpcoop.ParseRole(r); ok {
				id.Roles = append(id.Roles, role)
			}
		}
		return StoredPasskey{Passkey: dpcoop.Passkey{ID: it.SK[len("CRED#"):], Added: added}, Identity: id, Credential: it.Credential}
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b StoredPasskey) int {
		return cmp.Or(a.Added.Compare(b.Added), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// UpdatePasskey keeps a passkey's credential after a sign-in (its counter
// and flags), if the passkey was not removed meanwhile.
func (s *Store) UpdatePasskey(ctx context.Context, coop dpcoop.CoopID, person, id string, credential []byte) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(passkeyPK(coop, person), "CRED#"+id),
		UpdateExpression:          aws.String("SET credential = :c"),
		ConditionExpression:       aws.String("attribute_exists(PK) AND attribute_not_exists(#exp)"),
		ExpressionAttributeNames:  map[string]string{"#exp": Expires},
		ExpressionAttributeValues: map[string]types.AttributeValue{":c": &types.AttributeValueMemberB{Value: credential}},
	})
	if conditionFailed(err) {
		return dpcoop.E("update passkey", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if err != nil {
		return storeError("update passkey", err)
	}
	return nil
}

// RemovePasskey removes one of the person's passkeys at once by expiring it
// (an update: no function may delete); removing it again is no error, and
// one that is not the person's is not found.
func (s *Store) RemovePasskey(ctx context.Context, coop dpcoop.CoopID, person, id string) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(passkeyPK(coop, person), "CRED#"+id),
		UpdateExpression:          aws.String("SET #exp = :zero"),
		ConditionExpression:       aws.String("attribute_exists(PK)"),
		ExpressionAttributeNames:  map[string]string{"#exp": Expires},
		ExpressionAttributeValues: map[string]types.AttributeValue{":zero": epoch(time.Unix(0, 0))},
	})
	if conditionFailed(err) {
		return dpcoop.E("remove passkey", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if err != nil {
		return storeError("remove passkey", err)
	}
	return nil
}
