package local

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/web"
)

// Passkeys is make dev's passkeys, standing in for Cognito's WebAuthn
// sign-in: the relying party is "localhost", the ceremonies are checked by
// go-webauthn, and each credential is kept in the table under the person who
// added it. A passkey is discoverable: the user handle it returns names the
// co-op and person, so sign-in needs no email first.
type Passkeys struct {
	Store    *dynamo.Store
	WebAuthn *webauthn.WebAuthn
	Now      func() time.Time
}

var _ web.Passkeys = (*Passkeys)(nil)

// NewPasskeys is make dev's passkeys for pages served at origins (on
// localhost).
func NewPasskeys(store *dynamo.Store, origins []string, now func() time.Time) (*Passkeys, error) {
	wa, err := webauthn.New(&webauthn.Config{RPID: "localhost", RPDisplayName: "dpcoop", RPOrigins: origins})
	if err != nil {
		return nil, dpcoop.Wrap("passkeys", err)
	}
	return &Passkeys{Store: store, WebAuthn: wa, Now: now}, nil
}

// passkeyUser is a person as go-webauthn sees them. Their handle is
// "<coop>\x00<person>": ids, no personal data.
type passkeyUser struct {
	id    dpcoop.Identity
	keys  []dynamo.StoredPasskey
	creds []webauthn.Credential
}

func (u *passkeyUser) WebAuthnID() []byte                         { return []byte(string(u.id.Coop) + "\x00" + u.id.Person) }
func (u *passkeyUser) WebAuthnName() string                       { return u.id.Person }
func (u *passkeyUser) WebAuthnDisplayName() string                { return u.id.Person }
func (u *passkeyUser) WebAuthnCredentials() []webauthn.Credential { return u.creds }

// user reads the person's passkeys.
func (p *Passkeys) user(ctx context.Context, id dpcoop.Identity) (*passkeyUser, error) {
	keys, err := p.Store.Passkeys(ctx, id.Coop, id.Person)
	if err != nil {
		return nil, err
	}
	u := &passkeyUser{id: id, keys: keys}
	for _, k := range keys {
		var c webauthn.Credential
		if err := json.Unmarshal(k.Credential, &c); err != nil {
			return nil, dpcoop.Wrap("read passkey", err)
		}
		u.creds = append(u.creds, c)
	}
	return u, nil
}

