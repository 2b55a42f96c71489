package httpevent

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

func TestAnEventIsServedAsTheRequestItStandsFor(t *testing.T) {
	var got *http.Request
	var body string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		http.SetCookie(w, &http.Cookie{Name: "a", Value: "1"})
		http.SetCookie(w, &http.Cookie{Name: "b", Value: "2"})
		w.Header().Set("Content-Type", "application/pdf")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte{0x25, 0x50, 0x44, 0x46})
	})
	ev := events.APIGatewayV2HTTPRequest{
		RawPath: "/pa/shifts/new", RawQueryString: "lang=cy",
		Headers: map[string]string{"content-type": "application/x-www-form-urlencoded", "accept-language": "cy,en;q=0.5"},
		Cookies: []string{"dpcoop_session=abc", "dpcoop_lang=cy"},
		Body:    base64.StdEncoding.EncodeToString([]byte("start=09%3A00")), IsBase64Encoded: true,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			DomainName: "coop.example",
			HTTP:       events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: "POST", SourceIP: "203.0.113.9"},
		},
	}
	resp, err := Handler(h)(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	if got.Method != "POST" || got.URL.Path != "/pa/shifts/new" || got.URL.Query().Get("lang") != "cy" || got.Host != "coop.example" {
		t.Errorf("request %s %s host %s", got.Method, got.URL, got.Host)
	}
	if c, err := got.Cookie("dpcoop_session"); err != nil || c.Value != "abc" {
		t.Errorf("session cookie %v %v", c, err)
	}
	if body != "start=09%3A00" || got.Header.Get("Accept-Language") != "cy,en;q=0.5" || got.RemoteAddr != "203.0.113.9:0" {
		t.Errorf("body %q, headers %v, remote %s", body, got.Header, got.RemoteAddr)
	}
	if resp.StatusCode != http.StatusCreated || len(resp.Cookies) != 2 || resp.Cookies[1] != "b=2" || !resp.IsBase64Encoded || resp.Body != "JVBERg==" {
		t.Errorf("response %+v", resp)
	}
	if _, ok := resp.Headers["Set-Cookie"]; ok {
		t.Error("cookies belong in the cookies field of a payload 2.0 answer")
	}
}
