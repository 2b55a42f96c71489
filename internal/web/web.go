// Package web serves the pages people use in a browser: server-rendered
// html/template pages in GOV.UK Frontend's HTML, in Welsh and English, that
// work without JavaScript. Each page calls the same application services the
// JSON API calls, as the person signed in to the session, so no rule lives
// here: the pages read forms, call a service and render what it answers.
package web

import (
	"errors"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Config is what the pages need beyond the services.
type Config struct {
	Services app.Services
	// Store keeps co-ops and each person's access record, read on every
	// signed-in request.
	Store    dpcoop.Store
	Sessions Sessions
	SignIn   SignIn
	// Passkeys, when set, offers passkeys beside the email code.
	Passkeys Passkeys
	Limiter  dpcoop.Limiter
	// Codes limits the sign-in codes asked for in 15 minutes; zero means
	// DefaultCodes.
	Codes CodeLimits
	Now   func() time.Time
	Log   *slog.Logger
}

// CodeLimits are how many sign-in codes one email address, and one network
// address, may ask for in 15 minutes.
type CodeLimits struct{ PerEmail, PerAddress int }

// DefaultCodes are the limits on AWS: a few codes for a person who mistyped
// or lost an email, and enough for a household or an office on one address.
var DefaultCodes = CodeLimits{PerEmail: 5, PerAddress: 30}

// Handler serves every page and the assets.
type Handler struct {
	cfg   Config
	mux   *http.ServeMux
	pages pages
}

// New builds the pages' handler.
func New(cfg Config) *Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Codes == (CodeLimits{}) {
		cfg.Codes = DefaultCodes
	}
	h := &Handler{cfg: cfg, mux: http.NewServeMux(), pages: parsePages()}
	h.mux.Handle("GET /assets/", assets())
	h.mux.HandleFunc("GET /{$}", h.page(nil, h.home))
	h.signInRoutes()
	h.passkeyRoutes()
	h.paRoutes()
	h.applyRoutes()
	h.memberRoutes()
	h.adminRoutes()
	h.adminRegRoutes()
	h.adminPayRoutes()
	h.adminMoneyRoutes()
	h.adminPeopleRoutes()
	h.particularsRoutes()
	h.adminRTWRoutes()
	h.adminCasesRoutes()
	h.adminTrainingRoutes()
	h.buddyRoutes()
	h.matchingRoutes()
	h.coverRoutes()
	h.activityRoutes()
	h.adminActivityRoutes()
	h.mux.HandleFunc("/", h.page(nil, func(w http.ResponseWriter, r *request) error {
		return dpcoop.E("page", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}))
	return h
}

// ServeHTTP answers with the security headers on every response.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	secure(w.Header())
	h.mux.ServeHTTP(w, r)
}

// secure sets the headers every response carries: scripts, styles, fonts and
// images only from this origin (none inline), no framing, no sniffing, no
// referrer beyond the origin, HTTPS only.
func secure(hd http.Header) {
	hd.Set("Content-Security-Policy", csp(""))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Referrer-Policy", "same-origin")
	hd.Set("Cross-Origin-Opener-Policy", "same-origin")
	hd.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
}

// csp is the Content Security Policy: this origin only, no inline script or
// style; extra, when given, is one more source for scripts and frames
// (Turnstile's, on the one page that shows its widget).
func csp(extra string) string {
	script, frame := "script-src 'self'", ""
	if extra != "" {
		script, frame = script+" "+extra, "frame-src 'self' "+extra+"; "
	}
	return "default-src 'self'; " + script + "; style-src 'self'; img-src 'self'; font-src 'self'; " +
		"connect-src 'self'; " + frame + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
}

// maxForm is the most a form may post: the pages' forms are a few fields.
const maxForm = 64 << 10

// pageFunc serves one page for a request whose session, language and person
// are known.
type pageFunc func(w http.ResponseWriter, r *request) error

// page wraps a page: it reads the session (ending it if it idled, expired or
// its person's access ended), picks the language, refuses a POST without the
// session's CSRF token, requires one of roles when roles are given, and turns
// any error into a page in the person's language.
func (h *Handler) page(roles []dpcoop.Role, fn pageFunc) http.HandlerFunc {
	return h.serve(roles, true, fn)
}

