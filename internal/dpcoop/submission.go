package dpcoop

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strconv"
	"strings"
	"time"
)

// Filing with HMRC
//
// Each final run is reported to HMRC in Real Time Information: a Full
// Payment Submission (FPS) of what the PAs were paid and, where due, an
// Employer Payment Summary (EPS). A Submission keeps one document from
// queueing to HMRC's answer, so an admin sees what was sent and what HMRC
// said, and a retry or re-run never sends the same document twice.

// SubmissionKind is the RTI document a submission holds.
type SubmissionKind string

// The RTI documents a run files.
const (
	SubmissionFPS SubmissionKind = "FPS"
	SubmissionEPS SubmissionKind = "EPS"
)

// SubmissionState is where a submission has got to.
type SubmissionState string

// A submission is queued when the run is final, sent (recorded with a
// condition just before the message goes to HMRC: from then on HMRC may
// hold it, so it is never simply sent again), acknowledged (HMRC gave its
// CorrelationID), then accepted or rejected by HMRC; failed when it could
// not be completed (HMRC busy after the retries, an answer lost and not
// found, or a record HMRC needs missing).
const (
	SubmissionQueued       SubmissionState = "queued"
	SubmissionSent         SubmissionState = "sent"
	SubmissionAcknowledged SubmissionState = "acknowledged"
	SubmissionAccepted     SubmissionState = "accepted"
	SubmissionRejected     SubmissionState = "rejected"
	SubmissionFailed       SubmissionState = "failed"
)

// Settled reports whether HMRC has given its final answer.
func (s SubmissionState) Settled() bool {
	return s == SubmissionAccepted || s == SubmissionRejected
}

// Retryable reports whether an admin may send the submission again: it
// failed, or HMRC rejected it (nothing was filed) and the records have
// been put right.
func (s SubmissionState) Retryable() bool {
	return s == SubmissionFailed || s == SubmissionRejected
}

// Why a submission failed, besides HMRC's own errors.
const (
	SubmissionReasonBusy         = "hmrc_busy"        // HMRC answered busy after every retry
	SubmissionReasonNoAnswer     = "hmrc_no_answer"   // no answer, and HMRC's list does not settle it
	SubmissionReasonCredentials  = "no_credentials"   // the co-op's Government Gateway credentials are not stored
	SubmissionReasonReferences   = "no_paye_refs"     // the PAYE and Accounts Office references are not set
	SubmissionReasonPARecord     = "pa_record"        // a PA's record lacks what HMRC requires (see PA)
	SubmissionReasonNoGender     = "pa_gender"        // a PA's gender as HMRC holds it is not recorded
	SubmissionReasonStarter      = "pa_starter"       // a starter's declaration is not recorded
	SubmissionReasonUnknownState = "hmrc_unknown"     // HMRC no longer holds the answer to an acknowledged submission
	SubmissionReasonError        = "submission_error" // anything else: the operators' logs say more
)

// HMRCError is one of HMRC's errors on a submission, with its number and
// text as HMRC gave them.
type HMRCError struct {
	Number   string `json:"number"`
	Type     string `json:"type,omitempty"`
	Text     string `json:"text"`
	Location string `json:"location,omitempty"`
}

// MaxKeptMessage is the largest message a submission keeps in its own
// item (compressed); a larger one is kept as its digest only. DynamoDB's
// items hold at most 400 KB.
const MaxKeptMessage = 300 << 10

