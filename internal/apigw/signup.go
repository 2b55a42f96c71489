package apigw

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
	"github.com/dpcoop/dpcoop/internal/signup"
)

// Rate limit of a co-op's signup, per client (applications' limits are the
// signup service's, shared with the hosted form).
const (
	coopSignupLimit  = 5
	coopSignupWindow = time.Hour
)

// limitPublic applies a public route's rate limits, before anything else is
// read or written for it (its idempotency key included).
func (h *Handler) limitPublic(ctx context.Context, r *request) error {
	switch r.route.Key() {
	case "POST /v1/coops":
		return h.deps.Limiter.Allow(ctx, "coop#"+r.clientKey(), coopSignupLimit, coopSignupWindow, r.now)
	case "POST /v1/public/coops/{slug}/applications":
		if r.mediaType() == "application/x-www-form-urlencoded" {
			r.formPost = r.param("slug") // from here on, no error answers it with JSON
		}
		return signup.AllowApply(ctx, h.deps.Limiter, r.param("slug"), r.ev.RequestContext.HTTP.SourceIP, r.now)
	}
	return nil
}

// Form field names (the contract with co-ops' websites; JSON keys alike).
var (
	coopFields        = []string{"name_en", "name_cy", "slug", "contact_email", "registered_office", "origins", "language", "redirect", "website", "nonce"}
	applicationFields = []string{"kind", "name", "email", "phone", "address", "language", "consent_electronic", "support_needs", "website", "nonce", "redirect", signup.TurnstileField}
)

func (h *Handler) signupActions() map[string]action {
	return map[string]action{
		"POST /v1/coops":                            h.signupCoop,
		"GET /v1/public/coops/{slug}":               h.publicCoop,
		"POST /v1/public/coops/{slug}/applications": h.apply,
	}
}

// readBody reads a JSON or form body; anything else is refused.
func (r *request) readBody(fields, lists []string, into any) (form, error) {
	body, err := r.body()
	if err != nil {
		return nil, err
	}
	switch mt := r.mediaType(); {
	case mt == "application/x-www-form-urlencoded":
		return decodeForm(body, fields, lists)
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return nil, decodeJSON(body, into, false)
	}
	return nil, dpcoop.E("read body", dpcoop.KindUnsupported, dpcoop.CodeUnsupportedMedia)
}

// useRedirect checks a form's return page against the allowed origins and,
// once it passes, sends every later answer of this request there.
func (r *request) useRedirect(target string, origins []string) error {
	// A page path ("/ymuno.html") is on the origin the browser posted from,
	// which must itself be one of the registered origins: a co-op's site
	// need not know its own domain.
	if strings.HasPrefix(target, "/") && !strings.HasPrefix(target, "//") {
		if o, ok := dpcoop.NormaliseOrigin(r.header("origin")); ok {
			target = o + target
		}
	}
	var p dpcoop.Problems
	switch {
	case target == "":
		p.Add("redirect", dpcoop.FieldRequired)
	case len(target) > 2048 || !dpcoop.AllowsRedirect(origins, target):
		p.Add("redirect", dpcoop.FieldNotOnOrigins)
	default:
		r.redirect = target
		return nil
	}
	e := p.Err("check redirect").(*dpcoop.Error)
	e.Kind, e.Code = dpcoop.KindMalformed, dpcoop.CodeRedirectNotAllowed
	return e
}

// formLang lets a form's own language choice decide the language of the
// answer, so a Welsh form gets Welsh errors whatever the browser says.
func (r *request) formLang(v string) {
	if l, ok := dpcoop.ParseLang(v); ok {
		r.lang = l
	}
}

type coopBody struct {
	dpcoop.CoopSignup
	Website string `json:"website"`
	Nonce   string `json:"nonce"`
}

// signupCoop registers a new co-op with the hosted service and invites its
// first admin.
func (h *Handler) signupCoop(ctx context.Context, r *request) (*response, error) {
	var in coopBody
	f, err := r.readBody(coopFields, []string{"origins"}, &in)
	if f != nil {
		r.formLang(f.get("language"))
		if rerr := r.useRedirect(f.get("redirect"), h.deps.ServiceOrigins); rerr != nil {
			return nil, rerr
		}
		in = coopBody{CoopSignup: dpcoop.CoopSignup{
			Slug: f.get("slug"), NameEN: f.get("name_en"), NameCY: f.get("name_cy"),
			ContactEmail: f.get("contact_email"), RegisteredOffice: f.get("registered_office"),
			Origins: f.list("origins"), Language: f.get("language"),
		}, Website: f.get("website"), Nonce: f.get("nonce")}
	}
	if err != nil {
		return nil, err
	}
	key, err := r.key(in.Nonce)
	if err != nil {
		return nil, err
	}
	c, admin, err := h.Signup.CreateCoop(ctx, in.CoopSignup, signup.Request{Key: key, Honeypot: in.Website != ""}, r.now)
	if err != nil {
		return nil, err
	}
	return coopCreated(r, c, admin), nil
}

