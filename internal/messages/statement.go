package messages

import (
	"strconv"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
	"github.com/dpcoop/dpcoop/internal/sheet"
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

// StatementDocument is the statement for the PDF: every line described in
// both languages, with the PAs and hours of a payroll charge and what a pool
// paid for, so the reader's language can lead and the other follow.
func StatementDocument(st dpcoop.Statement) payslips.Statement {
	doc := payslips.Statement{Member: st.Name, MemberID: st.Member, Month: st.Month, BroughtForward: st.BroughtForward, CarriedForward: st.CarriedForward}
	for _, line := range st.Lines {
		doc.Lines = append(doc.Lines, payslips.StatementLine{
			Date: string(line.Date),
			CY:   describeAll(dpcoop.Welsh, line, "\n  "),
			EN:   describeAll(dpcoop.English, line, "\n  "),
			In:   line.In, Out: line.Out, Balance: line.Balance,
		})
	}
	for _, a := range st.Alerts {
		doc.Alerts = append(doc.Alerts, [2]string{Alert(dpcoop.Welsh, a), Alert(dpcoop.English, a)})
	}
	return doc
}

var statementColumns = []string{"date", "source", "description", "in_pounds", "out_pounds", "balance_pounds", "in", "out", "balance", "entry"}

// StatementSheet is the statement as a spreadsheet in the member's
// language, headings and values alike, money in pounds and in pence.
func StatementSheet(st dpcoop.Statement) *sheet.Sheet {
	l := st.Language
	head := make([]string, len(statementColumns))
	for i, c := range statementColumns {
		head[i] = Text(l, "statement."+c, nil)
	}
	sh := sheet.New(head...)
	balance := func(label string, b int64) {
		sh.Row("", "", Text(l, label, nil), "", "", sheet.Pounds(b), "", "", sheet.Pence(b), "")
	}
	balance("statement.brought_forward", st.BroughtForward)
	for _, line := range st.Lines {
		sh.Row(string(line.Date), Text(l, "sourcename."+string(line.Source), nil), describeAll(l, line, "; "),
			sheet.Pounds(line.In), sheet.Pounds(line.Out), sheet.Pounds(line.Balance),
			sheet.Pence(line.In), sheet.Pence(line.Out), sheet.Pence(line.Balance), line.Entry)
	}
	balance("statement.carried_forward", st.CarriedForward)
	return sh
}

// describeAll is a statement line's description in one language with its
// sources, for a document: the PAs and hours of a payroll charge, and what a
// pool paid for, each after sep.
func describeAll(l dpcoop.Lang, line dpcoop.StatementLine, sep string) string {
	s := Describe(l, line)
	for _, d := range line.Details {
		s += sep + d.PAName + ": " + strconv.FormatInt(d.Minutes/60, 10) + ":" + twoDigit(d.Minutes%60) + " (" + payslips.Pounds(d.Total) + ")"
	}
	for _, p := range line.PaidFor {
		s += sep + PaidFor(l, p)
	}
	return s
}

// twoDigit writes minutes past the hour as two digits.
func twoDigit(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}
