package apigw_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/pacopy"
)

// TestALeaverGetsTheirCasesAndTraining: a disciplinary case goes on after
// the PA leaves (their sign-in revoked). Their copy holds their training and
// the case with its letters; they read it with a token from before they
// left (while their other routes are refused), an admin handling the case
// downloads it for them, an admin not handling it gets the training
// without the case, another PA gets 404 and a member 403. The log holds
// none of it.
func TestALeaverGetsTheirCasesAndTraining(t *testing.T) {
	tm := newTeam(t) // today is 2026-11-23
	id := map[string]string{"id": tm.pa}
	owain := tm.invitedAdmin("Owain Hughes", "owain@example.org")
	tm.ok(tm.admin("POST", "/v1/pas/{id}/training", id, `{"course":"first_aid","completed":"2024-01-10","expires":"2027-01-10","provider":"Ambiwlans Sant Ioan"}`), 201)
	var c dpcoop.Case
	tm.ok(withHeader(tm.admin("POST", "/v1/pas/{id}/cases", id, fmt.Sprintf(`{"kind":"disciplinary","opened":"2026-11-02","summary":%q}`, caseSecret)), "idempotency-key", "case-1"), 201).into(t, &c)
	tm.stage(c.ID, adminID, `{"stage":"investigation","on":"2026-11-02"}`, 201)
	tm.stage(c.ID, adminID, `{"stage":"invitation","on":"2026-11-05","meeting_on":"2026-11-12"}`, 201)
	tm.ok(tm.admin("POST", "/v1/pas/{id}/leave", id, `{"date":"2026-11-13"}`), 200)
	tm.stage(c.ID, adminID, `{"stage":"meeting","on":"2026-11-16"}`, 201)
	tm.stage(c.ID, adminID, `{"stage":"outcome","on":"2026-11-20","outcome":"first_written_warning","warning_expires":"2027-05-20"}`, 201)
	tm.logs.Reset()

	copyAs := func(who, groups string) (int, pacopy.Copy, string) {
		t.Helper()
		resp := tm.call(as(tm.admin("GET", "/v1/pas/{id}/employment-records", id, ""), "demo", who, groups), true)
		var got pacopy.Copy
		if resp.StatusCode == http.StatusOK {
			tm.ok(as(tm.admin("GET", "/v1/pas/{id}/employment-records", id, ""), "demo", who, groups), 200).into(t, &got)
		}
		return resp.StatusCode, got, resp.Body
	}
	for who, groups := range map[string]string{tm.pa: "[pa]", adminID: "[admin]"} {
		code, got, _ := copyAs(who, groups)
		if code != http.StatusOK || len(got.Training.Training) != 1 || len(got.Cases) != 1 || got.Cases[0].Summary != caseSecret {
			t.Fatalf("%s's copy: %d %+v", groups, code, got)
		}
		var letters []string
		for _, l := range got.Cases[0].Letters {
			letters = append(letters, string(l.Stage.Step))
		}
		if strings.Join(letters, ",") != "invitation,outcome" || !strings.Contains(strings.Join(got.Cases[0].Letters[1].Text.EN, " "), "appeal") {
			t.Fatalf("%s's copy: letters %v %+v", groups, letters, got.Cases[0].Letters)
		}
	}
	if resp := tm.call(as(tm.admin("GET", "/v1/pas/{id}/training", id, ""), "demo", tm.pa, "[pa]"), true); problemOf(t, resp).Code != dpcoop.CodeAccessEnded {
		t.Fatalf("the leaver's other reads: %d", resp.StatusCode)
	}
	if code, got, body := copyAs(owain, "[admin]"); code != http.StatusOK || len(got.Cases) != 0 || len(got.Training.Training) != 1 || strings.Contains(body, caseSecret) {
		t.Fatalf("an admin not handling the case: %d %s", code, body)
	}
	// Another PA is told the PA is not found; a member may not call it.
	for who, groups := range map[string]string{"otherpaaaaaaaaaaaaaa": "[pa]", tm.gwen: "[member]"} {
		if code, _, body := copyAs(who, groups); code != map[string]int{"[pa]": http.StatusNotFound, "[member]": http.StatusForbidden}[groups] || strings.Contains(body, caseSecret) {
			t.Errorf("%s: %d %s", groups, code, body)
		}
	}
	if strings.Contains(tm.logs.String(), caseSecret) || strings.Contains(tm.logs.String(), "first_aid") {
		t.Fatalf("the log holds the copy: %s", tm.logs.String())
	}
}
