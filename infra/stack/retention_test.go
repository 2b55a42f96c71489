package stack_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/stack"
	"github.com/dpcoop/dpcoop/internal/retention"
	"github.com/dpcoop/dpcoop/internal/route"
)

// TestRetentionSchedule: one weekly schedule in Europe/London invokes the
// retention function with the job's event, retried, with a dead-letter queue,
// through a role that can do nothing else.
func TestRetentionSchedule(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		fn := logicalID(t, stacks[st], "Fn-"+string(route.Retention))
		dlq := logicalID(t, stacks[st], "Retention-DLQ")
		var found int
		for id, r := range c.ofType("AWS::Scheduler::Schedule") {
			p := props[struct {
				ScheduleExpression         string
				ScheduleExpressionTimezone string
				Target                     struct {
					Arn              any
					RoleArn          any
					Input            string
					RetryPolicy      struct{ MaximumRetryAttempts int }
					DeadLetterConfig struct{ Arn any }
				}
			}](t, r)
			if p.ScheduleExpression != stack.RetentionSchedule {
				if slices.Contains(refs(p.Target.Arn), fn) {
					t.Errorf("schedule %s (%s) also invokes the retention function", id, p.ScheduleExpression)
				}
				continue
			}
			found++
			if p.ScheduleExpressionTimezone != "Europe/London" || p.Target.Input != retention.TickInput || p.Target.RetryPolicy.MaximumRetryAttempts == 0 {
				t.Errorf("%s: %+v", id, p)
			}
			if got := refs(p.Target.Arn); !slices.Equal(got, []string{fn}) {
				t.Errorf("target %v, want the retention function", got)
			}
			if got := refs(p.Target.DeadLetterConfig.Arn); !slices.Equal(got, []string{dlq}) {
				t.Errorf("dead-letter queue %v, want %s", got, dlq)
			}
			g := grants(t, c, refs(p.Target.RoleArn)[0])
			if len(g) != 2 || !slices.Equal(g["lambda:InvokeFunction"], []string{fn}) || !slices.Equal(g["sqs:SendMessage"], []string{dlq}) {
				t.Errorf("the schedule's role may %v", g)
			}
		}
		if found != 1 {
			t.Fatalf("%d schedules run %s, want one", found, stack.RetentionSchedule)
		}
		if !strings.Contains(stack.RetentionSchedule, "SUN") {
			t.Errorf("%s is not weekly", stack.RetentionSchedule)
		}
	})
}

// TestRetentionFunction: the function may only query the table (and its
// indexes, to list the co-ops) and delete items, and send its own failures to
// the dead-letter queue; a failed asynchronous invocation is retried and then
// kept there; it has time for every co-op.
func TestRetentionFunction(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		fn := logicalID(t, stacks[st], "Fn-"+string(route.Retention))
		dlq := logicalID(t, stacks[st], "Retention-DLQ")
		tableID, _ := c.only(t, "AWS::DynamoDB::Table")
		g := grants(t, c, functionRole(t, st, route.Retention))
		var data []string
		for a, res := range g {
			switch {
			case strings.HasPrefix(a, "dynamodb:"):
				data = append(data, a)
				if !slices.Contains(res, tableID) {
					t.Errorf("%s on %v, not the table", a, res)
				}
			case strings.HasPrefix(a, "sqs:"):
				if !slices.Equal(res, []string{dlq}) {
					t.Errorf("%s on %v, want its dead-letter queue only", a, res)
				}
			case strings.HasPrefix(a, "logs:"), strings.HasPrefix(a, "xray:"):
			default:
				t.Errorf("the retention function may %s on %v", a, res)
			}
		}
		if slices.Sort(data); !slices.Equal(data, []string{"dynamodb:DeleteItem", "dynamodb:Query"}) {
			t.Errorf("table actions %v, want Query and DeleteItem only", data)
		}
		if p := props[struct{ Timeout int }](t, c.Resources[fn]); p.Timeout < 60 {
			t.Errorf("timeout %ds", p.Timeout)
		}
		var configs int
		for id, r := range c.ofType("AWS::Lambda::EventInvokeConfig") {
			p := props[struct {
				FunctionName         any
				MaximumRetryAttempts int
				DestinationConfig    struct{ OnFailure struct{ Destination any } }
			}](t, r)
			if !slices.Contains(refs(p.FunctionName), fn) {
				continue
			}
			configs++
			if p.MaximumRetryAttempts == 0 || !slices.Equal(refs(p.DestinationConfig.OnFailure.Destination), []string{dlq}) {
				t.Errorf("%s: %+v", id, p)
			}
		}
		if configs != 1 {
			t.Errorf("%d asynchronous invocation configs for the retention function, want one", configs)
		}
		q := props[struct {
			SqsManagedSseEnabled   bool
			MessageRetentionPeriod int
		}](t, c.Resources[dlq])
		if !q.SqsManagedSseEnabled || q.MessageRetentionPeriod < 7*24*3600 {
			t.Errorf("dead-letter queue %+v", q)
		}
	})
}

// TestRetentionAlarms: the operators hear of a message in the retention
// dead-letter queue and of the function failing.
func TestRetentionAlarms(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		topic, _ := c.only(t, "AWS::SNS::Topic")
		fn := logicalID(t, stacks[st], "Fn-"+string(route.Retention))
		dlq := logicalID(t, stacks[st], "Retention-DLQ")
		want := map[string]bool{"AWS/SQS/ApproximateNumberOfMessagesVisible " + dlq: false, "AWS/Lambda/Errors " + fn: false}
		for _, a := range c.ofType("AWS::CloudWatch::Alarm") {
			p := props[struct {
				AlarmActions []any
				Namespace    string
				MetricName   string
				Dimensions   []struct{ Value any }
			}](t, a)
			for _, d := range p.Dimensions {
				for _, r := range refs(d.Value) {
					k := p.Namespace + "/" + p.MetricName + " " + r
					if _, ok := want[k]; ok {
						want[k] = true
						if len(p.AlarmActions) != 1 || !slices.Equal(refs(p.AlarmActions[0]), []string{topic}) {
							t.Errorf("the alarm on %s does not tell the operators", k)
						}
					}
				}
			}
		}
		for k, ok := range want {
			if !ok {
				t.Errorf("no alarm on %s", k)
			}
		}
	})
}
