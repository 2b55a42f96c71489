package apigw_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
)

// electorate is the demo co-op with members on the register.
type electorate struct {
	*harness
	members map[string]string // first name → id
}

func newElectorate(t *testing.T, names ...string) *electorate {
	h := newHarness(t)
	h.now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	h.demo()
	e := &electorate{harness: h, members: map[string]string{}}
	for _, n := range names {
		e.join(n)
	}
	return e
}

func (e *electorate) join(name string) string {
	e.t.Helper()
	id := e.applied("member", name)
	e.ok(e.decide(id, "approve", "demo", "[admin]", "{}"), 200)
	e.members[strings.Fields(name)[0]] = id
	return id
}

// motion drafts and opens a motion as the admin; extra is JSON members added
// to an ordinary resolution closing in a week.
func (e *electorate) motion(extra string) dpcoop.Motion {
	e.t.Helper()
	body := `{"kind":"ordinary_resolution","title_cy":"Prynu bws mini","title_en":"Buy a minibus","text_cy":"Bod y cwmni'n prynu bws mini.","text_en":"That the co-op buys a minibus.","closes_at":"2026-11-30T18:00:00Z"`
	if extra != "" {
		body += "," + extra
	}
	var m dpcoop.Motion
	e.ok(e.admin("POST", "/v1/motions", nil, body+"}"), 201).into(e.t, &m)
	e.ok(e.admin("POST", "/v1/motions/{id}/open", map[string]string{"id": m.ID}, ""), 200).into(e.t, &m)
	if m.Status != dpcoop.MotionOpen {
		e.t.Fatalf("not open: %+v", m)
	}
	return m
}

// vote is the vote-cast fixture sent by person (groups as in a token) on motion.
func (e *electorate) vote(person, groups, coop, motion, body string) eventT {
	ev := at(fixture(e.t, "vote-cast.json"), "POST", "/v1/motions/{id}/votes", map[string]string{"id": motion}, nil)
	return withJSON(as(ev, coop, person, groups), body)
}

type castBody struct {
	MotionID string
	Secret   bool
	Receipt  string
	Changed  bool
	Vote     dpcoop.Elector
}

// TestVoteCastFixture sends events/vote-cast.json as API Gateway delivers it,
// only its motion id and voter made real.
func TestVoteCastFixture(t *testing.T) {
	e := newElectorate(t, "Gwen Morgan", "Rhys Price")
	m := e.motion("")
	ev := fixture(t, "vote-cast.json")
	ev.PathParameters["id"] = m.ID
	ev.RawPath = "/v1/motions/" + m.ID + "/votes"
	ev.RequestContext.Authorizer.JWT.Claims["custom:person"] = e.members["Gwen"]
	resp := e.call(ev, true)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("%d %s", resp.StatusCode, resp.Body)
	}
	got := decode[castBody](t, resp)
	if got.Secret || got.Receipt != "" || !got.Vote.Voted || got.Vote.Choices[0] != "for" || got.Vote.Member != e.members["Gwen"] {
		t.Fatalf("%+v", got)
	}
}

