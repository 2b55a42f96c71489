package dpcoop

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

// Workplace pension duties (Pensions Act 2008 ss.3-10): what happened to a
// PA's membership is a list of dated events in their pay history, never an
// edit of their record. docs/pensions.md has the rules and their sources.

// The kinds of pension event.
const (
	// PensionEventEnrolled: automatic enrolment of an eligible jobholder
	// (s.3), from their automatic enrolment date.
	PensionEventEnrolled = "enrolled"
	// PensionEventReEnrolled: automatic re-enrolment on the co-op's
	// cyclical re-enrolment date (s.5).
	PensionEventReEnrolled = "re_enrolled"
	// PensionEventOptedIn: a jobholder's opt-in notice (s.7); the co-op
	// enrols them and contributes.
	PensionEventOptedIn = "opted_in"
	// PensionEventJoined: an entitled worker's request to join (s.9); no
	// employer contribution is required.
	PensionEventJoined = "joined"
	// PensionEventPostponed: the co-op postponed automatic enrolment to the
	// event's date, the deferral date (s.4).
	PensionEventPostponed = "postponed"
	// PensionEventOptedOut: a valid opt-out notice (s.8): membership is
	// treated as never having begun and the PA's contributions are refunded.
	PensionEventOptedOut = "opted_out"
	// PensionEventCeased: the PA left the scheme after the opt-out window:
	// contributions stop, nothing is refunded.
	PensionEventCeased = "ceased"
	// PensionEventRefunded: a final run paid the opt-out refund.
	PensionEventRefunded = "refunded"
	// PensionEventInformed: a non-eligible jobholder or entitled worker was
	// told of their right to opt in or join.
	PensionEventInformed = "informed"
)

// The letters a PA is sent. Each is made once, with the event it tells of.
const (
	LetterEnrolment    = "enrolment"
	LetterReEnrolment  = "re_enrolment"
	LetterPostponement = "postponement"
	LetterOptIn        = "opt_in"     // a non-eligible jobholder may opt in
	LetterJoin         = "join"       // an entitled worker may join
	LetterMembership   = "membership" // an opt-in or joining notice was acted on
)

// PensionEvent is one dated fact about a PA's pension membership.
type PensionEvent struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	// Date is when it takes effect: the enrolment date, the deferral date,
	// or the day an opt-out or ceasing notice was given.
	Date Date `json:"date"`
	// Month is the pay run that made it, for events a run makes.
	Month string `json:"month,omitempty"`
	// Category is the PA's worker category when it was made.
	Category string `json:"worker_category,omitempty"`
	// Refund is what a final run paid back after an opt-out.
	Refund     int64          `json:"refund_pence,omitempty"`
	Letter     *PensionLetter `json:"letter,omitempty"`
	Recorded   time.Time      `json:"recorded"`
	RecordedBy string         `json:"recorded_by"`
}

// PensionLetter is the information a PA is given about their pension, kept
// as issued: the facts the statutory text is rendered with, in the PA's
// language first.
type PensionLetter struct {
	ID         string `json:"id"`
	Kind       string `json:"kind"`
	PA         string `json:"pa_id"`
	Name       string `json:"name"`
	Language   Lang   `json:"language"`
	EmployerCY string `json:"employer_cy"`
	EmployerEN string `json:"employer_en"`
	// Contact is where the PA asks about their pension (the co-op's email).
	Contact  string `json:"contact"`
	Issued   Date   `json:"issued,omitempty"` // stamped when issued
	Category string `json:"worker_category,omitempty"`
	// EnrolmentDate is when membership began (enrolment, re-enrolment,
	// opt-in or joining letters).
	EnrolmentDate Date `json:"enrolment_date,omitempty"`
	// OptOutUntil is the last day of the opt-out window (enrolment and
	// re-enrolment letters): a month from the later of the enrolment date
	// and this letter.
	OptOutUntil  Date   `json:"opt_out_until,omitempty"`
	DeferralDate Date   `json:"deferral_date,omitempty"`
	Scheme       string `json:"scheme"`
	EmployerBP   int64  `json:"employer_bp"`
	EmployeeBP   int64  `json:"employee_bp"`
	Relief       string `json:"relief"`
}

