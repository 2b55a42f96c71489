package payroll

import (
	"fmt"
	"strconv"
	"strings"
)

// Regime is the income tax regime a code's prefix selects: Scottish (S),
// Welsh (C, Cymru) or the rest of the UK (no prefix). Wales sets its own
// rates, which in 2025-26 and 2026-27 equal the rUK ones.
type Regime int

// The regimes, in the order of years.json's "regimes" keys.
const (
	RegimeRUK Regime = iota
	RegimeWales
	RegimeScotland
	numRegimes = 3
)

var regimeNames = [numRegimes]string{"rUK", "wales", "scotland"}

// String returns the key used for the regime in years.json.
func (r Regime) String() string {
	if r < 0 || r >= numRegimes {
		return fmt.Sprintf("Regime(%d)", int(r))
	}
	return regimeNames[r]
}

// CodeKind says how a tax code turns pay into tax.
type CodeKind int

// The kinds of tax code HMRC issues.
const (
	// KindAllowance is a number with a suffix letter (1257L, 0T): the number
	// gives tax-free pay.
	KindAllowance CodeKind = iota + 1
	// KindK is a K code (K475): the number is added to taxable pay.
	KindK
	// KindBR taxes all pay at the basic rate.
	KindBR
	// KindD taxes all pay at a higher rate: D0 is the first rate above the
	// basic rate, D1 the next, and so on (SD0 to SD3 in Scotland).
	KindD
	// KindNT deducts no tax.
	KindNT
)

// TaxCode is a parsed PAYE tax code. Build it with ParseTaxCode; the zero
// value is not a valid code.
type TaxCode struct {
	Regime Regime
	Kind   CodeKind
	// Number is the code number for allowance and K codes, or the rate
	// index for D codes.
	Number int
	// Suffix is the letter after an allowance code's number (L, M, N or T).
	Suffix byte
	// NonCumulative is set for week 1/month 1 codes (W1, M1 or X): each
	// payment is taxed on its own, ignoring pay and tax to date.
	NonCumulative bool
}

const (
	maxTaxCodeInput  = 24     // longer input is refused before parsing
	maxCodeNumber    = 999999 // HMRC: a code is at most seven characters, e.g. 999999T
	allowedSuffixes  = "LMNT"
	nonCumulativeTag = "X"
)

// ParseTaxCode reads a tax code as HMRC writes it: an optional S or C
// prefix, then 1257L-style allowance codes, K codes, BR, D0/D1..., NT or 0T,
// then optionally a week 1/month 1 marker (W1, M1 or X, after a space or
// slash or directly). Letters may be in either case. It never panics; a bad
// code gives an *InputError saying what is wrong.
func ParseTaxCode(s string) (TaxCode, error) {
	if len(s) > maxTaxCodeInput {
		return TaxCode{}, codeError(s, fmt.Sprintf("too long (at most %d characters)", maxTaxCodeInput))
	}
	for i := range len(s) {
		if c := s[i]; !isDigit(c) && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && c != ' ' && c != '/' {
			return TaxCode{}, codeError(s, fmt.Sprintf("character %q is not a letter, digit, space or slash", s[i:i+1]))
		}
	}
	rest := strings.ToUpper(strings.TrimSpace(s))
	if rest == "" {
		return TaxCode{}, codeError(s, "empty")
	}
	var tc TaxCode
	rest, tc.NonCumulative = cutBasis(rest)
	switch {
	case strings.HasPrefix(rest, "S"):
		tc.Regime, rest = RegimeScotland, rest[1:]
	case strings.HasPrefix(rest, "C"):
		tc.Regime, rest = RegimeWales, rest[1:]
	}
	if err := parseBody(rest, &tc); err != nil {
		return TaxCode{}, codeError(s, err.Error())
	}
	return tc, nil
}

// cutBasis strips a trailing week 1/month 1 marker and any separator.
func cutBasis(s string) (string, bool) {
	for _, tag := range []string{"W1", "M1", nonCumulativeTag} {
		if body, ok := strings.CutSuffix(s, tag); ok && body != "" && !(tag == "M1" && isDigit(body[len(body)-1])) {
			return strings.TrimRight(body, " /"), true
		}
	}
	return s, false
}

func parseBody(body string, tc *TaxCode) error {
	switch {
	case body == "":
		return fmt.Errorf("nothing after the prefix")
	case body == "BR":
		tc.Kind = KindBR
		return nil
	case body == "NT":
		tc.Kind = KindNT
		return nil
	case body[0] == 'D':
		if len(body) != 2 || !isDigit(body[1]) {
			return fmt.Errorf("a D code is D followed by one digit, like D0 or D1")
		}
		tc.Kind, tc.Number = KindD, int(body[1]-'0')
		return nil
	case body[0] == 'K':
		n, err := codeNumber(body[1:])
		if err != nil {
			return fmt.Errorf("K code: %w", err)
		}
		if n == 0 {
			return fmt.Errorf("K0 is not a valid code")
		}
		tc.Kind, tc.Number = KindK, n
		return nil
	}
	last := body[len(body)-1]
	if !strings.ContainsRune(allowedSuffixes, rune(last)) {
		if isDigit(last) {
			return fmt.Errorf("no suffix letter after the number (expected L, M, N or T)")
		}
		return fmt.Errorf("unknown letter %q (expected a number followed by L, M, N or T, or BR, D0, D1, K..., NT, 0T)", string(last))
	}
	n, err := codeNumber(body[:len(body)-1])
	if err != nil {
		return err
	}
	if n == 0 && last != 'T' {
		return fmt.Errorf("a code number of 0 is only valid as 0T")
	}
	tc.Kind, tc.Number, tc.Suffix = KindAllowance, n, last
	return nil
}

// codeNumber reads the digits of a code: 1 to 6 of them, no leading zero.
func codeNumber(digits string) (int, error) {
	if digits == "" {
		return 0, fmt.Errorf("missing the code number")
	}
	for i := range len(digits) {
		if !isDigit(digits[i]) {
			return 0, fmt.Errorf("unexpected %q in the code number", string(digits[i]))
		}
	}
	if len(digits) > 1 && digits[0] == '0' {
		return 0, fmt.Errorf("code number %s has a leading zero", digits)
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n > maxCodeNumber {
		return 0, fmt.Errorf("code number %s is larger than %d", digits, maxCodeNumber)
	}
	return n, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func codeError(s, reason string) error {
	return inputError("TaxCode", CodeInvalidTaxCode, fmt.Sprintf("tax code %q: %s", s, reason))
}

// String renders the code in HMRC's form, with " X" marking a week 1/month 1
// code (the RTI non-cumulative indicator). ParseTaxCode reads it back.
func (tc TaxCode) String() string {
	var b strings.Builder
	switch tc.Regime {
	case RegimeScotland:
		b.WriteByte('S')
	case RegimeWales:
		b.WriteByte('C')
	}
	switch tc.Kind {
	case KindAllowance:
		b.WriteString(strconv.Itoa(tc.Number))
		b.WriteByte(tc.Suffix)
	case KindK:
		b.WriteByte('K')
		b.WriteString(strconv.Itoa(tc.Number))
	case KindBR:
		b.WriteString("BR")
	case KindD:
		b.WriteByte('D')
		b.WriteString(strconv.Itoa(tc.Number))
	case KindNT:
		b.WriteString("NT")
	default:
		return "invalid"
	}
	if tc.NonCumulative {
		b.WriteString(" " + nonCumulativeTag)
	}
	return b.String()
}
