package dpcoop

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The written statement of employment particulars (Employment Rights Act
// 1996 ss.1-7B, docs/particulars.md): a PA's statement is ready when their
// employment is made (on or before the first day) and issued again, as a
// new numbered version, whenever a particular the employment holds changes
// (a rate change, a start or end date). Every version is kept; the PA
// acknowledges each one they have read.

// EmploymentTerms are the co-op's choices every statement states, part of
// its payroll settings (defaults: no probation, the procedure available
// from the co-op's office). The training every PA must complete is the
// training setting's (RequiredTraining), the one list of required courses.
type EmploymentTerms struct {
	// ProbationMonths is the length of a new PA's probation (0: none).
	ProbationMonths int `json:"probation_months"`
	// ProcedureURL is where the co-op's grievance and disciplinary
	// procedure is published (https); empty: available from its office.
	ProcedureURL string `json:"procedure_url,omitempty"`
}

// MaxProbationMonths keeps probation to what a statement may fairly set.
const MaxProbationMonths = 12

func (t EmploymentTerms) validate(p *Problems) {
	if t.ProbationMonths < 0 || t.ProbationMonths > MaxProbationMonths {
		p.Add("probation_months", FieldOutOfRange, "min", "0", "max", strconv.Itoa(MaxProbationMonths))
	}
	if t.ProcedureURL != "" {
		u, err := url.Parse(t.ProcedureURL)
		if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || len(t.ProcedureURL) > MaxOriginLen*2 {
			p.Add("procedure_url", FieldInvalid)
		}
	}
}

// RatePeriod is one set of rates an employment pays from a date.
type RatePeriod struct {
	From  Date  `json:"from"`
	Rates Rates `json:"rates"`
}

// Particulars are what a statement says that the employment holds: when
// someone changes one of them, the PA is given the statement again.
type Particulars struct {
	Member string `json:"member_id"`
	// Role is the kind of support the PA is employed to give, their job
	// title's (SupportRoles; empty on a version issued before roles were
	// kept, which was for personal care).
	Role  string       `json:"role,omitempty"`
	Start Date         `json:"start_date"`
	End   Date         `json:"end_date,omitempty"`
	Pay   []RatePeriod `json:"pay"`
	// Terms are the co-op's settings the statement states (absent on a
	// version issued before they were kept: it reads the current ones).
	Terms *StatementTerms `json:"terms,omitempty"`
}

// ParticularsOf are the employment's particulars: its dates and its rates
// from each date, in date order, a change to the same rates dropped (the
// same rates saved again change nothing the PA is told).
func ParticularsOf(e Employment) Particulars {
	changes := slices.Clone(e.RateChanges)
	slices.SortStableFunc(changes, func(a, b RateChange) int { return strings.Compare(string(a.EffectiveFrom), string(b.EffectiveFrom)) })
	pay := []RatePeriod{{From: e.Start, Rates: e.Rates}}
	for _, c := range changes {
		if c.EffectiveFrom.Before(e.Start) {
			continue
		}
		last := &pay[len(pay)-1]
		switch {
		case c.EffectiveFrom == last.From:
			last.Rates = c.Rates
		case c.Rates != last.Rates:
			pay = append(pay, RatePeriod{From: c.EffectiveFrom, Rates: c.Rates})
		}
	}
	// A change back to the rates before leaves two periods alike in a row.
	out := pay[:1]
	for _, r := range pay[1:] {
		if r.Rates != out[len(out)-1].Rates {
			out = append(out, r)
		}
	}
	return Particulars{Member: e.Member, Role: e.SupportRole(), Start: e.Start, End: e.End, Pay: out}
}

// JobRole is the role the statement gives as the PA's job: personal care
// on a version issued before roles were kept.
func (p Particulars) JobRole() string { return Employment{Role: p.Role}.SupportRole() }

// What changed between two versions of a statement.
const (
	ChangedStart = "start_date"
	ChangedEnd   = "end_date"
	ChangedPay   = "pay"
	ChangedRole  = "role"
	ChangedTerms = "terms"
)

// StatementVersion is one issue of an employment's written statement.
type StatementVersion struct {
	Number      int         `json:"number"`
	Employment  string      `json:"employment_id"`
	PA          string      `json:"pa_id"`
	Particulars Particulars `json:"particulars"`
	// Changed names what differs from the version before (none on the
	// first).
	Changed []string  `json:"changed,omitempty"`
	Issued  time.Time `json:"issued"`
	// Acknowledged is when the PA said they had read it.
	Acknowledged *time.Time `json:"acknowledged,omitempty"`
}

// Statements are every version of one employment's statement, oldest
// first.
type Statements struct {
	Employment string             `json:"employment_id"`
	PA         string             `json:"pa_id"`
	Versions   []StatementVersion `json:"versions"`
	// Version advances with each write, for the store's conditional write.
	Version int64 `json:"-"`
}

// Latest is the version in force (ok false before the first).
func (s Statements) Latest() (StatementVersion, bool) {
	if len(s.Versions) == 0 {
		return StatementVersion{}, false
	}
	return s.Versions[len(s.Versions)-1], true
}

// Unread is the version in force when the PA has not yet said they have
// read it (ok false when they have, or before the first): what they still
// have to acknowledge.
func (s Statements) Unread() (StatementVersion, bool) {
	v, ok := s.Latest()
	return v, ok && v.Acknowledged == nil
}

// Issue adds a version when the employment's particulars differ from the
// latest version's, saying what changed; the same particulars again give
// ErrUnchanged, so re-running never duplicates a version. The co-op's terms
// are kept with the version; a version issued before terms were kept is
// not reissued only to add them.
func (s Statements) Issue(e Employment, terms StatementTerms, now time.Time) (Statements, error) {
	next := ParticularsOf(e)
	next.Terms = &terms
	v := StatementVersion{Number: len(s.Versions) + 1, Employment: e.ID, PA: e.PA, Particulars: next, Issued: now.UTC()}
	if last, ok := s.Latest(); ok {
		was := last.Particulars
		if was.Start != next.Start {
			v.Changed = append(v.Changed, ChangedStart)
		}
		if was.End != next.End {
			v.Changed = append(v.Changed, ChangedEnd)
		}
		if !slices.Equal(was.Pay, next.Pay) {
			v.Changed = append(v.Changed, ChangedPay)
		}
		if was.JobRole() != next.Role {
			v.Changed = append(v.Changed, ChangedRole)
		}
		if was.Terms != nil && !was.Terms.equal(terms) {
			v.Changed = append(v.Changed, ChangedTerms)
		}
		if len(v.Changed) == 0 && was.Member == next.Member {
			return s, ErrUnchanged
		}
	}
	s.Employment, s.PA = e.ID, e.PA
	s.Versions = append(slices.Clone(s.Versions), v)
	return s, nil
}

// Acknowledge records that the PA has read version n, once: the first
// acknowledgement's time stands. A version not issued is not found.
func (s Statements) Acknowledge(n int, now time.Time) (Statements, error) {
	if n < 1 || n > len(s.Versions) {
		return s, E("acknowledge statement", KindNotFound, CodeNotFound)
	}
	if s.Versions[n-1].Acknowledged != nil {
		return s, ErrUnchanged
	}
	s.Versions = slices.Clone(s.Versions)
	at := now.UTC()
	s.Versions[n-1].Acknowledged = &at
	return s, nil
}
