package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Votes tests dpcoop.Votes: a motion is added once, motions are listed
// newest first a page at a time, a motion opens only at the version its
// electorate was taken at, a vote is cast once per elector (an open vote may
// be changed, against the vote it replaces, until the motion closes) and
// counted with it in one write, and nothing is read from or cast in another
// co-op.
func Votes(t *testing.T, open Open[dpcoop.Votes]) {
	run(t, open, map[string]func(*testing.T, dpcoop.Votes, Fixture){
		"AddMotionIsIdempotent":             addMotionIsIdempotent,
		"MotionsPageNewestFirst":            motionsPageNewestFirst,
		"OpenMotionAtTheVersionTaken":       openMotionAtTheVersionTaken,
		"ASecretVoteIsCastOnce":             aSecretVoteIsCastOnce,
		"AnOpenVoteChangesUntilClose":       anOpenVoteChangesUntilClose,
		"OnlyElectorsVote":                  onlyElectorsVote,
		"VotesStayInTheirCoop":              votesStayInTheirCoop,
		"AProxyIsAppointedOnceWithinTheCap": aProxyIsAppointedOnceWithinTheCap,
		"MotionsStepOnlyFromTheirState":     motionsStepOnlyFromTheirState,
		"NoticesAreMarkedOnce":              noticesAreMarkedOnce,
		"AMotionIsDueByItsTime":             aMotionIsDueByItsTime,
		"VotingRulesAreTheDefaultUntilSet":  votingRulesAreTheDefaultUntilSet,
	})
}

func motion(proposed time.Time, secret bool) dpcoop.Motion {
	return dpcoop.Motion{ID: dpcoop.NewID(), TitleCY: "Prynu bws mini", TitleEN: "Buy a minibus", TextCY: "Bod y cwmni'n prynu bws mini.",
		TextEN: "That the co-op buys a minibus.", Rules: ballot.Rules{Kind: ballot.OrdinaryResolution}, Secret: secret,
		ClosesAt: Day.Add(7 * 24 * time.Hour), Status: dpcoop.MotionDraft, ProposedBy: "admin", Proposed: proposed}
}

// openWith adds a motion and opens it with these members as its electorate.
func openWith(t *testing.T, s dpcoop.Votes, f Fixture, secret bool, electors ...dpcoop.Member) dpcoop.Motion {
	t.Helper()
	ctx := context.Background()
	m, _, err := s.AddMotion(ctx, f.Coop, motion(Day, secret), dpcoop.NewID())
	noErr(t, err)
	o := dpcoop.Opening{At: Day, By: "admin", Date: dpcoop.DateOf(Day), Snapshot: dpcoop.NewID(), Version: m.Version}
	for _, e := range electors {
		o.Electors = append(o.Electors, dpcoop.Elector{Member: e.ID})
	}
	return must(s.OpenMotion(ctx, f.Coop, m.ID, o))(t)
}

// cast is member's vote for choice as the domain makes it: the counters it
// adds, and for a change those of the vote it replaces (prev).
func cast(t *testing.T, m dpcoop.Motion, prev dpcoop.Elector, choice string, at time.Time) dpcoop.Cast {
	t.Helper()
	v := dpcoop.Vote{Member: prev.Member, Channel: ballot.ChannelOnline, Choices: []string{choice}}
	add := must(ballot.CounterNames(m.Rules, v.Ballot(prev.Class)))(t)
	var remove []string
	if prev.Voted {
		remove = must(ballot.CounterNames(m.Rules, dpcoop.Vote{Choices: prev.Choices}.Ballot(prev.Class)))(t)
	}
	return dpcoop.Cast{Motion: m, Vote: v, Class: prev.Class, Add: add, Remove: remove, Prev: prev, Today: dpcoop.DateOf(at), At: at}
}

