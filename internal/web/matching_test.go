package web

import (
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestEveryMatchChoiceHasWords: each item of the domain's lists has its
// Welsh and English words, so a choice added to the domain cannot show a
// bare key on the pages.
func TestEveryMatchChoiceHasWords(t *testing.T) {
	for _, f := range dpcoop.MatchFields {
		if _, ok := lookup(dpcoop.Welsh, "match.field."+string(f)); !ok {
			t.Errorf("no words for field %s", f)
		}
		for _, o := range matchChoices(dpcoop.English, f) {
			for _, l := range []dpcoop.Lang{dpcoop.Welsh, dpcoop.English} {
				if w := matchItem(l, dpcoop.Areas{}, f, o.Value); w == "" || w == "match."+string(f)+"."+o.Value {
					t.Errorf("%s %s has no words in %s", f, o.Value, l)
				}
			}
		}
	}
	if got := matchItem(dpcoop.Welsh, dpcoop.Areas{}, dpcoop.MatchLanguages, "cy"); got != "Cymraeg" {
		t.Errorf("Welsh in Welsh: %q", got)
	}
}
