package payroll

import (
	"errors"
	"testing"
	"time"
)

func TestAssessWorker2026(t *testing.T) {
	y := year2026(t)
	pay := date(2026, 4, 30)
	// Monthly 2026-27: lower qualifying limit 520, trigger 833.
	cases := []struct {
		name     string
		dob      time.Time
		earnings int64
		want     WorkerCategory
	}{
		{"30, over the trigger", date(1996, 1, 1), 90000, EligibleJobholder},
		{"30, exactly the trigger is not over it", date(1996, 1, 1), 83300, NonEligibleJobholder},
		{"30, between the limits", date(1996, 1, 1), 60000, NonEligibleJobholder},
		{"30, exactly the lower limit", date(1996, 1, 1), 52000, EntitledWorker},
		{"21, over the trigger", date(2005, 1, 1), 90000, NonEligibleJobholder},
		{"22 today", date(2004, 4, 30), 90000, EligibleJobholder},
		{"67, past state pension age", date(1959, 1, 1), 90000, NonEligibleJobholder},
		{"66 but before state pension age (born July 1960: 66y4m)", date(1960, 7, 10), 90000, EligibleJobholder},
		{"15", date(2011, 1, 1), 90000, NotInScope},
		{"75", date(1951, 1, 1), 90000, NotInScope},
	}
	for _, c := range cases {
		got, err := y.AssessWorker(c.dob, pay, Monthly, c.earnings)
		if err != nil || got != c.want {
			t.Errorf("%s: got %v, %v; want %v", c.name, got, err, c.want)
		}
	}
	if _, err := y.AssessWorker(time.Time{}, pay, Monthly, 1); err == nil {
		t.Error("missing date of birth accepted")
	}
}

func TestStatePensionDate(t *testing.T) {
	cases := []struct{ dob, want time.Time }{
		{date(1960, 4, 5), date(2026, 4, 5)},    // before 6 April 1960: 66
		{date(1960, 4, 6), date(2026, 5, 6)},    // 66 and 1 month
		{date(1960, 5, 5), date(2026, 6, 5)},    // still the first window
		{date(1960, 5, 6), date(2026, 7, 6)},    // 66 and 2 months
		{date(1960, 7, 10), date(2026, 11, 10)}, // 66 and 4 months
		{date(1961, 3, 5), date(2028, 2, 5)},    // 66 and 11 months
		{date(1961, 3, 6), date(2028, 3, 6)},    // 67
		{date(1990, 1, 1), date(2057, 1, 1)},
	}
	for _, c := range cases {
		if got := StatePensionDate(c.dob); !got.Equal(c.want) {
			t.Errorf("StatePensionDate(%s) = %s, want %s", c.dob.Format(time.DateOnly), got.Format(time.DateOnly), c.want.Format(time.DateOnly))
		}
	}
}

func TestAgeOn(t *testing.T) {
	leap := date(2004, 2, 29)
	if AgeOn(leap, date(2022, 2, 28)) != 17 || AgeOn(leap, date(2022, 3, 1)) != 18 || AgeOn(leap, date(2024, 2, 29)) != 20 {
		t.Error("29 February birthdays must turn over on 1 March in non-leap years")
	}
}

