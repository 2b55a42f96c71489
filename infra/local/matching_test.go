package local_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// lockedLog keeps the stack's logs for a test to read.
type lockedLog struct {
	sync.Mutex
	buf bytes.Buffer
}

func (l *lockedLog) Write(p []byte) (int, error) { l.Lock(); defer l.Unlock(); return l.buf.Write(p) }

func (l *lockedLog) String() string { l.Lock(); defer l.Unlock(); return l.buf.String() }

// TestMatchingOverTheAPI: PAs share a profile field by field (a value
// without agreement is refused and nothing kept), an approved applicant not
// yet employed shares one too, Gwen shares her preferences and sees the PAs
// who fit, ranked with reasons (the PA without Welsh, which she must have,
// left out); another member and another PA read nothing of hers or theirs;
// Catrin sees Gwen's need without her name or id and offers, and the admin
// reads the offer; withdrawing a field deletes its value from the item and
// withdrawing everything deletes the item; every read is in the audit trail
// and nothing shared reaches the logs.
func TestMatchingOverTheAPI(t *testing.T) {
	logs := &lockedLog{}
	dir := t.TempDir()
	r := launch(t, inSharedDB(t, local.Options{DataDir: dir, Log: logs, ServiceOrigins: []string{"http://localhost:1"}, Now: testclock.Clock()}))
	ctx := context.Background()
	gwen, rhys, catrin, tom, ffion := local.DemoID("gwen"), local.DemoID("rhys"), local.DemoID("catrin"), local.DemoID("tom"), local.DemoID("ffion")
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	tokens := map[string]string{
		gwen: r.token(t, "demo", gwen, dpcoop.RoleMember), rhys: r.token(t, "demo", rhys, dpcoop.RoleMember),
		catrin: r.token(t, "demo", catrin, dpcoop.RolePA), tom: r.token(t, "demo", tom, dpcoop.RolePA), ffion: r.token(t, "demo", ffion, dpcoop.RolePA),
	}
	send := r.sender(t, "match-test")
	profile := func(pa string) string { return "/v1/pas/" + pa + "/matching-profile" }
	prefs := "/v1/members/" + gwen + "/preferences"

	// A value given without agreeing to share it is refused, and nothing kept.
	out := send("PUT", profile(catrin), tokens[catrin], `{"consent":["languages"],"languages":["cy"],"faith":["christian_catholic"]}`, http.StatusUnprocessableEntity)
	if !strings.Contains(out, dpcoop.FieldMatchNoConsent) {
		t.Fatalf("refusal: %s", out)
	}
	if _, err := r.stack.Store.MatchProfile(ctx, local.DemoCoop, false, catrin); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Fatalf("a refused profile was kept: %v", err)
	}
	send("PUT", profile(catrin), tokens[catrin], `{"consent":["languages","gender","faith","support","area","times"],"languages":["cy","en"],"gender":["woman"],
		"faith":["christian_catholic"],"support":["personal_care","going_out"],"area":"Cardiff","times":["tue-morning","thu-evening"]}`, http.StatusOK)
	send("PUT", profile(tom), tokens[tom], `{"consent":["languages","gender","faith","support","area","times"],"languages":["en"],"gender":["man"],
		"faith":["muslim"],"support":["personal_care","driving"],"area":"Cardiff","times":["tue-morning"]}`, http.StatusOK)
	if out := send("GET", profile(catrin), tokens[catrin], "", http.StatusOK); !strings.Contains(out, "christian_catholic") || !strings.Contains(out, `"consented"`) {
		t.Fatalf("Catrin's own profile: %s", out)
	}
	// Ffion applied through the form: approved, her record is not yet
	// complete, and she can be matched.
	send("POST", "/v1/applications/"+ffion+"/approve", admin, `{}`, http.StatusOK)
	send("PUT", profile(ffion), tokens[ffion], `{"consent":["languages","support","area"],"languages":["cy"],"support":["personal_care"],"area":"cardiff"}`, http.StatusOK)

	send("PUT", prefs, tokens[gwen], `{"consent":["languages","faith","support","area","times"],"must":["languages"],"languages":["cy"],
		"faith":["christian_catholic"],"support":["personal_care"],"area":"Cardiff","times":["tue-morning"]}`, http.StatusOK)
	var ranked struct {
		PAs []struct {
			PA        string `json:"pa_id"`
			FirstName string `json:"first_name"`
			Applicant bool
			Score     int
			Reasons   []dpcoop.MatchReason
		}
	}
	if err := json.Unmarshal([]byte(send("GET", "/v1/members/"+gwen+"/matches", tokens[gwen], "", http.StatusOK)), &ranked); err != nil {
		t.Fatal(err)
	}
	if len(ranked.PAs) != 2 || ranked.PAs[0].PA != catrin || ranked.PAs[1].PA != ffion {
		t.Fatalf("ranked: %+v", ranked.PAs)
	}
	c, f := ranked.PAs[0], ranked.PAs[1]
	if c.FirstName != "Catrin" || c.Applicant || c.Score != 4 || c.Reasons[0] != (dpcoop.MatchReason{Field: dpcoop.MatchLanguages, Item: "cy", Must: true}) {
		t.Errorf("Catrin: %+v", c)
	}
	if !f.Applicant || f.Score != 2 {
		t.Errorf("Ffion, an applicant meeting support and area: %+v", f)
	}
	// The admin sees the same with her.
	send("GET", "/v1/members/"+gwen+"/matches", admin, "", http.StatusOK)

	// Gwen hears of a PA who matches her once that PA saves a profile: once
	// for each PA however often they save, and never of a PA who misses her
	// must (Tom has no Welsh).
	ffionProfile := `{"consent":["languages","support","area"],"languages":["cy"],"support":["personal_care"],"area":"cardiff"}`
	for range 2 {
		send("PUT", profile(ffion), tokens[ffion], ffionProfile, http.StatusOK)
	}
	send("PUT", profile(tom), tokens[tom], `{"consent":["languages","support"],"languages":["en"],"support":["personal_care"]}`, http.StatusOK)
	if told := sentNotices(t, dir)[gwen+" pa_match"]; told != 1 {
		t.Errorf("Gwen was told of a PA who matches %d times, want once (for Ffion)", told)
	}

	// Nobody else reads what Gwen or a PA shared.
	// Another member's or PA's answers as if it did not exist; a role the
	// route is not for is refused.
	for _, no := range []struct {
		path, token string
		status      int
	}{
		{prefs, tokens[rhys], http.StatusNotFound}, {"/v1/members/" + gwen + "/matches", tokens[rhys], http.StatusNotFound},
		{profile(catrin), tokens[tom], http.StatusNotFound}, {profile(catrin), tokens[gwen], http.StatusForbidden},
		{profile(catrin), admin, http.StatusForbidden}, {prefs, tokens[catrin], http.StatusForbidden},
	} {
		if resp, out := r.do(t, "GET", no.path, no.token, "", ""); resp.StatusCode != no.status || strings.Contains(out, "christian") {
			t.Errorf("GET %s by another: %d %s, want %d", no.path, resp.StatusCode, out, no.status)
		}
	}
	if resp, _ := r.do(t, "PUT", prefs, tokens[rhys], "application/json", `{"consent":[]}`, "Idempotency-Key", "match-rhys-put"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another member changed Gwen's preferences: %d", resp.StatusCode)
	}

	// Catrin sees Gwen's need without who she is, and offers; Tom, without
	// Welsh, does not see it and cannot offer against it.
	out = send("GET", "/v1/matching/needs", tokens[catrin], "", http.StatusOK)
	var needs struct{ Needs []dpcoop.MatchNeed }
	if err := json.Unmarshal([]byte(out), &needs); err != nil || len(needs.Needs) != 1 || needs.Needs[0].Area != "Cardiff" {
		t.Fatalf("needs: %s %v", out, err)
	}
	for _, secret := range []string{gwen, "Gwen", "Morgan", "christian_catholic", "faith"} {
		if strings.Contains(out, secret) {
			t.Errorf("a PA's view of needs shows %q: %s", secret, out)
		}
	}
	need := needs.Needs[0].Need
	if out := send("GET", "/v1/matching/needs", tokens[tom], "", http.StatusOK); strings.Contains(out, need) {
		t.Errorf("Tom sees a need whose hard requirement he does not meet: %s", out)
	}
	send("POST", "/v1/matching/needs/"+need+"/offers", tokens[tom], "", http.StatusNotFound)
	send("POST", "/v1/matching/needs/"+need+"/offers", tokens[catrin], "", http.StatusCreated)
	out = send("GET", "/v1/matching/offers", admin, "", http.StatusOK)
	if !strings.Contains(out, `"member_id":"`+gwen) || !strings.Contains(out, `"pa_id":"`+catrin) || !strings.Contains(out, "Gwen Morgan") {
		t.Fatalf("offers: %s", out)
	}
	send("GET", "/v1/matching/offers", tokens[catrin], "", http.StatusForbidden)

	// Withdrawing her faith deletes it from the item, not just the view.
	send("PUT", prefs, tokens[gwen], `{"consent":["languages","support"],"must":["languages"],"languages":["cy"],"support":["personal_care"]}`, http.StatusOK)
	item, err := r.stack.DB.Client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(r.stack.DB.Table), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: "T#demo"}, "SK": &types.AttributeValueMemberS{Value: "MATCH#M#" + gwen}}})
	if err != nil || item.Item == nil {
		t.Fatalf("read the item: %v", err)
	}
	for _, kept := range []string{"Languages", "Support", "Must", "Need"} {
		if _, ok := item.Item[kept]; !ok {
			t.Fatalf("no %s in the item: the checks below would prove nothing", kept)
		}
	}
	for _, gone := range []string{"Faith", "Area", "Times"} {
		if _, ok := item.Item[gone]; ok {
			t.Errorf("withdrawn %s is still stored", gone)
		}
	}
	if consented := item.Item["Consented"].(*types.AttributeValueMemberM).Value; len(consented) != 2 || consented["faith"] != nil {
		t.Errorf("consent kept for withdrawn fields: %v", consented)
	}
	send("DELETE", prefs, tokens[gwen], "", http.StatusNoContent)
	if _, err := r.stack.Store.MatchProfile(ctx, local.DemoCoop, true, gwen); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Fatalf("withdrawn preferences still stored: %v", err)
	}
	if out := send("GET", prefs, tokens[gwen], "", http.StatusOK); strings.Contains(out, "languages") {
		t.Errorf("after withdrawing: %s", out)
	}

	// Every read of what someone shared is in the trail; nothing shared is
	// in the logs.
	trail, err := r.stack.Store.AuditTrail(ctx, local.DemoCoop, testclock.Now().UTC().Format(dpcoop.MonthLayout), dpcoop.PageRequest{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	reads := map[string]int{}
	for _, e := range trail.Items {
		if e.Read && strings.HasPrefix(e.Action, "read matching profile") || e.Action == "match pas" || e.Action == "read needs" {
			reads[e.Action+" "+e.Target["person"]+" by "+e.Person]++
		}
	}
	for _, want := range []string{"match pas " + gwen + " by " + gwen, "match pas " + gwen + " by " + local.DemoAdmin,
		"read matching profile " + gwen + " by " + gwen, "read needs  by " + catrin, "read matching profile " + catrin + " by " + catrin} {
		if reads[want] == 0 {
			t.Errorf("no audit entry %q in %v", want, reads)
		}
	}
	text := logs.String()
	if !strings.Contains(text, "/v1/members/{id}/matches") {
		t.Fatalf("the logs did not record the requests:\n%.2000s", text)
	}
	for _, secret := range []string{"christian_catholic", "muslim", "Cardiff", "cardiff", "personal_care", "tue-morning", "woman", need} {
		if strings.Contains(text, secret) {
			t.Errorf("the logs hold %q", secret)
		}
	}
}
