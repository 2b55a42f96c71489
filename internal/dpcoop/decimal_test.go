package dpcoop_test

import (
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func TestParseHundredths(t *testing.T) {
	for in, want := range map[string]int64{"12.6": 1260, "£12.60": 1260, "1,250": 125000, " 7 ": 700, ".5": 50, "0.05": 5} {
		if got, ok := dpcoop.ParseHundredths(in); !ok || got != want {
			t.Errorf("%q: %d %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "abc", "12.605", "-3", "1.", "1.-5", "1e3", "£"} {
		if got, ok := dpcoop.ParseHundredths(in); ok {
			t.Errorf("%q read as %d", in, got)
		}
	}
}

// What FormatHundredths writes, ParseHundredths reads back the same.
func TestFormatHundredthsRoundTrips(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "0.07", 50: "0.5", 1200: "12", 1250: "12.5", 1233: "12.33", 123456: "1234.56"} {
		got := dpcoop.FormatHundredths(n)
		back, ok := dpcoop.ParseHundredths(got)
		if got != want || !ok || back != n {
			t.Errorf("FormatHundredths(%d) = %q, read back %d %v; want %q", n, got, back, ok, want)
		}
	}
}
