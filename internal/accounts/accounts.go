// Package accounts is the accounts capability as an application service:
// members' direct-payment accounts, their monthly statements, and the board's
// summary of the co-op's money, and pools: members joining and leaving
// them, and what they spend. Each call takes the acting person, checks
// what they may see, reads through the small interfaces below and leaves
// the rules to the domain (dpcoop.BuildStatement, dpcoop.Balance); the JSON
// API and the pages both call it, so they show the same figures.
package accounts

import (
	"context"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Ledger is what the service reads and writes of the ledger and the pools.
type Ledger interface {
	// AccountEntries lists the entries into or out of an account dated
	// within [from, to], in date order.
	AccountEntries(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Account, from, to dpcoop.Date) ([]dpcoop.Entry, error)
	// AccountMonth reads an account's month: the balance brought forward
	// into it and its entries in date order, whatever its history's length.
	AccountMonth(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Account, month dpcoop.Month) (int64, []dpcoop.Entry, error)
	// LedgerMonth reads the co-op's running totals for a month: what moved
	// by source in it and every account's balance at its end.
	LedgerMonth(ctx context.Context, coop dpcoop.CoopID, month dpcoop.Month) (map[dpcoop.Source]int64, map[dpcoop.Account]int64, error)
	// Entries reads every entry of the co-op.
	Entries(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Entry, error)
	// PostEntry writes an entry once; Entry reads one.
	PostEntry(ctx context.Context, coop dpcoop.CoopID, e dpcoop.Entry) (dpcoop.Entry, error)
	Entry(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Entry, error)
	// AddPool stores a new pool once; Pools lists them; Pool reads one.
	AddPool(ctx context.Context, coop dpcoop.CoopID, p dpcoop.Pool) (dpcoop.Pool, error)
	Pools(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Pool, error)
	Pool(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Pool, error)
	// PoolMembers lists a pool's members, former ones included.
	PoolMembers(ctx context.Context, coop dpcoop.CoopID, pool string) ([]dpcoop.PoolMember, error)
	// JoinPool records a member joining with their consent.
	JoinPool(ctx context.Context, coop dpcoop.CoopID, m dpcoop.PoolMember) (dpcoop.PoolMember, error)
	// LeavePool records a member leaving and settles their share, together.
	LeavePool(ctx context.Context, coop dpcoop.CoopID, pool, member string, left dpcoop.Date, settle *dpcoop.Entry) error
	// AddSpending stores a pool's spending, and its entry when approved.
	AddSpending(ctx context.Context, coop dpcoop.CoopID, s dpcoop.Spending, entry *dpcoop.Entry, g dpcoop.SpendingGuard) (dpcoop.Spending, error)
	// Spending reads one pool spending; Spendings lists a pool's.
	Spending(ctx context.Context, coop dpcoop.CoopID, pool, id string) (dpcoop.Spending, error)
	Spendings(ctx context.Context, coop dpcoop.CoopID, pool string) ([]dpcoop.Spending, error)
	// ApproveSpending adds a member's approval once, posting the entry on a majority.
	ApproveSpending(ctx context.Context, coop dpcoop.CoopID, s dpcoop.Spending, member string, members int, entry func() dpcoop.Entry, g dpcoop.SpendingGuard) (dpcoop.Spending, error)
	// PoolMonth reads what a pool's month could not collect.
	PoolMonth(ctx context.Context, coop dpcoop.CoopID, pool, month string) ([]dpcoop.Shortfall, error)
}

// Register is what the service reads of the co-op and its people.
type Register interface {
	// MemberOfCoop reads a member and their co-op together (one request).
	MemberOfCoop(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, dpcoop.Coop, error)
	Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error)
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	// PAsOf reads many PAs' records in one request; one without a record
	// is missing from the answer.
	PAsOf(ctx context.Context, coop dpcoop.CoopID, ids []string) (map[string]dpcoop.PA, error)
}

// Service answers for members' accounts.
type Service struct {
	Ledger   Ledger
	Register Register
}

// beginning and end bound "all the entries" of an account.
const (
	beginning dpcoop.Date = "0000-00-00"
	end       dpcoop.Date = "9999-12-31"
)

