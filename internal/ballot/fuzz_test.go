package ballot

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// bytesource reads fuzz input as a stream of small decisions.
type bytesource struct {
	data []byte
	pos  int
}

func (s *bytesource) byte() byte {
	if s.pos >= len(s.data) {
		return 0
	}
	s.pos++
	return s.data[s.pos-1]
}

func (s *bytesource) intn(n int) int { return int(s.byte()) % n }

// int64 gives mostly small numbers and sometimes extreme ones.
func (s *bytesource) int64() int64 {
	switch b := s.byte(); b % 8 {
	case 0:
		return -int64(s.byte())
	case 1:
		return int64(s.byte()) << 32
	case 2:
		return []int64{MaxCount, MaxCount + 1, 1 << 62, -1 << 63, 1<<63 - 1}[s.intn(5)]
	default:
		return int64(s.byte())
	}
}

var fuzzIDs = []string{"", "a", "b", "c", "d", "members", "workers", "for", "against", "abstain", "A", "a__b", "_x", "x_"}

func (s *bytesource) id() string { return fuzzIDs[s.intn(len(fuzzIDs))] }

func (s *bytesource) rules() Rules {
	r := Rules{
		Kind:   []Kind{OrdinaryResolution, SpecialResolution, BoardElection, Poll, "", "other"}[s.intn(6)],
		Seats:  s.intn(6) - 1,
		Ranked: s.intn(2) == 0,
		Quorum: Quorum{Members: s.int64(), Percent: s.int64()},
		Threshold: Threshold{
			Kind: []ThresholdKind{"", SimpleMajority, TwoThirds, ThreeQuarters, Custom, "x"}[s.intn(6)],
			Num:  s.int64(), Den: s.int64(), AtLeast: s.intn(2) == 0,
		},
		Basis:           []Basis{"", BasisVotesCast, BasisElectorate, "x"}[s.intn(4)],
		EmptyClass:      []EmptyClassRule{"", EmptyClassRedistributed, EmptyClassLost, "x"}[s.intn(4)],
		HideUntilClosed: s.intn(2) == 0,
		Confirmation:    Confirmation{Required: s.intn(2) == 0, MinDays: s.intn(40) - 5, MaxMonths: s.intn(15) - 1},
	}
	for range s.intn(6) {
		r.Options = append(r.Options, s.id())
	}
	for range s.intn(4) {
		r.Classes = append(r.Classes, Class{ID: s.id(), Weight: []int64{5000, 10000, 2500, 0, -1, s.int64()}[s.intn(6)]})
	}
	return r
}

func (s *bytesource) ballot() Ballot {
	b := Ballot{Class: s.id(), Channel: []Channel{"", ChannelPaper, "x"}[s.intn(3)]}
	for range s.intn(5) {
		b.Choices = append(b.Choices, s.id())
	}
	return b
}

// Validate and the date helpers never panic, whatever the rules.
func FuzzValidate(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{2, 2, 0, 3, 3, 5, 0, 0, 2, 1, 1, 1, 1, 1, 4, 1, 2, 3})
	f.Add([]byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &bytesource{data: data}
		r := s.rules()
		err := r.Validate()
		if err != nil {
			if _, ok := err.(*ValidationError); !ok || err.Error() == "" {
				t.Fatalf("unexpected error type %T", err)
			}
		}
		_ = r.CheckBallot(s.ballot())
		first := time.Date(2026, time.Month(1+s.intn(12)), 1+s.intn(31), 12, 0, 0, 0, time.UTC)
		from, to := r.ConfirmationWindow(first)
		if err == nil && r.Confirmation.Required && from.After(to) {
			t.Fatalf("empty window %s..%s for valid rules %+v", from, to, r.Confirmation)
		}
		_ = r.CheckConfirmationDate(first, first.AddDate(0, 0, s.intn(60)))
		_ = AllCounterNames(r)
		// Valid rules survive a JSON round trip unchanged in meaning.
		if err == nil {
			raw, _ := json.Marshal(r)
			var back Rules
			if json.Unmarshal(raw, &back) != nil || back.Validate() != nil {
				t.Fatalf("round trip broke %s", raw)
			}
		}
	})
}

// Tally never panics, whatever the rules, electorate, ballots, counters or
// lot, and any result it returns accounts for every ballot.
func FuzzTally(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 9, 9, 9, 1, 1, 7, 7, 2, 5})
	f.Add([]byte{2, 3, 0, 3, 3, 3, 3, 3, 1, 3, 3, 3, 3, 2, 1, 2, 3, 4, 20, 1, 2, 3, 1, 2, 3, 1, 2, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &bytesource{data: data}
		r := s.rules()
		if s.intn(2) == 0 { // often make the rules valid so the count itself is reached
			r.Classes, r.EmptyClass, r.Confirmation, r.Quorum = nil, "", Confirmation{}, Quorum{}
			if r.isResolution() {
				r.Options, r.Seats, r.Ranked = nil, 0, false
				r.Threshold = Threshold{Kind: TwoThirds}
				r.Basis = ""
			} else {
				r.Kind = BoardElection
				r.Options = []string{"a", "b", "c", "d"}[:1+s.intn(4)]
				r.Seats = 1 + s.intn(len(r.Options))
				r.Threshold, r.Basis = Threshold{}, ""
			}
		}
		e := Electorate{}
		for range s.intn(4) {
			e[s.id()] = s.int64()
		}
		var v Votes
		switch s.intn(3) {
		case 0:
			var bs Ballots
			for range s.intn(40) {
				bs = append(bs, s.ballot())
			}
			v = bs
		case 1:
			c := Counts{Ballots: map[string]int64{}, Spoilt: map[string]int64{}, Votes: map[Key]int64{}}
			for range s.intn(6) {
				c.Ballots[s.id()] = s.int64()
				c.Spoilt[s.id()] = s.int64()
				c.Votes[Key{Class: s.id(), Option: s.id()}] = s.int64()
			}
			v = c
		}
		var lot []string
		for range s.intn(4) {
			lot = append(lot, s.id())
		}
		res, err := TallyWithLot(r, e, v, lot)
		if err != nil {
			return
		}
		if bs, ok := v.(Ballots); ok && res.Ballots != int64(len(bs)) {
			t.Fatalf("%d ballots counted of %d", res.Ballots, len(bs))
		}
		if res.Passed && !res.QuorumMet {
			t.Fatalf("passed without quorum")
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result does not marshal: %v", err)
		}
		plain, err := Tally(r, e, v)
		if err != nil || plain.Ballots != res.Ballots {
			t.Fatal(fmt.Sprint("Tally and TallyWithLot disagree: ", err))
		}
	})
}
