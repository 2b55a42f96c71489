// Package apigw serves the JSON API from API Gateway HTTP API (payload 2.0)
// events, as transport only: it reads the request, checks the caller against
// the route table, calls an application service (package app), renders JSON,
// CSV or PDF, and maps every error to a status exactly once. Rules live in
// the services and the domain, never here.
package apigw

import (
	"context"
	"log/slog"
	"maps"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/metrics"
	"github.com/dpcoop/dpcoop/internal/route"
)

// Deps is what the handlers need from the outside world; functions/*/main.go
// builds it from the environment and the local stack builds it in-process.
type Deps struct {
	// Services are the application services (app.New).
	Services app.Services
	// Store keeps co-ops, their people's access and the audit of signups.
	Store   dpcoop.Store
	Metrics *metrics.Recorder // business and health metrics; nil records none
	Limiter dpcoop.Limiter
	// CoopPerMinute is how many signed-in requests one co-op may make a
	// minute, all its people together (DefaultCoopPerMinute if zero), so
	// one co-op's flood cannot starve the others.
	CoopPerMinute int
	Keys          dpcoop.RequestKeys // binds each Idempotency-Key to its request
	Identities    dpcoop.Identities
	Log           *slog.Logger
	Now           func() time.Time
	// ServiceOrigins are the hosted service's own web origins: the only places
	// a co-op signup form may send a person back to.
	ServiceOrigins []string
}

// DefaultCoopPerMinute is one co-op's allowance of signed-in requests a
// minute: 50 a second on average, far above a busy annual meeting's votes.
const DefaultCoopPerMinute = 3000

// action serves one route.
type action func(ctx context.Context, r *request) (*response, error)

// Handler serves the routes of one Lambda function.
type Handler struct {
	deps Deps
	// Services are the application services the actions call.
	app.Services
	routes  map[string]route.Route
	actions map[string]action
}

// New returns the handler for fn, serving exactly the routes the route table
// gives it.
func New(fn route.Function, deps Deps) *Handler {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Log == nil {
		deps.Log = slog.Default()
	}
	if deps.CoopPerMinute == 0 {
		deps.CoopPerMinute = DefaultCoopPerMinute
	}
	h := &Handler{deps: deps, routes: map[string]route.Route{}, actions: map[string]action{},
		Services: deps.Services}
	all := h.all()
	for _, rt := range route.Of(fn) {
		act, ok := all[rt.Key()]
		if !ok {
			panic("apigw: no action for route " + rt.Key())
		}
		h.routes[rt.Key()] = rt
		h.actions[rt.Key()] = act
	}
	return h
}

// API is every HTTP function's handler in one process, as the local stack and
// the tests run them; on AWS each function runs alone.
type API map[route.Function]*Handler

// All builds the handler of every HTTP function with the same dependencies.
func All(deps Deps) API {
	api := API{}
	for _, fn := range route.Functions {
		api[fn] = New(fn, deps)
	}
	return api
}

