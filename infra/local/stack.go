package local

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dpcoop/dpcoop/internal/apigw"
	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/dynamo/faults"
	"github.com/dpcoop/dpcoop/internal/filing"
	"github.com/dpcoop/dpcoop/internal/payrun"
	"github.com/dpcoop/dpcoop/internal/rti/testengine"
	"github.com/dpcoop/dpcoop/internal/web"
)

// TableName is the local table's name.
const TableName = "dpcoop-local"

// Options configure a local stack.
type Options struct {
	// DataDir keeps the database, the token key and the outbox; empty means
	// nothing is kept.
	DataDir string
	// Dynamo, if set, is the DynamoDB endpoint that keeps the stack's table
	// (tests share one DynamoDB Local); empty means the stack runs its own
	// DynamoDB Local with its data under DataDir.
	Dynamo string
	// Table is the table's name (default TableName); the stack creates it
	// if it is not there.
	Table string
	// Now is the clock; nil means the real one.
	Now func() time.Time
	// Log receives the handlers' JSON logs; nil means standard error.
	Log io.Writer
	// SignInCodes, if set, replaces the pages' limits on the sign-in codes
	// one email address and one network address may ask for: the browser
	// tests sign the same admin in many times, all from localhost.
	SignInCodes int
	// SiteDir, if set, is served at /site/ (a co-op's static website).
	SiteDir string
	// ServiceOrigins are where a co-op signup form may return to.
	ServiceOrigins []string
	// DemoOrigins are the demo co-op's website origins when it is first seeded.
	DemoOrigins []string
	// RetryMS, if set, replaces every Retry interval of the local state
	// machine (tests wait milliseconds, not seconds).
	RetryMS string
	// Faults, if set, is asked before every attempt of every DynamoDB call
	// (by operation name, e.g. "TransactWriteItems") whether it should fail:
	// tests prove retries never duplicate anything.
	Faults func(op string) faults.Fault
	// DynamoAttempts, if set, is how many times the SDK tries a DynamoDB call
	// (1: a failure reaches the caller at once).
	DynamoAttempts int
	// HMRCWait, if set, replaces the HMRC client's waits between polls and
	// busy retries (tests wait milliseconds, not HMRC's seconds).
	HMRCWait func(ctx context.Context, d time.Duration) error
	// HumanCheck, if set, checks Turnstile tokens for co-ops that turned it
	// on (tests give one that asks a stand-in for Cloudflare); nil: off.
	HumanCheck dpcoop.HumanCheck
}

// Stack is the whole service running in this process.
type Stack struct {
	API apigw.API
	// Services are the application services the API and the votes tick call.
	Services app.Services
	// Web serves the pages, at every path outside /v1, /site/ and /_local/.
	Web    http.Handler
	Tokens *Tokens
	Store  *dynamo.Store
	// DB is where the table is: its endpoint, its name and a client.
	DB     *dynamolocal.DB
	Outbox *Outbox
	// Workflows runs the payroll state machine; Runner serves its tasks.
	Workflows *Workflows
	Runner    *payrun.Runner
	// HMRC is the stand-in Transaction Engine served at HMRCPath; Filer
	// files there, with credentials from Credentials (the data folder).
	HMRC        *testengine.Engine
	Filer       *filing.Filer
	Credentials *CredentialFiles
	now         func() time.Time
	secret      string // what /_local/... requires in SecretHeader
	site        http.Handler
	closers     []func() error
}

