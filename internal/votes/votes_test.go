package votes_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/votes"
)

const coop dpcoop.CoopID = "demo"

var (
	start = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	admin = dpcoop.Principal{Coop: coop, Person: "adminaaaaaaaaaaaaaaa", Roles: []dpcoop.Role{dpcoop.RoleAdmin}}
)

// outbox records notices, standing in for SES or the local outbox.
type outbox struct {
	mu   sync.Mutex
	sent []dpcoop.Notice
}

func (o *outbox) Send(_ context.Context, n dpcoop.Notice) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sent = append(o.sent, n)
	return nil
}

func (o *outbox) take() []dpcoop.Notice {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := o.sent
	o.sent = nil
	return out
}

type fix struct {
	t      testing.TB
	ctx    context.Context
	store  *dynamo.Store
	svc    *votes.Service
	outbox *outbox
	n      int
}

func newFix(t testing.TB, opts ...func(*dynamodb.Options)) *fix {
	t.Helper()
	db, err := dynamolocal.Start(context.Background(), "test", opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := dynamo.New(db.Client, db.Table)
	f := &fix{t: t, ctx: context.Background(), store: store, outbox: &outbox{}}
	f.svc = &votes.Service{Register: store, Votes: store, Notices: f.outbox}
	_, _, err = store.CreateCoop(f.ctx, dpcoop.Coop{ID: coop, NameEN: "Demo", NameCY: "Demo", Language: dpcoop.Welsh, Created: start},
		dpcoop.Person{ID: admin.Person, Coop: coop, Role: dpcoop.RoleAdmin}, "fp")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// join enters a person on the register on the given day.
func (f *fix) join(name string, kind dpcoop.ApplicationKind, lang dpcoop.Lang, consent bool, at time.Time) string {
	f.t.Helper()
	f.n++
	a := dpcoop.Application{ID: dpcoop.DerivedID("app", name), Coop: coop, Kind: kind, Name: name, Email: strings.ToLower(strings.Fields(name)[0]) + "@example.org",
		Address: fmt.Sprintf("%d Stryd Fawr", f.n), Language: lang, ConsentElectronic: consent, Status: dpcoop.StatusPending, Received: at, Fingerprint: name}
	if _, _, err := f.store.AddApplication(f.ctx, coop, a); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.store.DecideApplication(f.ctx, coop, a.ID, dpcoop.Decision{Approve: true, By: admin.Person, At: at}, dpcoop.AdmitOnApproval(dpcoop.DateOf(at))); err != nil {
		f.t.Fatal(err)
	}
	return a.ID
}

func (f *fix) member(name string) string {
	return f.join(name, dpcoop.KindMember, dpcoop.Welsh, true, start.AddDate(0, -1, 0))
}

func principal(id string) dpcoop.Principal {
	return dpcoop.Principal{Coop: coop, Person: id, Roles: []dpcoop.Role{dpcoop.RoleMember}}
}

var motionSeq int

// propose drafts a motion closing in a week (unless change says otherwise).
func (f *fix) propose(change func(*dpcoop.MotionInput)) dpcoop.Motion {
	f.t.Helper()
	motionSeq++
	in := dpcoop.MotionInput{
		Rules:   ballot.Rules{Kind: ballot.OrdinaryResolution},
		TitleCY: fmt.Sprintf("Cynnig %d", motionSeq), TitleEN: fmt.Sprintf("Motion %d", motionSeq), TextCY: "Testun", TextEN: "Text",
		ClosesAt: start.Add(7 * 24 * time.Hour).Format(time.RFC3339),
	}
	if change != nil {
		change(&in)
	}
	id := dpcoop.DerivedID("motion", fmt.Sprint(motionSeq))
	m, _, err := f.svc.Propose(f.ctx, admin, in, id, fmt.Sprint(motionSeq), start)
	if err != nil {
		f.t.Fatalf("propose: %v %v", err, dpcoop.ErrorOf(err).Fields)
	}
	return m
}

func (f *fix) open(m dpcoop.Motion, at time.Time) dpcoop.Motion {
	f.t.Helper()
	m, err := f.svc.Open(f.ctx, coop, m.ID, admin.Person, at, false)
	if err != nil {
		f.t.Fatalf("open: %v %v", err, dpcoop.ErrorOf(err).Fields)
	}
	return m
}

func (f *fix) vote(p dpcoop.Principal, m dpcoop.Motion, in dpcoop.VoteInput, at time.Time) (dpcoop.CastResult, error) {
	_, res, err := f.svc.Cast(f.ctx, p, m.ID, in, at)
	return res, err
}

func (f *fix) mustVote(p dpcoop.Principal, m dpcoop.Motion, at time.Time, choices ...string) dpcoop.CastResult {
	f.t.Helper()
	res, err := f.vote(p, m, dpcoop.VoteInput{Choices: choices}, at)
	if err != nil {
		f.t.Fatalf("vote %v: %v %v", choices, err, dpcoop.ErrorOf(err).Fields)
	}
	return res
}

func (f *fix) results(m dpcoop.Motion, at time.Time) votes.Results {
	f.t.Helper()
	res, err := f.svc.Results(f.ctx, coop, m.ID, at)
	if err != nil {
		f.t.Fatalf("results: %v", err)
	}
	return res
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := dpcoop.ErrorOf(err).Code; err == nil || got != code {
		t.Fatalf("got %v (%s), want %s", err, got, code)
	}
}

func wantField(t *testing.T, err error, field, code string) {
	t.Helper()
	for _, fe := range dpcoop.ErrorOf(err).Fields {
		if fe.Field == field && fe.Code == code {
			return
		}
	}
	t.Fatalf("got %v %v, want %s: %s", err, dpcoop.ErrorOf(err).Fields, field, code)
}

// TestElectorateIsTheRegisterOnTheOpeningDay: members who had ceased before
// the motion opened, or joined after, cannot vote; a member who ceases after
// it opened can no longer vote either.
func TestElectorateIsTheRegisterOnTheOpeningDay(t *testing.T) {
	f := newFix(t)
	gwen, rhys, ifan := f.member("Gwen Morgan"), f.member("Rhys Price"), f.member("Ifan Hughes")
	ceased := f.member("Cerys Lloyd")
	if _, err := f.store.CeaseMember(f.ctx, coop, ceased, dpcoop.Cessation{Date: "2026-11-20", By: admin.Person}); err != nil {
		t.Fatal(err)
	}
	m := f.open(f.propose(func(in *dpcoop.MotionInput) { in.Kind = ballot.Poll; in.Options = []string{"bws", "car"} }), start)
	late := f.join("Osian Late", dpcoop.KindMember, dpcoop.English, false, start.Add(time.Hour))
	if m.Electorate != 3 || m.ElectorateDate != "2026-11-23" || m.Status != dpcoop.MotionOpen {
		t.Fatalf("opened %+v", m)
	}
	for _, who := range []string{ceased, late, "strangeraaaaaaaaaaaa"} {
		_, err := f.vote(principal(who), m, dpcoop.VoteInput{Choices: []string{"bws"}}, start.Add(2*time.Hour))
		wantCode(t, err, dpcoop.CodeNotInElectorate)
	}
	f.mustVote(principal(gwen), m, start.Add(2*time.Hour), "bws")
	f.mustVote(principal(rhys), m, start.Add(2*time.Hour), "car")
	if _, err := f.store.CeaseMember(f.ctx, coop, ifan, dpcoop.Cessation{Date: "2026-11-24", By: admin.Person}); err != nil {
		t.Fatal(err)
	}
	_, err := f.vote(principal(ifan), m, dpcoop.VoteInput{Choices: []string{"bws"}}, start.Add(26*time.Hour))
	wantCode(t, err, dpcoop.CodeVoterCeased)
	// Gwen's change the next day, and Rhys's, still count: they are members.
	f.mustVote(principal(gwen), m, start.Add(26*time.Hour), "car")
	res := f.results(m, start.Add(27*time.Hour))
	if res.Final || res.Result.Ballots != 2 || res.Result.Electorate != 3 || res.Result.Options[1].Votes != 2 {
		t.Fatalf("running results: %+v", res.Result)
	}
}

// TestOpenBallotMayChangeWithHistory: a member changes an open vote; the
// counters move with it, the same vote again changes nothing, the history is
// kept.
func TestOpenBallotMayChangeWithHistory(t *testing.T) {
	f := newFix(t)
	gwen := f.member("Gwen Morgan")
	f.member("Rhys Price")
	m := f.open(f.propose(nil), start)
	first := f.mustVote(principal(gwen), m, start.Add(time.Minute), "for")
	if first.Changed || first.Receipt != "" || first.Elector.Version != 1 {
		t.Fatalf("first: %+v", first)
	}
	second := f.mustVote(principal(gwen), m, start.Add(2*time.Minute), "against")
	if !second.Changed || len(second.Elector.History) != 1 || second.Elector.History[0].Choices[0] != "for" {
		t.Fatalf("change: %+v", second)
	}
	again := f.mustVote(principal(gwen), m, start.Add(3*time.Minute), "against")
	if !again.Unchanged || again.Elector.Version != 2 {
		t.Fatalf("the same again: %+v", again)
	}
	got, _ := f.store.Motion(f.ctx, coop, m.ID)
	if got.Counters["ballots"] != 1 || got.Counters["votes__for"] != 0 || got.Counters["votes__against"] != 1 {
		t.Fatalf("counters %v", got.Counters)
	}
	e, _ := f.store.Elector(f.ctx, coop, m.ID, gwen)
	if len(e.History) != 1 || e.History[0].At.IsZero() || e.At == nil || e.Choices[0] != "against" {
		t.Fatalf("stored elector %+v", e)
	}
}

// TestSecretBallotIsFinalAndHidden: a secret vote cannot be changed, its
// running count is hidden, its ballots are published only after closing.
func TestSecretBallotIsFinalAndHidden(t *testing.T) {
	f := newFix(t)
	gwen, rhys := f.member("Gwen Morgan"), f.member("Rhys Price")
	m := f.open(f.propose(func(in *dpcoop.MotionInput) { in.Secret = true }), start)
	res := f.mustVote(principal(gwen), m, start.Add(time.Minute), "for")
	if res.Receipt == "" || res.Elector.Choices != nil || res.Elector.At != nil {
		t.Fatalf("secret cast %+v", res)
	}
	_, err := f.vote(principal(gwen), m, dpcoop.VoteInput{Choices: []string{"against"}}, start.Add(2*time.Minute))
	wantCode(t, err, dpcoop.CodeAlreadyVoted)
	_, err = f.svc.Results(f.ctx, coop, m.ID, start.Add(3*time.Minute))
	wantCode(t, err, dpcoop.CodeResultsHidden)
	_, err = f.svc.Ballots(f.ctx, coop, m.ID, dpcoop.PageRequest{})
	wantCode(t, err, dpcoop.CodeBallotsUnpublished)
	f.mustVote(principal(rhys), m, start.Add(4*time.Minute), "against")
	if _, err := f.svc.Close(f.ctx, coop, m.ID, admin.Person, start.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	list, err := f.svc.Ballots(f.ctx, coop, m.ID, dpcoop.PageRequest{})
	if err != nil || len(list.Ballots) != 2 || !slices.ContainsFunc(list.Ballots, func(b dpcoop.SecretBallot) bool {
		return b.Receipt == res.Receipt && b.Choices[0] == "for"
	}) {
		t.Fatalf("published ballots %+v %v", list, err)
	}
	final := f.results(m, start.Add(2*time.Hour))
	if !final.Final || final.Result.Outcome != ballot.OutcomeRejected || !final.Result.EqualVotes {
		t.Fatalf("result %+v", final.Result)
	}
}

// TestVotesAfterClosingAreRefusedByTheStoreWhateverTheTick: the motion is
// still marked open (no tick has run) but its time has passed; the store's
// transaction refuses the vote itself.
func TestVotesAfterClosingAreRefusedByTheStoreWhateverTheTick(t *testing.T) {
	f := newFix(t)
	gwen := f.member("Gwen Morgan")
	m := f.open(f.propose(nil), start)
	e, err := f.store.Elector(f.ctx, coop, m.ID, gwen)
	if err != nil {
		t.Fatal(err)
	}
	late := m.ClosesAt.Add(time.Millisecond)
	add, _ := ballot.CounterNames(m.Rules, ballot.Ballot{Choices: []string{"for"}})
	_, err = f.store.Cast(f.ctx, coop, dpcoop.Cast{Motion: m, Vote: dpcoop.Vote{Member: gwen, Channel: ballot.ChannelOnline, Choices: []string{"for"}},
		Add: add, Prev: e, Today: dpcoop.DateOf(late), At: late})
	wantCode(t, err, dpcoop.CodeMotionClosed)
	_, err = f.vote(principal(gwen), m, dpcoop.VoteInput{Choices: []string{"for"}}, m.ClosesAt)
	wantCode(t, err, dpcoop.CodeMotionClosed)
	got, _ := f.store.Motion(f.ctx, coop, m.ID)
	if got.Status != dpcoop.MotionOpen || len(got.Counters) != 0 {
		t.Fatalf("a refused vote left %v", got.Counters)
	}
	// A vote a millisecond before closing counts.
	if _, err := f.vote(principal(gwen), m, dpcoop.VoteInput{Choices: []string{"for"}}, m.ClosesAt.Add(-time.Millisecond)); err != nil {
		t.Fatal(err)
	}
}

// TestAVoteInFlightWhenTheMotionClosesEarlyIsRefused: a vote checked
// against the open motion reaches the store after an admin closed it early,
// before its closing time; every shard of the motion closed with it, so
// whichever shard the vote lands on refuses it, and the count is unchanged.
func TestAVoteInFlightWhenTheMotionClosesEarlyIsRefused(t *testing.T) {
	f := newFix(t)
	var members []string
	for _, name := range []string{"Gwen Morgan", "Rhys Bowen", "Nia Price"} {
		members = append(members, f.member(name))
	}
	m := f.open(f.propose(nil), start)
	f.mustVote(principal(members[0]), m, start.Add(time.Minute), "for")
	if _, err := f.svc.Close(f.ctx, coop, m.ID, admin.Person, start.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	add, _ := ballot.CounterNames(m.Rules, ballot.Ballot{Choices: []string{"against"}})
	at := start.Add(2 * time.Hour) // still before the closing time
	// A shard is chosen at random: try many.
	for range 20 {
		for _, id := range members[1:] {
			e, err := f.store.Elector(f.ctx, coop, m.ID, id)
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.store.Cast(f.ctx, coop, dpcoop.Cast{Motion: m, Vote: dpcoop.Vote{Member: id, Channel: ballot.ChannelOnline, Choices: []string{"against"}},
				Add: add, Prev: e, Today: dpcoop.DateOf(at), At: at})
			wantCode(t, err, dpcoop.CodeMotionClosed)
		}
	}
	got, err := f.store.Motion(f.ctx, coop, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Counters["ballots"] != 1 || got.Counters["votes__for"] != 1 || got.Counters["votes__against"] != 0 || got.Outcome == "" {
		t.Fatalf("counters %v, outcome %q", got.Counters, got.Outcome)
	}
}

// TestConcurrentCastsGiveOneVote: one member's vote sent many times at once
// is stored once, open or secret.
func TestConcurrentCastsGiveOneVote(t *testing.T) {
	for _, secret := range []bool{false, true} {
		t.Run(fmt.Sprint("secret=", secret), func(t *testing.T) {
			f := newFix(t)
			gwen := f.member("Gwen Morgan")
			m := f.open(f.propose(func(in *dpcoop.MotionInput) { in.Secret = secret }), start)
			var wg sync.WaitGroup
			var mu sync.Mutex
			codes := map[string]int{}
			for range 40 {
				wg.Go(func() {
					_, err := f.vote(principal(gwen), m, dpcoop.VoteInput{Choices: []string{"for"}}, start.Add(time.Minute))
					mu.Lock()
					codes[dpcoop.ErrorOf(err).Code+fmt.Sprint(err == nil)]++
					mu.Unlock()
				})
			}
			wg.Wait()
			got, _ := f.store.Motion(f.ctx, coop, m.ID)
			if got.Counters["ballots"] != 1 || got.Counters["votes__for"] != 1 {
				t.Fatalf("counters %v (answers %v)", got.Counters, codes)
			}
			if secret && (codes["internal_errortrue"] != 1 || codes[dpcoop.CodeAlreadyVoted+"false"] != 39) {
				t.Fatalf("answers %v", codes)
			}
			if !secret && codes["internal_errortrue"] != 40 {
				t.Fatalf("answers %v", codes)
			}
		})
	}
}

// TestClassesWeightTheCount: a multi-stakeholder co-op gives its classes
// fixed shares; members of a class the motion leaves out are not in its
// electorate.
func TestClassesWeightTheCount(t *testing.T) {
	f := newFix(t)
	m1, m2 := f.member("Gwen Morgan"), f.member("Rhys Price")
	sup := f.join("Siân Supporter", dpcoop.KindSupporter, dpcoop.Welsh, true, start.AddDate(0, -1, 0))
	weighted := f.open(f.propose(func(in *dpcoop.MotionInput) {
		in.Classes = []ballot.Class{{ID: "member", Weight: 6000}, {ID: "supporter", Weight: 4000}}
	}), start)
	if weighted.Electorate != 3 || weighted.ElectorateByClass["member"] != 2 || weighted.ElectorateByClass["supporter"] != 1 {
		t.Fatalf("electorate %+v", weighted)
	}
	membersOnly := f.open(f.propose(func(in *dpcoop.MotionInput) {
		in.Classes = []ballot.Class{{ID: "member", Weight: 10000}}
	}), start)
	if membersOnly.Electorate != 2 {
		t.Fatalf("members-only electorate %d", membersOnly.Electorate)
	}
	_, err := f.vote(principal(sup), membersOnly, dpcoop.VoteInput{Choices: []string{"for"}}, start.Add(time.Minute))
	wantCode(t, err, dpcoop.CodeNotInElectorate)

	f.mustVote(principal(m1), weighted, start.Add(time.Minute), "for")
	f.mustVote(principal(m2), weighted, start.Add(time.Minute), "against")
	f.mustVote(principal(sup), weighted, start.Add(time.Minute), "for")
	res := f.results(weighted, start.Add(time.Hour)).Result
	// members: 6000 × 1/2 = 3000; supporters: 4000 × 1/1 = 4000; for = 70 %.
	if res.Support == nil || res.Support.BasisPoints != 7000 || res.Outcome != ballot.OutcomePassed || len(res.Classes) != 2 {
		t.Fatalf("weighted result %+v", res)
	}
}

// TestProxiesWithinTheCap: a member appoints a proxy; the co-op's cap per
// holder is kept; only the holder may vote for them; the rules must allow it.
func TestProxiesWithinTheCap(t *testing.T) {
	f := newFix(t)
	gwen, rhys, ifan := f.member("Gwen Morgan"), f.member("Rhys Price"), f.member("Ifan Hughes")
	m := f.open(f.propose(func(in *dpcoop.MotionInput) { in.Secret = true }), start)
	at := start.Add(time.Minute)
	_, err := f.svc.AppointProxy(f.ctx, principal(gwen), m.ID, ifan, at)
	wantCode(t, err, dpcoop.CodeProxiesNotAllowed)
	if err := f.store.SetVotingRules(f.ctx, coop, dpcoop.VotingRules{Proxies: true, ProxyCap: 1, PostalVotes: true}); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.AppointProxy(f.ctx, principal(gwen), m.ID, gwen, at)
	wantField(t, err, "holder_id", dpcoop.FieldProxySelf)
	_, err = f.svc.AppointProxy(f.ctx, principal(gwen), m.ID, "strangeraaaaaaaaaaaa", at)
	wantField(t, err, "holder_id", dpcoop.FieldNotElector)
	e, err := f.svc.AppointProxy(f.ctx, principal(gwen), m.ID, ifan, at)
	if err != nil || e.ProxyHolder != ifan {
		t.Fatalf("appoint: %+v %v", e, err)
	}
	if again, err := f.svc.AppointProxy(f.ctx, principal(gwen), m.ID, ifan, at); err != nil || again.ProxyHolder != ifan {
		t.Fatalf("appointing again: %v", err)
	}
	_, err = f.svc.AppointProxy(f.ctx, principal(rhys), m.ID, ifan, at)
	wantCode(t, err, dpcoop.CodeProxyCapReached)
	_, err = f.vote(principal(ifan), m, dpcoop.VoteInput{Choices: []string{"for"}, OnBehalfOf: rhys}, at)
	wantCode(t, err, dpcoop.CodeNotProxyHolder)
	res, err := f.vote(principal(ifan), m, dpcoop.VoteInput{Choices: []string{"for"}, OnBehalfOf: gwen}, at)
	if err != nil || res.Elector.Channel != ballot.ChannelProxy || res.Receipt == "" {
		t.Fatalf("proxy vote: %+v %v", res, err)
	}
	_, err = f.vote(principal(gwen), m, dpcoop.VoteInput{Choices: []string{"against"}}, at)
	wantCode(t, err, dpcoop.CodeAlreadyVoted)
	holder, _ := f.store.Elector(f.ctx, coop, m.ID, ifan)
	if holder.ProxiesHeld != 1 || holder.Voted {
		t.Fatalf("holder %+v", holder)
	}
	f.mustVote(principal(ifan), m, at, "against") // their own vote is theirs
}

// TestPostalAndPaperVotesRecordWhoEnteredThem: an officer enters a member's
// postal or paper vote (a spoilt one too); the record says who entered it.
func TestPostalAndPaperVotesRecordWhoEnteredThem(t *testing.T) {
	f := newFix(t)
	gwen, rhys := f.member("Gwen Morgan"), f.member("Rhys Price")
	m := f.open(f.propose(nil), start)
	at := start.Add(time.Minute)
	res, err := f.vote(admin, m, dpcoop.VoteInput{Choices: []string{"for"}, Member: gwen, Channel: "postal"}, at)
	if err != nil || res.Elector.EnteredBy != admin.Person || res.Elector.Channel != ballot.ChannelPostal || res.Elector.CastBy != gwen {
		t.Fatalf("postal: %+v %v", res, err)
	}
	if _, err := f.vote(admin, m, dpcoop.VoteInput{Member: rhys, Channel: "paper", Spoilt: true}, at); err != nil {
		t.Fatal(err)
	}
	_, err = f.vote(admin, m, dpcoop.VoteInput{Choices: []string{"for"}, Member: "strangeraaaaaaaaaaaa", Channel: "paper"}, at)
	wantField(t, err, "member_id", dpcoop.FieldNotElector)
	// Gwen may change her own open vote; an officer may not overwrite it.
	f.mustVote(principal(gwen), m, at, "against")
	_, err = f.vote(admin, m, dpcoop.VoteInput{Choices: []string{"for"}, Member: gwen, Channel: "paper"}, at)
	wantCode(t, err, dpcoop.CodeAlreadyVoted)
	r := f.results(m, at).Result
	if r.Ballots != 2 || r.Spoilt != 1 || r.VotesCast != 1 {
		t.Fatalf("result %+v", r)
	}
	// An online vote must fit the rules; it is refused, not spoilt.
	_, err = f.vote(principal(rhys), f.open(f.propose(nil), start), dpcoop.VoteInput{Choices: []string{"maybe"}}, at)
	wantField(t, err, "choices", string(ballot.CodeInvalidChoice))
}

// TestSpecialResolutionConfirmedBySecondMotionInTheWindow: a passed special
// resolution waits for its confirming vote 14 days to a month later; the
// confirming motion cannot close outside that window; when it passes, the
// first is confirmed.
func TestSpecialResolutionConfirmedBySecondMotionInTheWindow(t *testing.T) {
	f := newFix(t)
	gwen, rhys := f.member("Gwen Morgan"), f.member("Rhys Price")
	special := func(in *dpcoop.MotionInput) {
		in.Kind, in.Threshold = ballot.SpecialResolution, ballot.Threshold{Kind: ballot.ThreeQuarters}
		in.Confirmation = ballot.Confirmation{Required: true}
		in.ClosesAt = "2026-11-30T18:00:00Z"
	}
	first := f.open(f.propose(special), start)
	f.mustVote(principal(gwen), first, start.Add(time.Hour), "for")
	f.mustVote(principal(rhys), first, start.Add(time.Hour), "for")
	closed, err := f.svc.Close(f.ctx, coop, first.ID, admin.Person, time.Date(2026, 11, 30, 18, 0, 0, 0, time.UTC))
	if err != nil || closed.Outcome != ballot.OutcomePassed || !closed.NeedsConfirmation() {
		t.Fatalf("first: %+v %v", closed, err)
	}
	res := f.results(first, start.AddDate(0, 0, 8))
	if !res.Result.NeedsConfirmation || res.Confirmation == nil || res.Confirmation.From != "2026-12-14" || res.Confirmation.To != "2026-12-30" {
		t.Fatalf("confirmation %+v %+v", res.Result, res.Confirmation)
	}
	confirm := func(closes string) func(*dpcoop.MotionInput) {
		return func(in *dpcoop.MotionInput) {
			in.Kind, in.Threshold, in.Confirms, in.ClosesAt = ballot.SpecialResolution, ballot.Threshold{Kind: ballot.ThreeQuarters}, first.ID, closes
		}
	}
	early := f.propose(confirm("2026-12-10T18:00:00Z"))
	_, err = f.svc.Open(f.ctx, coop, early.ID, admin.Person, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), false)
	wantField(t, err, "closes_at", dpcoop.FieldConfirmWindow)
	if fe := dpcoop.ErrorOf(err).Fields[0]; fe.Params["from"] != "2026-12-14" || fe.Params["to"] != "2026-12-30" {
		t.Fatalf("window params %v", fe.Params)
	}
	second := f.propose(confirm("2026-12-15T18:00:00Z"))
	opened, err := f.svc.Open(f.ctx, coop, second.ID, admin.Person, time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC), false)
	if err != nil {
		t.Fatal(err)
	}
	f.mustVote(principal(gwen), opened, time.Date(2026, 12, 9, 9, 0, 0, 0, time.UTC), "for")
	f.mustVote(principal(rhys), opened, time.Date(2026, 12, 9, 9, 0, 0, 0, time.UTC), "for")
	if _, err := f.svc.Close(f.ctx, coop, second.ID, admin.Person, time.Date(2026, 12, 15, 18, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	got, _ := f.store.Motion(f.ctx, coop, first.ID)
	if got.ConfirmedBy != second.ID || got.NeedsConfirmation() {
		t.Fatalf("first after confirmation %+v", got)
	}
	// It cannot be confirmed twice.
	in := dpcoop.MotionInput{Rules: ballot.Rules{Kind: ballot.OrdinaryResolution}, TitleCY: "a", TitleEN: "a", TextCY: "a", TextEN: "a",
		ClosesAt: "2026-12-20T18:00:00Z", Confirms: first.ID}
	_, _, err = f.svc.Propose(f.ctx, admin, in, dpcoop.DerivedID("x"), "x", time.Date(2026, 12, 16, 9, 0, 0, 0, time.UTC))
	wantField(t, err, "confirms", dpcoop.FieldNotConfirmable)
}

// TestRankedElectionCountedFromItsBallots: a secret ranked election is
// counted by instant-runoff from the stored ballots.
func TestRankedElectionCountedFromItsBallots(t *testing.T) {
	f := newFix(t)
	var ms []string
	for _, n := range []string{"Alys A", "Bryn B", "Cadi C", "Dewi D", "Elin E"} {
		ms = append(ms, f.member(n))
	}
	m := f.open(f.propose(func(in *dpcoop.MotionInput) {
		in.Kind, in.Options, in.Seats, in.Ranked, in.Secret = ballot.BoardElection, []string{"alys", "bryn", "cadi"}, 1, true, true
	}), start)
	for i, prefs := range [][]string{{"alys", "bryn"}, {"alys"}, {"bryn", "alys"}, {"cadi", "bryn"}, {"cadi", "bryn"}} {
		f.mustVote(principal(ms[i]), m, start.Add(time.Minute), prefs...)
	}
	closed, err := f.svc.Close(f.ctx, coop, m.ID, admin.Person, start.Add(time.Hour))
	if err != nil || closed.Outcome != ballot.OutcomeDecided {
		t.Fatalf("%+v %v", closed, err)
	}
	// Round 1: alys 2, bryn 1, cadi 2; bryn out, goes to alys: alys 3 of 5.
	res := f.results(m, start.Add(time.Hour)).Result
	if res.Method != ballot.MethodIRV || !slices.Equal(res.Winners, []string{"alys"}) {
		t.Fatalf("%+v", res)
	}
}

// TestMembersMayProposeOnlyWhereAllowed: members draft motions only where the
// co-op's rules allow; a member's draft is theirs until an admin opens it.
func TestMembersMayProposeOnlyWhereAllowed(t *testing.T) {
	f := newFix(t)
	gwen := f.member("Gwen Morgan")
	in := dpcoop.MotionInput{Rules: ballot.Rules{Kind: ballot.OrdinaryResolution}, TitleCY: "a", TitleEN: "a", TextCY: "a", TextEN: "a",
		ClosesAt: "2026-12-20T18:00:00Z"}
	_, _, err := f.svc.Propose(f.ctx, principal(gwen), in, dpcoop.DerivedID("m"), "m", start)
	wantCode(t, err, dpcoop.CodeProposeNotAllowed)
	if err := f.store.SetVotingRules(f.ctx, coop, dpcoop.VotingRules{MembersMayPropose: true, ProxyCap: 5}); err != nil {
		t.Fatal(err)
	}
	m, created, err := f.svc.Propose(f.ctx, principal(gwen), in, dpcoop.DerivedID("m"), "m", start)
	if err != nil || !created || m.ProposedBy != gwen {
		t.Fatalf("%+v %v", m, err)
	}
	_, created, err = f.svc.Propose(f.ctx, principal(gwen), in, dpcoop.DerivedID("m"), "m", start)
	if err != nil || created {
		t.Fatal("a repeat created a second motion")
	}
	_, _, err = f.svc.Propose(f.ctx, principal(gwen), in, dpcoop.DerivedID("m"), "other", start)
	wantCode(t, err, dpcoop.CodeIdempotencyMismatch)
}

// TestTickOpensNotifiesRemindsClosesAndCounts: with nobody acting, the tick
// opens a scheduled motion, tells the electorate in each member's language by
// the channel they chose, reminds those who have not voted a day before
// closing, closes it on time and counts it.
func TestTickOpensNotifiesRemindsClosesAndCounts(t *testing.T) {
	f := newFix(t)
	gwen := f.join("Gwen Morgan", dpcoop.KindMember, dpcoop.Welsh, true, start.AddDate(0, -1, 0))
	rhys := f.join("Rhys Price", dpcoop.KindMember, dpcoop.English, false, start.AddDate(0, -1, 0))
	opens := start.Add(24 * time.Hour)
	m := f.propose(func(in *dpcoop.MotionInput) {
		in.OpensAt = opens.Format(time.RFC3339)
		in.ClosesAt = opens.Add(72 * time.Hour).Format(time.RFC3339)
	})
	if s := f.open(m, start); s.Status != dpcoop.MotionScheduled {
		t.Fatalf("want scheduled, got %s", s.Status)
	}
	late := f.join("Osian Late", dpcoop.KindMember, dpcoop.English, true, start.Add(time.Hour)) // joins before it opens: in
	tick := func(at time.Time) votes.TickReport {
		t.Helper()
		rep, err := f.svc.Tick(f.ctx, at)
		if err != nil || rep.Failed != 0 {
			t.Fatalf("tick at %s: %+v %v", at, rep, err)
		}
		return rep
	}
	if rep := tick(opens.Add(-time.Minute)); rep != (votes.TickReport{}) {
		t.Fatalf("early tick did %+v", rep)
	}
	if rep := tick(opens.Add(time.Minute)); rep.Opened != 1 || rep.Notices != 3 {
		t.Fatalf("opening tick %+v", rep)
	}
	sent := f.outbox.take()
	byMember := map[string]dpcoop.Notice{}
	for _, n := range sent {
		byMember[n.Member] = n
	}
	if n := byMember[gwen]; n.Channel != dpcoop.ChannelEmail || n.Language != dpcoop.Welsh || n.To != "gwen@example.org" ||
		!strings.Contains(n.Subject, "Pleidlais ar agor") || !strings.Contains(n.Body, "amser y DU") || n.Kind != dpcoop.NoticeOpened {
		t.Fatalf("Gwen's notice %+v", n)
	}
	if n := byMember[rhys]; n.Channel != dpcoop.ChannelPost || n.Language != dpcoop.English || !strings.Contains(n.To, "Stryd Fawr") ||
		!strings.Contains(n.Subject, "Voting is open") {
		t.Fatalf("Rhys's notice %+v", n)
	}
	if _, ok := byMember[late]; !ok {
		t.Fatal("a member who joined before opening was not told")
	}
	if rep := tick(opens.Add(2 * time.Minute)); rep != (votes.TickReport{}) || len(f.outbox.take()) != 0 {
		t.Fatalf("second tick sent again: %+v", rep)
	}
	opened, _ := f.store.Motion(f.ctx, coop, m.ID)
	f.mustVote(principal(gwen), opened, opens.Add(time.Hour), "for")
	if rep := tick(opened.ClosesAt.Add(-23 * time.Hour)); rep.Notices != 2 {
		t.Fatalf("reminder tick %+v", rep)
	}
	for _, n := range f.outbox.take() {
		if n.Member == gwen || n.Kind != dpcoop.NoticeClosing {
			t.Fatalf("reminder %+v", n)
		}
	}
	rep := tick(opened.ClosesAt.Add(4 * time.Minute))
	if rep.Closed != 1 || rep.Counted != 1 {
		t.Fatalf("closing tick %+v", rep)
	}
	final, _ := f.store.Motion(f.ctx, coop, m.ID)
	if final.Status != dpcoop.MotionClosed || final.ClosedBy != dpcoop.ClosedBySchedule || !final.Closed.Equal(opened.ClosesAt) ||
		final.Outcome != ballot.OutcomeInquorate && final.Outcome != ballot.OutcomePassed {
		t.Fatalf("closed %+v", final)
	}
	if due, err := f.store.DueMotions(f.ctx, opened.ClosesAt.Add(time.Hour), 10); err != nil || len(due) != 0 {
		t.Fatalf("still due: %v %v", due, err)
	}
}

// TestTickClosesEvenWhenNoticesCannotBeSent: a failing notice sender never
// keeps a motion open past its time.
func TestTickClosesEvenWhenNoticesCannotBeSent(t *testing.T) {
	f := newFix(t)
	f.member("Gwen Morgan")
	f.svc.Notices = nil
	m := f.open(f.propose(nil), start)
	rep, err := f.svc.Tick(f.ctx, start.Add(time.Minute))
	if err != nil || rep.Failed != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	rep, err = f.svc.Tick(f.ctx, m.ClosesAt)
	if err != nil || rep.Closed != 1 || rep.Counted != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
}

// TestLargeElectorateOpensInChunks: an electorate larger than one
// transaction is written in chunks and opened once.
func TestLargeElectorateOpensInChunks(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 130 register entries")
	}
	f := newFix(t)
	var ids []string
	for i := range 130 {
		ids = append(ids, f.member(fmt.Sprintf("Member %03d", i)))
	}
	m := f.open(f.propose(nil), start)
	if m.Electorate != 130 {
		t.Fatalf("electorate %d", m.Electorate)
	}
	var n int
	page := dpcoop.PageRequest{Limit: 50}
	for {
		res, err := f.store.Electors(f.ctx, coop, m.ID, page)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Items {
			if e.Snapshot == m.Snapshot {
				n++
			}
		}
		if res.Next == "" {
			break
		}
		page.Cursor = res.Next
	}
	if n != 130 {
		t.Fatalf("%d electors of the snapshot", n)
	}
	f.mustVote(principal(ids[129]), m, start.Add(time.Minute), "for")
}

// TestMotionsPageNewestFirst: the motions list pages by cursor, newest first,
// and a cursor used by another co-op reads only that co-op's motions.
func TestMotionsPageNewestFirst(t *testing.T) {
	f := newFix(t)
	var want []string
	for i := range 5 {
		motionSeq++
		in := dpcoop.MotionInput{Rules: ballot.Rules{Kind: ballot.OrdinaryResolution}, TitleCY: "a", TitleEN: "a", TextCY: "a", TextEN: "a",
			ClosesAt: "2026-12-20T18:00:00Z"}
		m, _, err := f.svc.Propose(f.ctx, admin, in, dpcoop.DerivedID("page", fmt.Sprint(i)), fmt.Sprint(i), start.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		want = append([]string{m.ID}, want...)
	}
	var got []string
	page := dpcoop.PageRequest{Limit: 2}
	for range 10 {
		res, err := f.store.Motions(f.ctx, coop, page)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range res.Items {
			got = append(got, m.ID)
		}
		if res.Next == "" {
			break
		}
		if other, err := f.store.Motions(f.ctx, "other", dpcoop.PageRequest{Cursor: res.Next}); err != nil || len(other.Items) != 0 {
			t.Fatalf("another co-op with this cursor: %v %v", other.Items, err)
		}
		page.Cursor = res.Next
	}
	if !slices.Equal(got, want) {
		t.Fatalf("pages %v, want %v", got, want)
	}
	_, err := f.store.Motions(f.ctx, coop, dpcoop.PageRequest{Cursor: "bm90IGEgY3Vyc29y"})
	wantField(t, err, "cursor", dpcoop.FieldCursor)
}
