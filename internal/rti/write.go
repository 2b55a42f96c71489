package rti

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/sheet"
)

// Writing the XML
//
// The documents are written by hand, element by element in the order of
// HMRC's schema (FullPaymentSubmission and EmployerPaymentSummary, docs/
// rti.md), so that nothing reorders them. Each value is checked against the
// schema's pattern or range first: a document HMRC's schema would refuse is
// an error here, naming the element and the employee's payroll ID, never a
// personal value.

// The schema's patterns and character sets.
var (
	officeNoPattern  = regexp.MustCompile(`^[0-9]{3}$`)
	payeRefPattern   = regexp.MustCompile(`^[A-Za-z0-9.,\-()/=!"%&*;<>'+:?][A-Za-z0-9 .,\-()/=!"%&*;<>'+:?]{0,9}$`)
	aoRefPattern     = regexp.MustCompile(`^[0-9]{3}P[A-Z][0-9]{7}[0-9X]$`)
	ninoPattern      = regexp.MustCompile(`^([ACEHJLMOPRSWXY][A-CEGHJ-NPR-TW-Z]|B[A-CEHJ-NPR-TW-Z]|G[ACEGHJ-NPR-TW-Z]|[KT][A-CEGHJ-MPR-TW-Z]|N[A-CEGHJL-NPR-SW-Z]|Z[A-CEGHJ-NPR-TW-Y])[0-9]{6}[A-D ]$`)
	namePattern      = regexp.MustCompile(`^[A-Za-z][A-Za-z \-']{0,34}$`)
	titlePattern     = regexp.MustCompile(`^[A-Za-z][A-Za-z\- .']{0,34}$`)
	addressPattern   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 .,\-()/=!"%&*;<>'+:?]{0,34}$`)
	postcodePattern  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 ]{0,9}$`)
	payIDPattern     = regexp.MustCompile(`^[A-Za-z0-9.,\-()/=!"%&*;<>'+:?][A-Za-z0-9 .,\-()/=!"%&*;<>'+:?]{0,34}$`)
	datePattern      = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	taxCodePattern   = regexp.MustCompile(`^(([1-9][0-9]{0,5}[LMNPTY])|(BR)|(0T)|(NT)|(D[0-8])|(K[1-9][0-9]{0,5}))$`)
	niLetterPattern  = regexp.MustCompile(`^[A-HJ-NPQRSTVWXYZ]$`)
	hoursPattern     = regexp.MustCompile(`^[A-E]$`)
	frequencyPattern = regexp.MustCompile(`^(W1|W2|W4|M1|M3|M6|MA|IO|IR)$`)
	loanPlanPattern  = regexp.MustCompile(`^(01|02|04|05)$`)
)

// writer writes indented XML, and keeps the first problem it meets.
type writer struct {
	b     bytes.Buffer
	depth int
	err   error
	where string // the employee being written, for errors
}

func (w *writer) fail(element, why string) {
	if w.err == nil {
		if w.where != "" {
			element = w.where + ": " + element
		}
		w.err = fmt.Errorf("rti: %s %s", element, why)
	}
}

func (w *writer) indent() {
	w.b.WriteString("\n")
	w.b.WriteString(strings.Repeat("\t", w.depth))
}

// startTag writes a start tag on a new line; attrs are name, value pairs.
func (w *writer) startTag(name string, attrs []string) {
	w.indent()
	w.b.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.b.WriteString(" " + attrs[i] + `="`)
		xml.EscapeText(&w.b, []byte(attrs[i+1]))
		w.b.WriteString(`"`)
	}
	w.b.WriteString(">")
}

// open writes a start tag whose content follows, one level in.
func (w *writer) open(name string, attrs ...string) {
	w.startTag(name, attrs)
	w.depth++
}

func (w *writer) close(name string) {
	w.depth--
	w.indent()
	w.b.WriteString("</" + name + ">")
}

// leaf writes an element holding text.
func (w *writer) leaf(name, value string, attrs ...string) {
	w.startTag(name, attrs)
	xml.EscapeText(&w.b, []byte(value))
	w.b.WriteString("</" + name + ">")
}

// checked writes a leaf whose value must match pattern.
func (w *writer) checked(name, value string, pattern *regexp.Regexp, attrs ...string) {
	if !pattern.MatchString(value) {
		w.fail(name, "is not in the form HMRC's schema requires")
		return
	}
	w.leaf(name, value, attrs...)
}

func (w *writer) yes(name string, on bool) {
	if on {
		w.leaf(name, "yes")
	}
}

