package rti

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The Document Submission Protocol
//
// HMRC's Transaction Engine takes a submission and answers at once with an
// acknowledgement: a CorrelationID, the ResponseEndPoint to poll and the
// PollInterval in seconds. The client polls there, no sooner than the
// interval, until the answer is a response (accepted) or an error
// (rejected, with HMRC's error numbers and text), then sends a delete
// request so that HMRC can clear the answer away. A busy Transaction Engine
// (HTTP 503, or error 1000 "system failure") is asked again after a wait:
// a busy answer to a submission means it was not taken, so sending it
// again does not file it twice; a busy answer to a poll is polled again.

// Service is one of HMRC's Transaction Engine services (a stage's
// endpoint): where to submit, and how to mark a test message.
type Service struct {
	Name          string
	SubmissionURL string
	// GatewayTest marks messages for HMRC's External Test Service.
	GatewayTest bool
	// TestInLive sends to the live service with the "-TIL" message class,
	// which HMRC validates but does not file.
	TestInLive bool
}

// PollURL is where the service answers polls: beside its submission URL
// (…/submission, …/poll), as HMRC's Transaction Engine does. A submission
// found again through HMRC's list is polled there.
func (s Service) PollURL() string {
	return strings.TrimSuffix(s.SubmissionURL, "/submission") + "/poll"
}

func (s Service) class(doc Document) string {
	if s.TestInLive {
		return doc.Class() + "-TIL"
	}
	return doc.Class()
}

// HMRC's services, by the names a stack's settings use. "local" is the
// testengine stand-in; its URL is the stack's own.
var services = map[string]Service{
	"ets":  {Name: "ets", SubmissionURL: "https://test-transaction-engine.tax.service.gov.uk/submission", GatewayTest: true},
	"til":  {Name: "til", SubmissionURL: "https://transaction-engine.tax.service.gov.uk/submission", TestInLive: true},
	"live": {Name: "live", SubmissionURL: "https://transaction-engine.tax.service.gov.uk/submission"},
}

// ServiceNamed is HMRC's service of a stage setting: "ets" (External Test
// Service), "til" (Test in Live) or "live".
func ServiceNamed(name string) (Service, error) {
	s, ok := services[name]
	if !ok {
		return Service{}, fmt.Errorf("rti: no Transaction Engine service %q", name)
	}
	return s, nil
}

// GovTalkError is one of HMRC's errors: the GovTalk header's, or a
// business error from the Body's ErrorResponse.
type GovTalkError struct {
	RaisedBy string `xml:"RaisedBy"`
	Number   string `xml:"Number"`
	Type     string `xml:"Type"`
	Text     string `xml:"Text"`
	Location string `xml:"Location"`
}

// Reply is what the Transaction Engine answered.
type Reply struct {
	Class         string
	Qualifier     string // acknowledgement, response or error
	Function      string
	CorrelationID string
	// ResponseEndPoint is where to poll; PollInterval how long to wait first.
	ResponseEndPoint string
	PollInterval     time.Duration
	Errors           []GovTalkError // header errors, then business errors
}

type replyXML struct {
	Class         string `xml:"Header>MessageDetails>Class"`
	Qualifier     string `xml:"Header>MessageDetails>Qualifier"`
	Function      string `xml:"Header>MessageDetails>Function"`
	CorrelationID string `xml:"Header>MessageDetails>CorrelationID"`
	EndPoint      struct {
		URL      string `xml:",chardata"`
		Interval string `xml:"PollInterval,attr"`
	} `xml:"Header>MessageDetails>ResponseEndPoint"`
	Errors   []GovTalkError `xml:"GovTalkDetails>GovTalkErrors>Error"`
	Business []GovTalkError `xml:"Body>ErrorResponse>Error"`
}

