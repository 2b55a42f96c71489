package dpcoop

import (
	"context"
	"time"
)

// PageRequest asks for one page of a list: an opaque cursor from the last page
// and a size, so no list is ever read whole in one request.
type PageRequest struct {
	Cursor string
	Limit  int
}

// Page is one page of a list and the cursor of the next, empty at the end.
type Page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// Store keeps co-ops, applications and the register. Every method that touches
// a co-op's data takes the co-op explicitly: there is no call that can read
// across tenants.
type Store interface {
	// CreateCoop adds a co-op and its first admin, failing with slug_taken if
	// the slug exists, unless it was created by this same request before.
	CreateCoop(ctx context.Context, c Coop, admin Person, fingerprint string) (Coop, Person, error)
	// Coop reads one co-op.
	Coop(ctx context.Context, id CoopID) (Coop, error)
	// SetTurnstile sets (or, empty, clears) the co-op's Turnstile secret and
	// the site key the hosted form's widget needs (empty: no widget there).
	SetTurnstile(ctx context.Context, id CoopID, secret, siteKey string) error
	// AddApplication stores a new application; if one with the same id exists
	// and the same fingerprint it is returned unchanged with created false.
	AddApplication(ctx context.Context, coop CoopID, a Application) (stored Application, created bool, err error)
	// Application reads one application.
	Application(ctx context.Context, coop CoopID, id string) (Application, error)
	// Applications lists applications with a status, oldest first.
	Applications(ctx context.Context, coop CoopID, status ApplicationStatus, page PageRequest) (Page[Application], error)
	// DecideApplication records a decision on a pending application and, for
	// an approval, what it admits (a register entry or a PA record), in one
	// transaction. Repeating the same decision returns the stored result.
	DecideApplication(ctx context.Context, coop CoopID, id string, d Decision, admit func(Application) Admission) (Application, error)
	// Member reads one register entry.
	Member(ctx context.Context, coop CoopID, id string) (Member, error)
	// Members lists the register, current and former members alike.
	Members(ctx context.Context, coop CoopID, page PageRequest) (Page[Member], error)
	// CeaseMember records the date a member ceased, and that their access
	// ended, in one write; nothing is deleted.
	CeaseMember(ctx context.Context, coop CoopID, id string, c Cessation) (Member, error)
	// AccessEnded is the day the person's access to the co-op ended (their
	// membership ceased), or empty while it lasts. Read on every signed-in
	// request, strongly consistent, so a token stops working at once.
	AccessEnded(ctx context.Context, coop CoopID, person string) (Date, error)
	// CoopAndAccess reads the person's co-op and their whole access record
	// (AccessEnded's day, a revocation, the roles an admin left them)
	// together, in one request read the same way: what CheckAccess reads on
	// every signed-in request.
	CoopAndAccess(ctx context.Context, p Principal) (Coop, AccessRecord, error)
	// EasyRead is the acting person's Easy Read setting, kept on their
	// member or PA record beside their language (found false without one),
	// so it follows them to their next sign-in on any browser.
	EasyRead(ctx context.Context, p Principal) (on, found bool, err error)
	// SetEasyRead keeps the acting person's Easy Read setting on their
	// member and PA records.
	SetEasyRead(ctx context.Context, p Principal, on bool) error
}

// Limiter slows down a client that posts too often. It fails with a
// rate-limited error that says when to try again.
type Limiter interface {
	Allow(ctx context.Context, key string, limit int, window time.Duration, now time.Time) error
}

// RequestKeys binds each idempotency key to the one request that first used
// it, for a time: the same request again may proceed (and finds what it made
// the first time), a different one with the same key is refused.
type RequestKeys interface {
	// Claim records that key, within scope, belongs to the request with this
	// fingerprint until expires. It fails with idempotency_key_reused when
	// the key is held by a different request.
	Claim(ctx context.Context, scope, key, fingerprint string, now, expires time.Time) error
	// Release frees a key whose request was refused before anything was
	// written, so the corrected request may use it.
	Release(ctx context.Context, scope, key, fingerprint string) error
}

// IdempotencyTTL is how long a key stays bound to its request.
const IdempotencyTTL = 24 * time.Hour

