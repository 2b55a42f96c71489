package storetest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/timesheets"
)

// Timesheets tests timesheets.Store: shifts are added once and never into a
// paid month, changed only against the version read, listed by month in
// start order a page at a time and by PA within [from, to); care plans are
// kept per member and read with the register and the week's support;
// a member's shifts (each member of a shared one) and employments are read
// by member, in step with every change; nothing is read from another co-op.
func Timesheets(t *testing.T, open Open[timesheets.Store]) {
	run(t, open, map[string]func(*testing.T, timesheets.Store, Fixture){
		"AddShiftIsOnce":                    addShiftIsOnce,
		"AddShiftRefusesAPaidMonth":         addShiftRefusesAPaidMonth,
		"UpdateShiftChangesTheVersionRead":  updateShiftChangesTheVersionRead,
		"UpdateShiftWritesNothingOnRefusal": updateShiftWritesNothingOnRefusal,
		"UpdateShiftRefusesPaidMonths":      updateShiftRefusesPaidMonths,
		"ShiftsInMonthPageInStartOrder":     shiftsInMonthPageInStartOrder,
		"ShiftsOfPAStartWithinFromTo":       shiftsOfPAStartWithinFromTo,
		"CarePlanIsTheLastSet":              carePlanIsTheLastSet,
		"TimesheetsStayInTheirCoop":         timesheetsStayInTheirCoop,
		"RunStatusesSayWhichMonthsArePaid":  runStatusesSayWhichMonthsArePaid,
		"ApprovedSupportFollowsEachChange":  approvedSupportFollowsEachChange,
		"ShiftMembersReadsWhatIsKept":       shiftMembersReadsWhatIsKept,
		"ShiftsOfMemberFollowEachChange":    shiftsOfMemberFollowEachChange,
		"EmploymentsOfMemberAreTheirs":      employmentsOfMemberAreTheirs,
	})
}

// shift is a three-hour shift of pa for member starting at start.
func shift(pa, member string, start time.Time) dpcoop.Shift {
	end := start.Add(3 * time.Hour)
	return dpcoop.Shift{ID: dpcoop.NewID(), PA: pa, Members: []dpcoop.ShiftMember{{Member: member, Share: 10000}},
		Date: dpcoop.DateOf(start), StartTime: start.Format("15:04"), EndDate: dpcoop.DateOf(end), EndTime: end.Format("15:04"),
		Start: start, End: end, Kind: dpcoop.ShiftStandard, Status: dpcoop.ShiftSubmitted, Version: 1}
}

// november is 09:00 on a day of November 2026.
func november(day int) time.Time { return time.Date(2026, 11, day, 9, 0, 0, 0, time.UTC) }

func addShiftIsOnce(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	sh := shift("pa1", "m1", november(3))
	sh.Notes = "first"
	got := must(s.AddShift(ctx, f.Coop, sh))(t)
	if got.ID != sh.ID || got.Notes != "first" {
		t.Fatalf("added %+v", got)
	}
	again := sh
	again.Notes = "a retry"
	if got := must(s.AddShift(ctx, f.Coop, again))(t); got.Notes != "first" {
		t.Fatalf("the same shift again returned %q, not the stored shift", got.Notes)
	}
	read := must(s.Shift(ctx, f.Coop, sh.ID))(t)
	if read.Notes != "first" || read.PA != "pa1" || !read.Start.Equal(sh.Start) || read.Version != 1 || len(read.Members) != 1 {
		t.Fatalf("read back %+v", read)
	}
	if all := pages(t, 10, func(p dpcoop.PageRequest) (dpcoop.Page[dpcoop.Shift], error) {
		return s.ShiftsInMonth(ctx, f.Coop, "2026-11", p)
	}); len(all) != 1 {
		t.Fatalf("%d shifts stored, want 1", len(all))
	}
}

