package dpcoop

import (
	"slices"
	"strings"
	"time"
)

// A case is the co-op's confidential record of a grievance a PA raised, a
// disciplinary matter about a PA, or another dispute with them, kept as the
// Acas Code of Practice on disciplinary and grievance procedures (2015) sets
// the steps out (docs/cases.md): the facts established, the PA told in
// writing and invited to a meeting (with the right to be accompanied,
// Employment Relations Act 1999 s.10), the meeting, a decision in writing
// with the right of appeal, and the appeal. Only the admins handling it and
// the PA concerned may see it.

// CaseKind is what a case is about.
type CaseKind string

// The kinds of case.
const (
	CaseGrievance    CaseKind = "grievance"    // raised by the PA
	CaseDisciplinary CaseKind = "disciplinary" // about the PA's conduct or performance
	CaseDispute      CaseKind = "dispute"      // any other dispute with the PA
)

// CaseKinds lists the kinds, for forms and the API.
var CaseKinds = []CaseKind{CaseGrievance, CaseDisciplinary, CaseDispute}

// CaseStep is one stage of a case.
type CaseStep string

// The stages, in the order a case goes through them. A disciplinary case
// starts with its investigation, a grievance or dispute with being raised.
const (
	StepInvestigation CaseStep = "investigation"
	StepRaised        CaseStep = "raised"
	StepInvitation    CaseStep = "invitation" // the letter inviting the PA to the meeting
	StepMeeting       CaseStep = "meeting"
	StepOutcome       CaseStep = "outcome"
	StepAppeal        CaseStep = "appeal" // the PA's appeal lodged; the letter invites them to the appeal meeting
	StepAppealMeeting CaseStep = "appeal_meeting"
	StepAppealOutcome CaseStep = "appeal_outcome"
	// StepClosed ends the case at any stage (a grievance withdrawn, an
	// outcome not appealed in time, an appeal decided).
	StepClosed CaseStep = "closed"
)

// Steps is the order of a kind's stages, closing aside.
func (k CaseKind) Steps() []CaseStep {
	first := StepRaised
	if k == CaseDisciplinary {
		first = StepInvestigation
	}
	return []CaseStep{first, StepInvitation, StepMeeting, StepOutcome, StepAppeal, StepAppealMeeting, StepAppealOutcome}
}

// Outcomes of a disciplinary case's decision.
const (
	OutcomeNoAction      = "no_action"
	OutcomeFirstWarning  = "first_written_warning"
	OutcomeFinalWarning  = "final_written_warning"
	OutcomeDismissal     = "dismissal"
	OutcomeUpheld        = "upheld"
	OutcomePartlyUpheld  = "partly_upheld"
	OutcomeNotUpheld     = "not_upheld"
	caseSummaryMax       = 2000
	caseAdminsMax        = 5
	defaultAppealDays    = 10
	maxWarningMonths     = 24
	caseRetentionYears   = 6
	caseRetentionMarginM = 3
)

// Outcomes is what a decision at step can be for a kind of case: a
// disciplinary outcome names the sanction; a grievance's or dispute's
// outcome, and any appeal's, says whether it was upheld.
func (k CaseKind) Outcomes(step CaseStep) []string {
	if k == CaseDisciplinary && step == StepOutcome {
		return []string{OutcomeNoAction, OutcomeFirstWarning, OutcomeFinalWarning, OutcomeDismissal}
	}
	return []string{OutcomeUpheld, OutcomePartlyUpheld, OutcomeNotUpheld}
}

// Warned reports whether an outcome is a written warning, which must say
// when it expires.
func Warned(outcome string) bool {
	return outcome == OutcomeFirstWarning || outcome == OutcomeFinalWarning
}

