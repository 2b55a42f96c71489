package payslips

import (
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The P60's labels.
var (
	lblP60Title       = bi{"P60: tystysgrif diwedd blwyddyn", "P60: end of year certificate"}
	lblP60Intro       = bi{"Dyma eich cyflog, y dreth a'r cyfraniadau Yswiriant Gwladol a ddidynnwyd yn y flwyddyn dreth a ddaeth i ben ar 5 Ebrill. Bydd angen hwn arnoch i hawlio ad-daliad treth neu gredydau treth, neu i lenwi ffurflen dreth.", "This is your pay, and the tax and National Insurance deducted from it, in the tax year that ended on 5 April. You will need it to claim a tax refund or tax credits, or to fill in a tax return."}
	lblKeepP60        = bi{"Cadwch y dystysgrif hon yn ddiogel: ni ellir rhoi un arall i chi.", "Keep this certificate safe: you cannot be given another."}
	lblFinalTaxCode   = bi{"Cod treth terfynol", "Final tax code"}
	lblPrevPay        = bi{"Tâl mewn cyflogaeth flaenorol", "Pay in previous employment"}
	lblPrevTax        = bi{"Treth mewn cyflogaeth flaenorol", "Tax in previous employment"}
	lblTotalPayYear   = bi{"Cyfanswm y tâl am y flwyddyn", "Total pay for the year"}
	lblTotalTaxYear   = bi{"Cyfanswm y dreth am y flwyddyn", "Total tax for the year"}
	lblNIAtLEL        = bi{"enillion hyd at y terfyn enillion isaf (LEL)", "earnings at the lower earnings limit (LEL)"}
	lblNILELToPT      = bi{"enillion uwchlaw'r LEL hyd at y trothwy cynradd (PT)", "earnings above the LEL, up to the primary threshold (PT)"}
	lblNIPTToUEL      = bi{"enillion uwchlaw'r PT hyd at y terfyn enillion uchaf (UEL)", "earnings above the PT, up to the upper earnings limit (UEL)"}
	lblNIEmployee     = bi{"cyfraniadau'r gweithiwr ar enillion uwchlaw'r PT", "employee's contributions on earnings above the PT"}
	lblNICategoryP60  = bi{"Yswiriant Gwladol, categori", "National Insurance, category"}
	lblStudentLoanP60 = bi{"Didyniadau benthyciad myfyriwr", "Student loan deductions"}
	lblPostgradP60    = bi{"Didyniadau benthyciad ôl-raddedig", "Postgraduate loan deductions"}
)

// P60PDF renders a PA's P60 in Welsh and English, the PA's language first.
// The same P60 always gives the same bytes.
func P60PDF(er Employer, l dpcoop.Lang, p dpcoop.P60) ([]byte, error) {
	code := p.TaxCode
	if p.Week1Month1 {
		code += " (" + lblWeek1Month1.both(l) + ")"
	}
	rows := append(employerRows(er, l),
		[2]string{lblEmployeeTitle.both(l), p.Name},
		[2]string{lblNINumber.both(l), p.NINumber},
		[2]string{lblTaxYear.both(l), string(p.TaxYear)},
		[2]string{lblFinalTaxCode.both(l), code},
		[2]string{lblPrevPay.both(l), pounds(p.PreviousPay)},
		[2]string{lblPrevTax.both(l), pounds(p.PreviousTax)},
		[2]string{lblPayThisJob.both(l), pounds(p.PayInEmployment)},
		[2]string{lblTaxThisJob.both(l), pounds(p.TaxInEmployment)},
		[2]string{lblTotalPayYear.both(l), pounds(p.TotalPay)},
		[2]string{lblTotalTaxYear.both(l), pounds(p.TotalTax)},
	)
	for _, ni := range p.NI {
		head := lblNICategoryP60.both(l) + " " + ni.Category + ": "
		rows = append(rows,
			[2]string{head + lblNIAtLEL.both(l), pounds(ni.EarningsAtLEL)},
			[2]string{head + lblNILELToPT.both(l), pounds(ni.EarningsLELToPT)},
			[2]string{head + lblNIPTToUEL.both(l), pounds(ni.EarningsPTToUEL)},
			[2]string{head + lblNIEmployee.both(l), pounds(ni.EmployeeNI)},
		)
	}
	rows = append(rows,
		[2]string{lblStudentLoanP60.both(l), pounds(p.StudentLoan)},
		[2]string{lblPostgradP60.both(l), pounds(p.PostgraduateLoan)},
	)
	return form{title: lblP60Title, intro: lblP60Intro, keep: lblKeepP60, dated: p.TaxYear.End().Time(), person: p.Name, rows: rows}.render(er, l, p.PA)
}
