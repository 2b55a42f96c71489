// Package votes runs co-op votes in domain terms: drafting motions, opening
// them with the electorate taken from the register, casting, proxies,
// closing, counting with package ballot, and the votes tick that opens,
// closes, counts and sends notices when nobody acts. The API handlers and the
// scheduled function both call it; the store enforces every rule that
// concurrency could break (one vote per member, votes only while open).
package votes

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Service is the votes capability over its stores.
type Service struct {
	// Register reads the register of members (for electorates and notices).
	Register dpcoop.Store
	Votes    dpcoop.Votes
	// Notices sends notices; nil means none can be sent (the tick reports it
	// and tries again next time).
	Notices dpcoop.Notices
	Log     *slog.Logger
}

const maxAttempts = 5

// Propose drafts a motion: an admin always, a member where the co-op's
// voting rules allow. id is derived from the request, so a repeat finds it.
func (s *Service) Propose(ctx context.Context, p dpcoop.Principal, in dpcoop.MotionInput, id, fingerprint string, now time.Time) (dpcoop.Motion, bool, error) {
	const op = "propose motion"
	if !p.Has(dpcoop.RoleAdmin) {
		rules, err := s.Votes.VotingRules(ctx, p.Coop)
		if err != nil {
			return dpcoop.Motion{}, false, err
		}
		if !rules.MembersMayPropose {
			return dpcoop.Motion{}, false, dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeProposeNotAllowed)
		}
	}
	m, err := in.Validate(p.Person, now)
	if err != nil {
		return dpcoop.Motion{}, false, err
	}
	if m.Confirms != "" {
		first, err := s.Votes.Motion(ctx, p.Coop, m.Confirms)
		var pr dpcoop.Problems
		switch {
		case dpcoop.IsKind(err, dpcoop.KindNotFound):
			pr.Add("confirms", dpcoop.FieldInvalid)
		case err != nil:
			return dpcoop.Motion{}, false, err
		case first.Rules.Kind != ballot.SpecialResolution || !first.Rules.Confirmation.Required || first.ConfirmedBy != "" ||
			(first.Status == dpcoop.MotionClosed && first.Outcome != "" && first.Outcome != ballot.OutcomePassed):
			pr.Add("confirms", dpcoop.FieldNotConfirmable)
		}
		if err := pr.Err(op); err != nil {
			return dpcoop.Motion{}, false, err
		}
	}
	m.ID = id
	return s.Votes.AddMotion(ctx, p.Coop, m, fingerprint)
}

// Open opens a draft motion: now, or, when it has an opening time still to
// come, scheduled for the tick to open then. The electorate is every member
// on the register on the opening date (in the motion's classes, when it has
// them); members who join later, or had ceased, are not in it.
func (s *Service) Open(ctx context.Context, coop dpcoop.CoopID, id, by string, now time.Time, scheduled bool) (dpcoop.Motion, error) {
	const op = "open motion"
	for range maxAttempts {
		m, err := s.Votes.Motion(ctx, coop, id)
		if err != nil {
			return dpcoop.Motion{}, err
		}
		switch m.Status {
		case dpcoop.MotionOpen, dpcoop.MotionClosed:
			return m, nil
		case dpcoop.MotionDraft:
			if m.OpensAt != nil && m.OpensAt.After(now) {
				return s.Votes.ScheduleMotion(ctx, coop, id, m.Version, by)
			}
		case dpcoop.MotionScheduled:
			if scheduled && m.OpensAt != nil && m.OpensAt.After(now) {
				return m, nil
			}
		}
		if !now.Before(m.ClosesAt) {
			var p dpcoop.Problems
			p.Add("closes_at", dpcoop.FieldTimeInPast)
			return dpcoop.Motion{}, p.Err(op)
		}
		if err := s.checkConfirmation(ctx, op, coop, m); err != nil {
			return dpcoop.Motion{}, err
		}
		electors, err := s.electorate(ctx, coop, m.Rules, dpcoop.DateOf(now))
		if err != nil {
			return dpcoop.Motion{}, err
		}
		opened, err := s.Votes.OpenMotion(ctx, coop, id, dpcoop.Opening{
			At: now, By: by, Date: dpcoop.DateOf(now), Snapshot: dpcoop.NewID(), Electors: electors, Version: m.Version,
		})
		if dpcoop.IsKind(err, dpcoop.KindConflict) {
			continue // the motion changed while the electorate was taken: take it again
		}
		return opened, err
	}
	return dpcoop.Motion{}, dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
}