// Case is one case about one PA.
type Case struct {
	ID      string   `json:"id"`
	PA      string   `json:"pa"`
	Kind    CaseKind `json:"kind"`
	Opened  Date     `json:"opened"`
	Summary string   `json:"summary"`
	// Admins are the admins handling the case: the only admins who may see it.
	Admins []string    `json:"admins"`
	Stages []CaseStage `json:"stages"`
	// Closed is the day the case closed (its closing stage), empty while open.
	Closed   Date      `json:"closed,omitempty"`
	OpenedBy string    `json:"opened_by"`
	Recorded time.Time `json:"recorded"`
}

// CaseStage is one dated stage of a case.
type CaseStage struct {
	ID   string   `json:"id"`
	Step CaseStep `json:"stage"`
	On   Date     `json:"on"`
	// MeetingOn is the day of the meeting an invitation (or an appeal's
	// letter) invites the PA to.
	MeetingOn Date `json:"meeting_on,omitempty"`
	// Outcome is a decision's outcome (outcome and appeal_outcome).
	Outcome string `json:"outcome,omitempty"`
	// WarningExpires is the day a written warning is spent.
	WarningExpires Date `json:"warning_expires,omitempty"`
	// AppealBy is the last day the PA may appeal an outcome.
	AppealBy   Date      `json:"appeal_by,omitempty"`
	RecordedBy string    `json:"recorded_by"`
	Recorded   time.Time `json:"recorded"`
}

// Letter says whether the stage has a letter for the PA: the invitation to
// a meeting or to the appeal meeting, and each decision.
func (s CaseStep) Letter() bool {
	return s == StepInvitation || s == StepAppeal || s == StepOutcome || s == StepAppealOutcome
}

// Field and error codes of cases.
const (
	FieldStageNotNext    = "stage_not_next"
	FieldBeforeLastStage = "before_last_stage"
	FieldExpiryNotAfter  = "expiry_not_after_date"
	FieldNotAnAdmin      = "not_an_admin"
	FieldWarningTooLong  = "warning_too_long"
	CodeCaseClosed       = "case_closed"
)

// CaseInput is what an admin gives to open a case.
type CaseInput struct {
	Kind    string   `json:"kind"`
	Opened  string   `json:"opened"`
	Summary string   `json:"summary"`
	Admins  []string `json:"admins"`
}

// Validate checks a new case: a known kind, an opening day not in the
// future, a summary, and the admins handling it (the one opening it among
// them, added if not named). isAdmin says whether a person is an active
// admin of the co-op.
func (in CaseInput) Validate(pa, by string, isAdmin func(string) bool, at time.Time) (Case, error) {
	var p Problems
	c := Case{PA: pa, Kind: CaseKind(strings.TrimSpace(in.Kind)), OpenedBy: by, Recorded: at.UTC(), Stages: []CaseStage{}}
	if c.Kind == "" {
		p.Add("kind", FieldRequired)
	} else if !slices.Contains(CaseKinds, c.Kind) {
		p.Add("kind", FieldChoice)
	}
	if c.Opened = requireDate(&p, "opened", in.Opened); c.Opened != "" && DateOf(at).Before(c.Opened) {
		p.Add("opened", FieldDateFuture)
	}
	c.Summary = requireText(&p, "summary", in.Summary, caseSummaryMax)
	c.Admins = []string{by}
	for _, a := range in.Admins {
		a = strings.TrimSpace(a)
		switch {
		case a == "" || slices.Contains(c.Admins, a):
		case !isAdmin(a):
			p.Add("admins", FieldNotAnAdmin)
		default:
			c.Admins = append(c.Admins, a)
		}
	}
	if len(c.Admins) > caseAdminsMax {
		p.Add("admins", FieldTooMany, "max", "5")
	}
	return c, p.Err("open case")
}

// Handles reports whether person is one of the admins handling the case.
func (c Case) Handles(person string) bool { return slices.Contains(c.Admins, person) }

// MaySee reports whether the acting person may see the case at all: an
// admin handling it, or the PA it is about. Anyone else is told it does not
// exist.
func (c Case) MaySee(p Principal) bool {
	return p.Has(RoleAdmin) && c.Handles(p.Person) || p.Has(RolePA) && p.Person == c.PA
}

