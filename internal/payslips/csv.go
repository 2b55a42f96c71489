package payslips

import (
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
	"github.com/dpcoop/dpcoop/internal/sheet"
)

// writeCSV writes the heading in the chosen language and the records as a
// sheet (package sheet: a byte order mark, CRLF, safe cells).
func writeCSV(lang dpcoop.Lang, heading []bi, records [][]string) []byte {
	head := make([]string, len(heading))
	for i, h := range heading {
		head[i] = h.in(lang)
	}
	s := sheet.New(head...)
	for _, rec := range records {
		s.Row(rec...)
	}
	return s.Bytes()
}

// journalHeading is the payroll journal's columns. Amounts are pounds with
// two decimals ("1234.56"), for a spreadsheet or the accounts.
var journalHeading = []bi{
	{"Cyfeirnod TWE y cyflogwr", "Employer PAYE reference"},
	{"Mis", "Month"},
	{"Dyddiad talu", "Pay date"},
	{"Rhif cyflogres", "Payroll number"},
	{"Enw", "Name"},
	{"Tâl gros", "Gross pay"},
	{"Tâl trethadwy", "Taxable pay"},
	{"Treth incwm", "Income tax"},
	{"YG y gweithiwr", "Employee NI"},
	{"YG y cyflogwr", "Employer NI"},
	{"Pensiwn y gweithiwr", "Employee pension"},
	{"Pensiwn y cyflogwr", "Employer pension"},
	{"Benthyciad myfyriwr", "Student loan"},
	{"Benthyciad ôl-raddedig", "Postgraduate loan"},
	{"Tâl net", "Net pay"},
	{"Lwfans milltiroedd", "Mileage allowance"},
	{"Cost i'r cyflogwr", "Employer cost"},
	{"Gwiriadau", "Checks"},
}

var lblTotal = bi{"Cyfanswm", "Total"}

// Journal is the payroll journal for the accounts: one line per PA, in the
// order given, and a totals line. Headings are Welsh when lang is
// dpcoop.Welsh and English otherwise. Employee pension is the amount taken
// from pay (after relief at source), as are student and postgraduate loan
// deductions; Checks lists the engine's check codes.
// It reports the rows as they are; use the other exports' errors to catch
// a run that does not add up.
func Journal(er Employer, rows []Row, lang dpcoop.Lang) []byte {
	var records [][]string
	var tot [12]int64
	for _, r := range rows {
		res := r.Slip.Result
		amounts := [12]int64{
			res.Gross, res.TaxablePay, res.Tax, res.NI.Employee, res.NI.Employer,
			res.Pension.EmployeeDeduction, res.Pension.Employer, res.StudentLoan, res.PostgraduateLoan,
			res.NetPay, res.MileagePaid, res.EmployerCost,
		}
		checks := make([]string, len(res.Checks))
		for i, c := range res.Checks {
			checks[i] = string(c)
		}
		rec := []string{er.PAYEReference, r.Slip.Month, r.Slip.PayDate.Format("2006-01-02"), r.Employee.ID, r.Employee.Name}
		for i, a := range amounts {
			rec = append(rec, sheet.Pounds(a))
			tot[i] += a
		}
		records = append(records, append(rec, strings.Join(checks, " ")))
	}
	total := []string{er.PAYEReference, "", "", "", lblTotal.in(lang)}
	for _, a := range tot {
		total = append(total, sheet.Pounds(a))
	}
	records = append(records, append(total, ""))
	return writeCSV(lang, journalHeading, records)
}

// pensionHeading is the contribution schedule's columns.
var pensionHeading = []bi{
	{"Rhif YG", "NI number"},
	{"Rhif cyflogres", "Payroll number"},
	{"Enw", "Name"},
	{"Mis", "Month"},
	{"Dyddiad talu", "Pay date"},
	{"Statws pensiwn", "Pension status"},
	{"Categori gweithiwr", "Worker category"},
	{"Enillion", "Earnings"},
	{"Enillion cymhwysol", "Qualifying earnings"},
	{"Cyfraniad y cyflogwr", "Employer contribution"},
	{"Cyfraniad gros y gweithiwr", "Employee contribution gross"},
	{"Rhyddhad treth wrth y ffynhonnell", "Relief at source tax relief"},
	{"Tynnwyd o'r cyflog", "Deducted from pay"},
	{"Dull rhyddhad", "Relief method"},
}

// The schedule's words for a PA's pension status, their worker category and
// the relief method, by their stable codes.
var scheduleWords = map[string]bi{
	"not_enrolled":           {"heb ymrestru", "not enrolled"},
	"enrolled":               {"wedi ymrestru", "enrolled"},
	"opted_out":              {"wedi optio allan", "opted out"},
	"postponed":              {"wedi gohirio", "postponed"},
	"not_in_scope":           {"y tu allan i'r cwmpas", "not in scope"},
	"entitled_worker":        {"gweithiwr â hawl", "entitled worker"},
	"non_eligible_jobholder": {"deiliad swydd anghymwys", "non-eligible jobholder"},
	"eligible_jobholder":     {"deiliad swydd cymwys", "eligible jobholder"},
	"relief_at_source":       {"rhyddhad wrth y ffynhonnell", "relief at source"},
	"net_pay_arrangement":    {"trefniant cyflog net", "net pay arrangement"},
}

