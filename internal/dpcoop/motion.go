package dpcoop

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dpcoop/dpcoop/internal/ballot"
)

// MotionStatus is where a motion is in its life.
type MotionStatus string

// A motion is drafted, opened (at once, or scheduled to open at its opening
// time), and closed at its closing time or early by an admin.
const (
	MotionDraft     MotionStatus = "draft"
	MotionScheduled MotionStatus = "scheduled" // the votes tick opens it at OpensAt
	MotionOpen      MotionStatus = "open"
	MotionClosed    MotionStatus = "closed"
)

// Notice kinds: the electorate is told when a motion opens and a day
// before it closes.
const (
	NoticeOpened  = "opened"
	NoticeClosing = "closing"
)

// ClosedBySchedule is who closed (or opened) a motion when nobody did: the
// votes tick, at the motion's own time.
const ClosedBySchedule = "schedule"

// Limits on a motion.
const (
	MaxMotionTitleLen = 200
	MaxMotionTextLen  = 10_000
	MaxLabelLen       = 200
	MaxVotingDays     = 366
	ReminderBefore    = 24 * time.Hour
)

// Label is an option's or candidate's name in both languages.
type Label struct {
	CY string `json:"cy"`
	EN string `json:"en"`
}

// Motion is a question put to the members: a resolution, an election or a
// poll, counted under its ballot rules against the electorate taken from the
// register when it opened.
type Motion struct {
	ID      string           `json:"id"`
	Coop    CoopID           `json:"-"`
	TitleCY string           `json:"title_cy"`
	TitleEN string           `json:"title_en"`
	TextCY  string           `json:"text_cy"`
	TextEN  string           `json:"text_en"`
	Rules   ballot.Rules     `json:"rules"`
	Labels  map[string]Label `json:"labels,omitempty"`
	// Secret ballots are final once cast and kept apart from the voter; an
	// open ballot may be changed until closing, its history kept.
	Secret   bool       `json:"secret"`
	OpensAt  *time.Time `json:"opens_at,omitempty"`
	ClosesAt time.Time  `json:"closes_at"`
	// Confirms is the special resolution this motion confirms, if any.
	Confirms   string       `json:"confirms,omitempty"`
	Status     MotionStatus `json:"status"`
	ProposedBy string       `json:"proposed_by"`
	Proposed   time.Time    `json:"proposed"`
	Opened     *time.Time   `json:"opened,omitempty"`
	OpenedBy   string       `json:"opened_by,omitempty"`
	// ElectorateDate is the day the electorate was taken from the register:
	// members active that day, in the motion's classes.
	ElectorateDate    Date             `json:"electorate_date,omitempty"`
	Electorate        int64            `json:"electorate"`
	ElectorateByClass map[string]int64 `json:"electorate_by_class,omitempty"`
	Closed            *time.Time       `json:"closed,omitempty"`
	ClosedBy          string           `json:"closed_by,omitempty"`
	// Outcome is recorded once the closed motion is counted.
	Outcome ballot.Outcome `json:"outcome,omitempty"`
	// ConfirmedBy is the motion that confirmed this special resolution.
	ConfirmedBy   string `json:"confirmed_by,omitempty"`
	NoticeOpened  bool   `json:"-"`
	NoticeClosing bool   `json:"-"`
	// Snapshot names the electorate written when the motion opened; votes
	// are accepted only from electors of that snapshot.
	Snapshot string `json:"-"`
	Version  int64  `json:"version"`
	// Counters are the running tally (see ballot.CounterNames), loaded with
	// the motion and never shown as such: results come from Tally.
	Counters map[string]int64 `json:"-" dynamodbav:"-"`
}

// ResultsHidden reports whether results are withheld while the motion is not
// closed: when its rules ask, and always for a secret ballot, whose running
// count watched alongside who has voted could betray a vote.
func (m Motion) ResultsHidden() bool {
	return m.Status != MotionClosed && (m.Rules.HideUntilClosed || m.Secret)
}

// BallotElectorate is the electorate in the form ballot.Tally counts against.
func (m Motion) BallotElectorate() ballot.Electorate {
	if len(m.Rules.Classes) == 0 {
		return ballot.Electorate{"": m.Electorate}
	}
	e := ballot.Electorate{}
	for _, c := range m.Rules.Classes {
		e[c.ID] = m.ElectorateByClass[c.ID]
	}
	return e
}

