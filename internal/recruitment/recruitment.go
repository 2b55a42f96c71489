// Package recruitment is the co-op's safe recruitment of PAs as an
// application service: the right-to-work checks that must come before a PA
// is paid for work, their references and DBS checks, and what a member
// choosing a PA may see of them. Each call takes the acting person; the
// rules are the domain's (package dpcoop). The JSON API and the pages both
// call it.
package recruitment

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Store is what the service reads and writes.
type Store interface {
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	PAs(ctx context.Context, coop dpcoop.CoopID, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.PA], error)
	Recruitment(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.Recruitment, error)
	Recruitments(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Recruitment, error)
	AddRightToWork(ctx context.Context, coop dpcoop.CoopID, pa string, c dpcoop.RightToWorkCheck) (dpcoop.Recruitment, bool, error)
	AddReference(ctx context.Context, coop dpcoop.CoopID, pa string, r dpcoop.Reference) (dpcoop.Recruitment, bool, error)
	AddDBSCheck(ctx context.Context, coop dpcoop.CoopID, pa string, c dpcoop.DBSCheck) (dpcoop.Recruitment, bool, error)
	RecruitmentPolicy(ctx context.Context, coop dpcoop.CoopID) (dpcoop.RecruitmentPolicy, error)
	SetRecruitmentPolicy(ctx context.Context, coop dpcoop.CoopID, p dpcoop.RecruitmentPolicy) error
	Employments(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Employment, error)
	Training(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Training, error)
	RequiredCourses(ctx context.Context, coop dpcoop.CoopID) (dpcoop.RequiredTraining, error)
}

// Service answers for safe recruitment.
type Service struct {
	Store Store
}

// Record is a PA's safe-recruitment record as an admin or the PA sees it,
// with the state of their right to work today.
type Record struct {
	dpcoop.Recruitment
	// RightToWorkState is valid, follow_up_due or none (no check covers
	// today); FollowUpBy is the day time-limited permission ends, when a
	// follow-up check is due.
	RightToWorkState string      `json:"right_to_work_state"`
	FollowUpBy       dpcoop.Date `json:"follow_up_by,omitempty"`
	// DBSByRole is, for each role the PA is employed in (now or from a
	// coming start), the level the co-op requires and whether their checks
	// meet it.
	DBSByRole []dpcoop.RoleDBS `json:"dbs_by_role"`
}

// Read is a PA's record, to an admin or the PA themself; anyone else is
// refused.
func (s *Service) Read(ctx context.Context, p dpcoop.Principal, pa string, now time.Time) (Record, error) {
	if _, err := s.pa(ctx, p, "read recruitment", pa, false); err != nil {
		return Record{}, err
	}
	r, err := s.Store.Recruitment(ctx, p.Coop, pa)
	if err != nil {
		return Record{}, err
	}
	return s.record(ctx, p.Coop, r, now)
}

// record is the PA's record with its state on now's day and their roles'
// DBS requirements.
func (s *Service) record(ctx context.Context, coop dpcoop.CoopID, r dpcoop.Recruitment, now time.Time) (Record, error) {
	today := dpcoop.DateOf(now)
	pol, emps, err := s.roles(ctx, coop, r.PA, today)
	if err != nil {
		return Record{}, err
	}
	state, by := r.RightToWorkState(today)
	return Record{Recruitment: r, RightToWorkState: state, FollowUpBy: by, DBSByRole: r.RoleRequirements(pol, emps)}, nil
}

// roles reads the co-op's policy and the PA's employments in force on day
// today or starting after it: those whose roles their DBS checks must meet.
func (s *Service) roles(ctx context.Context, coop dpcoop.CoopID, pa string, today dpcoop.Date) (dpcoop.RecruitmentPolicy, []dpcoop.Employment, error) {
	pol, err := s.Store.RecruitmentPolicy(ctx, coop)
	if err != nil {
		return pol, nil, err
	}
	emps, err := s.Store.Employments(ctx, coop, pa)
	return pol, current(emps, today), err
}

// current keeps the employments not ended before day today.
func current(emps []dpcoop.Employment, today dpcoop.Date) []dpcoop.Employment {
	return slices.DeleteFunc(emps, func(e dpcoop.Employment) bool { return e.Ended(today) })
}

