package ballot

import (
	"testing"
)

func TestQuorumRequired(t *testing.T) {
	tests := []struct {
		name       string
		q          Quorum
		electorate int64
		want       int64
	}{
		{"N greater: 2 or 50% of 3", Quorum{Members: 2, Percent: 5000}, 3, 2},
		{"percent greater: 2 or 50% of 100", Quorum{Members: 2, Percent: 5000}, 100, 50},
		{"equal: 5 or 50% of 10", Quorum{Members: 5, Percent: 5000}, 10, 5},
		{"percent rounds up: 50% of 5 is 3", Quorum{Percent: 5000}, 5, 3},
		{"percent rounds up: 10% of 11 is 2", Quorum{Percent: 1000}, 11, 2},
		{"exact percent is not rounded: 25% of 8", Quorum{Percent: 2500}, 8, 2},
		{"no electorate: N still applies", Quorum{Members: 2, Percent: 5000}, 0, 2},
		{"zero quorum", Quorum{}, 40, 0},
		{"large electorate does not overflow", Quorum{Percent: 3333}, MaxCount, 333_300_000},
	}
	for _, tt := range tests {
		if got := tt.q.Required(tt.electorate); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestQuorumBoundaryInTally(t *testing.T) {
	r := Rules{Kind: OrdinaryResolution, Quorum: Quorum{Members: 2, Percent: 5000}}
	tests := []struct {
		name       string
		electorate int64
		ballots    Ballots
		met        bool
	}{
		{"N branch, one short", 3, many(1, "", For), false},
		{"N branch, exactly N", 3, many(2, "", For), true},
		{"percent branch, one short of 50 of 100", 100, many(49, "", For), false},
		{"percent branch, exactly 50 of 100", 100, many(50, "", For), true},
		{"rounded up: 3 of 5 needed, 2 fails", 5, many(2, "", For), false},
		{"rounded up: 3 of 5 needed, 3 met", 5, many(3, "", For), true},
		{"abstentions count towards quorum", 4, join(many(1, "", For), many(1, "", Abstain)), true},
		{"spoilt ballots count towards quorum", 4, join(many(1, "", For), many(1, "", "maybe")), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustTally(t, r, Electorate{"": tt.electorate}, tt.ballots)
			if res.QuorumMet != tt.met {
				t.Fatalf("quorum met %v (needed %d of %d, had %d)", res.QuorumMet, res.QuorumRequired, res.Electorate, res.Ballots)
			}
			if !tt.met && (res.Outcome != OutcomeInquorate || res.Passed) {
				t.Errorf("inquorate motion: outcome %s passed %v", res.Outcome, res.Passed)
			}
			if tt.met && res.Outcome != OutcomePassed {
				t.Errorf("outcome %s", res.Outcome)
			}
		})
	}
}

func TestThresholds(t *testing.T) {
	majority := Threshold{Kind: SimpleMajority}
	twoThirds := Threshold{Kind: TwoThirds}
	threeQuarters := Threshold{Kind: ThreeQuarters}
	tests := []struct {
		name           string
		th             Threshold
		forV, againstV int
		pass           bool
	}{
		{"majority 51 of 100", majority, 51, 49, true},
		{"majority 50 of 100 fails (equality)", majority, 50, 50, false},
		{"majority 1 of 1", majority, 1, 0, true},
		{"majority 0 of 1", majority, 0, 1, false},
		{"two thirds 2 of 3 passes", twoThirds, 2, 1, true},
		{"two thirds 66 of 100 fails", twoThirds, 66, 34, false},
		{"two thirds 67 of 100 passes", twoThirds, 67, 33, true},
		{"two thirds 200 of 300 passes", twoThirds, 200, 100, true},
		{"two thirds 199 of 300 fails", twoThirds, 199, 101, false},
		{"three quarters 3 of 4 passes", threeQuarters, 3, 1, true},
		{"three quarters 75 of 100 passes", threeQuarters, 75, 25, true},
		{"three quarters 74 of 100 fails", threeQuarters, 74, 26, false},
		{"custom more than 3/5: exactly 3/5 fails", Threshold{Kind: Custom, Num: 3, Den: 5}, 6, 4, false},
		{"custom at least 3/5: exactly 3/5 passes", Threshold{Kind: Custom, Num: 3, Den: 5, AtLeast: true}, 6, 4, true},
		{"unanimity 10 of 10", Threshold{Kind: Custom, Num: 1, Den: 1, AtLeast: true}, 10, 0, true},
		{"unanimity 9 of 10", Threshold{Kind: Custom, Num: 1, Den: 1, AtLeast: true}, 9, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Rules{Kind: OrdinaryResolution, Threshold: tt.th}
			b := join(many(tt.forV, "", For), many(tt.againstV, "", Against))
			res := mustTally(t, r, Electorate{"": 400}, b)
			if res.Passed != tt.pass {
				t.Errorf("passed %v, support %v", res.Passed, res.Support)
			}
			if tt.forV == tt.againstV && !res.EqualVotes {
				t.Errorf("equality not reported")
			}
		})
	}
}