// Identities creates sign-in identities: Cognito on AWS, a local record in
// make dev. Inviting the same person twice is not an error.
type Identities interface {
	Invite(ctx context.Context, p Person) error
	// Revoke disables the person's sign-in and signs them out everywhere;
	// revoking twice, or someone never invited, is not an error.
	Revoke(ctx context.Context, p Person) error
	// Reinstate enables a revoked person's sign-in again; someone not
	// revoked, or never invited, is not an error.
	Reinstate(ctx context.Context, p Person) error
	// RemoveRole takes role p.Role from the person's sign-in; one they do
	// not hold is not an error. (Invite adds a role to someone invited.)
	RemoveRole(ctx context.Context, p Person) error
	// Update moves the person's sign-in to a new email or language (was:
	// as they were invited); they sign in with the new email from then on,
	// and emails about signing in come in the new language. Someone never
	// invited has nothing to update; an email another person signs in with
	// is refused with the field problem email_in_use.
	Update(ctx context.Context, was, now Person) error
}

// People keeps each person's access record: who can sign in to a co-op.
type People interface {
	// People lists everyone ever invited to the co-op, revoked ones too.
	People(ctx context.Context, coop CoopID) ([]Access, error)
	// Access reads one person's record.
	Access(ctx context.Context, coop CoopID, person string) (Access, error)
	// PutAccess writes a person's record over the version it was read at
	// (0: a new record), and the access record every request reads, in one
	// transaction; keeper, if not empty, must still be an active admin, so
	// two admins removing each other cannot leave the co-op with none.
	PutAccess(ctx context.Context, coop CoopID, a Access, keeper string) (Access, error)
}

// Timesheets keeps PAs, their employments, members' care plans and shifts.
type Timesheets interface {
	// AddPA stores a new PA record, with the first notices of their pay
	// history if there are any; the same request again returns it with
	// created false.
	AddPA(ctx context.Context, coop CoopID, pa PA, fingerprint string, first FirstNotices) (stored PA, created bool, err error)
	// PA reads one PA record.
	PA(ctx context.Context, coop CoopID, id string) (PA, error)
	// PAs lists PA records.
	PAs(ctx context.Context, coop CoopID, page PageRequest) (Page[PA], error)
	// ReplacePA writes a corrected or completed PA record; first, if it
	// holds any notice, starts their pay history (which must have none yet).
	ReplacePA(ctx context.Context, coop CoopID, pa PA, first FirstNotices) (PA, error)
	// PayHistory reads a PA's tax code and loan notices and pay to date.
	PayHistory(ctx context.Context, coop CoopID, pa string) (PayHistory, error)
	// IssueP45 keeps a leaver's P45 as issued, once.
	IssueP45(ctx context.Context, coop CoopID, pa string, p LeaverP45) (PayHistory, error)
	// PALeaves records the day a PA left and ends their access, once.
	PALeaves(ctx context.Context, coop CoopID, pa string, left Date) (PayHistory, error)
	// AddTaxCodeNotice records a notice once; the same notice again returns
	// the history with created false.
	AddTaxCodeNotice(ctx context.Context, coop CoopID, pa string, n TaxCodeNotice) (PayHistory, bool, error)
	// AddLoanNotice records a loan notice once; the same notice again
	// returns the history with created false.
	AddLoanNotice(ctx context.Context, coop CoopID, pa string, n LoanNotice) (PayHistory, bool, error)
	// AddSickness records a sickness absence once, if the history still
	// holds the had absences it was checked against (else a conflict); the
	// same absence again returns the history with created false.
	AddSickness(ctx context.Context, coop CoopID, pa string, a SicknessAbsence, had int) (PayHistory, bool, error)
	// CorrectSickness replaces the absence at index i with its next
	// version, if it is still the version before.
	CorrectSickness(ctx context.Context, coop CoopID, pa string, i int, a SicknessAbsence) (PayHistory, error)
	// AddParentalNotice records an SMP or SPP notice once.
	AddParentalNotice(ctx context.Context, coop CoopID, pa string, n ParentalNotice) (PayHistory, bool, error)
	// AddPensionEvent records a pension notice once; the same event again
	// returns the history with created false.
	AddPensionEvent(ctx context.Context, coop CoopID, pa string, e PensionEvent) (PayHistory, bool, error)
	// AddEmployment stores an employment once: the same request again
	// returns it, different content for its id is refused.
	AddEmployment(ctx context.Context, coop CoopID, e Employment, fingerprint string) (Employment, error)
	// UpdateEmployment applies change to an employment, conditionally on
	// the version it read; change returns ErrUnchanged when there is
	// nothing to write, and the stored employment is returned.
	UpdateEmployment(ctx context.Context, coop CoopID, id string, change func(Employment) (Employment, error)) (Employment, error)
	// Employments lists the co-op's employments, or one PA's.
	Employments(ctx context.Context, coop CoopID, pa string) ([]Employment, error)
	// SetCarePlan records a member's funded weekly hours.
	SetCarePlan(ctx context.Context, coop CoopID, plan CarePlan) error
	// CarePlan reads a member's care plan.
	CarePlan(ctx context.Context, coop CoopID, member string) (CarePlan, error)
	// ShiftMembers reads at once the register entries of members, when
	// week (a Monday) is given their care plans and approved support that
	// week, and when pa is given that PA's safe-recruitment record.
	ShiftMembers(ctx context.Context, coop CoopID, members []string, week Date, pa string) (ShiftMembers, error)
	// AddShift stores a new shift unless its month is paid.
	AddShift(ctx context.Context, coop CoopID, s Shift) (Shift, error)
	// Shift reads one shift.
	Shift(ctx context.Context, coop CoopID, id string) (Shift, error)
	// UpdateShift changes a shift from the caller's read of it (its Version
	// guards the write; a stale read is read again), safely against
	// concurrent changes and paid months; change returns ErrUnchanged when
	// there is nothing to write.
	UpdateShift(ctx context.Context, coop CoopID, read Shift, change func(Shift) (Shift, error)) (Shift, error)
	// ShiftsInMonth lists a month's shifts by start time, a page at a time.
	ShiftsInMonth(ctx context.Context, coop CoopID, month string, page PageRequest) (Page[Shift], error)
	// ShiftsOfPA lists a PA's shifts starting within [from, to).
	ShiftsOfPA(ctx context.Context, coop CoopID, pa string, from, to time.Time) ([]Shift, error)
	// ShiftsOfMember lists the shifts done for a member in a pay month (""
	// for every month) by start time, read by member whatever the co-op's
	// size and age.
	ShiftsOfMember(ctx context.Context, coop CoopID, member, month string) ([]Shift, error)
	// EmploymentsOfMember lists the employments for a member, of every PA.
	EmploymentsOfMember(ctx context.Context, coop CoopID, member string) ([]Employment, error)
}

