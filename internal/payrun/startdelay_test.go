package payrun_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// A co-op's start delay is the same every day, under the most SQS allows,
// and a thousand co-ops sharing a pay day are spread over the whole window:
// no minute of it holds more than twice its share.
func TestStartDelaySpreadsCoopsSharingAPayDay(t *testing.T) {
	const coops = 1000
	perMinute := map[time.Duration]int{}
	for i := range coops {
		c := dpcoop.CoopID(fmt.Sprintf("coop-%04d", i))
		d := payrun.StartDelay(c)
		if d != payrun.StartDelay(c) || d < 0 || d >= payrun.MaxStartDelay || d%time.Second != 0 {
			t.Fatalf("%s: delay %v", c, d)
		}
		perMinute[d.Truncate(time.Minute)]++
	}
	minutes := int(payrun.MaxStartDelay / time.Minute)
	if len(perMinute) != minutes {
		t.Errorf("%d of %d minutes used", len(perMinute), minutes)
	}
	for m, n := range perMinute {
		if n > 2*coops/minutes {
			t.Errorf("minute %v holds %d co-ops, more than twice %d", m, n, coops/minutes)
		}
	}
}