// StartRegistration asks for a discoverable passkey that verifies the
// person (a PIN or biometric), not one of theirs already.
func (p *Passkeys) StartRegistration(ctx context.Context, id dpcoop.Identity, _ string) ([]byte, []byte, error) {
	u, err := p.user(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	var exclude []protocol.CredentialDescriptor
	for i := range u.creds {
		exclude = append(exclude, u.creds[i].Descriptor())
	}
	creation, session, err := p.WebAuthn.BeginRegistration(u,
		webauthn.WithAuthenticatorSelection(protocol.AuthenticatorSelection{
			ResidentKey: protocol.ResidentKeyRequirementRequired, UserVerification: protocol.VerificationRequired,
		}),
		webauthn.WithExclusions(exclude))
	if err != nil {
		return nil, nil, dpcoop.Wrap("start passkey", err)
	}
	return marshalCeremony(creation, session)
}

// FinishRegistration checks the browser's new credential against the
// ceremony and keeps it.
func (p *Passkeys) FinishRegistration(ctx context.Context, id dpcoop.Identity, _ string, state, credential []byte) error {
	var session webauthn.SessionData
	if len(state) == 0 || json.Unmarshal(state, &session) != nil {
		return dpcoop.WrongPasskey()
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(credential)
	if err != nil {
		return dpcoop.WrongPasskey()
	}
	u, err := p.user(ctx, id)
	if err != nil {
		return err
	}
	c, err := p.WebAuthn.CreateCredential(u, session, parsed)
	if err != nil {
		return dpcoop.WrongPasskey()
	}
	data, err := json.Marshal(c)
	if err != nil {
		return dpcoop.Wrap("keep passkey", err)
	}
	return p.Store.PutPasskey(ctx, dynamo.StoredPasskey{
		Passkey:  dpcoop.Passkey{ID: base64.RawURLEncoding.EncodeToString(c.ID), Added: p.Now()},
		Identity: id, Credential: data,
	})
}

// List is the person's passkeys.
func (p *Passkeys) List(ctx context.Context, pr dpcoop.Principal, _ string) ([]dpcoop.Passkey, error) {
	keys, err := p.Store.Passkeys(ctx, pr.Coop, pr.Person)
	if err != nil {
		return nil, err
	}
	out := make([]dpcoop.Passkey, len(keys))
	for i, k := range keys {
		out[i] = k.Passkey
	}
	return out, nil
}

// Remove removes one of the person's passkeys.
func (p *Passkeys) Remove(ctx context.Context, pr dpcoop.Principal, _, id string) error {
	return p.Store.RemovePasskey(ctx, pr.Coop, pr.Person, id)
}

// StartSignIn asks for any of our passkeys the device holds, verifying the
// person; it needs no email.
func (p *Passkeys) StartSignIn(context.Context, string) ([]byte, []byte, error) {
	assertion, session, err := p.WebAuthn.BeginDiscoverableLogin(webauthn.WithUserVerification(protocol.VerificationRequired))
	if err != nil {
		return nil, nil, dpcoop.Wrap("start passkey sign-in", err)
	}
	return marshalCeremony(assertion, session)
}

// FinishSignIn checks the assertion against the passkey its user handle and
// id name, keeps its new counter, and signs in as the identity it was added
// by.
func (p *Passkeys) FinishSignIn(ctx context.Context, state, credential []byte) ([]dpcoop.Identity, string, error) {
	var session webauthn.SessionData
	if len(state) == 0 || json.Unmarshal(state, &session) != nil {
		return nil, "", dpcoop.WrongPasskey()
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes(credential)
	if err != nil {
		return nil, "", dpcoop.WrongPasskey()
	}
	var found *passkeyUser
	var readErr error
	_, c, err := p.WebAuthn.ValidatePasskeyLogin(func(_, handle []byte) (webauthn.User, error) {
		coop, person, ok := strings.Cut(string(handle), "\x00")
		if !ok {
			return nil, dpcoop.WrongPasskey()
		}
		found, readErr = p.user(ctx, dpcoop.Identity{Coop: dpcoop.CoopID(coop), Person: person})
		if readErr != nil {
			return nil, readErr
		}
		return found, nil
	}, session, parsed)
	if readErr != nil {
		return nil, "", readErr
	}
	if err != nil || found == nil {
		return nil, "", dpcoop.WrongPasskey()
	}
	for i, k := range found.keys {
		if !bytes.Equal(found.creds[i].ID, c.ID) {
			continue
		}
		data, err := json.Marshal(c)
		if err != nil {
			return nil, "", dpcoop.Wrap("keep passkey", err)
		}
		if err := p.Store.UpdatePasskey(ctx, k.Identity.Coop, k.Identity.Person, k.ID, data); err != nil {
			if dpcoop.IsKind(err, dpcoop.KindNotFound) {
				return nil, "", dpcoop.WrongPasskey()
			}
			return nil, "", err
		}
		return []dpcoop.Identity{k.Identity}, "", nil
	}
	return nil, "", dpcoop.WrongPasskey()
}

// marshalCeremony is a ceremony's options for the browser and its state for
// the session.
func marshalCeremony(options any, session *webauthn.SessionData) ([]byte, []byte, error) {
	o, err := json.Marshal(options)
	if err != nil {
		return nil, nil, dpcoop.Wrap("passkey options", err)
	}
	s, err := json.Marshal(session)
	if err != nil {
		return nil, nil, dpcoop.Wrap("passkey state", err)
	}
	return o, s, nil
}

// Forget has nothing to revoke: make dev's sign-in leaves no grant.
func (p *Passkeys) Forget(context.Context, string) error { return nil }