// TestMotionLifeThroughTheAPI: rules, a draft (and its replay), opening,
// voting and changing an open vote, running and final results, early close,
// the published votes.
func TestMotionLifeThroughTheAPI(t *testing.T) {
	e := newElectorate(t, "Gwen Morgan", "Rhys Price", "Ifan Hughes")
	gwen, rhys := e.members["Gwen"], e.members["Rhys"]
	var rules dpcoop.VotingRules
	e.ok(e.admin("GET", "/v1/voting-rules", nil, ""), 200).into(t, &rules)
	if rules != dpcoop.DefaultVotingRules {
		t.Fatalf("defaults %+v", rules)
	}
	e.ok(e.admin("PUT", "/v1/voting-rules", nil, `{"members_may_propose":true,"proxies":true,"proxy_cap":2,"postal_votes":true}`), 200)

	draft := `{"kind":"poll","options":["bws","car"],"labels":{"bws":{"cy":"Bws mini","en":"Minibus"},"car":{"cy":"Car","en":"Car"}},` +
		`"title_cy":"Pa gerbyd?","title_en":"Which vehicle?","text_cy":"Dewiswch un.","text_en":"Choose one.","closes_at":"2026-11-30T18:00:00Z"}`
	ev := withHeader(e.admin("POST", "/v1/motions", nil, draft), "idempotency-key", "motion-1")
	var m dpcoop.Motion
	e.ok(ev, 201).into(t, &m)
	if resp := e.call(ev, true); resp.StatusCode != 201 || resp.Headers["idempotent-replayed"] != "true" || decode[dpcoop.Motion](t, resp).ID != m.ID {
		t.Fatalf("replay: %d %v", resp.StatusCode, resp.Headers)
	}
	// A member cannot see an admin's draft, nor open one.
	asGwen := func(method, pattern, body string) eventT {
		ev := as(at(fixture(t, "approve-application.json"), method, pattern, map[string]string{"id": m.ID}, nil), "demo", gwen, "[member]")
		if body == "" {
			ev.Body = ""
			return ev
		}
		return withJSON(ev, body)
	}
	e.ok(asGwen("GET", "/v1/motions/{id}", ""), 404)
	e.ok(asGwen("POST", "/v1/motions/{id}/open", "{}"), 403)
	e.ok(asGwen("POST", "/v1/motions/{id}/votes", `{"choices":["bws"]}`), 409) // not open yet

	e.ok(e.admin("POST", "/v1/motions/{id}/open", map[string]string{"id": m.ID}, ""), 200).into(t, &m)
	if m.Electorate != 3 || m.Status != dpcoop.MotionOpen {
		t.Fatalf("opened %+v", m)
	}
	var c castBody
	e.ok(e.vote(gwen, "[member]", "demo", m.ID, `{"choices":["bws"]}`), 201).into(t, &c)
	e.ok(e.vote(gwen, "[member]", "demo", m.ID, `{"choices":["car"]}`), 200).into(t, &c)
	if !c.Changed || len(c.Vote.History) != 1 {
		t.Fatalf("change %+v", c)
	}
	e.ok(e.vote(rhys, "[member]", "demo", m.ID, `{"choices":["car"]}`), 201)
	var view struct {
		dpcoop.Motion
		You *dpcoop.Elector
	}
	e.ok(asGwen("GET", "/v1/motions/{id}", ""), 200).into(t, &view)
	if view.You == nil || !view.You.Voted || view.You.Choices[0] != "car" {
		t.Fatalf("gwen's view %+v", view.You)
	}
	var page dpcoop.Page[dpcoop.Motion]
	e.ok(as(at(fixture(t, "register-csv.json"), "GET", "/v1/motions", nil, url.Values{"limit": {"1"}}), "demo", gwen, "[member]"), 200).into(t, &page)
	if len(page.Items) != 1 || page.Items[0].ID != m.ID {
		t.Fatalf("list %+v", page)
	}
	type results struct {
		Final  bool
		Result struct {
			Outcome string
			Ballots int64
			Options []struct {
				Option string
				Votes  int64
			}
		}
	}
	var running results
	e.ok(asGwen("GET", "/v1/motions/{id}/results", ""), 200).into(t, &running)
	if running.Final || running.Result.Ballots != 2 || running.Result.Options[1].Votes != 2 {
		t.Fatalf("running %+v", running)
	}
	e.ok(asGwen("GET", "/v1/motions/{id}/ballots", ""), 409)
	e.ok(e.admin("POST", "/v1/motions/{id}/close", map[string]string{"id": m.ID}, ""), 200).into(t, &m)
	if m.Status != dpcoop.MotionClosed || m.ClosedBy != adminID || m.Outcome != "decided" {
		t.Fatalf("closed %+v", m)
	}
	var final results
	e.ok(asGwen("GET", "/v1/motions/{id}/results", ""), 200).into(t, &final)
	if !final.Final || final.Result.Outcome != "decided" {
		t.Fatalf("final %+v", final)
	}
	var list struct {
		Secret bool
		Votes  []struct {
			MemberID string `json:"member_id"`
			Choices  []string
		}
	}
	e.ok(asGwen("GET", "/v1/motions/{id}/ballots", ""), 200).into(t, &list)
	if list.Secret || len(list.Votes) != 2 {
		t.Fatalf("published %+v", list)
	}
	e.ok(e.vote(e.members["Ifan"], "[member]", "demo", m.ID, `{"choices":["bws"]}`), 409)
}

