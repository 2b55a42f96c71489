package dpcoop

import (
	"reflect"
	"testing"
	"time"
)

var matchNow = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

func TestMatchInputValidate(t *testing.T) {
	in := MatchInput{Consent: []string{"languages", "times", "area"}, Languages: []string{"en", "cy", "cy"},
		Times: []string{"tue-morning"}, Area: "  Caerdydd ", Faith: nil, Must: []string{"languages"}}
	before := MatchProfile{Consented: map[MatchField]time.Time{MatchLanguages: matchNow.AddDate(0, -1, 0)}}
	p, err := in.Validate("m1", true, before, Areas{}, matchNow)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Languages, []string{"cy", "en"}) || p.Area != "Caerdydd" || !reflect.DeepEqual(p.Must, []MatchField{MatchLanguages}) {
		t.Fatalf("profile: %+v", p)
	}
	if !p.Consented[MatchLanguages].Equal(matchNow.AddDate(0, -1, 0)) || !p.Consented[MatchTimes].Equal(matchNow) || len(p.Consented) != 3 {
		t.Fatalf("consent times: %v", p.Consented)
	}
	// Withdrawing a field (saving without its consent and value) drops its
	// value and its consent.
	in.Consent, in.Languages = []string{"times", "area"}, nil
	p, err = in.Validate("m1", true, p, Areas{}, matchNow)
	if err != nil || p.Languages != nil || len(p.Must) != 0 || len(p.Consented) != 2 {
		t.Fatalf("withdrawn: %+v %v", p, err)
	}

	bad := MatchInput{Consent: []string{"faith", "nonsense"}, Gender: []string{"woman"}, Languages: []string{"xx"},
		Must: []string{"gender"}, Culture: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}
	_, err = bad.Validate("p1", false, MatchProfile{}, Areas{}, matchNow)
	for field, code := range map[string]string{"consent": FieldChoice, "gender": FieldMatchNoConsent, "faith": FieldMatchNoValue,
		"languages": FieldChoice, "must": FieldChoice, "culture": FieldTooLong} {
		if !hasField(err, field, code) {
			t.Errorf("%s: want %s in %v", field, code, ErrorOf(err).Fields)
		}
	}
	if _, err := (MatchInput{Consent: []string{"gender"}, Gender: []string{"woman", "man"}}).Validate("p1", false, MatchProfile{}, Areas{}, matchNow); !hasField(err, "gender", FieldChoice) {
		t.Errorf("a PA gives one gender: %v", err)
	}
}

func pa(id string, v MatchValues) MatchCandidate {
	return MatchCandidate{Profile: MatchProfile{Person: id, MatchValues: v}}
}

func TestRankPAsHardAndWish(t *testing.T) {
	prefs := MatchProfile{MatchValues: MatchValues{Languages: []string{"cy"}, Times: []string{"tue-morning", "thu-evening"}, Interests: []string{"music"}},
		Must: []MatchField{MatchLanguages}}
	cands := []MatchCandidate{
		pa("english-only", MatchValues{Languages: []string{"en"}, Times: []string{"tue-morning", "thu-evening"}, Interests: []string{"music"}}),
		pa("welsh-tuesday", MatchValues{Languages: []string{"cy", "en"}, Times: []string{"tue-morning"}}),
		pa("welsh-both", MatchValues{Languages: []string{"cy"}, Times: []string{"thu-evening", "tue-morning"}, Interests: []string{"music", "sport"}}),
		{Profile: MatchProfile{Person: "applicant", MatchValues: MatchValues{Languages: []string{"cy"}}}, Applicant: true},
	}
	got := RankPAs(prefs, cands)
	var ids []string
	for _, r := range got {
		ids = append(ids, r.PA)
	}
	// The PA without Welsh is left out, however many wishes they meet.
	if want := []string{"welsh-both", "welsh-tuesday", "applicant"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("order %v, want %v", ids, want)
	}
	wantReasons := []MatchReason{{MatchLanguages, "cy", true}, {MatchInterests, "music", false}, {MatchTimes, "tue-morning", false}, {MatchTimes, "thu-evening", false}}
	if got[0].Score != 3 || !reflect.DeepEqual(got[0].Reasons, wantReasons) {
		t.Fatalf("reasons: %+v", got[0])
	}
	if !got[2].Applicant || got[2].Score != 0 || len(got[2].Reasons) != 1 {
		t.Fatalf("applicant: %+v", got[2])
	}
}

func TestRankPAsHardTimesNeedEveryOne(t *testing.T) {
	prefs := MatchProfile{MatchValues: MatchValues{Times: []string{"tue-morning", "thu-evening"}, Area: "Cardiff"}, Must: []MatchField{MatchTimes, MatchArea}}
	got := RankPAs(prefs, []MatchCandidate{
		pa("one-time", MatchValues{Times: []string{"tue-morning"}, Area: "Cardiff"}),
		pa("both", MatchValues{Times: []string{"tue-morning", "thu-evening"}, Area: " cardiff "}),
		pa("elsewhere", MatchValues{Times: []string{"tue-morning", "thu-evening"}, Area: "Swansea"}),
	})
	if len(got) != 1 || got[0].PA != "both" {
		t.Fatalf("got %+v", got)
	}
}