func addShiftRefusesAPaidMonth(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	f.PayMonth(t, "2026-10")
	late := shift("pa1", "m1", time.Date(2026, 10, 20, 9, 0, 0, 0, time.UTC))
	_, err := s.AddShift(ctx, f.Coop, late)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeMonthPaid)
	_, err = s.Shift(ctx, f.Coop, late.ID)
	wantNotFound(t, err)
	// Late work is paid in the first month still open.
	late.PayMonth = "2026-11"
	if _, err := s.AddShift(ctx, f.Coop, late); err != nil {
		t.Fatalf("late work into an open month: %v", err)
	}
	if _, err := s.AddShift(ctx, f.Coop, shift("pa1", "m1", november(2))); err != nil {
		t.Fatalf("an open month: %v", err)
	}
}

func updateShiftChangesTheVersionRead(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	sh := must(s.AddShift(ctx, f.Coop, shift("pa1", "m1", november(4))))(t)
	// Someone else changes the shift after this change read it: this change
	// must run again on what they left, not write over it.
	var seen []int64
	got, err := s.UpdateShift(ctx, f.Coop, sh, func(old dpcoop.Shift) (dpcoop.Shift, error) {
		seen = append(seen, old.Version)
		if len(seen) == 1 {
			if _, err := s.UpdateShift(ctx, f.Coop, sh, func(o dpcoop.Shift) (dpcoop.Shift, error) {
				o.MileageTenths = 55
				return o, nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		old.Notes = "checked"
		return old, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, []int64{1, 2}) {
		t.Fatalf("the change saw versions %v, want [1 2]", seen)
	}
	read := must(s.Shift(ctx, f.Coop, sh.ID))(t)
	if read.Notes != "checked" || read.MileageTenths != 55 || read.Version != 3 || got.Version != 3 {
		t.Fatalf("a concurrent change was lost: %+v (returned version %d)", read, got.Version)
	}
}

func updateShiftWritesNothingOnRefusal(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	sh := must(s.AddShift(ctx, f.Coop, shift("pa1", "m1", november(5))))(t)
	refused := errors.New("refused")
	_, err := s.UpdateShift(ctx, f.Coop, sh, func(old dpcoop.Shift) (dpcoop.Shift, error) {
		old.Notes = "never written"
		return old, refused
	})
	if !errors.Is(err, refused) {
		t.Fatalf("the change's error was not returned: %v", err)
	}
	got, err := s.UpdateShift(ctx, f.Coop, sh, func(old dpcoop.Shift) (dpcoop.Shift, error) {
		old.Notes = "not needed"
		return old, dpcoop.ErrUnchanged
	})
	if err != nil || got.Notes != "" || got.Version != 1 {
		t.Fatalf("unchanged: %v %+v, want the stored shift", err, got)
	}
	if read := must(s.Shift(ctx, f.Coop, sh.ID))(t); read.Notes != "" || read.Version != 1 {
		t.Fatalf("a refused change was written: %+v", read)
	}
	_, err = s.UpdateShift(ctx, f.Coop, dpcoop.Shift{ID: dpcoop.NewID()}, func(old dpcoop.Shift) (dpcoop.Shift, error) { return old, nil })
	wantNotFound(t, err)
}

func updateShiftRefusesPaidMonths(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	october := must(s.AddShift(ctx, f.Coop, shift("pa1", "m1", time.Date(2026, 10, 20, 9, 0, 0, 0, time.UTC))))(t)
	nov := must(s.AddShift(ctx, f.Coop, shift("pa1", "m1", november(6))))(t)
	f.PayMonth(t, "2026-10")
	_, err := s.UpdateShift(ctx, f.Coop, october, func(old dpcoop.Shift) (dpcoop.Shift, error) {
		old.Notes = "after pay day"
		return old, nil
	})
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeMonthPaid)
	// Nor may a shift be moved into a paid month.
	_, err = s.UpdateShift(ctx, f.Coop, nov, func(old dpcoop.Shift) (dpcoop.Shift, error) {
		old.Start, old.End = old.Start.AddDate(0, -1, 0), old.End.AddDate(0, -1, 0)
		old.Date, old.EndDate = dpcoop.DateOf(old.Start), dpcoop.DateOf(old.End)
		return old, nil
	})
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeMonthPaid)
	if read := must(s.Shift(ctx, f.Coop, october.ID))(t); read.Notes != "" || read.Version != 1 {
		t.Fatalf("a paid shift changed: %+v", read)
	}
	if read := must(s.Shift(ctx, f.Coop, nov.ID))(t); read.Date != nov.Date || read.Version != 1 {
		t.Fatalf("a shift moved into a paid month: %+v", read)
	}
}

func shiftsInMonthPageInStartOrder(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 5))
	var want []string
	for _, day := range r.Perm(7) {
		sh := must(s.AddShift(ctx, f.Coop, shift(fmt.Sprint("pa", day%2), "m1", november(day+1))))(t)
		want = append(want, sh.ID)
	}
	must(s.AddShift(ctx, f.Coop, shift("pa0", "m1", time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))))(t)
	must(s.AddShift(ctx, f.Coop, shift("pa0", "m1", time.Date(2026, 10, 31, 9, 0, 0, 0, time.UTC))))(t)
	for _, limit := range []int{1, 2, 3, 7} {
		got := pages(t, limit, func(p dpcoop.PageRequest) (dpcoop.Page[dpcoop.Shift], error) {
			return s.ShiftsInMonth(ctx, f.Coop, "2026-11", p)
		})
		var ids []string
		for i, sh := range got {
			ids = append(ids, sh.ID)
			if sh.Date.Month() != "2026-11" {
				t.Fatalf("November listed a shift of %s", sh.Date)
			}
			if i > 0 && sh.Start.Before(got[i-1].Start) {
				t.Fatalf("pages of %d: %s listed after %s", limit, sh.Start, got[i-1].Start)
			}
		}
		if slices.Sort(ids); !slices.Equal(ids, slices.Sorted(slices.Values(want))) {
			t.Fatalf("pages of %d skipped or repeated shifts: %d listed, %d added", limit, len(ids), len(want))
		}
	}
	_, err := s.ShiftsInMonth(ctx, f.Coop, "2026-11", dpcoop.PageRequest{Cursor: "not-a-cursor"})
	wantCode(t, err, dpcoop.KindInvalid, dpcoop.CodeValidation)
}

