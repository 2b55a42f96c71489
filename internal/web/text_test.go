package web

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

func TestEverySentenceIsInBothLanguages(t *testing.T) {
	for k, s := range pageText {
		if strings.TrimSpace(s.cy) == "" || strings.TrimSpace(s.en) == "" {
			t.Errorf("%s: %+v", k, s)
		}
		cy, en := placeholder.FindAllString(s.cy, -1), placeholder.FindAllString(s.en, -1)
		slices.Sort(cy)
		slices.Sort(en)
		if !slices.Equal(cy, en) {
			t.Errorf("%s: placeholders %v in Welsh, %v in English", k, cy, en)
		}
	}
}
