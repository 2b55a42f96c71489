package dpcoop

import "testing"

func TestRiskAssessment(t *testing.T) {
	in := RiskInput{Title: "Symud gyda theclyn codi", Risks: "Cwympo wrth symud: dau berson bob tro.", Language: "cy", Assessed: "2026-11-01", Review: "2027-05-01"}
	a, err := in.Validate("m1", "admin", trainingNow)
	if err != nil || a.Language != Welsh || a.Risks != in.Risks {
		t.Fatalf("valid assessment: %+v %v", a, err)
	}
	bad := RiskInput{Title: "", Risks: "", Language: "fr", Assessed: "2026-12-08", Review: "2026-12-01"}
	_, err = bad.Validate("m1", "admin", trainingNow)
	for field, code := range map[string]string{"title": FieldRequired, "risks": FieldRequired, "language": FieldLanguage, "assessed": FieldDateFuture, "review": FieldExpiryNotAfterStart} {
		if !hasField(err, field, code) {
			t.Errorf("%s: want %s in %v", field, code, ErrorOf(err).Fields)
		}
	}
	for review, due := range map[Date]bool{"2027-01-06": true, "2027-01-07": false, "2026-12-01": true} {
		if got := (RiskAssessment{Review: review}).ReviewDue("2026-12-07"); got != due {
			t.Errorf("review %s: due %v, want %v", review, got, due)
		}
	}
	got := ReviewsDue([]RiskAssessment{{ID: "b", Review: "2027-01-01"}, {ID: "far", Review: "2028-01-01"}, {ID: "a", Review: "2026-11-01"}}, "2026-12-07")
	if len(got) != 2 || got[0].ID != "a" || got[1].ID != "b" {
		t.Fatalf("reviews due: %+v", got)
	}
}
