package dpcoop

import (
	"cmp"
	"slices"
)

// Uncovered is a member whose balance may not cover next month: it is less
// than what their account was charged in the last full month.
type Uncovered struct {
	Member  string `json:"member_id"`
	Balance int64  `json:"balance_pence"`
	Charged int64  `json:"charged_pence"`
}

// chargeSources are what a month's support costs a member: the payroll
// charge, the co-op's fee and pool contributions.
var chargeSources = []Source{SourcePayrollCharge, SourceCoopFee, SourcePoolContribution}

// MayNotCover finds the members whose balance on today may not cover next
// month: a month usually costs about what the last full month did, so a
// balance below last month's charges (net of any reversed) is flagged. A
// member charged nothing last month is never flagged, and nor is an
// overdraft with no charges (the statement's alerts tell of that).
func MayNotCover(entries []Entry, today Date) []Uncovered {
	first, _ := Month(today.Month()).Bounds()
	last := first.AddDays(-1).Month()
	balance, charged := map[string]int64{}, map[string]int64{}
	for _, e := range entries {
		if today.Before(e.Date) {
			continue
		}
		for _, a := range []Account{e.From, e.To} {
			m, ok := a.Of(OfMember)
			if !ok {
				continue
			}
			balance[m] += e.Effect(a)
			if e.Date.Month() == last && slices.Contains(chargeSources, e.Source) {
				charged[m] -= e.Effect(a)
			}
		}
	}
	var out []Uncovered
	for m, c := range charged {
		if c > 0 && balance[m] < c {
			out = append(out, Uncovered{Member: m, Balance: balance[m], Charged: c})
		}
	}
	slices.SortFunc(out, func(a, b Uncovered) int {
		return cmp.Or(cmp.Compare(a.Balance-a.Charged, b.Balance-b.Charged), cmp.Compare(a.Member, b.Member))
	})
	return out
}
