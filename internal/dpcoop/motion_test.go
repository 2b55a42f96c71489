package dpcoop_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

var motionNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func fieldCodes(err error) map[string]string {
	out := map[string]string{}
	for _, f := range dpcoop.ErrorOf(err).Fields {
		out[f.Field] = f.Code
	}
	return out
}

func TestMotionInputValidate(t *testing.T) {
	ok := func() dpcoop.MotionInput {
		return dpcoop.MotionInput{
			Rules:   ballot.Rules{Kind: ballot.OrdinaryResolution},
			TitleCY: "Prynu bws mini", TitleEN: "Buy a minibus", TextCY: "Bod y cwmni'n prynu bws mini.", TextEN: "That the co-op buys a minibus.",
			ClosesAt: "2026-12-01T18:00:00Z",
		}
	}
	for _, tc := range []struct {
		name   string
		change func(*dpcoop.MotionInput)
		want   map[string]string // field → code; empty means valid
	}{
		{"valid", func(*dpcoop.MotionInput) {}, nil},
		{"both languages required", func(in *dpcoop.MotionInput) { in.TitleCY, in.TextEN = "", " " },
			map[string]string{"title_cy": dpcoop.FieldRequired, "text_en": dpcoop.FieldRequired}},
		{"title too long", func(in *dpcoop.MotionInput) { in.TitleEN = strings.Repeat("a", 201) }, map[string]string{"title_en": dpcoop.FieldTooLong}},
		{"closing time needs an offset", func(in *dpcoop.MotionInput) { in.ClosesAt = "2026-12-01 18:00" }, map[string]string{"closes_at": dpcoop.FieldTimestamp}},
		{"closing in the past", func(in *dpcoop.MotionInput) { in.ClosesAt = "2026-11-23T09:59:59Z" }, map[string]string{"closes_at": dpcoop.FieldTimeInPast}},
		{"closing over a year away", func(in *dpcoop.MotionInput) { in.ClosesAt = "2027-12-01T18:00:00Z" }, map[string]string{"closes_at": dpcoop.FieldOutOfRange}},
		{"closing before opening", func(in *dpcoop.MotionInput) { in.OpensAt = "2026-12-02T09:00:00+00:00" }, map[string]string{"closes_at": dpcoop.FieldClosesBeforeOpens}},
		{"opening with an offset", func(in *dpcoop.MotionInput) { in.OpensAt = "2026-11-30T09:00:00+01:00" }, nil},
		{"unknown kind", func(in *dpcoop.MotionInput) { in.Kind = "referendum" }, map[string]string{"kind": string(ballot.CodeInvalidKind)}},
		{"special needs a threshold", func(in *dpcoop.MotionInput) { in.Kind = ballot.SpecialResolution },
			map[string]string{"threshold": string(ballot.CodeInvalidThreshold)}},
		{"class weights named as the API names them", func(in *dpcoop.MotionInput) {
			in.Classes = []ballot.Class{{ID: "member", Weight: 6000}, {ID: "Worker", Weight: 3000}}
		}, map[string]string{"classes[1].id": string(ballot.CodeInvalidClassID), "classes": string(ballot.CodeWeightsMustSumToWhole)}},
		{"poll labels must name options", func(in *dpcoop.MotionInput) {
			in.Kind, in.Options = ballot.Poll, []string{"bws", "car"}
			in.Labels = map[string]dpcoop.Label{"tren": {CY: "Trên", EN: "Train"}}
		}, map[string]string{"labels": dpcoop.FieldInvalid}},
		{"poll labels in both languages", func(in *dpcoop.MotionInput) {
			in.Kind, in.Options = ballot.Poll, []string{"bws", "car"}
			in.Labels = map[string]dpcoop.Label{"bws": {CY: "Bws"}}
		}, map[string]string{"labels.bws.en": dpcoop.FieldRequired}},
		{"a confirming motion is a resolution", func(in *dpcoop.MotionInput) {
			in.Kind, in.Options, in.Confirms = ballot.Poll, []string{"a", "b"}, "aaaaaaaaaaaaaaaaaaaa"
		}, map[string]string{"confirms": dpcoop.FieldConfirmsResolution}},
		{"a confirming motion is not itself confirmed", func(in *dpcoop.MotionInput) {
			in.Kind, in.Threshold, in.Confirms = ballot.SpecialResolution, ballot.Threshold{Kind: ballot.TwoThirds}, "aaaaaaaaaaaaaaaaaaaa"
			in.Confirmation = ballot.Confirmation{Required: true}
		}, map[string]string{"confirmation": dpcoop.FieldConfirmsResolution}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := ok()
			tc.change(&in)
			m, err := in.Validate("adminaaaaaaaaaaaaaaa", motionNow)
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("want valid, got %v %v", err, fieldCodes(err))
				}
				if m.Status != dpcoop.MotionDraft || m.ProposedBy != "adminaaaaaaaaaaaaaaa" || m.ClosesAt.Location() != time.UTC {
					t.Fatalf("%+v", m)
				}
				return
			}
			got := fieldCodes(err)
			for f, c := range tc.want {
				if got[f] != c {
					t.Errorf("field %s: got %q, want %q (all: %v)", f, got[f], c, got)
				}
			}
		})
	}
}

