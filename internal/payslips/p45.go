package payslips

import (
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The P45's labels.
var (
	lblP45Title           = bi{"P45: manylion gweithiwr sy'n gadael gwaith", "P45: details of employee leaving work"}
	lblP45Parts           = bi{"Rhan 1A: i chi ei chadw. Rhannau 2 a 3: rhowch nhw i'ch cyflogwr nesaf. Mae'r un manylion ar bob rhan.", "Part 1A: for you to keep. Parts 2 and 3: give them to your next employer. Every part carries the same details."}
	lblDateOfBirth        = bi{"Dyddiad geni", "Date of birth"}
	lblAddress            = bi{"Cyfeiriad", "Address"}
	lblLeavingDate        = bi{"Dyddiad gadael", "Leaving date"}
	lblWeek1Month1        = bi{"Wythnos 1 / Mis 1", "Week 1 / Month 1"}
	lblTotalPay           = bi{"Cyfanswm y tâl hyd yma", "Total pay to date"}
	lblTotalTax           = bi{"Cyfanswm y dreth hyd yma", "Total tax to date"}
	lblPayThisJob         = bi{"Tâl yn y gyflogaeth hon", "Pay in this employment"}
	lblTaxThisJob         = bi{"Treth yn y gyflogaeth hon", "Tax in this employment"}
	lblStudentLoan        = bi{"Didyniadau benthyciad myfyriwr i barhau", "Student loan deductions to continue"}
	lblPostgraduateGoesOn = bi{"Didyniadau benthyciad ôl-raddedig i barhau", "Postgraduate loan deductions to continue"}
	lblIssued             = bi{"Dyddiad ei roi", "Date issued"}
	lblKeepP45            = bi{"Cadwch Ran 1A ar gyfer eich cofnodion.", "Keep Part 1A for your records."}
	lblYes                = bi{"Ydyn", "Yes"}
	lblNo                 = bi{"Nac ydyn", "No"}
	lblBlankWeek1         = bi{"(wedi'i adael yn wag: cod wythnos 1 / mis 1)", "(left blank: a week 1 / month 1 code)"}
	lblYesCode            = bi{"Ydy", "Yes"}
	lblNotThisCode        = bi{"Nac ydy", "No"}
	lblEmployeeTitle      = bi{"Gweithiwr", "Employee"}
)

// P45PDF renders a leaver's P45 in Welsh and English, the PA's language
// first: the same details for Part 1A (theirs) and Parts 2 and 3 (their next
// employer's). The same P45 always gives the same bytes.
func P45PDF(er Employer, l dpcoop.Lang, p dpcoop.LeaverP45) ([]byte, error) {
	issued := p.Issued.Time()
	yes := func(b bool, y, n bi) string {
		if b {
			return y.both(l)
		}
		return n.both(l)
	}
	money := func(v int64) string {
		if p.Week1Month1 {
			return lblBlankWeek1.both(l)
		}
		return pounds(v)
	}
	info := append(employerRows(er, l),
		[2]string{lblEmployeeTitle.both(l), p.Name},
		[2]string{lblNINumber.both(l), p.NINumber},
		[2]string{lblDateOfBirth.both(l), dayMonthYear(p.DateOfBirth.Time())},
		[2]string{lblAddress.both(l), p.Address},
		[2]string{lblLeavingDate.both(l), dayMonthYear(p.LeavingDate.Time())},
		[2]string{lblTaxYear.both(l), p.TaxYear},
		[2]string{lblTaxCode.both(l), p.TaxCode},
		[2]string{lblWeek1Month1.both(l), yes(p.Week1Month1, lblYesCode, lblNotThisCode)},
		[2]string{lblTotalPay.both(l), money(p.TotalPay)},
		[2]string{lblTotalTax.both(l), money(p.TotalTax)},
		[2]string{lblPayThisJob.both(l), pounds(p.PayInEmployment)},
		[2]string{lblTaxThisJob.both(l), pounds(p.TaxInEmployment)},
		[2]string{lblStudentLoan.both(l), yes(p.StudentLoan, lblYes, lblNo)},
		[2]string{lblPostgraduateGoesOn.both(l), yes(p.PostgraduateLoan, lblYes, lblNo)},
		[2]string{lblIssued.both(l), dayMonthYear(issued)},
	)
	return form{title: lblP45Title, intro: lblP45Parts, keep: lblKeepP45, dated: issued, person: p.Name, rows: info}.render(er, l, p.PA)
}

// employerRows are the rows every form starts with: the employer, and its
// PAYE reference once the co-op has one.
func employerRows(er Employer, l dpcoop.Lang) [][2]string {
	rows := [][2]string{{lblEmployer.both(l), employerName(er, l)}}
	if er.PAYEReference != "" {
		rows = append(rows, [2]string{lblPAYERef.both(l), er.PAYEReference})
	}
	return rows
}

// form is a statutory form as one column of labelled answers (a P45, a P60):
// its title, a note on what to do with it, the date it is for (which fixes
// the PDF's dates, so the same form always gives the same bytes), the person
// it is for, and its rows.
type form struct {
	title, intro, keep bi
	dated              time.Time
	person             string
	rows               [][2]string
}

// render draws the form in Welsh and English, language l first.
func (fm form) render(er Employer, l dpcoop.Lang, id string) ([]byte, error) {
	d := newDoc(l)
	d.keep = fm.keep
	f := d.f
	when := time.Date(fm.dated.Year(), fm.dated.Month(), fm.dated.Day(), 0, 0, 0, 0, time.UTC)
	f.SetCreationDate(when)
	f.SetModificationDate(when)
	t1, t2 := fm.title.order(l)
	f.SetTitle(d.clean(t1+" / "+t2+" - "+fm.person), true)
	f.SetAuthor(d.clean(employerName(er, l)), true)
	d.continued = t1 + " / " + t2 + " - " + fm.person
	f.AddPage()
	d.text(t1, titlePt, true)
	d.text(t2, subPt, true)
	d.space(gap)
	d.text(d.stack(fm.intro), bodyPt, false)
	d.space(gap)
	for _, kv := range fm.rows {
		d.row(margin, []cell{{w: 98, text: kv[0]}, {w: contentW - 98, text: kv[1], bold: true}}, rowStyle{rule: true})
	}
	return d.output(fm.title.en + " of " + id)
}
