package apigw_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// work records and approves a day's shift of the team's PA for member.
func (tm *team) work(member, date, start, end string) {
	tm.t.Helper()
	var s dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":%q,"start":%q,"end":%q,"members":[%q]}`, date, start, end, member)), 201).into(tm.t, &s)
	tm.ok(tm.act(s.ID, "submit", tm.pa, "[pa]", ""), 200)
	tm.ok(tm.act(s.ID, "approve", adminID, "[admin]", ""), 200)
}

// slipOf is the team PA's payslip in a month's run.
// paySummer pays the PA ten 8-hour days for Gwen in each of July and August
// 2026 (£1,076 a month), the earnings SMP's average is worked from.
func (tm *team) paySummer() {
	tm.t.Helper()
	for _, month := range []string{"2026-07", "2026-08"} {
		for _, day := range []string{"06", "07", "08", "09", "10", "13", "14", "15", "16", "17"} {
			tm.work(tm.gwen, month+"-"+day, "09:00", "17:00")
		}
		tm.runMonth(month)
		tm.finalise(month, 200)
	}
}

func (tm *team) slipOf(month string) dpcoop.Payslip {
	tm.t.Helper()
	var out struct{ Items []dpcoop.Payslip }
	tm.ok(tm.admin("GET", "/v1/payroll/runs/{month}/payslips", map[string]string{"month": month}, ""), 200).into(tm.t, &out)
	for _, s := range out.Items {
		if s.PA == tm.pa {
			return s
		}
	}
	tm.t.Fatalf("no payslip for %s in %s", tm.pa, month)
	return dpcoop.Payslip{}
}

