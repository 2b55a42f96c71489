package payroll

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// HMRC's published test data, converted to CSV under testdata/hmrc (see
// testdata/README.md for where each file came from). Every case must match
// to the penny, except those listed in knownPAYEDifferences.

// knownPAYEDifferences are the HMRC cases this engine cannot match, with the
// tax it gives. All six are Scottish monthly cases in the 2025-26 data, one
// penny above HMRC's figure, where the pro-rated band limits are not whole
// pence (months 1, 2, 4 and 8). The same routine matches every one of the
// 2026-27 cases, Scottish included, and no variant of the spec's 4-decimal
// truncation tried matches both years; HMRC's sheets say a difference of no
// more than £0.01 is acceptable. Each entry is still asserted exactly, so a
// change in behaviour shows up.
var knownPAYEDifferences = map[string]int64{
	"2025-26/Scotland/Gen_cumul_mthly/4": 538297, // HMRC 5382.96
	"2025-26/Scotland/Gen_cumul_mthly/8": 518962, // HMRC 5189.61
	"2025-26/Scotland/Gen_W1M1_mthly/3":  75360,  // HMRC 753.59
	"2025-26/Scotland/Gen_W1M1_mthly/4":  75402,  // HMRC 754.01
	"2025-26/Scotland/K_cumul_mthly/1":   27564,  // HMRC 275.63
	"2025-26/Scotland/K_cumul_mthly/2":   35020,  // HMRC 350.19
}

// readCSV returns the rows of a testdata CSV as maps from header to value.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]map[string]string, 0, len(records)-1)
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, h := range records[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// pence reads "-1234.50" as -123450.
func pence(t *testing.T, s string) int64 {
	t.Helper()
	neg := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	frac = (frac + "00")[:2]
	v, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		t.Fatalf("bad amount %q: %v", s, err)
	}
	if neg {
		v = -v
	}
	return v
}

func TestHMRCPAYETestData(t *testing.T) {
	for _, file := range []struct {
		path  string
		start time.Time
	}{
		{"testdata/hmrc/paye_2025-26.csv", date(2025, 4, 6)},
		{"testdata/hmrc/paye_2026-27.csv", date(2026, 4, 6)},
	} {
		y, err := YearFor(file.start)
		if err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, file.path)
		passed := 0
		for _, r := range rows {
			name := y.Name + "/" + r["region"] + "/" + r["id"]
			code, err := ParseTaxCode(r["code"])
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			code.NonCumulative = r["w1m1"] == "Y"
			freq, err := ParseFrequency(r["frequency"])
			if err != nil {
				t.Fatal(err)
			}
			period, _ := strconv.Atoi(r["period"])
			due, dueToDate := pence(t, r["tax_due"]), pence(t, r["tax_due_to_date"])
			got, err := y.IncomeTax(TaxInput{
				Code: code, Frequency: freq, Period: period,
				Pay:       pence(t, r["gross_pay"]),
				PayToDate: pence(t, r["taxable_pay_to_date"]),
				TaxToDate: dueToDate - due,
			})
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if known, ok := knownPAYEDifferences[name]; ok {
				if got.Tax != known || known-due != 1 {
					t.Errorf("%s: known difference changed: tax %d, recorded %d, HMRC %d", name, got.Tax, known, due)
				}
				continue
			}
			if got.Tax != due {
				t.Errorf("%s: %s %s period %d pay %s: tax %d, HMRC %d", name, r["code"], r["frequency"], period, r["gross_pay"], got.Tax, due)
				continue
			}
			passed++
		}
		t.Logf("%s: %d of %d HMRC PAYE cases match to the penny", file.path, passed, len(rows))
		if want := len(rows) - knownIn(y.Name); passed != want {
			t.Errorf("%s: %d cases matched, want %d", file.path, passed, want)
		}
	}
}

func TestHMRCNICsTestData(t *testing.T) {
	y, err := YearFor(date(2025, 4, 6))
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, "testdata/hmrc/nics_2025-26.csv")
	passed := 0
	for _, r := range rows {
		cat, err := ParseCategory(r["category"])
		if err != nil {
			t.Fatal(err)
		}
		freq, err := ParseFrequency(r["frequency"])
		if err != nil {
			t.Fatal(err)
		}
		got, err := y.NationalInsurance(cat, freq, pence(t, r["gross_pay"]))
		if err != nil {
			t.Errorf("%s: %v", r["id"], err)
			continue
		}
		want := NIResult{
			Employee: pence(t, r["employee_ni"]), Employer: pence(t, r["employer_ni"]),
			EarningsAtLEL: pence(t, r["earnings_at_lel"]), EarningsLELToPT: pence(t, r["earnings_lel_to_pt"]), EarningsPTToUEL: pence(t, r["earnings_pt_to_uel"]),
		}
		if got != want {
			t.Errorf("%s: %s pay %s: got %+v, HMRC %+v", r["id"], r["frequency"], r["gross_pay"], got, want)
			continue
		}
		passed++
	}
	t.Logf("%d of %d HMRC NICs cases match to the penny", passed, len(rows))
}

// knownIn counts the known differences in a tax year.
func knownIn(year string) int {
	n := 0
	for name := range knownPAYEDifferences {
		if strings.HasPrefix(name, year+"/") {
			n++
		}
	}
	return n
}

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