func TestBasisElectorateVersusCast(t *testing.T) {
	// 10 members; 6 vote: 4 for, 2 against; 4 stay away.
	b := join(many(4, "", For), many(2, "", Against))
	e := Electorate{"": 10}

	cast := mustTally(t, Rules{Kind: SpecialResolution, Threshold: Threshold{Kind: TwoThirds}}, e, b)
	wantRat(t, "support on votes cast", cast.Support.Exact, "2/3") // 4 of 6
	if !cast.Passed || cast.Outcome != OutcomePassed {
		t.Errorf("votes cast basis: 4 of 6 is two thirds, should pass: %+v", cast)
	}

	whole := mustTally(t, Rules{Kind: OrdinaryResolution, Basis: BasisElectorate}, e, b)
	wantRat(t, "support on electorate", whole.Support.Exact, "2/5") // 4 of 10
	if whole.Passed {
		t.Errorf("electorate basis: 4 of 10 is not a majority")
	}
	// A majority of the whole electorate: 6 of 10 for.
	whole = mustTally(t, Rules{Kind: OrdinaryResolution, Basis: BasisElectorate}, e, many(6, "", For))
	if !whole.Passed {
		t.Errorf("6 of 10 members is a majority of the electorate")
	}
}

func TestAbstentions(t *testing.T) {
	// 5 for, 4 against, 10 abstain out of 20 members. Abstentions are not
	// votes cast: 5 of 9 is a majority. They do count for quorum and
	// turnout: 19 of 20 took part.
	b := join(many(5, "", For), many(4, "", Against), many(5, "", Abstain), many(5, ""))
	r := Rules{Kind: OrdinaryResolution, Quorum: Quorum{Percent: 9000}}
	res := mustTally(t, r, Electorate{"": 20}, b)
	if !res.Passed || res.VotesCast != 9 || res.Abstentions != 10 || res.Ballots != 19 {
		t.Fatalf("%+v", res)
	}
	wantRat(t, "support", res.Support.Exact, "5/9")
	wantRat(t, "turnout", res.Turnout.Exact, "19/20")
	if res.Turnout.BasisPoints != 9500 {
		t.Errorf("turnout bp %d", res.Turnout.BasisPoints)
	}
	if option(res, Abstain).Votes != 10 || option(res, Abstain).Share != nil {
		t.Errorf("abstain %+v", option(res, Abstain))
	}
	// Only abstentions: quorate, nothing to decide.
	res = mustTally(t, ordinary, Electorate{"": 3}, many(3, "", Abstain))
	if res.Outcome != OutcomeNoVotes || res.Passed {
		t.Errorf("all abstain: %s", res.Outcome)
	}
}

