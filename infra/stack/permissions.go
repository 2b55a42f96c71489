package stack

import (
	"fmt"

	"github.com/dpcoop/dpcoop/internal/route"
)

// Access is what one function may do to the stack's shared resources. Each
// function gets its own role holding exactly these actions and nothing more,
// so a bug or a stolen credential in one function cannot reach data another
// function owns. An empty Access means no data access at all (logs only).
type Access struct {
	// Table lists the DynamoDB actions allowed on the table itself.
	Table []string
	// Indexes also allows the Table actions on each GSI in dynamo.Indexes
	// (each index ARN named, no wildcard). Only Query and Scan read indexes.
	Indexes bool
	// UserPool lists the Cognito actions allowed on the user pool.
	UserPool []string
	// StartPayroll allows starting executions of the payroll state machine
	// (that machine only) and tells the function its ARN.
	StartPayroll bool
	// SendDue allows sending to the queue of due co-ops (that queue only)
	// and tells the function its URL.
	SendDue bool
	// SendNotices allows emailing notices from the co-ops' notice sender
	// (context noticeSender), that SES identity only, and names it to the
	// function; without a sender nothing is granted.
	SendNotices bool
	// HMRCSecrets lists the Secrets Manager actions allowed on the stage's
	// co-ops' Government Gateway credentials (secrets named under
	// secrets.NamePrefix(stage) only), and names the prefix, HMRC's service
	// and the vendor ID to the function.
	HMRCSecrets []string
	// Seconds is the function's timeout; 10 if zero (API answers are quick).
	Seconds float64
	// Public says why the function's public routes (route.Table entries
	// with no roles) need no token. Required if it serves any; it becomes
	// the reason of the cdk-nag APIG4 suppression on each such route.
	Public string
}

// Table and user pool action sets the functions share.
var (
	writeItems = []string{
		"dynamodb:GetItem",
		"dynamodb:PutItem",
		"dynamodb:UpdateItem",
		"dynamodb:ConditionCheckItem",
	}
	readWrite = append(append([]string{}, writeItems...), "dynamodb:Query")
	// payrollData adds BatchGetItem: a run reads its PAs' records and
	// histories a hundred keys at a time, and finalising reads them again.
	payrollData = append(append([]string{}, readWrite...), "dynamodb:BatchGetItem")
	inviteUsers = []string{
		"cognito-idp:AdminCreateUser",
		"cognito-idp:AdminAddUserToGroup",
	}
	// manageUsers are what managing the co-op's people needs: inviting,
	// taking a role away (a group), disabling and signing out everywhere,
	// and enabling again someone an admin revoked.
	manageUsers = append(append([]string{}, inviteUsers...), "cognito-idp:AdminRemoveUserFromGroup",
		"cognito-idp:AdminDisableUser", "cognito-idp:AdminUserGlobalSignOut", "cognito-idp:AdminEnableUser")
	// updateUsers moves a PA's or a member's sign-in to the email or
	// language corrected on their record.
	updateUsers = "cognito-idp:AdminUpdateUserAttributes"
)

