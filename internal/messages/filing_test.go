package messages

import (
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Every reason a submission can fail for, and every state, is explained in
// both languages: read from the domain's source, so a new one fails here.
func TestEverySubmissionReasonAndStateInBothLanguages(t *testing.T) {
	n := 0
	for name, v := range constants(t, "../dpcoop/submission.go", "Submission") {
		var key string
		switch {
		case strings.HasPrefix(name, "SubmissionReason"):
			key = "submission.reason." + v
		case !strings.HasPrefix(name, "SubmissionFPS") && !strings.HasPrefix(name, "SubmissionEPS"):
			key = "submission.state." + v
		default:
			continue
		}
		n++
		if !Has(key) {
			t.Errorf("%s (%q) lacks Welsh or English text", name, key)
		}
	}
	if n < 12 {
		t.Fatalf("found only %d reasons and states", n)
	}
}

func TestHMRCExplanations(t *testing.T) {
	for _, c := range []struct{ number, text, location, lang, want string }{
		{"1046", "Authentication Failure", "", "en", "HMRC refused the Government Gateway credentials"},
		{"1046", "Authentication Failure", "", "cy", "Gwrthododd CThEF fanylion Porth y Llywodraeth"},
		{"1000", "System failure", "", "en", "Nothing was filed. Retry later."},
		{"1001", "schema", "", "en", "not in the form HMRC requires"},
		{"2021", "The supplied IRmark is incorrect.", "", "cy", "IRmark"},
		{"3001", "business logic", "", "en", "business rules"},
		{"7822", "must match", "", "en", "employer PAYE reference does not match"},
		// A rule number without its own text quotes HMRC's, with where.
		{"6523", "The Date of Birth must not be after the payment date", "Employee[1]", "en",
			`HMRC's rule 6523. HMRC says: "The Date of Birth must not be after the payment date". Correct the record it names (location: Employee[1])`},
		{"6523", "The Date of Birth must not be after the payment date", "", "cy", `Torrodd y cyflwyniad reol 6523 CThEF. Dywed CThEF: "The Date of Birth`},
		// Anything else still shows HMRC's text.
		{"1020", "CorrelationID filled in", "", "en", `HMRC gave error 1020: "CorrelationID filled in"`},
	} {
		got := HMRCExplanation(dpcoop.Lang(c.lang), c.number, c.text, c.location)
		if !strings.Contains(got, c.want) {
			t.Errorf("%s in %s: %q lacks %q", c.number, c.lang, got, c.want)
		}
	}
}
