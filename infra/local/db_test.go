package local_test

import (
	"context"
	"net"
	"sync"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
)

var tables = struct {
	sync.Mutex
	byDir map[string]string
}{byDir: map[string]string{}}

// launch starts a local stack and serves it on a loopback port.
func launch(t testing.TB, opts local.Options) *running {
	t.Helper()
	stack, err := local.Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go stack.Serve(ln)
	return &running{stack: stack, base: "http://" + ln.Addr().String(), dir: opts.DataDir}
}

// inSharedDB keeps a stack's table on this test package's DynamoDB Local
// rather than starting one for each stack: a table per data folder, so a
// stack started again in the same folder finds its data, as make dev does.
func inSharedDB(t testing.TB, o local.Options) local.Options {
	t.Helper()
	s, err := dynamolocal.Shared()
	if err != nil {
		t.Fatal(err)
	}
	tables.Lock()
	defer tables.Unlock()
	if tables.byDir[o.DataDir] == "" || o.DataDir == "" {
		tables.byDir[o.DataDir] = dynamolocal.UniqueTable("stack")
	}
	o.Dynamo, o.Table = s.URL, tables.byDir[o.DataDir]
	return o
}