// TestRefusedVotesSayWhyInBothLanguages: a vote after closing, by a
// non-member, a ceased member, a member who joined after opening, or from
// another co-op, is refused with a plain reason in Welsh and in English.
func TestRefusedVotesSayWhyInBothLanguages(t *testing.T) {
	e := newElectorate(t, "Gwen Morgan", "Rhys Price", "Cerys Lloyd")
	e.coop("other-coop")
	e.ok(e.admin("POST", "/v1/members/{id}/cease", map[string]string{"id": e.members["Cerys"]}, `{"date":"2026-11-23","reason":"moved away"}`), 200)
	m := e.motion("")
	late := e.join("Osian Hwyr")
	e.ok(e.admin("POST", "/v1/members/{id}/cease", map[string]string{"id": e.members["Rhys"]}, `{"date":"2026-11-23","reason":"left"}`), 200)
	body := `{"choices":["for"]}`
	for _, tc := range []struct {
		name   string
		ev     func() eventT
		status int
		code   string
	}{
		{"not a member", func() eventT { return e.vote("strangeraaaaaaaaaaaa", "[member]", "demo", m.ID, body) }, 403, dpcoop.CodeNotInElectorate},
		// A ceased member's own token is refused before any rule of the vote.
		{"ceased before opening", func() eventT { return e.vote(e.members["Cerys"], "[member]", "demo", m.ID, body) }, 403, dpcoop.CodeAccessEnded},
		{"ceased after opening", func() eventT { return e.vote(e.members["Rhys"], "[member]", "demo", m.ID, body) }, 403, dpcoop.CodeAccessEnded},
		{"paper vote, ceased after opening", func() eventT {
			return e.vote(adminID, "[admin]", "demo", m.ID, `{"choices":["for"],"member_id":"`+e.members["Rhys"]+`","channel":"paper"}`)
		}, 403, dpcoop.CodeVoterCeased},
		{"joined after opening", func() eventT { return e.vote(late, "[member]", "demo", m.ID, body) }, 403, dpcoop.CodeNotInElectorate},
		{"another co-op", func() eventT { return e.vote(e.members["Gwen"], "[member]", "other-coop", m.ID, body) }, 404, dpcoop.CodeNotFound},
		{"a PA", func() eventT { return e.vote(e.members["Gwen"], "[pa]", "demo", m.ID, body) }, 403, dpcoop.CodeForbidden},
		{"not a choice", func() eventT { return e.vote(e.members["Gwen"], "[member]", "demo", m.ID, `{"choices":["maybe"]}`) }, 422, dpcoop.CodeValidation},
		{"after closing", func() eventT {
			e.now = time.Date(2026, 11, 30, 18, 0, 0, 0, time.UTC) // no tick has closed it: the time alone refuses
			return e.vote(e.members["Gwen"], "[member]", "demo", m.ID, body)
		}, 409, dpcoop.CodeMotionClosed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, lang := range []dpcoop.Lang{dpcoop.Welsh, dpcoop.English} {
				resp := e.call(withHeader(tc.ev(), "accept-language", string(lang)), true)
				p := problemOf(t, resp)
				if resp.StatusCode != tc.status || p.Code != tc.code || p.Lang != string(lang) || p.Title != messages.Text(lang, tc.code, nil) {
					t.Fatalf("%s: %d %+v", lang, resp.StatusCode, p)
				}
				if tc.code == dpcoop.CodeValidation && (len(p.Errors) != 1 || p.Errors[0].Field != "choices" || p.Errors[0].Message == "") {
					t.Fatalf("field errors %+v", p.Errors)
				}
			}
		})
	}
	if p := problemOf(t, e.call(e.vote(e.members["Gwen"], "[member]", "demo", m.ID, body), true)); !strings.Contains(p.Title, "wedi cau") {
		t.Fatalf("the Welsh fixture's answer is not Welsh: %q", p.Title)
	}
}

