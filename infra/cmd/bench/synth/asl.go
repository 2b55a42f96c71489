package synth

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/dpcoop/dpcoop/internal/payrun"
)

// Execution is what running a definition in this process did.
type Execution struct {
	States  int            // states entered (Step Functions bills each as a transition)
	Tasks   int            // Task states entered, retries included (Lambda invocations)
	Retries int            // Task attempts retried
	Steps   map[string]int // Task states entered by their "step" parameter
	Output  any
	Failed  string // the Fail state's error, if the execution failed
	// Documents are every state's input and output as JSON, in the order
	// entered (a Map's iterations interleaved): what Step Functions keeps in
	// the execution's history.
	Documents []string
	// Largest is the size in bytes of the largest of them (Step Functions
	// refuses a state over 256 KB).
	Largest int
}

// Run executes a JSONPath Step Functions definition in this process with
// the payroll task handler standing in for the Lambda function behind every
// Task state: the same states in the same order as Step Functions (and
// aws-local-stepfunctions under make dev) would enter them, without the
// service's overhead, so that a month of many co-ops can be timed and
// counted where starting a Node process per execution would dominate.
//
// It supports what the payroll definition uses: Task (Parameters with
// "key.$" paths, ResultPath, Retry on the error's type name, Catch), Choice
// (BooleanEquals and StringEquals on a Variable), inline Map (ItemsPath,
// ItemSelector with $$.Map.Item.Value, MaxConcurrency, ResultPath), Succeed
// and Fail. Retries are made at once.
func Run(ctx context.Context, definition string, input any, r *payrun.Runner) (Execution, error) {
	var def machine
	if err := json.Unmarshal([]byte(definition), &def); err != nil {
		return Execution{}, err
	}
	doc, err := roundTrip(input)
	if err != nil {
		return Execution{}, err
	}
	ex := &executor{r: r, steps: map[string]int{}}
	out, failed, err := ex.run(ctx, def, doc)
	ex.mu.Lock()
	defer ex.mu.Unlock()
	return Execution{States: ex.states, Tasks: ex.tasks, Retries: ex.retries, Steps: ex.steps, Output: out, Failed: failed,
		Documents: ex.docs, Largest: ex.largest}, err
}

type executor struct {
	r                      *payrun.Runner
	mu                     sync.Mutex
	states, tasks, retries int
	steps                  map[string]int
	docs                   []string
	largest                int
}

// record keeps a state's input or output.
func (ex *executor) record(doc any) {
	raw, _ := json.Marshal(doc) // decoded JSON: it cannot fail
	ex.count(func() {
		ex.docs = append(ex.docs, string(raw))
		ex.largest = max(ex.largest, len(raw))
	})
}

func (ex *executor) count(f func()) {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	f()
}

func (ex *executor) run(ctx context.Context, m machine, doc any) (any, string, error) {
	for name, n := m.StartAt, 0; ; n++ {
		if n > 1000 {
			return nil, "", fmt.Errorf("state machine does not end")
		}
		s, ok := m.States[name]
		if !ok {
			return nil, "", fmt.Errorf("no state %q", name)
		}
		ex.count(func() { ex.states++ })
		ex.record(doc)
		var next string
		switch s.Type {
		case "Succeed":
			return doc, "", nil
		case "Fail":
			return doc, s.Error, nil
		case "Choice":
			next = s.Default
			for _, c := range s.Choices {
				if c.matches(doc) {
					next = c.Next
					break
				}
			}
		case "Task", "Map":
			var result any
			var err error
			if s.Type == "Task" {
				result, err = ex.task(ctx, s, doc)
			} else {
				result, err = ex.mapState(ctx, s, doc)
			}
			if err != nil {
				catch := s.catch(err)
				if catch == nil {
					return nil, "", err
				}
				doc = applyResult(catch.ResultPath, doc, map[string]any{"Error": errorName(err), "Cause": err.Error()})
				name = catch.Next
				continue
			}
			ex.record(result)
			doc = applyResult(s.ResultPath, doc, result)
			next = s.Next
		default:
			return nil, "", fmt.Errorf("state %s: type %s is not supported", name, s.Type)
		}
		if s.End {
			return doc, "", nil
		}
		name = next
	}
}

func (ex *executor) task(ctx context.Context, s state, doc any) (any, error) {
	params := doc
	if s.Parameters != nil {
		params = resolve(s.Parameters, doc, nil)
	}
	raw, err := json.Marshal(params)
	if err != nil {
		return nil, err
	}
	var in payrun.TaskInput
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		ex.count(func() { ex.tasks++; ex.steps[in.Step]++ })
		out, err := ex.r.Handle(ctx, in)
		if err == nil {
			return roundTrip(out)
		}
		if !s.retries(err, attempt) {
			return nil, err
		}
		ex.count(func() { ex.retries++ })
	}
}

