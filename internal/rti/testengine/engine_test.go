package testengine

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/rti"
)

func fps() rti.FPS {
	return rti.FPS{
		Employer: rti.Employer{OfficeNo: "123", PayeRef: "AB456", AccountsOffice: "123PG00012345"},
		Year:     "2026-27",
		Employees: []rti.Employee{{
			NINO: "AB123456C", Forenames: []string{"Ceri"}, Surname: "Jones",
			BirthDate: "1990-02-01", Gender: "F",
			Employment: rti.Employment{PayID: "pa-1",
				ToDate: rti.FiguresToDate{TaxablePay: 1_000_00, Tax: 0},
				Payment: rti.Payment{Frequency: "M1", Date: "2026-05-07", MonthNo: 2, PeriodsCovered: 1, HoursWorked: "A",
					TaxCode: "1257L", TaxRegime: "C", TaxablePay: 1_000_00},
				NI: []rti.NIFigures{{Letter: "A", GrossInPeriod: 1_000_00, GrossToDate: 1_000_00, AtLELToDate: 542_00, LELToPTToDate: 458_00}},
			},
		}},
	}
}

// setup serves an engine at /hmrc (as infra/local would mount it) and a
// client that records its waits instead of sleeping.
func setup(t *testing.T) (*Engine, *rti.Client, *[]time.Duration) {
	e := New()
	e.PollInterval = 7
	e.Credentials = &rti.Credentials{SenderID: "COOP1", Password: "s3cret"}
	mux := http.NewServeMux()
	mux.Handle("/hmrc/", e)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	var waits []time.Duration
	c := &rti.Client{
		HTTP: srv.Client(),
		Sending: rti.Sending{
			Credentials: rti.Credentials{SenderID: "COOP1", Password: "s3cret"},
			Channel:     rti.Channel{VendorID: "9999", Product: "dpcoop", Version: "1.0"},
			Service:     rti.Service{Name: "local", SubmissionURL: srv.URL + "/hmrc/submission", GatewayTest: true},
		},
		Wait: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil },
	}
	return e, c, &waits
}

func TestSubmitPollResponseDelete(t *testing.T) {
	e, c, waits := setup(t)
	e.PollsBeforeAnswer = 2
	out, err := c.Submit(context.Background(), fps())
	if err != nil {
		t.Fatal(err)
	}
	if !out.Accepted || len(out.Errors) != 0 || !out.Deleted {
		t.Fatalf("accepted %v, errors %v, deleted %v", out.Accepted, out.Errors, out.Deleted)
	}
	subs := e.Submissions()
	if len(subs) != 1 || subs[0].CorrelationID != out.CorrelationID || subs[0].Polls != 3 || !subs[0].Deleted {
		t.Fatalf("engine saw %+v", subs)
	}
	// Three polls, each after the 7 seconds the acknowledgement asked for.
	if len(*waits) != 3 || (*waits)[0] != 7*time.Second || (*waits)[2] != 7*time.Second {
		t.Errorf("waits %v", *waits)
	}
	if !bytes.Contains(out.Answer, []byte("IRmarkReceipt")) || !bytes.Contains(out.Answer, []byte(out.IRmark.Base32)) {
		t.Errorf("the response does not quote the IRmark: %s", out.Answer)
	}
	if bytes.Contains(out.Sent, []byte("s3cret")) || !bytes.Contains(subs[0].Message, []byte("s3cret")) {
		t.Error("the kept copy must lack the password that went to HMRC")
	}
}

// HMRC busy at the submission and at a poll: the client waits and asks
// again, and the engine has exactly one submission.
func TestBusyThenRetryWithoutASecondSubmission(t *testing.T) {
	e, c, waits := setup(t)
	e.Busy(2) // the submission, then its retry
	out, err := c.Submit(context.Background(), fps())
	if err != nil {
		t.Fatal(err)
	}
	if !out.Accepted {
		t.Fatalf("accepted %v, errors %v, deleted %v", out.Accepted, out.Errors, out.Deleted)
	}
	if n := len(e.Submissions()); n != 1 {
		t.Fatalf("%d submissions taken", n)
	}
	if (*waits)[0] != 10*time.Second || (*waits)[1] != 20*time.Second {
		t.Errorf("busy waits %v", *waits)
	}

	e2, c2, _ := setup(t)
	e2.PollsBeforeAnswer = 1
	once := false
	c2.Wait = func(_ context.Context, d time.Duration) error {
		if subs := e2.Submissions(); !once && len(subs) == 1 && subs[0].Polls == 1 {
			e2.Busy(1) // the second poll finds HMRC busy
			once = true
		}
		return nil
	}
	out, err = c2.Submit(context.Background(), fps())
	if err != nil || !out.Accepted {
		t.Fatalf("after a busy poll: accepted %v, errors %v, %v", out.Accepted, out.Errors, err)
	}
	if subs := e2.Submissions(); len(subs) != 1 || subs[0].Polls != 2 || !subs[0].Deleted {
		t.Fatalf("engine saw %+v", subs)
	}

	e3, c3, _ := setup(t)
	e3.Busy(100)
	if _, err := c3.Submit(context.Background(), fps()); !errors.Is(err, rti.ErrBusy) {
		t.Errorf("always busy: %v", err)
	}
	if n := len(e3.Submissions()); n != 0 {
		t.Errorf("%d submissions taken while busy", n)
	}
}

