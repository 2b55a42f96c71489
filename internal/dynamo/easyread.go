package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// easyReadRecords are the person's records that keep their Easy Read
// setting beside their language: their register entry if they are a
// member, their PA record if they are a PA.
func easyReadRecords(p dpcoop.Principal) []string {
	var sks []string
	if p.Has(dpcoop.RoleMember) {
		sks = append(sks, prefixMember+p.Person)
	}
	if p.Has(dpcoop.RolePA) {
		sks = append(sks, prefixPA+p.Person)
	}
	return sks
}

// EasyRead reads the acting person's Easy Read setting from their member or
// PA record; found is false when they have neither (an admin only).
func (s *Store) EasyRead(ctx context.Context, p dpcoop.Principal) (on, found bool, err error) {
	for _, sk := range easyReadRecords(p) {
		var it struct{ EasyRead bool }
		err := s.get(ctx, "read easy read", tenant(p.Coop), sk, &it)
		if dpcoop.IsKind(err, dpcoop.KindNotFound) {
			continue
		}
		return it.EasyRead, err == nil, err
	}
	return false, false, nil
}

// SetEasyRead keeps the acting person's Easy Read setting on each of their
// member and PA records that exists; only that one attribute is written.
func (s *Store) SetEasyRead(ctx context.Context, p dpcoop.Principal, on bool) error {
	const op = "set easy read"
	for _, sk := range easyReadRecords(p) {
		_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
			TableName:                 aws.String(s.table),
			Key:                       key(tenant(p.Coop), sk),
			UpdateExpression:          aws.String("SET EasyRead = :on"),
			ConditionExpression:       aws.String("attribute_exists(PK)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":on": &types.AttributeValueMemberBOOL{Value: on}},
		})
		if err != nil && !conditionFailed(err) {
			return storeError(op, err)
		}
	}
	return nil
}
