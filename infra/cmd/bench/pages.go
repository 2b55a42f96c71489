package main

import "strings"

// The pages' budgets (issue 18, item 8).
const (
	targetPageCPUms = 20.0    // a page's CPU time on the server, p50
	targetPageBytes = 150_000 // a page's own HTML plus the CSS it links, 150 KB
)

// pages are the page benchmarks (internal/web BenchmarkPages), in run order.
func (r *run) pages() []bench {
	var ps []bench
	for _, b := range r.Benches {
		if strings.HasPrefix(b.Name, "BenchmarkPages/") {
			ps = append(ps, b)
		}
	}
	return ps
}

// pageBudgets are the targets' rows for the pages: the slowest and the
// heaviest page against their budgets.
func (r *run) pageBudgets(p func(string, ...any)) {
	ps := r.pages()
	if len(ps) == 0 {
		return
	}
	var slow, heavy bench
	for _, b := range ps {
		if b.Metrics["p50-cpu-ms"] >= slow.Metrics["p50-cpu-ms"] {
			slow = b
		}
		if pageBytes(b) >= pageBytes(heavy) {
			heavy = b
		}
	}
	if why := r.withheld("pages"); why != "" {
		p("| every page renders on the server in < %.0f ms of CPU at p50 | %s | not judged |\n", targetPageCPUms, why)
	} else {
		p("| every page renders on the server in < %.0f ms of CPU at p50 | slowest %s ms (%s) | %s |\n", targetPageCPUms,
			num(slow.Metrics["p50-cpu-ms"]), pageName(slow), yes(slow.Metrics["p50-cpu-ms"] < targetPageCPUms))
	}
	p("| every page's own HTML and CSS < %s KB | largest %s KB (%s) | %s |\n", num(targetPageBytes/1000), num(pageBytes(heavy)/1000), pageName(heavy), yes(pageBytes(heavy) < targetPageBytes))
}

func pageBytes(b bench) float64 { return b.Metrics["html-bytes"] + b.Metrics["css-bytes"] }

func pageName(b bench) string { return strings.TrimPrefix(b.Name, "BenchmarkPages/") }

// writePages is each page measured against its budgets.
func (r *run) writePages(p func(string, ...any)) {
	p("## Pages' budgets (issue 18, item 8)\n\n")
	p("`BenchmarkPages` (internal/web) signs in to a fresh local stack as a PA, a member (with Easy Read off and on) and the admin, with a shift waiting for the member's approval and an open vote, and requests each page (`-benchtime %s`) through the stack's handler in process (as the web Lambda function serves it), against DynamoDB Local. *CPU* is the process's CPU time over one request (rusage, user and system, as the route benchmarks measure our own code), so other work on the machine does not inflate it; *wall* adds DynamoDB Local's round trips. *Size* is the page's HTML plus the style sheets it links (GOV.UK Frontend's and ours, uncompressed); *gzipped* is the same compressed, about what a browser downloads when it has none of it cached. Budgets: %.0f ms of CPU at p50 and %s KB.\n\n", r.Settings.PagesBenchtime, targetPageCPUms, num(targetPageBytes/1000))
	ps := r.pages()
	if len(ps) == 0 {
		p("Not measured.\n\n")
		return
	}
	why := r.withheld("pages")
	p("| page | CPU p50 (ms) | wall p50 (ms) | HTML (KB) | CSS (KB) | size (KB) | gzipped (KB) | within budget |\n|---|---|---|---|---|---|---|---|\n")
	for _, b := range ps {
		m := b.Metrics
		cpu, wall := num(m["p50-cpu-ms"]), num(m["p50-ms"])
		ok := m["p50-cpu-ms"] < targetPageCPUms && pageBytes(b) < targetPageBytes
		if why != "" {
			cpu, wall = "withheld", "withheld"
			ok = pageBytes(b) < targetPageBytes
		}
		p("| `%s` | %s | %s | %s | %s | %s | %s | %s |\n", pageName(b), cpu, wall, num(m["html-bytes"]/1000), num(m["css-bytes"]/1000),
			num(pageBytes(b)/1000), num(m["gzip-bytes"]/1000), yes(ok))
	}
	if why != "" {
		p("\n%s.\n", sentence(why))
	}
	p("\nThe two style sheets (GOV.UK Frontend's compiled CSS, most of it, and ours) are %s KB of every page's size, so a page's own HTML has about %s KB before it passes the budget; they are the same files on every page, so a browser fetches them once.\n\n",
		num(ps[0].Metrics["css-bytes"]/1000), num((targetPageBytes-ps[0].Metrics["css-bytes"])/1000))
}