// Start brings the stack up: DynamoDB Local with the deployed schema (the
// table kept from the last time, if any), and the demo co-op seeded if it is
// not there.
func Start(ctx context.Context, opts Options) (*Stack, error) {
	s := &Stack{now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	dir := opts.DataDir
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "dpcoop-local-"); err != nil {
			return nil, fmt.Errorf("make temporary data folder: %w", err)
		}
		s.closers = append(s.closers, func() error { return os.RemoveAll(dir) })
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("make data folder: %w", err)
	}
	var clientOpts []func(*dynamodb.Options)
	if opts.DynamoAttempts > 0 {
		clientOpts = append(clientOpts, func(o *dynamodb.Options) { o.RetryMaxAttempts = opts.DynamoAttempts })
	}
	if opts.Faults != nil {
		clientOpts = append(clientOpts, faults.Inject(opts.Faults))
	}
	endpoint := opts.Dynamo
	if endpoint == "" {
		server, err := dynamolocal.Launch(ctx, filepath.Join(dir, "dynamodb"))
		if err != nil {
			s.Close()
			return nil, err
		}
		s.closers = append(s.closers, server.Close)
		endpoint = server.URL
	}
	s.DB = &dynamolocal.DB{URL: endpoint, Table: opts.Table, Client: dynamolocal.NewClient(endpoint, clientOpts...)}
	if s.DB.Table == "" {
		s.DB.Table = TableName
	}
	if err := dynamolocal.CreateTable(ctx, s.DB.Client, s.DB.Table); err != nil {
		s.Close()
		return nil, err
	}
	var err error
	if s.Tokens, err = LoadTokens(dir, s.now); err != nil {
		s.Close()
		return nil, err
	}
	if s.secret, err = LoadSecret(dir); err != nil {
		s.Close()
		return nil, err
	}
	logOut := opts.Log
	if logOut == nil {
		logOut = os.Stderr
	}
	log := slog.New(slog.NewJSONHandler(logOut, nil))
	s.Store = dynamo.New(s.DB.Client, s.DB.Table)
	s.Outbox = &Outbox{dir: filepath.Join(dir, "outbox"), log: log, identities: s.Store}
	s.newFiler(dir, opts.HMRCWait)
	s.Runner = &payrun.Runner{Store: s.Store, Now: s.now, Log: log, Pools: s.Store, Filer: s.Filer}
	if s.Workflows, err = newWorkflows(dir, log, opts.RetryMS, s.secret); err != nil {
		s.Close()
		return nil, err
	}
	s.closers = append(s.closers, func() error { s.Workflows.Wait(); return nil })
	s.Services = app.New(s.Store, app.Outside{Identities: s.Outbox, Starter: s.Workflows, Notices: s.Outbox, Log: log, Credentials: s.Credentials, HumanCheck: opts.HumanCheck})
	s.API = apigw.All(apigw.Deps{
		Services: s.Services, Store: s.Store, Limiter: s.Store, Keys: s.Store, Identities: s.Outbox, Log: log, Now: s.now,
		ServiceOrigins: opts.ServiceOrigins,
	})
	// Passkeys need the origins the pages are served at (make dev's).
	var passkeys web.Passkeys
	if len(opts.ServiceOrigins) > 0 {
		pk, err := NewPasskeys(s.Store, opts.ServiceOrigins, s.now)
		if err != nil {
			s.Close()
			return nil, err
		}
		passkeys = pk
	}
	s.Web = web.New(web.Config{
		Services: s.Services, Store: s.Store, Sessions: s.Store, Limiter: s.Store, Now: s.now, Log: log,
		SignIn: &Codes{Store: s.Store, Outbox: s.Outbox, Now: s.now}, Passkeys: passkeys,
		Codes: web.CodeLimits{PerEmail: opts.SignInCodes, PerAddress: opts.SignInCodes},
	})
	s.startVoteTicks()
	if opts.SiteDir != "" {
		s.site = http.StripPrefix("/site/", http.FileServer(http.Dir(opts.SiteDir)))
	}
	if err := Seed(ctx, s.Store, opts.DemoOrigins, s.now()); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close stops everything the stack started, newest first.
func (s *Stack) Close() error {
	var errs []error
	for i := len(s.closers) - 1; i >= 0; i-- {
		errs = append(errs, s.closers[i]())
	}
	return errors.Join(errs...)
}
