package local

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/dpcoop/dpcoop/internal/apigw"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Issuer and Audience of local tokens, checked as API Gateway's JWT authorizer
// checks Cognito's.
const (
	Issuer   = "http://localhost/dpcoop-local-idp"
	Audience = "dpcoop-local"
)

// Tokens signs and verifies local JWTs (HS256) with a key kept in the data
// folder, so make token and make dev agree. Dev only: never deployed.
type Tokens struct {
	key []byte
	now func() time.Time
}

// LoadTokens reads the signing key from dir, creating it on first use.
func LoadTokens(dir string, now func() time.Time) (*Tokens, error) {
	key, err := loadKey(dir, "jwt.key")
	if err != nil {
		return nil, err
	}
	return &Tokens{key: key, now: now}, nil
}

// SecretHeader carries the local secret that make dev's own endpoints
// (/_local/...) require: the payroll workflow's tasks and the daily tick.
const SecretHeader = "X-Local-Secret"

// LoadSecret reads the local secret from the data folder, creating it on
// first use: only someone who can read the folder (make payroll-tick, the
// local workflow runner) can start a payroll step.
func LoadSecret(dir string) (string, error) {
	key, err := loadKey(dir, "local.secret")
	return hex.EncodeToString(key), err
}

// loadKey reads 32 random bytes kept in dir/name (mode 0600), making them the
// first time.
func loadKey(dir, name string) ([]byte, error) {
	path := filepath.Join(dir, name)
	key, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("make local %s: %w", name, err)
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("make data folder: %w", err)
		}
		if err := os.WriteFile(path, key, 0o600); err != nil {
			return nil, fmt.Errorf("write local %s: %w", name, err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("read local %s: %w", name, err)
	}
	return key, nil
}

// Mint issues an ID token with the claims Cognito would put in one.
func (t *Tokens) Mint(coop dpcoop.CoopID, person string, roles []dpcoop.Role, ttl time.Duration) (string, error) {
	now := t.now()
	groups := make([]string, len(roles))
	for i, r := range roles {
		groups[i] = string(r)
	}
	claims := jwt.MapClaims{
		"iss": Issuer, "aud": Audience, "sub": person, "token_use": "id",
		"iat": now.Unix(), "exp": now.Add(ttl).Unix(),
		apigw.ClaimCoop: string(coop), apigw.ClaimPerson: person, apigw.ClaimGroups: groups,
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.key)
}

// Verify checks signature, issuer, audience and expiry, and returns the claims
// flattened as API Gateway hands them to a Lambda: every value a string,
// arrays as "[a b]".
func (t *Tokens) Verify(token string) (map[string]string, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return t.key, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(Issuer), jwt.WithAudience(Audience), jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(t.now))
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(claims))
	for k, v := range claims {
		out[k] = flatten(v)
	}
	return out, nil
}

func flatten(v any) string {
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = flatten(e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case float64:
		return fmt.Sprintf("%.0f", x)
	default:
		return fmt.Sprint(x)
	}
}
