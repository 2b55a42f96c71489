package payrun

import (
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

func shift(id, member, date string, kind dpcoop.ShiftKind, minutes int) dpcoop.Shift {
	start := time.Date(2026, 10, 5, 8, 0, 0, 0, time.UTC)
	if d, ok := dpcoop.ParseDate(date); ok {
		start = d.Time().Add(8 * time.Hour)
	}
	return dpcoop.Shift{ID: id, PA: "pa", Date: dpcoop.Date(date), Start: start, End: start.Add(time.Duration(minutes) * time.Minute),
		Kind: kind, Status: dpcoop.ShiftApproved, Members: []dpcoop.ShiftMember{{Member: member, Share: dpcoop.WholeShare}}}
}

// TestMembersPayForWhatTheirHoursCost: a PA earns £60 an hour with Aled and
// £50 with Bethan, £1,000 from each; Carys has one sleep-in at a flat £90.
// Each member is charged the pay of their own hours (not their share of the
// minutes), and the employer's costs in proportion to that pay; a pay rise
// from the 15th applies to the shifts from then on.
func TestMembersPayForWhatTheirHoursCost(t *testing.T) {
	emps := []dpcoop.Employment{
		{PA: "pa", Member: "aled", Start: "2026-04-06", Rates: dpcoop.Rates{Standard: 5000, SleepIn: 9000},
			RateChanges: []dpcoop.RateChange{{EffectiveFrom: "2026-10-15", Rates: dpcoop.Rates{Standard: 6000}}}},
		{PA: "pa", Member: "bethan", Start: "2026-04-06", Rates: dpcoop.Rates{Standard: 5000}},
		{PA: "pa", Member: "carys", Start: "2026-04-06", Rates: dpcoop.Rates{Standard: 1345, SleepIn: 9000}},
	}
	shifts := []dpcoop.Shift{
		shift("1", "aled", "2026-10-20", dpcoop.ShiftStandard, 1000),   // 16h40 at £60: £1,000
		shift("2", "bethan", "2026-10-06", dpcoop.ShiftStandard, 1200), // 20h at £50: £1,000
		shift("3", "carys", "2026-10-07", dpcoop.ShiftSleepIn, 540),    // one sleep-in: £90
	}
	work := MonthWork(shifts, emps)
	if len(work) != 1 {
		t.Fatalf("work %+v", work)
	}
	pay := map[string]int64{}
	for _, m := range work[0].Members {
		pay[m.Member] = m.Pay
	}
	if pay["aled"] != 100000 || pay["bethan"] != 100000 || pay["carys"] != 9000 {
		t.Fatalf("pay per member %v", pay)
	}
	// The employer's costs, as a payslip would carry them: employer NI £300,
	// pension £61, holiday accrual £241.40 (12.07 % of the £2,000 of hours).
	slip := dpcoop.Payslip{PA: "pa", Name: "Catrin Hughes", Members: work[0].Members, HolidayAccrual: 24140,
		Result: payroll.Payslip{Gross: 209000, NI: payroll.NIResult{Employer: 30000}, Pension: payroll.Contributions{Employer: 6100}}}
	charges, err := Charges([]dpcoop.Payslip{slip}, dpcoop.PayrollSettings{})
	if err != nil {
		t.Fatal(err)
	}
	// Gross 100,000 : 100,000 : 9,000 of 209,000. NI 30,000 -> 14,354.07 /
	// 14,354.07 / 1,291.87: 14,354 + 14,354 + 1,292. Pension 6,100 ->
	// 2,918.66 / 2,918.66 / 262.68: 2,919 + 2,918 + 263 (the first of the two
	// equal remainders wins). Holiday 24,140 -> 11,550.24 / 11,550.24 /
	// 1,039.52: 11,550 + 11,550 + 1,040.
	want := map[string]int64{"aled": 100000 + 14354 + 2919 + 11550, "bethan": 100000 + 14354 + 2918 + 11550, "carys": 9000 + 1292 + 263 + 1040}
	var total int64
	for _, c := range charges {
		total += c.Amount
		if c.Amount != want[c.Member] {
			t.Errorf("%s charged %d, want %d (%+v)", c.Member, c.Amount, want[c.Member], c.Parts)
		}
		// The part names its PA as the payslip does, so a statement reads
		// no PA record.
		if len(c.Parts) != 1 || c.Parts[0].PA != "pa" || c.Parts[0].PAName != "Catrin Hughes" {
			t.Errorf("%s's parts %+v", c.Member, c.Parts)
		}
	}
	if total != 209000+30000+6100+24140 {
		t.Errorf("charges add up to %d, not the employer's cost", total)
	}
}

// TestAPaymentAfterTheP45IsTaxedOn0T: once a leaver's P45 is issued, a
// payment to them is taxed on 0T, week 1/month 1 (HMRC's rule), whatever
// their code was; before it, on their own code.
func TestAPaymentAfterTheP45IsTaxedOn0T(t *testing.T) {
	pa := dpcoop.PA{ID: "pa", DateOfBirth: "1980-01-01", NICategory: "A", Status: dpcoop.PAActive}
	hist := dpcoop.PayHistory{PA: "pa", Left: "2026-11-20",
		Notices:   []dpcoop.TaxCodeNotice{{TaxCode: "1257L", Basis: dpcoop.BasisCumulative, EffectiveFrom: "2026-04-06", Source: dpcoop.SourceStarter}},
		IssuedP45: &dpcoop.LeaverP45{Issued: "2026-11-23"}}
	in := Calculation{Job: Job{Coop: "demo", Month: "2026-11", Attempt: 1}, Settings: dpcoop.DefaultPayrollSettings,
		Work: Work{PA: "pa", Lines: []dpcoop.PayLine{{Kind: dpcoop.ShiftStandard, Minutes: 600, Rate: 1345}}}}
	for payDate, want := range map[dpcoop.Date]string{"2026-11-23": "1257L", "2026-12-07": "0T M1"} {
		in.PayDate = payDate
		slip, err := Payslip(pa, hist, in, Pension{})
		if err != nil {
			t.Fatal(err)
		}
		if slip.TaxCode != want {
			t.Errorf("paid %s: code %s, want %s", payDate, slip.TaxCode, want)
		}
	}
}
