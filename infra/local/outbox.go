package local

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
)

// Outbox stands in for Cognito's invitation emails in make dev: each
// invitation is written to outbox/invitations.jsonl and recorded as a local
// identity (whom the email signs in as on the pages), and the log says how
// to get a token for that person.
type Outbox struct {
	mu         sync.Mutex
	dir        string
	log        *slog.Logger
	identities *dynamo.Store
}

var _ dpcoop.Identities = (*Outbox)(nil)

// Invite records a local identity; the person signs in on the pages with a
// code, or to the API with make token.
func (o *Outbox) Invite(ctx context.Context, p dpcoop.Person) error {
	if err := o.append("invitations.jsonl", map[string]string{
		"coop": string(p.Coop), "person": p.ID, "role": string(p.Role), "email": p.Email, "language": string(p.Language),
	}); err != nil {
		return dpcoop.Wrap("local invite", err)
	}
	if err := o.identities.AddIdentity(ctx, p); err != nil {
		return err
	}
	o.log.InfoContext(ctx, "local identity created", slog.String("coop", string(p.Coop)), slog.String("role", string(p.Role)),
		slog.String("token", fmt.Sprintf("make token COOP=%s ROLE=%s SUB=%s", p.Coop, p.Role, p.ID)))
	return nil
}

// Revoke records that the person may no longer sign in: make token then
// refuses them, as Cognito refuses a disabled user.
func (o *Outbox) Revoke(ctx context.Context, p dpcoop.Person) error {
	if err := o.append(revocationsFile, map[string]string{"coop": string(p.Coop), "person": p.ID}); err != nil {
		return dpcoop.Wrap("local revoke", err)
	}
	o.log.InfoContext(ctx, "local identity revoked", slog.String("coop", string(p.Coop)))
	return nil
}

// Reinstate records that the person may sign in again, as Cognito enables
// a disabled user: make token accepts them again.
func (o *Outbox) Reinstate(ctx context.Context, p dpcoop.Person) error {
	if err := o.append(revocationsFile, map[string]string{"coop": string(p.Coop), "person": p.ID, "reinstated": "true"}); err != nil {
		return dpcoop.Wrap("local reinstate", err)
	}
	o.log.InfoContext(ctx, "local identity reinstated", slog.String("coop", string(p.Coop)))
	return nil
}

// Update moves the person's local identity to their new email and
// language, as Cognito updates a user's attributes.
func (o *Outbox) Update(ctx context.Context, was, now dpcoop.Person) error {
	return o.identities.MoveIdentity(ctx, was, now)
}

// RemoveRole takes the role from the person's local identity, as Cognito
// takes a user out of a group: their next sign-in no longer has it.
func (o *Outbox) RemoveRole(ctx context.Context, p dpcoop.Person) error {
	return o.identities.RemoveIdentityRole(ctx, p)
}

const revocationsFile = "revocations.jsonl"

// Revoked reports whether the person's local identity in the data folder dir
// is revoked: the last line about them revoked it and did not reinstate it.
func Revoked(dir string, coop dpcoop.CoopID, person string) (bool, error) {
	b, err := os.ReadFile(filepath.Join(dir, "outbox", revocationsFile))
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	revoked := false
	for line := range bytes.Lines(b) {
		var r struct{ Coop, Person, Reinstated string }
		if json.Unmarshal(line, &r) == nil && r.Coop == string(coop) && r.Person == person {
			revoked = r.Reinstated == ""
		}
	}
	return revoked, nil
}

// append adds one JSON line to a file of the outbox.
func (o *Outbox) append(name string, v map[string]string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(o.dir, name), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	line, _ := json.Marshal(v) // strings only
	_, err = f.Write(append(line, '\n'))
	return err
}