// PensionPosition is where a PA stands, from their record and every event.
type PensionPosition struct {
	Member bool `json:"member"`
	// How is the event that began membership (or "already_member" for a PA
	// hired as a member of the scheme), Since its date.
	How   string `json:"how,omitempty"`
	Since Date   `json:"since,omitempty"`
	// Deferral is the deferral date of a postponement.
	Deferral Date `json:"deferral_date,omitempty"`
	// Left is the date of the last opt-out or ceasing, and LeftHow which.
	Left    Date   `json:"left,omitempty"`
	LeftHow string `json:"left_how,omitempty"`
	// RefundFrom is the start of the membership an opt-out ended, whose
	// contributions are still to be refunded.
	RefundFrom Date `json:"refund_from,omitempty"`
	// OptOutUntil is the last day a current automatic membership may be
	// opted out of (zero: not issued yet, or no right to opt out).
	OptOutUntil Date     `json:"opt_out_until,omitempty"`
	Informed    []string `json:"informed,omitempty"`
}

// HowAlreadyMember: the PA was a member of the scheme when hired (the PA
// record's pension choice "enrolled").
const HowAlreadyMember = "already_member"

// PensionPosition replays the PA's events: the record's choice made at
// hiring comes first (already a member, or opted out on their start date),
// then each event in the order it was recorded.
func (h PayHistory) PensionPosition(pa PA) PensionPosition {
	var p PensionPosition
	switch pa.Pension {
	case PensionEnrol:
		p.Member, p.How, p.Since = true, HowAlreadyMember, pa.StartDate
	case PensionOptOut:
		p.Left, p.LeftHow = pa.StartDate, PensionEventOptedOut
	}
	for _, e := range h.PensionEvents {
		switch e.Kind {
		case PensionEventEnrolled, PensionEventReEnrolled, PensionEventOptedIn, PensionEventJoined:
			p.Member, p.How, p.Since, p.OptOutUntil = true, e.Kind, e.Date, ""
			if e.Letter != nil && e.Kind != PensionEventJoined {
				p.OptOutUntil = e.Letter.OptOutUntil
			}
		case PensionEventPostponed:
			p.Deferral = e.Date
		case PensionEventOptedOut:
			p.RefundFrom = p.Since
			p.Member, p.Left, p.LeftHow, p.OptOutUntil = false, e.Date, e.Kind, ""
		case PensionEventCeased:
			p.Member, p.Left, p.LeftHow, p.OptOutUntil = false, e.Date, e.Kind, ""
		case PensionEventRefunded:
			p.RefundFrom = ""
		case PensionEventInformed:
			p.Informed = append(p.Informed, e.Category)
		}
	}
	return p
}

// optOutUntil is the last day of the opt-out window: one month from the
// later of becoming an active member and being given the enrolment
// information (2010 Regulations reg. 9).
func optOutUntil(enrolled, informed Date) Date {
	later := max(enrolled, informed)
	return Date(later.Time().AddDate(0, 1, 0).Format(DateLayout))
}

// PensionDecision is what a run does about a PA's pension this month.
type PensionDecision struct {
	Status payroll.PensionStatus
	// Events are recorded in the pay history when the run is final.
	Events []PensionEvent
	// RefundFrom, when set, is the start of the membership whose
	// contributions this payslip refunds (the run adds them up).
	RefundFrom Date
}

// PensionMonth is one PA's month as the pension duties see it.
type PensionMonth struct {
	Coop     Coop
	Settings PayrollSettings
	Month    string // the pay reference period: a calendar month
	Category payroll.WorkerCategory
	At       time.Time
}

