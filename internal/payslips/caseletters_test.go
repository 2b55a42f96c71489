package payslips

import (
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Each case letter says what the Acas code asks of it, in both languages.
func TestCaseLettersSayWhatTheCodeAsks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		letter dpcoop.CaseLetter
		cy, en []string
	}{
		{"invitation", caseLetter(dpcoop.Welsh, dpcoop.CaseGrievance, dpcoop.CaseStage{Step: dpcoop.StepInvitation, On: "2026-10-05", MeetingOn: "2026-10-12"}),
			[]string{"12/10/2026", "hawl i ddod â rhywun gyda chi", "undeb llafur"}, []string{"12/10/2026", "right to be accompanied", "trade union"}},
		{"appeal", caseLetter(dpcoop.Welsh, dpcoop.CaseDisciplinary, dpcoop.CaseStage{Step: dpcoop.StepAppeal, On: "2026-10-20", MeetingOn: "2026-10-27"}),
			[]string{"27/10/2026", "hawl i ddod â rhywun gyda chi"}, []string{"27/10/2026", "right to be accompanied"}},
		{"outcome", caseLetter(dpcoop.English, dpcoop.CaseDisciplinary, dpcoop.CaseStage{Step: dpcoop.StepOutcome, On: "2026-10-14", Outcome: dpcoop.OutcomeFirstWarning, WarningExpires: "2027-04-14", AppealBy: "2026-10-24"}),
			[]string{"12/10/2026", "rhybudd ysgrifenedig cyntaf", "14/04/2027", "hawl i apelio", "24/10/2026"}, []string{"12/10/2026", "first written warning", "14/04/2027", "right to appeal", "24/10/2026"}},
		{"appeal outcome", caseLetter(dpcoop.English, dpcoop.CaseDisciplinary, dpcoop.CaseStage{Step: dpcoop.StepAppealOutcome, On: "2026-10-28", Outcome: dpcoop.OutcomeUpheld}),
			[]string{"wedi'i wrthdroi", "yn derfynol"}, []string{"overturned", "final"}},
	} {
		text := CaseLetterText(tc.letter)
		cy, en := strings.Join(text.CY, "\n"), strings.Join(text.EN, "\n")
		for _, w := range tc.cy {
			if !strings.Contains(cy, w) {
				t.Errorf("%s in Welsh does not say %q:\n%s", tc.name, w, cy)
			}
		}
		for _, w := range tc.en {
			if !strings.Contains(en, w) {
				t.Errorf("%s in English does not say %q:\n%s", tc.name, w, en)
			}
		}
	}
}
