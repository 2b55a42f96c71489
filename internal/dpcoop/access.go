package dpcoop

import (
	"slices"
	"strings"
	"time"
)

// Access is one person's sign-in to their co-op, as the admins manage it:
// who they are, the roles they hold and whether their access was revoked.
// Everyone who was ever invited keeps a record; a revoked one stays listed.
type Access struct {
	Person    string    `json:"id"`
	Name      string    `json:"name,omitempty"`
	Email     string    `json:"email"`
	Language  Lang      `json:"language"`
	Roles     []Role    `json:"roles"`
	Active    bool      `json:"active"`
	Revoked   time.Time `json:"revoked,omitzero"`
	RevokedBy string    `json:"revoked_by,omitempty"`
	// Ended is the day the person's membership ceased or they left (their
	// access ended with it), empty while it lasts.
	Ended Date `json:"ended,omitempty"`
	// Version counts the record's writes, so a change is written only over
	// the version it was made from.
	Version int `json:"-"`
}

// ActiveAdmin reports whether the person may act as an admin now.
func (a Access) ActiveAdmin() bool { return a.Active && slices.Contains(a.Roles, RoleAdmin) }

// Invitee is whom the sign-in provider invites, or changes, for role r.
func (a Access) Invitee(coop CoopID, r Role) Person {
	return Person{ID: a.Person, Coop: coop, Email: a.Email, Role: r, Language: a.Language}
}

// AdminInvite is what an admin gives to invite another person as an admin.
type AdminInvite struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	Language string `json:"language"`
}

// Validate checks an invitation and returns the access it grants. The
// person's id is derived from the co-op and the email, whatever its case, so
// inviting the same address again finds the same person.
func (in AdminInvite) Validate(coop CoopID) (Access, error) {
	var p Problems
	name := requireName(&p, "name", in.Name, MaxNameLen)
	email := requireEmail(&p, "email", in.Email)
	lang := requireLang(&p, "language", in.Language)
	if err := p.Err("invite admin"); err != nil {
		return Access{}, err
	}
	return Access{
		Person: PersonID(coop, email), Name: name, Email: email, Language: lang,
		Roles: []Role{RoleAdmin}, Active: true,
	}, nil
}

// PersonID is the id of the person an email address signs in as, in a
// co-op, when an admin invites them.
func PersonID(coop CoopID, email string) string {
	return DerivedID("person", string(coop), strings.ToLower(strings.TrimSpace(email)))
}

// GrantableRoles are the roles an admin may add to someone: only admin.
// Members and PAs get theirs when their application is approved or they are
// hired, from the register and the PA records; an operator is the
// platform's, never a co-op's.
var GrantableRoles = []Role{RoleAdmin}

// ParseGrant reads a role an admin asks to add or remove, as the field
// "role": adding only a grantable one, removing any co-op role.
func ParseGrant(s string, adding bool) (Role, error) {
	var p Problems
	r, ok := ParseRole(s)
	switch {
	case strings.TrimSpace(s) == "":
		p.Add("role", FieldRequired)
	case !ok || r == RoleOperator:
		p.Add("role", FieldInvalid)
	case adding && !slices.Contains(GrantableRoles, r):
		p.Add("role", FieldRoleNotGranted)
	}
	return r, p.Err("change role")
}

// WithRole is the access with role r added (unchanged if held).
func (a Access) WithRole(r Role) Access {
	if !slices.Contains(a.Roles, r) {
		a.Roles = append(slices.Clone(a.Roles), r)
		slices.Sort(a.Roles)
	}
	return a
}

// WithoutRole is the access with role r removed.
func (a Access) WithoutRole(r Role) Access {
	a.Roles = slices.DeleteFunc(slices.Clone(a.Roles), func(x Role) bool { return x == r })
	return a
}

// RevokedNow is the access revoked by an admin at a time: the person keeps
// their record and roles, but may no longer sign in.
func (a Access) RevokedNow(by string, at time.Time) Access {
	a.Active, a.Revoked, a.RevokedBy = false, at.UTC(), by
	return a
}

// Reinstated is revoked access given back by an admin: the person signs in
// again with the roles they kept. Access that ended because the person left
// (a member ceased, a PA left) is not given back this way: a member applies
// again, a PA is hired again.
func (a Access) Reinstated() (Access, error) {
	if a.Ended != "" {
		return a, E("reinstate access", KindConflict, CodePersonLeft)
	}
	a.Active, a.Revoked, a.RevokedBy = true, time.Time{}, ""
	return a, nil
}

// KeepsAnAdmin checks that after changes the co-op still has an active
// admin: it returns another active admin than the person changed (who must
// still be one when the change is written), or the last_admin conflict. The
// change itself need not take anyone's admin role: then keeper is empty.
func KeepsAnAdmin(people []Access, before, after Access) (keeper string, err error) {
	if !before.ActiveAdmin() || after.ActiveAdmin() {
		return "", nil
	}
	for _, o := range people {
		if o.Person != before.Person && o.ActiveAdmin() {
			return o.Person, nil
		}
	}
	return "", E("change access", KindConflict, CodeLastAdmin)
}

// AccessRecord is what every signed-in request reads about its person: the
// day their access ended (their membership ceased or they left), whether an
// admin revoked it, and the roles an admin left them (nil: as the token
// says).
type AccessRecord struct {
	Ended   Date
	Revoked bool
	Roles   []Role
}