func addMotionIsIdempotent(t *testing.T, s dpcoop.Votes, f Fixture) {
	ctx := context.Background()
	m := motion(Day, false)
	got, created, err := s.AddMotion(ctx, f.Coop, m, "fp1")
	if err != nil || !created || got.Status != dpcoop.MotionDraft {
		t.Fatalf("first: %v %v %+v", err, created, got)
	}
	retry := m
	retry.TitleEN = "changed meanwhile"
	got, created, err = s.AddMotion(ctx, f.Coop, retry, "fp1")
	if err != nil || created || got.TitleEN != "Buy a minibus" {
		t.Fatalf("the same request again: %v created=%v %q", err, created, got.TitleEN)
	}
	_, _, err = s.AddMotion(ctx, f.Coop, retry, "fp2")
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeIdempotencyMismatch)
	if read := must(s.Motion(ctx, f.Coop, m.ID))(t); read.TitleCY != m.TitleCY || read.Status != dpcoop.MotionDraft {
		t.Fatalf("read back %+v", read)
	}
}

func motionsPageNewestFirst(t *testing.T, s dpcoop.Votes, f Fixture) {
	ctx := context.Background()
	// Some proposed within the same second: order is by the instant, not by
	// how a time happens to be written.
	var want []string
	for _, after := range []time.Duration{0, 100 * time.Millisecond, 150 * time.Millisecond, 500 * time.Millisecond, time.Second, time.Hour} {
		m, _, err := s.AddMotion(ctx, f.Coop, motion(Day.Add(after), false), dpcoop.NewID())
		noErr(t, err)
		want = append([]string{m.ID}, want...)
	}
	for _, limit := range []int{1, 2, 6} {
		var got []string
		for _, m := range pages(t, limit, func(p dpcoop.PageRequest) (dpcoop.Page[dpcoop.Motion], error) { return s.Motions(ctx, f.Coop, p) }) {
			got = append(got, m.ID)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("pages of %d listed %v, want newest first %v", limit, got, want)
		}
	}
}

func openMotionAtTheVersionTaken(t *testing.T, s dpcoop.Votes, f Fixture) {
	ctx := context.Background()
	a, b := f.Member(t), f.Member(t)
	m, _, err := s.AddMotion(ctx, f.Coop, motion(Day, false), "fp")
	noErr(t, err)
	stale := dpcoop.Opening{At: Day, By: "admin", Date: dpcoop.DateOf(Day), Snapshot: dpcoop.NewID(), Version: m.Version - 1,
		Electors: []dpcoop.Elector{{Member: a.ID}}}
	_, err = s.OpenMotion(ctx, f.Coop, m.ID, stale)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeMotionState)
	if _, err := s.Elector(ctx, f.Coop, m.ID, a.ID); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Fatalf("a refused opening wrote its electorate: %v", err)
	}
	o := stale
	o.Version = m.Version
	o.Electors = append(o.Electors, dpcoop.Elector{Member: b.ID})
	opened := must(s.OpenMotion(ctx, f.Coop, m.ID, o))(t)
	if opened.Status != dpcoop.MotionOpen || opened.Electorate != 2 {
		t.Fatalf("opened %+v", opened)
	}
	electors := pages(t, 1, func(p dpcoop.PageRequest) (dpcoop.Page[dpcoop.Elector], error) {
		return s.Electors(ctx, f.Coop, m.ID, p)
	})
	if len(electors) != 2 {
		t.Fatalf("%d electors, want 2", len(electors))
	}
	// Opening again is no second electorate.
	again := o
	again.Snapshot, again.Electors = dpcoop.NewID(), []dpcoop.Elector{{Member: a.ID}}
	if got := must(s.OpenMotion(ctx, f.Coop, m.ID, again))(t); got.Snapshot != o.Snapshot || got.Electorate != 2 {
		t.Fatalf("opened twice: %+v", got)
	}
}

