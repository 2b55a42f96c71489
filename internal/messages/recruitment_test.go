package messages

import (
	"testing"
)

// TestRecruitmentCodesInBothLanguages reads the codes of recruitment.go, so
// a new one without Welsh and English text fails here.
func TestRecruitmentCodesInBothLanguages(t *testing.T) {
	codes := constants(t, "../dpcoop/recruitment.go", "Field")
	if len(codes) < 4 {
		t.Fatalf("found only %d codes: the parse is not seeing the constants", len(codes))
	}
	for name, v := range codes {
		if !Has("field." + v) {
			t.Errorf("%s (%q) lacks Welsh or English text", name, v)
		}
	}
}
