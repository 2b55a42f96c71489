package dpcoop

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"strings"
)

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewID returns a random identifier (100 bits) for records that no retry can
// recreate, such as a co-op's first admin.
func NewID() string {
	b := make([]byte, 13)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return idEncoding.EncodeToString(b)[:20]
}

// DerivedID returns the same identifier for the same parts, so a retried or
// doubled request lands on the record the first one made.
func DerivedID(parts ...string) string { return Fingerprint(parts...)[:20] }

// Fingerprint hashes what a request asked for, so a reused idempotency key
// with a different request can be refused rather than answered wrongly.
func Fingerprint(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return idEncoding.EncodeToString(h[:])
}

// ValidID reports whether s could be an identifier this service made; ids in
// paths are checked before any store call.
func ValidID(s string) bool {
	if len(s) != 20 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '2' && r <= '7') {
			return false
		}
	}
	return true
}

// RequestID gives a new record the id its request names (its idempotency
// key), or one derived from what the request records: the services take it
// from the adapter, which knows the request.
type RequestID func(kind string, natural ...string) (string, error)
