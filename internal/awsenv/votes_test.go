package awsenv_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/internal/awsenv"
	"github.com/dpcoop/dpcoop/internal/votes"
)

// TestVotesHandlerRoutesAPIEventsAndTheTick sends the sample events the
// function receives on AWS: an HTTP API request and the schedule's tick.
func TestVotesHandlerRoutesAPIEventsAndTheTick(t *testing.T) {
	var apiCalls, ticks int
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	h := awsenv.VotesHandler(
		func(_ context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
			apiCalls++
			if ev.RouteKey != "POST /v1/motions/{id}/votes" || ev.RequestContext.Authorizer.JWT.Claims["custom:coop"] != "demo" {
				t.Errorf("event %+v", ev)
			}
			return events.APIGatewayV2HTTPResponse{StatusCode: 201}, nil
		},
		func(_ context.Context, now time.Time) (votes.TickReport, error) {
			ticks++
			if !now.Equal(at) {
				t.Errorf("tick at %v", now)
			}
			return votes.TickReport{Closed: 1}, nil
		},
		func() time.Time { return at }, slog.New(slog.NewTextHandler(io.Discard, nil)),
	)
	for _, tc := range []struct {
		file string
		want any
	}{
		{"../../events/vote-cast.json", events.APIGatewayV2HTTPResponse{StatusCode: 201}},
		{"../../events/votes-tick.json", votes.TickReport{Closed: 1}},
	} {
		raw, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := h(context.Background(), json.RawMessage(raw))
		if err != nil {
			t.Fatal(err)
		}
		if a, b := jsonOf(got), jsonOf(tc.want); a != b {
			t.Errorf("%s: %s, want %s", tc.file, a, b)
		}
	}
	if apiCalls != 1 || ticks != 1 {
		t.Fatalf("api %d ticks %d", apiCalls, ticks)
	}
	for _, bad := range []string{`{"task":"payroll-dispatch"}`, `[]`, `"x"`} {
		if _, err := h(context.Background(), json.RawMessage(bad)); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }
