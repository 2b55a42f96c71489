package local_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/activities"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestActivitiesOverHTTP: the admin puts a Sunday outing on the calendar,
// charged to a pool Gwen and Siân share; the request sent twice is one
// activity and one notice per member. Gwen and Siân say they are coming
// (Rhys says yes, then no): the admin sees who, Rhys sees only how many.
// Gwen's calendar feed lists it by her secret token; a wrong or replaced
// token is refused. After the day, the admin makes Catrin's shared shift
// from it (a draft of hers, for both members, charged to the pool) and
// charges the cost to the pool as spending of that month, which the pooling
// step shares.
func TestActivitiesOverHTTP(t *testing.T) {
	var clock atomic.Int64
	clock.Store(november.UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	r := launch(t, inSharedDB(t, local.Options{DataDir: t.TempDir(), Log: io.Discard, Now: now, RetryMS: "5"}))
	t.Cleanup(func() { r.stack.Close() })
	ctx := context.Background()
	gwenID, sianID, rhysID, catrinID := local.DemoID("gwen"), local.DemoID("sian"), local.DemoID("rhys"), local.DemoID("catrin")
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	gwen := r.token(t, "demo", gwenID, dpcoop.RoleMember)
	sian := r.token(t, "demo", sianID, dpcoop.RoleMember)
	rhys := r.token(t, "demo", rhysID, dpcoop.RoleMember)
	catrin := r.token(t, "demo", catrinID, dpcoop.RolePA)
	want := func(method, path, token, body string, status int, headers ...string) string {
		t.Helper()
		resp, out := r.do(t, method, path, token, "application/json", body, headers...)
		if resp.StatusCode != status {
			t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, out, status)
		}
		return out
	}

	var pool dpcoop.Pool
	json.Unmarshal([]byte(want("POST", "/v1/pools", admin, `{"name_en":"Sunday club","name_cy":"Clwb dydd Sul","purpose_en":"Outings","purpose_cy":"Teithiau","rule":"equal_share","spending_limit_pence":10000}`, http.StatusCreated, "Idempotency-Key", "pool")), &pool)
	for _, m := range []string{gwenID, sianID} {
		want("POST", "/v1/pools/"+pool.ID+"/members", admin, `{"consent":true,"member_id":"`+m+`","joined":"2026-11-01"}`, http.StatusCreated, "Idempotency-Key", "join"+m)
		want("POST", "/v1/members/"+m+"/account/payments", admin, `{"amount_pence":150000,"date":"2026-11-01","council":"cardiff","period_from":"2026-11-01","period_to":"2026-11-30"}`, http.StatusCreated, "Idempotency-Key", "pay"+m)
	}

	outing := fmt.Sprintf(`{"title_en":"Beach day, with lunch","title_cy":"Diwrnod ar y traeth, gyda chinio","description_en":"Sand; sea.","description_cy":"Tywod; môr.","starts_at":"2026-11-29T12:00","ends_at":"2026-11-29T15:00","place":"Barry Island","access_en":"Ramp to the beach.","access_cy":"Ramp i'r traeth.","cost_pence":4001,"pool_id":%q}`, pool.ID)
	// Bad input: a bilingual problem per field, nothing written.
	bad := want("POST", "/v1/activities", admin, `{"title_en":"x","cost_pence":500}`, http.StatusUnprocessableEntity, "Idempotency-Key", "bad")
	for _, code := range []string{`"title_cy"`, dpcoop.FieldPoolNeeded} {
		if !strings.Contains(bad, code) {
			t.Errorf("problem lacks %s: %s", code, bad)
		}
	}
	want("POST", "/v1/activities", gwen, outing, http.StatusForbidden, "Idempotency-Key", "g")
	var act dpcoop.Activity
	json.Unmarshal([]byte(want("POST", "/v1/activities", admin, outing, http.StatusCreated, "Idempotency-Key", "outing")), &act)
	want("POST", "/v1/activities", admin, outing, http.StatusCreated, "Idempotency-Key", "outing") // a retry
	if all, _ := r.stack.Store.Activities(ctx, "demo"); len(all) != 1 {
		t.Fatalf("%d activities after a retry", len(all))
	}
	// One notice each, however often the request came.
	for _, tok := range []string{gwen, sian} {
		var ns struct{ Notices []dpcoop.PageNotice }
		r.getJSON(t, "/v1/me/notices", tok, &ns)
		n := 0
		for _, x := range ns.Notices {
			if x.Kind == dpcoop.NoticeNewActivity && x.Event == "new_activity" {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%d new_activity notices: %+v", n, ns)
		}
	}

	want("PUT", "/v1/activities/"+act.ID+"/my-answer", gwen, `{"coming":true}`, http.StatusOK, "Idempotency-Key", "g1")
	want("PUT", "/v1/activities/"+act.ID+"/my-answer", sian, `{"coming":true}`, http.StatusOK, "Idempotency-Key", "s1")
	want("PUT", "/v1/activities/"+act.ID+"/my-answer", rhys, `{"coming":true}`, http.StatusOK, "Idempotency-Key", "r1")
	want("PUT", "/v1/activities/"+act.ID+"/my-answer", rhys, `{"coming":false}`, http.StatusOK, "Idempotency-Key", "r2")
	want("PUT", "/v1/activities/"+act.ID+"/my-answer", admin, `{"coming":true}`, http.StatusForbidden, "Idempotency-Key", "a1")
	want("PUT", "/v1/activities/"+act.ID+"/my-answer", gwen, `{}`, http.StatusUnprocessableEntity, "Idempotency-Key", "g0")

	var who []activities.Attendee
	json.Unmarshal([]byte(want("GET", "/v1/activities/"+act.ID+"/coming", admin, "", http.StatusOK)), &who)
	if len(who) != 2 || !strings.Contains(who[0].Name+who[1].Name, "Gwen") {
		t.Fatalf("who is coming: %+v", who)
	}
	want("GET", "/v1/activities/"+act.ID+"/coming", rhys, "", http.StatusForbidden)
	listed := want("GET", "/v1/activities", rhys, "", http.StatusOK)
	var list []activities.Listed
	json.Unmarshal([]byte(listed), &list)
	if len(list) != 1 || list[0].Coming != 2 || list[0].Mine == nil || *list[0].Mine {
		t.Fatalf("Rhys's list: %s", listed)
	}
	if strings.Contains(listed, gwenID) || strings.Contains(listed, sianID) || strings.Contains(listed, "Gwen") {
		t.Fatalf("Rhys sees who is coming: %s", listed)
	}
	want("GET", "/v1/activities", catrin, "", http.StatusOK)

	// Gwen's feed, by her token; Welsh is her language.
	var feed struct{ Token, Path string }
	json.Unmarshal([]byte(want("POST", "/v1/me/calendar-feed", gwen, "", http.StatusCreated, "Idempotency-Key", "f1")), &feed)
	resp, ics := r.do(t, "GET", feed.Path, "", "", "")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("feed: %d %s", resp.StatusCode, ics)
	}
	for _, s := range []string{"UID:" + act.ID + "@", "DTSTART:20261129T120000Z", `SUMMARY:Diwrnod ar y traeth\, gyda chinio`} {
		if !strings.Contains(ics, s) {
			t.Errorf("feed lacks %q: %s", s, ics)
		}
	}
	if strings.Contains(ics, sianID) || strings.Contains(ics, "Siân") || strings.Contains(ics, "Beach day") {
		t.Errorf("the feed shows another member or English: %s", ics)
	}
	wrong := strings.Replace(feed.Path, feed.Token, strings.Repeat("a", len(feed.Token)), 1)
	if resp, _ := r.do(t, "GET", wrong, "", "", ""); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("a wrong token: %d", resp.StatusCode)
	}
	var again struct{ Token, Path string }
	json.Unmarshal([]byte(want("POST", "/v1/me/calendar-feed", gwen, "", http.StatusCreated, "Idempotency-Key", "f2")), &again)
	if resp, _ := r.do(t, "GET", feed.Path, "", "", ""); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("a replaced token: %d", resp.StatusCode)
	}
	if resp, _ := r.do(t, "GET", again.Path, "", "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("the new token: %d", resp.StatusCode)
	}

	// Before the day neither a shift nor the charge can be made.
	want("POST", "/v1/activities/"+act.ID+"/charge", admin, "", http.StatusConflict, "Idempotency-Key", "c0")
	want("POST", "/v1/activities/"+act.ID+"/shifts", admin, `{"pa_id":"`+catrinID+`"}`, http.StatusUnprocessableEntity, "Idempotency-Key", "s0")

	// The day after.
	clock.Store(time.Date(2026, 11, 30, 10, 0, 0, 0, dpcoop.London).UnixNano())
	admin = r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	var sh dpcoop.Shift
	json.Unmarshal([]byte(want("POST", "/v1/activities/"+act.ID+"/shifts", admin, `{"pa_id":"`+catrinID+`"}`, http.StatusCreated, "Idempotency-Key", "s1")), &sh)
	if sh.PA != catrinID || sh.Pool != pool.ID || sh.Status != dpcoop.ShiftDraft || len(sh.Members) != 2 || sh.Minutes() != 180 {
		t.Fatalf("shift %+v", sh)
	}
	var sh2 dpcoop.Shift
	json.Unmarshal([]byte(want("POST", "/v1/activities/"+act.ID+"/shifts", admin, `{"pa_id":"`+catrinID+`"}`, http.StatusCreated, "Idempotency-Key", "s2")), &sh2)
	if sh2.ID != sh.ID {
		t.Fatalf("a second shift %s", sh2.ID)
	}
	catrin = r.token(t, "demo", catrinID, dpcoop.RolePA)
	want("POST", "/v1/shifts/"+sh.ID+"/submit", catrin, "", http.StatusOK, "Idempotency-Key", "sub")

	json.Unmarshal([]byte(want("POST", "/v1/activities/"+act.ID+"/charge", admin, "", http.StatusOK, "Idempotency-Key", "c1")), &act)
	want("POST", "/v1/activities/"+act.ID+"/charge", admin, "", http.StatusOK, "Idempotency-Key", "c2")
	fund, err := r.stack.Store.AccountEntries(ctx, "demo", dpcoop.PoolAccount(pool.ID), "2026-01-01", "2026-12-31")
	if err != nil {
		t.Fatal(err)
	}
	var spent int64
	for _, e := range fund {
		// What the pooling step counts as the pool's costs of a month.
		if e.Source == dpcoop.SourcePoolSpending && e.From == dpcoop.PoolAccount(pool.ID) && e.Month == "2026-11" {
			spent += e.Amount
		}
	}
	if act.Spending == "" || spent != 4001 {
		t.Fatalf("spending %q, pool spent %d in November", act.Spending, spent)
	}
	want("POST", "/v1/activities/"+act.ID+"/cancel", admin, "", http.StatusConflict, "Idempotency-Key", "x1")
}
