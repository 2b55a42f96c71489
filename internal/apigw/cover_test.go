package apigw_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/cover"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestCoverReasonOnlyForAdmins: the reason a PA gives for not working a
// planned shift reaches the admins, and neither the member, the PA, another
// PA nor the logs; the requests and answers match the OpenAPI document.
func TestCoverReasonOnlyForAdmins(t *testing.T) {
	const reason = "appointment at the fertility clinic"
	tm := newTeam(t)
	var plan cover.Plan
	body := `{"pa_id":"` + tm.pa + `","members":["` + tm.gwen + `"],"date":"2026-11-24","start":"09:00","end":"13:00","notes":"shopping"}`
	tm.ok(withHeader(tm.admin("POST", "/v1/rota", nil, body), "idempotency-key", "plan-1"), http.StatusCreated).into(t, &plan)
	if plan.PAName != "Catrin" || plan.NeedsCover || plan.Role != dpcoop.RotaAdmin {
		t.Fatalf("plan %+v", plan)
	}
	id := map[string]string{"id": plan.ID}
	paEv := func(method, pattern, body string) eventT {
		return as(withJSON(tm.admin(method, pattern, id, "{}"), body), "demo", tm.pa, "[pa]")
	}
	tm.ok(paEv("POST", "/v1/rota/{id}/cannot", `{"reason":"`+reason+`"}`), http.StatusOK)

	var seen cover.Plan
	tm.ok(tm.admin("GET", "/v1/rota/{id}", id, ""), http.StatusOK).into(t, &seen)
	if seen.Cannot == nil || seen.Cannot.Reason != reason || seen.Why != dpcoop.AwayCannot || !seen.NeedsCover {
		t.Fatalf("the admin's view %+v", seen)
	}
	for who, ev := range map[string]eventT{
		"the member": as(tm.admin("GET", "/v1/rota/{id}", id, ""), "demo", tm.gwen, "[member]"),
		"the PA":     as(tm.admin("GET", "/v1/rota/{id}", id, ""), "demo", tm.pa, "[pa]"),
	} {
		resp := tm.call(ev, true)
		if resp.StatusCode != http.StatusOK || strings.Contains(resp.Body, "fertility") || !strings.Contains(resp.Body, `"needs_cover":true`) {
			t.Errorf("%s: %d %s", who, resp.StatusCode, resp.Body)
		}
	}
	other := as(tm.admin("GET", "/v1/rota/{id}", id, ""), "demo", "otherpaaaaaaaaaaaaaa", "[pa]")
	if resp := tm.call(other, true); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another PA: %d %s", resp.StatusCode, resp.Body)
	}
	rhys := as(tm.admin("GET", "/v1/rota/{id}", id, ""), "demo", tm.rhys, "[member]")
	if resp := tm.call(rhys, true); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another member: %d %s", resp.StatusCode, resp.Body)
	}
	if strings.Contains(tm.logs.String(), "fertility") || strings.Contains(tm.logs.String(), "shopping") {
		t.Fatal("the reason or notes reached the logs")
	}
}
