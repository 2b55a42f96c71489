package ballot

import (
	"fmt"
	"math/big"
	"sort"
)

// Votes is what Tally counts: either every ballot (Ballots) or the running
// counters kept beside the motion (Counts). Nothing else implements it.
type Votes interface{ votes() }

// Ballots are the ballots of one motion, in any order; the result never
// depends on the order.
type Ballots []Ballot

func (Ballots) votes() {}

// Outcome is what a count decided, in the words a result is announced in.
type Outcome string

// The outcomes.
const (
	OutcomePassed    Outcome = "passed"    // resolution carried
	OutcomeRejected  Outcome = "rejected"  // resolution lost (an equality of votes included)
	OutcomeInquorate Outcome = "inquorate" // too few members took part: no decision, whatever the votes
	OutcomeNoVotes   Outcome = "no_votes"  // quorate, but nobody voted for any option
	OutcomeDecided   Outcome = "decided"   // election or poll: every seat or the leading choice is known
	OutcomeTie       Outcome = "tie"       // election or poll: a tie must be settled by lot (see Tie)
)

// Method is how the votes were counted, for the record and the display.
type Method string

// The methods.
const (
	MethodThreshold Method = "threshold" // resolutions: support against a threshold
	MethodPlurality Method = "plurality" // polls and unranked elections: most votes win
	MethodIRV       Method = "irv"       // ranked, one seat: instant-runoff
	MethodSTV       Method = "stv"       // ranked, several seats: WIGM with the Droop quota
)

// TieReason says what a lot has to decide.
type TieReason string

// The reasons for a tie.
const (
	TieForSeats        TieReason = "seats"         // plurality election: candidates tied for the last seat(s)
	TieForLead         TieReason = "lead"          // poll: options tied for the lead
	TieForExclusion    TieReason = "exclusion"     // ranked count: which of the lowest candidates to exclude
	TieForSurplusOrder TieReason = "surplus_order" // STV: whose equal surplus is transferred first
)

// Tie is a tie the rules leave to a lot. Among are the options tied (in the
// rules' order); Places is how many of them the lot must favour (elect,
// keep in the count, or take first). Draw lots for an order of Among and
// count again with TallyWithLot.
type Tie struct {
	Among  []string  `json:"among"`
	Places int       `json:"places"`
	Reason TieReason `json:"reason"`
}

// OptionResult is one option's votes over all classes.
type OptionResult struct {
	Option string `json:"option"`
	// Votes is the number of votes (abstentions for Abstain; first
	// preferences in a ranked election).
	Votes int64 `json:"votes"`
	// Share is the option's share of the votes cast, class-weighted when
	// the motion has classes (see the package comment). The shares of a
	// resolution or poll sum to the whole when any votes were cast; in a
	// plurality election it is the share of voting members who marked the
	// candidate, so they sum to at most Seats. Nil for Abstain.
	Share *Ratio `json:"share,omitempty"`
}

// ClassResult is one member class's part of the count.
type ClassResult struct {
	Class      string           `json:"class"`
	Weight     int64            `json:"weight_bp"`
	Electorate int64            `json:"electorate"`
	Ballots    int64            `json:"ballots"`
	Spoilt     int64            `json:"spoilt"`
	VotesCast  int64            `json:"votes_cast"` // this class's denominator for shares; 0 means its weight was redistributed or lost
	Votes      map[string]int64 `json:"votes"`      // per option, Abstain included
	Turnout    Ratio            `json:"turnout"`
}

// StageAction is what happened at one stage of a ranked count.
type StageAction string

// The stages of a ranked count.
const (
	StageFirstPreferences StageAction = "first_preferences"
	StageSurplus          StageAction = "surplus"         // an elected candidate's surplus transferred
	StageExclusion        StageAction = "exclusion"       // the lowest candidate(s) excluded and their ballots transferred
	StageElectRemaining   StageAction = "elect_remaining" // as many continuing candidates as seats left: all elected
)

