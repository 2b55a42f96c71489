package ballot_test

import (
	"fmt"

	"github.com/dpcoop/dpcoop/internal/ballot"
)

// The life of a motion's count: rules checked when it opens, counters
// added to as each vote is stored, the result read from the counters.
func Example() {
	rules := ballot.Rules{
		Kind:      ballot.SpecialResolution,
		Threshold: ballot.Threshold{Kind: ballot.TwoThirds},
		Quorum:    ballot.Quorum{Members: 2, Percent: 5000}, // 2 members or 50 %, whichever is greater
		Classes:   []ballot.Class{{ID: "members", Weight: 6000}, {ID: "workers", Weight: 4000}},
	}
	if err := rules.Validate(); err != nil {
		panic(err)
	}
	counters := map[string]int64{} // in DynamoDB: ADD 1 to each name, in the vote's transaction
	for _, b := range []ballot.Ballot{
		{Class: "members", Choices: []string{ballot.For}},
		{Class: "members", Choices: []string{ballot.For}, Channel: ballot.ChannelProxy},
		{Class: "members", Choices: []string{ballot.Against}},
		{Class: "workers", Choices: []string{ballot.For}},
		{Class: "workers"}, // an abstention
	} {
		if err := rules.CheckBallot(b); err != nil {
			panic(err)
		}
		names, _ := ballot.CounterNames(rules, b)
		for _, n := range names {
			counters[n]++
		}
	}
	counts, err := ballot.ParseCounters(rules, counters)
	if err != nil {
		panic(err)
	}
	res, err := ballot.Tally(rules, ballot.Electorate{"members": 4, "workers": 3}, counts)
	if err != nil {
		panic(err)
	}
	// members: 6000 × 2/3 = 4000; workers: 4000 × 1/1 = 4000; for = 80 %.
	fmt.Println(res.Outcome, res.Support, res.Support.BasisPoints, "quorum", res.QuorumRequired, "turnout", res.Turnout)
	// Output: passed 4/5 8000 quorum 4 turnout 5/7
}

// A tie is reported, the co-op draws lots, and the count is repeated with
// the draw.
func ExampleTallyWithLot() {
	rules := ballot.Rules{Kind: ballot.BoardElection, Options: []string{"alys", "bryn", "cadi"}, Seats: 1}
	votes := ballot.Ballots{
		{Choices: []string{"alys"}}, {Choices: []string{"bryn"}}, {Choices: []string{"cadi"}}, {Choices: []string{"cadi"}},
		{Choices: []string{"bryn"}},
	}
	e := ballot.Electorate{"": 6}
	res, _ := ballot.Tally(rules, e, votes)
	fmt.Println(res.Outcome, res.Tie.Among, res.Tie.Places)
	res, _ = ballot.TallyWithLot(rules, e, votes, []string{"cadi", "bryn"})
	fmt.Println(res.Outcome, res.Winners, res.ByLot)
	// Output:
	// tie [bryn cadi] 1
	// decided [cadi] true
}