// maySee refuses a member's records p may not see as not found, so that a
// member cannot learn who else is a member.
func maySee(op string, p dpcoop.Principal, id string) error {
	if !dpcoop.ValidID(id) || !p.MaySee(id) {
		return dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return nil
}

// member reads a member on the register whose records p may see; anyone
// else's is not found.
func (s *Service) member(ctx context.Context, op string, p dpcoop.Principal, id string) (dpcoop.Member, error) {
	if err := maySee(op, p, id); err != nil {
		return dpcoop.Member{}, err
	}
	return s.Register.Member(ctx, p.Coop, id)
}

// Statement is a member's statement for a month, for an admin or the member:
// the month's entries (one Query), then the member and the co-op's payroll
// settings together (one BatchGetItem). Charges posted before their parts
// kept the PA's name read those PAs' records, together (one more).
func (s *Service) Statement(ctx context.Context, p dpcoop.Principal, memberID string, month dpcoop.Month) (dpcoop.Statement, error) {
	const op = "read statement"
	if err := maySee(op, p, memberID); err != nil {
		return dpcoop.Statement{}, err
	}
	brought, entries, err := s.Ledger.AccountMonth(ctx, p.Coop, dpcoop.MemberAccount(memberID), month)
	if err != nil {
		return dpcoop.Statement{}, err
	}
	m, c, err := s.Register.MemberOfCoop(ctx, p.Coop, memberID)
	if err != nil {
		return dpcoop.Statement{}, err
	}
	facts := dpcoop.StatementFacts{Pools: map[string]dpcoop.PoolName{}}
	if facts.PANames, err = s.unnamedPAs(ctx, p.Coop, entries); err != nil {
		return dpcoop.Statement{}, err
	}
	funds := map[dpcoop.Account][]dpcoop.Entry{}
	for _, e := range entries {
		for _, a := range []dpcoop.Account{e.From, e.To} {
			pool, ok := a.Of(dpcoop.OfPool)
			if !ok {
				continue
			}
			if _, seen := facts.Pools[pool]; !seen {
				pl, err := s.Ledger.Pool(ctx, p.Coop, pool)
				if err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound) {
					return dpcoop.Statement{}, err
				}
				facts.Pools[pool] = dpcoop.PoolName{CY: pl.NameCY, EN: pl.NameEN}
			}
			if e.Source == dpcoop.SourcePoolContribution && a == e.To && funds[a] == nil {
				if funds[a], err = s.Ledger.AccountEntries(ctx, p.Coop, a, beginning, end); err != nil {
					return dpcoop.Statement{}, err
				}
			}
		}
	}
	facts.PoolSpent = func(pool dpcoop.Account, month string) []dpcoop.PaidFor {
		return dpcoop.PoolPaidFor(pool, month, funds[pool])
	}
	return dpcoop.BuildStatement(m, string(month), brought, entries, c.PayrollSettings(), facts), nil
}

// unnamedPAs names the PAs of charge parts posted before parts kept the PA's
// name, from their records (one request, none when every part names its
// PA); a PA without a record has no name.
func (s *Service) unnamedPAs(ctx context.Context, coop dpcoop.CoopID, entries []dpcoop.Entry) (map[string]string, error) {
	var ids []string
	for _, e := range entries {
		for _, part := range e.Parts {
			if part.PAName == "" && !slices.Contains(ids, part.PA) {
				ids = append(ids, part.PA)
			}
		}
	}
	names := map[string]string{}
	if len(ids) == 0 {
		return names, nil
	}
	pas, err := s.Register.PAsOf(ctx, coop, ids)
	for id, pa := range pas {
		names[id] = pa.LegalName
	}
	return names, err
}

// Account is a member's account for a month, for an admin or the member: the
// balance brought forward, every entry with its effect, and the balance
// carried forward. A month with entries is answered from its one Query (only
// a member's account has them, and the register is never deleted); an empty
// one reads the register too, to tell a member with no entries from one not
// on it.
func (s *Service) Account(ctx context.Context, p dpcoop.Principal, memberID string, month dpcoop.Month) (dpcoop.AccountMonth, error) {
	const op = "read account"
	if err := maySee(op, p, memberID); err != nil {
		return dpcoop.AccountMonth{}, err
	}
	acct := dpcoop.MemberAccount(memberID)
	brought, entries, err := s.Ledger.AccountMonth(ctx, p.Coop, acct, month)
	if err != nil {
		return dpcoop.AccountMonth{}, err
	}
	if len(entries) == 0 { // not on the register, or no entries this month
		if _, err := s.Register.Member(ctx, p.Coop, memberID); err != nil {
			return dpcoop.AccountMonth{}, err
		}
	}
	return dpcoop.AccountFor(acct, memberID, string(month), brought, entries), nil
}

