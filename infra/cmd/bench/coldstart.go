package main

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/route"
)

// coldResult is one function's binary sizes and start-up times.
type coldResult struct {
	Name     string
	SizeARM  int64 // bytes, linux/arm64 as make build builds it
	SizeHost int64 // bytes, this machine's build that was timed
	// Best (least disturbed) and median start-ups: to the first request
	// for work, and to the answer.
	Init, Answer             time.Duration
	InitMedian, AnswerMedian time.Duration
	Runs                     int
	// EarlyCalls counts AWS requests made before the first /next (init),
	// over every start; OtherCalls requests to any AWS service but
	// DynamoDB, which all go to a local trap.
	EarlyCalls, OtherCalls int64
	Err                    string
	Reply                  string // what the first invocation answered: an HTTP status, or "ok"
	NoEvent                bool
	// From three starts with GODEBUG=inittrace=1 (each package's least
	// time): the packages' init time in all, and the slowest packages.
	InitClock time.Duration
	Slowest   []pkgInit
}

type pkgInit struct {
	Pkg   string
	Clock time.Duration
	Bytes int
}

var initLine = regexp.MustCompile(`^init (\S+) @[0-9.]+ ms, ([0-9.]+) ms clock, (\d+) bytes`)

// initTrace reads the runtime's inittrace lines into least times by
// package.
func initTrace(stderr string, least map[string]time.Duration) {
	for _, line := range strings.Split(stderr, "\n") {
		m := initLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		v, _ := strconv.ParseFloat(m[2], 64)
		d := time.Duration(v * float64(time.Millisecond))
		if old, ok := least[m[1]]; !ok || d < old {
			least[m[1]] = d
		}
	}
}

// slowest sums the packages' times and names the three slowest.
func slowest(least map[string]time.Duration) (time.Duration, []pkgInit) {
	var total time.Duration
	var pkgs []pkgInit
	for k, d := range least {
		total += d
		pkgs = append(pkgs, pkgInit{Pkg: k, Clock: d})
	}
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].Clock > pkgs[j].Clock })
	if len(pkgs) > 3 {
		pkgs = pkgs[:3]
	}
	return total, pkgs
}

// buildFunctions builds every function and the hello-world function for
// goarch into dir (dir/<name>), with make build's flags.
func buildFunctions(root, dir, goarch string, names []string) error {
	pkgs := []string{"./infra/cmd/bench/hello", "./infra/cmd/bench/hellosdk"}
	for _, n := range names {
		pkgs = append(pkgs, "./functions/"+n)
	}
	args := append([]string{"build", "-tags", "lambda.norpc", "-trimpath", "-ldflags", "-s -w", "-o", dir + string(os.PathSeparator)}, pkgs...)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+goarch)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go build (%s): %v\n%s", goarch, err, out)
	}
	return nil
}

// runtimeAPI serves the Lambda runtime API for one process: the first
// /next answers the event, the response (or error) ends the invocation,
// later /next calls wait until the process is killed.
type runtimeAPI struct {
	event []byte
	mu    sync.Mutex
	start time.Time
	init  time.Duration
	// calls counts requests to AWS endpoints (the local DynamoDB and the
	// trap for every other service); atStart and atNext are its values at
	// process start and at the first /next.
	calls           func() int64
	atStart, atNext int64
	answered        chan result
	once            sync.Once
	served          bool
}

type result struct {
	at   time.Duration
	body []byte
	err  string
}

