package local_test

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// The passkey ceremonies' server side, short of an authenticator (the
// browser test, .tools/passkeys-test.mjs, adds and uses a real one): the
// options asked for, the CSRF token required, and a credential refused with
// a message when no ceremony was begun, when it is forged, and when the
// ceremony's challenge was used already.
func TestPagesPasskeyCeremoniesRefuseWhatTheyCannotCheck(t *testing.T) {
	c := &movingClock{t: testclock.Now()}
	r := launch(t, inSharedDB(t, local.Options{DataDir: t.TempDir(), Log: io.Discard, Now: c.now, ServiceOrigins: []string{"http://localhost:1"}}))
	b := newBrowser(t, r)
	resp, page := b.do(http.MethodGet, "/account/passkeys", nil)
	want(t, resp, page, http.StatusSeeOther, "/sign-in")
	resp, page = b.do(http.MethodGet, "/sign-in?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.Contains(page, `data-passkey="signin"`) || !strings.Contains(page, "Sign in with a passkey") {
		t.Fatalf("no passkey button on the sign-in page:\n%s", page)
	}
	refused := func(path string, form url.Values) {
		t.Helper()
		resp, page := b.post(path, form)
		var answer struct{ Next, Message string }
		if resp.StatusCode != http.StatusBadRequest || json.Unmarshal([]byte(page), &answer) != nil ||
			answer.Next != "" || !strings.Contains(answer.Message, "We could not accept that passkey") {
			t.Fatalf("POST %s: %d %s, want 400 and the message", path, resp.StatusCode, page)
		}
	}
	forged := url.Values{"credential": {`{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AAAA","signature":"AAAA","userHandle":"AAAA"}}`}}
	refused("/sign-in/passkey", forged)

	options := func(path string) map[string]any {
		t.Helper()
		resp, page := b.post(path, url.Values{})
		var o struct {
			PublicKey map[string]any `json:"publicKey"`
		}
		if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(page), &o) != nil || o.PublicKey["challenge"] == "" {
			t.Fatalf("POST %s: %d %s, want the options", path, resp.StatusCode, page)
		}
		return o.PublicKey
	}
	o := options("/sign-in/passkey/start")
	if o["rpId"] != "localhost" || o["userVerification"] != "required" {
		t.Fatalf("sign-in options: %v", o)
	}
	refused("/sign-in/passkey", forged)
	refused("/sign-in/passkey", forged) // the challenge answers once: a second try has no ceremony
	resp, page = b.do(http.MethodPost, "/sign-in/passkey/start", url.Values{})
	want(t, resp, page, http.StatusForbidden, "")

	b.signIn("tom")
	resp, page = b.do(http.MethodGet, "/account/passkeys?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.Contains(page, `data-passkey="add"`) || !strings.Contains(page, "You have no passkeys yet.") {
		t.Fatalf("the passkeys page:\n%s", page)
	}
	o = options("/account/passkeys/start")
	user, _ := o["user"].(map[string]any)
	sel, _ := o["authenticatorSelection"].(map[string]any)
	if user["id"] != base64.RawURLEncoding.EncodeToString([]byte(string(local.DemoCoop)+"\x00"+local.DemoID("tom"))) ||
		sel["residentKey"] != "required" || sel["userVerification"] != "required" {
		t.Fatalf("registration options: %v", o)
	}
	refused("/account/passkeys/add", url.Values{"credential": {`{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"oA"}}`}})
	resp, page = b.post("/account/passkeys/remove", url.Values{"id": {"not-one-of-toms"}})
	want(t, resp, page, http.StatusNotFound, "")
}

// A stack that does not know the origin its pages are served at (none given)
// offers no passkeys: no button, no pages.
func TestPagesWithoutOriginsOfferNoPasskeys(t *testing.T) {
	r, _ := startPages(t)
	b := newBrowser(t, r)
	resp, page := b.do(http.MethodGet, "/sign-in", nil)
	want(t, resp, page, http.StatusOK, "")
	if strings.Contains(page, "data-passkey") || strings.Contains(page, "passkeys.mjs") {
		t.Fatalf("passkeys offered:\n%s", page)
	}
	b.signIn("tom")
	resp, page = b.do(http.MethodGet, "/account/passkeys", nil)
	want(t, resp, page, http.StatusNotFound, "")
}