// checkConfirmation refuses to open a confirming motion unless the special
// resolution it confirms has passed, awaits confirmation, and this vote
// closes inside the confirmation window.
func (s *Service) checkConfirmation(ctx context.Context, op string, coop dpcoop.CoopID, m dpcoop.Motion) error {
	if m.Confirms == "" {
		return nil
	}
	first, err := s.Votes.Motion(ctx, coop, m.Confirms)
	if err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return err
	}
	var p dpcoop.Problems
	switch {
	case err != nil || !first.NeedsConfirmation() || first.Closed == nil:
		p.Add("confirms", dpcoop.FieldNotConfirmable)
	default:
		closed := first.Closed.In(dpcoop.London)
		if first.Rules.CheckConfirmationDate(closed, m.ClosesAt) != nil {
			from, to := first.Rules.ConfirmationWindow(closed)
			p.Add("closes_at", dpcoop.FieldConfirmWindow, "from", from.Format(dpcoop.DateLayout), "to", to.Format(dpcoop.DateLayout))
		}
	}
	return p.Err(op)
}

// electorate is the members of the register active on date, in the motion's
// classes when it has any, as electors.
func (s *Service) electorate(ctx context.Context, coop dpcoop.CoopID, rules ballot.Rules, date dpcoop.Date) ([]dpcoop.Elector, error) {
	members, err := s.register(ctx, coop)
	if err != nil {
		return nil, err
	}
	var out []dpcoop.Elector
	var voters []ballot.Voter
	for _, m := range members {
		if !m.Active(date) {
			continue
		}
		class := ""
		if len(rules.Classes) > 0 {
			class = string(m.Class)
			if !slices.ContainsFunc(rules.Classes, func(c ballot.Class) bool { return c.ID == class }) {
				continue // a class the motion does not give a vote
			}
		}
		out = append(out, dpcoop.Elector{Member: m.ID, Class: class})
		voters = append(voters, ballot.Voter{ID: m.ID, Class: class})
	}
	if _, err := rules.ElectorateOf(voters); err != nil {
		return nil, dpcoop.Wrap("take electorate", err)
	}
	return out, nil
}

func (s *Service) register(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Member, error) {
	var all []dpcoop.Member
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		res, err := s.Register.Members(ctx, coop, page)
		if err != nil {
			return nil, err
		}
		all = append(all, res.Items...)
		if res.Next == "" {
			return all, nil
		}
		page.Cursor = res.Next
	}
}

// Close closes an open motion (early, by an admin, or at its closing time,
// by the tick) and counts it.
func (s *Service) Close(ctx context.Context, coop dpcoop.CoopID, id, by string, at time.Time) (dpcoop.Motion, error) {
	m, err := s.Votes.CloseMotion(ctx, coop, id, at, by)
	if err != nil {
		return dpcoop.Motion{}, err
	}
	counted, err := s.record(ctx, coop, m.ID)
	if err != nil {
		// The motion is closed and no vote can land; the tick counts it later.
		s.log().ErrorContext(ctx, "count motion", slog.String("coop", string(coop)), slog.String("motion", id), slog.String("error", err.Error()))
		return m, nil
	}
	return counted, nil
}

// record counts a closed motion and stores its outcome.
func (s *Service) record(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Motion, error) {
	m, err := s.Votes.Motion(ctx, coop, id)
	if err != nil {
		return dpcoop.Motion{}, err
	}
	if m.Outcome != "" {
		return m, nil
	}
	res, err := s.Tally(ctx, m)
	if err != nil {
		return dpcoop.Motion{}, err
	}
	return s.Votes.RecordOutcome(ctx, coop, id, res.Outcome, m.Confirms)
}