func TestCheckVote(t *testing.T) {
	member := dpcoop.Principal{Coop: "demo", Person: "gwenaaaaaaaaaaaaaaaa", Roles: []dpcoop.Role{dpcoop.RoleMember}}
	admin := dpcoop.Principal{Coop: "demo", Person: "adminaaaaaaaaaaaaaaa", Roles: []dpcoop.Role{dpcoop.RoleAdmin}}
	all := dpcoop.VotingRules{Proxies: true, ProxyCap: 5, PostalVotes: true}
	const rhys = "rhysaaaaaaaaaaaaaaaa"
	for _, tc := range []struct {
		name  string
		p     dpcoop.Principal
		rules dpcoop.VotingRules
		in    dpcoop.VoteInput
		want  dpcoop.Vote
		code  string            // whole-request code
		field map[string]string // field codes
	}{
		{name: "own vote", p: member, rules: all, in: dpcoop.VoteInput{Choices: []string{"for"}},
			want: dpcoop.Vote{Member: member.Person, Channel: ballot.ChannelOnline, Choices: []string{"for"}}},
		{name: "abstention", p: member, rules: all, in: dpcoop.VoteInput{Choices: []string{}},
			want: dpcoop.Vote{Member: member.Person, Channel: ballot.ChannelOnline, Choices: []string{}}},
		{name: "choices missing", p: member, rules: all, in: dpcoop.VoteInput{}, field: map[string]string{"choices": dpcoop.FieldRequired}},
		{name: "proxy", p: member, rules: all, in: dpcoop.VoteInput{Choices: []string{"for"}, OnBehalfOf: rhys},
			want: dpcoop.Vote{Member: rhys, Holder: member.Person, Channel: ballot.ChannelProxy, Choices: []string{"for"}}},
		{name: "proxy not in the rules", p: member, rules: dpcoop.DefaultVotingRules, in: dpcoop.VoteInput{Choices: []string{"for"}, OnBehalfOf: rhys},
			code: dpcoop.CodeProxiesNotAllowed},
		{name: "a member cannot enter a postal vote", p: member, rules: all, in: dpcoop.VoteInput{Choices: []string{"for"}, Member: rhys, Channel: "postal"},
			code: dpcoop.CodeForbidden},
		{name: "officer enters a paper vote", p: admin, rules: all, in: dpcoop.VoteInput{Choices: []string{"against"}, Member: rhys, Channel: "paper"},
			want: dpcoop.Vote{Member: rhys, EnteredBy: admin.Person, Channel: ballot.ChannelPaper, Choices: []string{"against"}}},
		{name: "officer records a spoilt ballot", p: admin, rules: all, in: dpcoop.VoteInput{Member: rhys, Channel: "postal", Spoilt: true},
			want: dpcoop.Vote{Member: rhys, EnteredBy: admin.Person, Channel: ballot.ChannelPostal, Spoilt: true}},
		{name: "postal votes not in the rules", p: admin, rules: dpcoop.VotingRules{ProxyCap: 5}, in: dpcoop.VoteInput{Choices: []string{"for"}, Member: rhys, Channel: "postal"},
			code: dpcoop.CodePostalNotAllowed},
		{name: "officer must say postal or paper", p: admin, rules: all, in: dpcoop.VoteInput{Choices: []string{"for"}, Member: rhys},
			field: map[string]string{"channel": dpcoop.FieldChoice}},
		{name: "only paper is spoilt", p: member, rules: all, in: dpcoop.VoteInput{Spoilt: true}, field: map[string]string{"spoilt": dpcoop.FieldSpoiltOnPaper}},
		{name: "proxy and member both", p: admin, rules: all, in: dpcoop.VoteInput{Choices: []string{"for"}, Member: rhys, OnBehalfOf: rhys},
			field: map[string]string{"on_behalf_of": dpcoop.FieldOneOf}},
		{name: "unknown channel", p: member, rules: all, in: dpcoop.VoteInput{Choices: []string{"for"}, Channel: "pigeon"},
			field: map[string]string{"channel": dpcoop.FieldChoice}},
		{name: "bad member id", p: admin, rules: all, in: dpcoop.VoteInput{Choices: []string{"for"}, Member: "../x", Channel: "paper"},
			field: map[string]string{"member_id": dpcoop.FieldInvalid}},
		{name: "too many choices", p: member, rules: all, in: dpcoop.VoteInput{Choices: make([]string, 101)},
			field: map[string]string{"choices": dpcoop.FieldTooMany}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := tc.in.CheckVote(tc.p, tc.rules)
			switch {
			case tc.code != "":
				if dpcoop.ErrorOf(err).Code != tc.code {
					t.Fatalf("got %v, want %s", err, tc.code)
				}
			case tc.field != nil:
				got := fieldCodes(err)
				for f, c := range tc.field {
					if got[f] != c {
						t.Errorf("field %s: got %q want %q (%v)", f, got[f], c, got)
					}
				}
			default:
				if err != nil || fmt.Sprint(v) != fmt.Sprint(tc.want) {
					t.Fatalf("got %+v %v, want %+v", v, err, tc.want)
				}
			}
		})
	}
}

