// Package members is the membership capability as an application service:
// deciding applications, the register of members (Co-operative and
// Community Benefit Societies Act 2014, s.30), ceasing a member, and a
// member's copy of the data the co-op holds about them. Each call takes the
// acting person and decides what they may see; the JSON API and the pages
// both call it.
package members

import (
	"context"
	"time"

	"github.com/dpcoop/dpcoop/internal/audit"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Store is what the service reads and writes.
type Store interface {
	Application(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Application, error)
	Applications(ctx context.Context, coop dpcoop.CoopID, status dpcoop.ApplicationStatus, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Application], error)
	DecideApplication(ctx context.Context, coop dpcoop.CoopID, id string, d dpcoop.Decision, admit func(dpcoop.Application) dpcoop.Admission) (dpcoop.Application, error)
	Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error)
	Members(ctx context.Context, coop dpcoop.CoopID, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Member], error)
	CeaseMember(ctx context.Context, coop dpcoop.CoopID, id string, c dpcoop.Cessation) (dpcoop.Member, error)
	CorrectMember(ctx context.Context, coop dpcoop.CoopID, m dpcoop.Member) (dpcoop.Member, error)
	// SubjectRecords reads together a member's register entry, the
	// application that admitted them, their care plan, their pool
	// memberships and their account's entries dated in the page given for
	// the member (SubjectData but the shifts; not found off the register).
	SubjectRecords(ctx context.Context, coop dpcoop.CoopID, id string, page func(dpcoop.Member) dpcoop.SubjectYear) (dpcoop.SubjectData, error)
	// ShiftsOfMemberPaid lists the shifts done for a member paid in the
	// months from to to, read by member, oldest first.
	ShiftsOfMemberPaid(ctx context.Context, coop dpcoop.CoopID, member, from, to string) ([]dpcoop.Shift, error)
}

// Service answers for applications and the register.
type Service struct {
	Store Store
	// Identities invites the people approved to sign in, and ends the
	// sign-in of members who cease.
	Identities dpcoop.Identities
	// Leaving are the steps a member's ceasing ends outside the register
	// (their match preferences, buddying, answers to activities to come
	// and calendar feed: docs/leaving.md), each recorded in Audit's trail.
	Leaving []dpcoop.LeavingStep
	Audit   *audit.Service
}

// Applications lists a co-op's applications with a status (pending when
// none is given), a page at a time.
func (s *Service) Applications(ctx context.Context, p dpcoop.Principal, status dpcoop.ApplicationStatus, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Application], error) {
	if err := p.Admin("applications"); err != nil {
		return dpcoop.Page[dpcoop.Application]{}, err
	}
	switch status {
	case "":
		status = dpcoop.StatusPending
	case dpcoop.StatusPending, dpcoop.StatusApproved, dpcoop.StatusRejected:
	default:
		var problems dpcoop.Problems
		problems.Add("status", dpcoop.FieldChoice)
		return dpcoop.Page[dpcoop.Application]{}, problems.Err("list applications")
	}
	return s.Store.Applications(ctx, p.Coop, status, page)
}