// DecidePension applies the employer duties to one PA's pay reference
// period, assessed on that period's pay: enrol an eligible jobholder from
// the start of the period (or their start date, or the end of a
// postponement), postpone a new PA when the co-op has chosen to, re-enrol
// on the cyclical date, tell non-eligible jobholders and entitled workers
// of their rights once, and refund after an opt-out.
func DecidePension(pa PA, h PayHistory, m PensionMonth) PensionDecision {
	first, last := Date(m.Month+"-01"), MonthEnd(m.Month)
	if !m.Settings.Acting(last) {
		// Not set up in dpcoop: the PA's choice at hiring stands and an
		// eligible jobholder is only flagged (auto_enrolment_due).
		return PensionDecision{Status: pa.PensionStatus()}
	}
	pos := h.PensionPosition(pa)
	periodStart := max(first, pa.StartDate)
	var d PensionDecision
	d.RefundFrom = pos.RefundFrom
	if d.RefundFrom != "" {
		d.Events = append(d.Events, m.event(pa, PensionEventRefunded, last, ""))
	}
	eligible := m.Category == payroll.EligibleJobholder
	s := m.Settings
	switch {
	case pos.Member && !last.Before(pos.Since):
		d.Status = payroll.PensionEnrolled
		return d
	case pos.Member: // an opt-in or joining that takes effect later
		d.Status = payroll.PensionNotEnrolled
		return d
	}
	if pos.Deferral == "" && pos.Left == "" && s.PensionPostponementMonths > 0 && !pa.StartDate.Before(first) && !last.Before(pa.StartDate) {
		deferral := Date(pa.StartDate.Time().AddDate(0, s.PensionPostponementMonths, 0).Format(DateLayout))
		d.Events = append(d.Events, m.lettered(pa, PensionEventPostponed, deferral, LetterPostponement))
		d.Status = payroll.PensionPostponed
		return d
	}
	if pos.Deferral != "" && last.Before(pos.Deferral) {
		d.Status = payroll.PensionPostponed
		return d
	}
	if pos.Deferral != "" && !pos.Deferral.Before(first) {
		periodStart = pos.Deferral // assessed on the deferral date
	}
	switch {
	case eligible && s.PensionSchemeName == "":
		// No scheme named: the run cannot enrol them, and the engine's
		// auto_enrolment_due check stops the run being finalised.
		d.Status = payroll.PensionNotEnrolled
	case eligible && pos.Left == "":
		d.Events = append(d.Events, m.lettered(pa, PensionEventEnrolled, periodStart, LetterEnrolment))
		d.Status = payroll.PensionEnrolled
	case eligible && s.reEnrolsIn(first, last) && pos.Left.Before(s.ReEnrolmentDate().AddYears(-1)):
		d.Events = append(d.Events, m.lettered(pa, PensionEventReEnrolled, s.ReEnrolmentDate(), LetterReEnrolment))
		d.Status = payroll.PensionEnrolled
	case eligible:
		d.Status = payroll.PensionOptedOut
	default:
		d.Status = payroll.PensionNotEnrolled
		if letter := rightsLetter(m.Category); letter != "" && pos.Left == "" && !slices.Contains(pos.Informed, m.Category.String()) {
			d.Events = append(d.Events, m.lettered(pa, PensionEventInformed, periodStart, letter))
		}
	}
	return d
}

// rightsLetter is the letter telling a worker of their rights to opt in or
// join, if their category has one.
func rightsLetter(c payroll.WorkerCategory) string {
	switch c {
	case payroll.NonEligibleJobholder:
		return LetterOptIn
	case payroll.EntitledWorker:
		return LetterJoin
	}
	return ""
}

// event is a run's event, its id derived from the PA, kind and month so a
// recalculated run makes the same one.
func (m PensionMonth) event(pa PA, kind string, date Date, letter string) PensionEvent {
	e := PensionEvent{ID: DerivedID("pension", string(pa.Coop), pa.ID, kind, m.Month), Kind: kind, Date: date, Month: m.Month,
		Category: m.Category.String(), Recorded: m.At.UTC(), RecordedBy: "payroll"}
	if kind == PensionEventInformed {
		e.ID = DerivedID("pension", string(pa.Coop), pa.ID, kind, e.Category)
	}
	return e
}

// lettered is a run's event with the letter that tells the PA of it; the
// letter's issue date is stamped when the run is final (IssueLetters).
func (m PensionMonth) lettered(pa PA, kind string, date Date, letter string) PensionEvent {
	e := m.event(pa, kind, date, letter)
	e.Letter = NewPensionLetter(pa, m.Coop, m.Settings, e, letter)
	return e
}

