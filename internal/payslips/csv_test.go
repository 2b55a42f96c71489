package payslips

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
	"github.com/dpcoop/dpcoop/internal/sheet"
)

// readCSV parses an export, checking its line ends.
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
		t.Error("not every line ends in CRLF")
	}
	b, ok := bytes.CutPrefix(b, []byte("\uFEFF"))
	if !ok {
		t.Error("no byte order mark: Excel would not read it as UTF-8")
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// pence reads "1234.56" or "-12.00" back without floating point.
func pence(t *testing.T, s string) int64 {
	t.Helper()
	neg := strings.HasPrefix(s, "-")
	whole, frac, ok := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if !ok || len(frac) != 2 {
		t.Fatalf("%q is not pounds with two decimals", s)
	}
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("%q is not a number", s)
	}
	if neg {
		return -(w*100 + f)
	}
	return w*100 + f
}

func column(t *testing.T, heading []string, name string) int {
	t.Helper()
	i := slices.Index(heading, name)
	if i < 0 {
		t.Fatalf("no column %q in %q", name, heading)
	}
	return i
}

func TestJournal(t *testing.T) {
	rows := run(t)
	recs := readCSV(t, Journal(employer(), rows, dpcoop.English))
	head, body, total := recs[0], recs[1:len(recs)-1], recs[len(recs)-1]
	if len(body) != len(rows) {
		t.Fatalf("%d PA lines, want %d", len(body), len(rows))
	}
	want := map[string]func(payroll.Payslip) int64{
		"Gross pay":        func(p payroll.Payslip) int64 { return p.Gross },
		"Taxable pay":      func(p payroll.Payslip) int64 { return p.TaxablePay },
		"Income tax":       func(p payroll.Payslip) int64 { return p.Tax },
		"Employee NI":      func(p payroll.Payslip) int64 { return p.NI.Employee },
		"Employer NI":      func(p payroll.Payslip) int64 { return p.NI.Employer },
		"Employee pension": func(p payroll.Payslip) int64 { return p.Pension.EmployeeDeduction },
		"Employer pension": func(p payroll.Payslip) int64 { return p.Pension.Employer },
		"Net pay":          func(p payroll.Payslip) int64 { return p.NetPay },
		"Mileage allowance": func(p payroll.Payslip) int64 {
			return p.MileagePaid
		},
		"Employer cost": func(p payroll.Payslip) int64 { return p.EmployerCost },
	}
	for name, get := range want {
		col := column(t, head, name)
		var sum, slipSum int64
		for i, rec := range body {
			got := pence(t, rec[col])
			if slip := get(rows[i].Slip.Result); got != slip {
				t.Errorf("%s %s = %d, slip says %d", rows[i].Employee.ID, name, got, slip)
			}
			sum += got
			slipSum += get(rows[i].Slip.Result)
		}
		if got := pence(t, total[col]); got != sum || got != slipSum {
			t.Errorf("total %s = %d, rows add up to %d", name, got, sum)
		}
	}
	if total[column(t, head, "Name")] != "Total" {
		t.Errorf("totals line is %q", total)
	}
	if got := body[0][column(t, head, "Employer PAYE reference")]; got != "123/AB45678" {
		t.Errorf("PAYE reference %q", got)
	}
	// The refund stays a number: it is not escaped like text.
	if got := body[3][column(t, head, "Income tax")]; got != "-156.00" {
		t.Errorf("refund %q, want -156.00", got)
	}
	if got := body[1][column(t, head, "Checks")]; got != "" {
		t.Errorf("checks %q", got)
	}
}

func TestJournalHeadingLanguage(t *testing.T) {
	rows := run(t)
	cy := readCSV(t, Journal(employer(), rows, dpcoop.Welsh))
	if cy[0][5] != "Tâl gros" || cy[len(cy)-1][4] != "Cyfanswm" {
		t.Errorf("Welsh heading %q, total %q", cy[0], cy[len(cy)-1][4])
	}
	def := readCSV(t, Journal(employer(), rows, ""))
	if def[0][5] != "Gross pay" {
		t.Errorf("default heading %q", def[0])
	}
	if len(cy[0]) != len(def[0]) || len(cy[0]) != len(journalHeading) {
		t.Error("headings differ in length")
	}
}

func TestCSVFormulaInjection(t *testing.T) {
	rows := run(t)
	j := readCSV(t, Journal(employer(), rows, dpcoop.English))
	if got := j[3][column(t, j[0], "Name")]; got != `'=HYPERLINK("http://example.com/x","click")` {
		t.Errorf("journal name %q", got)
	}
	b, err := BankPayments(rows, dpcoop.English)
	if err != nil {
		t.Fatal(err)
	}
	bank := readCSV(t, b)
	names := []string{}
	for _, rec := range bank[1:] {
		names = append(names, rec[0])
	}
	if !slices.Contains(names, "'@SUM(1+1)") || !slices.Contains(names, "'-R EVANS") {
		t.Errorf("bank account names %q", names)
	}
	p, err := PensionSchedule(employer(), rows, dpcoop.English)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(p, []byte(`'=HYPERLINK(`)) || bytes.Contains(p, []byte(`,=HYPERLINK(`)) {
		t.Error("pension schedule does not escape the formula")
	}
}