// TestSicknessAcrossAMonthPaidInTwoRuns: Catrin worked in August and
// September (5 hours for Gwen for every 2 for Rhys), then was off sick from
// Wednesday 28 October to Tuesday 10 November, and again on 16 and 17
// November (linked). October's run pays 3 days of SSP though she did no
// work, charged to Gwen and Rhys 5:2; November's the rest, never October's
// days again.
func TestSicknessAcrossAMonthPaidInTwoRuns(t *testing.T) {
	tm := newTeam(t)
	id := map[string]string{"id": tm.pa}
	for _, month := range []string{"2026-08", "2026-09"} {
		for _, day := range []string{"10", "11", "12", "13", "14"} {
			tm.work(tm.gwen, month+"-"+day, "09:00", "14:00")
			tm.work(tm.rhys, month+"-"+day, "15:00", "17:00")
		}
		tm.runMonth(month)
		tm.finalise(month, 200)
	}
	if p := problemOf(t, tm.call(tm.admin("POST", "/v1/pas/{id}/sickness", id, `{"first_day":"2026-03-30","qualifying_days":["mon","funday"]}`), true)); fields(p)["first_day"] != dpcoop.FieldDateTooEarly || fields(p)["qualifying_days"] != dpcoop.FieldChoice {
		t.Fatalf("bad sickness: %+v", p)
	}
	// Catrin records it herself, still off; a repeat is the same absence.
	self := withHeader(as(tm.admin("POST", "/v1/pas/{id}/sickness", id, `{"first_day":"2026-10-28","qualifying_days":["mon","tue","wed","thu","fri"]}`), "demo", tm.pa, "[pa]"), "idempotency-key", "sick-1")
	var view struct {
		Absences []struct {
			ID            string `json:"id"`
			FitNoteNeeded bool   `json:"fit_note_needed"`
			EvidenceIn    bool   `json:"evidence_in"`
		}
		SSP []dpcoop.SSPSeries
	}
	tm.ok(self, 201).into(t, &view)
	if r := tm.call(self, true); r.StatusCode != 201 || r.Headers["idempotent-replayed"] != "true" {
		t.Fatalf("a repeat was not a replay: %d %+v", r.StatusCode, r.Headers)
	}
	if len(view.Absences) != 1 || !view.Absences[0].FitNoteNeeded || view.Absences[0].EvidenceIn {
		t.Fatalf("open absence: %+v", view)
	}
	// Another PA's absence is not Gwen's to record.
	if r := tm.call(as(tm.admin("POST", "/v1/pas/{id}/sickness", id, `{"first_day":"2026-10-28","qualifying_days":["mon"]}`), "demo", tm.gwen, "[member]"), true); r.StatusCode != 403 && r.StatusCode != 404 {
		t.Fatalf("a member recorded a PA's sickness: %d", r.StatusCode)
	}
	// AWE: £470.75 paid on 7 September and on 7 October (the relevant
	// period is 8 August to 7 October): £941.50 × 12 ÷ 52 ÷ 2 = £108.6346,
	// so £108.63; 80 % of it, £86.91 a week, is under £123.25.
	if len(view.SSP) != 1 || view.SSP[0].AWE.Pence != 10863 || view.SSP[0].AWE.Months != 2 || view.SSP[0].AWE.From != "2026-08-08" {
		t.Fatalf("SSP plan: %+v", view.SSP)
	}

	tm.runMonth("2026-10")
	oct := tm.slipOf("2026-10")
	// 28, 29, 30 October: 86.91 × 3 ÷ 5 = 52.146, so 52.15.
	if oct.Result.SickPay.Amount != 5215 || oct.Result.SickPay.WeeklyRate != 8691 || oct.Result.SickPay.PaidDays != 3 || oct.Result.Gross != 5215 || oct.Result.YearToDate.SSP != 5215 {
		t.Fatalf("October: %+v", oct.Result)
	}
	var run dpcoop.Run
	tm.ok(tm.admin("GET", "/v1/payroll/runs/{month}", map[string]string{"month": "2026-10"}, ""), 200).into(t, &run)
	charged := map[string]int64{}
	for _, c := range run.Charges {
		for _, p := range c.Parts {
			charged[c.Member] += p.StatutoryPay
		}
	}
	// 5:2 by minutes in the 12 weeks before: 37.25 and 14.90.
	if charged[tm.gwen] != 3725 || charged[tm.rhys] != 1490 || run.Totals.SSP != 5215 || run.Totals.Charged != 5215+run.Totals.EmployerNI+run.Totals.HolidayAccrual {
		t.Fatalf("charges %+v, totals %+v", charged, run.Totals)
	}
	tm.finalise("2026-10", 200)

	// Back on 11 November, with a fit note from 3 November; off again on
	// 16 and 17 November, 5 days later: linked.
	aid := view.Absences[0].ID
	tm.ok(as(tm.admin("PUT", "/v1/pas/{id}/sickness/{absence}", map[string]string{"id": tm.pa, "absence": aid},
		`{"first_day":"2026-10-28","last_day":"2026-11-10","qualifying_days":["mon","tue","wed","thu","fri"],"fit_note_received":"2026-11-03"}`), "demo", tm.pa, "[pa]"), 200)
	if p := problemOf(t, tm.call(tm.admin("PUT", "/v1/pas/{id}/sickness/{absence}", map[string]string{"id": tm.pa, "absence": aid},
		`{"first_day":"2026-10-29","last_day":"2026-11-10","qualifying_days":["mon","tue","wed","thu","fri"],"fit_note_received":"2026-11-03"}`), true)); fields(p)["last_day"] != dpcoop.FieldSSPAlreadyPaid {
		t.Fatalf("cut off a paid day: %+v", p)
	}
	tm.ok(withHeader(tm.admin("POST", "/v1/pas/{id}/sickness", id, `{"first_day":"2026-11-16","last_day":"2026-11-17","qualifying_days":["mon","tue","wed","thu","fri"]}`), "idempotency-key", "sick-2"), 201).into(t, &view)
	if len(view.SSP) != 1 || len(view.SSP[0].Days) != 12 || view.SSP[0].WeeksUsed != "2.400" {
		t.Fatalf("linked: %+v", view.SSP)
	}
	tm.now = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	for range 2 { // a second calculation pays the same
		tm.runMonth("2026-11")
	}
	nov := tm.slipOf("2026-11")
	// 2 to 6, 9, 10, 16, 17 November: 86.91 + 86.91 × 4 ÷ 5 (69.528, so
	// 69.53) = 156.44; to date 208.59.
	if nov.Result.SickPay.Amount != 15644 || nov.Result.SickPay.PaidDays != 9 || nov.Result.YearToDate.SSP != 20859 || len(nov.Statutory.SSPDays) != 9 || nov.Statutory.SSPDays[0] != "2026-11-02" {
		t.Fatalf("November: %+v %+v", nov.Result.SickPay, nov.Statutory)
	}
	pdf := tm.ok(withHeader(as(at(fixture(t, "register-csv.json"), "GET", "/v1/payslips/{month}", map[string]string{"month": "2026-10"}, nil), "demo", tm.pa, "[pa]"), "accept", "application/pdf"), 200)
	if !strings.HasPrefix(pdf.body, "%PDF") && !strings.HasPrefix(pdf.body, "JVBER") {
		t.Fatalf("payslip not a PDF: %.20q", pdf.body)
	}
	// No SSP1: SSP is not ending.
	if p := problemOf(t, tm.call(tm.admin("GET", "/v1/pas/{id}/ssp1", id, ""), true)); p.Code != dpcoop.CodeNoSSP1 {
		t.Fatalf("SSP1: %+v", p)
	}
}

