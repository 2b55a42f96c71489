package apigw_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/meter"
	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/internal/apigw"
	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/payrun"
	"github.com/dpcoop/dpcoop/internal/route"
)

// benchEnv is one co-op behind the handlers, against embedded DynamoDB:
// 30 members with care plans, 10 PAs each working for three of them, every
// PA's full pattern of approved shifts from 1 to 22 November 2026 (about 220,
// so a month's query is two pages), and for three members (the ones whose
// accounts are read) a year of ledger entries: a council payment, a payroll
// charge and a fee each month. Each route gets a fresh copy of this table:
// a bigger table would only measure the local database.
type benchEnv struct {
	db    *dynamolocal.DB
	m     *meter.Meter
	api   apigw.API
	store *dynamo.Store
	// tape records the DynamoDB responses of a handler's call; canned is the
	// same handlers on a client that plays them back (no server at all).
	tape   *meter.Tape
	player *meter.Player
	canned apigw.API
	cdb    *dynamodb.Client
	coop   synth.Coop
	now    time.Time
	mu     sync.Mutex
	seq    int
	// the open motion votes are cast on, and how many members have voted
	motion string
	voted  int
}

type benchNobody struct{}

func (benchNobody) Invite(context.Context, dpcoop.Person) error                { return nil }
func (benchNobody) Revoke(context.Context, dpcoop.Person) error                { return nil }
func (benchNobody) Reinstate(context.Context, dpcoop.Person) error             { return nil }
func (benchNobody) RemoveRole(context.Context, dpcoop.Person) error            { return nil }
func (benchNobody) Update(context.Context, dpcoop.Person, dpcoop.Person) error { return nil }
func (benchNobody) StartRun(context.Context, payrun.Job) error                 { return nil }

var (
	benchOnce     sync.Once
	benchTemplate synth.Template
	benchCoopIDs  synth.Coop
	benchErr      error
	benchNow      = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
)

const benchCoop = "bench"

// benchReaders are the members whose accounts have a year of history.
const benchReaders = 3

func buildBenchTemplate() (synth.Template, synth.Coop, error) {
	ctx := context.Background()
	db, err := dynamolocal.Start(ctx, "template")
	if err != nil {
		return synth.Template{}, synth.Coop{}, err
	}
	defer db.Close()
	settings := dpcoop.PayrollSettings{PayDay: 5, LeadDays: 3, AutoFinalise: true, FeePerMemberPence: 500,
		PensionEmployerBP: 300, PensionEmployeeBP: 500, PensionRelief: "relief_at_source", Holiday: "accrued", MileagePence: 45}
	c, err := synth.Build(ctx, db.Client, db.Table, synth.Spec{
		Coop: benchCoop, Created: time.Date(2025, 9, 15, 9, 0, 0, 0, time.UTC), Settings: settings,
		From: "2026-11-01", To: "2026-11-23", Now: benchNow,
	})
	if err != nil {
		return synth.Template{}, c, err
	}
	store := dynamo.New(db.Client, db.Table)
	for _, member := range c.Members[:benchReaders] {
		var entries []dpcoop.Entry
		for m := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC); m.Before(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); m = m.AddDate(0, 1, 0) {
			month, acct := m.Format(dpcoop.MonthLayout), dpcoop.MemberAccount(member)
			day := func(d int) dpcoop.Date { return dpcoop.Date(m.AddDate(0, 0, d-1).Format(dpcoop.DateLayout)) }
			entries = append(entries,
				dpcoop.Entry{ID: dpcoop.DerivedID("bench-council", member, month), Date: day(1), Month: month, Source: dpcoop.SourceCouncilPayment,
					From: dpcoop.CouncilAccount("cardiff"), To: acct, Amount: 185000, Ref: "DP " + month, RecordedBy: c.Admin, Recorded: m},
				dpcoop.Entry{ID: dpcoop.DerivedID("bench-charge", member, month), Date: day(5), Month: month, Source: dpcoop.SourcePayrollCharge,
					From: acct, To: dpcoop.AccountPayroll, Amount: 171234, Ref: "run:" + month, RecordedBy: "auto", Recorded: m,
					Parts: []dpcoop.ChargePart{{PA: c.PAs[0], Minutes: 2940, Gross: 65905, EmployerNI: 4310, EmployerPension: 980, HolidayAccrual: 7955, Total: 79150},
						{PA: c.PAs[1], Minutes: 3400, Gross: 76216, EmployerNI: 5102, EmployerPension: 1570, HolidayAccrual: 9196, Total: 92084}}},
				dpcoop.Entry{ID: dpcoop.DerivedID("bench-fee", member, month), Date: day(5), Month: month, Source: dpcoop.SourceCoopFee,
					From: acct, To: dpcoop.AccountFees, Amount: 500, Ref: "run:" + month, RecordedBy: "auto", Recorded: m})
		}
		if err := store.PostEntries(ctx, benchCoop, entries); err != nil {
			return synth.Template{}, c, err
		}
	}
	t, err := synth.Snapshot(ctx, db.Client, db.Table, benchCoop)
	return t, c, err
}

