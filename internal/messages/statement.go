package messages

import (
	"strconv"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// The words of a member's statement, said once for the JSON, CSV and PDF.

// Describe says what a statement line was, in language l: its source, with
// the month it paid for, the council, the pool or the admin's reference.
func Describe(l dpcoop.Lang, line dpcoop.StatementLine) string {
	params := map[string]string{"ref": line.Ref, "month": payslips.MonthName(l, line.Month), "council": line.Council, "pool": ""}
	if p := line.Pool; p != nil {
		params["pool"] = p.EN
		if l == dpcoop.Welsh {
			params["pool"] = p.CY
		}
	}
	return Text(l, "source."+string(line.Source), params)
}

// PaidFor says what a pool paid for, in language l.
func PaidFor(l dpcoop.Lang, p dpcoop.PaidFor) string {
	if p.Support {
		return Text(l, "statement.paid_for_support", map[string]string{
			"hours": strconv.FormatInt(p.Minutes/60, 10), "minutes": strconv.FormatInt(p.Minutes%60, 10), "amount": payslips.Pounds(p.Amount)})
	}
	return Text(l, "statement.paid_for_spending", map[string]string{"what": p.What, "amount": payslips.Pounds(p.Amount)})
}

// Alert says what to do about an account alert, in language l.
func Alert(l dpcoop.Lang, a dpcoop.AccountAlert) string {
	return Text(l, "alert."+a.Code, map[string]string{"amount": payslips.Pounds(a.Amount)})
}
