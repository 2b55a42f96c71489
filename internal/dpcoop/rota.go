package dpcoop

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The rota (docs/cover.md): shifts planned ahead, so that when a shift's PA
// is sick, on leave or says they cannot do it, the member and the admins can
// see who could cover it and ask them; the first to accept takes it. A
// planned shift is not work done: the PA who works it records it as a shift
// (shift.go) afterwards, as any other.

// Field and error codes of the rota, bilingual in internal/messages.
const (
	FieldPlanInPast      = "planned_shift_in_past"
	FieldPlanTooFarAhead = "planned_shift_too_far_ahead"
	FieldNotACandidate   = "not_a_cover_candidate"
	FieldNoCandidates    = "no_cover_candidates"
	CodePlanCancelled    = "planned_shift_cancelled"
	CodeShiftCovered     = "shift_already_covered"
	CodeNoCoverNeeded    = "cover_not_needed"
	CodeNotAskedToCover  = "not_asked_to_cover"
)

// MaxPlanAheadDays is how far ahead a shift may be planned: a year, as
// leave may be asked for.
const MaxPlanAheadDays = MaxHolidayAheadDays

// Why a planned shift needs cover. Only admins and the shift's own PA are
// told which: a member sees only that it needs cover.
const (
	AwaySick    = "sick"
	AwayHoliday = "holiday"
	AwayCannot  = "cannot"
)

// Why a PA is offered as cover, said to the member in plain words.
const (
	ReasonSupportsMember = "supports_member"
	ReasonWillingToCover = "willing_to_cover"
)

// PlannedShift is a shift on the rota: who is to work it, for whom and
// when, and what has happened to it since (said they cannot, asked for
// cover, covered, cancelled).
type PlannedShift struct {
	ID        string    `json:"id"`
	Coop      CoopID    `json:"-"`
	PA        string    `json:"pa_id"`
	Members   []string  `json:"members"`
	Date      Date      `json:"date"`
	StartTime string    `json:"start"`
	EndDate   Date      `json:"end_date"`
	EndTime   string    `json:"end"`
	Start     time.Time `json:"starts_at"`
	End       time.Time `json:"ends_at"`
	Kind      ShiftKind `json:"kind"`
	Notes     string    `json:"notes,omitempty"`
	PlannedBy string    `json:"planned_by"`
	Planned   time.Time `json:"planned"`
	// Cannot is set when the PA, or an admin for them, said the PA cannot
	// work it; its reason is kept for admins only.
	Cannot *CannotWork `json:"cannot,omitempty"`
	// Request is the cover request sent out, if any.
	Request *CoverRequest `json:"cover_request,omitempty"`
	// CoveredBy is the PA who accepted the cover request first: they work
	// the shift instead.
	CoveredBy string    `json:"covered_by,omitempty"`
	Covered   time.Time `json:"covered,omitzero"`
	Cancelled time.Time `json:"cancelled,omitzero"`
	// Version advances with each change, for the store's conditional write.
	Version int64 `json:"version"`
}

// CannotWork is a PA's word that they cannot work a planned shift.
type CannotWork struct {
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason,omitempty"`
}

