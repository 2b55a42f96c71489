package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/accounts"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Ledger tests accounts.Ledger: an entry is posted once, an account's
// entries are listed in date order within [from, to], the ledger balances
// over any sequence of posts and retries, pools are added once, a member
// leaves a pool and is settled in one write, approved spending posts its
// entry once and never past the pool's funds or limit, a majority of
// approvals posts it once, and nothing is read from another co-op.
func Ledger(t *testing.T, open Open[accounts.Ledger]) {
	run(t, open, map[string]func(*testing.T, accounts.Ledger, Fixture){
		"PostEntryIsOnce":                           postEntryIsOnce,
		"AccountEntriesInDateOrderWithinFromTo":     accountEntriesInDateOrderWithinFromTo,
		"AddPoolIsOnce":                             addPoolIsOnce,
		"JoinPoolIsOnceAndLeavingSettlesTogether":   joinPoolIsOnceAndLeavingSettlesTogether,
		"ApprovedSpendingPostsOnceWithinFundsLimit": approvedSpendingPostsOnceWithinFundsLimit,
		"AMajorityOfApprovalsPostsOnce":             aMajorityOfApprovalsPostsOnce,
		"PoolMonthIsEmptyUntilPooled":               poolMonthIsEmptyUntilPooled,
		"ConcurrentSpendingNeverPassesTheFunds":     concurrentSpendingNeverPassesTheFunds,
		"ConcurrentApprovalsPostOnce":               concurrentApprovalsPostOnce,
		"LedgerStaysInItsCoop":                      ledgerStaysInItsCoop,
		"MonthsCarryBalancesForwardExactly":         monthsCarryBalancesForwardExactly,
	})
	t.Run("PropertiesOverRandomOperations", func(t *testing.T) { ledgerProperties(t, open) })
}

// Register tests accounts.Register: the co-op, its members and PAs are read
// in their own co-op only, a member and their co-op together, many PAs at
// once.
func Register(t *testing.T, open Open[accounts.Register]) {
	run(t, open, map[string]func(*testing.T, accounts.Register, Fixture){
		"RegisterStaysInItsCoop": func(t *testing.T, s accounts.Register, f Fixture) {
			ctx := context.Background()
			m, pa := f.Member(t), f.PA(t)
			got, c, err := s.MemberOfCoop(ctx, f.Coop, m.ID)
			noErr(t, err)
			if got.ID != m.ID || got.Name != m.Name || c.ID != f.Coop {
				t.Fatalf("member %+v of co-op %s", got, c.ID)
			}
			if got := must(s.Member(ctx, f.Coop, m.ID))(t); got.ID != m.ID || got.Name != m.Name {
				t.Fatalf("member %+v", got)
			}
			if got := must(s.PA(ctx, f.Coop, pa.ID))(t); got.ID != pa.ID {
				t.Fatalf("pa %+v", got)
			}
			gone := dpcoop.NewID()
			pas, err := s.PAsOf(ctx, f.Coop, []string{pa.ID, gone})
			noErr(t, err)
			if len(pas) != 1 || pas[pa.ID].ID != pa.ID {
				t.Fatalf("PAs of %s and one without a record: %+v", pa.ID, pas)
			}
			if pas = must(s.PAsOf(ctx, f.Other, []string{pa.ID}))(t); len(pas) != 0 {
				t.Fatalf("another co-op read %+v", pas)
			}
			_, _, err = s.MemberOfCoop(ctx, f.Other, m.ID)
			wantNotFound(t, err)
			_, _, err = s.MemberOfCoop(ctx, f.Coop, dpcoop.NewID())
			wantNotFound(t, err)
			_, _, err = s.MemberOfCoop(ctx, dpcoop.CoopID(dpcoop.NewID()), m.ID)
			wantNotFound(t, err)
			_, err = s.Member(ctx, f.Other, m.ID)
			wantNotFound(t, err)
			_, err = s.PA(ctx, f.Other, pa.ID)
			wantNotFound(t, err)
		},
	})
}

// entry is a payment of amount from one account to another on day.
func entry(from, to dpcoop.Account, day dpcoop.Date, amount int64) dpcoop.Entry {
	return dpcoop.Entry{ID: dpcoop.NewID(), Date: day, Month: day.Month(), Source: dpcoop.SourceAdjustment, From: from, To: to,
		Amount: amount, RecordedBy: "admin", Recorded: Day}
}