// AcceptsVotes reports whether a vote cast at t can count: the motion is open
// and its closing time has not come. The store checks the same inside the
// vote's transaction; this is for a clear answer before trying.
func (m Motion) AcceptsVotes(t time.Time) bool {
	return m.Status == MotionOpen && t.Before(m.ClosesAt)
}

// NeedsConfirmation reports whether the motion is a passed special
// resolution still waiting for its confirming vote.
func (m Motion) NeedsConfirmation() bool {
	return m.Rules.Kind == ballot.SpecialResolution && m.Rules.Confirmation.Required &&
		m.Outcome == ballot.OutcomePassed && m.ConfirmedBy == ""
}

// Due is when the votes tick next has something to do for the motion: open
// it, send the opening or closing notices, close it, or count it.
func (m Motion) Due() (time.Time, bool) {
	switch m.Status {
	case MotionScheduled:
		if m.OpensAt != nil {
			return *m.OpensAt, true
		}
	case MotionOpen:
		opened := m.ClosesAt
		if m.Opened != nil {
			opened = *m.Opened
		}
		if !m.NoticeOpened {
			return opened, true
		}
		if remind := m.ClosesAt.Add(-ReminderBefore); !m.NoticeClosing && remind.After(opened) {
			return remind, true
		}
		return m.ClosesAt, true
	case MotionClosed:
		if m.Outcome == "" && m.Closed != nil {
			return *m.Closed, true
		}
	}
	return time.Time{}, false
}

// MotionInput is what an admin (or a member, where the co-op allows) sends
// to draft a motion: the ballot rules beside the wording and times.
type MotionInput struct {
	ballot.Rules
	TitleCY  string           `json:"title_cy"`
	TitleEN  string           `json:"title_en"`
	TextCY   string           `json:"text_cy"`
	TextEN   string           `json:"text_en"`
	Labels   map[string]Label `json:"labels"`
	Secret   bool             `json:"secret"`
	OpensAt  string           `json:"opens_at"`
	ClosesAt string           `json:"closes_at"`
	Confirms string           `json:"confirms"`
}

// Validate checks a draft motion on its own and returns it, or every problem
// at once. Checks against other motions (what it confirms) are the caller's.
func (in MotionInput) Validate(by string, now time.Time) (Motion, error) {
	var p Problems
	m := Motion{Rules: in.Rules, Secret: in.Secret, Status: MotionDraft, ProposedBy: by, Proposed: now.UTC()}
	m.TitleCY = requireText(&p, "title_cy", in.TitleCY, MaxMotionTitleLen)
	m.TitleEN = requireText(&p, "title_en", in.TitleEN, MaxMotionTitleLen)
	m.TextCY = requireText(&p, "text_cy", in.TextCY, MaxMotionTextLen)
	m.TextEN = requireText(&p, "text_en", in.TextEN, MaxMotionTextLen)
	if err := in.Rules.Validate(); err != nil {
		addBallotProblems(&p, err)
	}
	m.Labels = labels(&p, in.Labels, in.Rules.Options)
	closes, okCloses := requireTimestamp(&p, "closes_at", in.ClosesAt)
	if strings.TrimSpace(in.OpensAt) != "" {
		if t, ok := requireTimestamp(&p, "opens_at", in.OpensAt); ok {
			m.OpensAt = &t
		}
	}
	if okCloses {
		m.ClosesAt = closes
		switch {
		case !closes.After(now):
			p.Add("closes_at", FieldTimeInPast)
		case closes.After(now.AddDate(0, 0, MaxVotingDays)):
			p.Add("closes_at", FieldOutOfRange, "min", now.UTC().Format(time.RFC3339), "max", now.AddDate(0, 0, MaxVotingDays).UTC().Format(time.RFC3339))
		case m.OpensAt != nil && !closes.After(*m.OpensAt):
			p.Add("closes_at", FieldClosesBeforeOpens)
		}
	}
	if c := strings.TrimSpace(in.Confirms); c != "" {
		switch {
		case !ValidID(c):
			p.Add("confirms", FieldInvalid)
		case in.Kind != ballot.OrdinaryResolution && in.Kind != ballot.SpecialResolution:
			p.Add("confirms", FieldConfirmsResolution)
		case in.Confirmation.Required:
			p.Add("confirmation", FieldConfirmsResolution)
		}
		m.Confirms = c
	}
	if err := p.Err("motion"); err != nil {
		return Motion{}, err
	}
	return m, nil
}

