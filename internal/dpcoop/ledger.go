package dpcoop

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Account names a place money is held: a member's direct-payment account, a
// pool, or one of the co-op's own accounts.
type Account string

// The co-op's own accounts.
const (
	AccountPayroll Account = "coop:payroll" // what members pay for their PAs' employment
	AccountFees    Account = "coop:fees"    // the co-op's fee
)

// AccountKind says whose an account is: the part of its name before the
// first colon, so "member:<id>" and "pool:<id>" are never sliced by hand.
type AccountKind string

// The kinds of account.
const (
	OfMember    AccountKind = "member"    // a member's direct-payment account
	OfPool      AccountKind = "pool"      // a pool's shared fund
	OfCouncil   AccountKind = "council"   // a council that pays direct payments
	OfCoop      AccountKind = "coop"      // the co-op's own accounts
	OfLiability AccountKind = "liability" // what the co-op owes: HMRC, the pension, PAs' net pay
	OfExternal  AccountKind = "external"  // outside the co-op: opening balances, suppliers
)

// account names the account of kind with this id.
func account(kind AccountKind, id string) Account { return Account(string(kind) + ":" + id) }

// Kind is whose the account is.
func (a Account) Kind() AccountKind {
	kind, _, _ := strings.Cut(string(a), ":")
	return AccountKind(kind)
}

// Of is the id of the member, pool or council the account belongs to, if it
// is of that kind.
func (a Account) Of(kind AccountKind) (string, bool) {
	return strings.CutPrefix(string(a), string(kind)+":")
}

// MemberAccount is a member's direct-payment account.
func MemberAccount(member string) Account { return account(OfMember, member) }

// Source says why money moved, for the council's audit.
type Source string

// The sources of ledger entries.
const (
	SourceCouncilPayment   Source = "council_payment"
	SourcePayrollCharge    Source = "payroll_charge"
	SourceCoopFee          Source = "coop_fee"
	SourcePoolContribution Source = "pool_contribution"
	SourcePoolSpending     Source = "pool_spending"
	SourceRefund           Source = "refund"
	SourceAdjustment       Source = "adjustment"
)

// Entry is one movement of money: Amount leaves From and arrives in To, the
// balanced pair of a double-entry ledger in one record, so the co-op's
// accounts always sum to zero. Entries are never edited or deleted; a
// correction is a reversing entry.
type Entry struct {
	ID         string       `json:"id"`
	Date       Date         `json:"date"`
	Month      string       `json:"month"`
	Source     Source       `json:"source"`
	From       Account      `json:"from"`
	To         Account      `json:"to"`
	Amount     int64        `json:"amount_pence"`
	Ref        string       `json:"ref,omitempty"`
	Parts      []ChargePart `json:"parts,omitempty"`
	RecordedBy string       `json:"recorded_by"`
	Recorded   time.Time    `json:"recorded"`
}

// Effect is what the entry does to account a: money in is positive.
func (e Entry) Effect(a Account) int64 {
	switch a {
	case e.To:
		return e.Amount
	case e.From:
		return -e.Amount
	}
	return 0
}

// Accounts outside the co-op that money comes from or goes to.
const (
	AccountOpening  Account = "external:opening"  // balances brought in when a member's account starts
	AccountSpending Account = "external:spending" // what pools pay suppliers for joint activities
)

// CouncilAccount is the council that pays a member's direct payments.
func CouncilAccount(council string) Account { return account(OfCouncil, council) }

// PoolAccount is a pool's shared fund.
func PoolAccount(pool string) Account { return account(OfPool, pool) }

// Reversal is the entry that undoes e: the same amount back the other way,
// with an id derived from e's so it can be made only once.
func (e Entry) Reversal(by, reason string, at time.Time) Entry {
	return Entry{
		ID: DerivedID("reversal", e.ID), Date: DateOf(at), Month: DateOf(at).Month(), Source: SourceAdjustment,
		From: e.To, To: e.From, Amount: e.Amount, Ref: "reverses:" + e.ID + " " + reason, RecordedBy: by, Recorded: at.UTC(),
	}
}