// Tally counts a motion: from its running counters, or for a ranked
// election from its ballots.
func (s *Service) Tally(ctx context.Context, m dpcoop.Motion) (ballot.Result, error) {
	const op = "tally"
	var votes ballot.Votes
	if m.Rules.Ranked {
		bs, err := s.ballots(ctx, m)
		if err != nil {
			return ballot.Result{}, err
		}
		votes = bs
	} else {
		counts, err := ballot.ParseCounters(m.Rules, m.Counters)
		if err != nil {
			return ballot.Result{}, dpcoop.Wrap(op, err)
		}
		votes = counts
	}
	res, err := ballot.Tally(m.Rules, m.BallotElectorate(), votes)
	if err != nil {
		return ballot.Result{}, dpcoop.Wrap(op, err)
	}
	return res, nil
}

// ballots reads every ballot of a motion, for a ranked count.
func (s *Service) ballots(ctx context.Context, m dpcoop.Motion) (ballot.Ballots, error) {
	var out ballot.Ballots
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		var next string
		if m.Secret {
			res, err := s.Votes.SecretBallots(ctx, m.Coop, m.ID, page)
			if err != nil {
				return nil, err
			}
			for _, sb := range res.Items {
				out = append(out, dpcoop.Vote{Choices: sb.Choices, Spoilt: sb.Spoilt}.Ballot(sb.Class))
			}
			next = res.Next
		} else {
			res, err := s.Votes.Electors(ctx, m.Coop, m.ID, page)
			if err != nil {
				return nil, err
			}
			for _, e := range res.Items {
				if e.Voted && e.Snapshot == m.Snapshot {
					out = append(out, dpcoop.Vote{Choices: e.Choices, Spoilt: e.Spoilt}.Ballot(e.Class))
				}
			}
			next = res.Next
		}
		if next == "" {
			return out, nil
		}
		page.Cursor = next
	}
}

// Results is a motion's count as the API shows it.
type Results struct {
	MotionID     string        `json:"motion_id"`
	Status       string        `json:"status"`
	Final        bool          `json:"final"`
	Result       ballot.Result `json:"result"`
	Confirmation *Confirmation `json:"confirmation,omitempty"`
}

// Confirmation is where a special resolution stands with its second vote.
type Confirmation struct {
	Required    bool        `json:"required"`
	From        dpcoop.Date `json:"from,omitempty"`
	To          dpcoop.Date `json:"to,omitempty"`
	ConfirmedBy string      `json:"confirmed_by,omitempty"`
	Confirmed   bool        `json:"confirmed"`
}

// Results counts a motion for the API: refused before it opens, and while it
// is open if its results are hidden until closing.
func (s *Service) Results(ctx context.Context, coop dpcoop.CoopID, id string, now time.Time) (Results, error) {
	const op = "results"
	m, err := s.Votes.Motion(ctx, coop, id)
	if err != nil {
		return Results{}, err
	}
	switch {
	case m.Status == dpcoop.MotionDraft || m.Status == dpcoop.MotionScheduled:
		return Results{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeMotionNotOpen)
	case m.ResultsHidden():
		return Results{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeResultsHidden)
	}
	res, err := s.Tally(ctx, m)
	if err != nil {
		return Results{}, err
	}
	out := Results{MotionID: m.ID, Status: string(m.Status), Final: m.Status == dpcoop.MotionClosed, Result: res}
	if m.Rules.Kind == ballot.SpecialResolution && m.Rules.Confirmation.Required {
		c := &Confirmation{Required: true, ConfirmedBy: m.ConfirmedBy, Confirmed: m.ConfirmedBy != ""}
		if m.Closed != nil {
			from, to := m.Rules.ConfirmationWindow(m.Closed.In(dpcoop.London))
			c.From, c.To = dpcoop.DateOf(from), dpcoop.DateOf(to)
		}
		out.Confirmation = c
	}
	return out, nil
}

