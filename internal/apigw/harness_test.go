package apigw_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/dpcoop/dpcoop/internal/apigw"
	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/dynamo/faults"
	"github.com/dpcoop/dpcoop/internal/metrics"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// invites records who was invited and revoked, standing in for Cognito.
type invites struct {
	mu      sync.Mutex
	people  []dpcoop.Person
	revoked []dpcoop.Person
	back    []dpcoop.Person // reinstated
	removed []dpcoop.Person // a role taken away: Person.Role
	updated []dpcoop.Person // as they sign in now
}

func (i *invites) RemoveRole(_ context.Context, p dpcoop.Person) error {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.removed = append(i.removed, p)
	return nil
}

func (i *invites) Revoke(_ context.Context, p dpcoop.Person) error {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.revoked = append(i.revoked, p)
	return nil
}

func (i *invites) Reinstate(_ context.Context, p dpcoop.Person) error {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.back = append(i.back, p)
	return nil
}

func (i *invites) Update(_ context.Context, _, now dpcoop.Person) error {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.updated = append(i.updated, now)
	return nil
}

func (i *invites) Invite(_ context.Context, p dpcoop.Person) error {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.people = append(i.people, p)
	return nil
}

type harness struct {
	t  testing.TB
	db *dynamolocal.DB
	// failing makes every DynamoDB call fail at once while it is set.
	failing *atomic.Bool
	// refusing makes every DynamoDB call answer 500, as DynamoDB does when
	// it fails (the SDK retries, then gives up).
	refusing *atomic.Bool
	calls    *opCounts // DynamoDB calls made, by operation
	store    *dynamo.Store
	api      apigw.API
	invites  *invites
	now      time.Time
	router   routers.Router
	logs     *bytes.Buffer
	metrics  *bytes.Buffer
	starts   *starts
	vault    *memVault
	// unchecked leaves a PA hired with no right-to-work check (see
	// checkHired in recruitment_test.go).
	unchecked bool
}

// opCounts counts DynamoDB calls (each attempt) by operation name.
type opCounts struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *opCounts) add(op string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[op]++
}

// during runs f and returns the calls it made.
func (c *opCounts) during(f func()) map[string]int {
	c.mu.Lock()
	before := maps.Clone(c.n)
	c.mu.Unlock()
	f()
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]int{}
	for op, n := range c.n {
		if d := n - before[op]; d > 0 {
			out[op] = d
		}
	}
	return out
}

// starts records run executions started, standing in for Step Functions.
type starts struct {
	mu   sync.Mutex
	jobs []payrun.Job
}

func (s *starts) StartRun(_ context.Context, job payrun.Job) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jobs = append(s.jobs, job)
	return nil
}

var (
	docOnce sync.Once
	doc     *openapi3.T
	docErr  error
)

func init() {
	openapi3filter.RegisterBodyDecoder("application/problem+json", openapi3filter.JSONBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/csv", func(r io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
		b, err := io.ReadAll(r)
		return string(b), err
	})
}

func loadDoc(t testing.TB) *openapi3.T {
	docOnce.Do(func() {
		doc, docErr = openapi3.NewLoader().LoadFromData(apigw.OpenAPI())
		if docErr == nil {
			docErr = doc.Validate(context.Background())
		}
	})
	if docErr != nil {
		t.Fatalf("openapi document: %v", docErr)
	}
	return doc
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	failing, refusing, calls := &atomic.Bool{}, &atomic.Bool{}, &opCounts{n: map[string]int{}}
	db, err := dynamolocal.Start(context.Background(), "test", faults.Inject(func(op string) faults.Fault {
		calls.add(op)
		switch {
		case failing.Load():
			return faults.Deny
		case refusing.Load():
			return faults.Refuse
		}
		return faults.Pass
	}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h := &harness{t: t, db: db, failing: failing, refusing: refusing, calls: calls, store: dynamo.New(db.Client, db.Table), invites: &invites{},
		now: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), logs: &bytes.Buffer{}, metrics: &bytes.Buffer{}, starts: &starts{}, vault: &memVault{}}
	h.api = apigw.All(apigw.Deps{
		Services: app.New(h.store, app.Outside{Identities: h.invites, Starter: h.starts, HumanCheck: humans{}, Credentials: h.vault}), Store: h.store, Metrics: metrics.New(h.metrics, "test"), Limiter: h.store, Keys: h.store, Identities: h.invites, Now: func() time.Time { return h.now },
		ServiceOrigins: []string{"https://dpcoop.example"},
		Log:            slog.New(slog.NewJSONHandler(h.logs, nil)),
	})
	router, err := gorillamux.NewRouter(loadDoc(t))
	if err != nil {
		t.Fatal(err)
	}
	h.router = router
	return h
}

// fixture reads an event from events/, the shapes API Gateway sends.
func fixture(t testing.TB, name string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "events", name))
	if err != nil {
		t.Fatal(err)
	}
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

// call sends an event through the handlers and checks the answer against the
// OpenAPI document; validRequest also checks the request against it.
func (h *harness) call(ev events.APIGatewayV2HTTPRequest, validRequest bool) events.APIGatewayV2HTTPResponse {
	h.t.Helper()
	resp := h.api.Handle(context.Background(), ev)
	req := httpRequest(h.t, ev)
	rt, params, err := h.router.FindRoute(req)
	if err != nil {
		h.t.Fatalf("%s: not in the OpenAPI document: %v", ev.RouteKey, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: rt,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	if validRequest {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			h.t.Fatalf("%s: request does not match the document: %v", ev.RouteKey, err)
		}
	}
	header := http.Header{}
	for k, v := range resp.Headers {
		header.Set(k, v)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true}}
	out.SetBodyBytes([]byte(resp.Body))
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		h.t.Fatalf("%s: %d response does not match the document: %v\n%s", ev.RouteKey, resp.StatusCode, err, resp.Body)
	}
	h.checkHired(ev, resp)
	return resp
}

