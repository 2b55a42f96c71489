package local_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/dynamo/faults"
)

// faultyStack is the November stack whose k-th DynamoDB call after seeding
// fails with fault (k = 0: none), with the SDK's own retries off so the failure reaches
// the state machine's Retry or the API's caller.
func faultyStack(t *testing.T, k int64, fault faults.Fault) (*running, *callLog, *atomic.Bool) {
	t.Helper()
	var armed atomic.Bool
	calls := &callLog{}
	r := launch(t, inSharedDB(t, local.Options{
		DataDir: t.TempDir(), Log: &calls.log, Now: func() time.Time { return november }, RetryMS: "1", DynamoAttempts: 1,
		Faults: func(op string) faults.Fault {
			if armed.Load() && calls.add(op) == k {
				return fault
			}
			return faults.Pass
		},
	}))
	t.Cleanup(func() { r.stack.Close() })
	armed.Store(true)
	return r, calls, &armed
}

// callLog counts the DynamoDB calls and keeps their operations in order,
// and the stack's log, for a failure to show what happened.
type callLog struct {
	mu  sync.Mutex
	ops []string
	log lockedBuffer
}

// lockedBuffer is a log the stack's goroutines write at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// failures are the log's lines about failed steps and executions.
func (b *lockedBuffer) failures() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for line := range strings.Lines(b.buf.String()) {
		if strings.Contains(line, `"level":"ERROR"`) || strings.Contains(line, "execution ended") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "")
}

// add records a call and returns its number, from 1.
func (c *callLog) add(op string) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ops = append(c.ops, op)
	return int64(len(c.ops))
}

// until repeats a request while it answers 503, as an admin would.
func (r *running) until(t *testing.T, method, path, token, body string, want int) {
	t.Helper()
	for range 5 {
		resp, out := r.do(t, method, path, token, "application/json", body)
		switch resp.StatusCode {
		case want:
			return
		case http.StatusServiceUnavailable, http.StatusInternalServerError:
			continue
		default:
			t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, out)
		}
	}
	t.Fatalf("%s %s never answered %d", method, path, want)
}

// payMonth runs October to final the way an admin would, starting again
// after a failed attempt, and waits for what finalising started (filing and
// pooling), so every run of the test makes its calls in the same order.
func payMonth(t *testing.T, r *running) {
	t.Helper()
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	var run dpcoop.Run
	var err error
	for range 3 {
		r.until(t, "POST", "/v1/payroll/runs", admin, `{"month":"2026-10"}`, http.StatusAccepted)
		r.stack.Workflows.Wait()
		run, err = dynamo.New(dynamolocal.NewClient(r.stack.DB.URL), r.stack.DB.Table).Run(context.Background(), "demo", "2026-10")
		if err == nil && run.Status == dpcoop.RunPreview {
			r.until(t, "POST", "/v1/payroll/runs/2026-10/finalise", admin, "", http.StatusOK)
			r.stack.Workflows.Wait()
			return
		}
	}
	t.Fatalf("the run never reached a preview: %+v %v", run, err)
}

