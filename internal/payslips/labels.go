package payslips

import (
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// bi is a piece of text in Welsh and English. Every label on a payslip is
// shown in both, the reader's language first.
type bi struct{ cy, en string }

// both is "Tâl gros / Gross pay" for a Welsh reader, "Gross pay / Tâl gros"
// for anyone else.
func (b bi) both(l dpcoop.Lang) string {
	first, second := b.order(l)
	if first == second {
		return first
	}
	return first + " / " + second
}

// order returns the reader's language first.
func (b bi) order(l dpcoop.Lang) (first, second string) {
	if l == dpcoop.Welsh {
		return b.cy, b.en
	}
	return b.en, b.cy
}

// in is the text in one language, English unless l is Welsh.
func (b bi) in(l dpcoop.Lang) string {
	if l == dpcoop.Welsh {
		return b.cy
	}
	return b.en
}

// The payslip's labels.
var (
	lblTitle         = bi{"Slip cyflog", "Payslip"}
	lblEmployer      = bi{"Cyflogwr", "Employer"}
	lblPAYERef       = bi{"Cyfeirnod TWE y cyflogwr", "Employer PAYE reference"}
	lblPA            = bi{"Cynorthwyydd personol", "Personal assistant"}
	lblPayrollNumber = bi{"Rhif cyflogres", "Payroll number"}
	lblPayDate       = bi{"Dyddiad talu", "Pay date"}
	lblTaxYear       = bi{"Blwyddyn dreth", "Tax year"}
	lblTaxMonth      = bi{"Cyfnod treth (mis)", "Tax period (month)"}
	lblTaxCode       = bi{"Cod treth", "Tax code"}
	lblNICategory    = bi{"Categori Yswiriant Gwladol (YG)", "National Insurance (NI) category"}
	lblNINumber      = bi{"Rhif Yswiriant Gwladol", "National Insurance number"}

	lblPayments    = bi{"Taliadau", "Payments"}
	lblDescription = bi{"Disgrifiad", "Description"}
	lblQuantity    = bi{"Oriau neu nifer", "Hours or number"}
	lblRate        = bi{"Cyfradd", "Rate"}
	lblAmount      = bi{"Swm", "Amount"}
	lblMileage     = bi{"Lwfans milltiredd (milltiroedd)", "Mileage allowance (miles)"}
	lblRolledUp    = bi{"Tâl gwyliau wedi'i gynnwys yn y cyflog", "Rolled-up holiday pay"}
	lblGross       = bi{"Tâl gros", "Gross pay"}

	lblDeductions      = bi{"Didyniadau", "Deductions"}
	lblIncomeTax       = bi{"Treth incwm (TWE)", "Income tax (PAYE)"}
	lblTaxRefund       = bi{"Ad-daliad treth incwm (TWE)", "Income tax refund (PAYE)"}
	lblEmployeeNI      = bi{"YG y gweithiwr", "Employee NI"}
	lblEmployeePension = bi{"Pensiwn y gweithiwr", "Employee pension"}
	lblStudentLoans    = bi{"Benthyciad myfyriwr", "Student loan"}
	lblPostgraduate    = bi{"Benthyciad ôl-raddedig", "Postgraduate loan"}
	lblTotalDeductions = bi{"Cyfanswm y didyniadau", "Total deductions"}
	lblNetPay          = bi{"Tâl net", "Net pay"}

	lblEmployerCosts     = bi{"Costau'r cyflogwr", "Employer costs"}
	lblEmployerCostsNote = bi{"Er gwybodaeth: ni chânt eu tynnu o'ch cyflog.", "For information: not taken from your pay."}
	lblEmployerNI        = bi{"YG y cyflogwr", "Employer NI"}
	lblEmployerPension   = bi{"Pensiwn y cyflogwr", "Employer pension"}
	lblEmployerCost      = bi{"Cyfanswm y gost i'r cyflogwr", "Total cost to the employer"}

	lblYearToDate = bi{"Y flwyddyn dreth hyd yma", "Tax year to date"}
	lblTaxablePay = bi{"Tâl trethadwy", "Taxable pay"}

	lblHolidayAccrued = bi{"Gwyliau a gronnwyd y mis hwn (oriau)", "Holiday earned this month (hours)"}
	lblHolidayBalance = bi{"Gwyliau sydd ar ôl i'w cymryd (oriau)", "Holiday left to take (hours)"}
	lblInLieu         = bi{"Tâl am wyliau heb eu cymryd wrth adael (oriau)", "Pay for holiday not taken on leaving (hours)"}
	lblKeep           = bi{"Cadwch y slip cyflog hwn ar gyfer eich cofnodion.", "Keep this payslip for your records."}
	lblPage           = bi{"Tudalen", "Page"}
	lblOf             = bi{"o", "of"}
	lblContinued      = bi{"parhad", "continued"}
)

// kindLabels name each pay line; the unit is the quantity column's.
var kindLabels = map[payroll.ShiftKind]bi{
	payroll.ShiftStandard:    {"Oriau safonol", "Standard hours"},
	payroll.ShiftNight:       {"Oriau nos", "Night hours"},
	payroll.ShiftSleepIn:     {"Cysgu i mewn (nifer)", "Sleep-ins (number)"},
	payroll.ShiftBankHoliday: {"Oriau gŵyl banc", "Bank holiday hours"},
	payroll.ShiftHoliday:     {"Gwyliau a gymerwyd (oriau)", "Holiday taken (hours)"},
}

// backPayLabel names a line of late work from a month already paid.
func backPayLabel(kind payroll.ShiftKind) bi {
	k := kindLabels[kind]
	return bi{"Ôl-dâl: " + k.cy, "Back pay: " + k.en}
}

// sickPayLabel names the SSP line with its weekly rate.
func sickPayLabel(weekly int64) bi {
	w := pounds(weekly)
	return bi{"Tâl salwch statudol (diwrnodau; " + w + " yr wythnos)", "Statutory sick pay (days; " + w + " a week)"}
}

// pensionNote explains the PA's pension deduction.
func pensionNote(relief payroll.Relief, c payroll.Contributions) bi {
	switch relief {
	case payroll.ReliefAtSource:
		g, r := pounds(c.EmployeeGross), pounds(c.TaxRelief)
		return bi{
			"Rhyddhad treth wrth y ffynhonnell: eich cyfraniad yw " + g + "; tynnwyd " + pounds(c.EmployeeDeduction) + " o'ch cyflog ar ôl treth, ac mae'r cynllun yn hawlio " + r + " o ryddhad treth gan CThEF.",
			"Relief at source: your contribution is " + g + "; " + pounds(c.EmployeeDeduction) + " was taken from your pay after tax, and the scheme claims " + r + " tax relief from HMRC.",
		}
	case payroll.NetPayArrangement:
		return bi{
			"Trefniant tâl net: tynnwyd eich cyfraniad cyn cyfrifo treth, felly cawsoch ryddhad treth yn llawn.",
			"Net pay arrangement: your contribution was taken before tax was worked out, so you get full tax relief.",
		}
	}
	return bi{}
}

// accountEnding tells the PA where their pay went.
func accountEnding(last4 string) bi {
	return bi{"Talwyd i'r cyfrif sy'n gorffen â " + last4, "Paid to the account ending " + last4}
}
