package payroll

import (
	"fmt"
	"time"
)

// sspParams are a year's statutory sick pay rules.
type sspParams struct {
	WeeklyRate int64 `json:"weeklyRatePence"`
	// EarningsCap, if not zero, limits the weekly rate to this share of
	// average weekly earnings (80 % from 6 April 2026).
	EarningsCap Rate `json:"earningsCapRate"`
	// WaitingDays are unpaid qualifying days at the start of a period of
	// incapacity for work (3 until 5 April 2026, none after).
	WaitingDays int `json:"waitingDays"`
	// LowerEarningsLimitTest: no SSP unless average weekly earnings reach
	// the weekly NI lower earnings limit (until 5 April 2026).
	LowerEarningsLimitTest bool `json:"lowerEarningsLimitTest"`
	// MinPIWDays is how many days in a row of incapacity make a period of
	// incapacity for work: 4 until 5 April 2026, 1 after (Employment Rights
	// Act 2025 s.10 amended SSCBA 1992 s.152(2)).
	MinPIWDays int `json:"periodOfIncapacityMinDays"`
}

func (p sspParams) valid() bool {
	return p.WeeklyRate > 0 && validRate(p.EarningsCap) && p.WaitingDays >= 0 && p.WaitingDays <= 7 && p.MinPIWDays >= 1 && p.MinPIWDays <= 7
}

// Sickness describes a PA's sickness in one pay period, within a period
// of incapacity for work (which the caller establishes): one part at one
// rate on one pattern of qualifying days.
type Sickness struct {
	// From is the first sick day of the part: the rules of its tax year
	// apply (zero: the pay date's).
	From                  time.Time
	AverageWeeklyEarnings int64 // pence, over the 8 weeks before sickness
	QualifyingDaysPerWeek int   // days the PA normally works, 1-7
	SickQualifyingDays    int   // qualifying days of sickness in this pay period
	WaitingDaysServed     int   // waiting days already served in the linked period of incapacity
}

// SickPay is the statutory sick pay for one pay period.
type SickPay struct {
	WeeklyRate  int64 `json:"weekly_rate_pence"`
	WaitingDays int   `json:"waiting_days"` // unpaid waiting days in this period
	PaidDays    int   `json:"paid_days"`
	Amount      int64 `json:"amount_pence"` // taxable and NI-able pay
	// BelowLowerEarningsLimit: no SSP because average earnings were under
	// the lower earnings limit (2025-26 rules).
	BelowLowerEarningsLimit bool `json:"below_lower_earnings_limit"`
}

// add sums the parts of a period's SSP; the weekly rate shown is the last
// part's.
func (sp SickPay) add(part SickPay) SickPay {
	return SickPay{WeeklyRate: part.WeeklyRate, WaitingDays: sp.WaitingDays + part.WaitingDays, PaidDays: sp.PaidDays + part.PaidDays,
		Amount: sp.Amount + part.Amount, BelowLowerEarningsLimit: sp.BelowLowerEarningsLimit || part.BelowLowerEarningsLimit}
}

// MinPIWDays is how many days in a row of incapacity starting on day make
// a period of incapacity for work under that tax year's rules.
func MinPIWDays(day time.Time) (int, error) {
	y, err := YearFor(day)
	if err != nil {
		return 0, err
	}
	if err := y.unpublished("Sickness", "statutory_sick_pay"); err != nil {
		return 0, err
	}
	return y.ssp.MinPIWDays, nil
}

// StatutorySickPay works out SSP under the year's rules: the weekly rate
// (capped at a share of average weekly earnings where the year says so,
// that cap rounded up to the penny) is paid per qualifying day after any
// waiting days. Whole weeks of qualifying days get the weekly rate; the
// remaining days get rate × days / qualifying days per week, rounded up to
// the penny, as in HMRC's daily rate tables.
func (y *Year) StatutorySickPay(s Sickness) (SickPay, error) {
	if s.QualifyingDaysPerWeek < 1 || s.QualifyingDaysPerWeek > 7 || s.SickQualifyingDays < 0 || s.WaitingDaysServed < 0 || s.AverageWeeklyEarnings < 0 || s.AverageWeeklyEarnings > maxAmount {
		return SickPay{}, inputError("Sickness", CodeInvalidSickness, fmt.Sprintf("inconsistent sickness input %+v", s))
	}
	if err := y.unpublished("Sickness", "statutory_sick_pay"); err != nil {
		return SickPay{}, err
	}
	p := y.ssp
	sp := SickPay{WeeklyRate: p.WeeklyRate}
	if p.EarningsCap > 0 {
		sp.WeeklyRate = min(sp.WeeklyRate, mulRateCeil(s.AverageWeeklyEarnings, p.EarningsCap))
	}
	if p.LowerEarningsLimitTest && s.AverageWeeklyEarnings < y.niThresholds[Weekly][thLEL] {
		sp.BelowLowerEarningsLimit = true
		return sp, nil
	}
	sp.WaitingDays = min(s.SickQualifyingDays, max(p.WaitingDays-s.WaitingDaysServed, 0))
	sp.PaidDays = s.SickQualifyingDays - sp.WaitingDays
	qd := int64(s.QualifyingDaysPerWeek)
	weeks, days := int64(sp.PaidDays)/qd, int64(sp.PaidDays)%qd
	sp.Amount = weeks*sp.WeeklyRate + ceilDiv(sp.WeeklyRate*days, qd)
	return sp, nil
}
