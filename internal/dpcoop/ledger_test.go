package dpcoop

import "testing"

// An account's kind and owner are read from its name in one place, and a
// charge's payer falls on the right account: a member pays the fee, a pool's
// fund and the co-op do not.
func TestAccountKinds(t *testing.T) {
	for _, c := range []struct {
		a    Account
		kind AccountKind
		of   string
	}{
		{MemberAccount("m1"), OfMember, "m1"},
		{PoolAccount("p1"), OfPool, "p1"},
		{CouncilAccount("Gwynedd"), OfCouncil, "Gwynedd"},
		{AccountFees, OfCoop, "fees"},
		{NetPayAccount("pa1"), OfLiability, "pa:pa1"},
		{AccountSpending, OfExternal, "spending"},
	} {
		if got := c.a.Kind(); got != c.kind {
			t.Errorf("%s: kind %q, want %q", c.a, got, c.kind)
		}
		if id, ok := c.a.Of(c.kind); !ok || id != c.of {
			t.Errorf("%s: of %q %v, want %q", c.a, id, ok, c.of)
		}
		if _, ok := c.a.Of(OfCouncil); ok != (c.kind == OfCouncil) {
			t.Errorf("%s read as a council's", c.a)
		}
	}
	for payer, want := range map[string]Account{
		"m1": MemberAccount("m1"), string(PoolAccount("p1")): PoolAccount("p1"), string(AccountFees): AccountFees,
	} {
		if got := PayerAccount(payer); got != want {
			t.Errorf("payer %q falls on %s, want %s", payer, got, want)
		}
		if PaysFee(payer) != (want.Kind() == OfMember) {
			t.Errorf("payer %q: pays fee %v", payer, PaysFee(payer))
		}
	}
}
