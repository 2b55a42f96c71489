// Package signup is the public side of the service as an application
// service: a co-op signing up (its first admin invited to sign in), what a
// co-op's own website needs to show its application form, and a membership
// application sent from that form. Nobody is signed in: the co-op comes from
// the path, and a bot is answered as if it were a person (the honeypot).
package signup

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Store is what the service reads and writes.
type Store interface {
	Coop(ctx context.Context, id dpcoop.CoopID) (dpcoop.Coop, error)
	CreateCoop(ctx context.Context, c dpcoop.Coop, admin dpcoop.Person, fingerprint string) (dpcoop.Coop, dpcoop.Person, error)
	AddApplication(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Application) (dpcoop.Application, bool, error)
	SetTurnstile(ctx context.Context, id dpcoop.CoopID, secret, siteKey string) error
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
	// Hosted is a post from the service's own form (the web pages), whose
	// nonce the pages issued to that browser and checked: Turnstile, a
	// widget of the co-op's own website, is not asked of it.
	Hosted bool
}

// referenceAttempts is how many references an application tries before
// giving up: with 2.6 × 10^10 references a co-op, a second is already rare.
const referenceAttempts = 5

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

// Rate limits of applications: per client and co-op, and per co-op from
// every client together, so a flood against one co-op's form spends only
// that co-op's allowance. The JSON route and the hosted form share them.
const (
	applyLimit     = 10
	applyCoopLimit = 60
	applyWindow    = time.Minute
)

// AllowApply spends one of the allowances of applications to co-op slug
// from the network address client, before anything else is read or written
// for the post; a malformed slug is not found.
func AllowApply(ctx context.Context, l dpcoop.Limiter, slug, client string, now time.Time) error {
	if !ValidSlug(slug) {
		return dpcoop.E("read coop", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if err := l.Allow(ctx, "apply#"+slug+"#"+dpcoop.Fingerprint("client", client)[:24], applyLimit, applyWindow, now); err != nil {
		return err
	}
	return l.Allow(ctx, "applycoop#"+slug, applyCoopLimit, applyWindow, now)
}

// The hosted form's pages (package web serves them): the form, the
// confirmation with the reference, and the page explaining a form post that
// failed, to which the API sends a browser instead of answering it JSON.
const (
	PageForm     = "form"
	PageReceived = "received"
	PageProblem  = "problem"
)

// hostedPaths are the pages' paths under /c/{slug}/ in each language.
var hostedPaths = map[dpcoop.Lang]map[string]string{
	dpcoop.Welsh:   {PageForm: "ymuno", PageReceived: "ymuno/diolch", PageProblem: "ymuno/problem"},
	dpcoop.English: {PageForm: "apply", PageReceived: "apply/thank-you", PageProblem: "apply/problem"},
}

// HostedPath is the path of one of co-op slug's hosted form pages in
// language l ("{slug}" stays as it is, for a route pattern).
func HostedPath(slug string, l dpcoop.Lang, page string) string {
	if slug != "{slug}" {
		slug = url.PathEscape(slug)
	}
	return "/c/" + slug + "/" + hostedPaths[l][page]
}

// Human is the answer of a human check: the widget's token and the
// sender's address.
type Human struct {
	Token, SourceIP string
}

// TurnstileField is the field Cloudflare Turnstile's widget adds to a form.
const TurnstileField = "cf-turnstile-response"

// Apply takes a membership application for co-op c from its own website or
// the service's hosted form. One submit, however often repeated, is one
// application: without a key, the same answers on the same day are the same
// application, so a double click never makes two. Each application gets a
// short reference, unique in the co-op: one another application holds
// already is passed over for the next. found are problems the adapter
// already found in the form (a yes/no it could not read), reported with the
// form's own.
func (s *Service) Apply(ctx context.Context, c dpcoop.Coop, form dpcoop.ApplicationForm, found dpcoop.Problems, human Human, req Request, now time.Time) (dpcoop.Application, bool, error) {
	if c.TurnstileSecret != "" && s.HumanCheck != nil && (!req.Hosted || c.TurnstileSiteKey != "") {
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
	for attempt := 0; ; attempt++ {
		a.Reference = dpcoop.ApplicationReference(a.ID, attempt)
		if req.Honeypot {
			return a, true, nil
		}
		stored, created, err := s.Store.AddApplication(ctx, c.ID, a)
		if !dpcoop.IsCode(err, dpcoop.CodeReferenceTaken) || attempt == referenceAttempts-1 {
			return stored, created, err
		}
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// SetHumanCheck turns Cloudflare Turnstile on for the acting admin's co-op's
// application form (with the secret of its site key), or off with an empty
// secret. With the site key too, the service's hosted form shows the widget
// and checks its token; without it, only posts from the co-op's own site are
// checked (the hosted form could not show the widget).
func (s *Service) SetHumanCheck(ctx context.Context, p dpcoop.Principal, secret, siteKey string) error {
	const op = "set turnstile"
	if err := p.Admin(op); err != nil {
		return err
	}
	var problems dpcoop.Problems
	for _, f := range [][2]string{{"secret", secret}, {"site_key", siteKey}} {
		if len(f[1]) > 200 || strings.ContainsAny(f[1], " \t\r\n\"'<>&") {
			problems.Add(f[0], dpcoop.FieldInvalid)
		}
	}
	if secret == "" && siteKey != "" {
		problems.Add("site_key", dpcoop.FieldInvalid)
	}
	if err := problems.Err(op); err != nil {
		return err
	}
	return s.Store.SetTurnstile(ctx, p.Coop, secret, siteKey)
}
