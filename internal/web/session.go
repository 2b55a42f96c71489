package web

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Sessions keep web sessions under the hash of their id: the id itself, the
// cookie's value, is never stored.
type Sessions interface {
	PutSession(ctx context.Context, hash string, data []byte, expires time.Time) error
	// Session fails with not_found for a session that ended or expired.
	Session(ctx context.Context, hash string, now time.Time) ([]byte, error)
	EndSession(ctx context.Context, hash string) error
}

// How long a session lasts: it ends after IdleTimeout without a request,
// and MaxLifetime after it began whatever happens.
const (
	IdleTimeout = 30 * time.Minute
	MaxLifetime = 12 * time.Hour
	// touchEvery is how stale the last-seen time may get before a request
	// writes it again: one write a minute at most, not one a page.
	touchEvery = time.Minute
	cookieName = "dpcoop_session"
	langCookie = "dpcoop_lang"
	easyCookie = "dpcoop_easy"
)

// session is what a session keeps between requests.
type session struct {
	id string // the cookie's value; never stored
	// Person signed in, with their roles; empty before sign-in.
	Coop   dpcoop.CoopID `json:"coop,omitempty"`
	Person string        `json:"person,omitempty"`
	Roles  []dpcoop.Role `json:"roles,omitempty"`
	Lang   dpcoop.Lang   `json:"lang,omitempty"`
	// CoopCY and CoopEN name the co-op in the header.
	CoopCY string `json:"coop_cy,omitempty"`
	CoopEN string `json:"coop_en,omitempty"`
	// Easy is the person's Easy Read setting, kept beside their language.
	Easy *bool `json:"easy,omitempty"`
	// Email and Challenge are a sign-in waiting for its code; Choices the
	// co-ops to choose from once the code proved the email.
	Email     string            `json:"email,omitempty"`
	Challenge string            `json:"challenge,omitempty"`
	Choices   []dpcoop.Identity `json:"choices,omitempty"`
	// PasskeyState is a passkey ceremony waiting for the browser's answer
	// (its challenge), kept by the Passkeys adapter's rules.
	PasskeyState []byte `json:"passkey_state,omitempty"`
	// Grant is what the sign-in left for managing passkeys later in the
	// session (SignIn.Verify), sealed with a key derived from the session's id,
	// which is never stored: a copy of the sessions' table cannot use it.
	Grant []byte    `json:"grant,omitempty"`
	Began time.Time `json:"began"`
	Seen  time.Time `json:"seen"`
}

func (s *session) hash() string {
	h := sha256.Sum256([]byte(s.id))
	return hex.EncodeToString(h[:])
}

// csrf is the token every form of the session carries: derived from the
// session's secret id, so it needs no storage and no other session's token
// fits.
func (s *session) csrf() string {
	h := sha256.Sum256([]byte("csrf\x00" + s.id))
	return base64.RawURLEncoding.EncodeToString(h[:24])
}

// sealer is the AEAD that seals the session's grant: AES-256-GCM under a
// key derived from its id.
func (s *session) sealer() cipher.AEAD {
	key := sha256.Sum256([]byte("grant\x00" + s.id))
	block, _ := aes.NewCipher(key[:]) // a 32-byte key is always valid
	aead, _ := cipher.NewGCM(block)
	return aead
}

// setGrant keeps a sign-in's grant, sealed; "" keeps none.
func (s *session) setGrant(g string) {
	if g == "" {
		s.Grant = nil
		return
	}
	aead := s.sealer()
	nonce := make([]byte, aead.NonceSize())
	_, _ = rand.Read(nonce) // crypto/rand never fails
	s.Grant = aead.Seal(nonce, nonce, []byte(g), nil)
}

// grant is the session's grant, or "" for none (or one sealed under
// another id).
func (s *session) grant() string {
	aead := s.sealer()
	if len(s.Grant) < aead.NonceSize() {
		return ""
	}
	g, err := aead.Open(nil, s.Grant[:aead.NonceSize()], s.Grant[aead.NonceSize():], nil)
	if err != nil {
		return ""
	}
	return string(g)
}

// request is one page request with its session (nil until one is needed),
// language and, once signed in, person.
type request struct {
	*http.Request
	w         http.ResponseWriter
	h         *Handler
	now       time.Time
	sess      *session
	principal dpcoop.Principal
	// coop is the signed-in person's co-op as the access check read it, so
	// no page reads it again.
	coop dpcoop.Coop
	lang dpcoop.Lang
	// easy is whether the person reads the member's pages in Easy Read.
	easy bool
	// ended says why the session was just ended ("idle", "ended" for
	// access that ended), for the sign-in page to say so.
	ended string
}

func (r *request) signedIn() bool { return r.principal.Person != "" }

// begin reads the session and the language of a request.
func (h *Handler) begin(w http.ResponseWriter, hr *http.Request) (*request, error) {
	r := &request{Request: hr, w: w, h: h, now: h.cfg.Now()}
	if c, err := hr.Cookie(cookieName); err == nil && c.Value != "" && len(c.Value) <= 64 {
		s, idled, err := h.load(hr.Context(), c.Value, r.now)
		if err != nil {
			return nil, err
		}
		if r.sess = s; idled {
			r.ended = "idle"
		}
	}
	if r.sess != nil && r.sess.Person != "" {
		if err := h.check(r); err != nil {
			return nil, err
		}
	}
	r.lang = h.language(r)
	r.easy = h.easyRead(r)
	return r, nil
}