func aSecretVoteIsCastOnce(t *testing.T, s dpcoop.Votes, f Fixture) {
	ctx := context.Background()
	a, b := f.Member(t), f.Member(t)
	m := openWith(t, s, f, true, a, b)
	prev := must(s.Elector(ctx, f.Coop, m.ID, a.ID))(t)
	res := must(s.Cast(ctx, f.Coop, cast(t, m, prev, ballot.For, Day.Add(time.Hour))))(t)
	if res.Receipt == "" || !res.Elector.Voted {
		t.Fatalf("cast %+v", res)
	}
	// A second vote on the same read of the elector is refused.
	_, err := s.Cast(ctx, f.Coop, cast(t, m, prev, ballot.Against, Day.Add(2*time.Hour)))
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeAlreadyVoted)
	stored := must(s.Elector(ctx, f.Coop, m.ID, a.ID))(t)
	if !stored.Voted || stored.Choices != nil || stored.At != nil {
		t.Fatalf("a secret ballot's elector keeps only that they voted: %+v", stored)
	}
	ballots := pages(t, 10, func(p dpcoop.PageRequest) (dpcoop.Page[dpcoop.SecretBallot], error) {
		return s.SecretBallots(ctx, f.Coop, m.ID, p)
	})
	if len(ballots) != 1 || !slices.Equal(ballots[0].Choices, []string{ballot.For}) || ballots[0].Receipt != res.Receipt {
		t.Fatalf("ballots %+v, want the one cast", ballots)
	}
	wantCounters(t, must(s.Motion(ctx, f.Coop, m.ID))(t), cast(t, m, prev, ballot.For, Day).Add)
}

func anOpenVoteChangesUntilClose(t *testing.T, s dpcoop.Votes, f Fixture) {
	ctx := context.Background()
	a := f.Member(t)
	m := openWith(t, s, f, false, a)
	first := must(s.Elector(ctx, f.Coop, m.ID, a.ID))(t)
	voted := must(s.Cast(ctx, f.Coop, cast(t, m, first, ballot.For, Day.Add(time.Hour))))(t).Elector
	// The change is checked against the vote it replaces.
	changed := must(s.Cast(ctx, f.Coop, cast(t, m, voted, ballot.Against, Day.Add(2*time.Hour))))(t)
	if !changed.Changed || !slices.Equal(changed.Elector.Choices, []string{ballot.Against}) {
		t.Fatalf("changed %+v", changed)
	}
	// A change made on the first vote, after it was replaced, has raced.
	_, err := s.Cast(ctx, f.Coop, cast(t, m, voted, ballot.Abstain, Day.Add(3*time.Hour)))
	if !errors.Is(err, dpcoop.ErrVoteRaced) {
		t.Fatalf("a change against a replaced vote: %v, want ErrVoteRaced", err)
	}
	stored := must(s.Elector(ctx, f.Coop, m.ID, a.ID))(t)
	if !slices.Equal(stored.Choices, []string{ballot.Against}) || len(stored.History) != 1 || !slices.Equal(stored.History[0].Choices, []string{ballot.For}) {
		t.Fatalf("stored %+v", stored)
	}
	wantCounters(t, must(s.Motion(ctx, f.Coop, m.ID))(t), cast(t, m, first, ballot.Against, Day).Add)
	// Once closed, nothing more is cast.
	must(s.CloseMotion(ctx, f.Coop, m.ID, Day.Add(4*time.Hour), "admin"))(t)
	_, err = s.Cast(ctx, f.Coop, cast(t, m, stored, ballot.For, Day.Add(5*time.Hour)))
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeMotionClosed)
	if after := must(s.Elector(ctx, f.Coop, m.ID, a.ID))(t); !slices.Equal(after.Choices, []string{ballot.Against}) {
		t.Fatalf("a vote after closing was written: %+v", after)
	}
}