func TestClassWeights(t *testing.T) {
	// Worked by hand. Members have 60 % of the vote, workers 40 %.
	// Members: 10 in the class, 7 for and 3 against.
	// Workers: 40 in the class, 10 for and 30 against.
	//
	//   members' part of "for"  = 6000 × 7/10  = 4200
	//   workers' part of "for"  = 4000 × 10/40 = 1000
	//   for     = (4200 + 1000) / 10000 = 52 %   (13/25)
	//   against = (6000 × 3/10 + 4000 × 30/40) / 10000 = (1800 + 3000) / 10000 = 48 %
	//
	// Counted by heads it would be 17 of 50 (34 %) and fail; weighted, it
	// carries a simple majority but not two thirds.
	b := join(many(7, "members", For), many(3, "members", Against), many(10, "workers", For), many(30, "workers", Against))
	e := Electorate{"members": 10, "workers": 40}

	res := mustTally(t, Rules{Kind: OrdinaryResolution, Classes: twoClasses}, e, b)
	wantRat(t, "for share", option(res, For).Share.Exact, "13/25")
	wantRat(t, "against share", option(res, Against).Share.Exact, "12/25")
	if !res.Passed || option(res, For).Share.BasisPoints != 5200 || option(res, For).Votes != 17 {
		t.Errorf("weighted majority: %+v", res)
	}
	if len(res.Classes) != 2 || res.Classes[1].Votes[Against] != 30 || res.Classes[0].VotesCast != 10 {
		t.Errorf("per class: %+v", res.Classes)
	}
	res = mustTally(t, Rules{Kind: SpecialResolution, Threshold: Threshold{Kind: TwoThirds}, Classes: twoClasses}, e, b)
	if res.Passed {
		t.Errorf("52 %% is not two thirds")
	}

	// On the electorate basis each class's part is measured against its
	// members: 6000 × 7/10 + 4000 × 10/40 is the same 52 % here because
	// everybody voted.
	res = mustTally(t, Rules{Kind: OrdinaryResolution, Classes: twoClasses, Basis: BasisElectorate}, e, b)
	wantRat(t, "electorate support", res.Support.Exact, "13/25")
}

func TestClassWithNoVotes(t *testing.T) {
	// Members (60 %) vote 5 for, 4 against; no worker votes.
	b := join(many(5, "members", For), many(4, "members", Against))
	e := Electorate{"members": 10, "workers": 40}

	// Redistributed (the default): workers' 40 % is left out and members'
	// result stands for the whole: 5/9 for.
	res := mustTally(t, Rules{Kind: OrdinaryResolution, Classes: twoClasses}, e, b)
	wantRat(t, "redistributed support", res.Support.Exact, "5/9")
	if !res.Passed || res.Classes[1].VotesCast != 0 {
		t.Errorf("redistributed: %+v", res)
	}

	// Lost: workers' 40 % counts for nothing: for = 6000 × 5/9 / 10000 = 1/3,
	// against = 6000 × 4/9 / 10000 = 4/15; the motion fails.
	res = mustTally(t, Rules{Kind: OrdinaryResolution, Classes: twoClasses, EmptyClass: EmptyClassLost}, e, b)
	wantRat(t, "lost support", res.Support.Exact, "1/3")
	wantRat(t, "lost against", option(res, Against).Share.Exact, "4/15")
	if res.Passed {
		t.Errorf("lost: an absent 40 %% class should sink a 5/9 majority")
	}

	// A class with no members at all, on the electorate basis: its weight is
	// redistributed, so members decide alone: 6 of 10 members is a majority.
	res = mustTally(t, Rules{Kind: OrdinaryResolution, Classes: twoClasses, Basis: BasisElectorate},
		Electorate{"members": 10}, many(6, "members", For))
	wantRat(t, "empty class, electorate basis", res.Support.Exact, "3/5")
	if !res.Passed {
		t.Errorf("should pass")
	}

	// Nobody in any class voted for or against.
	res = mustTally(t, Rules{Kind: OrdinaryResolution, Classes: twoClasses}, e, many(2, "workers", Abstain))
	if res.Passed || res.Outcome != OutcomeNoVotes || res.Support.Exact.Sign() != 0 {
		t.Errorf("no votes: %+v", res)
	}
}

func TestSpecialResolutionNeedsConfirmation(t *testing.T) {
	r := Rules{Kind: SpecialResolution, Threshold: Threshold{Kind: ThreeQuarters}, Confirmation: Confirmation{Required: true}}
	res := mustTally(t, r, Electorate{"": 8}, join(many(6, "", For), many(2, "", Against)))
	if !res.Passed || !res.NeedsConfirmation {
		t.Errorf("%+v", res)
	}
	res = mustTally(t, r, Electorate{"": 8}, join(many(5, "", For), many(2, "", Against)))
	if res.Passed || res.NeedsConfirmation {
		t.Errorf("5 of 7 is under three quarters: %+v", res)
	}
}