func postEntryIsOnce(t *testing.T, s accounts.Ledger, f Fixture) {
	ctx := context.Background()
	e := entry(dpcoop.AccountOpening, dpcoop.MemberAccount("m1"), "2026-11-02", 5000)
	if got := must(s.PostEntry(ctx, f.Coop, e))(t); got.ID != e.ID || got.Amount != 5000 {
		t.Fatalf("posted %+v", got)
	}
	retry := e
	retry.Amount = 7000
	if got := must(s.PostEntry(ctx, f.Coop, retry))(t); got.Amount != 5000 {
		t.Fatalf("the same id again returned %d, not the stored entry", got.Amount)
	}
	if got := must(s.Entry(ctx, f.Coop, e.ID))(t); got.Amount != 5000 || got.From != e.From || got.To != e.To {
		t.Fatalf("read back %+v", got)
	}
	if all := must(s.Entries(ctx, f.Coop))(t); len(all) != 1 {
		t.Fatalf("%d entries stored, want 1", len(all))
	}
	_, err := s.Entry(ctx, f.Coop, dpcoop.NewID())
	wantNotFound(t, err)
}

func accountEntriesInDateOrderWithinFromTo(t *testing.T, s accounts.Ledger, f Fixture) {
	ctx := context.Background()
	m := dpcoop.MemberAccount("m1")
	council := dpcoop.CouncilAccount("powys")
	r := rand.New(rand.NewPCG(1, 2))
	for _, day := range r.Perm(10) {
		d := dpcoop.Date(fmt.Sprintf("2026-11-%02d", day+1))
		must(s.PostEntry(ctx, f.Coop, entry(council, m, d, 1000)))(t)
		must(s.PostEntry(ctx, f.Coop, entry(m, dpcoop.AccountPayroll, d, 300)))(t)
	}
	must(s.PostEntry(ctx, f.Coop, entry(council, dpcoop.MemberAccount("m2"), "2026-11-05", 999)))(t)
	got := must(s.AccountEntries(ctx, f.Coop, m, "2026-11-03", "2026-11-07"))(t)
	if len(got) != 10 {
		t.Fatalf("3 to 7 November holds 10 of m1's entries, got %d", len(got))
	}
	for i, e := range got {
		if e.Date < "2026-11-03" || e.Date > "2026-11-07" || (e.From != m && e.To != m) {
			t.Fatalf("listed %s %s→%s", e.Date, e.From, e.To)
		}
		if i > 0 && e.Before(got[i-1]) {
			t.Fatalf("%s listed after %s", e.Date, got[i-1].Date)
		}
	}
	if b := dpcoop.Balance(m, got); b != 5*(1000-300) {
		t.Fatalf("balance of the days %d", b)
	}
}

