package turnstile

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestVerifyAsksWithTheSecretAndToken stands in for Cloudflare's endpoint,
// which this machine cannot reach.
func TestVerifyAsksWithTheSecretAndToken(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		ok := r.PostForm.Get("secret") == "s3cret" && r.PostForm.Get("response") == "good" && r.PostForm.Get("remoteip") == "203.0.113.1"
		_ = json.NewEncoder(w).Encode(map[string]bool{"success": ok})
	}))
	defer srv.Close()
	v := New(srv.URL)
	if ok, err := v.Verify(context.Background(), "s3cret", "good", "203.0.113.1"); !ok || err != nil {
		t.Fatalf("good token: %v %v", ok, err)
	}
	if ok, err := v.Verify(context.Background(), "s3cret", "bad", "203.0.113.1"); ok || err != nil {
		t.Fatalf("bad token: %v %v", ok, err)
	}
	srv.Close()
	if _, err := v.Verify(context.Background(), "s3cret", "good", ""); !dpcoop.IsKind(err, dpcoop.KindUnavailable) {
		t.Fatalf("unreachable: %v", err)
	}
}
