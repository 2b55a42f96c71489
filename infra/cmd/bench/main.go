// Command bench is make bench: it runs the Go benchmarks that measure the
// service (the main routes' overhead over DynamoDB and their requests, a
// month of payroll for a synthetic hosted service in process and through the
// local Step Functions runner, the payroll engine and PDF micro-benchmarks),
// a rush of votes on one motion, the daily dispatch of 5,000 co-ops, the
// pages' render time and size against their budgets, times
// every Lambda function's local start-up through a Lambda runtime API it
// serves itself, and writes the results, the cost model and the machine
// they ran on to docs/performance.md. A timing taken while the load average
// was above the number of cores is not published: the report says why.
//
//	go run ./infra/cmd/bench [-out docs/performance.md] [-only routes,scale,month,workflow,votes,dispatch,micro,cold,pages]
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// bench is one benchmark result line.
type bench struct {
	Name    string // without the -GOMAXPROCS suffix
	N       int
	Metrics map[string]float64 // unit → value, ns/op included
}

// run is everything measured.
type run struct {
	Started, Finished time.Time
	Machine           machine
	Benches           []bench
	Logs              map[string]string // a benchmark's request breakdown, by name
	Cold              []coldResult
	Failures          []string
	Settings          settings
	// Loads is the one-minute load average at the end of each part that
	// times something: a timing taken while it was above the number of
	// cores is withheld from the report.
	Loads map[string]float64
}

type settings struct {
	RoutesBenchtime, Coops, WorkflowCoops, PagesBenchtime string
	Rounds                                                int
}

type machine struct {
	CPUs              int
	CPU, Go, OS, Rev  string
	Load              string
	MemoryMB          int
	Dirty             bool
	OtherTestsRunning bool
}

func main() {
	out := flag.String("out", "docs/performance.md", "where to write the report (relative to the module root)")
	only := flag.String("only", "", "comma-separated parts to run: routes,scale,month,workflow,votes,dispatch,micro,cold,pages (empty: all)")
	var s settings
	flag.StringVar(&s.RoutesBenchtime, "routes-benchtime", "100x", "iterations of each route")
	flag.StringVar(&s.Coops, "coops", "1,2,4,8", "co-ops in the in-process month series (doubling)")
	flag.StringVar(&s.WorkflowCoops, "workflow-coops", "1,2,4", "co-ops in the local-workflow month series")
	flag.IntVar(&s.Rounds, "rounds", 15, "timed start-ups of each function")
	flag.StringVar(&s.PagesBenchtime, "pages-benchtime", "50x", "requests of each page")
	flag.Parse()
	root, err := moduleRoot()
	if err != nil {
		fatal(err)
	}
	want := func(part string) bool { return *only == "" || strings.Contains(","+*only+",", ","+part+",") }
	r := &run{Started: time.Now().UTC(), Machine: describeMachine(root), Logs: map[string]string{}, Settings: s, Loads: map[string]float64{}}

	// part runs one part if asked for, noting the load average before and
	// after it (the higher counts).
	part := func(name string, do func()) {
		if !want(name) {
			return
		}
		before := loadAverage()
		do()
		r.Loads[name] = max(before, loadAverage())
	}
	part("routes", func() {
		r.goBench(root, nil, "./internal/apigw", "BenchmarkRouteOverhead", s.RoutesBenchtime, "20m", 1)
	})
	part("scale", func() {
		r.goBench(root, nil, "./internal/apigw", "BenchmarkRouteScale", "2x", "30m", 1)
	})
	part("month", func() {
		r.goBench(root, []string{"DPCOOP_BENCH_COOPS=" + s.Coops}, "./internal/payrun", "BenchmarkPayrollMonth", "1x", "20m", 1)
	})
	part("workflow", func() {
		r.goBench(root, []string{"DPCOOP_BENCH_WORKFLOW_COOPS=" + s.WorkflowCoops}, "./infra/local", "BenchmarkPayrollMonthWorkflow", "1x", "20m", 1)
	})
	part("votes", func() { r.goBench(root, nil, "./internal/votes", "BenchmarkVoteRush", "1x", "10m", 1) })
	part("dispatch", func() { r.goBench(root, nil, "./internal/duequeue", "BenchmarkDispatchFanout", "1x", "10m", 1) })
	part("micro", func() {
		for _, pkg := range []string{"./internal/payroll", "./internal/apportion", "./internal/payslips"} {
			r.goBench(root, nil, pkg, ".", "1s", "5m", microRuns)
		}
	})
	part("pages", func() { r.goBench(root, nil, "./internal/web", "BenchmarkPages", s.PagesBenchtime, "10m", 1) })
	part("cold", func() {
		cold, err := coldStarts(root, s.Rounds)
		if err != nil {
			r.Failures = append(r.Failures, "local start-up: "+err.Error())
		}
		r.Cold = cold
	})
	r.Finished = time.Now().UTC()
	doc := r.report()
	path := *out
	if !filepath.IsAbs(path) {
		path = filepath.Join(root, path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fatal(err)
	}
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		fatal(err)
	}
	fmt.Fprintf(os.Stderr, "bench: wrote %s in %v\n", *out, r.Finished.Sub(r.Started).Round(time.Second))
	if len(r.Failures) > 0 {
		for _, f := range r.Failures {
			fmt.Fprintln(os.Stderr, "bench: FAILED:", f)
		}
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working folder")
		}
		dir = parent
	}
}