// scheduleWord is a code's word in language l ("" stays "").
func scheduleWord(l dpcoop.Lang, code string) string {
	if w, ok := scheduleWords[code]; ok {
		return w.in(l)
	}
	return code
}

func reliefCode(p *payroll.PensionScheme) string {
	if p == nil {
		return ""
	}
	switch p.Relief {
	case payroll.ReliefAtSource:
		return "relief_at_source"
	case payroll.NetPayArrangement:
		return "net_pay_arrangement"
	}
	return ""
}

// PensionSchedule is the contribution schedule for the pension provider:
// every PA in the run, enrolled or not, with their automatic enrolment
// assessment (worker category code from package payroll), qualifying
// earnings and contributions, and a totals line. It refuses a run that does
// not add up, or contributions when the co-op has no scheme.
func PensionSchedule(er Employer, rows []Row, lang dpcoop.Lang) ([]byte, error) {
	if err := checkRun(rows); err != nil {
		return nil, err
	}
	var records [][]string
	var tot [6]int64
	for _, r := range rows {
		res, ee := r.Slip.Result, r.Employee
		if er.Pension == nil && (res.Pension.Employer != 0 || res.Pension.EmployeeGross != 0) {
			return nil, errorf(ee.ID, "pension contributions but the employer has no pension scheme")
		}
		relief := ""
		if ee.PensionStatus == payroll.PensionEnrolled {
			relief = reliefCode(er.Pension)
		}
		amounts := [6]int64{res.Earnings, res.Pension.QualifyingEarnings, res.Pension.Employer, res.Pension.EmployeeGross, res.Pension.TaxRelief, res.Pension.EmployeeDeduction}
		rec := []string{niNumber(ee.NINumber), ee.ID, ee.Name, r.Slip.Month, r.Slip.PayDate.Format("2006-01-02"),
			scheduleWord(lang, ee.PensionStatus.String()), scheduleWord(lang, res.WorkerCategory.String())}
		for i, a := range amounts {
			rec = append(rec, sheet.Pounds(a))
			tot[i] += a
		}
		records = append(records, append(rec, scheduleWord(lang, relief)))
	}
	total := []string{"", "", lblTotal.in(lang), "", "", "", ""}
	for _, a := range tot {
		total = append(total, sheet.Pounds(a))
	}
	records = append(records, append(total, ""))
	return writeCSV(lang, pensionHeading, records), nil
}

// bankHeading is the bank payments list's columns.
var bankHeading = []bi{
	{"Enw'r cyfrif", "Account name"},
	{"Cod didoli", "Sort code"},
	{"Rhif y cyfrif", "Account number"},
	{"Swm", "Amount"},
	{"Cyfeirnod", "Reference"},
	{"Rhif cyflogres", "Payroll number"},
}

// BankPayments is the list of net pay to send, for the co-op's bank: one
// line per PA owed money (net pay above zero), with the amount in pounds
// as text ("1234.56") and the reference "DPCOOP <month>". It refuses the
// whole list, with a *MissingBankError naming every such PA, if anyone owed
// money has no bank details: nobody is silently left unpaid. It also
// refuses bank details of the wrong shape and a negative net pay.
func BankPayments(rows []Row, lang dpcoop.Lang) ([]byte, error) {
	if err := checkRun(rows); err != nil {
		return nil, err
	}
	var missing []string
	var records [][]string
	for _, r := range rows {
		ee, net := r.Employee, r.Slip.Result.NetPay
		switch {
		case net < 0:
			return nil, errorf(ee.ID, "net pay is negative (%s)", sheet.Pounds(net))
		case net == 0:
			continue
		case ee.Bank == nil:
			missing = append(missing, ee.ID)
			continue
		}
		sort, acc := digitsOnly(ee.Bank.SortCode), digitsOnly(ee.Bank.AccountNumber)
		if !allDigits(sort, 6) || !allDigits(acc, 8) || strings.TrimSpace(ee.Bank.AccountName) == "" {
			return nil, errorf(ee.ID, "bank details need an account name, a 6-digit sort code and an 8-digit account number")
		}
		records = append(records, []string{
			ee.Bank.AccountName, sort[0:2] + "-" + sort[2:4] + "-" + sort[4:6], acc,
			sheet.Pounds(net), "DPCOOP " + r.Slip.Month, ee.ID,
		})
	}
	if len(missing) > 0 {
		return nil, &MissingBankError{EmployeeIDs: missing}
	}
	return writeCSV(lang, bankHeading, records), nil
}