// ledgerProperties posts random sequences of council payments, adjustments,
// charges, pool contributions, spending and reversals (some repeated, as
// retries are) and checks after each sequence that every entry balances, each
// account's balance is the sum of its entries, and the co-op's accounts sum
// to zero.
func ledgerProperties(t *testing.T, open Open[accounts.Ledger]) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 11))
	for seq := range 20 {
		s, f := open(t)
		members := []string{"m1", "m2", "m3"}
		accts := map[dpcoop.Account]bool{}
		var posted []dpcoop.Entry
		expect := map[dpcoop.Account]int64{}
		post := func(e dpcoop.Entry) {
			got := must(s.PostEntry(ctx, f.Coop, e))(t)
			if got.ID != e.ID {
				t.Fatalf("posted %s, read %s", e.ID, got.ID)
			}
			if slices.ContainsFunc(posted, func(p dpcoop.Entry) bool { return p.ID == e.ID }) {
				return // a retry: the ledger must not change
			}
			posted = append(posted, e)
			expect[e.From] -= e.Amount
			expect[e.To] += e.Amount
			accts[e.From], accts[e.To] = true, true
		}
		for i := range 30 {
			m := dpcoop.MemberAccount(members[r.IntN(len(members))])
			day := dpcoop.Date(fmt.Sprintf("2026-11-%02d", 1+r.IntN(28)))
			e := dpcoop.Entry{ID: dpcoop.DerivedID("entry", fmt.Sprint(seq), fmt.Sprint(i)), Date: day, Month: "2026-11", Amount: 1 + r.Int64N(100000), RecordedBy: "t", Recorded: day.Time().Add(18 * time.Hour)}
			switch r.IntN(6) {
			case 0:
				e.Source, e.From, e.To = dpcoop.SourceCouncilPayment, dpcoop.CouncilAccount("powys"), m
			case 1:
				e.Source, e.From, e.To = dpcoop.SourcePayrollCharge, m, dpcoop.AccountPayroll
			case 2:
				e.Source, e.From, e.To = dpcoop.SourcePoolContribution, m, dpcoop.PoolAccount("p")
			case 3:
				e.Source, e.From, e.To = dpcoop.SourcePoolSpending, dpcoop.PoolAccount("p"), dpcoop.AccountSpending
			case 4:
				e.Source, e.From, e.To = dpcoop.SourceAdjustment, dpcoop.AccountOpening, m
			case 5:
				if len(posted) == 0 {
					continue
				}
				e = posted[r.IntN(len(posted))].Reversal("t", "test", time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
			}
			post(e)
			if r.IntN(4) == 0 {
				post(e) // a retry of the same write
			}
		}
		all := must(s.Entries(ctx, f.Coop))(t)
		if len(all) != len(posted) {
			t.Fatalf("sequence %d: %d entries stored, %d posted", seq, len(all), len(posted))
		}
		var total int64
		for _, e := range all {
			if e.Amount <= 0 || e.From == e.To {
				t.Fatalf("an unbalanced entry %+v", e)
			}
			total += e.Effect(e.From) + e.Effect(e.To)
		}
		if total != 0 {
			t.Fatalf("sequence %d: the co-op's accounts sum to %d", seq, total)
		}
		for a := range accts {
			es := must(s.AccountEntries(ctx, f.Coop, a, "2026-01-01", "2026-12-31"))(t)
			if got := dpcoop.Balance(a, es); got != expect[a] {
				t.Fatalf("sequence %d: %s holds %d by its entries, %d by the operations", seq, a, got, expect[a])
			}
		}
	}
}

// monthsCarryBalancesForwardExactly posts entries over months in any order
// (some dated back before months already kept, some repeated as retries
// are, some reversed, and a month with nothing in between) and checks each
// account's month against its entries, and the co-op's month totals against
// the whole ledger added up.
func monthsCarryBalancesForwardExactly(t *testing.T, s accounts.Ledger, f Fixture) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 5))
	m1, m2, pl := dpcoop.MemberAccount("m1"), dpcoop.MemberAccount("m2"), dpcoop.PoolAccount("p")
	council := dpcoop.CouncilAccount("powys")
	months := []dpcoop.Month{"2026-08", "2026-09", "2026-10", "2026-11", "2027-01"} // no December
	var posted []dpcoop.Entry
	for i := range 40 {
		month := months[r.IntN(len(months))]
		day := dpcoop.Date(fmt.Sprintf("%s-%02d", month, 1+r.IntN(28)))
		e := entry(council, m1, day, 1+r.Int64N(50000))
		switch r.IntN(5) {
		case 1:
			e.From, e.To, e.Source = m1, dpcoop.AccountPayroll, dpcoop.SourcePayrollCharge
		case 2:
			e.From, e.To, e.Source = m2, pl, dpcoop.SourcePoolContribution
		case 3:
			e.From, e.To = council, m2
		case 4:
			if i > 0 {
				e = posted[r.IntN(len(posted))].Reversal("admin", "test", day.Time().Add(time.Duration(i)*time.Minute))
				e.ID = dpcoop.DerivedID("reversal", e.ID, fmt.Sprint(i))
			}
		}
		must(s.PostEntry(ctx, f.Coop, e))(t)
		posted = append(posted, e)
		if r.IntN(4) == 0 {
			must(s.PostEntry(ctx, f.Coop, e))(t) // a retry changes nothing
		}
	}
	all := must(s.Entries(ctx, f.Coop))(t)
	if len(all) != len(posted) {
		t.Fatalf("%d entries stored, %d posted", len(all), len(posted))
	}
	for _, month := range append(months, "2026-07", "2026-12", "2027-02") {
		first, last := month.Bounds()
		for _, a := range []dpcoop.Account{m1, m2, pl, council, dpcoop.AccountPayroll, dpcoop.MemberAccount("m3")} {
			before := must(s.AccountEntries(ctx, f.Coop, a, "0000-00-00", first.AddDays(-1)))(t)
			in := must(s.AccountEntries(ctx, f.Coop, a, first, last))(t)
			brought, got, err := s.AccountMonth(ctx, f.Coop, a, month)
			noErr(t, err)
			if brought != dpcoop.Balance(a, before) {
				t.Fatalf("%s %s brought forward %d, its entries before say %d", a, month, brought, dpcoop.Balance(a, before))
			}
			if len(got) != len(in) || dpcoop.Balance(a, got) != dpcoop.Balance(a, in) {
				t.Fatalf("%s %s: %d entries (%d), want %d (%d)", a, month, len(got), dpcoop.Balance(a, got), len(in), dpcoop.Balance(a, in))
			}
			for i := range got {
				if got[i].ID != in[i].ID {
					t.Fatalf("%s %s: entry %d is %s, want %s in date order", a, month, i, got[i].ID, in[i].ID)
				}
			}
		}
		bySource, balances, err := s.LedgerMonth(ctx, f.Coop, month)
		noErr(t, err)
		want := dpcoop.Summarise(string(month), all)
		got := dpcoop.SummaryOf(string(month), bySource, balances)
		for a, b := range want.Accounts {
			if got.Accounts[a] != b {
				t.Fatalf("%s: %s holds %d by the running totals, %d by the ledger", month, a, got.Accounts[a], b)
			}
		}
		for src, v := range want.BySource {
			if got.BySource[src] != v {
				t.Fatalf("%s: %s moved %d by the running totals, %d by the ledger", month, src, got.BySource[src], v)
			}
		}
		if got.MembersHold != want.MembersHold || got.MembersOverdrawn != want.MembersOverdrawn || got.LedgerTotal != 0 {
			t.Fatalf("%s: summary %+v, want %+v", month, got, want)
		}
	}
	_, es, err := s.AccountMonth(ctx, f.Other, m1, "2026-11")
	noErr(t, err)
	if len(es) != 0 {
		t.Fatalf("another co-op reads %d entries", len(es))
	}
}