// public wraps a page anyone may post to without a session, whose form
// carries its own nonce instead of the session's CSRF token (the hosted
// application form).
func (h *Handler) public(fn pageFunc) http.HandlerFunc {
	return h.serve(nil, false, fn)
}

func (h *Handler) serve(roles []dpcoop.Role, csrf bool, fn pageFunc) http.HandlerFunc {
	return func(rw http.ResponseWriter, hr *http.Request) {
		start := time.Now()
		w := &statusWriter{ResponseWriter: rw, status: http.StatusOK}
		hr.Body = http.MaxBytesReader(w, hr.Body, maxForm)
		r, err := h.begin(w, hr)
		if err == nil {
			err = h.guard(r, roles, csrf)
		}
		if err == nil {
			err = fn(w, r)
		}
		if err != nil {
			h.fail(w, r, err)
		}
		h.audit(r, w.status)
		attrs := []slog.Attr{slog.String("method", hr.Method), slog.String("pattern", hr.Pattern),
			slog.Int("status", w.status), slog.Int64("duration_ms", time.Since(start).Milliseconds())}
		if r != nil && r.signedIn() {
			attrs = append(attrs, slog.String("coop", string(r.principal.Coop)))
		}
		h.cfg.Log.LogAttrs(hr.Context(), slog.LevelInfo, "page", attrs...)
	}
}

