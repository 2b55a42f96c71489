package payroll

import (
	"errors"
	"testing"
	"time"
)

func mustYear(t testing.TB, d time.Time) *Year {
	t.Helper()
	y, err := YearFor(d)
	if err != nil {
		t.Fatal(err)
	}
	return y
}

func year2026(t testing.TB) *Year { return mustYear(t, date(2026, 4, 6)) }

func mustCode(t testing.TB, s string) TaxCode {
	t.Helper()
	tc, err := ParseTaxCode(s)
	if err != nil {
		t.Fatal(err)
	}
	return tc
}

// Hand-worked 2026-27 PAYE cases. Monthly free pay for code 1257 (Tables A):
// 1257 = 2 × 500 + 257; (257 × 10 + 9) / 12 = 214.9166 → £214.92 (up),
// plus 2 × £416.67 → £1,048.26 a month. Weekly: 2579 / 52 = 49.596 →
// £49.60, plus 2 × £96.16 → £241.92. The rUK basic band in month 1 ends at
// 37,700 / 12 = £3,141.67, tested as £3,142; weekly at £725.
func TestIncomeTaxHandWorked2026(t *testing.T) {
	y := year2026(t)
	cases := []struct {
		name        string
		code        string
		freq        Frequency
		period      int
		pay, toDate int64 // pence; toDate includes pay
		paid        int64 // tax paid before this payment
		want        int64
		limited     bool
		cumulative  bool
	}{
		// 2000.00 - 1048.26 = 951.74 → £951 × 20 % = 190.20.
		{"1257L month 1", "1257L", Monthly, 1, 200000, 200000, 0, 19020, false, true},
		// To date 4000.00 - 2 × 1048.26 = 1903.48 → £1903 × 20 % = 380.60, less 190.20 paid.
		{"1257L month 2", "1257L", Monthly, 2, 200000, 400000, 19020, 19040, false, true},
		// 6000.00 - 3144.78 = 2855.22 → 571.00, less 380.60.
		{"1257L month 3", "1257L", Monthly, 3, 200000, 600000, 38060, 19040, false, true},
		// Refund: nothing paid in month 4. 6000.00 - 4193.04 = 1806.96 → 361.20;
		// 361.20 - 571.00 = -209.80 handed back.
		{"1257L refund month 4", "1257L", Monthly, 4, 0, 600000, 57100, -20980, false, true},
		// K1500 = 2 × 500 + 500: (5009 / 12 → 417.42) + 2 × 416.67 = 1250.76 added.
		// 300.00 + 1250.76 = 1550.76 → £1550 × 20 % = 310.00, over the limit
		// of 50 % × 300.00 = 150.00, so 150.00.
		{"K1500 overriding limit", "K1500", Monthly, 1, 30000, 30000, 0, 15000, true, true},
		// K500: 5009 / 12 → 417.42 added; 600 + 417.42 → £1017 × 20 % = 203.40, under the 300.00 limit.
		{"K500 under the limit", "K500", Monthly, 1, 60000, 60000, 0, 20340, false, true},
		// BR: £1234 (rounded down) × 20 %.
		{"BR", "BR", Monthly, 1, 123456, 123456, 0, 24680, false, true},
		// D0: £1234 × 40 %; D1: £1234 × 45 %.
		{"D0", "D0", Monthly, 1, 123456, 123456, 0, 49360, false, true},
		{"D1", "D1", Monthly, 1, 123456, 123456, 0, 55530, false, true},
		// NT: no tax, and on the cumulative basis tax already paid comes back.
		{"NT", "NT", Monthly, 3, 200000, 600000, 10000, -10000, false, true},
		// 0T: no free pay; £2000 × 20 % = 400.00.
		{"0T month 1", "0T", Monthly, 1, 200000, 200000, 0, 40000, false, true},
		// 0T at £5,000: above the month-1 basic band (3141.6666, tested as 3142).
		// Tax to it 7540.00 / 12 = 628.3333; (5000 - 3141.6666) × 40 % =
		// 743.3333; total 1371.6666 → 1371.66.
		{"0T higher rate", "0T", Monthly, 1, 500000, 500000, 0, 137166, false, true},
		// Scotland 2026-27: 19 % to £3,967, 20 % to £16,956. Month 1: starter
		// band ends 330.5833 (tested as 331), basic at 1413. 951.74 is in the
		// basic band: 753.73 / 12 = 62.8108 + (951 - 330.5833) × 20 % =
		// 124.0833 → 186.8941 → 186.89.
		{"S1257L month 1", "S1257L", Monthly, 1, 200000, 200000, 0, 18689, false, true},
		// Wales 2026-27 sets 10p/10p/10p: the same as rUK.
		{"C1257L month 1", "C1257L", Monthly, 1, 200000, 200000, 0, 19020, false, true},
		// SD2 is two rates above the Scottish basic rate (21 %, 42 %, 45 %): £1000 × 45 %.
		{"SD2", "SD2", Monthly, 1, 100099, 100099, 0, 45000, false, true},
		// SD3: £1000 × 48 %, just under the 500.49 limit.
		{"SD3", "SD3", Monthly, 1, 100099, 100099, 0, 48000, false, true},
		// M1: month 6 taxed as month 1, pay and tax to date ignored.
		{"1257L M1 month 6", "1257L M1", Monthly, 6, 200000, 1200000, 99999, 19020, false, false},
		// The same month cumulatively, starting work in month 6 with no P45:
		// six months' free pay (6289.56) covers the 2000.00.
		{"1257L cumulative month 6 starter", "1257L", Monthly, 6, 200000, 200000, 0, 0, false, true},
		// Weekly: 500.00 - 241.92 = 258.08 → £258 × 20 % = 51.60.
		{"1257L week 1", "1257L", Weekly, 1, 50000, 50000, 0, 5160, false, true},
		// Week 53 is always taxed on its own, as week 1.
		{"1257L week 53", "1257L", Weekly, 53, 50000, 2650000, 500000, 5160, false, false},
		// Fortnightly payday in week 2: 1000.00 - 2 × 241.92 = 516.16 → 103.20.
		{"1257L fortnightly week 2", "1257L", Fortnightly, 2, 100000, 100000, 0, 10320, false, true},
		// Fortnightly on week 1 basis uses the week 2 figures whatever the week.
		{"1257L W1 fortnightly", "1257L W1", Fortnightly, 10, 100000, 900000, 5000, 10320, false, false},
		// Four-weekly week 1 basis: 4 × 241.92 = 967.68 free; 2000 - 967.68 → £1032 × 20 %.
		{"1257L X four-weekly", "1257L X", FourWeekly, 8, 200000, 0, 0, 20640, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := y.IncomeTax(TaxInput{Code: mustCode(t, c.code), Frequency: c.freq, Period: c.period, Pay: c.pay, PayToDate: c.toDate, TaxToDate: c.paid})
			if err != nil {
				t.Fatal(err)
			}
			want := TaxResult{Tax: c.want, Limited: c.limited, Cumulative: c.cumulative}
			if got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}

func TestPayAdjustmentTablesA(t *testing.T) {
	cases := []struct {
		code    int
		periods int64
		want    int64
	}{
		{1257, 12, 104826}, // domain.md: £1,048.26
		{1257, 52, 24192},
		{0, 12, 0},
		{1, 52, 37},      // 19 / 52 = 0.365 → 0.37
		{500, 12, 41742}, // 5009 / 12 = 417.4166 → 417.42
		{501, 12, 41667 + 159},
		{1000, 12, 41742 + 41667},
	}
	for _, c := range cases {
		if got := payAdjustment(c.code, c.periods); got != c.want {
			t.Errorf("payAdjustment(%d, %d) = %d, want %d", c.code, c.periods, got, c.want)
		}
	}
}

func TestIncomeTaxRejects(t *testing.T) {
	y := year2026(t)
	cases := []struct {
		name string
		in   TaxInput
		code ErrorCode
	}{
		{"D2 has no rUK rate", TaxInput{Code: mustCode(t, "D2"), Frequency: Monthly, Period: 1}, CodeUnsupportedTaxCode},
		{"SD4 has no Scottish rate", TaxInput{Code: mustCode(t, "SD4"), Frequency: Monthly, Period: 1}, CodeUnsupportedTaxCode},
		{"month 13", TaxInput{Code: mustCode(t, "1257L"), Frequency: Monthly, Period: 13}, CodeInvalidPeriod},
		{"week 54", TaxInput{Code: mustCode(t, "1257L"), Frequency: Weekly, Period: 54}, CodeInvalidPeriod},
		{"no frequency", TaxInput{Code: mustCode(t, "1257L"), Period: 1}, CodeInvalidFrequency},
		{"zero code", TaxInput{Frequency: Monthly, Period: 1}, CodeInvalidTaxCode},
		{"huge pay", TaxInput{Code: mustCode(t, "1257L"), Frequency: Monthly, Period: 1, Pay: maxAmount + 1}, CodeInvalidAmount},
	}
	for _, c := range cases {
		_, err := y.IncomeTax(c.in)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Code != c.code {
			t.Errorf("%s: got %v, want code %s", c.name, err, c.code)
		}
	}
}
