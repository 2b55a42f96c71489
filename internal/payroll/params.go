package payroll

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// yearsJSON holds every tax year's figures. Adding a tax year (2027-28 and
// on) is an edit to this file only: the code reads whatever years it holds.
//
//go:embed years.json
var yearsJSON []byte

// Year is one tax year's parameters (6 April to 5 April), read from
// years.json. Use YearFor to get the year for a pay date.
type Year struct {
	// Name is the tax year as written by HMRC, e.g. "2026-27".
	Name string
	// Start is 6 April of the tax year, at midnight UTC.
	Start time.Time

	overridingLimit Rate
	regimes         [numRegimes]taxRegime
	niThresholds    [Monthly + 1][numNIThresholds]int64
	niCategories    map[Category]niCategory
	pension         pensionParams
	wages           WageRates
	ssp             sspParams
	parental        parentalParams
	mileage         mileageRates
	holidayRate     Rate
	loans           map[LoanPlan]loanParams
	allowance       int64           // Employment Allowance, pence a year
	notPublished    map[string]bool // figures of this year not yet published, by name (see figureNames)
}

// figureNames are the figures a year may list as not yet published. The
// data for a listed figure must be absent from years.json, and only a listed
// figure may be absent.
var figureNames = map[string]bool{
	"income_tax_bands": true, "welsh_rates": true, "scottish_bands": true,
	"ni_lel": true, "ni_st": true, "ni_pt": true, "ni_uel": true, "ni_fust": true, "ni_izust": true, "ni_ust": true, "ni_aust": true, "ni_vust": true,
	"auto_enrolment_thresholds": true, "minimum_wages": true, "statutory_sick_pay": true, "statutory_parental_pay": true,
	"student_loan_plan_1": true, "student_loan_plan_2": true, "student_loan_plan_4": true, "student_loan_plan_5": true, "student_loan_postgraduate": true,
}

// FigureNames lists, sorted, the figures a year may list as not yet
// published, so that every one has a name people can read.
func FigureNames() []string {
	return slices.Sorted(maps.Keys(figureNames))
}

// unpublished refuses a calculation that needs figure if this year lists it
// as not yet published: the engine never guesses a figure.
func (y *Year) unpublished(field, figure string) error {
	if !y.notPublished[figure] {
		return nil
	}
	name := figure + "_" + strings.ReplaceAll(y.Name, "-", "_")
	return &InputError{Field: field, Code: CodeFigureNotPublished, Figure: name,
		Detail: fmt.Sprintf("%s is not published yet, so a payment in %s that needs it cannot be calculated", name, y.Name)}
}

// The JSON shapes of years.json. Field names carry their units.
type (
	yearsFile struct {
		Units string     `json:"units"`
		Years []yearJSON `json:"years"`
	}
	yearJSON struct {
		Name         string   `json:"name"`
		StartDate    string   `json:"startDate"`
		Sources      string   `json:"sources"`
		NotPublished []string `json:"notPublished"`
		IncomeTax    struct {
			OverridingLimitRate Rate                   `json:"overridingLimitRate"`
			Regimes             map[string]*regimeJSON `json:"regimes"`
		} `json:"incomeTax"`
		NationalInsurance struct {
			ThresholdsPence map[string]map[string]int64 `json:"thresholdsPence"` // a threshold not yet published is left out
			Categories      map[string]struct {
				Employee []niBandJSON `json:"employee"`
				Employer []niBandJSON `json:"employer"`
			} `json:"categories"`
		} `json:"nationalInsurance"`
		Pension struct {
			ThresholdsPence     map[string]pensionThresholds `json:"thresholdsPence"`
			MinimumEmployerRate Rate                         `json:"minimumEmployerRate"`
			MinimumTotalRate    Rate                         `json:"minimumTotalRate"`
			ReliefAtSourceRate  Rate                         `json:"reliefAtSourceRate"`
		} `json:"pension"`
		Wages struct {
			FromDate string `json:"fromDate"`
			WageRates
		} `json:"wages"`
		StatutorySickPay   *sspParams      `json:"statutorySickPay"`
		ParentalPay        *parentalParams `json:"statutoryParentalPay"`
		Mileage            mileageRates    `json:"mileage"`
		HolidayAccrualRate Rate            `json:"holidayAccrualRate"`
		// EmploymentAllowancePence is the year's Employment Allowance
		// (National Insurance Contributions Act 2014 s.1).
		EmploymentAllowancePence int64 `json:"employmentAllowancePence"`
		StudentLoans             struct {
			Plans map[string]*loanParams `json:"plans"`
		} `json:"studentLoans"`
	}
	regimeJSON struct {
		BasicRateBand int `json:"basicRateBand"`
		Bands         []struct {
			UpToPence *int64 `json:"upToPence"`
			Rate      Rate   `json:"rate"`
		} `json:"bands"`
	}
	niBandJSON struct {
		Above string `json:"above"`
		Rate  Rate   `json:"rate"`
	}
)

