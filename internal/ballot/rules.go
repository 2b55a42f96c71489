package ballot

import (
	"fmt"
	"strings"
)

// Kind is what sort of decision a motion asks for; it decides the options,
// whether a threshold applies and how the result is read.
type Kind string

// The kinds of motion.
const (
	OrdinaryResolution Kind = "ordinary_resolution" // for/against/abstain, passes on its threshold (simple majority by default)
	SpecialResolution  Kind = "special_resolution"  // for/against/abstain, a higher threshold, optionally confirmed at a second meeting
	BoardElection      Kind = "board_election"      // candidates for a number of seats
	Poll               Kind = "poll"                // a consultative choice among options; nothing passes
)

// The fixed options of a resolution. Abstain is also how any ballot says
// "no choice", so it is reserved and cannot name a poll option or candidate.
const (
	For     = "for"
	Against = "against"
	Abstain = "abstain"
)

// Limits that keep a tally bounded and its counters inside one DynamoDB item.
const (
	MaxOptions  = 100           // options or candidates per motion
	MaxClasses  = 16            // member classes per motion
	MaxCount    = 1_000_000_000 // largest member count or counter value accepted
	MaxIDLength = 64            // longest option or class id
	WholeWeight = 10000         // class weights and percentages are basis points of this whole
)

// Basis says what a resolution's threshold is measured against.
type Basis string

// The bases. The zero value means BasisVotesCast.
const (
	BasisVotesCast  Basis = "votes_cast" // for ÷ (for + against); abstentions are not votes cast
	BasisElectorate Basis = "electorate" // for ÷ every member entitled to vote
)

// ThresholdKind names the majority a resolution needs, in the words a
// co-op's rules use.
type ThresholdKind string

// The thresholds. SimpleMajority is strict (more than half); TwoThirds and
// ThreeQuarters are inclusive (at least). Custom uses Threshold.Num/Den.
const (
	SimpleMajority ThresholdKind = "simple_majority"
	TwoThirds      ThresholdKind = "two_thirds"
	ThreeQuarters  ThresholdKind = "three_quarters"
	Custom         ThresholdKind = "custom"
)

// Threshold is the majority a resolution needs. The zero value means a
// simple majority for an ordinary resolution; a special resolution must say
// which threshold its co-op's rules require.
type Threshold struct {
	Kind ThresholdKind `json:"kind,omitempty"`
	// Num/Den are the fraction of a Custom threshold (0 < Num/Den ≤ 1,
	// Den ≤ 1,000,000); AtLeast says the support may equal it ("at least")
	// rather than having to exceed it ("more than").
	Num     int64 `json:"num,omitempty"`
	Den     int64 `json:"den,omitempty"`
	AtLeast bool  `json:"at_least,omitempty"`
}

// Fraction returns the threshold as num/den and whether reaching it exactly
// passes (at least) or it must be exceeded (more than).
func (t Threshold) Fraction() (num, den int64, atLeast bool) {
	switch t.Kind {
	case "", SimpleMajority:
		return 1, 2, false
	case TwoThirds:
		return 2, 3, true
	case ThreeQuarters:
		return 3, 4, true
	}
	return t.Num, t.Den, t.AtLeast
}

// Quorum is the number of members who must take part for a decision:
// Members or Percent (basis points) of the electorate, whichever is greater,
// the percentage rounded up to whole members. The zero value needs nobody.
type Quorum struct {
	Members int64 `json:"members,omitempty"`
	Percent int64 `json:"percent_bp,omitempty"`
}

// Required returns how many members must take part out of electorate.
func (q Quorum) Required(electorate int64) int64 {
	// ceil(electorate × Percent ÷ 10000), split so it cannot overflow for
	// any electorate and a Percent of 0 to 10000.
	whole, rest := electorate/WholeWeight, electorate%WholeWeight
	pct := whole*q.Percent + (rest*q.Percent+WholeWeight-1)/WholeWeight
	return max(q.Members, pct)
}

// Class is a class of members with its fixed share of the vote (basis
// points; every class's weights together make WholeWeight). Within a class
// each member has one vote.
type Class struct {
	ID     string `json:"id"`
	Weight int64  `json:"weight_bp"`
}

// EmptyClassRule says what a class's weight does when nobody in the class
// voted (or, on the electorate basis, the class has no members).
type EmptyClassRule string

// The rules for a class with nothing to count. The zero value means
// EmptyClassRedistributed.
const (
	EmptyClassRedistributed EmptyClassRule = "redistributed" // its weight is shared among the classes that voted, pro rata
	EmptyClassLost          EmptyClassRule = "lost"          // its weight stays in the whole and counts for no option
)

