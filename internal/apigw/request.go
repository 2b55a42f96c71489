package apigw

import (
	"encoding/base64"
	"mime"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/route"
)

// Body size limits. Public forms are small; anything larger is refused before
// it is parsed.
const (
	MaxPublicBody = 16 << 10
	MaxBody       = 64 << 10
	MaxKeyLen     = 128
)

// request is one API call as the handlers see it.
type request struct {
	ev        *events.APIGatewayV2HTTPRequest
	route     route.Route
	principal dpcoop.Principal
	// coop is the caller's co-op as the access check read it (signed-in
	// routes only), so no action reads it again.
	coop dpcoop.Coop
	lang dpcoop.Lang
	now  time.Time
	// redirect is where a form post sends the person back to, once the
	// target has been checked against the allowed origins.
	redirect string
	// formPost is the co-op of a browser's form post to its application
	// form: every answer to it is a page (see failure), never JSON.
	formPost string
	fp       string // the request's fingerprint, once computed
}

func newRequest(ev *events.APIGatewayV2HTTPRequest, now time.Time) *request {
	r := &request{ev: ev, now: now}
	r.lang = dpcoop.NegotiateLang(r.header("accept-language"))
	return r
}

// header reads a header case-insensitively (API Gateway lowercases names, but
// tests and local callers may not).
func (r *request) header(name string) string {
	if v, ok := r.ev.Headers[name]; ok {
		return v
	}
	for k, v := range r.ev.Headers {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

func (r *request) param(name string) string { return r.ev.PathParameters[name] }

// mediaType is the request's content type without parameters, lowercased.
func (r *request) mediaType() string {
	mt, _, err := mime.ParseMediaType(r.header("content-type"))
	if err != nil {
		return ""
	}
	return mt
}

// body returns the raw body, decoded from base64 when API Gateway encoded it,
// refusing it when over the route's limit.
func (r *request) body() ([]byte, error) {
	limit := MaxBody
	if r.route.Public() {
		limit = MaxPublicBody
	}
	raw := r.ev.Body
	if len(raw) > base64.StdEncoding.EncodedLen(limit) {
		return nil, dpcoop.E("read body", dpcoop.KindTooLarge, dpcoop.CodeTooLarge)
	}
	b := []byte(raw)
	if r.ev.IsBase64Encoded {
		var err error
		if b, err = base64.StdEncoding.DecodeString(raw); err != nil {
			return nil, dpcoop.E("read body", dpcoop.KindMalformed, dpcoop.CodeMalformed)
		}
	}
	if len(b) > limit {
		return nil, dpcoop.E("read body", dpcoop.KindTooLarge, dpcoop.CodeTooLarge)
	}
	return b, nil
}

// key is the request's idempotency key: the Idempotency-Key header, or else a
// form's hidden nonce, checked for size and charset.
func (r *request) key(nonce string) (string, error) {
	if h := r.header("idempotency-key"); h != "" {
		return checkKey("Idempotency-Key", h)
	}
	return checkKey("nonce", nonce)
}

func checkKey(field, k string) (string, error) {
	if len(k) > MaxKeyLen {
		var p dpcoop.Problems
		p.Add(field, dpcoop.FieldTooLong, "max", strconv.Itoa(MaxKeyLen))
		return "", p.Err("idempotency key")
	}
	for _, c := range k {
		if c < 0x21 || c > 0x7e {
			var p dpcoop.Problems
			p.Add(field, dpcoop.FieldInvalid)
			return "", p.Err("idempotency key")
		}
	}
	return k, nil
}

// fingerprint hashes what the request asks for: method, route, path, query
// and body. An idempotency key is bound to it, and ids made from a key
// include it, so a key reused for a different request can never find what
// the first one made.
func (r *request) fingerprint() (string, error) {
	if r.fp == "" {
		body, err := r.body()
		if err != nil {
			return "", err
		}
		r.fp = dpcoop.Fingerprint(r.ev.RequestContext.HTTP.Method, r.ev.RouteKey, r.ev.RawPath, r.ev.RawQueryString, string(body))
	}
	return r.fp, nil
}

// keyScope is where an idempotency key is unique: the caller's co-op, or for
// a public route its path (a co-op's form, or the signup of a new co-op).
func (r *request) keyScope() string {
	if r.principal.Coop != "" {
		return "coop#" + string(r.principal.Coop)
	}
	return "public#" + r.ev.RawPath
}

// clientKey identifies the caller for rate limiting without keeping their IP
// address: only a hash of it is stored.
func (r *request) clientKey() string {
	return dpcoop.Fingerprint("client", r.ev.RequestContext.HTTP.SourceIP)[:24]
}

// wantsCSV reports whether the caller asked for CSV.
func (r *request) wantsCSV() bool {
	return strings.Contains(strings.ToLower(r.header("accept")), "text/csv")
}

// page reads the limit and cursor query parameters of a list.
func (r *request) page() (dpcoop.PageRequest, error) {
	var p dpcoop.Problems
	pr := dpcoop.PageRequest{Cursor: r.ev.QueryStringParameters["cursor"]}
	if s, ok := r.ev.QueryStringParameters["limit"]; ok {
		n, err := strconv.Atoi(s)
		switch {
		case err != nil:
			p.Add("limit", dpcoop.FieldNumber)
		case n < 1 || n > dpcoop.MaxPageLimit:
			p.Add("limit", dpcoop.FieldOutOfRange, "min", "1", "max", strconv.Itoa(dpcoop.MaxPageLimit))
		default:
			pr.Limit = n
		}
	}
	if len(pr.Cursor) > 1024 {
		p.Add("cursor", dpcoop.FieldCursor)
	}
	return pr, p.Err("read page")
}

// checkQuery refuses query parameters the route does not know.
func (r *request) checkQuery(known ...string) error {
	var p dpcoop.Problems
	for k := range r.ev.QueryStringParameters {
		found := false
		for _, n := range known {
			found = found || k == n
		}
		if !found {
			p.Add(k, dpcoop.FieldUnknown)
		}
	}
	return p.Err("read query")
}

// monthQuery reads the required ?month=YYYY-MM, after refusing query
// parameters the route does not know.
func (r *request) monthQuery(op string, known ...string) (string, error) {
	if err := r.checkQuery(append(known, "month")...); err != nil {
		return "", err
	}
	month, ok := dpcoop.ParseMonth(r.ev.QueryStringParameters["month"])
	if !ok {
		var p dpcoop.Problems
		p.Add("month", dpcoop.FieldDate)
		return "", p.Err(op)
	}
	return month, nil
}
