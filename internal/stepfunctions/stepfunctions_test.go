package stepfunctions

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/dpcoop/dpcoop/internal/payrun"
)

// names stands in for Step Functions' rule that an execution name is used once.
type names map[string]string

func (n names) StartExecution(_ context.Context, in *sfn.StartExecutionInput, _ ...func(*sfn.Options)) (*sfn.StartExecutionOutput, error) {
	if _, ok := n[aws.ToString(in.Name)]; ok {
		return nil, &types.ExecutionAlreadyExists{Message: aws.String("exists")}
	}
	n[aws.ToString(in.Name)] = aws.ToString(in.Input)
	return &sfn.StartExecutionOutput{}, nil
}

func TestStartRunTwiceStartsOnce(t *testing.T) {
	n := names{}
	s := New(n, "arn:aws:states:eu-west-2:123456789012:stateMachine:payroll")
	job := payrun.Job{Coop: "demo", Month: "2026-10", Attempt: 1, Execution: "payroll-demo-2026-10"}
	for range 2 {
		if err := s.StartRun(context.Background(), job); err != nil {
			t.Fatal(err)
		}
	}
	var in struct{ Job payrun.Job }
	if len(n) != 1 || json.Unmarshal([]byte(n["payroll-demo-2026-10"]), &in) != nil || in.Job != job {
		t.Fatalf("%v", n)
	}
}
