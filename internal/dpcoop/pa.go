package dpcoop

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

// PAStatus says whether a PA's record is ready for payroll.
type PAStatus string

// An approved PA application makes an incomplete record; the admin completes
// it with the payroll details before the PA is paid.
const (
	PAIncomplete PAStatus = "incomplete"
	PAActive     PAStatus = "active"
)

// Pension choices for a PA (auto-enrolment assesses them each pay run).
const (
	PensionAssess  = "assess"   // enrol when they become eligible
	PensionEnrol   = "enrolled" // already a member of the scheme
	PensionOptOut  = "opted_out"
	MaxNotesLen    = 1000
	bankNameMaxLen = 70
)

var pensionChoices = []string{PensionAssess, PensionEnrol, PensionOptOut}

// niCategories are the NI category letters the payroll engine supports for a
// PA (the freeport and investment-zone letters do not apply to a co-op).
const niCategories = "ABCHJMVZX"

// BankDetails are where a PA's wages go. Sensitive: shown to admins only.
type BankDetails struct {
	AccountName   string `json:"account_name"`
	SortCode      string `json:"sort_code"`
	AccountNumber string `json:"account_number"`
}

// P45 is pay and tax to date from a PA's previous employment this tax year.
type P45 struct {
	PayToDatePence int64  `json:"pay_to_date_pence"`
	TaxToDatePence int64  `json:"tax_to_date_pence"`
	TaxCode        string `json:"tax_code"`
}

// PA is a personal assistant employed by the co-op: everything payroll needs.
// The NI number and bank details are sensitive and only admins see them.
type PA struct {
	ID        string `json:"id"`
	Coop      CoopID `json:"-"`
	LegalName string `json:"legal_name"`
	Email     string `json:"email"`
	Phone     string `json:"phone,omitempty"`
	Address   string `json:"address,omitempty"`
	Language  Lang   `json:"language"`
	// EasyRead is the PA's own Easy Read setting for the pages, kept beside
	// their language.
	EasyRead    bool   `json:"easy_read"`
	DateOfBirth Date   `json:"date_of_birth,omitempty"`
	NINumber    string `json:"ni_number,omitempty"`
	// TaxCode, Starter and P45 are what the PA's pay history says (the code
	// in force today, and how their first notice came): the history keeps
	// them, not this record, so no edit of personal details changes them.
	TaxCode string `json:"tax_code,omitempty" dynamodbav:"-"`
	Starter string `json:"starter_declaration,omitempty" dynamodbav:"-"`
	P45     *P45   `json:"p45,omitempty" dynamodbav:"-"`
	// StudentLoanPlan and PostgraduateLoan are the starter checklist's loan
	// answers, kept in the pay history as its first loan notices.
	StudentLoanPlan  payroll.LoanPlan `json:"student_loan_plan,omitempty" dynamodbav:"-"`
	PostgraduateLoan bool             `json:"postgraduate_loan,omitempty" dynamodbav:"-"`
	NICategory       string           `json:"ni_category,omitempty"`
	Pension          string           `json:"pension,omitempty"`
	StartDate        Date             `json:"start_date,omitempty"`
	Bank             *BankDetails     `json:"bank,omitempty"`
	// HMRCGender is "M" or "F": the gender HMRC's records hold for the PA,
	// which every FPS must state (it is not asked for anything else, and
	// may differ from how the PA describes themself). Optional until the
	// co-op files with HMRC; an FPS is refused without it.
	HMRCGender    string   `json:"hmrc_gender,omitempty"`
	Status        PAStatus `json:"status"`
	ApplicationID string   `json:"application_id,omitempty"`
}

// WarnNICategoryAge warns that a PA's NI category does not fit their age
// (payroll.CategoryFitsAge): M under 21, C from state pension age.
const WarnNICategoryAge = "ni_category_age"

// Warnings are what an admin should fix in the record as of date on: an NI
// category that does not fit the PA's age.
func (p PA) Warnings(on Date) []string {
	cat, err := payroll.ParseCategory(p.NICategory)
	if err != nil || p.DateOfBirth == "" || payroll.CategoryFitsAge(cat, p.DateOfBirth.Time(), on.Time()) {
		return nil
	}
	return []string{WarnNICategoryAge}
}