func TestPluralityTwoSeatsWithTie(t *testing.T) {
	r := Rules{Kind: BoardElection, Options: []string{"alice", "bryn", "cerys", "dai"}, Seats: 2}
	// alice 5, bryn 3, cerys 3, dai 1: alice is elected, bryn and cerys tie
	// for the second seat.
	b := join(
		many(3, "", "alice", "bryn"),
		many(2, "", "alice", "cerys"),
		many(1, "", "cerys"),
		many(1, "", "dai"),
		many(1, ""), // a blank ballot: counted as taking part, votes for nobody
	)
	e := Electorate{"": 10}
	res := mustTally(t, r, e, b)
	if res.Outcome != OutcomeTie || !equalStrings(res.Winners, []string{"alice"}) || res.Tie == nil ||
		!equalStrings(res.Tie.Among, []string{"bryn", "cerys"}) || res.Tie.Places != 1 || res.Tie.Reason != TieForSeats {
		t.Fatalf("tie not reported: %+v tie %+v", res, res.Tie)
	}
	if res.VotesCast != 7 || res.Abstentions != 1 || option(res, "alice").Votes != 5 {
		t.Errorf("counts: %+v", res)
	}
	wantRat(t, "alice's share of voters", option(res, "alice").Share.Exact, "5/7")

	// The co-op draws lots: cerys first.
	res = mustTally(t, r, e, b, "cerys", "bryn")
	if res.Outcome != OutcomeDecided || !res.ByLot || !equalStrings(res.Winners, []string{"alice", "cerys"}) || res.Tie != nil {
		t.Errorf("lot: %+v", res)
	}
	// A lot that leaves out a tied candidate settles nothing.
	res = mustTally(t, r, e, b, "cerys", "alice")
	if res.Outcome != OutcomeTie || res.ByLot {
		t.Errorf("partial lot: %+v", res)
	}
	// Three seats: the tied pair both fit.
	r.Seats = 3
	res = mustTally(t, r, e, b)
	if res.Outcome != OutcomeDecided || !equalStrings(res.Winners, []string{"alice", "bryn", "cerys"}) {
		t.Errorf("3 seats: %+v", res)
	}
}

func TestPluralityWithClasses(t *testing.T) {
	// One seat; members 60 %, workers 40 %. Members: 4 of 4 vote alice.
	// Workers: 9 of 10 vote bryn, 1 blank. alice = 6000 × 4/4 = 6000,
	// bryn = 4000 × 9/9 = 4000 (the blank does not dilute the workers).
	r := Rules{Kind: BoardElection, Options: []string{"alice", "bryn"}, Seats: 1, Classes: twoClasses}
	b := join(many(4, "members", "alice"), many(9, "workers", "bryn"), many(1, "workers"))
	res := mustTally(t, r, Electorate{"members": 4, "workers": 10}, b)
	if !equalStrings(res.Winners, []string{"alice"}) {
		t.Errorf("%+v", res)
	}
	wantRat(t, "alice", option(res, "alice").Share.Exact, "3/5")
	wantRat(t, "bryn", option(res, "bryn").Share.Exact, "2/5")
}

func TestPollLeadAndTie(t *testing.T) {
	r := Rules{Kind: Poll, Options: []string{"tuesday", "thursday", "saturday"}}
	e := Electorate{"": 10}
	res := mustTally(t, r, e, join(many(3, "", "tuesday"), many(4, "", "saturday"), many(1, "", "thursday")))
	if res.Outcome != OutcomeDecided || !equalStrings(res.Winners, []string{"saturday"}) {
		t.Errorf("%+v", res)
	}
	res = mustTally(t, r, e, join(many(3, "", "tuesday"), many(3, "", "saturday")))
	if res.Outcome != OutcomeTie || res.Tie.Reason != TieForLead || !equalStrings(res.Tie.Among, []string{"tuesday", "saturday"}) {
		t.Errorf("%+v %+v", res, res.Tie)
	}
}

