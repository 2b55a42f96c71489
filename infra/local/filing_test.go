package local_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// filingStack is the demo co-op on 23 November 2026 (October's work
// approved), registered with HMRC: its PAYE references and Government
// Gateway credentials given through the API. HMRC's waits take no time.
func filingStack(t *testing.T) (*running, string) {
	t.Helper()
	r := launch(t, inSharedDB(t, local.Options{DataDir: t.TempDir(), Log: io.Discard, Now: func() time.Time { return november }, RetryMS: "5",
		HMRCWait: func(context.Context, time.Duration) error { return nil }}))
	t.Cleanup(func() { r.stack.Close() })
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	r.setSettings(t, admin, map[string]any{"paye_reference": "123/AB456", "accounts_office_reference": "123PG00012345"})
	if resp, out := r.do(t, "PUT", "/v1/payroll/hmrc-credentials", admin, "application/json", `{"sender_id":"DEMO1","password":"s3cret-pw"}`); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("credentials: %d %s", resp.StatusCode, out)
	}
	return r, admin
}

// paInput is a PA's record as PUT /v1/pas/{id} takes it back, to change a
// field and keep the rest.
func (r *running) paInput(t *testing.T, admin, pa string) map[string]any {
	t.Helper()
	var rec map[string]any
	r.getJSON(t, "/v1/pas/"+pa, admin, &rec)
	in := map[string]any{}
	for _, k := range []string{"legal_name", "email", "phone", "address", "language", "date_of_birth", "ni_number", "tax_code",
		"starter_declaration", "p45", "student_loan_plan", "postgraduate_loan", "ni_category", "pension", "start_date", "bank", "hmrc_gender"} {
		if v, ok := rec[k]; ok {
			in[k] = v
		}
	}
	return in
}

// setGender records the gender HMRC holds for a PA, keeping their record.
func (r *running) setGender(t *testing.T, admin, pa, gender string) {
	t.Helper()
	in := r.paInput(t, admin, pa)
	in["hmrc_gender"] = gender
	b, _ := json.Marshal(in)
	if resp, out := r.do(t, "PUT", "/v1/pas/"+pa, admin, "application/json", string(b)); resp.StatusCode != http.StatusOK {
		t.Fatalf("set gender: %d %s", resp.StatusCode, out)
	}
}

type submissionList struct {
	Items []struct {
		dpcoop.Submission
		ReasonText string `json:"reason_text"`
	} `json:"items"`
}

func (r *running) submissions(t *testing.T, admin, month string) submissionList {
	t.Helper()
	var l submissionList
	if code := r.getJSON(t, "/v1/payroll/runs/"+month+"/submissions", admin, &l); code != http.StatusOK {
		t.Fatalf("submissions: %d", code)
	}
	return l
}

