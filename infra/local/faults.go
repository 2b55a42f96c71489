package local

import (
	"net/http"
	"strings"
	"sync"

	miniserver "github.com/truora/minidyn/server"
)

// faults makes minidyn fail the DynamoDB calls a test picks, using minidyn's
// own failure emulation, one call at a time so the failure lands on exactly
// the call chosen.
type faults struct {
	mu   sync.Mutex
	next http.Handler
	mini *miniserver.Server
	fail func(op string) bool
}

func (f *faults) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, op, _ := strings.Cut(r.Header.Get("X-Amz-Target"), ".")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail(op) {
		f.mini.EmulateFailure(miniserver.FailureConditionInternalServerError)
		defer f.mini.EmulateFailure(miniserver.FailureConditionNone)
	}
	f.next.ServeHTTP(w, r)
}
