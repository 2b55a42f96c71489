package ballot

import "fmt"

// Channel records how a ballot reached the co-op. It exists for the record
// and for the lead's own checks (such as a cap on proxies per holder); it
// never changes how a ballot is counted.
type Channel string

// The channels. The zero value means ChannelOnline.
const (
	ChannelOnline Channel = "online"
	ChannelProxy  Channel = "proxy"
	ChannelPostal Channel = "postal"
	ChannelPaper  Channel = "paper"
)

// Ballot is one member's vote on one motion, without saying who the member
// is: only their class (empty when the motion has no classes) and their
// choices.
//
// Choices means, by kind of motion:
//   - resolutions and polls: exactly one option;
//   - plurality elections: 1 to Seats distinct candidates;
//   - ranked elections: distinct candidates in order of preference (1 to
//     all of them; a partial ranking is fine).
//
// Empty Choices, or exactly [Abstain], is an abstention in every kind.
type Ballot struct {
	Class   string   `json:"class,omitempty"`
	Choices []string `json:"choices"`
	Channel Channel  `json:"channel,omitempty"`
}

// abstains reports whether the ballot is an abstention.
func (b Ballot) abstains() bool {
	return len(b.Choices) == 0 || (len(b.Choices) == 1 && b.Choices[0] == Abstain)
}

// CheckBallot says whether a ballot fits the rules, so the API can refuse a
// bad online ballot before storing it. Tally counts a ballot that fails only
// on its choices as spoilt (a paper ballot can be spoilt); a ballot from an
// unknown class is an error there too.
func (r Rules) CheckBallot(b Ballot) error {
	var ps problems
	if _, ok := r.classIndex(b.Class); !ok {
		ps.add("Class", CodeUnknownClass, "class %q is not one of the motion's classes", b.Class)
	}
	switch b.Channel {
	case "", ChannelOnline, ChannelProxy, ChannelPostal, ChannelPaper:
	default:
		ps.add("Channel", CodeInvalidChannel, "unknown channel %q", b.Channel)
	}
	if code, detail := r.checkChoices(b); code != "" {
		ps.add("Choices", code, "%s", detail)
	}
	return ps.err()
}

// classIndex returns the index of the ballot's class in the rules' classes.
// A motion with no classes has one implicit class, index 0, and ignores
// whatever class label a ballot or member carries.
func (r Rules) classIndex(class string) (int, bool) {
	if !r.classed() {
		return 0, true
	}
	for i, c := range r.Classes {
		if c.ID == class {
			return i, true
		}
	}
	return 0, false
}

// checkChoices returns why a ballot's choices do not fit, or "" if they do.
func (r Rules) checkChoices(b Ballot) (Code, string) {
	if b.abstains() {
		return "", ""
	}
	limit := 1
	if r.Kind == BoardElection {
		limit = r.Seats
		if r.Ranked {
			limit = len(r.Options)
		}
	}
	if len(b.Choices) > limit {
		return CodeTooManyChoices, fmt.Sprintf("%d choices, at most %d", len(b.Choices), limit)
	}
	valid := r.choices()
	seen := make(map[string]bool, len(b.Choices))
	for _, c := range b.Choices {
		known := false
		for _, v := range valid[:len(valid)-1] { // Abstain is not a choice among others
			if c == v {
				known = true
				break
			}
		}
		if !known {
			return CodeInvalidChoice, fmt.Sprintf("%q is not an option of this motion", c)
		}
		if seen[c] {
			return CodeDuplicateChoice, fmt.Sprintf("%q chosen twice", c)
		}
		seen[c] = true
	}
	return "", ""
}

// Electorate is how many members may vote in each class (keyed by class id;
// a motion with no classes uses the key "" or sums every entry). Counts
// rather than names keep a tally free of personal data.
type Electorate map[string]int64

// Voter is one member entitled to vote, for building an Electorate from the
// register.
type Voter struct {
	ID    string
	Class string
}

// ElectorateOf counts the voters per class under the rules, refusing a
// member listed twice or a class the motion does not have, so the
// electorate a result is measured against is the one the register says.
func (r Rules) ElectorateOf(voters []Voter) (Electorate, error) {
	var ps problems
	e := Electorate{}
	seen := make(map[string]bool, len(voters))
	for i, v := range voters {
		if seen[v.ID] {
			ps.add(fmt.Sprintf("Voters[%d]", i), CodeDuplicateMember, "member %q listed twice", v.ID)
			continue
		}
		seen[v.ID] = true
		ci, ok := r.classIndex(v.Class)
		if !ok {
			ps.add(fmt.Sprintf("Voters[%d]", i), CodeUnknownClass, "class %q is not one of the motion's classes", v.Class)
			continue
		}
		e[r.classID(ci)]++
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return e, nil
}

// classID is the id of class index i ("" for a motion with no classes).
func (r Rules) classID(i int) string {
	if !r.classed() {
		return ""
	}
	return r.Classes[i].ID
}
