package dpcoop

import (
	"strings"
	"testing"
)

func TestApplicationReferenceIsShortGroupedAndReadable(t *testing.T) {
	seen := map[string]bool{}
	for i := range 2000 {
		id := NewID()
		ref := ApplicationReference(id, 0)
		if len(ref) != 9 || ref[4] != '-' || strings.Trim(strings.Replace(ref, "-", "", 1), ReferenceAlphabet) != "" {
			t.Fatalf("reference %q of %s is not two groups of four from the alphabet", ref, id)
		}
		if ApplicationReference(id, 0) != ref {
			t.Fatalf("the same id should give the same reference")
		}
		if ApplicationReference(id, 1) == ref {
			t.Fatalf("a second attempt should give another reference (%d)", i)
		}
		if seen[ref] {
			t.Fatalf("reference %q came twice in 2000", ref)
		}
		seen[ref] = true
		if got, ok := ParseReference(strings.ToLower(strings.Replace(ref, "-", " ", 1))); !ok || got != ref {
			t.Fatalf("ParseReference of %q as typed: %q %v", ref, got, ok)
		}
	}
	for _, c := range "0O1IL2Z5S8B6GUVQ" {
		if strings.ContainsRune(ReferenceAlphabet, c) {
			t.Errorf("the alphabet holds the look-alike %q", c)
		}
	}
	for _, bad := range []string{"", "K7RH-M3X", "K7RH-M3XC9", "K0RH-M3XC", "<b>K7QH</b>"} {
		if _, ok := ParseReference(bad); ok {
			t.Errorf("ParseReference(%q) should fail", bad)
		}
	}
}
