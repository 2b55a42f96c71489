package duequeue_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/duequeue"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// queue stands in for SQS: it keeps what it was sent, refuses each
// message's first sending when refuseFirst is set (as SQS may refuse some
// entries of a batch), and takes roundTrip to answer.
type queue struct {
	mu          sync.Mutex
	refuseFirst bool
	roundTrip   time.Duration
	seen        map[string]bool
	calls       int
	kept        []types.SendMessageBatchRequestEntry
}

func (q *queue) SendMessageBatch(_ context.Context, in *sqs.SendMessageBatchInput, _ ...func(*sqs.Options)) (*sqs.SendMessageBatchOutput, error) {
	time.Sleep(q.roundTrip)
	q.mu.Lock()
	defer q.mu.Unlock()
	q.calls++
	if q.seen == nil {
		q.seen = map[string]bool{}
	}
	if len(in.Entries) > 10 {
		return nil, fmt.Errorf("%d entries in one batch", len(in.Entries))
	}
	out := &sqs.SendMessageBatchOutput{}
	for _, e := range in.Entries {
		body := aws.ToString(e.MessageBody)
		if q.refuseFirst && !q.seen[body] {
			q.seen[body] = true
			out.Failed = append(out.Failed, types.BatchResultErrorEntry{Id: e.Id, Code: aws.String("InternalError"), SenderFault: false})
			continue
		}
		q.kept = append(q.kept, e)
		out.Successful = append(out.Successful, types.SendMessageBatchResultEntry{Id: e.Id})
	}
	return out, nil
}

// Every co-op is queued once in batches of at most ten, the entries SQS
// refused sent again, each delayed by its co-op's start delay, and read
// back as the co-op.
func TestSendQueuesEveryCoopOnceWithItsDelay(t *testing.T) {
	q := &queue{refuseFirst: true}
	var coops []dpcoop.Coop
	for i := range 23 {
		coops = append(coops, dpcoop.Coop{ID: dpcoop.CoopID(fmt.Sprintf("coop-%02d", i))})
	}
	if err := duequeue.New(q, "https://sqs.eu-west-2.amazonaws.com/123456789012/due").Send(t.Context(), coops); err != nil {
		t.Fatal(err)
	}
	if len(q.kept) != 23 || q.calls != 6 { // 3 batches, each sent twice
		t.Fatalf("%d queued in %d calls, want 23 in 6", len(q.kept), q.calls)
	}
	got := map[dpcoop.CoopID]int{}
	for _, e := range q.kept {
		c, err := duequeue.Read(aws.ToString(e.MessageBody))
		if err != nil {
			t.Fatal(err)
		}
		got[c]++
		if want := int32(payrun.StartDelay(c) / time.Second); e.DelaySeconds != want || want < 0 || want >= 900 {
			t.Errorf("%s delayed %d s, want %d (under 900)", c, e.DelaySeconds, want)
		}
	}
	for _, c := range coops {
		if got[c.ID] != 1 {
			t.Errorf("%s queued %d times", c.ID, got[c.ID])
		}
	}
}

func TestReadRefusesWhatIsNotADueCoop(t *testing.T) {
	for _, body := range []string{"", "{}", `{"coop":""}`, "not json"} {
		if _, err := duequeue.Read(body); err == nil {
			t.Errorf("%q read as a co-op", body)
		}
	}
}

// dispatchCoops is the benchmark's hosted service: every co-op with the
// default pay day, so all are due on the same day.
const dispatchCoops = 5000

// sqsRoundTrip is an assumed SendMessageBatch round trip from Lambda to SQS
// in the same region; the stand-in waits this long on every call.
const sqsRoundTrip = 20 * time.Millisecond

// BenchmarkDispatchFanout: 5,000 co-ops in DynamoDB Local; the daily
// dispatch lists them and queues each (every co-op, every day: its payroll
// may be due, its reminders are told) through the SQS sender (to a stand-in that answers after sqsRoundTrip).
// It reports the dispatcher's time, which must be under half its 60 s
// timeout, the CPU it used (rusage, the whole process), and its requests.
func BenchmarkDispatchFanout(b *testing.B) {
	ctx := context.Background()
	db, err := dynamolocal.Start(ctx, "fanout")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	store := dynamo.New(db.Client, db.Table)
	created := time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	ids := make(chan int)
	for range 8 {
		wg.Go(func() {
			for i := range ids {
				id := dpcoop.CoopID(fmt.Sprintf("coop-%04d", i))
				if _, _, err := store.CreateCoop(ctx, dpcoop.Coop{ID: id, NameEN: "Co-op", NameCY: "Cwmni", Language: dpcoop.Welsh, Created: created},
					dpcoop.Person{ID: dpcoop.DerivedID("admin", string(id)), Coop: id, Role: dpcoop.RoleAdmin}, string(id)); err != nil {
					b.Error(err)
				}
			}
		})
	}
	for i := range dispatchCoops {
		ids <- i
	}
	close(ids)
	wg.Wait()
	b.ResetTimer()
	for range b.N {
		q := &queue{roundTrip: sqsRoundTrip}
		var before, after syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
		began := time.Now()
		queued, err := payrun.Fanout(ctx, store, duequeue.New(q, "due").Send)
		took := time.Since(began)
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
		if err != nil || queued != dispatchCoops || len(q.kept) != dispatchCoops {
			b.Fatalf("queued %d (%d kept): %v", queued, len(q.kept), err)
		}
		cpu := time.Duration(after.Utime.Nano()+after.Stime.Nano()-before.Utime.Nano()-before.Stime.Nano()) * time.Nanosecond
		b.ReportMetric(took.Seconds(), "s/dispatch")
		b.ReportMetric(cpu.Seconds(), "cpu-s/dispatch")
		b.ReportMetric(float64(q.calls), "batches")
		b.Logf("dispatch fan-out: %d co-ops due queued in %v (%d batches of 10, %v each assumed), %v CPU",
			queued, took.Round(time.Millisecond), q.calls, sqsRoundTrip, cpu.Round(time.Millisecond))
		if took > 30*time.Second {
			b.Errorf("the dispatch took %v, more than half its 60 s timeout", took)
		}
	}
}

// The sample of what SQS sends the consumer reads as the co-op it names.
func TestSampleEventNamesItsCoop(t *testing.T) {
	raw, err := os.ReadFile("../../events/due-coop.json")
	if err != nil {
		t.Fatal(err)
	}
	var ev events.SQSEvent
	if err := json.Unmarshal(raw, &ev); err != nil || len(ev.Records) != 1 {
		t.Fatalf("%v %+v", err, ev)
	}
	if c, err := duequeue.Read(ev.Records[0].Body); err != nil || c != "demo" {
		t.Fatalf("%q %v", c, err)
	}
}
