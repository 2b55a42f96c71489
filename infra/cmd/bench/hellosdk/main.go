// Command hellosdk is a second baseline for make bench's cold starts: the
// hello world plus what every dpcoop function must do before its first
// request, load the AWS configuration and create a DynamoDB client (it makes
// no request). The difference between it and hello is the AWS SDK's share
// of a start-up; the rest is ours. It is never deployed.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		panic(err)
	}
	db := dynamodb.NewFromConfig(cfg)
	lambda.Start(func(context.Context, map[string]any) (map[string]string, error) {
		_ = db
		return map[string]string{"hello": "world"}, nil
	})
}
