package messages

// The register's column headings and the kinds of application.
func init() {
	add(map[string]text{
		"register.id":                 {"Rhif aelod", "Member id"},
		"register.class":              {"Dosbarth", "Class"},
		"register.name":               {"Enw", "Name"},
		"register.address":            {"Cyfeiriad post", "Postal address"},
		"register.electronic_address": {"Cyfeiriad electronig ar gyfer hysbysiadau", "Electronic address for notices"},
		"register.electronic_uses":    {"Defnyddiau'r cyfeiriad electronig", "Uses of the electronic address"},
		"register.shares":             {"Cyfranddaliadau", "Shares held"},
		"register.shares_paid_pence":  {"Swm a dalwyd (ceiniogau)", "Amount paid (pence)"},
		"register.shares_paid_pounds": {"Swm a dalwyd (£)", "Amount paid (£)"},
		"class.member":                {"Aelod", "Member"},
		"class.supporter":             {"Cefnogwr", "Supporter"},
		"use.notices":                 {"hysbysiadau", "notices"},
		"use.meetings":                {"cyfarfodydd", "meetings"},
		"use.ballots":                 {"pleidleisiau", "ballots"},
		"register.other_property":     {"Eiddo arall a ddelir", "Other property held"},
		"register.date_entered":       {"Dyddiad ymuno", "Date entered"},
		"register.date_ceased":        {"Dyddiad gadael", "Date ceased"},
		"kind.member":                 {"Aelod (rydw i'n cael taliadau uniongyrchol)", "Member (I get direct payments)"},
		"kind.pa":                     {"Cynorthwy-ydd personol (PA)", "Personal assistant (PA)"},
		"kind.supporter":              {"Cefnogwr", "Supporter"},
	})
}
