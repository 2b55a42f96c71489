package local_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// refusal is a problem answer's code and its field errors' codes and messages.
type refusal struct {
	Code   string
	Errors []struct{ Field, Code, Message string }
}

func (r *running) refused(t *testing.T, method, path, token, body string, status int, code, fieldCode string, lang ...string) refusal {
	t.Helper()
	headers := []string{}
	if len(lang) > 0 {
		headers = append(headers, "Accept-Language", lang[0])
	}
	resp, out := r.do(t, method, path, token, "application/json", body, headers...)
	var p refusal
	_ = json.Unmarshal([]byte(out), &p)
	if resp.StatusCode != status || p.Code != code || fieldCode != "" && (len(p.Errors) == 0 || p.Errors[0].Code != fieldCode) {
		t.Fatalf("%s %s: %d %s, want %d %s %s", method, path, resp.StatusCode, out, status, code, fieldCode)
	}
	return p
}

// recordShift has the PA record and submit a shift and the member approve it.
func (r *running) recordShift(t *testing.T, pa, member, date, start, end string) {
	t.Helper()
	paToken := r.token(t, "demo", pa, dpcoop.RolePA)
	resp, body := r.do(t, "POST", "/v1/shifts", paToken, "application/json", `{"date":"`+date+`","start":"`+start+`","end":"`+end+`","members":["`+member+`"]}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("record: %d %s", resp.StatusCode, body)
	}
	var s dpcoop.Shift
	json.Unmarshal([]byte(body), &s)
	if resp, body = r.do(t, "POST", "/v1/shifts/"+s.ID+"/submit", paToken, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("submit: %d %s", resp.StatusCode, body)
	}
	if resp, body = r.do(t, "POST", "/v1/shifts/"+s.ID+"/approve", r.token(t, "demo", member, dpcoop.RoleMember), "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("approve: %d %s", resp.StatusCode, body)
	}
}

// preview starts a month's run and waits for it.
func (r *running) preview(t *testing.T, admin, month string) dpcoop.Run {
	t.Helper()
	if resp, body := r.do(t, "POST", "/v1/payroll/runs", admin, "application/json", `{"month":"`+month+`"}`); resp.StatusCode != http.StatusAccepted {
		t.Fatalf("start %s: %d %s", month, resp.StatusCode, body)
	}
	r.stack.Workflows.Wait()
	var run dpcoop.Run
	r.getJSON(t, "/v1/payroll/runs/"+month, admin, &run)
	if run.Status != dpcoop.RunPreview {
		t.Fatalf("%s: %+v", month, run)
	}
	return run
}

// TestMonthsArePaidInOrderAfterTheyEnd: on 23 November, with October's work
// approved and not paid, November cannot be calculated; once October is
// final, November can be previewed but not finalised before it ends.
func TestMonthsArePaidInOrderAfterTheyEnd(t *testing.T) {
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	r.recordShift(t, local.DemoID("catrin"), local.DemoID("gwen"), "2026-11-02", "09:00", "13:00")
	p := r.refused(t, "POST", "/v1/payroll/runs", admin, `{"month":"2026-11"}`, http.StatusConflict, dpcoop.CodeEarlierMonthUnpaid, dpcoop.CodeEarlierMonthUnpaid, "cy")
	if !strings.Contains(p.Errors[0].Message, "2026-10") || !strings.Contains(p.Errors[0].Message, "Cwblhewch") {
		t.Fatalf("the refusal does not say which month, in Welsh: %+v", p)
	}
	r.preview(t, admin, "2026-10")
	r.refused(t, "POST", "/v1/payroll/runs/2026-11/finalise", admin, "", http.StatusNotFound, dpcoop.CodeNotFound, "")
	if resp, body := r.do(t, "POST", "/v1/payroll/runs/2026-10/finalise", admin, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("finalise October: %d %s", resp.StatusCode, body)
	}
	r.preview(t, admin, "2026-11")
	p = r.refused(t, "POST", "/v1/payroll/runs/2026-11/finalise", admin, "", http.StatusConflict, dpcoop.CodeMonthNotEnded, dpcoop.CodeMonthNotEnded)
	if !strings.Contains(p.Errors[0].Message, "2026-11 has not ended") {
		t.Fatalf("%+v", p)
	}
}

// TestAStalePreviewIsNeverFinal: a shift approved after October's preview,
// and then a new tax code, each make finalise answer preview_stale saying
// what changed; calculated again, the month finalises and pays the shift.
func TestAStalePreviewIsNeverFinal(t *testing.T) {
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	before := r.preview(t, admin, "2026-10")
	r.recordShift(t, local.DemoID("tom"), local.DemoID("rhys"), "2026-10-31", "18:00", "22:00")
	r.refused(t, "POST", "/v1/payroll/runs/2026-10/finalise", admin, "", http.StatusConflict, dpcoop.CodePreviewStale, dpcoop.FieldShiftsChanged)

	after := r.preview(t, admin, "2026-10")
	if after.Totals.Gross != before.Totals.Gross+4*1345 {
		t.Fatalf("the recalculated preview: gross %d, was %d", after.Totals.Gross, before.Totals.Gross)
	}
	notice := `{"tax_code":"1100L","basis":"cumulative","effective_from":"2026-11-01","source":"P6"}`
	if resp, body := r.do(t, "POST", "/v1/pas/"+local.DemoID("tom")+"/tax-codes", admin, "application/json", notice); resp.StatusCode != http.StatusCreated {
		t.Fatalf("P6: %d %s", resp.StatusCode, body)
	}
	r.refused(t, "POST", "/v1/payroll/runs/2026-10/finalise", admin, "", http.StatusConflict, dpcoop.CodePreviewStale, dpcoop.FieldTaxCodesChanged)
	r.preview(t, admin, "2026-10")
	var final dpcoop.Run
	if resp, body := r.do(t, "POST", "/v1/payroll/runs/2026-10/finalise", admin, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("finalise: %d %s", resp.StatusCode, body)
	} else {
		json.Unmarshal([]byte(body), &final)
	}
	var slips struct{ Items []dpcoop.Payslip }
	r.getJSON(t, "/v1/payroll/runs/2026-10/payslips", admin, &slips)
	for _, s := range slips.Items {
		if s.PA == local.DemoID("tom") && (s.Result.Gross != 26900+4*1345 || s.TaxCode != "1100L") {
			t.Fatalf("Tom's payslip: gross %d on %s", s.Result.Gross, s.TaxCode)
		}
	}
}

// TestLateWorkIsPaidAsBackPayInTheNextOpenMonth: after October is final, a
// forgotten October shift is recorded as late work, paid in November's run
// on a back pay line at October's rate, and charged to its member then.
func TestLateWorkIsPaidAsBackPayInTheNextOpenMonth(t *testing.T) {
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	payMonth(t, r)
	tom, rhys := local.DemoID("tom"), local.DemoID("rhys")
	r.recordShift(t, tom, rhys, "2026-10-30", "18:00", "21:00")
	var november struct{ Items []dpcoop.Shift }
	r.getJSON(t, "/v1/shifts?month=2026-11&pa="+tom, admin, &november)
	if len(november.Items) != 1 || november.Items[0].PayMonth != "2026-11" || november.Items[0].Date != "2026-10-30" {
		t.Fatalf("the late shift: %+v", november.Items)
	}
	run := r.preview(t, admin, "2026-11")
	var slips struct{ Items []dpcoop.Payslip }
	r.getJSON(t, "/v1/payroll/runs/2026-11/payslips", admin, &slips)
	var slip dpcoop.Payslip
	for _, s := range slips.Items {
		if s.PA == tom {
			slip = s
		}
	}
	// 3 hours at £13.45 = £40.35; below every threshold, so no tax or NI.
	if len(slip.Lines) != 1 || !slip.Lines[0].BackPay || slip.Lines[0].Minutes != 180 || slip.Lines[0].Pay != 4035 || slip.Result.Gross != 4035 {
		t.Fatalf("Tom's November payslip: %+v", slip.Lines)
	}
	charged := int64(0)
	for _, c := range run.Charges {
		if c.Member == rhys {
			charged = c.Amount
		}
	}
	if charged != 4035+slip.HolidayAccrual {
		t.Fatalf("Rhys is charged %d for the late shift (pay 4035, holiday %d)", charged, slip.HolidayAccrual)
	}
}