func TestSpoiltBallotAlwaysCountsAsSpoilt(t *testing.T) {
	for _, r := range []ballot.Rules{
		{Kind: ballot.OrdinaryResolution},
		{Kind: ballot.Poll, Options: []string{"a", "b"}},
		{Kind: ballot.BoardElection, Options: []string{"a", "b", "c"}, Seats: 2},
		{Kind: ballot.BoardElection, Options: []string{"a", "b", "c"}, Seats: 1, Ranked: true},
	} {
		names, err := ballot.CounterNames(r, dpcoop.Vote{Spoilt: true}.Ballot(""))
		if err != nil || len(names) != 2 || names[1] != "spoilt" {
			t.Errorf("%s: %v %v", r.Kind, names, err)
		}
	}
}

func TestMotionDue(t *testing.T) {
	opens := motionNow.Add(time.Hour)
	opened := motionNow
	closed := motionNow.Add(48 * time.Hour)
	base := dpcoop.Motion{ClosesAt: motionNow.Add(48 * time.Hour)}
	for _, tc := range []struct {
		name string
		m    func(dpcoop.Motion) dpcoop.Motion
		want time.Time // zero: nothing due
	}{
		{"draft", func(m dpcoop.Motion) dpcoop.Motion { m.Status = dpcoop.MotionDraft; return m }, time.Time{}},
		{"scheduled opens at its time", func(m dpcoop.Motion) dpcoop.Motion { m.Status, m.OpensAt = dpcoop.MotionScheduled, &opens; return m }, opens},
		{"open: notices at once", func(m dpcoop.Motion) dpcoop.Motion { m.Status, m.Opened = dpcoop.MotionOpen, &opened; return m }, opened},
		{"open: reminder a day before closing", func(m dpcoop.Motion) dpcoop.Motion {
			m.Status, m.Opened, m.NoticeOpened = dpcoop.MotionOpen, &opened, true
			return m
		}, motionNow.Add(24 * time.Hour)},
		{"open: no reminder for a vote under a day", func(m dpcoop.Motion) dpcoop.Motion {
			m.Status, m.Opened, m.NoticeOpened, m.ClosesAt = dpcoop.MotionOpen, &opened, true, motionNow.Add(3*time.Hour)
			return m
		}, motionNow.Add(3 * time.Hour)},
		{"open: then closing", func(m dpcoop.Motion) dpcoop.Motion {
			m.Status, m.Opened, m.NoticeOpened, m.NoticeClosing = dpcoop.MotionOpen, &opened, true, true
			return m
		}, motionNow.Add(48 * time.Hour)},
		{"closed: counted at once", func(m dpcoop.Motion) dpcoop.Motion { m.Status, m.Closed = dpcoop.MotionClosed, &closed; return m }, closed},
		{"closed and counted", func(m dpcoop.Motion) dpcoop.Motion {
			m.Status, m.Closed, m.Outcome = dpcoop.MotionClosed, &closed, ballot.OutcomePassed
			return m
		}, time.Time{}},
	} {
		got, ok := tc.m(base).Due()
		if ok != !tc.want.IsZero() || !got.Equal(tc.want) {
			t.Errorf("%s: due %v %v, want %v", tc.name, got, ok, tc.want)
		}
	}
}

