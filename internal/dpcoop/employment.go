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

// Employment links a PA to a member they support, with the agreed rates.
type Employment struct {
	ID       string   `json:"id"`
	Coop     CoopID   `json:"-"`
	PA       string   `json:"pa_id"`
	Member   string   `json:"member_id"`
	Rates    Rates    `json:"rates"`
	Start    Date     `json:"start_date"`
	End      Date     `json:"end_date,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

// Covers reports whether the employment is in force on d.
func (e Employment) Covers(d Date) bool {
	return !d.Before(e.Start) && (e.End == "" || !e.End.Before(d))
}

// EmploymentInput is what an admin gives to link a PA to a member.
type EmploymentInput struct {
	PA     string `json:"pa_id"`
	Member string `json:"member_id"`
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
	e := Employment{PA: pa.ID, Member: member.ID, Rates: in.Rates}
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
	hourly := map[string]int64{"rates.standard_pence": in.Rates.Standard, "rates.night_pence": in.Rates.Night, "rates.bank_holiday_pence": in.Rates.BankHoliday}
	for field, r := range hourly {
		if r <= 0 || r > maxRatePence {
			p.Add(field, FieldOutOfRange, "min", "1", "max", strconv.Itoa(maxRatePence))
		}
	}
	if in.Rates.SleepIn < 0 || in.Rates.SleepIn > 500_00 {
		p.Add("rates.sleep_in_pence", FieldOutOfRange, "min", "0", "max", "50000")
	}
	if e.Start != "" && pa.DateOfBirth != "" && len(p.Fields) == 0 {
		wages, err := payroll.WageRatesOn(e.Start.Time())
		if err != nil {
			p.Add("start_date", FieldOutOfRange, "min", "2025-04-01", "max", "2027-03-31")
		} else {
			min, _ := wages.Minimum(payroll.WageBandFor(pa.DateOfBirth.Time(), e.Start.Time(), false))
			for field, r := range hourly {
				switch {
				case r < min:
					p.Add(field, FieldBelowMinimumWage, "min", penceText(min))
				case r < wages.RealLivingWage && len(e.Warnings) == 0:
					e.Warnings = append(e.Warnings, WarnBelowRealLivingWage)
				}
			}
		}
	}
	if err := p.Err("employment"); err != nil {
		return Employment{}, err
	}
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
