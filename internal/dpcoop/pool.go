package dpcoop

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/apportion"
)

// ContributionRule is how a pool's members pay into it each month.
type ContributionRule string

// A pool's members pay a fixed amount each month, or share the pool's costs
// for the month equally or by agreed weights.
const (
	RuleFixed         ContributionRule = "fixed"
	RuleEqualShare    ContributionRule = "equal_share"
	RuleWeightedShare ContributionRule = "weighted_share"
)

var contributionRules = []ContributionRule{RuleFixed, RuleEqualShare, RuleWeightedShare}

// Pool is a fund members agree to share for joint activities. Each member's
// share stays visible on their own statement: the council still funds each
// person separately.
type Pool struct {
	ID            string           `json:"id"`
	Coop          CoopID           `json:"-"`
	NameEN        string           `json:"name_en"`
	NameCY        string           `json:"name_cy"`
	PurposeEN     string           `json:"purpose_en"`
	PurposeCY     string           `json:"purpose_cy"`
	Rule          ContributionRule `json:"rule"`
	FixedPence    int64            `json:"fixed_pence,omitempty"`
	SpendingLimit int64            `json:"spending_limit_pence"`
	// SpendingPeriod is the period the spending limit is a total within:
	// week, month (empty, as before periods existed) or year.
	SpendingPeriod SpendingPeriod `json:"spending_period"`
	Created        time.Time      `json:"created"`
	CreatedBy      string         `json:"created_by"`
}

// PoolInput is what an admin gives to set up a pool.
type PoolInput struct {
	NameEN        string `json:"name_en"`
	NameCY        string `json:"name_cy"`
	PurposeEN     string `json:"purpose_en"`
	PurposeCY     string `json:"purpose_cy"`
	Rule          string `json:"rule"`
	FixedPence    int64  `json:"fixed_pence"`
	SpendingLimit int64  `json:"spending_limit_pence"`
	// SpendingPeriod defaults to month.
	SpendingPeriod string `json:"spending_period"`
}

// SpendingPeriod is how long a pool's spending limit runs before it starts
// again.
type SpendingPeriod string

// A pool's spending limit is a total per ISO week, calendar month or year.
const (
	PeriodWeek  SpendingPeriod = "week"
	PeriodMonth SpendingPeriod = "month"
	PeriodYear  SpendingPeriod = "year"
)

var spendingPeriods = []SpendingPeriod{PeriodWeek, PeriodMonth, PeriodYear}

// PeriodOf names the period of the pool's limit that d falls in, such as
// "2026-11", "2026" or "2026-W47".
func (p Pool) PeriodOf(d Date) string {
	t := d.Time()
	switch p.SpendingPeriod {
	case PeriodWeek:
		y, w := t.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, w)
	case PeriodYear:
		return string(d)[:4]
	}
	return d.Month()
}

// Pool spending codes: the fund does not hold the money; a spending within
// the pool's own limit found the period's total already reached (it then
// waits for the members' approval instead).
const (
	CodePoolFunds  = "pool_funds_insufficient"
	CodePoolLimit  = "pool_limit_reached"
	FieldPoolFunds = "more_than_pool_holds"
)

// SpendingGuard is what the store checks inside the one conditional write
// that records approved spending, so concurrent requests cannot slip past it.
type SpendingGuard struct {
	// Limit is the total the spending's period may reach without the
	// members' approval.
	Limit int64
	// Funds is what the pool can draw on before any spending: its fund's
	// balance leaving spending aside, plus, for a pool whose members share its
	// costs at month end, what those members' accounts hold.
	Funds int64
	// Spent is the pool's approved spending as the ledger shows it.
	Spent int64
}

// Guard is the guard for the pool's spending: fund is every entry of its
// account; members is what its current members' accounts hold (counted only
// when they share its costs).
func (p Pool) Guard(fund []Entry, members int64) SpendingGuard {
	g := SpendingGuard{Limit: p.SpendingLimit}
	for _, e := range fund {
		if e.Source == SourcePoolSpending && e.From == PoolAccount(p.ID) {
			g.Spent += e.Amount
			continue
		}
		g.Funds += e.Effect(PoolAccount(p.ID))
	}
	if p.Rule != RuleFixed {
		g.Funds += max(members, 0)
	}
	return g
}

// Holds reports whether the pool can pay amount on top of what it has spent.
func (g SpendingGuard) Holds(spent, amount int64) bool { return spent+amount <= g.Funds }

// FundsError is the refusal of spending the pool cannot pay.
func FundsError(op string) error {
	return &Error{Op: op, Kind: KindConflict, Code: CodePoolFunds, Fields: []FieldError{{Field: "amount_pence", Code: FieldPoolFunds}}}
}

