// Package awsenv builds a Lambda function's dependencies from its
// environment (TABLE_NAME, USER_POOL_ID, SERVICE_ORIGINS) and starts it, so
// each functions/<name>/main.go is one line of wiring.
package awsenv

import (
	"context"
	"log/slog"
	"os"
	"strings"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dpcoop/dpcoop/internal/apigw"
	"github.com/dpcoop/dpcoop/internal/cognito"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/route"
)

// Logger is the JSON logger every function writes to CloudWatch with.
func Logger() *slog.Logger {
	level := slog.LevelInfo
	if strings.EqualFold(os.Getenv("LOG_LEVEL"), "debug") {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: level})).
		With(slog.String("function", os.Getenv("AWS_LAMBDA_FUNCTION_NAME")))
}

// ServeHTTP starts the Lambda function fn serving its API routes. Nothing here
// calls the network: the SDK resolves credentials on first use.
func ServeHTTP(fn route.Function) {
	log := Logger()
	slog.SetDefault(log)
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Error("load aws config", slog.String("error", err.Error()))
		os.Exit(1)
	}
	store := dynamo.New(dynamodb.NewFromConfig(cfg), os.Getenv("TABLE_NAME"))
	var origins []string
	for _, o := range strings.Split(os.Getenv("SERVICE_ORIGINS"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	h := apigw.New(fn, apigw.Deps{
		Store: store, Timesheets: store, Limiter: store, Log: log, ServiceOrigins: origins,
		Identities: cognito.New(cip.NewFromConfig(cfg), os.Getenv("USER_POOL_ID")),
	})
	lambda.Start(h.Handle)
}
