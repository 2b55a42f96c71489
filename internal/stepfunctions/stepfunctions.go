// Package stepfunctions starts payroll run executions on AWS Step Functions.
package stepfunctions

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// Client is the part of the Step Functions API the starter uses.
type Client interface {
	StartExecution(context.Context, *sfn.StartExecutionInput, ...func(*sfn.Options)) (*sfn.StartExecutionOutput, error)
}

// Starter starts executions of the payroll state machine.
type Starter struct {
	client  Client
	machine string
}

// New returns a starter for the state machine with the given ARN.
func New(c Client, machineARN string) *Starter { return &Starter{client: c, machine: machineARN} }

var _ payrun.Starter = (*Starter)(nil)

// StartRun starts the attempt's execution under its deterministic name; an
// execution of that name already existing means it was started already.
func (s *Starter) StartRun(ctx context.Context, job payrun.Job) error {
	input, err := json.Marshal(map[string]payrun.Job{"job": job})
	if err != nil {
		return dpcoop.Wrap("start run", err)
	}
	_, err = s.client.StartExecution(ctx, &sfn.StartExecutionInput{
		StateMachineArn: aws.String(s.machine), Name: aws.String(job.Execution), Input: aws.String(string(input)),
	})
	var exists *types.ExecutionAlreadyExists
	if err == nil || errors.As(err, &exists) {
		return nil
	}
	return &dpcoop.Error{Op: "start run", Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
}
