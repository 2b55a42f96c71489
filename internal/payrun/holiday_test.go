package payrun

import (
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestLeaveIsPaidOutOfTheProvisionNotChargedAgain: Aled approves 8 hours of
// leave and has 10 hours of work at £15; the PA's provision holds £50. The
// leave is paid at the rate averaged over October (£1,500 for 100 hours:
// £15), £120: £50 + £10 of this month's accrual (12.07 % of £150 = £18.11)
// come out of the provision, the £60 shortfall is charged with the work.
// The run's ledger leaves the payroll account at nothing.
func TestLeaveIsPaidOutOfTheProvisionNotChargedAgain(t *testing.T) {
	emps := []dpcoop.Employment{{PA: "pa", Member: "aled", Start: "2026-04-06", Rates: dpcoop.Rates{Standard: 1500}}}
	work := MonthWork([]dpcoop.Shift{
		shift("1", "aled", "2026-11-02", dpcoop.ShiftStandard, 600),
		shift("2", "aled", "2026-11-09", dpcoop.ShiftHoliday, 480),
	}, emps)
	if m := work[0].Members[0]; m.Minutes != 600 || m.Pay != 15000 || m.HolidayMinutes != 480 {
		t.Fatalf("member work %+v", m)
	}
	pa := dpcoop.PA{ID: "pa", DateOfBirth: "1980-01-01", NICategory: "A", Status: dpcoop.PAActive}
	hist := dpcoop.PayHistory{PA: "pa",
		Notices: []dpcoop.TaxCodeNotice{{TaxCode: "1257L", Basis: dpcoop.BasisCumulative, EffectiveFrom: "2026-04-06", Source: dpcoop.SourceStarter}},
		YTD: &dpcoop.YearToDate{TaxYear: "2026-27", Month: "2026-10", Holiday: &dpcoop.HolidayRecord{Month: "2026-10", LeaveYear: "2026-04-01",
			Balance: 600, Provision: 5000, Periods: []dpcoop.HolidayPeriod{{Month: "2026-10", Days: 31, Pay: 150000, Minutes: 6000}}}}}
	in := Calculation{Job: Job{Coop: "demo", Month: "2026-11", Attempt: 1}, PayDate: "2026-12-07",
		Settings: dpcoop.DefaultPayrollSettings, Work: work[0]}
	slip, err := Payslip(pa, hist, in, Pension{})
	if err != nil {
		t.Fatal(err)
	}
	h := slip.Holiday
	if h.RatePence != 1500 || h.Pay != 12000 || slip.HolidayAccrual != 1811 || h.FromProvision != 6811 || h.Shortfall != 5189 ||
		h.AccruedMinutes != 73 || h.Balance != 600+73-480 {
		t.Fatalf("leave %+v, accrual %d", h, slip.HolidayAccrual)
	}
	charges, err := Charges([]dpcoop.Payslip{slip}, dpcoop.PayrollSettings{})
	if err != nil {
		t.Fatal(err)
	}
	if p := charges[0].Parts[0]; p.Gross != 15000+5189 || p.Total != p.Gross+slip.Result.NI.Employer+1811 {
		t.Fatalf("Aled's charge %+v", p)
	}
	run := dpcoop.Run{Month: "2026-11", PayDate: "2026-12-07", Charges: charges, Totals: totals([]dpcoop.Payslip{slip}, charges)}
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	balance := map[dpcoop.Account]int64{}
	for _, e := range append(Entries("demo", run, "admin", at), dpcoop.LiabilityEntries("demo", run, []dpcoop.Payslip{slip}, "admin", at)...) {
		balance[e.From] -= e.Amount
		balance[e.To] += e.Amount
	}
	if balance[dpcoop.AccountPayroll] != 0 || balance[dpcoop.AccountHolidayProvision] != 1811-6811 {
		t.Errorf("ledger %v", balance)
	}

	hist.Left = "2026-11-30" // a leaver is paid the rest in lieu
	slip, err = Payslip(pa, hist, in, Pension{})
	if err != nil {
		t.Fatal(err)
	}
	if last := slip.Lines[len(slip.Lines)-1]; last.Kind != dpcoop.ShiftHolidayInLieu || last.Minutes != 193 || last.Pay != 4825 || slip.Holiday.Balance != 0 {
		t.Errorf("in lieu %+v, %+v", last, slip.Holiday)
	}
}
