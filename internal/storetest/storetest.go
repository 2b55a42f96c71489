// Package storetest holds the promises each application service's store
// interface makes, as tests any implementation must pass: one function per
// interface, each running its subtests against stores the caller opens.
//
//	Timesheets    timesheets.Store     Employees  employees.Store
//	Ledger        accounts.Ledger      Register   accounts.Register
//	StatutoryPay  statutorypay.Store   Pensions   pensions.Store
//	Payroll       payrun.Records       Votes      dpcoop.Votes
//	Audit         dpcoop.Audit         Members    members.Store
//	Signup        signup.Store         Retention  retention.Store
//	Access        dpcoop.Store         Cases      cases.Store
//
// Like testing/fstest, it imports testing and is called from the
// implementation's own tests: internal/dynamo's contract_test.go runs every
// suite against DynamoDB Local.
//
// A contract tests what the interface promises (a create is idempotent, a
// conditional update writes nothing when it loses, a list keeps its order
// across pages, no read crosses into another co-op), never how an
// implementation keeps it.
package storetest

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Fixture is what a contract needs before it starts that the interface under
// test cannot write itself, seeded through the implementation. Open gives each
// subtest a fixture of its own, so subtests never see each other's data.
type Fixture struct {
	// Coop is a new co-op of the subtest's own.
	Coop dpcoop.CoopID
	// Other is a second co-op, to show that no read or write crosses into it.
	Other dpcoop.CoopID
	// Apply stores a pending application to Coop.
	Apply func(t *testing.T, a dpcoop.Application)
	// Member enters a new member on Coop's register, entered on Day.
	Member func(t *testing.T) dpcoop.Member
	// PA adds a new PA record to Coop.
	PA func(t *testing.T) dpcoop.PA
	// PayMonth makes Coop's payroll for month ("2026-10") final: the month is paid.
	PayMonth func(t *testing.T, month string)
	// Payslip stores pa's payslip for month, paid on payDate, in co-op c
	// (Coop or Other).
	Payslip func(t *testing.T, c dpcoop.CoopID, month, pa string, payDate dpcoop.Date)
}

// Day is the day the contracts are set on: no contract depends on today.
var Day = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// Open gives a subtest a store of type S and its fixture.
type Open[S any] func(t *testing.T) (S, Fixture)

// wantCode fails unless err is a domain error of that kind and code.
func wantCode(t *testing.T, err error, kind dpcoop.Kind, code string) {
	t.Helper()
	if de := dpcoop.ErrorOf(err); err == nil || de.Kind != kind || de.Code != code {
		t.Fatalf("got %v, want kind %d code %s", err, kind, code)
	}
}

// wantNotFound fails unless err says there is no such thing.
func wantNotFound(t *testing.T, err error) {
	t.Helper()
	wantCode(t, err, dpcoop.KindNotFound, dpcoop.CodeNotFound)
}

// must is v, failing the test if err is not nil: must(s.Shift(ctx, c, id))(t).
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		noErr(t, err)
		return v
	}
}

// noErr fails the test if err is not nil.
func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// pages reads a list to its end, limit items a page, failing if a page is
// larger than asked or a cursor comes round again.
func pages[T any](t *testing.T, limit int, list func(dpcoop.PageRequest) (dpcoop.Page[T], error)) []T {
	t.Helper()
	var out []T
	req := dpcoop.PageRequest{Limit: limit}
	seen := map[string]bool{}
	for {
		page := must(list(req))(t)
		if len(page.Items) > limit {
			t.Fatalf("a page of %d items, asked for %d", len(page.Items), limit)
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out
		}
		if seen[page.Next] {
			t.Fatalf("the list came round to cursor %q again", page.Next)
		}
		seen[page.Next] = true
		req.Cursor = page.Next
	}
}

// run runs each contract as a subtest with a store of its own.
func run[S any](t *testing.T, open Open[S], contracts map[string]func(*testing.T, S, Fixture)) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(contracts)) {
		t.Run(name, func(t *testing.T) {
			s, f := open(t)
			contracts[name](t, s, f)
		})
	}
}