func labels(p *Problems, in map[string]Label, options []string) map[string]Label {
	if len(in) == 0 {
		return nil
	}
	out := make(map[string]Label, len(in))
	for k, l := range in {
		field := "labels." + k
		if !slices.Contains(options, k) {
			p.Add("labels", FieldInvalid)
			return nil
		}
		out[k] = Label{
			CY: requireText(p, field+".cy", l.CY, MaxLabelLen),
			EN: requireText(p, field+".en", l.EN, MaxLabelLen),
		}
	}
	return out
}

// requireTimestamp reads an RFC 3339 time with its offset ("2026-12-01T18:00:00Z"
// or "+01:00"): a person's local time without an offset is ambiguous.
func requireTimestamp(p *Problems, field, s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		p.Add(field, FieldRequired)
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil || len(s) > 40 {
		p.Add(field, FieldTimestamp)
		return time.Time{}, false
	}
	return t.UTC(), true
}

// addBallotProblems turns the ballot package's problems into field errors
// named as the API names the fields (Classes[1].Weight → classes[1].weight_bp).
func addBallotProblems(p *Problems, err error) {
	var ve *ballot.ValidationError
	if !errors.As(err, &ve) {
		p.Add("rules", FieldInvalid)
		return
	}
	for _, bp := range ve.Problems {
		p.Add(BallotField(bp.Field), string(bp.Code))
	}
}

var ballotFields = map[string]string{
	"Kind": "kind", "Options": "options", "Seats": "seats", "Ranked": "ranked", "Quorum": "quorum",
	"Threshold": "threshold", "Basis": "basis", "Classes": "classes", "ID": "id", "Weight": "weight_bp",
	"EmptyClass": "empty_class", "Confirmation": "confirmation", "Choices": "choices", "Class": "class",
	"Channel": "channel", "MeetingDate": "closes_at",
}

// BallotField is the API's name for a field the ballot package names in Go.
func BallotField(goPath string) string {
	parts := strings.Split(goPath, ".")
	for i, part := range parts {
		name, index, _ := strings.Cut(part, "[")
		if json, ok := ballotFields[name]; ok {
			name = json
		} else {
			name = strings.ToLower(name)
		}
		if index != "" {
			name += "[" + index
		}
		parts[i] = name
	}
	return strings.Join(parts, ".")
}

// VotingRules are what a co-op's own rules say about its votes.
type VotingRules struct {
	// MembersMayPropose lets members (not only admins) draft motions.
	MembersMayPropose bool `json:"members_may_propose"`
	// Proxies allows a member to appoint another to vote for them; ProxyCap
	// is how many members one holder may vote for.
	Proxies  bool `json:"proxies"`
	ProxyCap int  `json:"proxy_cap"`
	// PostalVotes lets an officer (admin) record postal and paper votes.
	PostalVotes bool `json:"postal_votes"`
}

// DefaultVotingRules are what a co-op has until it says otherwise: no
// proxies (they must be in the rules), a cap of 5 if they are allowed,
// postal and paper votes recorded by an officer.
var DefaultVotingRules = VotingRules{ProxyCap: 5, PostalVotes: true}

// MaxProxyCap bounds the proxy cap a co-op may set.
const MaxProxyCap = 100

// Validate checks a co-op's voting rules.
func (v VotingRules) Validate() error {
	var p Problems
	if v.ProxyCap < 1 || v.ProxyCap > MaxProxyCap {
		p.Add("proxy_cap", FieldOutOfRange, "min", "1", "max", strconv.Itoa(MaxProxyCap))
	}
	return p.Err("voting rules")
}

// VoteInput is a vote as the API receives it.
type VoteInput struct {
	// Choices: one option for a resolution or poll; up to the seats for an
	// election (in order of preference when ranked); [] or ["abstain"] to
	// abstain.
	Choices []string `json:"choices"`
	// Member and Channel: an officer entering a member's postal or paper vote.
	Member  string `json:"member_id"`
	Channel string `json:"channel"`
	// OnBehalfOf: a proxy holder voting for the member who appointed them.
	OnBehalfOf string `json:"on_behalf_of"`
	// Spoilt records a spoilt postal or paper ballot: it counts as received
	// but for no option.
	Spoilt bool `json:"spoilt"`
}

