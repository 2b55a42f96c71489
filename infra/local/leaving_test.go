package local_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/activities"
	"github.com/dpcoop/dpcoop/internal/buddies"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestLeavingEndsWhatWasShared: Gwen shares match preferences (Catrin
// offers to meet her need), is Rhys's active buddy, says she is coming to
// an activity that has begun and to one still to come, and has a calendar
// feed; Siân waits for a buddy. The admin ceases both, Gwen's cessation
// sent twice: her preferences and the offer to her are deleted, the
// pairing ends and Rhys is told once, only that it ended; her answer to
// the activity to come is gone (its count drops) while the one that began
// stays; her feed's address is not found; Siân's request is withdrawn. Each
// step is in the audit trail and nothing she shared reaches the logs. Her
// copy of her data holds each part of it before, and what stays after. Then
// Catrin leaves: her profile is deleted, Rhys's matches no longer hold
// her, while Ffion, an applicant not yet hired, is still matched.
func TestLeavingEndsWhatWasShared(t *testing.T) {
	var clock atomic.Int64
	clock.Store(november.UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	logs := &lockedLog{}
	dir := t.TempDir()
	r := launch(t, inSharedDB(t, local.Options{DataDir: dir, Log: logs, Now: now, RetryMS: "5"}))
	t.Cleanup(func() { r.stack.Close() })
	ctx := context.Background()
	gwenID, sianID, rhysID, catrinID, ffionID := local.DemoID("gwen"), local.DemoID("sian"), local.DemoID("rhys"), local.DemoID("catrin"), local.DemoID("ffion")
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	gwen := r.token(t, "demo", gwenID, dpcoop.RoleMember)
	sian := r.token(t, "demo", sianID, dpcoop.RoleMember)
	rhys := r.token(t, "demo", rhysID, dpcoop.RoleMember)
	catrin := r.token(t, "demo", catrinID, dpcoop.RolePA)
	ffion := r.token(t, "demo", ffionID, dpcoop.RolePA)
	send := r.sender(t, "leave-test")

	// What Gwen shares.
	send("PUT", "/v1/pas/"+catrinID+"/matching-profile", catrin, `{"consent":["languages","faith","support"],"languages":["cy"],"faith":["christian_catholic"],"support":["personal_care"]}`, http.StatusOK)
	send("POST", "/v1/applications/"+ffionID+"/approve", admin, `{}`, http.StatusOK)
	send("PUT", "/v1/pas/"+ffionID+"/matching-profile", ffion, `{"consent":["languages","support"],"languages":["cy"],"support":["personal_care"]}`, http.StatusOK)
	send("PUT", "/v1/members/"+gwenID+"/preferences", gwen, `{"consent":["languages","faith"],"languages":["cy"],"faith":["christian_catholic"]}`, http.StatusOK)
	var needs struct{ Needs []dpcoop.MatchNeed }
	json.Unmarshal([]byte(send("GET", "/v1/matching/needs", catrin, "", http.StatusOK)), &needs)
	if len(needs.Needs) != 1 {
		t.Fatalf("Catrin sees %d needs, want Gwen's", len(needs.Needs))
	}
	send("POST", "/v1/matching/needs/"+needs.Needs[0].Need+"/offers", catrin, "", http.StatusCreated)

	send("PUT", "/v1/me/buddy/request", gwen, `{}`, http.StatusOK)
	send("PUT", "/v1/me/buddy/request", rhys, `{}`, http.StatusOK)
	var made buddies.Proposed
	json.Unmarshal([]byte(send("POST", "/v1/buddies/pairings", admin, `{"member_a":"`+gwenID+`","member_b":"`+rhysID+`"}`, http.StatusCreated)), &made)
	send("POST", "/v1/me/buddy/pairings/"+made.ID+"/answer", gwen, `{"agree":true,"contact":"coop"}`, http.StatusOK)
	send("POST", "/v1/me/buddy/pairings/"+made.ID+"/answer", rhys, `{"agree":true,"contact":"coop"}`, http.StatusOK)
	send("PUT", "/v1/me/buddy/request", sian, `{"note":"walks"}`, http.StatusOK)

	activity := func(day string) dpcoop.Activity {
		var a dpcoop.Activity
		json.Unmarshal([]byte(send("POST", "/v1/activities", admin, `{"title_en":"Walk","title_cy":"Taith gerdded","description_en":"A walk.","description_cy":"Taith.","starts_at":"2026-11-`+day+`T12:00","ends_at":"2026-11-`+day+`T15:00","place":"Barry Island"}`, http.StatusCreated)), &a)
		return a
	}
	begun, toCome := activity("25"), activity("30")
	for _, a := range []dpcoop.Activity{begun, toCome} {
		send("PUT", "/v1/activities/"+a.ID+"/my-answer", gwen, `{"coming":true}`, http.StatusOK)
		send("PUT", "/v1/activities/"+a.ID+"/my-answer", sian, `{"coming":true}`, http.StatusOK)
	}
	var feed struct{ Token, Path string }
	json.Unmarshal([]byte(send("POST", "/v1/me/calendar-feed", gwen, "", http.StatusCreated)), &feed)
	if resp, _ := r.do(t, "GET", feed.Path, "", "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("Gwen's feed before she left: %d", resp.StatusCode)
	}

	// Gwen's copy of her data holds each part of what she shared, and
	// nothing of Rhys but his first name and the channel he chose.
	body := send("GET", "/v1/members/"+gwenID+"/data", gwen, "", http.StatusOK)
	shared := func(body string) dpcoop.SubjectShared {
		t.Helper()
		var copy struct{ Shared *dpcoop.SubjectShared }
		if err := json.Unmarshal([]byte(body), &copy); err != nil || copy.Shared == nil {
			t.Fatalf("no shared part in the copy (%v): %.500s", err, body)
		}
		return *copy.Shared
	}
	sh := shared(body)
	if p := sh.MatchPreferences; p == nil || len(p.Faith) != 1 || p.Faith[0] != "christian_catholic" || p.Consented[dpcoop.MatchFaith].IsZero() {
		t.Errorf("the copy's preferences: %+v", p)
	}
	if sh.BuddyRequest == nil || sh.BuddyRequest.Member != gwenID {
		t.Errorf("the copy's buddy request: %+v", sh.BuddyRequest)
	}
	if len(sh.BuddyPairings) != 1 || sh.BuddyPairings[0] != (dpcoop.SubjectPairing{ID: made.ID, State: dpcoop.PairingActive, Created: sh.BuddyPairings[0].Created,
		Changed: sh.BuddyPairings[0].Changed, MyContact: "coop", BuddyFirstName: "Rhys", BuddyChannel: "coop"}) {
		t.Errorf("the copy's pairings: %+v", sh.BuddyPairings)
	}
	if sh.NoticeSettings.Off == nil || len(sh.Notices) < 3 {
		t.Errorf("the copy's notice settings %+v and notices %+v", sh.NoticeSettings, sh.Notices)
	}
	if len(sh.ActivityAnswers) != 2 || !sh.CalendarFeed {
		t.Errorf("the copy's answers %+v, feed %v", sh.ActivityAnswers, sh.CalendarFeed)
	}
	for _, secret := range []string{feed.Token, rhysID, "Price"} {
		if strings.Contains(body, secret) {
			t.Errorf("Gwen's copy holds %q", secret)
		}
	}

	// The first activity has begun; Gwen ceases, her cessation sent twice.
	clock.Store(time.Date(2026, 11, 27, 10, 0, 0, 0, dpcoop.London).UnixNano())
	admin = r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	rhys = r.token(t, "demo", rhysID, dpcoop.RoleMember)
	cease := `{"date":"2026-11-27","reason":"moved away"}`
	send("POST", "/v1/members/"+gwenID+"/cease", admin, cease, http.StatusOK)
	send("POST", "/v1/members/"+gwenID+"/cease", admin, cease, http.StatusOK)
	send("POST", "/v1/members/"+sianID+"/cease", admin, cease, http.StatusOK)

	if _, err := r.stack.Store.MatchProfile(ctx, local.DemoCoop, true, gwenID); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Errorf("Gwen's preferences are still stored: %v", err)
	}
	if offers, err := r.stack.Store.MatchOffers(ctx, local.DemoCoop); err != nil || len(offers) != 0 {
		t.Errorf("offers after Gwen left: %+v %v", offers, err)
	}

	var mine buddies.Mine
	r.getJSON(t, "/v1/me/buddy", rhys, &mine)
	if mine.Pairing != nil || mine.Request != nil {
		t.Errorf("Rhys still has %+v", mine)
	}
	var notices struct{ Notices []dpcoop.PageNotice }
	r.getJSON(t, "/v1/me/notices", rhys, &notices)
	closed := 0
	for _, x := range notices.Notices {
		if x.Event == "buddy_closed" {
			closed++
		}
	}
	if closed != 1 || sentNotices(t, dir)[rhysID+" buddy_closed"] != 1 {
		t.Errorf("Rhys was told %d times on his page, %d by email, want once each", closed, sentNotices(t, dir)[rhysID+" buddy_closed"])
	}
	reqs, err := r.stack.Store.BuddyRequests(ctx, local.DemoCoop)
	if err != nil || len(reqs) != 0 {
		t.Errorf("buddy requests after Gwen and Siân left: %+v %v", reqs, err)
	}

	for _, c := range []struct {
		a    dpcoop.Activity
		want int
	}{{begun, 2}, {toCome, 0}} {
		got, err := r.stack.Store.Attendances(ctx, local.DemoCoop, c.a.ID)
		if err != nil || len(got) != c.want {
			t.Errorf("answers to the activity of %s: %+v %v, want %d", c.a.Start, got, err, c.want)
		}
	}
	var list []activities.Listed
	json.Unmarshal([]byte(send("GET", "/v1/activities", rhys, "", http.StatusOK)), &list)
	if len(list) != 1 || list[0].ID != toCome.ID || list[0].Coming != 0 {
		t.Errorf("Rhys's list after they left: %+v", list)
	}
	if resp, _ := r.do(t, "GET", feed.Path, "", "", ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("Gwen's feed after she left: %d, want 404", resp.StatusCode)
	}

	// The copy the admin reads for her now: no preferences, no feed, the
	// ended pairing as it was, the answer to the activity that began.
	sh = shared(send("GET", "/v1/members/"+gwenID+"/data", admin, "", http.StatusOK))
	if sh.MatchPreferences != nil || sh.CalendarFeed || sh.BuddyRequest != nil || len(sh.ActivityAnswers) != 1 ||
		len(sh.BuddyPairings) != 1 || sh.BuddyPairings[0].State != dpcoop.PairingEnded {
		t.Errorf("Gwen's copy after she left: %+v", sh)
	}

	trail, err := r.stack.Store.AuditTrail(ctx, local.DemoCoop, "2026-11", dpcoop.PageRequest{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	steps := map[string]int{}
	for _, e := range trail.Items {
		if strings.HasPrefix(e.Action, "member left: ") && e.Target["person"] == gwenID {
			steps[e.Action]++
		}
	}
	if len(steps) != 3 {
		t.Errorf("Gwen's leaving's steps in the trail: %v, want 3", steps)
	}

	// Catrin leaves: Rhys's matches hold Ffion, the applicant, not Catrin.
	send("POST", "/v1/pas/"+catrinID+"/leave", admin, `{"date":"2026-11-27"}`, http.StatusOK)
	if _, err := r.stack.Store.MatchProfile(ctx, local.DemoCoop, false, catrinID); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Errorf("Catrin's profile is still stored after she left: %v", err)
	}
	send("PUT", "/v1/members/"+rhysID+"/preferences", rhys, `{"consent":["languages"],"languages":["cy"]}`, http.StatusOK)
	var ranked struct {
		PAs []struct {
			PA string `json:"pa_id"`
		}
	}
	json.Unmarshal([]byte(send("GET", "/v1/members/"+rhysID+"/matches", rhys, "", http.StatusOK)), &ranked)
	if len(ranked.PAs) != 1 || ranked.PAs[0].PA != ffionID {
		t.Errorf("Rhys's matches after Catrin left: %+v, want Ffion only", ranked.PAs)
	}

	for _, secret := range []string{"christian_catholic", "personal_care"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the logs hold %q", secret)
		}
	}
}
