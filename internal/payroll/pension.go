package payroll

import (
	"errors"
	"fmt"
	"time"
)

// Workplace pension automatic enrolment (Pensions Act 2008).

// pensionThresholds are the per-period earnings limits DWP publishes.
type pensionThresholds struct {
	LowerQualifying int64 `json:"lowerQualifying"` // lower limit of qualifying earnings
	Trigger         int64 `json:"trigger"`         // earnings trigger for automatic enrolment
	UpperQualifying int64 `json:"upperQualifying"` // upper limit of qualifying earnings
}

type pensionParams struct {
	thresholds     [Monthly + 1]pensionThresholds
	minEmployer    Rate // statutory minimum employer contribution
	minTotal       Rate // statutory minimum total contribution
	reliefAtSource Rate // basic-rate relief the scheme claims under relief at source
}

func (y *Year) buildPension(j *yearJSON) error {
	p := &y.pension
	if !y.notPublished["auto_enrolment_thresholds"] { // else only the statutory minimum rates are read
		if err := y.buildPensionThresholds(j); err != nil {
			return err
		}
	}
	p.minEmployer, p.minTotal, p.reliefAtSource = j.Pension.MinimumEmployerRate, j.Pension.MinimumTotalRate, j.Pension.ReliefAtSourceRate
	if !validRate(p.minEmployer) || !validRate(p.minTotal) || !validRate(p.reliefAtSource) {
		return errors.New("minimum and relief rates must be basis-point rates")
	}
	return nil
}

func (y *Year) buildPensionThresholds(j *yearJSON) error {
	var err error
	if y.pension.thresholds, err = frequencyKeyed(j.Pension.ThresholdsPence, "thresholdsPence"); err != nil {
		return err
	}
	for f := Weekly; f <= Monthly; f++ {
		t := y.pension.thresholds[f]
		if t.LowerQualifying <= 0 || t.Trigger <= t.LowerQualifying || t.UpperQualifying < t.Trigger {
			return fmt.Errorf("thresholdsPence.%s: need 0 < lowerQualifying < trigger <= upperQualifying", f)
		}
	}
	return nil
}

// WorkerCategory is a PA's automatic enrolment status for one pay period,
// which decides the co-op's duties.
type WorkerCategory int

// The worker categories. Their String values are stable codes.
const (
	// NotInScope: under 16 or 75 and over; no duties.
	NotInScope WorkerCategory = iota + 1
	// EntitledWorker: earnings at or below the lower qualifying limit; may
	// ask to join a scheme, without a required employer contribution.
	EntitledWorker
	// NonEligibleJobholder: earnings above the lower limit but not an
	// eligible jobholder; may opt in, with employer contributions.
	NonEligibleJobholder
	// EligibleJobholder: aged 22 to state pension age with earnings above
	// the trigger; must be enrolled automatically.
	EligibleJobholder
)

var workerCategoryNames = [...]string{NotInScope: "not_in_scope", EntitledWorker: "entitled_worker", NonEligibleJobholder: "non_eligible_jobholder", EligibleJobholder: "eligible_jobholder"}

// String returns the stable code.
func (w WorkerCategory) String() string {
	if w < NotInScope || w > EligibleJobholder {
		return fmt.Sprintf("WorkerCategory(%d)", int(w))
	}
	return workerCategoryNames[w]
}

// MarshalText writes the category's stable code ("eligible_jobholder"), so
// the API shows a word, not a number.
func (w WorkerCategory) MarshalText() ([]byte, error) {
	if w < NotInScope || w > EligibleJobholder {
		return []byte{}, nil
	}
	return []byte(w.String()), nil
}

// UnmarshalText reads a stable code back; an empty one is no category.
func (w *WorkerCategory) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*w = 0
		return nil
	}
	for c := NotInScope; c <= EligibleJobholder; c++ {
		if workerCategoryNames[c] == string(b) {
			*w = c
			return nil
		}
	}
	return fmt.Errorf("payroll: unknown worker category %q", b)
}

