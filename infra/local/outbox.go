package local

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Outbox stands in for Cognito's invitation emails in make dev: each
// invitation is written to outbox/invitations.jsonl, and the log says how to
// get a token for that person.
type Outbox struct {
	mu  sync.Mutex
	dir string
	log *slog.Logger
}

var _ dpcoop.Identities = (*Outbox)(nil)

// Invite records a local identity; the person signs in with make token.
func (o *Outbox) Invite(ctx context.Context, p dpcoop.Person) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return dpcoop.Wrap("local invite", err)
	}
	f, err := os.OpenFile(filepath.Join(o.dir, "invitations.jsonl"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return dpcoop.Wrap("local invite", err)
	}
	defer f.Close()
	line, _ := json.Marshal(map[string]string{
		"coop": string(p.Coop), "person": p.ID, "role": string(p.Role), "email": p.Email, "language": string(p.Language),
	})
	if _, err := f.Write(append(line, '\n')); err != nil {
		return dpcoop.Wrap("local invite", err)
	}
	o.log.InfoContext(ctx, "local identity created", slog.String("coop", string(p.Coop)), slog.String("role", string(p.Role)),
		slog.String("token", fmt.Sprintf("make token COOP=%s ROLE=%s SUB=%s", p.Coop, p.Role, p.ID)))
	return nil
}
