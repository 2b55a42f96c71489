package dpcoop

import (
	"regexp"
	"strings"
)

// Employer references
//
// HMRC's letter registering an employer gives two references that every RTI
// submission carries (docs/rti.md): the employer PAYE reference, a
// three-digit tax office number, a slash and the office's reference for
// the employer ("123/AB456"), and the Accounts Office reference the
// employer pays HMRC with: three digits, "P", a check letter, seven digits
// and a digit or "X" ("123PG00012345"). The check letter is HMRC's
// modulus 23 check over the other characters, as HMRC's own reference
// checker (github.com/hmrc/reference-checker, EpayeReferenceChecker) does.

var (
	payeReferencePattern = regexp.MustCompile(`^[0-9]{3}/[A-Z0-9]{1,10}$`)
	aoReferencePattern   = regexp.MustCompile(`^[0-9]{3}P[A-Z][0-9]{7}[0-9X]$`)
)

// aoCheckLetters are the check letters by remainder.
const aoCheckLetters = "ABCDEFGHXJKLMNYPQRSTZVW"

// aoWeights weigh the reference's characters; the check letter's own
// weight is nought.
var aoWeights = [13]int{9, 10, 11, 12, 0, 8, 7, 6, 5, 4, 3, 2, 1}

// ValidAccountsOfficeReference reports whether ref is an Accounts Office
// reference with the right check letter.
func ValidAccountsOfficeReference(ref string) bool {
	if !aoReferencePattern.MatchString(ref) {
		return false
	}
	sum := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		v := int(c - '0')
		switch c {
		case 'P':
			v = 48
		case 'X':
			v = 41
		}
		sum += aoWeights[i] * v
	}
	return aoCheckLetters[sum%23] == ref[4]
}

// ValidPAYEReference reports whether ref is an employer PAYE reference.
func ValidPAYEReference(ref string) bool { return payeReferencePattern.MatchString(ref) }

// SplitPAYEReference gives a PAYE reference's tax office number and the
// office's reference for the employer, as RTI's keys take them.
func SplitPAYEReference(ref string) (office, reference string, ok bool) {
	if !ValidPAYEReference(ref) {
		return "", "", false
	}
	office, reference, _ = strings.Cut(ref, "/")
	return office, reference, true
}

// checkEmployerReferences adds a problem for a reference given in the
// wrong form; both may be empty until the co-op registers.
func (s PayrollSettings) checkEmployerReferences(p *Problems) {
	if s.PAYEReference != "" && !ValidPAYEReference(s.PAYEReference) {
		p.Add("paye_reference", FieldPAYEReference)
	}
	if s.AccountsOfficeReference != "" && !ValidAccountsOfficeReference(s.AccountsOfficeReference) {
		p.Add("accounts_office_reference", FieldAORef)
	}
}