// Last is the case's latest stage, or false before any.
func (c Case) Last() (CaseStage, bool) {
	if len(c.Stages) == 0 {
		return CaseStage{}, false
	}
	return c.Stages[len(c.Stages)-1], true
}

// Stage finds a stage by its id.
func (c Case) Stage(id string) (CaseStage, bool) {
	i := slices.IndexFunc(c.Stages, func(s CaseStage) bool { return s.ID == id })
	if i < 0 {
		return CaseStage{}, false
	}
	return c.Stages[i], true
}

// Next is the stages that may come next: the one after the latest in the
// kind's order (the first before any), and closing; nothing once closed.
// An appeal comes only after an outcome, and its outcome only after it.
func (c Case) Next() []CaseStep {
	if c.Closed != "" {
		return nil
	}
	steps := c.Kind.Steps()
	last, ok := c.Last()
	if !ok {
		return []CaseStep{steps[0], StepClosed}
	}
	i := slices.Index(steps, last.Step)
	if i+1 < len(steps) {
		return []CaseStep{steps[i+1], StepClosed}
	}
	return []CaseStep{StepClosed}
}

// StageInput is what an admin gives to add a stage.
type StageInput struct {
	Stage          string `json:"stage"`
	On             string `json:"on"`
	MeetingOn      string `json:"meeting_on,omitempty"`
	Outcome        string `json:"outcome,omitempty"`
	WarningExpires string `json:"warning_expires,omitempty"`
	AppealBy       string `json:"appeal_by,omitempty"`
}

// AddStage checks a new stage against the case and gives the case with it
// added: the stage that may come next, on a day not in the future and not
// before the case opened nor its last stage; an invitation's meeting not
// before the invitation; a decision's outcome from the kind's list, a
// written warning expiring after its date (within two years) and the appeal
// deadline after the decision (ten days unless given).
func (c Case) AddStage(in StageInput, id, by string, at time.Time) (Case, error) {
	const op = "add case stage"
	if c.Closed != "" {
		return c, E(op, KindConflict, CodeCaseClosed)
	}
	var p Problems
	s := CaseStage{ID: id, Step: CaseStep(strings.TrimSpace(in.Stage)), RecordedBy: by, Recorded: at.UTC()}
	if s.Step == "" {
		p.Add("stage", FieldRequired)
	} else if !slices.Contains(c.Next(), s.Step) {
		p.Add("stage", FieldStageNotNext, "next", string(c.Next()[0]))
	}
	earliest := c.Opened
	if last, ok := c.Last(); ok {
		earliest = last.On
	}
	s.On = requireDate(&p, "on", in.On)
	switch {
	case s.On == "":
	case DateOf(at).Before(s.On):
		p.Add("on", FieldDateFuture)
	case s.On.Before(earliest):
		p.Add("on", FieldBeforeLastStage, "date", string(earliest))
	}
	later := func(field, value string, after Date) Date {
		d := requireDate(&p, field, value)
		if d != "" && after != "" && !after.Before(d) {
			p.Add(field, FieldExpiryNotAfter, "date", string(after))
		}
		return d
	}
	switch s.Step {
	case StepInvitation, StepAppeal:
		if s.MeetingOn = requireDate(&p, "meeting_on", in.MeetingOn); s.MeetingOn != "" && s.On != "" && s.MeetingOn.Before(s.On) {
			p.Add("meeting_on", FieldBeforeLastStage, "date", string(s.On))
		}
	case StepOutcome, StepAppealOutcome:
		s.Outcome = strings.TrimSpace(in.Outcome)
		if s.Outcome == "" {
			p.Add("outcome", FieldRequired)
		} else if !slices.Contains(c.Kind.Outcomes(s.Step), s.Outcome) {
			p.Add("outcome", FieldChoice)
		}
		if Warned(s.Outcome) && s.Step == StepOutcome {
			s.WarningExpires = later("warning_expires", in.WarningExpires, s.On)
			if s.WarningExpires != "" && s.On != "" && s.On.Time().AddDate(0, maxWarningMonths, 0).Before(s.WarningExpires.Time()) {
				p.Add("warning_expires", FieldWarningTooLong, "max", "24")
			}
		}
		if s.Step == StepOutcome {
			if strings.TrimSpace(in.AppealBy) != "" {
				s.AppealBy = later("appeal_by", in.AppealBy, s.On)
			} else if s.On != "" {
				s.AppealBy = s.On.AddDays(defaultAppealDays)
			}
		}
	}
	if err := p.Err(op); err != nil {
		return c, err
	}
	c.Stages = append(slices.Clip(c.Stages), s)
	if s.Step == StepClosed {
		c.Closed = s.On
	}
	return c, nil
}

