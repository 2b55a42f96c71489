package dynamo

import "testing"

// FuzzDecodeCursor: a page token from outside is refused unless it is one
// this list could have made, and never panics.
func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor(cursor{SK: "APP#abc", GSI1SK: "2026-11-23T10:00:00Z#abc"}), "APP#")
	f.Add("not-base64!", "MEMBER#")
	f.Add("eyJzIjoiTUVNQkVSI3giLCJ4IjoxfQ", "MEMBER#")
	f.Fuzz(func(t *testing.T, token, prefix string) {
		c, err := decodeCursor(token, prefix)
		if err == nil && (len(c.SK) < len(prefix) || c.SK[:len(prefix)] != prefix) {
			t.Fatalf("%q accepted for %q: %+v", token, prefix, c)
		}
	})
}
