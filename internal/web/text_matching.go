package web

// The words of the matching pages: a PA's profile, a member's preferences,
// the PAs who fit, the needs a PA could meet and the offers.
func init() {
	addText(map[string]text{
		"match.pa.title":         {"Eich proffil ar gyfer paru", "Your profile for matching"},
		"match.member.title":     {"Y PA rydych chi eisiau", "The PA you want"},
		"match.admin.title":      {"Dewisiadau'r aelod ar gyfer PA", "The member's choices for a PA"},
		"match.who.pa.intro":     {"Mae'r proffil hwn yn helpu aelodau i ddod o hyd i PA. Mae'r aelodau sy'n chwilio am PA a gweinyddwyr y co-op yn ei weld, gyda'ch enw cyntaf. Nid yw PAs eraill yn ei weld.", "This profile helps members find a PA. Members looking for a PA and the co-op's admins see it, with your first name. Other PAs do not see it."},
		"match.who.member.intro": {"Dywedwch wrthym pa fath o PA rydych chi eisiau. Rydyn ni'n dangos i chi'r PAs sy'n addas.", "Tell us what PA you want. We show you the PAs who fit."},
		"match.optional":         {"Does dim rhaid i chi rannu dim. Ticiwch bob peth rydych chi'n cytuno i'w rannu. Gallwch chi ei dynnu'n ôl unrhyw bryd: rydyn ni'n ei ddileu.", "You do not have to share anything. Tick each thing you agree to share. You can take it back at any time: we delete it."},
		"match.consent":          {"Rwy'n cytuno i rannu hyn: {field}", "I agree to share this: {field}"},
		"match.must":             {"Rhaid i fi gael hyn", "I must have this"},
		"match.must.hint":        {"Heb dic, mae'n rhywbeth yr hoffech chi ei gael.", "With no tick, it is something you would like."},
		"match.save":             {"Cadw", "Save"},
		"match.back":             {"Yn ôl i gofnod yr aelod", "Back to the member's record"},
		"match.done.saved":       {"Wedi'i gadw.", "Saved."},
		"match.done.withdrawn":   {"Wedi'i ddileu. Nid ydym yn cadw dim ohono.", "Deleted. We keep none of it."},
		"match.done.offered":     {"Rydych chi wedi cynnig. Bydd gweinyddwr yn cysylltu â chi.", "You have offered. An admin will be in touch."},
		"match.withdraw.link":    {"Dileu popeth a rannwyd", "Delete everything shared"},
		"match.withdraw.title":   {"Dileu popeth a rannwyd?", "Delete everything shared?"},
		"match.withdraw.line":    {"Byddwn ni'n dileu pob peth a rannwyd ar gyfer paru. Allwn ni ddim ei gael yn ôl.", "We will delete everything shared for matching. We cannot get it back."},
		"match.withdraw.button":  {"Dileu", "Delete"},

		"match.field.languages": {"Ieithoedd", "Languages"},
		"match.field.gender":    {"Rhywedd", "Gender"},
		"match.field.faith":     {"Ffydd", "Faith"},
		"match.field.culture":   {"Diwylliant", "Culture"},
		"match.field.interests": {"Diddordebau", "Interests"},
		"match.field.support":   {"Cymorth", "Support"},
		"match.field.area":      {"Ardal", "Area"},
		"match.field.times":     {"Amseroedd", "Times"},

		"match.languages":  {"Pa ieithoedd?", "Which languages?"},
		"match.gender":     {"Pa rywedd?", "Which gender?"},
		"match.faith":      {"Pa ffydd?", "Which faith?"},
		"match.culture":    {"Pa ddiwylliant? (ychydig eiriau)", "Which culture? (a few words)"},
		"match.interests":  {"Pa ddiddordebau?", "Which interests?"},
		"match.support":    {"Pa gymorth?", "What support?"},
		"match.area":       {"Pa ardal neu dref?", "Which area or town?"},
		"match.area.hint":  {"Er enghraifft, Caerdydd.", "For example, Cardiff."},
		"match.times":      {"Pryd?", "When?"},
		"match.times.hint": {"Ticiwch bob diwrnod a rhan o'r diwrnod.", "Tick each day and part of the day."},

		"match.who.pa.languages":     {"Yr ieithoedd rydych chi'n eu siarad.", "The languages you speak."},
		"match.who.pa.gender":        {"Eich rhywedd. Dim ond pan fydd aelod yn gofyn am PA o rywedd arbennig y caiff ei ddefnyddio.", "Your gender. It is used only when a member asks for a PA of a certain gender."},
		"match.who.pa.faith":         {"Eich ffydd. Dim ond pan fydd aelod yn gofyn am PA sy'n rhannu ei ffydd y caiff ei defnyddio.", "Your faith. It is used only when a member asks for a PA who shares their faith."},
		"match.who.pa.culture":       {"Eich diwylliant, mewn ychydig eiriau. Dim ond pan fydd aelod yn gofyn amdano y caiff ei ddefnyddio.", "Your culture, in a few words. It is used only when a member asks for it."},
		"match.who.pa.interests":     {"Pethau rydych chi'n hoffi eu gwneud.", "Things you like doing."},
		"match.who.pa.support":       {"Y cymorth rydych chi'n gallu ei roi.", "The support you can give."},
		"match.who.pa.area":          {"Lle rydych chi'n gallu gweithio.", "Where you can work."},
		"match.who.pa.times":         {"Pryd rydych chi'n rhydd i weithio.", "When you are free to work."},
		"match.who.member.languages": {"Yr iaith rydych chi eisiau. Mae PAs a allai helpu yn gweld hyn, ond nid eich enw.", "The language you want. PAs who could help see this, but not your name."},
		"match.who.member.gender":    {"Y rhywedd rydych chi eisiau i'ch PA fod. Dim ond chi a staff y co-op sy'n gweld hyn.", "The gender you want your PA to be. Only you and the co-op's staff see this."},
		"match.who.member.faith":     {"Ffydd rydych chi eisiau i'ch PA ei rhannu. Dim ond chi a staff y co-op sy'n gweld hyn.", "A faith you want your PA to share. Only you and the co-op's staff see this."},
		"match.who.member.culture":   {"Diwylliant rydych chi eisiau i'ch PA ei rannu. Dim ond chi a staff y co-op sy'n gweld hyn.", "A culture you want your PA to share. Only you and the co-op's staff see this."},
		"match.who.member.interests": {"Pethau yr hoffech chi eu gwneud gyda'ch PA. Dim ond chi a staff y co-op sy'n gweld hyn.", "Things you would like to do with your PA. Only you and the co-op's staff see this."},
		"match.who.member.support":   {"Y cymorth rydych chi eisiau. Mae PAs a allai helpu yn gweld hyn, ond nid eich enw.", "The support you want. PAs who could help see this, but not your name."},
		"match.who.member.area":      {"Lle rydych chi'n byw. Mae PAs a allai helpu yn gweld hyn, ond nid eich enw.", "Where you live. PAs who could help see this, but not your name."},
		"match.who.member.times":     {"Pryd rydych chi eisiau help. Mae PAs a allai helpu yn gweld hyn, ond nid eich enw.", "When you want help. PAs who could help see this, but not your name."},

		"match.gender.woman":      {"Menyw", "Woman"},
		"match.gender.man":        {"Dyn", "Man"},
		"match.gender.non_binary": {"Anneuaidd", "Non-binary"},

		"match.faith.christian_catholic": {"Catholig", "Catholic"},
		"match.faith.christian":          {"Cristnogol (eglwys neu gapel arall)", "Christian (another church or chapel)"},
		"match.faith.muslim":             {"Mwslim", "Muslim"},
		"match.faith.jewish":             {"Iddewig", "Jewish"},
		"match.faith.hindu":              {"Hindŵ", "Hindu"},
		"match.faith.sikh":               {"Sikh", "Sikh"},
		"match.faith.buddhist":           {"Bwdhydd", "Buddhist"},
		"match.faith.no_religion":        {"Dim crefydd", "No religion"},

		"match.interests.music":     {"Cerddoriaeth", "Music"},
		"match.interests.sport":     {"Chwaraeon", "Sport"},
		"match.interests.art":       {"Celf", "Art"},
		"match.interests.reading":   {"Darllen", "Reading"},
		"match.interests.gardening": {"Garddio", "Gardening"},
		"match.interests.cooking":   {"Coginio", "Cooking"},
		"match.interests.outdoors":  {"Mynd allan i'r awyr agored", "The outdoors"},
		"match.interests.games":     {"Gemau", "Games"},
		"match.interests.films":     {"Ffilmiau", "Films"},
		"match.interests.animals":   {"Anifeiliaid", "Animals"},

		"match.support.personal_care": {"Gofal personol", "Personal care"},
		"match.support.going_out":     {"Mynd allan", "Going out"},
		"match.support.work":          {"Gwaith", "Work"},
		"match.support.driving":       {"Gyrru", "Driving"},
		"match.support.household":     {"Gwaith tŷ", "Housework"},
		"match.support.communication": {"Cyfathrebu", "Communication"},
		"match.support.meals":         {"Prydau bwyd", "Meals"},
		"match.support.overnight":     {"Dros nos", "Overnight"},

		"match.reason.languages": {"yn siarad {item}", "speaks {item}"},
		"match.reason.gender":    {"{item}, fel y gofynnoch chi", "{item}, as you asked"},
		"match.reason.faith":     {"yn rhannu'ch ffydd: {item}", "shares your faith: {item}"},
		"match.reason.culture":   {"yn rhannu'ch diwylliant: {item}", "shares your culture: {item}"},
		"match.reason.interests": {"hefyd yn hoffi: {item}", "also likes: {item}"},
		"match.reason.support":   {"yn gallu helpu gyda: {item}", "can help with: {item}"},
		"match.reason.area":      {"yn gallu gweithio yn ardal {item}", "can work in {item}"},
		"match.reason.times":     {"yn rhydd: {item}", "free on {item}"},

		"match.list.title":   {"PAs a allai eich helpu", "PAs who could help you"},
		"match.list.intro":   {"Mae'r PA sy'n addas orau ar y brig. Dyma pam mae pob un yn addas.", "The PA who fits best is first. This is why each one fits."},
		"match.list.musts":   {"Mae ganddyn nhw'r hyn sy'n rhaid i chi ei gael:", "They have what you must have:"},
		"match.list.wishes":  {"Mae ganddyn nhw hefyd yr hyn yr hoffech chi:", "They also have what you would like:"},
		"match.list.next":    {"Hoffech chi gwrdd ag un? Dywedwch wrth staff y co-op.", "Would you like to meet one? Tell the co-op's staff."},
		"match.list.none":    {"Does dim PA yn addas eto.", "No PA fits yet."},
		"match.list.noprefs": {"Yn gyntaf, dywedwch wrthym pa fath o PA rydych chi eisiau.", "First tell us what PA you want."},
		"match.list.change":  {"Newid y PA rydych chi eisiau", "Change the PA you want"},
		"match.applicant":    {"Heb ei gyflogi eto", "Not yet employed"},

		"match.needs.title":    {"Aelodau y gallech chi eu helpu", "Members you could help"},
		"match.needs.intro":    {"Mae'r aelodau hyn eisiau PA, a gallech chi eu helpu. Nid ydym yn dangos pwy ydyn nhw. Os ydych chi'n cynnig, bydd gweinyddwr yn cysylltu â chi.", "These members want a PA, and you could help them. We do not show who they are. If you offer, an admin will be in touch."},
		"match.needs.none":     {"Does neb y gallech chi ei helpu ar hyn o bryd. Rhannwch fwy yn eich proffil i weld mwy.", "There is no one you could help at the moment. Share more in your profile to see more."},
		"match.needs.profile":  {"Eich proffil ar gyfer paru", "Your profile for matching"},
		"match.offer":          {"Cynnig helpu", "Offer to help"},
		"match.need.someone":   {"Rhywun", "Someone"},
		"match.need.area":      {"yn ardal {area}", "in {area}"},
		"match.need.support":   {"sydd eisiau help gyda: {support};", "who wants help with: {support};"},
		"match.need.times":     {"ar yr adegau hyn: {times};", "at these times: {times};"},
		"match.need.languages": {"sy'n siarad: {languages}", "who speaks: {languages}"},

		"match.offers.title":  {"Cynigion gan PAs", "Offers from PAs"},
		"match.offers.intro":  {"Mae'r PAs hyn wedi cynnig cefnogi aelod sy'n chwilio am PA. Siaradwch â'r ddau, yna cyflogwch drwy gofnod y PA.", "These PAs have offered to support a member looking for a PA. Talk to both, then employ through the PA's record."},
		"match.offers.pa":     {"PA", "PA"},
		"match.offers.member": {"Aelod", "Member"},
		"match.offers.when":   {"Pryd", "When"},
		"match.offers.next":   {"Nesaf", "Next"},
		"match.offers.employ": {"Cyflogi", "Employ"},
		"match.offers.none":   {"Does dim cynnig eto.", "No offers yet."},

		"match.link.pa":     {"Eich proffil ar gyfer paru ag aelodau", "Your profile for matching with members"},
		"match.link.needs":  {"Aelodau y gallech chi eu helpu", "Members you could help"},
		"match.link.member": {"Dod o hyd i'r PA iawn", "Find the right PA"},
		"match.link.admin":  {"Dewisiadau ar gyfer PA a'r PAs sy'n addas", "Choices for a PA and the PAs who fit"},
		"match.link.offers": {"Cynigion gan PAs", "Offers from PAs"},
	})
	// The times a person can give: each day of the week and part of it.
	days := map[string]text{"mon": {"Dydd Llun", "Monday"}, "tue": {"Dydd Mawrth", "Tuesday"}, "wed": {"Dydd Mercher", "Wednesday"},
		"thu": {"Dydd Iau", "Thursday"}, "fri": {"Dydd Gwener", "Friday"}, "sat": {"Dydd Sadwrn", "Saturday"}, "sun": {"Dydd Sul", "Sunday"}}
	parts := map[string]text{"morning": {"y bore", "morning"}, "afternoon": {"y prynhawn", "afternoon"}, "evening": {"gyda'r nos", "evening"}}
	times := map[string]text{}
	for d, dt := range days {
		for p, pt := range parts {
			times["match.times."+d+"-"+p] = text{dt.cy + ", " + pt.cy, dt.en + " " + pt.en}
		}
	}
	addText(times)
}

// languageNames are the languages a person can share, in each language.
// They are kept apart from the catalogue: "English" is also the language
// switch's own word on every Welsh page, so it cannot be a catalogue
// sentence no Welsh page may show.
var languageNames = map[string]text{
	"cy":  {"Cymraeg", "Welsh"},
	"en":  {"Saesneg", "English"},
	"bsl": {"Iaith Arwyddion Prydain", "British Sign Language"},
	"pl":  {"Pwyleg", "Polish"},
	"ar":  {"Arabeg", "Arabic"},
	"ur":  {"Wrdw", "Urdu"},
	"bn":  {"Bengaleg", "Bengali"},
	"zh":  {"Tsieinëeg", "Chinese"},
}
