package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
)

// TestEasyReadFollowsThePerson: Easy Read turned on in one browser is kept
// on the person's record, so a sign-in from another browser (no cookies)
// starts in Easy Read, and turned off the same way; the member's record (the
// API's) says so beside their language.
func TestEasyReadFollowsThePerson(t *testing.T) {
	b := newBrowser(t, "webeasy")
	easy := func() bool {
		_, page := b.do(http.MethodGet, "/member", nil)
		if !strings.Contains(page, "Easy Read: turn") {
			t.Fatalf("no Easy Read switch on the member's home:\n%s", page)
		}
		return strings.Contains(page, "Easy Read: turn off")
	}
	b.signIn("en", "rhys@demo.coop.example")
	if easy() {
		t.Fatal("Easy Read is on before anyone turned it on")
	}
	for _, on := range []bool{true, false} {
		b.do(http.MethodPost, "/easy-read", url.Values{"easy": {map[bool]string{true: "on", false: "off"}[on]}, "back": {"/member"}})
		m, err := b.stack.Store.Member(t.Context(), local.DemoCoop, local.DemoID("rhys"))
		if err != nil {
			t.Fatal(err)
		}
		if m.EasyRead != on {
			t.Errorf("the member's record says Easy Read %v, want %v", m.EasyRead, on)
		}
		b.signIn("en", "rhys@demo.coop.example")
		if got := easy(); got != on {
			t.Errorf("after signing in again elsewhere Easy Read is %v, want %v", got, on)
		}
	}
	// A PA's setting is kept on their PA record.
	b.signIn("en", "tom@demo.coop.example")
	b.do(http.MethodGet, "/pa", nil)
	b.do(http.MethodPost, "/easy-read", url.Values{"easy": {"on"}, "back": {"/pa"}})
	pa, err := b.stack.Store.PA(t.Context(), local.DemoCoop, local.DemoID("tom"))
	if err != nil {
		t.Fatal(err)
	}
	if !pa.EasyRead {
		t.Error("the PA's record does not keep Easy Read")
	}
}
