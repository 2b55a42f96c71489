package stack

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdadestinations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/dpcoop/dpcoop/infra/statemachine"
	"github.com/dpcoop/dpcoop/internal/route"
)

// PayrollSchedule is when the daily dispatch runs, in Europe/London time:
// early, so a run that fails is retried and seen the same working day.
const PayrollSchedule = "cron(0 6 * * ? *)"

// newPayrollMachine is the Standard state machine of one co-op's monthly
// payroll, from the same definition file the local runner executes, and the
// task function its Task states invoke.
func newPayrollMachine(s awscdk.Stack, props Props, res resources) awsstepfunctions.StateMachine {
	task := newFunction(s, route.PayrollTask, props, map[string]*string{}, res)
	logs := awslogs.NewLogGroup(s, jsii.String("PayrollRun-Logs"), &awslogs.LogGroupProps{
		Retention: retention(props.Stage == Prod), RemovalPolicy: removal(props.Stage == Prod),
	})
	sm := awsstepfunctions.NewStateMachine(s, jsii.String("PayrollRun"), &awsstepfunctions.StateMachineProps{
		Comment:                 jsii.String("dpcoop monthly payroll of one co-op"),
		StateMachineType:        awsstepfunctions.StateMachineType_STANDARD,
		DefinitionBody:          awsstepfunctions.DefinitionBody_FromString(jsii.String(statemachine.Payroll)),
		DefinitionSubstitutions: &map[string]*string{statemachine.PayrollTaskArn: task.FunctionArn()},
		// Execution data is left out of the logs: task inputs name members.
		Logs:           &awsstepfunctions.LogOptions{Destination: logs, Level: awsstepfunctions.LogLevel_ALL, IncludeExecutionData: jsii.Bool(false)},
		TracingEnabled: jsii.Bool(true),
	})
	sm.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("lambda:InvokeFunction"), Resources: &[]*string{task.FunctionArn()},
	}))
	cdknag.NagSuppressions_AddResourceSuppressions(sm, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-IAM5"),
		Reason: jsii.String("Step Functions log delivery (logs:CreateLogDelivery and related) and X-Ray tracing " +
			"(xray:PutTraceSegments and related) accept only Resource \"*\" (AWS documents no narrower resource); " +
			"the only other permission is invoking the payroll task function, named exactly"),
	}}, jsii.Bool(true))
	return sm
}

// DueReceives is how often the due co-ops' queue delivers a co-op whose
// runs could not be started before dead-lettering it.
const DueReceives = 3

