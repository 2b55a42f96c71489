package stack

import (
	"encoding/json"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"

	"github.com/dpcoop/dpcoop/internal/votes"
)

// VotesSchedule is how often the votes tick runs: motions open, get their
// notices, close and are counted within five minutes of their times. Votes
// after a closing time are refused by the vote's own transaction, whatever
// the tick has done.
const VotesSchedule = "rate(5 minutes)"

// newVotesSchedule is the EventBridge rate rule invoking the votes function
// with the votes tick (its input is votes.TickInput, events/votes-tick.json).
// Only this rule may invoke the function this way: the target adds a Lambda
// permission for events.amazonaws.com conditioned on the rule's ARN. A failed
// tick is not retried: the next one, five minutes later, does whatever is
// still due.
func newVotesSchedule(s awscdk.Stack, props Props, fn awslambda.Function) awsevents.Rule {
	var input map[string]any
	if err := json.Unmarshal([]byte(votes.TickInput), &input); err != nil {
		panic(err)
	}
	return awsevents.NewRule(s, jsii.String("VotesTick"), &awsevents.RuleProps{
		Description: jsii.String("dpcoop (" + props.Stage + "): open, notify, close and count the motions that are due"),
		Schedule:    awsevents.Schedule_Expression(jsii.String(VotesSchedule)),
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(fn, &awseventstargets.LambdaFunctionProps{
			Event:         awsevents.RuleTargetInput_FromObject(input),
			RetryAttempts: jsii.Number(0),
			MaxEventAge:   awscdk.Duration_Minutes(jsii.Number(5)),
		})},
	})
}
