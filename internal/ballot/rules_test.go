package ballot

import (
	"slices"
	"testing"
)

func TestValidate(t *testing.T) {
	cands := []string{"alice", "bryn", "cerys"}
	tests := []struct {
		name  string
		rules Rules
		want  []Code // nil: valid
	}{
		{"ordinary, zero threshold is a simple majority", ordinary, nil},
		{"special two thirds", special, nil},
		{"special three quarters confirmed", Rules{Kind: SpecialResolution, Threshold: Threshold{Kind: ThreeQuarters}, Confirmation: Confirmation{Required: true}}, nil},
		{"poll", Rules{Kind: Poll, Options: []string{"tuesday", "friday"}}, nil},
		{"election 2 of 3", Rules{Kind: BoardElection, Options: cands, Seats: 2}, nil},
		{"ranked election", Rules{Kind: BoardElection, Options: cands, Seats: 1, Ranked: true}, nil},
		{"classes", Rules{Kind: OrdinaryResolution, Classes: twoClasses, EmptyClass: EmptyClassLost}, nil},
		{"quorum 2 or 50%", Rules{Kind: OrdinaryResolution, Quorum: Quorum{Members: 2, Percent: 5000}}, nil},
		{"custom 3/5 at least", Rules{Kind: OrdinaryResolution, Threshold: Threshold{Kind: Custom, Num: 3, Den: 5, AtLeast: true}}, nil},
		{"custom exactly half, more than", Rules{Kind: OrdinaryResolution, Threshold: Threshold{Kind: Custom, Num: 1, Den: 2}}, nil},

		{"no kind", Rules{}, []Code{CodeInvalidKind}},
		{"resolution with options", Rules{Kind: OrdinaryResolution, Options: []string{"yes"}}, []Code{CodeOptionsFixed}},
		{"poll with one option", Rules{Kind: Poll, Options: []string{"only"}}, []Code{CodeTooFewOptions}},
		{"election without candidates", Rules{Kind: BoardElection, Seats: 1}, []Code{CodeTooFewOptions, CodeSeatsOutOfRange}},
		{"bad option id", Rules{Kind: Poll, Options: []string{"Tuesday", "fri day"}}, []Code{CodeInvalidOptionID, CodeInvalidOptionID}},
		{"double underscore id", Rules{Kind: Poll, Options: []string{"a__b", "c"}}, []Code{CodeInvalidOptionID}},
		{"abstain is reserved", Rules{Kind: Poll, Options: []string{"abstain", "c"}}, []Code{CodeInvalidOptionID}},
		{"duplicate option", Rules{Kind: Poll, Options: []string{"a", "a"}}, []Code{CodeDuplicateOption}},
		{"too many options", Rules{Kind: Poll, Options: manyIDs(MaxOptions + 1)}, []Code{CodeTooManyOptions}},
		{"zero seats", Rules{Kind: BoardElection, Options: cands}, []Code{CodeSeatsOutOfRange}},
		{"more seats than candidates", Rules{Kind: BoardElection, Options: cands, Seats: 4}, []Code{CodeSeatsOutOfRange}},
		{"seats on a poll", Rules{Kind: Poll, Options: cands, Seats: 1}, []Code{CodeNotApplicable}},
		{"ranked poll", Rules{Kind: Poll, Options: cands, Ranked: true}, []Code{CodeNotApplicable}},
		{"ranked with classes", Rules{Kind: BoardElection, Options: cands, Seats: 1, Ranked: true, Classes: twoClasses}, []Code{CodeRankedWithClasses}},
		{"negative quorum", Rules{Kind: OrdinaryResolution, Quorum: Quorum{Members: -1}}, []Code{CodeInvalidQuorum}},
		{"quorum over 100%", Rules{Kind: OrdinaryResolution, Quorum: Quorum{Percent: 10001}}, []Code{CodeInvalidQuorum}},
		{"unknown threshold", Rules{Kind: OrdinaryResolution, Threshold: Threshold{Kind: "most"}}, []Code{CodeInvalidThreshold}},
		{"custom zero den", Rules{Kind: OrdinaryResolution, Threshold: Threshold{Kind: Custom, Num: 1}}, []Code{CodeInvalidThreshold}},
		{"custom above one", Rules{Kind: OrdinaryResolution, Threshold: Threshold{Kind: Custom, Num: 4, Den: 3}}, []Code{CodeInvalidThreshold}},
		{"custom below majority", Rules{Kind: OrdinaryResolution, Threshold: Threshold{Kind: Custom, Num: 2, Den: 5, AtLeast: true}}, []Code{CodeThresholdBelowMajority}},
		{"at least half is below majority", Rules{Kind: OrdinaryResolution, Threshold: Threshold{Kind: Custom, Num: 1, Den: 2, AtLeast: true}}, []Code{CodeThresholdBelowMajority}},
		{"special without threshold", Rules{Kind: SpecialResolution}, []Code{CodeInvalidThreshold}},
		{"special simple majority", Rules{Kind: SpecialResolution, Threshold: Threshold{Kind: SimpleMajority}}, []Code{CodeSpecialThresholdTooLow}},
		{"threshold on a poll", Rules{Kind: Poll, Options: cands, Threshold: Threshold{Kind: TwoThirds}}, []Code{CodeNotApplicable}},
		{"basis on an election", Rules{Kind: BoardElection, Options: cands, Seats: 1, Basis: BasisVotesCast}, []Code{CodeNotApplicable}},
		{"unknown basis", Rules{Kind: OrdinaryResolution, Basis: "present"}, []Code{CodeInvalidBasis}},
		{"weights short of whole", Rules{Kind: OrdinaryResolution, Classes: []Class{{"members", 6000}, {"workers", 3000}}}, []Code{CodeWeightsMustSumToWhole}},
		{"zero weight", Rules{Kind: OrdinaryResolution, Classes: []Class{{"members", 10000}, {"workers", 0}}}, []Code{CodeInvalidWeight}},
		{"duplicate class", Rules{Kind: OrdinaryResolution, Classes: []Class{{"members", 5000}, {"members", 5000}}}, []Code{CodeDuplicateClass}},
		{"bad class id", Rules{Kind: OrdinaryResolution, Classes: []Class{{"", 10000}}}, []Code{CodeInvalidClassID}},
		{"unknown empty-class rule", Rules{Kind: OrdinaryResolution, EmptyClass: "ignored"}, []Code{CodeInvalidEmptyClassRule}},
		{"confirming an ordinary resolution", Rules{Kind: OrdinaryResolution, Confirmation: Confirmation{Required: true}}, []Code{CodeNotApplicable}},
		{"empty confirmation window", Rules{Kind: SpecialResolution, Threshold: Threshold{Kind: TwoThirds}, Confirmation: Confirmation{Required: true, MinDays: 29}}, []Code{CodeInvalidConfirmation}},
		{"several problems at once", Rules{Kind: Poll, Options: []string{"x"}, Seats: 2, Quorum: Quorum{Percent: -5}}, []Code{CodeTooFewOptions, CodeNotApplicable, CodeInvalidQuorum}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rules.Validate()
			if got := codesOf(err); !slices.Equal(got, tt.want) {
				t.Errorf("codes %v, want %v (%v)", got, tt.want, err)
			}
			if (err == nil) != (tt.want == nil) {
				t.Errorf("err = %v", err)
			}
		})
	}
}