// CouncilPayment is an admin's record of a direct payment from a council.
type CouncilPayment struct {
	Amount     int64  `json:"amount_pence"`
	Date       string `json:"date"`
	Council    string `json:"council"`
	PeriodFrom string `json:"period_from"`
	PeriodTo   string `json:"period_to"`
	Reference  string `json:"reference"`
}

// MaxAmountPence keeps a mistyped amount (pounds as pence, extra zeros) out of
// the ledger: no single movement of a member's money is £100,000 or more.
const MaxAmountPence = 100_000_00

// MaxEntryMonthsBack is how far back money may be dated: no earlier than the
// first day of the month this many months before the month it is recorded
// in. An entry rewrites the balance carried forward by each of its two
// accounts and by the co-op for every month from its own to the latest, in
// the one transaction (at most 100 items) that posts it: 24 months back is at
// most 3 × 25 month items, the entry's own three and the ledger head, 79.
const MaxEntryMonthsBack = 24

// EarliestEntryDate is the earliest date money recorded at now may carry.
func EarliestEntryDate(now time.Time) Date {
	first, _ := time.Parse(MonthLayout, DateOf(now).Month()) // DateOf's month always parses
	return Date(first.AddDate(0, -MaxEntryMonthsBack, 0).Format(DateLayout))
}

// checkRecent refuses an entry's date d earlier than EarliestEntryDate.
func checkRecent(p *Problems, field string, d Date, now time.Time) {
	if earliest := EarliestEntryDate(now); d != "" && d.Before(earliest) {
		p.Add(field, FieldEntryTooOld, "months", strconv.Itoa(MaxEntryMonthsBack), "min", string(earliest))
	}
}

var councilPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$`)

// Entry checks the payment and makes its ledger entry into member's account.
func (c CouncilPayment) Entry(member, by string, now time.Time) (Entry, error) {
	var p Problems
	amount(&p, "amount_pence", c.Amount)
	d := requireDate(&p, "date", c.Date)
	if d != "" && DateOf(now).Before(d) {
		p.Add("date", FieldDateFuture)
	}
	checkRecent(&p, "date", d, now)
	council := strings.ToLower(strings.TrimSpace(c.Council))
	if !councilPattern.MatchString(council) {
		p.Add("council", FieldSlug)
	}
	from := requireDate(&p, "period_from", c.PeriodFrom)
	to := requireDate(&p, "period_to", c.PeriodTo)
	if from != "" && to != "" && to.Before(from) {
		p.Add("period_to", FieldEndBeforeStart)
	}
	ref := optionalText(&p, "reference", c.Reference, 100)
	if err := p.Err("council payment"); err != nil {
		return Entry{}, err
	}
	return Entry{
		Date: d, Month: d.Month(), Source: SourceCouncilPayment, From: CouncilAccount(council), To: MemberAccount(member),
		Amount: c.Amount, Ref: "period " + string(from) + " to " + string(to) + " " + ref, RecordedBy: by, Recorded: now.UTC(),
	}, nil
}

func amount(p *Problems, field string, v int64) {
	if v <= 0 || v >= MaxAmountPence {
		p.Add(field, FieldOutOfRange, "min", "1", "max", strconv.Itoa(MaxAmountPence-1))
	}
}

// Adjustment is an admin's correction or opening balance: money into a
// member's account (positive) or out of it (negative), with a reason.
type Adjustment struct {
	Amount int64  `json:"amount_pence"`
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

// Entry checks the adjustment and makes its ledger entry.
func (a Adjustment) Entry(member, by string, now time.Time) (Entry, error) {
	var p Problems
	v := a.Amount
	if v < 0 {
		v = -v
	}
	amount(&p, "amount_pence", v)
	d := requireDate(&p, "date", a.Date)
	checkRecent(&p, "date", d, now)
	reason := requireText(&p, "reason", a.Reason, MaxReasonLen)
	if err := p.Err("adjustment"); err != nil {
		return Entry{}, err
	}
	e := Entry{Date: d, Month: d.Month(), Source: SourceAdjustment, From: AccountOpening, To: MemberAccount(member),
		Amount: v, Ref: reason, RecordedBy: by, Recorded: now.UTC()}
	if a.Amount < 0 {
		e.From, e.To = e.To, e.From
	}
	return e, nil
}

// Balance adds up what entries do to an account.
func Balance(a Account, entries []Entry) int64 {
	var b int64
	for _, e := range entries {
		b += e.Effect(a)
	}
	return b
}

// sourceOrder is how a statement orders entries of the same day: money in,
// then what it paid for, then pools, then corrections.
var sourceOrder = []Source{SourceCouncilPayment, SourcePayrollCharge, SourceCoopFee, SourcePoolContribution, SourcePoolSpending, SourceRefund, SourceAdjustment}

// Before is the order entries are listed in: by date, then source, then id.
func (e Entry) Before(o Entry) bool {
	if e.Date != o.Date {
		return e.Date < o.Date
	}
	if a, b := slices.Index(sourceOrder, e.Source), slices.Index(sourceOrder, o.Source); a != b {
		return a < b
	}
	return e.ID < o.ID
}

// AccountMonth is one account's month: the balance brought forward, each
// entry with its effect on the account, and the balance carried forward.
type AccountMonth struct {
	Member         string         `json:"member_id"`
	Month          string         `json:"month"`
	Account        Account        `json:"account"`
	BroughtForward int64          `json:"brought_forward_pence"`
	Entries        []AccountEntry `json:"entries"`
	CarriedForward int64          `json:"carried_forward_pence"`
}

// AccountEntry is an entry with what it did to the account being read.
type AccountEntry struct {
	Entry
	Effect int64 `json:"effect_pence"`
}

// AccountFor is a's month from the balance brought forward into it and the
// entries in it.
func AccountFor(a Account, member, month string, brought int64, in []Entry) AccountMonth {
	out := AccountMonth{Member: member, Month: month, Account: a, BroughtForward: brought, Entries: make([]AccountEntry, 0, len(in))}
	out.CarriedForward = out.BroughtForward
	for _, e := range in {
		out.Entries = append(out.Entries, AccountEntry{Entry: e, Effect: e.Effect(a)})
		out.CarriedForward += e.Effect(a)
	}
	return out
}

// Summary is the co-op's money for the board at the end of a month.
type Summary struct {
	Month            string            `json:"month"`
	BySource         map[Source]int64  `json:"by_source_pence"` // moved in the month
	MembersHold      int64             `json:"members_hold_pence"`
	MembersOverdrawn int               `json:"members_overdrawn"`
	LedgerTotal      int64             `json:"ledger_total_pence"` // always zero: every entry moves money between two accounts
	Accounts         map[Account]int64 `json:"accounts"`           // balances at the month's end
}

// Summarise adds up the ledger to the end of month.
func Summarise(month string, entries []Entry) Summary {
	first, last := Month(month).Bounds()
	bySource, accounts := map[Source]int64{}, map[Account]int64{}
	for _, e := range entries {
		if !last.Before(e.Date) {
			accounts[e.From] -= e.Amount
			accounts[e.To] += e.Amount
		}
		if !e.Date.Before(first) && !last.Before(e.Date) {
			bySource[e.Source] += e.Amount
		}
	}
	return SummaryOf(month, bySource, accounts)
}

// SummaryOf is the board's summary from the month's running totals: what
// moved by source in it and every account's balance at its end.
func SummaryOf(month string, bySource map[Source]int64, accounts map[Account]int64) Summary {
	s := Summary{Month: month, BySource: bySource, Accounts: accounts}
	for a, b := range accounts {
		s.LedgerTotal += b
		if a.Kind() == OfMember {
			s.MembersHold += b
			if b < 0 {
				s.MembersOverdrawn++
			}
		}
	}
	return s
}
