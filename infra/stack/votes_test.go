package stack_test

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/dpcoop/dpcoop/infra/stack"
	"github.com/dpcoop/dpcoop/internal/route"
)

// TestVotesTickSchedule: an EventBridge rate rule invokes the votes function
// with the tick of events/votes-tick.json, and only that rule may invoke it
// that way.
func TestVotesTickSchedule(t *testing.T) {
	sample, err := os.ReadFile("../../events/votes-tick.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	if err := json.Unmarshal(sample, &want); err != nil {
		t.Fatal(err)
	}
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		fnID := logicalID(t, stacks[st], "Fn-"+string(route.Votes))
		type target struct {
			Arn         any
			Input       string
			RetryPolicy struct{ MaximumRetryAttempts, MaximumEventAgeInSeconds int }
		}
		var ruleID string
		var tg target
		var expr, state string
		for id, r := range c.ofType("AWS::Events::Rule") {
			p := props[struct {
				ScheduleExpression string
				State              string
				Targets            []target
			}](t, r)
			for _, x := range p.Targets {
				if slices.Contains(refs(x.Arn), fnID) {
					if ruleID != "" {
						t.Fatal("two rules invoke the votes function")
					}
					ruleID, tg, expr, state = id, x, p.ScheduleExpression, p.State
				}
			}
		}
		if ruleID == "" {
			t.Fatal("no rule invokes the votes function")
		}
		if expr != stack.VotesSchedule || state != "ENABLED" {
			t.Errorf("schedule %q state %q", expr, state)
		}
		var input map[string]any
		if err := json.Unmarshal([]byte(tg.Input), &input); err != nil || !jsonEqual(input, want) {
			t.Errorf("input %s, want events/votes-tick.json %s", tg.Input, sample)
		}
		if tg.RetryPolicy.MaximumRetryAttempts != 0 || tg.RetryPolicy.MaximumEventAgeInSeconds != 300 {
			t.Errorf("retry policy %+v: a late tick is replaced by the next", tg.RetryPolicy)
		}
		// The function's resource policy lets EventBridge invoke it for
		// this rule only.
		var perms int
		for _, r := range c.ofType("AWS::Lambda::Permission") {
			p := props[struct {
				Action, Principal string
				FunctionName      any
				SourceArn         any
			}](t, r)
			if !slices.Contains(refs(p.FunctionName), fnID) || p.Principal != "events.amazonaws.com" {
				continue
			}
			perms++
			if p.Action != "lambda:InvokeFunction" || !slices.Equal(refs(p.SourceArn), []string{ruleID}) {
				t.Errorf("permission %+v, want invoke from rule %s only", p, ruleID)
			}
		}
		if perms != 1 {
			t.Errorf("%d EventBridge permissions on the votes function, want 1", perms)
		}
	})
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
