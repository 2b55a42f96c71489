package payroll

import (
	"errors"
	"fmt"
)

// LoanPlan is a student or postgraduate loan a PA repays through payroll, as
// HMRC's start notices (SL1, PGL1) and the starter checklist name it. Its
// value is a stable code used in data files and the API.
type LoanPlan string

// The loan plans. A PA repays at most one undergraduate plan (1, 2, 4 or 5)
// and, at the same time, a postgraduate loan.
const (
	LoanPlan1        LoanPlan = "plan_1"
	LoanPlan2        LoanPlan = "plan_2"
	LoanPlan4        LoanPlan = "plan_4"
	LoanPlan5        LoanPlan = "plan_5"
	LoanPostgraduate LoanPlan = "postgraduate"
)

// LoanPlans is every plan, undergraduate plans first.
var LoanPlans = []LoanPlan{LoanPlan1, LoanPlan2, LoanPlan4, LoanPlan5, LoanPostgraduate}

// Postgraduate reports whether the plan is the postgraduate loan, which is
// repaid beside an undergraduate plan rather than instead of one.
func (p LoanPlan) Postgraduate() bool { return p == LoanPostgraduate }

// Known reports whether p is one of LoanPlans.
func (p LoanPlan) Known() bool {
	for _, k := range LoanPlans {
		if p == k {
			return true
		}
	}
	return false
}

// loanParams is one plan's figures for a tax year: the annual threshold and
// the share of earnings above the period threshold that is repaid.
type loanParams struct {
	AnnualThresholdPence int64 `json:"annualThresholdPence"`
	Rate                 Rate  `json:"rate"`
}

// buildLoans reads the year's loan plans. A plan missing from a year (plan
// 5 before 2026-27) has no threshold: a payslip with it is refused.
func (y *Year) buildLoans(plans map[string]*loanParams) error {
	y.loans = map[LoanPlan]loanParams{}
	for name, p := range plans {
		plan := LoanPlan(name)
		if !plan.Known() {
			return fmt.Errorf("unknown plan %q", name)
		}
		if p == nil { // not published yet: listed in notPublished
			continue
		}
		if p.AnnualThresholdPence <= 0 || p.AnnualThresholdPence%100 != 0 || !validRate(p.Rate) || p.Rate == 0 {
			return fmt.Errorf("%s: the threshold must be whole pounds above 0 and the rate between 1 and 10000", name)
		}
		y.loans[plan] = *p
	}
	if len(plans) == 0 {
		return errors.New("plans must hold at least one plan")
	}
	return nil
}

// LoanThreshold is the plan's earnings threshold for one pay period, in
// pence: the annual threshold divided by 12 (monthly) or 52 (weekly),
// rounded down to the penny as HMRC publishes them (PGL: £21,000 a year is
// £403.84 a week), and two or four weekly thresholds for fortnightly and
// four-weekly pay. ok is false if the year has no figures for the plan.
func (y *Year) LoanThreshold(plan LoanPlan, f Frequency) (pence int64, ok bool) {
	p, ok := y.loans[plan]
	if !ok || !f.valid() {
		return 0, false
	}
	if f == Monthly {
		return p.AnnualThresholdPence / 12, true
	}
	return p.AnnualThresholdPence / 52 * f.weeks(), true
}

// LoanDeduction is one plan's deduction from one period's earnings (the
// earnings employer's Class 1 NI is worked out on): the plan's rate of the
// earnings above the period threshold, rounded down to whole pounds. Each
// period stands alone (non-cumulative).
func (y *Year) LoanDeduction(plan LoanPlan, f Frequency, earnings int64) (int64, error) {
	if err := y.unpublished("Loans", "student_loan_"+string(plan)); err != nil {
		return 0, err
	}
	threshold, ok := y.LoanThreshold(plan, f)
	if !ok {
		if !f.valid() {
			return 0, inputError("Frequency", CodeInvalidFrequency, fmt.Sprintf("unknown pay frequency %d", int(f)))
		}
		return 0, inputError("Loans", CodeNoLoanThreshold, fmt.Sprintf("no %s threshold for %s", plan, y.Name))
	}
	return loanDeduction(earnings, threshold, y.loans[plan].Rate), nil
}

// loanDeduction is rate × (earnings − threshold), rounded down to whole
// pounds and given in pence; nothing at or below the threshold.
func loanDeduction(earnings, threshold int64, r Rate) int64 {
	if earnings <= threshold {
		return 0
	}
	return mulRateFloor(earnings-threshold, r) / 100 * 100
}

// checkLoans refuses an unknown plan, the same plan twice, or two
// undergraduate plans: HMRC collects only one at a time.
func checkLoans(loans []LoanPlan) error {
	var undergraduate, postgraduate int
	for _, p := range loans {
		switch {
		case !p.Known():
			return inputError("Loans", CodeInvalidLoan, fmt.Sprintf("unknown loan plan %q", p))
		case p.Postgraduate():
			postgraduate++
		default:
			undergraduate++
		}
	}
	if undergraduate > 1 || postgraduate > 1 {
		return inputError("Loans", CodeInvalidLoan, "at most one undergraduate plan and one postgraduate loan")
	}
	return nil
}
