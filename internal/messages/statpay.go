package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// Sickness, statutory sick pay, the SSP1 and parental pay.
func init() {
	add(map[string]text{
		dpcoop.CodeFigureNotPublished:            {"Mae angen ffigur nad yw wedi'i gyhoeddi eto ar gyfer hyn. Ni fydd dpcoop yn dyfalu: bydd ar gael pan fydd y ffigur wedi'i gyhoeddi a'i ychwanegu.", "This needs a figure that is not published yet. dpcoop never guesses: it will be available once the figure is published and added."},
		"field." + dpcoop.CodeFigureNotPublished: {"Heb ei gyhoeddi eto: {figure}.", "Not published yet: {figure}."},
		dpcoop.CodeNoSMP1:                        {"Nid oes SMP1 ar gyfer yr hysbysiad hwn: mae tâl mamolaeth statudol yn daladwy, neu nid hysbysiad mamolaeth mohono.", "There is no SMP1 for this notice: statutory maternity pay is due, or it is not a maternity notice."},
		dpcoop.CodeNoSSP1:                        {"Nid oes angen SSP1 ar gyfer y PA hwn heddiw: nid yw eu tâl salwch statudol yn dod i ben tra'u bod yn sâl.", "No SSP1 is due for this PA today: their statutory sick pay is not ending while they are sick."},
		"field." + dpcoop.FieldOverlapsAbsence:   {"Mae'r absenoldeb hwn yn gorgyffwrdd ag absenoldeb salwch arall a gofnodwyd eisoes. Cywirwch yr un sydd wedi'i gofnodi yn lle hynny.", "This absence overlaps another sickness absence already recorded. Correct the recorded one instead."},
		"field." + dpcoop.FieldSSPAlreadyPaid:    {"Talwyd tâl salwch statudol eisoes am {date}: rhaid i'r absenoldeb ei gynnwys o hyd, ar yr un diwrnodau cymhwyso.", "Statutory sick pay was already paid for {date}: the absence must still include it, on the same qualifying days."},
		"problem." + "ssp_withheld_no_fit_note":  {"Mae'r PA wedi bod yn sâl am fwy na 7 diwrnod ac nid oes nodyn ffitrwydd wedi dod i law, felly mae tâl salwch statudol ar ôl y seithfed diwrnod yn cael ei ddal yn ôl. Cofnodwch pryd y daeth y nodyn ffitrwydd a chaiff ei dalu yn y gyflogres nesaf.", "The PA has been sick for more than 7 days and no fit note has come in, so statutory sick pay after the seventh day is held back. Record when the fit note came in and it is paid in the next payroll."},
		"problem.payroll_invalid_sickness":       {"Mae manylion salwch y PA yn anghyson, felly ni ellir cyfrifo tâl salwch statudol. Gwiriwch eu habsenoldebau.", "The PA's sickness details are inconsistent, so statutory sick pay cannot be worked out. Check their absences."},
		"problem.payroll_invalid_parental_pay":   {"Mae hysbysiad tâl mamolaeth neu dadolaeth y PA yn anghyson. Gwiriwch y dyddiadau.", "The PA's maternity or paternity pay notice is inconsistent. Check its dates."},
	})
}
