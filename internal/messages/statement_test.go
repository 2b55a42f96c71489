package messages

import (
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Every line a member's statement can show reads fully in both languages:
// no {placeholder} left, and a charge names the month it paid for, not the
// month it was posted in.
func TestStatementWordsInBothLanguages(t *testing.T) {
	pool := &dpcoop.PoolName{CY: "Ffrindiau", EN: "Friends"}
	lines := []dpcoop.StatementLine{
		{Source: dpcoop.SourceCouncilPayment, Date: "2026-11-02", Month: "2026-11", Council: "Gwynedd"},
		{Source: dpcoop.SourcePayrollCharge, Date: "2026-11-07", Month: "2026-10"},
		{Source: dpcoop.SourceCoopFee, Date: "2026-11-07", Month: "2026-10"},
		{Source: dpcoop.SourcePoolContribution, Date: "2026-11-07", Month: "2026-10", Pool: pool,
			PaidFor: []dpcoop.PaidFor{{Support: true, Minutes: 185, Amount: 4150}, {What: "Trip to Llandudno", Amount: 2000}}},
		{Source: dpcoop.SourcePoolSpending, Date: "2026-11-09", Month: "2026-11"},
		{Source: dpcoop.SourceRefund, Date: "2026-11-10", Month: "2026-11", Pool: pool},
		{Source: dpcoop.SourceAdjustment, Date: "2026-11-11", Month: "2026-11", Ref: "opening balance"},
	}
	for _, l := range []dpcoop.Lang{dpcoop.Welsh, dpcoop.English} {
		for _, line := range lines {
			if !Has("source." + string(line.Source)) {
				t.Errorf("%s has no words", line.Source)
			}
			texts := []string{Describe(l, line)}
			for _, p := range line.PaidFor {
				texts = append(texts, PaidFor(l, p))
			}
			for _, s := range texts {
				if strings.ContainsAny(s, "{}") {
					t.Errorf("%s in %s: %q leaves a placeholder", line.Source, l, s)
				}
			}
		}
		for _, code := range []string{dpcoop.AlertShort, dpcoop.AlertSurplus} {
			if s := Alert(l, dpcoop.AccountAlert{Code: code, Amount: 123456}); strings.ContainsAny(s, "{}") || !strings.Contains(s, "£1,234.56") {
				t.Errorf("alert %s in %s: %q", code, l, s)
			}
		}
	}
	charge := lines[1]
	if en, cy := Describe(dpcoop.English, charge), Describe(dpcoop.Welsh, charge); !strings.Contains(en, "October 2026") || !strings.Contains(cy, "Hydref 2026") {
		t.Errorf("October's charge, paid in November: %q / %q", en, cy)
	}
	if s := Describe(dpcoop.Welsh, lines[3]); !strings.Contains(s, "Ffrindiau") {
		t.Errorf("a pool's Welsh name: %q", s)
	}
	if s := PaidFor(dpcoop.Welsh, lines[3].PaidFor[0]); s != "cymorth: 3 awr 5 munud, £41.50" {
		t.Errorf("what a pool paid for, in Welsh: %q", s)
	}
}

// The statement's PDF lines and spreadsheet say the same words as the JSON,
// in full: the PDF in both languages, the spreadsheet in the member's, its
// values translated as well as its headings, and October's charge as
// October's though it was posted in November.
func TestStatementDocumentsInBothLanguages(t *testing.T) {
	st := dpcoop.Statement{Member: "m1", Name: "Gwen Evans", Month: "2026-11", BroughtForward: 10000, CarriedForward: 5850,
		Lines: []dpcoop.StatementLine{
			{Source: dpcoop.SourceCouncilPayment, Date: "2026-11-02", Month: "2026-11", Council: "Gwynedd", In: 20000, Balance: 30000},
			{Source: dpcoop.SourcePayrollCharge, Date: "2026-11-07", Month: "2026-10", Out: 24150, Balance: 5850,
				Details: []dpcoop.ChargePart{{PA: "pa1", PAName: "Siân Jones", Minutes: 605, Total: 24150}}},
		},
		Alerts: []dpcoop.AccountAlert{{Code: dpcoop.AlertShort, Amount: 30000}}}
	doc := StatementDocument(st)
	if len(doc.Lines) != 2 || len(doc.Alerts) != 1 {
		t.Fatalf("document: %+v", doc)
	}
	charge := doc.Lines[1]
	if !strings.Contains(charge.CY, "Hydref 2026") || !strings.Contains(charge.EN, "October 2026") || !strings.Contains(charge.EN, "Siân Jones: 10:05 (£241.50)") {
		t.Errorf("October's charge in the PDF: %q / %q", charge.CY, charge.EN)
	}
	for _, l := range doc.Lines {
		if strings.ContainsAny(l.CY+l.EN, "{}") {
			t.Errorf("a PDF line leaves a placeholder: %q / %q", l.CY, l.EN)
		}
	}
	for _, c := range []struct {
		lang  dpcoop.Lang
		words []string
	}{
		{dpcoop.Welsh, []string{"Hydref 2026", "Gwynedd", "£241.50"}},
		{dpcoop.English, []string{"October 2026", "Gwynedd", "£241.50"}},
	} {
		st.Language = c.lang
		csv := string(StatementSheet(st).Bytes())
		if strings.ContainsAny(csv, "{}") {
			t.Errorf("%s spreadsheet leaves a placeholder:\n%s", c.lang, csv)
		}
		for _, w := range append(c.words, Text(c.lang, "statement.brought_forward", nil), Text(c.lang, "sourcename.payroll_charge", nil)) {
			if !strings.Contains(csv, w) {
				t.Errorf("%s spreadsheet does not say %q:\n%s", c.lang, w, csv)
			}
		}
	}
	st.Language = dpcoop.Welsh
	if cy := string(StatementSheet(st).Bytes()); strings.Contains(cy, "payroll_charge") || strings.Contains(cy, "October") {
		t.Errorf("the Welsh spreadsheet has English values:\n%s", cy)
	}
}
