// Package local runs the whole service on one machine with no AWS account:
// the real handlers behind a router built from the route table, DynamoDB
// served in-process by minidyn with the deployed schema, signed local JWTs in
// place of Cognito, and a journal that keeps the data across restarts.
package local
