// Package timesheets is the timesheet capability as an application service:
// PAs record shifts and ask for leave, members approve them, admins see the
// month; care plans set how much support a member's council funds a week.
// Each call takes the acting person, checks the shift against the register,
// the PA's employments, their other shifts, pools and leave through the
// domain (package dpcoop), and writes through the small interfaces below.
// The JSON API and the pages both call it.
package timesheets

import (
	"context"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Store is what the service reads and writes.
type Store interface {
	Coop(ctx context.Context, id dpcoop.CoopID) (dpcoop.Coop, error)
	Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error)
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	PayHistory(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.PayHistory, error)
	Employments(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Employment, error)
	PoolMembers(ctx context.Context, coop dpcoop.CoopID, pool string) ([]dpcoop.PoolMember, error)
	RunStatuses(ctx context.Context, coop dpcoop.CoopID) (map[string]dpcoop.RunStatus, error)
	SetCarePlan(ctx context.Context, coop dpcoop.CoopID, plan dpcoop.CarePlan) error
	CarePlan(ctx context.Context, coop dpcoop.CoopID, member string) (dpcoop.CarePlan, error)
	// ShiftMembers reads at once the register entries of a shift's members,
	// given the week's Monday their care plans and approved support
	// (dpcoop.ApprovedSupport added up, kept with each change of a shift),
	// and given its PA their right-to-work checks (recruitment.go).
	ShiftMembers(ctx context.Context, coop dpcoop.CoopID, members []string, week dpcoop.Date, pa string) (dpcoop.ShiftMembers, error)
	AddShift(ctx context.Context, coop dpcoop.CoopID, sh dpcoop.Shift) (dpcoop.Shift, error)
	Shift(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Shift, error)
	UpdateShift(ctx context.Context, coop dpcoop.CoopID, read dpcoop.Shift, change func(dpcoop.Shift) (dpcoop.Shift, error)) (dpcoop.Shift, error)
	ShiftsInMonth(ctx context.Context, coop dpcoop.CoopID, month string, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Shift], error)
	ShiftsOfPA(ctx context.Context, coop dpcoop.CoopID, pa string, from, to time.Time) ([]dpcoop.Shift, error)
	// ShiftsOfMember and EmploymentsOfMember read by member: a member's
	// month costs the same whatever the co-op's size and age.
	ShiftsOfMember(ctx context.Context, coop dpcoop.CoopID, member, month string) ([]dpcoop.Shift, error)
	EmploymentsOfMember(ctx context.Context, coop dpcoop.CoopID, member string) ([]dpcoop.Employment, error)
}

// Service answers for timesheets.
type Service struct {
	Store Store
}

// Record stores a draft shift (or a request for leave) of the PA signed in,
// under the id its request gives it (id returns it from the validated shift).
func (s *Service) Record(ctx context.Context, p dpcoop.Principal, in dpcoop.ShiftInput, id func(dpcoop.Shift) (string, error), now time.Time) (dpcoop.Shift, error) {
	sh, err := in.Validate(now)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	sh.PA = p.Person
	if sh.ID, err = id(sh); err != nil {
		return dpcoop.Shift{}, err
	}
	if sh, err = s.checked(ctx, p.Coop, sh, now); err != nil { // a repeat does not overlap itself
		return dpcoop.Shift{}, err
	}
	sh.History = []dpcoop.ShiftEvent{{At: now.UTC(), By: p.Person, Action: "created"}}
	return s.Store.AddShift(ctx, p.Coop, sh)
}

