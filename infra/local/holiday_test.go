package local_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// askLeave has the PA ask for a day's leave (08:00 to 20:00, 12 hours) for
// the member, submitted for approval, and returns its id.
func (r *running) askLeave(t *testing.T, pa, member, date string) string {
	t.Helper()
	paToken := r.token(t, "demo", pa, dpcoop.RolePA)
	resp, body := r.do(t, "POST", "/v1/shifts", paToken, "application/json", `{"date":"`+date+`","start":"08:00","end":"20:00","members":["`+member+`"],"kind":"holiday"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("ask for leave: %d %s", resp.StatusCode, body)
	}
	var s dpcoop.Shift
	json.Unmarshal([]byte(body), &s)
	if resp, body = r.do(t, "POST", "/v1/shifts/"+s.ID+"/submit", paToken, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("submit leave: %d %s", resp.StatusCode, body)
	}
	return s.ID
}

// balances are the co-op's ledger account balances.
func (r *running) balances(t *testing.T, admin string) map[string]int64 {
	t.Helper()
	var s struct{ Accounts map[string]int64 }
	r.getJSON(t, "/v1/coop/summary?month=2026-11", admin, &s)
	return s.Accounts
}

// TestHolidayFromAccrualToLeavePaid follows Nia, hired on 6 April 2026 for
// Siân at £13.45 an hour (£26.90 on a bank holiday), through the accrued
// holiday mode. Figures worked by hand (docs/holiday.md):
//
// April: 16 twelve-hour days, 11,520 minutes, £2,582.40. Leave accrues
// 12.07 % x 11,520 = 1,390.464, 1,391 minutes (23.18 hours); the members
// are charged 12.07 % x £2,582.40 = £311.69568, £311.70, into the provision.
// May: 16 such days and 12 hours on the 4 May bank holiday: 12,240 minutes,
// £2,582.40 + £322.80 = £2,905.20; accrues 1,477.368, 1,478 minutes; £350.66.
// Asked in May for two days of June leave, 12 hours each, against April's
// balance: the first is approved, the second refused (23.18 hours less the
// 12 approved leaves 11.18).
// June: 10 ten-hour days at work (6,000 minutes, £1,345.00; accrues 724.2,
// 725 minutes; £162.35) and the approved 12 hours of leave, paid at the average
// of April and May (61 days, under 52 weeks, both whole): £5,487.60 over
// 23,760 minutes = £13.857.../hour, £13.86 rounded up; 12 hours £166.32, met
// by the provision (£824.71 > £166.32), so not charged to Siân again.
// Balance 1,391 + 1,478 + 725 - 720 = 2,874 minutes. Provision left
// £311.70 + £350.66 + £162.35 - £166.32 = £658.39.
// Nia leaves on 10 July: July's run pays her 2,874 minutes in lieu at the
// average of April to June (£6,832.60 over 29,760 minutes = £13.7754.../hour,
// £13.78): 2,874 x £13.78 / 60 = £660.062, £660.07. The provision meets
// £658.39 and is empty; the £1.68 short (the rate rose with May's bank
// holiday) is charged to Siân, who received Nia's time.
func TestHolidayFromAccrualToLeavePaid(t *testing.T) {
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	member := local.DemoID("sian")
	nia := r.hire(t, admin, `{"legal_name":"Nia Rowlands","email":"nia@example.org","address":"5 Stryd y Bont, Aberystwyth","language":"cy",
		"date_of_birth":"1990-02-11","ni_number":"AB 12 34 56 C","starter_declaration":"A","start_date":"2026-04-06"}`, member)
	niaToken := r.token(t, "demo", nia, dpcoop.RolePA)

	r.longDays(t, nia, member, "2026-04", 16)
	april := r.payFinal(t, admin, "2026-04")[nia]
	if h := april.Holiday; h == nil || h.AccruedMinutes != 1391 || h.Balance != 1391 || april.HolidayAccrual != 31170 {
		t.Fatalf("April: %+v, accrual %d", april.Holiday, april.HolidayAccrual)
	}
	var bal dpcoop.HolidayBalance
	if code := r.getJSON(t, "/v1/pas/"+nia+"/holiday", niaToken, &bal); code != http.StatusOK {
		t.Fatalf("Nia's holiday: %d", code)
	}
	if bal.Balance != 1391 || bal.BalanceHours != "23.18" || bal.Accrued != 1391 || bal.LeaveYearStart != "2026-04-01" ||
		bal.RatePence != 1345 || bal.Provision != 31170 || len(bal.Entries) != 1 || bal.Mode != "accrued" {
		t.Fatalf("after April: %+v", bal)
	}
	r.refused(t, "GET", "/v1/pas/"+nia+"/holiday", r.token(t, "demo", local.DemoID("catrin"), dpcoop.RolePA), "", http.StatusNotFound, dpcoop.CodeNotFound, "")

	r.longDays(t, nia, member, "2026-05", 16)
	r.recordShift(t, nia, member, "2026-05-04", "08:00", "20:00")
	memberToken := r.token(t, "demo", member, dpcoop.RoleMember)
	first := r.askLeave(t, nia, member, "2026-06-15")
	if resp, body := r.do(t, "POST", "/v1/shifts/"+first+"/approve", memberToken, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("approve the first day of leave: %d %s", resp.StatusCode, body)
	}
	second := r.askLeave(t, nia, member, "2026-06-16")
	cy := r.refused(t, "POST", "/v1/shifts/"+second+"/approve", memberToken, "", http.StatusUnprocessableEntity, dpcoop.CodeValidation, dpcoop.FieldHolidayBeyondBalance, "cy")
	en := r.refused(t, "POST", "/v1/shifts/"+second+"/approve", memberToken, "", http.StatusUnprocessableEntity, dpcoop.CodeValidation, dpcoop.FieldHolidayBeyondBalance, "en")
	if cy.Errors[0].Message == en.Errors[0].Message || !strings.Contains(cy.Errors[0].Message, "11.18") || !strings.Contains(en.Errors[0].Message, "11.18") {
		t.Errorf("the refusal: %q, %q", cy.Errors[0].Message, en.Errors[0].Message)
	}
	r.getJSON(t, "/v1/pas/"+nia+"/holiday", admin, &bal)
	if bal.Approved != 720 || bal.Available != 671 {
		t.Errorf("approved and available: %+v", bal)
	}

	may := r.payFinal(t, admin, "2026-05")[nia]
	if may.Holiday.AccruedMinutes != 1478 || may.Holiday.Balance != 2869 || may.HolidayAccrual != 35066 {
		t.Fatalf("May: %+v, accrual %d", may.Holiday, may.HolidayAccrual)
	}

	r.workDays(t, nia, member, "2026-06", 10) // 1 to 12 June, 08:00 to 18:00
	juneSlips := r.payFinal(t, admin, "2026-06")
	june := juneSlips[nia]
	h := june.Holiday
	if h.RatePence != 1386 || h.TakenMinutes != 720 || h.Pay != 16632 || h.FromProvision != 16632 || h.Shortfall != 0 ||
		h.AccruedMinutes != 725 || h.Balance != 2874 || june.HolidayAccrual != 16235 {
		t.Fatalf("June: %+v, accrual %d", h, june.HolidayAccrual)
	}
	var leaveLine *dpcoop.PayLine
	for i, l := range june.Lines {
		if l.Kind == dpcoop.ShiftHoliday {
			leaveLine = &june.Lines[i]
		}
	}
	if leaveLine == nil || leaveLine.Minutes != 720 || leaveLine.Rate != 1386 || leaveLine.Pay != 16632 {
		t.Fatalf("June's leave line: %+v", june.Lines)
	}
	var run dpcoop.Run
	r.getJSON(t, "/v1/payroll/runs/2026-06", admin, &run)
	if run.Totals.HolidayPaid != 16632 || run.Totals.HolidayAccrual != 16235 {
		t.Errorf("June's totals: %+v", run.Totals)
	}
	for _, c := range run.Charges {
		for _, p := range c.Parts {
			if p.PA == nia && (c.Member != member || p.Gross != june.Result.Gross-16632 || p.HolidayAccrual != 16235) {
				t.Errorf("Siân is charged for Nia's leave again: %+v", p)
			}
		}
	}
	b := r.balances(t, admin)
	if b["coop:payroll"] != 0 || b["coop:holiday_provision"] != 31170+35066+16235-16632 {
		t.Fatalf("after June: %v", b)
	}

	if resp, body := r.do(t, "POST", "/v1/pas/"+nia+"/leave", admin, "application/json", `{"date":"2026-07-10"}`); resp.StatusCode != http.StatusOK {
		t.Fatalf("Nia leaves: %d %s", resp.StatusCode, body)
	}
	july := r.payFinal(t, admin, "2026-07")[nia]
	h = july.Holiday
	if h == nil || h.InLieuMinutes != 2874 || h.RatePence != 1378 || h.Pay != 66007 || h.FromProvision != 65839 || h.Shortfall != 168 || h.Balance != 0 {
		t.Fatalf("July, in lieu: %+v", h)
	}
	if len(july.Lines) != 1 || july.Lines[0].Kind != dpcoop.ShiftHolidayInLieu || july.Lines[0].Pay != 66007 || july.Result.Gross != 66007 {
		t.Fatalf("July's lines: %+v, gross %d", july.Lines, july.Result.Gross)
	}
	r.getJSON(t, "/v1/payroll/runs/2026-07", admin, &run)
	if len(run.Charges) != 1 || run.Charges[0].Member != member || run.Charges[0].Parts[0].Gross != 168 {
		t.Errorf("July's charges: %+v", run.Charges)
	}
	b = r.balances(t, admin)
	if b["coop:payroll"] != 0 || b["coop:holiday_provision"] != 0 {
		t.Fatalf("after July: %v", b)
	}
	// Finalising again changes nothing: the balance is counted once.
	if resp, body := r.do(t, "POST", "/v1/payroll/runs/2026-07/finalise", admin, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("finalise July again: %d %s", resp.StatusCode, body)
	}
	if code := r.getJSON(t, "/v1/pas/"+nia+"/holiday", niaToken, &bal); code != http.StatusOK { // a leaver reads their own
		t.Fatalf("Nia's holiday after leaving: %d", code)
	}
	if bal.Balance != 0 || !bal.PaidInLieu || len(bal.Entries) != 4 || bal.Entries[3].InLieu != 2874 || bal.Provision != 0 {
		t.Errorf("after leaving: %+v", bal)
	}
	resp, pdf := r.do(t, "GET", "/v1/payslips/2026-07", niaToken, "", "", "Accept", "application/pdf")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(pdf, "%PDF") {
		t.Errorf("July's payslip PDF: %d", resp.StatusCode)
	}
}
