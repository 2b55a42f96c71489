package payslips

import (
	"fmt"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Statement is a member's direct-payment account for a month, as a council
// auditor reads it: every line already described in both languages.
type Statement struct {
	Member         string
	MemberID       string
	Month          string
	BroughtForward int64
	CarriedForward int64
	Lines          []StatementLine
	Alerts         [][2]string // Welsh, English
}

// StatementLine is one movement with the balance after it.
type StatementLine struct {
	Date             string
	CY, EN           string
	In, Out, Balance int64
}

var (
	lblStatement      = bi{"Datganiad cyfrif taliadau uniongyrchol", "Direct payment account statement"}
	lblMember         = bi{"Aelod", "Member"}
	lblMemberNumber   = bi{"Rhif aelod", "Member number"}
	lblDate           = bi{"Dyddiad", "Date"}
	lblWhat           = bi{"Beth", "What"}
	lblIn             = bi{"I mewn", "In"}
	lblOut            = bi{"Allan", "Out"}
	lblBalance        = bi{"Balans", "Balance"}
	lblBroughtForward = bi{"Balans a ddygwyd ymlaen", "Balance brought forward"}
	lblCarriedForward = bi{"Balans a gariwyd ymlaen", "Balance carried forward"}
	lblKeepStatement  = bi{"Cadwch y datganiad hwn ar gyfer eich cofnodion a'ch cyngor.", "Keep this statement for your records and your council."}
)

// Pounds formats pence as pounds for people: "£1,234.56".
func Pounds(p int64) string { return pounds(p) }

// StatementPDF renders the statement: A4, both languages, the reader's first.
func StatementPDF(er Employer, st Statement, l dpcoop.Lang) ([]byte, error) {
	month, err := parseMonth(st.Month)
	if err != nil {
		return nil, fmt.Errorf("statement: month %q: %w", st.Month, err)
	}
	d := newDoc(l)
	d.keep = lblKeepStatement
	f := d.f
	end := time.Date(month.Year(), month.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	f.SetCreationDate(end)
	f.SetModificationDate(end)
	t1, t2 := lblStatement.order(l)
	m1, m2 := monthName(month).order(l)
	f.SetTitle(d.clean(t1+" "+m1+" / "+t2+" "+m2+" - "+st.Member), true)
	d.continued = t1 + " " + m1 + " / " + t2 + " " + m2 + " - " + st.Member
	f.AddPage()
	d.text(t1+": "+m1, titlePt, true)
	d.text(t2+": "+m2, subPt, true)
	d.space(gap)
	for _, kv := range [][2]string{{lblEmployer.both(l), employerName(er, l)}, {lblMember.both(l), st.Member}, {lblMemberNumber.both(l), st.MemberID}} {
		d.row(margin, []cell{{w: 70, text: kv[0]}, {w: contentW - 70, text: kv[1], bold: true}}, rowStyle{rule: true})
	}
	d.space(gap)
	const wDate, wMoney = 24.0, 24.0
	wWhat := contentW - wDate - 3*wMoney
	head := tableRow{cells: []cell{
		{w: wDate, text: d.stack(lblDate), bold: true}, {w: wWhat, text: d.stack(lblWhat), bold: true},
		{w: wMoney, text: d.stack(lblIn), bold: true, right: true}, {w: wMoney, text: d.stack(lblOut), bold: true, right: true},
		{w: wMoney, text: d.stack(lblBalance), bold: true, right: true},
	}, style: rowStyle{band: true}}
	d.row(margin, head.cells, head.style)
	d.repeat = &head
	money := func(p int64) string {
		if p == 0 {
			return ""
		}
		return pounds(p)
	}
	d.row(margin, []cell{{w: wDate, text: st.Month + "-01"}, {w: wWhat, text: lblBroughtForward.both(l)}, {w: wMoney}, {w: wMoney},
		{w: wMoney, text: pounds(st.BroughtForward), right: true}}, rowStyle{rule: true})
	for _, line := range st.Lines {
		first, second := line.EN, line.CY
		if l == dpcoop.Welsh {
			first, second = line.CY, line.EN
		}
		d.row(margin, []cell{{w: wDate, text: line.Date}, {w: wWhat, text: first + "\n" + second},
			{w: wMoney, text: money(line.In), right: true}, {w: wMoney, text: money(line.Out), right: true},
			{w: wMoney, text: pounds(line.Balance), right: true}}, rowStyle{rule: true})
	}
	d.repeat = nil
	d.row(margin, []cell{{w: wDate}, {w: wWhat, text: lblCarriedForward.both(l), bold: true}, {w: wMoney}, {w: wMoney},
		{w: wMoney, text: pounds(st.CarriedForward), bold: true, right: true}}, rowStyle{strongRule: true})
	for _, a := range st.Alerts {
		d.space(gap / 2)
		first, second := a[1], a[0]
		if l == dpcoop.Welsh {
			first, second = a[0], a[1]
		}
		d.text(first+"\n"+second, bodyPt, true)
	}
	return d.output("the statement")
}
