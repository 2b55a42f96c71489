package payslips

import (
	"strconv"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// The written statement of employment particulars (Employment Rights Act
// 1996 s.1): what a PA's employment is, in Welsh and English. Every
// particular the Act lists is stated, even where the answer is "none";
// docs/particulars.md maps each to its section.

// Particulars is what a statement is drawn from: the co-op (its names,
// registered office, contact and payroll settings), the PA, the member
// they support, and the version being issued.
type Particulars struct {
	Coop     dpcoop.Coop
	PA       string // the PA's id
	Name     string // the PA's legal name
	Language dpcoop.Lang
	Member   string // the member's name
	Version  dpcoop.StatementVersion
}

// ParticularsSection is one heading of the statement and its paragraphs,
// in both languages.
type ParticularsSection struct {
	TitleCY string   `json:"title_cy"`
	TitleEN string   `json:"title_en"`
	CY      []string `json:"cy"`
	EN      []string `json:"en"`
}

var (
	lblParticularsTitle = bi{"Datganiad ysgrifenedig o fanylion cyflogaeth", "Written statement of employment particulars"}
	lblParticularsKeep  = bi{"Cadwch y datganiad hwn gyda'ch papurau cyflogaeth.", "Keep this statement with your employment papers."}
	lblChanged          = map[string]bi{
		dpcoop.ChangedStart: {"y dyddiad dechrau", "the start date"},
		dpcoop.ChangedEnd:   {"y dyddiad gorffen", "the end date"},
		dpcoop.ChangedPay:   {"eich cyfraddau tâl", "your rates of pay"},
		dpcoop.ChangedRole:  {"teitl eich swydd", "your job title"},
		dpcoop.ChangedTerms: {"telerau'r cwmni cydweithredol (pryd y cewch eich talu, gwyliau, pensiwn, cyfnod prawf, hyfforddiant neu'r drefn gwyno a disgyblu)", "the co-op's terms (when you are paid, holiday, pension, probation, training or the grievance and disciplinary procedure)"},
	}
	// lblJob is the job title of each kind of support (dpcoop.SupportRoles).
	lblJob = map[string]bi{
		dpcoop.SupportPersonalCare: {"Cynorthwyydd Personol (gofal personol)", "Personal Assistant (personal care)"},
		dpcoop.SupportSocial:       {"Cynorthwyydd Personol (cymorth cymdeithasol)", "Personal Assistant (social support)"},
		dpcoop.SupportDriving:      {"Cynorthwyydd Personol (gyrru)", "Personal Assistant (driving)"},
	}
	// lblTraining names the courses a statement may require: the training
	// setting's kinds, and two codes only versions issued before it was the
	// one list hold (induction, safeguarding).
	lblTraining = map[dpcoop.Course]bi{
		dpcoop.CourseMovingHandling:   {"symud a thrafod", "moving and handling"},
		dpcoop.CourseFirstAid:         {"cymorth cyntaf", "first aid"},
		dpcoop.CourseSafeguarding:     {"diogelu oedolion", "safeguarding adults"},
		dpcoop.CourseMedication:       {"rhoi meddyginiaeth", "giving medication"},
		dpcoop.CourseFoodHygiene:      {"hylendid bwyd", "food hygiene"},
		dpcoop.CourseInfectionControl: {"rheoli heintiau", "infection control"},
		"induction":                   {"cyflwyniad i'r swydd a'r cwmni cydweithredol", "an induction to the job and the co-op"},
		"safeguarding":                {"diogelu", "safeguarding"},
	}
)

// day is a date as a statement writes it: "1 Mai 2026", "1 May 2026".
func day(d dpcoop.Date) bi {
	t := d.Time()
	n, y := strconv.Itoa(t.Day()), strconv.Itoa(t.Year())
	return bi{n + " " + monthsCY[t.Month()-1] + " " + y, n + " " + monthsEN[t.Month()-1] + " " + y}
}

// ParticularsText is the statement's sections, each in both languages.
func ParticularsText(p Particulars) []ParticularsSection {
	c, v := p.Coop, p.Version
	s := c.PayrollSettings()
	pt := v.Particulars
	if pt.Terms != nil {
		s = pt.Terms.In(s)
	}
	member := p.Member
	var out []ParticularsSection
	add := func(title bi, paras ...bi) {
		sec := ParticularsSection{TitleCY: title.cy, TitleEN: title.en}
		for _, para := range paras {
			sec.CY, sec.EN = append(sec.CY, para.cy), append(sec.EN, para.en)
		}
		out = append(out, sec)
	}
	issued := day(dpcoop.DateOf(v.Issued))
	n := strconv.Itoa(v.Number)
	intro := []bi{{
		"Dyma'ch datganiad ysgrifenedig o fanylion cyflogaeth (fersiwn " + n + ", a roddwyd ar " + issued.cy + "), o dan adran 1 Deddf Hawliau Cyflogaeth 1996.",
		"This is your written statement of employment particulars (version " + n + ", issued on " + issued.en + "), under section 1 of the Employment Rights Act 1996.",
	}}
	if len(v.Changed) > 0 {
		var cy, en []string
		for _, ch := range v.Changed {
			cy, en = append(cy, lblChanged[ch].cy), append(en, lblChanged[ch].en)
		}
		intro = append(intro, bi{
			"Mae'n disodli fersiwn " + strconv.Itoa(v.Number-1) + ". Beth sydd wedi newid: " + strings.Join(cy, ", ") + ".",
			"It replaces version " + strconv.Itoa(v.Number-1) + ". What has changed: " + strings.Join(en, ", ") + ".",
		})
	}
	add(bi{"Amdanoch chi a'ch cyflogwr", "You and your employer"}, append(intro,
		bi{"Eich cyflogwr: " + c.NameCY + ", swyddfa gofrestredig: " + c.RegisteredOffice + ".", "Your employer: " + c.NameEN + ", registered office: " + c.RegisteredOffice + "."},
		bi{"Chi, y gweithiwr: " + p.Name + ".", "You, the employee: " + p.Name + "."},
	)...)
	job := lblJob[pt.JobRole()]
	add(bi{"Eich swydd", "Your job"},
		bi{"Teitl eich swydd yw " + job.cy + ". Rydych yn cefnogi " + member + ", aelod o " + c.NameCY + ", gyda'r cymorth y mae " + member + " yn ei drefnu gyda chi, fel y mae eu cynllun gofal yn ei ddisgrifio.",
			"Your job title is " + job.en + ". You support " + member + ", a member of " + c.NameEN + ", with the support " + member + " arranges with you, as their care plan describes."},
	)
	dates := []bi{{
		"Mae eich cyflogaeth yn dechrau ar " + day(pt.Start).cy + ". Mae eich cyfnod o gyflogaeth barhaus yn dechrau ar y dyddiad hwnnw.",
		"Your employment starts on " + day(pt.Start).en + ". Your period of continuous employment starts on that date.",
	}}
	if pt.End != "" {
		dates = append(dates, bi{"Mae'r gyflogaeth hon yn dod i ben ar " + day(pt.End).cy + ".", "This employment ends on " + day(pt.End).en + "."})
	} else {
		dates = append(dates, bi{"Nid oes dyddiad gorffen i'r gyflogaeth hon: mae'n barhaol.", "This employment has no end date: it is permanent."})
	}
	add(bi{"Dyddiadau", "Dates"}, dates...)
	add(bi{"Ble rydych yn gweithio", "Where you work"},
		bi{"Rydych yn gweithio lle mae angen cymorth ar " + member + ": yn eu cartref ac yn y gymuned. Cyfeiriad y cwmni cydweithredol yw ei swyddfa gofrestredig: " + c.RegisteredOffice + ".",
			"You work where " + member + " needs support: at their home and in the community. The co-op's address is its registered office: " + c.RegisteredOffice + "."},
		bi{"Nid oes gofyn i chi weithio y tu allan i'r Deyrnas Unedig am fwy na mis.", "You are not required to work outside the United Kingdom for more than a month."},
	)
	var pay []bi
	for _, r := range pt.Pay {
		pay = append(pay, bi{
			"O " + day(r.From).cy + ": oriau safonol " + pounds(r.Rates.Standard) + " yr awr; oriau nos " + pounds(r.Rates.Night) + " yr awr; cysgu i mewn " + pounds(r.Rates.SleepIn) + " y noson; oriau gŵyl banc " + pounds(r.Rates.BankHoliday) + " yr awr.",
			"From " + day(r.From).en + ": standard hours " + pounds(r.Rates.Standard) + " an hour; night hours " + pounds(r.Rates.Night) + " an hour; sleep-ins " + pounds(r.Rates.SleepIn) + " a night; bank holiday hours " + pounds(r.Rates.BankHoliday) + " an hour.",
		})
	}
	payDay := ordinalCY(s.PayDay)
	when := bi{"Cewch eich talu bob mis, ar y " + payDay + " o'r mis canlynol, i'ch cyfrif banc, gyda slip cyflog.", "You are paid monthly, on the " + ordinal(s.PayDay) + " of the following month, into your bank account, with a payslip."}
	if s.PaysWithinMonth {
		when = bi{"Cewch eich talu bob mis, ar y " + payDay + " o'r un mis, i'ch cyfrif banc, gyda slip cyflog.", "You are paid monthly, on the " + ordinal(s.PayDay) + " of the same month, into your bank account, with a payslip."}
	}
	pay = append(pay, when)
	if s.MileagePence > 0 {
		m := strconv.FormatInt(s.MileagePence, 10)
		pay = append(pay, bi{"Am deithiau gyda " + member + " yn eich car eich hun, cewch " + m + "c y filltir.", "For journeys with " + member + " in your own car, you are paid " + m + "p a mile."})
	}
	pay = append(pay, bi{"Nid oes buddion eraill.", "There are no other benefits."})
	add(bi{"Tâl", "Pay"}, pay...)
	add(bi{"Oriau gwaith", "Hours of work"},
		bi{"Rydych yn gweithio oriau amrywiol, fel y cytunir gyda " + member + " ar y rota: nid oes oriau na diwrnodau arferol penodol. Cewch eich talu am bob shifft a gofnodir ac a gymeradwyir.",
			"You work variable hours, as agreed with " + member + " on the rota: there are no fixed normal hours or days. You are paid for every shift recorded and approved."},
	)
	month := s.LeaveYearMonth()
	holiday := []bi{{
		"Mae gennych hawl i 5.6 wythnos o wyliau â thâl bob blwyddyn wyliau, gan gynnwys gwyliau banc. Mae'r flwyddyn wyliau'n dechrau ar 1 " + monthsCY[month-1] + ".",
		"You are entitled to 5.6 weeks' paid holiday in each leave year, bank holidays included. The leave year starts on 1 " + monthsEN[month-1] + ".",
	}}
	if s.HolidayMode() == payroll.HolidayRolledUp {
		holiday = append(holiday, bi{
			"Telir eich tâl gwyliau gyda phob slip cyflog, sef 12.07% o'ch tâl am waith, wedi'i ddangos ar wahân. Cymerwch eich gwyliau fel y cytunir gyda " + member + "; ni chewch dâl ychwanegol amdanynt.",
			"Your holiday pay is paid with each payslip, 12.07% of your pay for work, shown separately. Take your holiday as agreed with " + member + "; it is not paid again.",
		})
	} else {
		holiday = append(holiday, bi{
			"Mae eich gwyliau'n cronni ar 12.07% o'r oriau rydych yn eu gweithio, a dangosir hyn ar bob slip cyflog. Rydych yn gofyn am wyliau fel shifft, a chaiff ei dalu ar eich cyfradd fesul awr gyfartalog dros y 52 wythnos â thâl cynt. Telir am wyliau heb eu cymryd pan fyddwch yn gadael.",
			"Your holiday builds up at 12.07% of the hours you work, shown on each payslip. You ask for leave as a shift, and it is paid at your average hourly rate over the 52 paid weeks before. Holiday not taken is paid when you leave.",
		})
	}
	add(bi{"Gwyliau", "Holiday"}, holiday...)
	add(bi{"Salwch ac absenoldebau eraill", "Sickness and other leave"},
		bi{"Os ydych yn sâl, dywedwch wrth " + member + " a'r cwmni cydweithredol ar y diwrnod cyntaf. Cewch Dâl Salwch Statudol pan fyddwch yn gymwys; nid yw'r cwmni cydweithredol yn talu tâl salwch arall.",
			"If you are ill, tell " + member + " and the co-op on the first day. You get Statutory Sick Pay when you qualify; the co-op pays no other sick pay."},
		bi{"Cewch absenoldeb a thâl mamolaeth, tadolaeth, mabwysiadu, rhiant a rennir a phrofedigaeth rhiant statudol pan fyddwch yn gymwys.",
			"You get statutory maternity, paternity, adoption, shared parental and parental bereavement leave and pay when you qualify."},
	)
	scheme := bi{s.PensionSchemeName, s.PensionSchemeName}
	if scheme.en == "" {
		scheme = bi{"cynllun pensiwn gweithle " + c.NameCY, c.NameEN + "'s workplace pension scheme"}
	}
	pension := []bi{{
		"Eich pensiwn gweithle yw " + scheme.cy + ". Mae'r cwmni cydweithredol yn eich asesu bob mis ac yn eich cofrestru'n awtomatig pan fyddwch yn gymwys, ac yn ysgrifennu atoch am hynny. Pan fyddwch yn aelod, mae'r cwmni cydweithredol yn talu " + percent(s.PensionEmployerBP) + "% o'ch enillion cymhwysol a chithau " + percent(s.PensionEmployeeBP) + "%.",
		"Your workplace pension is " + scheme.en + ". The co-op assesses you each month and enrols you automatically when you are eligible, and writes to you about it. When you are a member, the co-op pays " + percent(s.PensionEmployerBP) + "% of your qualifying earnings and you pay " + percent(s.PensionEmployeeBP) + "%.",
	}}
	if m := s.PensionPostponementMonths; m > 0 {
		pension = append(pension, bi{"Mae'r cwmni cydweithredol yn gohirio cofrestru awtomatig am " + strconv.Itoa(m) + " mis o'ch dyddiad dechrau; gallwch ofyn i ymuno cyn hynny.",
			"The co-op postpones automatic enrolment for " + strconv.Itoa(m) + " month(s) from your start date; you may ask to join before then."})
	}
	add(bi{"Pensiwn", "Pension"}, pension...)
	probation := bi{"Nid oes cyfnod prawf.", "There is no probationary period."}
	if m := s.ProbationMonths; m > 0 {
		probation = bi{"Mae cyfnod prawf o " + strconv.Itoa(m) + " mis o'ch dyddiad dechrau. Ar ei ddiwedd, bydd y cwmni cydweithredol yn cadarnhau eich swydd neu'n siarad â chi am beth sydd angen ei wella.",
			"There is a probationary period of " + strconv.Itoa(m) + " month(s) from your start date. At its end, the co-op confirms your job or talks with you about what needs to improve."}
	}
	add(bi{"Cyfnod prawf", "Probation"}, probation)
	training := bi{"Nid oes hyfforddiant y mae'n rhaid i chi ei gwblhau.", "There is no training you are required to complete."}
	var required []dpcoop.Course
	if pt.Terms != nil {
		required = pt.Terms.RequiredTraining
	}
	if len(required) > 0 {
		var cy, en []string
		for _, code := range required {
			cy, en = append(cy, lblTraining[code].cy), append(en, lblTraining[code].en)
		}
		training = bi{"Rhaid i chi gwblhau'r hyfforddiant hwn: " + strings.Join(cy, ", ") + ". Mae'r cwmni cydweithredol yn ei ddarparu ac yn talu amdano; nid oes hyfforddiant arall y mae'n rhaid i chi dalu amdano.",
			"You are required to complete this training: " + strings.Join(en, ", ") + ". The co-op provides it and pays for it; there is no other training you must pay for."}
	}
	add(bi{"Hyfforddiant", "Training"}, training)
	add(bi{"Rhybudd", "Notice"},
		bi{"Ar ôl mis o waith, rhaid i chi roi o leiaf wythnos o rybudd i ddod â'ch cyflogaeth i ben.", "After a month's work, you must give at least one week's notice to end your employment."},
		bi{"Rhaid i'r cwmni cydweithredol roi o leiaf: wythnos o rybudd ar ôl mis o waith a hyd at ddwy flynedd; yna wythnos am bob blwyddyn gyflawn o waith, hyd at 12 wythnos ar ôl 12 mlynedd (adran 86 Deddf Hawliau Cyflogaeth 1996).",
			"The co-op must give you at least: one week's notice after a month's work and up to two years; then one week for each complete year of work, up to 12 weeks after 12 years (section 86 of the Employment Rights Act 1996)."},
	)
	where := bi{"ar gael o swyddfa'r cwmni cydweithredol", "available from the co-op's office"}
	if s.ProcedureURL != "" {
		where = bi{"ar " + s.ProcedureURL, "at " + s.ProcedureURL}
	}
	add(bi{"Cwynion a disgyblu", "Grievance and discipline"},
		bi{"Mae gweithdrefn gwyno a disgyblu'r cwmni cydweithredol " + where.cy + ". Mae'n dilyn Cod Ymarfer Acas ar weithdrefnau disgyblu a chwyno.",
			"The co-op's grievance and disciplinary procedure is " + where.en + ". It follows the Acas Code of Practice on disciplinary and grievance procedures."},
		bi{"Os oes gennych gŵyn am eich gwaith, neu os ydych yn anhapus â phenderfyniad i'ch disgyblu neu'ch diswyddo, ysgrifennwch at fwrdd " + c.NameCY + ": " + c.ContactEmail + ".",
			"If you have a grievance about your work, or are unhappy with a decision to discipline or dismiss you, write to the board of " + c.NameEN + ": " + c.ContactEmail + "."},
	)
	add(bi{"Newidiadau a chytundebau", "Changes and agreements"},
		bi{"Nid oes cytundeb cyfunol yn effeithio ar eich cyflogaeth.", "No collective agreement affects your employment."},
		bi{"Os bydd unrhyw beth yn y datganiad hwn yn newid, cewch ddatganiad newydd, yn dweud beth sydd wedi newid, o fewn mis.", "If anything in this statement changes, you are given a new statement, saying what has changed, within a month."},
	)
	return out
}

// ordinalCY is a Welsh day of the month: 1af, 2il, 5ed, 11eg, 25ain.
func ordinalCY(n int) string {
	suffixes := map[int]string{1: "af", 2: "il", 3: "ydd", 4: "ydd", 5: "ed", 6: "ed", 11: "eg", 13: "eg", 14: "eg", 16: "eg", 17: "eg", 19: "eg"}
	suffix, ok := suffixes[n]
	switch {
	case ok:
	case n > 20:
		suffix = "ain"
	default:
		suffix = "fed"
	}
	return strconv.Itoa(n) + suffix
}

// ordinal is an English day of the month: 1st, 2nd, 23rd, 28th.
func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// ParticularsPDF renders a written statement in Welsh and English, the
// PA's language first (the whole statement, then the whole statement again
// in the other language). The same version always gives the same bytes.
func ParticularsPDF(p Particulars) ([]byte, error) {
	l := p.Language
	d := newDoc(l)
	d.keep = lblParticularsKeep
	f := d.f
	issued := p.Version.Issued
	when := time.Date(issued.Year(), issued.Month(), issued.Day(), 0, 0, 0, 0, time.UTC)
	f.SetCreationDate(when)
	f.SetModificationDate(when)
	t1, t2 := lblParticularsTitle.order(l)
	f.SetTitle(d.clean(t1+" / "+t2+" - "+p.Name), true)
	f.SetAuthor(d.clean(bi{p.Coop.NameCY, p.Coop.NameEN}.in(l)), true)
	d.continued = t1 + " / " + t2 + " - " + p.Name
	sections := ParticularsText(p)
	for _, welsh := range []bool{l == dpcoop.Welsh, l != dpcoop.Welsh} {
		f.AddPage()
		title, employer := lblParticularsTitle.en, p.Coop.NameEN
		if welsh {
			title, employer = lblParticularsTitle.cy, p.Coop.NameCY
		}
		d.text(d.clean(employer), subPt, true)
		d.text(d.clean(title), titlePt, true)
		d.space(gap)
		for _, sec := range sections {
			heading, paras := sec.TitleEN, sec.EN
			if welsh {
				heading, paras = sec.TitleCY, sec.CY
			}
			d.text(d.clean(heading), subPt, true)
			for _, para := range paras {
				d.text(d.clean(para), bodyPt, false)
				d.space(gap / 2)
			}
		}
	}
	return d.output("the written statement " + strconv.Itoa(p.Version.Number) + " of " + p.PA)
}