// Ages that bound automatic enrolment; fixed by the Act, not yearly figures.
const (
	minWorkerAge   = 16
	minEligibleAge = 22
	maxWorkerAge   = 75
)

// AssessWorker places a PA in a worker category from their age on the pay
// date and the period's earnings (all pay except expenses: SSP and holiday
// pay count). Earnings must be above a limit, not equal to it.
func (y *Year) AssessWorker(dateOfBirth, payDate time.Time, f Frequency, earnings int64) (WorkerCategory, error) {
	if !f.valid() {
		return 0, inputError("Frequency", CodeInvalidFrequency, fmt.Sprintf("invalid pay frequency %d", int(f)))
	}
	if dateOfBirth.IsZero() || civil(dateOfBirth).After(civil(payDate)) {
		return 0, inputError("DateOfBirth", CodeInvalidDate, "date of birth is missing or after the pay date")
	}
	age := AgeOn(dateOfBirth, payDate)
	if age >= minWorkerAge && age < maxWorkerAge {
		if err := y.unpublished("Frequency", "auto_enrolment_thresholds"); err != nil {
			return 0, err
		}
	}
	t := y.pension.thresholds[f]
	belowSPA := civil(payDate).Before(StatePensionDate(dateOfBirth))
	switch {
	case age < minWorkerAge || age >= maxWorkerAge:
		return NotInScope, nil
	case earnings > t.Trigger && age >= minEligibleAge && belowSPA:
		return EligibleJobholder, nil
	case earnings > t.LowerQualifying:
		return NonEligibleJobholder, nil
	}
	return EntitledWorker, nil
}

// AgeOn is a person's age in whole years on date. Someone born on 29
// February turns a year older on 1 March in a non-leap year.
func AgeOn(dateOfBirth, date time.Time) int {
	by, bm, bd := dateOfBirth.Date()
	y, m, d := date.Date()
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return age
}

// StatePensionDate is the day a person born on dateOfBirth reaches state
// pension age under the Pensions Acts 2011 and 2014: 66 if born before
// 6 April 1960; 66 and 1 to 11 months if born from 6 April 1960 to 5 March
// 1961 (one more month for each month-long window starting on the 6th);
// 67 after that. The rise to 68 for those born after 5 April 1977 takes
// effect from 2044 and is not modelled, so the date is valid for pay dates
// before 6 April 2044.
func StatePensionDate(dateOfBirth time.Time) time.Time {
	dob := civil(dateOfBirth)
	start := time.Date(1960, time.April, 6, 0, 0, 0, 0, time.UTC)
	if dob.Before(start) {
		return dob.AddDate(66, 0, 0)
	}
	// Month-long windows 6th to 5th: window 0 is 6 April to 5 May 1960.
	window := (dob.Year()-1960)*12 + int(dob.Month()) - int(time.April)
	if dob.Day() < 6 {
		window--
	}
	if window >= 11 {
		return dob.AddDate(67, 0, 0)
	}
	return dob.AddDate(66, window+1, 0)
}

// Relief is how tax relief is given on the PA's own contribution.
type Relief int

// The two tax relief methods.
const (
	// ReliefAtSource: the contribution is taken from net pay less basic-rate
	// relief, which the scheme claims from HMRC.
	ReliefAtSource Relief = iota + 1
	// NetPayArrangement: the whole contribution is taken before tax.
	NetPayArrangement
)

// PensionScheme is a co-op's scheme settings; rates are percentages of
// qualifying earnings.
type PensionScheme struct {
	Relief       Relief
	EmployerRate Rate
	EmployeeRate Rate // the gross rate, including any relief at source
}

