package local_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/buddies"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// sentNotices counts the emails the outbox holds, by member and notice text.
func sentNotices(t *testing.T, dir string) map[string]int {
	t.Helper()
	out := map[string]int{}
	f, err := os.Open(filepath.Join(dir, "outbox", "notices.jsonl"))
	if os.IsNotExist(err) {
		return out
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var n dpcoop.Notice
		if err := json.Unmarshal(sc.Bytes(), &n); err != nil {
			t.Fatal(err)
		}
		out[n.Member+" "+n.Kind]++
	}
	return out
}

// TestBuddyingOverHTTP: Gwen and Rhys ask for a buddy, the admin pairs
// them (the request sent twice makes one pairing and one email each), each
// agrees with the channel they share, and then each sees only the other's
// first name and that channel; Siân, a third member, sees nothing of it
// and cannot answer for them; the co-op sees counts only. Rhys turns buddy
// emails off: when Gwen ends the pairing he gets the page notice, no email.
// A member who ceased neither waits nor can be paired.
func TestBuddyingOverHTTP(t *testing.T) {
	dir := t.TempDir()
	r := start(t, dir)
	t.Cleanup(func() { r.stack.Close() })
	gwenID, rhysID, sianID := local.DemoID("gwen"), local.DemoID("rhys"), local.DemoID("sian")
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	gwen := r.token(t, "demo", gwenID, dpcoop.RoleMember)
	rhys := r.token(t, "demo", rhysID, dpcoop.RoleMember)
	sian := r.token(t, "demo", sianID, dpcoop.RoleMember)
	want := func(method, path, token, body string, status int, headers ...string) string {
		t.Helper()
		resp, out := r.do(t, method, path, token, "application/json", body, headers...)
		if resp.StatusCode != status {
			t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, out, status)
		}
		return out
	}

	want("PUT", "/v1/me/buddy/request", gwen, `{"note":"Rwy'n hoffi cerdded"}`, http.StatusOK, "Idempotency-Key", "g1")
	want("PUT", "/v1/me/buddy/request", rhys, `{}`, http.StatusOK, "Idempotency-Key", "r1")
	want("PUT", "/v1/me/buddy/request", admin, `{}`, http.StatusForbidden, "Idempotency-Key", "a1")

	var waiting struct{ Requests []buddies.Waiting }
	r.getJSON(t, "/v1/buddies/requests", admin, &waiting)
	if len(waiting.Requests) != 2 || waiting.Requests[0].Note+waiting.Requests[1].Note != "Rwy'n hoffi cerdded" {
		t.Fatalf("waiting: %+v", waiting.Requests)
	}
	want("GET", "/v1/buddies/requests", gwen, "", http.StatusForbidden)

	pair := `{"member_a":"` + gwenID + `","member_b":"` + rhysID + `"}`
	var made buddies.Proposed
	json.Unmarshal([]byte(want("POST", "/v1/buddies/pairings", admin, pair, http.StatusCreated, "Idempotency-Key", "pair-1")), &made)
	want("POST", "/v1/buddies/pairings", admin, pair, http.StatusCreated, "Idempotency-Key", "pair-1")
	want("POST", "/v1/buddies/pairings", admin, `{"member_a":"`+gwenID+`","member_b":"`+sianID+`"}`, http.StatusConflict, "Idempotency-Key", "pair-2")
	if sent := sentNotices(t, dir); sent[gwenID+" buddy_proposed"] != 1 || sent[rhysID+" buddy_proposed"] != 1 {
		t.Fatalf("proposal emails after a retried pairing: %v, want one each", sent)
	}

	answer := "/v1/me/buddy/pairings/" + made.ID + "/answer"
	want("POST", answer, sian, `{"agree":true,"contact":"coop"}`, http.StatusNotFound, "Idempotency-Key", "s1")
	want("POST", answer, gwen, `{"agree":true,"contact":"phone"}`, http.StatusUnprocessableEntity, "Idempotency-Key", "g2")
	want("POST", answer, gwen, `{"agree":true,"contact":"email"}`, http.StatusOK, "Idempotency-Key", "g3")
	want("POST", answer, rhys, `{"agree":true,"contact":"coop"}`, http.StatusOK, "Idempotency-Key", "r2")
	want("POST", answer, rhys, `{"agree":true,"contact":"coop"}`, http.StatusOK, "Idempotency-Key", "r3")

	var g, h buddies.Mine
	r.getJSON(t, "/v1/me/buddy", gwen, &g)
	r.getJSON(t, "/v1/me/buddy", rhys, &h)
	if g.Pairing == nil || g.Pairing.State != dpcoop.PairingActive || *g.Pairing.Buddy != (dpcoop.BuddyContact{FirstName: "Rhys", Channel: "coop"}) {
		t.Fatalf("Gwen sees %+v", g.Pairing)
	}
	if h.Pairing == nil || *h.Pairing.Buddy != (dpcoop.BuddyContact{FirstName: "Gwen", Channel: "email", Email: "gwen@demo.coop.example"}) {
		t.Fatalf("Rhys sees %+v", h.Pairing)
	}
	body := want("GET", "/v1/me/buddy", gwen, "", http.StatusOK)
	for _, leak := range []string{"Price", "rhys@", rhysID} {
		if strings.Contains(body, leak) {
			t.Errorf("Gwen's view holds %q: %s", leak, body)
		}
	}
	if body := want("GET", "/v1/me/buddy", sian, "", http.StatusOK); body != `{"request":null,"pairing":null}` {
		t.Errorf("Siân sees %s", body)
	}
	if sent := sentNotices(t, dir); sent[gwenID+" buddy_active"] != 1 || sent[rhysID+" buddy_active"] != 1 {
		t.Fatalf("active emails after a repeated answer: %v, want one each", sent)
	}

	want("PUT", "/v1/me/buddy/request", sian, `{}`, http.StatusOK, "Idempotency-Key", "s2")
	var counts buddies.Counts
	r.getJSON(t, "/v1/buddies/counts", admin, &counts)
	if counts != (buddies.Counts{Active: 1, Waiting: 1}) {
		t.Errorf("counts %+v, want 1 active and 1 waiting", counts)
	}
	r.getJSON(t, "/v1/buddies/requests", admin, &waiting)
	if len(waiting.Requests) != 1 || waiting.Requests[0].Member != sianID {
		t.Errorf("the admins see who is paired: %+v", waiting.Requests)
	}

	want("PUT", "/v1/me/notice-settings", rhys, `{"buddy":false}`, http.StatusOK, "Idempotency-Key", "r4")
	want("PUT", "/v1/me/notice-settings", rhys, `{"gossip":true}`, http.StatusUnprocessableEntity, "Idempotency-Key", "r5")
	want("POST", "/v1/me/buddy/pairings/"+made.ID+"/end", gwen, "", http.StatusNoContent, "Idempotency-Key", "g4")
	var mine struct{ Notices []dpcoop.PageNotice }
	r.getJSON(t, "/v1/me/notices", rhys, &mine)
	ended := slices.IndexFunc(mine.Notices, func(n dpcoop.PageNotice) bool { return n.Event == "buddy_ended" })
	if len(mine.Notices) != 3 || ended < 0 || mine.Notices[ended].Read {
		t.Fatalf("Rhys's notices %+v, want proposed, active and ended", mine.Notices)
	}
	if sent := sentNotices(t, dir); sent[rhysID+" buddy_ended"] != 0 {
		t.Errorf("Rhys turned buddy emails off but was sent %v", sent)
	}
	want("POST", "/v1/me/notices/"+mine.Notices[ended].ID+"/read", gwen, "", http.StatusNotFound, "Idempotency-Key", "g5")
	want("POST", "/v1/me/notices/"+mine.Notices[ended].ID+"/read", rhys, "", http.StatusNoContent, "Idempotency-Key", "r6")
	r.getJSON(t, "/v1/me/notices", rhys, &mine)
	if !mine.Notices[ended].Read {
		t.Errorf("the notice read is not marked: %+v", mine.Notices[ended])
	}
	r.getJSON(t, "/v1/buddies/counts", admin, &counts)
	if counts != (buddies.Counts{Waiting: 1}) {
		t.Errorf("counts after the end %+v", counts)
	}

	// Siân leaves the co-op: she waits for no one and cannot be paired.
	want("POST", "/v1/members/"+sianID+"/cease", admin, `{"date":"`+string(dpcoop.DateOf(testclock.Now()))+`","reason":"moved away"}`, http.StatusOK, "Idempotency-Key", "cease-sian")
	want("PUT", "/v1/me/buddy/request", gwen, `{}`, http.StatusOK, "Idempotency-Key", "g6")
	r.getJSON(t, "/v1/buddies/counts", admin, &counts)
	r.getJSON(t, "/v1/buddies/requests", admin, &waiting)
	if counts != (buddies.Counts{Waiting: 1}) || len(waiting.Requests) != 1 || waiting.Requests[0].Member != gwenID {
		t.Errorf("after Siân ceased: counts %+v, waiting %+v", counts, waiting.Requests)
	}
	want("POST", "/v1/buddies/pairings", admin, `{"member_a":"`+gwenID+`","member_b":"`+sianID+`"}`, http.StatusConflict, "Idempotency-Key", "pair-3")
}