// years is years.json parsed and checked once; tests keep it valid.
var years = sync.OnceValues(func() (*yearSet, error) { return parseYears(yearsJSON) })

// yearSet indexes the loaded years by the calendar year of their 6 April,
// and by the date their minimum wage rates took effect.
type yearSet struct {
	byStart map[int]*Year
	byWages []*Year // ascending wage start date
}

// YearFor returns the tax year parameters for a pay date (6 April to
// 5 April), or an InputError with CodeNoTaxYear if years.json has none.
func YearFor(payDate time.Time) (*Year, error) {
	set, err := years()
	if err != nil {
		return nil, err
	}
	if y := set.byStart[taxYearStartYear(payDate)]; y != nil {
		return y, nil
	}
	return nil, inputError("PayDate", CodeNoTaxYear, fmt.Sprintf("no tax year parameters for %s", payDate.Format(time.DateOnly)))
}

// wageRatesOn returns the minimum wage rates in force on date. They change
// on 1 April, not 6 April, so they are looked up by their own start date.
func wageRatesOn(date time.Time) (WageRates, error) {
	set, err := years()
	if err != nil {
		return WageRates{}, err
	}
	d := civil(date)
	for i := len(set.byWages) - 1; i >= 0; i-- {
		if !set.byWages[i].wages.From.After(d) {
			if err := set.byWages[i].unpublished("PeriodStart", "minimum_wages"); err != nil {
				return WageRates{}, err
			}
			return set.byWages[i].wages, nil
		}
	}
	return WageRates{}, inputError("PeriodStart", CodeNoTaxYear, fmt.Sprintf("no minimum wage rates for %s", date.Format(time.DateOnly)))
}

func parseYears(data []byte) (*yearSet, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var file yearsFile
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("payroll: years.json: %w", err)
	}
	set := &yearSet{byStart: map[int]*Year{}}
	for i := range file.Years {
		y, err := buildYear(&file.Years[i])
		if err != nil {
			return nil, fmt.Errorf("payroll: years.json: year %q: %w", file.Years[i].Name, err)
		}
		if set.byStart[y.Start.Year()] != nil {
			return nil, fmt.Errorf("payroll: years.json: tax year %s appears twice", y.Name)
		}
		set.byStart[y.Start.Year()] = y
		set.byWages = append(set.byWages, y)
	}
	sort.Slice(set.byWages, func(i, j int) bool { return set.byWages[i].wages.From.Before(set.byWages[j].wages.From) })
	return set, nil
}

