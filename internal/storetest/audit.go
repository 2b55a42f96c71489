package storetest

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Audit tests dpcoop.Audit: a month's trail holds the entries recorded at
// instants within it (UTC), oldest first, a page at a time without skipping
// or repeating, and only the co-op's own.
func Audit(t *testing.T, open Open[dpcoop.Audit]) {
	run(t, open, map[string]func(*testing.T, dpcoop.Audit, Fixture){
		"TrailIsTheMonthOldestFirst": trailIsTheMonthOldestFirst,
		"TrailStaysInItsCoop":        trailStaysInItsCoop,
	})
}

func auditEntry(at time.Time) dpcoop.AuditEntry {
	return dpcoop.AuditEntry{ID: dpcoop.NewID(), At: at, Person: "admin", Roles: []dpcoop.Role{dpcoop.RoleAdmin}, Action: "approve_shift",
		Target: map[string]string{"shift": "s1"}, Status: 200}
}

func trailIsTheMonthOldestFirst(t *testing.T, s dpcoop.Audit, f Fixture) {
	ctx := context.Background()
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	// Instants within one second, and the month's first and last.
	november := []time.Time{start, start.Add(100 * time.Millisecond), start.Add(150 * time.Millisecond), start.Add(500 * time.Millisecond),
		start.Add(time.Second), Day, start.AddDate(0, 1, 0).Add(-time.Nanosecond)}
	outside := []time.Time{start.Add(-time.Nanosecond), start.AddDate(0, 1, 0)}
	all := append(slices.Clone(november), outside...)
	r := rand.New(rand.NewPCG(9, 9))
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	ids := map[time.Time]string{}
	for _, at := range all {
		e := auditEntry(at)
		ids[at] = e.ID
		noErr(t, s.Record(ctx, f.Coop, e))
	}
	var want []string
	for _, at := range november {
		want = append(want, ids[at])
	}
	for _, limit := range []int{1, 3, 7} {
		var got []string
		for _, e := range pages(t, limit, func(p dpcoop.PageRequest) (dpcoop.Page[dpcoop.AuditEntry], error) {
			return s.AuditTrail(ctx, f.Coop, "2026-11", p)
		}) {
			got = append(got, e.ID)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("pages of %d listed %v, want oldest first %v", limit, got, want)
		}
	}
	e := must(s.AuditTrail(ctx, f.Coop, "2026-11", dpcoop.PageRequest{Limit: 1}))(t).Items[0]
	if e.Action != "approve_shift" || e.Target["shift"] != "s1" || e.Status != 200 || !e.At.Equal(start) {
		t.Fatalf("read back %+v", e)
	}
	if got := must(s.AuditTrail(ctx, f.Coop, "2026-10", dpcoop.PageRequest{}))(t); len(got.Items) != 1 || got.Items[0].ID != ids[outside[0]] {
		t.Fatalf("October holds its last instant alone, got %+v", got.Items)
	}
}

func trailStaysInItsCoop(t *testing.T, s dpcoop.Audit, f Fixture) {
	ctx := context.Background()
	for range 3 {
		noErr(t, s.Record(ctx, f.Coop, auditEntry(Day)))
	}
	if got := must(s.AuditTrail(ctx, f.Other, "2026-11", dpcoop.PageRequest{}))(t); len(got.Items) != 0 {
		t.Fatalf("another co-op's trail listed %d entries", len(got.Items))
	}
	first := must(s.AuditTrail(ctx, f.Coop, "2026-11", dpcoop.PageRequest{Limit: 1}))(t)
	if first.Next == "" {
		t.Fatal("three entries in pages of one gave no next page")
	}
	if other, err := s.AuditTrail(ctx, f.Other, "2026-11", dpcoop.PageRequest{Cursor: first.Next}); err == nil && len(other.Items) != 0 {
		t.Fatalf("a cursor read %d entries of another co-op", len(other.Items))
	}
	// A cursor is for the month it was made for.
	_, err := s.AuditTrail(ctx, f.Coop, "2026-10", dpcoop.PageRequest{Cursor: first.Next})
	wantCode(t, err, dpcoop.KindInvalid, dpcoop.CodeValidation)
}