// Vote is a checked vote: whose it is, how it came, and its choices.
type Vote struct {
	Member    string
	Channel   ballot.Channel
	Holder    string // the proxy holder who cast it
	EnteredBy string // the officer who entered a postal or paper vote
	Choices   []string
	Spoilt    bool
}

// CheckVote reads a vote from caller p: their own, as a proxy, or (an admin)
// a member's postal or paper vote.
func (in VoteInput) CheckVote(p Principal, rules VotingRules) (Vote, error) {
	var pr Problems
	v := Vote{Member: p.Person, Channel: ballot.ChannelOnline, Spoilt: in.Spoilt}
	if in.Choices == nil && !in.Spoilt {
		pr.Add("choices", FieldRequired)
	}
	if len(in.Choices) > ballot.MaxOptions {
		pr.Add("choices", FieldTooMany, "max", strconv.Itoa(ballot.MaxOptions))
	}
	for _, c := range in.Choices {
		if len(c) > ballot.MaxIDLength || !utf8.ValidString(c) {
			pr.Add("choices", FieldInvalid)
			break
		}
	}
	channel := ballot.Channel(strings.TrimSpace(in.Channel))
	switch {
	case in.OnBehalfOf != "" && in.Member != "":
		pr.Add("on_behalf_of", FieldOneOf, "other", "member_id")
	case in.OnBehalfOf != "":
		if !ValidID(in.OnBehalfOf) {
			pr.Add("on_behalf_of", FieldInvalid)
		}
		if channel != "" && channel != ballot.ChannelProxy {
			pr.Add("channel", FieldChoice)
		}
		v.Member, v.Holder, v.Channel = in.OnBehalfOf, p.Person, ballot.ChannelProxy
	case in.Member != "" || channel == ballot.ChannelPostal || channel == ballot.ChannelPaper:
		if !p.Has(RoleAdmin) {
			return Vote{}, E("check vote", KindForbidden, CodeForbidden)
		}
		if !rules.PostalVotes {
			return Vote{}, E("check vote", KindForbidden, CodePostalNotAllowed)
		}
		if channel != ballot.ChannelPostal && channel != ballot.ChannelPaper {
			pr.Add("channel", FieldChoice)
		}
		if !ValidID(in.Member) {
			pr.Add("member_id", FieldInvalid)
		}
		v.Member, v.Channel, v.EnteredBy = in.Member, channel, p.Person
	case channel != "" && channel != ballot.ChannelOnline:
		pr.Add("channel", FieldChoice)
	}
	if in.Spoilt && v.EnteredBy == "" {
		pr.Add("spoilt", FieldSpoiltOnPaper)
	}
	if in.Spoilt && len(in.Choices) > 0 {
		pr.Add("choices", FieldOneOf, "other", "spoilt")
	}
	if v.Holder != "" && !rules.Proxies {
		return Vote{}, E("check vote", KindForbidden, CodeProxiesNotAllowed)
	}
	if err := pr.Err("check vote"); err != nil {
		return Vote{}, err
	}
	if !v.Spoilt {
		v.Choices = slices.Clone(in.Choices)
		if v.Choices == nil {
			v.Choices = []string{}
		}
	}
	return v, nil
}

// Ballot is the vote as the ballot rules count it, in the voter's class. A
// spoilt ballot is given a choice no motion has, so it counts as spoilt.
func (v Vote) Ballot(class string) ballot.Ballot {
	if v.Spoilt {
		return ballot.Ballot{Class: class, Choices: []string{""}, Channel: v.Channel}
	}
	return ballot.Ballot{Class: class, Choices: v.Choices, Channel: v.Channel}
}

// CheckBallot refuses an online vote whose choices do not fit the rules;
// field names are the API's.
func CheckBallot(r ballot.Rules, b ballot.Ballot) error {
	err := r.CheckBallot(b)
	if err == nil {
		return nil
	}
	var p Problems
	addBallotProblems(&p, err)
	return p.Err("check ballot")
}