// load reads a session; one not found, idle too long or past its lifetime is
// none (and ended, so it cannot come back).
func (h *Handler) load(ctx context.Context, id string, now time.Time) (s *session, idled bool, err error) {
	s = &session{id: id}
	data, err := h.cfg.Sessions.Session(ctx, s.hash(), now)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if err := json.Unmarshal(data, s); err != nil {
		return nil, false, dpcoop.Wrap("read session", err)
	}
	if now.Sub(s.Seen) > IdleTimeout || now.Sub(s.Began) > MaxLifetime {
		h.forget(ctx, s)
		return nil, s.Person != "", h.cfg.Sessions.EndSession(ctx, s.hash())
	}
	return s, false, nil
}

// check makes the signed-in person the request's principal after the same
// access check the API makes on every request (their co-op and access
// record, read together): a person whose access ended is signed out at once.
// It keeps the session's last-seen time fresh.
func (h *Handler) check(r *request) error {
	s := r.sess
	in, err := dpcoop.CheckAccess(r.Context(), h.cfg.Store, dpcoop.Principal{Coop: s.Coop, Person: s.Person, Roles: s.Roles})
	if err != nil {
		return err
	}
	if in.Ended != "" {
		r.sess, r.ended = nil, "ended"
		h.clearCookie(r.w, cookieName)
		return h.cfg.Sessions.EndSession(r.Context(), s.hash())
	}
	r.principal, r.coop = in.Principal, in.Coop
	if r.now.Sub(s.Seen) >= touchEvery {
		return h.save(r)
	}
	return nil
}

// ensure gives the request a session (before sign-in, for the forms' CSRF
// token and the sign-in's progress), setting its cookie.
func (r *request) ensure() error {
	if r.sess != nil {
		return nil
	}
	r.sess = &session{id: newSecret(), Began: r.now, Lang: r.lang}
	r.h.setCookie(r.w, cookieName, r.sess.id, 0)
	return r.h.save(r)
}

// save writes the session back with its last-seen time now.
func (h *Handler) save(r *request) error {
	r.sess.Seen = r.now
	data, err := json.Marshal(r.sess)
	if err != nil {
		return dpcoop.Wrap("save session", err)
	}
	return h.cfg.Sessions.PutSession(r.Context(), r.sess.hash(), data, r.sess.Began.Add(MaxLifetime))
}

// renew replaces the session by a new one with the same data under a new id,
// when someone signs in (so an id known before sign-in is worth nothing
// after) and ends the old one.
func (r *request) renew() error {
	old, grant := r.sess.hash(), r.sess.grant()
	r.sess.id, r.sess.Began = newSecret(), r.now
	r.sess.setGrant(grant)
	r.h.setCookie(r.w, cookieName, r.sess.id, 0)
	if err := r.h.save(r); err != nil {
		return err
	}
	return r.h.cfg.Sessions.EndSession(r.Context(), old)
}

// signOut ends the session and forgets its cookie.
func (r *request) signOut() error {
	if r.sess == nil {
		return nil
	}
	h := r.sess.hash()
	r.h.forget(r.Context(), r.sess)
	r.sess, r.principal = nil, dpcoop.Principal{}
	r.h.clearCookie(r.w, cookieName)
	r.h.setCookie(r.w, langCookie, string(r.lang), 365*24*time.Hour) // the next page in the same language
	r.h.setCookie(r.w, easyCookie, strconv.FormatBool(r.easy), 365*24*time.Hour)
	return r.h.cfg.Sessions.EndSession(r.Context(), h)
}

// forget revokes an ending session's grant. The session ends whatever
// happens: a grant not revoked expires on its own, and no one can open it
// without the session's id.
func (h *Handler) forget(ctx context.Context, s *session) {
	g := s.grant()
	if g == "" || h.cfg.Passkeys == nil {
		return
	}
	if err := h.cfg.Passkeys.Forget(ctx, g); err != nil {
		h.cfg.Log.LogAttrs(ctx, slog.LevelWarn, "grant not revoked", slog.String("error", err.Error()))
	}
}

// csrfValid reports whether a POST carries this session's token.
func (r *request) csrfValid() bool {
	if r.sess == nil {
		return false
	}
	got := r.PostFormValue("csrf")
	return subtle.ConstantTimeCompare([]byte(got), []byte(r.sess.csrf())) == 1
}

// language is the person's choice on this page (?lang=), else the one kept
// in their session (their stored language once signed in), else the one
// they last chose on this device, else their browser's.
func (h *Handler) language(r *request) dpcoop.Lang {
	if l, ok := dpcoop.ParseLang(r.URL.Query().Get("lang")); ok {
		h.setCookie(r.w, langCookie, string(l), 365*24*time.Hour)
		if r.sess != nil && r.sess.Lang != l {
			r.sess.Lang = l
			if err := h.save(r); err != nil {
				h.cfg.Log.Warn("save session language", "error", err.Error())
			}
		}
		return l
	}
	if r.sess != nil && r.sess.Lang != "" {
		return r.sess.Lang
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := dpcoop.ParseLang(c.Value); ok {
			return l
		}
	}
	return dpcoop.NegotiateLang(r.Header.Get("Accept-Language"))
}

// easyRead is the Easy Read setting kept in the session, else the one last
// chosen on this device; off until someone turns it on.
func (h *Handler) easyRead(r *request) bool {
	if r.sess != nil && r.sess.Easy != nil {
		return *r.sess.Easy
	}
	if c, err := r.Cookie(easyCookie); err == nil {
		return c.Value == "true"
	}
	return false
}

func (h *Handler) setCookie(w http.ResponseWriter, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: int(maxAge.Seconds()),
		Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

func (h *Handler) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1,
		Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// newSecret is 256 random bits, URL-safe: a session id.
func newSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
