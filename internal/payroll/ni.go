package payroll

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Category is a Class 1 National Insurance category letter, chosen by the
// co-op for each PA from their age and circumstances.
type Category byte

// The categories a co-op of PAs uses. years.json also carries the freeport
// (F, I, L, S) and investment zone (D, E, K, N) categories, so HMRC's full
// test data runs, but a co-op should not need them.
const (
	CategoryA Category = 'A' // standard
	CategoryB Category = 'B' // married woman or widow with the reduced-rate election
	CategoryC Category = 'C' // over state pension age: no employee NI
	CategoryH Category = 'H' // apprentice under 25: no employer NI up to the AUST
	CategoryJ Category = 'J' // deferred: 2 % employee NI above the PT
	CategoryM Category = 'M' // under 21: no employer NI up to the UST
	CategoryV Category = 'V' // veteran in the first year of civilian work: no employer NI up to the VUST
	CategoryZ Category = 'Z' // under 21 and deferred
	CategoryX Category = 'X' // not liable (e.g. under 16): no NI and no NI record
)

// requiredCategories must be in every year of years.json.
const requiredCategories = "ABCHJMVZX"

// String returns the letter.
func (c Category) String() string { return string(rune(c)) }

// ParseCategory reads a category letter (either case). Whether a year has
// rates for it is checked when NI is worked out.
func ParseCategory(s string) (Category, error) {
	if len(s) == 1 {
		c := s[0] &^ 0x20 // ASCII upper case
		if c >= 'A' && c <= 'Z' {
			return Category(c), nil
		}
	}
	return 0, inputError("NICategory", CodeInvalidNICategory, fmt.Sprintf("NI category %q is not a single letter", s))
}

// Ages at which the category letters for age change (HMRC, "National
// Insurance category letters"): X under 16, M and Z under 21, H under 25.
const (
	minNIAge            = 16
	under21Age          = 21
	apprenticeNIAge     = 25
	categoryFreeportSPA = Category('S') // over state pension age, in a freeport
	categoryZoneSPA     = Category('K') // over state pension age, in an investment zone
)

// CategoryFitsAge reports whether NI category c can be right, on payDate,
// for someone born on dateOfBirth: X under 16; from 16 to 20 M, or Z if they
// defer, or H (an apprentice) or V (a veteran); from 21 never M, Z or X, and
// H only under 25; from state pension age C only (S and K in freeports and
// investment zones). A mismatch costs the employer NI that M avoids, or
// deducts employee NI that someone over state pension age does not pay.
func CategoryFitsAge(c Category, dateOfBirth, payDate time.Time) bool {
	age := AgeOn(dateOfBirth, payDate)
	switch {
	case age < minNIAge:
		return c == CategoryX
	case !civil(payDate).Before(StatePensionDate(dateOfBirth)):
		return c == CategoryC || c == categoryFreeportSPA || c == categoryZoneSPA
	case age < under21Age:
		return c == CategoryM || c == CategoryZ || c == CategoryH || c == CategoryV
	}
	switch c {
	case CategoryM, CategoryZ, CategoryX, CategoryC, categoryFreeportSPA, categoryZoneSPA:
		return false
	case CategoryH:
		return age < apprenticeNIAge
	}
	return true
}

// niThreshold names a per-period NI threshold.
type niThreshold int

const (
	thLEL   niThreshold = iota // lower earnings limit
	thST                       // secondary threshold (employer)
	thPT                       // primary threshold (employee)
	thUEL                      // upper earnings limit
	thFUST                     // freeport upper secondary threshold
	thIZUST                    // investment zone upper secondary threshold
	thUST                      // upper secondary threshold (under 21)
	thAUST                     // apprentice upper secondary threshold
	thVUST                     // veterans upper secondary threshold
	numNIThresholds
)

var niThresholdNames = [numNIThresholds]string{"LEL", "ST", "PT", "UEL", "FUST", "IZUST", "UST", "AUST", "VUST"}

// niBand charges rate on earnings above a threshold, up to the next band's.
type niBand struct {
	above niThreshold
	rate  Rate
}

// niCategory is the marginal-rate schedule of one category.
type niCategory struct{ employee, employer []niBand }

func (y *Year) buildNI(j *yearJSON) error {
	byFreq, err := frequencyKeyed(j.NationalInsurance.ThresholdsPence, "thresholdsPence")
	if err != nil {
		return err
	}
	for f := Weekly; f <= Monthly; f++ {
		for th, name := range niThresholdNames {
			v, ok := byFreq[f][name]
			if ok == y.notPublished[niFigure(niThreshold(th))] {
				return fmt.Errorf("thresholdsPence.%s must have exactly %v, less those notPublished lists", f, niThresholdNames)
			}
			if ok && v <= 0 {
				return fmt.Errorf("thresholdsPence.%s.%s must be positive", f, name)
			}
			y.niThresholds[f][th] = v
		}
		if len(byFreq[f]) > int(numNIThresholds) {
			return fmt.Errorf("thresholdsPence.%s must have exactly %v", f, niThresholdNames)
		}
	}
	y.niCategories = map[Category]niCategory{}
	for letter, cj := range j.NationalInsurance.Categories {
		cat, err := ParseCategory(letter)
		if err != nil || cat.String() != letter {
			return fmt.Errorf("category %q is not an upper-case letter", letter)
		}
		var c niCategory
		if c.employee, err = y.niSchedule(cj.Employee); err == nil {
			c.employer, err = y.niSchedule(cj.Employer)
		}
		if err != nil {
			return fmt.Errorf("category %s: %w", letter, err)
		}
		y.niCategories[cat] = c
	}
	for _, c := range requiredCategories {
		if _, ok := y.niCategories[Category(c)]; !ok {
			return fmt.Errorf("category %c is missing", c)
		}
	}
	return nil
}