// checked is a new or corrected shift made ready to store: late work is paid
// in the first month still open, and it is checked against the register, the
// pool it is charged to, the PA's employments and other shifts, and the
// co-op's holiday mode.
func (s *Service) checked(ctx context.Context, coop dpcoop.CoopID, sh dpcoop.Shift, now time.Time) (dpcoop.Shift, error) {
	runs, err := s.Store.RunStatuses(ctx, coop)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	if m := dpcoop.PayMonthFor(sh.Date.Month(), runs); m != sh.Date.Month() {
		sh.PayMonth = m
	}
	members, err := s.shiftMembers(ctx, coop, sh, false)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	if err := sh.CheckMembership(members.Register); err != nil {
		return dpcoop.Shift{}, err
	}
	if sh.Pool != "" {
		members, err := s.Store.PoolMembers(ctx, coop, sh.Pool)
		if err != nil {
			return dpcoop.Shift{}, err
		}
		if err := sh.CheckPool(members); err != nil {
			return dpcoop.Shift{}, err
		}
	}
	emps, err := s.Store.Employments(ctx, coop, sh.PA)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	others, err := s.Store.ShiftsOfPA(ctx, coop, sh.PA, sh.Start.Add(-dpcoop.MaxShiftMinutes*time.Minute), sh.End)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	if err := sh.CheckAgainst(emps, others); err != nil {
		return dpcoop.Shift{}, err
	}
	if err := checkRightToWork(sh, members.Recruitment); err != nil {
		return dpcoop.Shift{}, err
	}
	return sh, s.checkLeave(ctx, coop, sh, false, now)
}

// shiftMembers reads, in one request, the register entries of the members a
// shift names (an id not on the register is left out: CheckAgainst finds no
// employment), for work the PA's right-to-work checks (checkRightToWork)
// and, for an approval of work, what dpcoop.OverCarePlan needs: their care
// plans and approved support in the shift's week.
func (s *Service) shiftMembers(ctx context.Context, coop dpcoop.CoopID, sh dpcoop.Shift, approving bool) (dpcoop.ShiftMembers, error) {
	ids := make([]string, len(sh.Members))
	for i, sm := range sh.Members {
		ids[i] = sm.Member
	}
	var week dpcoop.Date
	pa := ""
	if !sh.Kind.Leave() {
		pa = sh.PA
		if approving {
			week = dpcoop.WeekOf(sh.Date)
		}
	}
	return s.Store.ShiftMembers(ctx, coop, ids, week, pa)
}

