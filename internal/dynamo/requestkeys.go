package dynamo

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// requestKey is where a key's claim lives: its own partition, like the rate
// counters, so it belongs to no co-op's export and expires by TTL.
func requestKey(scope, k string) map[string]types.AttributeValue {
	return key(prefixKey+dpcoop.Fingerprint(scope, k)[:32], "KEY")
}

// Claim binds key to fingerprint with one conditional put: it succeeds when
// the key is new, expired (TTL deletes late), or already this request's.
func (s *Store) Claim(ctx context.Context, scope, k, fingerprint string, now, expires time.Time) error {
	const op = "claim idempotency key"
	item := requestKey(scope, k)
	item["fingerprint"] = str(fingerprint)
	item[Expires] = epoch(expires)
	_, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName:                aws.String(s.table),
		Item:                     item,
		ConditionExpression:      aws.String("attribute_not_exists(PK) OR fingerprint = :fp OR #exp < :now"),
		ExpressionAttributeNames: map[string]string{"#exp": Expires},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":fp":  str(fingerprint),
			":now": epoch(now),
		},
	})
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeIdempotencyMismatch)
	}
	if err != nil {
		return storeError(op, err)
	}
	return nil
}

// Release frees the key if it is still this request's, by expiring its
// claim (an update, which every writing function may make; none may delete).
func (s *Store) Release(ctx context.Context, scope, k, fingerprint string) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(s.table),
		Key:                       requestKey(scope, k),
		UpdateExpression:          aws.String("SET #exp = :zero"),
		ConditionExpression:       aws.String("fingerprint = :fp"),
		ExpressionAttributeNames:  map[string]string{"#exp": Expires},
		ExpressionAttributeValues: map[string]types.AttributeValue{":fp": str(fingerprint), ":zero": epoch(time.Unix(0, 0))},
	})
	if err != nil && !conditionFailed(err) {
		return storeError("release idempotency key", err)
	}
	return nil
}
