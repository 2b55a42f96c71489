package local_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// clock is a settable time for the stack.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

func startAt(t *testing.T, dir string, c *clock) *running {
	t.Helper()
	return launch(t, inSharedDB(t, local.Options{DataDir: dir, Log: io.Discard, Now: c.now}))
}

// TestSecretVoteEndToEndOverHTTP: on the local stack, an admin drafts and
// opens a secret poll of the demo co-op; the tick writes opening notices to
// the outbox in each member's language; members vote (one as a proxy, one on
// paper through an officer); another co-op's token reaches nothing; at the
// closing time the tick closes and counts it; each voter finds their receipt
// in the published ballots; everything survives a restart.
func TestSecretVoteEndToEndOverHTTP(t *testing.T) {
	dir := t.TempDir()
	c := &clock{t: november} // the motion's times below are absolute
	r := startAt(t, dir, c)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	gwen, rhys, sian, alun := local.DemoID("gwen"), local.DemoID("rhys"), local.DemoID("sian"), local.DemoID("alun")
	as := func(person string) string { return r.token(t, "demo", person, dpcoop.RoleMember) }
	const js = "application/json"

	if resp, body := r.do(t, "PUT", "/v1/voting-rules", admin, js, `{"members_may_propose":false,"proxies":true,"proxy_cap":5,"postal_votes":true}`); resp.StatusCode != 200 {
		t.Fatalf("rules: %d %s", resp.StatusCode, body)
	}
	resp, body := r.do(t, "POST", "/v1/motions", admin, js, `{"kind":"poll","options":["bws_mini","tacsi"],"secret":true,`+
		`"labels":{"bws_mini":{"cy":"Bws mini","en":"Minibus"},"tacsi":{"cy":"Tacsi","en":"Taxi"}},`+
		`"title_cy":"Sut i deithio i'r traeth?","title_en":"How to travel to the beach?","text_cy":"Dewiswch un.","text_en":"Choose one.",`+
		`"closes_at":"2026-11-26T18:00:00Z","quorum":{"members":2}}`, "Idempotency-Key", "beach-trip")
	if resp.StatusCode != 201 {
		t.Fatalf("propose: %d %s", resp.StatusCode, body)
	}
	var m dpcoop.Motion
	json.Unmarshal([]byte(body), &m)
	if resp, body = r.do(t, "POST", "/v1/motions/"+m.ID+"/open", admin, js, "{}"); resp.StatusCode != 200 {
		t.Fatalf("open: %d %s", resp.StatusCode, body)
	}
	json.Unmarshal([]byte(body), &m)
	if m.Electorate != 4 { // gwen, rhys, siân and alun (a supporter): everyone on the register
		t.Fatalf("electorate %d", m.Electorate)
	}

	rep, err := r.stack.TickVotes(context.Background())
	if err != nil || rep.Notices != 4 {
		t.Fatalf("opening notices %+v %v", rep, err)
	}
	notices := readNotices(t, filepath.Join(dir, "outbox", "notices.jsonl"))
	if n := notices[gwen]; n.Language != dpcoop.Welsh || n.Channel != dpcoop.ChannelEmail || !strings.Contains(n.Subject, "Sut i deithio") {
		t.Fatalf("Gwen's notice %+v", n)
	}
	if n := notices[rhys]; n.Language != dpcoop.English || !strings.Contains(n.Subject, "How to travel") {
		t.Fatalf("Rhys's notice %+v", n)
	}
	if _, err := os.Stat(filepath.Join(dir, "outbox", "notices", "demo-"+m.ID+"-opened-"+gwen+".txt")); err != nil {
		t.Fatal(err)
	}

	receipts := map[string]string{}
	vote := func(token, body string, member string) {
		t.Helper()
		resp, out := r.do(t, "POST", "/v1/motions/"+m.ID+"/votes", token, js, body, "Accept-Language", "cy")
		if resp.StatusCode != 201 {
			t.Fatalf("vote %s: %d %s", body, resp.StatusCode, out)
		}
		var c struct{ Receipt string }
		json.Unmarshal([]byte(out), &c)
		receipts[member] = c.Receipt
	}
	vote(as(gwen), `{"choices":["bws_mini"]}`, gwen)
	if resp, body = r.do(t, "POST", "/v1/motions/"+m.ID+"/proxies", as(sian), js, `{"holder_id":"`+gwen+`"}`); resp.StatusCode != 201 {
		t.Fatalf("proxy: %d %s", resp.StatusCode, body)
	}
	vote(as(gwen), `{"choices":["tacsi"],"on_behalf_of":"`+sian+`"}`, sian)
	vote(admin, `{"choices":["bws_mini"],"member_id":"`+alun+`","channel":"paper"}`, alun)

	resp, body = r.do(t, "POST", "/v1/motions/"+m.ID+"/votes", as(gwen), js, `{"choices":["tacsi"]}`, "Accept-Language", "cy")
	if resp.StatusCode != 409 || !strings.Contains(body, dpcoop.CodeAlreadyVoted) || !strings.Contains(body, "pleidlais gudd") {
		t.Fatalf("second secret vote: %d %s", resp.StatusCode, body)
	}
	r.signup(t, "intruder")
	intruder := r.token(t, "intruder", gwen, dpcoop.RoleMember)
	if resp, body = r.do(t, "POST", "/v1/motions/"+m.ID+"/votes", intruder, js, `{"choices":["tacsi"]}`); resp.StatusCode != 404 {
		t.Fatalf("another co-op's token: %d %s", resp.StatusCode, body)
	}
	if resp, _ = r.do(t, "GET", "/v1/motions/"+m.ID+"/results", admin, "", ""); resp.StatusCode != 409 {
		t.Fatalf("results of an open secret ballot: %d", resp.StatusCode)
	}

	// A day before closing, the one member who has not voted is reminded.
	c.set(time.Date(2026, 11, 25, 19, 0, 0, 0, time.UTC))
	if rep, err = r.stack.TickVotes(context.Background()); err != nil || rep.Notices != 1 {
		t.Fatalf("reminder %+v %v", rep, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "outbox", "notices", "demo-"+m.ID+"-closing-"+rhys+".txt")); err != nil {
		t.Fatal(err)
	}

	// At the closing time a vote is refused before any tick, then the tick
	// closes and counts.
	c.set(time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC))
	if resp, body = r.do(t, "POST", "/v1/motions/"+m.ID+"/votes", as(rhys), js, `{"choices":["tacsi"]}`); resp.StatusCode != 409 || !strings.Contains(body, dpcoop.CodeMotionClosed) {
		t.Fatalf("late vote: %d %s", resp.StatusCode, body)
	}
	if rep, err = r.stack.TickVotes(context.Background()); err != nil || rep.Closed != 1 || rep.Counted != 1 {
		t.Fatalf("closing tick %+v %v", rep, err)
	}

	r.stack.Close()
	r = startAt(t, dir, c) // the journal brings it all back
	defer r.stack.Close()
	admin = r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	resp, body = r.do(t, "GET", "/v1/motions/"+m.ID+"/results", r.token(t, "demo", rhys, dpcoop.RoleMember), "", "")
	var res struct {
		Final  bool
		Result struct {
			Outcome string
			Winners []string
			Ballots int
		}
	}
	json.Unmarshal([]byte(body), &res)
	if resp.StatusCode != 200 || !res.Final || res.Result.Outcome != "decided" || res.Result.Ballots != 3 || len(res.Result.Winners) != 1 || res.Result.Winners[0] != "bws_mini" {
		t.Fatalf("results: %d %s", resp.StatusCode, body)
	}
	resp, body = r.do(t, "GET", "/v1/motions/"+m.ID+"/ballots", admin, "", "")
	if resp.StatusCode != 200 {
		t.Fatalf("ballots: %d %s", resp.StatusCode, body)
	}
	for member, receipt := range receipts {
		if !strings.Contains(body, receipt) || strings.Contains(body, member) {
			t.Fatalf("published ballots and %s: %s", member, body)
		}
	}
}

func readNotices(t *testing.T, path string) map[string]dpcoop.Notice {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]dpcoop.Notice{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var n dpcoop.Notice
		if err := json.Unmarshal(sc.Bytes(), &n); err != nil {
			t.Fatal(err)
		}
		out[n.Member] = n
	}
	return out
}
