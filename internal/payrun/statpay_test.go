package payrun

import (
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

func TestChargesShareStatutoryPay(t *testing.T) {
	// £100.00 of work for member a this month, £246.50 SSP, employer NI
	// £20.01: the SSP falls on b and c by their minutes in the 12 weeks
	// before (2:1), the NI on everyone by gross.
	slip := dpcoop.Payslip{PA: "pa1", Members: []dpcoop.MemberWork{{Member: "a", Minutes: 480, Pay: 10000}},
		Statutory: &dpcoop.StatutoryPaid{Members: []dpcoop.MemberWork{{Member: "b", Minutes: 600}, {Member: "c", Minutes: 300}}},
		Result:    payroll.Payslip{Gross: 34650, SickPay: payroll.SickPay{Amount: 24650}, NI: payroll.NIResult{Employer: 2001}, EmployerCost: 36651}}
	charges, err := Charges([]dpcoop.Payslip{slip}, dpcoop.DefaultPayrollSettings)
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	got := map[string]dpcoop.ChargePart{}
	for _, c := range charges {
		got[c.Member] = c.Parts[0]
		total += c.Amount
	}
	if got["a"].StatutoryPay != 0 || got["b"].StatutoryPay != 16433 || got["c"].StatutoryPay != 8217 || got["a"].Gross != 10000 {
		t.Errorf("SSP shares: %+v", got)
	}
	if total != slip.Cost() {
		t.Errorf("charges %d, cost %d", total, slip.Cost())
	}
	// The co-op's setting: the SSP falls on its fees account, with no fee.
	s := dpcoop.DefaultPayrollSettings
	s.StatutoryCharge, s.FeePerMemberPence = dpcoop.StatutoryChargeCoop, 500
	charges, _ = Charges([]dpcoop.Payslip{slip}, s)
	if len(charges) != 2 || charges[1].Member != string(dpcoop.AccountFees) || charges[1].Parts[0].StatutoryPay != 24650 || charges[1].Fee != 0 {
		t.Errorf("co-op bears it: %+v", charges)
	}
}