func TestResultsHiddenWhileOpen(t *testing.T) {
	for _, tc := range []struct {
		status       dpcoop.MotionStatus
		hide, secret bool
		want         bool
	}{
		{dpcoop.MotionOpen, false, false, false},
		{dpcoop.MotionOpen, true, false, true},
		{dpcoop.MotionOpen, false, true, true}, // a secret ballot's running count is never shown
		{dpcoop.MotionClosed, true, true, false},
	} {
		m := dpcoop.Motion{Status: tc.status, Secret: tc.secret, Rules: ballot.Rules{HideUntilClosed: tc.hide}}
		if m.ResultsHidden() != tc.want {
			t.Errorf("%+v: hidden %v", tc, !tc.want)
		}
	}
}

func TestNewSecretBallotIsRandomAndItsReceiptCommits(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		b := dpcoop.NewSecretBallot("motionaaaaaaaaaaaaaa", "", []string{"for"}, false)
		if seen[b.ID] || seen[b.Receipt] || len(b.ID) != 40 || len(b.Receipt) != 26 {
			t.Fatalf("ballot id or receipt repeated or short: %+v", b)
		}
		seen[b.ID], seen[b.Receipt] = true, true
	}
}

func TestNoticeChannelFollowsConsent(t *testing.T) {
	for _, tc := range []struct {
		m             dpcoop.Member
		channel, addr string
	}{
		{dpcoop.Member{Address: "1 Lôn", ElectronicAddress: "a@b.cymru", ElectronicUses: dpcoop.ElectronicUses}, dpcoop.ChannelEmail, "a@b.cymru"},
		{dpcoop.Member{Address: "1 Lôn", ElectronicAddress: "a@b.cymru", ElectronicUses: []string{"ballots"}}, dpcoop.ChannelEmail, "a@b.cymru"},
		{dpcoop.Member{Address: "1 Lôn", ElectronicAddress: "a@b.cymru", ElectronicUses: []string{"meetings"}}, dpcoop.ChannelPost, "1 Lôn"},
		{dpcoop.Member{Address: "1 Lôn", Email: "a@b.cymru"}, dpcoop.ChannelPost, "1 Lôn"},
	} {
		if c, a := tc.m.NoticeChannel(); c != tc.channel || a != tc.addr {
			t.Errorf("%+v: %s %s", tc.m, c, a)
		}
	}
}
