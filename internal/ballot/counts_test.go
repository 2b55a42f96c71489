package ballot

import (
	"encoding/json"
	"regexp"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // Europe/London on any machine
)

var safeName = regexp.MustCompile(`^[a-z0-9_]+$`)

func TestCounterNames(t *testing.T) {
	election := Rules{Kind: BoardElection, Options: []string{"alice", "bryn", "cerys"}, Seats: 2, Classes: twoClasses}
	ranked := Rules{Kind: BoardElection, Options: []string{"alice", "bryn"}, Seats: 1, Ranked: true}
	tests := []struct {
		name  string
		rules Rules
		b     Ballot
		want  []string
	}{
		{"resolution for", ordinary, Ballot{Choices: []string{For}}, []string{"ballots", "votes__for"}},
		{"resolution abstain (empty)", ordinary, Ballot{}, []string{"ballots", "votes__abstain"}},
		{"resolution spoilt", ordinary, Ballot{Choices: []string{"maybe"}}, []string{"ballots", "spoilt"}},
		{"election two marks", election, Ballot{Class: "workers", Choices: []string{"alice", "cerys"}},
			[]string{"ballots__workers", "votes__workers__alice", "votes__workers__cerys"}},
		{"election blank", election, Ballot{Class: "members"}, []string{"ballots__members", "votes__members__abstain"}},
		{"ranked ballot", ranked, Ballot{Choices: []string{"bryn", "alice"}}, []string{"ballots"}},
		{"ranked spoilt", ranked, Ballot{Choices: []string{"bryn", "bryn"}}, []string{"ballots", "spoilt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CounterNames(tt.rules, tt.b)
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("%v %v, want %v", got, err, tt.want)
			}
		})
	}
	if _, err := CounterNames(election, Ballot{Class: "visitors"}); !hasCode(err, CodeUnknownClass) {
		t.Errorf("unknown class: %v", err)
	}
	if _, err := CounterNames(Rules{}, Ballot{}); !hasCode(err, CodeInvalidKind) {
		t.Errorf("invalid rules: %v", err)
	}
}

func TestAllCounterNamesAreSafeAndParse(t *testing.T) {
	for _, r := range []Rules{
		ordinary,
		{Kind: Poll, Options: []string{"x", "y_2"}, Classes: twoClasses},
		{Kind: BoardElection, Options: []string{"abcdefghijklmnopqrst", "b"}, Seats: 1, Ranked: true},
	} {
		names := AllCounterNames(r)
		counters := map[string]int64{}
		for _, n := range names {
			if !safeName.MatchString(n) || !IsCounterName(n) {
				t.Errorf("%q is not a safe counter name", n)
			}
			counters[n] = 0
		}
		if _, err := ParseCounters(r, counters); err != nil {
			t.Errorf("%v: %v", r.Kind, err)
		}
	}
	if IsCounterName("PK") || IsCounterName("status") || IsCounterName("votesx") {
		t.Error("IsCounterName accepts a stranger")
	}
	_, err := ParseCounters(ordinary, map[string]int64{"votes__maybe": 1, "ballots": -2, "votes__members__for": 1})
	if got := codesOf(err); !slices.Equal(got, []Code{CodeInvalidCounts, CodeInvalidCounter, CodeInvalidCounter}) {
		t.Errorf("codes %v", got)
	}
}

// The incremental path gives the same result as counting ballots: add one
// to each ballot's CounterNames, read them back, tally.
func TestCountersMatchBallots(t *testing.T) {
	r := Rules{Kind: OrdinaryResolution, Classes: twoClasses}
	b := join(many(7, "members", For), many(3, "members", Against), many(10, "workers", For),
		many(29, "workers", Against), many(1, "workers", "maybe"), many(2, "members"))
	e := Electorate{"members": 12, "workers": 40}
	counters := map[string]int64{}
	for _, x := range b {
		names, err := CounterNames(r, x)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			counters[n]++
		}
	}
	c, err := ParseCounters(r, counters)
	if err != nil {
		t.Fatal(err)
	}
	fromCounters := mustTally(t, r, e, c)
	fromBallots := mustTally(t, r, e, b)
	if asJSON(t, fromCounters) != asJSON(t, fromBallots) {
		t.Errorf("counters %s\nballots %s", asJSON(t, fromCounters), asJSON(t, fromBallots))
	}
	if fromBallots.Spoilt != 1 || fromBallots.Abstentions != 2 {
		t.Errorf("%+v", fromBallots)
	}
}

