package apigw

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
	"github.com/dpcoop/dpcoop/internal/signup"
)

// response is an HTTP answer before it becomes an API Gateway event.
type response struct {
	status  int
	headers map[string]string
	body    []byte
	binary  bool // sent base64-encoded, as API Gateway requires for a PDF
}

func (r *response) event() events.APIGatewayV2HTTPResponse {
	if r.headers == nil {
		r.headers = map[string]string{}
	}
	for k, v := range apiSecurity {
		r.headers[k] = v
	}
	if r.binary {
		return events.APIGatewayV2HTTPResponse{StatusCode: r.status, Headers: r.headers, Body: base64.StdEncoding.EncodeToString(r.body), IsBase64Encoded: true}
	}
	return events.APIGatewayV2HTTPResponse{StatusCode: r.status, Headers: r.headers, Body: string(r.body)}
}

// apiSecurity are the headers every API answer carries, as the pages carry
// theirs (package web; one origin, one policy): HTTPS only, no sniffing, and
// no framing, scripts or anything else loaded on behalf of an answer, which
// is data, never a page.
var apiSecurity = map[string]string{
	"x-content-type-options":    "nosniff",
	"strict-transport-security": "max-age=63072000; includeSubDomains",
	"content-security-policy":   "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
	"x-frame-options":           "DENY",
	"referrer-policy":           "same-origin",
}

func jsonResponse(status int, v any) *response {
	b, err := json.Marshal(v)
	if err != nil {
		// Only our own types are marshalled; failing here is a bug worth a 500.
		return &response{status: http.StatusInternalServerError, headers: map[string]string{"content-type": "text/plain"}, body: []byte("internal error")}
	}
	return &response{status: status, headers: map[string]string{"content-type": "application/json"}, body: b}
}

func redirectResponse(location string) *response {
	return &response{status: http.StatusSeeOther, headers: map[string]string{"location": location, "cache-control": "no-store"}}
}

// defaultRetryAfter is the seconds a caller is asked to wait when a
// dependency was busy and nothing says for how long.
const defaultRetryAfter = 5

// fieldProblem is one entry of a problem's per-field list.
type fieldProblem struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// problem is an RFC 9457 problem document with our stable code and the
// per-field list, in the caller's language.
type problem struct {
	Type   string         `json:"type"`
	Title  string         `json:"title"`
	Status int            `json:"status"`
	Code   string         `json:"code"`
	Lang   dpcoop.Lang    `json:"lang"`
	Errors []fieldProblem `json:"errors"`
	// RequestID is what a person quotes to support; the logs carry it too.
	RequestID string `json:"request_id,omitempty"`
}

// statusOf is the one place a domain error kind becomes an HTTP status.
func statusOf(k dpcoop.Kind) int {
	switch k {
	case dpcoop.KindInvalid:
		return http.StatusUnprocessableEntity
	case dpcoop.KindMalformed:
		return http.StatusBadRequest
	case dpcoop.KindUnauthenticated:
		return http.StatusUnauthorized
	case dpcoop.KindForbidden:
		return http.StatusForbidden
	case dpcoop.KindNotFound:
		return http.StatusNotFound
	case dpcoop.KindConflict:
		return http.StatusConflict
	case dpcoop.KindTooLarge:
		return http.StatusRequestEntityTooLarge
	case dpcoop.KindUnsupported:
		return http.StatusUnsupportedMediaType
	case dpcoop.KindRateLimited:
		return http.StatusTooManyRequests
	case dpcoop.KindUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

func problemOf(err error, l dpcoop.Lang) problem {
	de := dpcoop.ErrorOf(err)
	p := problem{
		Type: "urn:dpcoop:problem:" + de.Code, Title: messages.Text(l, de.Code, nil),
		Status: statusOf(de.Kind), Code: de.Code, Lang: l, Errors: []fieldProblem{},
	}
	if de.Kind == dpcoop.KindInternal {
		p.Code, p.Type, p.Title = dpcoop.CodeInternal, "urn:dpcoop:problem:"+dpcoop.CodeInternal, messages.Text(l, dpcoop.CodeInternal, nil)
	}
	for _, f := range de.Fields {
		p.Errors = append(p.Errors, fieldProblem{Field: f.Field, Code: f.Code, Message: messages.Field(l, f.Code, f.Params)})
	}
	return p
}

// failure answers an error: a browser's form post to an application form
// goes to the service's page that explains it (any error: a 429, a refused
// answer, a fault), with the problem's codes and never the answers; another
// form post whose return page is known goes back there with the errors in
// the query; everything else gets problem+json.
func (r *request) failure(err error) *response {
	p := problemOf(err, r.lang)
	p.RequestID = r.ev.RequestContext.RequestID
	if r.formPost != "" {
		q := url.Values{"code": {p.Code}}
		for _, f := range p.Errors {
			q.Add("error", f.Field+":"+f.Code)
		}
		return redirectResponse(signup.HostedPath(r.formPost, r.lang, signup.PageProblem) + "?" + q.Encode())
	}
	if r.redirect != "" && p.Status != http.StatusInternalServerError {
		q := url.Values{"status": {"error"}, "code": {p.Code}, "lang": {string(r.lang)}, "request_id": {p.RequestID}}
		for _, f := range p.Errors {
			q.Add("error", f.Field+":"+f.Code)
			q.Set("message."+f.Field, f.Message)
		}
		if len(p.Errors) == 0 {
			q.Set("message", p.Title)
		}
		return redirectResponse(withQuery(r.redirect, q))
	}
	resp := jsonResponse(p.Status, p)
	resp.headers["content-type"] = "application/problem+json"
	resp.headers["content-language"] = string(r.lang)
	if de := dpcoop.ErrorOf(err); de.RetryAfter > 0 {
		resp.headers["retry-after"] = strconv.Itoa(int(de.RetryAfter.Seconds()) + 1)
	} else if p.Status == http.StatusServiceUnavailable || p.Status == http.StatusTooManyRequests {
		resp.headers["retry-after"] = strconv.Itoa(defaultRetryAfter)
	}
	return resp
}

// withQuery adds q to target's own query, keeping what the page already had.
func withQuery(target string, q url.Values) string {
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	merged := u.Query()
	for k, v := range q {
		merged[k] = v
	}
	u.RawQuery = merged.Encode()
	return u.String()
}
