package web_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// lastCode is the last one-time code make dev's outbox delivered.
func lastCode(t testing.TB, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "outbox", "codes.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	var c struct{ Code string }
	if err := json.Unmarshal(lines[len(lines)-1], &c); err != nil {
		t.Fatal(err)
	}
	return c.Code
}
