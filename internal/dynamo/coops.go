package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

type coopItem struct {
	keys
	dpcoop.Coop
	AdminID     string
	Fingerprint string
}

type personItem struct {
	keys
	dpcoop.Person
	Roles   []dpcoop.Role // as the people service keeps them (people.go)
	Version int
}

// CreateCoop writes the co-op and its first admin in one transaction; the
// co-op's key is its slug, so the slug is unique by construction.
func (s *Store) CreateCoop(ctx context.Context, c dpcoop.Coop, admin dpcoop.Person, fingerprint string) (dpcoop.Coop, dpcoop.Person, error) {
	const op = "create coop"
	ci, err := marshal(op, coopItem{
		keys: keys{PK: tenant(c.ID), SK: skCoop, GSI1PK: coopsIndexKey, GSI1SK: string(c.ID)},
		Coop: c, AdminID: admin.ID, Fingerprint: fingerprint,
	})
	if err != nil {
		return dpcoop.Coop{}, dpcoop.Person{}, err
	}
	pi, err := marshal(op, personItem{keys: keys{PK: tenant(c.ID), SK: prefixPerson + admin.ID}, Person: admin, Roles: []dpcoop.Role{admin.Role}, Version: 1})
	if err != nil {
		return dpcoop.Coop{}, dpcoop.Person{}, err
	}
	notExists := aws.String("attribute_not_exists(PK)")
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(s.table), Item: ci, ConditionExpression: notExists}},
		{Put: &types.Put{TableName: aws.String(s.table), Item: pi, ConditionExpression: notExists}},
	}})
	if err == nil {
		return c, admin, nil
	}
	if !conditionFailed(err) {
		return dpcoop.Coop{}, dpcoop.Person{}, storeError(op, err)
	}
	var existing coopItem
	if err := s.get(ctx, op, tenant(c.ID), skCoop, &existing); err != nil {
		return dpcoop.Coop{}, dpcoop.Person{}, err
	}
	if existing.Fingerprint != fingerprint {
		return dpcoop.Coop{}, dpcoop.Person{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeSlugTaken)
	}
	var person personItem
	if err := s.get(ctx, op, tenant(c.ID), prefixPerson+existing.AdminID, &person); err != nil {
		return dpcoop.Coop{}, dpcoop.Person{}, err
	}
	return existing.Coop, person.Person, nil
}

// Coop reads one co-op by its id.
func (s *Store) Coop(ctx context.Context, id dpcoop.CoopID) (dpcoop.Coop, error) {
	var it coopItem
	if err := s.get(ctx, "read coop", tenant(id), skCoop, &it); err != nil {
		return dpcoop.Coop{}, err
	}
	return it.Coop, nil
}

// SetTurnstile sets (or clears) the co-op's Cloudflare Turnstile secret.
func (s *Store) SetTurnstile(ctx context.Context, id dpcoop.CoopID, secret, siteKey string) error {
	const op = "set turnstile"
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(tenant(id), skCoop),
		UpdateExpression: aws.String("SET TurnstileSecret = :s, TurnstileSiteKey = :k"), ConditionExpression: aws.String("attribute_exists(PK)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":s": str(secret), ":k": str(siteKey)},
	})
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return storeError(op, err)
}

// UpdateCoopDetails writes the co-op's names, contact, office, origins and
// language as an admin changed them; nothing else of the co-op is touched.
func (s *Store) UpdateCoopDetails(ctx context.Context, c dpcoop.Coop) error {
	const op = "change coop"
	origins := &types.AttributeValueMemberL{}
	for _, o := range c.Origins {
		origins.Value = append(origins.Value, str(o))
	}
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(tenant(c.ID), skCoop),
		UpdateExpression:         aws.String("SET NameEN = :en, NameCY = :cy, ContactEmail = :email, RegisteredOffice = :office, Origins = :origins, #lang = :lang"),
		ConditionExpression:      aws.String("attribute_exists(PK)"),
		ExpressionAttributeNames: map[string]string{"#lang": "Language"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":en": str(c.NameEN), ":cy": str(c.NameCY), ":email": str(c.ContactEmail), ":office": str(c.RegisteredOffice),
			":origins": origins, ":lang": str(string(c.Language)),
		},
	})
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return storeError(op, err)
}
