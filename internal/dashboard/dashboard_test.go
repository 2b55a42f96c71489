package dashboard_test

import (
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/dashboard"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/employees"
	"github.com/dpcoop/dpcoop/internal/insurance"
)

var now = time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)

func submitted(id string, at time.Time, approvedBy ...string) dpcoop.Shift {
	s := dpcoop.Shift{ID: id, Status: dpcoop.ShiftSubmitted, History: []dpcoop.ShiftEvent{{At: at.Add(-time.Hour), Action: "recorded"}, {At: at, Action: "submitted"}}}
	for i, m := range []string{"m1", "m2"} {
		sm := dpcoop.ShiftMember{Member: m}
		if i < len(approvedBy) {
			sm.ApprovedBy = approvedBy[i]
		}
		s.Members = append(s.Members, sm)
	}
	return s
}

// A shift waits too long once three whole days pass after it was
// submitted, and names only the members yet to approve it.
func TestStaleShiftsWaitedMoreThanThreeDays(t *testing.T) {
	old := submitted("old", now.Add(-73*time.Hour), "m1")
	older := submitted("older", now.Add(-100*time.Hour))
	fresh := submitted("fresh", now.Add(-72*time.Hour))
	approved := submitted("done", now.Add(-200*time.Hour), "m1", "m2")
	approved.Status = dpcoop.ShiftApproved
	got := dashboard.Stale([]dpcoop.Shift{old, fresh, approved, older}, now)
	if len(got) != 2 || got[0].Shift.ID != "older" || got[1].Shift.ID != "old" {
		t.Fatalf("stale shifts: %+v", got)
	}
	if w := got[1].Waiting; len(w) != 1 || w[0] != "m2" {
		t.Fatalf("the shift waits for %v, want only m2", w)
	}
	if w := got[0].Waiting; len(w) != 2 {
		t.Fatalf("the older shift waits for %v, want both", w)
	}
}

// The payroll due is last month's until it is final, then this month's,
// with the pay day from the settings; a preview brings its problems.
func TestPayrollDueIsTheEarliestRunNotFinal(t *testing.T) {
	s := dpcoop.PayrollSettings{PayDay: 15}
	today := dpcoop.DateOf(now)
	worked := map[string]bool{"2026-11": true, "2026-12": true}
	if d := dashboard.Due(s, map[string]dpcoop.Run{}, map[string]bool{"2026-12": true}, today); d == nil || d.Month != "2026-12" {
		t.Fatalf("no work last month, yet its payroll is due: %+v", d)
	}
	if d := dashboard.Due(s, map[string]dpcoop.Run{}, nil, today); d != nil {
		t.Fatalf("no work at all, yet payroll is due: %+v", d)
	}
	d := dashboard.Due(s, map[string]dpcoop.Run{}, worked, today)
	if d == nil || d.Month != "2026-11" || d.PayDate != "2026-12-15" || d.Status != "" || d.Overdue {
		t.Fatalf("nothing run: %+v", d)
	}
	prob := []dpcoop.Problem{{Code: "x", Blocking: true}}
	d = dashboard.Due(s, map[string]dpcoop.Run{"2026-11": {Month: "2026-11", Status: dpcoop.RunPreview, Problems: prob}}, worked, dpcoop.Date("2026-12-16"))
	if d == nil || d.Month != "2026-11" || d.Status != dpcoop.RunPreview || !d.Overdue || len(d.Problems) != 1 {
		t.Fatalf("a preview past its pay day: %+v", d)
	}
	d = dashboard.Due(s, map[string]dpcoop.Run{"2026-11": {Status: dpcoop.RunFinal}}, worked, today)
	if d == nil || d.Month != "2026-12" || d.PayDate != "2027-01-15" {
		t.Fatalf("last month final: %+v", d)
	}
	if d := dashboard.Due(s, map[string]dpcoop.Run{"2026-11": {Status: dpcoop.RunFinal}, "2026-12": {Status: dpcoop.RunFinal}}, worked, today); d != nil {
		t.Fatalf("both final, yet due: %+v", d)
	}
}

func TestFailedRunsOfLastAndThisMonth(t *testing.T) {
	runs := map[string]dpcoop.Run{"2026-10": {Month: "2026-10", Status: dpcoop.RunFailed},
		"2026-11": {Month: "2026-11", Status: dpcoop.RunFailed}, "2026-12": {Month: "2026-12", Status: dpcoop.RunPreview}}
	got := dashboard.Failed(runs, dpcoop.DateOf(now))
	if len(got) != 1 || got[0].Month != "2026-11" {
		t.Fatalf("failed runs: %+v", got)
	}
}

// A rise on 1 April shows from 1 January, three months before.
func TestUpratingShowsWithinThreeMonths(t *testing.T) {
	ups := []employees.Uprating{{Employment: "e1", Params: map[string]string{"date": "2027-04-01"}}}
	if got := dashboard.Soon(ups, "2026-12-31"); len(got) != 0 {
		t.Fatalf("shown too early: %+v", got)
	}
	if got := dashboard.Soon(ups, "2027-01-01"); len(got) != 1 {
		t.Fatalf("not shown three months before: %+v", got)
	}
}

func TestMotionsToOpenAndToClose(t *testing.T) {
	ms := []dpcoop.Motion{{ID: "draft", Status: dpcoop.MotionDraft}, {ID: "open", Status: dpcoop.MotionOpen, ClosesAt: now.Add(time.Hour)},
		{ID: "due", Status: dpcoop.MotionOpen, ClosesAt: now}, {ID: "closed", Status: dpcoop.MotionClosed, ClosesAt: now.Add(-time.Hour)}}
	open, closing := dashboard.Motions(ms, now)
	if len(open) != 1 || open[0].ID != "draft" || len(closing) != 1 || closing[0].ID != "due" {
		t.Fatalf("to open %+v, to close %+v", open, closing)
	}
}

// Only an admin sees what needs doing: the board and the members whose
// balance may not cover next month are refused to anyone else, before the
// store is touched (these services have none).
func TestOnlyAnAdminSeesTheBoard(t *testing.T) {
	s := app.New(nil, app.Outside{})
	for _, role := range []dpcoop.Role{dpcoop.RoleMember, dpcoop.RolePA} {
		p := dpcoop.Principal{Coop: "demo", Person: "someone", Roles: []dpcoop.Role{role}}
		if _, err := dashboard.Build(t.Context(), s, p, now); !dpcoop.IsKind(err, dpcoop.KindForbidden) {
			t.Errorf("a %s's board: %v, want forbidden", role, err)
		}
		if _, err := s.Accounts.Uncovered(t.Context(), p, dpcoop.DateOf(now)); !dpcoop.IsKind(err, dpcoop.KindForbidden) {
			t.Errorf("a %s's list of uncovered members: %v, want forbidden", role, err)
		}
	}
}

// The board counts the cases still open, and no closed one.
func TestOpenCasesCountsThoseNotClosed(t *testing.T) {
	cs := []dpcoop.Case{{ID: "a"}, {ID: "b", Closed: "2026-11-01"}, {ID: "c"}}
	if n := dashboard.OpenCases(cs); n != 2 {
		t.Fatalf("%d open cases, want 2", n)
	}
	if (dashboard.Board{Insurance: insurance.Certificate{State: dpcoop.InsuranceCurrent}, OpenCases: 1}).Empty() {
		t.Fatal("a board with an open case is empty")
	}
}
