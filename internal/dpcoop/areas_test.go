package dpcoop

import (
	"reflect"
	"strings"
	"testing"
)

// cardiffAndSwansea is a co-op's list as an admin sets it.
var cardiffAndSwansea = Areas{Areas: []Area{{ID: "cardiff", CY: "Caerdydd", EN: "Cardiff"}, {ID: "swansea", CY: "Abertawe", EN: "Swansea"}}}

func TestAreasValidate(t *testing.T) {
	in := Areas{Areas: []Area{{CY: " Ynys Môn ", EN: "Ynys Môn"}, {CY: "Caerdydd", EN: "Cardiff"}, {ID: "cardiff", CY: "Canol Caerdydd", EN: "Cardiff centre"}, {CY: "Y Barri", EN: "Barry"}}}
	got, err := in.Validate()
	if err != nil {
		t.Fatal(err)
	}
	ids := got.IDs()
	if want := []string{"ynys-m-n", "cardiff-2", "cardiff", "barry"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids %v, want %v (made from the English name, a given id kept, a clash numbered)", ids, want)
	}
	if again, _ := in.Validate(); !reflect.DeepEqual(again, got) {
		t.Errorf("the same list twice gave different ids: %v, %v", again.IDs(), ids)
	}
	if got.Areas[0].CY != "Ynys Môn" {
		t.Errorf("names are not tidied: %q", got.Areas[0].CY)
	}
	for _, c := range []struct {
		in          Areas
		field, code string
	}{
		{Areas{Areas: []Area{{EN: "Cardiff"}}}, "areas.cy", FieldRequired},
		{Areas{Areas: []Area{{CY: "Caerdydd"}}}, "areas.en", FieldRequired},
		{Areas{Areas: []Area{{CY: strings.Repeat("a", MaxAreaLen+1), EN: "A"}}}, "areas.cy", FieldTooLong},
		{Areas{Areas: []Area{{ID: "Cardiff!", CY: "Caerdydd", EN: "Cardiff"}}}, "areas.id", FieldInvalid},
		{Areas{Areas: []Area{{CY: "Caerdydd", EN: "Cardiff"}, {CY: "caerdydd", EN: "Cardiff North"}}}, "areas", FieldAreaRepeated},
		{Areas{Areas: []Area{{ID: "a", CY: "A", EN: "A"}, {ID: "a", CY: "B", EN: "B"}}}, "areas", FieldAreaRepeated},
		{Areas{Areas: make([]Area, MaxAreas+1)}, "areas", FieldTooMany},
	} {
		if _, err := c.in.Validate(); !hasField(err, c.field, c.code) {
			t.Errorf("%+v: want %s %s, got %v", c.in.Areas[:1], c.field, c.code, err)
		}
	}
}

// TestAreaChosenFromTheList: with a list, a PA chooses several areas and a
// member one, by id; words naming an area count as it; an area not on the
// list, a member's second, and ids without a list are refused; sharing
// still needs agreement.
func TestAreaChosenFromTheList(t *testing.T) {
	pa, err := MatchInput{Consent: []string{"area"}, Areas: []string{"swansea", "cardiff", "swansea"}}.Validate("p1", false, MatchProfile{}, cardiffAndSwansea, matchNow)
	if err != nil || !reflect.DeepEqual(pa.Areas, []string{"cardiff", "swansea"}) || pa.Area != "" {
		t.Fatalf("a PA's areas: %+v %v", pa.MatchValues, err)
	}
	m, err := MatchInput{Consent: []string{"area"}, Area: " caerdydd "}.Validate("m1", true, MatchProfile{}, cardiffAndSwansea, matchNow)
	if err != nil || !reflect.DeepEqual(m.Areas, []string{"cardiff"}) || m.Area != "" {
		t.Fatalf("a member's area in words from the list: %+v %v", m.MatchValues, err)
	}
	for _, c := range []struct {
		in     MatchInput
		member bool
		list   Areas
		code   string
	}{
		{MatchInput{Consent: []string{"area"}, Areas: []string{"cardiff", "swansea"}}, true, cardiffAndSwansea, FieldMatchOneArea},
		{MatchInput{Consent: []string{"area"}, Areas: []string{"newport"}}, false, cardiffAndSwansea, FieldChoice},
		{MatchInput{Consent: []string{"area"}, Area: "Cardif"}, true, cardiffAndSwansea, FieldChoice},
		{MatchInput{Consent: []string{"area"}, Areas: []string{"cardiff"}}, true, Areas{}, FieldChoice},
		{MatchInput{Areas: []string{"cardiff"}}, true, cardiffAndSwansea, FieldMatchNoConsent},
		{MatchInput{Consent: []string{"area"}}, false, cardiffAndSwansea, FieldMatchNoValue},
	} {
		if _, err := c.in.Validate("x", c.member, MatchProfile{}, c.list, matchNow); !hasField(err, "area", c.code) {
			t.Errorf("%+v member %v: want area %s, got %v", c.in, c.member, c.code, err)
		}
	}
}

// TestRankByAreaID: a member who must have Cardiff is matched with a PA
// who works in Swansea and Cardiff and not with one in Swansea only, the
// reason naming the area's id; a member's free text from before the list,
// "Caerdydd", read against it, matches the PA's "cardiff" though the words
// differ; words naming no area still match only the same words.
func TestRankByAreaID(t *testing.T) {
	both, swansea := pa("p1", MatchValues{Areas: []string{"cardiff", "swansea"}}), pa("p2", MatchValues{Areas: []string{"swansea"}})
	prefs := MatchProfile{Person: "m1", MatchValues: MatchValues{Areas: []string{"cardiff"}}, Must: []MatchField{MatchArea}}
	got := RankPAs(prefs, []MatchCandidate{swansea, both})
	if len(got) != 1 || got[0].PA != "p1" || !reflect.DeepEqual(got[0].Reasons, []MatchReason{{Field: MatchArea, Item: "cardiff", Must: true}}) {
		t.Fatalf("ranked: %+v", got)
	}
	old := MatchProfile{Person: "m1", MatchValues: MatchValues{Area: "Caerdydd"}, Must: []MatchField{MatchArea}}
	if got := RankPAs(old, []MatchCandidate{both}); len(got) != 0 {
		t.Fatalf("words matched an id without reading them against the list: %+v", got)
	}
	if got := RankPAs(cardiffAndSwansea.Resolve(old), []MatchCandidate{both}); len(got) != 1 || got[0].Reasons[0].Item != "cardiff" {
		t.Fatalf("old words read against the list: %+v", got)
	}
	if r := cardiffAndSwansea.Resolve(MatchProfile{MatchValues: MatchValues{Area: "Llandudno"}}); r.Area != "Llandudno" || r.Areas != nil {
		t.Errorf("words naming no area are not kept as words: %+v", r.MatchValues)
	}
}
