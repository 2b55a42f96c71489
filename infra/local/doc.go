// Package local runs the whole service on one machine with no AWS account:
// the real handlers behind a router built from the route table, AWS's own
// DynamoDB Local with the deployed schema (its data kept in the data folder
// across restarts), and signed local JWTs in place of Cognito.
package local