// NewPensionLetter is the letter for an event, with the scheme's terms as
// the co-op's settings give them.
func NewPensionLetter(pa PA, c Coop, s PayrollSettings, e PensionEvent, kind string) *PensionLetter {
	l := &PensionLetter{ID: e.ID, Kind: kind, PA: pa.ID, Name: pa.LegalName, Language: pa.Language, EmployerCY: c.NameCY, EmployerEN: c.NameEN, Contact: c.ContactEmail,
		Category: e.Category, Scheme: s.PensionSchemeName, EmployerBP: s.PensionEmployerBP, EmployeeBP: s.PensionEmployeeBP, Relief: s.PensionRelief}
	switch kind {
	case LetterPostponement:
		l.DeferralDate = e.Date
	case LetterEnrolment, LetterReEnrolment, LetterMembership:
		l.EnrolmentDate = e.Date
	}
	if kind == LetterJoin || e.Kind == PensionEventJoined {
		l.EmployerBP = 0 // no employer contribution is required for an entitled worker
	}
	return l
}

// IssueLetters stamps the day a final run's letters are issued and, for
// enrolment, the opt-out window that runs from the later of enrolment and
// this letter.
func IssueLetters(events []PensionEvent, today Date) []PensionEvent {
	out := slices.Clone(events)
	for i, e := range out {
		if e.Letter == nil {
			continue
		}
		l := *e.Letter
		l.Issued = today
		if l.Kind == LetterEnrolment || l.Kind == LetterReEnrolment {
			l.OptOutUntil = optOutUntil(l.EnrolmentDate, today)
		}
		out[i].Letter = &l
	}
	return out
}

// Letters are the PA's pension letters as issued, oldest first.
func (h PayHistory) Letters() []PensionLetter {
	out := []PensionLetter{}
	for _, e := range h.PensionEvents {
		if e.Letter != nil && e.Letter.Issued != "" {
			out = append(out, *e.Letter)
		}
	}
	return out
}

// HasPensionEvent reports whether the history holds the event with this id.
func (h PayHistory) HasPensionEvent(id string) bool {
	return slices.ContainsFunc(h.PensionEvents, func(e PensionEvent) bool { return e.ID == id })
}

// PensionNoticeInput is a PA's opt-out, ceasing, opt-in or joining notice,
// given by the PA themself or recorded by an admin with the day it was
// given.
type PensionNoticeInput struct {
	Date string `json:"date"`
}

// The pension notices a PA can give.
const (
	NoticeOptOut = "opt-out"
	NoticeCease  = "cease"
	NoticeOptIn  = "opt-in"
)

// PensionNotice checks a notice against where the PA stands and returns the
// event it records. An opt-out outside its window is refused: the PA may
// cease membership instead. An opt-in by a non-member is a jobholder's
// opt-in (employer contributions) or, for an entitled worker, a request to
// join; either begins membership at the start of the next pay reference
// period.
func (h PayHistory) PensionNotice(pa PA, c Coop, s PayrollSettings, kind string, in PensionNoticeInput, category payroll.WorkerCategory, by string, now time.Time) (PensionEvent, error) {
	var p Problems
	op := "pension " + kind
	d := DateOf(now) // the PA's own notice, given today
	if strings.TrimSpace(in.Date) != "" {
		d = requireDate(&p, "date", in.Date)
	}
	if err := p.Err(op); err != nil {
		return PensionEvent{}, err
	}
	switch {
	case pa.Status != PAActive:
		p.Add("pa_id", FieldPAIncomplete)
	case DateOf(now).Before(d):
		p.Add("date", FieldDateFuture)
	case d.Before(pa.StartDate):
		p.Add("date", FieldBeforePAStart, "date", string(pa.StartDate))
	}
	if err := p.Err(op); err != nil {
		return PensionEvent{}, err
	}
	pos := h.PensionPosition(pa)
	e := PensionEvent{Date: d, Category: category.String(), Recorded: now.UTC(), RecordedBy: by}
	switch kind {
	case NoticeOptOut:
		switch {
		case !pos.Member:
			return PensionEvent{}, E(op, KindConflict, CodePensionNotMember)
		case pos.OptOutUntil == "" && (pos.How == PensionEventEnrolled || pos.How == PensionEventReEnrolled || pos.How == PensionEventOptedIn):
			return PensionEvent{}, E(op, KindConflict, CodePensionNotInformed)
		case pos.OptOutUntil == "" || pos.OptOutUntil.Before(d):
			return PensionEvent{}, E(op, KindConflict, CodePensionOptOutClosed)
		}
		e.Kind = PensionEventOptedOut
	case NoticeCease:
		if !pos.Member {
			return PensionEvent{}, E(op, KindConflict, CodePensionNotMember)
		}
		e.Kind = PensionEventCeased
	case NoticeOptIn:
		if pos.Member {
			return PensionEvent{}, E(op, KindConflict, CodePensionAlreadyMember)
		}
		e.Kind = PensionEventOptedIn
		if category == payroll.EntitledWorker {
			e.Kind = PensionEventJoined
		}
		// From the start of the next pay reference period (reg. 18).
		e.Date = Date(time.Date(d.Time().Year(), d.Time().Month()+1, 1, 0, 0, 0, 0, time.UTC).Format(DateLayout))
		e.Letter = NewPensionLetter(pa, c, s, e, LetterMembership)
		e.Letter.Issued = DateOf(now)
		if e.Kind == PensionEventOptedIn { // a jobholder who opts in may opt out again (s.8)
			e.Letter.OptOutUntil = optOutUntil(e.Date, e.Letter.Issued)
		}
	}
	return e, nil
}

