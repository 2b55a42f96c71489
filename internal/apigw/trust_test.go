package apigw_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/internal/apigw"
	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
	"github.com/dpcoop/dpcoop/internal/route"
)

// TestIdempotencyKeyIsBoundToItsRequest: a key sent again with a different
// body, path or route is refused with 409 idempotency_key_reused, never
// answered with what the first request made; the same request again replays.
func TestIdempotencyKeyIsBoundToItsRequest(t *testing.T) {
	tm := newTeam(t)
	keyed := func(ev eventT) eventT { return withHeader(ev, "idempotency-key", "pay-once") }
	payment := func(member string, pence int) eventT {
		body := `{"amount_pence":` + itoa(pence) + `,"date":"2026-11-02","council":"ceredigion","period_from":"2026-11-01","period_to":"2026-11-30"}`
		return keyed(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": member}, body))
	}
	var gwen, again dpcoop.Entry
	tm.ok(payment(tm.gwen, 50000), 201).into(t, &gwen)
	tm.ok(payment(tm.gwen, 50000), 201).into(t, &again)
	if again.ID != gwen.ID {
		t.Fatal("the same request with the same key made a second entry")
	}
	reused := map[string]eventT{
		"another body":  payment(tm.gwen, 70000),
		"another path":  payment(tm.rhys, 50000),
		"another route": keyed(tm.admin("POST", "/v1/members/{id}/account/adjustments", map[string]string{"id": tm.gwen}, `{"amount_pence":-2500,"date":"2026-11-03","reason":"Bank charge"}`)),
		"a PUT":         keyed(tm.admin("PUT", "/v1/voting-rules", nil, `{"members_may_propose":true}`)),
	}
	for name, ev := range reused {
		resp := tm.call(ev, false)
		if resp.StatusCode != http.StatusConflict || problemOf(t, resp).Code != dpcoop.CodeIdempotencyMismatch {
			t.Errorf("%s: %d %s", name, resp.StatusCode, resp.Body)
		}
	}
	entries, err := tm.store.Entries(t.Context(), "demo")
	if err != nil || len(entries) != 1 {
		t.Fatalf("%v: %d entries, want Gwen's payment alone", err, len(entries))
	}
	// A public route too: the same key, another co-op's signup.
	signup := func(slug string) eventT {
		return withJSON(fixture(t, "signup-coop.json"), `{"name_en":"First","name_cy":"Cyntaf","slug":"`+slug+`","contact_email":"board@first.example","registered_office":"1 Stryd Fawr","origins":["https://first.example"],"language":"cy"}`)
	}
	tm.ok(signup("first-coop"), 201)
	if resp := tm.call(signup("second-coop"), true); resp.StatusCode != http.StatusConflict || problemOf(t, resp).Code != dpcoop.CodeIdempotencyMismatch {
		t.Errorf("a signup reusing a key: %d %s", resp.StatusCode, resp.Body)
	}
	// A request refused as invalid gives its key back for the corrected one.
	bad := withHeader(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.rhys}, `{"amount_pence":0}`), "idempotency-key", "fix-me")
	if resp := tm.call(bad, false); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid payment: %d", resp.StatusCode)
	}
	tm.ok(withHeader(payment(tm.rhys, 70000), "idempotency-key", "fix-me"), 201)
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestPoolSpendingHoldsUnderConcurrentRequests: the spending limit is a total
// for the pool's period, and the pool never pays more than it can, however
// many requests arrive at once.
func TestPoolSpendingHoldsUnderConcurrentRequests(t *testing.T) {
	tm := newTeam(t)
	var pool dpcoop.Pool
	tm.ok(tm.admin("POST", "/v1/pools", nil, `{"name_en":"Friday club","name_cy":"Clwb dydd Gwener","purpose_en":"Days out","purpose_cy":"Diwrnodau allan","rule":"equal_share","spending_limit_pence":5000,"spending_period":"month"}`), 201).into(t, &pool)
	for _, who := range []string{tm.gwen, tm.rhys} {
		ev := at(fixture(t, "approve-application.json"), "POST", "/v1/pools/{id}/members", map[string]string{"id": pool.ID}, nil)
		tm.ok(withJSON(as(ev, "demo", who, "[member]"), `{"consent":true}`), 201)
	}
	// The pool's members hold £150 between them: all it can ever spend.
	tm.ok(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.gwen}, `{"amount_pence":15000,"date":"2026-11-02","council":"powys","period_from":"2026-11-01","period_to":"2026-11-30"}`), 201)

	const n = 20
	spend := func(i int) eventT {
		return tm.admin("POST", "/v1/pools/{id}/spending", map[string]string{"id": pool.ID}, `{"amount_pence":4900,"date":"2026-11-10","description":"Trip `+itoa(i)+`"}`)
	}
	spent := concurrently(tm.harness, n, spend)
	var awaiting []string
	approved := 0
	for _, resp := range spent {
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("spending: %d %s", resp.StatusCode, resp.Body)
		}
		sp := decode[dpcoop.Spending](t, resp)
		if sp.Status == dpcoop.SpendingApproved {
			approved++
		} else {
			awaiting = append(awaiting, sp.ID)
		}
	}
	if approved != 1 {
		t.Fatalf("%d spendings of £49 approved without the members against a £50 monthly limit, want 1", approved)
	}
	approve := func(who string) func(int) eventT {
		return func(i int) eventT {
			ev := at(fixture(t, "approve-application.json"), "POST", "/v1/pools/{id}/spending/{spending}/approve", map[string]string{"id": pool.ID, "spending": awaiting[i]}, nil)
			ev = as(ev, "demo", who, "[member]")
			ev.Body = ""
			return ev
		}
	}
	concurrently(tm.harness, len(awaiting), approve(tm.gwen))
	statuses := map[int]int{}
	for _, resp := range concurrently(tm.harness, len(awaiting), approve(tm.rhys)) {
		statuses[resp.StatusCode]++
		if resp.StatusCode == http.StatusConflict && problemOf(t, resp).Code != dpcoop.CodePoolFunds {
			t.Fatalf("%s", resp.Body)
		}
	}
	if statuses[http.StatusOK] != 2 || statuses[http.StatusConflict] != len(awaiting)-2 {
		t.Fatalf("approvals answered %v: want 2 paid (£147 of £150) and the rest refused", statuses)
	}
	var view struct {
		Balance int64 `json:"balance_pence"`
	}
	tm.ok(as(at(fixture(t, "register-csv.json"), "GET", "/v1/pools/{id}", map[string]string{"id": pool.ID}, nil), "demo", tm.gwen, "[member]"), 200).into(t, &view)
	if view.Balance != -3*4900 {
		t.Fatalf("pool balance %d, want -14700 owed by members who hold 15000", view.Balance)
	}
	resp := tm.call(spend(99), false)
	if resp.StatusCode != http.StatusConflict || fields(problemOf(t, resp))["amount_pence"] != dpcoop.FieldPoolFunds {
		t.Fatalf("spending more than the pool can pay: %d %s", resp.StatusCode, resp.Body)
	}
}