func TestIRVTennessee(t *testing.T) {
	// The classic worked example: 100 voters choose a capital.
	//   42 Memphis > Nashville > Chattanooga > Knoxville
	//   26 Nashville > Chattanooga > Knoxville > Memphis
	//   15 Chattanooga > Knoxville > Nashville > Memphis
	//   17 Knoxville > Chattanooga > Nashville > Memphis
	// Stage 1: M 42, N 26, C 15, K 17; nobody over 50: exclude C (15),
	//          whose ballots go to K: K 32.
	// Stage 2: M 42, N 26, K 32; exclude N (26), whose ballots pass over
	//          the excluded C to K: K 58 of 100 continuing: elected.
	r := Rules{Kind: BoardElection, Options: []string{"memphis", "nashville", "chattanooga", "knoxville"}, Seats: 1, Ranked: true}
	b := join(
		many(42, "", "memphis", "nashville", "chattanooga", "knoxville"),
		many(26, "", "nashville", "chattanooga", "knoxville", "memphis"),
		many(15, "", "chattanooga", "knoxville", "nashville", "memphis"),
		many(17, "", "knoxville", "chattanooga", "nashville", "memphis"),
	)
	res := mustTally(t, r, Electorate{"": 100}, b)
	if res.Method != MethodIRV || res.Outcome != OutcomeDecided || !equalStrings(res.Winners, []string{"knoxville"}) {
		t.Fatalf("%+v", res)
	}
	if len(res.Stages) != 3 {
		t.Fatalf("stages %+v", res.Stages)
	}
	if !equalStrings(res.Stages[1].Candidates, []string{"chattanooga"}) || !equalStrings(res.Stages[2].Candidates, []string{"nashville"}) {
		t.Errorf("exclusions %v %v", res.Stages[1].Candidates, res.Stages[2].Candidates)
	}
	wantRat(t, "K after stage 2", res.Stages[1].Votes["knoxville"], "32")
	wantRat(t, "K final", res.Stages[2].Votes["knoxville"], "58")
	if option(res, "memphis").Votes != 42 || res.Quota != nil {
		t.Errorf("first preferences %+v quota %v", res.Options, res.Quota)
	}
}

func TestIRVExclusionTie(t *testing.T) {
	// a 2, b 1, c 1: nobody has more than half of 4; b and c tie lowest.
	r := Rules{Kind: BoardElection, Options: []string{"a", "b", "c"}, Seats: 1, Ranked: true}
	b := join(many(2, "", "a"), many(1, "", "b"), many(1, "", "c", "a"))
	e := Electorate{"": 4}
	res := mustTally(t, r, e, b)
	if res.Outcome != OutcomeTie || res.Tie.Reason != TieForExclusion || !equalStrings(res.Tie.Among, []string{"b", "c"}) || res.Tie.Places != 1 {
		t.Fatalf("%+v %+v", res, res.Tie)
	}
	// Lot drawn c then b: b, drawn last, is excluded; b's ballot is
	// exhausted, a has 2 of 3 continuing votes: elected.
	res = mustTally(t, r, e, b, "c", "b")
	if res.Outcome != OutcomeDecided || !res.ByLot || !equalStrings(res.Winners, []string{"a"}) {
		t.Errorf("%+v", res)
	}
	// Lot drawn b then c: c is excluded and its ballot goes to a: a 3 of 4.
	res = mustTally(t, r, e, b, "b", "c")
	if !equalStrings(res.Winners, []string{"a"}) || !equalStrings(res.Stages[1].Candidates, []string{"c"}) {
		t.Errorf("%+v", res)
	}
}

