package web

// The words of a PA's safe-recruitment page: right to work, references and
// DBS checks, and the dashboard's lines about them.
func init() {
	addText(map[string]text{
		"rtw.title":    {"Recriwtio diogel: {name}", "Safe recruitment: {name}"},
		"rtw.link":     {"Hawl i weithio, geirdaon a gwiriad DBS", "Right to work, references and DBS check"},
		"rtw.heading":  {"Hawl i weithio", "Right to work"},
		"rtw.intro":    {"Gwiriwch hawl y PA i weithio yn y DU cyn iddo ddechrau gweithio. Cofnodwch sut a phryd y gwnaethoch wirio, nid y dogfennau eu hunain. Dim ond am waith ar ddiwrnodau y mae gwiriad dilys yn eu cwmpasu y gellir talu'r PA.", "Check the PA's right to work in the UK before they start work. Record how and when you checked, not the documents themselves. The PA can be paid only for work on days a valid check covers."},
		"rtw.no_limit": {"Dim terfyn amser", "No time limit"},
		"rtw.add":      {"Cofnodi gwiriad hawl i weithio", "Record a right to work check"},
		"rtw.save":     {"Cofnodi'r gwiriad", "Record the check"},

		"rtw.state.valid":         {"Gwiriad dilys", "Valid check"},
		"rtw.state.follow_up_due": {"Gwiriad dilynol yn ddyledus erbyn {date}", "Follow-up check due by {date}"},
		"rtw.state.none":          {"Dim gwiriad dilys", "No valid check"},

		"rtwcheck.method":                  {"Sut y gwnaethoch wirio", "How you checked"},
		"rtwcheck.checked_on":              {"Dyddiad y gwiriad", "Date of the check"},
		"rtwcheck.checked_on.hint":         {"Er enghraifft, 27 3 2026", "For example, 27 3 2026"},
		"rtwcheck.permission_expires":      {"Dyddiad y daw'r caniatâd i ben (os oes terfyn amser)", "Date the permission ends (if time-limited)"},
		"rtwcheck.permission_expires.hint": {"Gadewch yn wag os nad oes terfyn amser ar hawl y PA i weithio. Bydd angen gwiriad dilynol cyn y dyddiad hwn.", "Leave empty if the PA's right to work has no time limit. A follow-up check is needed before this date."},
		"rtw.method.manual":                {"Gwiriad â llaw o ddogfennau gwreiddiol", "Manual check of original documents"},
		"rtw.method.online":                {"Gwasanaeth ar-lein y Swyddfa Gartref gyda chod rhannu", "Home Office online service with a share code"},
		"rtw.method.idsp":                  {"Darparwr gwasanaeth hunaniaeth (pasbort Prydeinig neu Wyddelig)", "Identity service provider (British or Irish passport)"},

		"rtw.refs":                         {"Geirdaon", "References"},
		"rtw.refs.none":                    {"Does dim geirdaon wedi'u cofnodi.", "No references recorded."},
		"rtw.ref.waiting":                  {"Heb ddod i law eto", "Not received yet"},
		"rtw.ref.add":                      {"Cofnodi geirda", "Record a reference"},
		"rtw.ref.save":                     {"Cofnodi'r geirda", "Record the reference"},
		"rtwref.referee":                   {"Enw'r canolwr", "Referee's name"},
		"rtwref.referee.hint":              {"Dim ond yr enw. Peidiwch â chofnodi beth mae'r geirda yn ei ddweud.", "The name only. Do not record what the reference says."},
		"rtwref.requested":                 {"Dyddiad gofyn amdano", "Date asked for"},
		"rtwref.received":                  {"Dyddiad y daeth i law", "Date received"},
		"rtwref.received.hint":             {"Gadewch yn wag os nad yw wedi dod i law eto. Cofnodwch ef eto pan ddaw.", "Leave empty if it has not arrived yet. Record it again when it does."},
		"rtw.dbs":                          {"Gwiriad DBS", "DBS check"},
		"rtw.dbs.none":                     {"Does dim gwiriad DBS wedi'i gofnodi.", "No DBS check recorded."},
		"rtw.dbs.add":                      {"Cofnodi gwiriad DBS", "Record a DBS check"},
		"rtw.dbs.save":                     {"Cofnodi'r gwiriad DBS", "Record the DBS check"},
		"rtwdbs.level":                     {"Lefel", "Level"},
		"rtwdbs.certificate_number":        {"Rhif y dystysgrif", "Certificate number"},
		"rtwdbs.certificate_number.hint":   {"Y 12 digid ar y dystysgrif. Peidiwch â chofnodi beth mae'r dystysgrif yn ei ddweud.", "The 12 digits on the certificate. Do not record what the certificate says."},
		"rtwdbs.issued":                    {"Dyddiad cyhoeddi", "Date issued"},
		"rtwdbs.update_service":            {"Ydy'r PA wedi tanysgrifio i'r Gwasanaeth Diweddaru?", "Has the PA subscribed to the Update Service?"},
		"rtw.level.basic":                  {"Sylfaenol", "Basic"},
		"rtw.level.standard":               {"Safonol", "Standard"},
		"rtw.level.enhanced":               {"Manwl", "Enhanced"},
		"rtw.level.enhanced_barred_adults": {"Manwl gyda rhestr wahardd oedolion", "Enhanced with adults' barred list"},
		"rtw.yesno.yes":                    {"Ydy", "Yes"},
		"rtw.yesno.no":                     {"Nac ydy", "No"},

		"rtw.done.rtw":       {"Mae'r gwiriad hawl i weithio wedi'i gofnodi.", "The right to work check is recorded."},
		"rtw.done.reference": {"Mae'r geirda wedi'i gofnodi.", "The reference is recorded."},
		"rtw.done.dbs":       {"Mae'r gwiriad DBS wedi'i gofnodi.", "The DBS check is recorded."},

		"rtw.dash.none.title":      {"PAs heb wiriad hawl i weithio dilys", "PAs with no valid right to work check"},
		"rtw.dash.follow_up.title": {"Gwiriadau hawl i weithio dilynol yn ddyledus", "Follow-up right to work checks due"},
		"rtw.dash.no_dbs.title":    {"PAs heb y gwiriad DBS sydd ei angen ar y cwmni cydweithredol", "PAs without the DBS check the co-op requires"},
		"rtw.dash.none":            {"Dim gwiriad hawl i weithio dilys: {name}", "No valid right to work check: {name}"},
		"rtw.dash.follow_up":       {"Gwiriad hawl i weithio dilynol yn ddyledus erbyn {date}: {name}", "Follow-up right to work check due by {date}: {name}"},
		"rtw.dash.no_dbs":          {"Dim gwiriad DBS o'r lefel sydd ei hangen: {name}", "No DBS check at the level required: {name}"},
	})
}