// TestSSP1ForTheTwentyEighthWeek: sick since Monday 1 June 2026 and not
// expected back, a PA reaches the 23rd week of SSP on 2 November; the SSP1
// says SSP ends on Friday 11 December, after 28 weeks.
func TestSSP1ForTheTwentyEighthWeek(t *testing.T) {
	tm := newTeam(t)
	id := map[string]string{"id": tm.pa}
	tm.ok(tm.admin("POST", "/v1/pas/{id}/sickness", id, `{"first_day":"2026-06-01","qualifying_days":["mon","tue","wed","thu","fri"],"fit_note_received":"2026-06-05","contractual_weekly_pay_pence":30000}`), 201)
	var f dpcoop.SSP1
	tm.ok(as(tm.admin("GET", "/v1/pas/{id}/ssp1", id, ""), "demo", tm.pa, "[pa]"), 200).into(t, &f)
	if f.Reason != dpcoop.SSP1MaximumReached || f.FirstSSPDay != "2026-06-01" || f.LastSSPDay != "2026-12-11" || f.WeeksPaid != "28.000" || f.IssueBy != "2026-11-02" || f.Name != "Catrin Jones" {
		t.Fatalf("SSP1 %+v", f)
	}
	pdf := tm.ok(withHeader(tm.admin("GET", "/v1/pas/{id}/ssp1", id, ""), "accept", "application/pdf"), 200)
	if !strings.HasPrefix(pdf.body, "%PDF") && !strings.HasPrefix(pdf.body, "JVBER") {
		t.Fatalf("SSP1 not a PDF: %.20q", pdf.body)
	}
}

