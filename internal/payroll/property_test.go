package payroll

import (
	"math/rand/v2"
	"testing"
	"time"
)

// Property tests with a fixed seed, so any failure reproduces.

var propertyYears = []time.Time{date(2025, 4, 6), date(2026, 4, 6)}

// Employee (and employer) NI is never negative, whatever the pay,
// category or frequency, and never more than the pay itself.
func TestPropertyNINeverNegative(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, start := range propertyYears {
		y := mustYear(t, start)
		for range 20000 {
			cat := Category("ABCHJMVZXFILSNEDK"[r.IntN(17)])
			f := Frequency(1 + r.IntN(4))
			pay := r.Int64N(2_000_000_00) - 1_000_000_00 // ±£1,000,000
			res, err := y.NationalInsurance(cat, f, pay)
			if err != nil {
				t.Fatal(err)
			}
			if res.Employee < 0 || res.Employer < 0 || res.Employee > max(pay, 0) {
				t.Fatalf("%s %c %s pay %d: %+v", y.Name, cat, f, pay, res)
			}
		}
	}
}

// randomCode draws any valid tax code for the regimes of 2025-26 and 2026-27.
func randomCode(r *rand.Rand) TaxCode {
	tc := TaxCode{Regime: Regime(r.IntN(numRegimes)), NonCumulative: r.IntN(4) == 0}
	switch r.IntN(6) {
	case 0:
		tc.Kind, tc.Number = KindK, 1+r.IntN(3000)
	case 1:
		tc.Kind = KindBR
	case 2:
		tc.Kind, tc.Number = KindD, r.IntN(2)
		if tc.Regime == RegimeScotland {
			tc.Number = r.IntN(4)
		}
	case 3:
		tc.Kind = KindNT
	default:
		tc.Kind, tc.Number, tc.Suffix = KindAllowance, r.IntN(3000), 'L'
		if tc.Number == 0 {
			tc.Suffix = 'T'
		}
	}
	return tc
}

// Tax in a period is never more than the overriding limit, 50 % of the
// period's taxable pay (rounded down), whatever the code, basis, pay to
// date or tax already paid; with no pay, tax can only be refunded.
func TestPropertyTaxNeverAboveOverridingLimit(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, start := range propertyYears {
		y := mustYear(t, start)
		for range 50000 {
			f := Frequency(1 + r.IntN(4))
			period := 1 + r.IntN(53)
			if f == Monthly {
				period = 1 + r.IntN(12)
			}
			in := TaxInput{Code: randomCode(r), Frequency: f, Period: period, Pay: r.Int64N(2_100_000) - 100_000}
			in.PayToDate = in.Pay + r.Int64N(20_000_000)
			in.TaxToDate = r.Int64N(6_000_000) - 1_000_000
			res, err := y.IncomeTax(in)
			if err != nil {
				t.Fatal(err)
			}
			limit := max(in.Pay, 0) / 2
			if res.Tax > limit || (res.Limited && res.Tax != limit) {
				t.Fatalf("%s %+v: %+v over the limit %d", y.Name, in, res, limit)
			}
		}
	}
}

// Twelve cumulative months (or 52 weeks) add up to the annual figure.
// "Equal" here means exactly equal to the penny: the sum of the period
// deductions equals the tax on the year's total pay worked as one annual
// period, where taxable pay is total pay less 12 (or 52) times the code's
// per-period free pay as HMRC's Tables A give it (£1,048.26 a month for
// 1257L, so £12,579.12 a year, not £12,570), plus it for K codes, rounded
// down to whole pounds, taxed through the annual bands and rounded down to
// the penny. It holds whenever the overriding limit never cut a period's
// tax (such years are skipped): each period deducts the change in tax due
// to date, and at the last period the pro-rated bands are the annual ones.
func TestPropertyCumulativePeriodsEqualAnnual(t *testing.T) {
	codes := []struct {
		code            string
		monthly, weekly int64 // per-period free (or, for K, additional) pay
	}{
		{"1257L", 104826, 24192},
		{"S1257L", 104826, 24192},
		{"C1257L", 104826, 24192},
		{"45L", 3825, 883}, // 459 / 12 = 38.25; 459 / 52 = 8.827 → 8.83
		{"0T", 0, 0},
		{"K100", 8409, 1941}, // 1009 / 12 = 84.083 → 84.09; 1009 / 52 = 19.403 → 19.41
	}
	r := rand.New(rand.NewPCG(5, 6))
	checked := 0
	for _, start := range propertyYears {
		y := mustYear(t, start)
		for trial := range 2000 {
			c := codes[trial%len(codes)]
			tc := mustCode(t, c.code)
			f, periods, free, maxPay := Monthly, 12, c.monthly, int64(1_000_000)
			if trial%2 == 1 {
				f, periods, free, maxPay = Weekly, 52, c.weekly, 250_000
			}
			var total, paid int64
			limited := false
			for p := 1; p <= periods; p++ {
				pay := r.Int64N(maxPay)
				total += pay
				res, err := y.IncomeTax(TaxInput{Code: tc, Frequency: f, Period: p, Pay: pay, PayToDate: total, TaxToDate: paid})
				if err != nil {
					t.Fatal(err)
				}
				paid += res.Tax
				limited = limited || res.Limited
			}
			if limited {
				continue
			}
			taxable := total - int64(periods)*free
			if tc.Kind == KindK {
				taxable = total + int64(periods)*free
			}
			if want := annualTax(y.regimes[tc.Regime].bands, taxable); paid != want {
				t.Fatalf("%s %s %s: periods paid %d, annual %d (total pay %d)", y.Name, c.code, f, paid, want, total)
			}
			checked++
		}
	}
	if checked < 3000 {
		t.Fatalf("only %d years checked; the overriding limit bound too often", checked)
	}
}

// annualTax is the plain annual calculation the property compares with:
// whole pounds of taxable pay through each band in turn.
func annualTax(bands []taxBand, taxable int64) int64 {
	t := max(taxable, 0) / 100 * 100
	var units, lower int64
	for _, b := range bands {
		upper := t
		if b.upTo != 0 {
			upper = min(t, b.upTo)
		}
		if upper > lower {
			units += (upper - lower) * int64(b.rate)
		}
		lower = b.upTo
	}
	return units / rateDenominator
}