func onlyElectorsVote(t *testing.T, s dpcoop.Votes, f Fixture) {
	ctx := context.Background()
	a, outsider := f.Member(t), f.Member(t)
	m := openWith(t, s, f, false, a)
	_, err := s.Cast(ctx, f.Coop, cast(t, m, dpcoop.Elector{Member: outsider.ID}, ballot.For, Day.Add(time.Hour)))
	wantCode(t, err, dpcoop.KindForbidden, dpcoop.CodeNotInElectorate)
	// Nor after the closing time, even before anyone closes the motion.
	prev := must(s.Elector(ctx, f.Coop, m.ID, a.ID))(t)
	_, err = s.Cast(ctx, f.Coop, cast(t, m, prev, ballot.For, m.ClosesAt))
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeMotionClosed)
	wantCounters(t, must(s.Motion(ctx, f.Coop, m.ID))(t), nil)
}

func votesStayInTheirCoop(t *testing.T, s dpcoop.Votes, f Fixture) {
	ctx := context.Background()
	a := f.Member(t)
	m := openWith(t, s, f, true, a)
	prev := must(s.Elector(ctx, f.Coop, m.ID, a.ID))(t)
	must(s.Cast(ctx, f.Coop, cast(t, m, prev, ballot.For, Day.Add(time.Hour))))(t)

	_, err := s.Motion(ctx, f.Other, m.ID)
	wantNotFound(t, err)
	_, err = s.Elector(ctx, f.Other, m.ID, a.ID)
	wantNotFound(t, err)
	if page := must(s.Motions(ctx, f.Other, dpcoop.PageRequest{}))(t); len(page.Items) != 0 {
		t.Fatalf("another co-op listed %d motions", len(page.Items))
	}
	if page := must(s.Electors(ctx, f.Other, m.ID, dpcoop.PageRequest{}))(t); len(page.Items) != 0 {
		t.Fatalf("another co-op listed %d electors", len(page.Items))
	}
	if page := must(s.SecretBallots(ctx, f.Other, m.ID, dpcoop.PageRequest{}))(t); len(page.Items) != 0 {
		t.Fatalf("another co-op listed %d ballots", len(page.Items))
	}
	if _, err := s.Cast(ctx, f.Other, cast(t, m, dpcoop.Elector{Member: a.ID}, ballot.Against, Day.Add(time.Hour))); err == nil {
		t.Fatal("a vote was cast through another co-op")
	}
	if ballots := pages(t, 10, func(p dpcoop.PageRequest) (dpcoop.Page[dpcoop.SecretBallot], error) {
		return s.SecretBallots(ctx, f.Coop, m.ID, p)
	}); len(ballots) != 1 {
		t.Fatalf("%d ballots, want the one cast", len(ballots))
	}
}

// wantCounters fails unless the motion's tally is the counters named, each
// once, and no other.
func wantCounters(t *testing.T, m dpcoop.Motion, names []string) {
	t.Helper()
	want := map[string]int64{}
	for _, n := range names {
		want[n]++
	}
	for name, n := range m.Counters {
		if n != want[name] {
			t.Fatalf("counters %v, want %v", m.Counters, want)
		}
		delete(want, name)
	}
	for name, n := range want {
		if n != 0 {
			t.Fatalf("counter %s missing from %v", name, m.Counters)
		}
	}
}