// concurrently sends n events at once and returns the answers in order.
func concurrently(h *harness, n int, ev func(int) eventT) []events.APIGatewayV2HTTPResponse {
	out := make([]events.APIGatewayV2HTTPResponse, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = h.api.Handle(context.Background(), ev(i))
		}()
	}
	wg.Wait()
	return out
}

// TestTokenForACoopThatDoesNotExistIsRefused: every signed-in route answers
// 403 to a token naming a co-op that does not exist, and nothing is written.
func TestTokenForACoopThatDoesNotExistIsRefused(t *testing.T) {
	h := newHarness(t)
	h.demo()
	for _, rt := range route.Table {
		if rt.Public() {
			continue
		}
		ev := at(fixture(t, "approve-application.json"), rt.Method, rt.Path, map[string]string{"id": "aaaaaaaaaaaaaaaaaaaa", "month": "2026-10", "member": "aaaaaaaaaaaaaaaaaaaa", "spending": "aaaaaaaaaaaaaaaaaaaa", "report": "bank"}, nil)
		ev = withHeader(withJSON(as(ev, "ghost", "aaaaaaaaaaaaaaaaaaaa", "[admin member pa operator]"), `{"name_en":"Orphan","name_cy":"Amddifad","rule":"fixed","fixed_pence":100,"month":"2026-10"}`), "idempotency-key", "ghost-"+rt.Key())
		if rt.Method == "GET" {
			ev.Body = ""
		}
		if resp := h.call(ev, false); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s with a token for no co-op: %d %s", rt.Key(), resp.StatusCode, resp.Body)
		}
	}
	var buf bytes.Buffer
	if n, err := h.store.ExportCoop(t.Context(), "ghost", &buf); err != nil || n != 0 {
		t.Fatalf("%v: %d items written for a co-op that does not exist:\n%s", err, n, buf.String())
	}
	if len(h.starts.jobs) != 0 {
		t.Fatalf("payroll runs started for no co-op: %v", h.starts.jobs)
	}
}