func (a *runtimeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const prefix = "/2018-06-01/runtime/"
	path := strings.TrimPrefix(r.URL.Path, prefix)
	switch {
	case r.Method == http.MethodGet && path == "invocation/next":
		a.mu.Lock()
		first := !a.served
		a.served = true
		if first {
			a.init = time.Since(a.start)
			a.atNext = a.calls()
		}
		a.mu.Unlock()
		if !first {
			<-r.Context().Done() // the process is being killed
			return
		}
		h := w.Header()
		h.Set("Lambda-Runtime-Aws-Request-Id", "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
		h.Set("Lambda-Runtime-Deadline-Ms", fmt.Sprint(time.Now().Add(30*time.Second).UnixMilli()))
		h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-2:000000000000:function:bench")
		h.Set("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1")
		h.Set("Content-Type", "application/json")
		_, _ = w.Write(a.event)
	case r.Method == http.MethodPost && strings.HasPrefix(path, "invocation/") && strings.HasSuffix(path, "/response"):
		body, _ := io.ReadAll(r.Body)
		at := time.Since(a.start)
		w.WriteHeader(http.StatusAccepted)
		a.once.Do(func() { a.answered <- result{at: at, body: body} })
	case r.Method == http.MethodPost && (strings.HasSuffix(path, "/error") || path == "init/error"):
		body, _ := io.ReadAll(r.Body)
		at := time.Since(a.start)
		w.WriteHeader(http.StatusAccepted)
		a.once.Do(func() { a.answered <- result{at: at, err: string(body)} })
	default:
		http.NotFound(w, r)
	}
}

// startOnce starts the binary as Lambda would, with the runtime API served
// here, and times it to its first request for work (init) and to its answer.
func startOnce(bin string, event []byte, env []string, calls func() int64) (init, answer time.Duration, early int64, body []byte, stderrOut string, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, 0, 0, nil, "", err
	}
	api := &runtimeAPI{event: event, answered: make(chan result, 1), calls: calls}
	srv := &http.Server{Handler: api, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln) //nolint:errcheck // closed below
	defer srv.Close()
	cmd := exec.Command(bin)
	cmd.Env = append(env, "AWS_LAMBDA_RUNTIME_API="+ln.Addr().String())
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	api.start, api.atStart = time.Now(), calls()
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, nil, "", err
	}
	stop := func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }
	select {
	case res := <-api.answered:
		stop()
		if res.err != "" {
			return 0, 0, 0, nil, stderr.String(), fmt.Errorf("invocation error: %s", res.err)
		}
		api.mu.Lock()
		defer api.mu.Unlock()
		return api.init, res.at, api.atNext - api.atStart, res.body, stderr.String(), nil
	case <-time.After(20 * time.Second):
		stop()
		return 0, 0, 0, nil, stderr.String(), fmt.Errorf("no answer in 20 s: %s", tail(stderr.String()))
	}
}

func tail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 300 {
		s = s[len(s)-300:]
	}
	return s
}

// coldEvents are the events each function is sent: one it can answer, from
// events/ or built on events/health.json, all for the seeded co-op "demo".
func coldEvents(root string, admin, member, pa string) (map[string][]byte, error) {
	read := func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(root, "events", name)) }
	base, err := read("health.json")
	if err != nil {
		return nil, err
	}
	api := func(method, pattern string, params map[string]string, person, groups string) ([]byte, error) {
		var ev events.APIGatewayV2HTTPRequest
		if err := json.Unmarshal(base, &ev); err != nil {
			return nil, err
		}
		path := pattern
		for k, v := range params {
			path = strings.ReplaceAll(path, "{"+k+"}", v)
		}
		ev.RouteKey, ev.RawPath, ev.PathParameters = method+" "+pattern, path, params
		ev.RequestContext.RouteKey, ev.RequestContext.HTTP.Method, ev.RequestContext.HTTP.Path = ev.RouteKey, method, path
		if person != "" {
			ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
				JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: map[string]string{
					"custom:coop": "demo", "custom:person": person, "cognito:groups": groups, "sub": person,
				}},
			}
		}
		return json.Marshal(ev)
	}
	fixed := func(b []byte) func() ([]byte, error) { return func() ([]byte, error) { return b, nil } }
	file := func(name string) func() ([]byte, error) { return func() ([]byte, error) { return read(name) } }
	routedEvent := func(method, pattern string, params map[string]string, person, groups string) func() ([]byte, error) {
		return func() ([]byte, error) { return api(method, pattern, params, person, groups) }
	}
	out := map[string][]byte{}
	for _, e := range []struct {
		fn   string
		make func() ([]byte, error)
	}{
		{"hello", fixed([]byte(`{"hello":"world"}`))},
		{"hellosdk", fixed([]byte(`{"hello":"world"}`))},
		{"service", file("health.json")},
		{"signup", routedEvent("GET", "/v1/public/coops/{slug}", map[string]string{"slug": "demo"}, "", "")},
		{"members", routedEvent("GET", "/v1/members/{id}", map[string]string{"id": member}, admin, "[admin]")},
		{"timesheets", routedEvent("GET", "/v1/pas/{id}", map[string]string{"id": pa}, admin, "[admin]")},
		{"payroll", routedEvent("GET", "/v1/payroll/settings", nil, admin, "[admin]")},
		{"accounts", routedEvent("GET", "/v1/pools", nil, admin, "[admin]")},
		{"payrolltask", file("payroll-start.json")},
		{"dispatch", file("scheduler-tick.json")},
		{"payrollstart", file("due-coop.json")},
		{"votes", file("votes-tick.json")},
		{"retention", file("retention-tick.json")},
	} {
		b, err := e.make()
		if err != nil {
			return nil, err
		}
		out[e.fn] = b
	}
	// An HTTP function not named above: its first GET route an admin may
	// call, a path id standing for a member.
	for _, fn := range route.Functions {
		if _, ok := out[string(fn)]; ok {
			continue
		}
		rts := route.Of(fn)
		sort.SliceStable(rts, func(i, j int) bool { return strings.Count(rts[i].Path, "{") < strings.Count(rts[j].Path, "{") })
		for _, rt := range rts {
			if rt.Method != "GET" || (!rt.Public() && !slices.Contains(rt.Roles, dpcoop.RoleAdmin)) {
				continue
			}
			params := map[string]string{}
			for _, part := range strings.Split(rt.Path, "/") {
				if name, ok := strings.CutPrefix(part, "{"); ok {
					params[strings.TrimSuffix(name, "}")] = member
				}
			}
			if len(params) > 1 {
				continue
			}
			b, err := api("GET", rt.Path, params, admin, "[admin]")
			if err != nil {
				return nil, err
			}
			out[string(fn)] = b
			break
		}
	}
	return out, nil
}