// ParseReply reads a Transaction Engine message.
func ParseReply(b []byte) (Reply, error) {
	var x replyXML
	if err := xml.Unmarshal(b, &x); err != nil {
		return Reply{}, fmt.Errorf("rti: unreadable Transaction Engine answer: %w", err)
	}
	r := Reply{Class: x.Class, Qualifier: x.Qualifier, Function: x.Function, CorrelationID: strings.TrimSpace(x.CorrelationID),
		ResponseEndPoint: strings.TrimSpace(x.EndPoint.URL), Errors: append(x.Errors, x.Business...)}
	if x.EndPoint.Interval != "" {
		n, err := strconv.Atoi(x.EndPoint.Interval)
		if err != nil || n < 0 {
			return Reply{}, fmt.Errorf("rti: PollInterval %q is not a number of seconds", x.EndPoint.Interval)
		}
		r.PollInterval = time.Duration(n) * time.Second
	}
	return r, nil
}

// busy reports HMRC's "try again later": error 1000, system failure.
func (r Reply) busy() bool {
	for _, e := range r.Errors {
		if e.Number == "1000" {
			return true
		}
	}
	return false
}

// Client submits documents to one Transaction Engine service.
type Client struct {
	HTTP    *http.Client
	Sending Sending
	// Wait pauses between polls and retries; nil waits on the clock.
	Wait func(ctx context.Context, d time.Duration) error
	// MaxPolls and BusyRetries bound the waiting (defaults 120 and 5).
	MaxPolls    int
	BusyRetries int
	// Acknowledged, if set, is told HMRC's CorrelationID and where to poll
	// as soon as HMRC takes the submission, before polling: a caller keeps
	// them, so that a submission interrupted later is followed with Resume,
	// never sent again. An error from it stops the submission there.
	Acknowledged func(ctx context.Context, correlationID, endpoint string) error
}

// Outcome is what became of one submission: what was sent (without the
// password), its IRmark and CorrelationID, HMRC's final answer and errors.
type Outcome struct {
	Sent          []byte
	IRmark        Mark
	CorrelationID string
	Accepted      bool
	Errors        []GovTalkError
	Answer        []byte // HMRC's response or error message
	Deleted       bool   // HMRC confirmed the delete request
}

// ErrNoAnswer means a submission went out but no answer came back, so
// whether HMRC took it is not known: it must not simply be sent again.
var ErrNoAnswer = errors.New("rti: the Transaction Engine did not answer the submission")

// ErrBusy is a busy answer, after the retries it allows.
var ErrBusy = errors.New("rti: the Transaction Engine is busy")

// Submit sends doc and follows it to HMRC's answer. A rejection is an
// Outcome with Accepted false and HMRC's errors, not an error; an error
// means the protocol could not be completed.
func (c *Client) Submit(ctx context.Context, doc Document) (Outcome, error) {
	msg, mark, err := Message(doc, c.Sending)
	if err != nil {
		return Outcome{}, err
	}
	out := Outcome{Sent: Redacted(msg), IRmark: mark}
	var ack Reply
	for attempt := 0; ; attempt++ {
		body, r, err := c.post(ctx, c.Sending.Service.SubmissionURL, msg)
		if err != nil && !errors.Is(err, ErrBusy) {
			return out, fmt.Errorf("%w: %v", ErrNoAnswer, err)
		}
		if err == nil && !(r.Qualifier == "error" && r.busy() && r.CorrelationID == "") {
			ack = r
			if r.Qualifier != "acknowledgement" {
				return c.finish(out, r, body)
			}
			break
		}
		if attempt >= c.busyRetries() {
			return out, ErrBusy
		}
		if err := c.wait(ctx, backoff(attempt)); err != nil {
			return out, err
		}
	}
	out.CorrelationID = ack.CorrelationID
	if out.CorrelationID == "" || ack.ResponseEndPoint == "" {
		return out, errors.New("rti: the acknowledgement has no CorrelationID or ResponseEndPoint")
	}
	if c.Acknowledged != nil {
		if err := c.Acknowledged(ctx, out.CorrelationID, ack.ResponseEndPoint); err != nil {
			return out, err
		}
	}
	return c.follow(ctx, doc, out, ack.ResponseEndPoint, ack.PollInterval)
}

