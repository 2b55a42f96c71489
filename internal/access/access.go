// Package access is who can sign in to a co-op, as an application service:
// the admins list the people, invite another admin, add or take away a role
// and revoke someone's access, never leaving the co-op without an admin.
// The sign-in provider (Cognito, or make dev's local identities) follows
// each change, and each change goes in the audit trail.
package access

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/audit"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Service manages a co-op's people.
type Service struct {
	Store      dpcoop.People
	Identities dpcoop.Identities
	Audit      *audit.Service
}

// The audit trail's names of the changes, the same whichever adapter (the
// JSON API or the pages) made them: the API's route keys.
const (
	ActionInvite     = "POST /v1/people"
	ActionAddRole    = "POST /v1/people/{id}/roles"
	ActionRemoveRole = "DELETE /v1/people/{id}/roles/{role}"
	ActionRevoke     = "POST /v1/people/{id}/revoke"
	ActionReinstate  = "POST /v1/people/{id}/reinstate"
)

// People lists everyone who was invited to the acting admin's co-op, the
// active first, then by email.
func (s *Service) People(ctx context.Context, p dpcoop.Principal) ([]dpcoop.Access, error) {
	if err := p.Admin("read people"); err != nil {
		return nil, err
	}
	people, err := s.Store.People(ctx, p.Coop)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(people, func(a, b dpcoop.Access) int {
		if a.Active != b.Active {
			if a.Active {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Email, b.Email)
	})
	return people, nil
}

// Person reads one person's access.
func (s *Service) Person(ctx context.Context, p dpcoop.Principal, id string) (dpcoop.Access, error) {
	if err := p.Admin("read person"); err != nil {
		return dpcoop.Access{}, err
	}
	return s.Store.Access(ctx, p.Coop, id)
}

// InviteAdmin invites a person as an admin: someone already invited (by
// email) gains the admin role, anyone else a new record. Inviting again
// changes nothing and invites them again, so a retry after a failure
// completes it; created is false then. A revoked person is not reinstated
// this way: their access stays revoked.
func (s *Service) InviteAdmin(ctx context.Context, p dpcoop.Principal, in dpcoop.AdminInvite, now time.Time) (dpcoop.Access, bool, error) {
	const op = "invite admin"
	if err := p.Admin(op); err != nil {
		return dpcoop.Access{}, false, err
	}
	a, err := in.Validate(p.Coop)
	if err != nil {
		return dpcoop.Access{}, false, err
	}
	people, err := s.Store.People(ctx, p.Coop)
	if err != nil {
		return dpcoop.Access{}, false, err
	}
	created := true
	if i := slices.IndexFunc(people, func(o dpcoop.Access) bool { return strings.EqualFold(o.Email, a.Email) }); i >= 0 {
		before := people[i]
		if !before.Revoked.IsZero() {
			return dpcoop.Access{}, false, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeAccessRevoked)
		}
		a, created = before.WithRole(dpcoop.RoleAdmin), !slices.Contains(before.Roles, dpcoop.RoleAdmin)
		if a.Name == "" {
			a.Name = in.Name
		}
	}
	if created {
		if a, err = s.Store.PutAccess(ctx, p.Coop, a, ""); err != nil {
			return dpcoop.Access{}, false, err
		}
	}
	if err := s.Identities.Invite(ctx, a.Invitee(p.Coop, dpcoop.RoleAdmin)); err != nil {
		return dpcoop.Access{}, false, err
	}
	return a, created, s.record(ctx, p, now, ActionInvite, created, map[string]string{"id": a.Person, "role": string(dpcoop.RoleAdmin)})
}

// AddRole gives a person a role an admin may grant (admin).
func (s *Service) AddRole(ctx context.Context, p dpcoop.Principal, id, role string, now time.Time) (dpcoop.Access, error) {
	r, err := dpcoop.ParseGrant(role, true)
	if err != nil {
		return dpcoop.Access{}, err
	}
	return s.change(ctx, p, id, ActionAddRole, r, now, func(a dpcoop.Access) (dpcoop.Access, error) {
		switch {
		case a.Ended != "":
			return a, dpcoop.E("add role", dpcoop.KindConflict, dpcoop.CodePersonLeft)
		case !a.Revoked.IsZero():
			return a, dpcoop.E("add role", dpcoop.KindConflict, dpcoop.CodeAccessRevoked)
		}
		return a.WithRole(r), nil
	})
}

// RemoveRole takes a role from a person, unless it is the last active
// admin's admin role.
func (s *Service) RemoveRole(ctx context.Context, p dpcoop.Principal, id, role string, now time.Time) (dpcoop.Access, error) {
	r, err := dpcoop.ParseGrant(role, false)
	if err != nil {
		return dpcoop.Access{}, err
	}
	return s.change(ctx, p, id, ActionRemoveRole, r, now, func(a dpcoop.Access) (dpcoop.Access, error) {
		return a.WithoutRole(r), nil
	})
}

// Revoke ends a person's sign-in at once: every session and token of theirs
// stops working on its next request, and they cannot sign in again. The
// last active admin cannot be revoked. Revoking again changes nothing.
func (s *Service) Revoke(ctx context.Context, p dpcoop.Principal, id string, now time.Time) (dpcoop.Access, error) {
	return s.change(ctx, p, id, ActionRevoke, "", now, func(a dpcoop.Access) (dpcoop.Access, error) {
		if !a.Revoked.IsZero() {
			return a, nil
		}
		return a.RevokedNow(p.Person, now), nil
	})
}