// Warning is the written warning a case gave and the day it is spent, if
// it gave one (and no appeal overturned it).
func (c Case) Warning() (outcome string, expires Date, ok bool) {
	for _, s := range c.Stages {
		switch {
		case s.Step == StepOutcome && Warned(s.Outcome):
			outcome, expires, ok = s.Outcome, s.WarningExpires, true
		case s.Step == StepAppealOutcome && s.Outcome == OutcomeUpheld:
			ok = false
		}
	}
	return outcome, expires, ok
}

// KeepUntil is the last day the case is kept: six years, and a margin of
// three months, after the later of the day it closed and the day the PA's
// employment ended (left; empty while they still work for the co-op). A
// claim about the case can be brought until then (Limitation Act 1980,
// s.5: six years for a claim in contract), and UK GDPR's storage limitation
// asks it to go once that purpose is spent (docs/cases.md). An open case is
// kept (ok false).
func (c Case) KeepUntil(left Date) (Date, bool) {
	if c.Closed == "" {
		return "", false
	}
	from := c.Closed
	if from.Before(left) {
		from = left
	}
	return Date(from.Time().AddDate(caseRetentionYears, caseRetentionMarginM, 0).Format(DateLayout)), true
}

// Expired reports whether the case is past KeepUntil on today.
func (c Case) Expired(left, today Date) bool {
	until, ok := c.KeepUntil(left)
	return ok && until.Before(today)
}

// CaseLetter is a stage's letter to the PA, with what it says: the stage,
// the meeting it invites to or followed, and the outcome with its warning
// and appeal deadline.
type CaseLetter struct {
	Case  string    `json:"case"`
	Kind  CaseKind  `json:"kind"`
	Stage CaseStage `json:"stage"`
	// MeetingOn is, for a decision, the day of the meeting it followed.
	MeetingOn  Date   `json:"meeting_on,omitempty"`
	PA         string `json:"pa"`
	Name       string `json:"name"`
	Language   Lang   `json:"language"`
	EmployerCY string `json:"employer_cy"`
	EmployerEN string `json:"employer_en"`
	Contact    string `json:"contact"`
}

// Letter is the letter of the case's stage step for the PA pa, or false if
// the case has no such stage or the stage has no letter.
func (c Case) Letter(step CaseStep, pa PA, coop Coop) (CaseLetter, bool) {
	i := slices.IndexFunc(c.Stages, func(s CaseStage) bool { return s.Step == step })
	if i < 0 || !step.Letter() {
		return CaseLetter{}, false
	}
	l := CaseLetter{Case: c.ID, Kind: c.Kind, Stage: c.Stages[i], PA: pa.ID, Name: pa.LegalName, Language: pa.Language,
		EmployerCY: coop.NameCY, EmployerEN: coop.NameEN, Contact: coop.ContactEmail}
	meeting := StepMeeting
	if step == StepAppealOutcome {
		meeting = StepAppealMeeting
	}
	for _, s := range c.Stages[:i] {
		if s.Step == meeting && (step == StepOutcome || step == StepAppealOutcome) {
			l.MeetingOn = s.On
		}
	}
	return l, true
}
