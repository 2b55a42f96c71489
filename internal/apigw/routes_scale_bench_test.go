package apigw_test

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/meter"
	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/internal/apigw"
	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
)

// BenchmarkRouteScale measures the per-person routes issue 21 asks to cost
// the same however big and old a co-op is: for co-ops of 10, 50 and 200 PAs
// (three members each) with 1 and 6 years of ledger history, the requests
// and read units of one call of each route, counted by the meter with item
// sizes probed. Every member has a council payment in the month read, so the
// board's summary holds every account; three members have the whole history
// (a council payment, a payroll charge and a fee each month), and the
// shared ledger accounts (payroll, fees, the council) carry all of it.
// DPCOOP_BENCH_SCALE narrows the configurations ("10x1,200x6").
func BenchmarkRouteScale(b *testing.B) {
	configs := []string{"10x1", "10x6", "50x1", "50x6", "200x1", "200x6"}
	if v := os.Getenv("DPCOOP_BENCH_SCALE"); v != "" {
		configs = strings.Split(v, ",")
	}
	for _, cfg := range configs {
		pas, years, ok := strings.Cut(cfg, "x")
		nPA, err1 := strconv.Atoi(pas)
		nYears, err2 := strconv.Atoi(years)
		if !ok || err1 != nil || err2 != nil {
			b.Fatalf("DPCOOP_BENCH_SCALE: %q is not <PAs>x<years>", cfg)
		}
		b.Run(fmt.Sprintf("pas=%d/years=%d", nPA, nYears), func(b *testing.B) {
			e := newScaleEnv(b, nPA, nYears)
			for _, c := range scaleCases {
				b.Run(c.name, func(b *testing.B) {
					var sum, units meter.Counts
					// Each call its own number: the runs the testing package
					// repeats (b.N 1, then 3) would otherwise approve the
					// shifts of the run before again, which writes nothing.
					for range b.N {
						sum = sum.Add(e.scaleCall(b, c, e.next(), false))
					}
					units = e.scaleCall(b, c, e.next(), true)
					b.ReportMetric(float64(sum.Requests)/float64(b.N), "ddb-req/op")
					b.ReportMetric(units.RRU, "rru/op")
					b.ReportMetric(units.WRU, "wru/op")
					b.Logf("%s %s: %s", cfg, c.name, units.Ops())
				})
			}
		})
	}
}

// scaleCases are the routes measured, with the event each call sends.
var scaleCases = []benchCase{
	{"account_read", "GET /v1/members/{id}/account", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		member := e.coop.Members[i%benchReaders]
		ev, err := benchEvent("approve-application.json", "GET", "/v1/members/{id}/account", map[string]string{"id": member}, url.Values{"month": {"2026-11"}}, member, "[member]")
		return ev, 200, nil, err
	}},
	{"statement", "GET /v1/members/{id}/statement", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		member := e.coop.Members[i%benchReaders]
		ev, err := benchEvent("approve-application.json", "GET", "/v1/members/{id}/statement", map[string]string{"id": member}, url.Values{"month": {"2026-11"}}, member, "[member]")
		return ev, 200, nil, err
	}},
	{"summary", "GET /v1/coop/summary", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		ev, err := benchEvent("approve-application.json", "GET", "/v1/coop/summary", nil, url.Values{"month": {"2026-11"}}, e.coop.Admin, "[admin]")
		return ev, 200, nil, err
	}},
	{"member_shifts", "GET /v1/shifts", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		member := e.coop.Members[i%benchReaders]
		ev, err := benchEvent("approve-application.json", "GET", "/v1/shifts", nil, url.Values{"month": {"2026-11"}}, member, "[member]")
		return ev, 200, nil, err
	}},
	{"subject_access", "GET /v1/members/{id}/data", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		member := e.coop.Members[i%benchReaders]
		ev, err := benchEvent("approve-application.json", "GET", "/v1/members/{id}/data", map[string]string{"id": member}, nil, member, "[member]")
		return ev, 200, nil, err
	}},
	{"shift_approve", "POST /v1/shifts/{id}/approve", func(ctx context.Context, e *benchEnv, i int) (events.APIGatewayV2HTTPRequest, int, func(events.APIGatewayV2HTTPResponse) []string, error) {
		ids, err := e.shifts(ctx, i, "scale", dpcoop.ShiftSubmitted)
		if err != nil {
			return events.APIGatewayV2HTTPRequest{}, 0, nil, err
		}
		ev, err := benchEvent("shift-approve.json", "POST", "/v1/shifts/{id}/approve", map[string]string{"id": ids[0]}, nil, e.coop.Employments[0].Member, "[member]")
		return ev, 200, nil, err
	}},
}

