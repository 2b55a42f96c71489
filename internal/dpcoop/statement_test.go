package dpcoop

import "testing"

// A statement carries the balance through the month's entries and warns when
// what is carried forward will not cover a month like this one, or is above
// the surplus limit.
func TestBuildStatement(t *testing.T) {
	m := Member{ID: "m1", Name: "Gwen", Language: Welsh}
	acct := MemberAccount("m1")
	before := []Entry{{ID: "e0", From: "council:gwynedd", To: acct, Amount: 50000, Source: SourceCouncilPayment}}
	in := []Entry{
		{ID: "e1", Date: "2026-11-07", Month: "2026-10", From: acct, To: AccountPayroll, Amount: 40000, Source: SourcePayrollCharge,
			Parts: []ChargePart{{PA: "pa1", Minutes: 600, Total: 30000}, {PA: "pa2", PAName: "Dafydd", Minutes: 200, Total: 10000}}},
		{ID: "e2", Date: "2026-11-07", Month: "2026-10", From: acct, To: AccountFees, Amount: 1000, Source: SourceCoopFee},
		{ID: "e3", Date: "2026-11-09", Month: "2026-11", From: acct, To: PoolAccount("p1"), Amount: 500, Source: SourcePoolContribution},
	}
	facts := StatementFacts{PANames: map[string]string{"pa1": "Catrin"}, Pools: map[string]PoolName{"p1": {CY: "Ffrindiau", EN: "Friends"}},
		PoolSpent: func(Account, string) []PaidFor { return []PaidFor{{What: "Trip", Amount: 500}} }}
	st := BuildStatement(m, "2026-11", Balance(acct, before), in, PayrollSettings{}, facts)
	if st.BroughtForward != 50000 || st.CarriedForward != 8500 || len(st.Lines) != 3 || st.Lines[1].Balance != 9000 || st.Language != Welsh {
		t.Fatalf("statement %+v", st)
	}
	// pa1's part is from before parts kept the PA's name: the facts name
	// them; pa2's names its PA itself.
	if d := st.Lines[0].Details; len(d) != 2 || d[0].PAName != "Catrin" || d[1].PAName != "Dafydd" || st.Lines[0].Month != "2026-10" {
		t.Errorf("charge line %+v", st.Lines[0])
	}
	if l := st.Lines[2]; l.Pool == nil || l.Pool.CY != "Ffrindiau" || len(l.PaidFor) != 1 {
		t.Errorf("pool line %+v", l)
	}
	if len(st.Alerts) != 1 || st.Alerts[0].Code != AlertShort || st.Alerts[0].Amount != 41000 {
		t.Errorf("alerts %+v: £85.00 will not cover £410.00 of charges and fees", st.Alerts)
	}
	rich := BuildStatement(m, "2026-11", Balance(acct, before)+100000, in, PayrollSettings{}, facts)
	if len(rich.Alerts) != 1 || rich.Alerts[0].Code != AlertSurplus || rich.Alerts[0].Amount != 82000 {
		t.Errorf("alerts %+v: above twice the month's charges", rich.Alerts)
	}
	sum := Summarise("2026-11", append(before, in...))
	if sum.LedgerTotal != 0 || sum.MembersHold != 8500 || sum.BySource[SourcePayrollCharge] != 40000 || sum.Accounts[PoolAccount("p1")] != 500 {
		t.Errorf("summary %+v", sum)
	}
	a := AccountFor(acct, "m1", "2026-11", Balance(acct, before), in)
	if a.BroughtForward != 50000 || a.CarriedForward != 8500 || a.Entries[0].Effect != -40000 {
		t.Errorf("account %+v", a)
	}
}