func TestRankPAsTiesByID(t *testing.T) {
	prefs := MatchProfile{MatchValues: MatchValues{Support: []string{"driving"}}}
	c := []MatchCandidate{pa("c", MatchValues{Support: []string{"driving"}}), pa("a", MatchValues{Support: []string{"driving"}}), pa("b", MatchValues{})}
	first := RankPAs(prefs, c)
	c[0], c[1], c[2] = c[2], c[0], c[1]
	second := RankPAs(prefs, c)
	if !reflect.DeepEqual(first, second) || first[0].PA != "a" || first[1].PA != "c" || first[2].PA != "b" {
		t.Fatalf("ties: %+v then %+v", first, second)
	}
}

// A PA's gender, faith and culture change nothing when the member did not
// ask about them: the same list, the same scores, no reason naming them.
func TestRankPAsProtectedUnusedWhenNotAsked(t *testing.T) {
	prefs := MatchProfile{MatchValues: MatchValues{Languages: []string{"cy"}, Interests: []string{"music"}}}
	plain := []MatchCandidate{pa("a", MatchValues{Languages: []string{"cy"}}), pa("b", MatchValues{Interests: []string{"music"}})}
	marked := []MatchCandidate{
		pa("a", MatchValues{Languages: []string{"cy"}, Gender: []string{"man"}, Faith: []string{"muslim"}, Culture: "Somali"}),
		pa("b", MatchValues{Interests: []string{"music"}, Gender: []string{"woman"}, Faith: []string{"christian_catholic"}, Culture: "Welsh"}),
	}
	a, b := RankPAs(prefs, plain), RankPAs(prefs, marked)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("protected fields changed the ranking: %+v vs %+v", a, b)
	}
	for _, r := range b {
		for _, why := range r.Reasons {
			if why.Field.Protected() {
				t.Fatalf("reason from a field not asked for: %+v", why)
			}
		}
	}
	// Asked for, the member's faith is a hard requirement like any other.
	prefs.Faith, prefs.Must = []string{"christian_catholic"}, []MatchField{MatchFaith}
	if got := RankPAs(prefs, marked); len(got) != 1 || got[0].PA != "b" || got[0].Reasons[0] != (MatchReason{MatchFaith, "christian_catholic", true}) {
		t.Fatalf("faith asked for: %+v", got)
	}
}

func TestNeedsForAnonymised(t *testing.T) {
	members := []MatchProfile{
		{Person: "m-secret", Need: "n2", MatchValues: MatchValues{Area: "Cardiff", Support: []string{"personal_care"}, Times: []string{"tue-morning"},
			Languages: []string{"cy"}, Faith: []string{"christian_catholic"}, Gender: []string{"woman"}}, Must: []MatchField{MatchLanguages, MatchGender}},
		{Person: "m-other", Need: "n1", MatchValues: MatchValues{Languages: []string{"en"}}},
		{Person: "m-none", MatchValues: MatchValues{Languages: []string{"cy"}}},
	}
	welshWoman := MatchProfile{MatchValues: MatchValues{Languages: []string{"cy"}, Gender: []string{"woman"}}}
	got := NeedsFor(welshWoman, members)
	want := []MatchNeed{{Need: "n1", Languages: []string{"en"}},
		{Need: "n2", Area: "Cardiff", Support: []string{"personal_care"}, Times: []string{"tue-morning"}, Languages: []string{"cy"}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("needs %+v, want %+v", got, want)
	}
	if got := NeedsFor(MatchProfile{MatchValues: MatchValues{Languages: []string{"cy"}, Gender: []string{"man"}}}, members); len(got) != 1 || got[0].Need != "n1" {
		t.Fatalf("a need whose hard requirement is not met: %+v", got)
	}
}

// TestToTellOfMeetsMustsAndSomething: a member hears of a PA who meets every
// must and at least one thing they asked for; not one who only misses
// nothing (a need with no must), nor one who misses a must, nor a member
// with no preferences kept.
func TestToTellOfMeetsMustsAndSomething(t *testing.T) {
	members := []MatchProfile{
		{Person: "m-welsh", Need: "n1", MatchValues: MatchValues{Languages: []string{"cy"}, Gender: []string{"woman"}}, Must: []MatchField{MatchGender}},
		{Person: "m-english", Need: "n2", MatchValues: MatchValues{Languages: []string{"en"}}},
		{Person: "m-none", MatchValues: MatchValues{Languages: []string{"cy"}}},
	}
	if got := ToTellOf(MatchProfile{Person: "pa", MatchValues: MatchValues{Languages: []string{"cy"}, Gender: []string{"woman"}}}, members); !reflect.DeepEqual(got, []string{"m-welsh"}) {
		t.Errorf("a Welsh-speaking woman: told %v, want [m-welsh]", got)
	}
	if got := ToTellOf(MatchProfile{Person: "pa", MatchValues: MatchValues{Languages: []string{"cy"}, Gender: []string{"man"}}}, members); len(got) != 0 {
		t.Errorf("a PA missing the must: told %v", got)
	}
}
