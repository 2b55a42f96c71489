package payslips

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// Page geometry, in millimetres, and type sizes, in points.
const (
	pageW    = 210.0
	pageH    = 297.0
	margin   = 15.0
	contentW = pageW - 2*margin
	footerH  = 12.0 // reserved above the bottom margin for the footer

	bodyPt  = 10.0 // never smaller
	titlePt = 16.0
	subPt   = 13.0
	netPt   = 12.0

	cellPad = 1.5 // left and right padding inside a cell
	rowPad  = 0.6 // above and below the text of a row
	gap     = 4.0 // between blocks

	fontFamily = "go"
	producer   = "dpcoop payslips"
)

// lineH is the height of one line of text at size pt (1.2 × the size).
func lineH(pt float64) float64 { return pt * 1.2 * 25.4 / 72 }

// Colours: text is black on white; header rows have a light grey band and
// rules are mid grey. No colour carries meaning.
var (
	black    = [3]int{0, 0, 0}
	ruleGrey = [3]int{150, 150, 150}
	bandGrey = [3]int{232, 232, 232}
)

// PDF renders one PA's itemised payslip: A4, one page for any ordinary
// month, every label in Welsh and English with the PA's language first.
// The same input always gives the same bytes: the document's dates are the
// pay date and its producer is fixed.
func PDF(er Employer, ee Employee, s Slip) ([]byte, error) {
	if err := (Row{ee, s}).check(); err != nil {
		return nil, err
	}
	if ee.PensionStatus == payroll.PensionEnrolled && er.Pension == nil && s.Result.Pension.EmployeeGross > 0 {
		return nil, errorf(ee.ID, "enrolled with pension contributions but the employer has no pension scheme")
	}
	month, _ := parseMonth(s.Month)
	tc, _ := ee.taxCode()
	cat, _ := ee.niCategory()

	d := newDoc(ee.Language)
	d.begin(er, ee, s.PayDate, month)
	d.details(er, ee, s, tc, cat)
	d.payments(s)
	d.deductions(er, ee, s.Result)
	d.employerAndYearToDate(ee, s.Result)
	d.holiday(s.Result, s.Holiday)

	return d.output("the payslip of " + ee.ID)
}

// begin sets the document's fixed metadata and starts the first page with
// the title, both languages, the reader's first.
func (d *doc) begin(er Employer, ee Employee, payDate, month time.Time) {
	f := d.f
	when := time.Date(payDate.Year(), payDate.Month(), payDate.Day(), 0, 0, 0, 0, time.UTC)
	f.SetCreationDate(when)
	f.SetModificationDate(when)
	t1, t2 := lblTitle.order(d.lang)
	m1, m2 := monthName(month).order(d.lang)
	f.SetTitle(d.clean(t1+" "+m1+" / "+t2+" "+m2+" - "+ee.Name), true)
	f.SetAuthor(d.clean(employerName(er, d.lang)), true)
	c1, c2 := lblContinued.order(d.lang)
	d.continued = t1 + " " + m1 + " (" + c1 + ") / " + t2 + " " + m2 + " (" + c2 + ") - " + ee.Name
	f.AddPage()
	d.text(t1+": "+m1, titlePt, true)
	d.text(t2+": "+m2, subPt, true)
	d.space(gap)
}

// details: who, when and on what basis.
func (d *doc) details(er Employer, ee Employee, s Slip, tc payroll.TaxCode, cat string) {
	res := s.Result
	info := [][2]string{
		{lblEmployer.both(d.lang), employerName(er, d.lang)},
	}
	if er.PAYEReference != "" {
		info = append(info, [2]string{lblPAYERef.both(d.lang), er.PAYEReference})
	}
	info = append(info,
		[2]string{lblPA.both(d.lang), ee.Name},
		[2]string{lblPayrollNumber.both(d.lang), ee.ID},
		[2]string{lblPayDate.both(d.lang), dayMonthYear(s.PayDate)},
		[2]string{lblTaxYear.both(d.lang), res.TaxYear},
		[2]string{lblTaxMonth.both(d.lang), strconv.Itoa(res.Period)},
		[2]string{lblTaxCode.both(d.lang), displayTaxCode(tc)},
		[2]string{lblNICategory.both(d.lang), cat},
		[2]string{lblNINumber.both(d.lang), maskNINumber(ee.NINumber)},
	)
	for _, kv := range info {
		d.row(margin, []cell{{w: 98, text: kv[0]}, {w: contentW - 98, text: kv[1], bold: true}}, rowStyle{rule: true})
	}
	d.space(gap)
}

