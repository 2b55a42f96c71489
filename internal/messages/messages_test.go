package messages

import (
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// TestEveryCodeInBothLanguages reads the code constants from the domain's
// source, so a new code without Welsh and English text fails here.
func TestEveryCodeInBothLanguages(t *testing.T) {
	n := 0
	for name, v := range constants(t, "../dpcoop/errors.go", "Field", "Code") {
		key := v
		if strings.HasPrefix(name, "Field") {
			key = "field." + v
		}
		n++
		if !Has(key) {
			t.Errorf("%s (%q) lacks Welsh or English text", name, key)
		}
	}
	if n < 30 {
		t.Fatalf("found only %d codes: the parse is not seeing the constants", n)
	}
}

func TestTextFillsParamsAndChoosesLanguage(t *testing.T) {
	if got := Field(dpcoop.Welsh, dpcoop.FieldTooLong, map[string]string{"max": "200"}); got != "Defnyddiwch 200 nod neu lai." {
		t.Errorf("Welsh: %q", got)
	}
	if got := Field(dpcoop.English, dpcoop.FieldTooLong, map[string]string{"max": "200"}); got != "Use 200 characters or fewer." {
		t.Errorf("English: %q", got)
	}
	if got := Text(dpcoop.English, "no such key", nil); got != Text(dpcoop.English, dpcoop.CodeInternal, nil) {
		t.Errorf("unknown key: %q", got)
	}
}

// Every figure a tax year may lack has a name in both languages, and a
// problem names it with its year.
func TestEveryFigureNamed(t *testing.T) {
	for _, f := range payroll.FigureNames() {
		if figureNames[f].cy == "" || figureNames[f].en == "" {
			t.Errorf("figure %q has no Welsh or English name", f)
		}
	}
	if len(figureNames) != len(payroll.FigureNames()) {
		t.Errorf("%d figure names for %d figures", len(figureNames), len(payroll.FigureNames()))
	}
	if got := FigureName(dpcoop.English, "ni_lel_2027_28"); got != "the National Insurance lower earnings limit for 2027-28" {
		t.Errorf("English: %q", got)
	}
	if got := FigureName(dpcoop.Welsh, "student_loan_plan_1_2027_28"); got != "trothwy benthyciad myfyriwr cynllun 1 ar gyfer 2027-28" {
		t.Errorf("Welsh: %q", got)
	}
}