// Elector is one member entitled to vote on a motion, written when it opens.
// For a secret ballot the elector records only that they voted, how, and who
// entered it; never the choice and never when.
type Elector struct {
	Motion      string         `json:"motion_id"`
	Member      string         `json:"member_id"`
	Class       string         `json:"class,omitempty"`
	Snapshot    string         `json:"-"`
	Voted       bool           `json:"voted"`
	Channel     ballot.Channel `json:"channel,omitempty"`
	EnteredBy   string         `json:"entered_by,omitempty"`
	ProxyHolder string         `json:"proxy_holder,omitempty"`
	ProxiesHeld int64          `json:"proxies_held,omitempty"`
	// Open ballots only: the vote itself, who cast it, when, and the votes it
	// replaced. Choices is [] for an abstention, nil (left out) when there is
	// no vote to show.
	Choices []string    `json:"choices,omitzero"`
	Spoilt  bool        `json:"spoilt,omitempty"`
	CastBy  string      `json:"cast_by,omitempty"`
	At      *time.Time  `json:"at,omitempty"`
	History []VoteEvent `json:"history,omitempty"`
	Version int64       `json:"version,omitempty"`

	NoticeOpened  bool `json:"-"`
	NoticeClosing bool `json:"-"`
}

// VoteEvent is an earlier vote of an open ballot, kept when it is changed.
type VoteEvent struct {
	Choices   []string       `json:"choices"`
	Spoilt    bool           `json:"spoilt,omitempty"`
	Channel   ballot.Channel `json:"channel"`
	CastBy    string         `json:"cast_by"`
	EnteredBy string         `json:"entered_by,omitempty"`
	At        time.Time      `json:"at"`
}

// SecretBallot is a secret ballot as stored and published after closing:
// a random id, the receipt its voter was given, the class and the choices.
// Nothing in it names or dates the voter.
type SecretBallot struct {
	ID      string   `json:"-"`
	Receipt string   `json:"receipt"`
	Class   string   `json:"class,omitempty"`
	Choices []string `json:"choices"`
	Spoilt  bool     `json:"spoilt,omitempty"`
}

// NewSecretBallot makes a secret ballot with a random id (never derived from
// the voter or the time) and the receipt that commits to its contents.
func NewSecretBallot(motion, class string, choices []string, spoilt bool) SecretBallot {
	b := SecretBallot{ID: NewID() + NewID(), Class: class, Choices: slices.Clone(choices), Spoilt: spoilt}
	if b.Choices == nil {
		b.Choices = []string{}
	}
	b.Receipt = Fingerprint(append([]string{"receipt", motion, b.ID, class, strconv.FormatBool(spoilt)}, b.Choices...)...)[:26]
	return b
}

// Cast is a checked vote ready for the store, with the counters to add (and,
// when an open vote is changed, to take away) in the same transaction.
type Cast struct {
	Motion Motion
	Vote   Vote
	Class  string
	Add    []string
	Remove []string
	// Prev is the elector as read before the vote: not yet voted for a first
	// vote; for a changed open vote, the vote it replaces (at its version).
	Prev  Elector
	Today Date
	At    time.Time
}

// CastResult is what a stored vote gives back: the elector after the vote,
// and for a secret ballot the receipt (shown once, never stored with the
// voter).
type CastResult struct {
	Elector Elector
	Receipt string
	// Changed: an open vote replaced; Unchanged: the same vote again.
	Changed   bool
	Unchanged bool
}

// ErrVoteRaced tells the caller another write to the same elector won: read
// again and retry.
var ErrVoteRaced = errors.New("vote raced")

// Opening is the electorate a motion opens with.
type Opening struct {
	At       time.Time
	By       string
	Date     Date
	Snapshot string
	Electors []Elector
	Version  int64 // the motion's version when the electorate was taken
}

// MotionRef names a motion in any co-op, for the votes tick.
type MotionRef struct {
	Coop CoopID
	ID   string
}

