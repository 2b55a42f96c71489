package apigw_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/meter"
	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/infra/statemachine"
	"github.com/dpcoop/dpcoop/internal/apigw"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/embedded"
	"github.com/dpcoop/dpcoop/internal/payrun"
	"github.com/dpcoop/dpcoop/internal/route"
)

// benchEnv is one realistic co-op behind the handlers, against embedded
// DynamoDB: 30 members with care plans, 10 PAs each working for three of
// them, a year of paid payroll history (Oct 2025 to Oct 2026, so each
// member's account has two dozen entries) and every PA's full pattern of
// approved shifts from 1 October to 22 November 2026 (about 300 a month).
type benchEnv struct {
	db    *embedded.DB
	m     *meter.Meter
	api   apigw.API
	store *dynamo.Store
	coop  synth.Coop
	now   time.Time
	mu    sync.Mutex
	seq   int
	// the open motion votes are cast on, and how many members have voted
	motion string
	voted  int
}

type benchNobody struct{}

func (benchNobody) Invite(context.Context, dpcoop.Person) error { return nil }
func (benchNobody) StartRun(context.Context, payrun.Job) error  { return nil }

var (
	benchEnvOnce sync.Once
	benchEnvVal  *benchEnv
	benchEnvErr  error
)

const benchCoop = "bench"

func benchEnvironment(b *testing.B) *benchEnv {
	benchEnvOnce.Do(func() { benchEnvVal, benchEnvErr = newBenchEnv() })
	if benchEnvErr != nil {
		b.Fatal(benchEnvErr)
	}
	return benchEnvVal
}

func newBenchEnv() (*benchEnv, error) {
	ctx := context.Background()
	e := &benchEnv{m: meter.New(), now: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	db, err := embedded.Start(ctx, "bench", nil, e.m.Option)
	if err != nil {
		return nil, err
	}
	e.db, e.store = db, dynamo.New(db.Client, db.Table)
	settings := dpcoop.PayrollSettings{PayDay: 5, LeadDays: 3, AutoFinalise: true, FeePerMemberPence: 500,
		PensionEmployerBP: 300, PensionEmployeeBP: 500, PensionRelief: "relief_at_source", Holiday: "accrued", MileagePence: 45}
	var history []string
	for m := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC); m.Before(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)); m = m.AddDate(0, 1, 0) {
		history = append(history, m.Format(dpcoop.MonthLayout))
	}
	e.coop, err = synth.Build(ctx, e.store, synth.Spec{
		Coop: benchCoop, Created: time.Date(2025, 9, 15, 9, 0, 0, 0, time.UTC), Settings: settings,
		From: "2026-10-01", To: "2026-11-23", Light: history, Now: e.now,
	})
	if err != nil {
		return nil, err
	}
	for _, month := range append(history, "2026-10") {
		first, _ := time.Parse(dpcoop.MonthLayout, month)
		at := first.AddDate(0, 1, 2).Add(9 * time.Hour)
		r := &payrun.Runner{Store: e.store, Pools: e.store, Now: func() time.Time { return at }, Log: benchQuiet}
		job := payrun.Job{Coop: benchCoop, Month: month, Attempt: 1, Execution: dpcoop.ExecutionName(benchCoop, month, 1)}
		ex, err := synth.Run(ctx, statemachine.Payroll, map[string]any{"job": job}, r)
		if err != nil || ex.Failed != "" {
			return nil, fmt.Errorf("payroll history %s: %v %s %v", month, err, ex.Failed, ex.Output)
		}
	}
	e.api = apigw.All(apigw.Deps{
		Store: e.store, Timesheets: e.store, Payroll: e.store, Starter: benchNobody{}, Limiter: e.store,
		Identities: benchNobody{}, Log: benchQuiet, Now: func() time.Time { return e.now },
		ServiceOrigins: []string{"https://dpcoop.example"},
	})
	return e, nil
}

// benchQuiet logs as the functions do (JSON), to nowhere.
var benchQuiet = slog.New(slog.NewJSONHandler(io.Discard, nil))

func (e *benchEnv) next() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.seq++
	return e.seq
}

var benchFixtures sync.Map

