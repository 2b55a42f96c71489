package local_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// movingClock is a test clock the test moves on.
type movingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movingClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *movingClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// startPages runs the local stack on a clock the test moves.
func startPages(t *testing.T) (*running, *movingClock) {
	t.Helper()
	c := &movingClock{t: testclock.Now()}
	return launch(t, inSharedDB(t, local.Options{DataDir: t.TempDir(), Log: io.Discard, Now: c.now})), c
}

// browser keeps cookies as a browser does for http://localhost, where
// Chromium accepts Secure cookies (Go's cookie jar would not send them).
type browser struct {
	t       *testing.T
	r       *running
	cookies map[string]*http.Cookie
	csrf    string
}

func newBrowser(t *testing.T, r *running) *browser {
	return &browser{t: t, r: r, cookies: map[string]*http.Cookie{}}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// do sends a request with the browser's cookies and keeps those it is
// given; it remembers the last CSRF token a page showed.
func (b *browser) do(method, path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.r.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range b.cookies {
		req.AddCookie(c)
	}
	resp, err := client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	page, _ := io.ReadAll(resp.Body)
	if m := csrfField.FindSubmatch(page); m != nil {
		b.csrf = string(m[1])
	}
	return resp, string(page)
}

// post sends a form with the browser's CSRF token.
func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	form.Set("csrf", b.csrf)
	return b.do(http.MethodPost, path, form)
}

// want fails unless the answer has the status (and, for a redirect, goes
// to location).
func want(t *testing.T, resp *http.Response, page string, status int, location string) {
	t.Helper()
	if resp.StatusCode != status || location != "" && resp.Header.Get("Location") != location {
		t.Fatalf("%s %s: status %d location %q, want %d %q\n%s", resp.Request.Method, resp.Request.URL.Path,
			resp.StatusCode, resp.Header.Get("Location"), status, location, page)
	}
}

// lastCode is the last one-time code the local outbox delivered to email.
func lastCode(t *testing.T, r *running, email string) string {
	t.Helper()
	f, err := os.Open(filepath.Join(r.dir, "outbox", "codes.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	code := ""
	for s := bufio.NewScanner(f); s.Scan(); {
		var c struct{ Email, Code string }
		if json.Unmarshal(s.Bytes(), &c) == nil && c.Email == email {
			code = c.Code
		}
	}
	if code == "" {
		t.Fatalf("no code was sent to %s", email)
	}
	return code
}

// signIn signs a demo person in by the code sent to their email.
func (b *browser) signIn(key string) {
	b.t.Helper()
	resp, page := b.tryCode(key)
	want(b.t, resp, page, http.StatusSeeOther, "/")
}

// tryCode asks for a sign-in code for the demo person key and sends it,
// answering what the code's page answered (it may refuse them).
func (b *browser) tryCode(key string) (*http.Response, string) {
	b.t.Helper()
	email := key + "@demo.coop.example"
	b.do(http.MethodGet, "/sign-in", nil)
	resp, page := b.post("/sign-in", url.Values{"email": {email}})
	want(b.t, resp, page, http.StatusSeeOther, "/sign-in/code")
	return b.post("/sign-in/code", url.Values{"code": {lastCode(b.t, b.r, email)}})
}

func TestPagesSignInWithAnEmailedCode(t *testing.T) {
	r, _ := startPages(t)
	b := newBrowser(t, r)
	resp, page := b.do(http.MethodGet, "/pa", nil)
	want(t, resp, page, http.StatusSeeOther, "/sign-in")
	resp, page = b.do(http.MethodGet, "/sign-in", nil)
	want(t, resp, page, http.StatusOK, "")
	for h, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Strict-Transport-Security": "max-age=63072000; includeSubDomains"} {
		if resp.Header.Get(h) != v {
			t.Errorf("%s: %q, want %q", h, resp.Header.Get(h), v)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("Content-Security-Policy: %q", csp)
	}
	c := b.cookies["dpcoop_session"]
	if c == nil || !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v: want Secure, HttpOnly, SameSite=Lax", c)
	}

	resp, page = b.post("/sign-in", url.Values{"email": {"not an email"}})
	want(t, resp, page, http.StatusBadRequest, "")
	if !strings.Contains(page, "govuk-error-summary") || !strings.Contains(page, `value="not an email"`) {
		t.Errorf("a bad email should be shown with the error summary and kept:\n%s", page)
	}
	resp, page = b.post("/sign-in", url.Values{"email": {"Catrin@demo.coop.example "}})
	want(t, resp, page, http.StatusSeeOther, "/sign-in/code")
	resp, page = b.post("/sign-in/code", url.Values{"code": {"not-it"}})
	want(t, resp, page, http.StatusBadRequest, "")
	before := b.cookies["dpcoop_session"].Value
	resp, page = b.post("/sign-in/code", url.Values{"code": {lastCode(t, r, "catrin@demo.coop.example")}})
	want(t, resp, page, http.StatusSeeOther, "/")
	after := b.cookies["dpcoop_session"].Value
	if after == before {
		t.Error("signing in should give the session a new id")
	}
	resp, page = b.do(http.MethodGet, "/", nil)
	want(t, resp, page, http.StatusSeeOther, "/pa")
	resp, page = b.do(http.MethodGet, "/pa", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.Contains(page, `<html lang="cy"`) || !strings.Contains(page, "Eich shifftiau") {
		t.Errorf("Catrin's stored language is Welsh; her home page should be too:\n%s", page)
	}

	// The code cannot be used again, and no item holds the session's id.
	b2 := newBrowser(t, r)
	b2.do(http.MethodGet, "/sign-in", nil)
	b2.post("/sign-in", url.Values{"email": {"tom@demo.coop.example"}})
	resp, page = b2.post("/sign-in/code", url.Values{"code": {lastCode(t, r, "catrin@demo.coop.example")}})
	want(t, resp, page, http.StatusBadRequest, "")
	out, err := r.stack.DB.Client.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(r.stack.DB.Table)})
	if err != nil {
		t.Fatal(err)
	}
	for _, item := range out.Items {
		if b, _ := json.Marshal(item); strings.Contains(string(b), after) {
			t.Fatalf("an item holds the session id: %s", b)
		}
	}

	resp, page = b.post("/sign-out", url.Values{})
	want(t, resp, page, http.StatusSeeOther, "/signed-out")
	b.cookies["dpcoop_session"] = &http.Cookie{Name: "dpcoop_session", Value: after} // as if kept
	resp, page = b.do(http.MethodGet, "/pa", nil)
	want(t, resp, page, http.StatusSeeOther, "/sign-in")
}