// guard refuses a forged POST and a person without the page's role.
func (h *Handler) guard(r *request, roles []dpcoop.Role, csrf bool) error {
	if csrf && r.Method == http.MethodPost && !r.csrfValid() {
		return errCSRF
	}
	if len(roles) == 0 {
		return nil
	}
	if !r.signedIn() {
		return errSignIn
	}
	if !r.principal.HasAny(roles...) {
		return dpcoop.E("authorise", dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	return nil
}

var (
	errCSRF   = errors.New("csrf token missing or wrong")
	errSignIn = errors.New("sign in first")
)

// fail answers an error as a page; only server faults are logged with their
// error (which never holds personal data: the services' errors carry codes).
func (h *Handler) fail(w http.ResponseWriter, r *request, err error) {
	if r == nil { // the session could not be read
		h.cfg.Log.Error("page session", slog.String("error", err.Error()))
		http.Error(w, "Mae'r gwasanaeth yn brysur. / The service is busy.", http.StatusServiceUnavailable)
		return
	}
	switch {
	case errors.Is(err, errSignIn):
		to := "/sign-in"
		if r.ended != "" {
			to += "?why=" + r.ended
		}
		http.Redirect(w, r.Request, to, http.StatusSeeOther)
	case errors.Is(err, errCSRF):
		h.message(w, r, http.StatusForbidden, "csrf.title", "csrf.body")
	default:
		h.failure(w, r, err)
	}
}

// failure answers a service's error by its kind.
func (h *Handler) failure(w http.ResponseWriter, r *request, err error) {
	de := dpcoop.ErrorOf(err)
	switch de.Kind {
	case dpcoop.KindNotFound:
		h.message(w, r, http.StatusNotFound, "notfound.title", "notfound.body")
	case dpcoop.KindForbidden, dpcoop.KindUnauthenticated:
		h.message(w, r, http.StatusForbidden, "forbidden.title", de.Code)
	case dpcoop.KindRateLimited:
		if de.RetryAfter > 0 {
			w.Header().Set("Retry-After", itoa(int64(de.RetryAfter.Seconds())+1))
		}
		h.message(w, r, http.StatusTooManyRequests, "error.title", de.Code)
	case dpcoop.KindInvalid, dpcoop.KindConflict, dpcoop.KindMalformed, dpcoop.KindTooLarge:
		h.message(w, r, http.StatusBadRequest, "error.title", de.Code)
	default:
		h.cfg.Log.ErrorContext(r.Context(), "page failed", slog.String("pattern", r.Pattern), slog.String("code", de.Code), slog.String("error", err.Error()))
		h.message(w, r, http.StatusInternalServerError, "problem.title", dpcoop.CodeUnavailable)
	}
}

// message is a page of a title and one paragraph.
func (h *Handler) message(w http.ResponseWriter, r *request, status int, title, body string) {
	h.render(w, r, status, "message", withData(r.view(title), T(r.lang, body)))
}

// home sends each person to their own pages.
func (h *Handler) home(w http.ResponseWriter, r *request) error {
	switch {
	case !r.signedIn():
		http.Redirect(w, r.Request, "/sign-in", http.StatusSeeOther)
	case r.principal.Has(dpcoop.RoleAdmin):
		http.Redirect(w, r.Request, "/admin", http.StatusSeeOther)
	case r.principal.Has(dpcoop.RolePA):
		http.Redirect(w, r.Request, "/pa", http.StatusSeeOther)
	case r.principal.Has(dpcoop.RoleMember):
		http.Redirect(w, r.Request, "/member", http.StatusSeeOther)
	default:
		h.render(w, r, http.StatusOK, "message", withData(r.view("home.title"), T(r.lang, "home.nothing")))
	}
	return nil
}

func withData(v *view, data any) *view { v.Data = data; return v }

// statusWriter remembers the status a page answered with, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// unaudited are the forms that change nothing of the co-op's (signing in
// and out, and a person's own display setting), and those whose service
// writes its own, fuller entry (people and access, the co-op's settings).
var unaudited = map[string]bool{"POST /sign-in": true, "POST /sign-in/code": true, "POST /sign-in/choose": true,
	"POST /sign-out": true, "POST /easy-read": true,
	"POST /admin/people/invite": true, "POST /admin/people/{id}/roles": true, "POST /admin/people/{id}/revoke": true,
	"POST /admin/settings": true, "POST /admin/settings/turnstile": true}

// sensitivePages show special category or sensitive data (support needs,
// NI numbers, bank details, a member's whole record): every read of them
// is recorded, as the API records its sensitive reads.
var sensitivePages = map[string]bool{"GET /member/data": true, "GET /member/data/download": true,
	"GET /pa/data": true, "GET /pa/data/download": true, "GET /admin/pas/{id}/data": true,
	"GET /admin/applications": true, "GET /admin/applications/{id}": true, "GET /admin/pas/{id}": true,
	"GET /admin/pas/{id}/edit": true, "GET /admin/pas/{id}/pay": true, "GET /admin/pas/{id}/pay/sickness/{absence}": true, "GET /admin/members/{id}/data": true}

// wildcard finds a pattern's path wildcards, "{id}" or "{rest...}".
var wildcard = regexp.MustCompile(`\{([A-Za-z_]+)(?:\.\.\.)?\}`)

// audit records a change made through the pages (a signed-in form post
// answered by the redirect that follows a change: a form with problems or a
// confirm page answers 200 or 4xx and changed nothing), or a read of a
// sensitive page, in the same trail and the same shape as the API's. The
// action already happened: a failure to record is logged, not undone.
func (h *Handler) audit(r *request, status int) {
	if r == nil || !r.signedIn() || unaudited[r.Pattern] {
		return
	}
	read := r.Method == http.MethodGet
	switch {
	case read && (status != http.StatusOK || !sensitivePages[r.Pattern]):
		return
	case !read && (r.Method != http.MethodPost || status != http.StatusSeeOther):
		return
	}
	var target map[string]string
	for _, m := range wildcard.FindAllStringSubmatch(r.Pattern, -1) {
		if target == nil {
			target = map[string]string{}
		}
		target[m[1]] = r.PathValue(m[1])
	}
	e := dpcoop.AuditEntry{ID: dpcoop.NewID(), At: r.now.UTC(), Action: r.Pattern, Target: target, Status: status, Read: read}
	if err := h.cfg.Services.Audit.Record(r.Context(), r.principal, e); err != nil {
		h.cfg.Log.Error("audit not recorded", slog.String("page", r.Pattern), slog.String("coop", string(r.principal.Coop)), slog.String("error", err.Error()))
	}
}