func TestCountsJSONRoundTrip(t *testing.T) {
	r := Rules{Kind: OrdinaryResolution, Classes: twoClasses}
	c, err := CountBallots(r, join(many(2, "members", For), many(1, "workers", Abstain), many(1, "workers", "x")))
	if err != nil {
		t.Fatal(err)
	}
	raw := asJSON(t, c)
	var back Counts
	if err := json.Unmarshal([]byte(raw), &back); err != nil {
		t.Fatal(err)
	}
	if asJSON(t, back) != raw || back.Votes[Key{Class: "members", Option: For}] != 2 {
		t.Errorf("%s became %s", raw, asJSON(t, back))
	}
	unclassed, _ := CountBallots(ordinary, many(3, "", Against))
	raw = asJSON(t, unclassed)
	back = Counts{}
	if err := json.Unmarshal([]byte(raw), &back); err != nil || back.Votes[Key{Option: Against}] != 3 {
		t.Errorf("%s: %v %+v", raw, err, back)
	}
	if err := json.Unmarshal([]byte(`{"votes":{"a__b__c":1}}`), &back); err == nil {
		t.Error("a three-part key was accepted")
	}
}

func TestConfirmationWindow(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, london) }
	day := func(y int, m time.Month, d int) time.Time { return at(y, m, d, 0, 0) }
	r := Rules{Kind: SpecialResolution, Threshold: Threshold{Kind: TwoThirds}, Confirmation: Confirmation{Required: true}}

	windows := []struct {
		name     string
		rules    Rules
		closed   time.Time
		from, to time.Time
	}{
		{"ordinary month", r, at(2026, 3, 10, 19, 30), day(2026, 3, 24), day(2026, 4, 10)},
		{"31 January: to the end of February", r, at(2026, 1, 31, 12, 0), day(2026, 2, 14), day(2026, 2, 28)},
		{"leap year", r, at(2028, 1, 31, 12, 0), day(2028, 2, 14), day(2028, 2, 29)},
		{"30 January in a leap year", r, at(2028, 1, 30, 12, 0), day(2028, 2, 13), day(2028, 2, 29)},
		{"across the new year", r, at(2026, 12, 20, 9, 0), day(2027, 1, 3), day(2027, 1, 20)},
		{"configured 21 days to 2 months", Rules{Kind: SpecialResolution, Threshold: Threshold{Kind: TwoThirds},
			Confirmation: Confirmation{Required: true, MinDays: 21, MaxMonths: 2}}, at(2026, 12, 31, 9, 0), day(2027, 1, 21), day(2027, 2, 28)},
	}
	for _, w := range windows {
		from, to := w.rules.ConfirmationWindow(w.closed)
		if !from.Equal(w.from) || !to.Equal(w.to) {
			t.Errorf("%s: %s to %s, want %s to %s", w.name, from, to, w.from, w.to)
		}
	}

	closed := at(2026, 1, 31, 21, 0)
	checks := []struct {
		name    string
		meeting time.Time
		ok      bool
	}{
		{"13 days later", day(2026, 2, 13), false},
		{"13 days later, late evening", at(2026, 2, 13, 23, 59), false},
		{"14 days later", day(2026, 2, 14), true},
		{"last day", at(2026, 2, 28, 23, 59), true},
		{"a day too late", day(2026, 3, 1), false},
		{"same day", closed, false},
	}
	for _, c := range checks {
		err := r.CheckConfirmationDate(closed, c.meeting)
		if (err == nil) != c.ok || (err != nil && !hasCode(err, CodeOutsideConfirmation)) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	// The meeting's date is read in London: 23:30 UTC on 10 April 2026 is
	// already 11 April in British Summer Time, a day too late.
	closed = at(2026, 3, 10, 19, 30)
	if err := r.CheckConfirmationDate(closed, time.Date(2026, 4, 10, 23, 30, 0, 0, time.UTC)); err == nil {
		t.Error("00:30 BST on 11 April accepted")
	}
	if err := r.CheckConfirmationDate(closed, time.Date(2026, 4, 10, 22, 30, 0, 0, time.UTC)); err != nil {
		t.Errorf("23:30 BST on 10 April refused: %v", err)
	}
}
