package messages

import (
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Payroll runs, their problems and payslips.
func init() {
	add(map[string]text{
		dpcoop.CodeRunState:                      {"Ni ellir gwneud hyn i gyflogres y mis hwn yn ei chyflwr presennol (mae'n cael ei chyfrifo neu mae'n derfynol).", "This cannot be done to this month's payroll as it is now (it is being calculated, or it is final)."},
		dpcoop.CodeBankMissing:                   {"Nid oes manylion banc gan un neu fwy o PAs sydd i'w talu. Ychwanegwch nhw i gofnod y PA.", "One or more PAs to be paid have no bank details. Add them to the PA's record."},
		dpcoop.CodeMonthNotEnded:                 {"Ni ellir cwblhau cyflogres mis cyn i'r mis ddod i ben.", "A month's payroll cannot be finalised before the month has ended."},
		dpcoop.CodeEarlierMonthUnpaid:            {"Mae mis cynharach â gwaith wedi'i gymeradwyo heb ei dalu eto. Telir misoedd yn eu trefn.", "An earlier month with approved work is not paid yet. Months are paid in order."},
		dpcoop.CodeYearNotEnded:                  {"Mae P60 ar gyfer blwyddyn dreth sydd wedi dod i ben yn unig (ar 5 Ebrill).", "A P60 is only for a tax year that has ended (on 5 April)."},
		dpcoop.CodeLeftBeforeYearEnd:             {"Gadawodd y PA hwn cyn diwedd y flwyddyn dreth, felly cafodd P45 yn lle P60.", "This PA left before the end of the tax year, so they had a P45 instead of a P60."},
		dpcoop.CodePreviewStale:                  {"Mae rhywbeth wedi newid ers cyfrifo'r rhagolwg hwn. Cyfrifwch y mis eto cyn ei gwblhau.", "Something changed since this preview was calculated. Calculate the month again before finalising it."},
		"field." + dpcoop.CodeMonthNotEnded:      {"Nid yw {month} wedi dod i ben eto. Cwblhewch y gyflogres ar ôl diwedd y mis (neu newidiwch y gosodiadau os yw'r cwmni cydweithredol yn talu o fewn y mis).", "{month} has not ended yet. Finalise the payroll after the month ends (or change the settings if the co-op pays within the month)."},
		"field." + dpcoop.CodeEarlierMonthUnpaid: {"Cwblhewch gyflogres {month} yn gyntaf.", "Finish the payroll for {month} first."},
		"field." + dpcoop.FieldShiftsChanged:     {"Mae sifftiau'r mis wedi newid (sifft wedi'i chymeradwyo, ei gwrthod neu ei chywiro).", "The month's shifts changed (a shift was approved, rejected or corrected)."},
		"field." + dpcoop.FieldRatesChanged:      {"Mae cyfraddau neu ddyddiadau cyflogaeth wedi newid.", "Employment rates or dates changed."},
		"field." + dpcoop.FieldTaxCodesChanged:   {"Mae cod treth, benthyciad myfyriwr neu gyflog hyd yma PA wedi newid.", "A PA's tax code, student loan or pay to date changed."},
		"field." + dpcoop.FieldPARecordsChanged:  {"Mae cofnod PA wedi newid (er enghraifft categori Yswiriant Gwladol, pensiwn neu ddyddiad geni).", "A PA's record changed (for example NI category, pension or date of birth)."},
		"field." + dpcoop.FieldSettingsChanged:   {"Mae gosodiadau cyflogres y cwmni cydweithredol wedi newid.", "The co-op's payroll settings changed."},
		"field." + dpcoop.FieldPAYEReference:     {"Rhowch gyfeirnod TWE y cyflogwr fel y mae ar lythyr CThEF: tri digid, blaenslaes, yna'r llythrennau a'r rhifau, fel 123/AB456.", "Enter the employer PAYE reference as it is on HMRC's letter: three digits, a slash, then the letters and numbers, like 123/AB456."},
		"field." + dpcoop.FieldAORef:             {"Nid yw hwn yn gyfeirnod Swyddfa Gyfrifon dilys. Mae ganddo 13 nod, fel 123PG00012345: gwiriwch ef yn erbyn llythyr CThEF.", "This is not a valid Accounts Office reference. It has 13 characters, like 123PG00012345: check it against HMRC's letter."},
		dpcoop.CodeRunBlocked:                    {"Mae problemau yn y gyflogres hon sy'n rhaid eu datrys cyn ei chwblhau. Gweler y rhestr problemau.", "This payroll has problems that must be fixed before it is finalised. See its list of problems."},

		"field." + dpcoop.FieldOnlyWithP45:     {"Dim ond o P45 (neu P6 sy'n eu cywiro) y daw cyflog a threth hyd yma. Tynnwch y ffigurau hyn, neu dewiswch P45 neu P6 fel y ffynhonnell.", "Pay and tax to date come only from a P45 (or a P6 that corrects them). Remove these figures, or choose P45 or P6 as the source."},
		"field." + dpcoop.FieldNeedsNotice:     {"Mae cod treth y PA yn newid dim ond gyda hysbysiad: cofnodwch y P6, P9 neu P45 yn hanes codau treth y PA.", "A PA's tax code changes only with a notice: record the P6, P9 or P45 in the PA's tax code history."},
		"field." + dpcoop.FieldLoanNeedsNotice: {"Mae benthyciad myfyriwr neu fenthyciad ôl-raddedig PA yn dechrau ac yn dod i ben gyda hysbysiad yn unig: cofnodwch yr SL1, SL2, PGL1 neu PGL2 yn hanes cyflog y PA.", "A PA's student or postgraduate loan starts and stops only with a notice: record the SL1, SL2, PGL1 or PGL2 in the PA's pay history."},
		"field." + dpcoop.FieldLoanPlanNotice:  {"Nid yw'r cynllun hwn yn mynd gyda'r hysbysiad hwn: mae SL1 ac SL2 ar gyfer cynlluniau 1, 2, 4 a 5, a PGL1 a PGL2 ar gyfer benthyciad ôl-raddedig.", "This plan does not go with this notice: SL1 and SL2 are for plans 1, 2, 4 and 5, PGL1 and PGL2 for a postgraduate loan."},
		"field." + dpcoop.FieldPensionTotal:    {"Rhaid i'r cyfraniadau pensiwn fod o leiaf 8% i gyd, gyda'r cyflogwr yn talu o leiaf 3%.", "Pension contributions must be at least 8% in all, with the employer paying at least 3%."},

		"problem." + dpcoop.FieldPAIncomplete:    {"Mae cofnod y PA hwn yn anghyflawn, felly ni ellir ei dalu. Cwblhewch ef ac ailgyfrifwch.", "This PA's record is incomplete, so they cannot be paid. Complete it and calculate again."},
		"problem.below_national_living_wage":     {"Mae'r tâl yr awr yn is na'r Cyflog Byw Cenedlaethol. Cywirwch y gyfradd cyn cwblhau.", "Pay per hour is below the National Living Wage. Correct the rate before finalising."},
		"problem.below_minimum_wage_18_20":       {"Mae'r tâl yr awr yn is na'r isafswm cyflog i rai 18 i 20 oed.", "Pay per hour is below the minimum wage for ages 18 to 20."},
		"problem.below_minimum_wage_16_17":       {"Mae'r tâl yr awr yn is na'r isafswm cyflog i rai 16 i 17 oed.", "Pay per hour is below the minimum wage for ages 16 to 17."},
		"problem.below_apprentice_rate":          {"Mae'r tâl yr awr yn is na chyfradd y prentis.", "Pay per hour is below the apprentice rate."},
		"problem.below_real_living_wage":         {"Mae'r tâl yr awr yn is na'r Cyflog Byw Gwirioneddol (polisi Cymru).", "Pay per hour is below the Real Living Wage (Welsh policy)."},
		"problem.auto_enrolment_due":             {"Rhaid cofrestru'r PA hwn mewn pensiwn gweithle, ond ni allai'r gyflogres wneud hynny: nid oes enw cynllun pensiwn yng ngosodiadau'r gyflogres. Rhowch pension_scheme_name ac ailgyfrifwch.", "This PA must be enrolled into a workplace pension, but the payroll could not do it: the payroll settings name no pension scheme. Set pension_scheme_name and calculate again."},
		"problem.tax_overriding_limit_applied":   {"Mae'r terfyn treth o 50% wedi'i gymhwyso i'r slip cyflog hwn.", "The 50% tax limit was applied to this payslip."},
		"problem.ssp_below_lower_earnings_limit": {"Mae enillion yn is na'r terfyn enillion is ar gyfer tâl salwch statudol.", "Earnings are below the lower earnings limit for statutory sick pay."},
		"problem.ni_category_age":                {"Nid yw categori Yswiriant Gwladol y PA yn cyd-fynd â'u hoedran ar y dyddiad talu (M dan 21 oed, C o oedran pensiwn y wladwriaeth). Cywirwch y categori ac ailgyfrifwch cyn cwblhau.", "The PA's National Insurance category does not fit their age on the pay date (M under 21, C from State Pension age). Correct the category and calculate again before finalising."},
		"problem.payroll_invalid_tax_code":       {"Nid yw cod treth y PA yn ddilys. Cywirwch ef.", "The PA's tax code is not valid. Correct it."},
		"problem.payroll_unsupported_tax_code":   {"Nid yw'r gyflogres yn cefnogi cod treth y PA hwn.", "Payroll does not support this PA's tax code."},
		"problem.payroll_no_tax_year":            {"Nid oes ffigurau treth ar gyfer y flwyddyn dreth hon eto.", "There are no tax figures for this tax year yet."},
		"problem.payroll_invalid_ni_category":    {"Nid yw categori Yswiriant Gwladol y PA yn ddilys.", "The PA's National Insurance category is not valid."},
		"problem.payroll_no_loan_threshold":      {"Nid oes trothwy yn y flwyddyn dreth hon ar gyfer cynllun benthyciad myfyriwr y PA (mae ad-daliadau cynllun 5 yn dechrau ar 6 Ebrill 2026). Gwiriwch y cynllun ar hysbysiad benthyciad y PA.", "There is no threshold this tax year for the PA's student loan plan (plan 5 repayments start on 6 April 2026). Check the plan on the PA's loan notice."},
		"problem.payroll_figure_not_published":   {"Nid yw'r ffigur hwn wedi'i gyhoeddi eto: {figure}. Felly ni ellir talu'r PA hwn. Ni fydd y gyflogres yn dyfalu: arhoswch i'r ffigur gael ei gyhoeddi a'i ychwanegu.", "This figure is not published yet: {figure}. So this PA cannot be paid. Payroll never guesses: wait until the figure is published and added."},
		"problem.payroll_error":                  {"Ni ellid cyfrifo slip cyflog y PA hwn.", "This PA's payslip could not be calculated."},
	})
}

// figureNames name, in Welsh and English, each figure of a tax year that
// may not be published yet (payroll.FigureNames).
var figureNames = map[string]text{
	"income_tax_bands":          {"bandiau treth incwm", "income tax bands"},
	"welsh_rates":               {"cyfraddau treth incwm Cymru", "Welsh rates of income tax"},
	"scottish_bands":            {"bandiau treth incwm yr Alban", "Scottish income tax bands"},
	"ni_lel":                    {"terfyn enillion isaf Yswiriant Gwladol", "National Insurance lower earnings limit"},
	"ni_st":                     {"trothwy eilaidd Yswiriant Gwladol", "National Insurance secondary threshold"},
	"ni_pt":                     {"trothwy cynradd Yswiriant Gwladol", "National Insurance primary threshold"},
	"ni_uel":                    {"terfyn enillion uchaf Yswiriant Gwladol", "National Insurance upper earnings limit"},
	"ni_fust":                   {"trothwy eilaidd uchaf porthladdoedd rhydd", "freeport upper secondary threshold"},
	"ni_izust":                  {"trothwy eilaidd uchaf parthau buddsoddi", "investment zone upper secondary threshold"},
	"ni_ust":                    {"trothwy eilaidd uchaf rhai dan 21 oed", "upper secondary threshold for under-21s"},
	"ni_aust":                   {"trothwy eilaidd uchaf prentisiaid", "apprentice upper secondary threshold"},
	"ni_vust":                   {"trothwy eilaidd uchaf cyn-filwyr", "veterans' upper secondary threshold"},
	"auto_enrolment_thresholds": {"trothwyon cofrestru awtomatig pensiwn", "pension auto-enrolment thresholds"},
	"minimum_wages":             {"cyfraddau'r isafswm cyflog", "minimum wage rates"},
	"statutory_sick_pay":        {"cyfradd tâl salwch statudol", "statutory sick pay rate"},
	"statutory_parental_pay":    {"cyfradd safonol tâl mamolaeth a thadolaeth statudol", "standard rate of statutory maternity and paternity pay"},
	"student_loan_plan_1":       {"trothwy benthyciad myfyriwr cynllun 1", "student loan plan 1 threshold"},
	"student_loan_plan_2":       {"trothwy benthyciad myfyriwr cynllun 2", "student loan plan 2 threshold"},
	"student_loan_plan_4":       {"trothwy benthyciad myfyriwr cynllun 4", "student loan plan 4 threshold"},
	"student_loan_plan_5":       {"trothwy benthyciad myfyriwr cynllun 5", "student loan plan 5 threshold"},
	"student_loan_postgraduate": {"trothwy benthyciad ôl-raddedig", "postgraduate loan threshold"},
}

// FigureName names a figure of a tax year as a problem gives it (for
// example "ni_lel_2027_28") in language l: "the National Insurance lower
// earnings limit for 2027-28". An unknown figure is named as it is given.
func FigureName(l dpcoop.Lang, figure string) string {
	base, year := figure, ""
	if i := len(figure) - len("_2027_28"); i > 0 && figure[i] == '_' {
		base, year = figure[:i], strings.Replace(figure[i+1:], "_", "-", 1)
	}
	t, ok := figureNames[base]
	if !ok {
		return figure
	}
	if l == dpcoop.Welsh {
		return t.cy + " ar gyfer " + year
	}
	return "the " + t.en + " for " + year
}
