// Package dashboard is what needs an admin's attention in their co-op, each
// item by a rule of its own: applications waiting, shifts left unapproved,
// the payroll due, rates a coming minimum wage will overtake, motions to
// open or close, members whose money may run short and failed runs. The
// rules are pure functions of what the services read, so each is tested on
// its own; Build reads what they need, a bounded amount, as the admin.
package dashboard

import (
	"context"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/employees"
	"github.com/dpcoop/dpcoop/internal/insurance"
	"github.com/dpcoop/dpcoop/internal/particulars"
	"github.com/dpcoop/dpcoop/internal/recruitment"
	"github.com/dpcoop/dpcoop/internal/training"
)

// ApplicationsRead is how many waiting applications Build reads: beyond
// it, the board says "more than".
const ApplicationsRead = 100

// StaleAfter is how long a submitted shift may wait for a member's
// approval before the admins are told: three days.
const StaleAfter = 72 * time.Hour

// UpratingWithin is how far ahead a coming minimum wage rise is shown.
const UpratingWithin = 3 // months

// Board is what needs doing, item by item.
type Board struct {
	Applications     int
	MoreApplications bool
	Stale            []StaleShift
	Payroll          *PayrollDue
	Uprating         []employees.Uprating
	ToOpen, ToClose  []dpcoop.Motion
	Uncovered        []dpcoop.Uncovered
	Failed           []dpcoop.Run
	// Recruiting lists PAs with no valid right-to-work check, those due a
	// follow-up check and those without the DBS check the co-op requires.
	Recruiting recruitment.Due
	// Training: PAs in employment whose courses are expiring, expired or
	// missing (training.Service.Attention); Insurance: the employers'
	// liability policy, needing attention unless current.
	Training  []training.Attention
	Insurance insurance.Certificate
	// RiskReviews are the risk assessments due for review.
	RiskReviews []dpcoop.RiskAssessment
	// Unread are the written statements PAs have left unacknowledged
	// longer than particulars.UnacknowledgedDays.
	Unread []particulars.Unread
	// OpenCases counts the open grievance, disciplinary and dispute cases
	// the admin handles: a count only, as the board names no one in a case.
	OpenCases int
}

// Empty reports whether nothing needs doing.
func (b Board) Empty() bool {
	return b.Applications == 0 && len(b.Stale) == 0 && b.Payroll == nil && len(b.Uprating) == 0 &&
		len(b.ToOpen) == 0 && len(b.ToClose) == 0 && len(b.Uncovered) == 0 && len(b.Failed) == 0 &&
		len(b.Recruiting.NoCheck) == 0 && len(b.Recruiting.FollowUp) == 0 && len(b.Recruiting.NoDBS) == 0 &&
		len(b.Training) == 0 && b.Insurance.State == dpcoop.InsuranceCurrent && len(b.RiskReviews) == 0 && len(b.Unread) == 0 && b.OpenCases == 0
}

// OpenCases counts the cases not yet closed.
func OpenCases(cs []dpcoop.Case) int {
	n := 0
	for _, c := range cs {
		if c.Closed == "" {
			n++
		}
	}
	return n
}

// StaleShift is a shift submitted more than StaleAfter ago, with the
// members whose approval it still waits for.
type StaleShift struct {
	Shift     dpcoop.Shift
	Submitted time.Time
	Waiting   []string
}

// Stale are the submitted shifts that have waited more than StaleAfter for
// approval, oldest first.
func Stale(shifts []dpcoop.Shift, now time.Time) []StaleShift {
	var out []StaleShift
	for _, s := range shifts {
		if s.Status != dpcoop.ShiftSubmitted {
			continue
		}
		var at time.Time
		for _, e := range s.History {
			if e.Action == "submitted" {
				at = e.At
			}
		}
		if at.IsZero() || now.Sub(at) <= StaleAfter {
			continue
		}
		st := StaleShift{Shift: s, Submitted: at}
		for _, m := range s.Members {
			if m.ApprovedBy == "" {
				st.Waiting = append(st.Waiting, m.Member)
			}
		}
		out = append(out, st)
	}
	slices.SortFunc(out, func(a, b StaleShift) int { return a.Submitted.Compare(b.Submitted) })
	return out
}

// PayrollDue is the month whose payroll is next to finish, where its run
// is, and when it is paid.
type PayrollDue struct {
	Month   string
	PayDate dpcoop.Date
	// Status is the run's, or "" when it has not started.
	Status dpcoop.RunStatus
	// Overdue: its pay day has passed.
	Overdue bool
	// Problems are the preview's; a preview with problems is its own item.
	Problems []dpcoop.Problem
}

// PayMonths are the months whose runs the board reads: last month's and
// this month's.
func PayMonths(today dpcoop.Date) [2]string {
	first, _ := dpcoop.Month(today.Month()).Bounds()
	return [2]string{first.AddDays(-1).Month(), today.Month()}
}

