package rti

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
)

// node is a parsed element, for checking what was written.
type node struct {
	name     string
	space    string
	attrs    map[string]string
	text     string
	children []*node
}

func parse(t *testing.T, b []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch x := tok.(type) {
		case xml.StartElement:
			n := &node{name: x.Name.Local, space: x.Name.Space, attrs: map[string]string{}}
			for _, a := range x.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += strings.TrimSpace(string(x))
			}
		}
	}
	if root == nil {
		t.Fatal("no XML")
	}
	return root
}

// leaves lists path=value for every element without children, in document
// order: the element-by-element view of a document.
func (n *node) leaves(prefix string) []string {
	p := prefix + "/" + n.name
	for _, k := range []string{"Type", "PlanType", "BasisNonCumulative", "TaxRegime"} {
		if v, ok := n.attrs[k]; ok {
			p += "[@" + k + "=" + v + "]"
		}
	}
	if len(n.children) == 0 {
		return []string{p + "=" + n.text}
	}
	var out []string
	for _, c := range n.children {
		out = append(out, c.leaves(p)...)
	}
	return out
}

func (n *node) find(name string) *node {
	if n.name == name {
		return n
	}
	for _, c := range n.children {
		if f := c.find(name); f != nil {
			return f
		}
	}
	return nil
}

// order is each element's children in the sequence of HMRC's 2025-26
// schemas (FullPaymentSubmission-2026-v1-0, EmployerPaymentSummary-2026-
// v1-0, envelope-v2-0-HMRC), for the parts dpcoop writes; required are
// marked with "!". checkOrder fails on a child out of sequence, unknown,
// repeated beyond one (but for the listed repeatable ones) or missing.
var order = map[string][]string{
	"GovTalkMessage":         {"!EnvelopeVersion", "!Header", "!GovTalkDetails", "Body"},
	"Header":                 {"!MessageDetails", "SenderDetails"},
	"MessageDetails":         {"!Class", "!Qualifier", "Function", "TransactionID", "AuditID", "CorrelationID", "ResponseEndPoint", "Transformation", "GatewayTest", "GatewayTimestamp"},
	"SenderDetails":          {"IDAuthentication", "X509Certificate", "EmailAddress"},
	"IDAuthentication":       {"SenderID", "!Authentication"},
	"Authentication":         {"!Method", "Role", "!Value"},
	"GovTalkDetails":         {"Keys", "TargetDetails", "GatewayValidation", "ChannelRouting", "GovTalkErrors", "GatewayAdditions"},
	"Keys":                   {"Key*"},
	"TargetDetails":          {"Organisation*"},
	"ChannelRouting":         {"!Channel", "ID*", "Timestamp"},
	"Channel":                {"!URI", "Product", "Version"},
	"Body":                   {"IRenvelope"},
	"IRenvelope":             {"!IRheader", "FullPaymentSubmission", "EmployerPaymentSummary"},
	"IRheader":               {"Keys", "!PeriodEnd", "Principal", "Agent", "DefaultCurrency", "Manifest", "IRmark", "!Sender"},
	"FullPaymentSubmission":  {"!EmpRefs", "!RelatedTaxYear", "Employee*", "CompressedPart", "FinalSubmission"},
	"EmpRefs":                {"!OfficeNo", "!PayeRef", "!AORef", "SAUTR", "COTAXRef"},
	"Employee":               {"!EmployeeDetails", "!Employment"},
	"EmployeeDetails":        {"NINO", "!Name", "Address", "BirthDate", "!Gender", "PassportNumber", "PartnerDetails"},
	"Name":                   {"Ttl", "Fore*", "Initials", "!Sur"},
	"Address":                {"Line*", "UKPostcode", "ForeignCountry"},
	"Employment":             {"OffPayrollWorker", "OccPenInd", "DirectorsNIC", "TaxWkOfApptOfDirector", "Starter", "EmployeeWorkplacePostcode", "PayId", "PayIdChgd", "PaymentToANonIndividual", "IrrEmp", "LeavingDate", "!FiguresToDate", "!Payment", "NIlettersAndValues*"},
	"Starter":                {"StartDate", "StartDec", "StudentLoan", "PostgradLoan", "Seconded", "OccPension", "StatePension"},
	"FiguresToDate":          {"!TaxablePay", "!TotalTax", "StudentLoansTD", "PostgradLoansTD", "BenefitsTaxedViaPayrollYTD", "EmpeePenContribnsPaidYTD", "EmpeePenContribnsNotPaidYTD"},
	"Payment":                {"!PayFreq", "!PmtDate", "LateReason", "WeekNo", "MonthNo", "!PeriodsCovered", "AggregatedEarnings", "PmtAfterLeaving", "!HoursWorked", "!TaxCode", "!TaxablePay", "NonTaxOrNICPmt", "DednsFromNetPay", "PayAfterStatDedns", "BenefitsTaxedViaPayroll", "Class1ANICsYTD", "Benefits", "EmpeePenContribnsPaid", "ItemsSubjectToClass1NIC", "EmpeePenContribnsNotPaid", "StudentLoanRecovered", "PostgradLoanRecovered", "!TaxDeductedOrRefunded", "OnStrike", "UnpaidAbsence", "SMPYTD", "SPPYTD", "SAPYTD", "ShPPYTD", "SPBPYTD", "SNCPYTD", "TrivialCommutationPayment*", "FlexibleDrawdown"},
	"NIlettersAndValues":     {"!NIletter", "!GrossEarningsForNICsInPd", "!GrossEarningsForNICsYTD", "!AtLELYTD", "!LELtoPTYTD", "!PTtoUELYTD", "!TotalEmpNICInPd", "!TotalEmpNICYTD", "!EmpeeContribnsInPd", "!EmpeeContribnsYTD"},
	"FinalSubmission":        {"BecauseSchemeCeased", "DateSchemeCeased", "ForYear"},
	"EmployerPaymentSummary": {"!EmpRefs", "NoPaymentForPeriod", "NoPaymentDates", "PeriodOfInactivity", "EmpAllceInd", "DeMinimisStateAid", "RecoverableAmountsYTD", "ApprenticeshipLevy", "Account", "!RelatedTaxYear", "FinalSubmission"},
	"NoPaymentDates":         {"!From", "!To"},
	"RecoverableAmountsYTD":  {"TaxMonth", "SMPRecovered", "SPPRecovered", "SAPRecovered", "ShPPRecovered", "SPBPRecovered", "SNCPRecovered", "NICCompensationOnSMP", "NICCompensationOnSPP", "NICCompensationOnSAP", "NICCompensationOnShPP", "NICCompensationOnSPBP", "NICCompensationOnSNCP", "CISDeductionsSuffered"},
}

