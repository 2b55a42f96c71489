package web

// The words of the admins' activity pages.
func init() {
	addText(map[string]text{
		"nav.admin.activities":    {"Gweithgareddau", "Activities"},
		"adminact.title":          {"Gweithgareddau i ddod", "Upcoming activities"},
		"adminact.none":           {"Does dim gweithgareddau i ddod.", "There are no upcoming activities."},
		"adminact.who":            {"Pwy sy'n dod", "Who is coming"},
		"adminact.nobody":         {"Neb eto", "Nobody yet"},
		"adminact.new.link":       {"Ychwanegu gweithgaredd", "Add an activity"},
		"adminact.new.title":      {"Ychwanegu gweithgaredd", "Add an activity"},
		"adminact.new.button":     {"Ychwanegu a rhoi gwybod i'r aelodau", "Add and tell the members"},
		"adminact.done.added":     {"Mae'r gweithgaredd ar y calendr, ac mae'r aelodau wedi cael gwybod.", "The activity is on the calendar, and the members have been told."},
		"adminact.done.cancelled": {"Mae'r gweithgaredd wedi'i ganslo.", "The activity is cancelled."},
		"adminact.cancel":         {"Canslo'r gweithgaredd", "Cancel the activity"},
		"adminact.cancel.title":   {"Canslo'r gweithgaredd?", "Cancel the activity?"},
		"adminact.cancel.line":    {"Bydd yn diflannu o'r rhestr, a bydd calendrau'r aelodau'n ei ddangos wedi'i ganslo. Does dim modd dadwneud hyn.", "It leaves the list, and members' calendars show it cancelled. This cannot be undone."},
		"newact.title_cy":         {"Teitl yn Gymraeg", "Title in Welsh"},
		"newact.title_en":         {"Teitl yn Saesneg", "Title in English"},
		"newact.description_cy":   {"Disgrifiad yn Gymraeg", "Description in Welsh"},
		"newact.description_en":   {"Disgrifiad yn Saesneg", "Description in English"},
		"newact.starts_at":        {"Yn dechrau", "Starts"},
		"newact.starts_at.hint":   {"Amser yng Nghymru, er enghraifft 2026-12-05T10:00", "Time in Wales, for example 2026-12-05T10:00"},
		"newact.ends_at":          {"Yn gorffen", "Ends"},
		"newact.ends_at.hint":     {"Er enghraifft 2026-12-05T15:30", "For example 2026-12-05T15:30"},
		"newact.place":            {"Ble", "Where"},
		"newact.access_cy":        {"Nodiadau mynediad yn Gymraeg (dewisol)", "Access notes in Welsh (optional)"},
		"newact.access_en":        {"Nodiadau mynediad yn Saesneg (dewisol)", "Access notes in English (optional)"},
		"newact.cost_pence":       {"Cost (dewisol)", "Cost (optional)"},
		"newact.cost_pence.hint":  {"Mewn punnoedd, er enghraifft 12.50", "In pounds, for example 12.50"},
		"newact.pool_id":          {"Y gronfa sy'n talu (os oes cost)", "The pool that pays (if there is a cost)"},
		"newact.pool_id.none":     {"Dim cronfa", "No pool"},
	})
}