func shiftsOfPAStartWithinFromTo(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	var mine []dpcoop.Shift
	for day := 1; day <= 3; day++ {
		mine = append(mine, must(s.AddShift(ctx, f.Coop, shift("pa1", "m1", november(day))))(t))
	}
	must(s.AddShift(ctx, f.Coop, shift("pa2", "m1", november(2))))(t)
	got := must(s.ShiftsOfPA(ctx, f.Coop, "pa1", november(2), november(3)))(t)
	if len(got) != 1 || got[0].ID != mine[1].ID {
		t.Fatalf("[2nd 09:00, 3rd 09:00) holds only the 2nd's shift, got %d shifts", len(got))
	}
	got = must(s.ShiftsOfPA(ctx, f.Coop, "pa1", november(1).Add(time.Second), november(3).Add(time.Second)))(t)
	if len(got) != 2 || got[0].ID != mine[1].ID || got[1].ID != mine[2].ID {
		t.Fatalf("(1st 09:00, 3rd 09:00] holds the 2nd's and the 3rd's shifts, got %d shifts", len(got))
	}
	if got := must(s.ShiftsOfPA(ctx, f.Coop, "pa1", november(1), november(30)))(t); len(got) != 3 {
		t.Fatalf("the month holds 3 of pa1's shifts, got %d", len(got))
	}
}