// The payments and deductions tables' column widths.
const (
	wDesc, wQty, wRate, wAmt = 82.0, 36.0, 28.0, 34.0
	wLabel                   = contentW - wAmt
)

// payments: every line with its hours or number and rate, and gross pay.
func (d *doc) payments(s Slip) {
	res := s.Result
	paymentsHead := tableRow{[]cell{
		{w: wDesc, text: d.stack(lblPayments), bold: true},
		{w: wQty, text: d.stack(lblQuantity), bold: true, right: true},
		{w: wRate, text: d.stack(lblRate), bold: true, right: true},
		{w: wAmt, text: d.stack(lblAmount), bold: true, right: true},
	}, rowStyle{band: true, rule: true}}
	d.row(margin, paymentsHead.cells, paymentsHead.style)
	d.repeat = &paymentsHead
	for _, l := range s.Lines {
		qty := hoursMinutes(l.Minutes)
		if l.Kind == payroll.ShiftSleepIn {
			qty = strconv.FormatInt(l.SleepIns, 10)
		}
		label := kindLabels[l.Kind]
		switch {
		case l.InLieu:
			label = lblInLieu
		case l.BackPay:
			label = backPayLabel(l.Kind)
		}
		d.row(margin, []cell{
			{w: wDesc, text: label.both(d.lang)},
			{w: wQty, text: qty, right: true},
			{w: wRate, text: pounds(l.RatePence), right: true},
			{w: wAmt, text: pounds(l.PayPence), right: true},
		}, rowStyle{rule: true})
	}
	if res.SickPay.Amount > 0 {
		d.row(margin, []cell{
			{w: wDesc, text: sickPayLabel(res.SickPay.WeeklyRate).both(d.lang)},
			{w: wQty, text: strconv.Itoa(res.SickPay.PaidDays), right: true},
			{w: wRate, text: "", right: true},
			{w: wAmt, text: pounds(res.SickPay.Amount), right: true},
		}, rowStyle{rule: true})
	}
	for _, p := range []struct {
		label bi
		weeks int
		pay   int64
	}{{lblSMPWeeks, res.ParentalPay.SMPWeeks, res.ParentalPay.SMP}, {lblSPPWeeks, res.ParentalPay.SPPWeeks, res.ParentalPay.SPP}} {
		if p.pay > 0 {
			d.row(margin, []cell{
				{w: wDesc, text: p.label.both(d.lang)},
				{w: wQty, text: strconv.Itoa(p.weeks), right: true},
				{w: wRate, text: "", right: true},
				{w: wAmt, text: pounds(p.pay), right: true},
			}, rowStyle{rule: true})
		}
	}
	if res.RolledUpHolidayPay > 0 {
		d.row(margin, []cell{
			{w: wDesc + wQty + wRate, text: lblRolledUp.both(d.lang)},
			{w: wAmt, text: pounds(res.RolledUpHolidayPay), right: true},
		}, rowStyle{rule: true})
	}
	if res.MileagePaid > 0 || s.MileageTenths > 0 {
		d.row(margin, []cell{
			{w: wDesc, text: lblMileage.both(d.lang)},
			{w: wQty, text: miles(s.MileageTenths), right: true},
			{w: wRate, text: pounds(s.MileageRatePence), right: true},
			{w: wAmt, text: pounds(res.MileagePaid), right: true},
		}, rowStyle{rule: true})
	}
	d.row(margin, []cell{
		{w: wDesc + wQty + wRate, text: lblGross.both(d.lang), bold: true},
		{w: wAmt, text: pounds(res.Gross), bold: true, right: true},
	}, rowStyle{strongRule: true})
	d.repeat = nil
	d.space(gap)
}