func TestPagesLimitCodeRequests(t *testing.T) {
	r, _ := startPages(t)
	b := newBrowser(t, r)
	b.do(http.MethodGet, "/sign-in", nil)
	for i := range 6 {
		resp, page := b.post("/sign-in", url.Values{"email": {"rhys@demo.coop.example"}})
		if i < 5 {
			want(t, resp, page, http.StatusSeeOther, "/sign-in/code")
		} else {
			want(t, resp, page, http.StatusTooManyRequests, "")
		}
	}
}

func TestPagesRefuseAPostWithoutTheSessionsToken(t *testing.T) {
	r, _ := startPages(t)
	b := newBrowser(t, r)
	b.signIn("tom")
	other := newBrowser(t, r)
	other.do(http.MethodGet, "/sign-in", nil)
	form := func(token string) url.Values {
		v := shiftForm(testclock.Now(), local.DemoID("rhys"), "07:00", "08:00")
		if token != "" {
			v.Set("csrf", token)
		}
		return v
	}
	for _, token := range []string{"", other.csrf} {
		resp, page := b.do(http.MethodPost, "/pa/shifts/new", form(token))
		want(t, resp, page, http.StatusForbidden, "")
	}
	month, err := r.stack.Services.Timesheets.Month(context.Background(), tomPrincipal(), dpcoop.DateOf(testclock.Now()).Month(), dpcoop.ShiftFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range month.Items {
		if s.Date == dpcoop.DateOf(testclock.Now()) {
			t.Fatalf("a refused post recorded a shift: %+v", s)
		}
	}
}

func tomPrincipal() dpcoop.Principal {
	return dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoID("tom"), Roles: []dpcoop.Role{dpcoop.RolePA}}
}

func shiftForm(day time.Time, member, start, end string) url.Values {
	d := day.In(dpcoop.London)
	return url.Values{"date-day": {d.Format("2")}, "date-month": {d.Format("1")}, "date-year": {d.Format("2006")},
		"start": {start}, "end": {end}, "members": {member}, "kind": {"standard"}}
}