func carePlanIsTheLastSet(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	_, err := s.CarePlan(ctx, f.Coop, "m1")
	wantNotFound(t, err)
	for _, minutes := range []int64{600, 900} {
		if err := s.SetCarePlan(ctx, f.Coop, dpcoop.CarePlan{Member: "m1", WeeklyMinutes: minutes, Updated: Day, UpdatedBy: "admin"}); err != nil {
			t.Fatal(err)
		}
	}
	noErr(t, s.SetCarePlan(ctx, f.Coop, dpcoop.CarePlan{Member: "m2", WeeklyMinutes: 60, Updated: Day, UpdatedBy: "admin"}))
	if p := must(s.CarePlan(ctx, f.Coop, "m1"))(t); p.WeeklyMinutes != 900 || p.Member != "m1" {
		t.Fatalf("care plan %+v, want the last set", p)
	}
}

func timesheetsStayInTheirCoop(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	m, pa := f.Member(t), f.PA(t)
	sh := must(s.AddShift(ctx, f.Coop, shift(pa.ID, m.ID, november(9))))(t)
	noErr(t, s.SetCarePlan(ctx, f.Coop, dpcoop.CarePlan{Member: m.ID, WeeklyMinutes: 600, Updated: Day, UpdatedBy: "admin"}))
	f.PayMonth(t, "2026-10")

	_, err := s.Shift(ctx, f.Other, sh.ID)
	wantNotFound(t, err)
	_, err = s.CarePlan(ctx, f.Other, m.ID)
	wantNotFound(t, err)
	_, err = s.Member(ctx, f.Other, m.ID)
	wantNotFound(t, err)
	_, err = s.PA(ctx, f.Other, pa.ID)
	wantNotFound(t, err)
	_, err = s.UpdateShift(ctx, f.Other, sh, func(o dpcoop.Shift) (dpcoop.Shift, error) { return o, nil })
	wantNotFound(t, err)
	if got := must(s.ShiftsOfPA(ctx, f.Other, pa.ID, november(1), november(30)))(t); len(got) != 0 {
		t.Fatalf("another co-op's PA shifts listed %d shifts", len(got))
	}
	if runs := must(s.RunStatuses(ctx, f.Other))(t); len(runs) != 0 {
		t.Fatalf("another co-op's runs: %v", runs)
	}
	page := must(s.ShiftsInMonth(ctx, f.Other, "2026-11", dpcoop.PageRequest{}))(t)
	if len(page.Items) != 0 {
		t.Fatalf("another co-op's month listed %d shifts", len(page.Items))
	}
	// A cursor from one co-op, used in another, still reads only the other.
	must(s.AddShift(ctx, f.Coop, shift(pa.ID, m.ID, november(10))))(t)
	first := must(s.ShiftsInMonth(ctx, f.Coop, "2026-11", dpcoop.PageRequest{Limit: 1}))(t)
	if first.Next == "" {
		t.Fatal("two shifts in pages of one gave no next page")
	}
	if other, err := s.ShiftsInMonth(ctx, f.Other, "2026-11", dpcoop.PageRequest{Cursor: first.Next}); err == nil && len(other.Items) != 0 {
		t.Fatalf("a cursor read %d shifts of another co-op", len(other.Items))
	}
	// The shift is where it was, unchanged.
	if read := must(s.Shift(ctx, f.Coop, sh.ID))(t); read.Version != 1 {
		t.Fatalf("a write through another co-op changed the shift: %+v", read)
	}
}

func runStatusesSayWhichMonthsArePaid(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	if runs := must(s.RunStatuses(ctx, f.Coop))(t); len(runs) != 0 {
		t.Fatalf("a new co-op has runs: %v", runs)
	}
	f.PayMonth(t, "2026-10")
	if runs := must(s.RunStatuses(ctx, f.Coop))(t); len(runs) != 1 || runs["2026-10"] != dpcoop.RunFinal {
		t.Fatalf("runs %v, want October final", runs)
	}
}