// checkPaidOnce reads the whole table: one final run, one payslip per PA for
// its attempt, exactly one charge per member with the right amount, and the
// PAs' year to date moved on once.
func checkPaidOnce(t *testing.T, r *running) {
	t.Helper()
	ctx := context.Background()
	// The checks read with the SDK's usual retries, apart from the stack's
	// client, whose retries the test turned off.
	client := dynamolocal.NewClient(r.stack.DB.URL)
	store := dynamo.New(client, r.stack.DB.Table)
	run, err := store.Run(ctx, "demo", "2026-10")
	if err != nil || run.Status != dpcoop.RunFinal {
		t.Fatalf("run %+v %v", run, err)
	}
	out, err := client.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(r.stack.DB.Table)})
	if err != nil {
		t.Fatal(err)
	}
	entries, runs := 0, 0
	for _, it := range out.Items {
		var k struct{ PK, SK string }
		b, _ := json.Marshal(map[string]any{"PK": it["PK"], "SK": it["SK"]})
		_ = json.Unmarshal(b, &k)
		sk := string(b)
		switch {
		case strings.Contains(sk, `"ENTRY#`):
			entries++
		case strings.Contains(sk, `"RUN#2026-10"`):
			runs++
		}
	}
	// Three members' charges; out of the payroll account two PAs' net pay,
	// HMRC's NI and the holiday provision.
	if entries != 7 || runs != 1 {
		t.Fatalf("%d ledger entries and %d runs, want 7 and 1", entries, runs)
	}
	slips, _ := store.Payslips(ctx, "demo", "2026-10")
	n := 0
	for _, s := range slips {
		if s.Attempt == run.Attempt {
			n++
		}
	}
	want := map[string]int64{local.DemoID("gwen"): 76651, local.DemoID("sian"): 53822, local.DemoID("rhys"): 30147}
	for m, amount := range want {
		es, _ := store.AccountEntries(ctx, "demo", dpcoop.MemberAccount(m), "2026-11-01", "2026-11-30")
		if len(es) != 1 || es[0].Amount != amount {
			t.Fatalf("%s: %+v", m, es)
		}
	}
	hist, _ := store.PayHistory(ctx, "demo", local.DemoID("catrin"))
	if n != 2 || hist.YTD == nil || hist.YTD.Figures.Gross != 107600 {
		t.Fatalf("%d payslips; year to date %+v", n, hist.YTD)
	}
}

// TestPayrollNeverTwiceWhateverFails fails each DynamoDB call of a month's
// run in turn, first before it reaches the table and then after it changed
// the table but with its answer lost; it lets the state machine retry and the
// admin start again where it gave up, and checks the month is paid exactly
// once every time.
func TestPayrollNeverTwiceWhateverFails(t *testing.T) {
	clean, calls, armed := faultyStack(t, 0, faults.Pass)
	payMonth(t, clean)
	armed.Store(false)
	checkPaidOnce(t, clean)
	if len(calls.ops) < 10 {
		t.Fatalf("a run made only %d DynamoDB calls: the counter is not seeing them", len(calls.ops))
	}
	writes := 0
	for i, op := range calls.ops {
		k := int64(i + 1)
		faultAt(t, k, op, faults.Refuse)
		if op == "GetItem" || op == "Query" || op == "BatchGetItem" || op == "Scan" {
			continue // a lost answer to a read is the same as a refused read
		}
		writes++
		faultAt(t, k, op, faults.Lose)
	}
	t.Logf("failed each of %d DynamoDB calls in turn, and lost the answers of the %d writes among them", len(calls.ops), writes)
}

// faultAt pays the month on a stack whose k-th call (op, in the run without
// faults) fails with fault, and checks it was paid once; a failure names the
// call and shows the stack's failed steps.
func faultAt(t *testing.T, k int64, op string, fault faults.Fault) {
	t.Helper()
	r, calls, armed := faultyStack(t, k, fault)
	t.Run(fmt.Sprintf("call %d %s fault %d", k, op, fault), func(t *testing.T) {
		defer func() {
			if t.Failed() {
				t.Logf("calls: %s\nfailures logged:\n%s", strings.Join(calls.ops, " "), calls.log.failures())
			}
		}()
		payMonth(t, r)
		armed.Store(false)
		checkPaidOnce(t, r)
	})
	if t.Failed() {
		t.FailNow()
	}
}

// TestTwoStartsAtOnceMakeOneRun: two admins pressing start together.
func TestTwoStartsAtOnceMakeOneRun(t *testing.T) {
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	done := make(chan int, 2)
	for range 2 {
		go func() {
			resp, _ := r.do(t, "POST", "/v1/payroll/runs", admin, "application/json", `{"month":"2026-10"}`)
			done <- resp.StatusCode
		}()
	}
	<-done
	<-done
	r.stack.Workflows.Wait()
	r.until(t, "POST", "/v1/payroll/runs/2026-10/finalise", admin, "", http.StatusOK)
	checkPaidOnce(t, r)
}
