// Package duequeue carries the daily dispatch's co-ops over Amazon SQS: the
// dispatch function sends one message per co-op, every co-op once a day, in
// batches of ten, each delayed by the co-op's start delay; the consumer
// function reads them back and does each co-op's daily work
// (internal/daily). A message the consumer keeps failing on goes to the
// queue's dead-letter queue, from which the operators redrive it.
package duequeue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// Client is the part of the SQS API the sender uses.
type Client interface {
	SendMessageBatch(context.Context, *sqs.SendMessageBatchInput, ...func(*sqs.Options)) (*sqs.SendMessageBatchOutput, error)
}

// Sender sends due co-ops to one queue.
type Sender struct {
	client Client
	url    string
}

// New returns a sender to the queue at url.
func New(c Client, url string) *Sender { return &Sender{client: c, url: url} }

const (
	// batchSize is the most messages SendMessageBatch takes.
	batchSize = 10
	// inFlight is how many batches are sent at once: 5,000 co-ops are 500
	// batches, a few seconds at 8 at a time.
	inFlight = 8
	// maxTries is how often a batch's refused entries are sent again.
	maxTries = 3
)

// Send queues one message per co-op, each delayed by its start delay. A
// co-op sent twice (a retried dispatch) is harmless: its runs' executions
// are named by the run. Every batch is tried; the failures come back
// together.
func (s *Sender) Send(ctx context.Context, coops []dpcoop.Coop) error {
	var mu sync.Mutex
	var failed []error
	var wg sync.WaitGroup
	slots := make(chan struct{}, inFlight)
	for start := 0; start < len(coops); start += batchSize {
		batch := coops[start:min(start+batchSize, len(coops))]
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if err := s.sendBatch(ctx, batch); err != nil {
				mu.Lock()
				failed = append(failed, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return errors.Join(failed...)
}

// sendBatch sends up to ten co-ops, sending again those SQS refused.
func (s *Sender) sendBatch(ctx context.Context, coops []dpcoop.Coop) error {
	const op = "queue due co-ops"
	pending := map[string]types.SendMessageBatchRequestEntry{}
	for i, c := range coops {
		body, err := json.Marshal(payrun.Due{Coop: c.ID})
		if err != nil {
			return dpcoop.Wrap(op, err)
		}
		id := strconv.Itoa(i)
		pending[id] = types.SendMessageBatchRequestEntry{
			Id: aws.String(id), MessageBody: aws.String(string(body)),
			DelaySeconds: int32(payrun.StartDelay(c.ID) / time.Second),
		}
	}
	for range maxTries {
		entries := make([]types.SendMessageBatchRequestEntry, 0, len(pending))
		for _, e := range pending {
			entries = append(entries, e)
		}
		out, err := s.client.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(s.url), Entries: entries})
		if err != nil {
			return &dpcoop.Error{Op: op, Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
		}
		for _, ok := range out.Successful {
			delete(pending, aws.ToString(ok.Id))
		}
		if len(pending) == 0 {
			return nil
		}
	}
	return &dpcoop.Error{Op: op, Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable,
		Err: fmt.Errorf("%d of %d co-ops refused %d times", len(pending), len(coops), maxTries)}
}

// Consume does the work of each message's co-op, and answers the messages
// whose work failed (logged with the message's id and the error, which
// names the co-op, never a person), so that SQS delivers only those again
// and, after the queue's retries, dead-letters them.
func Consume(ctx context.Context, ev events.SQSEvent, log *slog.Logger, work func(context.Context, dpcoop.CoopID) error) events.SQSEventResponse {
	var out events.SQSEventResponse
	for _, m := range ev.Records {
		id, err := Read(m.Body)
		if err == nil {
			err = work(ctx, id)
		}
		if err != nil {
			log.ErrorContext(ctx, "daily work failed", slog.String("message", m.MessageId), slog.String("error", err.Error()))
			out.BatchItemFailures = append(out.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
		}
	}
	return out
}

// Read is the co-op a message names.
func Read(body string) (dpcoop.CoopID, error) {
	var d payrun.Due
	if err := json.Unmarshal([]byte(body), &d); err != nil || d.Coop == "" {
		return "", dpcoop.Errorf("read due co-op", "not a due co-op message")
	}
	return d.Coop, nil
}
