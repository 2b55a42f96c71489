package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// PAs' matching profiles and members' preferences, the co-op's list of
// areas, and the notice of a PA who matches.
func init() {
	add(map[string]text{
		"field." + dpcoop.FieldMatchNoConsent: {"Ticiwch eich bod yn cytuno i rannu hwn, neu gadewch ef yn wag.", "Tick that you agree to share this, or leave it empty."},
		"notice.pa_match.subject":             {"Mae cynorthwyydd a allai fod yn iawn i chi", "There is a PA who could be right for you"},
		"notice.pa_match.body":                {"Mae cynorthwyydd personol yn y cwmni cydweithredol yn cyfateb i'r hyn a ddywedoch chi rydych chi ei eisiau.\n\nMewngofnodwch i dpcoop i weld pwy ydyn nhw a pham.", "A personal assistant in the co-op matches what you said you want.\n\nSign in to dpcoop to see who they are and why."},
		"field." + dpcoop.FieldMatchOneArea:   {"Dewiswch un ardal.", "Choose one area."},
		"field." + dpcoop.FieldAreaRepeated:   {"Mae dwy ardal gyda'r un enw. Rhowch enw gwahanol i bob ardal.", "Two areas have the same name. Give each area a different name."},
		"field." + dpcoop.FieldMatchNoValue:   {"Dewiswch neu ysgrifennwch beth rydych chi am ei rannu, neu dad-diciwch y cytundeb.", "Choose or write what you want to share, or untick the agreement."},
	})
}