func aProxyIsAppointedOnceWithinTheCap(t *testing.T, s dpcoop.Votes, f Fixture) {
	ctx := context.Background()
	a, b, c, holder, outsider := f.Member(t), f.Member(t), f.Member(t), f.Member(t), f.Member(t)
	m := openWith(t, s, f, false, a, b, c, holder)
	at := Day.Add(time.Hour)
	appoint := func(member, h dpcoop.Member) (dpcoop.Elector, error) {
		return s.AppointProxy(ctx, f.Coop, m, member.ID, h.ID, 1, dpcoop.DateOf(at), at)
	}
	e := must(appoint(a, holder))(t)
	if e.ProxyHolder != holder.ID {
		t.Fatalf("appointed %+v", e)
	}
	if e := must(appoint(a, holder))(t); e.ProxyHolder != holder.ID {
		t.Fatalf("the same appointment again: %+v", e)
	}
	if h := must(s.Elector(ctx, f.Coop, m.ID, holder.ID))(t); h.ProxiesHeld != 1 {
		t.Fatalf("the holder holds %d proxies after one appointment made twice", h.ProxiesHeld)
	}
	_, err := appoint(b, holder)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeProxyCapReached)
	_, err = appoint(a, c)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeProxyTaken)
	_, err = appoint(outsider, c)
	wantCode(t, err, dpcoop.KindForbidden, dpcoop.CodeNotInElectorate)
	if _, err := appoint(c, outsider); err == nil {
		t.Fatal("a member outside the electorate holds a proxy")
	}
	// A member who has voted appoints nobody.
	prev := must(s.Elector(ctx, f.Coop, m.ID, c.ID))(t)
	must(s.Cast(ctx, f.Coop, cast(t, m, prev, ballot.For, at)))(t)
	_, err = s.AppointProxy(ctx, f.Coop, m, c.ID, b.ID, 1, dpcoop.DateOf(at), at)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeAlreadyVoted)
	for _, who := range []dpcoop.Member{b, c} {
		if e := must(s.Elector(ctx, f.Coop, m.ID, who.ID))(t); e.ProxyHolder != "" {
			t.Fatalf("a refused appointment was written: %+v", e)
		}
	}
}

func motionsStepOnlyFromTheirState(t *testing.T, s dpcoop.Votes, f Fixture) {
	ctx := context.Background()
	draft, _, err := s.AddMotion(ctx, f.Coop, motion(Day, false), dpcoop.NewID())
	noErr(t, err)
	_, err = s.ScheduleMotion(ctx, f.Coop, draft.ID, draft.Version, "admin")
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeMotionState) // no opening time
	timed := motion(Day, false)
	opens := Day.Add(24 * time.Hour)
	timed.OpensAt = &opens
	timed, _, err = s.AddMotion(ctx, f.Coop, timed, dpcoop.NewID())
	noErr(t, err)
	_, err = s.ScheduleMotion(ctx, f.Coop, timed.ID, timed.Version+1, "admin")
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeMotionState) // not the version read
	scheduled := must(s.ScheduleMotion(ctx, f.Coop, timed.ID, timed.Version, "admin"))(t)
	if scheduled.Status != dpcoop.MotionScheduled {
		t.Fatalf("scheduled %+v", scheduled)
	}
	if again := must(s.ScheduleMotion(ctx, f.Coop, timed.ID, timed.Version, "admin"))(t); again.Version != scheduled.Version {
		t.Fatalf("scheduling again wrote version %d over %d", again.Version, scheduled.Version)
	}

	_, err = s.CloseMotion(ctx, f.Coop, draft.ID, Day, "admin")
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeMotionNotOpen)
	_, err = s.RecordOutcome(ctx, f.Coop, draft.ID, ballot.OutcomePassed, "")
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeMotionState)
	m := openWith(t, s, f, false, f.Member(t))
	closed := must(s.CloseMotion(ctx, f.Coop, m.ID, Day.Add(time.Hour), "admin"))(t)
	if again := must(s.CloseMotion(ctx, f.Coop, m.ID, Day.Add(2*time.Hour), "someone else"))(t); !again.Closed.Equal(*closed.Closed) || again.ClosedBy != "admin" {
		t.Fatalf("closing again moved the closing: %+v", again)
	}
	must(s.RecordOutcome(ctx, f.Coop, m.ID, ballot.OutcomeRejected, ""))(t)
	if got := must(s.RecordOutcome(ctx, f.Coop, m.ID, ballot.OutcomePassed, ""))(t); got.Outcome != ballot.OutcomeRejected {
		t.Fatalf("a second outcome replaced the first: %s", got.Outcome)
	}
	if got := must(s.Motion(ctx, f.Coop, m.ID))(t); got.Outcome != ballot.OutcomeRejected || got.Status != dpcoop.MotionClosed {
		t.Fatalf("read back %+v", got)
	}
}