// niSchedule checks a band list: known thresholds, valid rates, and each
// band's threshold above the last at every frequency.
func (y *Year) niSchedule(bands []niBandJSON) ([]niBand, error) {
	out := make([]niBand, 0, len(bands))
	for i, b := range bands {
		th := niThreshold(-1)
		for k, name := range niThresholdNames {
			if name == b.Above {
				th = niThreshold(k)
			}
		}
		if th < 0 || !validRate(b.Rate) {
			return nil, fmt.Errorf("band %d: unknown threshold %q or bad rate %d", i, b.Above, b.Rate)
		}
		if i > 0 && !y.notPublished[niFigure(th)] && !y.notPublished[niFigure(out[i-1].above)] {
			for f := Weekly; f <= Monthly; f++ {
				if y.niThresholds[f][th] <= y.niThresholds[f][out[i-1].above] {
					return nil, errors.New("bands must be in increasing threshold order")
				}
			}
		}
		out = append(out, niBand{above: th, rate: b.Rate})
	}
	return out, nil
}

// niFigure names a threshold as a figure of years.json, e.g. "ni_lel".
func niFigure(th niThreshold) string { return "ni_" + strings.ToLower(niThresholdNames[th]) }

// NIResult is one period's Class 1 National Insurance, in pence.
type NIResult struct {
	Employee int64 `json:"employee_pence"` // primary contributions, deducted from pay
	Employer int64 `json:"employer_pence"` // secondary contributions, paid by the co-op
	// The earnings bands reported to HMRC on the FPS: pay up to the LEL
	// (if the LEL is reached), from the LEL to the PT, and from the PT to
	// the UEL. All zero for category X.
	EarningsAtLEL   int64 `json:"earnings_at_lel_pence"`
	EarningsLELToPT int64 `json:"earnings_lel_to_pt_pence"`
	EarningsPTToUEL int64 `json:"earnings_pt_to_uel_pence"`
}

// NationalInsurance works out Class 1 NI on one period's NI-able pay (the
// total from every member the PA worked for: one employee, one
// calculation) by the exact percentage method: each rate applies to pay
// between its threshold and the next band's, employee and employer are
// summed exactly and rounded separately by niRound. The employer's
// secondary threshold lies below the LEL, so employer NI can be due on pay
// under the LEL. Pay at or below zero gives nothing.
func (y *Year) NationalInsurance(c Category, f Frequency, pay int64) (NIResult, error) {
	if !f.valid() {
		return NIResult{}, inputError("Frequency", CodeInvalidFrequency, fmt.Sprintf("invalid pay frequency %d", int(f)))
	}
	cat, ok := y.niCategories[c]
	if !ok {
		return NIResult{}, inputError("NICategory", CodeInvalidNICategory, fmt.Sprintf("NI category %q has no rates in %s", c.String(), y.Name))
	}
	if pay > maxAmount {
		return NIResult{}, inputError("NIablePay", CodeInvalidAmount, fmt.Sprintf("pay %d pence is out of range", pay))
	}
	if c != CategoryX {
		if err := y.unpublished("NICategory", niFigure(thLEL)); err != nil {
			return NIResult{}, err
		}
	}
	for _, b := range append(cat.employee[:len(cat.employee):len(cat.employee)], cat.employer...) {
		if err := y.unpublished("NICategory", niFigure(b.above)); err != nil {
			return NIResult{}, err
		}
	}
	th := &y.niThresholds[f]
	res := NIResult{Employee: schedule(cat.employee, th, pay), Employer: schedule(cat.employer, th, pay)}
	if c != CategoryX && pay >= th[thLEL] {
		res.EarningsAtLEL = th[thLEL]
		res.EarningsLELToPT = clamp(pay, th[thLEL], th[thPT]) - th[thLEL]
		res.EarningsPTToUEL = clamp(pay, th[thPT], th[thUEL]) - th[thPT]
	}
	return res, nil
}

// schedule is the contribution on pay: each band's share is worked out
// exactly and rounded by niRound, and the shares are added.
func schedule(bands []niBand, th *[numNIThresholds]int64, pay int64) int64 {
	var total int64
	for i, b := range bands {
		lower, upper := th[b.above], pay
		if i+1 < len(bands) {
			upper = min(pay, th[bands[i+1].above])
		}
		if upper > lower {
			total += niRound((upper - lower) * int64(b.rate))
		}
	}
	return total
}

// EmploymentAllowance is what an eligible employer may take off its
// secondary Class 1 NI in the year, run by run until it is used up
// (National Insurance Contributions Act 2014 s.1; £10,500 from 6 April 2025).
func (y *Year) EmploymentAllowance() int64 { return y.allowance }
