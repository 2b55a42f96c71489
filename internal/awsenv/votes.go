package awsenv

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/dpcoop/dpcoop/internal/apigw"
	"github.com/dpcoop/dpcoop/internal/route"
	"github.com/dpcoop/dpcoop/internal/votes"
)

// ServeVotes starts the votes function: its API routes, and the votes tick
// the schedule invokes. Notices go by SES from NOTICE_SENDER; without one the
// tick still opens, closes and counts, and reports each motion whose notices
// could not be sent.
func ServeVotes() {
	log, cfg, store := setup()
	d := deps(log, cfg, store)
	h := apigw.New(route.Votes, d)
	lambda.Start(VotesHandler(h.Handle, d.Services.Votes.Tick, time.Now, log))
}

// VotesHandler routes one invocation of the votes function: an API Gateway
// HTTP API event to the handlers, the schedule's tick to the votes tick.
func VotesHandler(
	api func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error),
	tick func(context.Context, time.Time) (votes.TickReport, error),
	now func() time.Time, log *slog.Logger,
) func(context.Context, json.RawMessage) (any, error) {
	return func(ctx context.Context, raw json.RawMessage) (any, error) {
		var probe struct {
			RouteKey string `json:"routeKey"`
			Task     string `json:"task"`
		}
		if err := json.Unmarshal(raw, &probe); err != nil {
			return nil, errors.New("votes: unreadable event")
		}
		switch {
		case probe.RouteKey != "":
			var ev events.APIGatewayV2HTTPRequest
			if err := json.Unmarshal(raw, &ev); err != nil {
				return nil, errors.New("votes: unreadable API event")
			}
			return api(ctx, ev)
		case probe.Task == votes.TickTask:
			rep, err := tick(ctx, now())
			if err != nil {
				log.ErrorContext(ctx, "votes tick", slog.String("error", err.Error()))
				return nil, err
			}
			log.InfoContext(ctx, "votes tick", slog.Int("opened", rep.Opened), slog.Int("closed", rep.Closed),
				slog.Int("counted", rep.Counted), slog.Int("notices", rep.Notices), slog.Int("failed", rep.Failed))
			return rep, nil
		}
		return nil, errors.New("votes: not an API event or a votes tick")
	}
}