// Redacted is the record without the NI number and bank details, for anyone
// but an admin (the PA sees their own record this way).
func (p PA) Redacted() PA {
	p.NINumber, p.Bank, p.HMRCGender = "", nil, ""
	return p
}

// PAInput is what an admin gives to hire a PA or complete their record.
type PAInput struct {
	LegalName   string `json:"legal_name"`
	Email       string `json:"email"`
	Phone       string `json:"phone"`
	Address     string `json:"address"`
	Language    string `json:"language"`
	DateOfBirth string `json:"date_of_birth"`
	NINumber    string `json:"ni_number"`
	TaxCode     string `json:"tax_code"`
	Starter     string `json:"starter_declaration"`
	P45         *P45   `json:"p45"`
	// StudentLoanPlan ("plan_1", "plan_2", "plan_4", "plan_5") and
	// PostgraduateLoan answer the starter checklist's loan questions.
	StudentLoanPlan  string       `json:"student_loan_plan"`
	PostgraduateLoan bool         `json:"postgraduate_loan"`
	NICategory       string       `json:"ni_category"`
	Pension          string       `json:"pension"`
	StartDate        string       `json:"start_date"`
	Bank             *BankDetails `json:"bank"`
	HMRCGender       string       `json:"hmrc_gender"`
}

// niPattern is the National Insurance number format: two prefix letters (not
// D, F, I, Q, U or V; the second not O), six digits, a suffix A to D.
var niPattern = regexp.MustCompile(`^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$`)

