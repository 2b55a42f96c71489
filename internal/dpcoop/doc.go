// Package dpcoop is the domain of the hosted service for citizen directed
// co-operatives: co-ops, applications, the register of members, the people who
// sign in and what they may do, the error kinds every adapter maps once at its
// edge, and the store the adapters implement. It imports no AWS package.
package dpcoop
