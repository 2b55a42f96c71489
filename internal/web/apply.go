package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/signup"
)

// The public application form, hosted for co-ops without a website (or as
// their fallback): /c/{slug}/ymuno in Welsh and /c/{slug}/apply in English.
// Nobody is signed in. The form carries a nonce tied to a cookie of this
// browser (a double-submit check: another site cannot read the cookie to
// forge the nonce), and the nonce is the application's idempotency key, so a
// double submit makes one application.
func (h *Handler) applyRoutes() {
	for _, l := range []dpcoop.Lang{dpcoop.Welsh, dpcoop.English} {
		at := func(page string) string { return signup.HostedPath("{slug}", l, page) }
		h.mux.HandleFunc("GET "+at(signup.PageForm), h.public(inLang(l, signup.PageForm, h.applyForm)))
		h.mux.HandleFunc("POST "+at(signup.PageForm), h.public(inLang(l, signup.PageForm, h.apply)))
		h.mux.HandleFunc("GET "+at(signup.PageReceived), h.public(inLang(l, signup.PageReceived, h.applied)))
		h.mux.HandleFunc("GET "+at(signup.PageProblem), h.public(inLang(l, signup.PageProblem, h.applyProblem)))
	}
}

// inLang serves a page whose path says its language: a language switch
// (?lang=) goes to the same page in the other language's path.
func inLang(l dpcoop.Lang, page string, fn pageFunc) pageFunc {
	return func(w http.ResponseWriter, r *request) error {
		if want, ok := dpcoop.ParseLang(r.URL.Query().Get("lang")); ok && want != l {
			q := r.URL.Query()
			q.Del("lang")
			to := signup.HostedPath(r.PathValue("slug"), want, page)
			if len(q) > 0 {
				to += "?" + q.Encode()
			}
			http.Redirect(w, r.Request, to, http.StatusSeeOther)
			return nil
		}
		r.lang = l
		return fn(w, r)
	}
}

// maxApplyBody is the largest form post taken: the answers' own limits add
// up to under 3,000 characters (as the API's public routes, 16 KiB).
const maxApplyBody = 16 << 10

// applyCookie holds the browser's secret the form's nonce is derived from.
const applyCookie = "dpcoop_apply"

// applyNonce is the nonce of the form for this browser's secret: the same
// while the secret lasts, so a resend carries the same nonce.
func applyNonce(slug, secret string) string {
	h := sha256.Sum256([]byte("apply\x00" + slug + "\x00" + secret))
	return base64.RawURLEncoding.EncodeToString(h[:18])
}