func httpRequest(t testing.TB, ev events.APIGatewayV2HTTPRequest) *http.Request {
	body := []byte(ev.Body)
	if ev.IsBase64Encoded {
		var err error
		if body, err = base64.StdEncoding.DecodeString(ev.Body); err != nil {
			body = []byte(ev.Body)
		}
	}
	u := "http://localhost:8080" + ev.RawPath // the server the document names
	if ev.RawQueryString != "" {
		u += "?" + ev.RawQueryString
	}
	req, err := http.NewRequest(ev.RequestContext.HTTP.Method, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range ev.Headers {
		req.Header.Set(k, v)
	}
	return req
}

// as puts a caller's verified claims on an event, as the JWT authorizer does.
func as(ev events.APIGatewayV2HTTPRequest, coop, person, groups string) events.APIGatewayV2HTTPRequest {
	ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
		JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: map[string]string{
			"custom:coop": coop, "custom:person": person, "cognito:groups": groups, "sub": person,
		}},
	}
	return ev
}

// at points an event at a route with concrete path parameters.
func at(ev events.APIGatewayV2HTTPRequest, method, pattern string, params map[string]string, query url.Values) events.APIGatewayV2HTTPRequest {
	path := pattern
	for k, v := range params {
		path = strings.ReplaceAll(path, "{"+k+"}", v)
	}
	ev.RouteKey, ev.RawPath = method+" "+pattern, path
	ev.RequestContext.RouteKey, ev.RequestContext.HTTP.Method, ev.RequestContext.HTTP.Path = ev.RouteKey, method, path
	ev.PathParameters = params
	ev.RawQueryString = query.Encode()
	ev.QueryStringParameters = nil
	if len(query) > 0 {
		ev.QueryStringParameters = map[string]string{}
		for k := range query {
			ev.QueryStringParameters[k] = query.Get(k)
		}
	}
	return ev
}

func withJSON(ev events.APIGatewayV2HTTPRequest, body string) events.APIGatewayV2HTTPRequest {
	ev.Headers = clone(ev.Headers)
	ev.Headers["content-type"] = "application/json"
	ev.Body, ev.IsBase64Encoded = body, false
	return ev
}

func withForm(ev events.APIGatewayV2HTTPRequest, v url.Values) events.APIGatewayV2HTTPRequest {
	ev.Headers = clone(ev.Headers)
	ev.Headers["content-type"] = "application/x-www-form-urlencoded"
	ev.Body, ev.IsBase64Encoded = base64.StdEncoding.EncodeToString([]byte(v.Encode())), true
	return ev
}

func withHeader(ev events.APIGatewayV2HTTPRequest, k, v string) events.APIGatewayV2HTTPRequest {
	ev.Headers = clone(ev.Headers)
	if v == "" {
		delete(ev.Headers, k)
	} else {
		ev.Headers[k] = v
	}
	return ev
}

func clone(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

type problemBody struct {
	Code   string `json:"code"`
	Title  string `json:"title"`
	Lang   string `json:"lang"`
	Errors []struct {
		Field, Code, Message string
	} `json:"errors"`
}

func problemOf(t testing.TB, resp events.APIGatewayV2HTTPResponse) problemBody {
	t.Helper()
	if ct := resp.Headers["content-type"]; ct != "application/problem+json" {
		t.Fatalf("content-type %q, want problem+json (status %d, body %s)", ct, resp.StatusCode, resp.Body)
	}
	var p problemBody
	if err := json.Unmarshal([]byte(resp.Body), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func fields(p problemBody) map[string]string {
	out := map[string]string{}
	for _, e := range p.Errors {
		out[e.Field] = e.Code
	}
	return out
}

func decode[T any](t testing.TB, resp events.APIGatewayV2HTTPResponse) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(resp.Body), &v); err != nil {
		t.Fatalf("%v: %s", err, resp.Body)
	}
	return v
}

// demo signs up the demo co-op through the API, as a real co-op would.
func (h *harness) demo() { h.coop("demo") }

// coop signs up a co-op with the given slug through the API.
func (h *harness) coop(slug string) {
	h.t.Helper()
	ev := fixture(h.t, "signup-coop.json")
	ev = withJSON(ev, `{"name_en":"Demo Co-op","name_cy":"Cwmni Demo","slug":"`+slug+`","contact_email":"board@`+slug+`.example","registered_office":"1 Stryd Fawr, Caerdydd","origins":["https://`+slug+`.coop.example"],"language":"en"}`)
	ev = withHeader(ev, "idempotency-key", "")
	if resp := h.call(ev, true); resp.StatusCode != http.StatusCreated {
		h.t.Fatalf("%s signup: %d %s", slug, resp.StatusCode, resp.Body)
	}
}

type eventT = events.APIGatewayV2HTTPRequest

// lastLog is the last log line, to show why a request failed.
func lastLog(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// humans stands in for Cloudflare Turnstile: the token "human" passes.
type humans struct{}

func (humans) Verify(_ context.Context, secret, token, _ string) (bool, error) {
	return secret != "" && token == "human", nil
}

// readSheet reads a CSV download: it must start with the byte order mark
// Excel needs to read UTF-8, which the rows leave out.
func readSheet(t *testing.T, body string) [][]string {
	t.Helper()
	rest, ok := strings.CutPrefix(body, "\uFEFF")
	if !ok {
		t.Fatalf("no byte order mark: %.40q", body)
	}
	rows, err := csv.NewReader(strings.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
