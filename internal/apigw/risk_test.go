package apigw_test

import (
	"net/http"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestRiskAssessmentsThroughTheAPI: an admin records an assessment of
// Gwen's support and reviews it; Gwen and the PA supporting her read it;
// Rhys, and a PA who supports only Rhys, are told she is not found; no one
// but an admin may write one; a review date before the assessment is
// refused on its field.
func TestRiskAssessmentsThroughTheAPI(t *testing.T) {
	tm := newTeam(t)
	other := tm.hireUnchecked()
	path := map[string]string{"id": tm.gwen}
	list := func(who, groups string) (int, []dpcoop.RiskAssessment) {
		var v struct{ Assessments []dpcoop.RiskAssessment }
		resp := tm.call(as(tm.admin("GET", "/v1/members/{id}/risk-assessments", path, ""), "demo", who, groups), true)
		if resp.StatusCode == http.StatusOK {
			events200{resp.Body}.into(t, &v)
		}
		return resp.StatusCode, v.Assessments
	}
	if code, as := list(adminID, "[admin]"); code != 200 || len(as) != 0 {
		t.Fatalf("none yet: %d %+v", code, as)
	}
	body := `{"title":"Moving and handling","risks":"Two people for the hoist.","language":"en","assessed":"2026-11-02","review":"2027-05-02"}`
	var a dpcoop.RiskAssessment
	tm.ok(withHeader(tm.admin("POST", "/v1/members/{id}/risk-assessments", path, body), "idempotency-key", "risk-1"), 201).into(t, &a)
	tm.ok(withHeader(tm.admin("POST", "/v1/members/{id}/risk-assessments", path, body), "idempotency-key", "risk-1"), 201)
	review := `{"title":"Moving and handling","risks":"Two people for the hoist; a slide sheet.","language":"en","assessed":"2026-11-20","review":"2027-05-20"}`
	tm.ok(withHeader(tm.admin("PUT", "/v1/members/{id}/risk-assessments/{rid}", map[string]string{"id": tm.gwen, "rid": a.ID}, review), "idempotency-key", "risk-2"), 200)
	for _, who := range [][2]string{{adminID, "[admin]"}, {tm.gwen, "[member]"}, {tm.pa, "[pa]"}} {
		code, as := list(who[0], who[1])
		if code != 200 || len(as) != 1 || as[0].ID != a.ID || as[0].Review != "2027-05-20" {
			t.Errorf("%s reads: %d %+v", who[1], code, as)
		}
	}
	for _, who := range [][2]string{{tm.rhys, "[member]"}, {other, "[pa]"}} {
		if code, _ := list(who[0], who[1]); code != http.StatusNotFound {
			t.Errorf("%s %s reads Gwen's assessments: %d", who[1], who[0], code)
		}
	}
	for _, who := range [][2]string{{tm.gwen, "[member]"}, {tm.pa, "[pa]"}} {
		ev := as(withHeader(tm.admin("POST", "/v1/members/{id}/risk-assessments", path, body), "idempotency-key", "risk-3"), "demo", who[0], who[1])
		if resp := tm.call(ev, true); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s wrote an assessment: %d", who[1], resp.StatusCode)
		}
	}
	bad := tm.call(withHeader(tm.admin("POST", "/v1/members/{id}/risk-assessments", path, `{"title":"Falls","risks":"Rugs.","language":"cy","assessed":"2026-11-02","review":"2026-11-01"}`), "idempotency-key", "risk-4"), true)
	if fields(problemOf(t, bad))["review"] != dpcoop.FieldExpiryNotAfterStart {
		t.Fatalf("a review before the assessment: %d %s", bad.StatusCode, bad.Body)
	}
	if code, as := list(adminID, "[admin]"); code != 200 || len(as) != 1 {
		t.Fatalf("a retry or a refused one was written: %+v", as)
	}
	if resp := tm.call(withHeader(tm.admin("PUT", "/v1/members/{id}/risk-assessments/{rid}", map[string]string{"id": tm.rhys, "rid": a.ID}, review), "idempotency-key", "risk-5"), true); resp.StatusCode != http.StatusNotFound {
		t.Errorf("Gwen's assessment reviewed under Rhys: %d", resp.StatusCode)
	}
}
