package apigw_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// runAttempt runs a month's payroll steps as the state machine would, as the
// given attempt (a recalculation is a later attempt).
func (tm *team) runAttempt(month string, attempt int) {
	tm.t.Helper()
	r := &payrun.Runner{Store: tm.store, Pools: tm.store, Now: func() time.Time { return tm.now }}
	job := payrun.Job{Coop: "demo", Month: month, Attempt: attempt, Execution: fmt.Sprint("test-", attempt)}
	started, err := r.Start(tm.t.Context(), job)
	if err != nil {
		tm.t.Fatal(err)
	}
	for _, n := range started.Batches {
		if _, err := r.CalculateBatch(tm.t.Context(), job, n); err != nil {
			tm.t.Fatal(err)
		}
	}
	if _, err := r.Post(tm.t.Context(), job); err != nil {
		tm.t.Fatal(err)
	}
}

// pensionSettings sets the co-op's scheme and pension choices on top of the
// settings it has.
func (tm *team) pensionSettings(extra map[string]any) {
	tm.t.Helper()
	var s map[string]any
	tm.ok(tm.admin("GET", "/v1/payroll/settings", nil, ""), 200).into(tm.t, &s)
	for k, v := range extra {
		s[k] = v
	}
	b, _ := json.Marshal(s)
	tm.ok(tm.admin("PUT", "/v1/payroll/settings", nil, string(b)), 200)
}

// sixLongDays are six 12-hour days at £13.45: £968.40, above the monthly
// earnings trigger (£833.00), so a PA aged 22 to state pension age is an
// eligible jobholder that month.
func (tm *team) sixLongDays(member, month string) {
	tm.t.Helper()
	for d := 2; d <= 7; d++ {
		tm.approvedShift(member, fmt.Sprintf("%s-%02d", month, d), "09:00", "21:00")
	}
}

func (tm *team) finalise(month string, status int) events200 {
	tm.t.Helper()
	return tm.ok(tm.admin("POST", "/v1/payroll/runs/{month}/finalise", map[string]string{"month": month}, ""), status)
}

type pensionState struct {
	Position dpcoop.PensionPosition `json:"position"`
	Events   []dpcoop.PensionEvent  `json:"events"`
}

func (tm *team) pensionOf(pa string) pensionState {
	tm.t.Helper()
	var s pensionState
	tm.ok(tm.admin("GET", "/v1/pas/{id}/pension", map[string]string{"id": pa}, ""), 200).into(tm.t, &s)
	return s
}

func (tm *team) payslipOf(pa, month string) dpcoop.Payslip {
	tm.t.Helper()
	var slips struct{ Items []dpcoop.Payslip }
	tm.ok(tm.admin("GET", "/v1/payroll/runs/{month}/payslips", map[string]string{"month": month}, ""), 200).into(tm.t, &slips)
	for _, s := range slips.Items {
		if s.PA == pa {
			return s
		}
	}
	tm.t.Fatalf("no payslip of %s in %s: %+v", pa, month, slips)
	return dpcoop.Payslip{}
}

