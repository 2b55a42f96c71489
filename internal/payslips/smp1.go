package payslips

import (
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The SMP1's labels.
var (
	lblSMP1Title    = bi{"SMP1: Tâl Mamolaeth Statudol heb ei dalu", "SMP1: Statutory Maternity Pay not due"}
	lblSMP1Intro    = bi{"Nid oes gennych hawl i Dâl Mamolaeth Statudol (SMP) gan eich cyflogwr. Efallai y gallwch hawlio Lwfans Mamolaeth: dangoswch y ffurflen hon pan fyddwch chi'n hawlio (ffurflen MA1).", "You are not entitled to Statutory Maternity Pay (SMP) from your employer. You may be able to claim Maternity Allowance: show this form when you claim (form MA1)."}
	lblSMP1Reason   = bi{"Pam nad yw SMP yn daladwy", "Why SMP is not due"}
	lblExpectedWeek = bi{"Wythnos ddisgwyliedig y geni (yn dechrau)", "Expected week of childbirth (starting)"}
	lblQualWeek     = bi{"Yr wythnos gymhwyso (yn dechrau)", "Qualifying week (starting)"}
	lblAWE          = bi{"Enillion wythnosol cyfartalog", "Average weekly earnings"}
	lblLEL          = bi{"Terfyn enillion is", "Lower earnings limit"}
	lblLatestStart  = bi{"Dechrau gwaith erbyn fan bellaf", "Latest start of employment"}
	lblKeepSMP1     = bi{"Cadwch y ffurflen hon: bydd ei hangen arnoch i hawlio Lwfans Mamolaeth.", "Keep this form: you will need it to claim Maternity Allowance."}
	smp1Reasons     = map[string]bi{
		dpcoop.ReasonNotEmployed26Weeks: {"Nid oeddech wedi'ch cyflogi gennym am 26 wythnos hyd at yr wythnos gymhwyso.", "You had not been employed by us for 26 weeks into the qualifying week."},
		dpcoop.ReasonLeftBeforeQW:       {"Daeth eich cyflogaeth i ben cyn yr wythnos gymhwyso.", "Your employment ended before the qualifying week."},
		dpcoop.ReasonBelowLEL:           {"Roedd eich enillion wythnosol cyfartalog yn is na'r terfyn enillion is.", "Your average weekly earnings were below the lower earnings limit."},
	}
)

// SMP1PDF renders an SMP1 in Welsh and English, the PA's language first.
// The same SMP1 always gives the same bytes.
func SMP1PDF(er Employer, l dpcoop.Lang, s dpcoop.SMP1) ([]byte, error) {
	issued := s.Issued.Time()
	rows := append(employerRows(er, l),
		[2]string{lblEmployeeTitle.both(l), s.Name},
		[2]string{lblNINumber.both(l), s.NINumber},
		[2]string{lblPayrollNumber.both(l), s.PA},
		[2]string{lblSMP1Reason.both(l), smp1Reasons[s.Reason].both(l)},
		[2]string{lblExpectedWeek.both(l), dayMonthYear(s.ExpectedWeek.Time())},
		[2]string{lblQualWeek.both(l), dayMonthYear(s.QualifyingWeek.Time())},
		[2]string{lblLatestStart.both(l), dayMonthYear(s.LatestStart.Time())},
		[2]string{lblAWE.both(l), pounds(s.AWE)},
		[2]string{lblLEL.both(l), pounds(s.LowerEarningsLimit)},
		[2]string{lblIssued.both(l), dayMonthYear(issued)},
	)
	return form{title: lblSMP1Title, intro: lblSMP1Intro, keep: lblKeepSMP1, dated: issued, person: s.Name, rows: rows}.render(er, l, s.PA)
}