// pounds writes pence as pounds with two decimals ("-12.05"), within the
// schema's range of whole pence [lo, hi].
func (w *writer) pounds(name string, pence, lo, hi int64) {
	if pence < lo || pence > hi {
		w.fail(name, fmt.Sprintf("is outside the schema's range %s to %s", sheet.Pounds(lo), sheet.Pounds(hi)))
		return
	}
	w.leaf(name, sheet.Pounds(pence)) // the schema's money: pounds, two decimals
}

// wholePounds writes an amount the schema takes in whole pounds (".00").
func (w *writer) wholePounds(name string, pence, lo, hi int64) {
	if pence%100 != 0 {
		w.fail(name, "must be whole pounds")
		return
	}
	w.pounds(name, pence, lo, hi)
}

// optional writes a figure only when it is not zero.
func (w *writer) optional(name string, pence, lo, hi int64) {
	if pence != 0 {
		w.pounds(name, pence, lo, hi)
	}
}

func (w *writer) date(name, d string, y *Year) {
	if !datePattern.MatchString(d) {
		w.fail(name, "is not a date")
		return
	}
	if y != nil && !y.contains(d) {
		w.fail(name, "is not in tax year "+y.Name)
		return
	}
	w.leaf(name, d)
}

// Ranges from the schema, in pence.
const (
	max9   = 999_999_999_99 // 999999999.99
	max10  = 9_999_999_999_99
	maxSP  = 999_999_99    // statutory pay to date: 999999.99
	maxEPS = 99_999_999_99 // EPS recoverable amounts: 99999999.99
	maxSL  = 99_999_00     // student loans: 99999.00
	maxLEL = 9_999_00      // AtLELYTD: 9999.00
	maxPT  = 9_999_99      // LELtoPTYTD: 9999.99
	maxUEL = 99_999_99     // PTtoUELYTD: 99999.99
)

func (w *writer) irheader(e Employer, y Year, sender string) {
	w.open("IRheader")
	w.open("Keys")
	w.leaf("Key", e.OfficeNo, "Type", "TaxOfficeNumber")
	w.leaf("Key", e.PayeRef, "Type", "TaxOfficeReference")
	w.close("Keys")
	w.leaf("PeriodEnd", y.End)
	w.leaf("DefaultCurrency", "GBP")
	w.leaf("IRmark", "", "Type", "generic")
	w.leaf("Sender", sender)
	w.close("IRheader")
}

func (w *writer) empRefs(e Employer) {
	w.open("EmpRefs")
	w.checked("OfficeNo", e.OfficeNo, officeNoPattern)
	w.checked("PayeRef", e.PayeRef, payeRefPattern)
	w.checked("AORef", e.AccountsOffice, aoRefPattern)
	w.close("EmpRefs")
}

// body writes the FPS's IRenvelope.
func (f FPS) body(w *writer) error {
	y, err := YearNamed(f.Year)
	if err != nil {
		return err
	}
	if len(f.Employees) == 0 && !f.FinalForYear {
		return errors.New("rti: an FPS needs an employee or the final submission for the year")
	}
	w.open("IRenvelope", "xmlns", y.FPS)
	w.irheader(f.Employer, y, "Employer")
	w.open("FullPaymentSubmission")
	w.empRefs(f.Employer)
	w.leaf("RelatedTaxYear", y.Related)
	for _, e := range f.Employees {
		w.where = "employee " + e.PayID
		e.write(w, y)
	}
	w.where = ""
	if f.FinalForYear {
		w.open("FinalSubmission")
		w.leaf("ForYear", "yes")
		w.close("FinalSubmission")
	}
	w.close("FullPaymentSubmission")
	w.close("IRenvelope")
	return w.err
}

func (e Employee) write(w *writer, y Year) {
	w.open("Employee")
	w.open("EmployeeDetails")
	if e.NINO != "" {
		w.checked("NINO", e.NINO, ninoPattern)
	}
	w.open("Name")
	if e.Title != "" {
		w.checked("Ttl", e.Title, titlePattern)
	}
	if len(e.Forenames) == 0 || len(e.Forenames) > 2 {
		w.fail("Fore", "needs one or two forenames")
	}
	for _, f := range e.Forenames {
		w.checked("Fore", f, namePattern)
	}
	w.checked("Sur", e.Surname, namePattern)
	w.close("Name")
	if e.NINO == "" && len(e.Address) < 2 {
		w.fail("Address", "needs two lines when there is no NI number")
	}
	if e.Starter != nil && len(e.Address) < 2 {
		w.fail("Address", "needs two lines for a starter")
	}
	if len(e.Address) > 0 || e.Postcode != "" {
		if len(e.Address) > 4 {
			w.fail("Address", "has more than four lines")
		}
		w.open("Address")
		for _, l := range e.Address {
			w.checked("Line", l, addressPattern)
		}
		if e.Postcode != "" {
			w.checked("UKPostcode", e.Postcode, postcodePattern)
		}
		w.close("Address")
	}
	w.date("BirthDate", e.BirthDate, nil) // required by HMRC's rules unless paid to a non-individual
	if e.Gender != "M" && e.Gender != "F" {
		w.fail("Gender", "must be M or F")
	}
	w.leaf("Gender", e.Gender)
	w.close("EmployeeDetails")
	e.Employment.write(w, y)
	w.close("Employee")
}