// Stage is one step of a ranked count, so the count can be published and
// checked by hand.
type Stage struct {
	Action StageAction `json:"action"`
	// Candidates whose surplus was transferred or who were excluded.
	Candidates []string `json:"candidates,omitempty"`
	// TransferValue is surplus ÷ the candidate's votes, for a surplus stage.
	TransferValue *big.Rat `json:"transfer_value,omitempty"`
	// Votes are every candidate's votes after the stage (an elected
	// candidate keeps the quota once their surplus has gone; an excluded
	// one has none).
	Votes map[string]*big.Rat `json:"votes"`
	// Exhausted are the votes that could go to no continuing candidate.
	Exhausted *big.Rat `json:"exhausted"`
	Elected   []string `json:"elected,omitempty"`
	ByLot     bool     `json:"by_lot,omitempty"`
}

// Result is the outcome of a count with every figure behind it.
type Result struct {
	Kind    Kind    `json:"kind"`
	Method  Method  `json:"method"`
	Outcome Outcome `json:"outcome"`

	Electorate  int64 `json:"electorate"`
	Ballots     int64 `json:"ballots"`     // ballots received: votes, abstentions and spoilt
	Spoilt      int64 `json:"spoilt"`      // ballots whose choices did not fit the rules
	Abstentions int64 `json:"abstentions"` // ballots with no choice
	// VotesCast: for + against (resolutions), votes for an option (polls),
	// voting (neither blank nor spoilt) ballots (elections).
	VotesCast      int64 `json:"votes_cast"`
	Turnout        Ratio `json:"turnout"` // Ballots ÷ Electorate (0 when nobody may vote)
	QuorumRequired int64 `json:"quorum_required"`
	QuorumMet      bool  `json:"quorum_met"`

	Options []OptionResult `json:"options"`           // in the rules' order, Abstain last
	Classes []ClassResult  `json:"classes,omitempty"` // only when the motion has classes

	// Resolutions: Support is the for share on the rules' basis, compared
	// exactly with the threshold. EqualVotes reports that for and against
	// were level. NeedsConfirmation: a passed special resolution whose
	// rules require a second meeting; it takes effect only once confirmed.
	Support           *Ratio `json:"support,omitempty"`
	Passed            bool   `json:"passed"`
	EqualVotes        bool   `json:"equal_votes,omitempty"`
	NeedsConfirmation bool   `json:"needs_confirmation,omitempty"`

	// Elections and polls: Winners are the elected candidates in order of
	// election (or the leading poll option); Tie is an unsettled tie for the
	// remaining places; ByLot says a lot settled one.
	Winners []string `json:"winners,omitempty"`
	Tie     *Tie     `json:"tie,omitempty"`
	ByLot   bool     `json:"by_lot,omitempty"`

	// Ranked elections: the Droop quota and each stage of the count.
	Quota  *big.Rat `json:"quota,omitempty"`
	Stages []Stage  `json:"stages,omitempty"`
}

// Tally counts a motion's votes under its rules against its electorate.
// Ties are reported, never broken: see TallyWithLot. It returns an error
// (a *ValidationError) for invalid rules, an impossible electorate or
// counts, or more ballots in a class than members in it.
func Tally(r Rules, e Electorate, v Votes) (Result, error) {
	return TallyWithLot(r, e, v, nil)
}

// TallyWithLot is Tally after the co-op has drawn lots: lot is the drawn
// order of some or all options, earliest drawn favoured (elected, kept in
// the count, or transferred first). It is consulted only for a tie whose
// options all appear in it; the result then says ByLot. The lead records
// the draw with the result.
func TallyWithLot(r Rules, e Electorate, v Votes, lot []string) (Result, error) {
	if err := r.Validate(); err != nil {
		return Result{}, err
	}
	t := &tally{r: r, choices: r.choices(), lot: map[string]int{}}
	var ps problems
	t.readLot(lot, &ps)
	t.readElectorate(e, &ps)
	var rankings [][]string
	switch v := v.(type) {
	case nil:
		t.readCounts(Counts{}, &ps)
	case Ballots:
		c, err := CountBallots(r, v)
		if err != nil {
			return Result{}, err
		}
		t.readCounts(c, &ps)
		if r.Ranked {
			for _, b := range v {
				if _, spoilt, _, _ := r.classify(b); !spoilt && !b.abstains() {
					rankings = append(rankings, b.Choices)
				}
			}
		}
	case Counts:
		if r.Ranked {
			ps.add("Votes", CodeRankedNeedsBallots, "a ranked election is counted from its ballots")
			break
		}
		t.readCounts(v, &ps)
	default:
		ps.add("Votes", CodeInvalidCounts, "unknown kind of votes %T", v)
	}
	if len(ps) == 0 {
		t.checkConsistent(&ps)
	}
	if err := ps.err(); err != nil {
		return Result{}, err
	}
	return t.result(rankings), nil
}

