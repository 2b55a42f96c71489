package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// PAs' matching profiles and members' preferences.
func init() {
	add(map[string]text{
		"field." + dpcoop.FieldMatchNoConsent: {"Ticiwch eich bod yn cytuno i rannu hwn, neu gadewch ef yn wag.", "Tick that you agree to share this, or leave it empty."},
		"field." + dpcoop.FieldMatchNoValue:   {"Dewiswch neu ysgrifennwch beth rydych chi am ei rannu, neu dad-diciwch y cytundeb.", "Choose or write what you want to share, or untick the agreement."},
	})
}
