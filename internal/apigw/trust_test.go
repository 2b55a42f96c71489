package apigw_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestIdempotencyKeyIsBoundToItsRequest: a key sent again with a different
// body, path or route is refused with 409 idempotency_key_reused, never
// answered with what the first request made; the same request again replays.
func TestIdempotencyKeyIsBoundToItsRequest(t *testing.T) {
	tm := newTeam(t)
	keyed := func(ev eventT) eventT { return withHeader(ev, "idempotency-key", "pay-once") }
	payment := func(member string, pence int) eventT {
		body := `{"amount_pence":` + itoa(pence) + `,"date":"2026-11-02","council":"ceredigion","period_from":"2026-11-01","period_to":"2026-11-30"}`
		return keyed(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": member}, body))
	}
	var gwen, again dpcoop.Entry
	tm.ok(payment(tm.gwen, 50000), 201).into(t, &gwen)
	tm.ok(payment(tm.gwen, 50000), 201).into(t, &again)
	if again.ID != gwen.ID {
		t.Fatal("the same request with the same key made a second entry")
	}
	reused := map[string]eventT{
		"another body":  payment(tm.gwen, 70000),
		"another path":  payment(tm.rhys, 50000),
		"another route": keyed(tm.admin("POST", "/v1/members/{id}/account/adjustments", map[string]string{"id": tm.gwen}, `{"amount_pence":-2500,"date":"2026-11-03","reason":"Bank charge"}`)),
		"a PUT":         keyed(tm.admin("PUT", "/v1/voting-rules", nil, `{"members_may_propose":true}`)),
	}
	for name, ev := range reused {
		resp := tm.call(ev, false)
		if resp.StatusCode != http.StatusConflict || problemOf(t, resp).Code != dpcoop.CodeIdempotencyMismatch {
			t.Errorf("%s: %d %s", name, resp.StatusCode, resp.Body)
		}
	}
	entries, err := tm.store.Entries(t.Context(), "demo")
	if err != nil || len(entries) != 1 {
		t.Fatalf("%v: %d entries, want Gwen's payment alone", err, len(entries))
	}
	// A request refused as invalid gives its key back for the corrected one.
	bad := withHeader(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.rhys}, `{"amount_pence":0}`), "idempotency-key", "fix-me")
	if resp := tm.call(bad, false); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid payment: %d", resp.StatusCode)
	}
	tm.ok(withHeader(payment(tm.rhys, 70000), "idempotency-key", "fix-me"), 201)
}

func itoa(n int) string { return strconv.Itoa(n) }