// Confirmation says whether a special resolution must be confirmed at a
// second meeting, and when that meeting may be: from MinDays days to
// MaxMonths calendar months after the first vote closed (zero values mean
// 14 days and 1 month).
type Confirmation struct {
	Required  bool `json:"required,omitempty"`
	MinDays   int  `json:"min_days,omitempty"`
	MaxMonths int  `json:"max_months,omitempty"`
}

// Rules are everything that decides how a motion's votes are counted. They
// are fixed when the motion opens; the lead stores them with the motion.
type Rules struct {
	Kind Kind `json:"kind"`
	// Options are a poll's choices or an election's candidates (ids, see
	// ValidID). Resolutions leave it empty: their options are For, Against
	// and Abstain.
	Options []string `json:"options,omitempty"`
	// Seats is how many candidates an election fills (1 ≤ Seats ≤ candidates).
	Seats int `json:"seats,omitempty"`
	// Ranked elections take ballots ranking candidates in order of
	// preference (instant-runoff for one seat, STV for more); otherwise each
	// member marks up to Seats candidates.
	Ranked    bool      `json:"ranked,omitempty"`
	Quorum    Quorum    `json:"quorum"`
	Threshold Threshold `json:"threshold"`
	Basis     Basis     `json:"basis,omitempty"`
	// Classes give each class of members a fixed share of the vote. Empty
	// means one member one vote across all members.
	Classes    []Class        `json:"classes,omitempty"`
	EmptyClass EmptyClassRule `json:"empty_class,omitempty"`
	// HideUntilClosed asks the API not to show running results while the
	// motion is open. Counting ignores it.
	HideUntilClosed bool         `json:"hide_until_closed,omitempty"`
	Confirmation    Confirmation `json:"confirmation"`
}

func (r Rules) isResolution() bool { return r.Kind.Resolution() }

// Resolution reports whether the kind is a resolution, voted for or against
// on a threshold, rather than a choice among options, so a form knows which
// of its answers belong to the kind.
func (k Kind) Resolution() bool {
	return k == OrdinaryResolution || k == SpecialResolution
}

// choices returns the options a ballot may name, in display order, ending
// with Abstain.
func (r Rules) choices() []string {
	if r.isResolution() {
		return []string{For, Against, Abstain}
	}
	out := make([]string, 0, len(r.Options)+1)
	out = append(out, r.Options...)
	return append(out, Abstain)
}

// classed reports whether the motion weights classes.
func (r Rules) classed() bool { return len(r.Classes) > 0 }

// Code is a stable identifier for why a rule, ballot or count is refused, so
// the API can show a field-level message in Welsh or English. Never rename
// one.
type Code string

// The codes this package returns.
const (
	CodeInvalidKind             Code = "invalid_kind"
	CodeTooFewOptions           Code = "too_few_options"
	CodeTooManyOptions          Code = "too_many_options"
	CodeOptionsFixed            Code = "options_fixed" // a resolution's options are for/against/abstain
	CodeInvalidOptionID         Code = "invalid_option_id"
	CodeDuplicateOption         Code = "duplicate_option"
	CodeSeatsOutOfRange         Code = "seats_out_of_range"
	CodeNotApplicable           Code = "field_not_applicable" // set on a kind of motion it means nothing for
	CodeRankedWithClasses       Code = "ranked_with_classes"
	CodeInvalidQuorum           Code = "invalid_quorum"
	CodeInvalidThreshold        Code = "invalid_threshold"
	CodeThresholdBelowMajority  Code = "threshold_below_majority"
	CodeSpecialThresholdTooLow  Code = "special_threshold_too_low"
	CodeInvalidBasis            Code = "invalid_basis"
	CodeInvalidClassID          Code = "invalid_class_id"
	CodeDuplicateClass          Code = "duplicate_class"
	CodeTooManyClasses          Code = "too_many_classes"
	CodeInvalidWeight           Code = "invalid_weight"
	CodeWeightsMustSumToWhole   Code = "weights_must_sum_to_whole"
	CodeInvalidEmptyClassRule   Code = "invalid_empty_class_rule"
	CodeInvalidConfirmation     Code = "invalid_confirmation_window"
	CodeOutsideConfirmation     Code = "outside_confirmation_window"
	CodeUnknownClass            Code = "unknown_class"
	CodeInvalidChannel          Code = "invalid_channel"
	CodeInvalidChoice           Code = "invalid_choice"
	CodeTooManyChoices          Code = "too_many_choices"
	CodeDuplicateChoice         Code = "duplicate_choice"
	CodeInvalidElectorate       Code = "invalid_electorate"
	CodeDuplicateMember         Code = "duplicate_member"
	CodeInvalidCounts           Code = "invalid_counts"
	CodeInconsistentCounts      Code = "inconsistent_counts"
	CodeBallotsExceedElectorate Code = "ballots_exceed_electorate"
	CodeRankedNeedsBallots      Code = "ranked_needs_ballots"
	CodeInvalidCounter          Code = "invalid_counter"
	CodeInvalidLot              Code = "invalid_lot"
)

