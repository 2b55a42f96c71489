package local_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/route"
)

// TestAuthorisationMatrix calls every route of the route table over HTTP, as
// API Gateway's JWT authorizer and the handlers would see it: with no token,
// an expired token and a forged one; with every role of the demo co-op; and
// with every role of another co-op aimed at the demo co-op's records. Each
// answer is checked: refused where it must be, never a server error, and
// never another co-op's data. The stack runs on the tests' clock, and every
// token, the expired and forged ones too, is dated by the stack's own clock.
func TestAuthorisationMatrix(t *testing.T) {
	r := start(t, t.TempDir())
	t.Cleanup(func() { r.stack.Close() })
	now := r.stack.Now()
	month, last := now.In(dpcoop.London).Format(dpcoop.MonthLayout), lastMonth(now)
	gwen := local.DemoID("gwen")
	r.signup(t, "other-coop")
	ids := map[string]string{
		"id": gwen, "slug": "demo", "month": last, "member": gwen, "spending": gwen, "report": "journal",
	}
	path := func(rt route.Route) string {
		p := rt.Path
		for k, v := range ids {
			p = strings.ReplaceAll(p, "{"+k+"}", v)
		}
		return p
	}
	body := func(rt route.Route) (string, string) {
		if rt.Method == "GET" {
			return "", ""
		}
		return "application/json", `{}`
	}
	secret := []string{"Gwen Morgan", "gwen@demo.coop.example", "Heol y Dderwen", "AB123456C", "66374958"}
	expired := r.tokenWith(t, jwt.MapClaims{"iss": local.Issuer, "aud": local.Audience, "sub": local.DemoAdmin, "exp": now.Add(-time.Hour).Unix(),
		"custom:coop": "demo", "custom:person": local.DemoAdmin, "cognito:groups": []string{"admin"}})
	forged, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"iss": local.Issuer, "aud": local.Audience, "sub": local.DemoAdmin,
		"exp": now.Add(time.Hour).Unix(), "custom:coop": "demo", "custom:person": local.DemoAdmin, "cognito:groups": []string{"admin"}}).SignedString([]byte("an attacker's own key, 32 bytes!"))
	calls := 0
	for _, rt := range route.Table {
		ct, b := body(rt)
		p := path(rt)
		if rt.Path == "/v1/shifts" && rt.Method == "GET" || rt.Path == "/v1/coop/summary" || strings.HasSuffix(rt.Path, "/account") || strings.HasSuffix(rt.Path, "/statement") {
			p += "?month=" + month
		}
		check := func(who string, token string, ok func(int, string) bool) {
			t.Helper()
			resp, out := r.do(t, rt.Method, p, token, ct, b)
			calls++
			if resp.StatusCode >= 500 || !ok(resp.StatusCode, out) {
				t.Errorf("%s as %s: %d %.200s", rt.Key(), who, resp.StatusCode, out)
			}
		}
		if rt.Public() {
			check("nobody", "", func(c int, _ string) bool { return c != http.StatusUnauthorized && c != http.StatusForbidden })
			continue
		}
		for name, tok := range map[string]string{"no token": "", "expired": expired, "forged": forged} {
			check(name, tok, func(c int, _ string) bool { return c == http.StatusUnauthorized })
		}
		for _, role := range dpcoop.Roles {
			person := local.DefaultPerson("demo", role)
			allowed := slices.Contains(rt.Roles, role)
			check("demo "+string(role), r.token(t, "demo", person, role), func(c int, out string) bool {
				if allowed {
					// The role may call the route; a co-op's own rule may still
					// say no (members proposing motions), but not the role check.
					return c != http.StatusUnauthorized && !strings.Contains(out, `"code":"forbidden"`)
				}
				return c == http.StatusForbidden && strings.Contains(out, `"code":"forbidden"`)
			})
			// Another co-op's member of each role, aimed at the demo's records.
			resp, out := r.do(t, rt.Method, p, r.token(t, "other-coop", person, role), ct, b)
			calls++
			for _, s := range secret {
				if strings.Contains(out, s) {
					t.Errorf("%s as another co-op's %s leaked %q", rt.Key(), role, s)
				}
			}
			if resp.StatusCode >= 500 || (resp.StatusCode/100 == 2 && strings.Contains(rt.Path, "{id}")) {
				t.Errorf("%s as another co-op's %s: %d %.200s", rt.Key(), role, resp.StatusCode, out)
			}
		}
	}
	// A member sees only their own account, statement and register entry.
	rhys := r.token(t, "demo", local.DemoID("rhys"), dpcoop.RoleMember)
	for _, p := range []string{"/v1/members/" + gwen + "/account?month=" + month, "/v1/members/" + gwen + "/statement?month=" + month, "/v1/members/" + gwen} {
		if resp, out := r.do(t, "GET", p, rhys, "", ""); resp.StatusCode != http.StatusNotFound || strings.Contains(out, "Gwen") {
			t.Errorf("Rhys read %s: %d", p, resp.StatusCode)
		}
	}
	t.Logf("%d calls over %d routes", calls, len(route.Table))
}