// coopCreated answers a co-op's signup.
func coopCreated(r *request, c dpcoop.Coop, admin dpcoop.Person) *response {
	if r.redirect != "" {
		return redirectResponse(withQuery(r.redirect, url.Values{"status": {"created"}, "coop": {string(c.ID)}, "lang": {string(r.lang)}}))
	}
	return jsonResponse(http.StatusCreated, map[string]any{
		"coop":  c,
		"admin": map[string]any{"id": admin.ID, "email": admin.Email, "role": admin.Role, "language": admin.Language},
	})
}

// publicCoop is what a co-op's website needs to show its application form.
func (h *Handler) publicCoop(ctx context.Context, r *request) (*response, error) {
	c, err := h.Signup.Coop(ctx, r.param("slug"))
	if err != nil {
		return nil, err
	}
	type kind struct {
		Kind  dpcoop.ApplicationKind `json:"kind"`
		Label map[dpcoop.Lang]string `json:"label"`
	}
	kinds := make([]kind, 0, len(dpcoop.ApplicationKinds))
	for _, k := range dpcoop.ApplicationKinds {
		kinds = append(kinds, kind{k, map[dpcoop.Lang]string{
			dpcoop.Welsh:   messages.Text(dpcoop.Welsh, "kind."+string(k), nil),
			dpcoop.English: messages.Text(dpcoop.English, "kind."+string(k), nil),
		}})
	}
	resp := jsonResponse(http.StatusOK, map[string]any{
		"slug": c.ID, "name_en": c.NameEN, "name_cy": c.NameCY,
		"languages": []dpcoop.Lang{dpcoop.Welsh, dpcoop.English}, "application_kinds": kinds,
	})
	resp.headers["cache-control"] = "public, max-age=300"
	return resp, nil
}

type applicationBody struct {
	Turnstile         string `json:"cf-turnstile-response"`
	Kind              string `json:"kind"`
	Name              string `json:"name"`
	Email             string `json:"email"`
	Phone             string `json:"phone"`
	Address           string `json:"address"`
	Language          string `json:"language"`
	ConsentElectronic bool   `json:"consent_electronic"`
	SupportNeeds      string `json:"support_needs"`
	Website           string `json:"website"`
	Nonce             string `json:"nonce"`
	Redirect          string `json:"redirect"`
}

// apply takes a membership application from a co-op's own website, as a form
// post or JSON. One submit, however often repeated, is one application.
func (h *Handler) apply(ctx context.Context, r *request) (*response, error) {
	c, err := h.Signup.Coop(ctx, r.param("slug"))
	if err != nil {
		return nil, err
	}
	var in applicationBody
	f, err := r.readBody(applicationFields, nil, &in)
	var p dpcoop.Problems
	if f != nil {
		r.formLang(f.get("language"))
		if to := f.get("redirect"); to != "" {
			if rerr := r.useRedirect(to, c.Origins); rerr != nil {
				return nil, rerr
			}
		}
		in = applicationBody{
			Kind: f.get("kind"), Name: f.get("name"), Email: f.get("email"), Phone: f.get("phone"),
			Address: f.get("address"), Language: f.get("language"), SupportNeeds: f.get("support_needs"),
			Website: f.get("website"), Nonce: f.get("nonce"), Turnstile: f.get(signup.TurnstileField),
			ConsentElectronic: f.yesNo(&p, "consent_electronic"),
		}
	}
	if err != nil {
		return nil, err
	}
	if in.Redirect != "" {
		if rerr := r.useRedirect(in.Redirect, c.Origins); rerr != nil {
			return nil, rerr
		}
	}
	key, err := r.key(in.Nonce)
	if err != nil {
		return nil, err
	}
	form := dpcoop.ApplicationForm{
		Kind: in.Kind, Name: in.Name, Email: in.Email, Phone: in.Phone, Address: in.Address,
		Language: in.Language, ConsentElectronic: in.ConsentElectronic, SupportNeeds: in.SupportNeeds,
	}
	stored, created, err := h.Signup.Apply(ctx, c, form, p, signup.Human{Token: in.Turnstile, SourceIP: r.ev.RequestContext.HTTP.SourceIP},
		signup.Request{Key: key, Honeypot: in.Website != ""}, r.now)
	if err != nil {
		return nil, err
	}
	return applied(r, stored, created), nil
}

// applied answers an application received: a form post goes back to its
// page, or without one to the service's own confirmation page.
func applied(r *request, a dpcoop.Application, created bool) *response {
	if r.redirect != "" {
		return redirectResponse(withQuery(r.redirect, url.Values{"status": {"received"}, "ref": {a.Reference}, "lang": {string(r.lang)}}))
	}
	if r.formPost != "" {
		return redirectResponse(signup.HostedPath(r.formPost, r.lang, signup.PageReceived) + "?" + url.Values{"ref": {a.Reference}}.Encode())
	}
	resp := jsonResponse(http.StatusCreated, map[string]any{
		"id": a.ID, "reference": a.Reference, "status": a.Status, "kind": a.Kind, "received": a.Received,
	})
	if !created {
		resp.headers["idempotent-replayed"] = "true"
	}
	return resp
}