// Validate checks the pool: names and purpose in both languages, a known rule
// (a fixed amount for the fixed rule), a spending limit.
func (in PoolInput) Validate(by string, now time.Time) (Pool, error) {
	var p Problems
	pool := Pool{
		NameEN: requireName(&p, "name_en", in.NameEN, MaxNameLen), NameCY: requireName(&p, "name_cy", in.NameCY, MaxNameLen),
		PurposeEN: requireText(&p, "purpose_en", in.PurposeEN, MaxReasonLen), PurposeCY: requireText(&p, "purpose_cy", in.PurposeCY, MaxReasonLen),
		Rule: ContributionRule(strings.TrimSpace(in.Rule)), FixedPence: in.FixedPence, SpendingLimit: in.SpendingLimit,
		SpendingPeriod: SpendingPeriod(strings.TrimSpace(in.SpendingPeriod)), Created: now.UTC(), CreatedBy: by,
	}
	switch {
	case !slices.Contains(contributionRules, pool.Rule):
		p.Add("rule", FieldChoice)
	case pool.Rule == RuleFixed:
		amount(&p, "fixed_pence", in.FixedPence)
	case in.FixedPence != 0:
		p.Add("fixed_pence", FieldOutOfRange, "min", "0", "max", "0")
	}
	if pool.SpendingPeriod == "" {
		pool.SpendingPeriod = PeriodMonth
	}
	if !slices.Contains(spendingPeriods, pool.SpendingPeriod) {
		p.Add("spending_period", FieldChoice)
	}
	if in.SpendingLimit < 0 || in.SpendingLimit >= MaxAmountPence {
		p.Add("spending_limit_pence", FieldOutOfRange, "min", "0", "max", strconv.Itoa(MaxAmountPence-1))
	}
	return pool, p.Err("pool")
}

// PoolMember is a member's place in a pool: joined with their consent, the
// weight they agreed, and the date they left if they have.
type PoolMember struct {
	Pool      string    `json:"pool_id"`
	Member    string    `json:"member_id"`
	Weight    int64     `json:"weight"`
	Joined    Date      `json:"joined"`
	Left      Date      `json:"left,omitempty"`
	ConsentBy string    `json:"consent_recorded_by"`
	ConsentAt time.Time `json:"consent_at"`
}

// ActiveIn reports whether the member belonged to the pool at any time in month.
func (m PoolMember) ActiveIn(month string) bool {
	first := Date(month + "-01")
	last := Date(first.Time().AddDate(0, 1, -1).Format(DateLayout))
	return !last.Before(m.Joined) && (m.Left == "" || !m.Left.Before(first))
}

// SpendingStatus is where a pool's spending is: recorded at once within the
// pool's limit, or waiting for a majority of the pool's members above it.
type SpendingStatus string

// The states of a pool's spending.
const (
	SpendingAwaiting SpendingStatus = "awaiting_approval"
	SpendingApproved SpendingStatus = "approved"
)

// Spending is money a pool pays for a joint activity.
type Spending struct {
	ID          string         `json:"id"`
	Pool        string         `json:"pool_id"`
	Amount      int64          `json:"amount_pence"`
	Date        Date           `json:"date"`
	Description string         `json:"description"`
	Status      SpendingStatus `json:"status"`
	// Period is the period of the pool's limit the spending counts in.
	Period      string   `json:"period"`
	Approvals   []string `json:"approvals" dynamodbav:"-"` // stored by the store in its own form
	RequestedBy string   `json:"requested_by"`
	EntryID     string   `json:"entry_id,omitempty"`
}

// SpendingInput is what an admin records a pool spends.
type SpendingInput struct {
	Amount      int64  `json:"amount_pence"`
	Date        string `json:"date"`
	Description string `json:"description"`
}

// Validate checks the spending against the pool: more than the pool can pay
// is refused; within its limit for the period it is approved at once (the
// store checks both again inside its write), above it it waits for the
// pool's members.
func (in SpendingInput) Validate(pool Pool, g SpendingGuard, by string, now time.Time) (Spending, error) {
	var p Problems
	amount(&p, "amount_pence", in.Amount)
	d := requireDate(&p, "date", in.Date)
	desc := requireText(&p, "description", in.Description, MaxReasonLen)
	if err := p.Err("pool spending"); err != nil {
		return Spending{}, err
	}
	s := Spending{Pool: pool.ID, Amount: in.Amount, Date: d, Period: pool.PeriodOf(d), Description: desc, Status: SpendingAwaiting, Approvals: []string{}, RequestedBy: by}
	if !g.Holds(g.Spent, in.Amount) {
		return Spending{}, FundsError("pool spending")
	}
	if in.Amount <= pool.SpendingLimit {
		s.Status = SpendingApproved
	}
	return s, nil
}

// Approved reports whether approvals are a majority of the pool's members.
func Approved(approvals, members int) bool { return members > 0 && 2*approvals > members }