// TestHundredConcurrentDuplicateCastsGiveOneVote sends one member's vote 100
// times at once through the handler; the store keeps exactly one.
func TestHundredConcurrentDuplicateCastsGiveOneVote(t *testing.T) {
	for _, secret := range []bool{false, true} {
		t.Run(fmt.Sprint("secret=", secret), func(t *testing.T) {
			e := newElectorate(t, "Gwen Morgan", "Rhys Price")
			m := e.motion(fmt.Sprintf(`"secret":%v`, secret))
			ev := e.vote(e.members["Gwen"], "[member]", "demo", m.ID, `{"choices":["for"]}`)
			var wg sync.WaitGroup
			var mu sync.Mutex
			statuses := map[int]int{}
			for range 100 {
				wg.Go(func() {
					resp := e.api.Handle(context.Background(), ev)
					mu.Lock()
					statuses[resp.StatusCode]++
					mu.Unlock()
				})
			}
			wg.Wait()
			want := map[int]int{201: 1, 200: 99} // the same open vote again changes nothing
			if secret {
				want = map[int]int{201: 1, 409: 99} // a secret vote is final
			}
			if fmt.Sprint(statuses) != fmt.Sprint(want) {
				t.Fatalf("statuses %v, want %v", statuses, want)
			}
			got, err := e.store.Motion(context.Background(), "demo", m.ID)
			if err != nil || got.Counters["ballots"] != 1 || got.Counters["votes__for"] != 1 {
				t.Fatalf("tally %v %v", got.Counters, err)
			}
			if secret {
				out, err := e.db.Client.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(e.db.Table)})
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, it := range out.Items {
					var k struct{ SK string }
					_ = attributevalue.UnmarshalMap(it, &k)
					if strings.HasPrefix(k.SK, "BALLOT#") {
						n++
					}
				}
				if n != 1 {
					t.Fatalf("%d ballots stored", n)
				}
			}
		})
	}
}