func TestSTVWikipediaFoodElection(t *testing.T) {
	// The worked example of Wikipedia's "Single transferable vote" article
	// (the food election): 20 guests, 3 to be chosen, Droop quota
	// floor(20/4) + 1 = 6.
	//   4 Oranges; 2 Pears > Oranges; 8 Chocolate > Strawberries;
	//   4 Chocolate > Sweets; 1 Strawberries; 1 Sweets.
	// Round 1: Chocolate 12, elected with a surplus of 6.
	// Round 2: the surplus goes on at 6/12 = 1/2: Strawberries 1 + 4 = 5,
	//          Sweets 1 + 2 = 3; nobody reaches 6; Pears (2) excluded.
	// Round 3: Pears' ballots go to Oranges: 6, elected with no surplus.
	// Round 4: Sweets (3) excluded; Strawberries is the only continuing
	//          candidate for the last seat: elected.
	// Winners: Chocolate, Oranges, Strawberries.
	r := Rules{Kind: BoardElection, Options: []string{"oranges", "pears", "chocolate", "strawberries", "sweets"}, Seats: 3, Ranked: true}
	b := join(
		many(4, "", "oranges"),
		many(2, "", "pears", "oranges"),
		many(8, "", "chocolate", "strawberries"),
		many(4, "", "chocolate", "sweets"),
		many(1, "", "strawberries"),
		many(1, "", "sweets"),
	)
	res := mustTally(t, r, Electorate{"": 20}, b)
	if res.Method != MethodSTV || res.Outcome != OutcomeDecided || !equalStrings(res.Winners, []string{"chocolate", "oranges", "strawberries"}) {
		t.Fatalf("%+v", res)
	}
	wantRat(t, "quota", res.Quota, "6")
	want := []struct {
		action  StageAction
		cands   []string
		elected []string
		votes   map[string]string
	}{
		{StageFirstPreferences, nil, []string{"chocolate"}, map[string]string{"oranges": "4", "pears": "2", "chocolate": "12", "strawberries": "1", "sweets": "1"}},
		{StageSurplus, []string{"chocolate"}, nil, map[string]string{"oranges": "4", "pears": "2", "chocolate": "6", "strawberries": "5", "sweets": "3"}},
		{StageExclusion, []string{"pears"}, []string{"oranges"}, map[string]string{"oranges": "6", "pears": "0", "chocolate": "6", "strawberries": "5", "sweets": "3"}},
		{StageExclusion, []string{"sweets"}, nil, map[string]string{"oranges": "6", "chocolate": "6", "strawberries": "5", "sweets": "0"}},
		{StageElectRemaining, nil, []string{"strawberries"}, map[string]string{"strawberries": "5"}},
	}
	if len(res.Stages) != len(want) {
		t.Fatalf("%d stages: %+v", len(res.Stages), res.Stages)
	}
	for i, w := range want {
		st := res.Stages[i]
		if st.Action != w.action || !equalStrings(st.Candidates, w.cands) || !equalStrings(st.Elected, w.elected) {
			t.Errorf("stage %d: %s %v elected %v", i+1, st.Action, st.Candidates, st.Elected)
		}
		for c, v := range w.votes {
			wantRat(t, "stage votes "+c, st.Votes[c], v)
		}
	}
	wantRat(t, "surplus transfer value", res.Stages[1].TransferValue, "1/2")
	wantRat(t, "exhausted at the end", res.Stages[4].Exhausted, "3") // 2 Chocolate>Sweets at 1/2 each, 1 Sweets
}

func TestSTVInclusiveGregory(t *testing.T) {
	// Worked by hand to show the inclusive rule and exact fractions.
	// 15 ballots, 3 seats, quota floor(15/4) + 1 = 4.
	//   8 a > b > c;  3 b > d;  2 c;  2 d.
	// Stage 1: a 8, b 3, c 2, d 2: a elected, surplus 4.
	// Stage 2: a's 8 ballots go to b at 4/8 = 1/2 each: b 3 + 4 = 7,
	//          elected, surplus 3.
	// Stage 3: b's surplus takes EVERY ballot b holds (inclusive): the 3
	//          b > d at value 1 and the 8 a > b > c at value 1/2, at
	//          3/7 of their value: d gets 3 × 3/7 = 9/7 (d = 23/7), c gets
	//          8 × 1/2 × 3/7 = 12/7 (c = 26/7). Nobody reaches 4.
	// Stage 4: d (23/7) excluded; the b > d ballots are exhausted (9/7)
	//          and the 2 d ballots too: 23/7 exhausted.
	// Stage 5: c is the only continuing candidate for the last seat.
	// (Transferring only the last parcel received, as older Gregory rules
	// do, would move the 8 a > b > c ballots alone at 3/4: c would reach 5.)
	r := Rules{Kind: BoardElection, Options: []string{"a", "b", "c", "d"}, Seats: 3, Ranked: true}
	b := join(many(8, "", "a", "b", "c"), many(3, "", "b", "d"), many(2, "", "c"), many(2, "", "d"))
	res := mustTally(t, r, Electorate{"": 15}, b)
	if !equalStrings(res.Winners, []string{"a", "b", "c"}) || len(res.Stages) != 5 {
		t.Fatalf("%+v", res)
	}
	wantRat(t, "a's transfer value", res.Stages[1].TransferValue, "1/2")
	wantRat(t, "b after a's surplus", res.Stages[1].Votes["b"], "7")
	wantRat(t, "b's transfer value", res.Stages[2].TransferValue, "3/7")
	wantRat(t, "c after b's surplus", res.Stages[2].Votes["c"], "26/7")
	wantRat(t, "d after b's surplus", res.Stages[2].Votes["d"], "23/7")
	wantRat(t, "b keeps the quota", res.Stages[2].Votes["b"], "4")
	wantRat(t, "exhausted after d", res.Stages[3].Exhausted, "23/7")
	if !equalStrings(res.Stages[3].Candidates, []string{"d"}) {
		t.Errorf("stage 4 excluded %v", res.Stages[3].Candidates)
	}
}

