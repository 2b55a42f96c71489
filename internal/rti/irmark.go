package rti

import (
	"bytes"
	"crypto/sha1"
	"encoding/base32"
	"encoding/base64"
	"errors"
	"regexp"
)

// IRmark
//
// HMRC's generic IRmark (docs/rti.md): the GovTalk Body with every
// namespace declaration in force on it (the envelope's included), less the
// IRenvelope's IRheader/IRmark element (the text around it stays), in
// Canonical XML 1.0, hashed with SHA-1. The mark in the message is the
// digest in base64 (28 characters); HMRC's acknowledgements quote it in
// base32 (32 characters).

// Mark is a message's IRmark in both of HMRC's forms.
type Mark struct {
	Base64 string // what the IRheader's IRmark element holds
	Base32 string // what HMRC's receipts and acknowledgements show
}

// IRmark works out the IRmark of a GovTalk message, whatever its IRmark
// element holds now.
func IRmark(msg []byte) (Mark, error) {
	c, err := canonical(msg, "Body", func(path []string) bool {
		n := len(path)
		return n >= 2 && path[n-1] == "IRmark" && path[n-2] == "IRheader"
	})
	if err != nil {
		return Mark{}, err
	}
	sum := sha1.Sum(c)
	return Mark{Base64: base64.StdEncoding.EncodeToString(sum[:]), Base32: base32.StdEncoding.EncodeToString(sum[:])}, nil
}

// irmarkElement is the IRmark element as dpcoop writes it: one, with its
// Type attribute first.
var irmarkElement = regexp.MustCompile(`<IRmark Type="generic">[^<]*</IRmark>`)

// Sign puts a message's IRmark into its IRmark element, which must be
// there once (empty or not).
func Sign(msg []byte) ([]byte, Mark, error) {
	if n := len(irmarkElement.FindAllIndex(msg, -1)); n != 1 {
		return nil, Mark{}, errors.New("rti: the message needs exactly one IRmark element")
	}
	m, err := IRmark(msg)
	if err != nil {
		return nil, Mark{}, err
	}
	signed := irmarkElement.ReplaceAllLiteral(msg, []byte(`<IRmark Type="generic">`+m.Base64+`</IRmark>`))
	return signed, m, nil
}

// StatedIRmark is the IRmark a message carries ("" if none).
func StatedIRmark(msg []byte) string {
	i := bytes.Index(msg, []byte("<IRmark"))
	if i < 0 {
		return ""
	}
	rest := msg[i:]
	start := bytes.IndexByte(rest, '>')
	end := bytes.Index(rest, []byte("</IRmark>"))
	if start < 0 || end < start {
		return ""
	}
	return string(bytes.TrimSpace(rest[start+1 : end]))
}
