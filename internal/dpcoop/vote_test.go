package dpcoop

import (
	"testing"
	"time"
)

// A secret ballot's elector record keeps no choice and no time; an open
// one keeps the vote, who cast it and the vote it replaced.
func TestCastNextAndRefusals(t *testing.T) {
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	first := Cast{Motion: Motion{ID: "m", Snapshot: "s1", Secret: true}, Vote: Vote{Member: "a", Choices: []string{"yes"}, Channel: "online"}, At: at}
	if e := first.Next(); !e.Voted || e.Choices != nil || e.At != nil || e.CastBy != "" || e.Version != 0 {
		t.Errorf("secret: %+v", e)
	}
	open := first
	open.Motion.Secret = false
	e := open.Next()
	if e.Choices[0] != "yes" || e.CastBy != "a" || !e.At.Equal(at) || e.Version != 1 || len(e.History) != 0 {
		t.Errorf("open: %+v", e)
	}
	change := open
	change.Prev, change.Vote = e, Vote{Member: "a", Holder: "b", Choices: []string{"no"}, Channel: "online"}
	if e2 := change.Next(); e2.Version != 2 || e2.CastBy != "b" || len(e2.History) != 1 || e2.History[0].Choices[0] != "yes" {
		t.Errorf("changed: %+v", e2)
	}
	for _, c := range []struct {
		cast  Cast
		e     Elector
		found bool
		code  string
	}{
		{first, Elector{}, false, CodeNotInElectorate},
		{first, Elector{Snapshot: "old"}, true, CodeNotInElectorate},
		{first, Elector{Snapshot: "s1", Voted: true}, true, CodeAlreadyVoted},
		{change, Elector{Snapshot: "s1", ProxyHolder: "c"}, true, CodeNotProxyHolder},
	} {
		if err := c.cast.Refusal("cast", c.e, c.found); !IsCode(err, c.code) {
			t.Errorf("%+v: %v, want %s", c.e, err, c.code)
		}
	}
	if err := open.Refusal("cast", Elector{Snapshot: "s1", Voted: true}, true); err != ErrVoteRaced {
		t.Errorf("an open vote changed meanwhile: %v", err)
	}
	if already, err := ProxyRefusal("appoint", open.Motion, Elector{Snapshot: "s1", ProxyHolder: "b"}, true, "b"); !already || err != nil {
		t.Errorf("the same holder again: %v %v", already, err)
	}
	if _, err := ProxyRefusal("appoint", open.Motion, Elector{Snapshot: "s1", ProxyHolder: "c"}, true, "b"); !IsCode(err, CodeProxyTaken) {
		t.Errorf("another holder: %v", err)
	}
}
