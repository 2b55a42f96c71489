package payroll

import (
	"errors"
	"strings"
	"testing"
)

func TestParseTaxCode(t *testing.T) {
	cases := []struct {
		in   string
		want TaxCode
	}{
		{"1257L", TaxCode{Regime: RegimeRUK, Kind: KindAllowance, Number: 1257, Suffix: 'L'}},
		{" c1257l ", TaxCode{Regime: RegimeWales, Kind: KindAllowance, Number: 1257, Suffix: 'L'}},
		{"S1257L", TaxCode{Regime: RegimeScotland, Kind: KindAllowance, Number: 1257, Suffix: 'L'}},
		{"1383M", TaxCode{Kind: KindAllowance, Number: 1383, Suffix: 'M'}},
		{"1131N", TaxCode{Kind: KindAllowance, Number: 1131, Suffix: 'N'}},
		{"999999T", TaxCode{Kind: KindAllowance, Number: 999999, Suffix: 'T'}},
		{"0T", TaxCode{Kind: KindAllowance, Number: 0, Suffix: 'T'}},
		{"S0T", TaxCode{Regime: RegimeScotland, Kind: KindAllowance, Suffix: 'T'}},
		{"K475", TaxCode{Kind: KindK, Number: 475}},
		{"SK585", TaxCode{Regime: RegimeScotland, Kind: KindK, Number: 585}},
		{"CK100", TaxCode{Regime: RegimeWales, Kind: KindK, Number: 100}},
		{"BR", TaxCode{Kind: KindBR}},
		{"SBR", TaxCode{Regime: RegimeScotland, Kind: KindBR}},
		{"CBR", TaxCode{Regime: RegimeWales, Kind: KindBR}},
		{"D0", TaxCode{Kind: KindD, Number: 0}},
		{"D1", TaxCode{Kind: KindD, Number: 1}},
		{"SD0", TaxCode{Regime: RegimeScotland, Kind: KindD, Number: 0}},
		{"SD1", TaxCode{Regime: RegimeScotland, Kind: KindD, Number: 1}},
		{"SD2", TaxCode{Regime: RegimeScotland, Kind: KindD, Number: 2}},
		{"SD3", TaxCode{Regime: RegimeScotland, Kind: KindD, Number: 3}},
		{"NT", TaxCode{Kind: KindNT}},
		{"1257L W1", TaxCode{Kind: KindAllowance, Number: 1257, Suffix: 'L', NonCumulative: true}},
		{"1257L M1", TaxCode{Kind: KindAllowance, Number: 1257, Suffix: 'L', NonCumulative: true}},
		{"1257L/M1", TaxCode{Kind: KindAllowance, Number: 1257, Suffix: 'L', NonCumulative: true}},
		{"1257LX", TaxCode{Kind: KindAllowance, Number: 1257, Suffix: 'L', NonCumulative: true}},
		{"1257MM1", TaxCode{Kind: KindAllowance, Number: 1257, Suffix: 'M', NonCumulative: true}},
		{"BR M1", TaxCode{Kind: KindBR, NonCumulative: true}},
		{"SD2 W1", TaxCode{Regime: RegimeScotland, Kind: KindD, Number: 2, NonCumulative: true}},
		{"K475 X", TaxCode{Kind: KindK, Number: 475, NonCumulative: true}},
	}
	for _, c := range cases {
		got, err := ParseTaxCode(c.in)
		if err != nil {
			t.Errorf("ParseTaxCode(%q): %v", c.in, err)
			continue
		}
		if got != c.want {
			t.Errorf("ParseTaxCode(%q) = %+v, want %+v", c.in, got, c.want)
		}
		if again, err := ParseTaxCode(got.String()); err != nil || again != got {
			t.Errorf("%q: String %q does not read back: %+v, %v", c.in, got.String(), again, err)
		}
	}
}

func TestParseTaxCodeErrors(t *testing.T) {
	cases := []struct{ in, reason string }{
		{"", "empty"},
		{"   ", "empty"},
		{"1257", "no suffix letter"},
		{"1257Q", `unknown letter "Q"`},
		{"L", "missing the code number"},
		{"0L", "only valid as 0T"},
		{"01257L", "leading zero"},
		{"1234567L", "larger than 999999"},
		{"K", "missing the code number"},
		{"K0", "K0 is not a valid code"},
		{"K12A", `unexpected "A"`},
		{"D", "D followed by one digit"},
		{"D12", "D followed by one digit"},
		{"S", "nothing after the prefix"},
		{"1257 L", `unexpected " "`},
		{"1257L!", `character "!"`},
		{"1257Lé", `character "\xc3"`},
		{strings.Repeat("1", 30) + "L", "too long"},
	}
	for _, c := range cases {
		_, err := ParseTaxCode(c.in)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Code != CodeInvalidTaxCode || ie.Field != "TaxCode" {
			t.Errorf("ParseTaxCode(%q): got %v, want an invalid_tax_code error", c.in, err)
			continue
		}
		if !strings.Contains(ie.Detail, c.reason) {
			t.Errorf("ParseTaxCode(%q): detail %q does not say %q", c.in, ie.Detail, c.reason)
		}
	}
}

// FuzzParseTaxCode: any string either parses to a code that prints and reads
// back the same and can be taxed, or gives an invalid_tax_code error; never
// a panic. Seeds are in testdata/fuzz/FuzzParseTaxCode.
func FuzzParseTaxCode(f *testing.F) {
	y := year2026(f)
	f.Fuzz(func(t *testing.T, s string) {
		tc, err := ParseTaxCode(s)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Code != CodeInvalidTaxCode || ie.Detail == "" {
				t.Fatalf("ParseTaxCode(%q): unclear error %v", s, err)
			}
			return
		}
		again, err := ParseTaxCode(tc.String())
		if err != nil || again != tc {
			t.Fatalf("ParseTaxCode(%q) = %+v prints as %q which reads back as %+v, %v", s, tc, tc.String(), again, err)
		}
		res, err := y.IncomeTax(TaxInput{Code: tc, Frequency: Monthly, Period: 7, Pay: 250000, PayToDate: 1750000, TaxToDate: 100000})
		var ie *InputError
		if err != nil && !(errors.As(err, &ie) && ie.Code == CodeUnsupportedTaxCode) {
			t.Fatalf("IncomeTax with %q: %v", s, err)
		}
		if res.Tax > 125000 {
			t.Fatalf("IncomeTax with %q: tax %d above the overriding limit", s, res.Tax)
		}
	})
}
