package local_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// november is the day the tests of October 2026's payroll live on, whatever
// the tests' clock (internal/testclock) says: their figures were worked by
// hand for October 2026 at the 2026-27 rates. On this day the demo co-op's
// records start on 1 October, October's pay day (7 November) and its
// dispatch lead have passed, and November is the month in progress.
var november = time.Date(2026, 11, 23, 10, 0, 0, 0, dpcoop.London)

// novemberStack is the local stack on november, so the demo co-op is seeded
// with October's approved shifts; retries wait milliseconds.
func novemberStack(t *testing.T) *running {
	t.Helper()
	dir := t.TempDir()
	r := launch(t, inSharedDB(t, local.Options{DataDir: dir, Log: io.Discard, Now: func() time.Time { return november }, RetryMS: "5"}))
	t.Cleanup(func() { r.stack.Close() })
	return r
}

func (r *running) getJSON(t *testing.T, path, token string, v any) int {
	t.Helper()
	resp, body := r.do(t, "GET", path, token, "", "")
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("%s: %v %s", path, err, body)
	}
	return resp.StatusCode
}

// TestOctoberPayrollEndToEnd runs the demo co-op's October 2026 payroll
// through the state machine (aws-local-stepfunctions), finalises it and reads
// the members' accounts. Figures worked by hand, 2026-27 rates:
//
// Catrin (C1257L, category A, 38, not yet enrolled): Gwen Mon and Wed 09:00-13:00
// (8 x 240 = 1,920 min), Siân Tue 10:00-14:30 (4 x 270 = 1,080), the shared
// Saturday 10:00-16:00 split equally (5 x 360 = 1,800: 900 each). 4,800 min at
// £13.45 = £1,076.00. Paid 7 November (tax month 8): free pay to date far above
// pay, tax £0. Employee NI 8% x (1,076 - 1,048) = £2.24; employer NI 15% x
// (1,076 - 417) = £98.85. Holiday accrued 12.07% x £1,076 = £129.8732, £129.88.
// Net £1,073.76; cost £1,076 + £98.85 + £129.88 = £1,304.73.
// Split by the pay of each member's own time, each shift's share rounded up
// to the penny as the engine rounds: Gwen 8 x 240 min = 8 x £53.80 and 5 x
// 180 min = 5 x £40.35, £632.15; Siân 4 x 270 min = 4 x £60.53 (60.525 up)
// and 5 x £40.35, £443.87. The gross £1,076.00 split 63,215 : 44,387 is
// 63,213.82 / 44,386.18 -> £632.14 / £443.86 (largest remainders); employer
// NI £98.85 by those gross shares is 5,807.31 / 4,077.69 -> £58.07 / £40.78;
// holiday £129.88 is 7,630.33 / 5,357.67 -> £76.30 / £53.58.
// Gwen £766.51, Siân £538.22.
//
// Tom (1257L, 21): Rhys Thu 18:00-22:00, 5 x 240 = 1,200 min at £13.45 =
// £269.00, below both NI thresholds and the pension qualifying earnings;
// holiday £32.4683, £32.47. Rhys £301.47.
func TestOctoberPayrollEndToEnd(t *testing.T) {
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	resp, body := r.do(t, "POST", "/v1/payroll/runs", admin, "application/json", `{"month":"2026-10"}`)
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("start: %d %s", resp.StatusCode, body)
	}
	r.stack.Workflows.Wait()

	var run dpcoop.Run
	r.getJSON(t, "/v1/payroll/runs/2026-10", admin, &run)
	if run.Status != dpcoop.RunPreview || run.PayDate != "2026-11-07" || run.Attempt != 1 {
		t.Fatalf("run %+v", run)
	}
	want := map[string]int64{local.DemoID("gwen"): 76651, local.DemoID("sian"): 53822, local.DemoID("rhys"): 30147}
	if len(run.Charges) != 3 {
		t.Fatalf("charges %+v", run.Charges)
	}
	for _, c := range run.Charges {
		if c.Amount != want[c.Member] || c.Fee != 0 {
			t.Errorf("charge to %s: %d, want %d", c.Member, c.Amount, want[c.Member])
		}
	}
	if run.Totals.Gross != 107600+26900 || run.Totals.EmployerNI != 9885 || run.Totals.EmployeeNI != 224 ||
		run.Totals.HolidayAccrual != 12988+3247 || run.Totals.Charged != 76651+53822+30147 || run.Totals.Payslips != 2 {
		t.Fatalf("totals %+v", run.Totals)
	}
	var slips struct{ Items []dpcoop.Payslip }
	r.getJSON(t, "/v1/payroll/runs/2026-10/payslips", admin, &slips)
	// The payslip JSON is the documented contract, not the engine's names.
	_, raw := r.do(t, "GET", "/v1/payroll/runs/2026-10/payslips", admin, "", "")
	for _, want := range []string{`"gross_pence":107600`, `"ni":{"employee_pence":224,"employer_pence":9885`, `"worker_category":"eligible_jobholder"`, `"year_to_date":{"gross_pence":107600`} {
		if !strings.Contains(raw, want) {
			t.Errorf("the payslips' JSON has no %s", want)
		}
	}
	for _, engine := range []string{`"Tax"`, `"NI"`, `"WorkerCategory"`, `"Gross"`} {
		if strings.Contains(raw, engine) {
			t.Errorf("the payslips' JSON shows the engine's name %s", engine)
		}
	}
	var catrin dpcoop.Payslip
	for _, s := range slips.Items {
		if s.PA == local.DemoID("catrin") {
			catrin = s
		}
	}
	res := catrin.Result
	if res.Gross != 107600 || res.Tax != 0 || res.NI.Employee != 224 || res.NI.Employer != 9885 || res.NetPay != 107376 ||
		catrin.HolidayAccrual != 12988 || res.Period != 8 || len(catrin.Lines) != 1 || catrin.Lines[0].Minutes != 4800 {
		t.Fatalf("catrin's payslip %+v", catrin)
	}
	blocking := false
	for _, p := range run.Problems {
		blocking = blocking || p.Blocking
	}
	if blocking {
		t.Fatalf("problems %+v", run.Problems)
	}

	// Nothing is charged until the run is final.
	var acct struct {
		Entries []json.RawMessage
		Carried int64 `json:"carried_forward_pence"`
	}
	r.getJSON(t, "/v1/members/"+local.DemoID("gwen")+"/account?month=2026-11", admin, &acct)
	if len(acct.Entries) != 0 {
		t.Fatal("a preview charged an account")
	}
	if resp, body = r.do(t, "POST", "/v1/payroll/runs/2026-10/finalise", admin, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("finalise: %d %s", resp.StatusCode, body)
	}
	if resp, _ = r.do(t, "POST", "/v1/payroll/runs/2026-10/finalise", admin, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("finalising twice: %d", resp.StatusCode)
	}
	for member, amount := range want {
		r.getJSON(t, "/v1/members/"+member+"/account?month=2026-11", admin, &acct)
		if len(acct.Entries) != 1 || acct.Carried != -amount {
			t.Errorf("%s's account: %d entries, carried %d, want -%d", member, len(acct.Entries), acct.Carried, amount)
		}
	}
	gwen := r.token(t, "demo", local.DemoID("gwen"), dpcoop.RoleMember)
	if code := r.getJSON(t, "/v1/members/"+local.DemoID("sian")+"/account?month=2026-11", gwen, &acct); code != http.StatusNotFound {
		t.Fatalf("Gwen read Siân's account: %d", code)
	}
	catrinToken := r.token(t, "demo", local.DemoID("catrin"), dpcoop.RolePA)
	var mine struct{ Items []dpcoop.Payslip }
	r.getJSON(t, "/v1/payslips", catrinToken, &mine)
	if len(mine.Items) != 1 || mine.Items[0].Result.NetPay != 107376 {
		t.Fatalf("catrin's payslips %+v", mine)
	}
	resp, body = r.do(t, "GET", "/v1/payslips/2026-10", catrinToken, "", "", "Accept", "application/pdf")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
		t.Fatalf("the PDF payslip: %d %s %.20q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	for _, report := range []string{"journal", "pensions", "bank", "fps"} {
		resp, body = r.do(t, "GET", "/v1/payroll/runs/2026-10/reports/"+report, admin, "", "", "Accept-Language", "cy")
		if resp.StatusCode != http.StatusOK || len(body) < 50 {
			t.Fatalf("%s: %d %s", report, resp.StatusCode, body)
		}
	}
	if _, body = r.do(t, "GET", "/v1/payroll/runs/2026-10/reports/bank", admin, "", ""); !strings.Contains(body, "1073.76") || !strings.Contains(body, "269.00") {
		t.Fatalf("the bank list does not pay the net amounts: %s", body)
	}
	var hist dpcoop.PayHistory
	r.getJSON(t, "/v1/pas/"+local.DemoID("catrin")+"/tax-codes", admin, &hist)
	if hist.YTD == nil || hist.YTD.Month != "2026-10" || hist.YTD.Figures.Gross != 107600 || len(hist.Notices) != 1 {
		t.Fatalf("pay history %+v", hist)
	}
	// A final month is immutable: its shifts are locked and it cannot run again.
	if resp, body = r.do(t, "POST", "/v1/payroll/runs", admin, "application/json", `{"month":"2026-10"}`); resp.StatusCode != http.StatusConflict {
		t.Fatalf("a second run of a final month: %d %s", resp.StatusCode, body)
	}
	var month struct{ Items []dpcoop.Shift }
	r.getJSON(t, "/v1/shifts?month=2026-10&pa="+local.DemoID("catrin"), admin, &month)
	resp, body = r.do(t, "POST", "/v1/shifts/"+month.Items[0].ID+"/reject", admin, "application/json", `{"reason":"late correction"}`)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("a paid shift was changed: %d %s", resp.StatusCode, body)
	}
}

