// Package testengine is a local stand-in for HMRC's Transaction Engine, for
// `make dev` and tests; it is never deployed. It speaks the Document
// Submission Protocol as rti.Client does (submit, acknowledgement, poll,
// response or error, delete) and checks what HMRC checks first: the
// envelope, the credentials, the IRmark (worked out again), the keys and
// the elements the FPS and EPS require. It answers with HMRC's error
// numbers and texts (docs/rti.md), and can be told to answer busy.
//
// Mount it at any path: it answers POSTs whose path ends in /submission or
// /poll, and tells clients to poll at BaseURL+"/poll" (or, without a
// BaseURL, the path it was called at with /poll in place of /submission).
package testengine

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dpcoop/dpcoop/internal/rti"
)

// Engine is the stand-in. Its zero value is not ready: use New.
type Engine struct {
	// BaseURL is where the engine is served from outside, without the
	// trailing /submission, when a proxy or StripPrefix hides it.
	BaseURL string
	// PollInterval is the wait, in seconds, the acknowledgement asks for.
	PollInterval int
	// PollsBeforeAnswer is how many polls are acknowledged again ("not yet")
	// before the answer.
	PollsBeforeAnswer int
	// Credentials, when set, are the only ones accepted.
	Credentials *rti.Credentials

	mu    sync.Mutex
	subs  map[string]*Submission
	order []string
	busy  int
	lose  int
	lists int
}

// Submission is one message the engine took, and what it made of it.
type Submission struct {
	CorrelationID string
	TransactionID string
	Class         string
	Message       []byte
	Errors        []rti.GovTalkError // empty: accepted
	Polls         int
	Deleted       bool
}

// New is an engine that asks for a one-second poll interval and answers
// at the first poll.
func New() *Engine { return &Engine{PollInterval: 1, subs: map[string]*Submission{}} }

// Busy makes the next n requests, of any kind, answer "busy".
func (e *Engine) Busy(n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.busy = n
}

// LoseAnswers makes the engine take the next n submissions but close the
// connection instead of answering, as when an answer is lost on the way:
// the sender cannot know whether HMRC took them.
func (e *Engine) LoseAnswers(n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.lose = n
}

// Lists is how many list requests the engine answered: a sender that lost
// an answer asks before sending again.
func (e *Engine) Lists() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.lists
}

// Submissions are the messages taken, in order.
func (e *Engine) Submissions() []Submission {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Submission, 0, len(e.order))
	for _, id := range e.order {
		out = append(out, *e.subs[id])
	}
	return out
}

// Errors HMRC's Transaction Engine and ChRIS answer with.
var (
	errSystem      = rti.GovTalkError{RaisedBy: "Gateway", Number: "1000", Type: "fatal", Text: "System failure. The submission of this document has failed due to an internal system error."}
	errSchema      = rti.GovTalkError{RaisedBy: "Gateway", Number: "1001", Type: "fatal", Text: "The submitted XML document either failed to validate against the GovTalk schema for this class of document or its body was badly formed."}
	errCorrelation = rti.GovTalkError{RaisedBy: "Gateway", Number: "1020", Type: "fatal", Text: "The submitted document contains an entry for CorrelationID, which is a reserved system field. This field should be left empty."}
	errAuth        = rti.GovTalkError{RaisedBy: "Gateway", Number: "1046", Type: "fatal", Text: "Authentication Failure. The supplied user credentials failed validation for the requested service."}
	errUnknown     = rti.GovTalkError{RaisedBy: "Gateway", Number: "2000", Type: "fatal", Text: "The document being transmitted does not exist on the system."}
	errBusiness    = rti.GovTalkError{RaisedBy: "Department", Number: "3001", Type: "business", Text: "The submission of this document has failed due to departmental specific business logic in the Body tag."}
)

// Business errors ChRIS raises.
func chris(number, text, location string) rti.GovTalkError {
	return rti.GovTalkError{RaisedBy: "ChRIS", Number: number, Type: "business", Text: text, Location: location}
}