// TestSMPOverMonthsWithRecovery: Catrin, employed from 6 April 2026, is due
// on Sunday 10 January 2027: her qualifying week starts on 27 September,
// the 26th week of her employment. She earned £1,076 in each of July and
// August (paid 7 August and 7 September, the relevant period), so her AWE is
// £2,152 × 12 ÷ 52 ÷ 2 = £248.3077 (£248.30) and 90 % of it £223.47. SMP
// from Sunday 25 October pays £223.47 for 6 weeks, then £194.32, a week at a
// time in the month it ends; the co-op (a small employer) recovers 108.5 %.
func TestSMPOverMonthsWithRecovery(t *testing.T) {
	tm := newTeam(t)
	id := map[string]string{"id": tm.pa}
	tm.paySummer()
	var hist dpcoop.PayHistory
	tm.ok(withHeader(tm.admin("POST", "/v1/pas/{id}/parental-pay", id, `{"kind":"smp","due_date":"2027-01-10","start_date":"2026-10-25"}`), "idempotency-key", "smp-1"), 201).into(t, &hist)
	var list struct {
		Notices []struct{ Entitlement dpcoop.ParentalEntitlement }
	}
	tm.ok(as(tm.admin("GET", "/v1/pas/{id}/parental-pay", id, ""), "demo", tm.pa, "[pa]"), 200).into(t, &list)
	if e := list.Notices[0].Entitlement; len(list.Notices) != 1 || !e.Due || e.QualifyingWeek != "2026-09-27" || e.AWE.Pence != 24830 || e.LowerEarningsLimit != 12900 || len(e.Weeks) != 39 {
		t.Fatalf("entitlement %+v", list)
	}
	want := map[string]int64{
		"2026-10": 22347,           // week 1
		"2026-11": 4 * 22347,       // weeks 2 to 5
		"2026-12": 22347 + 3*19432, // week 6, then 7 to 9 at the standard rate
	}
	var runs []dpcoop.Run
	for _, month := range []string{"2026-10", "2026-11", "2026-12"} {
		tm.now = dpcoop.Date(dpcoop.NextMonth(month) + "-03").Time().Add(10 * time.Hour)
		tm.runMonth(month)
		if s := tm.slipOf(month); s.Result.ParentalPay.SMP != want[month] || s.Result.Gross != want[month] {
			t.Fatalf("%s: SMP %+v", month, s.Result.ParentalPay)
		}
		tm.finalise(month, 200)
		var run dpcoop.Run
		tm.ok(tm.admin("GET", "/v1/payroll/runs/{month}", map[string]string{"month": month}, ""), 200).into(t, &run)
		runs = append(runs, run)
	}
	if s := tm.slipOf("2026-12"); s.Result.YearToDate.SMP != 192378 || s.Result.ParentalPay.SMPWeeks != 4 {
		t.Fatalf("December to date %+v", s.Result)
	}
	rec, err := dpcoop.StatutoryRecovery(runs, 0)
	if err != nil || len(rec) != 3 || rec[2].TaxMonth != 10 || rec[2].SMPToDate != 192378 || rec[2].ToDate.SMPRecovered != 192378 || rec[2].ToDate.NICCompensationOnSMP != 16352 {
		t.Fatalf("recovery %+v %v", rec, err)
	}
	// A notice whose qualifying week falls in 2027-28, whose lower earnings
	// limit is not published: refused by name, not guessed.
	tm.ok(tm.admin("POST", "/v1/pas/{id}/parental-pay", id, `{"kind":"spp","due_date":"2027-09-05","weeks":["2027-09-05"]}`), 201)
	if p := problemOf(t, tm.call(tm.admin("GET", "/v1/pas/{id}/parental-pay", id, ""), true)); p.Code != dpcoop.CodeFigureNotPublished || !strings.Contains(fmt.Sprint(p), "ni_lel_2027_28") {
		t.Fatalf("2027-28 LEL: %+v", p)
	}
	// Without small employers' relief: 92 %.
	if rec, _ := dpcoop.StatutoryRecovery(runs, 4500001); rec[2].ToDate.SMPRecovered != 176988 {
		t.Fatalf("92 %%: %+v", rec[2])
	}
}

// TestSMP1WhenNotEmployed26Weeks: Catrin started on 6 April 2026; due on
// Sunday 6 December 2026, her qualifying week starts on 23 August and she
// would have had to start by Saturday 7 March: no SMP, and an SMP1 saying
// why, for her to claim Maternity Allowance.
func TestSMP1WhenNotEmployed26Weeks(t *testing.T) {
	tm := newTeam(t)
	id := map[string]string{"id": tm.pa}
	var hist dpcoop.PayHistory
	tm.ok(tm.admin("POST", "/v1/pas/{id}/parental-pay", id, `{"kind":"smp","due_date":"2026-12-06","start_date":"2026-11-22"}`), 201).into(t, &hist)
	notice := map[string]string{"id": tm.pa, "notice": hist.Parental[0].ID}
	var f dpcoop.SMP1
	tm.ok(as(tm.admin("GET", "/v1/pas/{id}/parental-pay/{notice}/smp1", notice, ""), "demo", tm.pa, "[pa]"), 200).into(t, &f)
	if f.Reason != dpcoop.ReasonNotEmployed26Weeks || f.QualifyingWeek != "2026-08-23" || f.LatestStart != "2026-03-07" || f.ExpectedWeek != "2026-12-06" || f.LowerEarningsLimit != 12900 {
		t.Fatalf("SMP1 %+v", f)
	}
	pdf := tm.ok(withHeader(tm.admin("GET", "/v1/pas/{id}/parental-pay/{notice}/smp1", notice, ""), "accept", "application/pdf"), 200)
	if !strings.HasPrefix(pdf.body, "%PDF") && !strings.HasPrefix(pdf.body, "JVBER") {
		t.Fatalf("SMP1 not a PDF: %.20q", pdf.body)
	}
	// November's run pays no SMP.
	tm.runMonth("2026-11")
	var run dpcoop.Run
	tm.ok(tm.admin("GET", "/v1/payroll/runs/{month}", map[string]string{"month": "2026-11"}, ""), 200).into(t, &run)
	if run.Totals.SMP != 0 || run.Totals.Payslips != 0 {
		t.Fatalf("November %+v", run.Totals)
	}
}
