package dpcoop

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/apportion"
)

// ShiftKind is the kind of work a shift was, which decides its rate.
type ShiftKind string

// The kinds of shift. A standard or night shift on a bank holiday is paid at
// the bank-holiday rate whatever kind it was entered as.
const (
	ShiftStandard    ShiftKind = "standard"
	ShiftNight       ShiftKind = "night"
	ShiftSleepIn     ShiftKind = "sleep_in"
	ShiftBankHoliday ShiftKind = "bank_holiday"
)

// ShiftKinds are the kinds a shift may be, for validation and for the forms that offer them.
var ShiftKinds = []ShiftKind{ShiftStandard, ShiftNight, ShiftSleepIn, ShiftBankHoliday, ShiftHoliday}

// ShiftStatus is where a shift is on its way to pay.
type ShiftStatus string

// A PA drafts and submits; the member (or an admin) approves or rejects; a
// rejected shift can be corrected and submitted again.
const (
	ShiftDraft     ShiftStatus = "draft"
	ShiftSubmitted ShiftStatus = "submitted"
	ShiftApproved  ShiftStatus = "approved"
	ShiftRejected  ShiftStatus = "rejected"
)

// Limits on a shift.
const (
	MaxShiftMembers  = 10
	MaxShiftMinutes  = 24 * 60
	MaxMileageTenths = 10_000 // 1,000 miles in one shift
	WholeShare       = 10_000 // shares of a shift's cost are basis points
	timeLayout       = "15:04"
	MonthLayout      = "2006-01"
)

// ShiftMember is one member a shift supported, their share of its cost, and
// who approved it for them.
type ShiftMember struct {
	Member     string `json:"member_id"`
	Share      int64  `json:"share_bp"`
	ApprovedBy string `json:"approved_by,omitempty"`
}

// ShiftEvent is one step in a shift's history, kept for audit.
type ShiftEvent struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Action string    `json:"action"`
	Reason string    `json:"reason,omitempty"`
}

// Shift is a period a PA worked, for one member or (a shared shift) several.
type Shift struct {
	ID            string        `json:"id"`
	Coop          CoopID        `json:"-"`
	PA            string        `json:"pa_id"`
	Members       []ShiftMember `json:"members"`
	Date          Date          `json:"date"`
	StartTime     string        `json:"start"`
	EndDate       Date          `json:"end_date"`
	EndTime       string        `json:"end"`
	Start         time.Time     `json:"starts_at"`
	End           time.Time     `json:"ends_at"`
	Kind          ShiftKind     `json:"kind"`
	Pool          string        `json:"pool_id,omitempty"` // a shared shift charged to a pool, not its members
	MileageTenths int64         `json:"mileage_tenths"`
	Notes         string        `json:"notes,omitempty"`
	// PayMonth is set on late work: a shift found after its own month was
	// paid is paid, as back pay, in the first month still open.
	PayMonth string       `json:"pay_month,omitempty"`
	Status   ShiftStatus  `json:"status"`
	Reason   string       `json:"reason,omitempty"`
	Flags    []string     `json:"flags,omitempty"`
	History  []ShiftEvent `json:"history"`
	Version  int64        `json:"version"`
}

// Minutes is how long the shift lasted (a clock change is counted truly).
func (s Shift) Minutes() int64 { return int64(s.End.Sub(s.Start) / time.Minute) }

// Month is the pay month the shift belongs to: the month it started in, or
// for late work the later month it is paid in.
func (s Shift) Month() string {
	if s.PayMonth != "" {
		return s.PayMonth
	}
	return s.Date.Month()
}

// Late reports whether the shift is late work, paid after its own month.
func (s Shift) Late() bool { return s.PayMonth != "" && s.PayMonth != s.Date.Month() }

// PayMonthFor is where work on a day of month is paid: that month if its
// payroll is not final, otherwise the first later month that is not.
func PayMonthFor(month string, runs map[string]RunStatus) string {
	for runs[month] == RunFinal {
		month = NextMonth(month)
	}
	return month
}

// Overlaps reports whether two shifts share any time.
func (s Shift) Overlaps(o Shift) bool { return s.Start.Before(o.End) && o.Start.Before(s.End) }

// Supports reports whether member is one of the members the shift supported.
func (s Shift) Supports(member string) bool {
	return slices.ContainsFunc(s.Members, func(m ShiftMember) bool { return m.Member == member })
}

