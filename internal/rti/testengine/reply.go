package testengine

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strconv"

	"github.com/dpcoop/dpcoop/internal/rti"
)

// reply is one answer of the engine.
type reply struct {
	class, qualifier, function, correlationID string
	endpoint                                  string
	interval                                  int
	errors                                    []rti.GovTalkError // the GovTalk header's
	business                                  []rti.GovTalkError // the Body's ErrorResponse
	receipt                                   string             // the IRmark in base32, for a response
	statuses                                  []statusRecord     // a list request's answer
	listed                                    bool
}

// statusRecord is one submission in the answer to a list request.
type statusRecord struct{ correlationID, transactionID, status string }

// reply writes a GovTalk answer as the Transaction Engine does: HTTP 200
// whatever the outcome, the outcome in the Qualifier.
func (e *Engine) reply(w http.ResponseWriter, r reply) {
	var b bytes.Buffer
	leaf := func(name, value string) {
		b.WriteString("<" + name + ">")
		xml.EscapeText(&b, []byte(value))
		b.WriteString("</" + name + ">")
	}
	errorList := func(errs []rti.GovTalkError) {
		for _, e := range errs {
			b.WriteString("<Error>")
			leaf("RaisedBy", e.RaisedBy)
			leaf("Number", e.Number)
			leaf("Type", e.Type)
			leaf("Text", e.Text)
			if e.Location != "" {
				leaf("Location", e.Location)
			}
			b.WriteString("</Error>")
		}
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<GovTalkMessage xmlns="` + rti.EnvelopeNS + `"><EnvelopeVersion>2.0</EnvelopeVersion><Header><MessageDetails>`)
	leaf("Class", r.class)
	leaf("Qualifier", r.qualifier)
	leaf("Function", r.function)
	leaf("CorrelationID", r.correlationID)
	if r.endpoint != "" {
		b.WriteString(`<ResponseEndPoint PollInterval="` + strconv.Itoa(r.interval) + `">`)
		xml.EscapeText(&b, []byte(r.endpoint))
		b.WriteString("</ResponseEndPoint>")
	}
	leaf("Transformation", "XML")
	b.WriteString("</MessageDetails><SenderDetails/></Header><GovTalkDetails><Keys/>")
	if len(r.errors) > 0 {
		b.WriteString("<GovTalkErrors>")
		errorList(r.errors)
		b.WriteString("</GovTalkErrors>")
	}
	b.WriteString("</GovTalkDetails>")
	switch {
	case len(r.business) > 0:
		b.WriteString(`<Body><ErrorResponse xmlns="http://www.govtalk.gov.uk/CM/errorresponse" SchemaVersion="2.0"><Application><MessageCount>` +
			strconv.Itoa(len(r.business)) + "</MessageCount></Application>")
		errorList(r.business)
		b.WriteString("</ErrorResponse></Body>")
	case r.listed:
		b.WriteString("<Body><StatusReport>")
		for _, s := range r.statuses {
			b.WriteString("<StatusRecord>")
			leaf("CorrelationID", s.correlationID)
			leaf("TransactionID", s.transactionID)
			leaf("Status", s.status)
			b.WriteString("</StatusRecord>")
		}
		b.WriteString("</StatusReport></Body>")
	case r.receipt != "":
		b.WriteString(`<Body><SuccessResponse xmlns="http://www.inlandrevenue.gov.uk/SuccessResponse"><IRmarkReceipt><Message code="0000">`)
		xml.EscapeText(&b, []byte("HMRC has received the submission with IRmark "+r.receipt+"."))
		b.WriteString("</Message></IRmarkReceipt><Message code=\"0000\">Thank you for your submission.</Message></SuccessResponse></Body>")
	default:
		b.WriteString("<Body/>")
	}
	b.WriteString("</GovTalkMessage>\n")
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b.Bytes())
}
