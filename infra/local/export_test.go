package local

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TokenWith signs arbitrary claims with the stack's key, so tests can make
// expired or misaddressed tokens that are otherwise genuine.
func (t *Tokens) TokenWith(tb testing.TB, claims jwt.MapClaims) string {
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.key)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// Now is the stack's own clock, so tests date what they send (token expiry,
// shift days, months) by the time the stack lives in, never the wall clock.
func (s *Stack) Now() time.Time { return s.now() }
