package votes_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// referee applies DynamoDB's rule for concurrent transactions, which
// DynamoDB Local does not (it runs one transaction at a time, so it never
// reports a conflict): a TransactWriteItems naming an item, written or only
// condition-checked, that another TransactWriteItems still in flight names is
// cancelled with TransactionConflict. "In flight" is the other transaction's
// whole round trip to DynamoDB Local, queueing included: longer than on AWS,
// so the rush here meets more conflicts than it would there.
type referee struct {
	mu       sync.Mutex
	held     map[string]int
	tx, lost atomic.Int64
}

func (r *referee) option(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
		return st.Initialize.Add(middleware.InitializeMiddlewareFunc("RushReferee", r.handle), middleware.After)
	})
}

func (r *referee) handle(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	tx, ok := in.Parameters.(*dynamodb.TransactWriteItemsInput)
	if !ok {
		return next.HandleInitialize(ctx, in)
	}
	r.tx.Add(1)
	keys := make([]string, len(tx.TransactItems))
	for i, it := range tx.TransactItems {
		keys[i] = itemKey(it)
	}
	r.mu.Lock()
	if r.held == nil {
		r.held = map[string]int{}
	}
	for i, k := range keys {
		if r.held[k] > 0 {
			r.mu.Unlock()
			r.lost.Add(1)
			reasons := make([]types.CancellationReason, len(keys))
			for j := range reasons {
				reasons[j].Code = aws.String("None")
			}
			reasons[i].Code = aws.String("TransactionConflict")
			return middleware.InitializeOutput{}, middleware.Metadata{}, &types.TransactionCanceledException{
				Message: aws.String("Transaction cancelled: another transaction holds an item"), CancellationReasons: reasons}
		}
	}
	for _, k := range keys {
		r.held[k]++
	}
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		for _, k := range keys {
			r.held[k]--
		}
		r.mu.Unlock()
	}()
	return next.HandleInitialize(ctx, in)
}

// itemKey names the item one action of a transaction touches.
func itemKey(it types.TransactWriteItem) string {
	var k map[string]types.AttributeValue
	switch {
	case it.Put != nil:
		k = it.Put.Item
	case it.Update != nil:
		k = it.Update.Key
	case it.Delete != nil:
		k = it.Delete.Key
	case it.ConditionCheck != nil:
		k = it.ConditionCheck.Key
	}
	pk, _ := k["PK"].(*types.AttributeValueMemberS)
	sk, _ := k["SK"].(*types.AttributeValueMemberS)
	if pk == nil || sk == nil {
		return ""
	}
	return pk.Value + "|" + sk.Value
}

// An annual meeting's rush: 500 members vote on one motion, one arriving
// every 18 ms (all of them inside 9 s), and every vote must be answered
// within 10 s of the first.
const (
	rushVoters = 500
	rushEvery  = 18 * time.Millisecond
	rushWithin = 10 * time.Second
)

// BenchmarkVoteRush casts the rush's votes on one secret-ballot motion
// against DynamoDB Local with the referee's transaction conflicts, and
// reports how long the rush took, the transactions that lost a conflict and
// were retried, and the votes answered 503 (unavailable), which must be
// none. Every vote must be counted.
func BenchmarkVoteRush(b *testing.B) {
	for range b.N {
		var c referee
		f := newFix(b, c.option)
		voters := make([]string, rushVoters)
		for i := range voters {
			voters[i] = f.member(fmt.Sprintf("Aelod %03d", i))
		}
		m := f.open(f.propose(func(in *dpcoop.MotionInput) { in.Secret = true }), start)
		c.tx.Store(0)
		c.lost.Store(0)
		var unavailable, failed atomic.Int64
		var wg sync.WaitGroup
		began := time.Now()
		tick := time.NewTicker(rushEvery)
		for i, id := range voters {
			if i > 0 {
				<-tick.C
			}
			choice := []string{"for"}
			if i%3 == 0 {
				choice = []string{"against"}
			}
			wg.Go(func() {
				_, err := f.vote(principal(id), m, dpcoop.VoteInput{Choices: choice}, start.Add(time.Minute))
				switch {
				case dpcoop.IsKind(err, dpcoop.KindUnavailable):
					unavailable.Add(1)
				case err != nil:
					failed.Add(1)
					b.Errorf("vote: %v", err)
				}
			})
		}
		tick.Stop()
		wg.Wait()
		took := time.Since(began)
		if _, err := f.svc.Close(f.ctx, coop, m.ID, admin.Person, start.Add(time.Hour)); err != nil {
			b.Fatal(err)
		}
		res := f.results(m, start.Add(2*time.Hour))
		b.ReportMetric(float64(rushVoters), "votes")
		b.ReportMetric(took.Seconds(), "s/rush")
		b.ReportMetric(float64(c.lost.Load()), "retries")
		b.ReportMetric(float64(unavailable.Load()), "503s")
		b.Logf("vote rush: %d votes, one every %v, answered in %v; %d transactions, %d lost a conflict and were retried; %d answered 503; %d counted",
			rushVoters, rushEvery, took.Round(time.Millisecond), c.tx.Load(), c.lost.Load(), unavailable.Load(), res.Result.Ballots)
		if unavailable.Load() != 0 || took > rushWithin {
			b.Errorf("%d votes answered 503 and the rush took %v (want none within %v)", unavailable.Load(), took, rushWithin)
		}
		if int(res.Result.Ballots)+int(unavailable.Load()+failed.Load()) != rushVoters {
			b.Errorf("%d ballots counted of %d votes", res.Result.Ballots, rushVoters)
		}
	}
}
