package dpcoop

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestKeepsAnAdmin(t *testing.T) {
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	ann := Access{Person: "ann", Roles: []Role{RoleAdmin}, Active: true}
	bob := Access{Person: "bob", Roles: []Role{RoleAdmin, RoleMember}, Active: true}
	cat := Access{Person: "cat", Roles: []Role{RoleMember}, Active: true}
	gone := bob.RevokedNow("ann", at)
	cases := []struct {
		name          string
		people        []Access
		before, after Access
		keeper        string
		last          bool
	}{
		{"the only admin's role", []Access{ann, cat}, ann, ann.WithoutRole(RoleAdmin), "", true},
		{"the only admin revoked", []Access{ann, cat}, ann, ann.RevokedNow("ann", at), "", true},
		{"a revoked admin does not count", []Access{ann, gone}, ann, ann.WithoutRole(RoleAdmin), "", true},
		{"another admin stays", []Access{ann, bob}, ann, ann.WithoutRole(RoleAdmin), "bob", false},
		{"a member's role", []Access{ann, cat}, cat, cat.WithoutRole(RoleMember), "", false},
		{"an admin's other role", []Access{bob}, bob, bob.WithoutRole(RoleMember), "", false},
	}
	for _, c := range cases {
		keeper, err := KeepsAnAdmin(c.people, c.before, c.after)
		if keeper != c.keeper || IsCode(err, CodeLastAdmin) != c.last {
			t.Errorf("%s: keeper %q, err %v", c.name, keeper, err)
		}
	}
}

func TestParseGrant(t *testing.T) {
	for _, c := range []struct {
		role   string
		adding bool
		code   string
	}{{"admin", true, ""}, {"member", false, ""}, {"member", true, FieldRoleNotGranted}, {"operator", false, FieldInvalid}, {"boss", true, FieldInvalid}, {" ", true, FieldRequired}} {
		_, err := ParseGrant(c.role, c.adding)
		got := ""
		if err != nil {
			got = ErrorOf(err).Fields[0].Code
		}
		if got != c.code {
			t.Errorf("%q adding=%v: %q, want %q", c.role, c.adding, got, c.code)
		}
	}
}

// records answers CheckAccess with one person's access record in co-op
// "demo", the only one.
type records AccessRecord

func (r records) CoopAndAccess(_ context.Context, p Principal) (Coop, AccessRecord, error) {
	if p.Coop != "demo" {
		return Coop{}, AccessRecord{}, E("read", KindNotFound, CodeNotFound)
	}
	return Coop{ID: p.Coop}, AccessRecord(r), nil
}

func TestCheckAccessFollowsTheRecord(t *testing.T) {
	p := Principal{Coop: "demo", Person: "bob", Roles: []Role{RoleAdmin, RoleMember}}
	for _, c := range []struct {
		name  string
		rec   AccessRecord
		roles []Role
		ended bool
	}{
		{"no record", AccessRecord{}, []Role{RoleAdmin, RoleMember}, false},
		{"admin taken away", AccessRecord{Roles: []Role{RoleMember}}, []Role{RoleMember}, false},
		{"every role taken away", AccessRecord{Roles: []Role{}}, []Role{}, false},
		{"ceased", AccessRecord{Ended: "2026-11-01"}, []Role{RoleMember}, true},
		{"revoked", AccessRecord{Ended: "2026-11-23", Revoked: true}, nil, true},
	} {
		in, err := CheckAccess(context.Background(), records(c.rec), p)
		if err != nil || !slices.Equal(in.Principal.Roles, c.roles) || (in.Ended != "") != c.ended || in.Coop.ID != "demo" {
			t.Errorf("%s: roles %v, ended %q, co-op %q, err %v", c.name, in.Principal.Roles, in.Ended, in.Coop.ID, err)
		}
	}
	gone := p
	gone.Coop = "gone"
	if _, err := CheckAccess(context.Background(), records{}, gone); !IsCode(err, CodeForbidden) {
		t.Errorf("a token of a co-op that does not exist: %v, want forbidden", err)
	}
}