func pool(name string) dpcoop.Pool {
	return dpcoop.Pool{ID: dpcoop.NewID(), NameEN: name, NameCY: name + " (cy)", PurposeEN: "Days out", PurposeCY: "Tripiau",
		Rule: dpcoop.RuleEqualShare, SpendingLimit: 50000, Created: Day, CreatedBy: "admin"}
}

func addPoolIsOnce(t *testing.T, s accounts.Ledger, f Fixture) {
	ctx := context.Background()
	p := pool("Trips")
	must(s.AddPool(ctx, f.Coop, p))(t)
	retry := p
	retry.NameEN = "Renamed"
	if got := must(s.AddPool(ctx, f.Coop, retry))(t); got.NameEN != "Trips" {
		t.Fatalf("the same pool again returned %q, not the stored pool", got.NameEN)
	}
	must(s.AddPool(ctx, f.Coop, pool("Garden")))(t)
	if ps := must(s.Pools(ctx, f.Coop))(t); len(ps) != 2 {
		t.Fatalf("%d pools, want 2", len(ps))
	}
	if got := must(s.Pool(ctx, f.Coop, p.ID))(t); got.NameEN != "Trips" || got.NameCY != "Trips (cy)" || got.SpendingLimit != 50000 {
		t.Fatalf("read back %+v", got)
	}
	_, err := s.Pool(ctx, f.Coop, dpcoop.NewID())
	wantNotFound(t, err)
}

