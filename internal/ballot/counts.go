package ballot

import (
	"fmt"
	"sort"
	"strings"
)

// Key names one vote counter: the votes for Option (an option id, For,
// Against or Abstain) from members of Class ("" when the motion has no
// classes).
type Key struct {
	Class  string `json:"class"`
	Option string `json:"option"`
}

// Counts is a running tally: what the lead keeps as counters beside a motion,
// added to in the same transaction as each vote, so a result never needs to
// read every ballot. Tally takes Counts directly (except for ranked
// elections, which need the ballots).
type Counts struct {
	Ballots map[string]int64 `json:"ballots"` // ballots received per class, spoilt and abstentions included
	Spoilt  map[string]int64 `json:"spoilt"`  // spoilt ballots per class
	Votes   map[Key]int64    `json:"votes"`   // votes per option per class; Abstain counts abstentions
}

func (Counts) votes() {}

// MarshalText writes a Key as "<class>__<option>" (just the option when
// there is no class), so Counts can be stored or logged as JSON.
func (k Key) MarshalText() ([]byte, error) {
	if k.Class == "" {
		return []byte(k.Option), nil
	}
	return []byte(k.Class + counterSep + k.Option), nil
}

// UnmarshalText reads a Key written by MarshalText.
func (k *Key) UnmarshalText(b []byte) error {
	class, option, found := strings.Cut(string(b), counterSep)
	if !found {
		class, option = "", class
	}
	if option == "" || strings.Contains(option, counterSep) {
		return fmt.Errorf("ballot: %q is not a counter key", b)
	}
	*k = Key{Class: class, Option: option}
	return nil
}

// Counter name parts. A name is made of fields joined by "__"; ids never
// contain "__" (see ValidID), so every name reads back one way.
const (
	counterBallots = "ballots"
	counterSpoilt  = "spoilt"
	counterVotes   = "votes"
	counterSep     = "__"
)

// CounterNames returns the counters to add one to when ballot b is stored,
// so the lead can update them in the same transaction as the vote:
//
//	ballots[__<class>]                      every ballot
//	spoilt[__<class>]                       a spoilt ballot
//	votes[__<class>]__<option>              each option chosen (abstain for an abstention)
//
// The class part is left out when the motion has no classes. Names use only
// [a-z0-9_]; still pass them through ExpressionAttributeNames, as any
// attribute name might be a DynamoDB reserved word. A ranked ballot adds to
// its ballots (and spoilt or abstain) counter only: ranked results are
// counted from the ballots themselves. A ballot whose choices do not fit is
// counted as spoilt, as Tally would; call CheckBallot first to refuse it
// instead. Only invalid rules or an unknown class are errors.
func CounterNames(r Rules, b Ballot) ([]string, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	ci, spoilt, opts, err := r.classify(b)
	if err != nil {
		return nil, err
	}
	class := r.classID(ci)
	names := []string{counterName(counterBallots, class, "")}
	if spoilt {
		return append(names, counterName(counterSpoilt, class, "")), nil
	}
	for _, o := range opts {
		names = append(names, counterName(counterVotes, class, o))
	}
	return names, nil
}

// AllCounterNames lists every counter a motion can have, in a stable order,
// for a projection expression or to start them at zero when the motion
// opens (ADD on a missing attribute starts from zero anyway).
func AllCounterNames(r Rules) []string {
	var names []string
	classes := []string{""}
	if r.classed() {
		classes = classes[:0]
		for _, c := range r.Classes {
			classes = append(classes, c.ID)
		}
	}
	for _, c := range classes {
		names = append(names, counterName(counterBallots, c, ""), counterName(counterSpoilt, c, ""))
		choices := r.choices()
		if r.Ranked {
			choices = []string{Abstain}
		}
		for _, o := range choices {
			names = append(names, counterName(counterVotes, c, o))
		}
	}
	return names
}

// IsCounterName reports whether an attribute name is one of this package's
// counters, so the lead can pick them out of a motion item.
func IsCounterName(name string) bool {
	head, _, _ := strings.Cut(name, counterSep)
	return head == counterBallots || head == counterSpoilt || head == counterVotes
}

func counterName(kind, class, option string) string {
	parts := []string{kind}
	if class != "" {
		parts = append(parts, class)
	}
	if option != "" {
		parts = append(parts, option)
	}
	return strings.Join(parts, counterSep)
}

// ParseCounters reads stored counters (name → value, as CounterNames named
// them) back into Counts for Tally. Names that are not counters are refused,
// as are unknown classes or options and negative or huge values: a counter
// that does not fit the motion means the data is wrong.
func ParseCounters(r Rules, counters map[string]int64) (Counts, error) {
	if err := r.Validate(); err != nil {
		return Counts{}, err
	}
	c := Counts{Ballots: map[string]int64{}, Spoilt: map[string]int64{}, Votes: map[Key]int64{}}
	var ps problems
	names := make([]string, 0, len(counters))
	for n := range counters {
		names = append(names, n)
	}
	sort.Strings(names) // report problems in a stable order
	valid := map[string]bool{}
	for _, n := range AllCounterNames(r) {
		valid[n] = true
	}
	for _, name := range names {
		v := counters[name]
		if !valid[name] {
			ps.add(name, CodeInvalidCounter, "not a counter of this motion")
			continue
		}
		if v < 0 || v > MaxCount {
			ps.add(name, CodeInvalidCounts, "value %d out of range", v)
			continue
		}
		parts := strings.Split(name, counterSep)
		class := ""
		if r.classed() {
			class = parts[1]
		}
		switch parts[0] {
		case counterBallots:
			c.Ballots[class] = v
		case counterSpoilt:
			c.Spoilt[class] = v
		default:
			c.Votes[Key{Class: class, Option: parts[len(parts)-1]}] = v
		}
	}
	if err := ps.err(); err != nil {
		return Counts{}, err
	}
	return c, nil
}

// classify says which class index a ballot belongs to, whether it is
// spoilt, and the options it counts for (Abstain for an abstention; nothing
// beyond that for a ranked ballot).
func (r Rules) classify(b Ballot) (ci int, spoilt bool, opts []string, err error) {
	ci, ok := r.classIndex(b.Class)
	if !ok {
		return 0, false, nil, &ValidationError{Problems: []Problem{{
			Field: "Class", Code: CodeUnknownClass, Detail: fmt.Sprintf("class %q is not one of the motion's classes", b.Class),
		}}}
	}
	if code, _ := r.checkChoices(b); code != "" {
		return ci, true, nil, nil
	}
	if b.abstains() {
		return ci, false, []string{Abstain}, nil
	}
	if r.Ranked {
		return ci, false, nil, nil
	}
	return ci, false, b.Choices, nil
}

// CountBallots turns ballots into Counts exactly as adding each ballot's
// CounterNames would, for tests, recounts and checks of the stored counters.
func CountBallots(r Rules, ballots []Ballot) (Counts, error) {
	if err := r.Validate(); err != nil {
		return Counts{}, err
	}
	c := Counts{Ballots: map[string]int64{}, Spoilt: map[string]int64{}, Votes: map[Key]int64{}}
	for i, b := range ballots {
		ci, spoilt, opts, err := r.classify(b)
		if err != nil {
			ve := err.(*ValidationError)
			ve.Problems[0].Field = fmt.Sprintf("Ballots[%d].Class", i)
			return Counts{}, ve
		}
		class := r.classID(ci)
		c.Ballots[class]++
		if spoilt {
			c.Spoilt[class]++
		}
		for _, o := range opts {
			c.Votes[Key{Class: class, Option: o}]++
		}
	}
	return c, nil
}