// TestSecretBallotsCannotBeTracedToVoters: after a secret poll (online,
// proxy and postal votes), no item in the table holds both a voter's id and
// a choice; ballot items hold no time and no id derived from the voter; the
// API shows nobody's choice; each voter finds their receipt and choice in the
// published list.
func TestSecretBallotsCannotBeTracedToVoters(t *testing.T) {
	e := newElectorate(t, "Gwen Morgan", "Rhys Price", "Ifan Hughes", "Nia Evans")
	e.ok(e.admin("PUT", "/v1/voting-rules", nil, `{"members_may_propose":false,"proxies":true,"proxy_cap":5,"postal_votes":true}`), 200)
	m := e.motion(`"secret":true,"kind":"poll","options":["opt_alys","opt_bryn","opt_cadi"]`)
	gwen, rhys, ifan, nia := e.members["Gwen"], e.members["Rhys"], e.members["Ifan"], e.members["Nia"]
	proxy := as(at(fixture(t, "approve-application.json"), "POST", "/v1/motions/{id}/proxies", map[string]string{"id": m.ID}, nil), "demo", ifan, "[member]")
	e.ok(withJSON(proxy, fmt.Sprintf(`{"holder_id":%q}`, rhys)), 201)

	voted := map[string]string{} // member → choice
	receipts := map[string]string{}
	cast := func(ev eventT, member, choice string) {
		t.Helper()
		var c castBody
		e.ok(ev, 201).into(t, &c)
		if c.Receipt == "" || c.Vote.Choices != nil || c.Vote.At != nil {
			t.Fatalf("secret cast answered %+v", c)
		}
		voted[member], receipts[member] = choice, c.Receipt
		e.now = e.now.Add(time.Minute)
	}
	cast(e.vote(gwen, "[member]", "demo", m.ID, `{"choices":["opt_alys"]}`), gwen, "opt_alys")
	cast(e.vote(rhys, "[member]", "demo", m.ID, `{"choices":["opt_bryn"]}`), rhys, "opt_bryn")
	cast(e.vote(rhys, "[member]", "demo", m.ID, fmt.Sprintf(`{"choices":["opt_cadi"],"on_behalf_of":%q}`, ifan)), ifan, "opt_cadi")
	cast(e.vote(adminID, "[admin]", "demo", m.ID, fmt.Sprintf(`{"choices":["opt_alys"],"member_id":%q,"channel":"postal"}`, nia)), nia, "opt_alys")

	// The API, asked as an admin, shows who voted but no choice.
	for _, member := range []string{gwen, rhys, ifan, nia} {
		resp := e.call(as(at(fixture(t, "register-csv.json"), "GET", "/v1/motions/{id}", map[string]string{"id": m.ID}, nil), "demo", member, "[admin member]"), true)
		if strings.Contains(resp.Body, "opt_alys\"]") || strings.Contains(resp.Body, `"choices"`) || strings.Contains(resp.Body, receipts[member]) {
			t.Fatalf("motion view leaks a choice: %s", resp.Body)
		}
	}
	e.ok(e.admin("GET", "/v1/motions/{id}/results", map[string]string{"id": m.ID}, ""), 409) // hidden while open
	e.ok(e.admin("POST", "/v1/motions/{id}/close", map[string]string{"id": m.ID}, ""), 200)

	// The table: scan every item.
	out, err := e.db.Client.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(e.db.Table)})
	if err != nil {
		t.Fatal(err)
	}
	var ballots []map[string]any
	for _, raw := range out.Items {
		var item map[string]any
		if err := attributevalue.UnmarshalMap(raw, &item); err != nil {
			t.Fatal(err)
		}
		values := flatten(item)
		for member := range voted {
			holds := func(sub string) bool {
				return slices.ContainsFunc(values, func(v string) bool { return strings.Contains(v, sub) })
			}
			if holds(member) && holds("opt_") && item["SK"] != "MOTION#"+m.ID {
				t.Fatalf("item %v holds voter %s and a choice", item["SK"], member)
			}
			if strings.Contains(fmt.Sprint(item), receipts[member]) && !strings.HasPrefix(item["SK"].(string), "BALLOT#") {
				t.Fatalf("receipt stored outside its ballot: %v", item)
			}
		}
		sk := item["SK"].(string)
		if strings.HasPrefix(sk, "BALLOT#") {
			ballots = append(ballots, item)
		}
		if strings.HasPrefix(sk, "VOTER#"+m.ID) {
			for _, a := range []string{"Choices", "At", "History"} {
				if v, ok := item[a]; ok && v != nil {
					t.Fatalf("secret elector item holds %s: %v", a, item)
				}
			}
		}
	}
	// The motion item names the options in its rules, never a voter.
	motionItem := fmt.Sprint(itemOf(t, e, "MOTION#"+m.ID))
	for member := range voted {
		if strings.Contains(motionItem, member) {
			t.Fatalf("motion item names voter %s", member)
		}
	}
	if len(ballots) != 4 {
		t.Fatalf("%d ballots", len(ballots))
	}
	for _, bi := range ballots {
		var names []string
		for k := range bi {
			names = append(names, k)
		}
		slices.Sort(names)
		if fmt.Sprint(names) != "[Choices Class ID Motion PK Receipt SK Spoilt]" {
			t.Fatalf("ballot item attributes %v", names)
		}
		id := bi["ID"].(string)
		for member := range voted {
			for _, derived := range []string{
				dpcoop.DerivedID(member), dpcoop.DerivedID(m.ID, member), dpcoop.DerivedID("ballot", "demo", m.ID, member),
				dpcoop.Fingerprint(member), dpcoop.Fingerprint(m.ID, member), dpcoop.Fingerprint("demo", m.ID, member),
			} {
				if strings.Contains(id, derived[:16]) || strings.Contains(bi["Receipt"].(string), derived[:16]) {
					t.Fatalf("ballot id derived from voter %s", member)
				}
			}
		}
	}

	// The published list: receipts with choices, no names; each voter finds theirs.
	resp := e.call(e.admin("GET", "/v1/motions/{id}/ballots", map[string]string{"id": m.ID}, ""), true)
	for member := range voted {
		if strings.Contains(resp.Body, member) {
			t.Fatalf("published ballots name a voter: %s", resp.Body)
		}
	}
	var list struct {
		Secret  bool
		Ballots []dpcoop.SecretBallot
	}
	if err := json.Unmarshal([]byte(resp.Body), &list); err != nil {
		t.Fatal(err)
	}
	for member, choice := range voted {
		if !slices.ContainsFunc(list.Ballots, func(b dpcoop.SecretBallot) bool { return b.Receipt == receipts[member] && b.Choices[0] == choice }) {
			t.Fatalf("%s cannot find receipt %s with %s in %+v", member, receipts[member], choice, list.Ballots)
		}
	}
	var res struct{ Result struct{ Winners []string } }
	e.ok(e.admin("GET", "/v1/motions/{id}/results", map[string]string{"id": m.ID}, ""), 200).into(t, &res)
	if !slices.Equal(res.Result.Winners, []string{"opt_alys"}) {
		t.Fatalf("result %+v", res)
	}
}

func itemOf(t *testing.T, e *electorate, sk string) map[string]any {
	t.Helper()
	out, err := e.db.Client.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String(e.db.Table), Key: map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "T#demo"}, "SK": &types.AttributeValueMemberS{Value: sk},
	}})
	if err != nil {
		t.Fatal(err)
	}
	var item map[string]any
	if err := attributevalue.UnmarshalMap(out.Item, &item); err != nil {
		t.Fatal(err)
	}
	return item
}

// flatten lists every string value inside an item.
func flatten(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, flatten(e)...)
		}
		return out
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return nil
}

