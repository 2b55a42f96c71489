package dpcoop

import (
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

var weekdays = []string{"mon", "tue", "wed", "thu", "fri"}

func sickPA(start Date) PA {
	return PA{ID: "pa1", Status: PAActive, StartDate: start, LegalName: "Siân Prys", NINumber: "QQ123456C"}
}

func paidMonths(pay map[string]int64) []PayRecord {
	var out []PayRecord
	for m, p := range pay {
		out = append(out, PayRecord{Month: m, PayDate: DefaultPayrollSettings.PayDate(m), Earnings: p})
	}
	return out
}

func TestAverageWeeklyEarnings(t *testing.T) {
	s := DefaultPayrollSettings // paid on the 7th of the next month
	h := PayHistory{Paid: paidMonths(map[string]int64{"2026-04": 130000, "2026-05": 130000, "2026-06": 150000})}
	// Sick from 20 July 2026: the last normal payday before is 7 July; the
	// last at least 8 weeks before that is 7 May, so the relevant period is
	// 8 May to 7 July: £1,300 + £1,500 over 2 months. HMRC's monthly method
	// (SPM170300): £2,800 ÷ 2 × 12 ÷ 52 = £323.0769, so £323.07.
	got := h.AverageWeeklyEarnings(s, "2026-01-01", s.lastPayday("2026-07-20", false), 0)
	if got != (AWE{Pence: 32307, From: "2026-05-08", To: "2026-07-07", Paid: 280000, Months: 2, Basis: AWEMonthly}) {
		t.Errorf("monthly: %+v", got)
	}
	// A payday on the first day of sickness is not before it.
	if p := s.lastPayday("2026-07-07", false); p != "2026-06-07" {
		t.Errorf("last payday before 7 July: %s", p)
	}
	// SMP: on or before the qualifying week's Saturday counts.
	if p := s.lastPayday("2026-07-07", true); p != "2026-07-07" {
		t.Errorf("last payday on or before 7 July: %s", p)
	}
	// A new employee (started 15 June, paid once, £600 for June): the pay
	// over the 16 days it covered × 7 = £262.50 (SPM170600).
	h = PayHistory{Paid: paidMonths(map[string]int64{"2026-06": 60000})}
	got = h.AverageWeeklyEarnings(s, "2026-06-15", s.lastPayday("2026-07-20", false), 0)
	if got.Pence != 26250 || got.Days != 16 || got.Basis != AWENewEmployee {
		t.Errorf("new employee: %+v", got)
	}
	// Never paid: the contractual weekly pay.
	got = PayHistory{}.AverageWeeklyEarnings(s, "2026-07-01", s.lastPayday("2026-07-10", false), 25000)
	if got.Pence != 25000 || got.Basis != AWEContractual {
		t.Errorf("contractual: %+v", got)
	}
}

func absence(id string, first, last Date, fitNote Date) SicknessAbsence {
	return SicknessAbsence{ID: id, FirstDay: first, LastDay: last, QualifyingDays: weekdays, FitNoteReceived: fitNote}
}

func TestSSPPlanLinksAndLimits(t *testing.T) {
	s := DefaultPayrollSettings
	paid := paidMonths(map[string]int64{"2026-04": 130000, "2026-05": 130000, "2026-06": 130000})
	h := PayHistory{Paid: paid, Sickness: []SicknessAbsence{
		absence("c", "2026-11-16", "2026-11-18", ""),
		absence("a", "2026-07-20", "2026-07-24", ""),
		// 44 days after a ends: linked (8 weeks is 56 days).
		absence("b", "2026-09-07", "2026-09-09", ""),
	}}
	plan, err := h.SSPPlan(sickPA("2026-01-01"), s, "2026-12-31")
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != 2 || plan[0].FirstDay != "2026-07-20" || len(plan[0].Days) != 8 || plan[0].WeeksUsed != "1.600" || plan[1].FirstDay != "2026-11-16" {
		t.Fatalf("series: %+v", plan)
	}
	// Each spell is 7 days or fewer: self-certified, nothing withheld.
	for _, d := range plan[0].Days {
		if d.Withheld {
			t.Errorf("%s withheld", d.Day)
		}
	}

	// An open absence from Monday 20 July 2026 on a 5-day pattern uses the
	// 28 weeks (140 qualifying days) on Friday 29 January 2027.
	h = PayHistory{Paid: paid, Sickness: []SicknessAbsence{absence("long", "2026-07-20", "", "2026-07-27")}}
	plan, err = h.SSPPlan(sickPA("2026-01-01"), s, "2027-03-31")
	if err != nil {
		t.Fatal(err)
	}
	if len(plan[0].Days) != 140 || plan[0].ExhaustedAfter != "2027-01-29" || plan[0].WeeksUsed != "28.000" {
		t.Errorf("28 weeks: %d days, exhausted after %s, %s weeks", len(plan[0].Days), plan[0].ExhaustedAfter, plan[0].WeeksUsed)
	}
	f, ok, err := h.SSP1(sickPA("2026-01-01"), s, "2026-12-20")
	// The 23rd week of SSP starts on 21 December 2026: not due the day before.
	if err != nil || ok {
		t.Errorf("SSP1 before week 23: %+v %v %v", f, ok, err)
	}
	f, ok, err = h.SSP1(sickPA("2026-01-01"), s, "2026-12-21")
	if err != nil || !ok || f.Reason != SSP1MaximumReached || f.LastSSPDay != "2027-01-29" || f.IssueBy != "2026-12-21" || f.FirstDaySick != "2026-07-20" {
		t.Errorf("SSP1 in week 23: %+v %v %v", f, ok, err)
	}
}

func TestSSPDueWithholdsWithoutFitNote(t *testing.T) {
	s := DefaultPayrollSettings
	paid := paidMonths(map[string]int64{"2026-04": 130000, "2026-05": 130000, "2026-06": 130000})
	h := PayHistory{Paid: paid, Sickness: []SicknessAbsence{absence("a", "2026-07-20", "", "")}}
	due, err := h.SSPDue(sickPA("2026-01-01"), s, "2026-07", "2026-07-31")
	if err != nil {
		t.Fatal(err)
	}
	// Days 1 to 7 (20 to 24 July) are self-certified; 27 to 31 July wait
	// for a fit note.
	if len(due.Days) != 5 || due.Withheld != 5 || len(due.Parts) != 1 || due.Parts[0].SickQualifyingDays != 5 || due.Parts[0].QualifyingDaysPerWeek != 5 {
		t.Fatalf("July without a fit note: %+v", due)
	}
	// July is paid; the fit note comes in; August pays the withheld days too.
	h.Paid = append(h.Paid, PayRecord{Month: "2026-07", PayDate: "2026-08-07", SSPDays: due.Days})
	h.Sickness[0].FitNoteReceived = "2026-08-03"
	h.Sickness[0].LastDay = "2026-08-07"
	due, err = h.SSPDue(sickPA("2026-01-01"), s, "2026-08", "2026-08-31")
	if err != nil {
		t.Fatal(err)
	}
	if len(due.Days) != 10 || due.Withheld != 0 || due.Days[0] != "2026-07-27" {
		t.Fatalf("August: %+v", due)
	}
	sp, err := payroll.Calculate(payroll.Input{PayDate: time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC), PeriodStart: time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC),
		Frequency: payroll.Monthly, DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sickness: due.Parts,
		TaxCode: mustTaxCode(t, "1257L"), NICategory: payroll.CategoryA, Holiday: payroll.HolidayAccrued})
	if err != nil {
		t.Fatal(err)
	}
	// Two weeks at £123.25.
	if sp.SickPay.Amount != 24650 {
		t.Errorf("August SSP %d", sp.SickPay.Amount)
	}
	// Paid days cannot be taken back by shortening the absence.
	short := h.Sickness[0]
	short.LastDay = "2026-07-21"
	if err := h.CheckSickness(sickPA("2026-01-01"), short); err == nil {
		t.Error("an absence was cut short of days already paid")
	}
}