func TestSTVZeroVoteCandidatesExcludedTogether(t *testing.T) {
	// Two seats among five, quota floor(3/3) + 1 = 2: a 2 (elected), b 1,
	// and c, d, e none. The three with no votes are excluded in one stage
	// without a lot (they hold no ballots, so it cannot matter and b is
	// still left for the last seat).
	r := Rules{Kind: BoardElection, Options: []string{"a", "b", "c", "d", "e"}, Seats: 2, Ranked: true}
	b := join(many(2, "", "a"), many(1, "", "b"))
	res := mustTally(t, r, Electorate{"": 3}, b)
	if res.Outcome != OutcomeDecided || !equalStrings(res.Winners, []string{"a", "b"}) {
		t.Fatalf("%+v %+v", res, res.Tie)
	}
	if !equalStrings(res.Stages[1].Candidates, []string{"c", "d", "e"}) {
		t.Errorf("stage 2 excluded %v", res.Stages[1].Candidates)
	}
	// Three seats, quota floor(3/4) + 1 = 1: a and b are elected at once;
	// a's surplus is exhausted; the last seat lies among c, d and e with no
	// votes each, and only a lot can choose: two of them must be kept
	// while one is excluded, then again.
	r.Seats = 3
	res = mustTally(t, r, Electorate{"": 3}, b)
	if res.Outcome != OutcomeTie || res.Tie.Reason != TieForExclusion || !equalStrings(res.Tie.Among, []string{"c", "d", "e"}) || res.Tie.Places != 2 {
		t.Fatalf("%+v %+v", res, res.Tie)
	}
	if !equalStrings(res.Winners, []string{"a", "b"}) {
		t.Errorf("winners so far %v", res.Winners)
	}
	// Lot drawn e, c, d: d (last) is excluded, then c, and e is elected.
	res = mustTally(t, r, Electorate{"": 3}, b, "e", "c", "d")
	if !equalStrings(res.Winners, []string{"a", "b", "e"}) || !res.ByLot {
		t.Errorf("%+v %+v", res.Winners, res.Stages)
	}
}

func TestSTVSurplusOrderTie(t *testing.T) {
	// Two seats, quota floor(12/3) + 1 = 5: a and b both reach it at the
	// first stage with equal surpluses, but every seat is filled before any
	// surplus moves, so no lot is needed.
	r := Rules{Kind: BoardElection, Options: []string{"a", "b", "c"}, Seats: 2, Ranked: true}
	b := join(many(6, "", "a", "c"), many(6, "", "b", "c"))
	res := mustTally(t, r, Electorate{"": 12}, b)
	if res.Outcome != OutcomeDecided || !equalStrings(res.Winners, []string{"a", "b"}) {
		t.Fatalf("%+v", res)
	}
	// Three seats, quota floor(14/4) + 1 = 4: 5 a > c, 5 b > d, 2 c, 2 d.
	// a and b are elected with equal surpluses of 1; which goes first is
	// for the lot.
	r = Rules{Kind: BoardElection, Options: []string{"a", "b", "c", "d"}, Seats: 3, Ranked: true}
	b = join(many(5, "", "a", "c"), many(5, "", "b", "d"), many(2, "", "c"), many(2, "", "d"))
	res = mustTally(t, r, Electorate{"": 14}, b)
	if res.Outcome != OutcomeTie || res.Tie.Reason != TieForSurplusOrder || !equalStrings(res.Tie.Among, []string{"a", "b"}) {
		t.Fatalf("%+v %+v", res, res.Tie)
	}
	// Lot b, a: b's surplus goes first (d 2 + 5 × 1/5 = 3), then a's (c 3).
	// c and d then tie for exclusion, and neither was drawn: the count stops
	// at that second tie.
	res = mustTally(t, r, Electorate{"": 14}, b, "b", "a")
	if res.Outcome != OutcomeTie || res.Tie.Reason != TieForExclusion || !equalStrings(res.Stages[1].Candidates, []string{"b"}) {
		t.Errorf("%+v %+v", res, res.Tie)
	}
	// Lot b, a, d, c: c (drawn after d) is excluded and d takes the seat.
	res = mustTally(t, r, Electorate{"": 14}, b, "b", "a", "d", "c")
	if res.Outcome != OutcomeDecided || !equalStrings(res.Winners, []string{"a", "b", "d"}) {
		t.Errorf("%+v", res)
	}
}

