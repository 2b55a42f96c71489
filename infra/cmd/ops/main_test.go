package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

func ops(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errs bytes.Buffer
	err := run(context.Background(), args, &out, &errs)
	return out.String(), errs.String(), err
}

// TestExportImportRoundTripThroughTheCommand: the local stack's demo co-op
// exported by the command to a private file, imported into an empty table,
// and exported again: the same file.
func TestExportImportRoundTripThroughTheCommand(t *testing.T) {
	db, err := dynamolocal.Shared()
	if err != nil {
		t.Fatal(err)
	}
	stack, err := local.Start(context.Background(), local.Options{Log: io.Discard, Now: testclock.Clock(),
		Dynamo: db.URL, Table: dynamolocal.UniqueTable("stack")})
	if err != nil {
		t.Fatal(err)
	}
	defer stack.Close()
	dir := t.TempDir()
	first := filepath.Join(dir, "exports", "demo.jsonl")
	_, msg, err := ops(t, "export", "-coop", "demo", "-endpoint", stack.DB.URL, "-table", stack.DB.Table, "-out", first)
	if err != nil || !strings.Contains(msg, "exported") {
		t.Fatalf("export: %v %s", err, msg)
	}
	if st, err := os.Stat(first); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the export file: %v %v", st.Mode(), err)
	}
	if _, _, err := ops(t, "export", "-coop", "demo", "-endpoint", stack.DB.URL, "-table", stack.DB.Table, "-out", first); err == nil {
		t.Fatal("an export overwrote an earlier one")
	}
	missing := filepath.Join(dir, "nobody.jsonl")
	if _, _, err := ops(t, "export", "-coop", "nobody", "-endpoint", stack.DB.URL, "-table", stack.DB.Table, "-out", missing); err == nil {
		t.Fatal("an export of a co-op with no items succeeded")
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatal("a failed export left a file")
	}

	empty, err := dynamolocal.Start(context.Background(), "restored")
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if _, _, err := ops(t, "import", "-coop", "demo", "-endpoint", empty.URL, "-in", first); err == nil {
		t.Fatal("an import without -table ran")
	}
	_, msg, err = ops(t, "import", "-coop", "demo", "-endpoint", empty.URL, "-table", empty.Table, "-in", first)
	if err != nil || !strings.Contains(msg, "0 skipped") {
		t.Fatalf("import: %v %s", err, msg)
	}
	again, _, err := ops(t, "export", "-coop", "demo", "-endpoint", empty.URL, "-table", empty.Table)
	want, _ := os.ReadFile(first)
	if err != nil || again != string(want) || len(want) < 1000 {
		t.Fatalf("the round trip changed the export (%v): %d bytes, want %d", err, len(again), len(want))
	}
	if out, _, err := ops(t, "coops", "-endpoint", empty.URL, "-table", empty.Table); err != nil || out != "demo\n" {
		t.Fatalf("coops: %q %v", out, err)
	}
	today := string(dpcoop.DateOf(testclock.Now())) // the day the stack seeded the demo on
	if out, _, err := ops(t, "retention", "-endpoint", empty.URL, "-table", empty.Table, "-today", today); err != nil || !strings.Contains(out, "would delete 0") {
		t.Fatalf("retention: %q %v", out, err)
	}
}

func TestCommandRefusesBadArguments(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"export", "-coop", "T#other", "-table", "x", "-endpoint", "http://127.0.0.1:1"},
		{"export", "-coop", "demo", "-endpoint", "http://127.0.0.1:1"},
		{"export", "-coop", "demo", "-table", "x", "-stage", "prod", "-endpoint", "http://127.0.0.1:1"},
		{"export", "-coop", "demo", "-stage", "staging", "-endpoint", "http://127.0.0.1:1"},
		{"import", "-coop", "demo", "-table", "x", "-endpoint", "http://127.0.0.1:1"},
		{"retention", "-table", "x", "-today", "23/11/2026", "-endpoint", "http://127.0.0.1:1"},
		{"coops", "-table", "x", "extra", "-endpoint", "http://127.0.0.1:1"},
	} {
		if _, _, err := ops(t, args...); err == nil {
			t.Errorf("%v ran", args)
		}
	}
}
