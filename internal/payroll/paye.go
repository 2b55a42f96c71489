package payroll

import (
	"errors"
	"fmt"
)

// PAYE by HMRC's "Specification for PAYE Tax Table Routines" (the exact
// tax-table method). Amounts are pence; the spec's 4-decimal-place pound
// figures are held in centipence (1/100 penny, i.e. £0.0001).

// taxBand is one income tax band, pro-rated per period when used.
type taxBand struct {
	upTo   int64 // cumulative annual upper limit of taxable pay in pence; 0 for the open top band
	rate   Rate
	cumTax int64 // annual tax on all pay up to upTo, in centipence (exact: limits are whole pounds)
}

// taxRegime is one regime's bands; basic indexes the basic-rate band, used
// by BR codes, with D0, D1... taking the bands above it.
type taxRegime struct {
	bands []taxBand
	basic int
}

func buildRegime(j regimeJSON) (taxRegime, error) {
	r := taxRegime{basic: j.BasicRateBand}
	var prev, cum int64
	for i, b := range j.Bands {
		if !validRate(b.Rate) {
			return r, fmt.Errorf("band %d: rate %d is not a basis-point rate", i, b.Rate)
		}
		top := i == len(j.Bands)-1
		if top != (b.UpToPence == nil) {
			return r, errors.New("every band but the last needs upToPence, and the last must have none")
		}
		if top {
			r.bands = append(r.bands, taxBand{rate: b.Rate, cumTax: cum})
			break
		}
		upTo := *b.UpToPence
		if upTo <= prev || upTo%100 != 0 {
			return r, fmt.Errorf("band %d: upToPence %d must be whole pounds above the band below", i, upTo)
		}
		cum += (upTo - prev) * int64(b.Rate) / 100 // pence × bp / 100 = centipence, exact for whole pounds
		r.bands = append(r.bands, taxBand{upTo: upTo, rate: b.Rate, cumTax: cum})
		prev = upTo
	}
	if len(r.bands) == 0 || r.basic < 0 || r.basic >= len(r.bands) {
		return r, errors.New("needs at least one band and a basicRateBand that indexes one")
	}
	return r, nil
}

// TaxInput is one payment for PAYE. All money is pence.
type TaxInput struct {
	Code      TaxCode
	Frequency Frequency
	// Period is the tax month (1-12) for monthly pay, otherwise the tax week
	// (1-53) in which the payday falls; see TaxPeriod.
	Period int
	// Pay is this payment's taxable pay.
	Pay int64
	// PayToDate is taxable pay in the tax year to date including Pay and any
	// previous employment's pay from a P45. Ignored for week 1/month 1.
	PayToDate int64
	// TaxToDate is tax deducted in the tax year before this payment,
	// including a P45's. Ignored for week 1/month 1.
	TaxToDate int64
}

// TaxResult is the tax on one payment.
type TaxResult struct {
	// Tax is the tax to deduct; negative on the cumulative basis means a
	// refund to the PA.
	Tax int64
	// Cumulative is false when the payment was taxed on its own (a week
	// 1/month 1 code, or a week 53 payment).
	Cumulative bool
	// Limited is set when the 50 % overriding limit cut Tax.
	Limited bool
}

// maxAmount bounds every money input (£1,000,000,000) so integer arithmetic
// cannot overflow; pay that large is a data error, not a payslip.
const maxAmount int64 = 100_000_000_000

// IncomeTax works out PAYE on one payment exactly as HMRC's tax table
// routines do:
//
//   - Free pay (suffix codes) or additional pay (K codes) per period comes
//     from the code number the way HMRC's Tables A do (payAdjustment), and
//     to date is that figure times the period number.
//   - Taxable pay to date is rounded down to whole pounds.
//   - The bands are pro-rated to the period (period × annual / 12 or 52);
//     the band is chosen by comparing the unrounded taxable pay with the
//     pro-rated limits rounded up to whole pounds, tax is worked to £0.0001
//     and rounded down to the penny.
//   - Cumulative codes deduct tax due to date less tax already paid, which
//     can be a refund; week 1/month 1 codes, and weekly-based payments in
//     tax week 53, tax the payment alone (fortnightly and four-weekly pay
//     use the week 2 and week 4 figures).
//   - Whatever the code, tax in a period never exceeds the overriding limit,
//     50 % of the period's taxable pay, rounded down to the penny.
func (y *Year) IncomeTax(in TaxInput) (TaxResult, error) {
	if err := checkTaxInput(in); err != nil {
		return TaxResult{}, err
	}
	if err := y.unpublished("TaxCode", regimeFigures[in.Code.Regime]); err != nil {
		return TaxResult{}, err
	}
	regime := &y.regimes[in.Code.Regime]
	cumulative := !in.Code.NonCumulative && !(in.Frequency != Monthly && in.Period == 53)
	n := int64(in.Period)
	payToDate, paidBefore := in.PayToDate, in.TaxToDate
	if !cumulative {
		n = max(1, in.Frequency.weeks())
		payToDate, paidBefore = in.Pay, 0
	}
	due, err := regime.taxDueToDate(in.Code, in.Frequency.periodsPerYear(), n, payToDate)
	if err != nil {
		return TaxResult{}, inputError("TaxCode", CodeUnsupportedTaxCode, fmt.Sprintf("tax code %s in %s: %v", in.Code, y.Name, err))
	}
	res := TaxResult{Tax: due - paidBefore, Cumulative: cumulative}
	if limit := mulRateFloor(max(in.Pay, 0), y.overridingLimit); res.Tax > limit {
		res.Tax, res.Limited = limit, true
	}
	return res, nil
}

