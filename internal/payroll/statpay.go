package payroll

import (
	"errors"
	"fmt"
	"time"
)

// parentalParams are a year's statutory maternity and paternity pay rules
// and what an employer recovers of them from HMRC.
type parentalParams struct {
	// WeeklyRate is the standard (prescribed) weekly rate of SMP and SPP.
	WeeklyRate int64 `json:"weeklyRatePence"`
	// EarningsRate is the earnings-related rate: 90 % of average weekly
	// earnings (SSCBA 1992 s.166(2), s.171ZE).
	EarningsRate Rate `json:"earningsRelatedRate"`
	// RecoveryRate is the share of SMP and SPP paid that an employer
	// recovers; SmallEmployersRate the share (100 % plus NIC compensation)
	// an employer recovers whose Class 1 NI in the qualifying tax year was at
	// most SmallEmployersLimit.
	RecoveryRate        Rate   `json:"recoveryRate"`
	SmallEmployersRate  Rate   `json:"smallEmployersRecoveryRate"`
	SmallEmployersLimit int64  `json:"smallEmployersLimitPence"`
	Source              string `json:"source"`
}

func (y *Year) buildParental(p *parentalParams) error {
	if (p == nil) != y.notPublished["statutory_parental_pay"] {
		return errors.New("statutory_parental_pay: its figures must be left out exactly when notPublished lists it")
	}
	if p == nil {
		return nil
	}
	if p.WeeklyRate <= 0 || p.EarningsRate <= 0 || !validRate(p.EarningsRate) || p.RecoveryRate <= 0 || !validRate(p.RecoveryRate) ||
		p.SmallEmployersRate <= rateDenominator || p.SmallEmployersLimit <= 0 || p.Source == "" {
		return errors.New("statutoryParentalPay: rates must be positive, recovery rates a share, small employers' rate over 100 %, a limit and a source")
	}
	y.parental = *p
	return nil
}

// ParentalKind is which statutory parental payment a week is.
type ParentalKind string

// The statutory parental payments dpcoop pays.
const (
	KindSMP ParentalKind = "smp" // statutory maternity pay, up to 39 weeks
	KindSPP ParentalKind = "spp" // statutory paternity pay (birth), 1 or 2 weeks
)

// ParentalWeek is one week of SMP or SPP paid in a pay period.
type ParentalWeek struct {
	Kind ParentalKind
	// Start is the first day of the week of the pay period: its rate is the
	// one in force for weeks beginning that day.
	Start time.Time
	// Number counts the weeks of the pay period from 1: SMP's first 6
	// weeks are paid at the earnings-related rate alone.
	Number int
	// AverageWeeklyEarnings in pence, over the relevant period.
	AverageWeeklyEarnings int64
}

// ParentalPay is the SMP and SPP on one payslip.
type ParentalPay struct {
	SMP      int64 `json:"smp_pence"`
	SMPWeeks int   `json:"smp_weeks"`
	SPP      int64 `json:"spp_pence"`
	SPPWeeks int   `json:"spp_weeks"`
}

// rateYear is the year whose standard rate applies to a week beginning on
// start: SMP and SPP rates change for weeks beginning on or after the first
// Sunday in April, a day or more before the tax year (the uprating order
// made each year under the Social Security Administration Act 1992 s.150).
func rateYear(start time.Time) (*Year, error) {
	d := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
	april1 := time.Date(d.Year(), time.April, 1, 0, 0, 0, 0, time.UTC)
	firstSunday := april1.AddDate(0, 0, (7-int(april1.Weekday()))%7)
	taxYear := time.Date(d.Year(), time.April, 6, 0, 0, 0, 0, time.UTC)
	if !d.Before(firstSunday) && d.Before(taxYear) {
		d = taxYear
	}
	return YearFor(d)
}

// ParentalWeeklyRate is the pay for one week of SMP or SPP: 90 % of
// average weekly earnings (rounded up to the penny) for SMP's first 6
// weeks, and after them, and for every SPP week, the lower of that and the
// standard rate.
func ParentalWeeklyRate(w ParentalWeek) (int64, error) {
	if (w.Kind != KindSMP && w.Kind != KindSPP) || w.Number < 1 || w.Number > 39 || w.AverageWeeklyEarnings < 0 || w.AverageWeeklyEarnings > maxAmount || w.Start.IsZero() {
		return 0, inputError("Parental", CodeInvalidParentalPay, fmt.Sprintf("inconsistent parental pay week %+v", w))
	}
	y, err := rateYear(w.Start)
	if err != nil {
		return 0, err
	}
	if err := y.unpublished("Parental", "statutory_parental_pay"); err != nil {
		return 0, err
	}
	earnings := mulRateCeil(w.AverageWeeklyEarnings, y.parental.EarningsRate)
	if w.Kind == KindSMP && w.Number <= 6 {
		return earnings, nil
	}
	return min(earnings, y.parental.WeeklyRate), nil
}

// LowerEarningsLimit is the weekly NI lower earnings limit of the tax year
// of day: average weekly earnings below it give no SMP or SPP.
func LowerEarningsLimit(day time.Time) (int64, error) {
	y, err := YearFor(day)
	if err != nil {
		return 0, err
	}
	if err := y.unpublished("LowerEarningsLimit", "ni_lel"); err != nil {
		return 0, err
	}
	return y.niThresholds[Weekly][thLEL], nil
}

// Recovery is the SMP and SPP an employer may recover from HMRC out of
// what it pays over, to date in a tax year.
type Recovery struct {
	SMPRecovered         int64 `json:"smp_recovered_pence"`
	SPPRecovered         int64 `json:"spp_recovered_pence"`
	NICCompensationOnSMP int64 `json:"nic_compensation_on_smp_pence"`
	NICCompensationOnSPP int64 `json:"nic_compensation_on_spp_pence"`
	SmallEmployersRelief bool  `json:"small_employers_relief"`
}

// RecoverableToDate is what an employer recovers of the SMP and SPP it has
// paid to date in the tax year of day: 92 %, or with small employers' relief
// (Class 1 NI in the qualifying tax year at most £45,000) all of it plus
// compensation for the NI paid on it (8.5 % from 6 April 2025, 3 % before). Each figure is rounded to the
// nearest penny on the year's totals, so month by month differences add up
// to the year's figure.
func RecoverableToDate(day time.Time, smpPaid, sppPaid, qualifyingYearClass1NI int64) (Recovery, error) {
	y, err := YearFor(day)
	if err != nil {
		return Recovery{}, err
	}
	if err := y.unpublished("Recovery", "statutory_parental_pay"); err != nil {
		return Recovery{}, err
	}
	if smpPaid < 0 || sppPaid < 0 || qualifyingYearClass1NI < 0 || max(smpPaid, sppPaid, qualifyingYearClass1NI) > maxAmount {
		return Recovery{}, inputError("Recovery", CodeInvalidAmount, "paid amounts and NI must be between 0 and the limit")
	}
	p := y.parental
	round := func(amount int64, r Rate) int64 { return (amount*int64(r) + rateDenominator/2) / rateDenominator }
	if qualifyingYearClass1NI > p.SmallEmployersLimit {
		return Recovery{SMPRecovered: round(smpPaid, p.RecoveryRate), SPPRecovered: round(sppPaid, p.RecoveryRate)}, nil
	}
	comp := p.SmallEmployersRate - rateDenominator
	return Recovery{SMPRecovered: smpPaid, SPPRecovered: sppPaid, NICCompensationOnSMP: round(smpPaid, comp),
		NICCompensationOnSPP: round(sppPaid, comp), SmallEmployersRelief: true}, nil
}