// resumeInterval is the wait before the first poll of a resumed submission,
// whose acknowledgement's interval is not known any more.
const resumeInterval = 10 * time.Second

// Resume follows a submission HMRC acknowledged before (its CorrelationID
// and ResponseEndPoint kept) to HMRC's answer, without sending it again.
func (c *Client) Resume(ctx context.Context, doc Document, correlationID, endpoint string) (Outcome, error) {
	if correlationID == "" || endpoint == "" {
		return Outcome{}, errors.New("rti: resuming needs the CorrelationID and ResponseEndPoint")
	}
	return c.follow(ctx, doc, Outcome{CorrelationID: correlationID}, endpoint, resumeInterval)
}

// follow polls an acknowledged submission until HMRC's answer, then asks
// HMRC to delete it.
func (c *Client) follow(ctx context.Context, doc Document, out Outcome, endpoint string, interval time.Duration) (Outcome, error) {
	busy := 0
	for polls := 0; polls < c.maxPolls(); polls++ {
		if err := c.wait(ctx, interval); err != nil {
			return out, err
		}
		body, r, err := c.post(ctx, endpoint, c.control(doc, "poll", "submit", out.CorrelationID))
		if errors.Is(err, ErrBusy) || (err == nil && r.Qualifier == "error" && r.busy()) {
			if busy++; busy > c.busyRetries() {
				return out, ErrBusy
			}
			continue
		}
		if err != nil {
			return out, err
		}
		if r.ResponseEndPoint != "" {
			endpoint = r.ResponseEndPoint
		}
		if r.PollInterval > 0 {
			interval = r.PollInterval
		}
		if r.Qualifier == "acknowledgement" {
			continue
		}
		out, err := c.finish(out, r, body)
		if err != nil {
			return out, err
		}
		return c.delete(ctx, doc, endpoint, out)
	}
	return out, fmt.Errorf("rti: no answer after %d polls", c.maxPolls())
}

// Find asks HMRC for the submissions of doc's class it still holds (a data
// request, Function list) and returns the CorrelationID of the one sent
// with transactionID, or "" if HMRC has none: after ErrNoAnswer, a
// submission HMRC did not take may be sent again, one it took is resumed.
func (c *Client) Find(ctx context.Context, doc Document, transactionID string) (string, error) {
	if transactionID == "" {
		return "", errors.New("rti: finding a submission needs its TransactionID")
	}
	for attempt := 0; ; attempt++ {
		body, r, err := c.post(ctx, c.Sending.Service.SubmissionURL, c.list(doc))
		if err == nil && !(r.Qualifier == "error" && r.busy()) {
			if r.Qualifier != "response" {
				return "", fmt.Errorf("rti: HMRC refused the list request (%d errors)", len(r.Errors))
			}
			var x struct {
				Records []struct {
					CorrelationID string `xml:"CorrelationID"`
					TransactionID string `xml:"TransactionID"`
				} `xml:"Body>StatusReport>StatusRecord"`
			}
			if err := xml.Unmarshal(body, &x); err != nil {
				return "", fmt.Errorf("rti: unreadable list: %w", err)
			}
			for _, rec := range x.Records {
				if strings.TrimSpace(rec.TransactionID) == transactionID {
					return strings.TrimSpace(rec.CorrelationID), nil
				}
			}
			return "", nil
		}
		if err != nil && !errors.Is(err, ErrBusy) {
			return "", err
		}
		if attempt >= c.busyRetries() {
			return "", ErrBusy
		}
		if err := c.wait(ctx, backoff(attempt)); err != nil {
			return "", err
		}
	}
}