// classTally is one class's counters, indexed like tally.choices.
type classTally struct {
	id         string
	weight     int64
	electorate int64
	ballots    int64
	spoilt     int64
	votes      []int64
}

func (c *classTally) abstain() int64 { return c.votes[len(c.votes)-1] }

type tally struct {
	r       Rules
	choices []string // options in display order, Abstain last
	classes []classTally
	lot     map[string]int
}

func (t *tally) readLot(lot []string, ps *problems) {
	if len(lot) > 0 && t.r.isResolution() {
		ps.add("Lot", CodeInvalidLot, "a resolution is never settled by lot")
		return
	}
	for i, o := range lot {
		if _, dup := t.lot[o]; dup || t.choiceIndex(o) < 0 || o == Abstain {
			ps.add(fmt.Sprintf("Lot[%d]", i), CodeInvalidLot, "%q is not an option, or is drawn twice", o)
			continue
		}
		t.lot[o] = i
	}
}

func (t *tally) choiceIndex(o string) int {
	for i, c := range t.choices {
		if c == o {
			return i
		}
	}
	return -1
}

func (t *tally) readElectorate(e Electorate, ps *problems) {
	n := max(1, len(t.r.Classes))
	t.classes = make([]classTally, n)
	for i := range t.classes {
		t.classes[i] = classTally{id: t.r.classID(i), weight: WholeWeight, votes: make([]int64, len(t.choices))}
		if t.r.classed() {
			t.classes[i].weight = t.r.Classes[i].Weight
		}
	}
	keys := sortedKeys(e)
	for _, k := range keys {
		n := e[k]
		ci, ok := t.r.classIndex(k)
		switch {
		case !ok:
			ps.add("Electorate["+k+"]", CodeUnknownClass, "class %q is not one of the motion's classes", k)
		case n < 0 || n > MaxCount:
			ps.add("Electorate["+k+"]", CodeInvalidElectorate, "%d members is out of range", n)
		default:
			t.classes[ci].electorate += n
		}
	}
}

func (t *tally) readCounts(c Counts, ps *problems) {
	add := func(field string, class string, n int64, to func(ct *classTally, n int64)) {
		ci, ok := t.r.classIndex(class)
		switch {
		case !ok:
			ps.add(field, CodeUnknownClass, "class %q is not one of the motion's classes", class)
		case n < 0 || n > MaxCount:
			ps.add(field, CodeInvalidCounts, "count %d out of range", n)
		default:
			to(&t.classes[ci], n)
		}
	}
	for _, k := range sortedKeys(c.Ballots) {
		add("Ballots["+k+"]", k, c.Ballots[k], func(ct *classTally, n int64) { ct.ballots += n })
	}
	for _, k := range sortedKeys(c.Spoilt) {
		add("Spoilt["+k+"]", k, c.Spoilt[k], func(ct *classTally, n int64) { ct.spoilt += n })
	}
	keys := make([]Key, 0, len(c.Votes))
	for k := range c.Votes {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].Class != keys[j].Class {
			return keys[i].Class < keys[j].Class
		}
		return keys[i].Option < keys[j].Option
	})
	for _, k := range keys {
		field := fmt.Sprintf("Votes[%s/%s]", k.Class, k.Option)
		oi := t.choiceIndex(k.Option)
		if oi < 0 || (t.r.Ranked && k.Option != Abstain) {
			ps.add(field, CodeInvalidChoice, "%q is not an option of this motion", k.Option)
			continue
		}
		add(field, k.Class, c.Votes[k], func(ct *classTally, n int64) { ct.votes[oi] += n })
	}
}