// Permissions is the one place that says which function may do what. Every
// entry of route.Functions must appear here (New panics otherwise); a new
// function adds one line. Keep it least privilege: name actions, never
// "dynamodb:*", never table.GrantReadWriteData.
var Permissions = map[route.Function]Access{
	// health and the API description: no data at all.
	route.Service: {
		Public: "a health check and the API description; the function has no data access",
	},
	// co-op signup, public page and applications: single-item reads and
	// conditional writes (TransactWriteItems needs the per-item actions),
	// and inviting the first admin.
	route.Signup: {
		Table:    writeItems,
		UserPool: inviteUsers,
		Public: "the hosted-service signup of a new co-op and a co-op's own static site (its page, " +
			"membership applications) are used by people who have no account yet; the handler checks a " +
			"honeypot and a rate limit kept in DynamoDB, and redirects only to registered origins",
	},
	// applications decided, the register, the co-op's people and settings:
	// as signup, plus listing by key and through the GSIs; ceasing a member
	// or revoking someone disables their sign-in and signs them out
	// everywhere, an admin may take a role (a group) away, and a member's
	// corrected email or language moves their sign-in.
	route.Members: {
		Table:    append(append([]string{}, writeItems...), "dynamodb:Query"),
		Indexes:  true,
		UserPool: append(append([]string{}, manageUsers...), updateUsers),
	},
	// payroll settings, runs, payslips and accounts: reads and conditional
	// writes (finalising posts the ledger), and starting a run.
	route.Payroll: {
		Table:        payrollData,
		Indexes:      true,
		StartPayroll: true,
	},
	// the payroll state machine's tasks: the same data access, a longer
	// timeout for a co-op's month of shifts and for polling HMRC; the submit
	// step alone reads the co-ops' Government Gateway credentials.
	route.PayrollTask: {
		Table:       payrollData,
		Indexes:     true,
		HMRCSecrets: []string{"secretsmanager:GetSecretValue"},
		Seconds:     300,
	},
	// the one route that sets a co-op's Government Gateway credentials:
	// it writes their secret and cannot read it back; from the table only
	// what every signed-in call needs (the co-op, the caller's access, the
	// rate limit).
	route.HMRCCredentials: {
		Table:       []string{"dynamodb:GetItem", "dynamodb:UpdateItem"},
		HMRCSecrets: []string{"secretsmanager:CreateSecret", "secretsmanager:PutSecretValue"},
	},
	// the daily dispatch: list every co-op (GSI1) and queue those that may
	// be due; it reads no run and starts nothing. Then the day's reminders
	// (internal/reminders): read what each co-op's dashboard lists, claim a
	// SENT# marker per reminder told (a conditional PutItem), release it if
	// the email fails (DeleteItem), and email the digests.
	route.Dispatch: {
		Table:       []string{"dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"},
		Indexes:     true,
		SendDue:     true,
		SendNotices: true,
		Seconds:     300,
	},
	// the due co-ops' queue consumer: read a co-op and its runs (GetItem
	// only), start runs. Receiving and deleting its messages is the event
	// source mapping's grant, on that queue only.
	route.PayrollStart: {
		Table:        []string{"dynamodb:GetItem"},
		StartPayroll: true,
		Seconds:      30,
	},
	// the weekly retention job: list the co-ops (GSI1) and each one's old
	// payslips, and delete the expired ones. No Put or Update: it can change
	// nothing, only delete. Its own dead-letter queue is added in retention.go.
	route.Retention: {
		Table:   []string{"dynamodb:Query", "dynamodb:DeleteItem"},
		Indexes: true,
		Seconds: 300,
	},
	// PAs, employments, care plans and shifts: as members (a hired PA is
	// invited to sign in, a corrected email or language moves their
	// sign-in, and a PA who leaves is signed out and disabled); the shift
	// index GSI2 serves overlap checks.
	route.Timesheets: {
		Table:    append(append([]string{}, writeItems...), "dynamodb:Query"),
		Indexes:  true,
		UserPool: append(append([]string{}, inviteUsers...), "cognito-idp:AdminDisableUser", "cognito-idp:AdminUserGlobalSignOut", updateUsers),
	},
	// motions, votes, proxies and results, and the votes tick: reads and
	// conditional writes (a vote is one transaction), the register, the
	// motions (GSI2) and the motions due (GSI1). No Cognito; no SES yet.
	// members' accounts, pools and statements: the ledger (conditional
	// writes, transactions for pool spending and leaving), the accounts' GSIs.
	route.Accounts: {
		Table:   readWrite,
		Indexes: true,
	},
	route.Votes: {
		Table:       readWrite,
		Indexes:     true,
		SendNotices: true,
	},
	// the user pool's CustomMessage trigger: it writes the sign-in code's and
	// the invitation's text from the event alone. No data access; Cognito's
	// invoking it is its resource policy (email.go).
	route.CustomMessage: {},
	// the pages: they call the same services as the API functions above
	// (reads, conditional writes, the GSIs), and keep sessions and rate
	// counters. Sign-in is Cognito's public user-auth API through the app
	// client, which needs no IAM permission; the pages' admins manage people
	// as the members function does (invite, roles, revoke).
	route.Web: {
		Table:    readWrite,
		Indexes:  true,
		UserPool: append(append([]string{}, manageUsers...), updateUsers),
		Public: "the pages, including sign-in, are served to people before they sign in; every page but sign-in " +
			"requires the session the function itself keeps (a cookie whose hash names a DynamoDB item), checks a " +
			"CSRF token on every form and rate-limits code requests and attempts in DynamoDB",
	},
}

func (a Access) timeout() float64 {
	if a.Seconds == 0 {
		return 10
	}
	return a.Seconds
}

// CheckPermissions reports a function with no Permissions entry, or one
// serving public routes without saying why, so neither reaches a deploy.
func CheckPermissions() error {
	for _, fn := range route.All() {
		if _, ok := Permissions[fn]; !ok {
			return fmt.Errorf("stack: function %q has no entry in stack.Permissions", fn)
		}
	}
	for _, r := range route.Table {
		if r.Public() && Permissions[r.Function].Public == "" {
			return fmt.Errorf("stack: public route %q: stack.Permissions[%q].Public must say why it needs no token", r.Key(), r.Function)
		}
	}
	return nil
}