// Application reads one application.
func (s *Service) Application(ctx context.Context, p dpcoop.Principal, id string) (dpcoop.Application, error) {
	if err := p.Admin("application"); err != nil {
		return dpcoop.Application{}, err
	}
	if !dpcoop.ValidID(id) {
		return dpcoop.Application{}, dpcoop.E("read application", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return s.Store.Application(ctx, p.Coop, id)
}

// Approve accepts an application: a member or supporter is entered on the
// register in the same transaction, on the legal date entered the admin
// gives (a register moved here keeps its dates; "" is today), and everyone
// approved is invited to sign in. Approving again returns the same result and
// invites again, which is harmless, so a failed invitation is mended by
// retrying; but never with another date entered.
func (s *Service) Approve(ctx context.Context, p dpcoop.Principal, id, dateEntered string, now time.Time) (dpcoop.Application, error) {
	if err := p.Admin("approve"); err != nil {
		return dpcoop.Application{}, err
	}
	entered, err := dpcoop.ValidateEntered(dateEntered, now)
	if err != nil {
		return dpcoop.Application{}, err
	}
	a, err := s.decide(ctx, p, id, dpcoop.Decision{Approve: true, By: p.Person, At: now}, entered)
	if err != nil {
		return dpcoop.Application{}, err
	}
	if a.MemberID != "" && dateEntered != "" {
		m, err := s.Store.Member(ctx, p.Coop, a.MemberID)
		if err != nil {
			return dpcoop.Application{}, err
		}
		if m.Entered != entered {
			return dpcoop.Application{}, dpcoop.E("approve application", dpcoop.KindConflict, dpcoop.CodeAlreadyDecided)
		}
	}
	if a.Status == dpcoop.StatusApproved {
		role := dpcoop.RoleMember
		if a.Kind == dpcoop.KindPA {
			role = dpcoop.RolePA
		}
		if err := s.Identities.Invite(ctx, dpcoop.Person{ID: a.ID, Coop: a.Coop, Email: a.Email, Role: role, Language: a.Language, Name: a.Name}); err != nil {
			return dpcoop.Application{}, err
		}
	}
	return a, nil
}

// Reject turns an application down with a reason the applicant can be told.
func (s *Service) Reject(ctx context.Context, p dpcoop.Principal, id, reason string, now time.Time) (dpcoop.Application, error) {
	if err := p.Admin("reject"); err != nil {
		return dpcoop.Application{}, err
	}
	reason, err := dpcoop.ValidateRejection(reason)
	if err != nil {
		return dpcoop.Application{}, err
	}
	return s.decide(ctx, p, id, dpcoop.Decision{By: p.Person, At: now, Reason: reason}, dpcoop.DateOf(now))
}

func (s *Service) decide(ctx context.Context, p dpcoop.Principal, id string, d dpcoop.Decision, entered dpcoop.Date) (dpcoop.Application, error) {
	if !dpcoop.ValidID(id) {
		return dpcoop.Application{}, dpcoop.E("decide application", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return s.Store.DecideApplication(ctx, p.Coop, id, d, dpcoop.AdmitOnApproval(entered))
}

// Members lists the register's entries, a page at a time (admins, by route).
func (s *Service) Members(ctx context.Context, p dpcoop.Principal, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Member], error) {
	if err := p.Admin("members"); err != nil {
		return dpcoop.Page[dpcoop.Member]{}, err
	}
	return s.Store.Members(ctx, p.Coop, page)
}

// Member is a register entry, for an admin or the member themself.
func (s *Service) Member(ctx context.Context, p dpcoop.Principal, id string) (dpcoop.Member, error) {
	if !dpcoop.ValidID(id) || !p.MaySee(id) {
		return dpcoop.Member{}, dpcoop.E("read member", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return s.Store.Member(ctx, p.Coop, id)
}

// Correct puts a member's register details right, for an admin or the
// member themself. A new email, name or language moves their sign-in first,
// so a retry after the register's write failed moves it to the same end; a
// former member's sign-in has ended, so theirs is left.
func (s *Service) Correct(ctx context.Context, p dpcoop.Principal, id string, d dpcoop.MemberDetails) (dpcoop.Member, error) {
	was, err := s.Member(ctx, p, id)
	if err != nil {
		return dpcoop.Member{}, err
	}
	m, err := was.Corrected(d)
	if err != nil {
		return dpcoop.Member{}, err
	}
	if before, after := signIn(p.Coop, was), signIn(p.Coop, m); before != after && was.Ceased == "" {
		if err := s.Identities.Update(ctx, before, after); err != nil {
			return dpcoop.Member{}, err
		}
	}
	return s.Store.CorrectMember(ctx, p.Coop, m)
}

// signIn is the person a member signs in as.
func signIn(coop dpcoop.CoopID, m dpcoop.Member) dpcoop.Person {
	return dpcoop.Person{ID: m.ID, Coop: coop, Email: m.Email, Role: dpcoop.RoleMember, Language: m.Language, Name: m.Name}
}

// Cease records the date a member left and why; their sign-in ends with it,
// and each of the Leaving steps runs (a retry of the same cessation revokes
// again and runs every step again, which each does safely).
func (s *Service) Cease(ctx context.Context, p dpcoop.Principal, id, date, reason string, now time.Time) (dpcoop.Member, error) {
	if err := p.Admin("cease"); err != nil {
		return dpcoop.Member{}, err
	}
	if !dpcoop.ValidID(id) {
		return dpcoop.Member{}, dpcoop.E("cease member", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	c, err := dpcoop.ValidateCessation(date, reason, p.Person, now)
	if err != nil {
		return dpcoop.Member{}, err
	}
	m, err := s.Store.CeaseMember(ctx, p.Coop, id, c)
	if err != nil {
		return dpcoop.Member{}, err
	}
	if err := s.Identities.Revoke(ctx, dpcoop.Person{ID: m.ID, Coop: p.Coop}); err != nil {
		return dpcoop.Member{}, err
	}
	return m, s.Audit.Leaving(ctx, p, m.ID, s.Leaving, now)
}

// Register is the register of members, former members included, as p may
// inspect it (dpcoop.RegisterFor).
func (s *Service) Register(ctx context.Context, p dpcoop.Principal) ([]dpcoop.RegisterEntry, error) {
	var all []dpcoop.Member
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		res, err := s.Store.Members(ctx, p.Coop, page)
		if err != nil {
			return nil, err
		}
		all = append(all, res.Items...)
		if res.Next == "" {
			return dpcoop.RegisterFor(p, all), nil
		}
		page.Cursor = res.Next
	}
}

// Data is a member's copy of the data the co-op holds about them, for the
// member or an admin (UK GDPR art. 15): the register entry, their
// application, care plan, pools, every entry of their account and every
// shift done for them (work recorded before a register moved here, and
// leave asked for ahead, included), read by member, on one page (the web's
// download; the API pages it by year, DataYear).
func (s *Service) Data(ctx context.Context, p dpcoop.Principal, id string, now time.Time) (dpcoop.SubjectData, error) {
	return s.data(ctx, p, id, now, func(dpcoop.Member) dpcoop.SubjectYear { return dpcoop.WholeHistory })
}

// DataYear gives a member (or an admin for them) one year's page of their
// copy of their data (0: the current year's, the first), naming the next;
// the pages from the current year back hold all of it (dpcoop.SubjectYearOf).
// Three reads, however long the member's history.
func (s *Service) DataYear(ctx context.Context, p dpcoop.Principal, id string, year int, now time.Time) (dpcoop.SubjectData, error) {
	year, current, err := dpcoop.SubjectYearAsked(year, now, "read member data")
	if err != nil {
		return dpcoop.SubjectData{}, err
	}
	return s.data(ctx, p, id, now, func(m dpcoop.Member) dpcoop.SubjectYear { return dpcoop.SubjectYearOf(year, current, m.Entered) })
}

// data reads the member's copy of their data holding page's part of their
// history.
func (s *Service) data(ctx context.Context, p dpcoop.Principal, id string, now time.Time, page func(dpcoop.Member) dpcoop.SubjectYear) (dpcoop.SubjectData, error) {
	if !dpcoop.ValidID(id) || !p.MaySee(id) {
		return dpcoop.SubjectData{}, dpcoop.E("read member", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	coop := p.Coop
	out, err := s.Store.SubjectRecords(ctx, coop, id, page)
	if err != nil {
		return dpcoop.SubjectData{}, err
	}
	out.Generated = now.UTC()
	y := page(out.Member)
	if out.Shifts, err = s.Store.ShiftsOfMemberPaid(ctx, coop, id, y.From.Month(), y.To.Month()); err != nil {
		return dpcoop.SubjectData{}, err
	}
	// Lists the member has none of are empty, not absent.
	if out.AccountEntries == nil {
		out.AccountEntries = []dpcoop.Entry{}
	}
	if out.Pools == nil {
		out.Pools = []dpcoop.PoolMember{}
	}
	if out.Shifts == nil {
		out.Shifts = []dpcoop.Shift{}
	}
	return out, nil
}
