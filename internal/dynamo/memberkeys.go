package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// MemberKeys counts what KeepMemberKeys wrote.
type MemberKeys struct {
	Shifts, Employments, PoolMembers int
}

// KeepMemberKeys gives a co-op's shifts and employments stored before they
// were kept by member their member keys: each shift's copies under its
// members (MSHIFT#), written in a transaction that checks the shift is still
// the version read (a shift changed meanwhile already has them, from its own
// change), each employment's GSI1 keys under its member, and each pool
// membership's copy under its member (MEMBERPOOLS#), written in a
// transaction that checks the membership is as read. Running it again
// writes the same keys; it is the one-off step after the deploy that
// introduced them (docs/runbooks.md, "Keys by member").
func (s *Store) KeepMemberKeys(ctx context.Context, coop dpcoop.CoopID) (MemberKeys, error) {
	const op = "keep member keys"
	var out MemberKeys
	shifts, err := all(ctx, s, op, coop, prefixShift, func(it shiftItem) dpcoop.Shift { return it.Shift })
	if err != nil {
		return out, err
	}
	for _, sh := range shifts {
		copies, err := s.memberShifts(op, coop, nil, sh)
		if err != nil {
			return out, err
		}
		tx := append([]types.TransactWriteItem{{ConditionCheck: &types.ConditionCheck{
			TableName: aws.String(s.table), Key: key(tenant(coop), prefixShift+sh.ID),
			ConditionExpression:       aws.String("Version = :v"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": num(sh.Version)},
		}}}, copies...)
		_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
		if conditionFailed(err) {
			continue // changed since it was read: its change wrote its copies
		}
		if err != nil {
			return out, storeError(op, err)
		}
		out.Shifts++
	}
	emps, err := s.Employments(ctx, coop, "")
	if err != nil {
		return out, err
	}
	for _, e := range emps {
		k := employmentKeys(coop, e)
		_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
			TableName: aws.String(s.table), Key: key(k.PK, k.SK),
			UpdateExpression:          aws.String("SET GSI1PK = :pk, GSI1SK = :sk"),
			ConditionExpression:       aws.String("attribute_exists(PK)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(k.GSI1PK), ":sk": str(k.GSI1SK)},
		})
		if err != nil {
			return out, storeError(op, err)
		}
		out.Employments++
	}
	pms, err := all(ctx, s, op, coop, prefixPoolMember, func(it poolMemberItem) dpcoop.PoolMember { return it.PoolMember })
	if err != nil {
		return out, err
	}
	for _, pm := range pms {
		copied, err := s.keepPoolCopy(op, coop, pm)
		if err != nil {
			return out, err
		}
		at, err := attributevalue.Marshal(pm.ConsentAt)
		if err != nil {
			return out, dpcoop.Wrap(op, err)
		}
		_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{{ConditionCheck: &types.ConditionCheck{
			TableName: aws.String(s.table), Key: key(tenant(coop), prefixPoolMember+pm.Pool+"#"+pm.Member),
			ConditionExpression:       aws.String("#left = :left AND ConsentAt = :at"),
			ExpressionAttributeNames:  map[string]string{"#left": "Left"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":left": str(string(pm.Left)), ":at": at},
		}}, copied}})
		if conditionFailed(err) {
			continue // joined or left since it was read: that change wrote its copy
		}
		if err != nil {
			return out, storeError(op, err)
		}
		out.PoolMembers++
	}
	return out, nil
}
