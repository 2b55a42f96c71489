package sheet

import (
	"bytes"
	"encoding/csv"
	"math"
	"testing"
)

func TestSafe(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1":          "'=1+1",
		"+44 1234":      "'+44 1234",
		"-R EVANS":      "'-R EVANS",
		"@SUM(A1)":      "'@SUM(A1)",
		"\tx":           "'\tx",
		"\rx":           "'\rx",
		"-156.00":       "-156.00",
		"1234.56":       "1234.56",
		"-2+3":          "'-2+3",
		"-1.":           "'-1.",
		"Siân":          "Siân",
		"":              "",
		"a=b":           "a=b",
		"DPCOOP 2026-5": "DPCOOP 2026-5",
	} {
		if got := Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPounds(t *testing.T) {
	for pence, want := range map[int64]string{0: "0.00", 5: "0.05", 100: "1.00", 123456: "1234.56", -15600: "-156.00", -1: "-0.01",
		math.MinInt64: "-92233720368547758.08"} {
		if got := Pounds(pence); got != want {
			t.Errorf("Pounds(%d) = %q, want %q", pence, got, want)
		}
	}
}

// A sheet starts with the byte order mark, ends lines in CRLF and reads back
// as it was written, with its cells made safe.
func TestSheet(t *testing.T) {
	s := New("Enw", "Tâl (£)")
	s.Row("=cmd", Pounds(-1250))
	b := s.Bytes()
	rest, ok := bytes.CutPrefix(b, []byte("\uFEFF"))
	if !ok || bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
		t.Fatalf("%q", b)
	}
	recs, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil || len(recs) != 2 || recs[0][1] != "Tâl (£)" || recs[1][0] != "'=cmd" || recs[1][1] != "-12.50" {
		t.Errorf("%q %v", recs, err)
	}
}