// Votes keeps co-ops' voting rules, motions, electorates, votes and secret
// ballots. Like Store, every method takes the co-op explicitly.
type Votes interface {
	VotingRules(ctx context.Context, coop CoopID) (VotingRules, error)
	SetVotingRules(ctx context.Context, coop CoopID, v VotingRules) error
	// AddMotion stores a new draft; the same request again returns it with
	// created false, a different one under the same id is a conflict.
	AddMotion(ctx context.Context, coop CoopID, m Motion, fingerprint string) (stored Motion, created bool, err error)
	// Motion reads a motion with its counters.
	Motion(ctx context.Context, coop CoopID, id string) (Motion, error)
	// Motions lists motions, newest first.
	Motions(ctx context.Context, coop CoopID, page PageRequest) (Page[Motion], error)
	// ScheduleMotion marks a draft to open at its opening time.
	ScheduleMotion(ctx context.Context, coop CoopID, id string, version int64, by string) (Motion, error)
	// OpenMotion writes the electorate and opens the motion, if it is still a
	// draft or scheduled at the version the electorate was taken at.
	OpenMotion(ctx context.Context, coop CoopID, id string, o Opening) (Motion, error)
	// CloseMotion closes an open motion; later votes fail their condition.
	CloseMotion(ctx context.Context, coop CoopID, id string, at time.Time, by string) (Motion, error)
	// RecordOutcome stores a closed motion's outcome and, for a passed
	// confirming motion, marks the resolution it confirms.
	RecordOutcome(ctx context.Context, coop CoopID, id string, outcome ballot.Outcome, confirms string) (Motion, error)
	// MarkMotionNoticed records that a kind of notice has gone to the
	// electorate.
	MarkMotionNoticed(ctx context.Context, coop CoopID, id, kind string) (Motion, error)
	// Elector reads one member's entry in a motion's electorate.
	Elector(ctx context.Context, coop CoopID, motion, member string) (Elector, error)
	// Electors lists a motion's electorate.
	Electors(ctx context.Context, coop CoopID, motion string, page PageRequest) (Page[Elector], error)
	// MarkElectorNoticed records that one elector was sent a notice.
	MarkElectorNoticed(ctx context.Context, coop CoopID, motion, member, kind string) error
	// Cast stores a vote and adds it to the tally in one transaction,
	// conditioned on the motion being open and before its closing time, the
	// elector being of the motion's electorate and not having voted (or, for
	// a changed open vote, still at PrevVersion), and the member not having
	// ceased.
	Cast(ctx context.Context, coop CoopID, c Cast) (CastResult, error)
	// AppointProxy records that member's vote may be cast by holder, within
	// the holder's cap, while the motion is open.
	AppointProxy(ctx context.Context, coop CoopID, m Motion, member, holder string, cap int, today Date, at time.Time) (Elector, error)
	// SecretBallots lists a motion's secret ballots in an order unrelated to
	// when they were cast.
	SecretBallots(ctx context.Context, coop CoopID, motion string, page PageRequest) (Page[SecretBallot], error)
	// DueMotions lists motions in every co-op whose next step is due by now.
	DueMotions(ctx context.Context, now time.Time, limit int) ([]MotionRef, error)
}

// Notice is a message to one member about a motion, in their language, by
// the channel they consented to: email if they gave an electronic address for
// notices or ballots, otherwise post to their registered address.
type Notice struct {
	Coop     CoopID `json:"coop"`
	Motion   string `json:"motion_id"`
	Member   string `json:"member_id"`
	Kind     string `json:"kind"`
	Channel  string `json:"channel"` // "email" or "post"
	To       string `json:"to"`
	Language Lang   `json:"language"`
	Subject  string `json:"subject"`
	Body     string `json:"body"`
}

// Notice channels.
const (
	ChannelEmail = "email"
	ChannelPost  = "post"
)

// NoticeChannel is how a member has consented to be sent notices, and where.
func (m Member) NoticeChannel() (channel, to string) {
	if m.ElectronicAddress != "" && (slices.Contains(m.ElectronicUses, "notices") || slices.Contains(m.ElectronicUses, "ballots")) {
		return ChannelEmail, m.ElectronicAddress
	}
	return ChannelPost, m.Address
}

// Notices sends notices: SES on AWS, the outbox folder in make dev.
type Notices interface {
	Send(ctx context.Context, n Notice) error
}

// Vote error codes. Clients and the message catalogue key on these; never
// rename one.
const (
	CodeMotionState        = "motion_not_in_that_state"
	CodeMotionNotOpen      = "motion_not_open"
	CodeMotionClosed       = "motion_closed"
	CodeNotInElectorate    = "not_in_electorate"
	CodeVoterCeased        = "voter_has_ceased"
	CodeAlreadyVoted       = "already_voted"
	CodeResultsHidden      = "results_hidden"
	CodeBallotsUnpublished = "ballots_not_published"
	CodeProxiesNotAllowed  = "proxies_not_allowed"
	CodeProxyCapReached    = "proxy_cap_reached"
	CodeProxyTaken         = "proxy_already_appointed"
	CodeNotProxyHolder     = "not_proxy_holder"
	CodePostalNotAllowed   = "postal_votes_not_allowed"
	CodeProposeNotAllowed  = "members_may_not_propose"
)