// PaidKind is the kind the shift is paid as: bank-holiday rate for standard
// and night work on a bank holiday.
func (s Shift) PaidKind() ShiftKind {
	if (s.Kind == ShiftStandard || s.Kind == ShiftNight) && IsBankHoliday(s.Date) {
		return ShiftBankHoliday
	}
	return s.Kind
}

// ShiftInput is what a PA enters for a shift.
type ShiftInput struct {
	Date    string      `json:"date"`
	Start   string      `json:"start"`
	End     string      `json:"end"`
	EndDate string      `json:"end_date"`
	Members []string    `json:"members"`
	Split   []int64     `json:"split"`
	Kind    string      `json:"kind"`
	Pool    string      `json:"pool_id"`
	Miles   json.Number `json:"miles"`
	Notes   string      `json:"notes"`
}

// spanOf reads when a shift (done or planned) is: its day, the day it ends
// (its own day when not given), and its start and end times in Wales, the
// end after the start and at most 24 hours later. ok says the span is whole
// and sound, for the checks against now that differ between the two.
func spanOf(p *Problems, date, endDate, startTime, endTime string) (day, endDay Date, startAt, endAt string, start, end time.Time, ok bool) {
	day = requireDate(p, "date", date)
	endDay = day
	if strings.TrimSpace(endDate) != "" {
		if d, good := ParseDate(strings.TrimSpace(endDate)); good {
			endDay = d
		} else {
			p.Add("end_date", FieldDate)
		}
	}
	startAt, endAt = strings.TrimSpace(startTime), strings.TrimSpace(endTime)
	from, okStart := localTime(p, "start", day, startAt)
	to, okEnd := localTime(p, "end", endDay, endAt)
	if !okStart || !okEnd || p.Has("end_date") {
		return day, endDay, startAt, endAt, time.Time{}, time.Time{}, false
	}
	switch {
	case !to.After(from):
		p.Add("end", FieldEndBeforeStart)
	case to.Sub(from) > MaxShiftMinutes*time.Minute:
		p.Add("end", FieldTooLongShift)
	default:
		return day, endDay, startAt, endAt, from.UTC(), to.UTC(), true
	}
	return day, endDay, startAt, endAt, from.UTC(), to.UTC(), false
}

// Validate checks a shift on its own: real dates and times, end after start,
// at most 24 hours, not in the future, a known kind, the members and their
// split, mileage. Checks against other records (employments, overlaps) are
// CheckAgainst's.
func (in ShiftInput) Validate(now time.Time) (Shift, error) {
	var p Problems
	s := Shift{Kind: ShiftKind(strings.TrimSpace(in.Kind)), Status: ShiftDraft}
	if s.Kind == "" {
		s.Kind = ShiftStandard
	} else if !slices.Contains(ShiftKinds, s.Kind) {
		p.Add("kind", FieldChoice)
	}
	var ok bool
	s.Date, s.EndDate, s.StartTime, s.EndTime, s.Start, s.End, ok = spanOf(&p, in.Date, in.EndDate, in.Start, in.End)
	if ok && s.End.After(now) && s.Kind != ShiftHoliday { // leave is asked for ahead
		p.Add("end", FieldDateFuture)
	}
	s.Members = shiftMembers(&p, in.Members, in.Split)
	if s.Pool = strings.TrimSpace(in.Pool); s.Pool != "" && !ValidID(s.Pool) {
		p.Add("pool_id", FieldInvalid)
	}
	s.MileageTenths = tenths(&p, "miles", in.Miles)
	s.Notes = optionalText(&p, "notes", in.Notes, MaxNotesLen)
	s.checkLeave(&p, now)
	if err := p.Err("shift"); err != nil {
		return Shift{}, err
	}
	return s, nil
}

// localTime reads "HH:MM" on a UK date, refusing times a clock change skips.
func localTime(p *Problems, field string, d Date, hm string) (time.Time, bool) {
	if hm == "" {
		p.Add(field, FieldRequired)
		return time.Time{}, false
	}
	clock, err := time.Parse(timeLayout, hm)
	if err != nil || clock.Format(timeLayout) != hm {
		p.Add(field, FieldTime)
		return time.Time{}, false
	}
	if d == "" {
		return time.Time{}, false
	}
	day := d.Time()
	t := time.Date(day.Year(), day.Month(), day.Day(), clock.Hour(), clock.Minute(), 0, 0, London)
	if t.Format(timeLayout) != hm {
		p.Add(field, FieldTime) // 01:30 on the night the clocks go forward does not exist
		return time.Time{}, false
	}
	return t, true
}

