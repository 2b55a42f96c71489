package apigw_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/route"
)

// TestCoopBTokenReachesNothingOfCoopA calls every authenticated route with a
// token for another co-op, holding every role, aimed at co-op A's records.
func TestCoopBTokenReachesNothingOfCoopA(t *testing.T) {
	h := newHarness(t)
	h.demo()
	h.coop("intruder")
	id := h.applied("member", "Gwen Morgan")
	h.call(h.decide(id, "approve", "demo", "[admin]", "{}"), true)
	other := h.applied("member", "Rhys Price")
	for _, rt := range route.Table {
		if rt.Public() {
			continue
		}
		for _, target := range []string{id, other} {
			ev := at(fixture(t, "approve-application.json"), rt.Method, rt.Path, map[string]string{"id": target}, nil)
			ev = withJSON(as(ev, "intruder", target, "[admin member pa operator]"), `{"reason":"x","date":"2026-11-23"}`)
			if rt.Method == "GET" {
				ev.Body = ""
			}
			resp := h.api.Handle(t.Context(), ev)
			for _, leak := range []string{"Gwen", "Rhys", "example.org", "Lôn"} {
				if strings.Contains(resp.Body, leak) {
					t.Fatalf("%s leaked co-op A's data to co-op B: %s", rt.Key(), resp.Body)
				}
			}
			if resp.StatusCode >= 500 || (resp.StatusCode == http.StatusOK && strings.Contains(rt.Path, "{id}")) {
				t.Fatalf("%s from another co-op: %d %s", rt.Key(), resp.StatusCode, resp.Body)
			}
		}
	}
	a, _ := h.store.Application(t.Context(), "demo", other)
	m, _ := h.store.Member(t.Context(), "demo", id)
	if a.Status != "pending" || m.Ceased != "" {
		t.Fatal("co-op B changed co-op A's records")
	}
}
