// Package httpevent serves an http.Handler from API Gateway HTTP API
// (payload 2.0) events, so the pages' handler runs unchanged on Lambda and
// in make dev.
package httpevent

import (
	"bytes"
	"context"
	"encoding/base64"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// Handler is the Lambda entry point serving h.
func Handler(h http.Handler) func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		req, err := Request(ctx, ev)
		if err != nil {
			return events.APIGatewayV2HTTPResponse{StatusCode: http.StatusBadRequest}, nil
		}
		w := &recorder{header: http.Header{}}
		h.ServeHTTP(w, req)
		return w.response(), nil
	}
}

// Request is the HTTP request an event stands for: API Gateway gives
// headers lowercased and repeated ones joined by commas, cookies apart, and
// a body base64-encoded when it is not text.
func Request(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (*http.Request, error) {
	body := []byte(ev.Body)
	if ev.IsBase64Encoded {
		var err error
		if body, err = base64.StdEncoding.DecodeString(ev.Body); err != nil {
			return nil, err
		}
	}
	u := &url.URL{Scheme: "https", Host: ev.RequestContext.DomainName, Path: ev.RawPath, RawQuery: ev.RawQueryString}
	req, err := http.NewRequestWithContext(ctx, ev.RequestContext.HTTP.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	for k, v := range ev.Headers {
		req.Header.Set(k, v)
	}
	if len(ev.Cookies) > 0 {
		req.Header.Set("Cookie", strings.Join(ev.Cookies, "; "))
	}
	req.Host = ev.RequestContext.DomainName
	req.RemoteAddr = ev.RequestContext.HTTP.SourceIP + ":0"
	req.RequestURI = u.RequestURI()
	return req, nil
}

// recorder keeps what the handler writes.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}

// response is the answer as API Gateway takes it: cookies apart, other
// repeated headers joined, and a body base64-encoded unless it is text.
func (r *recorder) response() events.APIGatewayV2HTTPResponse {
	resp := events.APIGatewayV2HTTPResponse{StatusCode: r.status, Headers: map[string]string{}, Cookies: r.header.Values("Set-Cookie")}
	if resp.StatusCode == 0 {
		resp.StatusCode = http.StatusOK
	}
	for k, vs := range r.header {
		if k != "Set-Cookie" {
			resp.Headers[k] = strings.Join(vs, ",")
		}
	}
	if textual(r.header.Get("Content-Type")) {
		resp.Body = r.body.String()
	} else if r.body.Len() > 0 {
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(r.body.Bytes()), true
	}
	return resp
}

func textual(contentType string) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	return strings.HasPrefix(mt, "text/") || mt == "application/json" || mt == "image/svg+xml" || strings.HasSuffix(mt, "javascript")
}