// checkConsistent refuses counters that no set of ballots could produce, and
// a class with more ballots than members: one member, one vote.
func (t *tally) checkConsistent(ps *problems) {
	singleChoice := t.r.Kind != BoardElection || (t.r.Seats == 1 && !t.r.Ranked)
	for _, c := range t.classes {
		field := "Votes[" + c.id + "]"
		if c.electorate > MaxCount {
			ps.add("Electorate", CodeInvalidElectorate, "%d members is out of range", c.electorate)
			continue
		}
		if c.ballots > c.electorate {
			ps.add(field, CodeBallotsExceedElectorate, "%d ballots from %d members", c.ballots, c.electorate)
			continue
		}
		var marks int64
		for _, n := range c.votes[:len(c.votes)-1] {
			marks += n
		}
		voting := c.ballots - c.spoilt - c.abstain()
		switch {
		case c.spoilt > c.ballots || voting < 0:
			ps.add(field, CodeInconsistentCounts, "more spoilt ballots and abstentions than ballots")
		case t.r.Ranked:
			// Counts come from the ballots themselves.
		case singleChoice && marks != voting:
			ps.add(field, CodeInconsistentCounts, "%d votes for %d voting ballots", marks, voting)
		case !singleChoice && (marks < voting || marks > int64(t.r.Seats)*voting):
			ps.add(field, CodeInconsistentCounts, "%d marks for %d voting ballots and %d seats", marks, voting, t.r.Seats)
		case !singleChoice:
			for i, n := range c.votes[:len(c.votes)-1] {
				if n > voting {
					ps.add(field, CodeInconsistentCounts, "%q has %d votes from %d voting ballots", t.choices[i], n, voting)
				}
			}
		}
	}
}

// votesCast is class c's denominator for shares of the vote.
func (t *tally) votesCast(c *classTally) int64 {
	if t.r.isResolution() {
		return c.votes[0] + c.votes[1]
	}
	// Polls and elections: the members who chose an option.
	return c.ballots - c.spoilt - c.abstain()
}

// weighted combines per-class fractions num/den by class weight under the
// empty-class rule. It reports false when no class had anything to count.
func (t *tally) weighted(num, den func(c *classTally) int64) (*big.Rat, bool) {
	sum, active := new(big.Rat), int64(0)
	for i := range t.classes {
		c := &t.classes[i]
		d := den(c)
		if d == 0 {
			continue
		}
		active += c.weight
		sum.Add(sum, new(big.Rat).SetFrac(big.NewInt(c.weight*num(c)), big.NewInt(d)))
	}
	if active == 0 {
		return sum, false
	}
	whole := active // EmptyClassRedistributed: the classes that counted make the whole
	if t.r.EmptyClass == EmptyClassLost {
		whole = WholeWeight
	}
	return sum.Quo(sum, new(big.Rat).SetInt64(whole)), true
}

