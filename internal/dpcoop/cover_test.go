package dpcoop_test

import (
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// A member is flagged when their balance today is below what last month's
// charges took from their account; a reversed charge counts off, and a
// member charged nothing is not flagged.
func TestMayNotCoverComparesTheBalanceWithLastMonthsCharges(t *testing.T) {
	a, b, c := dpcoop.MemberAccount("a"), dpcoop.MemberAccount("b"), dpcoop.MemberAccount("c")
	council, payroll := dpcoop.Account("council"), dpcoop.Account("payroll")
	entries := []dpcoop.Entry{
		{Date: "2026-10-20", Source: dpcoop.SourceCouncilPayment, From: council, To: a, Amount: 100_000},
		{Date: "2026-11-28", Source: dpcoop.SourcePayrollCharge, From: a, To: payroll, Amount: 60_000},
		{Date: "2026-11-28", Source: dpcoop.SourceCoopFee, From: a, To: payroll, Amount: 1_000},
		{Date: "2026-10-20", Source: dpcoop.SourceCouncilPayment, From: council, To: b, Amount: 200_000},
		{Date: "2026-11-28", Source: dpcoop.SourcePayrollCharge, From: b, To: payroll, Amount: 60_000},
		{Date: "2026-11-29", Source: dpcoop.SourcePayrollCharge, From: payroll, To: b, Amount: 10_000}, // a reversal
		{Date: "2026-11-01", Source: dpcoop.SourceAdjustment, From: c, To: payroll, Amount: 5_000},
		{Date: "2026-12-20", Source: dpcoop.SourceCouncilPayment, From: council, To: a, Amount: 100_000}, // after today
	}
	got := dpcoop.MayNotCover(entries, "2026-12-07")
	if len(got) != 1 || got[0] != (dpcoop.Uncovered{Member: "a", Balance: 39_000, Charged: 61_000}) {
		t.Fatalf("uncovered: %+v", got)
	}
}
