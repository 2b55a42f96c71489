package dpcoop

import (
	"strconv"
	"strings"
	"time"
)

// Activity is something the co-op's members do together (a trip, a class),
// on its calendar. Its cost, if any, is spending of the pool named, so the
// pool's members share it by the pool's own rule at month end.
type Activity struct {
	ID            string    `json:"id"`
	TitleEN       string    `json:"title_en"`
	TitleCY       string    `json:"title_cy"`
	DescriptionEN string    `json:"description_en"`
	DescriptionCY string    `json:"description_cy"`
	Start         time.Time `json:"starts_at"`
	End           time.Time `json:"ends_at"`
	Place         string    `json:"place"`
	AccessEN      string    `json:"access_en"`
	AccessCY      string    `json:"access_cy"`
	CostPence     int64     `json:"cost_pence"`
	Pool          string    `json:"pool_id,omitempty"`
	Cancelled     bool      `json:"cancelled"`
	// Spending is the pool spending that charged its cost, once charged.
	Spending  string    `json:"spending_id,omitempty"`
	Created   time.Time `json:"created"`
	CreatedBy string    `json:"created_by"`
	Version   int64     `json:"version"`
}

// ActivityInput is what an admin gives to put an activity on the calendar
// or change it. Times are local to Wales ("2026-12-20T10:00") or carry an
// offset (RFC 3339).
type ActivityInput struct {
	TitleEN       string `json:"title_en"`
	TitleCY       string `json:"title_cy"`
	DescriptionEN string `json:"description_en"`
	DescriptionCY string `json:"description_cy"`
	Start         string `json:"starts_at"`
	End           string `json:"ends_at"`
	Place         string `json:"place"`
	AccessEN      string `json:"access_en"`
	AccessCY      string `json:"access_cy"`
	CostPence     int64  `json:"cost_pence"`
	Pool          string `json:"pool_id"`
}

// Activity problem codes: a cancelled or charged activity cannot change
// that way; a shift or charge waits until it has started; a cost needs a
// pool to charge.
const (
	CodeActivityCancelled = "activity_cancelled"
	CodeActivityCharged   = "activity_already_charged"
	CodeActivityNotOver   = "activity_not_started"
	FieldPoolNeeded       = "pool_needed_for_cost"
)

// MaxActivityDays is how long one activity may last.
const MaxActivityDays = 14

// activityTime reads a time in Wales's zone, or with its own offset.
func activityTime(p *Problems, field, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		p.Add(field, FieldRequired)
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC()
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04", s, London); err == nil {
		return t.UTC()
	}
	p.Add(field, FieldDate)
	return time.Time{}
}

// Validate checks the activity: title and description in both languages,
// a start and a later end within MaxActivityDays, where, optional access
// notes, a cost that is a real amount and, when above nothing, a pool.
func (in ActivityInput) Validate(id, by string, now time.Time) (Activity, error) {
	var p Problems
	a := Activity{ID: id,
		TitleEN: requireName(&p, "title_en", in.TitleEN, MaxNameLen), TitleCY: requireName(&p, "title_cy", in.TitleCY, MaxNameLen),
		DescriptionEN: requireText(&p, "description_en", in.DescriptionEN, MaxReasonLen),
		DescriptionCY: requireText(&p, "description_cy", in.DescriptionCY, MaxReasonLen),
		Start:         activityTime(&p, "starts_at", in.Start), End: activityTime(&p, "ends_at", in.End),
		Place:    requireText(&p, "place", in.Place, MaxNameLen),
		AccessEN: optionalText(&p, "access_en", in.AccessEN, MaxReasonLen), AccessCY: optionalText(&p, "access_cy", in.AccessCY, MaxReasonLen),
		CostPence: in.CostPence, Pool: strings.TrimSpace(in.Pool), Created: now.UTC(), CreatedBy: by}
	if !a.Start.IsZero() && !a.End.IsZero() {
		switch {
		case !a.End.After(a.Start):
			p.Add("ends_at", FieldEndBeforeStart)
		case a.End.Sub(a.Start) > MaxActivityDays*24*time.Hour:
			p.Add("ends_at", FieldOutOfRange, "min", "1", "max", strconv.Itoa(MaxActivityDays))
		}
	}
	if in.CostPence < 0 || in.CostPence >= MaxAmountPence {
		p.Add("cost_pence", FieldOutOfRange, "min", "0", "max", strconv.Itoa(MaxAmountPence-1))
	}
	if in.CostPence > 0 && a.Pool == "" {
		p.Add("pool_id", FieldPoolNeeded)
	}
	if a.Pool != "" && !ValidID(a.Pool) {
		p.Add("pool_id", FieldChoice)
	}
	return a, p.Err("activity")
}

// Upcoming reports whether the activity is still to come (or under way)
// and not cancelled.
func (a Activity) Upcoming(now time.Time) bool { return !a.Cancelled && a.End.After(now) }

// Title is the activity's title in lang.
func (a Activity) Title(lang Lang) string {
	if lang == Welsh {
		return a.TitleCY
	}
	return a.TitleEN
}

// Description is the activity's description in lang.
func (a Activity) Description(lang Lang) string {
	if lang == Welsh {
		return a.DescriptionCY
	}
	return a.DescriptionEN
}

// Access is the activity's accessibility notes in lang.
func (a Activity) Access(lang Lang) string {
	if lang == Welsh {
		return a.AccessCY
	}
	return a.AccessEN
}

// Spend is the pool spending that charges the activity's cost to its pool,
// dated the day it starts, so the pooling step of that month shares it.
func (a Activity) Spend() SpendingInput {
	return SpendingInput{Amount: a.CostPence, Date: string(DateOf(a.Start)), Description: "activity " + a.ID + ": " + a.TitleEN}
}

// Attendance is one member's answer to whether they are coming.
type Attendance struct {
	Activity string    `json:"activity_id"`
	Member   string    `json:"member_id"`
	Coming   bool      `json:"coming"`
	At       time.Time `json:"at"`
}

// ActivityShift is the shared shift a PA works supporting the activity:
// its times in Wales, the members coming, charged to the activity's pool.
func (a Activity) ActivityShift(coming []string) ShiftInput {
	start, end := a.Start.In(London), a.End.In(London)
	in := ShiftInput{Date: start.Format(DateLayout), Start: start.Format(timeLayout), EndDate: end.Format(DateLayout),
		End: end.Format(timeLayout), Members: coming, Kind: string(ShiftStandard), Pool: a.Pool, Miles: "0",
		Notes: "activity " + a.ID}
	return in
}
