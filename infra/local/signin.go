package local

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/web"
)

// Codes is make dev's sign-in by email code, standing in for Cognito's email
// OTP: the code's hash is kept in the table (expiring, with limited
// attempts) and the code itself "delivered" to outbox/codes.jsonl and the
// console. Whom an email signs in as comes from the local identities the
// outbox and the seed record.
type Codes struct {
	Store  *dynamo.Store
	Outbox *Outbox
	Now    func() time.Time
}

var _ web.SignIn = (*Codes)(nil)

// How long a code works and how many tries it allows, as Cognito's email
// OTP does (a code lasts minutes, a few wrong tries end it).
const (
	codeLife     = 10 * time.Minute
	codeAttempts = 5
)

// Send writes a new code for an email someone signs in with; for an unknown
// address it does nothing.
func (c *Codes) Send(ctx context.Context, email string, _ dpcoop.Lang) (string, error) {
	ids, err := c.Store.IdentitiesByEmail(ctx, email)
	if err != nil || len(ids) == 0 {
		return "", err
	}
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", dpcoop.Wrap("make code", err)
	}
	code := fmt.Sprintf("%06d", n.Int64())
	now := c.Now()
	if err := c.Store.PutSignInCode(ctx, email, codeHash(email, code), now.Add(codeLife)); err != nil {
		return "", err
	}
	if err := c.Outbox.append("codes.jsonl", map[string]string{
		"email": strings.ToLower(strings.TrimSpace(email)), "code": code, "expires": now.Add(codeLife).UTC().Format(time.RFC3339),
	}); err != nil {
		return "", dpcoop.Wrap("local code", err)
	}
	// make dev's console is the local inbox: the code is printed there.
	c.Outbox.log.InfoContext(ctx, "local sign-in code", slog.String("code", code), slog.String("outbox", "outbox/codes.jsonl"))
	return "", nil
}

// Verify checks a code against the latest one sent, counting the attempt.
// make dev's sign-in leaves no grant: its passkeys need none.
func (c *Codes) Verify(ctx context.Context, email, _, code string) ([]dpcoop.Identity, string, error) {
	stored, err := c.Store.AttemptSignInCode(ctx, email, codeAttempts, c.Now())
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return nil, "", dpcoop.WrongCode()
	}
	if err != nil {
		return nil, "", err
	}
	if subtle.ConstantTimeCompare([]byte(stored), []byte(codeHash(email, code))) != 1 {
		return nil, "", dpcoop.WrongCode()
	}
	if err := c.Store.UseSignInCode(ctx, email); err != nil {
		return nil, "", err
	}
	ids, err := c.Store.IdentitiesByEmail(ctx, email)
	return ids, "", err
}

func codeHash(email, code string) string {
	return dpcoop.Fingerprint("code", strings.ToLower(strings.TrimSpace(email)), code)
}
