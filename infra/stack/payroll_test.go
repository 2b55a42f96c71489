package stack_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/stack"
	"github.com/dpcoop/dpcoop/infra/statemachine"
	"github.com/dpcoop/dpcoop/internal/route"
)

// TestPayrollStateMachine: a Standard machine whose definition is the file
// the local runner executes, invoking only the payroll task function, with
// logs (no execution data) and tracing.
func TestPayrollStateMachine(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		id, sm := c.only(t, "AWS::StepFunctions::StateMachine")
		p := props[struct {
			StateMachineType        string
			DefinitionString        any
			DefinitionSubstitutions map[string]any
			LoggingConfiguration    struct {
				Level                string
				IncludeExecutionData bool
			}
			TracingConfiguration struct{ Enabled bool }
			RoleArn              any
		}](t, sm)
		if p.StateMachineType != "STANDARD" || p.LoggingConfiguration.Level != "ALL" || p.LoggingConfiguration.IncludeExecutionData || !p.TracingConfiguration.Enabled {
			t.Errorf("%s: %+v", id, p)
		}
		def, _ := json.Marshal(p.DefinitionString)
		if !strings.Contains(string(def), "CalculatePayslips") || !strings.Contains(string(def), "${"+statemachine.PayrollTaskArn+"}") {
			t.Errorf("the deployed definition is not the shared file: %s", def)
		}
		task := logicalID(t, stacks[st], "Fn-"+string(route.PayrollTask))
		if got := refs(p.DefinitionSubstitutions[statemachine.PayrollTaskArn]); !slices.Equal(got, []string{task}) {
			t.Errorf("the task placeholder is %v, want the payroll task function", got)
		}
		role := refs(p.RoleArn)
		if len(role) != 1 {
			t.Fatalf("role %v", p.RoleArn)
		}
		for a, res := range grants(t, c, role[0]) {
			if strings.HasPrefix(a, "lambda:") && (a != "lambda:InvokeFunction" || !slices.Equal(res, []string{task})) {
				t.Errorf("the machine may %s on %v, want to invoke the task function only", a, res)
			}
		}
	})
}

// TestPayrollSchedule: one daily cron in Europe/London invoking the dispatch
// function, retried, with a dead-letter queue, by a role that can do nothing
// else.
func TestPayrollSchedule(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		// The payroll's schedule, among the stack's (retention has its own).
		var sched cfnResource
		n := 0
		for _, r := range c.ofType("AWS::Scheduler::Schedule") {
			if props[struct{ ScheduleExpression string }](t, r).ScheduleExpression == stack.PayrollSchedule {
				sched, n = r, n+1
			}
		}
		if n != 1 {
			t.Fatalf("%d schedules run %s, want one", n, stack.PayrollSchedule)
		}
		p := props[struct {
			ScheduleExpression         string
			ScheduleExpressionTimezone string
			Target                     struct {
				Arn              any
				RoleArn          any
				RetryPolicy      struct{ MaximumRetryAttempts int }
				DeadLetterConfig struct{ Arn any }
			}
		}](t, sched)
		if p.ScheduleExpression != stack.PayrollSchedule || p.ScheduleExpressionTimezone != "Europe/London" || p.Target.RetryPolicy.MaximumRetryAttempts == 0 {
			t.Errorf("%+v", p)
		}
		dispatch := logicalID(t, stacks[st], "Fn-"+string(route.Dispatch))
		if got := refs(p.Target.Arn); !slices.Equal(got, []string{dispatch}) {
			t.Errorf("target %v, want the dispatch function", got)
		}
		dlq := logicalID(t, stacks[st], "PayrollSchedule-DLQ")
		if got := refs(p.Target.DeadLetterConfig.Arn); !slices.Equal(got, []string{dlq}) {
			t.Errorf("dead-letter queue %v", got)
		}
		g := grants(t, c, refs(p.Target.RoleArn)[0])
		if len(g) != 2 || !slices.Equal(g["lambda:InvokeFunction"], []string{dispatch}) || !slices.Equal(g["sqs:SendMessage"], []string{dlq}) {
			t.Errorf("the schedule's role may %v", g)
		}
	})
}
