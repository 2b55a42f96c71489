package ballot

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// Property tests with fixed seeds, so any failure reproduces.

// randomMotion draws valid rules, an electorate and ballots (some abstaining,
// some spoilt) that fit it.
func randomMotion(rng *rand.Rand, ranked bool) (Rules, Electorate, Ballots) {
	var r Rules
	opts := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("o%d", i)
		}
		return out
	}
	switch k := rng.IntN(4); {
	case ranked:
		n := 2 + rng.IntN(6)
		r = Rules{Kind: BoardElection, Options: opts(n), Seats: 1 + rng.IntN(min(n-1, 3)), Ranked: true}
	case k == 0:
		r = Rules{Kind: OrdinaryResolution, Threshold: Threshold{Kind: SimpleMajority}}
	case k == 1:
		r = Rules{Kind: SpecialResolution, Threshold: Threshold{Kind: []ThresholdKind{TwoThirds, ThreeQuarters}[rng.IntN(2)]}}
	case k == 2:
		r = Rules{Kind: Poll, Options: opts(2 + rng.IntN(4))}
	default:
		n := 1 + rng.IntN(5)
		r = Rules{Kind: BoardElection, Options: opts(n), Seats: 1 + rng.IntN(n)}
	}
	if r.isResolution() && rng.IntN(3) == 0 {
		r.Basis = BasisElectorate
	}
	r.Quorum = Quorum{Members: int64(rng.IntN(4)), Percent: int64(rng.IntN(3) * 2500)}
	if !ranked && rng.IntN(2) == 0 {
		n := 1 + rng.IntN(3)
		left := int64(WholeWeight)
		for i := range n {
			w := left
			if i < n-1 {
				w = 1 + rng.Int64N(left-int64(n-1-i))
			}
			left -= w
			r.Classes = append(r.Classes, Class{ID: fmt.Sprintf("c%d", i), Weight: w})
		}
		if rng.IntN(2) == 0 {
			r.EmptyClass = EmptyClassLost
		}
	}
	e := Electorate{}
	var bs Ballots
	choices := r.choices()
	classes := []string{""}
	if r.classed() {
		classes = nil
		for _, c := range r.Classes {
			classes = append(classes, c.ID)
		}
	}
	for _, class := range classes {
		members := rng.IntN(25)
		e[class] = int64(members)
		for range rng.IntN(members + 1) {
			b := Ballot{Class: class, Channel: []Channel{"", ChannelOnline, ChannelProxy, ChannelPostal, ChannelPaper}[rng.IntN(5)]}
			switch x := rng.IntN(20); {
			case x == 0: // abstain
			case x == 1:
				b.Choices = []string{Abstain}
			case x == 2: // spoilt
				b.Choices = []string{"nonsense"}
			default:
				limit := 1
				if r.Kind == BoardElection {
					limit = r.Seats
					if r.Ranked {
						limit = len(r.Options)
					}
				}
				perm := rng.Perm(len(choices) - 1)
				b.Choices = nil
				for _, i := range perm[:1+rng.IntN(limit)] {
					b.Choices = append(b.Choices, choices[i])
				}
			}
			bs = append(bs, b)
		}
	}
	return r, e, bs
}

