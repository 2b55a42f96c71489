package payslips

import (
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Every document the service gives people, rendered in Welsh and in
// English: each reads in full (no {placeholder} left but the page count's
// alias, which the renderer fills in), names the month it is about, and
// leads with the reader's language.
func TestEveryDocumentInBothLanguages(t *testing.T) {
	year, _ := dpcoop.ParseTaxYear("2026-27")
	slip := run(t)[0]
	docs := map[string]func(l dpcoop.Lang) ([]byte, error){
		"payslip": func(l dpcoop.Lang) ([]byte, error) {
			ee := slip.Employee
			ee.Language = l
			return PDF(employer(), ee, slip.Slip)
		},
		"P45": func(l dpcoop.Lang) ([]byte, error) {
			return P45PDF(employer(), l, dpcoop.LeaverP45{PA: "pa1", Name: "Siân Jones", NINumber: "QQ123456C", LeavingDate: "2026-10-16",
				TaxYear: "2026-27", TaxCode: "1257L", TotalPay: 812345, TotalTax: 61200, Issued: "2026-10-30"})
		},
		"P60": func(l dpcoop.Lang) ([]byte, error) {
			return P60PDF(employer(), l, dpcoop.P60{PA: "pa1", Name: "Siân Jones", NINumber: "QQ123456C", TaxYear: year, TaxCode: "1257L",
				TotalPay: 1612345, TotalTax: 121200, Payments: 12})
		},
		"SSP1": func(l dpcoop.Lang) ([]byte, error) {
			return SSP1PDF(employer(), l, dpcoop.SSP1{PA: "pa1", Name: "Siân Jones", NINumber: "QQ123456C", Reason: dpcoop.SSP1EmploymentEnded,
				FirstDaySick: "2026-10-05", FirstSSPDay: "2026-10-05", LastSSPDay: "2026-10-16", WeeksPaid: "1.6", IssueBy: "2026-10-23", Issued: "2026-10-16"})
		},
		"SMP1": func(l dpcoop.Lang) ([]byte, error) {
			return SMP1PDF(employer(), l, dpcoop.SMP1{PA: "pa1", Name: "Siân Jones", NINumber: "QQ123456C", Notice: "n1",
				ExpectedWeek: "2027-01-10", QualifyingWeek: "2026-09-27", Reason: "earnings", AWE: 9000, LowerEarningsLimit: 12900,
				LatestStart: "2026-10-30", Issued: "2026-10-16"})
		},
		"pension letter": func(l dpcoop.Lang) ([]byte, error) {
			return PensionLetterPDF(dpcoop.PensionLetter{ID: "l1", Kind: dpcoop.LetterEnrolment, PA: "pa1", Name: "Siân Jones", Language: l,
				EmployerCY: employer().NameCY, EmployerEN: employer().NameEN, Contact: "board@example.coop", Issued: "2026-10-16",
				EnrolmentDate: "2026-10-01", OptOutUntil: "2026-11-15", Scheme: "NEST", EmployerBP: 300, EmployeeBP: 500})
		},
		"case invitation": func(l dpcoop.Lang) ([]byte, error) {
			return CaseLetterPDF(caseLetter(l, dpcoop.CaseDisciplinary, dpcoop.CaseStage{Step: dpcoop.StepInvitation, On: "2026-10-05", MeetingOn: "2026-10-12"}))
		},
		"case outcome": func(l dpcoop.Lang) ([]byte, error) {
			return CaseLetterPDF(caseLetter(l, dpcoop.CaseDisciplinary, dpcoop.CaseStage{Step: dpcoop.StepOutcome, On: "2026-10-14",
				Outcome: dpcoop.OutcomeFinalWarning, WarningExpires: "2027-10-14", AppealBy: "2026-10-24"}))
		},
		"case grievance outcome": func(l dpcoop.Lang) ([]byte, error) {
			return CaseLetterPDF(caseLetter(l, dpcoop.CaseGrievance, dpcoop.CaseStage{Step: dpcoop.StepOutcome, On: "2026-10-14", Outcome: dpcoop.OutcomePartlyUpheld, AppealBy: "2026-10-24"}))
		},
		"case appeal": func(l dpcoop.Lang) ([]byte, error) {
			return CaseLetterPDF(caseLetter(l, dpcoop.CaseDispute, dpcoop.CaseStage{Step: dpcoop.StepAppeal, On: "2026-10-20", MeetingOn: "2026-10-27"}))
		},
		"case appeal outcome": func(l dpcoop.Lang) ([]byte, error) {
			return CaseLetterPDF(caseLetter(l, dpcoop.CaseGrievance, dpcoop.CaseStage{Step: dpcoop.StepAppealOutcome, On: "2026-10-28", Outcome: dpcoop.OutcomeNotUpheld}))
		},
		"statement": func(l dpcoop.Lang) ([]byte, error) {
			return StatementPDF(employer(), Statement{Member: "Gwen Evans", MemberID: "m1", Month: "2026-11", BroughtForward: 10000, CarriedForward: 5000,
				Lines:  []StatementLine{{Date: "2026-11-07", CY: "Taliadau cyflog Hydref 2026", EN: "Payroll charge for October 2026", Out: 5000, Balance: 5000}},
				Alerts: [][2]string{{"Mae angen £50.00", "£50.00 needed"}}}, l)
		},
		"written statement": func(l dpcoop.Lang) ([]byte, error) {
			return ParticularsPDF(particulars(l))
		},
	}
	// What each document is about, in Welsh and English: its month, or its
	// date, as it must say it.
	about := map[string][2]string{
		"payslip": {"Mai 2026", "May 2026"}, "statement": {"Tachwedd 2026", "November 2026"},
		"written statement":      {"Mai 2026", "May 2026"},
		"case invitation":        {"Gwahoddiad i gyfarfod disgyblu", "Invitation to a disciplinary meeting"},
		"case outcome":           {"rhybudd ysgrifenedig terfynol", "final written warning"},
		"case grievance outcome": {"wedi'i chadarnhau'n rhannol", "partly upheld"},
		"case appeal":            {"Gwahoddiad i gyfarfod apêl", "Invitation to an appeal meeting"},
		"case appeal outcome":    {"Penderfyniad ar eich apêl", "The outcome of your appeal"},
	}
	for name, render := range docs {
		for _, l := range []dpcoop.Lang{dpcoop.Welsh, dpcoop.English} {
			var said []string
			drawn = func(s []string) { said = s }
			if _, err := render(l); err != nil {
				t.Fatalf("%s in %s: %v", name, l, err)
			}
			drawn = nil
			text := strings.Join(said, "\n")
			if len(said) < 5 {
				t.Fatalf("%s in %s drew only %q", name, l, said)
			}
			if left := strings.ReplaceAll(text, "{nb}", ""); strings.ContainsAny(left, "{}") {
				t.Errorf("%s in %s leaves a placeholder:\n%s", name, l, text)
			}
			if m, ok := about[name]; ok {
				cy, en := strings.Index(text, m[0]), strings.Index(text, m[1])
				if cy < 0 || en < 0 {
					t.Errorf("%s in %s does not name its month %q / %q", name, l, m[0], m[1])
				} else if (l == dpcoop.Welsh) != (cy < en) {
					t.Errorf("%s in %s: the reader's language does not lead (%q at %d, %q at %d)", name, l, m[0], cy, m[1], en)
				}
			}
		}
	}
}

// caseLetter is a case letter of a stage to Siân, in language l.
func caseLetter(l dpcoop.Lang, kind dpcoop.CaseKind, s dpcoop.CaseStage) dpcoop.CaseLetter {
	return dpcoop.CaseLetter{Case: "c1", Kind: kind, Stage: s, MeetingOn: "2026-10-12", PA: "pa1", Name: "Siân Jones", Language: l,
		EmployerCY: employer().NameCY, EmployerEN: employer().NameEN, Contact: "board@example.coop"}
}