// TestEligibleJobholderIsEnrolledAndMayOptOut follows Catrin (38) through
// automatic enrolment: a run that cannot enrol her (no scheme named) is
// blocked; once the scheme is named she is enrolled from the start of the
// pay reference period in which she first earns above the trigger, with
// contributions off that month's pay and one enrolment letter; her opt-out
// within the month refunds them in the next pay; she opts back in, and a
// late opt-out is refused (she ceases instead).
func TestEligibleJobholderIsEnrolledAndMayOptOut(t *testing.T) {
	tm := newTeam(t)
	tm.now = time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	tm.sixLongDays(tm.gwen, "2026-10")
	tm.pensionSettings(map[string]any{"pension_duties_start": "2026-04-06"})

	tm.runAttempt("2026-10", 1)
	var run struct {
		Problems []struct {
			Code     string
			PA       string `json:"pa_id"`
			Blocking bool
			Message  string
		}
	}
	tm.ok(withHeader(tm.admin("GET", "/v1/payroll/runs/{month}", map[string]string{"month": "2026-10"}, ""), "accept-language", "cy"), 200).into(t, &run)
	if len(run.Problems) != 1 || run.Problems[0].Code != "auto_enrolment_due" || !run.Problems[0].Blocking || !strings.Contains(run.Problems[0].Message, "pension_scheme_name") {
		t.Fatalf("an eligible jobholder the run could not enrol: %+v", run)
	}
	if p := problemOf(t, tm.call(tm.admin("POST", "/v1/payroll/runs/{month}/finalise", map[string]string{"month": "2026-10"}, ""), true)); p.Code != dpcoop.CodeRunBlocked {
		t.Fatalf("finalised with an eligible jobholder not enrolled: %+v", p)
	}

	tm.pensionSettings(map[string]any{"pension_scheme_name": "NEST", "nest_employer_reference": "EMP123456789", "nest_payment_source": "Cyflogres"})
	tm.runAttempt("2026-10", 2)
	// Hand-worked: earnings 6 × 12 h × £13.45 = £968.40; qualifying earnings
	// £968.40 − £520.00 = £448.40; employee 5 % = £22.42 gross, of which 20 %
	// (£4.48, rounded down) is relief at source, so £17.94 is deducted; the
	// co-op pays 3 % = £13.452, rounded up to £13.46.
	oct := tm.payslipOf(tm.pa, "2026-10")
	c := oct.Result.Pension
	if oct.PensionStatus != "enrolled" || oct.Result.Earnings != 96840 || c.QualifyingEarnings != 44840 || c.EmployeeGross != 2242 ||
		c.TaxRelief != 448 || c.EmployeeDeduction != 1794 || c.Employer != 1346 || len(oct.Checks) != 0 {
		t.Fatalf("October payslip: %s %+v %v", oct.PensionStatus, c, oct.Checks)
	}
	if len(oct.PensionEvents) != 1 || oct.PensionEvents[0].Kind != dpcoop.PensionEventEnrolled || oct.PensionEvents[0].Date != "2026-10-01" {
		t.Fatalf("October's events: %+v", oct.PensionEvents)
	}
	if got := tm.pensionOf(tm.pa); got.Position.Member || len(got.Events) != 0 {
		t.Fatalf("a preview changed her history: %+v", got)
	}
	tm.finalise("2026-10", 200)
	tm.finalise("2026-10", 200) // again: nothing more
	st := tm.pensionOf(tm.pa)
	if !st.Position.Member || st.Position.Since != "2026-10-01" || st.Position.OptOutUntil != "2026-12-03" || len(st.Events) != 1 {
		t.Fatalf("after October: %+v", st)
	}

	var letters struct{ Items []dpcoop.PensionLetter }
	tm.ok(tm.admin("GET", "/v1/pas/{id}/pension/letters", map[string]string{"id": tm.pa}, ""), 200).into(t, &letters)
	if len(letters.Items) != 1 || letters.Items[0].Kind != dpcoop.LetterEnrolment || letters.Items[0].Issued != "2026-11-03" ||
		letters.Items[0].EnrolmentDate != "2026-10-01" || letters.Items[0].OptOutUntil != "2026-12-03" || letters.Items[0].Scheme != "NEST" {
		t.Fatalf("letters: %+v", letters)
	}
	letterID := letters.Items[0].ID
	own := as(at(fixture(t, "register-csv.json"), "GET", "/v1/pas/{id}/pension/letters/{letter}", map[string]string{"id": tm.pa, "letter": letterID}, nil), "demo", tm.pa, "[pa]")
	var text struct {
		Kind string
		Text struct {
			CY []string `json:"cy"`
			EN []string `json:"en"`
		}
	}
	tm.ok(own, 200).into(t, &text)
	if text.Kind != "enrolment" || !strings.Contains(strings.Join(text.Text.CY, " "), "03/12/2026") || !strings.Contains(strings.Join(text.Text.EN, " "), "opt out") {
		t.Fatalf("the letter's text: %+v", text)
	}
	pdf := tm.call(withHeader(own, "accept", "application/pdf"), true)
	if pdf.StatusCode != 200 || pdf.Headers["content-type"] != "application/pdf" {
		t.Fatalf("letter PDF: %d %v", pdf.StatusCode, pdf.Headers)
	}

	nest := tm.call(tm.admin("GET", "/v1/payroll/runs/{month}/reports/{report}", map[string]string{"month": "2026-10", "report": "nest"}, ""), true)
	wantNEST := "H,EMP123456789,CS,2026-10-31,Cyflogres,2026-11-07,Monthly,,,2026-10-01,1\r\nD,AB123456C,,448.40,13.46,17.94,,,\r\nT,1\r\n"
	if nest.StatusCode != 200 || nest.Body != wantNEST {
		t.Fatalf("NEST schedule %d:\n%q\nwant\n%q", nest.StatusCode, nest.Body, wantNEST)
	}
	generic := tm.call(withHeader(tm.admin("GET", "/v1/payroll/runs/{month}/reports/{report}", map[string]string{"month": "2026-10", "report": "pensions"}, ""), "accept-language", "cy"), true)
	if generic.StatusCode != 200 || !strings.Contains(generic.Body, "AB123456C,"+tm.pa+",Catrin Jones,2026-10,2026-11-07,wedi ymrestru,deiliad swydd cymwys,968.40,448.40,13.46,22.42,4.48,17.94,rhyddhad wrth y ffynhonnell") ||
		!strings.HasPrefix(generic.Body, "\uFEFFRhif YG") {
		t.Fatalf("pension schedule:\n%s", generic.Body)
	}

	// She opts out herself within the month; the same request again records
	// nothing more.
	tm.now = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	optOut := withHeader(as(at(fixture(t, "approve-application.json"), "POST", "/v1/pas/{id}/pension/opt-out", map[string]string{"id": tm.pa}, nil), "demo", tm.pa, "[pa]"), "idempotency-key", "catrin-opts-out")
	optOut.Body = ""
	tm.ok(optOut, 201)
	if resp := tm.call(optOut, true); resp.StatusCode != 201 || resp.Headers["idempotent-replayed"] != "true" {
		t.Fatalf("a repeated opt-out: %d %v", resp.StatusCode, resp.Headers)
	}
	if st := tm.pensionOf(tm.pa); st.Position.Member || st.Position.RefundFrom != "2026-10-01" || len(st.Events) != 2 {
		t.Fatalf("after opting out: %+v", st)
	}

	// November: no contributions, October's £17.94 back with the net pay.
	tm.now = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	tm.sixLongDays(tm.gwen, "2026-11")
	tm.runAttempt("2026-11", 1)
	nov := tm.payslipOf(tm.pa, "2026-11")
	r := nov.Result
	if nov.PensionStatus != "opted_out" || r.Pension.EmployeeDeduction != 0 || r.Pension.Employer != 0 || r.PensionRefund != 1794 ||
		r.NetPay != r.Gross-r.Tax-r.NI.Employee+1794 || r.TaxablePay != r.Earnings {
		t.Fatalf("November payslip: %s %+v", nov.PensionStatus, r)
	}
	var novRun dpcoop.Run
	tm.ok(tm.admin("GET", "/v1/payroll/runs/{month}", map[string]string{"month": "2026-11"}, ""), 200).into(t, &novRun)
	if l := dpcoop.RunLiabilities(novRun); novRun.Totals.PensionRefund != 1794 || l.Pension != -1794 {
		t.Fatalf("November's totals: %+v, owed to the scheme %d", novRun.Totals, l.Pension)
	}
	tm.finalise("2026-11", 200)
	if st := tm.pensionOf(tm.pa); st.Position.RefundFrom != "" || st.Events[len(st.Events)-1].Kind != dpcoop.PensionEventRefunded || st.Events[len(st.Events)-1].Refund != 1794 {
		t.Fatalf("after the refund: %+v", st)
	}
	// December: no second refund, and no enrolment after a valid opt-out.
	tm.now = time.Date(2027, 1, 4, 10, 0, 0, 0, time.UTC)
	tm.sixLongDays(tm.gwen, "2026-12")
	tm.runAttempt("2026-12", 1)
	if dec := tm.payslipOf(tm.pa, "2026-12"); dec.Result.PensionRefund != 0 || dec.PensionStatus != "opted_out" || len(dec.Checks) != 0 {
		t.Fatalf("December payslip: %+v", dec)
	}
	tm.finalise("2026-12", 200)

	// She opts back in: a member from the next pay reference period.
	optIn := as(at(fixture(t, "approve-application.json"), "POST", "/v1/pas/{id}/pension/opt-in", map[string]string{"id": tm.pa}, nil), "demo", tm.pa, "[pa]")
	optIn.Body = ""
	var in pensionState
	tm.ok(optIn, 201).into(t, &in)
	last := in.Events[len(in.Events)-1]
	if last.Kind != dpcoop.PensionEventOptedIn || last.Date != "2027-02-01" || last.Letter == nil || last.Letter.Kind != dpcoop.LetterMembership || last.Letter.OptOutUntil != "2027-03-01" {
		t.Fatalf("opt-in: %+v", in)
	}
	if resp := tm.call(optIn, true); resp.StatusCode != 201 || resp.Headers["idempotent-replayed"] != "true" {
		t.Fatalf("the same opt-in again: %d %v", resp.StatusCode, resp.Headers)
	}
	tm.now = tm.now.AddDate(0, 0, 1)
	if p := problemOf(t, tm.call(optIn, true)); p.Code != dpcoop.CodePensionAlreadyMember {
		t.Fatalf("a second opt-in: %+v", p)
	}

	// An admin records the scheme's opt-out notice given after the period:
	// refused in her language, and she may cease instead.
	tm.now = time.Date(2027, 3, 20, 10, 0, 0, 0, time.UTC)
	late := withHeader(tm.admin("POST", "/v1/pas/{id}/pension/opt-out", map[string]string{"id": tm.pa}, `{"date":"2027-03-10"}`), "accept-language", "cy")
	resp := tm.call(late, true)
	if p := problemOf(t, resp); resp.StatusCode != http.StatusConflict || p.Code != dpcoop.CodePensionOptOutClosed || p.Lang != "cy" || !strings.Contains(p.Title, "cyfnod optio allan") {
		t.Fatalf("a late opt-out: %d %+v", resp.StatusCode, p)
	}
	tm.ok(tm.admin("POST", "/v1/pas/{id}/pension/cease", map[string]string{"id": tm.pa}, `{"date":"2027-03-10"}`), 201)
	if st := tm.pensionOf(tm.pa); st.Position.Member || st.Position.LeftHow != dpcoop.PensionEventCeased || st.Position.RefundFrom != "" {
		t.Fatalf("after ceasing: %+v", st)
	}

	var d dpcoop.Declaration
	tm.ok(tm.admin("GET", "/v1/pension/declaration", nil, ""), 200).into(t, &d)
	if d.PAs != 1 || d.Enrolled != 1 || d.OptedOut != 1 || d.OptedIn != 1 || d.Ceased != 1 || d.ActiveMembers != 0 || d.Scheme != "NEST" {
		t.Fatalf("declaration: %+v", d)
	}
}