func buildYear(j *yearJSON) (*Year, error) {
	start, err := time.Parse(time.DateOnly, j.StartDate)
	if err != nil || start.Month() != time.April || start.Day() != 6 {
		return nil, fmt.Errorf("startDate %q is not a 6 April date", j.StartDate)
	}
	y := &Year{Name: j.Name, Start: start, holidayRate: j.HolidayAccrualRate, mileage: j.Mileage, allowance: j.EmploymentAllowancePence, notPublished: map[string]bool{}}
	if y.allowance <= 0 || y.allowance > maxAmount {
		return nil, errors.New("employmentAllowancePence must be a positive amount")
	}
	for _, f := range j.NotPublished {
		if !figureNames[f] || y.notPublished[f] {
			return nil, fmt.Errorf("notPublished: %q is not a figure name, or is listed twice", f)
		}
		y.notPublished[f] = true
	}
	// absent checks that a figure's data is missing exactly when the year
	// lists it as not yet published.
	absent := func(figure string, missing bool) error {
		if missing != y.notPublished[figure] {
			return fmt.Errorf("%s: its figures must be left out exactly when notPublished lists it", figure)
		}
		return nil
	}
	if y.overridingLimit = j.IncomeTax.OverridingLimitRate; !validRate(y.overridingLimit) || y.overridingLimit == 0 {
		return nil, errors.New("incomeTax.overridingLimitRate must be between 1 and 10000")
	}
	for r := range Regime(numRegimes) {
		rj, ok := j.IncomeTax.Regimes[r.String()]
		if !ok {
			return nil, fmt.Errorf("incomeTax.regimes has no %q", r)
		}
		if err := absent(regimeFigures[r], rj == nil); err != nil {
			return nil, err
		}
		if rj == nil {
			continue
		}
		if y.regimes[r], err = buildRegime(*rj); err != nil {
			return nil, fmt.Errorf("incomeTax.regimes.%s: %w", r, err)
		}
	}
	if len(j.IncomeTax.Regimes) != numRegimes {
		return nil, errors.New("incomeTax.regimes must hold exactly rUK, wales and scotland")
	}
	if err := y.buildNI(j); err != nil {
		return nil, fmt.Errorf("nationalInsurance: %w", err)
	}
	if err := absent("auto_enrolment_thresholds", j.Pension.ThresholdsPence == nil); err != nil {
		return nil, err
	}
	if err := y.buildPension(j); err != nil {
		return nil, fmt.Errorf("pension: %w", err)
	}
	y.wages = j.Wages.WageRates
	if y.wages.From, err = time.Parse(time.DateOnly, j.Wages.FromDate); err != nil {
		return nil, fmt.Errorf("wages.fromDate: %w", err)
	}
	if err := absent("minimum_wages", y.wages == WageRates{From: y.wages.From}); err != nil {
		return nil, err
	}
	if !y.notPublished["minimum_wages"] && !y.wages.valid() {
		return nil, errors.New("wages: every rate must be positive")
	}
	if err := absent("statutory_sick_pay", j.StatutorySickPay == nil); err != nil {
		return nil, err
	}
	if j.StatutorySickPay != nil {
		if y.ssp = *j.StatutorySickPay; !y.ssp.valid() {
			return nil, errors.New("statutorySickPay: weekly rate must be positive, cap a rate, waiting days 0 to 7")
		}
	}
	if err := y.buildParental(j.ParentalPay); err != nil {
		return nil, err
	}
	if !y.mileage.valid() {
		return nil, errors.New("mileage: every figure must be positive")
	}
	if !validRate(y.holidayRate) || y.holidayRate == 0 {
		return nil, errors.New("holidayAccrualRate must be between 1 and 10000")
	}
	for name, p := range j.StudentLoans.Plans {
		if err := absent("student_loan_"+name, p == nil); err != nil {
			return nil, err
		}
	}
	if err := y.buildLoans(j.StudentLoans.Plans); err != nil {
		return nil, fmt.Errorf("studentLoans: %w", err)
	}
	return y, nil
}

// regimeFigures names each regime's bands and rates as a figure.
var regimeFigures = [numRegimes]string{"income_tax_bands", "welsh_rates", "scottish_bands"}

func validRate(r Rate) bool { return r >= 0 && r <= rateDenominator }

// frequencyKeyed reads a map keyed by frequency name into an array indexed
// by Frequency, insisting on exactly the four frequencies.
func frequencyKeyed[T any](m map[string]T, what string) ([Monthly + 1]T, error) {
	var out [Monthly + 1]T
	if len(m) != int(Monthly) {
		return out, fmt.Errorf("%s must have exactly weekly, fortnightly, four-weekly and monthly", what)
	}
	for name, v := range m {
		f, err := ParseFrequency(name)
		if err != nil {
			return out, fmt.Errorf("%s: %w", what, err)
		}
		out[f] = v
	}
	return out, nil
}