func TestInquorateElectionElectsNobody(t *testing.T) {
	r := Rules{Kind: BoardElection, Options: []string{"a", "b"}, Seats: 1, Quorum: Quorum{Members: 3}}
	res := mustTally(t, r, Electorate{"": 10}, many(2, "", "a"))
	if res.Outcome != OutcomeInquorate || res.Winners != nil || option(res, "a").Votes != 2 {
		t.Errorf("%+v", res)
	}
	r.Ranked = true
	res = mustTally(t, r, Electorate{"": 10}, many(2, "", "a"))
	if res.Outcome != OutcomeInquorate || res.Winners != nil || len(res.Stages) != 0 || option(res, "a").Votes != 2 {
		t.Errorf("%+v", res)
	}
}

func TestTallyErrors(t *testing.T) {
	classed := Rules{Kind: OrdinaryResolution, Classes: twoClasses}
	ranked := Rules{Kind: BoardElection, Options: []string{"a", "b"}, Seats: 1, Ranked: true}
	tests := []struct {
		name  string
		rules Rules
		e     Electorate
		v     Votes
		lot   []string
		want  Code
	}{
		{"invalid rules", Rules{Kind: "vote"}, nil, nil, nil, CodeInvalidKind},
		{"more ballots than members", ordinary, Electorate{"": 2}, many(3, "", For), nil, CodeBallotsExceedElectorate},
		{"more ballots than members in a class", classed, Electorate{"members": 5, "workers": 1}, many(2, "workers", For), nil, CodeBallotsExceedElectorate},
		{"ballot from an unknown class", classed, Electorate{"members": 5}, many(1, "visitors", For), nil, CodeUnknownClass},
		{"electorate of an unknown class", classed, Electorate{"visitors": 5}, nil, nil, CodeUnknownClass},
		{"negative electorate", ordinary, Electorate{"": -1}, nil, nil, CodeInvalidElectorate},
		{"ranked from counters", ranked, Electorate{"": 5}, Counts{}, nil, CodeRankedNeedsBallots},
		{"lot on a resolution", ordinary, Electorate{"": 5}, nil, []string{For}, CodeInvalidLot},
		{"lot names a stranger", Rules{Kind: Poll, Options: []string{"x", "y"}}, Electorate{"": 5}, nil, []string{"z"}, CodeInvalidLot},
		{"lot draws twice", Rules{Kind: Poll, Options: []string{"x", "y"}}, Electorate{"": 5}, nil, []string{"x", "x"}, CodeInvalidLot},
		{"counts for an unknown option", ordinary, Electorate{"": 5},
			Counts{Ballots: map[string]int64{"": 1}, Votes: map[Key]int64{{Option: "maybe"}: 1}}, nil, CodeInvalidChoice},
		{"negative counter", ordinary, Electorate{"": 5},
			Counts{Ballots: map[string]int64{"": -1}}, nil, CodeInvalidCounts},
		{"votes without ballots", ordinary, Electorate{"": 5},
			Counts{Votes: map[Key]int64{{Option: For}: 2}}, nil, CodeInconsistentCounts},
		{"more marks than seats allow", Rules{Kind: BoardElection, Options: []string{"a", "b", "c"}, Seats: 2}, Electorate{"": 5},
			Counts{Ballots: map[string]int64{"": 1}, Votes: map[Key]int64{{Option: "a"}: 1, {Option: "b"}: 1, {Option: "c"}: 1}}, nil, CodeInconsistentCounts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := TallyWithLot(tt.rules, tt.e, tt.v, tt.lot)
			if !hasCode(err, tt.want) {
				t.Errorf("err %v, want code %s", err, tt.want)
			}
		})
	}
}

func TestSpoiltBallots(t *testing.T) {
	// Paper ballots marked for two candidates in a one-seat election are
	// spoilt: taking part, voting for nobody.
	r := Rules{Kind: BoardElection, Options: []string{"a", "b"}, Seats: 1}
	b := join(many(3, "", "a"), many(2, "", "b"), Ballots{{Choices: []string{"a", "b"}, Channel: ChannelPaper}})
	res := mustTally(t, r, Electorate{"": 6}, b)
	if res.Spoilt != 1 || res.Ballots != 6 || res.VotesCast != 5 || !equalStrings(res.Winners, []string{"a"}) {
		t.Errorf("%+v", res)
	}
}
