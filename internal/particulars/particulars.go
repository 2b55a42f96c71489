// Package particulars is the capability of giving each PA their written
// statement of employment particulars (Employment Rights Act 1996 s.1), as
// an application service: a version is issued when an employment is made
// and again whenever its particulars change, every version is kept, and the
// PA acknowledges each one they have read. Admins see every statement; a PA
// sees only their own; a member sees none.
package particulars

import (
	"context"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// Store is what the service reads and writes.
type Store interface {
	Coop(ctx context.Context, id dpcoop.CoopID) (dpcoop.Coop, error)
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error)
	Employments(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Employment, error)
	Statements(ctx context.Context, coop dpcoop.CoopID, employment string) (dpcoop.Statements, error)
	UpdateStatements(ctx context.Context, coop dpcoop.CoopID, employment string, change func(dpcoop.Statements) (dpcoop.Statements, error)) (dpcoop.Statements, error)
	// RequiredCourses are the training setting's courses every PA must
	// hold, which the statement states.
	RequiredCourses(ctx context.Context, coop dpcoop.CoopID) (dpcoop.RequiredTraining, error)
}

// Service answers for written statements.
type Service struct {
	Store Store
}

// employment finds the employment p asks about: any of the co-op's for an
// admin, only their own for a PA (another's is not found); a member or
// anyone else is refused.
func (s *Service) employment(ctx context.Context, p dpcoop.Principal, op, id string) (dpcoop.Employment, error) {
	pa := ""
	switch {
	case p.Has(dpcoop.RoleAdmin):
	case p.Has(dpcoop.RolePA):
		pa = p.Person
	default:
		return dpcoop.Employment{}, dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	if !dpcoop.ValidID(id) {
		return dpcoop.Employment{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	emps, err := s.Store.Employments(ctx, p.Coop, pa)
	if err != nil {
		return dpcoop.Employment{}, err
	}
	for _, e := range emps {
		if e.ID == id {
			return e, nil
		}
	}
	return dpcoop.Employment{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
}

// issue brings the employment's statements up to date: a new version when
// its particulars differ from the latest one's, none otherwise.
func (s *Service) issue(ctx context.Context, coop dpcoop.CoopID, e dpcoop.Employment, now time.Time) (dpcoop.Statements, error) {
	_, terms, err := s.terms(ctx, coop)
	if err != nil {
		return dpcoop.Statements{}, err
	}
	return s.issueWith(ctx, coop, e, terms, now)
}

// terms are the co-op and the terms its statements state now: its payroll
// settings' and the training it requires.
func (s *Service) terms(ctx context.Context, coop dpcoop.CoopID) (dpcoop.Coop, dpcoop.StatementTerms, error) {
	c, err := s.Store.Coop(ctx, coop)
	if err != nil {
		return dpcoop.Coop{}, dpcoop.StatementTerms{}, err
	}
	req, err := s.Store.RequiredCourses(ctx, coop)
	if err != nil {
		return dpcoop.Coop{}, dpcoop.StatementTerms{}, err
	}
	return c, dpcoop.TermsOf(c.PayrollSettings(), req), nil
}

// issueWith brings the statements up to date with the co-op's terms.
func (s *Service) issueWith(ctx context.Context, coop dpcoop.CoopID, e dpcoop.Employment, terms dpcoop.StatementTerms, now time.Time) (dpcoop.Statements, error) {
	return s.Store.UpdateStatements(ctx, coop, e.ID, func(st dpcoop.Statements) (dpcoop.Statements, error) {
		return st.Issue(e, terms, now)
	})
}

// UnacknowledgedDays is how long a PA may leave the latest version of
// their statement unread before the admins are told: two weeks (dpcoop's
// choice).
const UnacknowledgedDays = 14

// Unread is an employment whose latest statement the PA has not
// acknowledged UnacknowledgedDays after it was issued.
type Unread struct {
	PA      dpcoop.PA
	Version dpcoop.StatementVersion
}

// Unacknowledged lists, for the admins' dashboard, the employments not
// ended whose latest statement has waited more than UnacknowledgedDays for
// the PA to acknowledge it, oldest first.
func (s *Service) Unacknowledged(ctx context.Context, p dpcoop.Principal, now time.Time) ([]Unread, error) {
	if err := p.Admin("unacknowledged statements"); err != nil {
		return nil, err
	}
	emps, err := s.Store.Employments(ctx, p.Coop, "")
	if err != nil {
		return nil, err
	}
	today := dpcoop.DateOf(now)
	var out []Unread
	for _, e := range emps {
		if e.End != "" && e.End.Before(today) {
			continue
		}
		st, err := s.Store.Statements(ctx, p.Coop, e.ID)
		if err != nil {
			return nil, err
		}
		if v, ok := st.Latest(); ok && v.Acknowledged == nil && dpcoop.DateOf(v.Issued).AddDays(UnacknowledgedDays).Before(today) {
			pa, err := s.Store.PA(ctx, p.Coop, e.PA)
			if err != nil {
				return nil, err
			}
			out = append(out, Unread{PA: pa, Version: v})
		}
	}
	slices.SortFunc(out, func(a, b Unread) int { return a.Version.Issued.Compare(b.Version.Issued) })
	return out, nil
}

// Reissue gives every PA whose employment has not ended a new version of
// their statement when the co-op's terms it states have changed (a payroll
// settings change, or the training every PA must hold): once, however often
// it runs.
func (s *Service) Reissue(ctx context.Context, p dpcoop.Principal, now time.Time) error {
	if err := p.Admin("issue statements"); err != nil {
		return err
	}
	_, terms, err := s.terms(ctx, p.Coop)
	if err != nil {
		return err
	}
	emps, err := s.Store.Employments(ctx, p.Coop, "")
	if err != nil {
		return err
	}
	today := dpcoop.DateOf(now)
	for _, e := range emps {
		if e.End != "" && e.End.Before(today) {
			continue
		}
		if _, err := s.issueWith(ctx, p.Coop, e, terms, now); err != nil {
			return err
		}
	}
	return nil
}

// Issue gives the PA a statement for the employment as it now is: the first
// version when it is made (on or before the first day), a new one when a
// rate, start or end changed. Re-running it issues nothing more.
func (s *Service) Issue(ctx context.Context, p dpcoop.Principal, e dpcoop.Employment, now time.Time) error {
	if err := p.Admin("issue statement"); err != nil {
		return err
	}
	_, err := s.issue(ctx, p.Coop, e, now)
	return err
}

// Statements are every version of an employment's statement, brought up to
// date first (an employment made before statements were kept gets its
// first version on this read).
func (s *Service) Statements(ctx context.Context, p dpcoop.Principal, employment string, now time.Time) (dpcoop.Statements, error) {
	e, err := s.employment(ctx, p, "read statements", employment)
	if err != nil {
		return dpcoop.Statements{}, err
	}
	return s.issue(ctx, p.Coop, e, now)
}

// Listed are one employment's statements with the name of the member it
// supports, as a page lists them.
type Listed struct {
	dpcoop.Statements
	Member string `json:"member_name"`
}

// OfPA are the statements of each of a PA's employments, for their page and
// the admin's page of them: p must be an admin or that PA.
func (s *Service) OfPA(ctx context.Context, p dpcoop.Principal, pa string, now time.Time) ([]Listed, error) {
	if !p.Has(dpcoop.RoleAdmin) && !(p.Has(dpcoop.RolePA) && p.Person == pa) {
		return nil, dpcoop.E("read statements", dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	if !dpcoop.ValidID(pa) {
		return nil, dpcoop.E("read statements", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	emps, err := s.Store.Employments(ctx, p.Coop, pa)
	if err != nil {
		return nil, err
	}
	out := []Listed{}
	for _, e := range emps {
		st, err := s.issue(ctx, p.Coop, e, now)
		if err != nil {
			return nil, err
		}
		m, err := s.Store.Member(ctx, p.Coop, e.Member)
		if err != nil {
			return nil, err
		}
		out = append(out, Listed{Statements: st, Member: m.Name})
	}
	return out, nil
}

// Document is version n of an employment's statement with what it is drawn
// from (the co-op, the PA, the member), ready for payslips.ParticularsPDF.
func (s *Service) Document(ctx context.Context, p dpcoop.Principal, employment string, n int, now time.Time) (payslips.Particulars, error) {
	st, err := s.Statements(ctx, p, employment, now)
	if err != nil {
		return payslips.Particulars{}, err
	}
	if n < 1 || n > len(st.Versions) {
		return payslips.Particulars{}, dpcoop.E("read statement", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	v := st.Versions[n-1]
	coop, terms, err := s.terms(ctx, p.Coop)
	if err != nil {
		return payslips.Particulars{}, err
	}
	if v.Particulars.Terms == nil { // issued before terms were kept: it reads the current ones
		v.Particulars.Terms = &terms
	}
	pa, err := s.Store.PA(ctx, p.Coop, v.PA)
	if err != nil {
		return payslips.Particulars{}, err
	}
	member, err := s.Store.Member(ctx, p.Coop, v.Particulars.Member)
	if err != nil {
		return payslips.Particulars{}, err
	}
	return payslips.Particulars{Coop: coop, PA: pa.ID, Name: pa.LegalName, Language: pa.Language, Member: member.Name, Version: v}, nil
}

// Acknowledge records that the PA has read version n of their statement:
// only the PA themself may (not an admin on their behalf, nor another PA).
// Acknowledging again keeps the first date.
func (s *Service) Acknowledge(ctx context.Context, p dpcoop.Principal, employment string, n int, now time.Time) (dpcoop.StatementVersion, error) {
	const op = "acknowledge statement"
	if !p.Has(dpcoop.RolePA) {
		return dpcoop.StatementVersion{}, dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	e, err := s.employment(ctx, dpcoop.Principal{Coop: p.Coop, Person: p.Person, Roles: []dpcoop.Role{dpcoop.RolePA}}, op, employment)
	if err != nil {
		return dpcoop.StatementVersion{}, err
	}
	if _, err := s.issue(ctx, p.Coop, e, now); err != nil {
		return dpcoop.StatementVersion{}, err
	}
	st, err := s.Store.UpdateStatements(ctx, p.Coop, e.ID, func(st dpcoop.Statements) (dpcoop.Statements, error) {
		return st.Acknowledge(n, now)
	})
	if err != nil {
		return dpcoop.StatementVersion{}, err
	}
	return st.Versions[n-1], nil
}