func joinPoolIsOnceAndLeavingSettlesTogether(t *testing.T, s accounts.Ledger, f Fixture) {
	ctx := context.Background()
	p := must(s.AddPool(ctx, f.Coop, pool("Trips")))(t)
	join := func(member string, weight int64) dpcoop.PoolMember {
		return must(s.JoinPool(ctx, f.Coop, dpcoop.PoolMember{Pool: p.ID, Member: member, Weight: weight, Joined: "2026-11-01", ConsentBy: member, ConsentAt: Day}))(t)
	}
	join("m1", 1)
	if again := join("m1", 5); again.Weight != 1 {
		t.Fatalf("joining again changed the membership: weight %d", again.Weight)
	}
	join("m2", 1)
	if ms := must(s.PoolMembers(ctx, f.Coop, p.ID))(t); len(ms) != 2 {
		t.Fatalf("%d members, want 2", len(ms))
	}

	settle := entry(dpcoop.PoolAccount(p.ID), dpcoop.MemberAccount("m1"), "2026-11-20", 1234)
	noErr(t, s.LeavePool(ctx, f.Coop, p.ID, "m1", "2026-11-20", &settle))
	if got := must(s.Entry(ctx, f.Coop, settle.ID))(t); got.Amount != 1234 {
		t.Fatalf("settlement %+v", got)
	}
	ms := must(s.PoolMembers(ctx, f.Coop, p.ID))(t)
	if i := slices.IndexFunc(ms, func(m dpcoop.PoolMember) bool { return m.Member == "m1" }); i < 0 || ms[i].Left != "2026-11-20" {
		t.Fatalf("a former member is still listed, with the day they left: %+v", ms)
	}

	// Leaving twice, or leaving a pool one never joined, settles nothing.
	for _, who := range []string{"m1", "m3"} {
		twice := entry(dpcoop.PoolAccount(p.ID), dpcoop.MemberAccount(who), "2026-11-21", 99)
		if err := s.LeavePool(ctx, f.Coop, p.ID, who, "2026-11-21", &twice); err == nil {
			t.Fatalf("%s left a pool they are not in", who)
		}
		_, err := s.Entry(ctx, f.Coop, twice.ID)
		wantNotFound(t, err)
	}
	// A settlement that cannot be written leaves the member in the pool.
	if err := s.LeavePool(ctx, f.Coop, p.ID, "m2", "2026-11-21", &settle); err == nil {
		t.Fatal("m2 left with a settlement already posted for another")
	}
	ms = must(s.PoolMembers(ctx, f.Coop, p.ID))(t)
	if i := slices.IndexFunc(ms, func(m dpcoop.PoolMember) bool { return m.Member == "m2" }); i < 0 || ms[i].Left != "" {
		t.Fatalf("m2 left without their settlement: %+v", ms)
	}
	// A member who left may join again.
	if back := join("m1", 2); back.Left != "" || back.Weight != 2 {
		t.Fatalf("rejoined %+v", back)
	}
}

// spending is pool spending of amount in November 2026.
func spending(pool string, amount int64) dpcoop.Spending {
	return dpcoop.Spending{ID: dpcoop.NewID(), Pool: pool, Amount: amount, Date: "2026-11-20", Description: "Coach", Period: "2026-11", RequestedBy: "m1"}
}

func spendingEntry(sp dpcoop.Spending) dpcoop.Entry {
	e := entry(dpcoop.PoolAccount(sp.Pool), dpcoop.AccountSpending, sp.Date, sp.Amount)
	e.Source = dpcoop.SourcePoolSpending
	return e
}

func approvedSpendingPostsOnceWithinFundsLimit(t *testing.T, s accounts.Ledger, f Fixture) {
	ctx := context.Background()
	p := must(s.AddPool(ctx, f.Coop, pool("Trips")))(t)
	g := dpcoop.SpendingGuard{Limit: 1500, Funds: 1000}
	approve := func(sp dpcoop.Spending) (dpcoop.Spending, dpcoop.Entry, error) {
		sp.Status = dpcoop.SpendingApproved
		e := spendingEntry(sp)
		sp.EntryID = e.ID
		got, err := s.AddSpending(ctx, f.Coop, sp, &e, g)
		return got, e, err
	}
	first, e, err := approve(spending(p.ID, 600))
	noErr(t, err)
	if got := must(s.Spending(ctx, f.Coop, p.ID, first.ID))(t); got.Status != dpcoop.SpendingApproved || got.EntryID != e.ID {
		t.Fatalf("stored %+v", got)
	}
	must(s.Entry(ctx, f.Coop, e.ID))(t)
	// The same spending again is the stored one: not posted or counted twice.
	retry := first
	retry.Amount = 1
	if got, _, err := approve(retry); err != nil || got.Amount != 600 {
		t.Fatalf("the same spending again: %v %+v", err, got)
	}
	// 600 spent of 1000: 500 more is past the funds, and writes nothing.
	over, overEntry, err := approve(spending(p.ID, 500))
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodePoolFunds)
	_, err = s.Spending(ctx, f.Coop, p.ID, over.ID)
	wantNotFound(t, err)
	_, err = s.Entry(ctx, f.Coop, overEntry.ID)
	wantNotFound(t, err)
	// 400 is exactly what is left.
	_, _, err = approve(spending(p.ID, 400))
	noErr(t, err)
	// A period's limit is refused the same way, apart from the funds.
	g = dpcoop.SpendingGuard{Limit: 1500, Funds: 100000}
	_, _, err = approve(spending(p.ID, 501))
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodePoolLimit)
	_, _, err = approve(spending(p.ID, 500))
	noErr(t, err)
	var spent int64
	for _, e := range must(s.AccountEntries(ctx, f.Coop, dpcoop.PoolAccount(p.ID), "2026-11-01", "2026-11-30"))(t) {
		spent += e.Amount
	}
	if spent != 1500 {
		t.Fatalf("the pool's entries spent %d, want 1500", spent)
	}
}