// CoverRequest is who was asked to cover a shift, by whom and when, and who
// said no.
type CoverRequest struct {
	ID       string    `json:"id"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
	Asked    []string  `json:"asked"`
	Declined []string  `json:"declined,omitempty"`
}

// PlannedShiftInput is what a member (for themself) or an admin gives to
// plan a shift.
type PlannedShiftInput struct {
	PA      string   `json:"pa_id"`
	Members []string `json:"members"`
	Date    string   `json:"date"`
	Start   string   `json:"start"`
	End     string   `json:"end"`
	EndDate string   `json:"end_date"`
	Kind    string   `json:"kind"`
	Notes   string   `json:"notes"`
}

// plannable are the kinds a planned shift may be: work, not leave.
var plannable = []ShiftKind{ShiftStandard, ShiftNight, ShiftSleepIn, ShiftBankHoliday}

// Validate checks a planned shift on its own: a PA and members, real times,
// end after start, at most 24 hours, starting after now and within a year,
// a kind of work. Its PA's employments and other shifts are CheckAgainst's.
func (in PlannedShiftInput) Validate(by string, now time.Time) (PlannedShift, error) {
	var p Problems
	ps := PlannedShift{PA: strings.TrimSpace(in.PA), Kind: ShiftKind(strings.TrimSpace(in.Kind)), PlannedBy: by, Planned: now.UTC()}
	if ps.PA == "" {
		p.Add("pa_id", FieldRequired)
	} else if !ValidID(ps.PA) {
		p.Add("pa_id", FieldInvalid)
	}
	if ps.Kind == "" {
		ps.Kind = ShiftStandard
	} else if !slices.Contains(plannable, ps.Kind) {
		p.Add("kind", FieldChoice)
	}
	var ok bool
	ps.Date, ps.EndDate, ps.StartTime, ps.EndTime, ps.Start, ps.End, ok = spanOf(&p, in.Date, in.EndDate, in.Start, in.End)
	switch {
	case !ok:
	case !ps.Start.After(now):
		p.Add("date", FieldPlanInPast)
	case ps.Start.After(now.AddDate(0, 0, MaxPlanAheadDays)):
		p.Add("date", FieldPlanTooFarAhead, "max_days", strconv.Itoa(MaxPlanAheadDays))
	}
	ps.Members = planMembers(&p, in.Members)
	ps.Notes = optionalText(&p, "notes", in.Notes, MaxNotesLen)
	if err := p.Err("plan shift"); err != nil {
		return PlannedShift{}, err
	}
	return ps, nil
}

func planMembers(p *Problems, ids []string) []string {
	switch {
	case len(ids) == 0:
		p.Add("members", FieldRequired)
		return nil
	case len(ids) > MaxShiftMembers:
		p.Add("members", FieldTooMany, "max", strconv.Itoa(MaxShiftMembers))
		return nil
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id = strings.TrimSpace(id); !ValidID(id) || slices.Contains(out, id) {
			p.Add("members", FieldInvalid)
			return nil
		}
		out = append(out, id)
	}
	return out
}

// Worker is the PA who is to work the shift now: whoever covered it, or
// the PA it was planned for.
func (ps PlannedShift) Worker() string { return cmp.Or(ps.CoveredBy, ps.PA) }

// Open reports whether the shift still stands: not cancelled.
func (ps PlannedShift) Open() bool { return ps.Cancelled.IsZero() }

// For reports whether member is one the shift supports.
func (ps PlannedShift) For(member string) bool { return slices.Contains(ps.Members, member) }

// overlaps reports whether the planned shift shares time with [start, end).
func (ps PlannedShift) overlaps(start, end time.Time) bool {
	return ps.Start.Before(end) && start.Before(ps.End)
}

// days are the dates the shift touches: its date and, past midnight, the
// next.
func (ps PlannedShift) days() []Date {
	if ps.EndDate != "" && ps.EndDate != ps.Date {
		return []Date{ps.Date, ps.EndDate}
	}
	return []Date{ps.Date}
}

// employedFor reports whether pa has an employment with every member of
// the shift in force on its date: only then can the co-op pay them for it
// (Shift.CheckAgainst refuses the recorded shift otherwise).
func (ps PlannedShift) employedFor(pa string, emps []Employment) bool {
	for _, m := range ps.Members {
		if !slices.ContainsFunc(emps, func(e Employment) bool { return e.PA == pa && e.Member == m && e.Covers(ps.Date) }) {
			return false
		}
	}
	return true
}

// CheckAgainst checks a planned shift against the co-op's records: its PA
// must be employed for each member on its date, and not planned for another
// shift (not cancelled) at the same time.
func (ps PlannedShift) CheckAgainst(emps []Employment, others []PlannedShift) error {
	var p Problems
	if !ps.employedFor(ps.PA, emps) {
		p.Add("pa_id", FieldNotEmployed)
	}
	for _, o := range others {
		if o.ID != ps.ID && o.Open() && o.Worker() == ps.PA && o.overlaps(ps.Start, ps.End) {
			p.Add("start", FieldOverlap)
			break
		}
	}
	return p.Err("plan shift")
}

// Away is a spell a PA is away: sick, or on leave they asked for. Only
// admins and the PA themself are told which.
type Away struct {
	PA    string `json:"-"`
	First Date   `json:"-"`
	Last  Date   `json:"-"` // empty: still away (an open sickness)
	Why   string `json:"-"`
}

// AwaySpells are a PA's spells away: their sickness absences from their pay
// history, and their leave (holiday shifts submitted or approved).
func AwaySpells(pa string, h PayHistory, shifts []Shift) []Away {
	var out []Away
	for _, a := range h.Sickness {
		out = append(out, Away{PA: pa, First: a.FirstDay, Last: a.LastDay, Why: AwaySick})
	}
	for _, s := range shifts {
		if s.PA == pa && s.Kind == ShiftHoliday && (s.Status == ShiftSubmitted || s.Status == ShiftApproved) {
			out = append(out, Away{PA: pa, First: s.Date, Last: s.EndDate, Why: AwayHoliday})
		}
	}
	return out
}

// awayOn is why pa is away on any of days, or "".
func awayOn(pa string, away []Away, days []Date) string {
	for _, a := range away {
		if a.PA != pa {
			continue
		}
		for _, d := range days {
			if !d.Before(a.First) && (a.Last == "" || !a.Last.Before(d)) {
				return a.Why
			}
		}
	}
	return ""
}

// NeedsCover is why a planned shift needs cover, or "" if it does not: it
// stands, nobody has covered it yet, and its PA said they cannot work it
// or is away (sick or on leave) on a day it touches.
func (ps PlannedShift) NeedsCover(away []Away) string {
	if !ps.Open() || ps.CoveredBy != "" {
		return ""
	}
	if ps.Cannot != nil {
		return AwayCannot
	}
	return awayOn(ps.PA, away, ps.days())
}

// CoverFacts are what decides whether one PA could cover a shift: their
// record, employments, whether they said they are willing to cover, their
// right-to-work checks, spells away, planned and recorded shifts.
type CoverFacts struct {
	PA          PA
	Employments []Employment
	Willing     bool
	Left        Date // the day they left the co-op's employment, if they have
	Recruitment Recruitment
	Away        []Away
	Planned     []PlannedShift
	Shifts      []Shift
}

// Candidate is a PA who could cover a shift, with why they are offered.
// EmploymentNeeded says the co-op must add an employment for the member
// before the PA can be paid for the shift (docs/cover.md).
type Candidate struct {
	PA               string   `json:"pa_id"`
	Name             string   `json:"name"`
	Reasons          []string `json:"reasons"`
	EmploymentNeeded bool     `json:"employment_needed"`
}

// CoverCandidates are the PAs who could cover ps: each already supports its
// members (an employment with each on its date) or said they are willing to
// cover, and is free: an active record, not left, a right-to-work check
// covering the date, not away on a day it touches, and no planned or recorded shift at
// the same time. The shift's own PA is never offered. Names are first
// names: a member sees no more of another member's PAs.
func CoverCandidates(ps PlannedShift, facts []CoverFacts) []Candidate {
	out := []Candidate{}
	for _, f := range facts {
		if c, ok := ps.candidate(f); ok {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int { return strings.Compare(a.Name+a.PA, b.Name+b.PA) })
	return out
}

func (ps PlannedShift) candidate(f CoverFacts) (Candidate, bool) {
	id := f.PA.ID
	c := Candidate{PA: id, Name: FirstName(f.PA.LegalName)}
	if id == ps.PA || f.PA.Status != PAActive || f.Left != "" {
		return c, false
	}
	if ps.employedFor(id, f.Employments) {
		c.Reasons = append(c.Reasons, ReasonSupportsMember)
	}
	if f.Willing {
		c.Reasons = append(c.Reasons, ReasonWillingToCover)
	}
	c.EmploymentNeeded = !slices.Contains(c.Reasons, ReasonSupportsMember)
	if len(c.Reasons) == 0 || !f.Recruitment.RightToWorkOn(ps.Date) || awayOn(id, f.Away, ps.days()) != "" {
		return c, false
	}
	if slices.ContainsFunc(f.Planned, func(o PlannedShift) bool {
		return o.ID != ps.ID && o.Open() && o.Worker() == id && o.overlaps(ps.Start, ps.End)
	}) {
		return c, false
	}
	if slices.ContainsFunc(f.Shifts, func(s Shift) bool {
		return s.PA == id && s.Status != ShiftRejected && !s.Kind.Leave() && s.Start.Before(ps.End) && ps.Start.Before(s.End)
	}) {
		return c, false
	}
	return c, true
}

// SayCannot records that the PA cannot work the shift; the same word again
// changes nothing.
func (ps PlannedShift) SayCannot(by, reason string, at time.Time) (PlannedShift, error) {
	const op = "say cannot work"
	var p Problems
	reason = optionalText(&p, "reason", reason, MaxNotesLen)
	if err := p.Err(op); err != nil {
		return PlannedShift{}, err
	}
	if err := ps.standing(op); err != nil {
		return PlannedShift{}, err
	}
	if ps.Cannot != nil {
		return ps, ErrUnchanged
	}
	ps.Cannot = &CannotWork{By: by, At: at.UTC(), Reason: reason}
	return ps, nil
}

// standing refuses a change to a shift cancelled or already covered.
func (ps PlannedShift) standing(op string) error {
	switch {
	case !ps.Open():
		return E(op, KindConflict, CodePlanCancelled)
	case ps.CoveredBy != "":
		return E(op, KindConflict, CodeShiftCovered)
	}
	return nil
}

// Cancel takes the shift off the rota; cancelling again changes nothing.
func (ps PlannedShift) Cancel(at time.Time) (PlannedShift, error) {
	if !ps.Open() {
		return ps, ErrUnchanged
	}
	ps.Cancelled = at.UTC()
	return ps, nil
}

// AskForCover sends a cover request to the chosen candidates (none chosen:
// all of them). The shift must need cover (why, from NeedsCover) and each
// chosen PA must be a candidate. PAs asked before stay asked; the same
// request again (its id) changes nothing.
func (ps PlannedShift) AskForCover(why string, candidates []Candidate, chosen []string, id, by string, at time.Time) (PlannedShift, error) {
	const op = "ask for cover"
	if err := ps.standing(op); err != nil {
		return PlannedShift{}, err
	}
	if ps.Request != nil && ps.Request.ID == id {
		return ps, ErrUnchanged
	}
	if why == "" {
		return PlannedShift{}, E(op, KindConflict, CodeNoCoverNeeded)
	}
	var p Problems
	offered := make([]string, len(candidates))
	for i, c := range candidates {
		offered[i] = c.PA
	}
	if len(chosen) == 0 {
		chosen = offered
	}
	if len(chosen) == 0 {
		p.Add("pa_ids", FieldNoCandidates)
	}
	for _, c := range chosen {
		if !slices.Contains(offered, c) {
			p.Add("pa_ids", FieldNotACandidate)
			break
		}
	}
	if err := p.Err(op); err != nil {
		return PlannedShift{}, err
	}
	r := CoverRequest{ID: id, By: by, At: at.UTC()}
	if ps.Request != nil {
		r.Asked, r.Declined = slices.Clone(ps.Request.Asked), slices.Clone(ps.Request.Declined)
	}
	for _, c := range chosen {
		if !slices.Contains(r.Asked, c) {
			r.Asked = append(r.Asked, c)
		}
		r.Declined = slices.DeleteFunc(r.Declined, func(d string) bool { return d == c })
	}
	ps.Request = &r
	return ps, nil
}

// Asked reports whether pa was asked to cover the shift.
func (ps PlannedShift) Asked(pa string) bool {
	return ps.Request != nil && slices.Contains(ps.Request.Asked, pa)
}

// Accept gives the shift to pa, asked to cover it, if nobody took it first;
// the winner accepting again is answered the same (ErrUnchanged), anyone
// else is told it is already covered.
func (ps PlannedShift) Accept(pa string, at time.Time) (PlannedShift, error) {
	const op = "accept cover"
	if ps.CoveredBy == pa && pa != "" {
		return ps, ErrUnchanged
	}
	if !ps.Asked(pa) {
		return PlannedShift{}, E(op, KindNotFound, CodeNotAskedToCover)
	}
	if err := ps.standing(op); err != nil {
		return PlannedShift{}, err
	}
	ps.CoveredBy, ps.Covered = pa, at.UTC()
	return ps, nil
}

// Decline records that pa, asked to cover, will not; again changes nothing.
func (ps PlannedShift) Decline(pa string) (PlannedShift, error) {
	const op = "decline cover"
	if !ps.Asked(pa) {
		return PlannedShift{}, E(op, KindNotFound, CodeNotAskedToCover)
	}
	if err := ps.standing(op); err != nil {
		return PlannedShift{}, err
	}
	if slices.Contains(ps.Request.Declined, pa) {
		return ps, ErrUnchanged
	}
	r := *ps.Request
	r.Declined = append(slices.Clone(r.Declined), pa)
	ps.Request = &r
	return ps, nil
}

// Role a caller has towards a planned shift, which decides what they see.
const (
	RotaAdmin  = "admin"
	RotaMember = "member"
	RotaPA     = "pa"    // the PA it was planned for, or who covers it
	RotaAsked  = "asked" // a PA asked to cover it
)

// RotaRole is how p stands to the shift, or "" if they may not see it (to
// them it does not exist).
func (ps PlannedShift) RotaRole(p Principal) string {
	switch {
	case p.Has(RoleAdmin):
		return RotaAdmin
	case p.Has(RolePA) && (ps.PA == p.Person || ps.CoveredBy == p.Person):
		return RotaPA
	case p.Has(RoleMember) && ps.For(p.Person):
		return RotaMember
	case p.Has(RolePA) && ps.Asked(p.Person):
		return RotaAsked
	}
	return ""
}

// SeenAs is the shift as someone in role sees it: the reason a PA gave for
// not working it is for admins only, and a PA asked to cover sees neither
// who else was asked nor who said no.
func (ps PlannedShift) SeenAs(role string, viewer string) PlannedShift {
	if ps.Cannot != nil && role != RotaAdmin {
		c := *ps.Cannot
		c.Reason = ""
		ps.Cannot = &c
	}
	if ps.Request != nil && role == RotaAsked {
		r := *ps.Request
		r.Asked, r.Declined = []string{viewer}, slices.DeleteFunc(slices.Clone(r.Declined), func(d string) bool { return d != viewer })
		ps.Request = &r
	}
	return ps
}
