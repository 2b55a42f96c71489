package dynamo

import (
	"context"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Allow counts one request for key in the current fixed window with a single
// conditional update; past the limit it fails with rate_limited and the time
// until the window ends. Counters expire by TTL a window after they end.
func (s *Store) Allow(ctx context.Context, k string, limit int, window time.Duration, now time.Time) error {
	const op = "rate limit"
	start := now.Truncate(window)
	end := start.Add(window)
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                aws.String(s.table),
		Key:                      key(prefixRate+k, strconv.FormatInt(start.Unix(), 10)),
		UpdateExpression:         aws.String("ADD #n :one SET #exp = :exp"),
		ConditionExpression:      aws.String("attribute_not_exists(#n) OR #n < :limit"),
		ExpressionAttributeNames: map[string]string{"#n": "count", "#exp": Expires},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one":   &types.AttributeValueMemberN{Value: "1"},
			":limit": &types.AttributeValueMemberN{Value: strconv.Itoa(limit)},
			":exp":   epoch(end.Add(window)),
		},
	})
	if err == nil {
		return nil
	}
	if conditionFailed(err) {
		e := dpcoop.E(op, dpcoop.KindRateLimited, dpcoop.CodeRateLimited)
		e.RetryAfter = end.Sub(now)
		return e
	}
	return storeError(op, err)
}