// deductions: each with its purpose and amount, their total and net pay.
func (d *doc) deductions(er Employer, ee Employee, res payroll.Payslip) {
	d.row(margin, []cell{
		{w: wLabel, text: d.stack(lblDeductions), bold: true},
		{w: wAmt, text: d.stack(lblAmount), bold: true, right: true},
	}, rowStyle{band: true, rule: true})
	taxLabel := lblIncomeTax
	if res.Tax < 0 {
		taxLabel = lblTaxRefund
	}
	d.row(margin, []cell{{w: wLabel, text: taxLabel.both(d.lang)}, {w: wAmt, text: pounds(res.Tax), right: true}}, rowStyle{rule: true})
	d.row(margin, []cell{{w: wLabel, text: lblEmployeeNI.both(d.lang)}, {w: wAmt, text: pounds(res.NI.Employee), right: true}}, rowStyle{rule: true})
	if ee.PensionStatus == payroll.PensionEnrolled || res.Pension.EmployeeDeduction != 0 {
		d.row(margin, []cell{{w: wLabel, text: lblEmployeePension.both(d.lang)}, {w: wAmt, text: pounds(res.Pension.EmployeeDeduction), right: true}}, rowStyle{})
		if er.Pension != nil && res.Pension.EmployeeGross > 0 {
			n1, n2 := pensionNote(er.Pension.Relief, res.Pension).order(d.lang)
			d.row(margin, []cell{{w: wLabel, text: n1}}, rowStyle{})
			d.row(margin, []cell{{w: wLabel, text: n2}}, rowStyle{})
		}
		d.rule(margin, contentW, false)
	}
	if res.StudentLoanPlan != "" || res.StudentLoan != 0 {
		d.row(margin, []cell{{w: wLabel, text: studentLoanLabel(res.StudentLoanPlan).both(d.lang)}, {w: wAmt, text: pounds(res.StudentLoan), right: true}}, rowStyle{rule: true})
	}
	if res.PostgraduateLoan != 0 {
		d.row(margin, []cell{{w: wLabel, text: lblPostgraduate.both(d.lang)}, {w: wAmt, text: pounds(res.PostgraduateLoan), right: true}}, rowStyle{rule: true})
	}
	if res.PensionRefund != 0 {
		d.row(margin, []cell{{w: wLabel, text: lblPensionRefund.both(d.lang)}, {w: wAmt, text: pounds(-res.PensionRefund), right: true}}, rowStyle{rule: true})
	}
	d.row(margin, []cell{
		{w: wLabel, text: lblTotalDeductions.both(d.lang), bold: true},
		{w: wAmt, text: pounds(res.Tax + res.NI.Employee + res.Pension.EmployeeDeduction + res.StudentLoan + res.PostgraduateLoan - res.PensionRefund), bold: true, right: true},
	}, rowStyle{})
	d.space(1.5)
	d.row(margin, []cell{
		{w: wLabel, text: lblNetPay.both(d.lang), bold: true, pt: netPt},
		{w: wAmt, text: pounds(res.NetPay), bold: true, right: true, pt: netPt},
	}, rowStyle{box: true})
	if ee.Bank != nil {
		if acc := digitsOnly(ee.Bank.AccountNumber); len(acc) >= 4 {
			d.row(margin, []cell{{w: contentW, text: accountEnding(acc[len(acc)-4:]).both(d.lang)}}, rowStyle{})
		}
	}
	d.space(gap)
}

// studentLoanLabel names the plan deducted for: "Student loan (plan 2)".
func studentLoanLabel(plan payroll.LoanPlan) bi {
	n := strings.TrimPrefix(string(plan), "plan_")
	if n == "" {
		return lblStudentLoans
	}
	return bi{lblStudentLoans.cy + " (cynllun " + n + ")", lblStudentLoans.en + " (plan " + n + ")"}
}

