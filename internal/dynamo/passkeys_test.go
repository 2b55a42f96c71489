package dynamo_test

import (
	"context"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
)

// A person's passkeys are kept one item each, listed oldest first, kept
// apart from another person's, refused when registered twice, and gone from
// the list (and from sign-in) once removed.
func TestPasskeysKeptListedAndRemoved(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	ann := dpcoop.Identity{Coop: "c1", Person: "p_ann", Roles: []dpcoop.Role{dpcoop.RolePA}, Language: dpcoop.Welsh}
	bob := dpcoop.Identity{Coop: "c1", Person: "p_bob", Roles: []dpcoop.Role{dpcoop.RoleMember}, Language: dpcoop.English}
	day := time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
	put := func(id dpcoop.Identity, cred string, at time.Time) error {
		return s.PutPasskey(ctx, dynamo.StoredPasskey{Passkey: dpcoop.Passkey{ID: cred, Added: at}, Identity: id, Credential: []byte("key of " + cred)})
	}
	for _, err := range []error{put(ann, "second", day.Add(time.Hour)), put(ann, "first", day), put(bob, "bobs", day)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := put(ann, "first", day.Add(2*time.Hour)); !dpcoop.IsKind(err, dpcoop.KindInvalid) {
		t.Fatalf("the same credential twice: %v, want a problem", err)
	}
	got, err := s.Passkeys(ctx, ann.Coop, ann.Person)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "first" || got[1].ID != "second" || !got[0].Added.Equal(day) ||
		string(got[0].Credential) != "key of first" || got[0].Identity.Language != dpcoop.Welsh ||
		len(got[0].Identity.Roles) != 1 || got[0].Identity.Roles[0] != dpcoop.RolePA {
		t.Fatalf("Ann's passkeys: %+v", got)
	}
	if err := s.UpdatePasskey(ctx, ann.Coop, ann.Person, "first", []byte("counted")); err != nil {
		t.Fatal(err)
	}
	if err := s.RemovePasskey(ctx, bob.Coop, bob.Person, "first"); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Fatalf("Bob removing Ann's passkey: %v, want not found", err)
	}
	if err := s.RemovePasskey(ctx, ann.Coop, ann.Person, "first"); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdatePasskey(ctx, ann.Coop, ann.Person, "first", []byte("again")); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Fatalf("updating a removed passkey: %v, want not found", err)
	}
	got, err = s.Passkeys(ctx, ann.Coop, ann.Person)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != "second" {
		t.Fatalf("after removing: %+v", got)
	}
	bobs, err := s.Passkeys(ctx, bob.Coop, bob.Person)
	if err != nil || len(bobs) != 1 || bobs[0].ID != "bobs" {
		t.Fatalf("Bob's passkeys: %+v %v", bobs, err)
	}
}
