package payslips

import (
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The SSP1's labels.
var (
	lblSSP1Title   = bi{"SSP1: Tâl Salwch Statudol yn dod i ben", "SSP1: Statutory Sick Pay ending"}
	lblSSP1Intro   = bi{"Mae'ch Tâl Salwch Statudol (SSP) gan eich cyflogwr yn dod i ben. Os ydych chi'n dal yn sâl, gallwch hawlio Lwfans Cyflogaeth a Chymorth neu Gredyd Cynhwysol: dangoswch y ffurflen hon pan fyddwch chi'n hawlio.", "Your Statutory Sick Pay (SSP) from your employer is ending. If you are still sick, you can claim Employment and Support Allowance or Universal Credit: show this form when you claim."}
	lblSSP1Reason  = bi{"Pam mae SSP yn dod i ben", "Why SSP is ending"}
	lblFirstSick   = bi{"Diwrnod cyntaf y salwch (yn y cyfnod cysylltiedig)", "First day of sickness (in the linked period)"}
	lblFirstSSP    = bi{"Diwrnod cyntaf SSP", "First day of SSP"}
	lblLastSSP     = bi{"Diwrnod olaf SSP", "Last day of SSP"}
	lblWeeksPaid   = bi{"Wythnosau o SSP", "Weeks of SSP"}
	lblSSP1IssueBy = bi{"I'w roi erbyn", "To be given by"}
	lblSMPWeeks    = bi{"Tâl mamolaeth statudol (wythnosau)", "Statutory maternity pay (weeks)"}
	lblSPPWeeks    = bi{"Tâl tadolaeth statudol (wythnosau)", "Statutory paternity pay (weeks)"}
	lblSMP         = bi{"Tâl mamolaeth statudol", "Statutory maternity pay"}
	lblSPP         = bi{"Tâl tadolaeth statudol", "Statutory paternity pay"}
	lblSSPToDate   = bi{"Tâl salwch statudol", "Statutory sick pay"}
	lblKeepSSP1    = bi{"Cadwch y ffurflen hon: bydd ei hangen arnoch i hawlio budd-daliadau.", "Keep this form: you will need it to claim benefits."}
	ssp1Reasons    = map[string]bi{
		dpcoop.SSP1MaximumReached:  {"Rydych chi wedi cael, neu cyn bo hir byddwch wedi cael, yr uchafswm o 28 wythnos o SSP.", "You have had, or will soon have had, the maximum 28 weeks of SSP."},
		dpcoop.SSP1EmploymentEnded: {"Daeth eich cyflogaeth i ben tra oeddech chi'n sâl.", "Your employment ended while you were sick."},
	}
)

// SSP1PDF renders an SSP1 in Welsh and English, the PA's language first.
// The same SSP1 always gives the same bytes.
func SSP1PDF(er Employer, l dpcoop.Lang, s dpcoop.SSP1) ([]byte, error) {
	issued := s.Issued.Time()
	rows := append(employerRows(er, l),
		[2]string{lblEmployeeTitle.both(l), s.Name},
		[2]string{lblNINumber.both(l), s.NINumber},
		[2]string{lblPayrollNumber.both(l), s.PA},
		[2]string{lblSSP1Reason.both(l), ssp1Reasons[s.Reason].both(l)},
		[2]string{lblFirstSick.both(l), dayMonthYear(s.FirstDaySick.Time())},
		[2]string{lblFirstSSP.both(l), dayMonthYear(s.FirstSSPDay.Time())},
		[2]string{lblLastSSP.both(l), dayMonthYear(s.LastSSPDay.Time())},
		[2]string{lblWeeksPaid.both(l), s.WeeksPaid},
		[2]string{lblSSP1IssueBy.both(l), dayMonthYear(s.IssueBy.Time())},
		[2]string{lblIssued.both(l), dayMonthYear(issued)},
	)
	return form{title: lblSSP1Title, intro: lblSSP1Intro, keep: lblKeepSSP1, dated: issued, person: s.Name, rows: rows}.render(er, l, s.PA)
}