// employerAndYearToDate: the employer's costs, for information, beside
// the tax year to date.
func (d *doc) employerAndYearToDate(ee Employee, res payroll.Payslip) {
	const half, wHalfAmt = (contentW - gap) / 2, 28.0
	costs := []amountRow{{label: lblEmployerNI.both(d.lang), amount: res.NI.Employer}}
	if ee.PensionStatus == payroll.PensionEnrolled || res.Pension.Employer != 0 {
		costs = append(costs, amountRow{label: lblEmployerPension.both(d.lang), amount: res.Pension.Employer})
	}
	costs = append(costs, amountRow{label: lblEmployerCost.both(d.lang), amount: res.EmployerCost, total: true})
	ytd := res.YearToDate
	toDate := []amountRow{
		{label: lblGross.both(d.lang), amount: ytd.Gross},
		{label: lblTaxablePay.both(d.lang), amount: ytd.TaxablePay},
		{label: lblIncomeTax.both(d.lang), amount: ytd.Tax},
		{label: lblEmployeeNI.both(d.lang), amount: ytd.EmployeeNI},
		{label: lblEmployeePension.both(d.lang), amount: ytd.EmployeePension},
	}
	if ytd.StudentLoan != 0 {
		toDate = append(toDate, amountRow{label: lblStudentLoans.both(d.lang), amount: ytd.StudentLoan})
	}
	if ytd.PostgraduateLoan != 0 {
		toDate = append(toDate, amountRow{label: lblPostgraduate.both(d.lang), amount: ytd.PostgraduateLoan})
	}
	for _, p := range []struct {
		label  bi
		amount int64
	}{{lblSSPToDate, ytd.SSP}, {lblSMP, ytd.SMP}, {lblSPP, ytd.SPP}} {
		if p.amount != 0 {
			toDate = append(toDate, amountRow{label: p.label.both(d.lang), amount: p.amount})
		}
	}
	d.sideBySide(
		d.table(half, wHalfAmt, lblEmployerCosts, costs, lblEmployerCostsNote),
		d.table(half, wHalfAmt, lblYearToDate, toDate, bi{}),
		margin+half+gap,
	)
	d.space(gap)
}

// holiday: leave earned and the balance left after this payslip, unless it
// was paid as rolled-up holiday pay.
func (d *doc) holiday(res payroll.Payslip, leave *dpcoop.SlipHoliday) {
	if res.RolledUpHolidayPay == 0 {
		d.row(margin, []cell{
			{w: wLabel, text: lblHolidayAccrued.both(d.lang)},
			{w: wAmt, text: hoursMinutes(res.HolidayAccruedMinutes), right: true, bold: true},
		}, rowStyle{rule: true})
	}
	if leave != nil {
		d.row(margin, []cell{
			{w: wLabel, text: lblHolidayBalance.both(d.lang)},
			{w: wAmt, text: hoursMinutes(leave.Balance), right: true, bold: true},
		}, rowStyle{rule: true})
	}
}

// employerName is the co-op's name in the reader's language first.
func employerName(er Employer, l dpcoop.Lang) string {
	switch {
	case er.NameCY == "":
		return er.NameEN
	case er.NameEN == "":
		return er.NameCY
	}
	return bi{er.NameCY, er.NameEN}.both(l)
}

// displayTaxCode writes a week 1/month 1 code the way PAs see it on
// HMRC's letters: "1257L M1" on a monthly payslip.
func displayTaxCode(tc payroll.TaxCode) string {
	basis := tc.NonCumulative
	tc.NonCumulative = false
	if basis {
		return tc.String() + " M1"
	}
	return tc.String()
}

// doc is one payslip being drawn.
type doc struct {
	f    *fpdf.Fpdf
	lang dpcoop.Lang
	// keep is the footer's note: keep this document for your records.
	keep bi
	// continued heads every page after the first, naming the PA.
	continued string
	// repeat is a table's header row, drawn again at the top of a new
	// page while the table runs on.
	repeat *tableRow
	// said is every piece of text drawn, in order.
	said []string
}

// drawn, when a test sets it, is given the text of each document rendered.
var drawn func(said []string)

// say draws one line of text in a cell w wide and lh high.
func (d *doc) say(w, lh float64, text, align string) {
	d.f.CellFormat(w, lh, text, "", 0, align, false, 0, "")
	d.said = append(d.said, text)
}

// output is the finished document; what names it in an error.
func (d *doc) output(what string) ([]byte, error) {
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return nil, fmt.Errorf("payslips: rendering %s: %w", what, err)
	}
	if drawn != nil {
		drawn(d.said)
	}
	return buf.Bytes(), nil
}