// benchEvent is an event from events/, as API Gateway sends it, pointed at
// a route with concrete parameters and the caller's verified claims (none
// for a public route).
func benchEvent(name, method, pattern string, params map[string]string, query url.Values, person, groups string) (events.APIGatewayV2HTTPRequest, error) {
	raw, ok := benchFixtures.Load(name)
	if !ok {
		b, err := os.ReadFile(filepath.Join("..", "..", "events", name))
		if err != nil {
			return events.APIGatewayV2HTTPRequest{}, err
		}
		benchFixtures.Store(name, b)
		raw = b
	}
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(raw.([]byte), &ev); err != nil {
		return ev, err
	}
	path := pattern
	for k, v := range params {
		path = strings.ReplaceAll(path, "{"+k+"}", v)
	}
	ev.RouteKey, ev.RawPath = method+" "+pattern, path
	ev.RequestContext.RouteKey, ev.RequestContext.HTTP.Method, ev.RequestContext.HTTP.Path = ev.RouteKey, method, path
	ev.PathParameters, ev.RawQueryString, ev.QueryStringParameters = params, query.Encode(), nil
	if len(query) > 0 {
		ev.QueryStringParameters = map[string]string{}
		for k := range query {
			ev.QueryStringParameters[k] = query.Get(k)
		}
	}
	ev.RequestContext.Authorizer = nil
	if person != "" {
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: map[string]string{
				"custom:coop": benchCoop, "custom:person": person, "cognito:groups": groups, "sub": person,
			}},
		}
	}
	headers := map[string]string{}
	for k, v := range ev.Headers {
		if k != "authorization" && k != "idempotency-key" {
			headers[k] = v
		}
	}
	ev.Headers, ev.Body, ev.IsBase64Encoded = headers, "", false
	return ev, nil
}

func benchJSON(ev events.APIGatewayV2HTTPRequest, body string) events.APIGatewayV2HTTPRequest {
	ev.Headers["content-type"] = "application/json"
	ev.Body = body
	return ev
}

// benchCase is one route: prepare makes the state a call needs twice, for
// record A (the handler's) and for its twin B (the bare calls'), and returns
// the event for A, the status it must answer, and the pairs of strings that
// turn A's DynamoDB calls into B's. A read needs no twin.
type benchCase struct {
	name    string
	key     string // the route key
	prepare func(ctx context.Context, e *benchEnv, i int) (ev events.APIGatewayV2HTTPRequest, status int, twin func(resp events.APIGatewayV2HTTPResponse) []string, err error)
}