// coldStarts builds the functions, seeds a local DynamoDB with the co-op
// "demo" and times each function's start to its first answer, rounds times
// each, interleaved with the hello-world function.
func coldStarts(root string, rounds int) ([]coldResult, error) {
	entries, err := os.ReadDir(filepath.Join(root, "functions"))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	tmp, err := os.MkdirTemp("", "dpcoop-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	armDir, hostDir := filepath.Join(tmp, "arm64"), filepath.Join(tmp, "host")
	fmt.Fprintln(os.Stderr, "bench: building the functions for arm64 and for this machine")
	if err := buildFunctions(root, armDir, "arm64", names); err != nil {
		return nil, err
	}
	if err := buildFunctions(root, hostDir, hostArch(), names); err != nil {
		return nil, err
	}
	settle()

	ctx := context.Background()
	var ddbCalls, trapCalls atomic.Int64
	db, err := dynamolocal.Start(ctx, "dpcoop-bench")
	if err != nil {
		return nil, err
	}
	// The functions reach DynamoDB Local through a proxy that counts their
	// calls (they run as processes of their own, out of reach of SDK middleware).
	target, err := url.Parse(db.URL)
	if err != nil {
		return nil, err
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	countLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	counter := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ddbCalls.Add(1)
		proxy.ServeHTTP(w, r)
	})}
	go counter.Serve(countLn) //nolint:errcheck // closed below
	defer counter.Close()
	defer db.Close()
	// Every AWS service but DynamoDB is pointed here: nothing leaves the
	// machine, and any call is counted.
	trapLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	trap := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		trapCalls.Add(1)
		if r.Header.Get("X-Amz-Target") == "AmazonSQS.SendMessageBatch" {
			queued(w, r) // the dispatch queues every co-op: counted, and taken
			return
		}
		http.Error(w, "not here", http.StatusServiceUnavailable)
	})}
	go trap.Serve(trapLn) //nolint:errcheck // closed below
	defer trap.Close()
	calls := func() int64 { return ddbCalls.Load() + trapCalls.Load() }
	// A co-op that has just joined: nothing is due, so the dispatch starts
	// no execution (no Step Functions call leaves the machine).
	c, err := synth.Build(ctx, db.Client, db.Table, synth.Spec{Coop: "demo", Members: 3, PAs: 1, Created: time.Now().UTC(), Settings: dpcoop.DefaultPayrollSettings, Now: time.Now()})
	if err != nil {
		return nil, err
	}
	evs, err := coldEvents(root, c.Admin, c.Members[0], c.PAs[0])
	if err != nil {
		return nil, err
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + tmp, "TZ=UTC",
		"AWS_REGION=eu-west-2", "AWS_DEFAULT_REGION=eu-west-2",
		"AWS_ACCESS_KEY_ID=local", "AWS_SECRET_ACCESS_KEY=local",
		"AWS_CONFIG_FILE=" + filepath.Join(tmp, "none"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(tmp, "none"),
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_ENDPOINT_URL_DYNAMODB=http://" + countLn.Addr().String(),
		"AWS_ENDPOINT_URL=http://" + trapLn.Addr().String(), // any other AWS call is counted and refused here
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=256", "AWS_LAMBDA_FUNCTION_VERSION=$LATEST", "AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/bench",
		"TABLE_NAME=" + db.Table, "USER_POOL_ID=eu-west-2_local", "SERVICE_ORIGINS=https://dpcoop.example",
		"PAYROLL_STATE_MACHINE_ARN=arn:aws:states:eu-west-2:000000000000:stateMachine:payroll", "STAGE=bench",
		"HMRC_SERVICE=ets", "HMRC_VENDOR_ID=bench", "HMRC_SECRETS_PREFIX=/dpcoop/bench/hmrc/", // the payroll task files with HMRC's test service
		"DUE_QUEUE_URL=http://" + trapLn.Addr().String() + "/000000000000/due",
	}
	all := append([]string{"hello", "hellosdk"}, names...)
	results := map[string]*coldResult{}
	inits, answers := map[string][]time.Duration{}, map[string][]time.Duration{}
	for _, n := range all {
		r := &coldResult{Name: n}
		if st, err := os.Stat(filepath.Join(armDir, n)); err == nil {
			r.SizeARM = st.Size()
		}
		if st, err := os.Stat(filepath.Join(hostDir, n)); err == nil {
			r.SizeHost = st.Size()
		}
		if _, ok := evs[n]; !ok {
			r.NoEvent = true
		}
		results[n] = r
	}
	fmt.Fprintf(os.Stderr, "bench: timing %d start-ups of each function\n", rounds)
	for round := 0; round <= rounds; round++ {
		for _, n := range all {
			ev, ok := evs[n]
			if !ok || results[n].Err != "" {
				continue
			}
			traps := trapCalls.Load()
			init, answer, early, body, _, err := startOnce(filepath.Join(hostDir, n), ev, append(env, "AWS_LAMBDA_FUNCTION_NAME="+n, "_HANDLER=bootstrap"), calls)
			results[n].Reply = reply(body)
			results[n].OtherCalls += trapCalls.Load() - traps
			results[n].EarlyCalls += early
			if err != nil {
				results[n].Err = err.Error()
				continue
			}
			if round == 0 {
				continue // the first start of each warms the page cache
			}
			inits[n], answers[n] = append(inits[n], init), append(answers[n], answer)
		}
	}
	for _, n := range all {
		ev, ok := evs[n]
		if !ok || results[n].Err != "" {
			continue
		}
		least := map[string]time.Duration{}
		for range 3 {
			if _, _, _, _, trace, err := startOnce(filepath.Join(hostDir, n), ev, append(env, "AWS_LAMBDA_FUNCTION_NAME="+n, "_HANDLER=bootstrap", "GODEBUG=inittrace=1"), calls); err == nil {
				initTrace(trace, least)
			}
		}
		results[n].InitClock, results[n].Slowest = slowest(least)
	}
	var out []coldResult
	for _, n := range all {
		r := results[n]
		r.Runs = len(answers[n])
		r.Init, r.Answer = least(inits[n]), least(answers[n])
		r.InitMedian, r.AnswerMedian = median(inits[n]), median(answers[n])
		out = append(out, *r)
	}
	return out, nil
}