var classes = map[string]bool{
	"HMRC-PAYE-RTI-FPS": true, "HMRC-PAYE-RTI-FPS-TIL": true,
	"HMRC-PAYE-RTI-EPS": true, "HMRC-PAYE-RTI-EPS-TIL": true,
}

type key struct {
	Type  string `xml:"Type,attr"`
	Value string `xml:",chardata"`
}

type request struct {
	Class         string      `xml:"Header>MessageDetails>Class"`
	Qualifier     string      `xml:"Header>MessageDetails>Qualifier"`
	Function      string      `xml:"Header>MessageDetails>Function"`
	CorrelationID string      `xml:"Header>MessageDetails>CorrelationID"`
	TransactionID string      `xml:"Header>MessageDetails>TransactionID"`
	SenderID      string      `xml:"Header>SenderDetails>IDAuthentication>SenderID"`
	Password      string      `xml:"Header>SenderDetails>IDAuthentication>Authentication>Value"`
	Keys          []key       `xml:"GovTalkDetails>Keys>Key"`
	VendorID      string      `xml:"GovTalkDetails>ChannelRouting>Channel>URI"`
	Envelope      *irenvelope `xml:"Body>IRenvelope"`
}

type empRefs struct {
	OfficeNo string `xml:"OfficeNo"`
	PayeRef  string `xml:"PayeRef"`
	AORef    string `xml:"AORef"`
}

type employee struct {
	Surname string `xml:"EmployeeDetails>Name>Sur"`
	Gender  string `xml:"EmployeeDetails>Gender"`
	Payment *struct {
		PmtDate    string `xml:"PmtDate"`
		TaxCode    string `xml:"TaxCode"`
		TaxablePay string `xml:"TaxablePay"`
		Tax        string `xml:"TaxDeductedOrRefunded"`
	} `xml:"Employment>Payment"`
	ToDate *struct{}  `xml:"Employment>FiguresToDate"`
	NI     []struct{} `xml:"Employment>NIlettersAndValues"`
}

type summary struct {
	EmpRefs        empRefs    `xml:"EmpRefs"`
	RelatedTaxYear string     `xml:"RelatedTaxYear"`
	Employees      []employee `xml:"Employee"`
	Final          *struct{}  `xml:"FinalSubmission"`
}

type irenvelope struct {
	XMLName   xml.Name
	Keys      []key    `xml:"IRheader>Keys>Key"`
	PeriodEnd string   `xml:"IRheader>PeriodEnd"`
	Sender    string   `xml:"IRheader>Sender"`
	FPS       *summary `xml:"FullPaymentSubmission"`
	EPS       *summary `xml:"EmployerPaymentSummary"`
}

// ServeHTTP answers one Document Submission Protocol message.
func (e *Engine) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST a GovTalk message", http.StatusMethodNotAllowed)
		return
	}
	msg, err := io.ReadAll(io.LimitReader(r.Body, 10<<20))
	if err != nil {
		http.Error(w, "unreadable body", http.StatusBadRequest)
		return
	}
	var req request
	if err := xml.Unmarshal(msg, &req); err != nil {
		e.reply(w, reply{class: "unknown", qualifier: "error", function: "submit", errors: []rti.GovTalkError{errSchema}})
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.busy > 0 {
		e.busy--
		e.reply(w, reply{class: req.Class, qualifier: "error", function: req.Function, correlationID: req.CorrelationID, errors: []rti.GovTalkError{errSystem}})
		return
	}
	base := e.BaseURL
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host + strings.TrimSuffix(strings.TrimSuffix(r.URL.Path, "/submission"), "/poll")
	}
	switch {
	case strings.HasSuffix(r.URL.Path, "/submission") && req.Qualifier == "request" && req.Function == "submit":
		e.submit(w, req, msg, base)
	case req.Qualifier == "poll" && req.Function == "submit":
		e.poll(w, req, base)
	case req.Qualifier == "request" && req.Function == "delete":
		e.delete(w, req)
	case strings.HasSuffix(r.URL.Path, "/submission") && req.Qualifier == "request" && req.Function == "list":
		e.list(w, req)
	default:
		e.reply(w, reply{class: req.Class, qualifier: "error", function: req.Function, errors: []rti.GovTalkError{errSchema}})
	}
}