// A wrong IRmark comes back as HMRC's business error 2021, after polling,
// and the answer is still deleted.
func TestWrongIRmarkIsRejected(t *testing.T) {
	e, c, _ := setup(t)
	msg, _, err := rti.Message(fps(), c.Sending)
	if err != nil {
		t.Fatal(err)
	}
	tampered := bytes.Replace(msg, []byte("<TaxablePay>1000.00</TaxablePay>"), []byte("<TaxablePay>1000.01</TaxablePay>"), 1)
	first := post(t, c.Sending.Service.SubmissionURL, tampered)
	subs := e.Submissions()
	if len(subs) != 1 || len(subs[0].Errors) != 1 || subs[0].Errors[0].Number != "2021" || subs[0].Errors[0].Text != "The supplied IRmark is incorrect." {
		t.Fatalf("engine made %+v", subs)
	}

	ack := first
	poll := strings.Replace(string(msg), "<Qualifier>request</Qualifier>", "<Qualifier>poll</Qualifier>", 1)
	poll = strings.Replace(poll, "<CorrelationID></CorrelationID>", "<CorrelationID>"+ack.CorrelationID+"</CorrelationID>", 1)
	answer := post(t, ack.ResponseEndPoint, []byte(poll))
	if answer.Qualifier != "error" || len(answer.Errors) != 2 || answer.Errors[0].Number != "3001" ||
		answer.Errors[1].Number != "2021" || answer.Errors[1].Type != "business" {
		t.Fatalf("answer %+v", answer)
	}
}

func post(t *testing.T, url string, msg []byte) rti.Reply {
	t.Helper()
	resp, err := http.Post(url, "text/xml", bytes.NewReader(msg))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	r, err := rti.ParseReply(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestEngineRefusesBadEnvelopes(t *testing.T) {
	e, c, _ := setup(t)
	c.Sending.Credentials.Password = "wrong"
	out, err := c.Submit(context.Background(), fps())
	if err != nil {
		t.Fatal(err)
	}
	if out.Accepted || len(out.Errors) != 1 || out.Errors[0].Number != "1046" {
		t.Fatalf("wrong password: accepted %v, errors %v", out.Accepted, out.Errors)
	}
	if n := len(e.Submissions()); n != 0 {
		t.Errorf("%d submissions taken with a wrong password", n)
	}
}

// An answer lost on the way: the submission went out, the client cannot
// know whether HMRC took it. Asking HMRC's list by the TransactionID finds
// it, and Resume follows it to HMRC's answer without sending it again; a
// TransactionID HMRC does not hold is not found.
func TestLostAnswerIsFoundAndResumedNotSentAgain(t *testing.T) {
	e, c, _ := setup(t)
	c.Sending.TransactionID = "0A1B2C"
	e.LoseAnswers(1)
	if _, err := c.Submit(context.Background(), fps()); !errors.Is(err, rti.ErrNoAnswer) {
		t.Fatalf("lost answer: %v", err)
	}
	id, err := c.Find(context.Background(), fps(), "0A1B2C")
	if err != nil {
		t.Fatal(err)
	}
	subs := e.Submissions()
	if len(subs) != 1 || id != subs[0].CorrelationID || subs[0].TransactionID != "0A1B2C" {
		t.Fatalf("found %q; engine holds %+v", id, subs)
	}
	if other, err := c.Find(context.Background(), fps(), "FFFF"); err != nil || other != "" {
		t.Errorf("a transaction HMRC never took: %q, %v", other, err)
	}
	out, err := c.Resume(context.Background(), fps(), id, strings.TrimSuffix(c.Sending.Service.SubmissionURL, "/submission")+"/poll")
	if err != nil || !out.Accepted || !out.Deleted || out.CorrelationID != id {
		t.Fatalf("resumed: %+v, %v", out, err)
	}
	if n := len(e.Submissions()); n != 1 {
		t.Errorf("%d submissions taken", n)
	}
	// The list is authenticated like a submission.
	c.Sending.Credentials.Password = "wrong"
	if _, err := c.Find(context.Background(), fps(), "0A1B2C"); err == nil {
		t.Error("a list with wrong credentials was answered")
	}
}