// niNeverIssued are prefixes HMRC never allocates.
var niNeverIssued = []string{"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}

// NormaliseNINumber accepts an NI number with any spacing and case and returns
// it in canonical form, or false if it cannot be a real one.
func NormaliseNINumber(s string) (string, bool) {
	n := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if !niPattern.MatchString(n) || slices.Contains(niNeverIssued, n[:2]) {
		return "", false
	}
	return n, true
}

var sortCodePattern = regexp.MustCompile(`^[0-9]{6}$`)
var accountPattern = regexp.MustCompile(`^[0-9]{8}$`)

// emergencyCodes are the codes a starter declaration leads to when HMRC has
// sent none (HMRC starter checklist): A cumulative, B week 1/month 1, C BR.
var emergencyCodes = map[string]string{"A": "1257L", "B": "1257L M1", "C": "BR"}

// Validate checks a full PA record; now dates "in the future" and ages.
func (in PAInput) Validate(now time.Time) (PA, error) {
	var p Problems
	pa := PA{
		LegalName: requireName(&p, "legal_name", in.LegalName, MaxNameLen),
		Email:     requireEmail(&p, "email", in.Email),
		Phone:     optionalPhone(&p, "phone", in.Phone),
		Address:   requireText(&p, "address", in.Address, MaxAddressLen),
		Language:  requireLang(&p, "language", in.Language),
		Status:    PAActive,
	}
	pa.DateOfBirth = requireDate(&p, "date_of_birth", in.DateOfBirth)
	if pa.DateOfBirth != "" {
		if age := payroll.AgeOn(pa.DateOfBirth.Time(), now); age < 16 || age > 100 {
			p.Add("date_of_birth", FieldOutOfRange, "min", "16", "max", "100")
		}
	}
	if strings.TrimSpace(in.NINumber) == "" {
		p.Add("ni_number", FieldRequired)
	} else if n, ok := NormaliseNINumber(in.NINumber); !ok {
		p.Add("ni_number", FieldNINumber)
	} else {
		pa.NINumber = n
	}
	pa.Starter = strings.ToUpper(strings.TrimSpace(in.Starter))
	switch {
	case in.P45 != nil && pa.Starter != "":
		p.Add("starter_declaration", FieldOneOf, "other", "p45")
	case in.P45 != nil:
		pa.P45 = in.P45
		if in.P45.PayToDatePence < 0 || in.P45.TaxToDatePence < -in.P45.PayToDatePence || in.P45.PayToDatePence > 100_000_000_00 {
			p.Add("p45", FieldOutOfRange, "min", "0", "max", "10000000000")
		}
		if c, ok := taxCode(&p, "p45.tax_code", in.P45.TaxCode, true); ok {
			pa.P45.TaxCode = c
		}
	case pa.Starter == "":
		p.Add("starter_declaration", FieldRequired)
	case emergencyCodes[pa.Starter] == "":
		p.Add("starter_declaration", FieldChoice)
	}
	code := in.TaxCode
	if strings.TrimSpace(code) == "" {
		switch {
		case pa.P45 != nil:
			code = pa.P45.TaxCode
		case pa.Starter != "":
			code = emergencyCodes[pa.Starter]
		}
	}
	if c, ok := taxCode(&p, "tax_code", code, !p.Has("starter_declaration")); ok {
		pa.TaxCode = c
	}
	validateLoans(&p, &pa, in)
	cat := strings.ToUpper(strings.TrimSpace(in.NICategory))
	if cat == "" {
		cat = "A"
	}
	if len(cat) != 1 || !strings.Contains(niCategories, cat) {
		p.Add("ni_category", FieldChoice)
	}
	pa.NICategory = cat
	pa.Pension = strings.TrimSpace(in.Pension)
	if pa.Pension == "" {
		pa.Pension = PensionAssess
	} else if !slices.Contains(pensionChoices, pa.Pension) {
		p.Add("pension", FieldChoice)
	}
	pa.StartDate = requireDate(&p, "start_date", in.StartDate)
	pa.HMRCGender = strings.ToUpper(strings.TrimSpace(in.HMRCGender))
	if pa.HMRCGender != "" && pa.HMRCGender != "M" && pa.HMRCGender != "F" {
		p.Add("hmrc_gender", FieldChoice)
	}
	if in.Bank != nil {
		b := *in.Bank
		b.AccountName = requireText(&p, "bank.account_name", b.AccountName, bankNameMaxLen)
		b.SortCode = strings.NewReplacer("-", "", " ", "").Replace(b.SortCode)
		if !sortCodePattern.MatchString(b.SortCode) {
			p.Add("bank.sort_code", FieldInvalid)
		}
		b.AccountNumber = strings.ReplaceAll(b.AccountNumber, " ", "")
		if !accountPattern.MatchString(b.AccountNumber) {
			p.Add("bank.account_number", FieldInvalid)
		}
		pa.Bank = &b
	}
	if err := p.Err("pa"); err != nil {
		return PA{}, err
	}
	return pa, nil
}

// taxCode checks a tax code with the payroll engine's parser and returns its
// canonical form.
func taxCode(p *Problems, field, s string, required bool) (string, bool) {
	if strings.TrimSpace(s) == "" {
		if required {
			p.Add(field, FieldRequired)
		}
		return "", false
	}
	tc, err := payroll.ParseTaxCode(s)
	if err != nil {
		p.Add(field, FieldTaxCode)
		return "", false
	}
	return tc.String(), true
}

func requireDate(p *Problems, field, s string) Date {
	s = strings.TrimSpace(s)
	if s == "" {
		p.Add(field, FieldRequired)
		return ""
	}
	d, ok := ParseDate(s)
	if !ok {
		p.Add(field, FieldDate)
	}
	return d
}

// Time is the date at midnight UTC, for arithmetic on civil dates.
func (d Date) Time() time.Time {
	t, _ := time.Parse(DateLayout, string(d)) // a Date is only ever made valid
	return t
}

// PAFromApplication is the incomplete record an approved PA application makes:
// the admin adds the payroll details before the first pay run.
func PAFromApplication(a Application) PA {
	return PA{ID: a.ID, Coop: a.Coop, LegalName: a.Name, Email: a.Email, Phone: a.Phone, Address: a.Address,
		Language: a.Language, Status: PAIncomplete, ApplicationID: a.ID}
}

// penceText formats pence for a message ("£12.71").
func penceText(p int64) string {
	return "£" + strconv.FormatInt(p/100, 10) + "." + strconv.FormatInt(p%100/10, 10) + strconv.FormatInt(p%10, 10)
}