func (m Employment) write(w *writer, y Year) {
	w.open("Employment")
	if s := m.Starter; s != nil {
		w.open("Starter")
		w.date("StartDate", s.StartDate, nil)
		if s.Declaration != "A" && s.Declaration != "B" && s.Declaration != "C" {
			w.fail("StartDec", "must be A, B or C")
		}
		w.leaf("StartDec", s.Declaration)
		w.yes("StudentLoan", s.StudentLoan)
		w.yes("PostgradLoan", s.PostgradLoan)
		w.close("Starter")
	}
	if m.PayID != "" {
		w.checked("PayId", m.PayID, payIDPattern)
	}
	w.yes("IrrEmp", m.IrregularPayment)
	if m.LeavingDate != "" {
		w.date("LeavingDate", m.LeavingDate, nil)
	}
	t := m.ToDate
	w.open("FiguresToDate")
	w.pounds("TaxablePay", t.TaxablePay, 0, max9)
	w.pounds("TotalTax", t.Tax, -max9, max9)
	if t.StudentLoans != nil {
		w.wholePounds("StudentLoansTD", *t.StudentLoans, 0, maxSL)
	}
	if t.PostgradLoans != nil {
		w.wholePounds("PostgradLoansTD", *t.PostgradLoans, 0, maxSL)
	}
	w.optional("EmpeePenContribnsPaidYTD", t.PensionNetPay, 0, max9)
	w.optional("EmpeePenContribnsNotPaidYTD", t.PensionNotNetPay, 0, max9)
	w.close("FiguresToDate")
	m.Payment.write(w, y, m.LeavingDate != "")
	if len(m.NI) == 0 || len(m.NI) > 4 {
		w.fail("NIlettersAndValues", "needs one to four NI letters")
	}
	seen := map[string]bool{}
	for _, n := range m.NI {
		if seen[n.Letter] {
			w.fail("NIletter", "is repeated")
		}
		seen[n.Letter] = true
		n.write(w)
	}
	w.close("Employment")
}

func (p Payment) write(w *writer, y Year, left bool) {
	w.open("Payment")
	w.checked("PayFreq", p.Frequency, frequencyPattern)
	w.date("PmtDate", p.Date, &y)
	switch {
	case p.MonthNo >= 1 && p.MonthNo <= 12 && p.WeekNo == 0:
		w.leaf("MonthNo", strconv.Itoa(p.MonthNo))
	case p.WeekNo >= 1 && p.WeekNo <= 56 && p.WeekNo != 55 && p.MonthNo == 0:
		w.leaf("WeekNo", strconv.Itoa(p.WeekNo))
	default:
		w.fail("MonthNo", "needs a tax month from 1 to 12 or a tax week, not both")
	}
	if p.PeriodsCovered < 1 || p.PeriodsCovered > 99 {
		w.fail("PeriodsCovered", "must be 1 to 99")
	}
	w.leaf("PeriodsCovered", strconv.Itoa(p.PeriodsCovered))
	if p.AfterLeaving && !left {
		w.fail("PmtAfterLeaving", "needs a leaving date")
	}
	w.yes("PmtAfterLeaving", p.AfterLeaving)
	w.checked("HoursWorked", p.HoursWorked, hoursPattern)
	var attrs []string
	if p.NonCumulative {
		attrs = append(attrs, "BasisNonCumulative", "yes")
	}
	switch p.TaxRegime {
	case "":
	case "S", "C":
		attrs = append(attrs, "TaxRegime", p.TaxRegime)
	default:
		w.fail("TaxCode", "has an unknown tax regime")
	}
	w.checked("TaxCode", p.TaxCode, taxCodePattern, attrs...)
	w.pounds("TaxablePay", p.TaxablePay, -max9, max9)
	w.optional("EmpeePenContribnsPaid", p.PensionNetPay, -max9, max9)
	w.optional("EmpeePenContribnsNotPaid", p.PensionNotNetPay, -max9, max9)
	if p.StudentLoanPlan != "" {
		if !loanPlanPattern.MatchString(p.StudentLoanPlan) {
			w.fail("StudentLoanRecovered", "has an unknown plan type")
		}
		if p.StudentLoan%100 != 0 || p.StudentLoan < -maxSL || p.StudentLoan > maxSL {
			w.fail("StudentLoanRecovered", "must be whole pounds within the schema's range")
		}
		w.leaf("StudentLoanRecovered", sheet.Pounds(p.StudentLoan), "PlanType", p.StudentLoanPlan)
	} else if p.StudentLoan != 0 {
		w.fail("StudentLoanRecovered", "needs a plan type")
	}
	if p.PostgradLoan != nil {
		w.wholePounds("PostgradLoanRecovered", *p.PostgradLoan, -maxSL, maxSL)
	}
	w.pounds("TaxDeductedOrRefunded", p.Tax, -max10, max10)
	s := p.Statutory
	w.optional("SMPYTD", s.SMP, 0, maxSP)
	w.optional("SPPYTD", s.SPP, 0, maxSP)
	w.optional("SAPYTD", s.SAP, 0, maxSP)
	w.optional("ShPPYTD", s.ShPP, 0, maxSP)
	w.optional("SPBPYTD", s.SPBP, 0, maxSP)
	w.optional("SNCPYTD", s.SNCP, 0, maxSP)
	w.close("Payment")
}