func hostArch() string { return runtime.GOARCH }

var (
	benchLine = regexp.MustCompile(`^(Benchmark\S+?)(-\d+)?\s+(\d+)\s+(.*)$`)
	logLine   = regexp.MustCompile(`^\s+\S+_test\.go:\d+: (.*)$`)
)

// microRuns is how often each micro-benchmark runs, for the spread.
const microRuns = 3

// goBench runs one package's benchmarks count times, echoing go test's
// output, and keeps the results (a benchmark run count times appears count
// times).
func (r *run) goBench(root string, env []string, pkg, pattern, benchtime, timeout string, count int) {
	args := []string{"test", "-run", "^$", "-bench", pattern, "-benchtime", benchtime, "-count", strconv.Itoa(count), "-benchmem", "-timeout", timeout, pkg}
	fmt.Fprintf(os.Stderr, "bench: go %s\n", strings.Join(args, " "))
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), env...)
	var buf bytes.Buffer
	cmd.Stdout = io.MultiWriter(os.Stdout, &buf)
	cmd.Stderr = io.MultiWriter(os.Stderr, &buf)
	err := cmd.Run()
	var last string
	sc := bufio.NewScanner(&buf)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := benchLine.FindStringSubmatch(line); m != nil {
			b := bench{Name: m[1], Metrics: map[string]float64{}}
			b.N, _ = strconv.Atoi(m[3])
			f := strings.Fields(m[4])
			for i := 0; i+1 < len(f); i += 2 {
				if v, err := strconv.ParseFloat(f[i], 64); err == nil {
					b.Metrics[f[i+1]] = v
				}
			}
			r.Benches = append(r.Benches, b)
			last = b.Name
			continue
		}
		if strings.HasPrefix(line, "--- BENCH: ") {
			last = strings.TrimSuffix(strings.Fields(strings.TrimPrefix(line, "--- BENCH: "))[0], "")
			last = regexp.MustCompile(`-\d+$`).ReplaceAllString(last, "")
			continue
		}
		if m := logLine.FindStringSubmatch(line); m != nil && last != "" {
			r.Logs[last] = m[1] // the last log line of a benchmark is its full run
		}
	}
	if err != nil {
		r.Failures = append(r.Failures, fmt.Sprintf("go test %s %s: %v", pkg, pattern, err))
	}
}

// get returns a benchmark by name.
func (r *run) get(name string) (bench, bool) {
	for _, b := range r.Benches {
		if b.Name == name {
			return b, true
		}
	}
	return bench{}, false
}

func describeMachine(root string) machine {
	m := machine{CPUs: runtime.NumCPU(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int
		if _, err := fmt.Sscanf(string(b), "MemTotal: %d kB", &kb); err == nil {
			m.MemoryMB = kb / 1024
		}
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		m.Load = strings.Join(strings.Fields(string(b))[:3], " ")
	}
	if out, err := exec.Command("go", "version").Output(); err == nil {
		m.Go = strings.TrimSpace(strings.TrimPrefix(string(out), "go version "))
	}
	cmd := exec.Command("git", "rev-parse", "--short", "HEAD")
	cmd.Dir = root
	if out, err := cmd.Output(); err == nil {
		m.Rev = strings.TrimSpace(string(out))
	}
	cmd = exec.Command("git", "status", "--porcelain")
	cmd.Dir = root
	if out, err := cmd.Output(); err == nil {
		m.Dirty = len(bytes.TrimSpace(out)) > 0
	}
	return m
}

// loadAverage is the one-minute load average (/proc/loadavg), or -1 when it
// cannot be read (then no timing is withheld for it).
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}

// withheld says why a part's timings are not published, or "" if they are:
// the load average before or after the part was above the number of cores,
// so other work shared the CPUs the timing assumes.
func (r *run) withheld(part string) string {
	load, ok := r.Loads[part]
	if !ok || load <= float64(r.Machine.CPUs) {
		return ""
	}
	return fmt.Sprintf("timings withheld: the load average was %.2f, above the %d cores, while this part ran, so its times measure the machine's other work too", load, r.Machine.CPUs)
}