// newScaleEnv builds a co-op of pas PAs, three members each, with a week of
// approved work and years of ledger history, in a table of its own.
func newScaleEnv(b *testing.B, pas, years int) *benchEnv {
	ctx := context.Background()
	e := &benchEnv{m: meter.New(), now: benchNow}
	db, err := dynamolocal.Start(ctx, "scale", e.m.Option)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	settings := dpcoop.PayrollSettings{PayDay: 5, LeadDays: 3, AutoFinalise: true, FeePerMemberPence: 500,
		PensionEmployerBP: 300, PensionEmployeeBP: 500, PensionRelief: "relief_at_source", Holiday: "accrued", MileagePence: 45}
	e.coop, err = synth.Build(ctx, db.Client, db.Table, synth.Spec{
		Coop: benchCoop, Members: 3 * pas, PAs: pas, Created: time.Date(2020, 9, 15, 9, 0, 0, 0, time.UTC), Settings: settings,
		From: "2026-11-16", To: "2026-11-23", Now: benchNow,
	})
	if err != nil {
		b.Fatal(err)
	}
	e.db, e.store = db, dynamo.New(db.Client, db.Table)
	// The charges name their PAs as the payroll run posts them.
	var names [2]string
	for i := range names {
		pa, err := e.store.PA(ctx, benchCoop, e.coop.PAs[i])
		if err != nil {
			b.Fatal(err)
		}
		names[i] = pa.LegalName
	}
	var entries []dpcoop.Entry
	for i, member := range e.coop.Members {
		acct := dpcoop.MemberAccount(member)
		first := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
		if i < benchReaders {
			first = first.AddDate(-years, 1, 0)
		}
		for m := first; m.Before(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); m = m.AddDate(0, 1, 0) {
			month := m.Format(dpcoop.MonthLayout)
			day := func(d int) dpcoop.Date { return dpcoop.Date(m.AddDate(0, 0, d-1).Format(dpcoop.DateLayout)) }
			entries = append(entries, dpcoop.Entry{ID: dpcoop.DerivedID("scale-council", member, month), Date: day(1), Month: month, Source: dpcoop.SourceCouncilPayment,
				From: dpcoop.CouncilAccount("cardiff"), To: acct, Amount: 185000, Ref: "DP " + month, RecordedBy: e.coop.Admin, Recorded: m})
			if i < benchReaders {
				entries = append(entries,
					dpcoop.Entry{ID: dpcoop.DerivedID("scale-charge", member, month), Date: day(5), Month: month, Source: dpcoop.SourcePayrollCharge,
						From: acct, To: dpcoop.AccountPayroll, Amount: 171234, Ref: "run:" + month, RecordedBy: "auto", Recorded: m,
						Parts: []dpcoop.ChargePart{{PA: e.coop.PAs[0], PAName: names[0], Minutes: 2940, Total: 79150}, {PA: e.coop.PAs[1], PAName: names[1], Minutes: 3400, Total: 92084}}},
					dpcoop.Entry{ID: dpcoop.DerivedID("scale-fee", member, month), Date: day(5), Month: month, Source: dpcoop.SourceCoopFee,
						From: acct, To: dpcoop.AccountFees, Amount: 500, Ref: "run:" + month, RecordedBy: "auto", Recorded: m})
			}
		}
	}
	if err := e.store.PostEntries(ctx, benchCoop, entries); err != nil {
		b.Fatal(err)
	}
	e.api = apigw.All(apigw.Deps{
		Services: app.New(e.store, app.Outside{Identities: benchNobody{}, Starter: benchNobody{}}), Store: e.store, Limiter: e.store, Keys: e.store, CoopPerMinute: math.MaxInt32,
		Identities: benchNobody{}, Log: benchQuiet, Now: func() time.Time { return e.now },
		ServiceOrigins: []string{"https://dpcoop.example"},
	})
	return e
}

// scaleCall makes one call of the route and returns what it asked of
// DynamoDB (with request units when probe is set).
func (e *benchEnv) scaleCall(b *testing.B, c benchCase, i int, probe bool) meter.Counts {
	ev, status, _, stop := e.ready(b, c, i, probe)
	defer stop()
	e.m.Reset()
	resp := e.api.Handle(context.Background(), ev)
	counts := e.m.Reset()
	if resp.StatusCode != status {
		b.Fatalf("%s: %d, want %d: %s", c.name, resp.StatusCode, status, resp.Body)
	}
	return counts
}