// Reinstate gives back access an admin revoked, by mistake or once the
// reason has passed: the person signs in again with the roles they kept.
// Access that ended because the person left is refused (person_left).
// Reinstating someone whose access lasts changes nothing.
func (s *Service) Reinstate(ctx context.Context, p dpcoop.Principal, id string, now time.Time) (dpcoop.Access, error) {
	return s.change(ctx, p, id, ActionReinstate, "", now, func(a dpcoop.Access) (dpcoop.Access, error) {
		if a.Active {
			return a, nil
		}
		return a.Reinstated()
	})
}

// change applies one change to a person's record over the version read,
// keeping an active admin, then has the sign-in provider follow it (also
// when nothing changed, so a retry completes what a failure left) and
// records it.
func (s *Service) change(ctx context.Context, p dpcoop.Principal, id, action string, role dpcoop.Role, now time.Time, apply func(dpcoop.Access) (dpcoop.Access, error)) (dpcoop.Access, error) {
	if err := p.Admin("change access"); err != nil {
		return dpcoop.Access{}, err
	}
	people, err := s.Store.People(ctx, p.Coop)
	if err != nil {
		return dpcoop.Access{}, err
	}
	i := slices.IndexFunc(people, func(a dpcoop.Access) bool { return a.Person == id })
	if i < 0 {
		return dpcoop.Access{}, dpcoop.E("change access", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	before := people[i]
	after, err := apply(before)
	if err != nil {
		return dpcoop.Access{}, err
	}
	changed := !slices.Equal(before.Roles, after.Roles) || before.Revoked != after.Revoked
	if changed {
		keeper, err := dpcoop.KeepsAnAdmin(people, before, after)
		if err != nil {
			return dpcoop.Access{}, err
		}
		if after, err = s.Store.PutAccess(ctx, p.Coop, after, keeper); err != nil {
			return dpcoop.Access{}, err
		}
	}
	switch action {
	case ActionAddRole:
		err = s.Identities.Invite(ctx, after.Invitee(p.Coop, role))
	case ActionRemoveRole:
		err = s.Identities.RemoveRole(ctx, after.Invitee(p.Coop, role))
	case ActionRevoke:
		err = s.Identities.Revoke(ctx, after.Invitee(p.Coop, ""))
	case ActionReinstate:
		err = s.Identities.Reinstate(ctx, after.Invitee(p.Coop, ""))
	}
	if err != nil {
		return dpcoop.Access{}, err
	}
	target := map[string]string{"id": id}
	if role != "" {
		target["role"] = string(role)
	}
	return after, s.record(ctx, p, now, action, changed, target)
}

// record adds a change to the audit trail; nothing changed, nothing is
// recorded.
func (s *Service) record(ctx context.Context, p dpcoop.Principal, now time.Time, action string, changed bool, target map[string]string) error {
	if !changed || s.Audit == nil {
		return nil
	}
	status := http.StatusOK
	if action == ActionInvite {
		status = http.StatusCreated
	}
	return s.Audit.Record(ctx, p, dpcoop.AuditEntry{ID: dpcoop.NewID(), At: now.UTC(), Action: action, Target: target, Status: status})
}

// Recorder keeps a person's access record whenever anyone is invited (a
// co-op's first admin, a member approved, a PA hired), then invites them:
// the people list shows everyone who can sign in.
type Recorder struct {
	Store      dpcoop.People
	Identities dpcoop.Identities
}

var _ dpcoop.Identities = Recorder{}

// Invite records the person, or adds the role to their record, then has the
// sign-in provider invite them.
func (r Recorder) Invite(ctx context.Context, p dpcoop.Person) error {
	a, err := r.Store.Access(ctx, p.Coop, p.ID)
	switch {
	case dpcoop.IsKind(err, dpcoop.KindNotFound):
		a = dpcoop.Access{Person: p.ID, Name: p.Name, Email: p.Email, Language: p.Language, Active: true}
	case err != nil:
		return err
	}
	if !slices.Contains(a.Roles, p.Role) {
		if _, err := r.Store.PutAccess(ctx, p.Coop, a.WithRole(p.Role), ""); err != nil {
			return err
		}
	}
	return r.Identities.Invite(ctx, p)
}

// Revoke has the sign-in provider revoke the person (a member ceased, a PA
// who left: their access record says so already).
func (r Recorder) Revoke(ctx context.Context, p dpcoop.Person) error {
	return r.Identities.Revoke(ctx, p)
}

// Reinstate has the sign-in provider enable the person again.
func (r Recorder) Reinstate(ctx context.Context, p dpcoop.Person) error {
	return r.Identities.Reinstate(ctx, p)
}

// RemoveRole has the sign-in provider take the role away.
func (r Recorder) RemoveRole(ctx context.Context, p dpcoop.Person) error {
	return r.Identities.RemoveRole(ctx, p)
}

// Update has the sign-in provider move the person to their new email or
// language, then brings their access record (the people list) into line.
// A retry after either step failed does both again, to the same end.
func (r Recorder) Update(ctx context.Context, was, now dpcoop.Person) error {
	if err := r.Identities.Update(ctx, was, now); err != nil {
		return err
	}
	a, err := r.Store.Access(ctx, now.Coop, now.ID)
	switch {
	case dpcoop.IsKind(err, dpcoop.KindNotFound):
		return nil // never invited
	case err != nil:
		return err
	case a.Email == now.Email && a.Language == now.Language && a.Name == now.Name:
		return nil
	}
	a.Email, a.Language, a.Name = now.Email, now.Language, now.Name
	_, err = r.Store.PutAccess(ctx, now.Coop, a, "")
	return err
}
