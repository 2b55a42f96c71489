package dpcoop

// Statement is a member's direct-payment account for one month as a council
// auditor reads it: the balance brought forward, every movement with its
// source and the balance after it, the balance carried forward, and what the
// member and admin should act on. It holds facts, not sentences: the words
// are said in one place (package messages), in either language, so the JSON,
// CSV and PDF statements always say the same.
type Statement struct {
	Member         string          `json:"member_id"`
	Name           string          `json:"name"`
	Language       Lang            `json:"-"` // the member's own: their documents lead with it
	Month          string          `json:"month"`
	BroughtForward int64           `json:"brought_forward_pence"`
	Lines          []StatementLine `json:"lines"`
	CarriedForward int64           `json:"carried_forward_pence"`
	Alerts         []AccountAlert  `json:"alerts"`
}

// StatementLine is one movement of the month.
type StatementLine struct {
	Date    Date   `json:"date"`
	Source  Source `json:"source"`
	Entry   string `json:"entry_id"`
	In      int64  `json:"in_pence"`
	Out     int64  `json:"out_pence"`
	Balance int64  `json:"balance_pence"`
	// What the description names: the entry's pay month (a charge for
	// October is posted on November's pay day), the council, the pool, the
	// admin's reference.
	Month   string    `json:"-"`
	Council string    `json:"-"`
	Pool    *PoolName `json:"-"`
	Ref     string    `json:"-"`
	// Details trace a payroll charge to the PAs and hours it paid for;
	// PaidFor says what a pool paid for with the member's contribution.
	Details []ChargePart `json:"details,omitempty"`
	PaidFor []PaidFor    `json:"-"`
}

// PoolName is a pool's name in both languages.
type PoolName struct{ CY, EN string }

// PaidFor is one thing a pool paid for in a month: hours of support (a
// payroll charge) or spending on a joint activity.
type PaidFor struct {
	Support bool   `json:"support"`
	Minutes int64  `json:"minutes,omitempty"`
	What    string `json:"what,omitempty"` // the spending's description
	Amount  int64  `json:"amount_pence"`
}

// AccountAlert is something on a member's account to act on, with the amount
// it is about.
type AccountAlert struct {
	Code   string `json:"code"`
	Amount int64  `json:"-"`
}

// The alert codes of a member's account.
const (
	AlertShort   = "may_not_cover_next_month"
	AlertSurplus = "over_surplus_limit"
)

// StatementFacts is what a statement needs besides the member's entries:
// names of the PAs its charges mention without naming them (charges posted
// before parts kept the PA's name), names of the pools it mentions, and what
// each pool paid for in a month.
type StatementFacts struct {
	PANames   map[string]string
	Pools     map[string]PoolName
	PoolSpent func(pool Account, month string) []PaidFor
}

// BuildStatement is the member's statement for month from the balance
// brought forward into it and the entries on their account in it. The alerts compare what is carried
// forward with what the month's charges and fees were: short of them, or
// above the co-op's surplus limit (twice them if it has none).
func BuildStatement(m Member, month string, brought int64, entries []Entry, settings PayrollSettings, f StatementFacts) Statement {
	acct := MemberAccount(m.ID)
	st := Statement{Member: m.ID, Name: m.Name, Language: m.Language, Month: month, BroughtForward: brought,
		Lines: []StatementLine{}, Alerts: []AccountAlert{}}
	balance := st.BroughtForward
	var expected int64
	for _, e := range entries {
		effect := e.Effect(acct)
		balance += effect
		line := StatementLine{Date: e.Date, Source: e.Source, Entry: e.ID, Balance: balance, Month: e.Month, Ref: e.Ref}
		if effect >= 0 {
			line.In = effect
		} else {
			line.Out = -effect
		}
		switch e.Source {
		case SourceCouncilPayment:
			line.Council, _ = e.From.Of(OfCouncil)
		case SourcePoolContribution:
			line.Pool = poolName(f.Pools, e.To)
			if f.PoolSpent != nil {
				line.PaidFor = f.PoolSpent(e.To, e.Month)
			}
		case SourceRefund:
			line.Pool = poolName(f.Pools, e.From)
		case SourcePayrollCharge, SourceCoopFee:
			expected += -effect
		}
		for _, p := range e.Parts {
			if p.PAName == "" {
				p.PAName = f.PANames[p.PA]
			}
			line.Details = append(line.Details, p)
		}
		st.Lines = append(st.Lines, line)
	}
	st.CarriedForward = balance
	limit := settings.SurplusLimitPence
	if limit == 0 {
		limit = 2 * expected
	}
	if expected > 0 && balance < expected {
		st.Alerts = append(st.Alerts, AccountAlert{Code: AlertShort, Amount: expected})
	}
	if limit > 0 && balance > limit {
		st.Alerts = append(st.Alerts, AccountAlert{Code: AlertSurplus, Amount: limit})
	}
	return st
}

// poolName is the named pool of a pool account, nil if it is not known.
func poolName(pools map[string]PoolName, a Account) *PoolName {
	id, _ := a.Of(OfPool)
	n, ok := pools[id]
	if !ok {
		return nil
	}
	return &n
}

// PoolPaidFor lists what a pool paid for in a month from its fund's
// entries: its payroll charges (hours of support) and its spending.
func PoolPaidFor(pool Account, month string, fund []Entry) []PaidFor {
	out := []PaidFor{}
	for _, e := range fund {
		if e.Month != month || e.From != pool {
			continue
		}
		switch e.Source {
		case SourcePayrollCharge:
			var minutes int64
			for _, p := range e.Parts {
				minutes += p.Minutes
			}
			out = append(out, PaidFor{Support: true, Minutes: minutes, Amount: e.Amount})
		case SourcePoolSpending:
			out = append(out, PaidFor{What: e.Ref, Amount: e.Amount})
		}
	}
	return out
}