var benchCases = []benchCase{
	{"application_post", "POST /v1/public/coops/{slug}/applications", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		ev, err := benchEvent("apply-json.json", "POST", "/v1/public/coops/{slug}/applications", map[string]string{"slug": benchCoop}, nil, "", "")
		ev = benchJSON(ev, fmt.Sprintf(`{"kind":"member","name":"Ceri Bench %d","email":"ceri%d@example.org","phone":"07700 900123","address":"7 Ffordd y Parc, Bangor LL57 1AB","language":"cy","consent_electronic":true}`, i, i))
		ev.Headers["idempotency-key"] = fmt.Sprintf("bench-apply-%d", i)
		ev.RequestContext.HTTP.SourceIP = fmt.Sprintf("203.0.%d.%d", i/250%250, i%250+1) // a client well inside its rate limit
		twin := func(resp events.APIGatewayV2HTTPResponse) []string {
			var got struct{ ID string }
			_ = json.Unmarshal([]byte(resp.Body), &got)
			return []string{got.ID, dpcoop.DerivedID("bench-twin-app", fmt.Sprint(i))}
		}
		return ev, 201, twin, err
	}},
	{"application_approve", "POST /v1/applications/{id}/approve", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		var ids [2]string
		for k := range ids {
			ids[k] = dpcoop.DerivedID("bench-app", fmt.Sprint(i), fmt.Sprint(k))
			a := dpcoop.Application{ID: ids[k], Coop: benchCoop, Kind: dpcoop.KindMember, Name: "Ceri Bench", Email: fmt.Sprintf("ceri%d.%d@example.org", i, k),
				Address: "7 Ffordd y Parc, Bangor LL57 1AB", Language: dpcoop.Welsh, ConsentElectronic: true, Status: dpcoop.StatusPending,
				Received: e.now.Add(-time.Hour), Fingerprint: "bench"}
			if _, _, err := e.store.AddApplication(ctx, benchCoop, a); err != nil {
				return events.APIGatewayV2HTTPRequest{}, 0, nil, err
			}
		}
		ev, err := benchEvent("approve-application.json", "POST", "/v1/applications/{id}/approve", map[string]string{"id": ids[0]}, nil, e.coop.Admin, "[admin]")
		return ev, 200, func(events.APIGatewayV2HTTPResponse) []string { return []string{ids[0], ids[1]} }, err
	}},
	{"shift_submit", "POST /v1/shifts/{id}/submit", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		ids, err := e.shifts(ctx, i, "submit", dpcoop.ShiftDraft)
		if err != nil {
			return events.APIGatewayV2HTTPRequest{}, 0, nil, err
		}
		ev, err := benchEvent("shift-approve.json", "POST", "/v1/shifts/{id}/submit", map[string]string{"id": ids[0]}, nil, e.coop.PAs[0], "[pa]")
		return ev, 200, func(events.APIGatewayV2HTTPResponse) []string { return []string{ids[0], ids[1]} }, err
	}},
	{"shift_approve", "POST /v1/shifts/{id}/approve", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		ids, err := e.shifts(ctx, i, "approve", dpcoop.ShiftSubmitted)
		if err != nil {
			return events.APIGatewayV2HTTPRequest{}, 0, nil, err
		}
		ev, err := benchEvent("shift-approve.json", "POST", "/v1/shifts/{id}/approve", map[string]string{"id": ids[0]}, nil, e.coop.Employments[0].Member, "[member]")
		return ev, 200, func(events.APIGatewayV2HTTPResponse) []string { return []string{ids[0], ids[1]} }, err
	}},
	{"account_read", "GET /v1/members/{id}/account", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		member := e.coop.Members[i%len(e.coop.Members)]
		ev, err := benchEvent("approve-application.json", "GET", "/v1/members/{id}/account", map[string]string{"id": member}, url.Values{"month": {"2026-11"}}, member, "[member]")
		return ev, 200, nil, err
	}},
	{"vote_cast", "POST /v1/motions/{id}/votes", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		if e.motion == "" || e.voted+2 > len(e.coop.Members) {
			if err := e.openMotion(ctx, i); err != nil {
				return events.APIGatewayV2HTTPRequest{}, 0, nil, err
			}
		}
		a, b := e.coop.Members[e.voted], e.coop.Members[e.voted+1]
		e.voted += 2
		ev, err := benchEvent("vote-cast.json", "POST", "/v1/motions/{id}/votes", map[string]string{"id": e.motion}, nil, a, "[member]")
		ev = benchJSON(ev, `{"choices":["for"]}`)
		return ev, 201, func(events.APIGatewayV2HTTPResponse) []string { return []string{a, b} }, err
	}},
}

// shifts records two shifts of the first PA for their first member in
// November, as status, with ids made for this iteration.
func (e *benchEnv) shifts(ctx context.Context, i int, kind string, status dpcoop.ShiftStatus) ([2]string, error) {
	var ids [2]string
	member := e.coop.Employments[0].Member
	approver := dpcoop.Principal{Coop: benchCoop, Person: member, Roles: []dpcoop.Role{dpcoop.RoleMember}}
	for k := range ids {
		ids[k] = dpcoop.DerivedID("bench-shift", kind, fmt.Sprint(i), fmt.Sprint(k))
		day := 2 + (i+k)%20
		w := synth.Work{ID: ids[k], PA: e.coop.PAs[0], Members: []string{member}, Date: dpcoop.Date(fmt.Sprintf("2026-11-%02d", day)), Start: "19:00", End: "21:30"}
		if _, err := synth.Shift(ctx, e.store, e.now, approver, w, status); err != nil {
			return ids, err
		}
	}
	return ids, nil
}

// openMotion proposes and opens an ordinary resolution through the API, so
// every member on the register is in its electorate.
func (e *benchEnv) openMotion(ctx context.Context, i int) error {
	body := `{"kind":"ordinary_resolution","title_cy":"Prynu bws mini","title_en":"Buy a minibus","text_cy":"Bod y cwmni'n prynu bws mini.","text_en":"That the co-op buys a minibus.","closes_at":"2026-11-30T18:00:00Z"}`
	ev, err := benchEvent("vote-cast.json", "POST", "/v1/motions", nil, nil, e.coop.Admin, "[admin]")
	if err != nil {
		return err
	}
	ev = benchJSON(ev, body)
	ev.Headers["idempotency-key"] = fmt.Sprintf("bench-motion-%d", i)
	resp := e.api.Handle(ctx, ev)
	var m struct{ ID string }
	if resp.StatusCode != 201 || json.Unmarshal([]byte(resp.Body), &m) != nil {
		return fmt.Errorf("propose a motion: %d %s", resp.StatusCode, resp.Body)
	}
	ev, err = benchEvent("vote-cast.json", "POST", "/v1/motions/{id}/open", map[string]string{"id": m.ID}, nil, e.coop.Admin, "[admin]")
	if err != nil {
		return err
	}
	if resp = e.api.Handle(ctx, ev); resp.StatusCode != 200 {
		return fmt.Errorf("open a motion: %d %s", resp.StatusCode, resp.Body)
	}
	e.motion, e.voted = m.ID, 0
	return nil
}

