// Package training is PAs' training as an application service: the admins
// record the courses each PA completed, with the expiry the provider set,
// and the courses every PA must hold; a PA reads their own; a member sees
// only which courses their PAs hold current and until when; and the
// dashboard lists what is expiring, expired or missing. The rules are the
// domain's (dpcoop/training.go).
package training

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Store is what the service reads and writes.
type Store interface {
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error)
	Employments(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Employment, error)
	AddTraining(ctx context.Context, coop dpcoop.CoopID, t dpcoop.Training) (bool, error)
	Training(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Training, error)
	DeleteTraining(ctx context.Context, coop dpcoop.CoopID, pa, id string) error
	RequiredCourses(ctx context.Context, coop dpcoop.CoopID) (dpcoop.RequiredTraining, error)
	SetRequiredCourses(ctx context.Context, coop dpcoop.CoopID, r dpcoop.RequiredTraining) error
}

// Service answers for PAs' training.
type Service struct {
	Store Store
	// Statements gives current PAs a new version of their written statement
	// when the required training changes (package particulars); nil gives
	// none.
	Statements interface {
		Reissue(ctx context.Context, p dpcoop.Principal, now time.Time) error
	}
}

// Record is a PA's training as an admin or the PA sees it: every course,
// those to renew soon or expired, and the required kinds missing.
type Record struct {
	Training []dpcoop.Training `json:"training"`
	Due      []dpcoop.Training `json:"due"`
	Missing  []dpcoop.Course   `json:"missing"`
}

