package payslips

import (
	"math"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/sheet"
)

func TestPounds(t *testing.T) {
	for _, c := range []struct {
		pence      int64
		human, csv string
	}{
		{0, "£0.00", "0.00"},
		{5, "£0.05", "0.05"},
		{99, "£0.99", "0.99"},
		{100, "£1.00", "1.00"},
		{123456, "£1,234.56", "1234.56"},
		{100000000, "£1,000,000.00", "1000000.00"},
		{-15600, "-£156.00", "-156.00"},
		{-1, "-£0.01", "-0.01"},
		{math.MinInt64, "-£92,233,720,368,547,758.08", "-92233720368547758.08"},
	} {
		if got := pounds(c.pence); got != c.human {
			t.Errorf("pounds(%d) = %q, want %q", c.pence, got, c.human)
		}
		if got := sheet.Pounds(c.pence); got != c.csv {
			t.Errorf("sheet.Pounds(%d) = %q, want %q", c.pence, got, c.csv)
		}
	}
}

func TestHoursMilesAndMask(t *testing.T) {
	for m, want := range map[int64]string{0: "0:00", 45: "0:45", 60: "1:00", 7200: "120:00", 465: "7:45", 870: "14:30", -90: "-1:30"} {
		if got := hoursMinutes(m); got != want {
			t.Errorf("hoursMinutes(%d) = %q, want %q", m, got, want)
		}
	}
	for tenths, want := range map[int64]string{0: "0.0", 5: "0.5", 300: "30.0", 125: "12.5"} {
		if got := miles(tenths); got != want {
			t.Errorf("miles(%d) = %q, want %q", tenths, got, want)
		}
	}
	for ni, want := range map[string]string{
		"QQ123456C":     "•• •• •• 56 C",
		"qq 12 34 56 c": "•• •• •• 56 C",
		"":              "",
		"AB12":          "•B12",
		"X1":            "••",
	} {
		if got := maskNINumber(ni); got != want {
			t.Errorf("maskNINumber(%q) = %q, want %q", ni, got, want)
		}
	}
}

func TestBilingualOrder(t *testing.T) {
	if got := lblGross.both(dpcoop.Welsh); got != "Tâl gros / Gross pay" {
		t.Errorf("Welsh reader: %q", got)
	}
	for _, l := range []dpcoop.Lang{dpcoop.English, ""} {
		if got := lblGross.both(l); got != "Gross pay / Tâl gros" {
			t.Errorf("reader %q: %q", l, got)
		}
	}
	if got := monthName(date(2026, 5, 1)).both(dpcoop.Welsh); got != "Mai 2026 / May 2026" {
		t.Errorf("month name: %q", got)
	}
}

// allLabels is every fixed piece of payslip text, to check the fonts have
// a glyph for each character and both languages are filled in.
func allLabels(t *testing.T) []bi {
	l := []bi{
		lblTitle, lblEmployer, lblPAYERef, lblPA, lblPayrollNumber, lblPayDate, lblTaxYear, lblTaxMonth,
		lblTaxCode, lblNICategory, lblNINumber, lblPayments, lblDescription, lblQuantity, lblRate, lblAmount,
		lblMileage, lblRolledUp, lblGross, lblDeductions, lblIncomeTax, lblTaxRefund, lblEmployeeNI,
		lblEmployeePension, lblTotalDeductions, lblNetPay, lblEmployerCosts, lblEmployerCostsNote, lblEmployerNI,
		lblEmployerPension, lblEmployerCost, lblYearToDate, lblTaxablePay, lblHolidayAccrued, lblKeep, lblPage,
		lblOf, lblContinued, lblTotal, sickPayLabel(12325), accountEnding("5678"),
		lblSSP1Title, lblSSP1Intro, lblSSP1Reason, lblFirstSick, lblFirstSSP, lblLastSSP, lblWeeksPaid, lblSSP1IssueBy,
		lblKeepSSP1, lblSMP, lblSPP, lblSMPWeeks, lblSPPWeeks,
		lblSMP1Title, lblSMP1Intro, lblSMP1Reason, lblExpectedWeek, lblQualWeek, lblAWE, lblLEL, lblLatestStart, lblKeepSMP1,
		smp1Reasons[dpcoop.ReasonNotEmployed26Weeks], smp1Reasons[dpcoop.ReasonLeftBeforeQW], smp1Reasons[dpcoop.ReasonBelowLEL], lblSSPToDate, ssp1Reasons[dpcoop.SSP1MaximumReached], ssp1Reasons[dpcoop.SSP1EmploymentEnded],
	}
	for _, k := range kindLabels {
		l = append(l, k)
	}
	for _, r := range []Row{sian(t), dafydd(t)} {
		l = append(l, pensionNote(scheme.Relief, r.Slip.Result.Pension))
	}
	for m := 1; m <= 12; m++ {
		l = append(l, monthName(date(2026, time.Month(m), 1)))
	}
	l = append(l, journalHeading...)
	l = append(l, pensionHeading...)
	return append(l, bankHeading...)
}

func TestLabelsAreBilingualAndDrawable(t *testing.T) {
	d := &doc{}
	for _, b := range allLabels(t) {
		if b.cy == "" || b.en == "" || b.cy == b.en {
			t.Errorf("label %+v is not in both languages", b)
		}
		for _, s := range []string{b.cy, b.en} {
			if got := d.clean(s); got != s {
				t.Errorf("the fonts cannot draw all of %q (got %q)", s, got)
			}
		}
	}
	if got := d.clean("ŵŷâêîôûŴŶÂÊÎÔÛ£•"); got != "ŵŷâêîôûŴŶÂÊÎÔÛ£•" {
		t.Errorf("Welsh letters, £ or • are missing from the fonts: %q", got)
	}
	if got := d.clean("a\tb😀c中\x00"); got != "a b?c? " {
		t.Errorf("clean: %q", got)
	}
}