// TestProxyAndPostalRoutes: the proxy route keeps the co-op's cap; a member
// cannot enter someone's postal vote.
func TestProxyAndPostalRoutes(t *testing.T) {
	e := newElectorate(t, "Gwen Morgan", "Rhys Price", "Ifan Hughes")
	m := e.motion("")
	gwen, rhys, ifan := e.members["Gwen"], e.members["Rhys"], e.members["Ifan"]
	appoint := func(member, holder string) eventT {
		ev := as(at(fixture(t, "approve-application.json"), "POST", "/v1/motions/{id}/proxies", map[string]string{"id": m.ID}, nil), "demo", member, "[member]")
		return withJSON(ev, fmt.Sprintf(`{"holder_id":%q}`, holder))
	}
	if p := e.problem(appoint(gwen, ifan), 403); p.Code != dpcoop.CodeProxiesNotAllowed {
		t.Fatal(p)
	}
	e.ok(e.admin("PUT", "/v1/voting-rules", nil, `{"members_may_propose":false,"proxies":true,"proxy_cap":1,"postal_votes":true}`), 200)
	var el dpcoop.Elector
	e.ok(appoint(gwen, ifan), 201).into(t, &el)
	if el.ProxyHolder != ifan || el.Member != gwen {
		t.Fatalf("%+v", el)
	}
	if p := e.problem(appoint(rhys, ifan), 409); p.Code != dpcoop.CodeProxyCapReached {
		t.Fatal(p)
	}
	if p := e.problem(appoint(rhys, rhys), 422); p.Errors[0].Code != dpcoop.FieldProxySelf {
		t.Fatal(p)
	}
	e.ok(e.vote(ifan, "[member]", "demo", m.ID, fmt.Sprintf(`{"choices":["against"],"on_behalf_of":%q}`, gwen)), 201)
	e.ok(e.vote(gwen, "[member]", "demo", m.ID, fmt.Sprintf(`{"choices":["for"],"member_id":%q,"channel":"postal"}`, rhys)), 403)
	var c castBody
	e.ok(e.vote(adminID, "[admin]", "demo", m.ID, fmt.Sprintf(`{"choices":["for"],"member_id":%q,"channel":"paper"}`, rhys)), 201).into(t, &c)
	if c.Vote.EnteredBy != adminID || c.Vote.Channel != "paper" {
		t.Fatalf("%+v", c)
	}
}

// TestResultsHiddenUntilClosingWhenAsked.
func TestResultsHiddenUntilClosingWhenAsked(t *testing.T) {
	e := newElectorate(t, "Gwen Morgan")
	m := e.motion(`"hide_until_closed":true`)
	e.ok(e.vote(e.members["Gwen"], "[member]", "demo", m.ID, `{"choices":["for"]}`), 201)
	results := e.admin("GET", "/v1/motions/{id}/results", map[string]string{"id": m.ID}, "")
	if p := e.problem(results, 409); p.Code != dpcoop.CodeResultsHidden {
		t.Fatal(p)
	}
	e.ok(e.admin("POST", "/v1/motions/{id}/close", map[string]string{"id": m.ID}, ""), 200)
	e.ok(results, 200)
}