// approvedSupportFollowsEachChange approves, corrects, moves and rejects
// shifts (one shared, one leave) and checks each member's approved support
// per week against the shifts themselves after every change.
func approvedSupportFollowsEachChange(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	approve := func(sh dpcoop.Shift) (dpcoop.Shift, error) { sh.Status = dpcoop.ShiftApproved; return sh, nil }
	update := func(id string, change func(dpcoop.Shift) (dpcoop.Shift, error)) {
		t.Helper()
		must(s.UpdateShift(ctx, f.Coop, must(s.Shift(ctx, f.Coop, id))(t), change))(t)
	}
	a := must(s.AddShift(ctx, f.Coop, shift("pa1", "m1", november(3))))(t) // Tuesday: the week of 2 November
	shared := shift("pa2", "m1", november(4))
	shared.Members = []dpcoop.ShiftMember{{Member: "m1", Share: 5000}, {Member: "m2", Share: 5000}}
	shared = must(s.AddShift(ctx, f.Coop, shared))(t)
	leave := shift("pa1", "m1", november(5))
	leave.Kind = dpcoop.ShiftHoliday
	leave = must(s.AddShift(ctx, f.Coop, leave))(t)
	ids := []string{a.ID, shared.ID, leave.ID}
	check := func(step string) {
		t.Helper()
		want := map[string]int64{}
		for _, id := range ids {
			sh := must(s.Shift(ctx, f.Coop, id))(t)
			for m, minutes := range dpcoop.ApprovedSupport(sh) {
				want[m+" "+string(dpcoop.WeekOf(sh.Date))] += minutes
			}
		}
		for _, m := range []string{"m1", "m2"} {
			for _, week := range []dpcoop.Date{"2026-11-02", "2026-11-09"} {
				if got := must(s.ShiftMembers(ctx, f.Coop, []string{m}, week, ""))(t).Approved[m]; got != want[m+" "+string(week)] {
					t.Fatalf("%s: %s's week of %s has %d minutes kept, %d by its shifts", step, m, week, got, want[m+" "+string(week)])
				}
			}
		}
	}
	check("none approved")
	for _, id := range ids {
		update(id, approve)
	}
	check("all approved")
	update(a.ID, func(sh dpcoop.Shift) (dpcoop.Shift, error) {
		sh.End = sh.End.Add(time.Hour)
		sh.EndTime = sh.End.Format("15:04")
		return sh, nil
	})
	check("an approved shift corrected")
	update(shared.ID, func(sh dpcoop.Shift) (dpcoop.Shift, error) {
		sh.Start, sh.End = sh.Start.AddDate(0, 0, 7), sh.End.AddDate(0, 0, 7)
		sh.Date, sh.EndDate = dpcoop.DateOf(sh.Start), dpcoop.DateOf(sh.End)
		return sh, nil
	})
	check("a shared shift moved to the next week")
	update(a.ID, func(sh dpcoop.Shift) (dpcoop.Shift, error) { sh.Status = dpcoop.ShiftRejected; return sh, nil })
	check("a shift rejected")
	if got := must(s.ShiftMembers(ctx, f.Other, []string{"m2"}, "2026-11-09", ""))(t).Approved["m2"]; got != 0 {
		t.Fatalf("another co-op reads %d minutes", got)
	}
}

