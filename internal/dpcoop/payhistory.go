package dpcoop

import (
	"slices"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

// Where a tax code comes from: HMRC's coding notices (P6 during the year, P9
// for the next), a P45 from the PA's previous employer, or the PA's starter
// declaration when there is neither.
const (
	SourceP6      = "P6"
	SourceP9      = "P9"
	SourceP45     = "P45"
	SourceStarter = "starter_declaration"
)

// The basis a tax code is operated on: cumulative codes use pay and tax to
// date and can refund; week 1/month 1 codes treat each payment on its own.
const (
	BasisCumulative    = "cumulative"
	BasisNonCumulative = "non_cumulative"
)

var (
	taxCodeSources = []string{SourceP6, SourceP9, SourceP45, SourceStarter}
	taxCodeBases   = []string{BasisCumulative, BasisNonCumulative}
)

// TaxCodeNotice is one dated instruction about a PA's tax code. Notices are
// the only thing that changes the code a PA is taxed on: each is kept, and
// the one in force on a pay date is the latest effective by then.
type TaxCodeNotice struct {
	ID            string `json:"id"`
	TaxCode       string `json:"tax_code"`
	Basis         string `json:"basis"`
	EffectiveFrom Date   `json:"effective_from"`
	Source        string `json:"source"`
	// PreviousPay and PreviousTax are a P45's pay and tax to date from the
	// previous employment (or a P6's, where HMRC amends them), counted for
	// the rest of its tax year.
	PreviousPay int64 `json:"previous_pay_pence,omitempty"`
	PreviousTax int64 `json:"previous_tax_pence,omitempty"`
	// Statement is the starter declaration's statement (A, B or C).
	Statement  string    `json:"starter_statement,omitempty"`
	Recorded   time.Time `json:"recorded"`
	RecordedBy string    `json:"recorded_by"`
}

// Code is the notice's code in the payroll engine's form ("1257L M1" for a
// non-cumulative basis).
func (n TaxCodeNotice) Code() string {
	if n.Basis == BasisNonCumulative {
		return n.TaxCode + " M1"
	}
	return n.TaxCode
}

// TaxCodeNoticeInput is what an admin records from a notice.
type TaxCodeNoticeInput struct {
	TaxCode       string `json:"tax_code"`
	Basis         string `json:"basis"`
	EffectiveFrom string `json:"effective_from"`
	Source        string `json:"source"`
	PreviousPay   int64  `json:"previous_pay_pence"`
	PreviousTax   int64  `json:"previous_tax_pence"`
}

// maxPreviousPayPence bounds a P45's figures (£100m: a typing slip, not pay).
const maxPreviousPayPence = 100_000_000_00

// Validate checks a notice: a code the engine knows, its basis (a W1, M1 or X
// on the code itself means non-cumulative), a real date, a known source, and
// P45 figures only on a P45.
func (in TaxCodeNoticeInput) Validate(by string, at time.Time) (TaxCodeNotice, error) {
	var p Problems
	n := TaxCodeNotice{Source: strings.TrimSpace(in.Source), Basis: strings.TrimSpace(in.Basis), RecordedBy: by, Recorded: at.UTC()}
	if n.Source == "" {
		p.Add("source", FieldRequired)
	} else if !slices.Contains(taxCodeSources, n.Source) {
		p.Add("source", FieldChoice)
	}
	if n.Basis == "" {
		n.Basis = BasisCumulative
	} else if !slices.Contains(taxCodeBases, n.Basis) {
		p.Add("basis", FieldChoice)
	}
	if tc, ok := parseTaxCode(&p, "tax_code", in.TaxCode); ok {
		if tc.NonCumulative {
			n.Basis = BasisNonCumulative
			tc.NonCumulative = false
		}
		n.TaxCode = tc.String()
	}
	n.EffectiveFrom = requireDate(&p, "effective_from", in.EffectiveFrom)
	if n.Source == SourceP45 || n.Source == SourceP6 { // a P6 may amend a P45's figures (HMRC PAYE71010)
		if in.PreviousPay < 0 || in.PreviousPay > maxPreviousPayPence {
			p.Add("previous_pay_pence", FieldOutOfRange, "min", "0", "max", "10000000000")
		}
		if in.PreviousTax < -in.PreviousPay || in.PreviousTax > in.PreviousPay {
			p.Add("previous_tax_pence", FieldOutOfRange, "min", "-previous_pay_pence", "max", "previous_pay_pence")
		}
		n.PreviousPay, n.PreviousTax = in.PreviousPay, in.PreviousTax
	} else if in.PreviousPay != 0 || in.PreviousTax != 0 {
		p.Add("previous_pay_pence", FieldOnlyWithP45)
	}
	if err := p.Err("tax code notice"); err != nil {
		return TaxCodeNotice{}, err
	}
	return n, nil
}

// WithID is the notice under the id its request gives it.
func (n TaxCodeNotice) WithID(id string) TaxCodeNotice { n.ID = id; return n }

// CheckFor checks the notice against the PA it is for: their record must be
// complete, and the notice cannot take effect before they started.
func (n TaxCodeNotice) CheckFor(pa PA) error {
	return checkNoticeFor(pa, n.EffectiveFrom, "tax code notice")
}

// checkNoticeFor refuses a notice for an incomplete record, or one effective
// before the PA started.
func checkNoticeFor(pa PA, effective Date, op string) error {
	var p Problems
	if pa.Status != PAActive {
		p.Add("pa_id", FieldPAIncomplete)
	} else if effective.Before(pa.StartDate) {
		p.Add("effective_from", FieldBeforePAStart, "date", string(pa.StartDate))
	}
	return p.Err(op)
}

// parseTaxCode reads a tax code with the engine's parser.
func parseTaxCode(p *Problems, field, s string) (payroll.TaxCode, bool) {
	if strings.TrimSpace(s) == "" {
		p.Add(field, FieldRequired)
		return payroll.TaxCode{}, false
	}
	tc, err := payroll.ParseTaxCode(s)
	if err != nil {
		p.Add(field, FieldTaxCode)
		return payroll.TaxCode{}, false
	}
	return tc, true
}

// FirstNotice is the notice a new PA's record starts their pay history with:
// their P45, or their starter declaration (with the code HMRC's starter
// checklist gives it, or the code the admin already has from HMRC), in
// force from their start date. An incomplete record has none yet.
func (pa PA) FirstNotice(by string, at time.Time) (TaxCodeNotice, bool) {
	if pa.Status != PAActive || pa.TaxCode == "" {
		return TaxCodeNotice{}, false
	}
	in := TaxCodeNoticeInput{TaxCode: pa.TaxCode, EffectiveFrom: string(pa.StartDate), Source: SourceStarter}
	if pa.P45 != nil {
		in.Source, in.PreviousPay, in.PreviousTax = SourceP45, pa.P45.PayToDatePence, pa.P45.TaxToDatePence
	}
	n, err := in.Validate(by, at)
	if err != nil { // the record was validated as a whole already
		return TaxCodeNotice{}, false
	}
	n.ID = DerivedID("notice", string(pa.Coop), pa.ID, "first")
	if n.Source == SourceStarter {
		n.Statement = pa.Starter
	}
	return n, true
}

// WithHistory is the PA's record as a reader sees it: the tax code in force
// on today (or, before their first notice takes effect, the one that will),
// and how their pay history began, a starter declaration or a P45.
func (pa PA) WithHistory(h PayHistory, today Date) PA {
	n, ok := h.NoticeOn(today)
	if !ok && len(h.Notices) > 0 {
		n, ok = h.Notices[0], true
	}
	pa.StudentLoanPlan, pa.PostgraduateLoan = h.starterLoans()
	if !ok {
		return pa
	}
	pa.TaxCode = n.Code()
	first := h.Notices[0]
	switch first.Source {
	case SourceStarter:
		pa.Starter = first.Statement
	case SourceP45:
		pa.P45 = &P45{PayToDatePence: first.PreviousPay, TaxToDatePence: first.PreviousTax, TaxCode: first.Code()}
	}
	return pa
}

// PayHistory is a PA's pay record with the co-op: every tax code notice,
// every student and postgraduate loan notice, and the figures to date from
// final runs. It is kept apart from the PA's
// personal details, so that no edit of those can change what they are taxed
// on: only notices and final runs change it.
type PayHistory struct {
	PA      string          `json:"pa_id"`
	Notices []TaxCodeNotice `json:"notices"`
	Loans   []LoanNotice    `json:"loans"`
	// YTD is pay to date in the latest tax year a final run paid.
	YTD *YearToDate `json:"year_to_date,omitempty"`
	// Left is the day the PA left the co-op's employment: their sign-in
	// ends with it.
	Left Date `json:"left,omitempty"`
	// IssuedP45 is their P45 as the co-op issued it.
	IssuedP45 *LeaverP45 `json:"p45,omitempty"`
	// Paid is what each final run paid them (sickness.go, awe.go).
	Paid []PayRecord `json:"paid,omitempty"`
	// Sickness is their sickness absences; Parental their SMP and SPP
	// notices (statpay.go).
	Sickness []SicknessAbsence `json:"sickness,omitempty"`
	Parental []ParentalNotice  `json:"parental,omitempty"`
	// PensionEvents are their workplace pension's dated facts (pension.go).
	PensionEvents []PensionEvent `json:"pension_events,omitempty"`
}

// ValidateLeaving checks a PA's leaving date: a real day, not before they
// started and not in the future (it is recorded once they have left).
func ValidateLeaving(pa PA, date string, now time.Time) (Date, error) {
	var p Problems
	d := requireDate(&p, "date", date)
	switch {
	case d == "":
	case DateOf(now).Before(d):
		p.Add("date", FieldDateFuture)
	case pa.StartDate != "" && d.Before(pa.StartDate):
		p.Add("date", FieldBeforePAStart, "date", string(pa.StartDate))
	}
	return d, p.Err("pa leaves")
}

// NoticeOn is the notice in force on pay date d: the latest effective on or
// before d, the later recorded winning a tie. A week 1/month 1 code from an
// earlier tax year is operated cumulatively: employers clear week 1/month 1
// markers at the start of a new tax year unless a new notice says otherwise.
func (h PayHistory) NoticeOn(d Date) (TaxCodeNotice, bool) {
	var best TaxCodeNotice
	found := false
	for _, n := range h.Notices {
		if !d.Before(n.EffectiveFrom) && (!found || !n.EffectiveFrom.Before(best.EffectiveFrom)) {
			best, found = n, true
		}
	}
	if found && best.Basis == BasisNonCumulative && best.EffectiveFrom.Before(TaxYearStart(d)) {
		best.Basis = BasisCumulative
	}
	return best, found
}

// Previous is the pay and tax of the PA's earlier employments in the tax year
// that starts on taxYearStart: the latest P45 recorded in that year, or a P6
// that amended its figures.
func (h PayHistory) Previous(taxYearStart Date) payroll.PreviousEmployment {
	var out payroll.PreviousEmployment
	end := Date(taxYearStart.Time().AddDate(1, 0, 0).Format(DateLayout))
	for _, n := range h.Notices {
		carries := n.Source == SourceP45 || n.Source == SourceP6 && (n.PreviousPay != 0 || n.PreviousTax != 0)
		if carries && !n.EffectiveFrom.Before(taxYearStart) && n.EffectiveFrom.Before(end) {
			out = payroll.PreviousEmployment{TaxablePay: n.PreviousPay, Tax: n.PreviousTax}
		}
	}
	return out
}

// ToDate is the year to date a payment in the given tax year builds on:
// nothing in a new tax year.
func (h PayHistory) ToDate(taxYear string) (payroll.YearToDate, int64) {
	if h.YTD == nil || h.YTD.TaxYear != taxYear {
		return payroll.YearToDate{}, 0
	}
	return h.YTD.Figures, h.YTD.MileageTenths
}

// Has reports whether the history holds the notice with this id.
func (h PayHistory) Has(id string) bool {
	return slices.ContainsFunc(h.Notices, func(n TaxCodeNotice) bool { return n.ID == id })
}

// TaxYearStart is 6 April of the UK tax year d falls in.
func TaxYearStart(d Date) Date {
	t := d.Time()
	y := t.Year()
	if t.Before(time.Date(y, time.April, 6, 0, 0, 0, 0, time.UTC)) {
		y--
	}
	return Date(time.Date(y, time.April, 6, 0, 0, 0, 0, time.UTC).Format(DateLayout))
}

// CheckUnchanged refuses a correction of a PA's record that would change
// what their pay history says: a tax code changes only with a notice. The
// details may be repeated as a reader sees them (WithHistory).
func (h PayHistory) CheckUnchanged(in PAInput, validated PA, today Date) error {
	if len(h.Notices) == 0 {
		return nil
	}
	seen := PA{}.WithHistory(h, today)
	var p Problems
	if strings.TrimSpace(in.TaxCode) != "" && validated.TaxCode != seen.TaxCode {
		p.Add("tax_code", FieldNeedsNotice)
	}
	if validated.Starter != seen.Starter {
		p.Add("starter_declaration", FieldNeedsNotice)
	}
	if validated.StudentLoanPlan != "" && validated.StudentLoanPlan != seen.StudentLoanPlan {
		p.Add("student_loan_plan", FieldLoanNeedsNotice)
	}
	if validated.PostgraduateLoan && !seen.PostgraduateLoan {
		p.Add("postgraduate_loan", FieldLoanNeedsNotice)
	}
	if (validated.P45 == nil) != (seen.P45 == nil) || validated.P45 != nil && (validated.P45.PayToDatePence != seen.P45.PayToDatePence || validated.P45.TaxToDatePence != seen.P45.TaxToDatePence) {
		p.Add("p45", FieldNeedsNotice)
	}
	return p.Err("replace pa")
}

// LeaverP45 is what a PA's P45 says when they leave: parts 1A (theirs), 2
// and 3 (for their next employer) carry the same figures. It is made once,
// when the co-op issues it, and kept as issued.
type LeaverP45 struct {
	PA          string `json:"pa_id"`
	Name        string `json:"name"`
	NINumber    string `json:"ni_number"`
	DateOfBirth Date   `json:"date_of_birth"`
	Address     string `json:"address"`
	LeavingDate Date   `json:"leaving_date"`
	TaxYear     string `json:"tax_year"`
	// TaxCode is the code in force at leaving; Week1Month1 says it was
	// operated on a non-cumulative basis.
	TaxCode     string `json:"tax_code"`
	Week1Month1 bool   `json:"week1_month1"`
	// TotalPay and TotalTax are to date in the tax year, earlier
	// employments' included; left out for a week 1/month 1 code, as HMRC's
	// form says.
	TotalPay int64 `json:"total_pay_pence"`
	TotalTax int64 `json:"total_tax_pence"`
	// PayInEmployment and TaxInEmployment are this employment's alone.
	PayInEmployment  int64 `json:"pay_in_employment_pence"`
	TaxInEmployment  int64 `json:"tax_in_employment_pence"`
	StudentLoan      bool  `json:"student_loan_continues"`
	PostgraduateLoan bool  `json:"postgraduate_loan_continues"`
	Issued           Date  `json:"issued"`
}

// P45 is the P45 of a PA who has left, as issued today: their code and
// loans in force on the leaving date and their pay and tax to date. A PA
// who has not left has none.
func (h PayHistory) P45(pa PA, today Date) (LeaverP45, error) {
	if h.Left == "" {
		return LeaverP45{}, E("issue p45", KindConflict, CodeNotLeft)
	}
	p := LeaverP45{PA: pa.ID, Name: pa.LegalName, NINumber: pa.NINumber, DateOfBirth: pa.DateOfBirth, Address: pa.Address,
		LeavingDate: h.Left, Issued: today}
	if n, ok := h.NoticeOn(h.Left); ok {
		p.TaxCode, p.Week1Month1 = n.TaxCode, n.Basis == BasisNonCumulative
	}
	if h.YTD != nil {
		p.TaxYear = h.YTD.TaxYear
		p.PayInEmployment, p.TaxInEmployment = h.YTD.Figures.Gross, h.YTD.Figures.Tax
		prev := h.Previous(TaxYearStart(h.Left))
		p.TotalPay, p.TotalTax = prev.TaxablePay+h.YTD.Figures.TaxablePay, prev.Tax+h.YTD.Figures.Tax
	}
	if p.Week1Month1 {
		p.TotalPay, p.TotalTax = 0, 0
	}
	for _, l := range h.LoansOn(h.Left) {
		if l.Postgraduate() {
			p.PostgraduateLoan = true
		} else {
			p.StudentLoan = true
		}
	}
	return p, nil
}

// AfterP45 reports whether a payment on pay date d comes after the PA's P45
// was issued: HMRC's rule is then code 0T on a week 1/month 1 basis.
func (h PayHistory) AfterP45(d Date) bool {
	return h.IssuedP45 != nil && h.IssuedP45.Issued.Before(d)
}
