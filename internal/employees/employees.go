// Package employees is the capability of keeping PAs as the co-op's
// employees, as an application service: hiring a PA and completing their
// record, the notices that alone change their tax code and loans, their
// leaving and P45, and their employments (which member they support, at
// which rates from which date). Each call takes the acting person; the
// rules are the domain's (package dpcoop). The JSON API and the pages both
// call it.
package employees

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/audit"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Store is what the service reads and writes.
type Store interface {
	Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error)
	AddPA(ctx context.Context, coop dpcoop.CoopID, pa dpcoop.PA, fingerprint string, first dpcoop.FirstNotices) (dpcoop.PA, bool, error)
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	PAs(ctx context.Context, coop dpcoop.CoopID, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.PA], error)
	ReplacePA(ctx context.Context, coop dpcoop.CoopID, pa dpcoop.PA, first dpcoop.FirstNotices) (dpcoop.PA, error)
	PayHistory(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.PayHistory, error)
	AddTaxCodeNotice(ctx context.Context, coop dpcoop.CoopID, pa string, n dpcoop.TaxCodeNotice) (dpcoop.PayHistory, bool, error)
	AddLoanNotice(ctx context.Context, coop dpcoop.CoopID, pa string, n dpcoop.LoanNotice) (dpcoop.PayHistory, bool, error)
	AddParentalNotice(ctx context.Context, coop dpcoop.CoopID, pa string, n dpcoop.ParentalNotice) (dpcoop.PayHistory, bool, error)
	PALeaves(ctx context.Context, coop dpcoop.CoopID, pa string, left dpcoop.Date) (dpcoop.PayHistory, error)
	IssueP45(ctx context.Context, coop dpcoop.CoopID, pa string, p dpcoop.LeaverP45) (dpcoop.PayHistory, error)
	AddEmployment(ctx context.Context, coop dpcoop.CoopID, e dpcoop.Employment, fingerprint string) (dpcoop.Employment, error)
	UpdateEmployment(ctx context.Context, coop dpcoop.CoopID, id string, change func(dpcoop.Employment) (dpcoop.Employment, error)) (dpcoop.Employment, error)
	Employments(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Employment, error)
}

// Service answers for PAs as employees.
type Service struct {
	Store Store
	// Identities invites a PA hired to sign in, and ends a leaver's sign-in.
	Identities dpcoop.Identities
	// Leaving are the steps a PA's leaving ends outside their record (their
	// match profile and offers: docs/leaving.md), each recorded in Audit's
	// trail.
	Leaving []dpcoop.LeavingStep
	Audit   *audit.Service
	// Particulars issues the PA's written statement when an employment is
	// made and again when its rates or dates change (package particulars);
	// nil issues none.
	Particulars interface {
		Issue(ctx context.Context, p dpcoop.Principal, e dpcoop.Employment, now time.Time) error
	}
}

// issued gives the PA the statement of the employment as written.
func (s *Service) issued(ctx context.Context, p dpcoop.Principal, e dpcoop.Employment, err error, now time.Time) (dpcoop.Employment, error) {
	if err != nil || s.Particulars == nil {
		return e, err
	}
	return e, s.Particulars.Issue(ctx, p, e, now)
}

// fingerprint is a request's content as one string (plain values cannot
// fail to marshal).
func fingerprint(in any) string {
	b, _ := json.Marshal(in)
	return dpcoop.Fingerprint(string(b))
}

// Hire creates a PA's employee record, starts their pay history with their
// starter declaration or P45, and invites them to sign in. The same request
// again returns the record, created false.
func (s *Service) Hire(ctx context.Context, p dpcoop.Principal, in dpcoop.PAInput, id dpcoop.RequestID, now time.Time) (dpcoop.PA, bool, error) {
	if err := p.Admin("hire"); err != nil {
		return dpcoop.PA{}, false, err
	}
	pa, err := in.Validate(now)
	if err != nil {
		return dpcoop.PA{}, false, err
	}
	fp := fingerprint(in)
	if pa.ID, err = id("pa", fp); err != nil {
		return dpcoop.PA{}, false, err
	}
	pa.Coop = p.Coop
	stored, created, err := s.Store.AddPA(ctx, p.Coop, pa, fp, pa.First(p.Person, now))
	if err != nil {
		return dpcoop.PA{}, false, err
	}
	if stored, err = s.withHistory(ctx, p.Coop, stored, now); err != nil {
		return dpcoop.PA{}, false, err
	}
	err = s.Identities.Invite(ctx, signIn(p.Coop, stored))
	return stored, created, err
}