// TestFPSFiledAcceptedAndRetried: the demo co-op finalises October through
// the API; the execution it starts files the FPS with the stand-in HMRC,
// but Tom's record has no gender as HMRC holds it, so the FPS fails naming
// him, with what to do in the admin's language. The admin records it and
// retries: the FPS goes once, HMRC accepts it, and the list shows HMRC's
// CorrelationID. The credentials are in the data folder, not the table.
func TestFPSFiledAcceptedAndRetried(t *testing.T) {
	r, admin := filingStack(t)
	catrin, tom := local.DemoID("catrin"), local.DemoID("tom")
	r.setGender(t, admin, catrin, "F")
	r.payFinal(t, admin, "2026-10")
	r.stack.Workflows.Wait()
	l := r.submissions(t, admin, "2026-10")
	if len(l.Items) != 1 || l.Items[0].Kind != dpcoop.SubmissionFPS || l.Items[0].State != dpcoop.SubmissionFailed ||
		l.Items[0].Reason != dpcoop.SubmissionReasonNoGender || l.Items[0].PA != tom || !strings.Contains(l.Items[0].ReasonText, "hmrc_gender") {
		t.Fatalf("without Tom's gender: %+v", l)
	}
	if n := len(r.stack.HMRC.Submissions()); n != 0 {
		t.Fatalf("%d sent without a gender", n)
	}
	r.setGender(t, admin, tom, "M")
	if resp, out := r.do(t, "POST", "/v1/payroll/runs/2026-10/submissions/retry", admin, "", ""); resp.StatusCode != http.StatusAccepted {
		t.Fatalf("retry: %d %s", resp.StatusCode, out)
	}
	r.stack.Workflows.Wait()
	l = r.submissions(t, admin, "2026-10")
	taken := r.stack.HMRC.Submissions()
	if len(taken) != 1 || len(taken[0].Errors) != 0 || !taken[0].Deleted {
		t.Fatalf("the engine took %+v", taken)
	}
	s := l.Items[0]
	if s.State != dpcoop.SubmissionAccepted || s.CorrelationID != taken[0].CorrelationID || s.Attempts != 1 || s.Retries != 1 || s.Reason != "" {
		t.Fatalf("after the retry: %+v", s)
	}
	msg := string(taken[0].Message)
	for _, want := range []string{"<NINO>AB123456C</NINO>", "<Gender>F</Gender>", "<Gender>M</Gender>", "<StartDec>A</StartDec>",
		"<TaxablePay>1076.00</TaxablePay>", "<TaxablePay>269.00</TaxablePay>", "<HoursWorked>A</HoursWorked>", "<PmtDate>2026-11-07</PmtDate>"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the FPS lacks %s", want)
		}
	}
	// Retrying again: nothing failed, nothing to retry.
	if resp, out := r.do(t, "POST", "/v1/payroll/runs/2026-10/submissions/retry", admin, "", ""); resp.StatusCode != http.StatusConflict || !strings.Contains(out, dpcoop.CodeNothingToRetry) {
		t.Fatalf("second retry: %d %s", resp.StatusCode, out)
	}
	files, _ := filepath.Glob(filepath.Join(r.dir, "hmrc-credentials", "*.json"))
	if len(files) != 1 {
		t.Fatalf("credential files %v", files)
	}
	if st, err := os.Stat(files[0]); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("credential file mode: %v %v", st, err)
	}
	if data, keys := exportOf(t, r.stack.Store, local.DemoCoop); strings.Contains(string(data), "s3cret") || !strings.Contains(strings.Join(keys, " "), "SUB#2026-10#FPS") {
		t.Errorf("the password is in the table, or the submission is not: %v", keys)
	}
}

// TestFPSRetriedWithoutSendingTwice: HMRC answers busy to the submission
// and to its retry, then takes it but the answer is lost. The Submit
// step's retries wait it out: the busy answers were never submissions, and
// after the lost answer HMRC's list is asked, the submission found and
// polled, so the stand-in receives the FPS exactly once and it is accepted.
func TestFPSRetriedWithoutSendingTwice(t *testing.T) {
	r, admin := filingStack(t)
	r.setGender(t, admin, local.DemoID("catrin"), "F")
	r.setGender(t, admin, local.DemoID("tom"), "M")
	r.stack.HMRC.Busy(2)
	r.stack.HMRC.LoseAnswers(1)
	r.payFinal(t, admin, "2026-10")
	r.stack.Workflows.Wait()
	taken := r.stack.HMRC.Submissions()
	l := r.submissions(t, admin, "2026-10")
	if len(taken) != 1 || len(l.Items) != 1 || r.stack.HMRC.Lists() != 1 {
		t.Fatalf("the engine took %d submissions and answered %d list requests; the list %+v", len(taken), r.stack.HMRC.Lists(), l)
	}
	s := l.Items[0]
	if s.State != dpcoop.SubmissionAccepted || s.CorrelationID != taken[0].CorrelationID || s.TransactionID != taken[0].TransactionID || s.Attempts != 2 {
		t.Fatalf("after busy and a lost answer: %+v", s)
	}
}