// Submission is one RTI document of a run and what became of it.
type Submission struct {
	Month    string          `json:"month"`
	Kind     SubmissionKind  `json:"kind"`
	TaxYear  string          `json:"tax_year"`
	TaxMonth int             `json:"tax_month"`
	State    SubmissionState `json:"state"`
	// TransactionID is ours, derived from the run, the kind and the send:
	// HMRC's list quotes it, so a message whose answer was lost is found.
	TransactionID    string `json:"transaction_id,omitempty"`
	CorrelationID    string `json:"correlation_id,omitempty"`
	ResponseEndPoint string `json:"-"`
	IRmark           string `json:"irmark,omitempty"`
	// Sent is the message as sent, password removed, gzip-compressed;
	// SentSHA256 its digest (of the uncompressed message). When the message
	// is too large for the item, Sent is empty and SentNotKept says so.
	Sent        []byte      `json:"-"`
	SentSHA256  string      `json:"sent_sha256,omitempty"`
	SentNotKept bool        `json:"sent_not_kept,omitempty"`
	Errors      []HMRCError `json:"errors,omitempty"`
	// Reason is why it failed (SubmissionReason...), with the PA concerned.
	Reason string `json:"reason,omitempty"`
	PA     string `json:"pa_id,omitempty"`
	// FailedFrom is the state a failed submission had reached: a retry goes
	// back to it, so one HMRC may hold is looked for, never sent blindly.
	FailedFrom SubmissionState `json:"-"`
	// AllowanceClaimed: this EPS claims the Employment Allowance.
	AllowanceClaimed bool `json:"employment_allowance_claimed,omitempty"`
	// Retries counts an admin's retries (each starts its own execution).
	Retries  int        `json:"retries,omitempty"`
	Attempts int        `json:"attempts"`
	Queued   time.Time  `json:"queued"`
	Updated  time.Time  `json:"updated"`
	Answered *time.Time `json:"answered,omitempty"`
}

// Keep keeps the message as sent (password removed): compressed in the
// submission if it fits, its SHA-256 digest always.
func (s *Submission) Keep(msg []byte) {
	sum := sha256.Sum256(msg)
	s.SentSHA256 = hex.EncodeToString(sum[:])
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, _ = zw.Write(msg) // writes to a bytes.Buffer do not fail
	_ = zw.Close()
	s.Sent, s.SentNotKept = b.Bytes(), false
	if b.Len() > MaxKeptMessage {
		s.Sent, s.SentNotKept = nil, true
	}
}

// Message is the kept message as sent, uncompressed (nil if not kept).
func (s Submission) Message() ([]byte, error) {
	if len(s.Sent) == 0 {
		return nil, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(s.Sent))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// NewTransactionID is the TransactionID of a submission's nth send: 32
// hexadecimal digits derived from the co-op, month, kind and send.
func NewTransactionID(coop CoopID, month string, kind SubmissionKind, send int) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{string(coop), month, string(kind), strconv.Itoa(send)}, "\x00")))
	return strings.ToUpper(hex.EncodeToString(sum[:16]))
}

// GatewayCredentialsInput is what an admin gives to let dpcoop file for
// the co-op: the Government Gateway user ID and password of the co-op's
// PAYE online account, or of its agent's.
type GatewayCredentialsInput struct {
	SenderID string `json:"sender_id"`
	Password string `json:"password"`
}

// Validate checks the credentials' form (HMRC checks the rest when they
// are used); the password is never echoed back or kept in the table.
func (in GatewayCredentialsInput) Validate() (GatewayCredentialsInput, error) {
	var p Problems
	out := GatewayCredentialsInput{SenderID: strings.TrimSpace(in.SenderID), Password: in.Password}
	check := func(field, v string, max int) {
		switch {
		case v == "":
			p.Add(field, FieldRequired)
		case len(v) > max:
			p.Add(field, FieldTooLong, "max", strconv.Itoa(max))
		case strings.IndexFunc(v, func(r rune) bool { return r <= ' ' || r > '~' }) >= 0:
			p.Add(field, FieldInvalid)
		}
	}
	check("sender_id", out.SenderID, 64)
	check("password", out.Password, 128)
	return out, p.Err("set hmrc credentials")
}

// String keeps the password out of logs and error messages.
func (in GatewayCredentialsInput) String() string { return "GatewayCredentials{redacted}" }

// GoString keeps the password out of %#v too.
func (in GatewayCredentialsInput) GoString() string { return in.String() }
