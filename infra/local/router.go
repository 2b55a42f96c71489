package local

import (
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/infra/statemachine"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/route"
	"github.com/dpcoop/dpcoop/internal/rti"
)

// maxRequest is API Gateway's own payload limit; the handlers apply tighter
// ones.
const maxRequest = 10 << 20

// ServeHTTP turns an HTTP request into the API Gateway v2 event AWS would send,
// refusing a missing or bad token on a protected route as the JWT authorizer
// does, and writes the handler's answer back; paths outside /v1 are pages.
func (s *Stack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch {
	case strings.HasPrefix(r.URL.Path, "/site/") && s.site != nil:
		s.site.ServeHTTP(w, r)
		return
	case strings.HasPrefix(r.URL.Path, "/_local/") && subtle.ConstantTimeCompare([]byte(r.Header.Get(SecretHeader)), []byte(s.secret)) != 1:
		// make dev's own endpoints start payroll steps: only a caller that
		// read the secret from the data folder may.
		http.Error(w, "the local secret (X-Local-Secret, kept in the data folder) is missing or wrong", http.StatusForbidden)
		return
	case r.Method == http.MethodPost && r.URL.Path == "/_local/tasks/"+statemachine.PayrollTaskArn:
		s.serveTask(w, r)
		return
	case r.Method == http.MethodPost && r.URL.Path == "/_local/tick":
		s.serveTick(w, r)
		return
	case strings.HasPrefix(r.URL.Path, HMRCPath):
		s.HMRC.ServeHTTP(w, r)
		return
	case r.URL.Path != "/v1" && !strings.HasPrefix(r.URL.Path, "/v1/") && !strings.HasPrefix(r.URL.Path, "/_local/"):
		// Everything else is a page, as the HTTP API's $default route sends
		// it to the web function on AWS.
		s.Web.ServeHTTP(w, r)
		return
	}
	ev, err := s.event(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	rt, params, ok := route.Match(r.Method, r.URL.Path)
	if ok {
		ev.RouteKey, ev.RequestContext.RouteKey, ev.PathParameters = rt.Key(), rt.Key(), params
		if !rt.Public() {
			claims, err := s.authorize(r)
			if err != nil {
				// API Gateway's own answer; the handler never sees the call.
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("WWW-Authenticate", "Bearer")
				w.WriteHeader(http.StatusUnauthorized)
				_, _ = io.WriteString(w, `{"message":"Unauthorized"}`)
				return
			}
			ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
				JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims},
			}
		}
	}
	resp := s.API.Handle(r.Context(), ev)
	for k, v := range resp.Headers {
		w.Header().Set(k, v)
	}
	w.WriteHeader(resp.StatusCode)
	body := []byte(resp.Body)
	if resp.IsBase64Encoded {
		body, _ = base64.StdEncoding.DecodeString(resp.Body)
	}
	_, _ = w.Write(body)
}

func (s *Stack) authorize(r *http.Request) (map[string]string, error) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return nil, fmt.Errorf("no bearer token")
	}
	return s.Tokens.Verify(strings.TrimSpace(token))
}

// event builds the payload-2.0 event: lowercased headers with repeated values
// joined by commas, query parameters likewise, and a body that is base64
// encoded unless it is JSON or text, as API Gateway does.
func (s *Stack) event(r *http.Request) (events.APIGatewayV2HTTPRequest, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequest+1))
	if err != nil || len(body) > maxRequest {
		return events.APIGatewayV2HTTPRequest{}, fmt.Errorf("request too large")
	}
	headers := map[string]string{}
	for k, vs := range r.Header {
		headers[strings.ToLower(k)] = strings.Join(vs, ",")
	}
	var query map[string]string
	if q := r.URL.Query(); len(q) > 0 {
		query = map[string]string{}
		for k, vs := range q {
			query[k] = strings.Join(vs, ",")
		}
	}
	ip, _, _ := net.SplitHostPort(r.RemoteAddr)
	now := s.now()
	ev := events.APIGatewayV2HTTPRequest{
		Version: "2.0", RouteKey: "$default", RawPath: r.URL.Path, RawQueryString: r.URL.RawQuery,
		Headers: headers, QueryStringParameters: query,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			AccountID: "000000000000", APIID: "local", DomainName: r.Host, Stage: "$default",
			RequestID: dpcoop.NewID(), RouteKey: "$default", Time: now.Format("02/Jan/2006:15:04:05 -0700"),
			TimeEpoch: now.UnixMilli(),
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{
				Method: r.Method, Path: r.URL.Path, Protocol: r.Proto, SourceIP: ip, UserAgent: r.UserAgent(),
			},
		},
	}
	if len(body) > 0 {
		if textual(r.Header.Get("Content-Type")) {
			ev.Body = string(body)
		} else {
			ev.Body, ev.IsBase64Encoded = base64.StdEncoding.EncodeToString(body), true
		}
	}
	return ev, nil
}

func textual(contentType string) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	return mt == "application/json" || strings.HasSuffix(mt, "+json") || strings.HasPrefix(mt, "text/")
}

// Serve answers on ln until the server is closed; the local workflows' Task
// states call back on the same address.
func (s *Stack) Serve(ln net.Listener) error {
	s.Workflows.mu.Lock()
	s.Workflows.tasksURL = "http://" + ln.Addr().String() + "/_local/tasks"
	s.Workflows.mu.Unlock()
	s.Filer.Service = rti.Service{Name: "local", SubmissionURL: "http://" + ln.Addr().String() + HMRCPath + "submission", GatewayTest: true}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.closers = append(s.closers, srv.Close)
	return srv.Serve(ln)
}
