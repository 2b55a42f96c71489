package stack

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdadestinations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	retentionjob "github.com/dpcoop/dpcoop/internal/retention" // stack.go has a func retention (log retention)
	"github.com/dpcoop/dpcoop/internal/route"
)

// RetentionSchedule is when the retention job runs, in Europe/London time:
// weekly, early on Sunday, when nobody is running payroll. Payslips are kept
// six years and three months past their tax year (internal/dpcoop/retention.go),
// so a week's delay in deleting one matters to nobody.
const RetentionSchedule = "cron(30 3 ? * SUN *)"

// newRetention is the weekly retention job: its function (Query and
// DeleteItem on the table, nothing else: stack.Permissions), the EventBridge
// Scheduler schedule invoking it, and one dead-letter queue for both ways an
// invocation can be lost: the schedule failing to invoke the function, and
// the function failing after Lambda's own retries of the asynchronous
// invocation. The queue holding a message, or the function failing, tells
// the operators' topic. It is made after newAlarms (which alarms on the
// functions made before it), so it makes its function's error alarm itself.
func newRetention(s awscdk.Stack, props Props, res resources, topic awssns.ITopic) awslambda.Function {
	fn := newFunction(s, route.Retention, props, map[string]*string{}, res)
	dlq := awssqs.NewQueue(s, jsii.String("Retention-DLQ"), &awssqs.QueueProps{
		EnforceSSL: jsii.Bool(true), Encryption: awssqs.QueueEncryption_SQS_MANAGED,
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
	})
	cdknag.NagSuppressions_AddResourceSuppressions(dlq, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-SQS3"), Reason: jsii.String("this queue is itself the dead-letter queue of the weekly retention job"),
	}}, jsii.Bool(false))
	// The schedule invokes asynchronously: Lambda retries a failed pass twice,
	// then leaves the event in the queue. A pass is idempotent.
	fn.ConfigureAsyncInvoke(&awslambda.EventInvokeConfigOptions{
		RetryAttempts: jsii.Number(2),
		MaxEventAge:   awscdk.Duration_Hours(jsii.Number(6)),
		OnFailure:     awslambdadestinations.NewSqsDestination(dlq),
	})
	role := awsiam.NewRole(s, jsii.String("RetentionSchedule-Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("scheduler.amazonaws.com"), nil),
		Description: jsii.String("dpcoop weekly retention schedule (" + props.Stage + ")"),
		InlinePolicies: &map[string]awsiam.PolicyDocument{"invoke": awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{
			Statements: &[]awsiam.PolicyStatement{
				awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("lambda:InvokeFunction"), Resources: &[]*string{fn.FunctionArn()}}),
				awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("sqs:SendMessage"), Resources: &[]*string{dlq.QueueArn()}}),
			},
		})},
	})
	awsscheduler.NewCfnSchedule(s, jsii.String("RetentionWeekly"), &awsscheduler.CfnScheduleProps{
		Description:                jsii.String("Delete payslips past their legal retention (nothing else)"),
		ScheduleExpression:         jsii.String(RetentionSchedule),
		ScheduleExpressionTimezone: jsii.String("Europe/London"),
		FlexibleTimeWindow:         &awsscheduler.CfnSchedule_FlexibleTimeWindowProperty{Mode: jsii.String("FLEXIBLE"), MaximumWindowInMinutes: jsii.Number(60)},
		Target: &awsscheduler.CfnSchedule_TargetProperty{
			Arn: fn.FunctionArn(), RoleArn: role.RoleArn(), Input: jsii.String(retentionjob.TickInput),
			RetryPolicy:      &awsscheduler.CfnSchedule_RetryPolicyProperty{MaximumRetryAttempts: jsii.Number(3), MaximumEventAgeInSeconds: jsii.Number(3600)},
			DeadLetterConfig: &awsscheduler.CfnSchedule_DeadLetterConfigProperty{Arn: dlq.QueueArn()},
		},
	})

	notify := awscloudwatchactions.NewSnsAction(topic)
	five := awscdk.Duration_Minutes(jsii.Number(5))
	alarm := func(id, desc string, m awscloudwatch.IMetric) {
		awscloudwatch.NewAlarm(s, jsii.String("Alarm-"+id), &awscloudwatch.AlarmProps{
			AlarmDescription: jsii.String(desc), Metric: m, Threshold: jsii.Number(1), EvaluationPeriods: jsii.Number(1),
			ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
		}).AddAlarmAction(notify)
	}
	alarm("RetentionDeadLetters", "The weekly retention job could not run, or failed after retries: see docs/runbooks.md, 'The retention job failed'.",
		dlq.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{Period: five, Statistic: jsii.String("Maximum")}))
	alarm(*fn.Node().Id()+"-Errors", "The function "+*fn.Node().Id()+" failed (an error, not a refused request).",
		fn.MetricErrors(&awscloudwatch.MetricOptions{Period: five, Statistic: jsii.String("Sum")}))
	return fn
}
