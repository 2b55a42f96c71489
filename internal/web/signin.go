package web

import (
	"context"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// SignIn proves a person holds an email address by a one-time code sent to
// it: on AWS Cognito's user-auth flow with an email OTP, in make dev a code
// kept in the table and written to the local outbox.
type SignIn interface {
	// Send sends a code to email if it belongs to anyone, and returns what
	// Verify needs to check it (kept in the session). An unknown address is
	// not an error: the page must not tell who has an account.
	Send(ctx context.Context, email string, l dpcoop.Lang) (challenge string, err error)
	// Verify checks code and returns everyone the email signs in as, and
	// the sign-in's grant: what the adapters need later in the session (on
	// AWS with passkeys, Cognito's refresh token, since Cognito's passkey
	// calls take the person's own access token; "" elsewhere). The session
	// keeps it sealed, and Passkeys.Forget revokes it when the session
	// ends. A wrong, expired or used code fails with dpcoop.WrongCode.
	Verify(ctx context.Context, email, challenge, code string) (ids []dpcoop.Identity, grant string, err error)
}

// Limits on sign-in, per window: codes tried in one session (codes asked
// for are limited by Config.Codes).
const (
	triesPerSession = 10
	limitWindow     = 15 * time.Minute
)

func (h *Handler) signInRoutes() {
	h.mux.HandleFunc("GET /sign-in", h.page(nil, h.signInForm))
	h.mux.HandleFunc("POST /sign-in", h.page(nil, h.sendCode))
	h.mux.HandleFunc("GET /sign-in/code", h.page(nil, h.codeForm))
	h.mux.HandleFunc("POST /sign-in/code", h.page(nil, h.checkCode))
	h.mux.HandleFunc("GET /sign-in/choose", h.page(nil, h.chooseForm))
	h.mux.HandleFunc("POST /sign-in/choose", h.page(nil, h.choose))
	h.mux.HandleFunc("POST /sign-out", h.page(nil, h.signOut))
	h.mux.HandleFunc("GET /signed-out", h.page(nil, func(w http.ResponseWriter, r *request) error {
		h.message(w, r, http.StatusOK, "nav.signout", "signout.done")
		return nil
	}))
}

// why are the reasons the sign-in page gives for a session that ended.
var why = map[string]string{"idle": "expired.body", "ended": "ended.title"}

// signInForm asks for the email address.
func (h *Handler) signInForm(w http.ResponseWriter, r *request) error {
	if r.signedIn() {
		http.Redirect(w, r.Request, "/", http.StatusSeeOther)
		return nil
	}
	if err := r.ensure(); err != nil {
		return err
	}
	v := r.view("signin.title")
	v.Form = "signin"
	if key, ok := why[r.URL.Query().Get("why")]; ok {
		v.Important = T(r.lang, key)
	}
	h.render(w, r, http.StatusOK, "signin", v)
	return nil
}

// sendCode sends a code to the address given, if it belongs to anyone.
func (h *Handler) sendCode(w http.ResponseWriter, r *request) error {
	v := r.view("signin.title")
	v.Form = "signin"
	email := strings.TrimSpace(r.PostFormValue("email"))
	v.Values.Set("email", email)
	switch {
	case email == "":
		v.addError(dpcoop.FieldError{Field: "email", Code: dpcoop.FieldRequired})
	case len(email) > 254 || !dpcoop.ValidEmail(email):
		v.addError(dpcoop.FieldError{Field: "email", Code: dpcoop.FieldEmail})
	}
	if v.Errors != nil {
		h.render(w, r, http.StatusBadRequest, "signin", v)
		return nil
	}
	if err := h.limit(r, "signin-address#"+clientAddress(r), h.cfg.Codes.PerAddress); err != nil {
		return err
	}
	if err := h.limit(r, "signin-email#"+dpcoop.Fingerprint("email", strings.ToLower(email))[:32], h.cfg.Codes.PerEmail); err != nil {
		return err
	}
	challenge, err := h.cfg.SignIn.Send(r.Context(), email, r.lang)
	if err != nil {
		return err
	}
	r.sess.Email, r.sess.Challenge, r.sess.Choices = email, challenge, nil
	if err := h.save(r); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/sign-in/code", http.StatusSeeOther)
	return nil
}

func (h *Handler) limit(r *request, key string, n int) error {
	return h.cfg.Limiter.Allow(r.Context(), key, n, limitWindow, r.now)
}

// clientAddress is the network address the request came from (API
// Gateway's source IP on AWS).
func clientAddress(r *request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// codeForm asks for the code sent.
func (h *Handler) codeForm(w http.ResponseWriter, r *request) error {
	if r.sess == nil || r.sess.Email == "" {
		http.Redirect(w, r.Request, "/sign-in", http.StatusSeeOther)
		return nil
	}
	v := r.view("code.title")
	v.Form = "code"
	h.render(w, r, http.StatusOK, "code", v)
	return nil
}

// checkCode signs the person in when the code is right: as their one
// identity, or after they choose a co-op when they belong to several.
func (h *Handler) checkCode(w http.ResponseWriter, r *request) error {
	if r.sess.Email == "" {
		http.Redirect(w, r.Request, "/sign-in", http.StatusSeeOther)
		return nil
	}
	v := r.view("code.title")
	v.Form = "code"
	code := strings.Join(strings.Fields(r.PostFormValue("code")), "")
	v.Values.Set("code", code)
	if code == "" {
		v.addError(dpcoop.FieldError{Field: "code", Code: dpcoop.FieldRequired})
		h.render(w, r, http.StatusBadRequest, "code", v)
		return nil
	}
	if err := h.limit(r, "signin-tries#"+r.sess.hash()[:32], triesPerSession); err != nil {
		return err
	}
	ids, grant, err := h.cfg.SignIn.Verify(r.Context(), r.sess.Email, r.sess.Challenge, code)
	if v.problems(err) {
		h.render(w, r, http.StatusBadRequest, "code", v)
		return nil
	}
	if err != nil {
		return err
	}
	r.sess.setGrant(grant)
	ids, err = h.current(r.Context(), ids)
	if err != nil {
		return err
	}
	r.sess.Email, r.sess.Challenge = "", ""
	switch len(ids) {
	case 0:
		return h.noAccess(w, r)
	case 1:
		if err := h.signIn(r, ids[0]); err != nil {
			return err
		}
	default:
		r.sess.Choices = ids
	}
	if err := r.renew(); err != nil {
		return err
	}
	next := "/"
	if len(ids) > 1 {
		next = "/sign-in/choose"
	}
	http.Redirect(w, r.Request, next, http.StatusSeeOther)
	return nil
}

// noAccess ends a sign-in that found no one whose access lasts.
func (h *Handler) noAccess(w http.ResponseWriter, r *request) error {
	if err := r.signOut(); err != nil {
		return err
	}
	h.message(w, r, http.StatusForbidden, "ended.title", dpcoop.CodeAccessEnded)
	return nil
}

// current keeps the identities whose access lasts, by the same check every
// signed-in request makes.
func (h *Handler) current(ctx context.Context, ids []dpcoop.Identity) ([]dpcoop.Identity, error) {
	var out []dpcoop.Identity
	for _, id := range ids {
		in, err := dpcoop.CheckAccess(ctx, h.cfg.Store, id.Principal())
		if dpcoop.IsKind(err, dpcoop.KindForbidden) {
			continue // a co-op that no longer exists
		}
		if err != nil {
			return nil, err
		}
		if in.Ended == "" && len(id.Roles) > 0 {
			out = append(out, id)
		}
	}
	return out, nil
}

// signIn makes the session the identity's, in their stored language and
// Easy Read setting, with their co-op's name for the header.
func (h *Handler) signIn(r *request, id dpcoop.Identity) error {
	c, err := h.cfg.Store.Coop(r.Context(), id.Coop)
	if err != nil {
		return err
	}
	easy, found, err := h.cfg.Store.EasyRead(r.Context(), id.Principal())
	if err != nil {
		return err
	}
	if found {
		r.sess.Easy = &easy
		r.easy = easy
	}
	s := r.sess
	s.Coop, s.Person, s.Roles, s.Choices = id.Coop, id.Person, id.Roles, nil
	s.CoopCY, s.CoopEN = c.NameCY, c.NameEN
	if id.Language != "" {
		s.Lang = id.Language
	}
	return nil
}

// coopChoices are the co-ops to choose from, named in the page's language.
func (h *Handler) coopChoices(r *request) ([]option, error) {
	var opts []option
	for _, id := range r.sess.Choices {
		c, err := h.cfg.Store.Coop(r.Context(), id.Coop)
		if err != nil {
			return nil, err
		}
		name := c.NameEN
		if r.lang == dpcoop.Welsh && c.NameCY != "" {
			name = c.NameCY
		}
		roles := make([]string, len(id.Roles))
		for i, role := range id.Roles {
			roles[i] = T(r.lang, "role."+string(role))
		}
		opts = append(opts, option{Value: string(id.Coop), Text: name, Hint: strings.Join(roles, ", ")})
	}
	return opts, nil
}

// chooseForm asks a person in several co-ops which to use.
func (h *Handler) chooseForm(w http.ResponseWriter, r *request) error {
	if r.sess == nil || len(r.sess.Choices) == 0 {
		http.Redirect(w, r.Request, "/", http.StatusSeeOther)
		return nil
	}
	opts, err := h.coopChoices(r)
	if err != nil {
		return err
	}
	v := withData(r.view("choose.title"), opts)
	v.Form = "choose"
	h.render(w, r, http.StatusOK, "choose", v)
	return nil
}

// choose signs the person in to the co-op they chose.
func (h *Handler) choose(w http.ResponseWriter, r *request) error {
	i := slices.IndexFunc(r.sess.Choices, func(id dpcoop.Identity) bool { return string(id.Coop) == r.PostFormValue("coop") })
	if len(r.sess.Choices) == 0 {
		http.Redirect(w, r.Request, "/", http.StatusSeeOther)
		return nil
	}
	if i < 0 {
		opts, err := h.coopChoices(r)
		if err != nil {
			return err
		}
		v := withData(r.view("choose.title"), opts)
		v.Form = "choose"
		v.addError(dpcoop.FieldError{Field: "coop", Code: dpcoop.FieldRequired})
		h.render(w, r, http.StatusBadRequest, "choose", v)
		return nil
	}
	if err := h.signIn(r, r.sess.Choices[i]); err != nil {
		return err
	}
	if err := h.save(r); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/", http.StatusSeeOther)
	return nil
}

// signOut ends the session.
func (h *Handler) signOut(w http.ResponseWriter, r *request) error {
	if err := r.signOut(); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/signed-out", http.StatusSeeOther)
	return nil
}