// Relief at source against net pay arrangement, 2026-27 monthly, earnings
// £2,000.00: qualifying earnings 2000 - 520 = 1480.00; employer 3 % = 44.40;
// PA 5 % = 74.00 gross. Relief at source takes 80 %: relief 14.80, deducted
// 59.20 after tax. Net pay takes all 74.00 before tax.
func TestPensionContributions2026(t *testing.T) {
	y := year2026(t)
	ras, err := y.PensionContributions(PensionScheme{Relief: ReliefAtSource, EmployerRate: 300, EmployeeRate: 500}, Monthly, 200000)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Contributions{QualifyingEarnings: 148000, Employer: 4440, EmployeeGross: 7400, TaxRelief: 1480, EmployeeDeduction: 5920}); ras != want {
		t.Errorf("relief at source: got %+v, want %+v", ras, want)
	}
	net, err := y.PensionContributions(PensionScheme{Relief: NetPayArrangement, EmployerRate: 300, EmployeeRate: 500}, Monthly, 200000)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Contributions{QualifyingEarnings: 148000, Employer: 4440, EmployeeGross: 7400, EmployeeDeduction: 7400}); net != want {
		t.Errorf("net pay: got %+v, want %+v", net, want)
	}
	// Earnings above the upper limit (4189) only count up to it; rounding up:
	// (4189 - 520) × 3 % = 110.07; × 5 % = 183.45.
	top, err := y.PensionContributions(PensionScheme{Relief: NetPayArrangement, EmployerRate: 300, EmployeeRate: 500}, Monthly, 900000)
	if err != nil || top.QualifyingEarnings != 366900 || top.Employer != 11007 || top.EmployeeGross != 18345 {
		t.Errorf("above the upper limit: %+v, %v", top, err)
	}
	// 1480.01 × 3 % = 44.4003 → 44.41 (up, never under the minimum).
	up, _ := y.PensionContributions(PensionScheme{Relief: ReliefAtSource, EmployerRate: 300, EmployeeRate: 500}, Monthly, 200001)
	if up.Employer != 4441 {
		t.Errorf("employer contribution must round up: %+v", up)
	}
}

func TestCheckSchemeMinimums(t *testing.T) {
	y := year2026(t)
	for _, s := range []PensionScheme{
		{Relief: ReliefAtSource, EmployerRate: 299, EmployeeRate: 700}, // employer under 3 %
		{Relief: ReliefAtSource, EmployerRate: 300, EmployeeRate: 499}, // total under 8 %
	} {
		var ie *InputError
		if err := y.CheckScheme(s); !errors.As(err, &ie) || ie.Code != CodePensionBelowMinimum {
			t.Errorf("%+v: got %v, want pension_below_minimum", s, err)
		}
	}
	if err := y.CheckScheme(PensionScheme{EmployerRate: 300, EmployeeRate: 500}); err == nil {
		t.Error("a scheme without a relief method was accepted")
	}
	if err := y.CheckScheme(PensionScheme{Relief: NetPayArrangement, EmployerRate: 800}); err != nil {
		t.Errorf("employer paying all 8 %%: %v", err)
	}
}

// TestPensionRefundTax: an opt-out refund is taxable pay again under a net
// pay arrangement (the contributions were taken before tax) but not NIable;
// under relief at source it is a net payment only. Either way it is added to
// net pay and nothing is deducted for the pension.
func TestPensionRefundTax(t *testing.T) {
	for _, c := range []struct {
		relief       Relief
		extraTaxable int64
	}{{NetPayArrangement, 2000}, {ReliefAtSource, 0}} {
		in := simpleInput(t, 200000)
		in.Pension = &PensionScheme{Relief: c.relief, EmployerRate: 300, EmployeeRate: 500}
		in.PensionStatus = PensionOptedOut
		base, err := Calculate(in)
		if err != nil {
			t.Fatal(err)
		}
		in.PensionRefund = 2000
		got, err := Calculate(in)
		if err != nil {
			t.Fatal(err)
		}
		if got.PensionRefund != 2000 || got.TaxablePay != base.TaxablePay+c.extraTaxable || got.NIablePay != base.NIablePay ||
			got.Pension.EmployeeDeduction != 0 || got.NetPay != got.Gross-got.Tax-got.NI.Employee+2000 || got.Gross != base.Gross {
			t.Errorf("relief %d: %+v", c.relief, got)
		}
		if c.relief == NetPayArrangement && got.Tax <= base.Tax {
			t.Errorf("net pay arrangement refund not taxed: %d then %d", base.Tax, got.Tax)
		}
	}
}
