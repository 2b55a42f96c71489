package local_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The published student and postgraduate loan rules (docs/student-loans.md),
// worked here without the engine: the 2026-27 annual thresholds of GOV.UK's
// rates and thresholds for employers, a twelfth of each rounded down to the
// penny, and 9 % (plan 2) or 6 % (postgraduate) of NI-able pay above it,
// rounded down to whole pounds.
const (
	plan2AnnualPence        = 29_385_00
	postgraduateAnnualPence = 21_000_00
)

func loanDue(pay, annual, percent int64) int64 {
	threshold := annual / 12
	if pay <= threshold {
		return 0
	}
	return (pay - threshold) * percent / 100 / 100 * 100
}

// longDays records approved 12-hour days (08:00 to 20:00) on the first n
// working days of month from the 7th of April on (6 April 2026 is Easter
// Monday).
func (r *running) longDays(t *testing.T, pa, member, month string, n int) {
	t.Helper()
	d, _ := time.Parse(dpcoop.MonthLayout, month)
	for done := 0; done < n; d = d.AddDate(0, 0, 1) {
		date := dpcoop.Date(d.Format(dpcoop.DateLayout))
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || dpcoop.IsBankHoliday(date) || date < "2026-04-07" {
			continue
		}
		r.recordShift(t, pa, member, string(date), "08:00", "20:00")
		done++
	}
}

