package local_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestCeasingAMemberEndsTheirAccess on make dev's stack: the local identity
// is revoked (make token refuses them) and their unexpired token reads only
// their own records.
func TestCeasingAMemberEndsTheirAccess(t *testing.T) {
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	gwen := local.DemoID("gwen")
	token := r.token(t, "demo", gwen, dpcoop.RoleMember)
	if resp, body := r.do(t, "GET", "/v1/register", token, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("register before ceasing: %d %s", resp.StatusCode, body)
	}
	if resp, body := r.do(t, "POST", "/v1/members/"+gwen+"/cease", admin, "application/json", `{"date":"2026-11-23","reason":"moved away"}`); resp.StatusCode != http.StatusOK {
		t.Fatalf("cease: %d %s", resp.StatusCode, body)
	}
	if revoked, err := local.Revoked(r.dir, "demo", gwen); err != nil || !revoked {
		t.Fatalf("the local identity was not revoked: %v", err)
	}
	if resp, body := r.do(t, "GET", "/v1/register", token, "", ""); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, dpcoop.CodeAccessEnded) {
		t.Fatalf("register after ceasing: %d %s", resp.StatusCode, body)
	}
	if resp, body := r.do(t, "GET", "/v1/members/"+gwen+"/data", token, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("own data after ceasing: %d %s", resp.StatusCode, body)
	}
}
