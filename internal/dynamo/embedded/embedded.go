// Package embedded serves DynamoDB in-process with minidyn, behind a real
// HTTP listener, so tests and make dev use the real aws-sdk-go-v2 client and
// the same table schema the stack deploys.
package embedded

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	miniserver "github.com/truora/minidyn/server"

	"github.com/dpcoop/dpcoop/internal/dynamo"
)

// DB is a running embedded DynamoDB with one table.
type DB struct {
	// Mini is the minidyn server, for failure emulation in tests.
	Mini   *miniserver.Server
	Client *dynamodb.Client
	Table  string
	URL    string
	srv    *http.Server
}

// Start serves minidyn on a loopback port and creates the table. wrap, if not
// nil, wraps the DynamoDB HTTP handler (the local stack journals writes so).
// Options are applied to the client (tests add request counters).
func Start(ctx context.Context, table string, wrap func(http.Handler) http.Handler, opts ...func(*dynamodb.Options)) (*DB, error) {
	mini := miniserver.NewServer()
	var h http.Handler = mini
	if wrap != nil {
		h = wrap(mini)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen for embedded dynamodb: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln) //nolint:errcheck // ends with Close
	db := &DB{Mini: mini, Table: table, URL: "http://" + ln.Addr().String(), srv: srv}
	db.Client = NewClient(db.URL, opts...)
	if _, err := db.Client.CreateTable(ctx, dynamo.CreateTableInput(table)); err != nil {
		srv.Close()
		return nil, fmt.Errorf("create table %s: %w", table, err)
	}
	return db, nil
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

// Close stops the server; the data is gone.
func (db *DB) Close() error { return db.srv.Close() }
