package payslips

import (
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Case letters: what the Acas Code of Practice on disciplinary and grievance
// procedures asks an employer to put in writing at each stage (docs/cases.md):
// the invitation to a meeting, with the right to be accompanied (Employment
// Relations Act 1999 s.10), each decision, with the right of appeal and its
// deadline, and the appeal's outcome. In Welsh and English, the PA's
// language first.

var (
	lblCaseKeep         = bi{"Cadwch y llythyr hwn gyda'ch papurau cyflogaeth.", "Keep this letter with your employment papers."}
	lblCaseConfidential = bi{"Preifat a chyfrinachol", "Private and confidential"}
	lblCaseTitles       = map[dpcoop.CaseStep]map[dpcoop.CaseKind]bi{
		dpcoop.StepInvitation: {
			dpcoop.CaseDisciplinary: {"Gwahoddiad i gyfarfod disgyblu", "Invitation to a disciplinary meeting"},
			dpcoop.CaseGrievance:    {"Gwahoddiad i gyfarfod am eich cwyn", "Invitation to a meeting about your grievance"},
			dpcoop.CaseDispute:      {"Gwahoddiad i gyfarfod am yr anghydfod", "Invitation to a meeting about the dispute"},
		},
		dpcoop.StepOutcome: {
			dpcoop.CaseDisciplinary: {"Penderfyniad y cyfarfod disgyblu", "The outcome of the disciplinary meeting"},
			dpcoop.CaseGrievance:    {"Penderfyniad ar eich cwyn", "The outcome of your grievance"},
			dpcoop.CaseDispute:      {"Penderfyniad ar yr anghydfod", "The outcome of the dispute"},
		},
	}
	lblAppealInvitation = bi{"Gwahoddiad i gyfarfod apêl", "Invitation to an appeal meeting"}
	lblAppealOutcome    = bi{"Penderfyniad ar eich apêl", "The outcome of your appeal"}
	// caseOutcomes finish "we have decided …" for a disciplinary decision.
	caseOutcomes = map[string]bi{
		dpcoop.OutcomeNoAction:     {"peidio â chymryd unrhyw gamau pellach.", "to take no further action."},
		dpcoop.OutcomeFirstWarning: {"rhoi rhybudd ysgrifenedig cyntaf i chi.", "to give you a first written warning."},
		dpcoop.OutcomeFinalWarning: {"rhoi rhybudd ysgrifenedig terfynol i chi.", "to give you a final written warning."},
		dpcoop.OutcomeDismissal:    {"eich diswyddo. Byddwn yn ysgrifennu atoch ar wahân am y dyddiad y daw eich cyflogaeth i ben, eich cyfnod rhybudd a'ch cyflog olaf.", "to dismiss you. We will write to you separately about the day your employment ends, your notice and your final pay."},
	}
	// grievanceOutcomes and disputeOutcomes finish "we have decided that …".
	grievanceOutcomes = map[string]bi{
		dpcoop.OutcomeUpheld:       {"bod eich cwyn wedi'i chadarnhau. Byddwn yn rhoi gwybod i chi beth fyddwn ni'n ei wneud i unioni pethau.", "your grievance is upheld. We will tell you what we will do to put things right."},
		dpcoop.OutcomePartlyUpheld: {"bod eich cwyn wedi'i chadarnhau'n rhannol. Byddwn yn rhoi gwybod i chi beth fyddwn ni'n ei wneud am y rhan honno.", "your grievance is partly upheld. We will tell you what we will do about that part."},
		dpcoop.OutcomeNotUpheld:    {"nad yw eich cwyn wedi'i chadarnhau.", "your grievance is not upheld."},
	}
	disputeOutcomes = map[string]bi{
		dpcoop.OutcomeUpheld:       {"bod eich achos wedi'i gadarnhau.", "your case is upheld."},
		dpcoop.OutcomePartlyUpheld: {"bod eich achos wedi'i gadarnhau'n rhannol.", "your case is partly upheld."},
		dpcoop.OutcomeNotUpheld:    {"nad yw eich achos wedi'i gadarnhau.", "your case is not upheld."},
	}
	appealOutcomes = map[string]bi{
		dpcoop.OutcomeUpheld:       {"rydym wedi caniatáu eich apêl: mae'r penderfyniad gwreiddiol wedi'i wrthdroi.", "we have upheld your appeal: the original decision is overturned."},
		dpcoop.OutcomePartlyUpheld: {"rydym wedi caniatáu eich apêl yn rhannol: mae rhan o'r penderfyniad gwreiddiol wedi newid, fel y nodir gyda'r llythyr hwn.", "we have partly upheld your appeal: part of the original decision is changed, as set out with this letter."},
		dpcoop.OutcomeNotUpheld:    {"rydym wedi gwrthod eich apêl: mae'r penderfyniad gwreiddiol yn sefyll.", "we have not upheld your appeal: the original decision stands."},
	}
)

// caseLetterTitle is a case letter's title.
func caseLetterTitle(l dpcoop.CaseLetter) bi {
	switch l.Stage.Step {
	case dpcoop.StepAppeal:
		return lblAppealInvitation
	case dpcoop.StepAppealOutcome:
		return lblAppealOutcome
	}
	return lblCaseTitles[l.Stage.Step][l.Kind]
}

// CaseLetterText is a case letter's text, in both languages.
func CaseLetterText(l dpcoop.CaseLetter) LetterText {
	day := func(d dpcoop.Date) string { return dayMonthYear(d.Time()) }
	s := l.Stage
	accompanied := bi{
		"Mae gennych hawl i ddod â rhywun gyda chi i'r cyfarfod: cydweithiwr, cynrychiolydd undeb llafur, neu swyddog a gyflogir gan undeb llafur. Rhowch wybod i ni ymlaen llaw pwy fydd yn dod gyda chi. Os na all y person hwnnw ddod ar y diwrnod, cewch gynnig amser arall o fewn pum diwrnod gwaith.",
		"You have the right to be accompanied at the meeting by a colleague, a trade union representative, or an official employed by a trade union. Please tell us beforehand who will come with you. If they cannot come on the day, you can propose another time within five working days.",
	}
	when := bi{"Byddwn yn rhoi gwybod i chi am yr amser a'r lle.", "We will tell you the time and place."}
	thanks := bi{}
	if l.MeetingOn != "" {
		meeting := map[dpcoop.CaseKind]bi{
			dpcoop.CaseDisciplinary: {"i'r cyfarfod disgyblu", "the disciplinary meeting"},
			dpcoop.CaseGrievance:    {"i'r cyfarfod am eich cwyn", "the meeting about your grievance"},
			dpcoop.CaseDispute:      {"i'r cyfarfod am yr anghydfod", "the meeting about the dispute"},
		}[l.Kind]
		if s.Step == dpcoop.StepAppealOutcome {
			meeting = bi{"i'r cyfarfod apêl", "the appeal meeting"}
		}
		thanks = bi{"Diolch i chi am ddod " + meeting.cy + " ar " + day(l.MeetingOn) + ". ", "Thank you for attending " + meeting.en + " on " + day(l.MeetingOn) + ". "}
	}
	var paras []bi
	switch s.Step {
	case dpcoop.StepInvitation:
		switch l.Kind {
		case dpcoop.CaseDisciplinary:
			paras = []bi{
				{"Rydym yn eich gwahodd i gyfarfod disgyblu ar " + day(s.MeetingOn) + ". " + when.cy + " Byddwn yn anfon manylion y mater a chopïau o unrhyw dystiolaeth ysgrifenedig atoch cyn y cyfarfod, er mwyn i chi allu paratoi.",
					"We invite you to a disciplinary meeting on " + day(s.MeetingOn) + ". " + when.en + " We will send you the details of the matter and copies of any written evidence before the meeting, so that you can prepare."},
				{"Yn y cyfarfod cewch esbonio eich ochr chi ac ymateb i'r dystiolaeth. Gall y canlyniad fod dim camau pellach, rhybudd ysgrifenedig neu, os yw'r mater yn ddigon difrifol, diswyddo.",
					"At the meeting you can explain your side and respond to the evidence. The outcome may be no further action, a written warning or, if the matter is serious enough, dismissal."},
			}
		case dpcoop.CaseGrievance:
			paras = []bi{{"Rydym wedi cael eich cwyn. Rydym yn eich gwahodd i gyfarfod ar " + day(s.MeetingOn) + " i siarad amdani ac am sut y gellid ei datrys. " + when.cy,
				"We have received your grievance. We invite you to a meeting on " + day(s.MeetingOn) + " to talk about it and how it might be resolved. " + when.en}}
		default:
			paras = []bi{{"Rydym yn eich gwahodd i gyfarfod ar " + day(s.MeetingOn) + " i siarad am yr anghydfod rhyngom ac am sut y gellid ei ddatrys. " + when.cy,
				"We invite you to a meeting on " + day(s.MeetingOn) + " to talk about the dispute between us and how it might be resolved. " + when.en}}
		}
		paras = append(paras, accompanied)
	case dpcoop.StepAppeal:
		paras = []bi{
			{"Rydym wedi cael eich apêl. Rydym yn eich gwahodd i gyfarfod apêl ar " + day(s.MeetingOn) + ". " + when.cy + " Lle bo modd, bydd rhywun nad oedd yn rhan o'r penderfyniad cyntaf yn gwrando ar yr apêl.",
				"We have received your appeal. We invite you to an appeal meeting on " + day(s.MeetingOn) + ". " + when.en + " Where we can, the appeal will be heard by someone who was not involved in the first decision."},
			accompanied,
		}
	case dpcoop.StepOutcome:
		var decided bi
		switch l.Kind {
		case dpcoop.CaseDisciplinary:
			o := caseOutcomes[s.Outcome]
			decided = bi{thanks.cy + "Ar ôl ystyried yr hyn a ddywedoch wrthym a'r dystiolaeth, rydym wedi penderfynu " + o.cy, thanks.en + "Having considered what you told us and the evidence, we have decided " + o.en}
		case dpcoop.CaseGrievance:
			o := grievanceOutcomes[s.Outcome]
			decided = bi{thanks.cy + "Ar ôl ystyried eich cwyn, rydym wedi penderfynu " + o.cy, thanks.en + "Having considered your grievance, we have decided that " + o.en}
		default:
			o := disputeOutcomes[s.Outcome]
			decided = bi{thanks.cy + "Ar ôl ystyried yr anghydfod, rydym wedi penderfynu " + o.cy, thanks.en + "Having considered the dispute, we have decided that " + o.en}
		}
		paras = []bi{decided}
		if dpcoop.Warned(s.Outcome) {
			paras = append(paras, bi{"Bydd y rhybudd yn aros ar eich cofnod tan " + day(s.WarningExpires) + ". Ar ôl hynny ni fyddwn yn ei ystyried.",
				"The warning stays on your record until " + day(s.WarningExpires) + ". After that we will disregard it."})
		}
		if s.Outcome == dpcoop.OutcomeFinalWarning {
			paras = append(paras, bi{"Os bydd y mater yn digwydd eto tra bo'r rhybudd mewn grym, gall arwain at eich diswyddo.", "If the matter happens again while the warning is in force, it may lead to your dismissal."})
		}
		paras = append(paras, bi{
			"Mae gennych hawl i apelio yn erbyn y penderfyniad hwn. I apelio, ysgrifennwch atom yn " + l.Contact + " erbyn " + day(s.AppealBy) + ", gan ddweud pam eich bod yn credu bod y penderfyniad yn anghywir.",
			"You have the right to appeal against this decision. To appeal, write to us at " + l.Contact + " by " + day(s.AppealBy) + ", saying why you think the decision is wrong.",
		})
	case dpcoop.StepAppealOutcome:
		o := appealOutcomes[s.Outcome]
		paras = []bi{
			{thanks.cy + "Ar ôl ystyried y cyfan, " + o.cy, thanks.en + "Having considered everything, " + o.en},
			{"Mae'r penderfyniad hwn yn derfynol: nid oes hawl arall i apelio.", "This decision is final: there is no further right of appeal."},
		}
	}
	paras = append(paras,
		bi{"Os oes gennych gwestiwn, cysylltwch â " + l.EmployerCY + ": " + l.Contact + ".", "If you have a question, contact " + l.EmployerEN + ": " + l.Contact + "."},
		bi{"Mae cyngor diduedd am ddim ar eich hawliau yn y gwaith ar gael gan Acas: www.acas.org.uk, 0300 123 1100.", "Free, impartial advice on your rights at work is available from Acas: www.acas.org.uk, 0300 123 1100."},
	)
	title := caseLetterTitle(l)
	t := LetterText{Title: title, TitleCY: title.cy, TitleEN: title.en}
	for _, p := range append([]bi{lblCaseConfidential, {"Annwyl " + l.Name + ",", "Dear " + l.Name + ","}}, paras...) {
		t.CY, t.EN = append(t.CY, p.cy), append(t.EN, p.en)
	}
	return t
}

// CaseLetterPDF renders a case letter in Welsh and English, the PA's
// language first. The same letter always gives the same bytes.
func CaseLetterPDF(l dpcoop.CaseLetter) ([]byte, error) {
	return letterPDF(CaseLetterText(l), l.Language, l.Stage.On, l.Name, bi{l.EmployerCY, l.EmployerEN}, lblCaseKeep, "the "+string(l.Stage.Step)+" letter of case "+l.Case)
}
