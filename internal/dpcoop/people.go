package dpcoop

import (
	"context"
	"slices"
	"strings"
)

// Role is what a signed-in person may do in their co-op; the token carries it.
type Role string

// The roles of the service (domain.md, "People and roles").
const (
	RoleAdmin    Role = "admin"
	RoleMember   Role = "member"
	RolePA       Role = "pa"
	RoleOperator Role = "operator"
)

// Roles lists every role, for checks and for the permissions matrix.
var Roles = []Role{RoleAdmin, RoleMember, RolePA, RoleOperator}

// ParseRole accepts only a known role.
func ParseRole(s string) (Role, bool) {
	r := Role(strings.TrimSpace(s))
	return r, slices.Contains(Roles, r)
}

// Principal is the verified caller: the co-op (tenant) and person come from the
// token and nowhere else, so no body or path can widen what a caller reaches.
type Principal struct {
	Coop   CoopID
	Person string
	Roles  []Role
}

// Has reports whether the caller holds role r.
func (p Principal) Has(r Role) bool { return slices.Contains(p.Roles, r) }

// MaySee reports whether the caller may see a person's own records: an
// admin sees everyone's, anyone else only their own.
func (p Principal) MaySee(person string) bool {
	return p.Has(RoleAdmin) || p.Person == person
}

// HasAny reports whether the caller holds any of rs.
func (p Principal) HasAny(rs ...Role) bool {
	return slices.ContainsFunc(rs, p.Has)
}

// Admin refuses op to anyone who is not one of the co-op's admins: each
// application service checks it itself, whichever adapter (the JSON API,
// the pages) called it.
func (p Principal) Admin(op string) error {
	if !p.Has(RoleAdmin) {
		return E(op, KindForbidden, CodeForbidden)
	}
	return nil
}

// Person is someone who signs in: a co-op's first admin, and later members and
// PAs invited when their application is approved.
type Person struct {
	ID       string
	Coop     CoopID
	Email    string
	Role     Role
	Language Lang
	Name     string // for the co-op's list of people
}

// Identity is whom an email address may sign in as: one person in one co-op,
// with their roles and language. A person in several co-ops has one each.
type Identity struct {
	Coop     CoopID
	Person   string
	Roles    []Role
	Language Lang
}

// Principal is the identity as the acting person the services take.
func (i Identity) Principal() Principal {
	return Principal{Coop: i.Coop, Person: i.Person, Roles: i.Roles}
}

// AccessRecords tell whether a person's access to their co-op ended, was
// revoked, or lost roles, read together with the co-op itself.
type AccessRecords interface {
	// CoopAndAccess reads p's co-op and p's access record in one request,
	// strongly consistent: not found if the co-op does not exist.
	CoopAndAccess(ctx context.Context, p Principal) (Coop, AccessRecord, error)
}

// SignedIn is what the check of a signed-in request found: the acting person
// with the roles they keep, their co-op, and the day their access ended
// (empty while it lasts).
type SignedIn struct {
	Principal Principal
	Coop      Coop
	Ended     Date
}

// CheckAccess reads p's co-op and access record, as every signed-in request
// must, so a sign-in stops working as soon as the person ceases, leaves or is
// revoked, and a role an admin took away stops working at once. Once their
// access ended, p keeps only the member and PA roles (to read their own
// records, as the law allows) and Ended says since when; once revoked, p
// keeps no role. A token whose co-op does not exist is refused.
func CheckAccess(ctx context.Context, s AccessRecords, p Principal) (SignedIn, error) {
	c, rec, err := s.CoopAndAccess(ctx, p)
	if IsKind(err, KindNotFound) {
		return SignedIn{}, E("authorise", KindForbidden, CodeForbidden)
	}
	if err != nil {
		return SignedIn{}, err
	}
	if rec.Roles != nil {
		p.Roles = slices.DeleteFunc(slices.Clone(p.Roles), func(r Role) bool { return !slices.Contains(rec.Roles, r) })
	}
	switch {
	case rec.Revoked:
		p.Roles = nil
	case rec.Ended != "":
		p.Roles = slices.DeleteFunc(slices.Clone(p.Roles), func(r Role) bool { return r != RoleMember && r != RolePA })
	}
	return SignedIn{Principal: p, Coop: c, Ended: rec.Ended}, nil
}

// WrongCode is the answer to a sign-in code that is wrong, expired or used
// up, whichever sign-in checked it: a problem with the field "code".
func WrongCode() error {
	var p Problems
	p.Add("code", FieldInvalid)
	return p.Err("verify code")
}