func mustTaxCode(t *testing.T, s string) payroll.TaxCode {
	t.Helper()
	c, err := payroll.ParseTaxCode(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSicknessValidate(t *testing.T) {
	at := time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC)
	_, err := SicknessInput{FirstDay: "2026-03-30", QualifyingDays: []string{"mon", "mon", "xyz"}, LastDay: "2026-03-01"}.Validate("u", at)
	fields := map[string]bool{}
	if e, ok := err.(*Error); ok {
		for _, f := range e.Fields {
			fields[f.Field+":"+f.Code] = true
		}
	}
	for _, want := range []string{"first_day:" + FieldDateTooEarly, "qualifying_days:" + FieldRepeated, "qualifying_days:" + FieldChoice, "last_day:" + FieldEndBeforeStart} {
		if !fields[want] {
			t.Errorf("missing %s in %v", want, err)
		}
	}
	a, err := SicknessInput{FirstDay: "2026-07-20", QualifyingDays: []string{"Mon", "wed"}}.Validate("u", at)
	if err != nil || !a.FitNoteNeeded() || len(a.QualifyingDays) != 2 {
		t.Errorf("open absence: %+v %v", a, err)
	}
}

func TestSMPEntitlementAndRecovery(t *testing.T) {
	s := DefaultPayrollSettings
	// Due 6 December 2026 (a Sunday): EWC starts 6 December, the
	// qualifying week 23 August 2026 (15 weeks before), and 26 weeks into
	// it means starting by Saturday 7 March 2026.
	n, err := ParentalNoticeInput{Kind: "smp", DueDate: "2026-12-06", StartDate: "2026-11-22"}.Validate("u", time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	h := PayHistory{Paid: paidMonths(map[string]int64{"2026-06": 130000, "2026-07": 130000}), Parental: []ParentalNotice{n}}
	e, err := h.Entitlement(sickPA("2026-03-07"), s, n)
	if err != nil || !e.Due || e.QualifyingWeek != "2026-08-23" || e.LatestStart != "2026-03-07" || e.AWE.Pence != 30000 || len(e.Weeks) != 39 {
		t.Fatalf("SMP entitlement: %+v %v", e, err)
	}
	if e, _ := h.Entitlement(sickPA("2026-03-08"), s, n); e.Due || e.Reason != ReasonNotEmployed26Weeks {
		t.Errorf("started a day late: %+v", e)
	}
	low := PayHistory{Paid: paidMonths(map[string]int64{"2026-06": 55000, "2026-07": 55000})}
	if e, _ := low.Entitlement(sickPA("2026-01-01"), s, n); e.Due || e.Reason != ReasonBelowLEL {
		t.Errorf("£126.92 a week is under the £129 LEL: %+v", e)
	}
	// November's run pays the week of 22 to 28 November (week 1, 90 % of
	// £300 = £270); the week from 29 November ends in December.
	weeks, err := h.ParentalDue(sickPA("2026-01-01"), s, "2026-11", "2026-11-30")
	if err != nil || len(weeks) != 1 || weeks[0].Number != 1 || weeks[0].AverageWeeklyEarnings != 30000 {
		t.Fatalf("November SMP: %+v %v", weeks, err)
	}
	runs := []Run{
		{Month: "2026-12", PayDate: "2027-01-07", Status: RunFinal, Totals: RunTotals{SMP: 116432}},
		{Month: "2026-11", PayDate: "2026-12-07", Status: RunFinal, Totals: RunTotals{SMP: 27000}},
	}
	rec, err := StatutoryRecovery(runs, 5000000)
	if err != nil || len(rec) != 2 || rec[0].TaxMonth != 9 || rec[1].SMPToDate != 143432 || rec[1].ToDate.SMPRecovered != 131957 {
		t.Errorf("recovery: %+v %v", rec, err)
	}
}
