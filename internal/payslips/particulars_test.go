package payslips

import (
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// particulars is a second version of a statement: a pay rise, with every
// co-op choice set, so every optional paragraph is drawn.
func particulars(l dpcoop.Lang) Particulars {
	s := dpcoop.DefaultPayrollSettings
	s.PayDay, s.MileagePence, s.PensionPostponementMonths = 25, 45, 3
	s.EmploymentTerms = dpcoop.EmploymentTerms{ProbationMonths: 6, ProcedureURL: "https://demo.coop.example/procedure"}
	rates := dpcoop.Rates{Standard: 1300, Night: 1400, SleepIn: 5000, BankHoliday: 1950}
	raised := dpcoop.Rates{Standard: 1350, Night: 1450, SleepIn: 5000, BankHoliday: 2025}
	terms := dpcoop.TermsOf(s, dpcoop.RequiredTraining{Courses: []dpcoop.Course{dpcoop.CourseMovingHandling, dpcoop.CourseFirstAid}})
	return Particulars{
		Coop: dpcoop.Coop{NameCY: "Cwmni Cydweithredol y Fro", NameEN: "Vale Co-op", RegisteredOffice: "1 Stryd y Castell, Caerdydd CF10 1AA", ContactEmail: "board@example.coop", Payroll: &s},
		PA:   "pa1", Name: "Siân Jones", Language: l, Member: "Gwen Evans",
		Version: dpcoop.StatementVersion{Number: 2, Employment: "e1", PA: "pa1", Changed: []string{dpcoop.ChangedPay}, Issued: time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC),
			Particulars: dpcoop.Particulars{Member: "m1", Start: "2026-04-01", Pay: []dpcoop.RatePeriod{{From: "2026-04-01", Rates: rates}, {From: "2026-06-01", Rates: raised}},
				Terms: &terms}},
	}
}

// The statement states every particular s.1 lists, in each language, with
// the version's figures.
func TestParticularsStateEachParticular(t *testing.T) {
	text := ParticularsText(particulars(dpcoop.Welsh))
	join := func(cy bool) string {
		var b strings.Builder
		for _, s := range text {
			if cy {
				b.WriteString(s.TitleCY + "\n" + strings.Join(s.CY, "\n") + "\n")
			} else {
				b.WriteString(s.TitleEN + "\n" + strings.Join(s.EN, "\n") + "\n")
			}
		}
		return b.String()
	}
	for lang, want := range map[string][]string{
		"en": {"Vale Co-op", "1 Stryd y Castell", "Siân Jones", "Personal Assistant", "Gwen Evans", "1 April 2026", "£13.00 an hour", "From 1 June 2026", "£13.50",
			"25th of the following month", "5.6 weeks", "Statutory Sick Pay", "3% of your qualifying earnings", "probationary period of 6", "moving and handling, first aid",
			"one week for each complete year", "https://demo.coop.example/procedure", "Acas Code of Practice", "It replaces version 1", "your rates of pay", "variable", "45p a mile", "postpones automatic enrolment"},
		"cy": {"Cwmni Cydweithredol y Fro", "Cynorthwyydd Personol", "1 Ebrill 2026", "£13.00 yr awr", "O 1 Mehefin 2026", "25ain o'r mis canlynol", "5.6 wythnos", "Salwch Statudol",
			"cyfnod prawf o 6 mis", "symud a thrafod, cymorth cyntaf", "Cod Ymarfer Acas", "Mae'n disodli fersiwn 1", "eich cyfraddau tâl", "oriau amrywiol", "45c y filltir"},
	} {
		got := join(lang == "cy")
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("the %s statement does not say %q:\n%s", lang, w, got)
			}
		}
		if strings.ContainsAny(got, "{}") {
			t.Errorf("the %s statement leaves a placeholder", lang)
		}
	}
	if len(text[0].CY) != len(text[0].EN) {
		t.Errorf("the languages have different paragraphs: %d and %d", len(text[0].CY), len(text[0].EN))
	}
}

// The defaults say plainly what the co-op has not set: no probation, no
// training, the procedure from the office.
func TestParticularsDefaults(t *testing.T) {
	p := particulars(dpcoop.English)
	s := dpcoop.DefaultPayrollSettings
	p.Coop.Payroll, p.Version.Particulars.Terms = &s, nil
	var en []string
	for _, sec := range ParticularsText(p) {
		en = append(en, sec.EN...)
	}
	got := strings.Join(en, "\n")
	for _, w := range []string{"There is no probationary period.", "There is no training you are required to complete.", "available from the co-op's office"} {
		if !strings.Contains(got, w) {
			t.Errorf("the defaults do not say %q:\n%s", w, got)
		}
	}
}

func TestOrdinals(t *testing.T) {
	for n, want := range map[int][2]string{1: {"1st", "1af"}, 2: {"2nd", "2il"}, 3: {"3rd", "3ydd"}, 11: {"11th", "11eg"}, 12: {"12th", "12fed"}, 21: {"21st", "21ain"}, 28: {"28th", "28ain"}} {
		if ordinal(n) != want[0] || ordinalCY(n) != want[1] {
			t.Errorf("%d: %s %s", n, ordinal(n), ordinalCY(n))
		}
	}
}

// The PDF prints the employment's role as the job title in both languages,
// and a version issued for a change of role says so; a version from before
// roles were kept reads as personal care.
func TestParticularsPDFPrintsTheRole(t *testing.T) {
	p := particulars(dpcoop.English)
	p.Version.Particulars.Role, p.Version.Changed = dpcoop.SupportDriving, []string{dpcoop.ChangedRole}
	var said []string
	drawn = func(s []string) { said = s }
	defer func() { drawn = nil }()
	if _, err := ParticularsPDF(p); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(said, " ")
	for _, w := range []string{"Your job title is Personal Assistant (driving).", "Teitl eich swydd yw Cynorthwyydd Personol (gyrru).",
		"What has changed: your job title.", "Beth sydd wedi newid: teitl eich swydd."} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF does not say %q:\n%s", w, text)
		}
	}
	p = particulars(dpcoop.Welsh)
	if _, err := ParticularsPDF(p); err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(said, " "); !strings.Contains(text, "Cynorthwyydd Personol (gofal personol)") || !strings.Contains(text, "Personal Assistant (personal care)") {
		t.Errorf("a version without a role:\n%s", text)
	}
}
