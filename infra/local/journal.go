package local

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
)

// writeTargets are the DynamoDB operations that change data; only their
// successful calls are journaled.
var writeTargets = map[string]bool{
	"PutItem": true, "UpdateItem": true, "DeleteItem": true,
	"TransactWriteItems": true, "BatchWriteItem": true,
}

// entry is one journaled write: the operation and its JSON request.
type entry struct {
	Target string          `json:"target"`
	Body   json.RawMessage `json:"body"`
}

// journal appends every successful write to a file and replays the file into
// a fresh minidyn at start, so make dev keeps its data across restarts.
type journal struct {
	mu   sync.Mutex
	file *os.File
	next http.Handler
}

// openJournal opens (or creates) the journal; next is set once the server it
// fronts exists.
func openJournal(path string) (*journal, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	return &journal{file: f}, nil
}

// replay applies every journaled write, in order, to the empty table.
func (j *journal) replay() (int, error) {
	if _, err := j.file.Seek(0, io.SeekStart); err != nil {
		return 0, fmt.Errorf("rewind journal: %w", err)
	}
	sc := bufio.NewScanner(j.file)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		var e entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return n, fmt.Errorf("journal line %d: %w", n+1, err)
		}
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(e.Body))
		req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+e.Target)
		req.Header.Set("Content-Type", "application/x-amz-json-1.0")
		rec := httptest.NewRecorder()
		j.next.ServeHTTP(rec, req)
		n++
	}
	return n, sc.Err()
}

// ServeHTTP forwards a DynamoDB call and journals it when it was a write that
// succeeded.
func (j *journal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, op, _ := strings.Cut(r.Header.Get("X-Amz-Target"), ".")
	if !writeTargets[op] {
		j.next.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := httptest.NewRecorder()
	j.mu.Lock()
	defer j.mu.Unlock()
	j.next.ServeHTTP(rec, r)
	if rec.Code == http.StatusOK {
		line, _ := json.Marshal(entry{Target: op, Body: compact(body)})
		if _, err := j.file.Write(append(line, '\n')); err != nil {
			http.Error(w, "journal: "+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	for k, vs := range rec.Header() {
		w.Header()[k] = vs
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

func compact(b []byte) json.RawMessage {
	var buf bytes.Buffer
	if json.Compact(&buf, b) != nil {
		return b
	}
	return buf.Bytes()
}

func (j *journal) Close() error { return j.file.Close() }
