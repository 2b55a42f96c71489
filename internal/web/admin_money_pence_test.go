package web

import (
	"math"
	"testing"
)

// TestPenceOf: the amounts admins type read as exact pence; anything else is
// refused by the service (-1 is out of range), never rounded.
func TestPenceOf(t *testing.T) {
	for in, want := range map[string]int64{
		"1234.56": 123456, "1,234.56": 123456, "£12": 1200, "12.5": 1250, " 0.07 ": 7, ".5": 50, "": 0,
		"12.345": -1, "12.": -1, "-3": -1, "1e3": -1, "abc": -1, "1234567890": -1, "12.-5": -1,
	} {
		if got := penceOf(in); got != want {
			t.Errorf("penceOf(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestSignedPenceOf: a P45's tax to date may be negative after a refund;
// nothing unreadable becomes a small amount the service would accept.
func TestSignedPenceOf(t *testing.T) {
	for in, want := range map[string]int64{"-12.50": -1250, "12.50": 1250, "": 0, "-": 0, "--1": math.MinInt64, "x": math.MinInt64, "-1e3": math.MinInt64} {
		if got := signedPenceOf(in); got != want {
			t.Errorf("signedPenceOf(%q) = %d, want %d", in, got, want)
		}
	}
}