func TestBankPayments(t *testing.T) {
	rows := run(t)
	b, err := BankPayments(rows, dpcoop.English)
	if err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, b)
	head := recs[0]
	if !slices.Equal(head, []string{"Account name", "Sort code", "Account number", "Amount", "Reference", "Payroll number"}) {
		t.Errorf("heading %q", head)
	}
	if len(recs)-1 != len(rows) {
		t.Fatalf("%d payments for %d PAs", len(recs)-1, len(rows))
	}
	for i, rec := range recs[1:] {
		r := rows[i]
		if rec[5] != r.Employee.ID {
			t.Errorf("line %d is %s, want %s", i, rec[5], r.Employee.ID)
		}
		if got := pence(t, rec[3]); got != r.Slip.Result.NetPay {
			t.Errorf("%s: amount %d, net pay %d", r.Employee.ID, got, r.Slip.Result.NetPay)
		}
		if rec[4] != "DPCOOP 2026-05" {
			t.Errorf("reference %q", rec[4])
		}
	}
	if recs[1][1] != "40-11-62" || recs[1][2] != "21345678" || recs[2][1] != "30-96-34" || recs[2][2] != "01234567" {
		t.Errorf("sort codes and account numbers: %q %q", recs[1], recs[2])
	}
	if recs[1][3] != "1425.26" {
		t.Errorf("amount text %q, want 1425.26", recs[1][3])
	}
}

func TestBankPaymentsRefusesMissingDetails(t *testing.T) {
	rows := run(t)
	rows[0].Employee.Bank = nil
	rows[2].Employee.Bank = nil
	_, err := BankPayments(rows, dpcoop.English)
	var missing *MissingBankError
	if !errors.As(err, &missing) {
		t.Fatalf("error %v, want *MissingBankError", err)
	}
	if !slices.Equal(missing.EmployeeIDs, []string{"pa-0001", "pa-0003"}) {
		t.Errorf("missing %q", missing.EmployeeIDs)
	}
	if strings.Contains(err.Error(), "Siân") {
		t.Error("the error names a PA")
	}

	// Nobody owed money needs bank details.
	zero := Row{
		Employee: Employee{ID: "pa-0009", Name: "Nia", TaxCode: "1257L", NICategory: "A"},
		Slip: monthTwo(t, payroll.Input{
			Frequency: payroll.Monthly, DateOfBirth: date(1990, 1, 1), TaxCode: mustCode(t, "1257L"),
			NICategory: payroll.CategoryA, Holiday: payroll.HolidayAccrued,
		}),
	}
	if zero.Slip.Result.NetPay != 0 {
		t.Fatalf("net pay %d, want 0", zero.Slip.Result.NetPay)
	}
	b, err := BankPayments([]Row{sian(t), zero}, dpcoop.English)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(readCSV(t, b)); n != 2 {
		t.Errorf("%d lines, want heading and one payment", n)
	}

	bad := sian(t)
	bad.Employee.Bank.SortCode = "40-11-6"
	if _, err := BankPayments([]Row{bad}, dpcoop.English); err == nil {
		t.Error("short sort code: no error")
	}
	twice := []Row{sian(t), sian(t)}
	if _, err := BankPayments(twice, dpcoop.English); err == nil {
		t.Error("a PA twice: no error")
	}
}

func TestPensionSchedule(t *testing.T) {
	rows := run(t)
	b, err := PensionSchedule(employer(), rows, dpcoop.English)
	if err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, b)
	head, body, total := recs[0], recs[1:len(recs)-1], recs[len(recs)-1]
	s := body[0]
	res := rows[0].Slip.Result
	checks := map[string]string{
		"NI number":                   "QQ123456C",
		"Name":                        "Siân Llŷr",
		"Pension status":              "enrolled",
		"Worker category":             "eligible jobholder",
		"Relief method":               "relief at source",
		"Qualifying earnings":         sheet.Pounds(res.Pension.QualifyingEarnings),
		"Employer contribution":       sheet.Pounds(res.Pension.Employer),
		"Employee contribution gross": sheet.Pounds(res.Pension.EmployeeGross),
		"Relief at source tax relief": sheet.Pounds(res.Pension.TaxRelief),
		"Deducted from pay":           sheet.Pounds(res.Pension.EmployeeDeduction),
		"Earnings":                    "1614.00",
	}
	for name, want := range checks {
		if got := s[column(t, head, name)]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if got := body[1][column(t, head, "Pension status")]; got != "opted out" {
		t.Errorf("Dafydd's status %q", got)
	}
	if got := body[1][column(t, head, "Relief method")]; got != "" {
		t.Errorf("relief method for a PA not enrolled: %q", got)
	}
	for _, name := range []string{"Earnings", "Qualifying earnings", "Employer contribution", "Employee contribution gross", "Relief at source tax relief", "Deducted from pay"} {
		col := column(t, head, name)
		var sum int64
		for _, rec := range body {
			sum += pence(t, rec[col])
		}
		if got := pence(t, total[col]); got != sum {
			t.Errorf("total %s = %d, rows add up to %d", name, got, sum)
		}
	}
	er := employer()
	er.Pension = nil
	if _, err := PensionSchedule(er, rows, dpcoop.English); err == nil {
		t.Error("contributions without a scheme: no error")
	}
	cy, err := PensionSchedule(employer(), rows, dpcoop.Welsh)
	if err != nil || !bytes.HasPrefix(cy, []byte("\uFEFFRhif YG,")) {
		t.Errorf("Welsh heading: %q %v", cy[:min(len(cy), 40)], err)
	}
}
