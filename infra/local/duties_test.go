package local_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// setSettings changes some of the co-op's payroll settings, keeping the rest.
func (r *running) setSettings(t *testing.T, admin string, change map[string]any) {
	t.Helper()
	settings := map[string]any{}
	r.getJSON(t, "/v1/payroll/settings", admin, &settings)
	for k, v := range change {
		settings[k] = v
	}
	b, _ := json.Marshal(settings)
	if resp, out := r.do(t, "PUT", "/v1/payroll/settings", admin, "application/json", string(b)); resp.StatusCode != http.StatusOK {
		t.Fatalf("settings: %d %s", resp.StatusCode, out)
	}
}

// post sends a JSON body and wants the status.
func (r *running) post(t *testing.T, path, token, body string, status int) string {
	t.Helper()
	resp, out := r.do(t, "POST", path, token, "application/json", body)
	if resp.StatusCode != status {
		t.Fatalf("POST %s: %d %s, want %d", path, resp.StatusCode, out, status)
	}
	return out
}

// TestOnePAFromStartingToLeaving follows Gethin through the duties the co-op
// has as his employer, through the API and the payroll state machine:
//
//   - April: he starts on 6 April with a starter declaration A and a plan 2
//     student loan, works 16 twelve-hour days for Siân (£2,582.40) and,
//     earning above the trigger at 30, is enrolled in the pension from his
//     start: contributions come off April's pay, and he gets one enrolment
//     letter. Plan 2 takes 9 % above £2,448.75 a month, in whole pounds.
//   - May: the same work; his leave builds up.
//   - June: a day's leave, asked for and approved like a shift, paid at his
//     average rate out of the holiday provision.
//   - July: off sick Monday 6 to Wednesday 8 July, SSP from the first day
//     (2026-27 rules); he leaves on 31 July and July's pay includes his
//     untaken leave in lieu.
//   - His P45 carries his code, pay and tax to date and the loan going on.
func TestOnePAFromStartingToLeaving(t *testing.T) {
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	r.setSettings(t, admin, map[string]any{"pension_scheme_name": "NEST", "pension_duties_start": "2026-04-06"})
	sian := local.DemoID("sian")
	gethin := r.hire(t, admin, `{"legal_name":"Gethin Hughes","email":"gethin@example.org","address":"7 Ffordd y Môr, Aberaeron","language":"cy",
		"date_of_birth":"1996-03-14","ni_number":"AB 65 43 21 C","starter_declaration":"A","student_loan_plan":"plan_2","start_date":"2026-04-06"}`, sian)
	own := r.token(t, "demo", gethin, dpcoop.RolePA)

	// April: enrolled from his start, contributions and the loan deducted.
	r.longDays(t, gethin, sian, "2026-04", 16)
	april := r.payFinal(t, admin, "2026-04")[gethin]
	res := april.Result
	if res.Gross != 258240 || april.PensionStatus != "enrolled" || res.Pension.EmployeeDeduction <= 0 || res.Pension.Employer <= 0 {
		t.Fatalf("April: gross %d, pension %s %+v", res.Gross, april.PensionStatus, res.Pension)
	}
	if want := int64((258240 - 244875) * 9 / 100 / 100 * 100); res.StudentLoan != want || res.StudentLoanPlan != "plan_2" {
		t.Errorf("April's plan 2 deduction %d (%s), want %d", res.StudentLoan, res.StudentLoanPlan, want)
	}
	var letters struct{ Items []dpcoop.PensionLetter }
	r.getJSON(t, "/v1/pas/"+gethin+"/pension/letters", own, &letters)
	if len(letters.Items) != 1 {
		t.Fatalf("letters after April: %+v", letters.Items)
	}

	// May and June: leave builds up, then a day of it is taken and paid out
	// of the provision.
	r.longDays(t, gethin, sian, "2026-05", 16)
	r.payFinal(t, admin, "2026-05")
	leave := r.askLeave(t, gethin, sian, "2026-06-15")
	if resp, body := r.do(t, "POST", "/v1/shifts/"+leave+"/approve", r.token(t, "demo", sian, dpcoop.RoleMember), "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("approve leave: %d %s", resp.StatusCode, body)
	}
	r.workDays(t, gethin, sian, "2026-06", 10)
	june := r.payFinal(t, admin, "2026-06")[gethin]
	if h := june.Holiday; h == nil || h.TakenMinutes != 720 || h.Pay <= 0 || h.FromProvision != h.Pay {
		t.Fatalf("June's leave: %+v", june.Holiday)
	}

	// July: three days off sick, paid SSP; he leaves at the end of the month.
	r.workDays(t, gethin, sian, "2026-07", 2) // 1 and 2 July
	r.post(t, "/v1/pas/"+gethin+"/sickness", own, `{"first_day":"2026-07-06","last_day":"2026-07-08","qualifying_days":["mon","tue","wed","thu","fri"]}`, http.StatusCreated)
	r.post(t, "/v1/pas/"+gethin+"/leave", admin, `{"date":"2026-07-31"}`, http.StatusOK)
	july := r.payFinal(t, admin, "2026-07")[gethin]
	if sp := july.Result.SickPay; sp.PaidDays != 3 || sp.Amount <= 0 {
		t.Errorf("July's SSP: %+v", sp)
	}
	var inLieu bool
	for _, l := range july.Lines {
		inLieu = inLieu || l.Kind == dpcoop.ShiftHolidayInLieu
	}
	if h := july.Holiday; !inLieu || h == nil || h.InLieuMinutes <= 0 || h.Balance != 0 {
		t.Errorf("July's leave in lieu: %+v, lines %+v", july.Holiday, july.Lines)
	}

	// The P45: his code, his pay and tax to date, and the loan going on.
	var p45 dpcoop.LeaverP45
	if err := json.Unmarshal([]byte(r.post(t, "/v1/pas/"+gethin+"/p45", admin, "", http.StatusCreated)), &p45); err != nil {
		t.Fatal(err)
	}
	ytd := july.Result.YearToDate
	if p45.LeavingDate != "2026-07-31" || p45.TaxCode != "1257L" || p45.TotalPay != ytd.TaxablePay || p45.TotalTax != ytd.Tax ||
		p45.PayInEmployment != ytd.Gross || !p45.StudentLoan || p45.TaxYear != "2026-27" {
		t.Errorf("P45 %+v for year to date %+v", p45, ytd)
	}
	if resp, pdf := r.do(t, "GET", "/v1/pas/"+gethin+"/p45", own, "", "", "Accept", "application/pdf"); resp.StatusCode != http.StatusOK || pdf[:4] != "%PDF" {
		t.Errorf("his own P45 as a PDF, after leaving: %d", resp.StatusCode)
	}
}