// reply sums up an answer: an API Gateway response's status, or "ok".
func reply(body []byte) string {
	var resp struct {
		StatusCode int `json:"statusCode"`
	}
	if json.Unmarshal(body, &resp) == nil && resp.StatusCode != 0 {
		return fmt.Sprint(resp.StatusCode)
	}
	return "ok"
}

func least(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return slices.Min(ds)
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// settle waits, up to two minutes, for the one-minute load average to fall
// back below the cores after building the functions, so that the start-ups
// are timed (and their part's load judged) on the machine's own quiet, not
// on the builds' echo in the average.
func settle() {
	for end := time.Now().Add(2 * time.Minute); time.Now().Before(end); time.Sleep(5 * time.Second) {
		if l := loadAverage(); l >= 0 && l < float64(runtime.NumCPU()) {
			return
		}
	}
}

// queued answers an SQS SendMessageBatch (AWS JSON 1.0) as SQS would when it
// takes every message: each entry's id with a message id and its body's MD5,
// which the SDK checks.
func queued(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Entries []struct{ Id, MessageBody string }
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	type ok struct{ Id, MessageId, MD5OfMessageBody string }
	out := struct {
		Successful []ok
		Failed     []struct{}
	}{Successful: []ok{}, Failed: []struct{}{}}
	for _, e := range in.Entries {
		sum := md5.Sum([]byte(e.MessageBody))
		out.Successful = append(out.Successful, ok{Id: e.Id, MessageId: e.Id, MD5OfMessageBody: hex.EncodeToString(sum[:])})
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	json.NewEncoder(w).Encode(out) //nolint:errcheck // the function under test reads it or fails
}