func aMajorityOfApprovalsPostsOnce(t *testing.T, s accounts.Ledger, f Fixture) {
	ctx := context.Background()
	p := must(s.AddPool(ctx, f.Coop, pool("Trips")))(t)
	g := dpcoop.SpendingGuard{Limit: 0, Funds: 1000}
	sp := spending(p.ID, 800)
	sp.Status = dpcoop.SpendingAwaiting
	sp = must(s.AddSpending(ctx, f.Coop, sp, nil, g))(t)
	var made []string
	entryOf := func() dpcoop.Entry {
		e := spendingEntry(sp)
		made = append(made, e.ID)
		return e
	}
	got := must(s.ApproveSpending(ctx, f.Coop, sp, "m1", 3, entryOf, g))(t)
	if got.Status != dpcoop.SpendingAwaiting || !slices.Equal(got.Approvals, []string{"m1"}) {
		t.Fatalf("one of three approved: %+v", got)
	}
	if got := must(s.ApproveSpending(ctx, f.Coop, sp, "m1", 3, entryOf, g))(t); len(got.Approvals) != 1 {
		t.Fatalf("m1 approved twice: %v", got.Approvals)
	}
	got = must(s.ApproveSpending(ctx, f.Coop, sp, "m2", 3, entryOf, g))(t)
	if got.Status != dpcoop.SpendingApproved || len(got.Approvals) != 2 || got.EntryID == "" {
		t.Fatalf("two of three approved: %+v", got)
	}
	posted := must(s.Entry(ctx, f.Coop, got.EntryID))(t)
	must(s.ApproveSpending(ctx, f.Coop, sp, "m3", 3, entryOf, g))(t)
	es := must(s.AccountEntries(ctx, f.Coop, dpcoop.PoolAccount(p.ID), "2026-11-01", "2026-11-30"))(t)
	if len(es) != 1 || es[0].ID != posted.ID {
		t.Fatalf("a majority posted %d entries, want 1 (entries made: %d)", len(es), len(made))
	}
	if read := must(s.Spending(ctx, f.Coop, p.ID, sp.ID))(t); read.Status != dpcoop.SpendingApproved || read.EntryID != posted.ID || len(read.Approvals) != 2 {
		t.Fatalf("read back %+v", read)
	}

	// A majority the pool cannot pay approves nothing, and its approval is
	// not kept.
	big := spending(p.ID, 300)
	big.Status = dpcoop.SpendingAwaiting
	big = must(s.AddSpending(ctx, f.Coop, big, nil, g))(t)
	must(s.ApproveSpending(ctx, f.Coop, big, "m1", 3, entryOf, g))(t)
	_, err := s.ApproveSpending(ctx, f.Coop, big, "m2", 3, func() dpcoop.Entry { return spendingEntry(big) }, g)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodePoolFunds)
	if read := must(s.Spending(ctx, f.Coop, p.ID, big.ID))(t); read.Status != dpcoop.SpendingAwaiting || len(read.Approvals) != 1 {
		t.Fatalf("a refused approval was written: %+v", read)
	}
}

func poolMonthIsEmptyUntilPooled(t *testing.T, s accounts.Ledger, f Fixture) {
	p := must(s.AddPool(context.Background(), f.Coop, pool("Trips")))(t)
	if got := must(s.PoolMonth(context.Background(), f.Coop, p.ID, "2026-11"))(t); len(got) != 0 {
		t.Fatalf("a month not pooled has shortfalls %+v", got)
	}
}

