package apigw

import (
	"context"
	"net/http"
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
		return h.statementPDF(r, st)
	case strings.Contains(accept, "text/csv"):
		return csvResponse(messages.StatementSheet(st), st.Language, "statement-"+st.Month+".csv"), nil
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

// csvResponse answers with a sheet as a download in language l.
func csvResponse(sh *sheet.Sheet, l dpcoop.Lang, filename string) *response {
	return &response{status: http.StatusOK, body: sh.Bytes(), headers: map[string]string{
		"content-type": "text/csv; charset=utf-8", "content-language": string(l),
		"content-disposition": `attachment; filename="` + filename + `"`,
	}}
}

// statementPDF is the statement as a bilingual PDF for the council's
// auditor, the member's language first.
func (h *Handler) statementPDF(r *request, st dpcoop.Statement) (*response, error) {
	b, err := payslips.StatementPDF(payslips.EmployerFromCoop(r.coop), messages.StatementDocument(st), st.Language)
	if err != nil {
		return nil, dpcoop.Wrap("render statement", err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="statement-` + st.Month + `.pdf"`, "cache-control": "private, no-store",
	}}, nil
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
