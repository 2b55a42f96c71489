package web

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestGrantIsSealedBySessionID: a sign-in's grant is stored sealed under a
// key from the session's id, which is never stored; the stored session
// alone (another id) cannot open it, nor is it there in the clear.
func TestGrantIsSealedBySessionID(t *testing.T) {
	s := &session{id: "first-id"}
	s.setGrant("refresh-token-1")
	if got := s.grant(); got != "refresh-token-1" {
		t.Fatalf("grant %q", got)
	}
	stored, _ := json.Marshal(s)
	if strings.Contains(string(stored), "refresh-token-1") {
		t.Fatalf("the grant is stored in the clear: %s", stored)
	}
	var copied session
	if err := json.Unmarshal(stored, &copied); err != nil {
		t.Fatal(err)
	}
	if copied.id = "another-id"; copied.grant() != "" {
		t.Fatal("a session read without its id opened the grant")
	}
	if copied.id = "first-id"; copied.grant() != "refresh-token-1" {
		t.Fatal("the session's own id could not open its grant")
	}
	s.setGrant("")
	if s.Grant != nil || s.grant() != "" {
		t.Fatalf("no grant kept %v", s.Grant)
	}
}
