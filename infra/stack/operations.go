package stack

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/jsii-runtime-go"

	"github.com/dpcoop/dpcoop/internal/metrics"
)

// MetricsNamespace is where the functions' business metrics (CloudWatch
// embedded metric format) land.
const MetricsNamespace = metrics.Namespace

// tag marks every resource with the service, stage and cost centre.
func tag(s awscdk.Stack, props Props) {
	cc := props.CostCentre
	if cc == "" {
		cc = "dpcoop"
	}
	tags := awscdk.Tags_Of(s)
	tags.Add(jsii.String("service"), jsii.String("dpcoop"), nil)
	tags.Add(jsii.String("stage"), jsii.String(props.Stage), nil)
	tags.Add(jsii.String("cost-centre"), jsii.String(cc), nil)
}

// alarmSources are what the operators' alarms watch.
type alarmSources struct {
	stage     awsapigatewayv2.HttpStage
	table     awsdynamodb.Table
	machine   awsstepfunctions.StateMachine
	dlq       awssqs.Queue
	dueDLQ    awssqs.Queue
	functions *[]awslambda.Function
}

// newAlarms tells the operators (an SNS topic they subscribe to) before a PA
// notices: a payroll run failed or is not final by its pay day, the API
// answers 5xx, DynamoDB throttles, a function fails, or a dead-letter queue
// holds a message.
func newAlarms(s awscdk.Stack, props Props, src alarmSources) awssns.Topic {
	key := awskms.Alias_FromAliasName(s, jsii.String("SnsKey"), jsii.String("alias/aws/sns"))
	topic := awssns.NewTopic(s, jsii.String("Operators"), &awssns.TopicProps{
		DisplayName: jsii.String("dpcoop operators (" + props.Stage + ")"), MasterKey: key, EnforceSSL: jsii.Bool(true),
	})
	notify := awscloudwatchactions.NewSnsAction(topic)
	five := awscdk.Duration_Minutes(jsii.Number(5))
	alarm := func(id, desc string, m awscloudwatch.IMetric, threshold float64) {
		a := awscloudwatch.NewAlarm(s, jsii.String("Alarm-"+id), &awscloudwatch.AlarmProps{
			AlarmDescription: jsii.String(desc), Metric: m, Threshold: jsii.Number(threshold), EvaluationPeriods: jsii.Number(1),
			ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
		})
		a.AddAlarmAction(notify)
	}
	alarm("PayrollRunFailed", "A payroll run failed: see docs/runbooks.md, 'A payroll run failed'.",
		src.machine.MetricFailed(&awscloudwatch.MetricOptions{Period: five, Statistic: jsii.String("Sum")}), 1)
	alarm("PayrollRunOverdue", "A co-op's payroll is not final on or after its pay day (reported by the daily dispatch).",
		awscloudwatch.NewMetric(&awscloudwatch.MetricProps{Namespace: jsii.String(MetricsNamespace), MetricName: jsii.String(metrics.RunsOverdue),
			DimensionsMap: &map[string]*string{"stage": jsii.String(props.Stage)}, Period: awscdk.Duration_Hours(jsii.Number(24)), Statistic: jsii.String("Maximum")}), 1)
	alarm("Api5xxRate", "More than 2% of API requests answered 5xx in five minutes.",
		awscloudwatch.NewMathExpression(&awscloudwatch.MathExpressionProps{
			Expression: jsii.String("IF(requests > 20, 100 * errors / requests, 0)"), Period: five, Label: jsii.String("5xx %"),
			UsingMetrics: &map[string]awscloudwatch.IMetric{
				"errors":   src.stage.MetricServerError(&awscloudwatch.MetricOptions{Period: five, Statistic: jsii.String("Sum")}),
				"requests": src.stage.MetricCount(&awscloudwatch.MetricOptions{Period: five, Statistic: jsii.String("Sum")}),
			},
		}), 2)
	for _, m := range []string{"ReadThrottleEvents", "WriteThrottleEvents"} {
		alarm("Dynamo"+m, "DynamoDB throttled requests on the table.",
			src.table.Metric(jsii.String(m), &awscloudwatch.MetricOptions{Period: five, Statistic: jsii.String("Sum")}), 1)
	}
	alarm("ScheduleDeadLetters", "The daily payroll schedule could not invoke the dispatch function: see the dead-letter queue.",
		src.dlq.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{Period: five, Statistic: jsii.String("Maximum")}), 1)
	alarm("PayrollStartDeadLetters", "A due co-op's payroll could not be started after the queue's retries: see docs/runbooks.md, 'A due co-op was dead-lettered'.",
		src.dueDLQ.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{Period: five, Statistic: jsii.String("Maximum")}), 1)
	for _, f := range *src.functions {
		alarm(*f.Node().Id()+"-Errors", "The function "+*f.Node().Id()+" failed (an error, not a refused request).",
			f.MetricErrors(&awscloudwatch.MetricOptions{Period: five, Statistic: jsii.String("Sum")}), 1)
	}
	awscdk.NewCfnOutput(s, jsii.String("OperatorsTopicArn"), &awscdk.CfnOutputProps{
		Value: topic.TopicArn(), Description: jsii.String("Subscribe the operators' email to this topic"),
	})
	return topic
}