// shiftMembersReadsWhatIsKept reads the register entries, care plans and
// week's approved support of a shift's members together: entries in the
// order asked, a member not on the register left out, one without a plan
// or support that week without, the week's support only when a week is
// asked for, and the PA's right-to-work checks only when the PA is.
func shiftMembersReadsWhatIsKept(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	a, b := f.Member(t), f.Member(t)
	noErr(t, s.SetCarePlan(ctx, f.Coop, dpcoop.CarePlan{Member: b.ID, WeeklyMinutes: 600, Updated: Day, UpdatedBy: "admin"}))
	sh := shift("pa1", b.ID, november(3))
	sh.Status = dpcoop.ShiftApproved
	must(s.AddShift(ctx, f.Coop, sh))(t)
	asked := []string{b.ID, "not-a-member", a.ID}
	got := must(s.ShiftMembers(ctx, f.Coop, asked, "2026-11-02", ""))(t)
	if len(got.Register) != 2 || got.Register[0].ID != b.ID || got.Register[1].ID != a.ID {
		t.Fatalf("register %+v, want %s then %s", got.Register, b.ID, a.ID)
	}
	if len(got.Plans) != 1 || got.Plans[b.ID].WeeklyMinutes != 600 {
		t.Fatalf("plans %+v, want %s's only", got.Plans, b.ID)
	}
	if got.Approved[b.ID] != 180 || got.Approved[a.ID] != 0 {
		t.Fatalf("approved support %v, want 180 minutes for %s", got.Approved, b.ID)
	}
	if next := must(s.ShiftMembers(ctx, f.Coop, asked, "2026-11-09", ""))(t); next.Approved[b.ID] != 0 || len(next.Plans) != 1 {
		t.Fatalf("the next week: %+v", next)
	}
	if reg := must(s.ShiftMembers(ctx, f.Coop, asked, "", ""))(t); len(reg.Register) != 2 || len(reg.Plans) != 0 || len(reg.Approved) != 0 {
		t.Fatalf("the register alone read %+v", reg)
	}
	if other := must(s.ShiftMembers(ctx, f.Other, asked, "2026-11-02", ""))(t); len(other.Register) != 0 || len(other.Plans) != 0 || len(other.Approved) != 0 {
		t.Fatalf("another co-op read %+v", other)
	}
	// The PA's right-to-work checks come with the rest when asked for; a
	// PA without a record has an empty one.
	if none := must(s.ShiftMembers(ctx, f.Coop, asked, "", "pa-unchecked"))(t); none.Recruitment.PA != "pa-unchecked" || len(none.Recruitment.RightToWork) != 0 || len(none.Register) != 2 {
		t.Fatalf("a PA without checks: %+v", none)
	}
	checks, ok := s.(interface {
		AddRightToWork(ctx context.Context, coop dpcoop.CoopID, pa string, c dpcoop.RightToWorkCheck) (dpcoop.Recruitment, bool, error)
	})
	if !ok {
		t.Fatal("the store keeps no right-to-work checks, so a shift's cannot be read with its members")
	}
	c := dpcoop.RightToWorkCheck{ID: "rtw1", Method: dpcoop.RightToWorkOnline, CheckedOn: "2026-10-01", CheckedBy: "admin", Recorded: Day}
	if _, _, err := checks.AddRightToWork(ctx, f.Coop, "pa1", c); err != nil {
		t.Fatal(err)
	}
	with := must(s.ShiftMembers(ctx, f.Coop, asked, "2026-11-02", "pa1"))(t)
	if with.Recruitment.PA != "pa1" || len(with.Recruitment.RightToWork) != 1 || with.Recruitment.RightToWork[0].ID != "rtw1" || got.Approved[b.ID] != 180 || len(with.Plans) != 1 {
		t.Fatalf("with pa1's checks: %+v", with)
	}
	if other := must(s.ShiftMembers(ctx, f.Other, asked, "", "pa1"))(t); len(other.Recruitment.RightToWork) != 0 {
		t.Fatalf("another co-op read pa1's checks: %+v", other.Recruitment)
	}
}

// ids are the shifts' ids, in order.
func ids(shifts []dpcoop.Shift) []string {
	out := make([]string, len(shifts))
	for i, sh := range shifts {
		out[i] = sh.ID
	}
	return out
}

