package dynamo_test

import (
	"context"
	"slices"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestTwoAdminsRemovingEachOtherKeepOne: two admins, each having read the
// other as an active admin, take each other's admin role; the second write
// finds its keeper no longer an admin and is refused, so one admin stays.
// A write over a version read before another is refused too.
func TestTwoAdminsRemovingEachOtherKeepOne(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mustCoop(t, s, "alpha")
	people, err := s.People(ctx, "alpha")
	if err != nil || len(people) != 1 || !people[0].ActiveAdmin() {
		t.Fatalf("the first admin: %+v %v", people, err)
	}
	ann := people[0]
	bob, err := s.PutAccess(ctx, "alpha", dpcoop.Access{Person: "bob", Email: "bob@example.org", Language: dpcoop.Welsh, Roles: []dpcoop.Role{dpcoop.RoleAdmin}, Active: true}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutAccess(ctx, "alpha", ann.WithoutRole(dpcoop.RoleAdmin), bob.Person); err != nil {
		t.Fatal(err)
	}
	_, err = s.PutAccess(ctx, "alpha", bob.WithoutRole(dpcoop.RoleAdmin), ann.Person)
	wantKind(t, err, dpcoop.KindConflict, dpcoop.CodeLastAdmin)
	_, err = s.PutAccess(ctx, "alpha", ann.RevokedNow("bob", now), bob.Person) // ann's version is stale
	wantKind(t, err, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)

	rec, err := s.AccessRecord(ctx, "alpha", ann.Person)
	if err != nil || rec.Roles == nil || len(rec.Roles) != 0 || rec.Revoked {
		t.Fatalf("ann's access record: %+v %v", rec, err)
	}
	if got, _ := s.Access(ctx, "alpha", "bob"); !got.ActiveAdmin() {
		t.Fatalf("bob lost the role: %+v", got)
	}
	bob, _ = s.Access(ctx, "alpha", "bob")
	if _, err := s.PutAccess(ctx, "alpha", bob.RevokedNow(ann.Person, now), ""); err != nil {
		t.Fatal(err)
	}
	rec, _ = s.AccessRecord(ctx, "alpha", "bob")
	if !rec.Revoked || rec.Ended != dpcoop.DateOf(now) || !slices.Equal(rec.Roles, []dpcoop.Role{dpcoop.RoleAdmin}) {
		t.Fatalf("bob's access record: %+v", rec)
	}
	if people, _ = s.People(ctx, "alpha"); slices.ContainsFunc(people, func(a dpcoop.Access) bool { return a.Person == "bob" && a.Active }) {
		t.Fatalf("bob still active: %+v", people)
	}
}

// TestEndingAccessKeepsARevocation: a person revoked, then recorded as
// having left, stays revoked with their roles as they were: ending access
// only adds the day it ended.
func TestEndingAccessKeepsARevocation(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mustCoop(t, s, "alpha")
	people, err := s.People(ctx, "alpha")
	if err != nil || len(people) != 1 {
		t.Fatalf("%+v %v", people, err)
	}
	pa, err := s.PutAccess(ctx, "alpha", dpcoop.Access{Person: "pa1", Email: "pa1@example.org", Language: dpcoop.Welsh, Roles: []dpcoop.Role{dpcoop.RolePA}, Active: true}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutAccess(ctx, "alpha", pa.RevokedNow(people[0].Person, now), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PALeaves(ctx, "alpha", "pa1", dpcoop.DateOf(now)); err != nil {
		t.Fatal(err)
	}
	rec, err := s.AccessRecord(ctx, "alpha", "pa1")
	if err != nil || !rec.Revoked || rec.Ended != dpcoop.DateOf(now) || !slices.Equal(rec.Roles, []dpcoop.Role{dpcoop.RolePA}) {
		t.Fatalf("after revoking and leaving: %+v %v; want still revoked, ended, roles kept", rec, err)
	}
}