// TestNamesThatCannotBeReadAreRefusedInBothLanguages: a name must be one line
// with a letter in it, free of control and bidirectional characters, and is
// stored NFC-normalised; each refusal names the field, in Welsh and English.
func TestNamesThatCannotBeReadAreRefusedInBothLanguages(t *testing.T) {
	h := newHarness(t)
	h.demo()
	apply := func(i int, name, lang string) events.APIGatewayV2HTTPResponse {
		ev := withHeader(fixture(t, "apply-json.json"), "idempotency-key", "name-"+itoa(i)+lang)
		ev.RequestContext.HTTP.SourceIP = "198.51.100." + itoa(i)
		body, _ := json.Marshal(map[string]any{"kind": "member", "name": name, "email": "x@example.org", "address": "1 Lôn Goed", "language": "cy", "consent_electronic": true, "support_needs": "Needs\u202e a ramp"})
		return h.call(withHeader(withJSON(ev, string(body)), "accept-language", lang), true)
	}
	for i, tc := range []struct{ name, code string }{
		{"\u200b\u200b\u200b", dpcoop.FieldRequired},
		{"\ufeff \u2060", dpcoop.FieldRequired},
		{"Gwen\u202eMorgan", dpcoop.FieldHidden},
		{"\u2067Gwen", dpcoop.FieldHidden},
		{"Gwen\r\nMorgan", dpcoop.FieldOneLine},
		{"Gwen\x00", dpcoop.FieldHidden},
		{"12345", dpcoop.FieldNoLetter},
		{"-- .", dpcoop.FieldNoLetter},
	} {
		for _, lang := range []dpcoop.Lang{dpcoop.Welsh, dpcoop.English} {
			resp := apply(i, tc.name, string(lang))
			p := problemOf(t, resp)
			f := fields(p)
			if resp.StatusCode != http.StatusUnprocessableEntity || f["name"] != tc.code || f["support_needs"] != dpcoop.FieldHidden {
				t.Fatalf("%q: %d %v", tc.name, resp.StatusCode, f)
			}
			for _, e := range p.Errors {
				if e.Field == "name" && e.Message != messages.Field(lang, tc.code, nil) {
					t.Fatalf("%q in %s: %q", tc.name, lang, e.Message)
				}
			}
		}
	}
	ev := withHeader(fixture(t, "apply-json.json"), "idempotency-key", "nfc")
	ev = withJSON(ev, `{"kind":"member","name":"\u200b Sia\u0302n Lloyd\u200b ","email":"sian@example.org","address":"1 Lôn Goed","language":"cy","consent_electronic":true}`)
	var made struct{ ID string }
	h.ok(ev, 201).into(t, &made)
	id := made.ID
	a, err := h.store.Application(t.Context(), "demo", id)
	if err != nil || a.Name != "Si\u00e2n Lloyd" {
		t.Fatalf("%v: stored %q, want the NFC form without zero-width spaces", err, a.Name)
	}
}