func shuffled(rng *rand.Rand, b Ballots) Ballots {
	out := append(Ballots(nil), b...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// Every ballot is accounted for: votes for options (one per ballot where a
// ballot has one choice), abstentions and spoilt ballots add up to the
// ballots received, overall and in each class.
func TestPropertyCountsSumToBallots(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for range 3000 {
		r, e, b := randomMotion(rng, false)
		res := mustTally(t, r, e, b)
		if res.Ballots != int64(len(b)) {
			t.Fatalf("%d ballots counted of %d", res.Ballots, len(b))
		}
		var sum, marks int64
		for _, o := range res.Options {
			sum += o.Votes
			if o.Option != Abstain {
				marks += o.Votes
			}
		}
		if r.Kind != BoardElection || r.Seats == 1 {
			if sum+res.Spoilt != res.Ballots {
				t.Fatalf("%v: %d votes + %d spoilt != %d ballots", r.Kind, sum, res.Spoilt, res.Ballots)
			}
		} else if voting := res.Ballots - res.Spoilt - res.Abstentions; marks < voting || marks > int64(r.Seats)*voting {
			t.Fatalf("%d marks from %d voting ballots", marks, voting)
		}
		for _, c := range res.Classes {
			var s int64
			for _, v := range c.Votes {
				s += v
			}
			if (r.Kind != BoardElection || r.Seats == 1) && s+c.Spoilt != c.Ballots {
				t.Fatalf("class %s: %d + %d != %d", c.Class, s, c.Spoilt, c.Ballots)
			}
		}
	}
}

// The weighted shares of a resolution or poll sum to the whole whenever any
// votes were cast (with the "lost" rule, to the weight of the classes that
// voted).
func TestPropertyWeightedSharesSumToWhole(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	checked := 0
	for range 5000 {
		r, e, b := randomMotion(rng, false)
		if r.Kind == BoardElection {
			continue
		}
		res := mustTally(t, r, e, b)
		if res.VotesCast == 0 {
			continue
		}
		sum := new(big.Rat)
		for _, o := range res.Options {
			if o.Share != nil {
				sum.Add(sum, o.Share.Exact)
			}
		}
		want := big.NewRat(1, 1)
		if r.EmptyClass == EmptyClassLost {
			var active int64
			for _, c := range res.Classes {
				if c.VotesCast > 0 {
					active += c.Weight
				}
			}
			want = big.NewRat(active, WholeWeight)
		}
		if sum.Cmp(want) != 0 {
			t.Fatalf("%v classes %v: shares sum to %v, want %v", r.Kind, r.Classes, sum, want)
		}
		checked++
	}
	if checked < 1000 {
		t.Fatalf("only %d motions checked", checked)
	}
}

// Passing, winners and every figure never depend on the order of ballots.
func TestPropertyOrderDoesNotMatter(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for i := range 3000 {
		r, e, b := randomMotion(rng, i%3 == 0)
		want := asJSON(t, mustTally(t, r, e, b))
		for range 3 {
			if got := asJSON(t, mustTally(t, r, e, shuffled(rng, b))); got != want {
				t.Fatalf("order changed the result:\n%s\n%s", want, got)
			}
		}
	}
}

// Counting stored counters gives exactly what counting the ballots gives.
func TestPropertyCountersEqualBallots(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for range 3000 {
		r, e, b := randomMotion(rng, false)
		counters := map[string]int64{}
		for _, x := range b {
			names, err := CounterNames(r, x)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range names {
				if !safeName.MatchString(n) {
					t.Fatalf("unsafe counter name %q", n)
				}
				counters[n]++
			}
		}
		c, err := ParseCounters(r, counters)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := asJSON(t, mustTally(t, r, e, c)), asJSON(t, mustTally(t, r, e, b)); a != b {
			t.Fatalf("counters:\n%s\nballots:\n%s", a, b)
		}
	}
}

// A ranked count never creates or loses votes: at every stage the
// candidates' votes and the exhausted votes add up to the valid ballots;
// the winners are distinct, and there are as many as seats unless a tie
// stopped the count.
func TestPropertyRankedCountConservesVotes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for range 3000 {
		r, e, b := randomMotion(rng, true)
		r.Quorum = Quorum{}
		res := mustTally(t, r, e, b)
		valid := big.NewRat(res.VotesCast, 1)
		for i, st := range res.Stages {
			sum := new(big.Rat).Set(st.Exhausted)
			for _, v := range st.Votes {
				sum.Add(sum, v)
			}
			if sum.Cmp(valid) != 0 {
				t.Fatalf("stage %d: %v votes of %v", i+1, sum, valid)
			}
		}
		seen := map[string]bool{}
		for _, w := range res.Winners {
			if seen[w] {
				t.Fatalf("%s elected twice", w)
			}
			seen[w] = true
		}
		switch res.Outcome {
		case OutcomeDecided:
			if len(res.Winners) != r.Seats || res.Tie != nil {
				t.Fatalf("%d winners for %d seats", len(res.Winners), r.Seats)
			}
		case OutcomeTie:
			if res.Tie == nil || len(res.Winners) >= r.Seats {
				t.Fatalf("tie %+v winners %v", res.Tie, res.Winners)
			}
			// Drawing lots over every candidate always finishes the count.
			lot := rng.Perm(len(r.Options))
			names := make([]string, len(lot))
			for i, j := range lot {
				names[i] = r.Options[j]
			}
			full := mustTally(t, r, e, b, names...)
			if full.Outcome != OutcomeDecided || len(full.Winners) != r.Seats || !full.ByLot {
				t.Fatalf("with a full lot: %+v", full)
			}
		case OutcomeNoVotes:
		default:
			t.Fatalf("outcome %s", res.Outcome)
		}
	}
}

// A plurality tie settled by a full lot always fills every seat, and the
// lot never overturns a clear result.
func TestPropertyLotOnlySettlesTies(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	for range 3000 {
		r, e, b := randomMotion(rng, false)
		if r.isResolution() {
			continue
		}
		r.Quorum = Quorum{}
		plain := mustTally(t, r, e, b)
		lot := rng.Perm(len(r.Options))
		names := make([]string, len(lot))
		for i, j := range lot {
			names[i] = r.Options[j]
		}
		drawn := mustTally(t, r, e, b, names...)
		switch plain.Outcome {
		case OutcomeDecided:
			if asJSON(t, plain) != asJSON(t, drawn) {
				t.Fatalf("a lot changed a clear result")
			}
		case OutcomeTie:
			if drawn.Outcome != OutcomeDecided || !drawn.ByLot {
				t.Fatalf("lot did not settle: %+v", drawn)
			}
			for i, w := range plain.Winners {
				if drawn.Winners[i] != w {
					t.Fatalf("lot changed a clear winner")
				}
			}
		}
	}
}