// Problem is one field that is wrong and why. Field is the Go path of the
// field ("Classes[1].Weight"); Detail is English for developers and logs.
type Problem struct {
	Field  string `json:"field"`
	Code   Code   `json:"code"`
	Detail string `json:"detail,omitempty"`
}

// ValidationError lists every problem found at once, so an admin setting up
// a motion learns all that is wrong in one go.
type ValidationError struct {
	Problems []Problem
}

// Error implements error.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = fmt.Sprintf("%s: %s", p.Field, p.Code)
		if p.Detail != "" {
			parts[i] += " (" + p.Detail + ")"
		}
	}
	return "ballot: " + strings.Join(parts, "; ")
}

// Has reports whether the error lists code (for any field), so callers and
// tests can branch on a code without caring about order.
func (e *ValidationError) Has(code Code) bool {
	for _, p := range e.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

type problems []Problem

func (ps *problems) add(field string, code Code, format string, args ...any) {
	*ps = append(*ps, Problem{Field: field, Code: code, Detail: fmt.Sprintf(format, args...)})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}

// ValidID reports whether s can name an option, candidate or class: 1 to
// MaxIDLength characters of a-z and 0-9, words joined by single
// underscores. This keeps every counter name DynamoDB-safe and unambiguous.
// Member ids made by dpcoop (20 characters of a-z, 2-7) are valid.
func ValidID(s string) bool {
	if len(s) == 0 || len(s) > MaxIDLength || s[0] == '_' || s[len(s)-1] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '_' && s[i-1] != '_':
		default:
			return false
		}
	}
	return true
}

// Validate checks the rules before a motion opens and reports every problem
// with a stable code. Tally validates again, so rules that fail here never
// produce a result.
func (r Rules) Validate() error {
	var ps problems
	switch r.Kind {
	case OrdinaryResolution, SpecialResolution, BoardElection, Poll:
	default:
		ps.add("Kind", CodeInvalidKind, "unknown kind %q", r.Kind)
		return ps.err() // nothing else can be judged without a kind
	}
	r.validateOptions(&ps)
	if r.Ranked && r.Kind != BoardElection {
		ps.add("Ranked", CodeNotApplicable, "only elections take ranked ballots")
	}
	if r.Ranked && r.classed() {
		ps.add("Ranked", CodeRankedWithClasses, "ranked ballots cannot be weighted by class; hold one election per class")
	}
	if r.Quorum.Members < 0 || r.Quorum.Members > MaxCount || r.Quorum.Percent < 0 || r.Quorum.Percent > WholeWeight {
		ps.add("Quorum", CodeInvalidQuorum, "members must be 0 to %d and percent 0 to %d basis points", MaxCount, WholeWeight)
	}
	r.validateThreshold(&ps)
	r.validateClasses(&ps)
	r.validateConfirmation(&ps)
	return ps.err()
}

func (r Rules) validateOptions(ps *problems) {
	switch {
	case r.isResolution():
		if len(r.Options) > 0 {
			ps.add("Options", CodeOptionsFixed, "a resolution's options are for, against and abstain")
		}
	case r.Kind == Poll && len(r.Options) < 2:
		ps.add("Options", CodeTooFewOptions, "a poll needs at least 2 options")
	case r.Kind == BoardElection && len(r.Options) < 1:
		ps.add("Options", CodeTooFewOptions, "an election needs at least 1 candidate")
	case len(r.Options) > MaxOptions:
		ps.add("Options", CodeTooManyOptions, "at most %d options", MaxOptions)
	}
	if !r.isResolution() {
		seen := make(map[string]bool, len(r.Options))
		for i, o := range r.Options {
			field := fmt.Sprintf("Options[%d]", i)
			switch {
			case !ValidID(o) || o == Abstain:
				ps.add(field, CodeInvalidOptionID, "%q is not a valid id (a-z, 0-9, single underscores; not %q)", o, Abstain)
			case seen[o]:
				ps.add(field, CodeDuplicateOption, "%q appears twice", o)
			}
			seen[o] = true
		}
	}
	if r.Kind == BoardElection {
		if r.Seats < 1 || r.Seats > len(r.Options) {
			ps.add("Seats", CodeSeatsOutOfRange, "seats must be 1 to the number of candidates (%d)", len(r.Options))
		}
	} else if r.Seats != 0 {
		ps.add("Seats", CodeNotApplicable, "only elections have seats")
	}
}

