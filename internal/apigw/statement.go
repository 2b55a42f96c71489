package apigw

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
	"github.com/dpcoop/dpcoop/internal/payslips"
	"github.com/dpcoop/dpcoop/internal/sheet"
)

// statementView is a statement as the JSON API shows it: the domain's facts
// with each line's description, what a pool paid for, and the alerts said in
// the reader's language.
type statementView struct {
	dpcoop.Statement
	Lines  []lineView  `json:"lines"`
	Alerts []alertView `json:"alerts"`
}

type lineView struct {
	dpcoop.StatementLine
	Description string   `json:"description"`
	PaidFor     []string `json:"paid_for,omitempty"` // a pool contribution: what the pool paid for that month
}

// alertView is something the admin and member should act on, in the
// reader's language.
type alertView struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// statement shows a member's direct-payment account for a month: payments in,
// each charge with its source (payslip, PA, hours), their pool contributions
// with what the pool paid for, fees, and the balances brought and carried
// forward; JSON in the reader's language, or CSV (Accept: text/csv) and a
// bilingual PDF (Accept: application/pdf) in the member's own language
// first. A member sees only their own.
func (h *Handler) statement(ctx context.Context, r *request) (*response, error) {
	month, err := r.monthQuery("read statement")
	if err != nil {
		return nil, err
	}
	st, err := h.Accounts.Statement(ctx, r.principal, r.param("id"), dpcoop.Month(month))
	if err != nil {
		return nil, err
	}
	accept := strings.ToLower(r.header("accept"))
	switch {
	case strings.Contains(accept, "application/pdf"):
		return h.statementPDF(ctx, r, st)
	case strings.Contains(accept, "text/csv"):
		return statementCSV(st), nil
	}
	v := statementView{Statement: st, Lines: []lineView{}, Alerts: []alertView{}}
	for _, line := range st.Lines {
		lv := lineView{StatementLine: line, Description: messages.Describe(r.lang, line)}
		for _, p := range line.PaidFor {
			lv.PaidFor = append(lv.PaidFor, messages.PaidFor(r.lang, p))
		}
		v.Lines = append(v.Lines, lv)
	}
	for _, a := range st.Alerts {
		v.Alerts = append(v.Alerts, alertView{Code: a.Code, Message: messages.Alert(r.lang, a)})
	}
	return jsonResponse(http.StatusOK, v), nil
}

var statementColumns = []string{"date", "source", "description", "in_pounds", "out_pounds", "balance_pounds", "in", "out", "balance", "entry"}

// statementCSV is the statement as a spreadsheet in the member's language,
// money in pounds and in pence.
func statementCSV(st dpcoop.Statement) *response {
	l := st.Language
	head := make([]string, len(statementColumns))
	for i, c := range statementColumns {
		head[i] = messages.Text(l, "statement."+c, nil)
	}
	sh := sheet.New(head...)
	balance := func(label string, b int64) {
		sh.Row("", "", messages.Text(l, label, nil), "", "", sheet.Pounds(b), "", "", sheet.Pence(b), "")
	}
	balance("statement.brought_forward", st.BroughtForward)
	for _, line := range st.Lines {
		sh.Row(string(line.Date), messages.Text(l, "sourcename."+string(line.Source), nil), describeAll(l, line, "; "),
			sheet.Pounds(line.In), sheet.Pounds(line.Out), sheet.Pounds(line.Balance),
			sheet.Pence(line.In), sheet.Pence(line.Out), sheet.Pence(line.Balance), line.Entry)
	}
	balance("statement.carried_forward", st.CarriedForward)
	return csvResponse(sh, l, "statement-"+st.Month+".csv")
}

// csvResponse answers with a sheet as a download in language l.
func csvResponse(sh *sheet.Sheet, l dpcoop.Lang, filename string) *response {
	return &response{status: http.StatusOK, body: sh.Bytes(), headers: map[string]string{
		"content-type": "text/csv; charset=utf-8", "content-language": string(l),
		"content-disposition": `attachment; filename="` + filename + `"`,
	}}
}

// statementPDF is the statement as a bilingual PDF for the council's
// auditor, the member's language first.
func (h *Handler) statementPDF(ctx context.Context, r *request, st dpcoop.Statement) (*response, error) {
	c, err := h.deps.Store.Coop(ctx, r.principal.Coop)
	if err != nil {
		return nil, err
	}
	doc := payslips.Statement{Member: st.Name, MemberID: st.Member, Month: st.Month, BroughtForward: st.BroughtForward, CarriedForward: st.CarriedForward}
	for _, line := range st.Lines {
		doc.Lines = append(doc.Lines, payslips.StatementLine{
			Date: string(line.Date),
			CY:   describeAll(dpcoop.Welsh, line, "\n  "),
			EN:   describeAll(dpcoop.English, line, "\n  "),
			In:   line.In, Out: line.Out, Balance: line.Balance,
		})
	}
	for _, a := range st.Alerts {
		doc.Alerts = append(doc.Alerts, [2]string{messages.Alert(dpcoop.Welsh, a), messages.Alert(dpcoop.English, a)})
	}
	b, err := payslips.StatementPDF(payslips.EmployerFromCoop(c), doc, st.Language)
	if err != nil {
		return nil, dpcoop.Wrap("render statement", err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="statement-` + st.Month + `.pdf"`, "cache-control": "private, no-store",
	}}, nil
}

// describeAll is a statement line's description in one language with its
// sources, for a document: the PAs and hours of a payroll charge, and what a
// pool paid for, each after sep.
func describeAll(l dpcoop.Lang, line dpcoop.StatementLine, sep string) string {
	s := messages.Describe(l, line)
	for _, d := range line.Details {
		s += sep + d.PAName + ": " + strconv.FormatInt(d.Minutes/60, 10) + ":" + twoDigit(d.Minutes%60) + " (" + payslips.Pounds(d.Total) + ")"
	}
	for _, p := range line.PaidFor {
		s += sep + messages.PaidFor(l, p)
	}
	return s
}

func twoDigit(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// summary is the co-op's month for the board: money in and out by source,
// members' balances, and the accounts that need attention.
func (h *Handler) summary(ctx context.Context, r *request) (*response, error) {
	month, err := r.monthQuery("summary")
	if err != nil {
		return nil, err
	}
	s, err := h.Accounts.Summary(ctx, r.principal, dpcoop.Month(month))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, s), nil
}