// TestBadVoteInputIsNeverA500.
func TestBadVoteInputIsNeverA500(t *testing.T) {
	e := newElectorate(t, "Gwen Morgan")
	m := e.motion("")
	gwen := e.members["Gwen"]
	for _, tc := range []struct {
		method, pattern, id, body string
	}{
		{"POST", "/v1/motions", "", `{"kind":7}`},
		{"POST", "/v1/motions", "", `{"kind":"poll","options":"x"}`},
		{"POST", "/v1/motions", "", `{"kind":"poll","classes":[{"id":"a","weight_bp":"x"}]}`},
		{"POST", "/v1/motions", "", `{"kind":"board_election","options":["a"],"seats":99999999999999999999}`},
		{"POST", "/v1/motions", "", `{"kind":"poll","quorum":{"members":-1,"percent_bp":20000},"threshold":{"kind":"custom","num":1,"den":0}}`},
		{"POST", "/v1/motions", "", `{"kind":"ordinary_resolution","title_cy":"\u0000","closes_at":"tomorrow","opens_at":"9999-99-99T00:00:00Z","confirms":"../../x"}`},
		{"POST", "/v1/motions", "", `{"kind":"poll","labels":{"a":"b"}}`},
		{"POST", "/v1/motions", "", `[]`},
		{"POST", "/v1/motions", "", `{"kind":"poll"} trailing`},
		{"POST", "/v1/motions/{id}/votes", m.ID, `{"choices":"for"}`},
		{"POST", "/v1/motions/{id}/votes", m.ID, `{"choices":[1]}`},
		{"POST", "/v1/motions/{id}/votes", m.ID, `{"choices":["` + strings.Repeat("x", 100) + `"]}`},
		{"POST", "/v1/motions/{id}/votes", m.ID, `{"choices":["for","for"]}`},
		{"POST", "/v1/motions/{id}/votes", m.ID, `{"choices":["abstain","for"]}`},
		{"POST", "/v1/motions/{id}/votes", m.ID, `{"choices":["for"],"on_behalf_of":"x"}`},
		{"POST", "/v1/motions/{id}/votes", "not-an-id", `{"choices":["for"]}`},
		{"POST", "/v1/motions/{id}/votes", "aaaaaaaaaaaaaaaaaaaa", `{"choices":["for"]}`},
		{"POST", "/v1/motions/{id}/proxies", m.ID, `{"holder_id":5}`},
		{"POST", "/v1/motions/{id}/proxies", m.ID, `{}`},
		{"PUT", "/v1/voting-rules", "", `{"proxy_cap":0}`},
		{"PUT", "/v1/voting-rules", "", `{"proxy_cap":1e9}`},
		{"POST", "/v1/motions/{id}/open", m.ID, `{"x":1}`},
		{"GET", "/v1/motions", "", ``},
	} {
		ev := at(fixture(t, "approve-application.json"), tc.method, tc.pattern, map[string]string{"id": tc.id}, nil)
		ev = withJSON(as(ev, "demo", gwen, "[admin member]"), tc.body)
		if tc.pattern == "/v1/motions" && tc.method == "GET" {
			ev = at(ev, "GET", "/v1/motions", nil, url.Values{"limit": {"0"}, "cursor": {"bad"}})
		}
		resp := e.call(ev, false)
		if resp.StatusCode < 400 || resp.StatusCode >= 500 {
			t.Errorf("%s %s %s: %d %s", tc.method, tc.pattern, tc.body, resp.StatusCode, resp.Body)
		}
	}
}

// problem sends ev, wants status, and returns the problem document.
func (e *electorate) problem(ev eventT, status int) problemBody {
	e.t.Helper()
	resp := e.call(ev, true)
	if resp.StatusCode != status {
		e.t.Fatalf("%s: %d, want %d: %s", ev.RouteKey, resp.StatusCode, status, resp.Body)
	}
	return problemOf(e.t, resp)
}

