package local

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/filing"
	"github.com/dpcoop/dpcoop/internal/rti"
	"github.com/dpcoop/dpcoop/internal/rti/testengine"
)

// HMRCPath is where make dev serves the stand-in Transaction Engine
// (internal/rti/testengine); the local stack's submissions go there. Like
// every /_local/ path it answers only with the local secret, which the
// stack's own HMRC client sends.
const HMRCPath = "/_local/hmrc/"

// CredentialFiles keeps co-ops' Government Gateway credentials in make
// dev's data folder, one file per co-op (mode 0600): the local stand-in for
// AWS Secrets Manager, behind the same interfaces. Never the table.
type CredentialFiles struct {
	dir string
	mu  sync.Mutex
}

var _ filing.Vault = (*CredentialFiles)(nil)
var _ filing.CredentialWriter = (*CredentialFiles)(nil)

var safeCoopID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,100}$`)

func (c *CredentialFiles) path(coop dpcoop.CoopID) (string, error) {
	if !safeCoopID.MatchString(string(coop)) {
		return "", errors.New("local credentials: unexpected co-op id")
	}
	return filepath.Join(c.dir, string(coop)+".json"), nil
}

type credentialFile struct {
	SenderID string `json:"sender_id"`
	Password string `json:"password"`
}

// Credentials reads a co-op's credentials; KindNotFound when none are kept.
func (c *CredentialFiles) Credentials(_ context.Context, coop dpcoop.CoopID) (rti.Credentials, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, err := c.path(coop)
	if err != nil {
		return rti.Credentials{}, err
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return rti.Credentials{}, dpcoop.E("read hmrc credentials", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if err != nil {
		return rti.Credentials{}, err
	}
	var f credentialFile
	if err := json.Unmarshal(b, &f); err != nil {
		return rti.Credentials{}, err
	}
	return rti.Credentials{SenderID: f.SenderID, Password: f.Password}, nil
}

// SetCredentials writes a co-op's credentials, readable by this user only.
func (c *CredentialFiles) SetCredentials(_ context.Context, coop dpcoop.CoopID, cr rti.Credentials) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, err := c.path(coop)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return err
	}
	b, _ := json.Marshal(credentialFile{SenderID: cr.SenderID, Password: cr.Password}) // strings always marshal
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// withSecret sends the local secret with every request, so the stack's own
// HMRC client may reach the stand-in under /_local/.
type withSecret struct {
	secret string
	next   http.RoundTripper
}

func (w withSecret) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(SecretHeader, w.secret)
	return w.next.RoundTrip(r)
}

// newFiler is the local stack's HMRC filing: the stand-in's service (its
// URL set once the stack serves), credentials from the data folder.
func (s *Stack) newFiler(dir string, wait func(context.Context, time.Duration) error) {
	s.Credentials = &CredentialFiles{dir: filepath.Join(dir, "hmrc-credentials")}
	s.HMRC = testengine.New()
	s.Filer = &filing.Filer{
		Store: s.Store, Vault: s.Credentials, Now: s.now, Wait: wait,
		Channel: rti.Channel{VendorID: "LOCAL", Product: rti.Product, Version: rti.ProductVersion},
		HTTP:    &http.Client{Timeout: 30 * time.Second, Transport: withSecret{secret: s.secret, next: http.DefaultTransport}},
	}
}
