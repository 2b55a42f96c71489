package storetest

import (
	"context"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Access tests what dpcoop.Store promises the sign-in check: a member's
// access ends with their cessation, read at once, in their own co-op only;
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