func (e *Engine) submit(w http.ResponseWriter, req request, msg []byte, base string) {
	fatal := func(err rti.GovTalkError) {
		e.reply(w, reply{class: req.Class, qualifier: "error", function: "submit", errors: []rti.GovTalkError{err}})
	}
	switch {
	case !classes[req.Class] || req.Envelope == nil:
		fatal(errSchema)
		return
	case strings.TrimSpace(req.CorrelationID) != "":
		fatal(errCorrelation)
		return
	case !e.authentic(req):
		fatal(errAuth)
		return
	}
	s := &Submission{CorrelationID: newCorrelationID(), TransactionID: req.TransactionID, Class: req.Class, Message: msg, Errors: check(req, msg)}
	e.subs[s.CorrelationID] = s
	e.order = append(e.order, s.CorrelationID)
	if e.lose > 0 {
		e.lose--
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	e.reply(w, reply{class: req.Class, qualifier: "acknowledgement", function: "submit", correlationID: s.CorrelationID,
		endpoint: base + "/poll", interval: e.PollInterval})
}

// authentic reports whether the request carries credentials the engine
// accepts.
func (e *Engine) authentic(req request) bool {
	return req.SenderID != "" && req.Password != "" &&
		(e.Credentials == nil || req.SenderID == e.Credentials.SenderID && req.Password == e.Credentials.Password)
}

// list answers a data request with the submissions of the class the
// engine still holds (not deleted), with their TransactionIDs.
func (e *Engine) list(w http.ResponseWriter, req request) {
	if !e.authentic(req) {
		e.reply(w, reply{class: req.Class, qualifier: "error", function: "list", errors: []rti.GovTalkError{errAuth}})
		return
	}
	e.lists++
	var held []statusRecord
	for _, id := range e.order {
		if s := e.subs[id]; !s.Deleted && s.Class == req.Class {
			status := "SUBMISSION_ACKNOWLEDGEMENT"
			if s.Polls > e.PollsBeforeAnswer {
				status = "SUBMISSION_RESPONSE"
			}
			held = append(held, statusRecord{correlationID: s.CorrelationID, transactionID: s.TransactionID, status: status})
		}
	}
	e.reply(w, reply{class: req.Class, qualifier: "response", function: "list", statuses: held, listed: true})
}

func (e *Engine) poll(w http.ResponseWriter, req request, base string) {
	s, ok := e.subs[req.CorrelationID]
	if !ok || s.Deleted {
		e.reply(w, reply{class: req.Class, qualifier: "error", function: "submit", correlationID: req.CorrelationID, errors: []rti.GovTalkError{errUnknown}})
		return
	}
	s.Polls++
	if s.Polls <= e.PollsBeforeAnswer {
		e.reply(w, reply{class: req.Class, qualifier: "acknowledgement", function: "submit", correlationID: s.CorrelationID,
			endpoint: base + "/poll", interval: e.PollInterval})
		return
	}
	if len(s.Errors) > 0 {
		e.reply(w, reply{class: s.Class, qualifier: "error", function: "submit", correlationID: s.CorrelationID,
			endpoint: base + "/poll", interval: e.PollInterval, errors: []rti.GovTalkError{errBusiness}, business: s.Errors})
		return
	}
	mark, _ := rti.IRmark(s.Message) // checked when it was taken
	e.reply(w, reply{class: s.Class, qualifier: "response", function: "submit", correlationID: s.CorrelationID,
		endpoint: base + "/poll", interval: e.PollInterval, receipt: mark.Base32})
}

func (e *Engine) delete(w http.ResponseWriter, req request) {
	s, ok := e.subs[req.CorrelationID]
	if !ok || s.Deleted {
		e.reply(w, reply{class: req.Class, qualifier: "error", function: "delete", correlationID: req.CorrelationID, errors: []rti.GovTalkError{errUnknown}})
		return
	}
	s.Deleted = true
	e.reply(w, reply{class: req.Class, qualifier: "response", function: "delete", correlationID: s.CorrelationID})
}

var (
	aoRef         = regexp.MustCompile(`^[0-9]{3}P[A-Z][0-9]{7}[0-9X]$`)
	relatedYearNS = regexp.MustCompile(`/(\d{2}-\d{2})/\d+$`)
)

// check finds the business and schema errors HMRC would report for an
// FPS or EPS: the IRmark, the keys, the employer references and the
// elements every employee needs.
func check(req request, msg []byte) []rti.GovTalkError {
	var errs []rti.GovTalkError
	env := req.Envelope
	if mark, err := rti.IRmark(msg); err != nil || mark.Base64 != rti.StatedIRmark(msg) {
		errs = append(errs, chris("2021", "The supplied IRmark is incorrect.", "IRmark"))
	}
	gov := map[string]string{}
	for _, k := range req.Keys {
		gov[k.Type] = k.Value
	}
	ir := map[string]string{}
	for _, k := range env.Keys {
		ir[k.Type] = k.Value
		if gov[k.Type] != k.Value {
			errs = append(errs, chris("5005", "Keys in the GovTalkDetails do not match those in the IRheader.", "IRheader/Keys"))
		}
	}
	if len(env.Keys) == 0 {
		errs = append(errs, chris("5004", "At least one key must exist in the IRheader", "IRheader"))
	}
	schema := func(where string) {
		errs = append(errs, rti.GovTalkError{RaisedBy: "ChRIS", Number: errSchema.Number, Type: "schema", Text: "A required element is missing or not in the form the schema requires.", Location: where})
	}
	doc, isFPS := env.FPS, strings.HasPrefix(req.Class, "HMRC-PAYE-RTI-FPS")
	if !isFPS {
		doc = env.EPS
	}
	if doc == nil || env.PeriodEnd == "" || env.Sender == "" {
		schema("IRenvelope")
		return errs
	}
	if doc.EmpRefs.OfficeNo != ir["TaxOfficeNumber"] {
		errs = append(errs, chris("7821", "The TaxOfficeNumber key within the IRheader must match the HMRC office number", "EmpRefs/OfficeNo"))
	}
	if doc.EmpRefs.PayeRef != ir["TaxOfficeReference"] {
		errs = append(errs, chris("7822", "The TaxOfficeReference key within the IRheader must match the employer PAYE reference", "EmpRefs/PayeRef"))
	}
	if !aoRef.MatchString(doc.EmpRefs.AORef) {
		schema("EmpRefs/AORef")
	}
	if m := relatedYearNS.FindStringSubmatch(env.XMLName.Space); m == nil || m[1] != doc.RelatedTaxYear {
		schema("RelatedTaxYear")
	}
	if isFPS && len(doc.Employees) == 0 && doc.Final == nil {
		schema("FullPaymentSubmission")
	}
	for i, emp := range doc.Employees {
		at := "Employee[" + strconv.Itoa(i+1) + "]"
		p := emp.Payment
		if emp.Surname == "" || (emp.Gender != "M" && emp.Gender != "F") || emp.ToDate == nil || len(emp.NI) == 0 ||
			p == nil || p.PmtDate == "" || p.TaxCode == "" || p.TaxablePay == "" || p.Tax == "" {
			schema(at)
		}
	}
	return errs
}

func newCorrelationID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("testengine: no randomness: %v", err)) // crypto/rand does not fail on supported systems
	}
	return strings.ToUpper(hex.EncodeToString(b))
}