// pa reads the PA p may see: admins any, the PA themself their own (unless
// only admins may act, when anyone else is refused); to anyone else another
// person's record is not found, as everywhere, so its being is not told.
func (s *Service) pa(ctx context.Context, p dpcoop.Principal, op, id string, adminOnly bool) (dpcoop.PA, error) {
	if adminOnly {
		if err := p.Admin(op); err != nil {
			return dpcoop.PA{}, err
		}
	}
	if !dpcoop.ValidID(id) || !p.MaySee(id) {
		return dpcoop.PA{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return s.Store.PA(ctx, p.Coop, id)
}

// Status is what a member choosing or employing a PA sees, on now's day:
// right to work checked, references received of those asked for, DBS
// meeting the co-op's requirement for the PA's roles, training current;
// nothing more.
func (s *Service) Status(ctx context.Context, p dpcoop.Principal, pa string, now time.Time) (dpcoop.RecruitmentStatus, error) {
	if !dpcoop.ValidID(pa) || !p.HasAny(dpcoop.RoleAdmin, dpcoop.RoleMember) && p.Person != pa {
		return dpcoop.RecruitmentStatus{}, dpcoop.E("read recruitment status", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if _, err := s.Store.PA(ctx, p.Coop, pa); err != nil {
		return dpcoop.RecruitmentStatus{}, err
	}
	r, err := s.Store.Recruitment(ctx, p.Coop, pa)
	if err != nil {
		return dpcoop.RecruitmentStatus{}, err
	}
	today := dpcoop.DateOf(now)
	pol, emps, err := s.roles(ctx, p.Coop, pa, today)
	if err != nil {
		return dpcoop.RecruitmentStatus{}, err
	}
	ts, err := s.Store.Training(ctx, p.Coop, pa)
	if err != nil {
		return dpcoop.RecruitmentStatus{}, err
	}
	req, err := s.Store.RequiredCourses(ctx, p.Coop)
	if err != nil {
		return dpcoop.RecruitmentStatus{}, err
	}
	return r.Status(today, pol, emps, dpcoop.MissingCourses(ts, req.Courses, today)), nil
}

// fingerprint is a request's content as one string (plain values cannot
// fail to marshal).
func fingerprint(in any) string {
	b, _ := json.Marshal(in)
	return dpcoop.Fingerprint(string(b))
}

// entryInput is what an admin records, validated into an entry.
type entryInput[E any] interface {
	Validate(by string, at time.Time) (E, error)
}

// record validates an entry for a PA and adds it to their record once: the
// same request again returns the record, created false.
func record[I entryInput[E], E any](ctx context.Context, s *Service, p dpcoop.Principal, pa string, in I, kind string, id dpcoop.RequestID, now time.Time,
	setID func(*E, string), add func(context.Context, dpcoop.CoopID, string, E) (dpcoop.Recruitment, bool, error)) (Record, bool, error) {
	if err := p.Admin("record " + kind); err != nil {
		return Record{}, false, err
	}
	e, err := in.Validate(p.Person, now)
	if err != nil {
		return Record{}, false, err
	}
	rec, err := s.pa(ctx, p, "record "+kind, pa, true)
	if err != nil {
		return Record{}, false, err
	}
	eid, err := id(kind, rec.ID, fingerprint(in))
	if err != nil {
		return Record{}, false, err
	}
	setID(&e, eid)
	r, created, err := add(ctx, p.Coop, rec.ID, e)
	if err != nil {
		return Record{}, false, err
	}
	out, err := s.record(ctx, p.Coop, r, now)
	return out, created, err
}

// RecordRightToWork records a right-to-work check of a PA (admins only).
func (s *Service) RecordRightToWork(ctx context.Context, p dpcoop.Principal, pa string, in dpcoop.RightToWorkInput, id dpcoop.RequestID, now time.Time) (Record, bool, error) {
	return record(ctx, s, p, pa, in, "rtw", id, now, func(c *dpcoop.RightToWorkCheck, id string) { c.ID = id }, s.Store.AddRightToWork)
}

// RecordReference records a reference asked for or received (admins only).
func (s *Service) RecordReference(ctx context.Context, p dpcoop.Principal, pa string, in dpcoop.ReferenceInput, id dpcoop.RequestID, now time.Time) (Record, bool, error) {
	return record(ctx, s, p, pa, in, "reference", id, now, func(r *dpcoop.Reference, id string) { r.ID = id }, s.Store.AddReference)
}

// RecordDBS records a DBS check (admins only).
func (s *Service) RecordDBS(ctx context.Context, p dpcoop.Principal, pa string, in dpcoop.DBSInput, id dpcoop.RequestID, now time.Time) (Record, bool, error) {
	return record(ctx, s, p, pa, in, "dbs", id, now, func(c *dpcoop.DBSCheck, id string) { c.ID = id }, s.Store.AddDBSCheck)
}

// Due is what the admin's dashboard lists: PAs no right-to-work check
// covers today, those whose time-limited permission ends within
// dpcoop.FollowUpDays, and those whose DBS checks do not meet what the
// co-op requires of a role they are employed in.
type Due struct {
	NoCheck  []dpcoop.PA
	FollowUp []FollowUp
	NoDBS    []dpcoop.PA
}

// FollowUp is a PA whose follow-up check is due by a day.
type FollowUp struct {
	PA dpcoop.PA
	By dpcoop.Date
}

// Policy is the co-op's recruitment policy (admins only).
func (s *Service) Policy(ctx context.Context, p dpcoop.Principal) (dpcoop.RecruitmentPolicy, error) {
	if err := p.Admin("read recruitment policy"); err != nil {
		return dpcoop.RecruitmentPolicy{}, err
	}
	return s.Store.RecruitmentPolicy(ctx, p.Coop)
}

// SetPolicy sets whether the co-op requires a DBS check of its PAs, and of
// which level, for every role and for each role set apart (admins only).
func (s *Service) SetPolicy(ctx context.Context, p dpcoop.Principal, in dpcoop.RecruitmentPolicy) (dpcoop.RecruitmentPolicy, error) {
	if err := p.Admin("set recruitment policy"); err != nil {
		return dpcoop.RecruitmentPolicy{}, err
	}
	pol, err := in.Validate()
	if err != nil {
		return dpcoop.RecruitmentPolicy{}, err
	}
	return pol, s.Store.SetRecruitmentPolicy(ctx, p.Coop, pol)
}

// Due lists what needs doing across the co-op's PAs (admins only).
func (s *Service) Due(ctx context.Context, p dpcoop.Principal, now time.Time) (Due, error) {
	if err := p.Admin("recruitment due"); err != nil {
		return Due{}, err
	}
	pol, err := s.Store.RecruitmentPolicy(ctx, p.Coop)
	if err != nil {
		return Due{}, err
	}
	recs, err := s.Store.Recruitments(ctx, p.Coop)
	if err != nil {
		return Due{}, err
	}
	byPA := map[string]dpcoop.Recruitment{}
	for _, r := range recs {
		byPA[r.PA] = r
	}
	today := dpcoop.DateOf(now)
	all, err := s.Store.Employments(ctx, p.Coop, "")
	if err != nil {
		return Due{}, err
	}
	empsOf := map[string][]dpcoop.Employment{}
	for _, e := range current(all, today) {
		empsOf[e.PA] = append(empsOf[e.PA], e)
	}
	var due Due
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		res, err := s.Store.PAs(ctx, p.Coop, page)
		if err != nil {
			return Due{}, err
		}
		for _, pa := range res.Items {
			r := byPA[pa.ID]
			switch state, by := r.RightToWorkState(today); state {
			case dpcoop.RightToWorkNone:
				due.NoCheck = append(due.NoCheck, pa)
			case dpcoop.RightToWorkFollowUpDue:
				due.FollowUp = append(due.FollowUp, FollowUp{PA: pa, By: by})
			}
			if !r.MeetsDBS(pol, empsOf[pa.ID]) {
				due.NoDBS = append(due.NoDBS, pa)
			}
		}
		if res.Next == "" {
			return due, nil
		}
		page.Cursor = res.Next
	}
}
