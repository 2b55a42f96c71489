package dpcoop

import (
	"errors"
	"testing"
)

// The check letter: HMRC's own sample (635PC00000000) and the example of
// its reference checker (123PW12345678) pass; a changed digit or letter
// fails.
func TestAccountsOfficeReference(t *testing.T) {
	for ref, want := range map[string]bool{
		"635PC00000000": true, "123PW12345678": true, "123PG00012345": true,
		"123PA00012345": false, "123PW12345679": false, "123PW1234567X": false,
		"123XW12345678": false, "123pw12345678": false, "123PW1234567": false, "": false,
	} {
		if got := ValidAccountsOfficeReference(ref); got != want {
			t.Errorf("%q: %v, want %v", ref, got, want)
		}
	}
}

func TestPayrollSettingsEmployerReferences(t *testing.T) {
	s := DefaultPayrollSettings
	if err := s.Validate(); err != nil {
		t.Fatalf("no references yet: %v", err)
	}
	s.PAYEReference, s.AccountsOfficeReference = "123/AB456", "123PG00012345"
	if err := s.Validate(); err != nil {
		t.Fatalf("good references: %v", err)
	}
	if o, r, ok := SplitPAYEReference(s.PAYEReference); !ok || o != "123" || r != "AB456" {
		t.Errorf("split: %q %q %v", o, r, ok)
	}
	s.PAYEReference, s.AccountsOfficeReference = "123 AB456", "123PA00012345"
	var e *Error
	if err := s.Validate(); !errors.As(err, &e) {
		t.Fatalf("bad references: %v", err)
	}
	got := map[string]string{}
	for _, f := range e.Fields {
		got[f.Field] = f.Code
	}
	if got["paye_reference"] != FieldPAYEReference || got["accounts_office_reference"] != FieldAORef {
		t.Errorf("problems %v", got)
	}
}