// applySecret is the browser's secret for the form, set now if it has none
// (or fresh, after an application was made with the old one).
func (h *Handler) applySecret(r *request, slug string, fresh bool) string {
	if c, err := r.Cookie(applyCookie); err == nil && !fresh && len(c.Value) == 43 {
		return c.Value
	}
	s := newSecret()
	http.SetCookie(r.w, &http.Cookie{Name: applyCookie, Value: s, Path: "/c/" + url.PathEscape(slug) + "/",
		MaxAge: int((24 * time.Hour).Seconds()), Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	return s
}

// applyData is what the form's template reads besides the answers.
type applyData struct {
	Coop, Action, Nonce string
	// SiteKey is the co-op's Turnstile site key: the form shows the widget.
	SiteKey          string
	Kinds, Languages []option
	Consent          []option
}

func (h *Handler) applyView(r *request, c dpcoop.Coop, secret string) *view {
	l := r.lang
	data := applyData{Coop: coopName(l, c), Action: signup.HostedPath(string(c.ID), l, signup.PageForm), Nonce: applyNonce(string(c.ID), secret)}
	if c.TurnstileSecret != "" && c.TurnstileSiteKey != "" {
		// Only this page lets Turnstile's script and frame in.
		data.SiteKey = c.TurnstileSiteKey
		r.w.Header().Set("Content-Security-Policy", csp(turnstileOrigin))
	}
	for _, k := range dpcoop.ApplicationKinds {
		data.Kinds = append(data.Kinds, option{Value: string(k), Text: T(l, "apply.kind."+string(k)), Hint: T(l, "apply.kind."+string(k)+".hint")})
	}
	data.Languages = []option{{Value: "cy", Text: T(l, "lang.cy")}, {Value: "en", Text: T(l, "lang.en")}}
	data.Consent = []option{{Value: "yes", Text: T(l, "apply.consent_electronic.yes"), Hint: T(l, "apply.consent_electronic.yes.hint")}}
	v := withData(r.view("apply.title"), data)
	v.Service = data.Coop // the header names the co-op whose form this is
	v.Title = T(l, "apply.title", "coop", data.Coop)
	v.Form = "apply"
	return v
}

// turnstileOrigin serves Turnstile's widget script and its frame
// (https://developers.cloudflare.com/turnstile/reference/content-security-policy).
const turnstileOrigin = "https://challenges.cloudflare.com"

// coopName is the co-op's name in l, its other name when it has only one.
func coopName(l dpcoop.Lang, c dpcoop.Coop) string {
	if l == dpcoop.Welsh && c.NameCY != "" || c.NameEN == "" {
		return c.NameCY
	}
	return c.NameEN
}

// applyForm is the empty form, in the page's language; the answer to the
// language question starts as the page's.
func (h *Handler) applyForm(w http.ResponseWriter, r *request) error {
	c, err := h.cfg.Services.Signup.Coop(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	v := h.applyView(r, c, h.applySecret(r, string(c.ID), false))
	v.Values.Set("language", string(r.lang))
	h.render(w, r, http.StatusOK, "apply", v)
	return nil
}

// applyFields are the form's answers, as the API's form post names them.
var applyFields = []string{"kind", "name", "email", "phone", "address", "language", "consent_electronic", "support_needs"}

// apply sends the application to the signup service, as the JSON route
// does; a refused one comes back with its answers and every problem.
func (h *Handler) apply(w http.ResponseWriter, r *request) error {
	slug := r.PathValue("slug")
	if err := signup.AllowApply(r.Context(), h.cfg.Limiter, slug, clientAddress(r), r.now); err != nil {
		return err
	}
	c, err := h.cfg.Services.Signup.Coop(r.Context(), slug)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxApplyBody)
	if err := r.ParseForm(); err != nil {
		return dpcoop.E("read form", dpcoop.KindTooLarge, dpcoop.CodeTooLarge)
	}
	secret := h.applySecret(r, slug, false)
	v := h.applyView(r, c, secret)
	for _, f := range applyFields {
		v.Values.Set(f, strings.TrimSpace(r.PostFormValue(f)))
	}
	nonce := r.PostFormValue("nonce")
	if subtle.ConstantTimeCompare([]byte(nonce), []byte(applyNonce(slug, secret))) != 1 {
		// No cookie, an old one, or a post from elsewhere: nothing is sent;
		// the form comes back with its answers and a nonce that now fits.
		v.Errors = append(v.Errors, fieldError{Anchor: v.ID("kind"), Message: T(r.lang, "apply.nonce")})
		h.render(w, r, http.StatusBadRequest, "apply", v)
		return nil
	}
	form := dpcoop.ApplicationForm{
		Kind: v.Val("kind"), Name: v.Val("name"), Email: v.Val("email"), Phone: v.Val("phone"), Address: v.Val("address"),
		Language: v.Val("language"), ConsentElectronic: v.Val("consent_electronic") == "yes", SupportNeeds: v.Val("support_needs"),
	}
	a, _, err := h.cfg.Services.Signup.Apply(r.Context(), c, form, dpcoop.Problems{}, signup.Human{Token: r.PostFormValue(signup.TurnstileField), SourceIP: clientAddress(r)},
		signup.Request{Key: "hosted#" + nonce, Hosted: true}, r.now)
	if v.problems(err) {
		h.render(w, r, http.StatusBadRequest, "apply", v)
		return nil
	}
	if err != nil {
		return err
	}
	h.applySecret(r, slug, true) // the next application from this browser is another one
	http.Redirect(w, r.Request, signup.HostedPath(slug, r.lang, signup.PageReceived)+"?ref="+url.QueryEscape(a.Reference), http.StatusSeeOther)
	return nil
}

// applied confirms an application with its reference (GOV.UK's
// confirmation page); the reference is shown only if it is one.
func (h *Handler) applied(w http.ResponseWriter, r *request) error {
	c, err := h.cfg.Services.Signup.Coop(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	ref, _ := dpcoop.ParseReference(r.URL.Query().Get("ref"))
	v := withData(r.view("apply.received.title"), receivedData{Coop: coopName(r.lang, c), Reference: ref})
	v.Service = coopName(r.lang, c)
	keepQuery(v, r)
	h.render(w, r, http.StatusOK, "apply-received", v)
	return nil
}

type receivedData struct{ Coop, Reference string }

// problemData is the explanation of a form post that failed.
type problemData struct {
	Coop, Form, Reason string
	Problems           []string
}

// problemFields are the answers the explanation may name, with the API's
// human check's.
var problemFields = append(append([]string{}, applyFields...), signup.TurnstileField, "redirect", "nonce")

var codeShape = regexp.MustCompile(`^[a-z0-9_]{1,40}$`)

// applyProblem explains, in words, why a form post from a co-op's own
// website did not make an application: the API sends the browser here
// with the problem's codes (never its answers), so the page says nothing
// was sent and, where it can, what to change.
func (h *Handler) applyProblem(w http.ResponseWriter, r *request) error {
	q := r.URL.Query()
	var data problemData
	if c, err := h.cfg.Services.Signup.Coop(r.Context(), r.PathValue("slug")); err == nil {
		data.Coop, data.Form = coopName(r.lang, c), signup.HostedPath(string(c.ID), r.lang, signup.PageForm)
	}
	code := q.Get("code")
	if !codeShape.MatchString(code) {
		code = dpcoop.CodeInternal
	}
	for _, e := range q["error"] {
		field, fc, ok := strings.Cut(e, ":")
		if !ok || !codeShape.MatchString(fc) || !slices.Contains(problemFields, field) {
			continue
		}
		data.Problems = append(data.Problems, fieldMessage(r.lang, "apply", dpcoop.FieldError{Field: field, Code: fc}))
	}
	if _, own := lookup(r.lang, "apply.problem."+code); own {
		data.Reason = T(r.lang, "apply.problem."+code)
	} else if len(data.Problems) == 0 {
		data.Reason = T(r.lang, code)
	}
	v := withData(r.view("apply.problem.title"), data)
	if data.Coop != "" {
		v.Service = data.Coop
	}
	keepQuery(v, r)
	h.render(w, r, http.StatusOK, "apply-problem", v)
	return nil
}

// keepQuery makes the page's language switch keep its query: the same
// reference or problem, in the other language.
func keepQuery(v *view, r *request) {
	q := r.URL.Query()
	q.Del("lang")
	if len(q) > 0 {
		v.Path += "?" + q.Encode()
	}
}
