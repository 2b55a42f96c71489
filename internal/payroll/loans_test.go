package payroll

import (
	"errors"
	"testing"
)

// HMRC's and the Student Loans Company's published worked examples, at the
// thresholds each was written with (docs/student-loans.md gives each
// source). Each is 9 % (6 % for a postgraduate loan) of the period's pay
// above the period threshold, rounded down to whole pounds.
func TestLoanDeductionPublishedExamples(t *testing.T) {
	for _, c := range []struct {
		name                string
		pay, threshold, out int64 // pence
		rate                Rate
	}{
		// HMRC Collection of Student Loans Manual CSLM18025, step 1: monthly
		// salary £2,075, monthly threshold £1,457, £618 over: £55.62, £55.
		{"CSLM18025", 207500, 145700, 5500, 900},
		// GOV.UK "Repaying your student loan: what you pay" (2022-23).
		{"plan 1 monthly £2,000", 200000, 168200, 2800, 900},
		{"plan 1 monthly £2,250", 225000, 168200, 5100, 900},
		{"plan 2 weekly £600", 60000, 52400, 600, 900},
		{"plan 2 monthly £2,400", 240000, 227400, 1100, 900},
		{"postgraduate weekly £600", 60000, 40300, 1100, 600},
		{"postgraduate monthly £2,400", 240000, 175000, 3900, 600},
		{"plans 1 and 2 monthly £2,100: plan 1's lower threshold", 210000, 168200, 3700, 900},
		// At and below the threshold nothing is due; a penny over is £0.
		{"at the threshold", 175000, 175000, 0, 600},
		{"below the threshold", 100000, 175000, 0, 600},
		{"just over", 175001, 175000, 0, 600},
	} {
		if got := loanDeduction(c.pay, c.threshold, c.rate); got != c.out {
			t.Errorf("%s: %d, want %d", c.name, got, c.out)
		}
	}
}

// The period thresholds are the annual ones over 12 or 52, rounded down to
// the penny, as GOV.UK's rates and thresholds for employers publish them.
func TestLoanThresholds(t *testing.T) {
	y2025, y2026 := mustYear(t, date(2025, 6, 1)), mustYear(t, date(2026, 6, 1))
	for _, c := range []struct {
		y     *Year
		plan  LoanPlan
		f     Frequency
		pence int64
	}{
		// Published in Rates and thresholds for employers 2025 to 2026.
		{y2025, LoanPlan1, Monthly, 217208}, {y2025, LoanPlan1, Weekly, 50125},
		{y2025, LoanPlan2, Monthly, 237250}, {y2025, LoanPlan2, Weekly, 54750},
		{y2025, LoanPlan4, Monthly, 272875}, {y2025, LoanPlan4, Weekly, 62971},
		{y2025, LoanPostgraduate, Monthly, 175000}, {y2025, LoanPostgraduate, Weekly, 40384},
		// 2026 to 2027: £26,900, £29,385, £33,795, £25,000 and £21,000.
		{y2026, LoanPlan1, Monthly, 224166}, {y2026, LoanPlan1, Weekly, 51730},
		{y2026, LoanPlan2, Monthly, 244875}, {y2026, LoanPlan2, Weekly, 56509},
		{y2026, LoanPlan4, Monthly, 281625}, {y2026, LoanPlan4, Weekly, 64990},
		{y2026, LoanPlan5, Monthly, 208333}, {y2026, LoanPlan5, Weekly, 48076},
		{y2026, LoanPlan5, Fortnightly, 96152}, {y2026, LoanPlan5, FourWeekly, 192304},
		{y2026, LoanPostgraduate, Monthly, 175000}, {y2026, LoanPostgraduate, Weekly, 40384},
	} {
		if got, ok := c.y.LoanThreshold(c.plan, c.f); !ok || got != c.pence {
			t.Errorf("%s %s %s: %d, %v; want %d", c.y.Name, c.plan, c.f, got, ok, c.pence)
		}
	}
	// Plan 5 repayments start on 6 April 2026: 2025-26 has no threshold,
	// and a payslip with it is refused rather than guessed.
	if _, ok := y2025.LoanThreshold(LoanPlan5, Monthly); ok {
		t.Error("2025-26 has a plan 5 threshold")
	}
	in := workedInput(t)
	in.PayDate, in.PeriodStart, in.Loans = date(2026, 3, 31), date(2026, 3, 1), []LoanPlan{LoanPlan5}
	var ie *InputError
	if _, err := Calculate(in); !errors.As(err, &ie) || ie.Code != CodeNoLoanThreshold {
		t.Errorf("plan 5 in 2025-26: %v", err)
	}
}

// The worked 2026-27 payslip with plan 1 and a postgraduate loan: both are
// taken on NI-able pay, £2,375.44.
//
//	plan 1        2375.44 - 2241.66 = 133.78 × 9 % = 12.04 → £12
//	postgraduate  2375.44 - 1750.00 = 625.44 × 6 % = 37.52 → £37
//	net           1974.62 - 12 - 37 = 1925.62
func TestCalculateWithLoans(t *testing.T) {
	in := workedInput(t)
	in.Loans = []LoanPlan{LoanPostgraduate, LoanPlan1}
	in.YearToDate = YearToDate{StudentLoan: 5000, PostgraduateLoan: 7000}
	got, err := Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	if got.StudentLoanPlan != LoanPlan1 || got.StudentLoan != 1200 || got.PostgraduateLoan != 3700 || got.NetPay != 192562 {
		t.Errorf("plan %s, loans %d + %d, net %d", got.StudentLoanPlan, got.StudentLoan, got.PostgraduateLoan, got.NetPay)
	}
	if got.YearToDate.StudentLoan != 6200 || got.YearToDate.PostgraduateLoan != 10700 {
		t.Errorf("year to date %+v", got.YearToDate)
	}
	// Plan 2's threshold is above this pay: nothing is deducted.
	in.Loans = []LoanPlan{LoanPlan2}
	if got, err = Calculate(in); err != nil || got.StudentLoan != 0 || got.StudentLoanPlan != LoanPlan2 || got.NetPay != 197462 {
		t.Errorf("plan 2: %d, %d, %v", got.StudentLoan, got.NetPay, err)
	}
}

func TestLoansRefused(t *testing.T) {
	for _, loans := range [][]LoanPlan{
		{LoanPlan1, LoanPlan2},
		{LoanPostgraduate, LoanPostgraduate},
		{"plan_3"},
	} {
		in := workedInput(t)
		in.Loans = loans
		var ie *InputError
		if _, err := Calculate(in); !errors.As(err, &ie) || ie.Code != CodeInvalidLoan {
			t.Errorf("%v: %v", loans, err)
		}
	}
}
