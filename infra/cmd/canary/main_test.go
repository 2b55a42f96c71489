package main

import (
	"testing"
	"time"
)

// Nearest rank: of 1..100 ms, p50 is 50 ms and p99 99 ms; of two calls, p50
// is the faster and p99 the slower.
func TestPercentileIsTheNearestRank(t *testing.T) {
	var ts []time.Duration
	for i := 100; i >= 1; i-- {
		ts = append(ts, time.Duration(i)*time.Millisecond)
	}
	if p50, p99 := percentile(ts, 50), percentile(ts, 99); p50 != 50*time.Millisecond || p99 != 99*time.Millisecond {
		t.Errorf("p50 %v p99 %v", p50, p99)
	}
	two := []time.Duration{3 * time.Millisecond, time.Millisecond}
	if p50, p99 := percentile(two, 50), percentile(two, 99); p50 != time.Millisecond || p99 != 3*time.Millisecond {
		t.Errorf("p50 %v p99 %v", p50, p99)
	}
}

func TestRunRefusesWithoutAStack(t *testing.T) {
	if err := run("", "", "", 100, time.Hour); err == nil {
		t.Error("ran without a stage, URL or token")
	}
}
