package payroll

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestYearFor(t *testing.T) {
	for _, c := range []struct {
		d    string
		want string
	}{{"2025-04-06", "2025-26"}, {"2026-04-05", "2025-26"}, {"2026-04-06", "2026-27"}, {"2027-04-05", "2026-27"}, {"2028-04-05", "2027-28"}} {
		d := mustDate(t, c.d)
		if y, err := YearFor(d); err != nil || y.Name != c.want {
			t.Errorf("YearFor(%s) = %v, %v; want %s", c.d, y, err, c.want)
		}
	}
	var ie *InputError
	if _, err := YearFor(mustDate(t, "2028-04-06")); !errors.As(err, &ie) || ie.Code != CodeNoTaxYear {
		t.Errorf("2028-29 is not in years.json yet: %v", err)
	}
}

// editYears parses the embedded years.json, lets edit change it, and parses
// the result, as a change to the data file would be.
func editYears(t *testing.T, edit func(years []any) []any) (*yearSet, error) {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(yearsJSON, &doc); err != nil {
		t.Fatal(err)
	}
	doc["years"] = edit(doc["years"].([]any))
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return parseYears(data)
}

// copyOf deep-copies a JSON value through encoding.
func copyOf(t *testing.T, v any) map[string]any {
	t.Helper()
	data, _ := json.Marshal(v)
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// Adding a tax year is a data change: a new entry in years.json, no code.
func TestAddingATaxYearIsData(t *testing.T) {
	set, err := editYears(t, func(years []any) []any {
		next := copyOf(t, years[1])
		next["name"], next["startDate"] = "2028-29", "2028-04-06"
		next["wages"].(map[string]any)["fromDate"] = "2028-04-01"
		next["wages"].(map[string]any)["nationalLivingWagePence"] = 1300
		return append(years, next)
	})
	if err != nil {
		t.Fatal(err)
	}
	y := set.byStart[2028]
	if y == nil || y.Name != "2028-29" || set.byWages[3].wages.NationalLivingWage != 1300 {
		t.Fatalf("2028-29 not loaded: %+v", y)
	}
	if res, err := y.IncomeTax(TaxInput{Code: mustCode(t, "1257L"), Frequency: Monthly, Period: 1, Pay: 200000, PayToDate: 200000}); err != nil || res.Tax != 19020 {
		t.Errorf("2028-29 tax: %+v, %v", res, err)
	}
}

func TestParseYearsRejectsBadData(t *testing.T) {
	first := func(years []any) map[string]any { return years[0].(map[string]any) }
	path := func(m map[string]any, keys ...string) map[string]any {
		for _, k := range keys {
			m = m[k].(map[string]any)
		}
		return m
	}
	cases := []struct {
		name, want string
		edit       func(years []any) []any
	}{
		{"unknown field", "unknown field", func(ys []any) []any { first(ys)["typo"] = 1; return ys }},
		{"start not 6 April", "6 April", func(ys []any) []any { first(ys)["startDate"] = "2025-04-01"; return ys }},
		{"duplicate year", "twice", func(ys []any) []any { return append(ys, copyOf(t, ys[0])) }},
		{"band not whole pounds", "whole pounds", func(ys []any) []any {
			path(first(ys), "incomeTax", "regimes", "rUK")["bands"].([]any)[0].(map[string]any)["upToPence"] = 3770001
			return ys
		}},
		{"missing regime", "no \"wales\"", func(ys []any) []any { delete(path(first(ys), "incomeTax", "regimes"), "wales"); return ys }},
		{"D codes past the top", "basicRateBand", func(ys []any) []any {
			path(first(ys), "incomeTax", "regimes", "rUK")["basicRateBand"] = 3
			return ys
		}},
		{"missing category", "category X is missing", func(ys []any) []any {
			delete(path(first(ys), "nationalInsurance", "categories"), "X")
			return ys
		}},
		{"threshold missing", "must have exactly", func(ys []any) []any {
			delete(path(first(ys), "nationalInsurance", "thresholdsPence", "monthly"), "VUST")
			return ys
		}},
		{"bands out of order", "increasing threshold order", func(ys []any) []any {
			a := path(first(ys), "nationalInsurance", "categories", "A")
			emp := a["employee"].([]any)
			a["employee"] = []any{emp[1], emp[0]}
			return ys
		}},
		{"frequency missing", "exactly weekly", func(ys []any) []any {
			delete(path(first(ys), "pension", "thresholdsPence"), "fortnightly")
			return ys
		}},
		{"rate above 100 %", "basis-point", func(ys []any) []any { path(first(ys), "pension")["minimumTotalRate"] = 10001; return ys }},
	}
	for _, c := range cases {
		_, err := editYears(t, c.edit)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error mentioning %q", c.name, err, c.want)
		}
	}
}

// 2027-28 loads with its published figures, and a figure it lists as not
// yet published must be left out of the data, and only such a figure.
func Test2027To28Loads(t *testing.T) {
	y, err := YearFor(mustDate(t, "2027-04-06"))
	if err != nil || y.Name != "2027-28" {
		t.Fatalf("YearFor: %v, %v", y, err)
	}
	if th, ok := y.LoanThreshold(LoanPlan2, Monthly); !ok || th != 244875 {
		t.Errorf("plan 2 monthly threshold %d, %v; want 244875 (frozen £29,385)", th, ok)
	}
	third := func(ys []any) map[string]any { return ys[2].(map[string]any) }
	for name, edit := range map[string]func(ys []any) []any{
		"listed but present": func(ys []any) []any {
			third(ys)["notPublished"] = append(third(ys)["notPublished"].([]any), "income_tax_bands")
			return ys
		},
		"absent but not listed": func(ys []any) []any { third(ys)["notPublished"] = third(ys)["notPublished"].([]any)[1:]; return ys },
		"unknown figure": func(ys []any) []any {
			third(ys)["notPublished"] = append(third(ys)["notPublished"].([]any), "typo")
			return ys
		},
	} {
		if _, err := editYears(t, edit); err == nil {
			t.Errorf("%s: years.json accepted", name)
		}
	}
}
