package faults_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/dynamo/faults"
)

// TestEachFaultDoesWhatItSays puts one item under each fault against DynamoDB
// Local: Refuse and Deny leave the table as it was, Lose changes it; Refuse
// and Lose are retried by the SDK (each attempt is asked again), Deny is not.
func TestEachFaultDoesWhatItSays(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		fault    faults.Fault
		status   int
		attempts int64
		written  bool
	}{
		{faults.Refuse, http.StatusInternalServerError, 3, false},
		{faults.Lose, http.StatusInternalServerError, 3, true},
		{faults.Deny, http.StatusBadRequest, 1, false},
	} {
		var attempts atomic.Int64
		db, err := dynamolocal.Start(ctx, "faults", faults.Inject(func(op string) faults.Fault {
			if op != "PutItem" {
				return faults.Pass
			}
			attempts.Add(1)
			return c.fault
		}), func(o *dynamodb.Options) {
			o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) { so.MaxAttempts, so.MaxBackoff = 3, time.Millisecond })
		})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		key := map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: "T#x"}, "SK": &types.AttributeValueMemberS{Value: "A"}}
		_, err = db.Client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(db.Table), Item: key,
			ConditionExpression: aws.String("attribute_not_exists(PK)")})
		var re *awshttp.ResponseError
		if !errors.As(err, &re) || re.HTTPStatusCode() != c.status {
			t.Fatalf("fault %d: %v, want status %d", c.fault, err, c.status)
		}
		if got := attempts.Load(); got != c.attempts {
			t.Errorf("fault %d: %d attempts, want %d", c.fault, got, c.attempts)
		}
		out, err := db.Client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(db.Table), Key: key, ConsistentRead: aws.Bool(true)})
		if err != nil {
			t.Fatal(err)
		}
		if (out.Item != nil) != c.written {
			t.Errorf("fault %d: written %v, want %v", c.fault, out.Item != nil, c.written)
		}
	}
}
