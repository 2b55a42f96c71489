package ballot

import (
	"math/big"
	"sort"
	"strings"
)

// The ranked count (Rules.Ranked), in exact fractions throughout:
//
// One seat, instant-runoff: each ballot counts for its highest-ranked
// continuing candidate. A candidate with more than half of the votes held
// by continuing candidates is elected. Otherwise the candidate with the
// fewest votes is excluded and their ballots pass on to the next
// continuing preference (a ballot with none left is exhausted). When one
// candidate is left, they are elected.
//
// Several seats, STV by the Weighted Inclusive Gregory Method (WIGM) with
// the Droop quota, as in the Scottish local government STV rules but with
// exact transfer values (no truncation to five decimal places):
//
//  1. Quota = floor(valid ballots ÷ (seats + 1)) + 1; every valid
//     (non-blank, non-spoilt) ballot starts with value 1 for its first
//     preference.
//  2. A candidate whose votes reach the quota is elected.
//  3. When continuing candidates are no more than the seats left, they are
//     all elected and the count ends.
//  4. Otherwise, if an elected candidate has an untransferred surplus
//     (votes − quota), the largest surplus is transferred: EVERY ballot
//     the candidate holds (inclusive) passes to its next continuing
//     preference at its value × surplus ÷ the candidate's votes. The
//     candidate keeps exactly the quota.
//  5. Otherwise the continuing candidate with the fewest votes is excluded
//     and all their ballots pass on at their current values, in one stage.
//     Candidates with no votes at all are excluded together when that still
//     leaves enough candidates for the seats.
//  6. Back to 2, until every seat is filled.
//
// A tie over whom to exclude, or over whose equal surplus goes first, is
// settled only by the drawn lot (the favoured candidate is kept, or
// transferred first); with no lot the count stops and reports the tie. No
// earlier-stage look-back is used.

const (
	continuing = iota
	elected
	excluded
)

type parcel struct {
	prefs []int    // candidate indices in order of preference
	pos   int      // index in prefs of the candidate now holding the parcel
	value *big.Rat // total value: ballots × transfer values so far
}

type stv struct {
	t         *tally
	res       *Result
	seats     int
	quota     *big.Rat // nil for instant-runoff
	state     []int
	votes     []*big.Rat
	held      [][]*parcel
	exhausted *big.Rat
	elected   []int
	pending   []int // elected candidates whose surplus has not been transferred
}

func (t *tally) ranked(res *Result, rankings [][]string) {
	n := len(t.r.Options)
	res.Method = MethodSTV
	if t.r.Seats == 1 {
		res.Method = MethodIRV
	}
	// Group identical rankings: ballots that agree move together forever.
	first := make([]int64, n)
	groups := map[string]*parcel{}
	for _, rk := range rankings {
		prefs := make([]int, len(rk))
		for i, c := range rk {
			prefs[i] = t.choiceIndex(c)
		}
		first[prefs[0]]++
		key := strings.Join(rk, ",")
		if g, ok := groups[key]; ok {
			g.value.Add(g.value, big.NewRat(1, 1))
		} else {
			groups[key] = &parcel{prefs: prefs, value: big.NewRat(1, 1)}
		}
	}
	valid := int64(len(rankings))
	for i := range n {
		res.Options[i].Votes = first[i]
		s := ratio(first[i], valid)
		res.Options[i].Share = &s
	}
	if !res.QuorumMet || valid == 0 {
		return
	}

	s := &stv{t: t, res: res, seats: t.r.Seats, state: make([]int, n), votes: make([]*big.Rat, n),
		held: make([][]*parcel, n), exhausted: new(big.Rat)}
	for i := range s.votes {
		s.votes[i] = new(big.Rat)
	}
	if s.seats > 1 {
		s.quota = big.NewRat(valid/int64(s.seats+1)+1, 1)
		res.Quota = new(big.Rat).Set(s.quota)
	}
	for _, k := range sortedKeys(groups) {
		s.place(groups[k])
	}
	s.stage(StageFirstPreferences, nil, nil, s.electReached(), false)
	res.Outcome = OutcomeDecided
	for len(s.elected) < s.seats {
		if !s.step() {
			res.Outcome = OutcomeTie
			break
		}
	}
	res.Winners = t.names(s.elected)
}

// step performs one stage; it returns false when a tie stops the count.
func (s *stv) step() bool {
	remaining := s.seats - len(s.elected)
	cont := s.continuing()
	if len(cont) <= remaining {
		s.sortByVotes(cont)
		for _, c := range cont {
			s.state[c] = elected
		}
		s.elected = append(s.elected, cont...)
		s.stage(StageElectRemaining, nil, nil, cont, false)
		return true
	}
	if len(s.pending) > 0 {
		return s.transferSurplus()
	}
	return s.exclude(cont, remaining)
}