func checkOrder(t *testing.T, n *node) {
	t.Helper()
	seq, ok := order[n.name]
	if !ok {
		if len(n.children) > 0 {
			t.Errorf("%s: no sequence known for an element with children", n.name)
		}
		return
	}
	names := make([]string, len(seq))
	for i, s := range seq {
		names[i] = strings.Trim(s, "!*")
	}
	last, count := -1, map[string]int{}
	for _, c := range n.children {
		i := slices.Index(names, c.name)
		switch {
		case i < 0:
			t.Errorf("%s: %s is not in the schema's sequence", n.name, c.name)
		case i < last:
			t.Errorf("%s: %s comes after %s, out of the schema's order", n.name, c.name, names[last])
		}
		if count[c.name]++; count[c.name] > 1 && i >= 0 && !strings.HasSuffix(seq[i], "*") && !(c.name == "Fore" && count[c.name] <= 2) {
			t.Errorf("%s: %s repeated", n.name, c.name)
		}
		if i > last {
			last = i
		}
		checkOrder(t, c)
	}
	for _, s := range seq {
		if strings.HasPrefix(s, "!") && count[strings.Trim(s, "!*")] == 0 {
			t.Errorf("%s: required %s missing", n.name, strings.Trim(s, "!*"))
		}
	}
}