// Vote field error codes.
const (
	FieldTimestamp          = "invalid_timestamp"
	FieldTimeInPast         = "time_in_past"
	FieldClosesBeforeOpens  = "closes_before_opens"
	FieldConfirmsResolution = "confirms_needs_resolution"
	FieldNotConfirmable     = "not_awaiting_confirmation"
	FieldConfirmWindow      = "outside_confirmation_window"
	FieldSpoiltOnPaper      = "spoilt_only_on_paper"
	FieldProxySelf          = "proxy_is_self"
	FieldNotElector         = "not_an_elector"
)

// MotionConflict is the error for a motion not in the state an action needs:
// not yet open, closed, or otherwise.
func MotionConflict(op string, m Motion, now time.Time) error {
	switch {
	case m.Status == MotionClosed || (m.Status == MotionOpen && !now.Before(m.ClosesAt)):
		return E(op, KindConflict, CodeMotionClosed)
	case m.Status == MotionDraft || m.Status == MotionScheduled:
		return E(op, KindConflict, CodeMotionNotOpen)
	}
	return E(op, KindConflict, CodeMotionState)
}

// String names a motion in logs without its wording.
func (r MotionRef) String() string { return fmt.Sprintf("%s/%s", r.Coop, r.ID) }

// Next is the elector's record once the cast is stored. A secret ballot
// records only that the member voted, by which channel and who entered it:
// no choice and no time, so the record cannot be linked to the ballot. An
// open ballot records the vote, who cast it (a proxy holder for the member)
// and when, and a change keeps the vote it replaces in History.
func (c Cast) Next() Elector {
	v, prev := c.Vote, c.Prev
	next := prev
	next.Voted, next.Channel, next.EnteredBy = true, v.Channel, v.EnteredBy
	if c.Motion.Secret {
		return next
	}
	at := c.At.UTC()
	castBy := v.Member
	if v.Holder != "" {
		castBy = v.Holder
	}
	next.Choices, next.Spoilt, next.CastBy, next.At, next.Version = v.Choices, v.Spoilt, castBy, &at, prev.Version+1
	if prev.Voted {
		event := VoteEvent{Choices: prev.Choices, Spoilt: prev.Spoilt, Channel: prev.Channel, CastBy: prev.CastBy, EnteredBy: prev.EnteredBy}
		if prev.At != nil {
			event.At = *prev.At
		}
		next.History = append(slices.Clone(prev.History), event)
	}
	return next
}

// Refusal says why the stored elector record e (found false: there is none)
// refused the cast: not in the electorate the motion opened with, not this
// member's proxy holder, a secret ballot already cast; otherwise an open
// vote changed under the caller, who should read again (ErrVoteRaced).
func (c Cast) Refusal(op string, e Elector, found bool) error {
	switch {
	case !found, e.Snapshot != c.Motion.Snapshot:
		return E(op, KindForbidden, CodeNotInElectorate)
	case c.Vote.Holder != "" && e.ProxyHolder != c.Vote.Holder:
		return E(op, KindForbidden, CodeNotProxyHolder)
	case c.Motion.Secret && e.Voted:
		return E(op, KindConflict, CodeAlreadyVoted)
	}
	return ErrVoteRaced
}

// ProxyRefusal says why appointing holder for a member whose record is e
// (found false: there is none) was refused: not in the electorate, already
// voted, or another holder appointed. Appointing the same holder again is
// not refused: already is true.
func ProxyRefusal(op string, m Motion, e Elector, found bool, holder string) (already bool, err error) {
	switch {
	case !found, e.Snapshot != m.Snapshot:
		return false, E(op, KindForbidden, CodeNotInElectorate)
	case e.ProxyHolder == holder:
		return true, nil
	case e.Voted:
		return false, E(op, KindConflict, CodeAlreadyVoted)
	}
	return false, E(op, KindConflict, CodeProxyTaken)
}

// VisibleTo reports whether p may see the motion: a draft only its proposer
// and admins.
func (m Motion) VisibleTo(p Principal) bool {
	return m.Status != MotionDraft || p.Has(RoleAdmin) || m.ProposedBy == p.Person
}
