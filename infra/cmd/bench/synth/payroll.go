package synth

import (
	"encoding/json"
	"fmt"
)

// Transitions counts the states an execution of a Step Functions definition
// (JSONPath) enters on its way to the end, as Step Functions bills them:
// every state entered is one transition, a Map's iterations each enter their
// own states. choose picks the next state of a Choice state (by name,
// among its rules' Next and its Default); items is the number of iterations
// of every Map state. Retries, which are billed too, are not counted.
func Transitions(definition string, items int, choose func(state string, options []string) string) (int, error) {
	var def machine
	if err := json.Unmarshal([]byte(definition), &def); err != nil {
		return 0, err
	}
	return def.walk(items, choose)
}

// Prefer is a choose for Transitions: the Choice states named take the
// branch given, every other takes its Default.
func Prefer(branches map[string]string) func(string, []string) string {
	return func(state string, options []string) string {
		if b, ok := branches[state]; ok {
			return b
		}
		return options[len(options)-1]
	}
}

type machine struct {
	StartAt string           `json:"StartAt"`
	States  map[string]state `json:"States"`
}

type state struct {
	Type           string          `json:"Type"`
	Next           string          `json:"Next"`
	End            bool            `json:"End"`
	Default        string          `json:"Default"`
	Choices        []choice        `json:"Choices"`
	Parameters     any             `json:"Parameters"`
	ResultPath     json.RawMessage `json:"ResultPath"`
	Retry          []retrier       `json:"Retry"`
	Catch          []catcher       `json:"Catch"`
	Error          string          `json:"Error"`
	ItemsPath      string          `json:"ItemsPath"`
	ItemSelector   any             `json:"ItemSelector"`
	MaxConcurrency int             `json:"MaxConcurrency"`
	ItemProcessor  *machine        `json:"ItemProcessor"`
	Iterator       *machine        `json:"Iterator"`
}

func (m machine) walk(items int, choose func(string, []string) string) (int, error) {
	n := 0
	for name, steps := m.StartAt, 0; name != ""; steps++ {
		if steps > 1000 {
			return 0, fmt.Errorf("state machine does not end")
		}
		s, ok := m.States[name]
		if !ok {
			return 0, fmt.Errorf("no state %q", name)
		}
		n++
		switch s.Type {
		case "Succeed", "Fail":
			return n, nil
		case "Choice":
			var options []string
			for _, c := range s.Choices {
				options = append(options, c.Next)
			}
			options = append(options, s.Default)
			name = choose(name, options)
			continue
		case "Map":
			inner := s.ItemProcessor
			if inner == nil {
				inner = s.Iterator
			}
			if inner != nil {
				k, err := inner.walk(items, choose)
				if err != nil {
					return 0, err
				}
				n += items * k
			}
		}
		if s.End {
			return n, nil
		}
		name = s.Next
	}
	return n, nil
}
