package apigw_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/filing"
	"github.com/dpcoop/dpcoop/internal/payrun"
	"github.com/dpcoop/dpcoop/internal/rti"
	"github.com/dpcoop/dpcoop/internal/rti/testengine"
)

// memVault stands in for AWS Secrets Manager (internal/secrets) in the
// handler tests: the credentials by co-op.
type memVault struct {
	mu sync.Mutex
	m  map[dpcoop.CoopID]rti.Credentials
}

func (v *memVault) SetCredentials(_ context.Context, coop dpcoop.CoopID, c rti.Credentials) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.m == nil {
		v.m = map[dpcoop.CoopID]rti.Credentials{}
	}
	v.m[coop] = c
	return nil
}

func (v *memVault) Credentials(_ context.Context, coop dpcoop.CoopID) (rti.Credentials, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	c, ok := v.m[coop]
	if !ok {
		return rti.Credentials{}, dpcoop.E("read hmrc credentials", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return c, nil
}

type submissionsView struct {
	Items []struct {
		dpcoop.Submission
		StateText  string `json:"state_text"`
		ReasonText string `json:"reason_text"`
		Errors     []struct {
			Number, Text, Explanation string
		} `json:"errors"`
	} `json:"items"`
}

// submitStep runs the state machine's submit step for the last execution
// the API started, against the stand-in engine.
func (tm *team) submitStep(engine *testengine.Engine) error {
	tm.t.Helper()
	srv := httptest.NewServer(engine)
	tm.t.Cleanup(srv.Close)
	runner := payrun.Runner{Store: tm.store, Now: func() time.Time { return tm.now }, Filer: &filing.Filer{
		Store: tm.store, Vault: tm.vault, HTTP: srv.Client(),
		Channel: rti.Channel{VendorID: "9999", Product: rti.Product, Version: rti.ProductVersion},
		Service: rti.Service{Name: "local", SubmissionURL: srv.URL + "/submission", GatewayTest: true},
		Wait:    func(context.Context, time.Duration) error { return nil }, Now: func() time.Time { return tm.now },
	}}
	tm.starts.mu.Lock()
	job := tm.starts.jobs[len(tm.starts.jobs)-1]
	tm.starts.mu.Unlock()
	_, err := runner.Handle(context.Background(), payrun.TaskInput{Step: "submit", Job: job})
	return err
}

// TestFilingAMonthWithSMPAndTheEmploymentAllowance: the co-op registers its
// PAYE scheme after paying July and August, claims the Employment
// Allowance, and Catrin's SMP starts on 25 October (TestSMPOverMonthsWith
// Recovery: £223.47 in October's run, paid 7 November, tax month 8). On
// finalising October the API queues the FPS and an EPS; the submit step
// sends both to the stand-in, which accepts them. The EPS claims the
// allowance and recovers, as a small employer, all of the £223.47 with NIC
// compensation of 8.5 %: £18.99 (1,899.495p, to the nearest penny).
// November's EPS recovers to date and does not claim the allowance again.
func TestFilingAMonthWithSMPAndTheEmploymentAllowance(t *testing.T) {
	tm := newTeam(t)
	id := map[string]string{"id": tm.pa}
	tm.paySummer()
	// No PAYE references yet: nothing was queued.
	var subs submissionsView
	tm.ok(tm.admin("GET", "/v1/payroll/runs/{month}/submissions", map[string]string{"month": "2026-08"}, ""), 200).into(t, &subs)
	if len(subs.Items) != 0 {
		t.Fatalf("filed before the co-op registered its scheme: %+v", subs)
	}
	tm.ok(withHeader(tm.admin("POST", "/v1/pas/{id}/parental-pay", id, `{"kind":"smp","due_date":"2027-01-10","start_date":"2026-10-25"}`), "idempotency-key", "smp-1"), 201)
	tm.pensionSettings(map[string]any{"paye_reference": "123/AB456", "accounts_office_reference": "123PG00012345", "employment_allowance": true})
	tm.ok(tm.admin("PUT", "/v1/pas/{id}", id, strings.Replace(catrin, "{", `{"hmrc_gender":"F",`, 1)), 200)
	tm.ok(tm.admin("PUT", "/v1/payroll/hmrc-credentials", nil, `{"sender_id":"COOP1","password":"s3cret-pw"}`), 204)
	if c, err := tm.vault.Credentials(context.Background(), "demo"); err != nil || c.Password != "s3cret-pw" {
		t.Fatalf("credentials not kept: %v", err)
	}

	tm.now = time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	tm.runMonth("2026-10")
	tm.finalise("2026-10", 200)
	oct := map[string]string{"month": "2026-10"}
	tm.ok(tm.admin("GET", "/v1/payroll/runs/{month}/submissions", oct, ""), 200).into(t, &subs)
	if len(subs.Items) != 2 || subs.Items[0].Kind != dpcoop.SubmissionEPS || subs.Items[1].Kind != dpcoop.SubmissionFPS {
		t.Fatalf("queued %+v", subs)
	}
	for _, s := range subs.Items {
		if s.State != dpcoop.SubmissionQueued || s.TaxYear != "2026-27" || s.TaxMonth != 8 || s.StateText != "Waiting to be sent" {
			t.Errorf("queued %+v", s)
		}
	}
	if !subs.Items[0].AllowanceClaimed {
		t.Error("the year's first EPS does not claim the Employment Allowance")
	}
	if job := tm.starts.jobs[len(tm.starts.jobs)-1]; !strings.HasSuffix(job.Execution, "-file-0") || job.Month != "2026-10" {
		t.Fatalf("finalising started %+v", job)
	}

	engine := testengine.New()
	engine.Credentials = &rti.Credentials{SenderID: "COOP1", Password: "s3cret-pw"}
	if err := tm.submitStep(engine); err != nil {
		t.Fatal(err)
	}
	taken := engine.Submissions()
	if len(taken) != 2 || taken[0].Class != "HMRC-PAYE-RTI-FPS" || taken[1].Class != "HMRC-PAYE-RTI-EPS" {
		t.Fatalf("engine took %d: %+v", len(taken), taken)
	}
	eps := string(taken[1].Message)
	for _, want := range []string{"<EmpAllceInd>yes</EmpAllceInd>", "<TaxMonth>8</TaxMonth>", "<SMPRecovered>223.47</SMPRecovered>",
		"<NICCompensationOnSMP>18.99</NICCompensationOnSMP>", "<RelatedTaxYear>26-27</RelatedTaxYear>"} {
		if !strings.Contains(eps, want) {
			t.Errorf("the EPS lacks %s", want)
		}
	}
	fps := string(taken[0].Message)
	for _, want := range []string{"<Gender>F</Gender>", "<NINO>AB123456C</NINO>", "<SMPYTD>223.47</SMPYTD>", "<PayFreq>M1</PayFreq>", "<MonthNo>8</MonthNo>"} {
		if !strings.Contains(fps, want) {
			t.Errorf("the FPS lacks %s", want)
		}
	}
	if strings.Contains(fps, "<StartDate>") {
		t.Error("an FPS after the PA's first payments carries the starter details")
	}
	tm.ok(tm.admin("GET", "/v1/payroll/runs/{month}/submissions", oct, ""), 200).into(t, &subs)
	for i, s := range subs.Items {
		want := taken[1-i] // EPS first in the list
		if s.State != dpcoop.SubmissionAccepted || s.CorrelationID != want.CorrelationID || s.Attempts != 1 || s.IRmark == "" || s.SentSHA256 == "" || s.Answered == nil {
			t.Errorf("%s: %+v", s.Kind, s)
		}
	}
	kept, err := tm.store.Submission(context.Background(), "demo", "2026-10", dpcoop.SubmissionFPS)
	if msg, merr := kept.Message(); err != nil || merr != nil || !strings.Contains(string(msg), "<NINO>AB123456C</NINO>") || strings.Contains(string(msg), "s3cret") {
		t.Errorf("the kept copy: %v %v, %d bytes, password kept %v", err, merr, len(msg), strings.Contains(string(msg), "s3cret"))
	}
	// The step again (a retry, a re-run): nothing is sent twice.
	if err := tm.submitStep(engine); err != nil || len(engine.Submissions()) != 2 {
		t.Fatalf("again: %v, %d taken", err, len(engine.Submissions()))
	}
	if resp := tm.call(tm.admin("GET", "/v1/payroll/runs/{month}/submissions", oct, ""), true); strings.Contains(resp.Body, "s3cret") {
		t.Error("the password is shown")
	}

	tm.now = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	tm.runMonth("2026-11")
	tm.finalise("2026-11", 200)
	if err := tm.submitStep(engine); err != nil {
		t.Fatal(err)
	}
	taken = engine.Submissions()
	eps = string(taken[len(taken)-1].Message)
	if len(taken) != 4 || strings.Contains(eps, "EmpAllceInd") || !strings.Contains(eps, fmt.Sprintf("<SMPRecovered>%d.%02d</SMPRecovered>", 5*22347/100, 5*22347%100)) {
		t.Fatalf("November: %d taken; EPS %s", len(taken), eps)
	}
}