// newPayrollSchedule is the daily EventBridge Scheduler cron (Europe/London)
// invoking the dispatch function, with retries and a dead-letter queue for
// invocations that still fail; and the fan-out behind it: the queue of due
// co-ops the dispatch sends one message each to, the consumer function that
// starts each co-op's runs, and that queue's own dead-letter queue. It
// returns the two dead-letter queues.
func newPayrollSchedule(s awscdk.Stack, props Props, res resources) (awssqs.Queue, awssqs.Queue) {
	due, dueDLQ := newDueQueue(s, props, res)
	res.due = due
	dispatch := newFunction(s, route.Dispatch, props, map[string]*string{}, res)
	dlq := awssqs.NewQueue(s, jsii.String("PayrollSchedule-DLQ"), &awssqs.QueueProps{
		EnforceSSL: jsii.Bool(true), Encryption: awssqs.QueueEncryption_SQS_MANAGED,
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
	})
	cdknag.NagSuppressions_AddResourceSuppressions(dlq, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-SQS3"), Reason: jsii.String("this queue is itself the dead-letter queue of the daily payroll schedule"),
	}}, jsii.Bool(false))
	// The schedule invokes the function asynchronously: what still fails
	// after Lambda's retries lands in the same queue, which the operators'
	// alarm watches.
	dispatch.ConfigureAsyncInvoke(&awslambda.EventInvokeConfigOptions{
		RetryAttempts: jsii.Number(2),
		OnFailure:     awslambdadestinations.NewSqsDestination(dlq),
	})
	role := awsiam.NewRole(s, jsii.String("PayrollSchedule-Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("scheduler.amazonaws.com"), nil),
		Description: jsii.String("dpcoop daily payroll schedule (" + props.Stage + ")"),
		InlinePolicies: &map[string]awsiam.PolicyDocument{"invoke": awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{
			Statements: &[]awsiam.PolicyStatement{
				awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("lambda:InvokeFunction"), Resources: &[]*string{dispatch.FunctionArn()}}),
				awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("sqs:SendMessage"), Resources: &[]*string{dlq.QueueArn()}}),
			},
		})},
	})
	awsscheduler.NewCfnSchedule(s, jsii.String("PayrollDaily"), &awsscheduler.CfnScheduleProps{
		Description:                jsii.String("Start the payroll of every co-op that is due"),
		ScheduleExpression:         jsii.String(PayrollSchedule),
		ScheduleExpressionTimezone: jsii.String("Europe/London"),
		FlexibleTimeWindow:         &awsscheduler.CfnSchedule_FlexibleTimeWindowProperty{Mode: jsii.String("OFF")},
		Target: &awsscheduler.CfnSchedule_TargetProperty{
			Arn: dispatch.FunctionArn(), RoleArn: role.RoleArn(),
			Input:            jsii.String(`{"source":"dpcoop.schedule","task":"payroll-dispatch"}`),
			RetryPolicy:      &awsscheduler.CfnSchedule_RetryPolicyProperty{MaximumRetryAttempts: jsii.Number(3), MaximumEventAgeInSeconds: jsii.Number(3600)},
			DeadLetterConfig: &awsscheduler.CfnSchedule_DeadLetterConfigProperty{Arn: dlq.QueueArn()},
		},
	})
	return dlq, dueDLQ
}

// newDueQueue is the queue of due co-ops and its consumer, the payrollstart
// function: batches of up to ten co-ops, at most ten invocations at once (so
// a pay day's thousand co-ops never flood Step Functions or the table), each
// failed co-op alone delivered again and, after DueReceives deliveries, moved
// to the dead-letter queue, from which the operators redrive it to the queue
// (docs/runbooks.md). It returns the queue and its dead-letter queue.
func newDueQueue(s awscdk.Stack, props Props, res resources) (awssqs.Queue, awssqs.Queue) {
	dlq := awssqs.NewQueue(s, jsii.String("PayrollDue-DLQ"), &awssqs.QueueProps{
		EnforceSSL: jsii.Bool(true), Encryption: awssqs.QueueEncryption_SQS_MANAGED,
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
	})
	cdknag.NagSuppressions_AddResourceSuppressions(dlq, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-SQS3"), Reason: jsii.String("this queue is itself the dead-letter queue of the due co-ops' queue"),
	}}, jsii.Bool(false))
	start := Permissions[route.PayrollStart]
	due := awssqs.NewQueue(s, jsii.String("PayrollDue"), &awssqs.QueueProps{
		EnforceSSL: jsii.Bool(true), Encryption: awssqs.QueueEncryption_SQS_MANAGED,
		// AWS advises six times the consumer's timeout, so a message is not
		// delivered again while a slow batch is still being worked on.
		VisibilityTimeout: awscdk.Duration_Seconds(jsii.Number(6 * start.timeout())),
		RetentionPeriod:   awscdk.Duration_Days(jsii.Number(4)),
		DeadLetterQueue:   &awssqs.DeadLetterQueue{Queue: dlq, MaxReceiveCount: jsii.Number(DueReceives)},
	})
	res.due = due
	consumer := newFunction(s, route.PayrollStart, props, map[string]*string{}, res)
	consumer.AddEventSource(awslambdaeventsources.NewSqsEventSource(due, &awslambdaeventsources.SqsEventSourceProps{
		BatchSize: jsii.Number(10), ReportBatchItemFailures: jsii.Bool(true), MaxConcurrency: jsii.Number(10),
	}))
	return due, dlq
}
