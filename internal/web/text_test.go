package web

import (
	"strings"
	"testing"
)

func TestEverySentenceIsInBothLanguages(t *testing.T) {
	for k, s := range pageText {
		if strings.TrimSpace(s.cy) == "" || strings.TrimSpace(s.en) == "" {
			t.Errorf("%s: %+v", k, s)
		}
		for _, p := range []string{"{month}", "{reason}", "{when}"} {
			if strings.Contains(s.cy, p) != strings.Contains(s.en, p) {
				t.Errorf("%s: placeholder %s in one language only", k, p)
			}
		}
	}
}
