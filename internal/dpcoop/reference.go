package dpcoop

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"strings"
)

// ReferenceAlphabet is the characters of an application's reference: digits
// and capitals without the look-alikes (0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G,
// U/V lose both or all), so a reference read out over the phone or copied
// from a screen comes back right.
const ReferenceAlphabet = "3479ACDEFHJKMNPRTWXY"

// referenceLen is the characters of a reference, shown in two groups of four:
// 20^8 is about 2.6 × 10^10 references for each co-op.
const referenceLen = 8

// ApplicationReference is the short reference an applicant is given for
// application id, "K7RH-M3XC" in form. It is derived from the id, so a
// repeated submit gets the same one; attempt counts the references already
// found taken by another application of the co-op (0 first).
func ApplicationReference(id string, attempt int) string {
	h := sha256.Sum256([]byte("application reference\x00" + id + "\x00" + strconv.Itoa(attempt)))
	n := binary.BigEndian.Uint64(h[:8])
	base := uint64(len(ReferenceAlphabet))
	var b strings.Builder
	for i := range referenceLen {
		if i == referenceLen/2 {
			b.WriteByte('-')
		}
		b.WriteByte(ReferenceAlphabet[n%base])
		n /= base
	}
	return b.String()
}

// ParseReference reads a reference as a person may type it (small letters,
// spaces, with or without the hyphen) and gives it in its written form; ok is
// false for anything that cannot be one.
func ParseReference(s string) (ref string, ok bool) {
	s = strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(s))
	if len(s) != referenceLen || strings.Trim(s, ReferenceAlphabet) != "" {
		return "", false
	}
	return s[:referenceLen/2] + "-" + s[referenceLen/2:], true
}