// TestDispatchFromTheScheduleTick: on 23 November the demo co-op's October
// payroll is due (pay day 7 November, 3 days' lead) and September is before
// it joined; a second tick starts nothing more.
func TestDispatchFromTheScheduleTick(t *testing.T) {
	b, err := os.ReadFile("../../events/scheduler-tick.json")
	if err != nil {
		t.Fatal(err)
	}
	var ev payrun.ScheduleEvent
	if err := json.Unmarshal(b, &ev); err != nil || ev.Task != "payroll-dispatch" {
		t.Fatalf("the schedule's event: %v %+v", err, ev)
	}
	r := novemberStack(t)
	var first, second struct{ Started []payrun.Job }
	_, body := r.do(t, "POST", "/_local/tick", "", "", "", local.SecretHeader, r.secret(t))
	json.Unmarshal([]byte(body), &first)
	r.stack.Workflows.Wait()
	_, body = r.do(t, "POST", "/_local/tick", "", "", "", local.SecretHeader, r.secret(t))
	json.Unmarshal([]byte(body), &second)
	if len(first.Started) != 1 || first.Started[0].Execution != "payroll-demo-2026-10" || len(second.Started) != 0 {
		t.Fatalf("first tick %+v, second %+v", first, second)
	}
	run, err := r.stack.Store.Run(context.Background(), "demo", "2026-10")
	if err != nil || run.Status != dpcoop.RunPreview {
		t.Fatalf("%+v %v", run, err)
	}
}

