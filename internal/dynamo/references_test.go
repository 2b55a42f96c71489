package dynamo_test

import (
	"context"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/signup"
)

func TestApplicationReferenceIsUniqueInItsCoop(t *testing.T) {
	s, ctx := newStore(t), context.Background()
	mustCoop(t, s, "alpha")
	mustCoop(t, s, "beta")
	first := application("alpha", "k1", dpcoop.KindMember)
	first.Reference = "K7RH-M3XC"
	if _, created, err := s.AddApplication(ctx, "alpha", first); err != nil || !created {
		t.Fatalf("first: %v %v", created, err)
	}
	second := application("alpha", "k2", dpcoop.KindPA)
	second.Reference = first.Reference
	_, _, err := s.AddApplication(ctx, "alpha", second)
	wantKind(t, err, dpcoop.KindConflict, dpcoop.CodeReferenceTaken)
	if _, err := s.Application(ctx, "alpha", second.ID); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Fatalf("the application whose reference was taken was stored: %v", err)
	}
	// The same submit again finds the first, reference and all.
	got, created, err := s.AddApplication(ctx, "alpha", first)
	if err != nil || created || got.Reference != first.Reference {
		t.Fatalf("repeat: %v %v %+v", created, err, got)
	}
	// Another co-op's references are its own.
	other := application("beta", "k2", dpcoop.KindPA)
	other.Reference = first.Reference
	if _, created, err := s.AddApplication(ctx, "beta", other); err != nil || !created {
		t.Fatalf("another co-op: %v %v", created, err)
	}
}

func TestApplyPassesOverAReferenceAlreadyTaken(t *testing.T) {
	s, ctx := newStore(t), context.Background()
	mustCoop(t, s, "alpha")
	c, err := s.Coop(ctx, "alpha")
	if err != nil {
		t.Fatal(err)
	}
	svc := signup.Service{Store: s}
	form := dpcoop.ApplicationForm{Kind: "member", Name: "Gwen Morgan", Email: "gwen@example.org",
		Address: "3 Heol y Bont, Aberystwyth", Language: "cy", ConsentElectronic: true}
	// Another application already holds the reference the key's id gives first.
	id := dpcoop.DerivedID("application", "alpha", "nonce-1")
	holder := application("alpha", "holder", dpcoop.KindSupporter)
	holder.Reference = dpcoop.ApplicationReference(id, 0)
	if _, _, err := s.AddApplication(ctx, "alpha", holder); err != nil {
		t.Fatal(err)
	}
	a, created, err := svc.Apply(ctx, c, form, dpcoop.Problems{}, signup.Human{}, signup.Request{Key: "nonce-1"}, now)
	if err != nil || !created || a.ID != id {
		t.Fatalf("apply: %v %v %+v", created, err, a)
	}
	if want := dpcoop.ApplicationReference(id, 1); a.Reference != want {
		t.Fatalf("reference %q, want the second attempt's %q", a.Reference, want)
	}
	again, created, err := svc.Apply(ctx, c, form, dpcoop.Problems{}, signup.Human{}, signup.Request{Key: "nonce-1"}, now)
	if err != nil || created || again.Reference != a.Reference {
		t.Fatalf("a double submit: %v %v %q", created, err, again.Reference)
	}
	stored, err := s.Application(ctx, "alpha", id)
	if err != nil || stored.Reference != a.Reference {
		t.Fatalf("stored: %v %q", err, stored.Reference)
	}
}
