// Command canary is make canary: it measures a deployed stack from outside,
// as make bench cannot. It calls each of the API's main read routes (every
// GET route without a path parameter that the token may call) n times and
// reports p50 and p99 of each, then reads the functions' REPORT lines from
// CloudWatch Logs with the AWS CLI and reports their Init Duration: the
// Lambda cold starts themselves, which make bench's local start-up only
// approaches. It needs a deployed stack, a token for it and AWS
// credentials; without them it stops and says which is missing.
//
//	go run ./infra/cmd/canary -stage dev -url https://… -token … [-n 100] [-since 1h]
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/dpcoop/dpcoop/internal/route"
)

func main() {
	stage := flag.String("stage", "", "the deployed stage (its stack is dpcoop-<stage>)")
	url := flag.String("url", "", "the stack's ApiUrl output")
	token := flag.String("token", "", "a bearer token for the stack (an admin's, to reach every main route)")
	n := flag.Int("n", 100, "calls of each route")
	since := flag.Duration("since", time.Hour, "how far back to read the functions' REPORT lines")
	flag.Parse()
	if err := run(*stage, strings.TrimRight(*url, "/"), *token, *n, *since); err != nil {
		fmt.Fprintln(os.Stderr, "canary:", err)
		os.Exit(2)
	}
}

func run(stage, url, token string, n int, since time.Duration) error {
	switch {
	case stage == "" || url == "" || token == "":
		return errors.New("give STAGE, URL (the stack's ApiUrl output) and TOKEN: make canary STAGE=dev URL=https://… TOKEN=…")
	case n < 2:
		return errors.New("-n must be at least 2 for a p99")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err == nil {
		_, err = cfg.Credentials.Retrieve(ctx)
	}
	if err != nil {
		return fmt.Errorf("no AWS credentials in this environment (%v): the canary reads the stack's CloudWatch Logs, so it runs only where the stack's account is reachable", err)
	}
	if _, err := exec.LookPath("aws"); err != nil {
		return errors.New("the AWS CLI (aws) is not installed: the canary reads REPORT lines with aws logs")
	}
	fmt.Printf("# Canary of dpcoop-%s, %s\n\n| route | calls | p50 (ms) | p99 (ms) | statuses |\n|---|---|---|---|---|\n", stage, time.Now().UTC().Format(time.RFC3339))
	client := &http.Client{Timeout: 30 * time.Second}
	for _, r := range route.Table {
		if r.Method != http.MethodGet || strings.Contains(r.Path, "{") {
			continue
		}
		times, statuses, err := measure(client, url+r.Path, token, n)
		if err != nil {
			return err
		}
		if len(times) == 0 {
			fmt.Printf("| %s | %d | | | %s (none answered 2xx) |\n", r.Key(), n, statuses)
			continue
		}
		fmt.Printf("| %s | %d | %.1f | %.1f | %s |\n", r.Key(), n, ms(percentile(times, 50)), ms(percentile(times, 99)), statuses)
	}
	return initDurations(stage, since)
}

// measure calls one route n times, one after another, and returns the
// times of the calls answered 2xx and a count of every status.
func measure(client *http.Client, url, token string, n int) ([]time.Duration, string, error) {
	var times []time.Duration
	counts := map[int]int{}
	for range n {
		req, err := http.NewRequest(http.MethodGet, url, nil)
		if err != nil {
			return nil, "", err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return nil, "", err
		}
		resp.Body.Close()
		took := time.Since(start)
		counts[resp.StatusCode]++
		if resp.StatusCode/100 == 2 {
			times = append(times, took)
		}
	}
	var parts []string
	for code, c := range counts {
		parts = append(parts, fmt.Sprintf("%d×%d", code, c))
	}
	slices.Sort(parts)
	return times, strings.Join(parts, " "), nil
}

// percentile is the nearest-rank percentile of the times.
func percentile(ts []time.Duration, p int) time.Duration {
	s := slices.Clone(ts)
	slices.Sort(s)
	rank := (p*len(s) + 99) / 100
	return s[max(rank, 1)-1]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

var initLine = regexp.MustCompile(`Init Duration: ([0-9.]+) ms`)

// initDurations reads each function's REPORT lines since the given time
// and reports how many invocations started cold and their Init Duration.
func initDurations(stage string, since time.Duration) error {
	out, err := exec.Command("aws", "logs", "describe-log-groups", "--log-group-name-prefix", "dpcoop-"+stage+"-Fn",
		"--query", "logGroups[].logGroupName", "--output", "json").Output()
	if err != nil {
		return fmt.Errorf("aws logs describe-log-groups: %w", err)
	}
	var groups []string
	if err := json.Unmarshal(out, &groups); err != nil {
		return err
	}
	fmt.Printf("\n| function log group | REPORT lines | cold starts | Init Duration p50 (ms) | max (ms) |\n|---|---|---|---|---|\n")
	start := strconv.FormatInt(time.Now().Add(-since).UnixMilli(), 10)
	for _, g := range groups {
		out, err := exec.Command("aws", "logs", "filter-log-events", "--log-group-name", g, "--start-time", start,
			"--filter-pattern", `"REPORT RequestId"`, "--query", "events[].message", "--output", "json").Output()
		if err != nil {
			return fmt.Errorf("aws logs filter-log-events %s: %w", g, err)
		}
		var lines []string
		if err := json.Unmarshal(out, &lines); err != nil {
			return err
		}
		var inits []time.Duration
		for _, l := range lines {
			if m := initLine.FindStringSubmatch(l); m != nil {
				v, _ := strconv.ParseFloat(m[1], 64)
				inits = append(inits, time.Duration(v*float64(time.Millisecond)))
			}
		}
		if len(inits) == 0 {
			fmt.Printf("| %s | %d | 0 | | |\n", g, len(lines))
			continue
		}
		fmt.Printf("| %s | %d | %d | %.1f | %.1f |\n", g, len(lines), len(inits), ms(percentile(inits, 50)), ms(slices.Max(inits)))
	}
	return nil
}
