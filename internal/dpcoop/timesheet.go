package dpcoop

import (
	"slices"
	"sort"
)

// ShiftMembers is what a shift is checked against for its members, read
// together: their register entries and, for an approval, each one's care
// plan and approved support in the shift's week.
type ShiftMembers struct {
	// Register holds the entries of the members on the register, in the
	// shift's order (CheckMembership's list).
	Register []Member
	// Plans are the care plans by member; a member with none is absent.
	Plans map[string]CarePlan
	// Approved is each member's approved support in the week, in minutes
	// (ApprovedSupport added up; none kept is none).
	Approved map[string]int64
	// Recruitment is the shift's PA's safe-recruitment record, for the
	// right-to-work check, read with the rest when the PA is asked for.
	Recruitment Recruitment
}

// OverCarePlan reports whether approving s takes any of its members past the
// weekly minutes their care plan funds (plans by member; a member with none
// has no limit), given the approved support of s's week, Monday to Sunday,
// as kept for each member (approved: ApprovedSupport added up, s's own
// included if it is approved already). Leave is not support a care plan
// funds.
func OverCarePlan(s Shift, plans map[string]CarePlan, approved map[string]int64) bool {
	if s.Kind.Leave() {
		return false
	}
	own := ApprovedSupport(s)
	for _, m := range s.Members {
		plan, ok := plans[m.Member]
		if !ok {
			continue
		}
		if approved[m.Member]-own[m.Member]+s.MinutesFor(m.Member) > plan.WeeklyMinutes {
			return true
		}
	}
	return false
}

// ApprovedSupport is the minutes of support s counts towards each of its
// members' week (WeekOf its date) for their care plan: its minutes for
// each while it is approved and not leave, otherwise none. Keeping these
// added up per member and week lets an approval check the week without
// reading its shifts.
func ApprovedSupport(s Shift) map[string]int64 {
	out := map[string]int64{}
	if s.Status != ShiftApproved || s.Kind.Leave() {
		return out
	}
	for _, m := range s.Members {
		out[m.Member] += s.MinutesFor(m.Member)
	}
	return out
}

// MinutesFor is the minutes of s that supported member.
func (s Shift) MinutesFor(member string) int64 {
	for _, l := range s.Lines(func(string) Rates { return Rates{} }) {
		if l.Member == member {
			return l.Minutes
		}
	}
	return 0
}

// ShiftFilter narrows a month's shifts by status, PA and member (each
// optional).
type ShiftFilter struct {
	Status ShiftStatus
	PA     string
	Member string
}

// ShiftTotal is hours and pay for one PA or one member over a month.
type ShiftTotal struct {
	ID      string `json:"id"`
	Shifts  int    `json:"shifts"`
	Minutes int64  `json:"minutes"`
	Pay     int64  `json:"pay_pence"`
}

// ShiftMonth is a month's shifts as one reader may see them, with totals
// of hours and pay by PA and by member, and each shift's pay (for a member,
// their own share only).
type ShiftMonth struct {
	Month    string           `json:"month"`
	Items    []Shift          `json:"items"`
	ByPA     []ShiftTotal     `json:"-"`
	ByMember []ShiftTotal     `json:"-"`
	Pay      map[string]int64 `json:"-"`
}

// MonthFor is the shifts of a month that p may see and the filter keeps,
// priced at the employments' rates.
func MonthFor(p Principal, month string, all []Shift, emps []Employment, f ShiftFilter) ShiftMonth {
	out := ShiftMonth{Month: month, Items: []Shift{}, Pay: map[string]int64{}}
	byPA, byMember := map[string]*ShiftTotal{}, map[string]*ShiftTotal{}
	tally := func(m map[string]*ShiftTotal, id string) *ShiftTotal {
		if m[id] == nil {
			m[id] = &ShiftTotal{ID: id}
		}
		return m[id]
	}
	for _, s := range all {
		if !s.VisibleTo(p) || (f.Status != "" && s.Status != f.Status) || (f.PA != "" && s.PA != f.PA) || (f.Member != "" && !s.Supports(f.Member)) {
			continue
		}
		out.Items = append(out.Items, s)
		pt := tally(byPA, s.PA)
		pt.Shifts++
		pt.Minutes += s.Minutes()
		for _, l := range s.PaidLines(emps) {
			if !p.HasAny(RoleAdmin, RolePA) && l.Member != p.Person {
				continue // a member sees only their own share of a shared shift
			}
			mt := tally(byMember, l.Member)
			mt.Shifts++
			mt.Minutes += l.Minutes
			mt.Pay += l.Pay()
			pt.Pay += l.Pay()
			out.Pay[s.ID] += l.Pay()
		}
	}
	sorted := func(m map[string]*ShiftTotal) []ShiftTotal {
		ts := make([]ShiftTotal, 0, len(m))
		for _, t := range m {
			ts = append(ts, *t)
		}
		sort.Slice(ts, func(i, j int) bool { return ts[i].ID < ts[j].ID })
		return ts
	}
	out.ByPA, out.ByMember = sorted(byPA), sorted(byMember)
	return out
}

// CheckPool refuses a shift charged to a pool unless every member it
// supports belonged to the pool on its date.
func (s Shift) CheckPool(members []PoolMember) error {
	for _, m := range s.Members {
		if !slices.ContainsFunc(members, func(pm PoolMember) bool {
			return pm.Member == m.Member && !s.Date.Before(pm.Joined) && (pm.Left == "" || !pm.Left.Before(s.Date))
		}) {
			var p Problems
			p.Add("pool_id", FieldNotInPool)
			return p.Err("check shift")
		}
	}
	return nil
}