func (s *stv) transferSurplus() bool {
	surplus := func(c int) *big.Rat { return new(big.Rat).Sub(s.votes[c], s.quota) }
	best := []int{s.pending[0]}
	for _, c := range s.pending[1:] {
		switch surplus(c).Cmp(surplus(best[0])) {
		case 1:
			best = []int{c}
		case 0:
			best = append(best, c)
		}
	}
	byLot := false
	if len(best) > 1 {
		drawn, ok := s.t.byLot(best)
		if !ok {
			sort.Ints(best)
			s.res.Tie = &Tie{Among: s.t.names(best), Places: 1, Reason: TieForSurplusOrder}
			return false
		}
		best, byLot = drawn[:1], true
		s.res.ByLot = true
	}
	e := best[0]
	for i, c := range s.pending {
		if c == e {
			s.pending = append(s.pending[:i:i], s.pending[i+1:]...)
			break
		}
	}
	tv := new(big.Rat).Quo(surplus(e), s.votes[e])
	parcels := s.held[e]
	s.held[e] = nil
	s.votes[e] = new(big.Rat).Set(s.quota)
	for _, p := range parcels {
		p.value.Mul(p.value, tv)
		p.pos++
		s.place(p)
	}
	s.stage(StageSurplus, []int{e}, tv, s.electReached(), byLot)
	return true
}

func (s *stv) exclude(cont []int, remaining int) bool {
	low := []int{cont[0]}
	for _, c := range cont[1:] {
		switch s.votes[c].Cmp(s.votes[low[0]]) {
		case -1:
			low = []int{c}
		case 0:
			low = append(low, c)
		}
	}
	byLot := false
	out := low
	if len(low) > 1 && !(s.votes[low[0]].Sign() == 0 && len(cont)-len(low) >= remaining) {
		drawn, ok := s.t.byLot(low)
		if !ok {
			s.res.Tie = &Tie{Among: s.t.names(low), Places: len(low) - 1, Reason: TieForExclusion}
			return false
		}
		out, byLot = drawn[len(drawn)-1:], true // the last drawn is excluded
		s.res.ByLot = true
	}
	var moved []*parcel
	for _, x := range out {
		s.state[x] = excluded
		moved = append(moved, s.held[x]...)
		s.held[x] = nil
		s.votes[x] = new(big.Rat)
	}
	for _, p := range moved {
		p.pos++
		s.place(p)
	}
	s.stage(StageExclusion, out, nil, s.electReached(), byLot)
	return true
}

// place gives a parcel to its next continuing preference, or exhausts it.
func (s *stv) place(p *parcel) {
	for p.pos < len(p.prefs) && s.state[p.prefs[p.pos]] != continuing {
		p.pos++
	}
	if p.pos == len(p.prefs) {
		s.exhausted.Add(s.exhausted, p.value)
		return
	}
	c := p.prefs[p.pos]
	s.votes[c].Add(s.votes[c], p.value)
	s.held[c] = append(s.held[c], p)
}

// electReached elects every continuing candidate who has reached the quota
// (STV) or holds more than half the continuing votes (instant-runoff).
func (s *stv) electReached() []int {
	cont := s.continuing()
	var now []int
	if s.quota == nil {
		total := new(big.Rat)
		for _, c := range cont {
			total.Add(total, s.votes[c])
		}
		for _, c := range cont {
			if new(big.Rat).Add(s.votes[c], s.votes[c]).Cmp(total) > 0 {
				now = append(now, c)
			}
		}
	} else {
		for _, c := range cont {
			if s.votes[c].Cmp(s.quota) >= 0 {
				now = append(now, c)
			}
		}
	}
	s.sortByVotes(now)
	for _, c := range now {
		s.state[c] = elected
		s.elected = append(s.elected, c)
		if s.quota != nil && s.votes[c].Cmp(s.quota) > 0 {
			s.pending = append(s.pending, c)
		}
	}
	return now
}

func (s *stv) continuing() []int {
	var out []int
	for c, st := range s.state {
		if st == continuing {
			out = append(out, c)
		}
	}
	return out
}

// sortByVotes orders candidates elected together, most votes first (ties in
// the rules' order: this order is for display only).
func (s *stv) sortByVotes(cs []int) {
	sort.SliceStable(cs, func(a, b int) bool { return s.votes[cs[a]].Cmp(s.votes[cs[b]]) > 0 })
}

func (s *stv) stage(a StageAction, cands []int, tv *big.Rat, electedNow []int, byLot bool) {
	st := Stage{Action: a, Votes: map[string]*big.Rat{}, Exhausted: new(big.Rat).Set(s.exhausted), ByLot: byLot}
	if len(cands) > 0 {
		st.Candidates = s.t.names(cands)
	}
	if len(electedNow) > 0 {
		st.Elected = s.t.names(electedNow)
	}
	if tv != nil {
		st.TransferValue = new(big.Rat).Set(tv)
	}
	for c, v := range s.votes {
		st.Votes[s.t.r.Options[c]] = new(big.Rat).Set(v)
	}
	s.res.Stages = append(s.res.Stages, st)
}