func checkTaxInput(in TaxInput) error {
	if !in.Frequency.valid() {
		return inputError("Frequency", CodeInvalidFrequency, fmt.Sprintf("invalid pay frequency %d", int(in.Frequency)))
	}
	last := 53
	if in.Frequency == Monthly {
		last = 12
	}
	if in.Period < 1 || in.Period > last {
		return inputError("Period", CodeInvalidPeriod, fmt.Sprintf("period %d is outside 1-%d for %s pay", in.Period, last, in.Frequency))
	}
	if in.Code.Kind == 0 || in.Code.Regime < 0 || in.Code.Regime >= numRegimes {
		return inputError("TaxCode", CodeInvalidTaxCode, "tax code is not set; use ParseTaxCode")
	}
	for _, a := range []int64{in.Pay, in.PayToDate, in.TaxToDate} {
		if a > maxAmount || a < -maxAmount {
			return inputError("Pay", CodeInvalidAmount, fmt.Sprintf("amount %d pence is out of range", a))
		}
	}
	return nil
}

// taxDueToDate is the spec's Ln: tax due on payToDate at period n of a year
// of `periods` periods.
func (r *taxRegime) taxDueToDate(code TaxCode, periods, n, payToDate int64) (int64, error) {
	switch code.Kind {
	case KindNT:
		return 0, nil
	case KindBR:
		return mulRateFloor(wholePounds(payToDate), r.bands[r.basic].rate), nil
	case KindD:
		i := r.basic + 1 + code.Number
		if i >= len(r.bands) {
			return 0, fmt.Errorf("there is no rate D%d (this regime has D0 to D%d)", code.Number, len(r.bands)-r.basic-2)
		}
		return mulRateFloor(wholePounds(payToDate), r.bands[i].rate), nil
	}
	adjustment := payAdjustment(code.Number, periods) * n
	if code.Kind == KindK {
		adjustment = -adjustment
	}
	taxable := payToDate - adjustment
	if taxable <= 0 {
		return 0, nil
	}
	return r.bandedTax(taxable, periods, n), nil
}

// wholePounds rounds taxable pay down to whole pounds (none if negative).
func wholePounds(pence int64) int64 {
	return max(pence, 0) / 100 * 100
}

// payAdjustment is a code number's free pay (or K code additional pay) for
// one period, as HMRC's Tables A: codes up to 500 give (code × 10 + 9)
// pounds a year divided by the periods and rounded up to the penny; each
// further 500 adds £5,000 a year likewise rounded up (£416.67 a month,
// £96.16 a week). Code 0 gives nothing.
func payAdjustment(code int, periods int64) int64 {
	if code == 0 {
		return 0
	}
	blocks, rest := (code-1)/500, (code-1)%500+1
	return ceilDiv(int64(rest*10+9)*100, periods) + int64(blocks)*ceilDiv(500*10*100, periods)
}

// bandedTax is tax due to date on positive taxable pay to date u (pence,
// unrounded) through the regime's bands pro-rated to period n.
func (r *taxRegime) bandedTax(u, periods, n int64) int64 {
	i := 0 // the band: the first whose pro-rated limit, rounded up to whole pounds, reaches u
	for ; i < len(r.bands)-1; i++ {
		if u <= ceilDiv(r.bands[i].upTo*n, periods*100)*100 {
			break
		}
	}
	var below, belowTax int64 // pro-rated limit of the band below and tax up to it, centipence, truncated
	if i > 0 {
		below = r.bands[i-1].upTo * 100 * n / periods
		belowTax = r.bands[i-1].cumTax * n / periods
	}
	t := u / 100 * 100 // Tn: taxable pay to date rounded down to whole pounds
	return (belowTax + (t*100-below)*int64(r.bands[i].rate)/rateDenominator) / 100
}