// own finds a PA an admin, or the PA themself, may read; anyone else
// learns nothing, not even that the PA exists.
func (s *Service) own(ctx context.Context, p dpcoop.Principal, op, id string) (dpcoop.PA, error) {
	if !dpcoop.ValidID(id) || !p.MaySee(id) {
		return dpcoop.PA{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return s.Store.PA(ctx, p.Coop, id)
}

// Of is a PA's training, for an admin or the PA, as it stands on now's day.
func (s *Service) Of(ctx context.Context, p dpcoop.Principal, pa string, now time.Time) (Record, error) {
	if _, err := s.own(ctx, p, "read training", pa); err != nil {
		return Record{}, err
	}
	ts, err := s.Store.Training(ctx, p.Coop, pa)
	if err != nil {
		return Record{}, err
	}
	req, err := s.Store.RequiredCourses(ctx, p.Coop)
	if err != nil {
		return Record{}, err
	}
	return record(ts, req, dpcoop.DateOf(now)), nil
}

func record(ts []dpcoop.Training, req dpcoop.RequiredTraining, on dpcoop.Date) Record {
	slices.SortFunc(ts, func(a, b dpcoop.Training) int { return b.Completed.Time().Compare(a.Completed.Time()) })
	due := dpcoop.DueTraining(ts, on)
	if due == nil {
		due = []dpcoop.Training{}
	}
	missing := dpcoop.MissingCourses(ts, req.Courses, on)
	if missing == nil {
		missing = []dpcoop.Course{}
	}
	return Record{Training: ts, Due: due, Missing: missing}
}

// Add records a course a PA completed (admins), once: the same request
// again answers with the course it made, created false.
func (s *Service) Add(ctx context.Context, p dpcoop.Principal, pa string, in dpcoop.TrainingInput, id dpcoop.RequestID, now time.Time) (dpcoop.Training, bool, error) {
	const op = "record training"
	if err := p.Admin(op); err != nil {
		return dpcoop.Training{}, false, err
	}
	rec, err := s.own(ctx, p, op, pa)
	if err != nil {
		return dpcoop.Training{}, false, err
	}
	t, err := in.Validate(rec.ID, p.Person, now)
	if err != nil {
		return dpcoop.Training{}, false, err
	}
	canonical, _ := json.Marshal(in) // plain strings: cannot fail
	if t.ID, err = id("training", rec.ID, dpcoop.Fingerprint(string(canonical))); err != nil {
		return dpcoop.Training{}, false, err
	}
	created, err := s.Store.AddTraining(ctx, p.Coop, t)
	if err != nil || created {
		return t, created, err
	}
	ts, err := s.Store.Training(ctx, p.Coop, rec.ID)
	if err != nil {
		return dpcoop.Training{}, false, err
	}
	if i := slices.IndexFunc(ts, func(x dpcoop.Training) bool { return x.ID == t.ID }); i >= 0 {
		return ts[i], false, nil
	}
	return t, false, nil
}

// Remove deletes a course recorded in error (admins); one already gone
// answers as if it were just removed.
func (s *Service) Remove(ctx context.Context, p dpcoop.Principal, pa, id string) error {
	const op = "delete training"
	if err := p.Admin(op); err != nil {
		return err
	}
	if _, err := s.own(ctx, p, op, pa); err != nil {
		return err
	}
	if !dpcoop.ValidID(id) {
		return dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return s.Store.DeleteTraining(ctx, p.Coop, pa, id)
}

// Supporter is one of a member's PAs as the member sees their training:
// the PA's name and the courses current today, by name and date only.
type Supporter struct {
	PA      string                 `json:"pa_id"`
	Name    string                 `json:"name"`
	Courses []dpcoop.CurrentCourse `json:"courses"`
}

// ForMember shows a member (or an admin, for them) that the PAs currently
// employed to support them are trained: for each, the courses current on
// now's day and until when. Nothing else of the PAs' records.
func (s *Service) ForMember(ctx context.Context, p dpcoop.Principal, member string, now time.Time) ([]Supporter, error) {
	const op = "read members' pas training"
	if !dpcoop.ValidID(member) || !p.MaySee(member) || !p.Has(dpcoop.RoleAdmin) && !p.Has(dpcoop.RoleMember) {
		return nil, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if _, err := s.Store.Member(ctx, p.Coop, member); err != nil {
		return nil, err
	}
	today := dpcoop.DateOf(now)
	emps, err := s.Store.Employments(ctx, p.Coop, "")
	if err != nil {
		return nil, err
	}
	out := []Supporter{}
	for _, e := range emps {
		if e.Member != member || !e.Covers(today) || slices.ContainsFunc(out, func(x Supporter) bool { return x.PA == e.PA }) {
			continue
		}
		pa, err := s.Store.PA(ctx, p.Coop, e.PA)
		if err != nil {
			return nil, err
		}
		ts, err := s.Store.Training(ctx, p.Coop, e.PA)
		if err != nil {
			return nil, err
		}
		out = append(out, Supporter{PA: pa.ID, Name: pa.LegalName, Courses: dpcoop.CurrentCourses(ts, today)})
	}
	return out, nil
}

// Attention is one PA's training that needs an admin's attention: courses
// expired or expiring soon, and required kinds the PA does not hold.
type Attention struct {
	PA      string
	Name    string
	Due     []dpcoop.Training
	Missing []dpcoop.Course
}

// Attention lists, for the admins' dashboard, each PA in employment on
// now's day whose training is due or missing, in name order.
func (s *Service) Attention(ctx context.Context, p dpcoop.Principal, now time.Time) ([]Attention, error) {
	if err := p.Admin("training attention"); err != nil {
		return nil, err
	}
	today := dpcoop.DateOf(now)
	emps, err := s.Store.Employments(ctx, p.Coop, "")
	if err != nil {
		return nil, err
	}
	all, err := s.Store.Training(ctx, p.Coop, "")
	if err != nil {
		return nil, err
	}
	req, err := s.Store.RequiredCourses(ctx, p.Coop)
	if err != nil {
		return nil, err
	}
	var out []Attention
	seen := map[string]bool{}
	for _, e := range emps {
		if seen[e.PA] || e.Ended(today) {
			continue
		}
		seen[e.PA] = true
		var ts []dpcoop.Training
		for _, t := range all {
			if t.PA == e.PA {
				ts = append(ts, t)
			}
		}
		a := Attention{PA: e.PA, Due: dpcoop.DueTraining(ts, today), Missing: dpcoop.MissingCourses(ts, req.Courses, today)}
		if len(a.Due) == 0 && len(a.Missing) == 0 {
			continue
		}
		pa, err := s.Store.PA(ctx, p.Coop, e.PA)
		if err != nil {
			return nil, err
		}
		a.Name = pa.LegalName
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b Attention) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Required reads the courses every PA must hold (admins).
func (s *Service) Required(ctx context.Context, p dpcoop.Principal) (dpcoop.RequiredTraining, error) {
	if err := p.Admin("read required training"); err != nil {
		return dpcoop.RequiredTraining{}, err
	}
	return s.Store.RequiredCourses(ctx, p.Coop)
}

// SetRequired replaces the courses every PA must hold (admins), the one
// list of them: the written statements state it, so every current PA is
// given a new version saying their training changed.
func (s *Service) SetRequired(ctx context.Context, p dpcoop.Principal, in dpcoop.RequiredTraining, now time.Time) (dpcoop.RequiredTraining, error) {
	if err := p.Admin("set required training"); err != nil {
		return dpcoop.RequiredTraining{}, err
	}
	r, err := in.Validate()
	if err != nil {
		return dpcoop.RequiredTraining{}, err
	}
	if err := s.Store.SetRequiredCourses(ctx, p.Coop, r); err != nil || s.Statements == nil {
		return r, err
	}
	return r, s.Statements.Reissue(ctx, p, now)
}