func ledgerStaysInItsCoop(t *testing.T, s accounts.Ledger, f Fixture) {
	ctx := context.Background()
	m := dpcoop.MemberAccount("m1")
	e := must(s.PostEntry(ctx, f.Coop, entry(dpcoop.AccountOpening, m, "2026-11-02", 5000)))(t)
	p := must(s.AddPool(ctx, f.Coop, pool("Trips")))(t)
	must(s.JoinPool(ctx, f.Coop, dpcoop.PoolMember{Pool: p.ID, Member: "m1", Weight: 1, Joined: "2026-11-01", ConsentBy: "m1", ConsentAt: Day}))(t)
	sp := spending(p.ID, 10)
	sp.Status = dpcoop.SpendingAwaiting
	must(s.AddSpending(ctx, f.Coop, sp, nil, dpcoop.SpendingGuard{Funds: 100}))(t)

	_, err := s.Entry(ctx, f.Other, e.ID)
	wantNotFound(t, err)
	_, err = s.Pool(ctx, f.Other, p.ID)
	wantNotFound(t, err)
	_, err = s.Spending(ctx, f.Other, p.ID, sp.ID)
	wantNotFound(t, err)
	if es := must(s.Entries(ctx, f.Other))(t); len(es) != 0 {
		t.Fatalf("another co-op listed %d entries", len(es))
	}
	if es := must(s.AccountEntries(ctx, f.Other, m, "2026-01-01", "2026-12-31"))(t); len(es) != 0 {
		t.Fatalf("another co-op's account listed %d entries", len(es))
	}
	if ps := must(s.Pools(ctx, f.Other))(t); len(ps) != 0 {
		t.Fatalf("another co-op listed %d pools", len(ps))
	}
	if ms := must(s.PoolMembers(ctx, f.Other, p.ID))(t); len(ms) != 0 {
		t.Fatalf("another co-op listed %d pool members", len(ms))
	}
	if err := s.LeavePool(ctx, f.Other, p.ID, "m1", "2026-11-20", nil); err == nil {
		t.Fatal("a member left a pool through another co-op")
	}
	if ms := must(s.PoolMembers(ctx, f.Coop, p.ID))(t); len(ms) != 1 || ms[0].Left != "" {
		t.Fatalf("leaving through another co-op changed the pool: %+v", ms)
	}
}

// together runs n calls at once and returns their errors.
func together(n int, call func(i int) error) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = call(i) })
	}
	wg.Wait()
	return errs
}

func concurrentSpendingNeverPassesTheFunds(t *testing.T, s accounts.Ledger, f Fixture) {
	ctx := context.Background()
	p := must(s.AddPool(ctx, f.Coop, pool("Trips")))(t)
	g := dpcoop.SpendingGuard{Limit: 100000, Funds: 1000}
	errs := together(4, func(int) error {
		sp := spending(p.ID, 600)
		sp.Status = dpcoop.SpendingApproved
		e := spendingEntry(sp)
		sp.EntryID = e.ID
		_, err := s.AddSpending(ctx, f.Coop, sp, &e, g)
		return err
	})
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !dpcoop.IsCode(err, dpcoop.CodePoolFunds):
			t.Fatalf("a concurrent spending failed otherwise: %v", err)
		}
	}
	es := must(s.AccountEntries(ctx, f.Coop, dpcoop.PoolAccount(p.ID), "2026-11-01", "2026-11-30"))(t)
	if ok != 1 || len(es) != 1 {
		t.Fatalf("four spendings of 600 from 1000 at once: %d written, %d posted, want 1", ok, len(es))
	}
}

func concurrentApprovalsPostOnce(t *testing.T, s accounts.Ledger, f Fixture) {
	ctx := context.Background()
	p := must(s.AddPool(ctx, f.Coop, pool("Trips")))(t)
	g := dpcoop.SpendingGuard{Funds: 1000}
	sp := spending(p.ID, 800)
	sp.Status = dpcoop.SpendingAwaiting
	sp = must(s.AddSpending(ctx, f.Coop, sp, nil, g))(t)
	members := []string{"m1", "m2", "m3"}
	for _, err := range together(len(members), func(i int) error {
		_, err := s.ApproveSpending(ctx, f.Coop, sp, members[i], len(members), func() dpcoop.Entry { return spendingEntry(sp) }, g)
		return err
	}) {
		noErr(t, err)
	}
	read := must(s.Spending(ctx, f.Coop, p.ID, sp.ID))(t)
	es := must(s.AccountEntries(ctx, f.Coop, dpcoop.PoolAccount(p.ID), "2026-11-01", "2026-11-30"))(t)
	if read.Status != dpcoop.SpendingApproved || len(read.Approvals) != 2 || len(es) != 1 || es[0].ID != read.EntryID {
		t.Fatalf("three approvals at once: %+v with %d entries, want approved by two and posted once", read, len(es))
	}
}
