package dynamolocal_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
)

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

// TestQueryReadsOnlyItsPartition: a Query of one co-op costs what that co-op
// holds, however much another holds (minidyn scanned its whole table on every
// Query and reported no capacity), and DynamoDB's own limits hold: an item
// over 400 KB is refused, as on AWS.
func TestQueryReadsOnlyItsPartition(t *testing.T) {
	ctx := context.Background()
	db, err := dynamolocal.Start(ctx, "partition")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	big := strings.Repeat("x", 40_000)
	for i := range 100 {
		if _, err := db.Client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(db.Table),
			Item: map[string]types.AttributeValue{"PK": s("T#big"), "SK": s("I#" + strconv.Itoa(i)), "Data": s(big)}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(db.Table),
		Item: map[string]types.AttributeValue{"PK": s("T#small"), "SK": s("I#1")}}); err != nil {
		t.Fatal(err)
	}
	out, err := db.Client.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(db.Table),
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s("T#small")},
		ReturnConsumedCapacity:    types.ReturnConsumedCapacityTotal, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Items) != 1 || out.ConsumedCapacity == nil || aws.ToFloat64(out.ConsumedCapacity.CapacityUnits) > 1 {
		t.Fatalf("%d items, capacity %+v", len(out.Items), out.ConsumedCapacity)
	}
	_, err = db.Client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(db.Table),
		Item: map[string]types.AttributeValue{"PK": s("T#big"), "SK": s("huge"), "Data": s(strings.Repeat(big, 11))}})
	if err == nil || !strings.Contains(err.Error(), "size") {
		t.Fatalf("an item over 400 KB: %v", err)
	}
}