func (n NIFigures) write(w *writer) {
	w.open("NIlettersAndValues")
	w.checked("NIletter", n.Letter, niLetterPattern)
	w.pounds("GrossEarningsForNICsInPd", n.GrossInPeriod, -max9, max9)
	w.pounds("GrossEarningsForNICsYTD", n.GrossToDate, 0, max9)
	w.wholePounds("AtLELYTD", n.AtLELToDate, 0, maxLEL)
	w.pounds("LELtoPTYTD", n.LELToPTToDate, 0, maxPT)
	w.pounds("PTtoUELYTD", n.PTToUELToDate, 0, maxUEL)
	w.pounds("TotalEmpNICInPd", n.TotalInPeriod, -max9, max9)
	w.pounds("TotalEmpNICYTD", n.TotalToDate, 0, max9)
	w.pounds("EmpeeContribnsInPd", n.EmployeeInPeriod, -max9, max9)
	w.pounds("EmpeeContribnsYTD", n.EmployeeToDate, 0, max9)
	w.close("NIlettersAndValues")
}

// body writes the EPS's IRenvelope.
func (e EPS) body(w *writer) error {
	y, err := YearNamed(e.Year)
	if err != nil {
		return err
	}
	w.open("IRenvelope", "xmlns", y.EPS)
	w.irheader(e.Employer, y, "Employer")
	w.open("EmployerPaymentSummary")
	w.empRefs(e.Employer)
	if p := e.NoPayment; p != nil {
		w.leaf("NoPaymentForPeriod", "yes")
		w.open("NoPaymentDates")
		if !strings.HasSuffix(p.From, "-06") || !strings.HasSuffix(p.To, "-05") || p.To < p.From {
			w.fail("NoPaymentDates", "must run from a 6th to a later 5th")
		}
		w.date("From", p.From, &y)
		w.date("To", p.To, &y)
		w.close("NoPaymentDates")
	}
	if e.EmploymentAllowance != nil {
		v := "no"
		if *e.EmploymentAllowance {
			v = "yes"
		}
		w.leaf("EmpAllceInd", v)
	}
	if r := e.Recoverable; r != nil {
		w.open("RecoverableAmountsYTD")
		if r.TaxMonth < 1 || r.TaxMonth > 12 {
			w.fail("TaxMonth", "must be 1 to 12")
		}
		w.leaf("TaxMonth", strconv.Itoa(r.TaxMonth))
		w.optional("SMPRecovered", r.SMP, 0, maxEPS)
		w.optional("SPPRecovered", r.SPP, 0, maxEPS)
		w.optional("SAPRecovered", r.SAP, 0, maxEPS)
		w.optional("ShPPRecovered", r.ShPP, 0, maxEPS)
		w.optional("SPBPRecovered", r.SPBP, 0, maxEPS)
		w.optional("SNCPRecovered", r.SNCP, 0, maxEPS)
		c := r.NICCompensation
		w.optional("NICCompensationOnSMP", c.SMP, 0, maxEPS)
		w.optional("NICCompensationOnSPP", c.SPP, 0, maxEPS)
		w.optional("NICCompensationOnSAP", c.SAP, 0, maxEPS)
		w.optional("NICCompensationOnShPP", c.ShPP, 0, maxEPS)
		w.optional("NICCompensationOnSPBP", c.SPBP, 0, maxEPS)
		w.optional("NICCompensationOnSNCP", c.SNCP, 0, maxEPS)
		w.close("RecoverableAmountsYTD")
	}
	w.leaf("RelatedTaxYear", y.Related)
	if e.FinalForYear {
		w.open("FinalSubmission")
		w.leaf("ForYear", "yes")
		w.close("FinalSubmission")
	}
	w.close("EmployerPaymentSummary")
	w.close("IRenvelope")
	return w.err
}