// WithID is the event under the id its request gives it (its letter too).
func (e PensionEvent) WithID(id string) PensionEvent {
	e.ID = id
	if e.Letter != nil {
		l := *e.Letter
		l.ID = id
		e.Letter = &l
	}
	return e
}

// Declaration is the figures TPR's declaration of compliance (and
// re-declaration after re-enrolment) asks for, counted over the co-op's PAs.
type Declaration struct {
	PAs int `json:"pas"`
	// Enrolled is eligible jobholders the co-op enrolled automatically.
	Enrolled int `json:"enrolled_automatically"`
	// ReEnrolled is those re-enrolled on the cyclical date.
	ReEnrolled     int    `json:"re_enrolled"`
	AlreadyMembers int    `json:"already_members"`
	OptedIn        int    `json:"opted_in"`
	Joined         int    `json:"joined"`
	Postponed      int    `json:"postponed"`
	OptedOut       int    `json:"opted_out"`
	Ceased         int    `json:"ceased"`
	ActiveMembers  int    `json:"active_members"`
	DutiesStart    Date   `json:"duties_start,omitempty"`
	ReEnrolment    Date   `json:"re_enrolment_date,omitempty"`
	Scheme         string `json:"scheme,omitempty"`
}

// Count adds one PA to the declaration.
func (d *Declaration) Count(pa PA, h PayHistory, today Date) {
	d.PAs++
	pos := h.PensionPosition(pa)
	if pa.Pension == PensionEnrol {
		d.AlreadyMembers++
	}
	if pos.Member {
		d.ActiveMembers++
	}
	if pos.Deferral != "" && today.Before(pos.Deferral) && !pos.Member {
		d.Postponed++
	}
	for _, e := range h.PensionEvents {
		switch e.Kind {
		case PensionEventEnrolled:
			d.Enrolled++
		case PensionEventReEnrolled:
			d.ReEnrolled++
		case PensionEventOptedIn:
			d.OptedIn++
		case PensionEventJoined:
			d.Joined++
		case PensionEventOptedOut:
			d.OptedOut++
		case PensionEventCeased:
			d.Ceased++
		}
	}
}

// PensionDuties are a co-op's automatic enrolment choices, part of its
// payroll settings.
type PensionDuties struct {
	// PensionSchemeName names the scheme in PAs' letters (the co-op chooses
	// and sets up the scheme itself).
	PensionSchemeName string `json:"pension_scheme_name,omitempty"`
	// PensionPostponementMonths postpones automatic enrolment of a new PA
	// by up to three months from their start date (0: no postponement).
	PensionPostponementMonths int `json:"pension_postponement_months"`
	// PensionDutiesStart is the day the co-op's duties began (its first
	// PA's start): from it, runs carry them out (Acting). PensionReEnrolment its cyclical re-enrolment date,
	// within three months either side of the duties start's third
	// anniversary (or of the last re-enrolment date's).
	PensionDutiesStart Date `json:"pension_duties_start,omitempty"`
	PensionReEnrolment Date `json:"pension_re_enrolment_date,omitempty"`
	// NestEmployerReference ("EMP" and nine digits) and NestPaymentSource
	// fill NEST's contribution schedule header.
	NestEmployerReference string `json:"nest_employer_reference,omitempty"`
	NestPaymentSource     string `json:"nest_payment_source,omitempty"`
}