func newDoc(l dpcoop.Lang) *doc {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	f.SetCatalogSort(true)
	f.SetProducer(producer, false)
	f.SetCreator(producer, false)
	f.SetCompression(true)
	if l == dpcoop.Welsh {
		f.SetLang("cy")
	} else {
		f.SetLang("en-GB")
	}
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(false, margin)
	f.SetCellMargin(cellPad)
	f.AliasNbPages("{nb}")
	f.AddUTF8FontFromBytes(fontFamily, "", goregular.TTF)
	f.AddUTF8FontFromBytes(fontFamily, "B", gobold.TTF)
	f.SetTextColor(black[0], black[1], black[2])
	d := &doc{f: f, lang: l, keep: lblKeep}
	f.SetFooterFunc(d.footer)
	return d
}

// footer: keep this payslip, and the page number.
func (d *doc) footer() {
	f := d.f
	f.SetFont(fontFamily, "", bodyPt)
	lh := lineH(bodyPt)
	y := pageH - margin - 2*lh
	f.SetY(y - 1)
	d.rule(margin, contentW, false)
	f.SetXY(margin, y)
	d.say(contentW, lh, d.clean(d.keep.both(d.lang)), "L")
	p1, p2 := lblPage.order(d.lang)
	o1, o2 := lblOf.order(d.lang)
	n := strconv.Itoa(f.PageNo())
	f.SetXY(margin, y+lh)
	d.say(contentW, lh, p1+" "+n+" "+o1+" {nb} / "+p2+" "+n+" "+o2+" {nb}", "L")
}

// stack puts the reader's language on the first line, the other below.
func (d *doc) stack(b bi) string {
	first, second := b.order(d.lang)
	return first + "\n" + second
}

// text writes a full-width line of text.
func (d *doc) text(s string, pt float64, bold bool) {
	d.row(margin, []cell{{w: contentW, text: s, bold: bold, pt: pt}}, rowStyle{})
}

func (d *doc) space(h float64) { d.f.SetY(d.f.GetY() + h) }

// rule draws a line under the current position.
func (d *doc) rule(x, w float64, strong bool) {
	f := d.f
	f.SetDrawColor(ruleGrey[0], ruleGrey[1], ruleGrey[2])
	f.SetLineWidth(0.2)
	if strong {
		f.SetDrawColor(black[0], black[1], black[2])
		f.SetLineWidth(0.4)
	}
	y := f.GetY()
	f.Line(x, y, x+w, y)
}

// cell is one table cell; text may hold "\n" and wraps to the width.
type cell struct {
	w     float64
	text  string
	bold  bool
	right bool
	pt    float64 // bodyPt if zero
}

type rowStyle struct {
	band       bool // light grey background (header rows)
	rule       bool // thin rule below
	strongRule bool // thick rule above and below (totals)
	box        bool // a frame around the row (net pay)
}

func (c cell) size() float64 {
	if c.pt == 0 {
		return bodyPt
	}
	return c.pt
}

func (d *doc) setFont(c cell) {
	style := ""
	if c.bold {
		style = "B"
	}
	d.f.SetFont(fontFamily, style, c.size())
}

// lines wraps a cell's text to its width.
func (d *doc) lines(c cell) []string {
	d.setFont(c)
	var out []string
	for _, para := range strings.Split(d.clean(c.text), "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, d.f.SplitText(para, c.w)...)
	}
	return out
}

// height is the height a row of cells needs.
func (d *doc) height(cells []cell) float64 {
	h := 0.0
	for _, c := range cells {
		h = max(h, float64(len(d.lines(c)))*lineH(c.size()))
	}
	return h + 2*rowPad
}

// room starts a new page unless h more millimetres fit on this one; the
// new page starts with the continuation line and any table header.
func (d *doc) room(h float64) {
	if d.f.GetY()+h <= pageH-margin-footerH {
		return
	}
	d.f.AddPage()
	d.row(margin, []cell{{w: contentW, text: d.continued, bold: true}}, rowStyle{})
	d.space(gap / 2)
	if r := d.repeat; r != nil {
		d.repeat = nil
		d.row(margin, r.cells, r.style)
		d.repeat = r
	}
}

