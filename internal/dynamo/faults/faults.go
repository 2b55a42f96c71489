// Package faults makes chosen DynamoDB calls fail, as SDK middleware on the
// client, so tests can prove that a retry or a re-run never pays, charges or
// counts twice whatever fails, against any endpoint: DynamoDB Local or AWS.
package faults

import (
	"context"
	"io"
	"net/http"
	"strings"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Fault is what happens to one attempt of a DynamoDB call.
type Fault int

const (
	// Pass lets the call through.
	Pass Fault = iota
	// Refuse answers 500 InternalServerError without the call reaching the
	// table, as DynamoDB does when it fails; the SDK retries it.
	Refuse
	// Lose sends the call, so the table changes, then loses the answer: the
	// caller sees a 500 and cannot tell whether the write happened.
	Lose
	// Deny answers 400 AccessDeniedException, which nothing retries (as when
	// IAM forbids the call): the failure reaches the handler at once.
	Deny
)

// Inject asks decide before every attempt of every call (by operation name,
// e.g. "TransactWriteItems") what should happen to it.
func Inject(decide func(op string) Fault) func(*dynamodb.Options) {
	return func(o *dynamodb.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			// Last in the deserialize step: closest to the network, so the
			// operation's own deserializer turns the answer into its error,
			// and once per attempt, since retries wrap this step.
			return s.Deserialize.Add(middleware.DeserializeMiddlewareFunc("InjectFault",
				func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
					switch decide(awsmiddleware.GetOperationName(ctx)) {
					case Refuse:
						return answer(http.StatusInternalServerError, "com.amazonaws.dynamodb.v20120810#InternalServerError"), middleware.Metadata{}, nil
					case Deny:
						return answer(http.StatusBadRequest, "com.amazon.coral.service#AccessDeniedException"), middleware.Metadata{}, nil
					case Lose:
						out, md, err := next.HandleDeserialize(ctx, in)
						if err != nil {
							return out, md, err
						}
						if r, ok := out.RawResponse.(*smithyhttp.Response); ok {
							_, _ = io.Copy(io.Discard, r.Body)
							r.Body.Close()
						}
						return answer(http.StatusInternalServerError, "com.amazonaws.dynamodb.v20120810#InternalServerError"), md, nil
					}
					return next.HandleDeserialize(ctx, in)
				}), middleware.After)
		})
	}
}

// answer is DynamoDB's JSON error response of the given type.
func answer(status int, errorType string) middleware.DeserializeOutput {
	body := `{"__type":"` + errorType + `","message":"injected fault"}`
	return middleware.DeserializeOutput{RawResponse: &smithyhttp.Response{Response: &http.Response{
		StatusCode: status,
		Header:     http.Header{"Content-Type": {"application/x-amz-json-1.0"}},
		Body:       io.NopCloser(strings.NewReader(body)),
	}}}
}