// TestOpenAbstentionIsShownAsOne: on an open ballot a member abstains with
// "choices": [], another changes their vote to an abstention and a third
// from one; the answer to the vote, the motion's "you" and its history,
// the running and final results and the published votes all show the
// abstentions as abstentions.
func TestOpenAbstentionIsShownAsOne(t *testing.T) {
	e := newElectorate(t, "Gwen Morgan", "Rhys Price", "Ifan Hughes")
	m := e.motion("")
	gwen, rhys, ifan := e.members["Gwen"], e.members["Rhys"], e.members["Ifan"]
	get := func(person, pattern string) eventT {
		ev := as(at(fixture(t, "approve-application.json"), "GET", pattern, map[string]string{"id": m.ID}, nil), "demo", person, "[member]")
		ev.Body = ""
		return ev
	}
	// rawVote keeps the JSON of the choices, so [] and a missing field differ.
	type rawVote struct {
		MemberID string           `json:"member_id"`
		Voted    bool             `json:"voted"`
		Choices  *json.RawMessage `json:"choices"`
		History  []struct {
			Choices *json.RawMessage `json:"choices"`
		} `json:"history"`
	}
	choices := func(v rawVote) string {
		if v.Choices == nil {
			return "(none)"
		}
		return string(*v.Choices)
	}
	history := func(v rawVote) []string {
		var out []string
		for _, h := range v.History {
			out = append(out, choices(rawVote{Choices: h.Choices}))
		}
		return out
	}
	cast := func(member, body string, status int) rawVote {
		t.Helper()
		var c struct {
			Vote rawVote `json:"vote"`
		}
		e.ok(e.vote(member, "[member]", "demo", m.ID, body), status).into(t, &c)
		return c.Vote
	}
	you := func(member string) rawVote {
		t.Helper()
		var view struct {
			You rawVote `json:"you"`
		}
		e.ok(get(member, "/v1/motions/{id}"), 200).into(t, &view)
		return view.You
	}

	if v := cast(gwen, `{"choices":[]}`, 201); !v.Voted || choices(v) != "[]" {
		t.Errorf("gwen's abstention answered %+v", v)
	}
	if v := you(gwen); !v.Voted || choices(v) != "[]" {
		t.Errorf("gwen's view of her abstention: %+v", v)
	}
	cast(rhys, `{"choices":["for"]}`, 201)
	if v := cast(rhys, `{"choices":[]}`, 200); choices(v) != "[]" || !slices.Equal(history(v), []string{`["for"]`}) {
		t.Errorf("rhys's change to an abstention answered %s %v", choices(v), history(v))
	}
	cast(ifan, `{"choices":[]}`, 201)
	cast(ifan, `{"choices":["for"]}`, 200)
	cast(gwen, `{"choices":[]}`, 200) // the same vote again

	for _, tc := range []struct {
		member, choices string
		history         []string
	}{
		{gwen, "[]", nil},
		{rhys, "[]", []string{`["for"]`}},
		{ifan, `["for"]`, []string{"[]"}},
	} {
		if v := you(tc.member); !v.Voted || choices(v) != tc.choices || !slices.Equal(history(v), tc.history) {
			t.Errorf("%s's view: choices %s, history %v; want %s, %v", tc.member, choices(v), history(v), tc.choices, tc.history)
		}
	}

	type results struct {
		Final  bool
		Result struct {
			Ballots     int64
			Abstentions int64
		}
	}
	var running results
	e.ok(get(gwen, "/v1/motions/{id}/results"), 200).into(t, &running)
	if running.Final || running.Result.Ballots != 3 || running.Result.Abstentions != 2 {
		t.Errorf("running %+v", running)
	}
	e.ok(e.admin("POST", "/v1/motions/{id}/close", map[string]string{"id": m.ID}, ""), 200)
	var final results
	e.ok(get(gwen, "/v1/motions/{id}/results"), 200).into(t, &final)
	if !final.Final || final.Result.Ballots != 3 || final.Result.Abstentions != 2 {
		t.Errorf("final %+v", final)
	}
	var list struct {
		Secret bool
		Votes  []rawVote
	}
	e.ok(get(gwen, "/v1/motions/{id}/ballots"), 200).into(t, &list)
	published := map[string]string{}
	for _, v := range list.Votes {
		published[v.MemberID] = choices(v)
	}
	if want := map[string]string{gwen: "[]", rhys: "[]", ifan: `["for"]`}; list.Secret || !maps.Equal(published, want) {
		t.Errorf("published %v, want %v", published, want)
	}
	if v := you(gwen); choices(v) != "[]" {
		t.Errorf("gwen's view after closing: %s", choices(v))
	}
}

// TestSecretAbstentionIsPublishedAsOne: a secret ballot's abstention is
// published after closing with its receipt and "choices": [].
func TestSecretAbstentionIsPublishedAsOne(t *testing.T) {
	e := newElectorate(t, "Gwen Morgan", "Rhys Price")
	m := e.motion(`"secret":true`)
	var c castBody
	e.ok(e.vote(e.members["Gwen"], "[member]", "demo", m.ID, `{"choices":[]}`), 201).into(t, &c)
	e.ok(e.vote(e.members["Rhys"], "[member]", "demo", m.ID, `{"choices":["for"]}`), 201)
	e.ok(e.admin("POST", "/v1/motions/{id}/close", map[string]string{"id": m.ID}, ""), 200)
	var list struct {
		Ballots []struct {
			Receipt string           `json:"receipt"`
			Choices *json.RawMessage `json:"choices"`
		} `json:"ballots"`
	}
	e.ok(e.admin("GET", "/v1/motions/{id}/ballots", map[string]string{"id": m.ID}, ""), 200).into(t, &list)
	found := false
	for _, b := range list.Ballots {
		if b.Receipt == c.Receipt {
			found = true
			if b.Choices == nil || string(*b.Choices) != "[]" {
				t.Errorf("abstention published as %+v", b)
			}
		}
	}
	if len(list.Ballots) != 2 || !found {
		t.Fatalf("published %+v, receipt %s", list, c.Receipt)
	}
}
