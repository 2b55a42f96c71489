package stack_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/stack"
	"github.com/dpcoop/dpcoop/internal/route"
)

// TestAlarmsReachTheOperators: every alarm the operators need exists and
// notifies the one SNS topic, which is encrypted.
func TestAlarmsReachTheOperators(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		topic, tp := c.only(t, "AWS::SNS::Topic")
		if p := props[struct{ KmsMasterKeyId any }](t, tp); p.KmsMasterKeyId == nil {
			t.Error("the operators' topic is not encrypted")
		}
		names := map[string]bool{}
		for id, a := range c.ofType("AWS::CloudWatch::Alarm") {
			p := props[struct {
				AlarmActions []any
				MetricName   string
				Namespace    string
				Metrics      []any
			}](t, a)
			if len(p.AlarmActions) != 1 || !slices.Equal(refs(p.AlarmActions[0]), []string{topic}) {
				t.Errorf("%s does not notify the operators' topic: %v", id, p.AlarmActions)
			}
			names[p.Namespace+"/"+p.MetricName] = true
			if len(p.Metrics) > 0 {
				names["math"] = true
			}
		}
		for _, want := range []string{"AWS/States/ExecutionsFailed", stack.MetricsNamespace + "/RunsOverdue", "AWS/DynamoDB/ReadThrottleEvents",
			"AWS/DynamoDB/WriteThrottleEvents", "AWS/SQS/ApproximateNumberOfMessagesVisible", "AWS/Lambda/Errors", "math"} {
			if !names[want] {
				t.Errorf("no alarm on %s (have %v)", want, names)
			}
		}
		if n := len(c.ofType("AWS::CloudWatch::Alarm")); n != 8+len(route.All()) {
			t.Errorf("%d alarms: want the 6 of the service, the due co-ops' and the retention dead-letter queues', and one per function", n)
		}
	})
}

// TestTagsAndTracing: every taggable resource carries service, stage and
// cost centre; functions trace actively.
func TestTagsAndTracing(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		for _, typ := range []string{"AWS::DynamoDB::Table", "AWS::Lambda::Function", "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::StepFunctions::StateMachine"} {
			for id, r := range c.ofType(typ) {
				p := props[struct{ Tags any }](t, r)
				got := strings.Join(literals(p.Tags), " ")
				for _, want := range []string{"service", "dpcoop", "stage", st, "cost-centre"} {
					if !strings.Contains(got, want) {
						t.Errorf("%s %s tags %v lack %s", typ, id, got, want)
					}
				}
			}
		}
		for id, f := range c.ofType("AWS::Lambda::Function") {
			if p := props[struct{ TracingConfig struct{ Mode string } }](t, f); p.TracingConfig.Mode != "Active" {
				t.Errorf("%s does not trace", id)
			}
		}
	})
}