func manyIDs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "o" + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	return out
}

func TestValidID(t *testing.T) {
	for s, want := range map[string]bool{
		"members": true, "a": true, "m2": true, "paid_staff": true, "abcdefghijklmnopqrst": true,
		"": false, "_a": false, "a_": false, "a__b": false, "A": false, "a-b": false, "a b": false, "ŵ": false,
		string(make([]byte, MaxIDLength+1)): false,
	} {
		if ValidID(s) != want {
			t.Errorf("ValidID(%q) = %v", s, !want)
		}
	}
}

func TestCheckBallot(t *testing.T) {
	election := Rules{Kind: BoardElection, Options: []string{"alice", "bryn", "cerys"}, Seats: 2, Classes: twoClasses}
	ranked := Rules{Kind: BoardElection, Options: []string{"alice", "bryn", "cerys"}, Seats: 1, Ranked: true}
	tests := []struct {
		name  string
		rules Rules
		b     Ballot
		want  []Code
	}{
		{"resolution for", ordinary, Ballot{Choices: []string{For}}, nil},
		{"resolution abstain", ordinary, Ballot{Choices: []string{Abstain}, Channel: ChannelProxy}, nil},
		{"empty is abstention", ordinary, Ballot{}, nil},
		{"resolution unknown option", ordinary, Ballot{Choices: []string{"yes"}}, []Code{CodeInvalidChoice}},
		{"resolution both ways", ordinary, Ballot{Choices: []string{For, Against}}, []Code{CodeTooManyChoices}},
		{"for and abstain", ordinary, Ballot{Choices: []string{For, Abstain}}, []Code{CodeTooManyChoices}},
		{"two of two seats", election, Ballot{Class: "members", Choices: []string{"alice", "cerys"}}, nil},
		{"three of two seats", election, Ballot{Class: "members", Choices: []string{"alice", "bryn", "cerys"}}, []Code{CodeTooManyChoices}},
		{"same candidate twice", election, Ballot{Class: "workers", Choices: []string{"alice", "alice"}}, []Code{CodeDuplicateChoice}},
		{"unknown class", election, Ballot{Class: "visitors", Choices: []string{"alice"}}, []Code{CodeUnknownClass}},
		{"bad channel", ordinary, Ballot{Choices: []string{For}, Channel: "carrier_pigeon"}, []Code{CodeInvalidChannel}},
		{"full ranking", ranked, Ballot{Choices: []string{"cerys", "alice", "bryn"}}, nil},
		{"partial ranking", ranked, Ballot{Choices: []string{"bryn"}}, nil},
		{"ranking repeats", ranked, Ballot{Choices: []string{"bryn", "bryn"}}, []Code{CodeDuplicateChoice}},
		{"class ignored without classes", ordinary, Ballot{Class: "anything", Choices: []string{Against}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := codesOf(tt.rules.CheckBallot(tt.b)); !slices.Equal(got, tt.want) {
				t.Errorf("codes %v, want %v", got, tt.want)
			}
		})
	}
}

func TestElectorateOf(t *testing.T) {
	r := Rules{Kind: OrdinaryResolution, Classes: twoClasses}
	e, err := r.ElectorateOf([]Voter{{"m1", "members"}, {"m2", "members"}, {"w1", "workers"}})
	if err != nil || e["members"] != 2 || e["workers"] != 1 {
		t.Fatalf("%v %v", e, err)
	}
	_, err = r.ElectorateOf([]Voter{{"m1", "members"}, {"m1", "members"}, {"x", "visitors"}})
	if got := codesOf(err); !slices.Equal(got, []Code{CodeDuplicateMember, CodeUnknownClass}) {
		t.Errorf("codes %v", got)
	}
	e, err = ordinary.ElectorateOf([]Voter{{"a", "members"}, {"b", "supporter"}})
	if err != nil || e[""] != 2 {
		t.Errorf("no classes: %v %v", e, err)
	}
}