// Summary is the co-op's money for the board at the end of a month (admins
// only, by route): movements by source in the month, every account's balance,
// what members hold and how many are overdrawn.
func (s *Service) Summary(ctx context.Context, p dpcoop.Principal, month dpcoop.Month) (dpcoop.Summary, error) {
	if !p.Has(dpcoop.RoleAdmin) {
		return dpcoop.Summary{}, dpcoop.E("summary", dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	bySource, balances, err := s.Ledger.LedgerMonth(ctx, p.Coop, month)
	if err != nil {
		return dpcoop.Summary{}, err
	}
	return dpcoop.SummaryOf(string(month), bySource, balances), nil
}

// MemberEntry is a request that becomes one ledger entry on a member's
// account: a council payment or an adjustment.
type MemberEntry interface {
	Entry(member, by string, now time.Time) (dpcoop.Entry, error)
}

// Post writes an entry an admin asks for on a member's account, once, under
// the id its request gives it (id returns it from the entry).
func (s *Service) Post(ctx context.Context, p dpcoop.Principal, member string, in MemberEntry, id func(dpcoop.Entry) (string, error), now time.Time) (dpcoop.Entry, error) {
	if err := p.Admin("post"); err != nil {
		return dpcoop.Entry{}, err
	}
	if !dpcoop.ValidID(member) {
		return dpcoop.Entry{}, dpcoop.E("post entry", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	m, err := s.Register.Member(ctx, p.Coop, member)
	if err != nil {
		return dpcoop.Entry{}, err
	}
	e, err := in.Entry(m.ID, p.Person, now)
	if err != nil {
		return dpcoop.Entry{}, err
	}
	if e.ID, err = id(e); err != nil {
		return dpcoop.Entry{}, err
	}
	return s.Ledger.PostEntry(ctx, p.Coop, e)
}

// Reverse corrects an entry the only way the ledger allows: a reversing
// entry, with the reason. Reversing twice makes one reversal.
func (s *Service) Reverse(ctx context.Context, p dpcoop.Principal, entry, reason string, now time.Time) (dpcoop.Entry, error) {
	if err := p.Admin("reverse"); err != nil {
		return dpcoop.Entry{}, err
	}
	if !dpcoop.ValidID(entry) {
		return dpcoop.Entry{}, dpcoop.E("reverse entry", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	reason, err := dpcoop.ValidateRejection(reason)
	if err != nil {
		return dpcoop.Entry{}, err
	}
	e, err := s.Ledger.Entry(ctx, p.Coop, entry)
	if err != nil {
		return dpcoop.Entry{}, err
	}
	return s.Ledger.PostEntry(ctx, p.Coop, e.Reversal(p.Person, reason, now))
}

// AddPool creates a pool once, under the id its request gives it.
func (s *Service) AddPool(ctx context.Context, p dpcoop.Principal, in dpcoop.PoolInput, id func(dpcoop.Pool) (string, error), now time.Time) (dpcoop.Pool, error) {
	if err := p.Admin("add pool"); err != nil {
		return dpcoop.Pool{}, err
	}
	pl, err := in.Validate(p.Person, now)
	if err != nil {
		return dpcoop.Pool{}, err
	}
	if pl.ID, err = id(pl); err != nil {
		return dpcoop.Pool{}, err
	}
	return s.Ledger.AddPool(ctx, p.Coop, pl)
}

// Pools lists the co-op's pools.
func (s *Service) Pools(ctx context.Context, p dpcoop.Principal) ([]dpcoop.Pool, error) {
	pools, err := s.Ledger.Pools(ctx, p.Coop)
	if pools == nil {
		pools = []dpcoop.Pool{}
	}
	return pools, err
}

// PayLiability records the co-op paying what a final run left it owing: a
// PA's net pay, HMRC or the pension provider; once, under the id its
// request gives it.
func (s *Service) PayLiability(ctx context.Context, p dpcoop.Principal, in dpcoop.LiabilityPayment, id func(dpcoop.Entry) (string, error), now time.Time) (dpcoop.Entry, error) {
	if err := p.Admin("pay liability"); err != nil {
		return dpcoop.Entry{}, err
	}
	if in.Payee == "pa" && dpcoop.ValidID(in.PA) {
		_, err := s.Register.PA(ctx, p.Coop, in.PA)
		if dpcoop.IsKind(err, dpcoop.KindNotFound) {
			var problems dpcoop.Problems
			problems.Add("pa_id", dpcoop.FieldInvalid)
			return dpcoop.Entry{}, problems.Err("read pa_id")
		}
		if err != nil {
			return dpcoop.Entry{}, err
		}
	}
	e, err := in.Entry(p.Person, now)
	if err != nil {
		return dpcoop.Entry{}, err
	}
	if e.ID, err = id(e); err != nil {
		return dpcoop.Entry{}, err
	}
	return s.Ledger.PostEntry(ctx, p.Coop, e)
}

// Uncovered are the members whose balance may not cover next month
// (dpcoop.MayNotCover), for the admins' list of what needs doing: the
// ledger is read once, as Summary reads it.
func (s *Service) Uncovered(ctx context.Context, p dpcoop.Principal, today dpcoop.Date) ([]dpcoop.Uncovered, error) {
	if !p.Has(dpcoop.RoleAdmin) {
		return nil, dpcoop.E("shortfalls", dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	entries, err := s.Ledger.Entries(ctx, p.Coop)
	if err != nil {
		return nil, err
	}
	return dpcoop.MayNotCover(entries, today), nil
}
