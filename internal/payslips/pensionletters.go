package payslips

import (
	"strconv"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Pension letters: the information the Occupational and Personal Pension
// Schemes (Automatic Enrolment) Regulations 2010 (Schedule) require a PA to
// be given, in Welsh and English. docs/pensions.md lists what each says.

// LetterText is a letter's paragraphs in each language, for sending.
type LetterText struct {
	Title   bi       `json:"-"`
	TitleCY string   `json:"title_cy"`
	TitleEN string   `json:"title_en"`
	CY      []string `json:"cy"`
	EN      []string `json:"en"`
}

var (
	lblLetterTitles = map[string]bi{
		dpcoop.LetterEnrolment:    {"Rydych wedi cael eich cofrestru mewn pensiwn gweithle", "You have been enrolled into a workplace pension"},
		dpcoop.LetterReEnrolment:  {"Rydych wedi cael eich ailgofrestru mewn pensiwn gweithle", "You have been re-enrolled into a workplace pension"},
		dpcoop.LetterPostponement: {"Rydym wedi gohirio eich cofrestru mewn pensiwn gweithle", "We have postponed enrolling you into a workplace pension"},
		dpcoop.LetterOptIn:        {"Gallwch ymuno â'n pensiwn gweithle, a byddwn ninnau'n talu iddo", "You can join our workplace pension, and we will pay into it too"},
		dpcoop.LetterJoin:         {"Gallwch ymuno â phensiwn gweithle", "You can join a workplace pension"},
		dpcoop.LetterMembership:   {"Rydych yn ymuno â'n pensiwn gweithle", "You are joining our workplace pension"},
	}
	// lblPensionRefund is the payslip line giving back an opted-out PA's
	// contributions, shown as a negative deduction.
	lblPensionRefund = bi{"Ad-dalu cyfraniadau pensiwn (wedi optio allan)", "Pension contributions refunded (opted out)"}
	lblLetterKeep    = bi{"Cadwch y llythyr hwn gyda'ch papurau pensiwn.", "Keep this letter with your pension papers."}
)

// percent is basis points as a percentage: 500 is "5", 250 is "2.5".
func percent(bp int64) string {
	s := strconv.FormatInt(bp/100, 10)
	if r := bp % 100; r != 0 {
		s += strings.TrimRight("."+strconv.FormatInt(100+r, 10)[1:], "0")
	}
	return s
}

// PensionLetterText is the letter's statutory text, in both languages.
func PensionLetterText(l dpcoop.PensionLetter) LetterText {
	scheme := bi{l.Scheme, l.Scheme}
	if l.Scheme == "" {
		scheme = bi{"cynllun pensiwn gweithle " + l.EmployerCY, l.EmployerEN + "'s workplace pension scheme"}
	}
	day := func(d dpcoop.Date) string { return d.Time().Format("02/01/2006") }
	relief := bi{"Cewch ostyngiad treth ar eich cyfraniad: mae'r cynllun yn hawlio treth ar y gyfradd sylfaenol gan CThEF ac yn ei hychwanegu at eich pensiwn (rhyddhad wrth y ffynhonnell).",
		"You get tax relief on your contribution: the scheme claims basic rate tax back from HMRC and adds it to your pension (relief at source)."}
	if l.Relief == "net_pay" {
		relief = bi{"Cewch ostyngiad treth ar eich cyfraniad: caiff ei dynnu o'ch cyflog cyn treth (trefniant tâl net).",
			"You get tax relief on your contribution: it is taken from your pay before tax (net pay arrangement)."}
	}
	contributions := bi{
		"Byddwch chi'n talu " + percent(l.EmployeeBP) + "% o'ch enillion cymhwysol bob mis a byddwn ni'n talu " + percent(l.EmployerBP) + "%. Enillion cymhwysol yw'r rhan o'ch tâl rhwng y terfynau isaf ac uchaf a bennir gan y llywodraeth. Bydd eich slip cyflog yn dangos y symiau.",
		"You will pay " + percent(l.EmployeeBP) + "% of your qualifying earnings each month and we will pay " + percent(l.EmployerBP) + "%. Qualifying earnings are the part of your pay between the lower and upper limits the government sets. Your payslip shows the amounts.",
	}
	contact := bi{"Os oes gennych gwestiwn, cysylltwch â " + l.EmployerCY + ": " + l.Contact + ".", "If you have a question, contact " + l.EmployerEN + ": " + l.Contact + "."}
	moneyHelper := bi{"Mae gwybodaeth annibynnol am bensiynau ar gael am ddim gan MoneyHelper: www.moneyhelper.org.uk/cy.", "Free, independent information about pensions is available from MoneyHelper: www.moneyhelper.org.uk."}
	noticeInWriting := bi{"I wneud hynny, ysgrifennwch atom (neu defnyddiwch yr ap) a llofnodwch eich cais, neu rhowch y dyddiad os ydych yn ei anfon yn electronig.", "To do so, write to us (or use the app) and sign your request, or date it if you send it electronically."}
	var paras []bi
	switch l.Kind {
	case dpcoop.LetterEnrolment, dpcoop.LetterReEnrolment:
		paras = []bi{
			{"Rydym wedi eich cofrestru yn " + scheme.cy + " o " + day(l.EnrolmentDate) + ", oherwydd mae'r gyfraith yn gofyn i ni wneud hynny.", "We have enrolled you into " + scheme.en + " from " + day(l.EnrolmentDate) + ", because the law requires us to."},
			contributions, relief,
			{"Gallwch ddewis peidio â bod yn aelod (optio allan) hyd at " + day(l.OptOutUntil) + ". Cewch y ffurflen optio allan gan y cynllun pensiwn, nid gennym ni. Os byddwch yn optio allan erbyn y dyddiad hwnnw, byddwch yn cael yn ôl y cyfraniadau a dynnwyd o'ch cyflog, yn eich cyflog nesaf, a bydd yn union fel pe na baech erioed wedi ymuno.",
				"You can choose not to be a member (opt out) until " + day(l.OptOutUntil) + ". You get the opt-out form from the pension scheme, not from us. If you opt out by that date, the contributions taken from your pay are given back in your next pay, and it is as if you had never joined."},
			{"Ar ôl y dyddiad hwnnw gallwch adael y cynllun o hyd, ond bydd yr arian a dalwyd yn aros yn eich pensiwn tan i chi ymddeol.", "After that date you can still leave the scheme, but the money already paid in stays in your pension until you retire."},
			{"Os byddwch yn gadael, gallwch ofyn i ailymuno unrhyw bryd, a byddwn yn eich ailgofrestru tua bob tair blynedd os ydych yn gymwys.", "If you leave, you can ask to rejoin at any time, and we will re-enrol you about every three years if you are eligible."},
		}
	case dpcoop.LetterPostponement:
		paras = []bi{
			{"Mae'r gyfraith yn gofyn i ni eich cofrestru mewn pensiwn gweithle os ydych yn gymwys. Rydym wedi penderfynu gohirio hynny tan " + day(l.DeferralDate) + ". Ar y dyddiad hwnnw byddwn yn edrych eto ar eich oedran a'ch enillion, ac yn eich cofrestru os ydych yn gymwys bryd hynny.",
				"The law requires us to enrol you into a workplace pension if you are eligible. We have decided to postpone that until " + day(l.DeferralDate) + ". On that date we will look again at your age and earnings, and enrol you if you are eligible then."},
			{"Does dim rhaid i chi aros. Gallwch ofyn i ymuno â " + scheme.cy + " cyn hynny. Os ydych yn ennill mwy na'r terfyn isaf o enillion cymhwysol, byddwn ninnau'n talu i mewn hefyd.",
				"You do not have to wait. You can ask to join " + scheme.en + " before then. If you earn more than the lower limit of qualifying earnings, we will pay in too."},
			noticeInWriting,
		}
	case dpcoop.LetterOptIn:
		paras = []bi{
			{"Nid oes rhaid i ni eich cofrestru mewn pensiwn ar hyn o bryd, oherwydd eich oedran neu'ch enillion. Ond mae gennych hawl i ymuno â " + scheme.cy + " (optio i mewn).", "We do not have to enrol you into a pension at the moment, because of your age or earnings. But you have the right to join " + scheme.en + " (opt in)."},
			{"Os byddwch yn ymuno, byddwn ninnau'n talu i'ch pensiwn. " + contributions.cy, "If you join, we will pay into your pension too. " + contributions.en},
			noticeInWriting,
		}
	case dpcoop.LetterJoin:
		paras = []bi{
			{"Nid oes rhaid i ni eich cofrestru mewn pensiwn, oherwydd eich enillion neu'ch oedran. Ond mae gennych hawl i ofyn i ymuno â phensiwn gweithle, a byddwn yn trefnu hynny.", "We do not have to enrol you into a pension, because of your earnings or age. But you have the right to ask to join a workplace pension, and we will arrange it."},
			{"Nid oes rhaid i ni dalu i'r pensiwn hwnnw tra bo'ch enillion yn aros yr un fath.", "We do not have to pay into that pension while your earnings stay the same."},
			noticeInWriting,
		}
	case dpcoop.LetterMembership:
		paras = []bi{
			{"Cawsom eich cais i ymuno â " + scheme.cy + ". Byddwch yn aelod o " + day(l.EnrolmentDate) + ".", "We received your request to join " + scheme.en + ". You will be a member from " + day(l.EnrolmentDate) + "."},
			contributions, relief,
		}
	}
	paras = append(paras, contact, moneyHelper)
	title := lblLetterTitles[l.Kind]
	t := LetterText{Title: title, TitleCY: title.cy, TitleEN: title.en}
	greeting := bi{"Annwyl " + l.Name + ",", "Dear " + l.Name + ","}
	for _, p := range append([]bi{greeting}, paras...) {
		t.CY, t.EN = append(t.CY, p.cy), append(t.EN, p.en)
	}
	return t
}

// PensionLetterPDF renders a pension letter in Welsh and English, the PA's
// language first (the whole letter, then the whole letter again in the other
// language). The same letter always gives the same bytes.
func PensionLetterPDF(l dpcoop.PensionLetter) ([]byte, error) {
	return letterPDF(PensionLetterText(l), l.Language, l.Issued, l.Name, bi{l.EmployerCY, l.EmployerEN}, lblLetterKeep, "the pension letter of "+l.PA)
}

// letterPDF lays out a letter to a person, the whole letter in their
// language first and then again in the other: the employer, the day it was
// issued, the title and the paragraphs. keep is the footer's reminder.
func letterPDF(t LetterText, l dpcoop.Lang, issuedOn dpcoop.Date, name string, employer bi, keep bi, what string) ([]byte, error) {
	d := newDoc(l)
	d.keep = keep
	f := d.f
	issued := issuedOn.Time()
	when := time.Date(issued.Year(), issued.Month(), issued.Day(), 0, 0, 0, 0, time.UTC)
	f.SetCreationDate(when)
	f.SetModificationDate(when)
	t1, t2 := t.Title.order(l)
	f.SetTitle(d.clean(t1+" / "+t2+" - "+name), true)
	f.SetAuthor(d.clean(employer.in(l)), true)
	d.continued = t1 + " / " + t2 + " - " + name
	first, second := t.CY, t.EN
	firstTitle, secondTitle := t.Title.cy, t.Title.en
	employers := [2]string{employer.cy, employer.en}
	if l != dpcoop.Welsh {
		first, second, firstTitle, secondTitle = t.EN, t.CY, t.Title.en, t.Title.cy
		employers[0], employers[1] = employers[1], employers[0]
	}
	for i, part := range [][]string{first, second} {
		f.AddPage()
		d.text(d.clean(employers[i]), subPt, true)
		d.text(dayMonthYear(issued), bodyPt, false)
		d.space(gap)
		d.text([]string{firstTitle, secondTitle}[i], titlePt, true)
		d.space(gap)
		for _, p := range part {
			d.text(p, bodyPt, false)
			d.space(gap / 2)
		}
	}
	return d.output(what)
}