var testSending = Sending{
	Credentials: Credentials{SenderID: "COOP1", Password: "s3cret"},
	Channel:     Channel{VendorID: "9999", Product: "dpcoop", Version: "1.0"},
	Service:     Service{Name: "ets", SubmissionURL: "http://example.invalid/submission", GatewayTest: true},
}

func ptr(v int64) *int64 { return &v }

// smallFPS is one PA's April 2026 pay: a starter on a Welsh code, plan 2
// loan, net pay pension, NI category A.
func smallFPS() FPS {
	return FPS{
		Employer: Employer{OfficeNo: "123", PayeRef: "AB456", AccountsOffice: "123PG00012345"},
		Year:     "2026-27",
		Employees: []Employee{{
			NINO: "AB123456C", Forenames: []string{"Ceri", "Ann"}, Surname: "Jones",
			Address: []string{"1 Heol y Dref", "Aberystwyth"}, Postcode: "SY23 1AA",
			BirthDate: "1990-02-01", Gender: "F",
			Employment: Employment{
				Starter: &Starter{StartDate: "2026-04-10", Declaration: "A", StudentLoan: true},
				PayID:   "pa-1",
				ToDate:  FiguresToDate{TaxablePay: 1_500_00, Tax: 95_40, StudentLoans: ptr(12_00), PensionNetPay: 37_35},
				Payment: Payment{Frequency: "M1", Date: "2026-05-07", MonthNo: 2, PeriodsCovered: 1, HoursWorked: "B",
					TaxCode: "1257L", TaxRegime: "C", TaxablePay: 1_500_00, PensionNetPay: 37_35,
					StudentLoanPlan: "02", StudentLoan: 12_00, Tax: 95_40},
				NI: []NIFigures{{Letter: "A", GrossInPeriod: 1_537_35, GrossToDate: 1_537_35, AtLELToDate: 542_00,
					LELToPTToDate: 506_00, PTToUELToDate: 489_35, TotalInPeriod: 39_15 + 153_35, TotalToDate: 39_15 + 153_35,
					EmployeeInPeriod: 39_15, EmployeeToDate: 39_15}},
			},
		}},
	}
}

