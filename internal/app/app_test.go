package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Every admin's task is refused by the service itself to anyone who is not
// an admin, before the store is touched (these services have none), whatever
// adapter calls it: the route table's check in the JSON API is not the only
// gate, and the pages cannot forget it.
func TestServicesRefuseNonAdminsTheAdminsTasks(t *testing.T) {
	s := app.New(nil, app.Outside{})
	ctx, now, id := context.Background(), time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), dpcoop.RequestID(nil)
	noID := func(dpcoop.Entry) (string, error) { return "", nil }
	tasks := map[string]func(p dpcoop.Principal) error{
		"applications": func(p dpcoop.Principal) error {
			_, err := s.Members.Applications(ctx, p, "", dpcoop.PageRequest{})
			return err
		},
		"application": func(p dpcoop.Principal) error { _, err := s.Members.Application(ctx, p, "a1"); return err },
		"approve": func(p dpcoop.Principal) error {
			_, err := s.Members.Approve(ctx, p, "a1", "2026-11-02", now)
			return err
		},
		"reject":  func(p dpcoop.Principal) error { _, err := s.Members.Reject(ctx, p, "a1", "no", now); return err },
		"members": func(p dpcoop.Principal) error { _, err := s.Members.Members(ctx, p, dpcoop.PageRequest{}); return err },
		"cease": func(p dpcoop.Principal) error {
			_, err := s.Members.Cease(ctx, p, "m1", "2026-11-02", "left", now)
			return err
		},
		"hire": func(p dpcoop.Principal) error {
			_, _, err := s.Employees.Hire(ctx, p, dpcoop.PAInput{}, id, now)
			return err
		},
		"pas": func(p dpcoop.Principal) error { _, err := s.Employees.PAs(ctx, p, dpcoop.PageRequest{}); return err },
		"replace pa": func(p dpcoop.Principal) error {
			_, err := s.Employees.Replace(ctx, p, "pa1", dpcoop.PAInput{}, now)
			return err
		},
		"tax code": func(p dpcoop.Principal) error {
			_, _, err := s.Employees.RecordTaxCode(ctx, p, "pa1", dpcoop.TaxCodeNoticeInput{}, id, now)
			return err
		},
		"leave": func(p dpcoop.Principal) error {
			_, err := s.Employees.Leave(ctx, p, "pa1", "2026-11-02", now)
			return err
		},
		"issue p45": func(p dpcoop.Principal) error { _, err := s.Employees.IssueP45(ctx, p, "pa1", now); return err },
		"employ": func(p dpcoop.Principal) error {
			_, err := s.Employees.Employ(ctx, p, dpcoop.EmploymentInput{}, id, time.Time{})
			return err
		},
		"rates": func(p dpcoop.Principal) error {
			_, err := s.Employees.ChangeRates(ctx, p, "e1", dpcoop.RateChangeInput{}, id, now)
			return err
		},
		"end": func(p dpcoop.Principal) error {
			_, err := s.Employees.End(ctx, p, "e1", dpcoop.EndInput{}, time.Time{})
			return err
		},
		"care plan": func(p dpcoop.Principal) error { _, err := s.Timesheets.SetCarePlan(ctx, p, "m1", 600, now); return err },
		"declare":   func(p dpcoop.Principal) error { _, err := s.Pensions.Declaration(ctx, p, now); return err },
		"settings":  func(p dpcoop.Principal) error { _, err := s.Payroll.Settings(ctx, p); return err },
		"set": func(p dpcoop.Principal) error {
			_, err := s.Payroll.SetSettings(ctx, p, dpcoop.PayrollSettings{}, time.Time{})
			return err
		},
		"start":    func(p dpcoop.Principal) error { _, err := s.Payroll.Start(ctx, p, "2026-10", now); return err },
		"run":      func(p dpcoop.Principal) error { _, err := s.Payroll.Run(ctx, p, "2026-10"); return err },
		"runs":     func(p dpcoop.Principal) error { _, err := s.Payroll.Runs(ctx, p); return err },
		"final":    func(p dpcoop.Principal) error { _, err := s.Payroll.FinalRun(ctx, p, "2026-10"); return err },
		"finalise": func(p dpcoop.Principal) error { _, err := s.Payroll.Finalise(ctx, p, "2026-10", now); return err },
		"post": func(p dpcoop.Principal) error {
			_, err := s.Accounts.Post(ctx, p, "m1", dpcoop.CouncilPayment{}, noID, now)
			return err
		},
		"reverse": func(p dpcoop.Principal) error { _, err := s.Accounts.Reverse(ctx, p, "e1", "wrong", now); return err },
		"pay": func(p dpcoop.Principal) error {
			_, err := s.Accounts.PayLiability(ctx, p, dpcoop.LiabilityPayment{}, noID, now)
			return err
		},
		"summary": func(p dpcoop.Principal) error { _, err := s.Accounts.Summary(ctx, p, "2026-10"); return err },
		"human":   func(p dpcoop.Principal) error { return s.Signup.SetHumanCheck(ctx, p, "x", "") },
		"audit": func(p dpcoop.Principal) error {
			_, err := s.Audit.Trail(ctx, p, "2026-10", dpcoop.PageRequest{})
			return err
		},
	}
	for _, role := range []dpcoop.Role{dpcoop.RoleMember, dpcoop.RolePA} {
		p := dpcoop.Principal{Coop: "demo", Person: "someone", Roles: []dpcoop.Role{role}}
		for name, task := range tasks {
			if err := task(p); !dpcoop.IsKind(err, dpcoop.KindForbidden) {
				t.Errorf("a %s's %s: %v, want forbidden", role, name, err)
			}
		}
	}
}