// finish records HMRC's final answer.
func (c *Client) finish(out Outcome, r Reply, body []byte) (Outcome, error) {
	out.Answer = body
	switch r.Qualifier {
	case "response":
		out.Accepted = true
	case "error":
		out.Errors = r.Errors
	default:
		return out, fmt.Errorf("rti: unexpected %q answer", r.Qualifier)
	}
	if out.CorrelationID == "" {
		out.CorrelationID = r.CorrelationID
	}
	return out, nil
}

// delete asks HMRC to clear the answer away once it has been read.
func (c *Client) delete(ctx context.Context, doc Document, endpoint string, out Outcome) (Outcome, error) {
	_, r, err := c.post(ctx, endpoint, c.control(doc, "request", "delete", out.CorrelationID))
	if err != nil {
		return out, fmt.Errorf("rti: delete request: %w", err)
	}
	out.Deleted = r.Qualifier == "response" && r.Function == "delete"
	return out, nil
}

// control writes a poll or delete request: the envelope with the
// CorrelationID and an empty Body.
func (c *Client) control(doc Document, qualifier, function, correlationID string) []byte {
	return c.dataRequest(doc, qualifier, function, correlationID, false)
}

// list writes a data request for the submissions HMRC holds of doc's
// class; it is authenticated like a submission.
func (c *Client) list(doc Document) []byte {
	return c.dataRequest(doc, "request", "list", "", true)
}

func (c *Client) dataRequest(doc Document, qualifier, function, correlationID string, authenticated bool) []byte {
	w := &writer{}
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	w.b.WriteString("\n" + `<GovTalkMessage xmlns="` + EnvelopeNS + `">`)
	w.depth = 1
	w.leaf("EnvelopeVersion", "2.0")
	w.open("Header")
	w.open("MessageDetails")
	w.leaf("Class", c.Sending.Service.class(doc))
	w.leaf("Qualifier", qualifier)
	w.leaf("Function", function)
	w.leaf("CorrelationID", correlationID)
	w.leaf("Transformation", "XML")
	if c.Sending.Service.GatewayTest {
		w.leaf("GatewayTest", "1")
	}
	w.close("MessageDetails")
	if authenticated {
		w.sender(c.Sending.Credentials)
	} else {
		w.leaf("SenderDetails", "")
	}
	w.close("Header")
	w.open("GovTalkDetails")
	w.leaf("Keys", "")
	w.close("GovTalkDetails")
	w.leaf("Body", "")
	w.b.WriteString("\n</GovTalkMessage>\n")
	return w.b.Bytes()
}

// post sends one message; an HTTP 5xx answer of 502, 503 or 504 is busy.
func (c *Client) post(ctx context.Context, url string, msg []byte) ([]byte, Reply, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(msg))
	if err != nil {
		return nil, Reply{}, err
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, Reply{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 10<<20))
	if err != nil {
		return nil, Reply{}, err
	}
	switch {
	case resp.StatusCode == http.StatusServiceUnavailable || resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout:
		return body, Reply{}, ErrBusy
	case resp.StatusCode != http.StatusOK:
		return body, Reply{}, fmt.Errorf("rti: Transaction Engine answered HTTP %d", resp.StatusCode)
	}
	r, err := ParseReply(body)
	return body, r, err
}

func (c *Client) wait(ctx context.Context, d time.Duration) error {
	if c.Wait != nil {
		return c.Wait(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (c *Client) maxPolls() int {
	if c.MaxPolls > 0 {
		return c.MaxPolls
	}
	return 120
}

func (c *Client) busyRetries() int {
	if c.BusyRetries > 0 {
		return c.BusyRetries
	}
	return 5
}

// backoff is the wait before the next try after a busy answer: 10 s,
// doubling, at most 5 minutes.
func backoff(attempt int) time.Duration {
	d := 10 * time.Second << attempt
	if d > 5*time.Minute || d <= 0 {
		return 5 * time.Minute
	}
	return d
}