// CheckScheme refuses settings below the legal minimums (employer at least
// 3 %, employer and employee together at least 8 % of qualifying earnings)
// or with no relief method.
func (y *Year) CheckScheme(s PensionScheme) error {
	if s.Relief != ReliefAtSource && s.Relief != NetPayArrangement {
		return inputError("Pension.Relief", CodeInvalidPension, "relief must be relief at source or net pay arrangement")
	}
	if !validRate(s.EmployerRate) || !validRate(s.EmployeeRate) {
		return inputError("Pension", CodeInvalidPension, "contribution rates must be between 0 and 10000 basis points")
	}
	if s.EmployerRate < y.pension.minEmployer || s.EmployerRate+s.EmployeeRate < y.pension.minTotal {
		return inputError("Pension", CodePensionBelowMinimum, fmt.Sprintf("employer %d bp and total %d bp must be at least %d bp and %d bp in %s",
			s.EmployerRate, s.EmployerRate+s.EmployeeRate, y.pension.minEmployer, y.pension.minTotal, y.Name))
	}
	return nil
}

// Contributions are one period's pension contributions, in pence.
type Contributions struct {
	QualifyingEarnings int64 `json:"qualifying_earnings_pence"` // earnings between the lower and upper qualifying limits
	Employer           int64 `json:"employer_pence"`            // paid by the co-op
	EmployeeGross      int64 `json:"employee_gross_pence"`      // the PA's contribution before any relief at source
	TaxRelief          int64 `json:"tax_relief_pence"`          // basic-rate relief the scheme claims (relief at source only)
	EmployeeDeduction  int64 `json:"employee_deduction_pence"`  // taken from the PA's pay: EmployeeGross less TaxRelief
}

// PensionContributions works out contributions on qualifying earnings.
// Rounding: each contribution is rounded up to the penny, so the legal
// minimum is always met; relief at source is rounded down, so the PA's
// deduction plus the relief equals the gross contribution exactly.
func (y *Year) PensionContributions(s PensionScheme, f Frequency, earnings int64) (Contributions, error) {
	if err := y.CheckScheme(s); err != nil {
		return Contributions{}, err
	}
	if !f.valid() {
		return Contributions{}, inputError("Frequency", CodeInvalidFrequency, fmt.Sprintf("invalid pay frequency %d", int(f)))
	}
	if err := y.unpublished("Pension", "auto_enrolment_thresholds"); err != nil {
		return Contributions{}, err
	}
	t := y.pension.thresholds[f]
	c := Contributions{QualifyingEarnings: clamp(earnings, t.LowerQualifying, t.UpperQualifying) - t.LowerQualifying}
	c.Employer = mulRateCeil(c.QualifyingEarnings, s.EmployerRate)
	c.EmployeeGross = mulRateCeil(c.QualifyingEarnings, s.EmployeeRate)
	if s.Relief == ReliefAtSource {
		c.TaxRelief = mulRateFloor(c.EmployeeGross, y.pension.reliefAtSource)
	}
	c.EmployeeDeduction = c.EmployeeGross - c.TaxRelief
	return c, nil
}

// refundPension pays back a PA's own contributions after a valid opt-out
// (Pensions Act 2008 s.8; TPR detailed guidance no. 7: "less any tax due").
// Under a net pay arrangement the contributions were taken before tax, so
// the refund is taxable pay again; NI was never relieved, so it is not
// NIable. Under relief at source they were taken from taxed pay, so the
// refund is a net payment and the scheme's relief claim is undone by the
// scheme, not the payroll.
func refundPension(ps *Payslip, in Input) {
	ps.PensionRefund = in.PensionRefund
	if in.PensionRefund != 0 && in.Pension.Relief == NetPayArrangement {
		ps.TaxablePay += in.PensionRefund
	}
}

var pensionStatusNames = [...]string{PensionNotEnrolled: "not_enrolled", PensionEnrolled: "enrolled", PensionOptedOut: "opted_out", PensionPostponed: "postponed"}

// String returns the status's stable code ("enrolled").
func (s PensionStatus) String() string {
	if s < PensionNotEnrolled || s > PensionPostponed {
		return fmt.Sprintf("PensionStatus(%d)", int(s))
	}
	return pensionStatusNames[s]
}

// ParsePensionStatus reads a status's stable code back.
func ParsePensionStatus(code string) (PensionStatus, bool) {
	for s, name := range pensionStatusNames {
		if name == code {
			return PensionStatus(s), true
		}
	}
	return 0, false
}
