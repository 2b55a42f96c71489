package dpcoop

import (
	"slices"
	"strconv"
	"strings"
	"time"
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
	Created       time.Time        `json:"created"`
	CreatedBy     string           `json:"created_by"`
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
}

// Validate checks the pool: names and purpose in both languages, a known rule
// (a fixed amount for the fixed rule), a spending limit.
func (in PoolInput) Validate(by string, now time.Time) (Pool, error) {
	var p Problems
	pool := Pool{
		NameEN: requireText(&p, "name_en", in.NameEN, MaxNameLen), NameCY: requireText(&p, "name_cy", in.NameCY, MaxNameLen),
		PurposeEN: requireText(&p, "purpose_en", in.PurposeEN, MaxReasonLen), PurposeCY: requireText(&p, "purpose_cy", in.PurposeCY, MaxReasonLen),
		Rule: ContributionRule(strings.TrimSpace(in.Rule)), FixedPence: in.FixedPence, SpendingLimit: in.SpendingLimit,
		Created: now.UTC(), CreatedBy: by,
	}
	switch {
	case !slices.Contains(contributionRules, pool.Rule):
		p.Add("rule", FieldChoice)
	case pool.Rule == RuleFixed:
		amount(&p, "fixed_pence", in.FixedPence)
	case in.FixedPence != 0:
		p.Add("fixed_pence", FieldOutOfRange, "min", "0", "max", "0")
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
	Approvals   []string       `json:"approvals" dynamodbav:"-"` // stored by the store in its own form
	RequestedBy string         `json:"requested_by"`
	EntryID     string         `json:"entry_id,omitempty"`
}

// SpendingInput is what an admin records a pool spends.
type SpendingInput struct {
	Amount      int64  `json:"amount_pence"`
	Date        string `json:"date"`
	Description string `json:"description"`
}

// Validate checks the spending against the pool: within its limit it is
// approved at once, above it it waits for the pool's members.
func (in SpendingInput) Validate(pool Pool, by string, now time.Time) (Spending, error) {
	var p Problems
	amount(&p, "amount_pence", in.Amount)
	d := requireDate(&p, "date", in.Date)
	desc := requireText(&p, "description", in.Description, MaxReasonLen)
	if err := p.Err("pool spending"); err != nil {
		return Spending{}, err
	}
	s := Spending{Pool: pool.ID, Amount: in.Amount, Date: d, Description: desc, Status: SpendingAwaiting, Approvals: []string{}, RequestedBy: by}
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
		ID: DerivedID("pool-spending", s.Pool, s.ID), Date: s.Date, Month: string(s.Date)[:7], Source: SourcePoolSpending,
		From: PoolAccount(s.Pool), To: AccountSpending, Amount: s.Amount, Ref: s.Description, RecordedBy: s.RequestedBy, Recorded: at.UTC(),
	}
}

// PayerAccount is the account a payroll charge falls on: a member's, or a
// pool's for a shared shift charged to the pool ("pool:<id>").
func PayerAccount(payer string) Account {
	if strings.HasPrefix(payer, "pool:") {
		return Account(payer)
	}
	return MemberAccount(payer)
}

// Shortfall is a contribution a member's account could not cover: it is
// capped so no account goes below zero because of a pool, and the admin told.
type Shortfall struct {
	Member string `json:"member_id"`
	Due    int64  `json:"due_pence"`
	Paid   int64  `json:"paid_pence"`
}