// TestLoansThroughTheYear hires Elin with the starter checklist's answers
// plan 2 and a postgraduate loan, and pays her 16 twelve-hour days at
// £13.45 a month (£2,582.40). HMRC's SL2 stops plan 2 from 1 July: April's
// and May's pay (7 May, 7 June) repay both loans, June's and July's (7 July,
// 7 August) only the postgraduate loan. Each month's deductions come off
// net pay, add up in the year to date, the run totals and the FPS figures.
func TestLoansThroughTheYear(t *testing.T) {
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	member := local.DemoID("sian")
	elin := r.hire(t, admin, `{"legal_name":"Elin Prys","email":"elin@example.org","address":"3 Ffordd y Môr, Aberystwyth","language":"cy",
		"date_of_birth":"1998-09-14","ni_number":"AB 44 55 66 A","starter_declaration":"A","student_loan_plan":"plan_2","postgraduate_loan":true,
		"start_date":"2026-04-06"}`, member)

	var hist dpcoop.PayHistory
	r.getJSON(t, "/v1/pas/"+elin+"/tax-codes", admin, &hist)
	if len(hist.Loans) != 2 || hist.Loans[0].Notice != dpcoop.SourceStarter || hist.Loans[0].Plan != "plan_2" || hist.Loans[1].Plan != "postgraduate" || hist.Loans[0].EffectiveFrom != "2026-04-06" {
		t.Fatalf("the starter declaration's loans: %+v", hist.Loans)
	}
	var pa dpcoop.PA
	r.getJSON(t, "/v1/pas/"+elin, admin, &pa)
	if pa.StudentLoanPlan != "plan_2" || !pa.PostgraduateLoan {
		t.Errorf("the record shows %q, %v", pa.StudentLoanPlan, pa.PostgraduateLoan)
	}

	// Refused, with field errors in Welsh and English: a plan that does not
	// go with its notice, a date before Elin started.
	cy := r.refused(t, "POST", "/v1/pas/"+elin+"/loans", admin, `{"notice":"SL1","plan":"postgraduate","effective_from":"2026-07-01"}`,
		http.StatusUnprocessableEntity, dpcoop.CodeValidation, dpcoop.FieldLoanPlanNotice, "cy")
	en := r.refused(t, "POST", "/v1/pas/"+elin+"/loans", admin, `{"notice":"SL1","plan":"postgraduate","effective_from":"2026-07-01"}`,
		http.StatusUnprocessableEntity, dpcoop.CodeValidation, dpcoop.FieldLoanPlanNotice, "en")
	if cy.Errors[0].Message == en.Errors[0].Message || cy.Errors[0].Message == "" {
		t.Errorf("messages: %q, %q", cy.Errors[0].Message, en.Errors[0].Message)
	}
	r.refused(t, "POST", "/v1/pas/"+elin+"/loans", admin, `{"notice":"PGL2","effective_from":"2026-03-01"}`,
		http.StatusUnprocessableEntity, dpcoop.CodeValidation, dpcoop.FieldBeforePAStart)
	r.refused(t, "PUT", "/v1/pas/"+elin, admin, `{"legal_name":"Elin Prys","email":"elin@example.org","address":"3 Ffordd y Môr, Aberystwyth","language":"cy",
		"date_of_birth":"1998-09-14","ni_number":"AB 44 55 66 A","starter_declaration":"A","student_loan_plan":"plan_1","start_date":"2026-04-06"}`,
		http.StatusUnprocessableEntity, dpcoop.CodeValidation, dpcoop.FieldLoanNeedsNotice)

	const pay = 16 * 12 * 1345 // pence a month
	var studentToDate, postgraduateToDate int64
	for _, month := range []string{"2026-04", "2026-05", "2026-06", "2026-07"} {
		r.longDays(t, elin, member, month, 16)
		if month == "2026-06" {
			sl2 := `{"notice":"SL2","plan":"plan_2","effective_from":"2026-07-01"}`
			resp, body := r.do(t, "POST", "/v1/pas/"+elin+"/loans", admin, "application/json", sl2)
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("SL2: %d %s", resp.StatusCode, body)
			}
			resp, body = r.do(t, "POST", "/v1/pas/"+elin+"/loans", admin, "application/json", sl2)
			json.Unmarshal([]byte(body), &hist)
			if resp.StatusCode != http.StatusCreated || resp.Header.Get("Idempotent-Replayed") != "true" || len(hist.Loans) != 3 {
				t.Fatalf("the SL2 again: %d %s", resp.StatusCode, body)
			}
		}
		slips := r.payFinal(t, admin, month)
		s := slips[elin].Result
		wantStudent := loanDue(pay, plan2AnnualPence, 9)
		if month >= "2026-06" { // paid on or after 1 July
			wantStudent = 0
		}
		wantPostgraduate := loanDue(pay, postgraduateAnnualPence, 6)
		studentToDate += wantStudent
		postgraduateToDate += wantPostgraduate
		if s.NIablePay != pay || s.StudentLoan != wantStudent || s.PostgraduateLoan != wantPostgraduate {
			t.Errorf("%s: on %d, plan 2 %d and postgraduate %d; want %d, %d and %d", month, s.NIablePay, s.StudentLoan, s.PostgraduateLoan, pay, wantStudent, wantPostgraduate)
		}
		if s.NetPay != s.Gross-s.Tax-s.NI.Employee-s.Pension.EmployeeDeduction-wantStudent-wantPostgraduate {
			t.Errorf("%s: net %d does not take the loans off", month, s.NetPay)
		}
		if s.YearToDate.StudentLoan != studentToDate || s.YearToDate.PostgraduateLoan != postgraduateToDate {
			t.Errorf("%s: to date %d and %d, want %d and %d", month, s.YearToDate.StudentLoan, s.YearToDate.PostgraduateLoan, studentToDate, postgraduateToDate)
		}

		var run dpcoop.Run
		r.getJSON(t, "/v1/payroll/runs/"+month, admin, &run)
		var others int64
		for pa, o := range slips {
			if pa != elin {
				others += o.Result.StudentLoan + o.Result.PostgraduateLoan
			}
		}
		if others != 0 || run.Totals.StudentLoan != wantStudent || run.Totals.PostgraduateLoan != wantPostgraduate {
			t.Errorf("%s: run totals %d and %d (others %d)", month, run.Totals.StudentLoan, run.Totals.PostgraduateLoan, others)
		}

		var fps struct {
			Employees []struct {
				PayrollID              string `json:"payroll_id"`
				StudentLoanPlan        string `json:"student_loan_plan_type"`
				StudentLoan            int64  `json:"student_loan_recovered_in_period_pence"`
				StudentLoanToDate      int64  `json:"student_loans_to_date_pence"`
				PostgraduateLoan       int64  `json:"postgraduate_loan_recovered_in_period_pence"`
				PostgraduateLoanToDate int64  `json:"postgraduate_loans_to_date_pence"`
			}
		}
		if code := r.getJSON(t, "/v1/payroll/runs/"+month+"/reports/fps", admin, &fps); code != http.StatusOK {
			t.Fatalf("%s: FPS figures: %d", month, code)
		}
		found := false
		for _, e := range fps.Employees {
			if e.PayrollID != elin {
				continue
			}
			found = true
			wantPlan := "02"
			if wantStudent == 0 {
				wantPlan = ""
			}
			if e.StudentLoanPlan != wantPlan || e.StudentLoan != wantStudent || e.StudentLoanToDate != studentToDate ||
				e.PostgraduateLoan != wantPostgraduate || e.PostgraduateLoanToDate != postgraduateToDate {
				t.Errorf("%s: FPS %+v", month, e)
			}
		}
		if !found {
			t.Errorf("%s: Elin is not in the FPS figures", month)
		}
	}
	if studentToDate != 2*1200 || postgraduateToDate != 4*4900 {
		t.Errorf("the year's loans: %d and %d", studentToDate, postgraduateToDate)
	}
}