func shiftsOfMemberFollowEachChange(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	later := must(s.AddShift(ctx, f.Coop, shift("pa1", "m1", november(20))))(t)
	shared := shift("pa2", "m1", november(4))
	shared.Members = []dpcoop.ShiftMember{{Member: "m1", Share: 5000}, {Member: "m2", Share: 5000}}
	shared = must(s.AddShift(ctx, f.Coop, shared))(t)
	must(s.AddShift(ctx, f.Other, shift("pa1", "m1", november(5))))(t)
	want := func(member, month string, wantIDs ...string) {
		t.Helper()
		got := must(s.ShiftsOfMember(ctx, f.Coop, member, month))(t)
		if !slices.Equal(ids(got), wantIDs) {
			t.Fatalf("%s's shifts in %q: %v, want %v", member, month, ids(got), wantIDs)
		}
		for _, sh := range got {
			if read := must(s.Shift(ctx, f.Coop, sh.ID))(t); read.Version != sh.Version || read.Notes != sh.Notes {
				t.Fatalf("%s's copy of %s is version %d %q, the shift %d %q", member, sh.ID, sh.Version, sh.Notes, read.Version, read.Notes)
			}
		}
	}
	want("m1", "2026-11", shared.ID, later.ID)
	want("m2", "2026-11", shared.ID)
	want("m1", "2026-10")
	// An edit moves the shared shift to m3 alone and into December's pay:
	// neither m1 nor m2 keeps a copy, in either month.
	moved := must(s.UpdateShift(ctx, f.Coop, shared, func(o dpcoop.Shift) (dpcoop.Shift, error) {
		o.Members = []dpcoop.ShiftMember{{Member: "m3", Share: 10000}}
		o.PayMonth, o.Notes = "2026-12", "moved"
		return o, nil
	}))(t)
	want("m1", "2026-11", later.ID)
	want("m2", "2026-11")
	want("m2", "2026-12")
	want("m3", "2026-11")
	want("m3", "2026-12", moved.ID)
	// An approval (same members, same month) rewrites the copy in place.
	must(s.UpdateShift(ctx, f.Coop, moved, func(o dpcoop.Shift) (dpcoop.Shift, error) {
		o.Status, o.Notes = dpcoop.ShiftApproved, "approved"
		return o, nil
	}))(t)
	want("m3", "", moved.ID)
	want("m1", "", later.ID)
	if got := must(s.ShiftsOfMember(ctx, f.Other, "m3", ""))(t); len(got) != 0 {
		t.Fatalf("another co-op read %v", ids(got))
	}
}

func employmentsOfMemberAreTheirs(t *testing.T, s timesheets.Store, f Fixture) {
	ctx := context.Background()
	if got := must(s.EmploymentsOfMember(ctx, f.Coop, "m1"))(t); len(got) != 0 {
		t.Fatalf("before any employment: %+v", got)
	}
	shared, ok := s.(interface {
		AddEmployment(ctx context.Context, coop dpcoop.CoopID, e dpcoop.Employment, fingerprint string) (dpcoop.Employment, error)
		UpdateEmployment(ctx context.Context, coop dpcoop.CoopID, id string, change func(dpcoop.Employment) (dpcoop.Employment, error)) (dpcoop.Employment, error)
	})
	if !ok {
		t.Fatal("the store does not add or change employments, so its employments by member cannot be checked")
	}
	rates := dpcoop.Rates{Standard: 1300}
	for _, e := range []dpcoop.Employment{
		{ID: "e1", PA: "pa1", Member: "m1", Rates: rates, Start: "2026-01-01"},
		{ID: "e2", PA: "pa2", Member: "m1", Rates: rates, Start: "2026-01-01"},
		{ID: "e3", PA: "pa1", Member: "m2", Rates: rates, Start: "2026-01-01"},
	} {
		must(shared.AddEmployment(ctx, f.Coop, e, "fp-"+e.ID))(t)
	}
	must(shared.AddEmployment(ctx, f.Other, dpcoop.Employment{ID: "e4", PA: "pa1", Member: "m1", Rates: rates, Start: "2026-01-01"}, "fp"))(t)
	must(shared.UpdateEmployment(ctx, f.Coop, "e2", func(e dpcoop.Employment) (dpcoop.Employment, error) {
		e.End = "2026-06-30"
		return e, nil
	}))(t)
	got := must(s.EmploymentsOfMember(ctx, f.Coop, "m1"))(t)
	if len(got) != 2 || got[0].ID != "e1" || got[1].ID != "e2" || got[1].End != "2026-06-30" {
		t.Fatalf("m1's employments %+v, want e1 and e2 (ended)", got)
	}
}