func noticesAreMarkedOnce(t *testing.T, s dpcoop.Votes, f Fixture) {
	ctx := context.Background()
	a, outsider := f.Member(t), f.Member(t)
	m := openWith(t, s, f, false, a)
	noticed := must(s.MarkMotionNoticed(ctx, f.Coop, m.ID, dpcoop.NoticeOpened))(t)
	if !noticed.NoticeOpened || noticed.NoticeClosing {
		t.Fatalf("noticed %+v", noticed)
	}
	if again := must(s.MarkMotionNoticed(ctx, f.Coop, m.ID, dpcoop.NoticeOpened))(t); again.Version != noticed.Version {
		t.Fatalf("marking again wrote version %d over %d", again.Version, noticed.Version)
	}
	noErr(t, s.MarkElectorNoticed(ctx, f.Coop, m.ID, a.ID, dpcoop.NoticeOpened))
	if e := must(s.Elector(ctx, f.Coop, m.ID, a.ID))(t); !e.NoticeOpened || e.NoticeClosing || e.Voted {
		t.Fatalf("elector %+v", e)
	}
	wantNotFound(t, s.MarkElectorNoticed(ctx, f.Coop, m.ID, outsider.ID, dpcoop.NoticeOpened))
	_, err := s.Elector(ctx, f.Coop, m.ID, outsider.ID)
	wantNotFound(t, err)
}

func aMotionIsDueByItsTime(t *testing.T, s dpcoop.Votes, f Fixture) {
	ctx := context.Background()
	// Opened long before any other contract's motion, so it is the first due.
	opened := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	m, _, err := s.AddMotion(ctx, f.Coop, motion(opened, false), dpcoop.NewID())
	noErr(t, err)
	m = must(s.OpenMotion(ctx, f.Coop, m.ID, dpcoop.Opening{At: opened, By: "admin", Date: dpcoop.DateOf(opened), Snapshot: dpcoop.NewID(), Version: m.Version}))(t)
	due := func(now time.Time) bool {
		refs := must(s.DueMotions(ctx, now, 10))(t)
		return slices.Contains(refs, dpcoop.MotionRef{Coop: f.Coop, ID: m.ID})
	}
	if due(opened.Add(-time.Second)) {
		t.Fatal("due before it opened")
	}
	if !due(opened) {
		t.Fatal("its opening notice is not due when it opened")
	}
	// Once both notices are sent, the next step is the close.
	must(s.MarkMotionNoticed(ctx, f.Coop, m.ID, dpcoop.NoticeOpened))(t)
	must(s.MarkMotionNoticed(ctx, f.Coop, m.ID, dpcoop.NoticeClosing))(t)
	if due(opened) {
		t.Fatal("still due once its notices were sent")
	}
}

func votingRulesAreTheDefaultUntilSet(t *testing.T, s dpcoop.Votes, f Fixture) {
	ctx := context.Background()
	if got := must(s.VotingRules(ctx, f.Coop))(t); got != dpcoop.DefaultVotingRules {
		t.Fatalf("a new co-op's rules %+v, want the defaults", got)
	}
	rules := dpcoop.VotingRules{MembersMayPropose: true, Proxies: true, ProxyCap: 2}
	noErr(t, s.SetVotingRules(ctx, f.Coop, rules))
	if got := must(s.VotingRules(ctx, f.Coop))(t); got != rules {
		t.Fatalf("rules %+v, want %+v", got, rules)
	}
	if got := must(s.VotingRules(ctx, f.Other))(t); got != dpcoop.DefaultVotingRules {
		t.Fatalf("another co-op's rules changed: %+v", got)
	}
}
