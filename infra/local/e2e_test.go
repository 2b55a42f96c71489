package local_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

type running struct {
	stack *local.Stack
	base  string
	dir   string // the data folder, where the local secret is
}

// start runs the local stack on the tests' clock (internal/testclock): the
// demo co-op is seeded as on that day, with the month before it worked.
func start(t *testing.T, dir string) *running {
	t.Helper()
	return launch(t, inSharedDB(t, local.Options{DataDir: dir, Log: io.Discard, ServiceOrigins: []string{"http://localhost:1"}, Now: testclock.Clock()}))
}

// secret is the local secret make dev's own endpoints require, read from
// the data folder as make payroll-tick reads it.
func (r *running) secret(t *testing.T) string {
	t.Helper()
	s, err := local.LoadSecret(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (r *running) do(t *testing.T, method, path, token, contentType, body string, headers ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, r.base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r.checkHired(t, method, path, token, resp, string(b))
	return resp, string(b)
}

// sender sends JSON requests as a test's people, each with an
// Idempotency-Key of its own (prefix and a count), and fails the test on any
// status but the one wanted; it gives the answer's body.
func (r *running) sender(t *testing.T, prefix string) func(method, path, token, body string, want int) string {
	n := 0
	return func(method, path, token, body string, want int) string {
		t.Helper()
		n++
		resp, out := r.do(t, method, path, token, "application/json", body, "Idempotency-Key", fmt.Sprintf("%s-%03d", prefix, n))
		if resp.StatusCode != want {
			t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, out, want)
		}
		return out
	}
}

func (r *running) token(t *testing.T, coop, person string, role dpcoop.Role) string {
	t.Helper()
	tok, err := r.stack.Tokens.Mint(dpcoop.CoopID(coop), person, []dpcoop.Role{role}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestSignupApplyApproveRegisterOverHTTP is the walking skeleton end to end:
// a co-op signs up, a person applies from its website, an admin approves, and
// the register shows them, across a restart of the stack.
func TestSignupApplyApproveRegisterOverHTTP(t *testing.T) {
	dir := t.TempDir()
	r := start(t, dir)

	resp, body := r.do(t, "POST", "/v1/coops", "", "application/json",
		`{"name_en":"Moncare","name_cy":"Moncare","slug":"moncare","contact_email":"hello@moncare.example","registered_office":"Y Fenni NP7 5AA","origins":["https://moncare.example"],"language":"en"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("signup: %d %s", resp.StatusCode, body)
	}
	var created struct{ Admin struct{ ID string } }
	json.Unmarshal([]byte(body), &created)

	form := url.Values{"kind": {"member"}, "name": {"Eleri Watkins"}, "email": {"eleri@example.org"}, "address": {"4 Stryd y Farchnad, Y Fenni"},
		"language": {"cy"}, "consent_electronic": {"yes"}, "support_needs": {"uses BSL"}, "website": {""}, "nonce": {"n-1"}, "redirect": {"https://moncare.example/diolch"}}
	resp, _ = r.do(t, "POST", "/v1/public/coops/moncare/applications", "", "application/x-www-form-urlencoded", form.Encode())
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "https://moncare.example/diolch?") {
		t.Fatalf("apply: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp2, _ := r.do(t, "POST", "/v1/public/coops/moncare/applications", "", "application/x-www-form-urlencoded", form.Encode())
	if resp2.Header.Get("Location") != resp.Header.Get("Location") {
		t.Fatal("a double submit gave a different answer")
	}

	admin := r.token(t, "moncare", created.Admin.ID, dpcoop.RoleAdmin)
	resp, body = r.do(t, "GET", "/v1/applications?status=pending", admin, "", "")
	var pending dpcoop.Page[dpcoop.Application]
	json.Unmarshal([]byte(body), &pending)
	if resp.StatusCode != http.StatusOK || len(pending.Items) != 1 || pending.Items[0].Name != "Eleri Watkins" {
		t.Fatalf("pending: %d %s", resp.StatusCode, body)
	}
	id := pending.Items[0].ID
	if resp, body = r.do(t, "POST", "/v1/applications/"+id+"/approve", admin, "application/json", "{}"); resp.StatusCode != http.StatusOK {
		t.Fatalf("approve: %d %s", resp.StatusCode, body)
	}

	r.stack.Close()
	r = start(t, dir) // the journal brings everything back
	defer r.stack.Close()
	admin = r.token(t, "moncare", created.Admin.ID, dpcoop.RoleAdmin)
	resp, body = r.do(t, "GET", "/v1/register", admin, "", "", "Accept", "text/csv")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if resp.StatusCode != http.StatusOK || err != nil || len(rows) != 2 {
		t.Fatalf("register: %d %v %s", resp.StatusCode, err, body)
	}
	if rows[1][0] != id || rows[1][2] != "Eleri Watkins" || rows[1][6] != "1" || rows[1][7] != "1.00" || rows[1][8] != "100" || rows[1][10] == "" {
		t.Fatalf("register row: %v", rows[1])
	}
	// Another co-op's admin sees none of it.
	demoAdmin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	if _, body = r.do(t, "GET", "/v1/register", demoAdmin, "", ""); strings.Contains(body, "Eleri") {
		t.Fatal("the demo co-op's admin read moncare's register")
	}
}

func TestDemoCoopIsSeededOnce(t *testing.T) {
	dir := t.TempDir()
	r := start(t, dir)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	_, body := r.do(t, "GET", "/v1/members", admin, "", "")
	var page dpcoop.Page[dpcoop.Member]
	json.Unmarshal([]byte(body), &page)
	if len(page.Items) != 4 {
		t.Fatalf("want 3 members and a supporter, got %s", body)
	}
	_, body = r.do(t, "GET", "/v1/applications", admin, "", "")
	if !strings.Contains(body, "Dewi Thomas") || !strings.Contains(body, "Ffion Roberts") {
		t.Fatalf("pending applications: %s", body)
	}
	member := r.token(t, "demo", local.DefaultPerson("demo", dpcoop.RoleMember), dpcoop.RoleMember)
	if resp, body := r.do(t, "GET", "/v1/members/"+local.DemoID("gwen"), member, "", ""); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Gwen Morgan") {
		t.Fatalf("a member reading their own entry: %d %s", resp.StatusCode, body)
	}
	r.stack.Close()
	r = start(t, dir)
	defer r.stack.Close()
	_, body = r.do(t, "GET", "/v1/members", r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin), "", "")
	json.Unmarshal([]byte(body), &page)
	if len(page.Items) != 4 {
		t.Fatalf("after a restart: %s", body)
	}
}

// TestRouterVerifiesTokensLikeTheJWTAuthorizer refuses what API Gateway would.
func TestRouterVerifiesTokensLikeTheJWTAuthorizer(t *testing.T) {
	r := start(t, t.TempDir())
	defer r.stack.Close()
	good := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	if resp, _ := r.do(t, "GET", "/v1/members", good, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("a good token was refused: %d", resp.StatusCode)
	}
	sign := func(claims jwt.MapClaims, key []byte, method jwt.SigningMethod) string {
		s, err := jwt.NewWithClaims(method, claims).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	claims := func(mod func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{"iss": local.Issuer, "aud": local.Audience, "sub": local.DemoAdmin, "exp": r.stack.Now().Add(time.Hour).Unix(),
			"custom:coop": "demo", "custom:person": local.DemoAdmin, "cognito:groups": []string{"admin"}}
		mod(c)
		return c
	}
	forged := sign(claims(func(jwt.MapClaims) {}), []byte("not the key at all, 32 bytes...."), jwt.SigningMethodHS256)
	unsigned, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims(func(jwt.MapClaims) {})).SignedString(jwt.UnsafeAllowNoneSignatureType)
	parts := strings.Split(good, ".")
	for name, tok := range map[string]string{
		"none":     "",
		"garbage":  "abc.def.ghi",
		"forged":   forged,
		"unsigned": unsigned,
		"tampered": parts[0] + "." + strings.TrimRight(parts[1], "=") + "x." + parts[2],
		"expired":  r.tokenWith(t, claims(func(c jwt.MapClaims) { c["exp"] = r.stack.Now().Add(-time.Minute).Unix() })),
		"audience": r.tokenWith(t, claims(func(c jwt.MapClaims) { c["aud"] = "someone-else" })),
		"issuer":   r.tokenWith(t, claims(func(c jwt.MapClaims) { c["iss"] = "https://evil.example" })),
		"no exp":   r.tokenWith(t, claims(func(c jwt.MapClaims) { delete(c, "exp") })),
	} {
		if resp, body := r.do(t, "GET", "/v1/members", tok, "", ""); resp.StatusCode != http.StatusUnauthorized || strings.Contains(body, "Gwen") {
			t.Errorf("%s token: %d", name, resp.StatusCode)
		}
	}
}

// lastMonth is the month before now's, in London: the month the demo co-op's
// seeded shifts are in.
func lastMonth(now time.Time) string {
	now = now.In(dpcoop.London)
	return now.AddDate(0, 0, -now.Day()).Format(dpcoop.MonthLayout)
}

func (r *running) tokenWith(t *testing.T, c jwt.MapClaims) string {
	return r.stack.Tokens.TokenWith(t, c)
}

// TestTimesheetOverHTTP hires a PA, links them to a member, and has the PA
// record and submit a shift that the member approves and the admin exports.
func TestTimesheetOverHTTP(t *testing.T) {
	r := start(t, t.TempDir())
	defer r.stack.Close()
	now := r.stack.Now()
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	// The last day before today that is not a bank holiday (the expected pay
	// is at the standard rate), for a PA hired and employed since the start
	// of that day's tax year.
	d := now.In(dpcoop.London).AddDate(0, 0, -1)
	for dpcoop.IsBankHoliday(dpcoop.DateOf(d)) {
		d = d.AddDate(0, 0, -1)
	}
	day := d.Format(dpcoop.DateLayout)
	end, _ := dpcoop.TaxYearEnd(dpcoop.Date(day))
	hired := fmt.Sprintf("%d-04-06", end.Time().Year()-1)
	resp, body := r.do(t, "POST", "/v1/pas", admin, "application/json", `{"legal_name":"Ffion Roberts","email":"ffion@example.org","address":"9 Heol Las, Llanelli",
		"language":"cy","date_of_birth":"1995-07-01","ni_number":"JK 11 22 33 A","starter_declaration":"B","start_date":"`+hired+`"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("hire: %d %s", resp.StatusCode, body)
	}
	var pa dpcoop.PA
	json.Unmarshal([]byte(body), &pa)
	gwen := local.DemoID("gwen")
	resp, body = r.do(t, "POST", "/v1/employments", admin, "application/json",
		`{"pa_id":"`+pa.ID+`","member_id":"`+gwen+`","rates":{"standard_pence":1345,"night_pence":1400,"sleep_in_pence":9000,"bank_holiday_pence":2690},"start_date":"`+hired+`"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("employ: %d %s", resp.StatusCode, body)
	}
	paToken := r.token(t, "demo", pa.ID, dpcoop.RolePA)
	resp, body = r.do(t, "POST", "/v1/shifts", paToken, "application/json", `{"date":"`+day+`","start":"06:00","end":"07:30","members":["`+gwen+`"],"miles":3}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("record: %d %s", resp.StatusCode, body)
	}
	var s dpcoop.Shift
	json.Unmarshal([]byte(body), &s)
	if resp, body = r.do(t, "POST", "/v1/shifts/"+s.ID+"/submit", paToken, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("submit: %d %s", resp.StatusCode, body)
	}
	member := r.token(t, "demo", gwen, dpcoop.RoleMember)
	if resp, body = r.do(t, "POST", "/v1/shifts/"+s.ID+"/approve", member, "", ""); resp.StatusCode != http.StatusOK || !strings.Contains(body, `"status":"approved"`) {
		t.Fatalf("approve: %d %s", resp.StatusCode, body)
	}
	resp, body = r.do(t, "GET", "/v1/shifts?month="+day[:7]+"&pa="+pa.ID, admin, "", "", "Accept", "text/csv")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if resp.StatusCode != http.StatusOK || err != nil || len(rows) != 2 || rows[1][0] != s.ID || rows[1][7] != "90" || rows[1][9] != "20.18" || rows[1][10] != "2018" || rows[1][11] != "Approved" {
		t.Fatalf("export: %d %v %q", resp.StatusCode, err, body)
	}
}

func TestDemoHasLastMonthsApprovedShifts(t *testing.T) {
	r := start(t, t.TempDir())
	defer r.stack.Close()
	last := lastMonth(r.stack.Now())
	_, body := r.do(t, "GET", "/v1/shifts?month="+last+"&status=approved", r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin), "", "")
	var res struct {
		Items  []dpcoop.Shift
		Totals struct {
			ByPA []struct {
				ID      string `json:"id"`
				Minutes int64  `json:"minutes"`
			} `json:"by_pa"`
		}
	}
	json.Unmarshal([]byte(body), &res)
	if len(res.Items) < 15 || len(res.Totals.ByPA) != 2 {
		t.Fatalf("the demo's last month: %d shifts, %d PAs", len(res.Items), len(res.Totals.ByPA))
	}
}

// signup makes another co-op through the API, so a token for it is one a
// real co-op's person could hold.
func (r *running) signup(t *testing.T, slug string) {
	t.Helper()
	resp, body := r.do(t, "POST", "/v1/coops", "", "application/json",
		`{"name_en":"Other","name_cy":"Arall","slug":"`+slug+`","contact_email":"board@`+slug+`.example","registered_office":"Y Bala LL23 7AA","origins":["https://`+slug+`.example"],"language":"cy"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("signup %s: %d %s", slug, resp.StatusCode, body)
	}
}