func TestPagesSessionEndsAfterHalfAnHourIdle(t *testing.T) {
	r, c := startPages(t)
	b := newBrowser(t, r)
	b.signIn("tom")
	for range 3 { // each visit within the idle time keeps it going
		c.add(25 * time.Minute)
		resp, page := b.do(http.MethodGet, "/pa", nil)
		want(t, resp, page, http.StatusOK, "")
	}
	c.add(31 * time.Minute)
	resp, page := b.do(http.MethodGet, "/pa", nil)
	want(t, resp, page, http.StatusSeeOther, "/sign-in?why=idle")
}

func TestPagesSessionEndsWhenAccessEnds(t *testing.T) {
	r, c := startPages(t)
	b := newBrowser(t, r)
	b.signIn("tom")
	admin := dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoAdmin, Roles: []dpcoop.Role{dpcoop.RoleAdmin}}
	if _, err := r.stack.Services.Employees.Leave(context.Background(), admin, local.DemoID("tom"), string(dpcoop.DateOf(c.now())), c.now()); err != nil {
		t.Fatal(err)
	}
	resp, page := b.do(http.MethodGet, "/pa", nil)
	want(t, resp, page, http.StatusSeeOther, "/sign-in?why=ended")
	resp, page = b.do(http.MethodGet, "/sign-in?why=ended&lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.Contains(page, "Your access has ended") {
		t.Errorf("the sign-in page should say why:\n%s", page)
	}
	b.post("/sign-in", url.Values{"email": {"tom@demo.coop.example"}})
	resp, page = b.post("/sign-in/code", url.Values{"code": {lastCode(t, r, "tom@demo.coop.example")}})
	want(t, resp, page, http.StatusForbidden, "")
}

