package dpcoop

import (
	"context"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// CoopID identifies a co-op (the tenant). It is the co-op's slug, chosen at
// signup and never changed, so tokens and keys stay readable.
type CoopID string

// Coop is a co-operative that uses the hosted service.
type Coop struct {
	ID               CoopID    `json:"slug"`
	NameEN           string    `json:"name_en"`
	NameCY           string    `json:"name_cy"`
	ContactEmail     string    `json:"contact_email"`
	RegisteredOffice string    `json:"registered_office"`
	Origins          []string  `json:"origins"`
	Language         Lang      `json:"language"`
	Created          time.Time `json:"created"`
	// Payroll holds the co-op's payroll choices (defaults until set).
	Payroll *PayrollSettings `json:"-"`
	// TurnstileSecret, when set, makes application posts pass Cloudflare
	// Turnstile; it is never shown.
	TurnstileSecret string `json:"-"`
	// TurnstileSiteKey is the public site key of that secret: with it the
	// service's hosted form shows Turnstile's widget and checks its token.
	TurnstileSiteKey string `json:"-"`
}

// HumanCheck verifies the optional anti-bot token of a public form.
type HumanCheck interface {
	Verify(ctx context.Context, secret, token, remoteIP string) (bool, error)
}

// PayrollSettings are the co-op's payroll choices, or the defaults.
func (c Coop) PayrollSettings() PayrollSettings {
	if c.Payroll == nil {
		return DefaultPayrollSettings
	}
	return *c.Payroll
}

// CoopSignup is what a new co-op gives when it joins the hosted service.
type CoopSignup struct {
	Slug             string   `json:"slug"`
	NameEN           string   `json:"name_en"`
	NameCY           string   `json:"name_cy"`
	ContactEmail     string   `json:"contact_email"`
	RegisteredOffice string   `json:"registered_office"`
	Origins          []string `json:"origins"`
	Language         string   `json:"language"`
}

// Limits on what a co-op signup may hold.
const (
	MaxNameLen    = 200
	MaxAddressLen = 500
	MaxEmailLen   = 254
	MaxOrigins    = 10
	MaxOriginLen  = 253
)

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$`)

// reservedSlugs would read as part of the service rather than a co-op.
var reservedSlugs = []string{"admin", "api", "www", "operator", "public", "health", "static", "dpcoop", "v1"}

// Validate checks a signup and returns the co-op it describes, or every field
// that is wrong.
func (s CoopSignup) Validate(now time.Time) (Coop, error) {
	var p Problems
	slug := strings.TrimSpace(s.Slug)
	switch {
	case slug == "":
		p.Add("slug", FieldRequired)
	case !slugPattern.MatchString(slug) || strings.Contains(slug, "--") || slices.Contains(reservedSlugs, slug):
		p.Add("slug", FieldSlug)
	}
	nameEN := requireName(&p, "name_en", s.NameEN, MaxNameLen)
	nameCY := requireName(&p, "name_cy", s.NameCY, MaxNameLen)
	email := requireEmail(&p, "contact_email", s.ContactEmail)
	office := requireText(&p, "registered_office", s.RegisteredOffice, MaxAddressLen)
	origins := requireOrigins(&p, "origins", s.Origins)
	lang := requireLang(&p, "language", s.Language)
	if err := p.Err("coop signup"); err != nil {
		return Coop{}, err
	}
	return Coop{
		ID: CoopID(slug), NameEN: nameEN, NameCY: nameCY, ContactEmail: email,
		RegisteredOffice: office, Origins: origins, Language: lang, Created: now.UTC(),
	}, nil
}

// requireOrigins checks a co-op's website origins (at least one, at most
// MaxOrigins) and returns them normalised, without repeats.
func requireOrigins(p *Problems, field string, in []string) []string {
	var origins []string
	switch {
	case len(in) == 0:
		p.Add(field, FieldRequired)
	case len(in) > MaxOrigins:
		p.Add(field, FieldTooMany, "max", "10")
	default:
		for _, o := range in {
			norm, ok := NormaliseOrigin(o)
			if !ok {
				p.Add(field, FieldOrigin)
				return nil
			}
			if !slices.Contains(origins, norm) {
				origins = append(origins, norm)
			}
		}
	}
	return origins
}

// NormaliseOrigin accepts a web origin (scheme and host, optional port, no
// path) and returns its canonical form. Only https is accepted, except plain
// http on localhost so a co-op's site can be tried locally.
func NormaliseOrigin(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) > MaxOriginLen+len("https://:65535") {
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && (host == "localhost" || host == "127.0.0.1"):
	default:
		return "", false
	}
	if host == "" || strings.ContainsAny(host, " _") {
		return "", false
	}
	origin := u.Scheme + "://" + host
	if port := u.Port(); port != "" {
		origin += ":" + port
	}
	return origin, true
}

// AllowsRedirect reports whether target is a page on one of the co-op's
// registered origins, the only places a form post may send a person back to.
func AllowsRedirect(origins []string, target string) bool {
	u, err := url.Parse(target)
	if err != nil || u.User != nil || u.Host == "" {
		return false
	}
	origin, ok := NormaliseOrigin(u.Scheme + "://" + u.Host)
	return ok && slices.Contains(origins, origin)
}

// CoopChange is what an admin changes of their co-op's details after signup:
// only the fields given (the slug and the date created never change).
type CoopChange struct {
	NameEN           *string   `json:"name_en"`
	NameCY           *string   `json:"name_cy"`
	ContactEmail     *string   `json:"contact_email"`
	RegisteredOffice *string   `json:"registered_office"`
	Origins          *[]string `json:"origins"`
	Language         *string   `json:"language"`
}

// Apply checks the change, each field as at signup, and returns the co-op
// changed and the names of the fields whose value changed (none: nothing to
// write).
func (ch CoopChange) Apply(c Coop) (Coop, []string, error) {
	var p Problems
	var changed []string
	set := func(field string, differs bool) {
		if differs {
			changed = append(changed, field)
		}
	}
	if ch.NameEN != nil {
		v := requireName(&p, "name_en", *ch.NameEN, MaxNameLen)
		set("name_en", v != c.NameEN)
		c.NameEN = v
	}
	if ch.NameCY != nil {
		v := requireName(&p, "name_cy", *ch.NameCY, MaxNameLen)
		set("name_cy", v != c.NameCY)
		c.NameCY = v
	}
	if ch.ContactEmail != nil {
		v := requireEmail(&p, "contact_email", *ch.ContactEmail)
		set("contact_email", v != c.ContactEmail)
		c.ContactEmail = v
	}
	if ch.RegisteredOffice != nil {
		v := requireText(&p, "registered_office", *ch.RegisteredOffice, MaxAddressLen)
		set("registered_office", v != c.RegisteredOffice)
		c.RegisteredOffice = v
	}
	if ch.Origins != nil {
		v := requireOrigins(&p, "origins", *ch.Origins)
		set("origins", !slices.Equal(v, c.Origins))
		c.Origins = v
	}
	if ch.Language != nil {
		v := requireLang(&p, "language", *ch.Language)
		set("language", v != c.Language)
		c.Language = v
	}
	if err := p.Err("change coop"); err != nil {
		return Coop{}, nil, err
	}
	return c, changed, nil
}