// Cast records a vote: the caller's own, as a proxy holder, or (an admin) a
// member's postal or paper vote. The store's transaction decides; the reads
// before it only choose the counters and give a clear refusal early.
func (s *Service) Cast(ctx context.Context, p dpcoop.Principal, id string, in dpcoop.VoteInput, now time.Time) (dpcoop.Motion, dpcoop.CastResult, error) {
	const op = "cast vote"
	m, err := s.Votes.Motion(ctx, p.Coop, id)
	if err != nil {
		return dpcoop.Motion{}, dpcoop.CastResult{}, err
	}
	if !m.AcceptsVotes(now) {
		return m, dpcoop.CastResult{}, dpcoop.MotionConflict(op, m, now)
	}
	rules, err := s.Votes.VotingRules(ctx, p.Coop)
	if err != nil {
		return m, dpcoop.CastResult{}, err
	}
	v, err := in.CheckVote(p, rules)
	if err != nil {
		return m, dpcoop.CastResult{}, err
	}
	for range maxAttempts {
		e, err := s.Votes.Elector(ctx, p.Coop, m.ID, v.Member)
		if dpcoop.IsKind(err, dpcoop.KindNotFound) || (err == nil && e.Snapshot != m.Snapshot) {
			if v.EnteredBy != "" {
				var pr dpcoop.Problems
				pr.Add("member_id", dpcoop.FieldNotElector)
				return m, dpcoop.CastResult{}, pr.Err(op)
			}
			return m, dpcoop.CastResult{}, dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeNotInElectorate)
		}
		if err != nil {
			return m, dpcoop.CastResult{}, err
		}
		if v.Holder != "" && e.ProxyHolder != v.Holder {
			return m, dpcoop.CastResult{}, dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeNotProxyHolder)
		}
		if e.Voted && (m.Secret || !mayChange(e, v)) {
			return m, dpcoop.CastResult{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeAlreadyVoted)
		}
		b := v.Ballot(e.Class)
		if !v.Spoilt {
			if err := dpcoop.CheckBallot(m.Rules, b); err != nil {
				return m, dpcoop.CastResult{}, err
			}
		}
		add, err := ballot.CounterNames(m.Rules, b)
		if err != nil {
			return m, dpcoop.CastResult{}, dpcoop.Wrap(op, err)
		}
		var remove []string
		if e.Voted {
			if sameVote(e, v) {
				return m, dpcoop.CastResult{Elector: e, Unchanged: true}, nil // the same vote again changes nothing
			}
			if remove, err = ballot.CounterNames(m.Rules, dpcoop.Vote{Choices: e.Choices, Spoilt: e.Spoilt}.Ballot(e.Class)); err != nil {
				return m, dpcoop.CastResult{}, dpcoop.Wrap(op, err)
			}
		}
		res, err := s.Votes.Cast(ctx, p.Coop, dpcoop.Cast{
			Motion: m, Vote: v, Class: e.Class, Add: add, Remove: remove, Prev: e, Today: dpcoop.DateOf(now), At: now,
		})
		if errors.Is(err, dpcoop.ErrVoteRaced) {
			continue // another vote for this member landed first: read it and decide again
		}
		return m, res, err
	}
	return m, dpcoop.CastResult{}, dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
}

// mayChange says who may change an open vote already cast: the member
// always; the proxy holder only a vote they cast; an officer only a vote an
// officer entered (a correction).
func mayChange(e dpcoop.Elector, v dpcoop.Vote) bool {
	switch {
	case v.EnteredBy != "":
		return e.EnteredBy != ""
	case v.Holder != "":
		return e.CastBy == v.Holder && e.EnteredBy == ""
	}
	return true
}

func sameVote(e dpcoop.Elector, v dpcoop.Vote) bool {
	return e.Spoilt == v.Spoilt && slices.Equal(e.Choices, v.Choices) && e.Channel == v.Channel && e.EnteredBy == v.EnteredBy &&
		(e.CastBy == v.Holder || (v.Holder == "" && e.CastBy == v.Member))
}

