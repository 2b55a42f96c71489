package apigw_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// caseSecret is in the case's summary: it must reach only the admins
// handling the case and the PA.
const caseSecret = "Arrived late on 3 shifts ZX81"

// invitedAdmin invites another admin through the API.
func (tm *team) invitedAdmin(name, email string) string {
	var a dpcoop.Access
	tm.ok(tm.admin("POST", "/v1/people", nil, fmt.Sprintf(`{"name":%q,"email":%q,"language":"cy"}`, name, email)), 201).into(tm.t, &a)
	return a.Person
}

// caseCall is a call about a case by who, in groups.
func (tm *team) caseCall(method, pattern string, params map[string]string, who, groups, body string) eventT {
	ev := as(at(fixture(tm.t, "approve-application.json"), method, pattern, params, nil), "demo", who, groups)
	ev.Body = ""
	if body != "" {
		ev = withJSON(ev, body)
	}
	return ev
}

// stage adds a stage to case id as who.
func (tm *team) stage(id, who, body string, status int) dpcoop.Case {
	var c dpcoop.Case
	tm.ok(tm.caseCall("PATCH", "/v1/cases/{id}", map[string]string{"id": id}, who, "[admin]", body), status).into(tm.t, &c)
	return c
}

func TestCaseVisibleOnlyToItsAdminsAndThePA(t *testing.T) {
	tm := newTeam(t)
	tm.now = tm.now.AddDate(0, 0, 14) // 7 December 2026
	eira := tm.invitedAdmin("Eira Lloyd", "eira@example.org")
	owain := tm.invitedAdmin("Owain Hughes", "owain@example.org")
	tm.logs.Reset()

	open := fmt.Sprintf(`{"kind":"disciplinary","opened":"2026-11-02","summary":%q,"admins":[%q]}`, caseSecret, eira)
	ev := withHeader(tm.admin("POST", "/v1/pas/{id}/cases", map[string]string{"id": tm.pa}, open), "idempotency-key", "case-1")
	var c dpcoop.Case
	tm.ok(ev, 201).into(t, &c)
	if c.PA != tm.pa || len(c.Admins) != 2 || c.Admins[0] != adminID || c.Admins[1] != eira || c.Summary != caseSecret {
		t.Fatalf("case %+v", c)
	}
	if resp := tm.call(ev, true); resp.StatusCode != 201 || resp.Headers["idempotent-replayed"] != "true" {
		t.Fatalf("the same request again: %d %v", resp.StatusCode, resp.Headers)
	}
	// A member named as handling it is refused, and nothing is written.
	bad := strings.Replace(open, eira, tm.gwen, 1)
	if p := problemOf(t, tm.call(tm.admin("POST", "/v1/pas/{id}/cases", map[string]string{"id": tm.pa}, bad), true)); fields(p)["admins"] != dpcoop.FieldNotAnAdmin {
		t.Fatalf("%+v", p)
	}
	var list struct{ Items []dpcoop.Case }
	tm.ok(tm.admin("GET", "/v1/pas/{id}/cases", map[string]string{"id": tm.pa}, ""), 200).into(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != c.ID {
		t.Fatalf("cases %+v", list.Items)
	}

	// The stages, in order, by either admin handling it.
	tm.stage(c.ID, adminID, `{"stage":"investigation","on":"2026-11-02"}`, 201)
	tm.stage(c.ID, eira, `{"stage":"invitation","on":"2026-11-05","meeting_on":"2026-11-12"}`, 201)
	if p := problemOf(t, tm.call(tm.caseCall("PATCH", "/v1/cases/{id}", map[string]string{"id": c.ID}, adminID, "[admin]", `{"stage":"appeal","on":"2026-11-13","meeting_on":"2026-11-20"}`), true)); fields(p)["stage"] != dpcoop.FieldStageNotNext {
		t.Fatalf("an appeal before the outcome: %+v", p)
	}
	if p := problemOf(t, tm.call(tm.caseCall("PATCH", "/v1/cases/{id}", map[string]string{"id": c.ID}, adminID, "[admin]", `{"stage":"meeting","on":"2026-11-04"}`), true)); fields(p)["on"] != dpcoop.FieldBeforeLastStage {
		t.Fatalf("a meeting before its invitation: %+v", p)
	}
	tm.stage(c.ID, adminID, `{"stage":"meeting","on":"2026-11-12"}`, 201)
	outcome := `{"stage":"outcome","on":"2026-11-16","outcome":"first_written_warning","warning_expires":"2027-05-16"}`
	again := withHeader(tm.caseCall("PATCH", "/v1/cases/{id}", map[string]string{"id": c.ID}, adminID, "[admin]", outcome), "idempotency-key", "outcome-1")
	tm.ok(again, 201)
	var after dpcoop.Case
	tm.ok(again, 201).into(t, &after) // the same request again adds nothing
	if len(after.Stages) != 4 || after.Stages[3].AppealBy != "2026-11-26" {
		t.Fatalf("stages %+v", after.Stages)
	}

	// The PA sees their case and its letters, but may not change it.
	tm.ok(tm.caseCall("GET", "/v1/cases/{id}", map[string]string{"id": c.ID}, tm.pa, "[pa]", ""), 200)
	tm.ok(tm.caseCall("GET", "/v1/pas/{id}/cases", map[string]string{"id": tm.pa}, tm.pa, "[pa]", ""), 200).into(t, &list)
	if len(list.Items) != 1 {
		t.Fatalf("the PA's cases: %+v", list.Items)
	}
	if resp := tm.call(tm.caseCall("PATCH", "/v1/cases/{id}", map[string]string{"id": c.ID}, tm.pa, "[pa]", `{"stage":"closed","on":"2026-11-20"}`), true); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("the PA adding a stage: %d", resp.StatusCode)
	}
	var letter struct {
		dpcoop.CaseLetter
		Text struct{ CY, EN []string }
	}
	tm.ok(tm.caseCall("GET", "/v1/cases/{id}/letters/{stage}", map[string]string{"id": c.ID, "stage": "invitation"}, tm.pa, "[pa]", ""), 200).into(t, &letter)
	if en := strings.Join(letter.Text.EN, " "); !strings.Contains(en, "right to be accompanied") || !strings.Contains(en, "12/11/2026") {
		t.Fatalf("invitation %q", en)
	}
	pdf := withHeader(tm.caseCall("GET", "/v1/cases/{id}/letters/{stage}", map[string]string{"id": c.ID, "stage": "outcome"}, eira, "[admin]", ""), "accept", "application/pdf")
	if resp := tm.call(pdf, true); resp.StatusCode != 200 || resp.Headers["content-type"] != "application/pdf" {
		t.Fatalf("outcome letter: %d %v", resp.StatusCode, resp.Headers)
	}
	// No letter for a stage without one (outside the document), nor for one
	// not reached.
	for stage, documented := range map[string]bool{"meeting": false, "nonsense": false, "appeal": true} {
		if resp := tm.call(tm.caseCall("GET", "/v1/cases/{id}/letters/{stage}", map[string]string{"id": c.ID, "stage": stage}, adminID, "[admin]", ""), documented); resp.StatusCode != http.StatusNotFound {
			t.Errorf("letter of %s: %d", stage, resp.StatusCode)
		}
	}

	// Anyone else is told the case does not exist: an admin not handling
	// it, another PA, a member. They get the same answer as for a case that
	// never existed.
	others := map[string][2]string{"another admin": {owain, "[admin]"}, "another PA": {"otherpaaaaaaaaaaaaaa", "[pa]"}, "a member": {tm.gwen, "[member]"}}
	for name, who := range others {
		for _, id := range []string{c.ID, "nocaseaaaaaaaaaaaaaa"} {
			for _, ev := range []eventT{
				tm.caseCall("GET", "/v1/cases/{id}", map[string]string{"id": id}, who[0], who[1], ""),
				tm.caseCall("PATCH", "/v1/cases/{id}", map[string]string{"id": id}, who[0], who[1], `{"stage":"closed","on":"2026-11-20"}`),
				tm.caseCall("GET", "/v1/cases/{id}/letters/{stage}", map[string]string{"id": id, "stage": "invitation"}, who[0], who[1], ""),
			} {
				resp := tm.call(ev, true)
				if resp.StatusCode != http.StatusNotFound || problemOf(t, resp).Code != dpcoop.CodeNotFound || strings.Contains(resp.Body, caseSecret) {
					t.Errorf("%s: %s %s: %d %s", name, ev.RouteKey, id, resp.StatusCode, resp.Body)
				}
			}
		}
	}
	tm.ok(tm.caseCall("GET", "/v1/pas/{id}/cases", map[string]string{"id": tm.pa}, owain, "[admin]", ""), 200).into(t, &list)
	if len(list.Items) != 0 {
		t.Errorf("an admin not handling it lists %+v", list.Items)
	}
	for name, who := range map[string][2]string{"another PA": others["another PA"], "a member": others["a member"]} {
		if resp := tm.call(tm.caseCall("GET", "/v1/pas/{id}/cases", map[string]string{"id": tm.pa}, who[0], who[1], ""), true); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s lists the PA's cases: %d", name, resp.StatusCode)
		}
	}
	if resp := tm.call(tm.caseCall("POST", "/v1/pas/{id}/cases", map[string]string{"id": tm.pa}, tm.pa, "[pa]", open), true); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a PA opening a case: %d", resp.StatusCode)
	}

	// The logs never carry it; the audit trail says a case changed, not how.
	if strings.Contains(tm.logs.String(), caseSecret) || strings.Contains(tm.logs.String(), "first_written_warning") {
		t.Error("the case's content is in the logs")
	}
	trail := tm.call(at(tm.admin("GET", "/v1/audit", nil, ""), "GET", "/v1/audit", nil, map[string][]string{"month": {"2026-12"}}), true)
	if trail.StatusCode != 200 || !strings.Contains(trail.Body, "PATCH /v1/cases/{id}") || !strings.Contains(trail.Body, c.ID) {
		t.Fatalf("audit: %d %s", trail.StatusCode, trail.Body)
	}
	if strings.Contains(trail.Body, caseSecret) || strings.Contains(trail.Body, "first_written_warning") || strings.Contains(trail.Body, "2027-05-16") {
		t.Errorf("the audit trail holds the case's content: %s", trail.Body)
	}
}