// TestHoneypotAnswersLikeARealPost: a post that fills the hidden website
// field gets the answer a real one gets (status, headers, shape, an id of
// the same kind), and nothing is stored.
func TestHoneypotAnswersLikeARealPost(t *testing.T) {
	h := newHarness(t)
	h.demo()
	post := func(key, name, website string) events.APIGatewayV2HTTPResponse {
		ev := withHeader(fixture(t, "apply-json.json"), "idempotency-key", key)
		ev.RequestContext.HTTP.SourceIP = "198.51.100." + itoa(len(key))
		body, _ := json.Marshal(map[string]any{"kind": "member", "name": name, "email": "a@example.org", "address": "1 Lôn Goed", "language": "cy", "consent_electronic": true, "website": website})
		return h.call(withJSON(ev, string(body)), true)
	}
	shape := func(resp events.APIGatewayV2HTTPResponse) (int, []string, string) {
		var m map[string]any
		_ = json.Unmarshal([]byte(resp.Body), &m)
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		id, _ := m["id"].(string)
		if !dpcoop.ValidID(id) || m["status"] != "pending" {
			t.Fatalf("answer %s", resp.Body)
		}
		return resp.StatusCode, keys, fmt.Sprint(slices.Sorted(maps.Keys(resp.Headers)))
	}
	rs, rk, rh := shape(post("real-1", "Gwen Morgan", ""))
	bs, bk, bh := shape(post("bot-1", "Spam Bot", "http://spam.example"))
	if rs != bs || fmt.Sprint(rk) != fmt.Sprint(bk) || rh != bh {
		t.Fatalf("real %d %v %s; honeypot %d %v %s", rs, rk, rh, bs, bk, bh)
	}
	if page, _ := h.store.Applications(t.Context(), "demo", dpcoop.StatusPending, dpcoop.PageRequest{}); len(page.Items) != 1 {
		t.Fatalf("%d applications stored, want the real one", len(page.Items))
	}
	signup := withHeader(fixture(t, "signup-coop.json"), "idempotency-key", "bot-signup")
	signup = withJSON(signup, `{"name_en":"Bot","name_cy":"Bot","slug":"bot-coop","contact_email":"bot@bot.example","registered_office":"1 Road","origins":["https://bot.example"],"language":"en","website":"http://spam.example"}`)
	resp := h.call(signup, true)
	if resp.StatusCode != http.StatusCreated || !strings.Contains(resp.Body, `"admin":{"email":"bot@bot.example","id":"`) {
		t.Fatalf("signup honeypot: %d %s", resp.StatusCode, resp.Body)
	}
	if _, err := h.store.Coop(t.Context(), "bot-coop"); !dpcoop.IsKind(err, dpcoop.KindNotFound) || len(h.invites.people) != 1 {
		t.Fatalf("the signup honeypot stored a co-op (%v) or invited someone (%d)", err, len(h.invites.people))
	}
}

// TestRegisterLeavesOutSharesAMemberMayNotSee: in a member's JSON register,
// others' shareholdings are absent, never 0; the admin sees them all.
func TestRegisterLeavesOutSharesAMemberMayNotSee(t *testing.T) {
	tm := newTeam(t)
	read := func(who, groups string) []map[string]any {
		ev := as(withHeader(fixture(t, "register-csv.json"), "accept", "application/json"), "demo", who, groups)
		var reg struct{ Members []map[string]any }
		tm.ok(ev, 200).into(t, &reg)
		return reg.Members
	}
	for _, m := range read(tm.gwen, "[member]") {
		_, shares := m["shares"]
		_, paid := m["shares_paid_pence"]
		if own := m["id"] == tm.gwen; shares != own || paid != own {
			t.Fatalf("Gwen's register shows %v", m)
		}
	}
	for _, m := range read(adminID, "[admin]") {
		if m["shares"] != 1.0 || m["shares_paid_pence"] != 100.0 {
			t.Fatalf("the admin's register shows %v", m)
		}
	}
}

// TestProblemsCarryTheRequestIDAndRetryAfter: every problem names the
// request (as the log line does), 429 and 503 say when to try again, and
// every answer says nosniff.
func TestProblemsCarryTheRequestIDAndRetryAfter(t *testing.T) {
	h := newHarness(t)
	h.demo()
	check := func(name string, resp events.APIGatewayV2HTTPResponse, status int, id string, retry bool) {
		t.Helper()
		p := decode[struct {
			RequestID string `json:"request_id"`
		}](t, resp)
		if resp.StatusCode != status || p.RequestID != id || resp.Headers["x-request-id"] != id || (resp.Headers["retry-after"] != "") != retry || resp.Headers["x-content-type-options"] != "nosniff" {
			t.Fatalf("%s: %d %v %s", name, resp.StatusCode, resp.Headers, resp.Body)
		}
		if !strings.Contains(lastLog(h.logs.String()), `"request_id":"`+id+`"`) {
			t.Fatalf("%s: the log line lacks the request id: %s", name, lastLog(h.logs.String()))
		}
	}
	bad := withJSON(fixture(t, "apply-json.json"), `{"kind":"member"}`)
	bad.RequestContext.RequestID = "req-invalid"
	check("invalid", h.call(bad, false), http.StatusUnprocessableEntity, "req-invalid", false)

	var resp events.APIGatewayV2HTTPResponse
	for i := range 30 {
		ev := withHeader(fixture(t, "apply-json.json"), "idempotency-key", "flood-"+itoa(i))
		ev.RequestContext.RequestID = "req-flood-" + itoa(i)
		if resp = h.call(ev, true); resp.StatusCode == http.StatusTooManyRequests {
			check("rate limited", resp, http.StatusTooManyRequests, ev.RequestContext.RequestID, true)
			break
		}
	}
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatal("the form was never rate limited")
	}

	h.refusing.Store(true)
	down := as(at(fixture(t, "register-csv.json"), "GET", "/v1/members", nil, nil), "demo", adminID, "[admin]")
	down.RequestContext.RequestID = "req-down"
	check("store down", h.call(down, true), http.StatusServiceUnavailable, "req-down", true)
	h.refusing.Store(false)

	if ok := h.call(fixture(t, "health.json"), true); ok.Headers["x-content-type-options"] != "nosniff" {
		t.Fatalf("health: %v", ok.Headers)
	}
}

