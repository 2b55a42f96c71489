package web

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Passkeys lets a signed-in person add passkeys and anyone sign in with one,
// beside the email code (which stays the way that works without
// JavaScript). The browser's WebAuthn calls are made by assets/passkeys.mjs;
// the options and the credentials pass through as JSON, and the state
// between the two steps of a ceremony is kept in the session. A grant is
// what the person's sign-in left in the session (SignIn.Verify).
type Passkeys interface {
	// StartRegistration returns the options for navigator.credentials.create
	// and the state FinishRegistration needs.
	StartRegistration(ctx context.Context, id dpcoop.Identity, grant string) (options, state []byte, err error)
	// FinishRegistration checks the new credential and keeps it as id's; one
	// it cannot accept fails with dpcoop.WrongPasskey.
	FinishRegistration(ctx context.Context, id dpcoop.Identity, grant string, state, credential []byte) error
	// List is the person's passkeys.
	List(ctx context.Context, p dpcoop.Principal, grant string) ([]dpcoop.Passkey, error)
	// Remove removes one of the person's passkeys; another's is not found.
	Remove(ctx context.Context, p dpcoop.Principal, grant, id string) error
	// StartSignIn returns the options for navigator.credentials.get and the
	// state FinishSignIn needs: for the email typed on the sign-in page
	// where the adapter needs one (Cognito), or any passkey of ours the
	// device holds where it does not.
	StartSignIn(ctx context.Context, email string) (options, state []byte, err error)
	// FinishSignIn checks the assertion and returns whom the passkey signs
	// in as, and the sign-in's grant; one it cannot accept fails with
	// dpcoop.WrongPasskey.
	FinishSignIn(ctx context.Context, state, credential []byte) ([]dpcoop.Identity, string, error)
	// Forget revokes a grant when its session ends.
	Forget(ctx context.Context, grant string) error
}

func (h *Handler) passkeyRoutes() {
	if h.cfg.Passkeys == nil {
		return
	}
	h.mux.HandleFunc("GET /account/passkeys", h.page(nil, h.passkeysPage))
	h.mux.HandleFunc("POST /account/passkeys/start", h.page(nil, h.startPasskey))
	h.mux.HandleFunc("POST /account/passkeys/add", h.page(nil, h.addPasskey))
	h.mux.HandleFunc("POST /account/passkeys/remove", h.page(nil, h.removePasskey))
	h.mux.HandleFunc("POST /sign-in/passkey/start", h.page(nil, h.startPasskeySignIn))
	h.mux.HandleFunc("POST /sign-in/passkey", h.page(nil, h.passkeySignIn))
}

// passkeyDone are the notices the passkeys page shows after a change.
var passkeyDone = map[string]string{"added": "passkeys.done.added", "removed": "passkeys.done.removed"}

// passkeyRow is one passkey as the page lists it.
type passkeyRow struct {
	ID, Added string
}

// passkeysPage lists the person's passkeys, with a button to add one (shown
// by the script where the browser can) and one to remove each.
func (h *Handler) passkeysPage(w http.ResponseWriter, r *request) error {
	if !r.signedIn() {
		return errSignIn
	}
	keys, err := h.cfg.Passkeys.List(r.Context(), r.principal, r.sess.grant())
	if err != nil {
		return err
	}
	rows := make([]passkeyRow, len(keys))
	for i, k := range keys {
		rows[i] = passkeyRow{ID: k.ID, Added: longDate(r.lang, dpcoop.DateOf(k.Added))}
	}
	v := withData(r.view("passkeys.title"), rows)
	if key, ok := passkeyDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(r.lang, key)
	}
	h.render(w, r, http.StatusOK, "passkeys", v)
	return nil
}

// identity is the signed-in person as the passkeys they add sign in as.
func (r *request) identity() dpcoop.Identity {
	return dpcoop.Identity{Coop: r.principal.Coop, Person: r.principal.Person, Roles: r.principal.Roles, Language: r.sess.Lang}
}

// startPasskey answers the options for creating a passkey.
func (h *Handler) startPasskey(w http.ResponseWriter, r *request) error {
	if !r.signedIn() {
		return errSignIn
	}
	options, state, err := h.cfg.Passkeys.StartRegistration(r.Context(), r.identity(), r.sess.grant())
	if err != nil {
		return err
	}
	return h.passkeyOptions(w, r, options, state)
}

