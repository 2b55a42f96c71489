package dpcoop

import "time"

// Account names a place money is held: a member's direct-payment account, a
// pool, or one of the co-op's own accounts.
type Account string

// The co-op's own accounts.
const (
	AccountPayroll Account = "coop:payroll" // what members pay for their PAs' employment
	AccountFees    Account = "coop:fees"    // the co-op's fee
)

// MemberAccount is a member's direct-payment account.
func MemberAccount(member string) Account { return Account("member:" + member) }

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