// TestAccessFollowsTheRegister: ceasing a member revokes their sign-in, and
// their token, still unexpired, stops working at once: they may read their
// own entry, account, statement and data, nothing of anyone else's, and an
// admin who ceased keeps no admin rights. The check is one BatchGetItem a
// request, with the co-op.
func TestAccessFollowsTheRegister(t *testing.T) {
	tm := newTeam(t)
	cease := func(id string) {
		tm.ok(tm.admin("POST", "/v1/members/{id}/cease", map[string]string{"id": id}, `{"date":"2026-11-23","reason":"moved away"}`), 200)
	}
	get := func(who, groups, pattern, id string, q url.Values) eventT {
		return as(at(fixture(t, "register-csv.json"), "GET", pattern, map[string]string{"id": id}, q), "demo", who, groups)
	}
	month := url.Values{"month": {"2026-11"}}
	register := withHeader(get(tm.gwen, "[member]", "/v1/register", "", nil), "accept", "application/json")
	tm.ok(register, 200)

	// What the checks cost a signed-in request: one UpdateItem of the
	// co-op's rate counter (1 WRU), one BatchGetItem of the co-op and the
	// access record together (1 RRU each), before the route's own read.
	calls := tm.calls.during(func() { tm.ok(get(tm.gwen, "[member]", "/v1/members/{id}", tm.gwen, nil), 200) })
	if calls["BatchGetItem"] != 1 || calls["GetItem"] != 1 || calls["UpdateItem"] != 1 || len(calls) != 3 {
		t.Fatalf("reading one's own entry made %v: want the rate counter, the co-op with the access record, and the entry", calls)
	}

	cease(tm.gwen)
	if len(tm.invites.revoked) != 1 || tm.invites.revoked[0].ID != tm.gwen {
		t.Fatalf("ceasing revoked %v", tm.invites.revoked)
	}
	for name, ev := range map[string]eventT{
		"the register":      register,
		"motions":           get(tm.gwen, "[member]", "/v1/motions", "", nil),
		"Rhys's entry":      get(tm.gwen, "[member]", "/v1/members/{id}", tm.rhys, nil),
		"Rhys's statement":  get(tm.gwen, "[member]", "/v1/members/{id}/statement", tm.rhys, month),
		"pools":             get(tm.gwen, "[member]", "/v1/pools", "", nil),
		"as an admin":       get(tm.gwen, "[admin member]", "/v1/members", "", nil),
		"an admin's write":  as(tm.admin("POST", "/v1/pools", nil, `{"name_en":"Club","name_cy":"Clwb","purpose_en":"Days","purpose_cy":"Dyddiau","rule":"fixed","fixed_pence":100,"spending_limit_pence":0}`), "demo", tm.gwen, "[admin member]"),
		"an admin's reader": get(tm.gwen, "[admin]", "/v1/members/{id}", tm.gwen, nil),
	} {
		resp := tm.call(ev, false)
		if p := problemOf(t, resp); resp.StatusCode != http.StatusForbidden || p.Code != dpcoop.CodeAccessEnded || strings.Contains(resp.Body, "Rhys") {
			t.Errorf("%s after ceasing: %d %s", name, resp.StatusCode, resp.Body)
		}
	}
	for name, ev := range map[string]eventT{
		"own entry":     get(tm.gwen, "[member]", "/v1/members/{id}", tm.gwen, nil),
		"own account":   get(tm.gwen, "[member]", "/v1/members/{id}/account", tm.gwen, month),
		"own statement": get(tm.gwen, "[member]", "/v1/members/{id}/statement", tm.gwen, month),
		"own data":      get(tm.gwen, "[member admin]", "/v1/members/{id}/data", tm.gwen, nil),
	} {
		if resp := tm.call(ev, true); resp.StatusCode != http.StatusOK {
			t.Errorf("%s after ceasing: %d %s", name, resp.StatusCode, resp.Body)
		}
	}
	// Another member is untouched.
	tm.ok(withHeader(get(tm.rhys, "[member]", "/v1/register", "", nil), "accept", "application/json"), 200)
}

