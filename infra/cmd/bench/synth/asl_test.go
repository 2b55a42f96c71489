package synth

import (
	"testing"

	"github.com/dpcoop/dpcoop/infra/statemachine"
)

// TestTransitionsOfThePayrollDefinition counts the states a payroll
// execution enters, from the definition the stack deploys.
func TestTransitionsOfThePayrollDefinition(t *testing.T) {
	auto, err := Transitions(statemachine.Payroll, 10, Prefer(map[string]string{"PostedFinal": "Submit"}))
	if err != nil {
		t.Fatal(err)
	}
	preview, err := Transitions(statemachine.Payroll, 10, Prefer(nil))
	if err != nil {
		t.Fatal(err)
	}
	none, err := Transitions(statemachine.Payroll, 0, Prefer(nil))
	if err != nil {
		t.Fatal(err)
	}
	// Finalising adds its own states; each batch of PAs adds one
	// calculation.
	if auto <= preview || preview-none != 10 {
		t.Fatalf("auto-finalised %d, preview %d, no PAs %d", auto, preview, none)
	}
}

func TestApplyResult(t *testing.T) {
	doc := map[string]any{"job": 1}
	if got := applyResult([]byte(`"$.started"`), doc, 2).(map[string]any); got["job"] != 1 || got["started"] != 2 {
		t.Fatalf("%v", got)
	}
	if got := applyResult([]byte(`null`), doc, 2); got.(map[string]any)["started"] != nil {
		t.Fatalf("null kept the result: %v", got)
	}
	if got := applyResult(nil, doc, 2); got != 2 {
		t.Fatalf("no ResultPath: %v", got)
	}
	if doc["started"] != nil {
		t.Fatal("the input was changed")
	}
}