func (s PensionDuties) validate(p *Problems) {
	if s.PensionPostponementMonths < 0 || s.PensionPostponementMonths > 3 {
		p.Add("pension_postponement_months", FieldOutOfRange, "min", "0", "max", "3")
	}
	for field, d := range map[string]Date{"pension_duties_start": s.PensionDutiesStart, "pension_re_enrolment_date": s.PensionReEnrolment} {
		if d != "" {
			requireDate(p, field, string(d))
		}
	}
	if s.PensionReEnrolment != "" {
		if s.PensionDutiesStart == "" {
			p.Add("pension_duties_start", FieldRequired)
		} else if !reEnrolmentWindow(s.PensionDutiesStart, s.PensionReEnrolment) {
			p.Add("pension_re_enrolment_date", FieldReEnrolmentWindow)
		}
	}
	if s.NestEmployerReference != "" && !nestReference.MatchString(s.NestEmployerReference) {
		p.Add("nest_employer_reference", FieldNestReference)
	}
	if len(s.PensionSchemeName) > 200 || len(s.NestPaymentSource) > 200 {
		p.Add("pension_scheme_name", FieldTooLong)
	}
}

var nestReference = regexp.MustCompile(`^EMP[0-9]{9}$`)

// reEnrolmentWindow reports whether date is within three months either side
// of a third anniversary of the duties start (the 2010 Regulations reg.
// 12: each cyclical date is chosen from such a window, the later ones
// around the third anniversary of the one before; every such window is
// accepted, so a co-op moves the setting on each cycle).
func reEnrolmentWindow(start, date Date) bool {
	if !start.Before(date) {
		return false
	}
	for anniversary := start.Time().AddDate(3, 0, 0); !date.Time().Before(anniversary.AddDate(0, -3, 0)); anniversary = anniversary.AddDate(3, 0, 0) {
		if !date.Time().After(anniversary.AddDate(0, 3, 0)) {
			return true
		}
	}
	return false
}

// Acting reports whether dpcoop carries out the co-op's duties for a pay
// reference period ending on last: once the co-op has given the day its
// duties began. Before, runs only assess PAs and flag eligible jobholders
// (auto_enrolment_due, not blocking), as dpcoop did before it acted.
func (s PensionDuties) Acting(last Date) bool {
	return s.PensionDutiesStart != "" && !last.Before(s.PensionDutiesStart)
}

// ReEnrolmentDate is the co-op's cyclical re-enrolment date, if set.
func (s PensionDuties) ReEnrolmentDate() Date { return s.PensionReEnrolment }

// reEnrolsIn reports whether the re-enrolment date falls in [first, last].
func (s PensionDuties) reEnrolsIn(first, last Date) bool {
	d := s.PensionReEnrolment
	return d != "" && !d.Before(first) && !last.Before(d)
}

// AddYears is the date n years on (29 February to 1 March).
func (d Date) AddYears(n int) Date { return Date(d.Time().AddDate(n, 0, 0).Format(DateLayout)) }

// Stable problem codes for pension notices and settings.
const (
	CodePensionNotMember     = "pension_not_member"
	CodePensionNotInformed   = "pension_not_informed_yet"
	CodePensionOptOutClosed  = "pension_opt_out_window_closed"
	CodePensionAlreadyMember = "pension_already_member"
	CodeNestNotSetUp         = "nest_not_set_up"
	FieldReEnrolmentWindow   = "re_enrolment_outside_window"
	FieldNestReference       = "invalid_nest_reference"
)

// MonthEnd is the last day of a pay month "YYYY-MM".
func MonthEnd(month string) Date {
	t, _ := time.Parse(MonthLayout, month) // months are checked where they enter
	return Date(t.AddDate(0, 1, -1).Format(DateLayout))
}
