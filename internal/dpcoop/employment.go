package dpcoop

import (
	"strconv"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

// Rates are what a PA is paid for each kind of shift, agreed per member they
// support: pence an hour, except the sleep-in, a flat amount per night.
type Rates struct {
	Standard    int64 `json:"standard_pence"`
	Night       int64 `json:"night_pence"`
	SleepIn     int64 `json:"sleep_in_pence"`
	BankHoliday int64 `json:"bank_holiday_pence"`
}

// Employment links a PA to a member they support, with the agreed rates:
// those it started with, and each change from its date (an April uprating,
// a pay rise).
type Employment struct {
	ID     string `json:"id"`
	Coop   CoopID `json:"-"`
	PA     string `json:"pa_id"`
	Member string `json:"member_id"`
	// Role is the kind of support the PA gives (SupportRoles; empty on an
	// employment made before roles were kept: see SupportRole).
	Role        string       `json:"role,omitempty"`
	Rates       Rates        `json:"rates"`
	Start       Date         `json:"start_date"`
	End         Date         `json:"end_date,omitempty"`
	RateChanges []RateChange `json:"rate_changes,omitempty"`
	Warnings    []string     `json:"warnings,omitempty"`
	// Version advances with each change, for the store's conditional write.
	Version int64 `json:"-"`
}

// RateChange is a new set of rates for an employment from a date.
type RateChange struct {
	ID            string    `json:"id"`
	EffectiveFrom Date      `json:"effective_from"`
	Rates         Rates     `json:"rates"`
	Recorded      time.Time `json:"recorded"`
	RecordedBy    string    `json:"recorded_by"`
}

// Covers reports whether the employment is in force on d.
func (e Employment) Covers(d Date) bool {
	return !d.Before(e.Start) && (e.End == "" || !e.End.Before(d))
}

// Ended reports whether the employment's last day is before today: one
// starting later has not ended.
func (e Employment) Ended(today Date) bool {
	return e.End != "" && e.End.Before(today)
}

// Overlaps reports whether two employments are in force on a common day.
func (e Employment) Overlaps(o Employment) bool {
	return (o.End == "" || !o.End.Before(e.Start)) && (e.End == "" || !e.End.Before(o.Start))
}

// RatesOn are the rates in force on d: the latest change effective by then,
// or the rates the employment started with.
func (e Employment) RatesOn(d Date) Rates {
	r, from := e.Rates, e.Start
	for _, c := range e.RateChanges {
		if !d.Before(c.EffectiveFrom) && !c.EffectiveFrom.Before(from) {
			r, from = c.Rates, c.EffectiveFrom
		}
	}
	return r
}

// RatesFor is what a PA is paid for each member on day d: the rates in force
// then under the employment that covers it (none: nothing).
func RatesFor(emps []Employment, pa string, d Date) func(member string) Rates {
	return func(member string) Rates {
		for _, e := range emps {
			if e.PA == pa && e.Member == member && e.Covers(d) {
				return e.RatesOn(d)
			}
		}
		return Rates{}
	}
}

// EmploymentInput is what an admin gives to link a PA to a member.
type EmploymentInput struct {
	PA     string `json:"pa_id"`
	Member string `json:"member_id"`
	Role   string `json:"role"`
	Rates  Rates  `json:"rates"`
	Start  string `json:"start_date"`
	End    string `json:"end_date"`
}

// Warning codes: accepted, but the admin should know.
const (
	WarnBelowRealLivingWage = "below_real_living_wage"
	WarnOverCarePlan        = "over_care_plan"
)

// maxRatePence keeps a mistyped rate (pounds as pence, an extra zero) out.
const maxRatePence = 100_00

// Validate checks the employment against the PA's record: dates in order, a
// start not before the PA started nor before the member entered the register,
// and hourly rates at least the National Living Wage (or the lower band for
// the PA's age) on the start date. A rate below the Real Living Wage is
// accepted with a warning: Welsh policy pays PAs at least that.
func (in EmploymentInput) Validate(pa PA, member Member) (Employment, error) {
	var p Problems
	e := Employment{PA: pa.ID, Member: member.ID, Rates: in.Rates, Role: validRole(&p, "role", in.Role)}
	e.Start = requireDate(&p, "start_date", in.Start)
	if strings.TrimSpace(in.End) != "" {
		if d, ok := ParseDate(strings.TrimSpace(in.End)); !ok {
			p.Add("end_date", FieldDate)
		} else if e.Start != "" && d.Before(e.Start) {
			p.Add("end_date", FieldEndBeforeStart)
		} else {
			e.End = d
		}
	}
	if pa.Status != PAActive {
		p.Add("pa_id", FieldPAIncomplete)
	}
	if e.Start != "" && pa.StartDate != "" && e.Start.Before(pa.StartDate) {
		p.Add("start_date", FieldBeforePAStart, "date", string(pa.StartDate))
	}
	if e.Start != "" && e.Start.Before(member.Entered) {
		p.Add("start_date", FieldDateBefore, "entered", string(member.Entered))
	}
	if member.Ceased != "" && (e.Start == "" || !e.Start.Before(member.Ceased)) {
		p.Add("member_id", FieldMemberCeased)
	}
	if e.Start != "" && len(p.Fields) == 0 {
		e.Warnings = checkRates(&p, pa, in.Rates, e.Start)
	} else {
		checkRates(&p, PA{}, in.Rates, "")
	}
	if err := p.Err("employment"); err != nil {
		return Employment{}, err
	}
	return e, nil
}

// checkRates checks rates paid from date on: each hourly rate within bounds
// and at least the minimum wage for the PA's age then (with no date or date
// of birth, only the bounds). A rate below the Real Living Wage is accepted
// with a warning: Welsh policy pays PAs at least that.
func checkRates(p *Problems, pa PA, r Rates, on Date) []string {
	var warnings []string
	hourly := map[string]int64{"rates.standard_pence": r.Standard, "rates.night_pence": r.Night, "rates.bank_holiday_pence": r.BankHoliday}
	for field, v := range hourly {
		if v <= 0 || v > maxRatePence {
			p.Add(field, FieldOutOfRange, "min", "1", "max", strconv.Itoa(maxRatePence))
		}
	}
	if r.SleepIn < 0 || r.SleepIn > 500_00 {
		p.Add("rates.sleep_in_pence", FieldOutOfRange, "min", "0", "max", "50000")
	}
	if on == "" || pa.DateOfBirth == "" || len(p.Fields) > 0 {
		return nil
	}
	wages, err := payroll.WageRatesOn(on.Time())
	if err != nil {
		p.Add("start_date", FieldOutOfRange, "min", "2025-04-01", "max", "2027-03-31")
		return nil
	}
	min, _ := wages.Minimum(payroll.WageBandFor(pa.DateOfBirth.Time(), on.Time(), false))
	for field, v := range hourly {
		switch {
		case v < min:
			p.Add(field, FieldBelowMinimumWage, "min", penceText(min))
		case v < wages.RealLivingWage && len(warnings) == 0:
			warnings = append(warnings, WarnBelowRealLivingWage)
		}
	}
	return warnings
}

// WarnMinimumWageRises: a minimum wage rise on the next 1 April will overtake
// a rate in force then; the admin enters the new rate from that date.
const WarnMinimumWageRises = "minimum_wage_rises"

// Uprating warns ahead of the next 1 April after today when the minimum wage
// for the PA's age then (where its rates are published) will be above a
// rate the employment would still pay: ok is false when nothing needs doing.
func (e Employment) Uprating(pa PA, today Date) (code string, params map[string]string, ok bool) {
	t := today.Time()
	april := time.Date(t.Year(), time.April, 1, 0, 0, 0, 0, time.UTC)
	if !t.Before(april) {
		april = april.AddDate(1, 0, 0)
	}
	on := Date(april.Format(DateLayout))
	wages, err := payroll.WageRatesOn(april)
	if err != nil || pa.DateOfBirth == "" || !e.Covers(on) {
		return "", nil, false // not yet published, or the employment ends before
	}
	min, _ := wages.Minimum(payroll.WageBandFor(pa.DateOfBirth.Time(), april, false))
	r := e.RatesOn(on)
	if r.Standard >= min && r.Night >= min && r.BankHoliday >= min {
		return "", nil, false
	}
	return WarnMinimumWageRises, map[string]string{"date": string(on), "min": penceText(min)}, true
}

// CheckOverlap refuses an employment of a PA for a member while another of
// theirs is in force on any of the same days: which rates apply must never
// be in doubt. The same employment again (a retried request) is not an
// overlap.
func (e Employment) CheckOverlap(others []Employment) error {
	var p Problems
	for _, o := range others {
		if o.ID != e.ID && o.PA == e.PA && o.Member == e.Member && o.Overlaps(e) {
			p.Add("start_date", FieldOverlapsEmployment, "id", o.ID)
			break
		}
	}
	return p.Err("employment")
}

// RateChangeInput is what an admin gives to change an employment's rates
// from a date.
type RateChangeInput struct {
	EffectiveFrom string `json:"effective_from"`
	Rates         Rates  `json:"rates"`
}

// Change applies new rates from a date inside the employment, checked as at
// hiring (the minimum wage on that date), and returns the employment with the
// change and its warnings. The same change again changes nothing.
func (in RateChangeInput) Change(e Employment, pa PA, id, by string, at time.Time) (Employment, error) {
	var p Problems
	c := RateChange{ID: id, Rates: in.Rates, RecordedBy: by, Recorded: at.UTC()}
	c.EffectiveFrom = requireDate(&p, "effective_from", in.EffectiveFrom)
	if c.EffectiveFrom != "" && !e.Covers(c.EffectiveFrom) {
		end := string(e.End)
		if end == "" {
			end = "…"
		}
		p.Add("effective_from", FieldOutsideEmployment, "start", string(e.Start), "end", end)
	}
	on := c.EffectiveFrom
	if len(p.Fields) > 0 {
		on = ""
	}
	warnings := checkRates(&p, pa, in.Rates, on)
	if err := p.Err("change rates"); err != nil {
		return Employment{}, err
	}
	for _, old := range e.RateChanges {
		if old.ID == id {
			return e, ErrUnchanged
		}
	}
	e.RateChanges = append(e.RateChanges, c)
	e.Warnings = warnings
	return e, nil
}

// EndInput is the last day of an employment.
type EndInput struct {
	Date string `json:"date"`
}

// End sets the employment's last day: not before it started.
func (in EndInput) End(e Employment) (Employment, error) {
	var p Problems
	d := requireDate(&p, "date", in.Date)
	if d != "" && d.Before(e.Start) {
		p.Add("date", FieldEndBeforeStart)
	}
	if err := p.Err("end employment"); err != nil {
		return Employment{}, err
	}
	if e.End == d {
		return e, ErrUnchanged
	}
	e.End = d
	return e, nil
}

// CarePlan records the weekly hours of support the council funds for a
// member; approved hours beyond it are flagged to the admin.
type CarePlan struct {
	Member        string    `json:"member_id"`
	WeeklyMinutes int64     `json:"weekly_minutes"`
	Updated       time.Time `json:"updated"`
	UpdatedBy     string    `json:"updated_by"`
}

// ValidateCarePlan checks the weekly minutes: a week has 10,080 of them.
func ValidateCarePlan(member string, weeklyMinutes int64, by string, now time.Time) (CarePlan, error) {
	var p Problems
	if weeklyMinutes < 0 || weeklyMinutes > 7*24*60 {
		p.Add("weekly_minutes", FieldOutOfRange, "min", "0", "max", "10080")
	}
	return CarePlan{Member: member, WeeklyMinutes: weeklyMinutes, Updated: now.UTC(), UpdatedBy: by}, p.Err("care plan")
}