// BenchmarkRouteOverhead times each main route through its handler against
// embedded DynamoDB, and in the same iteration the bare DynamoDB calls that
// route made (captured by SDK middleware, replayed with the SDK client on a
// twin record so their conditions hold). ns/op is the handler alone;
// overhead-x is handler time over bare-call time; own-us/op is the
// difference, the time our code adds. ddb-*/op count the handler's
// requests; rru/op and wru/op are request units estimated from item sizes in
// one extra, untimed, probing call.
func BenchmarkRouteOverhead(b *testing.B) {
	e := benchEnvironment(b)
	for _, c := range benchCases {
		b.Run(c.name, func(b *testing.B) {
			if _, ok := route.ByKey(c.key); !ok {
				b.Skipf("route %s is not in the route table", c.key)
			}
			e.bench(b, c)
		})
	}
}

func (e *benchEnv) bench(b *testing.B, c benchCase) {
	ctx := context.Background()
	var handler, bare time.Duration
	var counts meter.Counts
	call := func(i int, probe bool) (time.Duration, time.Duration, meter.Counts) {
		ev, status, twin, err := c.prepare(ctx, e, i)
		if err != nil {
			b.Fatal(err)
		}
		if probe {
			e.m.Probe(embedded.NewClient(e.db.URL), e.db.Table)
			defer e.m.Probe(nil, "")
		}
		e.m.Reset()
		e.m.Capture(true)
		b.StartTimer()
		start := time.Now()
		resp := e.api.Handle(ctx, ev)
		dh := time.Since(start)
		b.StopTimer()
		e.m.Capture(false)
		n := e.m.Reset()
		if resp.StatusCode != status {
			b.Fatalf("%s: %d, want %d: %s", c.name, resp.StatusCode, status, resp.Body)
		}
		if probe {
			return 0, 0, n
		}
		var pairs []string
		if twin != nil {
			pairs = twin(resp)
		}
		r := strings.NewReplacer(pairs...)
		var calls []any
		for _, in := range e.m.Captured() {
			out, err := meter.Rewrite(in, r)
			if err != nil {
				b.Fatal(err)
			}
			calls = append(calls, out)
		}
		start = time.Now()
		for _, in := range calls {
			if err := meter.Send(ctx, e.db.Client, in); err != nil {
				b.Fatalf("%s: the bare call %T failed on the twin: %v", c.name, in, err)
			}
		}
		ds := time.Since(start)
		e.m.Reset()
		return dh, ds, n
	}
	b.ReportAllocs()
	b.StopTimer()
	for range b.N {
		dh, ds, n := call(e.next(), false)
		handler += dh
		bare += ds
		counts = counts.Add(n)
	}
	units := meter.Counts{}
	if b.N > 1 {
		units = func() meter.Counts { _, _, n := call(e.next(), true); return n }()
	}
	b.StartTimer()
	per := func(v int) float64 { return float64(v) / float64(b.N) }
	b.ReportMetric(float64(handler.Microseconds())/float64(b.N), "handler-us/op")
	b.ReportMetric(float64(bare.Microseconds())/float64(b.N), "store-us/op")
	b.ReportMetric(float64((handler-bare).Microseconds())/float64(b.N), "own-us/op")
	b.ReportMetric(float64(handler)/float64(bare), "overhead-x")
	b.ReportMetric(per(counts.Requests), "ddb-req/op")
	b.ReportMetric(per(counts.Writes), "ddb-writes/op")
	b.ReportMetric(per(counts.Reads), "ddb-reads/op")
	b.ReportMetric(per(counts.TxItems), "tx-items/op")
	if b.N > 1 {
		b.ReportMetric(units.RRU, "rru/op")
		b.ReportMetric(units.WRU, "wru/op")
	}
	b.Logf("%s: %s per %d calls", c.name, counts.Ops(), b.N)
}