// newBenchEnv copies the template into a fresh table.
func newBenchEnv(b *testing.B) *benchEnv {
	benchOnce.Do(func() { benchTemplate, benchCoopIDs, benchErr = buildBenchTemplate() })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	ctx := context.Background()
	e := &benchEnv{m: meter.New(), now: benchNow, coop: benchCoopIDs, tape: meter.NewTape(nil), player: &meter.Player{}}
	db, err := dynamolocal.Start(ctx, "bench", e.m.Option, func(o *dynamodb.Options) { o.HTTPClient = &http.Client{Transport: e.tape} })
	if err != nil {
		b.Fatal(err)
	}
	e.cdb = dynamolocal.NewClient(db.URL, func(o *dynamodb.Options) {
		o.HTTPClient, o.RetryMaxAttempts = &http.Client{Transport: e.player}, 1
	})
	cstore := dynamo.New(e.cdb, db.Table)
	e.canned = apigw.All(apigw.Deps{
		Services: app.New(cstore, app.Outside{Identities: benchNobody{}, Starter: benchNobody{}}), Store: cstore, Limiter: cstore, Keys: cstore, CoopPerMinute: math.MaxInt32,
		Identities: benchNobody{}, Log: benchQuiet, Now: func() time.Time { return benchNow },
		ServiceOrigins: []string{"https://dpcoop.example"},
	})
	b.Cleanup(func() { db.Close() })
	if err := benchTemplate.CopyAs(ctx, db.Client, db.Table, benchCoop); err != nil {
		b.Fatal(err)
	}
	e.db, e.store = db, dynamo.New(db.Client, db.Table)
	e.api = apigw.All(apigw.Deps{
		Services: app.New(e.store, app.Outside{Identities: benchNobody{}, Starter: benchNobody{}}), Store: e.store, Limiter: e.store, Keys: e.store, CoopPerMinute: math.MaxInt32,
		Identities: benchNobody{}, Log: benchQuiet, Now: func() time.Time { return e.now },
		ServiceOrigins: []string{"https://dpcoop.example"},
	})
	return e
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
		e.now = benchNow.Add(time.Duration(i/20) * time.Minute)                          // and the co-op inside its 60 a minute (its twin counts too)
		twin := func(resp events.APIGatewayV2HTTPResponse) []string {
			var got struct{ ID, Reference string }
			_ = json.Unmarshal([]byte(resp.Body), &got)
			twinID := dpcoop.DerivedID("bench-twin-app", fmt.Sprint(i))
			pairs := []string{got.ID, twinID}
			if got.Reference != "" { // the application claims its reference too: the twin claims its own
				pairs = append(pairs, got.Reference, dpcoop.ApplicationReference(twinID, 0))
			}
			return pairs
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
	{"shift_create", "POST /v1/shifts", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		// A short evening shift in a slot no other iteration uses.
		day, slot := 2+i%20, (i/20)%8
		start := time.Date(2026, 11, day, 18, 30*slot, 0, 0, time.UTC)
		ev, err := benchEvent("shift-approve.json", "POST", "/v1/shifts", nil, nil, e.coop.PAs[0], "[pa]")
		ev = benchJSON(ev, fmt.Sprintf(`{"date":"2026-11-%02d","start":"%s","end":"%s","members":["%s"],"kind":"standard","miles":"3.5"}`,
			day, start.Format("15:04"), start.Add(25*time.Minute).Format("15:04"), e.coop.Employments[0].Member))
		ev.Headers["idempotency-key"] = fmt.Sprintf("bench-shift-%d", i)
		twin := func(resp events.APIGatewayV2HTTPResponse) []string {
			var got struct{ ID string }
			_ = json.Unmarshal([]byte(resp.Body), &got)
			return []string{got.ID, dpcoop.DerivedID("bench-twin-shift", fmt.Sprint(i))}
		}
		return ev, 201, twin, err
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
		member := e.coop.Members[i%benchReaders]
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
// twin record so their conditions hold): ns/op is the handler alone,
// handler-us/op and store-us/op the two times, overhead-x their ratio.
//
// The local database's own time dominates both, so each iteration also plays the same call back from a
// recording of DynamoDB's responses, with no server at all: canned-us/op is
// the handler so, sdk-us/op the bare calls so, and own-us/op their
// difference, the time our code adds to a call; canned-cpu-us/op and
// sdk-cpu-us/op are the same as CPU time (rusage), which is what the report
// uses, as wall clock counts the machine's other work too. ddb-*/op count the
// handler's requests; rru/op and wru/op are request units estimated from item
// sizes in one extra, untimed, probing call.
func BenchmarkRouteOverhead(b *testing.B) {
	for _, c := range benchCases {
		b.Run(c.name, func(b *testing.B) {
			if _, ok := route.ByKey(c.key); !ok {
				b.Skipf("route %s is not in the route table", c.key)
			}
			newBenchEnv(b).bench(b, c)
		})
	}
}

type benchTimes struct {
	handler, bare, canned, sdk time.Duration
	// cannedCPU and sdkCPU are the process's CPU time (rusage, user and
	// system) over the played-back calls: our code's time, which wall clock
	// would count along with whatever else the machine was doing.
	cannedCPU, sdkCPU time.Duration
	counts            meter.Counts
}

// cpuTime is the process's CPU time so far, user and system.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (e *benchEnv) bench(b *testing.B, c benchCase) {
	var sum benchTimes
	var handlers, bares []time.Duration
	b.ReportAllocs()
	b.ResetTimer() // not the table's set-up
	b.StopTimer()
	for range b.N {
		t := e.call(b, c, e.next(), false)
		handlers, bares = append(handlers, t.handler), append(bares, t.bare)
		sum.handler += t.handler
		sum.bare += t.bare
		sum.canned += t.canned
		sum.sdk += t.sdk
		sum.cannedCPU += t.cannedCPU
		sum.sdkCPU += t.sdkCPU
		sum.counts = sum.counts.Add(t.counts)
	}
	var units meter.Counts
	if b.N > 1 {
		units = e.call(b, c, e.next(), true).counts
	}
	b.StartTimer()
	n := float64(b.N)
	us := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 / n }
	per := func(v int) float64 { return float64(v) / n }
	b.ReportMetric(us(sum.handler), "handler-us/op")
	b.ReportMetric(us(sum.bare), "store-us/op")
	b.ReportMetric(float64(sum.handler)/float64(sum.bare), "overhead-x")
	b.ReportMetric(float64(benchMedian(handlers))/float64(benchMedian(bares)), "overhead-p50-x")
	b.ReportMetric(us(sum.canned), "canned-us/op")
	b.ReportMetric(us(sum.sdk), "sdk-us/op")
	b.ReportMetric(us(sum.canned-sum.sdk), "own-us/op")
	b.ReportMetric(us(sum.cannedCPU), "canned-cpu-us/op")
	b.ReportMetric(us(sum.sdkCPU), "sdk-cpu-us/op")
	b.ReportMetric(per(sum.counts.Requests), "ddb-req/op")
	b.ReportMetric(per(sum.counts.Writes), "ddb-writes/op")
	b.ReportMetric(per(sum.counts.Reads), "ddb-reads/op")
	b.ReportMetric(per(sum.counts.TxItems), "tx-items/op")
	if b.N > 1 {
		b.ReportMetric(units.RRU, "rru/op")
		b.ReportMetric(units.WRU, "wru/op")
	}
	b.Logf("%s: %s in %d calls", c.name, sum.counts.Ops(), b.N)
}

// ready prepares one call of the route: its event, the status it must
// answer and its twin, with the meter probing item sizes when probe is set
// until stop.
func (e *benchEnv) ready(b *testing.B, c benchCase, i int, probe bool) (ev events.APIGatewayV2HTTPRequest, status int, twin func(events.APIGatewayV2HTTPResponse) []string, stop func()) {
	e.now = benchNow // a case may move the clock for its call
	ev, status, twin, err := c.prepare(context.Background(), e, i)
	if err != nil {
		b.Fatal(err)
	}
	stop = func() {}
	if probe {
		e.m.Probe(dynamolocal.NewClient(e.db.URL), e.db.Table)
		stop = func() { e.m.Probe(nil, "") }
	}
	return ev, status, twin, stop
}

// call makes one call of the route (the timer runs only around the handler
// against embedded DynamoDB) and times its parts.
func (e *benchEnv) call(b *testing.B, c benchCase, i int, probe bool) benchTimes {
	ctx := context.Background()
	var t benchTimes
	ev, status, twin, stop := e.ready(b, c, i, probe)
	defer stop()
	e.m.Reset()
	e.m.Capture(true)
	e.tape.Record()
	b.StartTimer()
	start := time.Now()
	resp := e.api.Handle(ctx, ev)
	t.handler = time.Since(start)
	b.StopTimer()
	tape := e.tape.Stop()
	e.m.Capture(false)
	t.counts = e.m.Reset()
	if resp.StatusCode != status {
		b.Fatalf("%s: %d, want %d: %s", c.name, resp.StatusCode, status, resp.Body)
	}
	if probe {
		return t
	}
	captured := e.m.Captured()
	var pairs []string
	if twin != nil {
		pairs = twin(resp)
	}
	toTwin, same := strings.NewReplacer(pairs...), strings.NewReplacer()
	var bare, again []any
	for _, in := range captured {
		out, err := meter.Rewrite(in, toTwin)
		if err != nil {
			b.Fatal(err)
		}
		bare = append(bare, out)
		if out, err = meter.Rewrite(in, same); err != nil {
			b.Fatal(err)
		}
		again = append(again, out)
	}
	start = time.Now()
	for _, in := range bare {
		if err := meter.Send(ctx, e.db.Client, in); err != nil {
			b.Fatalf("%s: the bare call %T failed on the twin: %v", c.name, in, err)
		}
	}
	t.bare = time.Since(start)
	e.m.Reset()

	e.player.Load(tape)
	cpu := cpuTime(b)
	start = time.Now()
	replayed := e.canned.Handle(ctx, ev)
	t.canned = time.Since(start)
	t.cannedCPU = cpuTime(b) - cpu
	if replayed.StatusCode != status {
		b.Fatalf("%s: played back: %d, want %d: %s", c.name, replayed.StatusCode, status, replayed.Body)
	}
	e.player.Load(tape)
	cpu = cpuTime(b)
	start = time.Now()
	for _, in := range again {
		if err := meter.Send(ctx, e.cdb, in); err != nil {
			b.Fatalf("%s: the bare call %T played back: %v", c.name, in, err)
		}
	}
	t.sdk = time.Since(start)
	t.sdkCPU = cpuTime(b) - cpu
	return t
}

func benchMedian(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
