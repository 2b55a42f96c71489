// Command hello is the hello-world Lambda function make bench measures every
// function's start-up against: aws-lambda-go and nothing else, built the
// same way as the functions (it is never deployed).
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	lambda.Start(func(context.Context, map[string]any) (map[string]string, error) {
		return map[string]string{"hello": "world"}, nil
	})
}
