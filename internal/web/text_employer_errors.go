package web

// What each field of the employer's duties' forms (right to work, safe
// recruitment, training, insurance, risk assessments, cases) says when it is
// left out, in the GOV.UK pattern's words: what to do, for this field; and
// the pages' words for a wrong date, whose inputs are day, month and year.
func init() {
	addText(map[string]text{
		"form.invalid_date":   {"Rhowch ddyddiad go iawn", "Enter a real date"},
		"form.date_in_future": {"Rhaid i'r dyddiad fod heddiw neu yn y gorffennol", "The date must be today or in the past"},

		"rtwcheck.method.required":           {"Dewiswch sut y gwnaethoch wirio", "Choose how you checked"},
		"rtwcheck.checked_on.required":       {"Rhowch y dyddiad y gwnaethoch wirio", "Enter the date you checked"},
		"rtwref.referee.required":            {"Rhowch enw'r canolwr", "Enter the referee's name"},
		"rtwref.requested.required":          {"Rhowch y dyddiad y gofynnoch am y geirda", "Enter the date you asked for the reference"},
		"rtwdbs.level.required":              {"Dewiswch lefel y gwiriad DBS", "Choose the level of the DBS check"},
		"rtwdbs.certificate_number.required": {"Rhowch rif y dystysgrif", "Enter the certificate number"},
		"rtwdbs.certificate_number.invalid":  {"Rhowch y rhif 12 digid sydd ar y dystysgrif", "Enter the 12-digit number on the certificate"},
		"rtwdbs.issued.required":             {"Rhowch y dyddiad y cyhoeddwyd y dystysgrif", "Enter the date the certificate was issued"},
		"trainingform.completed.required":    {"Rhowch y dyddiad y cwblhawyd y cwrs", "Enter the date the course was completed"},
		"trainingform.provider.required":     {"Rhowch pwy ddarparodd yr hyfforddiant", "Enter who provided the training"},
		"caseopen.kind.required":             {"Dewiswch pa fath o achos yw hwn", "Choose what kind of case this is"},
		"caseopen.opened.required":           {"Rhowch y dyddiad yr agorwyd yr achos", "Enter the date the case was opened"},
		"caseopen.summary.required":          {"Rhowch grynodeb byr o'r achos", "Enter a short summary of the case"},
		"casestage.stage.required":           {"Dewiswch y cam nesaf", "Choose the next stage"},
		"casestage.on.required":              {"Rhowch ddyddiad y cam", "Enter the date of the stage"},
		"casestage.outcome.required":         {"Dewiswch y canlyniad", "Choose the outcome"},
		"insurance.insurer.required":         {"Rhowch enw'r yswiriwr", "Enter the insurer's name"},
		"insurance.policy_number.required":   {"Rhowch rif y polisi", "Enter the policy number"},
		"insurance.start_date.required":      {"Rhowch y dyddiad y mae'r polisi'n dechrau", "Enter the date the policy starts"},
		"insurance.expiry_date.required":     {"Rhowch y dyddiad y daw'r polisi i ben", "Enter the date the policy ends"},
		"riskform.title.required":            {"Rhowch deitl i'r asesiad", "Enter a title for the assessment"},
		"riskform.risks.required":            {"Disgrifiwch y risgiau a sut y cânt eu rheoli", "Describe the risks and how they are controlled"},
		"riskform.language.required":         {"Dewiswch yr iaith y mae wedi'i hysgrifennu ynddi", "Choose the language it is written in"},
		"riskform.assessed.required":         {"Rhowch ddyddiad yr asesiad", "Enter the date of the assessment"},
		"riskform.review.required":           {"Rhowch ddyddiad yr adolygiad nesaf", "Enter the date of the next review"},
	})
}