// AppointProxy lets the calling member's vote be cast by holder, where the
// co-op's rules allow proxies, within their cap per holder.
func (s *Service) AppointProxy(ctx context.Context, p dpcoop.Principal, id, holder string, now time.Time) (dpcoop.Elector, error) {
	const op = "appoint proxy"
	var pr dpcoop.Problems
	switch {
	case holder == "":
		pr.Add("holder_id", dpcoop.FieldRequired)
	case !dpcoop.ValidID(holder):
		pr.Add("holder_id", dpcoop.FieldInvalid)
	case holder == p.Person:
		pr.Add("holder_id", dpcoop.FieldProxySelf)
	}
	if err := pr.Err(op); err != nil {
		return dpcoop.Elector{}, err
	}
	m, err := s.Votes.Motion(ctx, p.Coop, id)
	if err != nil {
		return dpcoop.Elector{}, err
	}
	rules, err := s.Votes.VotingRules(ctx, p.Coop)
	if err != nil {
		return dpcoop.Elector{}, err
	}
	if !rules.Proxies {
		return dpcoop.Elector{}, dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeProxiesNotAllowed)
	}
	if !m.AcceptsVotes(now) {
		return dpcoop.Elector{}, dpcoop.MotionConflict(op, m, now)
	}
	return s.Votes.AppointProxy(ctx, p.Coop, m, p.Person, holder, rules.ProxyCap, dpcoop.DateOf(now), now)
}

// PublishedVote is one vote of an open ballot as published after closing.
type PublishedVote struct {
	Member    string         `json:"member_id"`
	Choices   []string       `json:"choices"`
	Spoilt    bool           `json:"spoilt,omitempty"`
	Channel   ballot.Channel `json:"channel"`
	CastBy    string         `json:"cast_by,omitempty"`
	EnteredBy string         `json:"entered_by,omitempty"`
}

// BallotList is the published list of a closed motion's ballots: a secret
// ballot's receipts with their choices (no names), or an open ballot's votes.
type BallotList struct {
	MotionID string                `json:"motion_id"`
	Secret   bool                  `json:"secret"`
	Ballots  []dpcoop.SecretBallot `json:"ballots,omitempty"`
	Votes    []PublishedVote       `json:"votes,omitempty"`
	Next     string                `json:"next,omitempty"`
}

// Ballots publishes a closed motion's ballots, a page at a time.
func (s *Service) Ballots(ctx context.Context, coop dpcoop.CoopID, id string, page dpcoop.PageRequest) (BallotList, error) {
	m, err := s.Votes.Motion(ctx, coop, id)
	if err != nil {
		return BallotList{}, err
	}
	if m.Status != dpcoop.MotionClosed {
		return BallotList{}, dpcoop.E("list ballots", dpcoop.KindConflict, dpcoop.CodeBallotsUnpublished)
	}
	out := BallotList{MotionID: m.ID, Secret: m.Secret}
	if m.Secret {
		res, err := s.Votes.SecretBallots(ctx, coop, id, page)
		if err != nil {
			return BallotList{}, err
		}
		out.Ballots, out.Next = res.Items, res.Next
		if out.Ballots == nil {
			out.Ballots = []dpcoop.SecretBallot{}
		}
		return out, nil
	}
	res, err := s.Votes.Electors(ctx, coop, id, page)
	if err != nil {
		return BallotList{}, err
	}
	out.Votes, out.Next = []PublishedVote{}, res.Next
	for _, e := range res.Items {
		if e.Voted && e.Snapshot == m.Snapshot {
			out.Votes = append(out.Votes, PublishedVote{Member: e.Member, Choices: e.Choices, Spoilt: e.Spoilt, Channel: e.Channel, CastBy: e.CastBy, EnteredBy: e.EnteredBy})
		}
	}
	return out, nil
}

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.Default()
	}
	return s.Log
}
