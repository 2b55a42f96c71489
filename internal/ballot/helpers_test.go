package ballot

import (
	"encoding/json"
	"errors"
	"math/big"
	"testing"
)

// many returns n ballots of one class with the same choices.
func many(n int, class string, choices ...string) Ballots {
	out := make(Ballots, n)
	for i := range out {
		out[i] = Ballot{Class: class, Choices: choices}
	}
	return out
}

func join(bs ...Ballots) Ballots {
	var out Ballots
	for _, b := range bs {
		out = append(out, b...)
	}
	return out
}

func mustTally(t *testing.T, r Rules, e Electorate, v Votes, lot ...string) Result {
	t.Helper()
	res, err := TallyWithLot(r, e, v, lot)
	if err != nil {
		t.Fatalf("tally: %v", err)
	}
	return res
}

func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic(s)
	}
	return r
}

func wantRat(t *testing.T, what string, got *big.Rat, want string) {
	t.Helper()
	if got == nil || got.Cmp(rat(want)) != 0 {
		t.Errorf("%s = %v, want %s", what, got, want)
	}
}

func option(res Result, o string) OptionResult {
	for _, or := range res.Options {
		if or.Option == o {
			return or
		}
	}
	return OptionResult{}
}

func codesOf(err error) []Code {
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	var out []Code
	for _, p := range ve.Problems {
		out = append(out, p.Code)
	}
	return out
}

func hasCode(err error, c Code) bool {
	var ve *ValidationError
	return errors.As(err, &ve) && ve.Has(c)
}

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var (
	ordinary = Rules{Kind: OrdinaryResolution}
	special  = Rules{Kind: SpecialResolution, Threshold: Threshold{Kind: TwoThirds}}
	// The members/workers co-op used in the class tests: members 60 %, workers 40 %.
	twoClasses = []Class{{ID: "members", Weight: 6000}, {ID: "workers", Weight: 4000}}
)