// TestTaskEventFixture sends the start step's event, as Step Functions
// invokes the task function, to the local task endpoint.
func TestTaskEventFixture(t *testing.T) {
	b, err := os.ReadFile("../../events/payroll-start.json")
	if err != nil {
		t.Fatal(err)
	}
	r := novemberStack(t)
	resp, body := r.do(t, "POST", "/_local/tasks/PayrollTaskArn", "", "application/json", string(b), local.SecretHeader, r.secret(t))
	var out payrun.Started
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &out) != nil || out.Final || !slices.Equal(out.Batches, []int{0}) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	// The answer names the batch; its two PAs' work is stored for the
	// calculate step.
	var job payrun.TaskInput
	if err := json.Unmarshal(b, &job); err != nil {
		t.Fatal(err)
	}
	batch, coop, err := r.stack.Store.Batch(context.Background(), "demo", job.Job, 0)
	if err != nil || coop.ID != "demo" || batch.PayDate != "2026-11-07" || len(batch.Work) != 2 || len(batch.Work[0].Lines) == 0 {
		t.Fatalf("%+v %v", batch, err)
	}
}

// TestLocalEndpointsTakeTheLocalSecret: without the secret kept in the data
// folder, or with another, make dev's task and tick endpoints refuse and
// start nothing.
func TestLocalEndpointsTakeTheLocalSecret(t *testing.T) {
	b, err := os.ReadFile("../../events/payroll-start.json")
	if err != nil {
		t.Fatal(err)
	}
	r := novemberStack(t)
	for _, secret := range []string{"", "not-the-secret", r.secret(t)[1:]} {
		for _, path := range []string{"/_local/tasks/PayrollTaskArn", "/_local/tick"} {
			if resp, body := r.do(t, "POST", path, "", "application/json", string(b), local.SecretHeader, secret); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("%s with secret %q: %d %s", path, secret, resp.StatusCode, body)
			}
		}
	}
	r.stack.Workflows.Wait()
	if _, err := r.stack.Store.Run(context.Background(), "demo", "2026-10"); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Fatalf("a run was started without the secret: %v", err)
	}
}

// TestAMonthWithNoShiftsPaysNothingAndFinalises: a quiet month (the demo
// co-op's September, before its records start) still runs to a preview with
// no payslips and no charges, and finalises.
func TestAMonthWithNoShiftsPaysNothingAndFinalises(t *testing.T) {
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	if resp, body := r.do(t, "POST", "/v1/payroll/runs", admin, "application/json", `{"month":"2026-09"}`); resp.StatusCode != http.StatusAccepted {
		t.Fatalf("start: %d %s", resp.StatusCode, body)
	}
	r.stack.Workflows.Wait()
	var run dpcoop.Run
	r.getJSON(t, "/v1/payroll/runs/2026-09", admin, &run)
	if run.Status != dpcoop.RunPreview || run.Totals.Payslips != 0 || len(run.Charges) != 0 || run.Error != "" {
		t.Fatalf("%+v", run)
	}
	if resp, body := r.do(t, "POST", "/v1/payroll/runs/2026-09/finalise", admin, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("finalise: %d %s", resp.StatusCode, body)
	}
}
