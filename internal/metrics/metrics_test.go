package metrics

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

func TestCountIsEmbeddedMetricFormat(t *testing.T) {
	var buf bytes.Buffer
	r := New(&buf, "prod")
	r.now = func() time.Time { return time.UnixMilli(1795428000000) }
	r.Count(RunsOverdue, 2)
	var line struct {
		AWS struct {
			Timestamp         int64
			CloudWatchMetrics []struct {
				Namespace  string
				Dimensions [][]string
				Metrics    []struct{ Name, Unit string }
			}
		} `json:"_aws"`
		Stage string `json:"stage"`
		Value int64  `json:"RunsOverdue"`
	}
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatal(err)
	}
	m := line.AWS.CloudWatchMetrics
	if line.AWS.Timestamp != 1795428000000 || len(m) != 1 || m[0].Namespace != "dpcoop" || m[0].Metrics[0].Name != "RunsOverdue" ||
		m[0].Dimensions[0][0] != "stage" || line.Stage != "prod" || line.Value != 2 {
		t.Fatalf("%s", buf.String())
	}
	var none *Recorder
	none.Count(RunsFailed, 1) // a nil recorder is silent, not a panic
}