// TestAFloodAgainstOneCoopLeavesTheOthersAnswering: many clients flooding one
// co-op's form, and its signed-in API, spend that co-op's allowance only;
// another co-op's form and API still answer.
func TestAFloodAgainstOneCoopLeavesTheOthersAnswering(t *testing.T) {
	h := newHarness(t)
	h.demo()
	h.coop("other-coop")
	apply := func(slug string, i int) eventT {
		ev := at(fixture(t, "apply-json.json"), "POST", "/v1/public/coops/{slug}/applications", map[string]string{"slug": slug}, nil)
		ev = withHeader(ev, "idempotency-key", slug+"-"+itoa(i))
		ev.RequestContext.HTTP.SourceIP = "203.0.113." + itoa(i%250)
		return ev
	}
	flood := concurrently(h, 80, func(i int) eventT { return apply("demo", i) })
	limited := 0
	for _, resp := range flood {
		switch resp.StatusCode {
		case http.StatusCreated:
		case http.StatusTooManyRequests:
			limited++
			if resp.Headers["retry-after"] == "" {
				t.Fatal("a 429 without Retry-After")
			}
		default:
			t.Fatalf("flood: %d %s", resp.StatusCode, resp.Body)
		}
	}
	if limited != 20 {
		t.Fatalf("%d of 80 posts from 80 clients refused, want 20 over the co-op's 60 a minute", limited)
	}
	// A post past the co-op's allowance costs its two counters, nothing more:
	// no read of the co-op, no claim of its idempotency key.
	calls := h.calls.during(func() {
		if resp := h.call(apply("demo", 251), true); resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("past the co-op's allowance: %d", resp.StatusCode)
		}
	})
	if calls["UpdateItem"] != 2 || len(calls) != 1 {
		t.Fatalf("a refused post made %v", calls)
	}
	if resp := h.call(apply("other-coop", 1), true); resp.StatusCode != http.StatusCreated {
		t.Fatalf("the other co-op's form during the flood: %d %s", resp.StatusCode, resp.Body)
	}

	// The signed-in API: one co-op's allowance, spent, leaves the other's.
	h.api = apigw.All(apigw.Deps{Services: app.New(h.store, app.Outside{Identities: h.invites, Starter: h.starts}), Store: h.store, Limiter: h.store, Keys: h.store,
		Identities: h.invites, Now: func() time.Time { return h.now }, CoopPerMinute: 5, Log: slog.New(slog.NewJSONHandler(h.logs, nil))})
	members := func(coop string) eventT {
		return as(at(fixture(t, "register-csv.json"), "GET", "/v1/members", nil, nil), coop, adminID, "[admin]")
	}
	statuses := map[int]int{}
	for _, resp := range concurrently(h, 8, func(int) eventT { return members("demo") }) {
		statuses[resp.StatusCode]++
	}
	if statuses[http.StatusOK] != 5 || statuses[http.StatusTooManyRequests] != 3 {
		t.Fatalf("8 requests against an allowance of 5: %v", statuses)
	}
	if resp := h.call(members("demo"), true); resp.StatusCode != http.StatusTooManyRequests || resp.Headers["retry-after"] == "" {
		t.Fatalf("past the allowance: %d %v", resp.StatusCode, resp.Headers)
	}
	if resp := h.call(members("other-coop"), true); resp.StatusCode != http.StatusOK {
		t.Fatalf("the other co-op's API during the flood: %d %s", resp.StatusCode, resp.Body)
	}
}