func (r Rules) validateThreshold(ps *problems) {
	if !r.isResolution() {
		if r.Threshold != (Threshold{}) {
			ps.add("Threshold", CodeNotApplicable, "only resolutions have a threshold")
		}
		if r.Basis != "" {
			ps.add("Basis", CodeNotApplicable, "only resolutions have a threshold basis")
		}
		return
	}
	switch r.Basis {
	case "", BasisVotesCast, BasisElectorate:
	default:
		ps.add("Basis", CodeInvalidBasis, "unknown basis %q", r.Basis)
	}
	t := r.Threshold
	switch t.Kind {
	case "":
		if r.Kind == SpecialResolution {
			ps.add("Threshold", CodeInvalidThreshold, "a special resolution must state its threshold")
			return
		}
	case SimpleMajority, TwoThirds, ThreeQuarters:
	case Custom:
		if t.Den < 1 || t.Den > 1_000_000 || t.Num < 1 || t.Num > t.Den {
			ps.add("Threshold", CodeInvalidThreshold, "a custom threshold needs 0 < num ≤ den ≤ 1,000,000")
			return
		}
		// Less than a majority would let a motion and its opposite both pass.
		if 2*t.Num < t.Den || (2*t.Num == t.Den && t.AtLeast) {
			ps.add("Threshold", CodeThresholdBelowMajority, "%d/%d is less than a simple majority", t.Num, t.Den)
			return
		}
	default:
		ps.add("Threshold", CodeInvalidThreshold, "unknown threshold %q", t.Kind)
		return
	}
	if r.Kind == SpecialResolution {
		if n, d, atLeast := t.Fraction(); 2*n == d && !atLeast {
			ps.add("Threshold", CodeSpecialThresholdTooLow, "a special resolution needs more than a simple majority")
		}
	}
}

func (r Rules) validateClasses(ps *problems) {
	if len(r.Classes) > MaxClasses {
		ps.add("Classes", CodeTooManyClasses, "at most %d classes", MaxClasses)
		return
	}
	seen := make(map[string]bool, len(r.Classes))
	var sum int64
	weightsOK := true
	for i, c := range r.Classes {
		switch {
		case !ValidID(c.ID):
			ps.add(fmt.Sprintf("Classes[%d].ID", i), CodeInvalidClassID, "%q is not a valid id", c.ID)
		case seen[c.ID]:
			ps.add(fmt.Sprintf("Classes[%d].ID", i), CodeDuplicateClass, "%q appears twice", c.ID)
		}
		seen[c.ID] = true
		if c.Weight < 1 || c.Weight > WholeWeight {
			ps.add(fmt.Sprintf("Classes[%d].Weight", i), CodeInvalidWeight, "weight must be 1 to %d basis points", WholeWeight)
			weightsOK = false
			continue
		}
		sum += c.Weight
	}
	if len(r.Classes) > 0 && weightsOK && sum != WholeWeight {
		ps.add("Classes", CodeWeightsMustSumToWhole, "weights sum to %d basis points, not %d", sum, WholeWeight)
	}
	switch r.EmptyClass {
	case "", EmptyClassRedistributed, EmptyClassLost:
	default:
		ps.add("EmptyClass", CodeInvalidEmptyClassRule, "unknown rule %q", r.EmptyClass)
	}
}

func (r Rules) validateConfirmation(ps *problems) {
	c := r.Confirmation
	if c == (Confirmation{}) {
		return
	}
	if r.Kind != SpecialResolution {
		ps.add("Confirmation", CodeNotApplicable, "only special resolutions are confirmed")
		return
	}
	minDays, maxMonths := c.window()
	// The shortest run of n calendar months (the corresponding date rule,
	// clamped to a month's end) is at least 28n days, so this keeps the
	// window from ever being empty.
	if c.MinDays < 0 || c.MinDays > 365 || c.MaxMonths < 0 || c.MaxMonths > 12 || minDays > 28*maxMonths {
		ps.add("Confirmation", CodeInvalidConfirmation, "need 0 ≤ min days ≤ 28 × max months and max months ≤ 12")
	}
}

func (c Confirmation) window() (minDays, maxMonths int) {
	minDays, maxMonths = c.MinDays, c.MaxMonths
	if minDays == 0 {
		minDays = 14
	}
	if maxMonths == 0 {
		maxMonths = 1
	}
	return minDays, maxMonths
}