// hireAs hires a PA (born 1995, so 31: an eligible jobholder when earning
// above the trigger) employed by member from start, and makes them the
// team's PA.
func (tm *team) hireAs(name, ni, start, member, pension string) string {
	tm.t.Helper()
	body := fmt.Sprintf(`{"legal_name":%q,"email":"pa@example.org","address":"1 Stryd Fawr, Llanbed","language":"en",
	"date_of_birth":"1995-05-20","ni_number":%q,"starter_declaration":"A","start_date":%q,"pension":%q,
	"bank":{"account_name":"PA","sort_code":"12-34-56","account_number":"11223344"}}`, name, ni, start, pension)
	var pa dpcoop.PA
	tm.ok(withHeader(tm.admin("POST", "/v1/pas", nil, body), "idempotency-key", "hire-"+strings.ReplaceAll(ni, " ", "")), 201).into(tm.t, &pa)
	empStart := max(start, "2026-04-06") // members entered the register on 1 April 2026
	tm.ok(tm.admin("POST", "/v1/employments", nil, fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":1345,"night_pence":1400,"sleep_in_pence":9000,"bank_holiday_pence":2690},"start_date":%q}`, pa.ID, member, empStart)), 201)
	tm.pa = pa.ID
	return pa.ID
}

// TestPostponementThenEnrolment: the co-op postpones automatic enrolment
// three months; a PA who starts on 1 October 2026 is sent the postponement
// letter with October's pay, has nothing deducted while postponed, and is
// enrolled from the deferral date, 1 January 2027, when still eligible.
func TestPostponementThenEnrolment(t *testing.T) {
	tm := newTeam(t)
	tm.pensionSettings(map[string]any{"pension_scheme_name": "Cynllun Pensiwn y Co-op", "pension_postponement_months": 3, "pension_duties_start": "2026-04-06"})
	elin := tm.hireAs("Elin Rowlands", "CE 12 34 56 A", "2026-10-01", tm.gwen, "assess")
	tm.now = time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	tm.sixLongDays(tm.gwen, "2026-10")
	tm.runAttempt("2026-10", 1)
	oct := tm.payslipOf(elin, "2026-10")
	if oct.PensionStatus != "postponed" || oct.Result.Pension.EmployeeDeduction != 0 || len(oct.Checks) != 0 || len(oct.PensionEvents) != 1 ||
		oct.PensionEvents[0].Kind != dpcoop.PensionEventPostponed || oct.PensionEvents[0].Date != "2027-01-01" {
		t.Fatalf("October while postponed: %+v", oct)
	}
	tm.finalise("2026-10", 200)
	var letters struct{ Items []dpcoop.PensionLetter }
	tm.ok(tm.admin("GET", "/v1/pas/{id}/pension/letters", map[string]string{"id": elin}, ""), 200).into(t, &letters)
	if len(letters.Items) != 1 || letters.Items[0].Kind != dpcoop.LetterPostponement || letters.Items[0].DeferralDate != "2027-01-01" || letters.Items[0].Issued != "2026-11-03" {
		t.Fatalf("postponement letter: %+v", letters)
	}

	tm.now = time.Date(2027, 2, 3, 10, 0, 0, 0, time.UTC)
	tm.sixLongDays(tm.gwen, "2027-01")
	tm.runAttempt("2027-01", 1)
	jan := tm.payslipOf(elin, "2027-01")
	if jan.PensionStatus != "enrolled" || jan.Result.Pension.EmployeeDeduction != 1794 || len(jan.PensionEvents) != 1 ||
		jan.PensionEvents[0].Kind != dpcoop.PensionEventEnrolled || jan.PensionEvents[0].Date != "2027-01-01" {
		t.Fatalf("January at the deferral date: %+v", jan)
	}
	tm.finalise("2027-01", 200)
	var d dpcoop.Declaration
	tm.ok(tm.admin("GET", "/v1/pension/declaration", nil, ""), 200).into(t, &d)
	if d.Enrolled != 1 || d.ActiveMembers != 1 || d.Postponed != 0 {
		t.Fatalf("declaration: %+v", d)
	}
}

// TestReEnrolment: on the co-op's cyclical re-enrolment date an eligible
// jobholder who opted out more than 12 months before is re-enrolled, with
// a re-enrolment letter; a date outside the window around the third
// anniversary of the duties start is refused.
func TestReEnrolment(t *testing.T) {
	tm := newTeam(t)
	bad, _ := json.Marshal(map[string]any{"pension_duties_start": "2024-04-01", "pension_re_enrolment_date": "2027-08-01"})
	var s map[string]any
	tm.ok(tm.admin("GET", "/v1/payroll/settings", nil, ""), 200).into(t, &s)
	_ = json.Unmarshal(bad, &s)
	b, _ := json.Marshal(s)
	if p := problemOf(t, tm.call(tm.admin("PUT", "/v1/payroll/settings", nil, string(b)), true)); fields(p)["pension_re_enrolment_date"] != dpcoop.FieldReEnrolmentWindow {
		t.Fatalf("a re-enrolment date outside the window: %+v", p)
	}
	tm.pensionSettings(map[string]any{"pension_scheme_name": "NEST", "pension_duties_start": "2024-04-01", "pension_re_enrolment_date": "2027-02-01"})
	owain := tm.hireAs("Owain Evans", "CE 65 43 21 A", "2025-06-02", tm.rhys, "opted_out")
	tm.now = time.Date(2027, 2, 3, 10, 0, 0, 0, time.UTC)
	tm.sixLongDays(tm.rhys, "2027-01")
	tm.runAttempt("2027-01", 1)
	if feb := tm.payslipOf(owain, "2027-01"); feb.PensionStatus != "opted_out" || len(feb.Checks) != 0 || len(feb.PensionEvents) != 0 {
		t.Fatalf("January, opted out: %+v", feb)
	}
	tm.finalise("2027-01", 200)
	tm.now = time.Date(2027, 3, 3, 10, 0, 0, 0, time.UTC)
	tm.sixLongDays(tm.rhys, "2027-02")
	tm.runAttempt("2027-02", 1)
	mar := tm.payslipOf(owain, "2027-02")
	if mar.PensionStatus != "enrolled" || mar.Result.Pension.EmployeeDeduction != 1794 || len(mar.PensionEvents) != 1 ||
		mar.PensionEvents[0].Kind != dpcoop.PensionEventReEnrolled || mar.PensionEvents[0].Date != "2027-02-01" {
		t.Fatalf("February, the re-enrolment date: %+v", mar)
	}
	tm.finalise("2027-02", 200)
	var letters struct{ Items []dpcoop.PensionLetter }
	tm.ok(tm.admin("GET", "/v1/pas/{id}/pension/letters", map[string]string{"id": owain}, ""), 200).into(t, &letters)
	if len(letters.Items) != 1 || letters.Items[0].Kind != dpcoop.LetterReEnrolment || letters.Items[0].OptOutUntil != "2027-04-03" {
		t.Fatalf("re-enrolment letter: %+v", letters)
	}
}