// signIn is the PA as they sign in.
func signIn(coop dpcoop.CoopID, pa dpcoop.PA) dpcoop.Person {
	return dpcoop.Person{ID: pa.ID, Coop: coop, Email: pa.Email, Role: dpcoop.RolePA, Language: pa.Language, Name: pa.LegalName}
}

// withHistory fills in what the PA's pay history says of their tax code.
func (s *Service) withHistory(ctx context.Context, coop dpcoop.CoopID, pa dpcoop.PA, now time.Time) (dpcoop.PA, error) {
	hist, err := s.Store.PayHistory(ctx, coop, pa.ID)
	if err != nil {
		return dpcoop.PA{}, err
	}
	return pa.WithHistory(hist, dpcoop.DateOf(now)), nil
}

// PAs lists the co-op's PAs, a page at a time (admins, by route).
func (s *Service) PAs(ctx context.Context, p dpcoop.Principal, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.PA], error) {
	if err := p.Admin("p as"); err != nil {
		return dpcoop.Page[dpcoop.PA]{}, err
	}
	return s.Store.PAs(ctx, p.Coop, page)
}

// PA is a PA's record with the warnings of what to fix in it (an NI
// category that does not fit their age today): whole to an admin; to the PA
// themself without their NI number and bank details.
func (s *Service) PA(ctx context.Context, p dpcoop.Principal, id string, now time.Time) (dpcoop.PA, []string, error) {
	pa, err := s.own(ctx, p, "read pa", id)
	if err != nil {
		return dpcoop.PA{}, nil, err
	}
	if pa, err = s.withHistory(ctx, p.Coop, pa, now); err != nil {
		return dpcoop.PA{}, nil, err
	}
	if !p.Has(dpcoop.RoleAdmin) {
		pa = pa.Redacted()
	}
	return pa, pa.Warnings(dpcoop.DateOf(now)), nil
}

// Whole is a PA's record with nothing left out, NI number and bank
// details included, for their copy of their data (UK GDPR Art. 15: the PA
// is owed their own details, which their pages do not show): to an admin,
// or the PA themself.
func (s *Service) Whole(ctx context.Context, p dpcoop.Principal, id string, now time.Time) (dpcoop.PA, error) {
	pa, err := s.own(ctx, p, "read pa", id)
	if err != nil {
		return dpcoop.PA{}, err
	}
	return s.withHistory(ctx, p.Coop, pa, now)
}