func TestPagesPARecordsAShift(t *testing.T) {
	r, c := startPages(t)
	b := newBrowser(t, r)
	b.signIn("tom")
	resp, page := b.do(http.MethodGet, "/pa/shifts/new", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.Contains(page, "Rhys Price") {
		t.Errorf("the form should offer the member Tom supports:\n%s", page)
	}
	bad := shiftForm(c.now(), local.DemoID("rhys"), "07:00", "25:00")
	bad.Set("notes", "kept")
	resp, page = b.post("/pa/shifts/new", bad)
	want(t, resp, page, http.StatusBadRequest, "")
	for _, s := range []string{"govuk-error-summary", `href="#shift-end"`, "Enter the end time in 24-hour form", `value="25:00"`, ">kept</textarea>"} {
		if !strings.Contains(page, s) {
			t.Errorf("the refused form should show %q:\n%s", s, page)
		}
	}
	resp, page = b.post("/pa/shifts/new", shiftForm(c.now(), local.DemoID("rhys"), "07:00", "09:00"))
	want(t, resp, page, http.StatusSeeOther, "/pa?done=recorded")
	resp, page = b.do(http.MethodGet, "/pa?done=recorded", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.Contains(page, "07:00–09:00") || !strings.Contains(page, "Waiting") || !strings.Contains(page, "govuk-notification-banner--success") {
		t.Errorf("the home page should list the shift, waiting for approval:\n%s", page)
	}
	month, err := r.stack.Services.Timesheets.Month(context.Background(), tomPrincipal(), dpcoop.DateOf(c.now()).Month(), dpcoop.ShiftFilter{Status: dpcoop.ShiftSubmitted})
	if err != nil {
		t.Fatal(err)
	}
	if len(month.Items) != 1 || month.Items[0].StartTime != "07:00" || month.Items[0].Members[0].Member != local.DemoID("rhys") {
		t.Fatalf("submitted shifts: %+v", month.Items)
	}
}

func TestPagesPASeesPayslipsAndDownloadsThePDF(t *testing.T) {
	r, c := startPages(t)
	month := lastMonth(c.now())
	r.payFinal(t, r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin), month)
	b := newBrowser(t, r)
	b.signIn("tom")
	resp, page := b.do(http.MethodGet, "/pa/payslips?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	link := `href="/pa/payslips/` + month + `.pdf"`
	if !strings.Contains(page, link) || !strings.Contains(page, "£") {
		t.Fatalf("the payslips page should list %s with its take-home pay:\n%s", month, page)
	}
	resp, pdf := b.do(http.MethodGet, "/pa/payslips/"+month+".pdf", nil)
	want(t, resp, "", http.StatusOK, "")
	if resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF-") {
		t.Fatalf("payslip: %s, %.20q", resp.Header.Get("Content-Type"), pdf)
	}
	resp, page = b.do(http.MethodGet, "/pa/payslips/1999-01.pdf", nil)
	want(t, resp, page, http.StatusNotFound, "")
}

func TestPagesPACorrectsASentBackShift(t *testing.T) {
	r, c := startPages(t)
	ctx := context.Background()
	s, err := r.stack.Services.Timesheets.Record(ctx, tomPrincipal(), dpcoop.ShiftInput{
		Date: string(dpcoop.DateOf(c.now())), Start: "06:00", End: "07:00", Members: []string{local.DemoID("rhys")},
	}, func(dpcoop.Shift) (string, error) { return dpcoop.NewID(), nil }, c.now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.stack.Services.Timesheets.Submit(ctx, tomPrincipal(), s.ID, c.now()); err != nil {
		t.Fatal(err)
	}
	rhys := dpcoop.Principal{Coop: local.DemoCoop, Person: local.DemoID("rhys"), Roles: []dpcoop.Role{dpcoop.RoleMember}}
	if _, err := r.stack.Services.Timesheets.Reject(ctx, rhys, s.ID, "It ended at 07:30", c.now()); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, r)
	b.signIn("tom")
	resp, page := b.do(http.MethodGet, "/pa", nil)
	want(t, resp, page, http.StatusOK, "")
	for _, want := range []string{"Sent back", "It ended at 07:30", `href="/pa/shifts/` + s.ID + `/edit"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the home page should show %q:\n%s", want, page)
		}
	}
	resp, page = b.do(http.MethodGet, "/pa/shifts/"+s.ID+"/edit", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.Contains(page, `value="07:00"`) || !strings.Contains(page, "It ended at 07:30") {
		t.Fatalf("the correction form should hold the shift and why it was sent back:\n%s", page)
	}
	resp, page = b.post("/pa/shifts/"+s.ID+"/edit", shiftForm(c.now(), local.DemoID("rhys"), "06:00", "07:30"))
	want(t, resp, page, http.StatusSeeOther, "/pa?done=corrected")
	got, err := r.stack.Services.Timesheets.Shift(ctx, tomPrincipal(), s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != dpcoop.ShiftSubmitted || got.EndTime != "07:30" {
		t.Fatalf("corrected shift: %s %s, want submitted ending 07:30", got.Status, got.EndTime)
	}
	// Someone else's shift cannot be corrected here.
	catrin := newBrowser(t, r)
	catrin.signIn("catrin")
	resp, page = catrin.do(http.MethodGet, "/pa/shifts/"+s.ID+"/edit", nil)
	want(t, resp, page, http.StatusNotFound, "")
}

func TestPagesSomeoneInTwoCoopsChoosesOneAfterTheCode(t *testing.T) {
	r, _ := startPages(t)
	r.signup(t, "arall")
	// Gwen, a member of the demo co-op, is also the admin of another.
	other := dpcoop.Person{ID: dpcoop.DerivedID("arall", "gwen"), Coop: "arall", Email: "gwen@demo.coop.example", Role: dpcoop.RoleAdmin, Language: dpcoop.English}
	if err := r.stack.Store.AddIdentity(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, r)
	b.do(http.MethodGet, "/sign-in", nil)
	b.post("/sign-in", url.Values{"email": {"gwen@demo.coop.example"}})
	resp, page := b.post("/sign-in/code", url.Values{"code": {lastCode(t, r, "gwen@demo.coop.example")}})
	want(t, resp, page, http.StatusSeeOther, "/sign-in/choose")
	resp, page = b.do(http.MethodGet, "/sign-in/choose?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	for _, s := range []string{`value="demo"`, `value="arall"`, "Demo Citizen Directed Co-op", "Other"} {
		if !strings.Contains(page, s) {
			t.Errorf("the choice should offer %q:\n%s", s, page)
		}
	}
	resp, page = b.post("/sign-in/choose", url.Values{"coop": {"nowhere"}})
	want(t, resp, page, http.StatusBadRequest, "")
	resp, page = b.post("/sign-in/choose", url.Values{"coop": {"arall"}})
	want(t, resp, page, http.StatusSeeOther, "/")
	resp, page = b.do(http.MethodGet, "/", nil)
	want(t, resp, page, http.StatusSeeOther, "/admin") // she is the other co-op's admin
	resp, page = b.do(http.MethodGet, "/admin", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.Contains(page, `homepage-link">Other</a>`) {
		t.Errorf("Gwen chose the other co-op; its name should head the page:\n%s", page)
	}
}
