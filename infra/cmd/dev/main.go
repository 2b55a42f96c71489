// Command dev runs the whole service on this machine (make dev) and prints
// local bearer tokens for it (make token). Dev only: never deployed.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func main() {
	args := os.Args[1:]
	cmd := "serve"
	if len(args) > 0 && (args[0] == "serve" || args[0] == "token" || args[0] == "payroll" || args[0] == "tick") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "token":
		err = token(args)
	case "payroll":
		err = payroll(args)
	case "tick":
		err = tick(args)
	default:
		err = serve(args)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dev:", err)
		os.Exit(1)
	}
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	data := fs.String("data", ".data", "folder that keeps the local data across restarts")
	site := fs.String("site", "", "folder of a static site to serve at /site/")
	codes := fs.Int("sign-in-codes", 0, "sign-in codes an email address or a network address may ask for in 15 minutes (0: as on AWS; the browser tests raise it)")
	today := todayFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	now, err := clock(*today)
	if err != nil {
		return err
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	base := "http://localhost:" + port
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	stack, err := local.Start(ctx, local.Options{
		DataDir: *data, SiteDir: *site, Now: now, SignInCodes: *codes,
		ServiceOrigins: []string{base}, DemoOrigins: []string{base, "http://127.0.0.1:" + port},
	})
	if err != nil {
		return err
	}
	defer stack.Close()
	ln, err := net.Listen("tcp", "localhost:"+port)
	if err != nil {
		return fmt.Errorf("listen on port %s (set PORT to use another): %w", port, err)
	}
	fmt.Printf(`dpcoop is running on %s (data in %s; make dev-reset clears it)

  curl %s/v1/health
  curl %s/v1/public/coops/demo
  TOKEN=$(make -s token COOP=demo ROLE=admin | tail -1)
  curl -H "Authorization: Bearer $TOKEN" %s/v1/applications
  make payroll COOP=demo MONTH=<last month>   # run a month's payroll through the state machine
  make payroll-tick                           # the daily dispatch, now

Finalised runs of a co-op with PAYE references and credentials are filed with
the stand-in HMRC Transaction Engine at %s%s (never deployed); see
GET /v1/payroll/runs/<month>/submissions.

Stop with Ctrl-C.
`, base, *data, base, base, base, base, local.HMRCPath)
	errc := make(chan error, 1)
	go func() { errc <- stack.Serve(ln) }()
	select {
	case <-ctx.Done():
		return nil
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}

func token(args []string) error {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	data := fs.String("data", ".data", "the data folder make dev uses")
	coop := fs.String("coop", "demo", "co-op slug")
	role := fs.String("role", "admin", "admin, member, pa or operator")
	sub := fs.String("sub", "", "person id (defaults to the demo co-op's seeded person for the role)")
	ttl := fs.Duration("ttl", 12*time.Hour, "how long the token lasts")
	today := todayFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	now, err := clock(*today)
	if err != nil {
		return err
	}
	r, ok := dpcoop.ParseRole(*role)
	if !ok {
		return fmt.Errorf("ROLE must be admin, member, pa or operator, not %q", *role)
	}
	if _, ok := dpcoop.NormaliseOrigin("https://" + *coop + ".example"); !ok || *coop == "" {
		return fmt.Errorf("COOP must be a co-op slug, not %q", *coop)
	}
	person := *sub
	if person == "" {
		person = local.DefaultPerson(dpcoop.CoopID(*coop), r)
	}
	revoked, err := local.Revoked(*data, dpcoop.CoopID(*coop), person)
	if err != nil {
		return err
	}
	if revoked {
		return fmt.Errorf("person %s of %s may no longer sign in: their access was revoked", person, *coop)
	}
	tokens, err := local.LoadTokens(*data, now)
	if err != nil {
		return err
	}
	t, err := tokens.Mint(dpcoop.CoopID(*coop), person, []dpcoop.Role{r}, *ttl)
	if err != nil {
		return err
	}
	fmt.Printf("# local %s token for co-op %s, person %s, valid %s\n%s\n", r, *coop, person, *ttl, t)
	return nil
}

// todayFlag is -today, which the serve, token and payroll commands share: a
// stack started with it and the tokens minted for it must agree on the time.
func todayFlag(fs *flag.FlagSet) *string {
	return fs.String("today", "", "YYYY-MM-DD: start the clock at 10:00 London on this day instead of reading the real one (the browser tests run on the tests' base date)")
}

// clock is the real clock, or with today set, one that reads 10:00 London on
// that day when the command starts, as the tests' clock (internal/testclock)
// does, and runs on from there, so rate-limit windows end and votes close.
func clock(today string) (func() time.Time, error) {
	if today == "" {
		return time.Now, nil
	}
	d, ok := dpcoop.ParseDate(today)
	if !ok {
		return nil, fmt.Errorf("-today %q is not a date YYYY-MM-DD", today)
	}
	t := d.Time()
	start, began := time.Date(t.Year(), t.Month(), t.Day(), 10, 0, 0, 0, dpcoop.London), time.Now()
	return func() time.Time { return start.Add(time.Since(began)) }, nil
}

// devBase is the running make dev's address.
func devBase() string {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	return "http://localhost:" + port
}

// call sends a request to the running make dev, as the given token, with
// any more headers given as name, value pairs.
func call(method, path, token, body string, headers ...string) (int, []byte, error) {
	req, err := http.NewRequest(method, devBase()+path, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("is make dev running on %s? %w", devBase(), err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// payroll runs a month's payroll on the running make dev as the co-op's
// admin, through the same state machine AWS runs, and prints the result.
func payroll(args []string) error {
	fs := flag.NewFlagSet("payroll", flag.ContinueOnError)
	data := fs.String("data", ".data", "the data folder make dev uses")
	coop := fs.String("coop", "demo", "co-op slug")
	month := fs.String("month", "", "YYYY-MM (default: last month)")
	sub := fs.String("sub", "", "the admin's person id (defaults to the demo co-op's admin)")
	today := todayFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	now, err := clock(*today)
	if err != nil {
		return err
	}
	if *month == "" {
		t := now().In(dpcoop.London)
		*month = t.AddDate(0, 0, -t.Day()).Format(dpcoop.MonthLayout)
	}
	person := *sub
	if person == "" {
		person = local.DefaultPerson(dpcoop.CoopID(*coop), dpcoop.RoleAdmin)
	}
	tokens, err := local.LoadTokens(*data, now)
	if err != nil {
		return err
	}
	tok, err := tokens.Mint(dpcoop.CoopID(*coop), person, []dpcoop.Role{dpcoop.RoleAdmin}, time.Hour)
	if err != nil {
		return err
	}
	code, body, err := call("POST", "/v1/payroll/runs", tok, `{"month":"`+*month+`"}`)
	if err != nil {
		return err
	}
	if code != http.StatusAccepted {
		return fmt.Errorf("start %s: %d %s", *month, code, body)
	}
	fmt.Printf("started %s\n", body)
	var started struct{ Attempt int }
	if err := json.Unmarshal(body, &started); err != nil {
		return fmt.Errorf("start %s: %w", *month, err)
	}
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		_, body, err = call("GET", "/v1/payroll/runs/"+*month, tok, "")
		if err != nil {
			return err
		}
		var run struct {
			Status  string
			Attempt int
		}
		// The attempt this command started, once it is no longer calculating
		// (until it begins, the run read is the previous attempt's).
		if json.Unmarshal(body, &run) == nil && run.Attempt >= started.Attempt && run.Status != string(dpcoop.RunCalculating) {
			var pretty bytes.Buffer
			_ = json.Indent(&pretty, body, "", "  ")
			fmt.Printf("%s\n\nFinalise: curl -X POST -H \"Authorization: Bearer $(make -s token COOP=%s | tail -1)\" %s/v1/payroll/runs/%s/finalise\n",
				pretty.String(), *coop, devBase(), *month)
			return nil
		}
	}
	return fmt.Errorf("the %s run did not finish within two minutes", *month)
}

// tick runs the daily dispatch on the running make dev, as the schedule
// would, with the local secret from make dev's data folder.
func tick(args []string) error {
	fs := flag.NewFlagSet("tick", flag.ContinueOnError)
	data := fs.String("data", ".data", "the data folder make dev uses")
	if err := fs.Parse(args); err != nil {
		return err
	}
	secret, err := local.LoadSecret(*data)
	if err != nil {
		return err
	}
	code, body, err := call("POST", "/_local/tick", "", "", local.SecretHeader, secret)
	if err != nil {
		return err
	}
	fmt.Printf("%d %s", code, body)
	return nil
}
