package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// PAs, employments and shifts.
func init() {
	add(map[string]text{
		dpcoop.CodeNotLeft:          {"Nid yw'r PA hwn wedi gadael. Cofnodwch y dyddiad y gadawodd cyn rhoi P45.", "This PA has not left. Record the day they left before issuing a P45."},
		dpcoop.CodeAlreadyLeft:      {"Mae'r PA hwn eisoes wedi gadael ar ddyddiad arall.", "This PA already left on another date."},
		dpcoop.CodeEmploymentExists: {"Mae cyflogaeth rhwng y PA hwn a'r aelod hwn o'r dyddiad hwn eisoes, gyda manylion gwahanol. I newid ei chyfraddau, ychwanegwch newid cyfradd o'r dyddiad y mae'n dechrau.", "An employment of this PA with this member from this date already exists, with different details. To change its rates, add a rate change from the date it starts."},
		dpcoop.CodeMonthPaid:        {"Mae'r mis hwn wedi'i dalu, felly mae ei sifftiau wedi'u cloi. Rhowch unrhyw gywiriad yn y mis nesaf.", "This month has been paid, so its shifts are locked. Put any correction in next month."},
		dpcoop.CodeShiftState:       {"Ni ellir gwneud hyn i'r sifft yn ei chyflwr presennol.", "This cannot be done to the shift as it is now."},

		"field." + dpcoop.FieldNINumber:           {"Rhowch rif Yswiriant Gwladol fel QQ 12 34 56 C.", "Enter a National Insurance number like QQ 12 34 56 C."},
		"field." + dpcoop.FieldTaxCode:            {"Rhowch god treth fel 1257L, C1257L, BR neu K500 (gydag M1 neu W1 os yw ar y llythyr).", "Enter a tax code like 1257L, C1257L, BR or K500 (with M1 or W1 if the letter says so)."},
		"field." + dpcoop.FieldOneOf:              {"Rhowch hwn neu {other}, nid y ddau.", "Give this or {other}, not both."},
		"field." + dpcoop.FieldEndBeforeStart:     {"Rhaid i'r diwedd fod ar ôl y dechrau. Am sifft sy'n mynd heibio hanner nos, rhowch end_date.", "The end must be after the start. For a shift past midnight, give end_date."},
		"field." + dpcoop.FieldPAIncomplete:       {"Mae cofnod y PA yn anghyflawn. Ychwanegwch ei fanylion cyflogres yn gyntaf.", "The PA's record is incomplete. Add their payroll details first."},
		"field." + dpcoop.FieldOverlapsEmployment: {"Mae cyflogaeth arall rhwng y PA hwn a'r aelod hwn yn ddilys ar rai o'r un dyddiau ({id}). Newidiwch ei chyfraddau neu ei dyddiad gorffen yn lle hynny.", "Another employment of this PA with this member is in force on some of the same days ({id}). Change its rates or its end date instead."},
		"field." + dpcoop.FieldOutsideEmployment:  {"Rhaid i'r dyddiad fod o fewn y gyflogaeth ({start} i {end}).", "The date must be within the employment ({start} to {end})."},
		"field." + dpcoop.FieldBeforePAStart:      {"Ni all hyn fod cyn i'r PA ddechrau ({date}).", "This cannot be before the PA started ({date})."},
		"field." + dpcoop.FieldMemberCeased:       {"Mae'r aelod hwn wedi gadael y cwmni cydweithredol.", "This member has left the co-op."},
		"field." + dpcoop.FieldBelowMinimumWage:   {"Mae hyn yn is na'r isafswm cyflog cyfreithiol i'r PA hwn ({min} yr awr).", "This is below the legal minimum wage for this PA ({min} an hour)."},
		"field." + dpcoop.FieldTooLongShift:       {"Ni all sifft fod yn hwy na 24 awr. Rhannwch hi'n ddwy.", "A shift cannot be longer than 24 hours. Split it into two."},
		"field." + dpcoop.FieldOverlap:            {"Mae gennych sifft arall sy'n gorgyffwrdd â'r amser hwn.", "You have another shift that overlaps this time."},
		"field." + dpcoop.FieldNotEmployed:        {"Dim ond aelodau rydych chi'n gweithio iddynt ar y dyddiad hwn y gallwch eu dewis.", "You can only choose members you work for on this date."},
		"field." + dpcoop.FieldNotMemberOnDate:    {"Nid oedd un o'r aelodau hyn yn aelod o'r cwmni cydweithredol ar {date}. Ni ellir cofnodi gwaith cyn i rywun ymuno â'r gofrestr nac ar ôl iddynt adael.", "One of these members was not a member of the co-op on {date}. Work cannot be recorded before someone entered the register or after they left."},
		"field." + dpcoop.FieldSplit:              {"Rhowch un rhif cyfan positif i bob aelod, fel 1 ac 1 am hanner a hanner.", "Give one whole positive number for each member, like 1 and 1 for half each."},
		"field." + dpcoop.FieldTime:               {"Rhowch amser fel 09:30 (cloc 24 awr).", "Enter a time like 09:30 (24-hour clock)."},
		"field." + dpcoop.FieldMiles:              {"Rhowch filltiroedd fel 12 neu 12.5, hyd at 1000.", "Enter miles like 12 or 12.5, up to 1000."},

		"warning." + dpcoop.WarnBelowRealLivingWage: {"Mae hyn yn is na'r Cyflog Byw Gwirioneddol. Mae polisi Cymru'n talu o leiaf hynny i PAs.", "This is below the Real Living Wage. Welsh policy pays PAs at least that."},
		"warning." + dpcoop.WarnNICategoryAge:       {"Nid yw categori Yswiriant Gwladol y PA yn cyd-fynd â'u hoedran heddiw (M dan 21 oed, C o oedran pensiwn y wladwriaeth). Cywirwch ef cyn y gyflogres nesaf.", "The PA's National Insurance category does not fit their age today (M under 21, C from State Pension age). Correct it before the next payroll."},
		"warning." + dpcoop.WarnMinimumWageRises:    {"Mae'r isafswm cyflog i'r PA hwn yn codi i {min} yr awr ar {date}, uwchlaw cyfradd yn y gyflogaeth hon. Ychwanegwch y gyfradd newydd o'r dyddiad hwnnw.", "The minimum wage for this PA rises to {min} an hour on {date}, above a rate in this employment. Add the new rate from that date."},
		"warning." + dpcoop.WarnOverCarePlan:        {"Mae'r oriau a gymeradwywyd yr wythnos hon yn fwy na'r oriau yn y cynllun gofal.", "Approved hours this week are more than the care plan's hours."},

		"shifts.date":            {"Dyddiad", "Date"},
		"shifts.start":           {"Dechrau", "Start"},
		"shifts.end":             {"Diwedd", "End"},
		"shifts.pa":              {"PA", "PA"},
		"shifts.members":         {"Aelodau", "Members"},
		"shifts.kind":            {"Math", "Kind"},
		"shifts.minutes":         {"Munudau", "Minutes"},
		"shifts.miles":           {"Milltiroedd", "Miles"},
		"shifts.pay":             {"Tâl (ceiniogau)", "Pay (pence)"},
		"shifts.pay_pounds":      {"Tâl (£)", "Pay (£)"},
		"shiftkind.standard":     {"Arferol", "Standard"},
		"shiftkind.night":        {"Nos", "Night"},
		"shiftkind.sleep_in":     {"Cysgu i mewn", "Sleep-in"},
		"shiftkind.bank_holiday": {"Gŵyl banc", "Bank holiday"},
		"shiftkind.holiday":      {"Gwyliau", "Holiday"},
		"shiftstatus.draft":      {"Drafft", "Draft"},
		"shiftstatus.submitted":  {"Wedi'i chyflwyno", "Submitted"},
		"shiftstatus.approved":   {"Wedi'i chymeradwyo", "Approved"},
		"shiftstatus.rejected":   {"Wedi'i gwrthod", "Rejected"},
		"shifts.status":          {"Statws", "Status"},
		"shifts.id":              {"Cyfeirnod", "Reference"},
	})
}
