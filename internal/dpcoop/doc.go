// Package dpcoop is the domain of the hosted service for citizen directed
// co-operatives: co-ops, applications and the register of members, the
// people who sign in and what each may see, PAs and their pay history
// (notices, pension, sickness, parental pay, holiday, P45 and P60),
// employments, shifts and care plans, the ledger, statements and pools,
// motions and votes, the error kinds every adapter maps once at its edge,
// and the store interfaces the adapters implement. The application services
// (members, employees, timesheets, payrun, pensions, statutorypay, accounts,
// votes) apply these rules for an acting person. It imports no AWS package.
package dpcoop
