package web

// The words of the activities pages. Members' words are short and plain,
// for Easy Read.
func init() {
	addText(map[string]text{
		"easy.activities.intro":    {"Mae'r co-op yn gwneud pethau gyda'n gilydd.", "The co-op does things together."},
		"easy.activities.say":      {"Gallwch chi ddweud eich bod chi'n dod.", "You can say you are coming."},
		"easy.activities.when":     {"Pryd: {when}", "When: {when}"},
		"easy.activities.where":    {"Ble: {place}", "Where: {place}"},
		"easy.activities.access":   {"I'ch helpu chi i ddod: {access}", "To help you come: {access}"},
		"easy.activities.coming":   {"Nifer sy'n dod: {count}", "People coming: {count}"},
		"easy.activities.ask":      {"Ydych chi'n dod? Dywedwch wrthym ni.", "Are you coming? Tell us."},
		"easy.activities.feed":     {"Gall y calendr ar eich ffôn ddangos y pethau rydych chi'n dod iddyn nhw.", "Your phone's calendar can show the things you are coming to."},
		"easy.activities.secret":   {"Peidiwch â rhoi'r cyfeiriad i neb arall.", "Do not give the address to anyone else."},
		"activities.title":         {"Gweithgareddau", "Activities"},
		"activities.link":          {"Gweithgareddau", "Activities"},
		"activities.intro":         {"Dyma bethau y gallwn ni eu gwneud gyda'n gilydd.", "These are things we can do together."},
		"activities.none":          {"Does dim gweithgareddau ar y ffordd.", "There are no activities coming up."},
		"activities.when":          {"Pryd", "When"},
		"activities.where":         {"Ble", "Where"},
		"activities.access":        {"Mynediad", "Access"},
		"activities.coming":        {"Faint sy'n dod", "How many are coming"},
		"activities.you.coming":    {"Rydych chi'n dod.", "You are coming."},
		"activities.you.not":       {"Dydych chi ddim wedi dweud eich bod chi'n dod.", "You have not said you are coming."},
		"activities.yes":           {"Rydw i'n dod", "I am coming"},
		"activities.no":            {"Dydw i ddim yn dod", "I am not coming"},
		"activities.done.answered": {"Rydyn ni wedi cadw eich ateb.", "We saved your answer."},
		"activities.feed.title":    {"Eich calendr", "Your calendar"},
		"activities.feed.what":     {"Gall eich calendr ar eich ffôn ddangos y gweithgareddau rydych chi'n dod iddyn nhw. Peidiwch â rhannu'r cyfeiriad.", "Your phone's calendar can show the activities you are coming to. Do not share the address."},
		"activities.feed.make":     {"Gwneud cyfeiriad newydd", "Make a new address"},
		"activities.feed.new":      {"Dyma eich cyfeiriad newydd. Mae'r hen un wedi stopio gweithio.", "This is your new address. The old one has stopped working."},
	})
}