// Entry is the ledger entry of approved spending: from the pool's fund to the
// supplier, in the month it was spent.
func (s Spending) Entry(at time.Time) Entry {
	return Entry{
		ID: DerivedID("pool-spending", s.Pool, s.ID), Date: s.Date, Month: s.Date.Month(), Source: SourcePoolSpending,
		From: PoolAccount(s.Pool), To: AccountSpending, Amount: s.Amount, Ref: s.Description, RecordedBy: s.RequestedBy, Recorded: at.UTC(),
	}
}

// PayerAccount is the account a payroll charge falls on. A charge's payer
// is a member's id, or the account itself: a pool's fund for a shared shift
// charged to the pool, or the co-op's fees account for statutory pay the
// co-op bears.
func PayerAccount(payer string) Account {
	if a := Account(payer); a.Kind() == OfPool || a == AccountFees {
		return a
	}
	return MemberAccount(payer)
}

// PaysFee says whether a charge's payer pays the co-op's fee: a member does;
// a pool's fund and the co-op itself do not.
func PaysFee(payer string) bool { return PayerAccount(payer).Kind() == OfMember }

// Shortfall is a contribution a member's account could not cover: it is
// capped so no account goes below zero because of a pool, and the admin told.
type Shortfall struct {
	Member string `json:"member_id"`
	Due    int64  `json:"due_pence"`
	Paid   int64  `json:"paid_pence"`
}

// CurrentMembers are the pool's members who have not left.
func CurrentMembers(members []PoolMember) []PoolMember {
	out := []PoolMember{}
	for _, m := range members {
		if m.Left == "" {
			out = append(out, m)
		}
	}
	return out
}

// JoinPoolInput is a request to join a pool, with the member's consent: a
// member joins themself; an admin may record the consent of a member who
// cannot use the app, given earlier on paper (Joined).
type JoinPoolInput struct {
	Member  string `json:"member_id"`
	Consent bool   `json:"consent"`
	Weight  int64  `json:"weight"`
	Joined  string `json:"joined"`
}

// Joiner is who joins: the caller themself, or for an admin the member named.
func (in JoinPoolInput) Joiner(p Principal) (string, error) {
	if p.Has(RoleAdmin) {
		return in.Member, nil
	}
	if in.Member != "" && in.Member != p.Person {
		return "", E("join pool", KindForbidden, CodeForbidden)
	}
	return p.Person, nil
}

// Membership checks the request for member m and makes their membership:
// consent given, a weight from 0 to 100 (0 counts as 1), a past joining date
// only from an admin, and m on the register both today and on that date.
func (in JoinPoolInput) Membership(p Principal, pool Pool, m Member, now time.Time) (PoolMember, error) {
	var problems Problems
	if !in.Consent {
		problems.Add("consent", FieldConsent)
	}
	if in.Weight < 0 || in.Weight > 100 {
		problems.Add("weight", FieldOutOfRange, "min", "0", "max", "100")
	}
	today := DateOf(now)
	joined := today
	if in.Joined != "" {
		d, ok := ParseDate(in.Joined)
		switch {
		case !p.Has(RoleAdmin):
			problems.Add("joined", FieldUnknown)
		case !ok:
			problems.Add("joined", FieldDate)
		case today.Before(d):
			problems.Add("joined", FieldDateFuture)
		default:
			joined = d
		}
	}
	if !m.Active(today) || !m.Active(joined) {
		problems.Add("member_id", FieldMemberCeased)
	}
	if err := problems.Err("join pool"); err != nil {
		return PoolMember{}, err
	}
	return PoolMember{Pool: pool.ID, Member: m.ID, Weight: max(in.Weight, 1), Joined: joined, ConsentBy: p.Person, ConsentAt: now.UTC()}, nil
}

// Settlement is what a member leaving the pool takes with them: their share
// of the fund's balance by the current members' weights (exact: the shares
// sum to the balance), as a refund entry; nil when there is nothing to take.
func (p Pool) Settlement(active []PoolMember, who string, balance int64, by string, now time.Time) (*Entry, error) {
	i := slices.IndexFunc(active, func(m PoolMember) bool { return m.Member == who })
	if i < 0 {
		return nil, E("leave pool", KindNotFound, CodeNotFound)
	}
	if balance <= 0 {
		return nil, nil
	}
	weights := make([]int64, len(active))
	for j, m := range active {
		weights[j] = m.Weight
	}
	shares, err := apportion.Split(balance, weights)
	if err != nil {
		return nil, Wrap("leave pool", err)
	}
	if shares[i] == 0 {
		return nil, nil
	}
	today := DateOf(now)
	return &Entry{
		ID: DerivedID("pool-leave", p.ID, who, string(active[i].Joined)), Date: today, Month: today.Month(),
		Source: SourceRefund, From: PoolAccount(p.ID), To: MemberAccount(who), Amount: shares[i],
		Ref: "leaving pool " + p.ID, RecordedBy: by, Recorded: now.UTC(),
	}, nil
}
