package storetest

import (
	"context"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Access tests what dpcoop.Store promises the sign-in check: a member's
// access ends with their cessation, read at once (with the co-op, together),
// in their own co-op only, and a co-op that does not exist is not found;
// a co-op's Turnstile secret is set, cleared, and only on a co-op that
// exists.
func Access(t *testing.T, open Open[dpcoop.Store]) {
	run(t, open, map[string]func(*testing.T, dpcoop.Store, Fixture){
		"CeasingEndsAccessAtOnce":         ceasingEndsAccessAtOnce,
		"TurnstileSecretOfAnExistingCoop": turnstileSecretOfAnExistingCoop,
	})
}

func ceasingEndsAccessAtOnce(t *testing.T, s dpcoop.Store, f Fixture) {
	ctx := context.Background()
	m, other := f.Member(t), f.Member(t)
	if ended := must(s.AccessEnded(ctx, f.Coop, m.ID))(t); ended != "" {
		t.Fatalf("a member's access ended %s before they ceased", ended)
	}
	must(s.CeaseMember(ctx, f.Coop, m.ID, dpcoop.Cessation{Date: m.Entered, Reason: "moved away", By: "admin"}))(t)
	if ended := must(s.AccessEnded(ctx, f.Coop, m.ID))(t); ended != m.Entered {
		t.Fatalf("access ended %q, want %s", ended, m.Entered)
	}
	if ended := must(s.AccessEnded(ctx, f.Coop, other.ID))(t); ended != "" {
		t.Fatalf("another member's access ended %s", ended)
	}
	if ended := must(s.AccessEnded(ctx, f.Other, m.ID))(t); ended != "" {
		t.Fatalf("the cessation ended access in another co-op: %s", ended)
	}
	// What every signed-in request reads: the co-op and the record together.
	c, rec, err := s.CoopAndAccess(ctx, dpcoop.Principal{Coop: f.Coop, Person: m.ID})
	noErr(t, err)
	if c.ID != f.Coop || rec.Ended != m.Entered {
		t.Fatalf("read co-op %q and access ended %q, want %s and %s", c.ID, rec.Ended, f.Coop, m.Entered)
	}
	c, rec, err = s.CoopAndAccess(ctx, dpcoop.Principal{Coop: f.Other, Person: m.ID})
	noErr(t, err)
	if c.ID != f.Other || rec.Ended != "" || rec.Revoked {
		t.Fatalf("in another co-op: %q %+v", c.ID, rec)
	}
	_, _, err = s.CoopAndAccess(ctx, dpcoop.Principal{Coop: dpcoop.CoopID(dpcoop.NewID()), Person: m.ID})
	wantNotFound(t, err)
}

func turnstileSecretOfAnExistingCoop(t *testing.T, s dpcoop.Store, f Fixture) {
	ctx := context.Background()
	noErr(t, s.SetTurnstile(ctx, f.Coop, "secret", "sitekey"))
	if c := must(s.Coop(ctx, f.Coop))(t); c.TurnstileSecret != "secret" || c.TurnstileSiteKey != "sitekey" {
		t.Fatal("the secret and site key were not kept")
	}
	if c := must(s.Coop(ctx, f.Other))(t); c.TurnstileSecret != "" {
		t.Fatal("another co-op has the secret")
	}
	noErr(t, s.SetTurnstile(ctx, f.Coop, "", ""))
	if c := must(s.Coop(ctx, f.Coop))(t); c.TurnstileSecret != "" {
		t.Fatal("the secret was not cleared")
	}
	wantNotFound(t, s.SetTurnstile(ctx, dpcoop.CoopID(dpcoop.NewID()), "secret", ""))
	_, err := s.Coop(ctx, dpcoop.CoopID(dpcoop.NewID()))
	wantNotFound(t, err)
}