func (t *tally) result(rankings [][]string) Result {
	r := t.r
	res := Result{Kind: r.Kind, Method: MethodPlurality}
	for i := range t.classes {
		c := &t.classes[i]
		res.Electorate += c.electorate
		res.Ballots += c.ballots
		res.Spoilt += c.spoilt
		res.Abstentions += c.abstain()
		res.VotesCast += t.votesCast(c)
		if r.classed() {
			cr := ClassResult{
				Class: c.id, Weight: c.weight, Electorate: c.electorate, Ballots: c.ballots,
				Spoilt: c.spoilt, VotesCast: t.votesCast(c), Votes: map[string]int64{},
				Turnout: ratio(c.ballots, c.electorate),
			}
			for oi, o := range t.choices {
				cr.Votes[o] = c.votes[oi]
			}
			res.Classes = append(res.Classes, cr)
		}
	}
	res.Turnout = ratio(res.Ballots, res.Electorate)
	res.QuorumRequired = r.Quorum.Required(res.Electorate)
	res.QuorumMet = res.Ballots >= res.QuorumRequired

	// Shares of the votes cast, per option.
	shares := make([]*big.Rat, len(t.choices)-1)
	for oi := range shares {
		shares[oi], _ = t.weighted(func(c *classTally) int64 { return c.votes[oi] }, t.votesCast)
	}
	for oi, o := range t.choices {
		or := OptionResult{Option: o}
		for i := range t.classes {
			or.Votes += t.classes[i].votes[oi]
		}
		if oi < len(shares) && !r.Ranked {
			s := ratioOf(shares[oi])
			or.Share = &s
		}
		res.Options = append(res.Options, or)
	}

	switch {
	case r.isResolution():
		t.resolution(&res, shares)
	case r.Ranked:
		t.ranked(&res, rankings)
	default:
		seats, reason := r.Seats, TieForSeats
		if r.Kind == Poll {
			seats, reason = 1, TieForLead
		}
		if res.QuorumMet && res.VotesCast > 0 {
			t.plurality(&res, shares, seats, reason)
		}
	}
	switch {
	case !res.QuorumMet:
		res.Outcome = OutcomeInquorate
		res.Passed, res.NeedsConfirmation, res.Winners, res.Tie, res.ByLot = false, false, nil, nil, false
	case res.VotesCast == 0:
		res.Outcome = OutcomeNoVotes
	}
	return res
}

func (t *tally) resolution(res *Result, shares []*big.Rat) {
	res.Method = MethodThreshold
	support, ok := shares[0], res.VotesCast > 0
	if t.r.Basis == BasisElectorate {
		support, ok = t.weighted(func(c *classTally) int64 { return c.votes[0] }, func(c *classTally) int64 { return c.electorate })
	}
	s := ratioOf(support)
	res.Support = &s
	res.EqualVotes = res.VotesCast > 0 && shares[0].Cmp(shares[1]) == 0
	num, den, atLeast := t.r.Threshold.Fraction()
	cmp := support.Cmp(big.NewRat(num, den))
	res.Passed = res.QuorumMet && ok && res.VotesCast > 0 && (cmp > 0 || (atLeast && cmp == 0))
	res.Outcome = OutcomeRejected
	if res.Passed {
		res.Outcome = OutcomePassed
		res.NeedsConfirmation = t.r.Kind == SpecialResolution && t.r.Confirmation.Required
	}
}

// plurality elects the seats options with the highest shares, reporting a
// tie at the boundary unless the lot settles it.
func (t *tally) plurality(res *Result, shares []*big.Rat, seats int, reason TieReason) {
	idx := make([]int, len(shares))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return shares[idx[a]].Cmp(shares[idx[b]]) > 0 })
	cutoff := shares[idx[seats-1]]
	var above, group []int
	for _, i := range idx {
		switch shares[i].Cmp(cutoff) {
		case 1:
			above = append(above, i)
		case 0:
			group = append(group, i)
		}
	}
	winners := above
	places := seats - len(above)
	if len(group) <= places {
		winners = append(winners, group...)
		places = 0
	} else if drawn, ok := t.byLot(group); ok {
		winners = append(winners, drawn[:places]...)
		res.ByLot = true
		places = 0
	}
	for _, i := range winners {
		res.Winners = append(res.Winners, t.choices[i])
	}
	res.Outcome = OutcomeDecided
	if places > 0 {
		sort.Ints(group)
		res.Tie = &Tie{Among: t.names(group), Places: places, Reason: reason}
		res.Outcome = OutcomeTie
	}
}

// byLot orders tied options by the drawn lot, earliest first, if every one
// of them was drawn.
func (t *tally) byLot(tied []int) ([]int, bool) {
	out := append([]int(nil), tied...)
	for _, i := range out {
		if _, ok := t.lot[t.choices[i]]; !ok {
			return nil, false
		}
	}
	sort.Slice(out, func(a, b int) bool { return t.lot[t.choices[out[a]]] < t.lot[t.choices[out[b]]] })
	return out, true
}

func (t *tally) names(idx []int) []string {
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = t.choices[j]
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