// Accounts keeps the ledger of members' direct-payment accounts and pools.
type Accounts interface {
	// PostEntry writes an entry once; the same id again returns the stored one.
	PostEntry(ctx context.Context, coop CoopID, e Entry) (Entry, error)
	// Entry reads one ledger entry.
	Entry(ctx context.Context, coop CoopID, id string) (Entry, error)
	// Entries reads every entry of the co-op.
	Entries(ctx context.Context, coop CoopID) ([]Entry, error)
	// AccountEntries lists the entries into or out of an account dated
	// within [from, to], in date order.
	AccountEntries(ctx context.Context, coop CoopID, a Account, from, to Date) ([]Entry, error)
	// AddPool stores a new pool once.
	AddPool(ctx context.Context, coop CoopID, p Pool) (Pool, error)
	// Pool reads one pool.
	Pool(ctx context.Context, coop CoopID, id string) (Pool, error)
	// Pools lists the co-op's pools.
	Pools(ctx context.Context, coop CoopID) ([]Pool, error)
	// JoinPool records a member joining with their consent.
	JoinPool(ctx context.Context, coop CoopID, m PoolMember) (PoolMember, error)
	// LeavePool records a member leaving and settles their share, together.
	LeavePool(ctx context.Context, coop CoopID, pool, member string, left Date, settle *Entry) error
	// PoolMembers lists a pool's members, former ones included.
	PoolMembers(ctx context.Context, coop CoopID, pool string) ([]PoolMember, error)
	// AddSpending stores a pool's spending, and its entry when approved: then
	// in one conditional write that fails with pool_funds_insufficient when
	// the pool cannot pay it, or pool_limit_reached when its period's total
	// would pass the limit.
	AddSpending(ctx context.Context, coop CoopID, s Spending, entry *Entry, g SpendingGuard) (Spending, error)
	// Spending reads one pool spending.
	Spending(ctx context.Context, coop CoopID, pool, id string) (Spending, error)
	// ApproveSpending adds a member's approval once; a majority approves it
	// and posts its entry, in the same write checking the pool can pay it.
	ApproveSpending(ctx context.Context, coop CoopID, s Spending, member string, members int, entry func() Entry, g SpendingGuard) (Spending, error)
	// PoolMonth reads what a pool's month could not collect.
	PoolMonth(ctx context.Context, coop CoopID, pool, month string) ([]Shortfall, error)
}

// EmailInUse is the answer to changing someone's sign-in to an email
// another person signs in with: a problem with the field "email".
func EmailInUse(op string) error {
	var p Problems
	p.Add("email", FieldEmailInUse)
	return p.Err(op)
}