// Handle sends an event to the function its route key belongs to, as API
// Gateway's integrations do.
func (a API) Handle(ctx context.Context, ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPResponse {
	fn := route.Service
	if rt, ok := route.ByKey(ev.RouteKey); ok {
		fn = rt.Function
	}
	resp, _ := a[fn].Handle(ctx, ev) // Handle answers every failure itself
	return resp
}

// all maps every route key to its action; each capability lists its own and
// New refuses a route without one.
func (h *Handler) all() map[string]action {
	all := map[string]action{}
	for _, m := range []map[string]action{h.serviceActions(), h.signupActions(), h.membersActions(), h.peopleActions(), h.timesheetsActions(), h.particularsActions(), h.statpayActions(), h.casesActions(), h.pensionActions(), h.recruitmentActions(), h.payrollActions(), h.filingActions(), h.votesActions(), h.accountsActions(), h.trainingActions(), h.buddiesActions(), h.matchingActions(), h.coverActions(), h.activitiesActions(), h.riskActions(), h.pacopyActions(), h.employmentRoleActions()} {
		maps.Copy(all, m)
	}
	return all
}

func (h *Handler) serviceActions() map[string]action {
	return map[string]action{
		"GET /v1/health":       h.health,
		"GET /v1/openapi.json": h.openAPI,
	}
}

// Handle is the Lambda entry point. It never returns an error to the runtime:
// every failure becomes an HTTP answer here, and is logged without personal
// data.
func (h *Handler) Handle(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	start := time.Now()
	r := newRequest(&ev, h.deps.Now())
	resp, err := h.serve(ctx, r)
	if err != nil {
		resp = r.failure(err)
	}
	if id := ev.RequestContext.RequestID; id != "" {
		resp.headers["x-request-id"] = id
	}
	h.audit(ctx, r, resp.status)
	h.count(r.ev.RouteKey, resp.status)
	attrs := []slog.Attr{
		slog.String("request_id", ev.RequestContext.RequestID),
		slog.String("route", ev.RouteKey),
		slog.Int("status", resp.status),
		slog.Int64("duration_ms", time.Since(start).Milliseconds()),
	}
	if r.principal.Coop != "" {
		attrs = append(attrs, slog.String("coop", string(r.principal.Coop)))
	}
	level := slog.LevelInfo
	if err != nil {
		de := dpcoop.ErrorOf(err)
		attrs = append(attrs, slog.String("code", de.Code))
		if de.Kind == dpcoop.KindInternal || de.Kind == dpcoop.KindUnavailable {
			level = slog.LevelError
			attrs = append(attrs, slog.String("error", err.Error()))
		}
	}
	h.deps.Log.LogAttrs(ctx, level, "request", attrs...)
	return resp.event(), nil
}

func (h *Handler) serve(ctx context.Context, r *request) (*response, error) {
	rt, ok := h.routes[r.ev.RouteKey]
	if !ok {
		return nil, dpcoop.E("route", dpcoop.KindNotFound, dpcoop.CodeRouteNotFound)
	}
	r.route = rt
	if rt.Public() {
		if err := h.limitPublic(ctx, r); err != nil {
			return nil, err
		}
	} else {
		p, err := principalOf(r.ev)
		if err != nil {
			return nil, err
		}
		r.principal = p
		if !p.HasAny(rt.Roles...) {
			return nil, dpcoop.E("authorise", dpcoop.KindForbidden, dpcoop.CodeForbidden)
		}
		// Before anything is read: one conditional update of the co-op's
		// counter for the minute (1 write request unit).
		if err := h.deps.Limiter.Allow(ctx, "signedin#"+string(p.Coop), h.deps.CoopPerMinute, time.Minute, r.now); err != nil {
			return nil, err
		}
		if err := h.checkAccess(ctx, r); err != nil {
			return nil, err
		}
	}
	act := h.actions[rt.Key()]
	key := r.header("idempotency-key")
	if key == "" || rt.Method == http.MethodGet || secretRoutes[rt.Key()] {
		return act(ctx, r)
	}
	if _, err := checkKey("Idempotency-Key", key); err != nil {
		return nil, err
	}
	fp, err := r.fingerprint()
	if err != nil {
		return nil, err
	}
	scope := r.keyScope()
	if err := h.deps.Keys.Claim(ctx, scope, key, fp, r.now, r.now.Add(dpcoop.IdempotencyTTL)); err != nil {
		return nil, err
	}
	resp, err := act(ctx, r)
	if err != nil && refusedUnread(err) {
		if rerr := h.deps.Keys.Release(ctx, scope, key, fp); rerr != nil {
			h.deps.Log.WarnContext(ctx, "release idempotency key", slog.String("request_id", r.ev.RequestContext.RequestID), slog.String("error", rerr.Error()))
		}
	}
	return resp, err
}

// refusedUnread reports whether a request was refused for what it said, before
// anything was written: its key is given back, so the corrected request can
// use it.
func refusedUnread(err error) bool {
	switch dpcoop.ErrorOf(err).Kind {
	case dpcoop.KindInvalid, dpcoop.KindMalformed, dpcoop.KindTooLarge, dpcoop.KindUnsupported:
		return true
	}
	return false
}

// ownReads are the routes a person whose access ended may still call, for
// themself only: their own register entry, account, statements, data and
// payslips, as the law allows.
var ownReads = map[string]bool{
	"GET /v1/members/{id}":                      true,
	"GET /v1/members/{id}/account":              true,
	"GET /v1/members/{id}/statement":            true,
	"GET /v1/members/{id}/data":                 true,
	"GET /v1/payslips":                          true,
	"GET /v1/pas/{id}":                          true,
	"GET /v1/pas/{id}/tax-codes":                true,
	"GET /v1/pas/{id}/p45":                      true,
	"GET /v1/pas/{id}/p60/{tax_year}":           true,
	"GET /v1/pas/{id}/holiday":                  true,
	"GET /v1/pas/{id}/pension":                  true,
	"GET /v1/pas/{id}/pension/letters":          true,
	"GET /v1/pas/{id}/pension/letters/{letter}": true,
	"GET /v1/payslips/{month}":                  true,
	"GET /v1/pas/{id}/employment-records":       true, // a case may go on after the PA leaves
	"GET /v1/pas/{id}/data":                     true,
}

// checkAccess reads the caller's co-op and access record together on every
// request (one strongly consistent BatchGetItem: 1 read request unit each),
// so a token whose co-op does not exist is refused, and one whose person
// ceased, or was revoked, stops working at once, not when it expires, and so
// does a role an admin took away. A caller whose access ended keeps only
// ownReads, as a member or PA (never as an admin). The co-op read is kept on
// the request for the actions that need it.
func (h *Handler) checkAccess(ctx context.Context, r *request) error {
	in, err := dpcoop.CheckAccess(ctx, h.deps.Store, r.principal)
	if err != nil {
		return err
	}
	p, ended := in.Principal, in.Ended
	r.principal, r.coop = p, in.Coop
	if ended == "" {
		if !p.HasAny(r.route.Roles...) { // an admin took the role away
			return dpcoop.E("authorise", dpcoop.KindForbidden, dpcoop.CodeForbidden)
		}
		return nil
	}
	id, self := r.ev.PathParameters["id"]
	if !ownReads[r.route.Key()] || self && id != r.principal.Person || !r.principal.HasAny(r.route.Roles...) {
		return dpcoop.E("authorise", dpcoop.KindForbidden, dpcoop.CodeAccessEnded)
	}
	return nil
}

// routeMetrics are the business events a route's success counts.
var routeMetrics = map[string]string{
	"POST /v1/public/coops/{slug}/applications": metrics.ApplicationsReceived,
	"POST /v1/shifts/{id}/approve":              metrics.ShiftsApproved,
	"POST /v1/motions/{id}/votes":               metrics.VotesCast,
}

// count records a route's business event, a server error or a throttled
// client as an embedded-format metric.
func (h *Handler) count(routeKey string, status int) {
	switch {
	case status >= 500:
		h.deps.Metrics.Count(metrics.ServerErrors, 1)
	case status == http.StatusTooManyRequests:
		h.deps.Metrics.Count(metrics.Throttled, 1)
	case status < 400 && routeMetrics[routeKey] != "":
		h.deps.Metrics.Count(routeMetrics[routeKey], 1)
	}
}

// principalOf reads the caller from the claims API Gateway's JWT authorizer
// verified. The co-op comes from the token and nowhere else.
func principalOf(ev *events.APIGatewayV2HTTPRequest) (dpcoop.Principal, error) {
	unauth := dpcoop.E("authenticate", dpcoop.KindUnauthenticated, dpcoop.CodeUnauthenticated)
	if ev.RequestContext.Authorizer == nil || ev.RequestContext.Authorizer.JWT == nil {
		return dpcoop.Principal{}, unauth
	}
	claims := ev.RequestContext.Authorizer.JWT.Claims
	coop := claims[ClaimCoop]
	person := claims[ClaimPerson]
	if person == "" {
		person = claims["sub"]
	}
	roles := ParseGroups(claims[ClaimGroups])
	if coop == "" || person == "" || len(roles) == 0 {
		return dpcoop.Principal{}, unauth
	}
	return dpcoop.Principal{Coop: dpcoop.CoopID(coop), Person: person, Roles: roles}, nil
}

// Claim names, as Cognito puts them in ID tokens and the local stack copies.
const (
	ClaimCoop   = "custom:coop"
	ClaimPerson = "custom:person"
	ClaimGroups = "cognito:groups"
)

// ParseGroups reads the groups claim in every form API Gateway hands it on:
// flattened "[admin member]", JSON-like `["admin","member"]`, or "admin,member".
// Unknown names are dropped.
func ParseGroups(s string) []dpcoop.Role {
	s = strings.Trim(strings.TrimSpace(s), "[]")
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' })
	var roles []dpcoop.Role
	for _, f := range fields {
		if role, ok := dpcoop.ParseRole(strings.Trim(f, `"`)); ok {
			roles = append(roles, role)
		}
	}
	return roles
}

func (h *Handler) health(context.Context, *request) (*response, error) {
	return jsonResponse(http.StatusOK, map[string]string{"status": "ok"}), nil
}