func shiftMembers(p *Problems, ids []string, split []int64) []ShiftMember {
	switch {
	case len(ids) == 0:
		p.Add("members", FieldRequired)
		return nil
	case len(ids) > MaxShiftMembers:
		p.Add("members", FieldTooMany, "max", strconv.Itoa(MaxShiftMembers))
		return nil
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if !ValidID(id) || seen[id] {
			p.Add("members", FieldInvalid)
			return nil
		}
		seen[id] = true
	}
	weights := split
	if len(split) == 0 {
		weights = slices.Repeat([]int64{1}, len(ids))
	} else if len(split) != len(ids) || slices.ContainsFunc(split, func(w int64) bool { return w <= 0 || w > WholeShare }) {
		p.Add("split", FieldSplit)
		return nil
	}
	shares, err := apportion.Split(WholeShare, weights)
	if err != nil {
		p.Add("split", FieldSplit)
		return nil
	}
	out := make([]ShiftMember, len(ids))
	for i, id := range ids {
		out[i] = ShiftMember{Member: id, Share: shares[i]}
	}
	return out
}

// tenths reads miles with at most one decimal place, exactly.
func tenths(p *Problems, field string, n json.Number) int64 {
	s := strings.TrimSpace(string(n))
	if s == "" {
		return 0
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if hasFrac && len(frac) != 1 {
		p.Add(field, FieldMiles)
		return 0
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	f := int64(0)
	if hasFrac {
		f, err = strconv.ParseInt(frac, 10, 64)
	}
	v := w*10 + f
	if err != nil || w < 0 || w > MaxMileageTenths/10 || v > MaxMileageTenths || strings.HasPrefix(frac, "-") {
		p.Add(field, FieldMiles)
		return 0
	}
	return v
}

// CheckAgainst checks a shift against the co-op's records: each member must be
// one the PA is employed for on the shift's date, and the PA must not have
// another shift (not rejected) at the same time.
func (s Shift) CheckAgainst(employments []Employment, others []Shift) error {
	var p Problems
	for _, m := range s.Members {
		if !slices.ContainsFunc(employments, func(e Employment) bool {
			return e.PA == s.PA && e.Member == m.Member && e.Covers(s.Date)
		}) {
			p.Add("members", FieldNotEmployed)
			break
		}
	}
	for _, o := range others {
		if o.ID != s.ID && o.Status != ShiftRejected && s.Overlaps(o) {
			p.Add("start", FieldOverlap)
			break
		}
	}
	return p.Err("check shift")
}

// CheckMembership checks the shift against the register: every member it
// supported must have been a member on its date, not before they entered the
// register nor from the day they ceased. A member who ceased after the date
// is still paid for. Members missing from the list are CheckAgainst's (they
// have no employment).
func (s Shift) CheckMembership(members []Member) error {
	var p Problems
	for _, m := range members {
		if s.Supports(m.ID) && !m.Active(s.Date) {
			p.Add("members", FieldNotMemberOnDate, "date", string(s.Date))
			break
		}
	}
	return p.Err("check shift")
}

// WeekOf is the Monday of the week containing d, the week care plans count.
func WeekOf(d Date) Date {
	t := d.Time()
	back := (int(t.Weekday()) + 6) % 7
	return Date(t.AddDate(0, 0, -back).Format(DateLayout))
}

// ShiftLine is the part of a shift one member pays for: their share of its
// minutes at their agreed rate (or, for a sleep-in, their share of the flat
// amount).
type ShiftLine struct {
	Member  string
	Kind    ShiftKind
	Minutes int64
	Rate    int64
	Share   int64
}

// Lines splits a shift between its members exactly: the minutes by their
// shares, each at the rate of their own employment with the PA.
func (s Shift) Lines(rates func(member string) Rates) []ShiftLine {
	shares := make([]int64, len(s.Members))
	for i, m := range s.Members {
		shares[i] = m.Share
	}
	minutes, _ := apportion.Split(s.Minutes(), shares) // shares are validated positive
	kind := s.PaidKind()
	out := make([]ShiftLine, len(s.Members))
	for i, m := range s.Members {
		r := rates(m.Member)
		rate := map[ShiftKind]int64{ShiftStandard: r.Standard, ShiftNight: r.Night, ShiftSleepIn: r.SleepIn, ShiftBankHoliday: r.BankHoliday}[kind]
		out[i] = ShiftLine{Member: m.Member, Kind: kind, Minutes: minutes[i], Rate: rate, Share: m.Share}
	}
	return out
}

// PaidLines are the shift's lines at the rates in force on its date under
// the PA's employments.
func (s Shift) PaidLines(emps []Employment) []ShiftLine {
	return s.Lines(RatesFor(emps, s.PA, s.Date))
}

// Pay is what the line earns: minutes at an hourly rate rounded up to the
// penny (in the PA's favour, as the payroll engine does), or the share of a
// sleep-in's flat amount.
func (l ShiftLine) Pay() int64 {
	if l.Kind == ShiftSleepIn {
		return ceilDiv(l.Rate*l.Share, WholeShare)
	}
	return ceilDiv(l.Minutes*l.Rate, 60)
}

func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }

// ErrUnchanged tells a store's update that nothing needs writing: the change
// asked for is already there (a repeated approval, say).
var ErrUnchanged = errors.New("unchanged")

func shiftState(op string) error { return E(op, KindConflict, CodeShiftState) }

func (s *Shift) record(by, action, reason string, at time.Time) {
	s.History = append(s.History, ShiftEvent{At: at.UTC(), By: by, Action: action, Reason: reason})
}

// Edit replaces what the PA entered, while the shift is a draft or was
// rejected; a rejected shift becomes a draft again.
func (s Shift) Edit(in Shift, by string, at time.Time) (Shift, error) {
	if s.Status != ShiftDraft && s.Status != ShiftRejected {
		return Shift{}, shiftState("edit shift")
	}
	in.ID, in.Coop, in.PA, in.History, in.Version, in.Flags = s.ID, s.Coop, s.PA, s.History, s.Version, nil
	in.Status = ShiftDraft
	in.record(by, "edited", "", at)
	return in, nil
}

// Submit sends the shift to the members it supported for approval.
func (s Shift) Submit(by string, at time.Time) (Shift, error) {
	switch s.Status {
	case ShiftSubmitted:
		return s, ErrUnchanged
	case ShiftDraft, ShiftRejected:
	default:
		return Shift{}, shiftState("submit shift")
	}
	s.Status, s.Reason = ShiftSubmitted, ""
	for i := range s.Members {
		s.Members[i].ApprovedBy = ""
	}
	s.record(by, "submitted", "", at)
	return s, nil
}

// Approve records an approval: an admin approves the whole shift; a member
// approves their own part, and a shared shift is approved when every member
// has. Approving again is a repeat, not a second approval.
func (s Shift) Approve(p Principal, at time.Time) (Shift, error) {
	admin := p.Has(RoleAdmin)
	if s.Status == ShiftApproved {
		return s, ErrUnchanged
	}
	if s.Status != ShiftSubmitted {
		return Shift{}, shiftState("approve shift")
	}
	changed := false
	for i, m := range s.Members {
		if m.ApprovedBy == "" && (admin || m.Member == p.Person) {
			s.Members[i].ApprovedBy, changed = p.Person, true
		}
	}
	if !changed {
		return s, ErrUnchanged
	}
	s.record(p.Person, "approved", "", at)
	if !slices.ContainsFunc(s.Members, func(m ShiftMember) bool { return m.ApprovedBy == "" }) {
		s.Status = ShiftApproved
	}
	return s, nil
}

// Reject sends the shift back to the PA with a reason they can act on. A
// member may reject a submitted shift; an admin also an approved one that has
// not been paid.
func (s Shift) Reject(p Principal, reason string, at time.Time) (Shift, error) {
	if s.Status == ShiftRejected && s.Reason == reason {
		return s, ErrUnchanged
	}
	if s.Status != ShiftSubmitted && !(s.Status == ShiftApproved && p.Has(RoleAdmin)) {
		return Shift{}, shiftState("reject shift")
	}
	s.Status, s.Reason = ShiftRejected, reason
	s.record(p.Person, "rejected", reason, at)
	return s, nil
}

// SeesOnlyOwnSupport reports whether a caller sees only the shifts done for
// them and their own share of each (a member who is neither an admin nor a
// PA: VisibleTo, MonthFor), so their shifts are read by member.
func (p Principal) SeesOnlyOwnSupport() bool { return !p.HasAny(RoleAdmin, RolePA) }

// VisibleTo reports whether a caller may see the shift: an admin all of the
// co-op's, a PA their own, a member those done for them.
func (s Shift) VisibleTo(p Principal) bool {
	return p.Has(RoleAdmin) || (p.Has(RolePA) && s.PA == p.Person) || (p.Has(RoleMember) && s.Supports(p.Person))
}
