package web

// The words of a PA's page of their data and the admin's download of it.
func init() {
	addText(map[string]text{
		"nav.pa.data": {"Eich data gwaith", "Your work data"},

		"padata.parts":          {"Beth sydd yn y copi", "What is in the copy"},
		"padata.parts.intro":    {"Mae'r copi yn cadw popeth sydd gan y cwmni cydweithredol amdanoch chi fel eich cyflogwr. Dyma'r rhannau, a faint sydd ym mhob un.", "The copy holds everything the co-op keeps about you as your employer. These are the parts, and how many are in each."},
		"padata.incopy":         {"Yn y copi", "In the copy"},
		"padata.yes":            {"Ydych", "Yes"},
		"padata.no":             {"Nac ydych", "No"},
		"padata.record":         {"Eich manylion", "Your details"},
		"padata.record.value":   {"Eich enw, cyfeiriad, e-bost, ffôn, dyddiad geni, rhif Yswiriant Gwladol, manylion banc a chod treth", "Your name, address, email, phone, date of birth, National Insurance number, bank details and tax code"},
		"padata.employments":    {"Y swyddi sydd gennych chi gyda'r aelodau", "Your jobs with the members"},
		"padata.statements":     {"Datganiadau ysgrifenedig o'ch swydd", "Written statements of your job"},
		"padata.payslips":       {"Slipiau cyflog", "Payslips"},
		"padata.shifts":         {"Shifftiau", "Shifts"},
		"padata.holiday":        {"Gwyliau", "Holiday"},
		"padata.sickness":       {"Amseroedd pan oeddech chi'n sâl", "Times you were off sick"},
		"padata.pension":        {"Pensiwn", "Pension"},
		"padata.recruitment":    {"Gwiriadau hawl i weithio, gwiriadau DBS a geirdaon", "Right to work checks, DBS checks and references"},
		"padata.training":       {"Hyfforddiant", "Training"},
		"padata.cases":          {"Cwynion, disgyblu ac anghydfodau, gyda'r llythyrau", "Grievances, discipline and disputes, with the letters"},
		"padata.matching":       {"Eich proffil paru a'ch cynigion", "Your matching profile and offers"},
		"padata.matching.value": {"Pethau rydych chi'n eu rhannu: {fields}. Cynigion: {offers}.", "Things you share: {fields}. Offers: {offers}."},
		"padata.cover":          {"Ydych chi'n fodlon cyflenwi?", "Are you willing to cover?"},
		"padata.notices":        {"Negeseuon i chi", "Messages to you"},
		"padata.admin":          {"Lawrlwytho data'r cynorthwyydd personol (JSON)", "Download the PA's data (JSON)"},
	})
}