// Due is the payroll due: the earlier of last month's and this month's runs
// that is not final (runs holds the runs that exist, by month), with its pay
// day from the settings. A month with no run is due only when it has work
// (worked); nil when nothing is due.
func Due(s dpcoop.PayrollSettings, runs map[string]dpcoop.Run, worked map[string]bool, today dpcoop.Date) *PayrollDue {
	for _, m := range PayMonths(today) {
		r, ok := runs[m]
		if ok && r.Status == dpcoop.RunFinal || !ok && !worked[m] {
			continue
		}
		d := &PayrollDue{Month: m, PayDate: s.PayDate(m)}
		d.Overdue = d.PayDate.Before(today)
		if ok {
			d.Status = r.Status
			if r.Status == dpcoop.RunPreview {
				d.Problems = r.Problems
			}
		}
		return d
	}
	return nil
}

// Failed are the runs that failed, by month.
func Failed(runs map[string]dpcoop.Run, today dpcoop.Date) []dpcoop.Run {
	var out []dpcoop.Run
	for _, m := range PayMonths(today) {
		if r, ok := runs[m]; ok && r.Status == dpcoop.RunFailed {
			out = append(out, r)
		}
	}
	return out
}

// Soon keeps the uprating warnings whose new minimum wage comes into force
// within UpratingWithin months of today.
func Soon(ups []employees.Uprating, today dpcoop.Date) []employees.Uprating {
	limit := dpcoop.Date(today.Time().AddDate(0, UpratingWithin, 0).Format(dpcoop.DateLayout))
	var out []employees.Uprating
	for _, u := range ups {
		if on := dpcoop.Date(u.Params["date"]); on != "" && !limit.Before(on) {
			out = append(out, u)
		}
	}
	return out
}

// Motions are the drafts an admin may open and the open motions whose
// closing time has passed, for an admin to close.
func Motions(ms []dpcoop.Motion, now time.Time) (toOpen, toClose []dpcoop.Motion) {
	for _, m := range ms {
		switch {
		case m.Status == dpcoop.MotionDraft:
			toOpen = append(toOpen, m)
		case m.Status == dpcoop.MotionOpen && !now.Before(m.ClosesAt):
			toClose = append(toClose, m)
		}
	}
	return toOpen, toClose
}

// Build reads what the rules need, as the admin p: one page of waiting
// applications, two months of shifts and runs, the employments, the motions
// and the ledger.
func Build(ctx context.Context, s app.Services, p dpcoop.Principal, now time.Time) (Board, error) {
	if err := p.Admin("dashboard"); err != nil {
		return Board{}, err
	}
	var b Board
	today := dpcoop.DateOf(now)
	apps, err := s.Members.Applications(ctx, p, dpcoop.StatusPending, dpcoop.PageRequest{Limit: ApplicationsRead})
	if err != nil {
		return Board{}, err
	}
	b.Applications, b.MoreApplications = len(apps.Items), apps.Next != ""
	var shifts []dpcoop.Shift
	runs, worked := map[string]dpcoop.Run{}, map[string]bool{}
	for _, m := range PayMonths(today) {
		sm, err := s.Timesheets.Month(ctx, p, m, dpcoop.ShiftFilter{})
		if err != nil {
			return Board{}, err
		}
		shifts = append(shifts, sm.Items...)
		worked[m] = slices.ContainsFunc(sm.Items, func(s dpcoop.Shift) bool {
			return s.Status == dpcoop.ShiftSubmitted || s.Status == dpcoop.ShiftApproved
		})
		r, err := s.Payroll.Run(ctx, p, m)
		switch {
		case err == nil:
			runs[m] = r
		case !dpcoop.IsKind(err, dpcoop.KindNotFound):
			return Board{}, err
		}
	}
	b.Stale = Stale(shifts, now)
	settings, err := s.Payroll.Settings(ctx, p)
	if err != nil {
		return Board{}, err
	}
	b.Payroll, b.Failed = Due(settings, runs, worked, today), Failed(runs, today)
	_, ups, err := s.Employees.Employments(ctx, p, "", "", now)
	if err != nil {
		return Board{}, err
	}
	b.Uprating = Soon(ups, today)
	ms, err := s.Votes.Visible(ctx, p)
	if err != nil {
		return Board{}, err
	}
	b.ToOpen, b.ToClose = Motions(ms, now)
	if b.Uncovered, err = s.Accounts.Uncovered(ctx, p, today); err != nil {
		return Board{}, err
	}
	if b.Recruiting, err = s.Recruiting.Due(ctx, p, now); err != nil {
		return Board{}, err
	}
	if b.Training, err = s.Training.Attention(ctx, p, now); err != nil {
		return Board{}, err
	}
	if b.Insurance, err = s.Insurance.Current(ctx, p, now); err != nil {
		return Board{}, err
	}
	if b.RiskReviews, err = s.Risk.Due(ctx, p, now); err != nil {
		return Board{}, err
	}
	if b.Unread, err = s.Particulars.Unacknowledged(ctx, p, now); err != nil {
		return Board{}, err
	}
	cases, err := s.Cases.Handled(ctx, p)
	if err != nil {
		return Board{}, err
	}
	b.OpenCases = OpenCases(cases)
	return b, nil
}