// own reads a PA whose records p may see (an admin, or the PA themself);
// anyone else's is not found.
func (s *Service) own(ctx context.Context, p dpcoop.Principal, op, id string) (dpcoop.PA, error) {
	if !dpcoop.ValidID(id) || !p.MaySee(id) {
		return dpcoop.PA{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return s.Store.PA(ctx, p.Coop, id)
}

// Replace completes or corrects a PA's record (an approved application
// leaves it incomplete). It never touches their pay history: a change of
// tax code, starter declaration, P45 or loan needs a notice.
func (s *Service) Replace(ctx context.Context, p dpcoop.Principal, id string, in dpcoop.PAInput, now time.Time) (dpcoop.PA, error) {
	if err := p.Admin("replace"); err != nil {
		return dpcoop.PA{}, err
	}
	pa, err := in.Validate(now)
	if err != nil {
		return dpcoop.PA{}, err
	}
	old, err := s.own(ctx, p, "replace pa", id)
	if err != nil {
		return dpcoop.PA{}, err
	}
	hist, err := s.Store.PayHistory(ctx, p.Coop, id)
	if err != nil {
		return dpcoop.PA{}, err
	}
	if err := hist.CheckUnchanged(in, pa, dpcoop.DateOf(now)); err != nil {
		return dpcoop.PA{}, err
	}
	pa.ID, pa.ApplicationID, pa.Coop = old.ID, old.ApplicationID, p.Coop
	if was, now := signIn(p.Coop, old), signIn(p.Coop, pa); was != now {
		// The sign-in first: a retry after the record's write failed finds
		// the old record, and moves the sign-in again to the same end.
		if err := s.Identities.Update(ctx, was, now); err != nil {
			return dpcoop.PA{}, err
		}
	}
	var first dpcoop.FirstNotices
	if len(hist.Notices) == 0 && len(hist.Loans) == 0 {
		first = pa.First(p.Person, now)
		if first.TaxCode != nil {
			hist.Notices = append(hist.Notices, *first.TaxCode)
		}
		hist.Loans = append(hist.Loans, first.Loans...)
	}
	if pa, err = s.Store.ReplacePA(ctx, p.Coop, pa, first); err != nil {
		return dpcoop.PA{}, err
	}
	return pa.WithHistory(hist, dpcoop.DateOf(now)), nil
}

// PayHistory is a PA's pay history: their notices, pay to date and what
// final runs recorded; to an admin, and to the PA themself.
func (s *Service) PayHistory(ctx context.Context, p dpcoop.Principal, id string) (dpcoop.PayHistory, error) {
	if _, err := s.own(ctx, p, "read pay history", id); err != nil {
		return dpcoop.PayHistory{}, err
	}
	return s.Store.PayHistory(ctx, p.Coop, id)
}

// payNotice is a dated notice kept in a PA's pay history.
type payNotice[N any] interface {
	CheckFor(dpcoop.PA) error
	WithID(string) N
}

// noticeInput is what an admin records from such a notice.
type noticeInput[N any] interface {
	Validate(by string, at time.Time) (N, error)
}

// record checks a notice for a PA against their record and adds it to their
// pay history once: the same request again returns the history, created
// false.
func record[I noticeInput[N], N payNotice[N]](ctx context.Context, s *Service, p dpcoop.Principal, pa string, in I, kind string, id dpcoop.RequestID, now time.Time,
	add func(context.Context, dpcoop.CoopID, string, N) (dpcoop.PayHistory, bool, error)) (dpcoop.PayHistory, bool, error) {
	n, err := in.Validate(p.Person, now)
	if err != nil {
		return dpcoop.PayHistory{}, false, err
	}
	rec, err := s.own(ctx, p, "record "+kind, pa)
	if err != nil {
		return dpcoop.PayHistory{}, false, err
	}
	if err := n.CheckFor(rec); err != nil {
		return dpcoop.PayHistory{}, false, err
	}
	nid, err := id(kind, rec.ID, fingerprint(in))
	if err != nil {
		return dpcoop.PayHistory{}, false, err
	}
	return add(ctx, p.Coop, rec.ID, n.WithID(nid))
}

// RecordTaxCode records a P6, P9, P45 or starter declaration in a PA's pay
// history: the only way their tax code changes.
func (s *Service) RecordTaxCode(ctx context.Context, p dpcoop.Principal, pa string, in dpcoop.TaxCodeNoticeInput, id dpcoop.RequestID, now time.Time) (dpcoop.PayHistory, bool, error) {
	if err := p.Admin("record tax code"); err != nil {
		return dpcoop.PayHistory{}, false, err
	}
	return record(ctx, s, p, pa, in, "notice", id, now, s.Store.AddTaxCodeNotice)
}

// RecordLoan records a student or postgraduate loan notice (SL1, SL2, PGL1,
// PGL2 or the starter declaration's answers): the only way their loan
// deductions start or stop.
func (s *Service) RecordLoan(ctx context.Context, p dpcoop.Principal, pa string, in dpcoop.LoanNoticeInput, id dpcoop.RequestID, now time.Time) (dpcoop.PayHistory, bool, error) {
	if err := p.Admin("record loan"); err != nil {
		return dpcoop.PayHistory{}, false, err
	}
	return record(ctx, s, p, pa, in, "loan", id, now, s.Store.AddLoanNotice)
}

// RecordParental records a PA's SMP or SPP notice.
func (s *Service) RecordParental(ctx context.Context, p dpcoop.Principal, pa string, in dpcoop.ParentalNoticeInput, id dpcoop.RequestID, now time.Time) (dpcoop.PayHistory, bool, error) {
	if err := p.Admin("record parental notice"); err != nil {
		return dpcoop.PayHistory{}, false, err
	}
	return record(ctx, s, p, pa, in, "parental", id, now, s.Store.AddParentalNotice)
}

// Leave records the day a PA left the co-op's employment: their pay history
// keeps it and their sign-in ends (a retry revokes again if that failed).
// They can still read their own record and payslips. Each of the Leaving
// steps runs after (again on a retry, which each does safely).
func (s *Service) Leave(ctx context.Context, p dpcoop.Principal, id, date string, now time.Time) (dpcoop.PayHistory, error) {
	if err := p.Admin("leave"); err != nil {
		return dpcoop.PayHistory{}, err
	}
	pa, err := s.own(ctx, p, "pa leaves", id)
	if err != nil {
		return dpcoop.PayHistory{}, err
	}
	left, err := dpcoop.ValidateLeaving(pa, date, now)
	if err != nil {
		return dpcoop.PayHistory{}, err
	}
	hist, err := s.Store.PALeaves(ctx, p.Coop, pa.ID, left)
	if err != nil {
		return dpcoop.PayHistory{}, err
	}
	if err := s.Identities.Revoke(ctx, dpcoop.Person{ID: pa.ID, Coop: p.Coop}); err != nil {
		return dpcoop.PayHistory{}, err
	}
	return hist, s.Audit.Leaving(ctx, p, pa.ID, s.Leaving, now)
}

// IssueP45 issues a leaver's P45, once: their code, loans and pay to date as
// they are now (after their final pay). A payment after it is taxed on 0T,
// week 1/month 1.
func (s *Service) IssueP45(ctx context.Context, p dpcoop.Principal, id string, now time.Time) (dpcoop.LeaverP45, error) {
	if err := p.Admin("issue p45"); err != nil {
		return dpcoop.LeaverP45{}, err
	}
	pa, err := s.own(ctx, p, "issue p45", id)
	if err != nil {
		return dpcoop.LeaverP45{}, err
	}
	hist, err := s.Store.PayHistory(ctx, p.Coop, id)
	if err != nil {
		return dpcoop.LeaverP45{}, err
	}
	p45, err := hist.P45(pa, dpcoop.DateOf(now))
	if err != nil {
		return dpcoop.LeaverP45{}, err
	}
	if hist, err = s.Store.IssueP45(ctx, p.Coop, id, p45); err != nil {
		return dpcoop.LeaverP45{}, err
	}
	return *hist.IssuedP45, nil
}

// P45 is a leaver's P45 as issued, with their record (for its language), to
// an admin or the PA themself.
func (s *Service) P45(ctx context.Context, p dpcoop.Principal, id string) (dpcoop.PA, dpcoop.LeaverP45, error) {
	pa, err := s.own(ctx, p, "read p45", id)
	if err != nil {
		return dpcoop.PA{}, dpcoop.LeaverP45{}, err
	}
	hist, err := s.Store.PayHistory(ctx, p.Coop, id)
	if err != nil {
		return dpcoop.PA{}, dpcoop.LeaverP45{}, err
	}
	if hist.IssuedP45 == nil {
		return dpcoop.PA{}, dpcoop.LeaverP45{}, dpcoop.E("read p45", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return pa, *hist.IssuedP45, nil
}

// related reads a record a request names; absence is that field's error.
func related[T any](ctx context.Context, field string, read func(context.Context, dpcoop.CoopID, string) (T, error), coop dpcoop.CoopID, id string) (T, error) {
	var zero T
	var p dpcoop.Problems
	if !dpcoop.ValidID(id) {
		p.Add(field, dpcoop.FieldInvalid)
		return zero, p.Err("read " + field)
	}
	v, err := read(ctx, coop, id)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		p.Add(field, dpcoop.FieldInvalid)
		return zero, p.Err("read " + field)
	}
	return v, err
}

// Employ links a PA to a member with rates by shift kind, once: below the
// minimum wage is refused, below the Real Living Wage warned (Warnings).
func (s *Service) Employ(ctx context.Context, p dpcoop.Principal, in dpcoop.EmploymentInput, id dpcoop.RequestID, now time.Time) (dpcoop.Employment, error) {
	if err := p.Admin("employ"); err != nil {
		return dpcoop.Employment{}, err
	}
	pa, err := related(ctx, "pa_id", s.Store.PA, p.Coop, in.PA)
	if err != nil {
		return dpcoop.Employment{}, err
	}
	member, err := related(ctx, "member_id", s.Store.Member, p.Coop, in.Member)
	if err != nil {
		return dpcoop.Employment{}, err
	}
	e, err := in.Validate(pa, member)
	if err != nil {
		return dpcoop.Employment{}, err
	}
	if e.ID, err = id("employment", e.PA, e.Member, string(e.Start)); err != nil {
		return dpcoop.Employment{}, err
	}
	others, err := s.Store.Employments(ctx, p.Coop, e.PA)
	if err != nil {
		return dpcoop.Employment{}, err
	}
	if err := e.CheckOverlap(others); err != nil {
		return dpcoop.Employment{}, err
	}
	e, err = s.Store.AddEmployment(ctx, p.Coop, e, fingerprint(in))
	return s.issued(ctx, p, e, err, now)
}

// ChangeRates gives an employment new rates from a date (an April
// uprating, a pay rise): shifts from then on are paid at them.
func (s *Service) ChangeRates(ctx context.Context, p dpcoop.Principal, id string, in dpcoop.RateChangeInput, ids dpcoop.RequestID, now time.Time) (dpcoop.Employment, error) {
	if err := p.Admin("change rates"); err != nil {
		return dpcoop.Employment{}, err
	}
	if !dpcoop.ValidID(id) {
		return dpcoop.Employment{}, dpcoop.E("change rates", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	changeID, err := ids("rate-change", id, fingerprint(in))
	if err != nil {
		return dpcoop.Employment{}, err
	}
	e, err := s.Store.UpdateEmployment(ctx, p.Coop, id, func(e dpcoop.Employment) (dpcoop.Employment, error) {
		pa, err := s.Store.PA(ctx, p.Coop, e.PA)
		if err != nil {
			return dpcoop.Employment{}, err
		}
		return in.Change(e, pa, changeID, p.Person, now)
	})
	return s.issued(ctx, p, e, err, now)
}

// ChangeRole changes the kind of support an employment is for: the PA is
// given a new version of their written statement with the new job title,
// and the DBS check the co-op requires follows the role.
func (s *Service) ChangeRole(ctx context.Context, p dpcoop.Principal, id string, in dpcoop.RoleInput, now time.Time) (dpcoop.Employment, error) {
	if err := p.Admin("change role"); err != nil {
		return dpcoop.Employment{}, err
	}
	if !dpcoop.ValidID(id) {
		return dpcoop.Employment{}, dpcoop.E("change role", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	e, err := s.Store.UpdateEmployment(ctx, p.Coop, id, in.Change)
	return s.issued(ctx, p, e, err, now)
}

// End records an employment's last day (the PA stops supporting that
// member); its shifts after it are no longer paid under it.
func (s *Service) End(ctx context.Context, p dpcoop.Principal, id string, in dpcoop.EndInput, now time.Time) (dpcoop.Employment, error) {
	if err := p.Admin("end"); err != nil {
		return dpcoop.Employment{}, err
	}
	if !dpcoop.ValidID(id) {
		return dpcoop.Employment{}, dpcoop.E("end employment", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	e, err := s.Store.UpdateEmployment(ctx, p.Coop, id, in.End)
	return s.issued(ctx, p, e, err, now)
}

// Uprating is an admin's warning, ahead of 1 April, that a coming minimum
// wage will overtake an employment's rate.
type Uprating struct {
	Employment string
	Code       string
	Params     map[string]string
}

// Employments are the employments p may see (an admin's filtered by pa or
// member, a PA's own, those that support a member), with an admin's
// uprating warnings.
func (s *Service) Employments(ctx context.Context, p dpcoop.Principal, pa, member string, now time.Time) ([]dpcoop.Employment, []Uprating, error) {
	switch {
	case p.Has(dpcoop.RoleAdmin):
	case p.Has(dpcoop.RolePA):
		pa = p.Person
	default:
		member = p.Person
	}
	all, err := s.Store.Employments(ctx, p.Coop, pa)
	if err != nil {
		return nil, nil, err
	}
	out := []dpcoop.Employment{}
	for _, e := range all {
		if member == "" || e.Member == member {
			out = append(out, e)
		}
	}
	ups := []Uprating{}
	if !p.Has(dpcoop.RoleAdmin) {
		return out, ups, nil
	}
	pas := map[string]dpcoop.PA{}
	for _, e := range out {
		rec, ok := pas[e.PA]
		if !ok {
			if rec, err = s.Store.PA(ctx, p.Coop, e.PA); err != nil {
				return nil, nil, err
			}
			pas[e.PA] = rec
		}
		if code, params, ok := e.Uprating(rec, dpcoop.DateOf(now)); ok {
			ups = append(ups, Uprating{Employment: e.ID, Code: code, Params: params})
		}
	}
	return out, ups, nil
}

// Supported is a member as a PA who supports them may know them: by name.
type Supported struct {
	ID, Name string
}

// Supported are the members the PA's employments support (ended ones too,
// for late shifts), by name only: whom a PA's shift may be for.
func (s *Service) Supported(ctx context.Context, p dpcoop.Principal) ([]Supported, error) {
	if !p.Has(dpcoop.RolePA) {
		return nil, dpcoop.E("read supported members", dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	emps, err := s.Store.Employments(ctx, p.Coop, p.Person)
	if err != nil {
		return nil, err
	}
	out := []Supported{}
	for _, e := range emps {
		if slices.ContainsFunc(out, func(m Supported) bool { return m.ID == e.Member }) {
			continue
		}
		m, err := s.Store.Member(ctx, p.Coop, e.Member)
		if err != nil {
			return nil, err
		}
		out = append(out, Supported{ID: m.ID, Name: m.Name})
	}
	return out, nil
}
