// Package signup is the public side of the service as an application
// service: a co-op signing up (its first admin invited to sign in), what a
// co-op's own website needs to show its application form, and a membership
// application sent from that form. Nobody is signed in: the co-op comes from
// the path, and a bot is answered as if it were a person (the honeypot).
package signup

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Store is what the service reads and writes.
type Store interface {
	Coop(ctx context.Context, id dpcoop.CoopID) (dpcoop.Coop, error)
	CreateCoop(ctx context.Context, c dpcoop.Coop, admin dpcoop.Person, fingerprint string) (dpcoop.Coop, dpcoop.Person, error)
	AddApplication(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Application) (dpcoop.Application, bool, error)
	SetTurnstile(ctx context.Context, id dpcoop.CoopID, secret string) error
}

// Service answers the public.
type Service struct {
	Store Store
	// Identities invites a new co-op's first admin to sign in.
	Identities dpcoop.Identities
	// HumanCheck verifies Cloudflare Turnstile for co-ops that ask for it
	// (nil: off).
	HumanCheck dpcoop.HumanCheck
}

// Request is what every public post carries besides its answers: its
// idempotency key (from the header or the form's nonce; "" for none) and
// whether the hidden honeypot field was filled.
type Request struct {
	Key      string
	Honeypot bool
}

// CreateCoop registers a new co-op with the hosted service and invites its
// first admin; the same request again returns the same co-op. A bot that
// filled the honeypot is answered exactly as if it had been stored (the same
// kind of ids, derived as a real one is), storing nothing and inviting no
// one, so it cannot tell it was caught.
func (s *Service) CreateCoop(ctx context.Context, in dpcoop.CoopSignup, req Request, now time.Time) (dpcoop.Coop, dpcoop.Person, error) {
	c, err := in.Validate(now)
	if err != nil {
		return dpcoop.Coop{}, dpcoop.Person{}, err
	}
	canonical, _ := json.Marshal(in) // plain strings: cannot fail
	fp := dpcoop.Fingerprint("coop", req.Key, string(canonical))
	admin := dpcoop.Person{ID: dpcoop.DerivedID("admin", fp), Coop: c.ID, Email: c.ContactEmail, Role: dpcoop.RoleAdmin, Language: c.Language}
	if req.Honeypot {
		return c, admin, nil
	}
	if c, admin, err = s.Store.CreateCoop(ctx, c, admin, fp); err != nil {
		return dpcoop.Coop{}, dpcoop.Person{}, err
	}
	return c, admin, s.Identities.Invite(ctx, admin)
}

// Coop is a co-op named in a public path; a malformed slug is simply not
// found.
func (s *Service) Coop(ctx context.Context, slug string) (dpcoop.Coop, error) {
	if !ValidSlug(slug) {
		return dpcoop.Coop{}, dpcoop.E("read coop", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return s.Store.Coop(ctx, dpcoop.CoopID(slug))
}

// ValidSlug is a cheap check of a path's slug before it is used in a key
// or a rate limit.
func ValidSlug(slug string) bool {
	return len(slug) <= 40 && slug != "" && strings.Trim(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
}

// Human is the answer of a human check: the widget's token and the
// sender's address.
type Human struct {
	Token, SourceIP string
}

// TurnstileField is the field Cloudflare Turnstile's widget adds to a form.
const TurnstileField = "cf-turnstile-response"

// Apply takes a membership application for co-op c from its own website.
// One submit, however often repeated, is one application: without a key,
// the same answers on the same day are the same application, so a double
// click never makes two. found are problems the adapter already found in the
// form (a yes/no it could not read), reported with the form's own.
func (s *Service) Apply(ctx context.Context, c dpcoop.Coop, form dpcoop.ApplicationForm, found dpcoop.Problems, human Human, req Request, now time.Time) (dpcoop.Application, bool, error) {
	if c.TurnstileSecret != "" && s.HumanCheck != nil {
		ok, err := s.HumanCheck.Verify(ctx, c.TurnstileSecret, human.Token, human.SourceIP)
		if err != nil {
			return dpcoop.Application{}, false, err
		}
		if !ok {
			var p dpcoop.Problems
			p.Add(TurnstileField, dpcoop.FieldHumanCheck)
			return dpcoop.Application{}, false, p.Err("apply")
		}
	}
	a, err := form.Validate(c.ID, now)
	if err != nil {
		found.Fields = append(found.Fields, dpcoop.ErrorOf(err).Fields...)
	}
	if err := found.Err("apply"); err != nil {
		return dpcoop.Application{}, false, err
	}
	a.Fingerprint = dpcoop.Fingerprint(string(a.Kind), a.Name, a.Email, a.Phone, a.Address, string(a.Language), yesNo(a.ConsentElectronic), a.SupportNeeds)
	key := req.Key
	if key == "" {
		key = "content#" + string(dpcoop.DateOf(now)) + "#" + a.Fingerprint
	}
	a.ID = dpcoop.DerivedID("application", string(c.ID), key)
	if req.Honeypot {
		return a, true, nil
	}
	return s.Store.AddApplication(ctx, c.ID, a)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// SetHumanCheck turns Cloudflare Turnstile on for the acting admin's co-op's
// application form (with the secret of its site key), or off with an empty
// secret.
func (s *Service) SetHumanCheck(ctx context.Context, p dpcoop.Principal, secret string) error {
	const op = "set turnstile"
	if err := p.Admin(op); err != nil {
		return err
	}
	if len(secret) > 200 || strings.ContainsAny(secret, " \t\r\n") {
		var problems dpcoop.Problems
		problems.Add("secret", dpcoop.FieldInvalid)
		return problems.Err(op)
	}
	return s.Store.SetTurnstile(ctx, p.Coop, secret)
}