func TestFPSElementByElement(t *testing.T) {
	msg, mark, err := Message(smallFPS(), testSending)
	if err != nil {
		t.Fatal(err)
	}
	root := parse(t, msg)
	checkOrder(t, root)
	env := root.find("IRenvelope")
	if env.space != "http://www.govtalk.gov.uk/taxation/PAYE/RTI/FullPaymentSubmission/26-27/1" {
		t.Errorf("namespace %q", env.space)
	}
	want := []string{
		"/IRenvelope/IRheader/Keys/Key[@Type=TaxOfficeNumber]=123",
		"/IRenvelope/IRheader/Keys/Key[@Type=TaxOfficeReference]=AB456",
		"/IRenvelope/IRheader/PeriodEnd=2027-04-05",
		"/IRenvelope/IRheader/DefaultCurrency=GBP",
		"/IRenvelope/IRheader/IRmark[@Type=generic]=" + mark.Base64,
		"/IRenvelope/IRheader/Sender=Employer",
		"/IRenvelope/FullPaymentSubmission/EmpRefs/OfficeNo=123",
		"/IRenvelope/FullPaymentSubmission/EmpRefs/PayeRef=AB456",
		"/IRenvelope/FullPaymentSubmission/EmpRefs/AORef=123PG00012345",
		"/IRenvelope/FullPaymentSubmission/RelatedTaxYear=26-27",
		"/IRenvelope/FullPaymentSubmission/Employee/EmployeeDetails/NINO=AB123456C",
		"/IRenvelope/FullPaymentSubmission/Employee/EmployeeDetails/Name/Fore=Ceri",
		"/IRenvelope/FullPaymentSubmission/Employee/EmployeeDetails/Name/Fore=Ann",
		"/IRenvelope/FullPaymentSubmission/Employee/EmployeeDetails/Name/Sur=Jones",
		"/IRenvelope/FullPaymentSubmission/Employee/EmployeeDetails/Address/Line=1 Heol y Dref",
		"/IRenvelope/FullPaymentSubmission/Employee/EmployeeDetails/Address/Line=Aberystwyth",
		"/IRenvelope/FullPaymentSubmission/Employee/EmployeeDetails/Address/UKPostcode=SY23 1AA",
		"/IRenvelope/FullPaymentSubmission/Employee/EmployeeDetails/BirthDate=1990-02-01",
		"/IRenvelope/FullPaymentSubmission/Employee/EmployeeDetails/Gender=F",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Starter/StartDate=2026-04-10",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Starter/StartDec=A",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Starter/StudentLoan=yes",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/PayId=pa-1",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/FiguresToDate/TaxablePay=1500.00",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/FiguresToDate/TotalTax=95.40",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/FiguresToDate/StudentLoansTD=12.00",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/FiguresToDate/EmpeePenContribnsPaidYTD=37.35",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Payment/PayFreq=M1",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Payment/PmtDate=2026-05-07",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Payment/MonthNo=2",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Payment/PeriodsCovered=1",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Payment/HoursWorked=B",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Payment/TaxCode[@TaxRegime=C]=1257L",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Payment/TaxablePay=1500.00",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Payment/EmpeePenContribnsPaid=37.35",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Payment/StudentLoanRecovered[@PlanType=02]=12.00",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/Payment/TaxDeductedOrRefunded=95.40",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/NIlettersAndValues/NIletter=A",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/NIlettersAndValues/GrossEarningsForNICsInPd=1537.35",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/NIlettersAndValues/GrossEarningsForNICsYTD=1537.35",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/NIlettersAndValues/AtLELYTD=542.00",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/NIlettersAndValues/LELtoPTYTD=506.00",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/NIlettersAndValues/PTtoUELYTD=489.35",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/NIlettersAndValues/TotalEmpNICInPd=192.50",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/NIlettersAndValues/TotalEmpNICYTD=192.50",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/NIlettersAndValues/EmpeeContribnsInPd=39.15",
		"/IRenvelope/FullPaymentSubmission/Employee/Employment/NIlettersAndValues/EmpeeContribnsYTD=39.15",
	}
	if got := env.leaves(""); !slices.Equal(got, want) {
		t.Errorf("FPS body:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if m, _ := IRmark(msg); m != mark || StatedIRmark(msg) != mark.Base64 {
		t.Errorf("the stated IRmark %s is not the message's %s", StatedIRmark(msg), m.Base64)
	}
	hdr := strings.Join(root.find("Header").leaves(""), "\n")
	for _, s := range []string{"/Class=HMRC-PAYE-RTI-FPS", "/Qualifier=request", "/Function=submit", "/GatewayTest=1", "/SenderID=COOP1", "/Method=clear", "/Role=principal"} {
		if !strings.Contains(hdr, s) {
			t.Errorf("header lacks %s:\n%s", s, hdr)
		}
	}
	kept := Redacted(msg)
	if bytes.Contains(kept, []byte("s3cret")) || !bytes.Contains(kept, []byte("<Value>********</Value>")) {
		t.Error("the kept copy still has the password")
	}
	if m, _ := IRmark(kept); m != mark {
		t.Error("redacting changed the IRmark")
	}
}

func TestEPSElementByElement(t *testing.T) {
	yes := true
	eps := EPS{
		Employer: Employer{OfficeNo: "123", PayeRef: "AB456", AccountsOffice: "123PG00012345"},
		Year:     "2027-28", EmploymentAllowance: &yes,
		NoPayment:    &Period{From: "2027-06-06", To: "2027-07-05"},
		Recoverable:  &Recoverable{TaxMonth: 3, SMP: 257_46, NICCompensation: StatutoryAmounts{SMP: 7_73}},
		FinalForYear: true,
	}
	msg, mark, err := Message(eps, testSending)
	if err != nil {
		t.Fatal(err)
	}
	root := parse(t, msg)
	checkOrder(t, root)
	env := root.find("IRenvelope")
	if env.space != "http://www.govtalk.gov.uk/taxation/PAYE/RTI/EmployerPaymentSummary/27-28/1" {
		t.Errorf("namespace %q", env.space)
	}
	want := []string{
		"/IRenvelope/IRheader/Keys/Key[@Type=TaxOfficeNumber]=123",
		"/IRenvelope/IRheader/Keys/Key[@Type=TaxOfficeReference]=AB456",
		"/IRenvelope/IRheader/PeriodEnd=2028-04-05",
		"/IRenvelope/IRheader/DefaultCurrency=GBP",
		"/IRenvelope/IRheader/IRmark[@Type=generic]=" + mark.Base64,
		"/IRenvelope/IRheader/Sender=Employer",
		"/IRenvelope/EmployerPaymentSummary/EmpRefs/OfficeNo=123",
		"/IRenvelope/EmployerPaymentSummary/EmpRefs/PayeRef=AB456",
		"/IRenvelope/EmployerPaymentSummary/EmpRefs/AORef=123PG00012345",
		"/IRenvelope/EmployerPaymentSummary/NoPaymentForPeriod=yes",
		"/IRenvelope/EmployerPaymentSummary/NoPaymentDates/From=2027-06-06",
		"/IRenvelope/EmployerPaymentSummary/NoPaymentDates/To=2027-07-05",
		"/IRenvelope/EmployerPaymentSummary/EmpAllceInd=yes",
		"/IRenvelope/EmployerPaymentSummary/RecoverableAmountsYTD/TaxMonth=3",
		"/IRenvelope/EmployerPaymentSummary/RecoverableAmountsYTD/SMPRecovered=257.46",
		"/IRenvelope/EmployerPaymentSummary/RecoverableAmountsYTD/NICCompensationOnSMP=7.73",
		"/IRenvelope/EmployerPaymentSummary/RelatedTaxYear=27-28",
		"/IRenvelope/EmployerPaymentSummary/FinalSubmission/ForYear=yes",
	}
	if got := env.leaves(""); !slices.Equal(got, want) {
		t.Errorf("EPS body:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := root.find("Class").text; c != "HMRC-PAYE-RTI-EPS" {
		t.Errorf("class %q", c)
	}
}

// A value HMRC's schema refuses is refused here, by element and payroll
// ID, before anything is sent.
func TestWriterRefusesWhatTheSchemaRefuses(t *testing.T) {
	cases := map[string]func(f *FPS){
		"AORef":                 func(f *FPS) { f.Employer.AccountsOffice = "123PA0001234" },
		"NINO":                  func(f *FPS) { f.Employees[0].NINO = "AB123456E" },
		"Sur":                   func(f *FPS) { f.Employees[0].Surname = "Jones3" },
		"Gender":                func(f *FPS) { f.Employees[0].Gender = "" },
		"TaxCode":               func(f *FPS) { f.Employees[0].Payment.TaxCode = "C1257L" },
		"AtLELYTD":              func(f *FPS) { f.Employees[0].NI[0].AtLELToDate = 542_01 },
		"PmtDate":               func(f *FPS) { f.Employees[0].Payment.Date = "2026-04-05" },
		"StudentLoanRecovered":  func(f *FPS) { f.Employees[0].Payment.StudentLoanPlan = "" },
		"PmtAfterLeaving":       func(f *FPS) { f.Employees[0].Payment.AfterLeaving = true },
		"TaxablePay":            func(f *FPS) { f.Employees[0].ToDate.TaxablePay = -1 },
		"no RTI schema":         func(f *FPS) { f.Year = "2025-26" },
		"needs an employee":     func(f *FPS) { f.Employees = nil },
		"one to four NI letter": func(f *FPS) { f.Employees[0].NI = nil },
	}
	for want, change := range cases {
		f := smallFPS()
		change(&f)
		_, _, err := Message(f, testSending)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v", want, err)
			continue
		}
		if strings.Contains(err.Error(), "Jones") || strings.Contains(err.Error(), "AB123456") {
			t.Errorf("%s: the error shows personal data: %v", want, err)
		}
	}
	if _, _, err := Message(smallFPS(), Sending{Channel: testSending.Channel}); err == nil {
		t.Error("a message without credentials was written")
	}
}
