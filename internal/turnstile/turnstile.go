// Package turnstile verifies Cloudflare Turnstile tokens, the optional check
// a co-op can put on its application form against automated posts.
package turnstile

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// SiteVerify is Cloudflare's verification endpoint.
const SiteVerify = "https://challenges.cloudflare.com/turnstile/v0/siteverify"

// Verifier asks Cloudflare whether a token is genuine.
type Verifier struct {
	client *http.Client
	url    string
}

// New returns a verifier calling url (SiteVerify, or a test server).
func New(url string) *Verifier {
	return &Verifier{client: &http.Client{Timeout: 5 * time.Second}, url: url}
}

var _ dpcoop.HumanCheck = (*Verifier)(nil)

// Verify reports whether the token passes for the co-op's secret. A failure
// to ask is an unavailable error, so the applicant is told to try again
// rather than refused.
func (v *Verifier) Verify(ctx context.Context, secret, token, remoteIP string) (bool, error) {
	form := url.Values{"secret": {secret}, "response": {token}}
	if remoteIP != "" {
		form.Set("remoteip", remoteIP)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, v.url, strings.NewReader(form.Encode()))
	if err != nil {
		return false, dpcoop.Wrap("verify turnstile", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := v.client.Do(req)
	if err != nil {
		return false, &dpcoop.Error{Op: "verify turnstile", Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
	}
	defer resp.Body.Close()
	var out struct {
		Success bool `json:"success"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&out) != nil {
		return false, &dpcoop.Error{Op: "verify turnstile", Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable}
	}
	return out.Success, nil
}