func (ex *executor) mapState(ctx context.Context, s state, doc any) (any, error) {
	items, _ := getPath(doc, s.ItemsPath).([]any)
	inner := s.ItemProcessor
	if inner == nil {
		inner = s.Iterator
	}
	if inner == nil {
		return nil, fmt.Errorf("map without an item processor")
	}
	limit := s.MaxConcurrency
	if limit <= 0 {
		limit = len(items) + 1
	}
	results := make([]any, len(items))
	errs := make([]error, len(items))
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i, item := range items {
		input := item
		if s.ItemSelector != nil {
			input = resolve(s.ItemSelector, doc, map[string]any{"Map": map[string]any{"Item": map[string]any{"Index": i, "Value": item}}})
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out, failed, err := ex.run(ctx, *inner, input)
			if err == nil && failed != "" {
				err = fmt.Errorf("map iteration failed: %s", failed)
			}
			results[i], errs[i] = out, err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return results, nil
}

type retrier struct {
	ErrorEquals []string `json:"ErrorEquals"`
	MaxAttempts *int     `json:"MaxAttempts"`
}

type catcher struct {
	ErrorEquals []string        `json:"ErrorEquals"`
	ResultPath  json.RawMessage `json:"ResultPath"`
	Next        string          `json:"Next"`
}

func errorName(err error) string {
	t := reflect.TypeOf(err)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

func matchesError(list []string, err error) bool {
	return slices.Contains(list, "States.ALL") || slices.Contains(list, errorName(err))
}

func (s state) retries(err error, attempt int) bool {
	for _, r := range s.Retry {
		if matchesError(r.ErrorEquals, err) {
			max := 3
			if r.MaxAttempts != nil {
				max = *r.MaxAttempts
			}
			return attempt < max
		}
	}
	return false
}

func (s state) catch(err error) *catcher {
	for i := range s.Catch {
		if matchesError(s.Catch[i].ErrorEquals, err) {
			return &s.Catch[i]
		}
	}
	return nil
}

type choice struct {
	Variable      string  `json:"Variable"`
	BooleanEquals *bool   `json:"BooleanEquals"`
	StringEquals  *string `json:"StringEquals"`
	Next          string  `json:"Next"`
}

func (c choice) matches(doc any) bool {
	v := getPath(doc, c.Variable)
	switch {
	case c.BooleanEquals != nil:
		b, ok := v.(bool)
		return ok && b == *c.BooleanEquals
	case c.StringEquals != nil:
		s, ok := v.(string)
		return ok && s == *c.StringEquals
	}
	return false
}

// resolve fills a Parameters or ItemSelector template: a key ending ".$"
// takes the value at its path ($ the state's input, $$ the context).
func resolve(tmpl any, doc any, ctxObj map[string]any) any {
	switch t := tmpl.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, v := range t {
			if name, ok := strings.CutSuffix(k, ".$"); ok {
				path, _ := v.(string)
				if rest, ok := strings.CutPrefix(path, "$$"); ok {
					out[name] = getPath(any(ctxObj), "$"+rest)
				} else {
					out[name] = getPath(doc, path)
				}
				continue
			}
			out[k] = resolve(v, doc, ctxObj)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, v := range t {
			out[i] = resolve(v, doc, ctxObj)
		}
		return out
	}
	return tmpl
}

func getPath(doc any, path string) any {
	if path == "$" || path == "" {
		return doc
	}
	cur := doc
	for _, part := range strings.Split(strings.TrimPrefix(path, "$."), ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
	}
	return cur
}

// applyResult puts a result where ResultPath says: absent (or "$") keeps
// only the result, null discards it, "$.a.b" sets that field of the input.
func applyResult(resultPath json.RawMessage, doc, value any) any {
	if len(resultPath) == 0 {
		return value
	}
	if string(resultPath) == "null" {
		return doc
	}
	var path string
	if err := json.Unmarshal(resultPath, &path); err != nil || path == "$" {
		return value
	}
	root, ok := doc.(map[string]any)
	if !ok {
		root = map[string]any{}
	}
	out := cloneMap(root)
	cur := out
	parts := strings.Split(strings.TrimPrefix(path, "$."), ".")
	for _, p := range parts[:len(parts)-1] {
		next, _ := cur[p].(map[string]any)
		next = cloneMap(next)
		cur[p] = next
		cur = next
	}
	cur[parts[len(parts)-1]] = value
	return out
}

func cloneMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

func roundTrip(v any) (any, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	err = json.Unmarshal(raw, &out)
	return out, err
}
