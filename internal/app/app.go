// Package app builds the application services once, over one store, for
// every adapter that serves people: the JSON API (apigw), the pages, and the
// scheduled tasks. Each service checks what the acting person may do, applies
// the domain's rules and calls the store through interfaces it owns.
package app

import (
	"log/slog"

	"github.com/dpcoop/dpcoop/internal/access"
	"github.com/dpcoop/dpcoop/internal/accounts"
	"github.com/dpcoop/dpcoop/internal/activities"
	"github.com/dpcoop/dpcoop/internal/audit"
	"github.com/dpcoop/dpcoop/internal/buddies"
	"github.com/dpcoop/dpcoop/internal/cases"
	"github.com/dpcoop/dpcoop/internal/cover"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/employees"
	"github.com/dpcoop/dpcoop/internal/filing"
	"github.com/dpcoop/dpcoop/internal/insurance"
	"github.com/dpcoop/dpcoop/internal/matching"
	"github.com/dpcoop/dpcoop/internal/members"
	"github.com/dpcoop/dpcoop/internal/notices"
	"github.com/dpcoop/dpcoop/internal/pacopy"
	"github.com/dpcoop/dpcoop/internal/particulars"
	"github.com/dpcoop/dpcoop/internal/payrun"
	"github.com/dpcoop/dpcoop/internal/pensions"
	"github.com/dpcoop/dpcoop/internal/recruitment"
	"github.com/dpcoop/dpcoop/internal/risk"
	"github.com/dpcoop/dpcoop/internal/settings"
	"github.com/dpcoop/dpcoop/internal/signup"
	"github.com/dpcoop/dpcoop/internal/statutorypay"
	"github.com/dpcoop/dpcoop/internal/timesheets"
	"github.com/dpcoop/dpcoop/internal/training"
	"github.com/dpcoop/dpcoop/internal/votes"
)

// Services are the application services, one per capability.
type Services struct {
	Accounts   *accounts.Service
	Timesheets *timesheets.Service
	Members    *members.Service
	Employees  *employees.Service
	Payroll    *payrun.Service
	Filing     *filing.Service
	Pensions   *pensions.Service
	Statutory  *statutorypay.Service
	Signup     *signup.Service
	Votes      *votes.Service
	Audit      *audit.Service
	People     *access.Service
	Settings   *settings.Service

	// Particulars gives PAs their written statements of employment.
	Particulars *particulars.Service
	Recruiting  *recruitment.Service // PAs' right-to-work checks, references, DBS checks
	Cases       *cases.Service
	Training    *training.Service
	Insurance   *insurance.Service
	Risk        *risk.Service
	Buddies     *buddies.Service
	Notices     *notices.Service    // a person's notices: their page's list, their email, their settings
	Matching    *matching.Service   // PA profiles, member preferences, matches and offers
	Cover       *cover.Service      // the rota, and cover when a PA is away
	Activities  *activities.Service // the co-op's joint activities, who is coming, their calendar feeds
	PACopy      *pacopy.Service     // a PA's copy of their data, and of their training and cases for a leaver
}

// Outside is what the services need beyond the store: sign-in
// invitations, the payroll state machine, the human check on public forms,
// notices to members, and the log.
type Outside struct {
	Identities dpcoop.Identities
	Starter    payrun.Starter
	HumanCheck dpcoop.HumanCheck // nil: off (make dev)
	Notices    dpcoop.Notices    // nil: none can be sent
	// Credentials keeps co-ops' Government Gateway credentials; nil in a
	// function that may not write them.
	Credentials filing.CredentialWriter
	Log         *slog.Logger
}

// Store is everything the services read and write, kept in one table.
type Store interface {
	dpcoop.Store
	dpcoop.Votes
	dpcoop.Audit
	dpcoop.People
	accounts.Ledger
	accounts.Register
	timesheets.Store
	members.Store
	employees.Store
	payrun.Records
	filing.Store
	pensions.Store
	statutorypay.Store
	signup.Store
	settings.Store
	particulars.Store
	recruitment.Store
	cases.Store
	training.Store
	insurance.Store
	risk.Store
	buddies.Store
	notices.Store
	matching.Store
	cover.Store
	activities.Store
}

// New builds the services over one store.
func New(store Store, o Outside) Services {
	filings := &filing.Service{Store: store, Starter: o.Starter, Credentials: o.Credentials}
	trail := &audit.Service{Store: store}
	// Everyone invited, by whichever service, is on the co-op's people list.
	recorded := access.Recorder{Store: store, Identities: o.Identities}
	signups := &signup.Service{Store: store, Identities: recorded, HumanCheck: o.HumanCheck}
	statements := &particulars.Service{Store: store}
	told := &notices.Service{Store: store, Mail: o.Notices}
	shifts := &timesheets.Service{Store: store}
	money := &accounts.Service{Ledger: store, Register: store}
	matches := &matching.Service{Store: store, Audit: trail, Notices: told}
	buddying := &buddies.Service{Store: store, Notices: told}
	calendar := &activities.Service{Store: store, Notices: told, Shifts: shifts, Pools: money, Domain: "activities.dpcoop"}
	// What a member's ceasing and a PA's leaving end beyond their records
	// (docs/leaving.md).
	memberLeaves := []dpcoop.LeavingStep{
		{Step: "member left: match preferences and offers", Do: matches.MemberLeft},
		{Step: "member left: buddying", Do: buddying.MemberLeft},
		{Step: "member left: activities to come and calendar feed", Do: calendar.MemberLeft},
	}
	paLeaves := []dpcoop.LeavingStep{{Step: "pa left: match profile and offers", Do: matches.PALeft}}
	learning, disputes := &training.Service{Store: store, Statements: statements}, &cases.Service{Store: store}
	staff := &employees.Service{Store: store, Identities: recorded, Particulars: statements, Leaving: paLeaves, Audit: trail}
	payruns := &payrun.Service{Store: store, Starter: o.Starter, Filing: filings, Statements: statements}
	statutory, pension, recruiting := &statutorypay.Service{Store: store}, &pensions.Service{Store: store}, &recruitment.Service{Store: store}
	rota := &cover.Service{Store: store, Notices: o.Notices, Log: o.Log}
	return Services{
		Filing:     filings,
		Accounts:   money,
		Timesheets: shifts,
		Members:    &members.Service{Store: store, Identities: recorded, Leaving: memberLeaves, Audit: trail},
		Employees:  staff,
		Payroll:    payruns,
		Pensions:   pension,
		Statutory:  statutory,
		Signup:     signups,
		Votes:      &votes.Service{Register: store, Votes: store, Notices: o.Notices, Log: o.Log},
		Audit:      trail,
		People:     &access.Service{Store: store, Identities: o.Identities, Audit: trail},
		Settings:   &settings.Service{Store: store, HumanCheck: signups, Audit: trail},

		Particulars: statements,
		Recruiting:  recruiting,
		Cases:       disputes,
		Training:    learning,
		Insurance:   &insurance.Service{Store: store},
		Risk:        &risk.Service{Store: store},
		Buddies:     buddying,
		Notices:     told,
		Matching:    matches,
		Cover:       rota,
		Activities:  calendar,
		PACopy: &pacopy.Service{Training: learning, Cases: disputes, Sources: pacopy.Sources{Employees: staff, Particulars: statements,
			Payroll: payruns, Timesheets: shifts, Statutory: statutory, Pensions: pension, Recruiting: recruiting, Matching: matches,
			Cover: rota, Notices: told}},
	}
}
