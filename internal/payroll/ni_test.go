package payroll

import (
	"errors"
	"testing"
	"time"
)

// Hand-worked 2026-27 monthly NI. Thresholds: LEL 559, ST 417, PT 1048,
// UEL 4189, UST = AUST = VUST = 4189. On £2,000.00: employee main rate on
// 2000 - 1048 = 952.00; employer 15 % on 2000 - 417 = 1583.00 = 237.45.
func TestNationalInsuranceHandWorked2026(t *testing.T) {
	y := year2026(t)
	bands2000 := NIResult{EarningsAtLEL: 55900, EarningsLELToPT: 104800 - 55900, EarningsPTToUEL: 95200}
	with := func(ee, er int64, b NIResult) NIResult { b.Employee, b.Employer = ee, er; return b }
	cases := []struct {
		name string
		cat  Category
		pay  int64
		want NIResult
	}{
		{"A: 952 × 8 % = 76.16", CategoryA, 200000, with(7616, 23745, bands2000)},
		{"B: 952 × 1.85 % = 17.612 → 17.61", CategoryB, 200000, with(1761, 23745, bands2000)},
		{"C: no employee NI over state pension age", CategoryC, 200000, with(0, 23745, bands2000)},
		{"H: apprentice, no employer NI below the AUST", CategoryH, 200000, with(7616, 0, bands2000)},
		{"M: under 21, no employer NI below the UST", CategoryM, 200000, with(7616, 0, bands2000)},
		{"V: veteran, no employer NI below the VUST", CategoryV, 200000, with(7616, 0, bands2000)},
		{"J: deferred, 952 × 2 % = 19.04", CategoryJ, 200000, with(1904, 23745, bands2000)},
		{"Z: under 21 deferred", CategoryZ, 200000, with(1904, 0, bands2000)},
		{"X: no liability, no record", CategoryX, 200000, NIResult{}},
		// H above the AUST: employee 3141 × 8 % = 251.28 + 811 × 2 % = 16.22;
		// employer 811 × 15 % = 121.65.
		{"H above the AUST", CategoryH, 500000, NIResult{Employee: 26750, Employer: 12165, EarningsAtLEL: 55900, EarningsLELToPT: 48900, EarningsPTToUEL: 314100}},
		// Under the LEL (559) but over the ST (417): 83 × 15 % = 12.45 employer,
		// and nothing to report in the earnings bands.
		{"secondary threshold below the LEL", CategoryA, 50000, NIResult{Employer: 1245}},
		// Rounding: 0.07 × 8 % = 0.56p is half a penny or less at three decimal
		// places, so 0; 0.08 × 8 % = 0.64p rounds to 1p.
		{"0.56p rounds down", CategoryA, 104807, NIResult{Employee: 0, Employer: 9466, EarningsAtLEL: 55900, EarningsLELToPT: 48900, EarningsPTToUEL: 7}},
		{"0.64p rounds up", CategoryA, 104808, NIResult{Employee: 1, Employer: 9466, EarningsAtLEL: 55900, EarningsLELToPT: 48900, EarningsPTToUEL: 8}},
		{"nothing on no pay", CategoryA, 0, NIResult{}},
		{"nothing on negative pay", CategoryA, -5000, NIResult{}},
	}
	for _, c := range cases {
		got, err := y.NationalInsurance(c.cat, Monthly, c.pay)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestNationalInsuranceWeeklyLEL2026(t *testing.T) {
	// The 2026-27 LEL is £129 a week: £129.00 is at the LEL, with employer NI
	// on 129 - 96 = 33.00 × 15 % = 4.95.
	got, err := year2026(t).NationalInsurance(CategoryA, Weekly, 12900)
	if err != nil {
		t.Fatal(err)
	}
	if want := (NIResult{Employer: 495, EarningsAtLEL: 12900}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestNationalInsuranceRejects(t *testing.T) {
	y := year2026(t)
	var ie *InputError
	if _, err := y.NationalInsurance('Q', Monthly, 100); !errors.As(err, &ie) || ie.Code != CodeInvalidNICategory {
		t.Errorf("category Q: %v", err)
	}
	if _, err := y.NationalInsurance(CategoryA, 0, 100); !errors.As(err, &ie) || ie.Code != CodeInvalidFrequency {
		t.Errorf("no frequency: %v", err)
	}
	for _, s := range []string{"", "AB", "1", "é"} {
		if _, err := ParseCategory(s); !errors.As(err, &ie) || ie.Code != CodeInvalidNICategory {
			t.Errorf("ParseCategory(%q): %v", s, err)
		}
	}
	if c, err := ParseCategory("h"); err != nil || c != CategoryH {
		t.Errorf("ParseCategory(h) = %v, %v", c, err)
	}
}

func TestCategoryFitsAgeOnThePayDate(t *testing.T) {
	// Born 10 September 1960: state pension age 66 and 6 months, reached on
	// 10 March 2027 (Pensions Act 2014, explanatory notes to s.26).
	pensioner := date(1960, 9, 10)
	cases := []struct {
		name      string
		c         Category
		born, pay time.Time
		want      bool
	}{
		{"15, X", CategoryX, date(2011, 6, 1), date(2026, 5, 29), true},
		{"15, A", CategoryA, date(2011, 6, 1), date(2026, 5, 29), false},
		{"19, A costs employer NI", CategoryA, date(2007, 1, 1), date(2026, 5, 29), false},
		{"19, M", CategoryM, date(2007, 1, 1), date(2026, 5, 29), true},
		{"19, Z", CategoryZ, date(2007, 1, 1), date(2026, 5, 29), true},
		{"19, H", CategoryH, date(2007, 1, 1), date(2026, 5, 29), true},
		{"the day before 21, M", CategoryM, date(2005, 5, 30), date(2026, 5, 29), true},
		{"21 on the pay date, M", CategoryM, date(2005, 5, 29), date(2026, 5, 29), false},
		{"21 on the pay date, A", CategoryA, date(2005, 5, 29), date(2026, 5, 29), true},
		{"24, H", CategoryH, date(2002, 1, 1), date(2026, 5, 29), true},
		{"25, H", CategoryH, date(2001, 1, 1), date(2026, 5, 29), false},
		{"40, C", CategoryC, date(1986, 1, 1), date(2026, 5, 29), false},
		{"40, J", CategoryJ, date(1986, 1, 1), date(2026, 5, 29), true},
		{"the day before state pension age, A", CategoryA, pensioner, date(2027, 3, 9), true},
		{"the day before state pension age, C", CategoryC, pensioner, date(2027, 3, 9), false},
		{"state pension age, A deducts employee NI", CategoryA, pensioner, date(2027, 3, 10), false},
		{"state pension age, C", CategoryC, pensioner, date(2027, 3, 10), true},
		{"67, born 1959, A", CategoryA, date(1959, 3, 1), date(2026, 5, 29), false},
		{"67, born 1959, C", CategoryC, date(1959, 3, 1), date(2026, 5, 29), true},
		{"66, born March 1961: not yet 67, A", CategoryA, date(1961, 3, 6), date(2027, 12, 29), true},
	}
	for _, c := range cases {
		if got := CategoryFitsAge(c.c, c.born, c.pay); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
