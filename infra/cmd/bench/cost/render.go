package cost

import (
	"fmt"
	"strings"
)

// Plans are the Cognito feature plans compared.
var Plans = []Item{CognitoLite, CognitoEssentials, CognitoPlus}

// Markdown is the cost model as docs/performance.md shows it: every line of
// the hosted service's month before and after this branch's changes (with
// the Cognito plan the stack chose), the plans compared, and the budget per
// member.
func Markdown(s Scale, u Use, chosen Item) string {
	var w strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&w, format, a...) }
	before, after := Month(s, u, Before, chosen), Month(s, u, After, chosen)
	p("For %s co-ops, %s members and %s PAs, a month, at the prices and with the use below. Money is computed in whole pico-dollars and quantities in thousandths of a unit (`infra/cmd/bench/cost`, its arithmetic tested in integers); AWS free tiers are applied.\n\n",
		thousands(s.Coops), thousands(s.Members), thousands(s.PAs))
	p("| item | quantity a month (after) | before | after | why |\n|---|---|---|---|---|\n")
	for i, l := range after {
		p("| %s | %s %s | %s | %s | %s |\n", l.Item.Name, Quantity(l.Quantity), l.Item.Unit, before[i].Cost(), l.Cost(), l.Why)
	}
	p("| **total** | | **%s** | **%s** | |\n", before.Total(), after.Total())
	p("| **per member** | | **%s** | **%s** | the budget per member a month |\n", before.Per(s.Members), after.Per(s.Members))
	p("| **per co-op** | | **%s** | **%s** | |\n\n", before.Per(s.Coops), after.Per(s.Coops))
	held := u
	held.Years = 6
	later := Month(s, held, After, chosen)
	p("Storage and its backups grow with the years of data held (payslips are kept six years and more): in the sixth year the table holds %s GB, AWS Backup keeps %s GB-months, and the month is **%s** (%s a member).\n\n",
		Quantity(later.Of(DynamoStorage).Quantity), Quantity(later.Of(Backups).Quantity), later.Total(), later.Per(s.Members))
	p("**Cognito plans** (the same month, after, with each plan):\n\n| plan | Cognito | month | per member |\n|---|---|---|---|\n")
	for _, plan := range Plans {
		b := Month(s, u, After, plan)
		mark := ""
		if plan == chosen {
			mark = " (the stack's)"
		}
		p("| %s%s | %s | %s | %s |\n", plan.Name, mark, b[0].Cost(), b.Total(), b.Per(s.Members))
	}
	p("\n**Prices:**\n\n| item | price | free a month | source |\n|---|---|---|---|\n")
	seen := map[string]bool{}
	for _, it := range append(append([]Item{}, Plans...), itemsOf(after)[1:]...) {
		if seen[it.Name] {
			continue
		}
		seen[it.Name] = true
		p("| %s | %s per %s | %s | %s |\n", it.Name, it.Price, it.Unit, Quantity(it.Free), it.Source)
	}
	p("\n")
	return w.String()
}

func itemsOf(b Bill) []Item {
	out := make([]Item, len(b))
	for i, l := range b {
		out[i] = l.Item
	}
	return out
}