// row draws one row of cells from x, never splitting it across pages.
func (d *doc) row(x float64, cells []cell, st rowStyle) {
	f := d.f
	h := d.height(cells)
	d.room(h)
	y := f.GetY()
	w := 0.0
	for _, c := range cells {
		w += c.w
	}
	if st.band {
		f.SetFillColor(bandGrey[0], bandGrey[1], bandGrey[2])
		f.Rect(x, y, w, h, "F")
	}
	if st.strongRule {
		d.rule(x, w, true)
	}
	cx := x
	for _, c := range cells {
		lh := lineH(c.size())
		align := "L"
		if c.right {
			align = "R"
		}
		for i, line := range d.lines(c) {
			f.SetXY(cx, y+rowPad+float64(i)*lh)
			d.say(c.w, lh, line, align)
		}
		cx += c.w
	}
	if st.box {
		f.SetDrawColor(black[0], black[1], black[2])
		f.SetLineWidth(0.5)
		f.Rect(x, y, w, h, "D")
	}
	f.SetXY(x, y+h)
	if st.rule || st.strongRule {
		d.rule(x, w, st.strongRule)
	}
}

// tableRow is one row of a block.
type tableRow struct {
	cells []cell
	style rowStyle
}

// block is a run of rows drawn together.
type block []tableRow

// amountRow is a labelled amount; a total is in bold.
type amountRow struct {
	label  string
	amount int64
	total  bool
}

// table is a two-column block of labelled amounts of width w: a header
// band, an optional note, then the rows.
func (d *doc) table(w, wAmt float64, title bi, rows []amountRow, note bi) block {
	b := block{{[]cell{{w: w - wAmt, text: d.stack(title), bold: true}, {w: wAmt, text: d.stack(lblAmount), bold: true, right: true}}, rowStyle{band: true, rule: true}}}
	if note.en != "" {
		b = append(b, tableRow{[]cell{{w: w, text: d.stack(note)}}, rowStyle{rule: true}})
	}
	for _, r := range rows {
		b = append(b, tableRow{[]cell{{w: w - wAmt, text: r.label, bold: r.total}, {w: wAmt, text: pounds(r.amount), right: true, bold: r.total}}, rowStyle{rule: true}})
	}
	return b
}

func (d *doc) blockHeight(b block) float64 {
	h := 0.0
	for _, r := range b {
		h += d.height(r.cells)
	}
	return h
}

func (d *doc) drawBlock(x float64, b block) {
	for _, r := range b {
		d.row(x, r.cells, r.style)
	}
}

// sideBySide draws two blocks next to each other from the current line,
// moving both to a new page first if the taller would not fit.
func (d *doc) sideBySide(left, right block, rightX float64) {
	f := d.f
	d.room(max(d.blockHeight(left), d.blockHeight(right)))
	y0 := f.GetY()
	d.drawBlock(margin, left)
	yLeft := f.GetY()
	f.SetY(y0)
	d.drawBlock(rightX, right)
	f.SetY(max(yLeft, f.GetY()))
}

// clean makes text safe for the fonts: control characters become spaces
// (except line breaks, which the layout uses) and characters the Go fonts
// cannot draw become "?", so nothing renders as an empty box and no
// character outside the font can reach fpdf.
func (d *doc) clean(s string) string {
	cov := coverage()
	ok := true
	for _, r := range s {
		if r != '\n' && !cov.has(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case unicode.IsControl(r) || unicode.IsSpace(r):
			b.WriteByte(' ')
		case cov.has(r):
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// glyphSet records which characters of the Basic Multilingual Plane both
// Go fonts (regular and bold) can draw.
type glyphSet [0x10000 / 64]uint64

func (g *glyphSet) has(r rune) bool {
	return r >= 0 && r < 0x10000 && g[r/64]&(1<<(uint(r)%64)) != 0
}

var coverage = sync.OnceValue(func() *glyphSet {
	var g glyphSet
	var fonts []*sfnt.Font
	for _, ttf := range [][]byte{goregular.TTF, gobold.TTF} {
		fnt, err := sfnt.Parse(ttf)
		if err != nil {
			panic(fmt.Sprintf("payslips: embedded Go font: %v", err))
		}
		fonts = append(fonts, fnt)
	}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 0x10000; r++ {
		if unicode.IsControl(r) || (r >= 0xD800 && r <= 0xDFFF) {
			continue
		}
		all := true
		for _, fnt := range fonts {
			if i, err := fnt.GlyphIndex(&buf, r); err != nil || i == 0 {
				all = false
				break
			}
		}
		if all {
			g[r/64] |= 1 << (uint(r) % 64)
		}
	}
	return &g
})