// Shift reads a shift p may see; others are not found.
func (s *Service) Shift(ctx context.Context, p dpcoop.Principal, id string) (dpcoop.Shift, error) {
	if !dpcoop.ValidID(id) {
		return dpcoop.Shift{}, dpcoop.E("read shift", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	sh, err := s.Store.Shift(ctx, p.Coop, id)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	if !sh.VisibleTo(p) {
		return dpcoop.Shift{}, dpcoop.E("read shift", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return sh, nil
}

// OfPA lists a PA's shifts starting from from to to (inclusive), for an
// admin or the PA themself: the shifts part of their copy of their data.
func (s *Service) OfPA(ctx context.Context, p dpcoop.Principal, pa string, from, to time.Time) ([]dpcoop.Shift, error) {
	if !dpcoop.ValidID(pa) || !p.MaySee(pa) {
		return nil, dpcoop.E("read shifts", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	out, err := s.Store.ShiftsOfPA(ctx, p.Coop, pa, from, to)
	if out == nil {
		out = []dpcoop.Shift{}
	}
	return out, err
}

// change applies a change to a shift p may see, safely against concurrent
// changes and paid months.
func (s *Service) change(ctx context.Context, p dpcoop.Principal, id string, change func(dpcoop.Shift) (dpcoop.Shift, error)) (dpcoop.Shift, error) {
	sh, err := s.Shift(ctx, p, id)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	return s.Store.UpdateShift(ctx, p.Coop, sh, change)
}

// Edit lets the PA correct a draft or rejected shift: the whole shift, as
// when recording it.
func (s *Service) Edit(ctx context.Context, p dpcoop.Principal, id string, in dpcoop.ShiftInput, now time.Time) (dpcoop.Shift, error) {
	edited, err := in.Validate(now)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	current, err := s.Shift(ctx, p, id)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	edited.ID, edited.PA = current.ID, current.PA
	if edited, err = s.checked(ctx, p.Coop, edited, now); err != nil {
		return dpcoop.Shift{}, err
	}
	return s.Store.UpdateShift(ctx, p.Coop, current, func(sh dpcoop.Shift) (dpcoop.Shift, error) { return sh.Edit(edited, p.Person, now) })
}

// Submit sends the PA's shift for approval.
func (s *Service) Submit(ctx context.Context, p dpcoop.Principal, id string, now time.Time) (dpcoop.Shift, error) {
	return s.change(ctx, p, id, func(sh dpcoop.Shift) (dpcoop.Shift, error) { return sh.Submit(p.Person, now) })
}

// Reject sends a shift back to the PA with a reason.
func (s *Service) Reject(ctx context.Context, p dpcoop.Principal, id, reason string, now time.Time) (dpcoop.Shift, error) {
	reason, err := dpcoop.ValidateRejection(reason)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	return s.change(ctx, p, id, func(sh dpcoop.Shift) (dpcoop.Shift, error) { return sh.Reject(p, reason, now) })
}

// Approve approves a shift, or a member's part of a shared one, whose
// members were members on its date; leave only within the PA's balance.
// When it becomes approved, a member whose approved support that week passes
// their care plan's is flagged to the admin.
func (s *Service) Approve(ctx context.Context, p dpcoop.Principal, id string, now time.Time) (dpcoop.Shift, error) {
	sh, err := s.Shift(ctx, p, id)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	members, err := s.shiftMembers(ctx, p.Coop, sh, true)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	if err := sh.CheckMembership(members.Register); err != nil {
		return dpcoop.Shift{}, err
	}
	if err := checkRightToWork(sh, members.Recruitment); err != nil {
		return dpcoop.Shift{}, err
	}
	if err := s.checkLeave(ctx, p.Coop, sh, true, now); err != nil {
		return dpcoop.Shift{}, err
	}
	over := dpcoop.OverCarePlan(sh, members.Plans, members.Approved)
	return s.Store.UpdateShift(ctx, p.Coop, sh, func(sh dpcoop.Shift) (dpcoop.Shift, error) {
		sh, err := sh.Approve(p, now)
		if err == nil && sh.Status == dpcoop.ShiftApproved && over {
			sh.Flags = append(sh.Flags, dpcoop.WarnOverCarePlan)
		}
		return sh, err
	})
}

// monthShifts reads all of a month's shifts (a co-op's month is hundreds, not
// millions), a page at a time.
func (s *Service) monthShifts(ctx context.Context, coop dpcoop.CoopID, month string) ([]dpcoop.Shift, error) {
	var out []dpcoop.Shift
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		res, err := s.Store.ShiftsInMonth(ctx, coop, month, page)
		if err != nil {
			return nil, err
		}
		out = append(out, res.Items...)
		if res.Next == "" {
			return out, nil
		}
		page.Cursor = res.Next
	}
}

// Month is a month's shifts p may see, filtered, with totals.
func (s *Service) Month(ctx context.Context, p dpcoop.Principal, month string, f dpcoop.ShiftFilter) (dpcoop.ShiftMonth, error) {
	var problems dpcoop.Problems
	if _, ok := dpcoop.ParseMonth(month); !ok {
		problems.Add("month", dpcoop.FieldDate)
	}
	if f.Status != "" && !slices.Contains([]dpcoop.ShiftStatus{dpcoop.ShiftDraft, dpcoop.ShiftSubmitted, dpcoop.ShiftApproved, dpcoop.ShiftRejected}, f.Status) {
		problems.Add("status", dpcoop.FieldChoice)
	}
	if err := problems.Err("list shifts"); err != nil {
		return dpcoop.ShiftMonth{}, err
	}
	var all []dpcoop.Shift
	var emps []dpcoop.Employment
	var err error
	if p.SeesOnlyOwnSupport() {
		// the shifts done for them and the employments that price them
		if all, err = s.Store.ShiftsOfMember(ctx, p.Coop, p.Person, month); err == nil {
			emps, err = s.Store.EmploymentsOfMember(ctx, p.Coop, p.Person)
		}
	} else if all, err = s.monthShifts(ctx, p.Coop, month); err == nil {
		emps, err = s.Store.Employments(ctx, p.Coop, "")
	}
	if err != nil {
		return dpcoop.ShiftMonth{}, err
	}
	return dpcoop.MonthFor(p, month, all, emps, f), nil
}

// SetCarePlan records the weekly minutes a member's council funds.
func (s *Service) SetCarePlan(ctx context.Context, p dpcoop.Principal, member string, weeklyMinutes int64, now time.Time) (dpcoop.CarePlan, error) {
	if err := p.Admin("set care plan"); err != nil {
		return dpcoop.CarePlan{}, err
	}
	plan, err := dpcoop.ValidateCarePlan(member, weeklyMinutes, p.Person, now)
	if err != nil {
		return dpcoop.CarePlan{}, err
	}
	if _, err := s.Store.Member(ctx, p.Coop, member); err != nil {
		return dpcoop.CarePlan{}, err
	}
	return plan, s.Store.SetCarePlan(ctx, p.Coop, plan)
}

// CarePlan is a member's care plan, for an admin or the member.
func (s *Service) CarePlan(ctx context.Context, p dpcoop.Principal, member string) (dpcoop.CarePlan, error) {
	if !dpcoop.ValidID(member) || !p.MaySee(member) {
		return dpcoop.CarePlan{}, dpcoop.E("read care plan", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return s.Store.CarePlan(ctx, p.Coop, member)
}

// Holiday is a PA's leave, for an admin or the PA: the balance from final
// runs, this leave year's accrued and taken, the leave approved and not yet
// paid, the rate leave is paid at now, and what each final payslip did.
func (s *Service) Holiday(ctx context.Context, p dpcoop.Principal, pa string, now time.Time) (dpcoop.HolidayBalance, error) {
	if !dpcoop.ValidID(pa) || !p.MaySee(pa) {
		return dpcoop.HolidayBalance{}, dpcoop.E("read holiday", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if _, err := s.Store.PA(ctx, p.Coop, pa); err != nil {
		return dpcoop.HolidayBalance{}, err
	}
	c, err := s.Store.Coop(ctx, p.Coop)
	if err != nil {
		return dpcoop.HolidayBalance{}, err
	}
	hist, approved, err := s.leaveOf(ctx, p.Coop, pa, "", now)
	if err != nil {
		return dpcoop.HolidayBalance{}, err
	}
	return hist.HolidayBalance(c.PayrollSettings(), approved, dpcoop.DateOf(now)), nil
}

// leaveOf reads a PA's pay history and the minutes of their leave approved
// and not yet paid, apart from the shift except. Leave is asked for up to a
// year ahead; late leave is paid in a later month, so the shifts read start
// three months before the last month paid.
func (s *Service) leaveOf(ctx context.Context, coop dpcoop.CoopID, pa, except string, now time.Time) (dpcoop.PayHistory, int64, error) {
	hist, err := s.Store.PayHistory(ctx, coop, pa)
	if err != nil {
		return dpcoop.PayHistory{}, 0, err
	}
	from := now.AddDate(0, -13, 0)
	if last := hist.Holiday().Month; last != "" {
		if t, err := time.Parse(dpcoop.MonthLayout, last); err == nil {
			from = t.AddDate(0, -3, 0)
		}
	}
	shifts, err := s.Store.ShiftsOfPA(ctx, coop, pa, from, now.AddDate(0, 0, dpcoop.MaxHolidayAheadDays+1))
	if err != nil {
		return dpcoop.PayHistory{}, 0, err
	}
	return hist, dpcoop.ApprovedLeave(shifts, hist, except), nil
}

// checkLeave refuses a holiday shift the co-op's holiday mode has no room
// for (rolled-up holiday pay) and, when approving, leave beyond the PA's
// balance less the leave already approved and not yet paid.
func (s *Service) checkLeave(ctx context.Context, coop dpcoop.CoopID, sh dpcoop.Shift, approving bool, now time.Time) error {
	if sh.Kind != dpcoop.ShiftHoliday {
		return nil
	}
	c, err := s.Store.Coop(ctx, coop)
	if err != nil {
		return err
	}
	if !approving || sh.Status != dpcoop.ShiftSubmitted { // approving again changes nothing
		return sh.CheckLeaveMode(c.PayrollSettings())
	}
	hist, approved, err := s.leaveOf(ctx, coop, sh.PA, sh.ID, now)
	if err != nil {
		return err
	}
	return sh.CheckLeave(c.PayrollSettings(), hist, approved, dpcoop.DateOf(now))
}
