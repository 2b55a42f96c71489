package rti

import (
	"fmt"
	"regexp"
)

// The GovTalk envelope
//
// Every message to the Transaction Engine is a GovTalkMessage (HMRC's
// envelope-v2-0-HMRC schema): a Header naming the message class and the
// sender's credentials, GovTalkDetails with the employer's keys and the
// software that sent it, and the Body with the IRenvelope. The IRmark
// covers the Body only, so the credentials can be left out of the copy
// dpcoop keeps (Redacted) without changing it.

// EnvelopeNS is the GovTalk envelope's namespace.
const EnvelopeNS = "http://www.govtalk.gov.uk/CM/envelope"

// Document is an FPS or an EPS.
type Document interface {
	// Class is the message class, as in HMRC-PAYE-RTI-FPS.
	Class() string
	employer() Employer
	body(w *writer) error
}

// Class is the FPS's message class.
func (FPS) Class() string        { return "HMRC-PAYE-RTI-FPS" }
func (f FPS) employer() Employer { return f.Employer }

// Class is the EPS's message class.
func (EPS) Class() string        { return "HMRC-PAYE-RTI-EPS" }
func (e EPS) employer() Employer { return e.Employer }

// Credentials are the Government Gateway user ID and password of the
// co-op (or its agent) that HMRC authenticates the submission by. They are
// passed in for each submission and never kept or logged: String hides
// them.
type Credentials struct {
	SenderID string
	Password string
}

// String keeps credentials out of logs and error messages.
func (Credentials) String() string { return "rti.Credentials{redacted}" }

// GoString keeps credentials out of %#v too.
func (c Credentials) GoString() string { return c.String() }

// Channel is the software that sends: HMRC's vendor ID for dpcoop, the
// product name and its version (GovTalkDetails/ChannelRouting).
type Channel struct {
	VendorID string
	Product  string
	Version  string
}

// The product and version dpcoop names itself by in ChannelRouting (the
// vendor ID is a stack setting).
const (
	Product        = "dpcoop"
	ProductVersion = "1.0"
)

// Sending is how one message is sent: who authenticates it, through which
// software, and to which of HMRC's services.
type Sending struct {
	Credentials Credentials
	Channel     Channel
	Service     Service
	// TransactionID is the sender's own id for the message (up to 32
	// hexadecimal digits): HMRC's list of submissions quotes it, so a
	// submission whose answer was lost can be found again (Client.Find).
	TransactionID string
}

var transactionID = regexp.MustCompile(`^[0-9A-F]{0,32}$`)

// Message writes doc as a complete GovTalk message, with its IRmark.
func Message(doc Document, s Sending) ([]byte, Mark, error) {
	if s.Channel.VendorID == "" || s.Channel.Product == "" || s.Channel.Version == "" {
		return nil, Mark{}, fmt.Errorf("rti: the vendor ID, product and version are required")
	}
	if s.Credentials.SenderID == "" || s.Credentials.Password == "" {
		return nil, Mark{}, fmt.Errorf("rti: the Government Gateway credentials are required")
	}
	if !transactionID.MatchString(s.TransactionID) {
		return nil, Mark{}, fmt.Errorf("rti: a TransactionID is up to 32 hexadecimal digits")
	}
	e := doc.employer()
	w := &writer{}
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	w.b.WriteString("\n" + `<GovTalkMessage xmlns="` + EnvelopeNS + `">`)
	w.depth = 1
	w.leaf("EnvelopeVersion", "2.0")
	w.open("Header")
	w.open("MessageDetails")
	w.leaf("Class", s.Service.class(doc))
	w.leaf("Qualifier", "request")
	w.leaf("Function", "submit")
	if s.TransactionID != "" {
		w.leaf("TransactionID", s.TransactionID)
	}
	w.leaf("CorrelationID", "")
	w.leaf("Transformation", "XML")
	if s.Service.GatewayTest {
		w.leaf("GatewayTest", "1")
	}
	w.close("MessageDetails")
	w.sender(s.Credentials)
	w.close("Header")
	w.open("GovTalkDetails")
	w.open("Keys")
	w.leaf("Key", e.OfficeNo, "Type", "TaxOfficeNumber")
	w.leaf("Key", e.PayeRef, "Type", "TaxOfficeReference")
	w.close("Keys")
	w.open("TargetDetails")
	w.leaf("Organisation", "IR")
	w.close("TargetDetails")
	w.open("ChannelRouting")
	w.open("Channel")
	w.leaf("URI", s.Channel.VendorID)
	w.leaf("Product", s.Channel.Product)
	w.leaf("Version", s.Channel.Version)
	w.close("Channel")
	w.close("ChannelRouting")
	w.close("GovTalkDetails")
	w.open("Body")
	if err := doc.body(w); err != nil {
		return nil, Mark{}, err
	}
	w.close("Body")
	w.b.WriteString("\n</GovTalkMessage>\n")
	return Sign(w.b.Bytes())
}

// sender writes the SenderDetails that authenticate a message.
func (w *writer) sender(c Credentials) {
	w.open("SenderDetails")
	w.open("IDAuthentication")
	w.leaf("SenderID", c.SenderID)
	w.open("Authentication")
	w.leaf("Method", "clear")
	w.leaf("Role", "principal")
	w.leaf("Value", c.Password)
	w.close("Authentication")
	w.close("IDAuthentication")
	w.close("SenderDetails")
}

var authValue = regexp.MustCompile(`(<Authentication>(?:.|\n)*?<Value>)[^<]*(</Value>)`)

// Redacted is a message without its password: the copy to keep.
func Redacted(msg []byte) []byte {
	return authValue.ReplaceAll(msg, []byte("${1}********${2}"))
}
