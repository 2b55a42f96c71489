// Package metrics writes business and health metrics in CloudWatch's
// embedded metric format: one JSON line on the function's output, which
// CloudWatch turns into metrics with no extra call and no extra latency.
package metrics

import (
	"encoding/json"
	"io"
	"sync"
	"time"
)

// Namespace is where the metrics land (the stack's alarms read it).
const Namespace = "dpcoop"

// The metric names the service emits.
const (
	ApplicationsReceived = "ApplicationsReceived"
	ShiftsApproved       = "ShiftsApproved"
	PayslipsProduced     = "PayslipsProduced"
	RunsFailed           = "RunsFailed"
	RunsOverdue          = "RunsOverdue"
	VotesCast            = "VotesCast"
	ServerErrors         = "ServerErrors"
	Throttled            = "Throttled"
)

// Recorder emits metrics for one stage. A nil Recorder records nothing, so
// make dev and tests need not set one up.
type Recorder struct {
	mu    sync.Mutex
	w     io.Writer
	stage string
	now   func() time.Time
}

// New returns a recorder writing to w (a Lambda's standard output).
func New(w io.Writer, stage string) *Recorder { return &Recorder{w: w, stage: stage, now: time.Now} }

// Count records n of the named metric, by stage.
func (r *Recorder) Count(name string, n int64) {
	if r == nil {
		return
	}
	line := map[string]any{
		"_aws": map[string]any{
			"Timestamp": r.now().UnixMilli(),
			"CloudWatchMetrics": []any{map[string]any{
				"Namespace":  Namespace,
				"Dimensions": [][]string{{"stage"}},
				"Metrics":    []any{map[string]string{"Name": name, "Unit": "Count"}},
			}},
		},
		"stage": r.stage,
		name:    n,
	}
	b, _ := json.Marshal(line) // only strings and numbers
	r.mu.Lock()
	defer r.mu.Unlock()
	_, _ = r.w.Write(append(b, '\n')) // a metric lost to a failed write is not worth failing a request
}