// addPasskey keeps the passkey the browser created.
func (h *Handler) addPasskey(w http.ResponseWriter, r *request) error {
	if !r.signedIn() {
		return errSignIn
	}
	state := r.sess.PasskeyState
	if err := h.forgetPasskeyState(r); err != nil {
		return err
	}
	err := h.cfg.Passkeys.FinishRegistration(r.Context(), r.identity(), r.sess.grant(), state, []byte(r.PostFormValue("credential")))
	return h.passkeyAnswer(w, r, err, "/account/passkeys?done=added")
}

// removePasskey removes one of the person's passkeys (a form: it works
// without JavaScript).
func (h *Handler) removePasskey(w http.ResponseWriter, r *request) error {
	if !r.signedIn() {
		return errSignIn
	}
	if err := h.cfg.Passkeys.Remove(r.Context(), r.principal, r.sess.grant(), r.PostFormValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/account/passkeys?done=removed", http.StatusSeeOther)
	return nil
}

// startPasskeySignIn answers the options for signing in with a passkey.
func (h *Handler) startPasskeySignIn(w http.ResponseWriter, r *request) error {
	options, state, err := h.cfg.Passkeys.StartSignIn(r.Context(), r.PostFormValue("email"))
	if err != nil {
		return h.passkeyAnswer(w, r, err, "")
	}
	return h.passkeyOptions(w, r, options, state)
}

// passkeySignIn signs the person in with the passkey the browser chose, as
// the code does: the same limit on tries, access check and new session.
func (h *Handler) passkeySignIn(w http.ResponseWriter, r *request) error {
	if err := h.limit(r, "signin-tries#"+r.sess.hash()[:32], triesPerSession); err != nil {
		return err
	}
	state := r.sess.PasskeyState
	if err := h.forgetPasskeyState(r); err != nil {
		return err
	}
	ids, grant, err := h.cfg.Passkeys.FinishSignIn(r.Context(), state, []byte(r.PostFormValue("credential")))
	if err != nil {
		return h.passkeyAnswer(w, r, err, "")
	}
	r.sess.setGrant(grant)
	if ids, err = h.current(r.Context(), ids); err != nil {
		return err
	}
	r.sess.Email, r.sess.Challenge, r.sess.Choices = "", "", nil
	next := "/"
	switch len(ids) {
	case 0:
		if err := r.signOut(); err != nil {
			return err
		}
		return h.passkeyAnswer(w, r, dpcoop.E("passkey", dpcoop.KindForbidden, dpcoop.CodeAccessEnded), "")
	case 1:
		if err := h.signIn(r, ids[0]); err != nil {
			return err
		}
	default:
		r.sess.Choices, next = ids, "/sign-in/choose"
	}
	if err := r.renew(); err != nil {
		return err
	}
	return h.passkeyAnswer(w, r, nil, next)
}

// passkeyOptions keeps a ceremony's state in the session and answers its
// options.
func (h *Handler) passkeyOptions(w http.ResponseWriter, r *request, options, state []byte) error {
	r.sess.PasskeyState = state
	if err := h.save(r); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(options)
	return err
}

// forgetPasskeyState ends a ceremony: its challenge answers once.
func (h *Handler) forgetPasskeyState(r *request) error {
	r.sess.PasskeyState = nil
	return h.save(r)
}

// passkeyAnswer tells the script where to go next, or what went wrong in
// the person's language (a passkey refused, or access that ended); other
// errors are the page's usual failures.
func (h *Handler) passkeyAnswer(w http.ResponseWriter, r *request, err error, next string) error {
	status, body := http.StatusOK, map[string]string{"next": next}
	de := dpcoop.ErrorOf(err)
	switch {
	case err == nil:
	case de.Kind == dpcoop.KindInvalid:
		status, body = http.StatusBadRequest, map[string]string{"message": T(r.lang, "passkeys.wrong")}
	case de.Code == dpcoop.CodeAccessEnded:
		status, body = http.StatusForbidden, map[string]string{"message": T(r.lang, "ended.title")}
	default:
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(body)
}
