package apigw

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// chargeDetail traces a payroll charge back to its source: the PA, the hours
// they worked for the member, and the employer's costs that make it up.
type chargeDetail struct {
	PA              string `json:"pa_id"`
	PAName          string `json:"pa_name"`
	Minutes         int64  `json:"minutes"`
	Gross           int64  `json:"gross_pence"`
	EmployerNI      int64  `json:"employer_ni_pence"`
	EmployerPension int64  `json:"employer_pension_pence"`
	HolidayAccrual  int64  `json:"holiday_accrual_pence"`
	Total           int64  `json:"total_pence"`
}

// statementLine is one movement of the month, with the running balance.
type statementLine struct {
	Date        dpcoop.Date    `json:"date"`
	Source      dpcoop.Source  `json:"source"`
	Description string         `json:"description"`
	In          int64          `json:"in_pence"`
	Out         int64          `json:"out_pence"`
	Balance     int64          `json:"balance_pence"`
	Entry       string         `json:"entry_id"`
	Details     []chargeDetail `json:"details,omitempty"`
	PaidFor     []string       `json:"paid_for,omitempty"` // a pool contribution: what the pool paid for that month
}

// alert is something the admin and member should act on, in the reader's
// language.
type alert struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// statement is a member's account for a month as a council auditor reads it.
type statement struct {
	Member         string          `json:"member_id"`
	Name           string          `json:"name"`
	Month          string          `json:"month"`
	BroughtForward int64           `json:"brought_forward_pence"`
	Lines          []statementLine `json:"lines"`
	CarriedForward int64           `json:"carried_forward_pence"`
	Alerts         []alert         `json:"alerts"`
}

// The alert codes of a member's account.
const (
	AlertShort   = "may_not_cover_next_month"
	AlertSurplus = "over_surplus_limit"
)

// statement shows a member's direct-payment account for a month: payments in,
// each charge with its source (payslip, PA, hours), their pool contributions
// with what the pool paid for, fees, and the balances brought and carried
// forward; JSON, CSV (Accept: text/csv) or a bilingual PDF (Accept:
// application/pdf). A member sees only their own, and nobody else's details.
func (h *Handler) statement(ctx context.Context, r *request) (*response, error) {
	m, err := h.memberOnRegister(ctx, r)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) || (err == nil && !r.principal.Has(dpcoop.RoleAdmin) && r.principal.Person != m.ID) {
		return nil, dpcoop.E("read statement", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if err != nil {
		return nil, err
	}
	month, err := r.monthQuery("read statement")
	if err != nil {
		return nil, err
	}
	st, err := h.buildStatement(ctx, r, m, month)
	if err != nil {
		return nil, err
	}
	accept := strings.ToLower(r.header("accept"))
	switch {
	case strings.Contains(accept, "application/pdf"):
		return h.statementPDF(ctx, r, st)
	case strings.Contains(accept, "text/csv"):
		return statementCSV(st, r.lang), nil
	}
	return jsonResponse(http.StatusOK, st), nil
}

func (h *Handler) buildStatement(ctx context.Context, r *request, m dpcoop.Member, month string) (statement, error) {
	coop := r.principal.Coop
	acct := dpcoop.MemberAccount(m.ID)
	first, last := monthBounds(month)
	before, err := h.deps.Accounts.AccountEntries(ctx, coop, acct, "0000-00-00", dayBefore(first))
	if err != nil {
		return statement{}, err
	}
	entries, err := h.deps.Accounts.AccountEntries(ctx, coop, acct, first, last)
	if err != nil {
		return statement{}, err
	}
	st := statement{Member: m.ID, Name: m.Name, Month: month, BroughtForward: dpcoop.Balance(acct, before), Lines: []statementLine{}, Alerts: []alert{}}
	balance := st.BroughtForward
	names := map[string]string{}
	var expected int64
	for _, e := range entries {
		effect := e.Effect(acct)
		balance += effect
		line := statementLine{Date: e.Date, Source: e.Source, Balance: balance, Entry: e.ID, Description: h.describe(ctx, r, e)}
		if effect >= 0 {
			line.In = effect
		} else {
			line.Out = -effect
		}
		for _, p := range e.Parts {
			if _, ok := names[p.PA]; !ok {
				pa, err := h.deps.Timesheets.PA(ctx, coop, p.PA)
				if err == nil {
					names[p.PA] = pa.LegalName
				}
			}
			line.Details = append(line.Details, chargeDetail{PA: p.PA, PAName: names[p.PA], Minutes: p.Minutes, Gross: p.Gross,
				EmployerNI: p.EmployerNI, EmployerPension: p.EmployerPension, HolidayAccrual: p.HolidayAccrual, Total: p.Total})
		}
		if e.Source == dpcoop.SourcePoolContribution {
			if line.PaidFor, err = h.poolPaidFor(ctx, coop, e.To, e.Month); err != nil {
				return statement{}, err
			}
		}
		if e.Source == dpcoop.SourcePayrollCharge || e.Source == dpcoop.SourceCoopFee {
			expected += -effect
		}
		st.Lines = append(st.Lines, line)
	}
	st.CarriedForward = balance
	c, err := h.deps.Store.Coop(ctx, coop)
	if err != nil {
		return statement{}, err
	}
	limit := c.PayrollSettings().SurplusLimitPence
	if limit == 0 {
		limit = 2 * expected
	}
	if expected > 0 && balance < expected {
		st.Alerts = append(st.Alerts, alert{Code: AlertShort, Message: messages.Text(r.lang, "alert."+AlertShort, map[string]string{"amount": payslips.Pounds(expected)})})
	}
	if limit > 0 && balance > limit {
		st.Alerts = append(st.Alerts, alert{Code: AlertSurplus, Message: messages.Text(r.lang, "alert."+AlertSurplus, map[string]string{"amount": payslips.Pounds(limit)})})
	}
	return st, nil
}

// describe says what an entry was in the reader's language.
func (h *Handler) describe(ctx context.Context, r *request, e dpcoop.Entry) string {
	params := map[string]string{"ref": e.Ref, "month": e.Month}
	switch e.Source {
	case dpcoop.SourceCouncilPayment:
		params["council"] = strings.TrimPrefix(string(e.From), "council:")
	case dpcoop.SourcePoolContribution, dpcoop.SourceRefund:
		pool := strings.TrimPrefix(string(e.To), "pool:")
		if e.Source == dpcoop.SourceRefund {
			pool = strings.TrimPrefix(string(e.From), "pool:")
		}
		if p, err := h.deps.Accounts.Pool(ctx, r.principal.Coop, pool); err == nil {
			params["pool"] = p.NameEN
			if r.lang == dpcoop.Welsh {
				params["pool"] = p.NameCY
			}
		}
	}
	return messages.Text(r.lang, "source."+string(e.Source), params)
}

// poolPaidFor lists what a pool paid for in a month: its payroll charges
// (hours of support) and its spending on joint activities.
func (h *Handler) poolPaidFor(ctx context.Context, coop dpcoop.CoopID, pool dpcoop.Account, month string) ([]string, error) {
	fund, err := h.deps.Accounts.AccountEntries(ctx, coop, pool, "0000-00-00", "9999-12-31")
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, e := range fund {
		if e.Month != month || e.From != pool {
			continue
		}
		switch e.Source {
		case dpcoop.SourcePayrollCharge:
			var minutes int64
			for _, p := range e.Parts {
				minutes += p.Minutes
			}
			out = append(out, "support "+strconv.FormatInt(minutes/60, 10)+"h"+strconv.FormatInt(minutes%60, 10)+"m "+payslips.Pounds(e.Amount))
		case dpcoop.SourcePoolSpending:
			out = append(out, e.Ref+" "+payslips.Pounds(e.Amount))
		}
	}
	return out, nil
}

var statementColumns = []string{"date", "source", "description", "in", "out", "balance", "entry"}

func statementCSV(st statement, l dpcoop.Lang) *response {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	head := make([]string, len(statementColumns))
	for i, c := range statementColumns {
		head[i] = messages.Text(l, "statement."+c, nil)
	}
	_ = w.Write(head) // a bytes.Buffer cannot fail
	bf := messages.Text(l, "statement.brought_forward", nil)
	_ = w.Write([]string{st.Month + "-01", "", bf, "", "", strconv.FormatInt(st.BroughtForward, 10), ""})
	for _, line := range st.Lines {
		_ = w.Write([]string{string(line.Date), string(line.Source), csvSafe(line.Description), strconv.FormatInt(line.In, 10),
			strconv.FormatInt(line.Out, 10), strconv.FormatInt(line.Balance, 10), line.Entry})
	}
	_ = w.Write([]string{"", "", messages.Text(l, "statement.carried_forward", nil), "", "", strconv.FormatInt(st.CarriedForward, 10), ""})
	w.Flush()
	return &response{status: http.StatusOK, body: buf.Bytes(), headers: map[string]string{
		"content-type": "text/csv; charset=utf-8", "content-language": string(l),
		"content-disposition": `attachment; filename="statement-` + st.Month + `.csv"`,
	}}
}

// statementPDF is the statement as a bilingual PDF for the council's auditor.
func (h *Handler) statementPDF(ctx context.Context, r *request, st statement) (*response, error) {
	c, err := h.deps.Store.Coop(ctx, r.principal.Coop)
	if err != nil {
		return nil, err
	}
	doc := payslips.Statement{Member: st.Name, MemberID: st.Member, Month: st.Month, BroughtForward: st.BroughtForward, CarriedForward: st.CarriedForward}
	for _, line := range st.Lines {
		doc.Lines = append(doc.Lines, payslips.StatementLine{
			Date: string(line.Date),
			CY:   h.describeIn(dpcoop.Welsh, line),
			EN:   h.describeIn(dpcoop.English, line),
			In:   line.In, Out: line.Out, Balance: line.Balance,
		})
	}
	for _, a := range st.Alerts {
		doc.Alerts = append(doc.Alerts, [2]string{messages.Text(dpcoop.Welsh, "alert."+a.Code, nil), messages.Text(dpcoop.English, "alert."+a.Code, nil)})
	}
	b, err := payslips.StatementPDF(payslips.EmployerFromCoop(c), doc, r.lang)
	if err != nil {
		return nil, dpcoop.Wrap("render statement", err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="statement-` + st.Month + `.pdf"`, "cache-control": "private, no-store",
	}}, nil
}

// describeIn is a statement line's description in one language, with its
// sources (PAs and hours) for a payroll charge.
func (h *Handler) describeIn(l dpcoop.Lang, line statementLine) string {
	s := messages.Text(l, "source."+string(line.Source), map[string]string{"month": string(line.Date)[:7]})
	for _, d := range line.Details {
		s += "\n  " + d.PAName + ": " + strconv.FormatInt(d.Minutes/60, 10) + ":" + twoDigit(d.Minutes%60) + " (" + payslips.Pounds(d.Total) + ")"
	}
	for _, p := range line.PaidFor {
		s += "\n  " + p
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
	entries, err := h.deps.Accounts.Entries(ctx, r.principal.Coop)
	if err != nil {
		return nil, err
	}
	first, last := monthBounds(month)
	bySource := map[dpcoop.Source]int64{}
	balances := map[dpcoop.Account]int64{}
	var total int64
	for _, e := range entries {
		if !last.Before(e.Date) {
			balances[e.From] -= e.Amount
			balances[e.To] += e.Amount
			total += e.Effect(e.To) + e.Effect(e.From)
		}
		if !e.Date.Before(first) && !last.Before(e.Date) {
			bySource[e.Source] += e.Amount
		}
	}
	var membersHeld int64
	overdrawn := 0
	for a, b := range balances {
		if strings.HasPrefix(string(a), "member:") {
			membersHeld += b
			if b < 0 {
				overdrawn++
			}
		}
	}
	return jsonResponse(http.StatusOK, map[string]any{
		"month": month, "by_source_pence": bySource, "members_hold_pence": membersHeld,
		"members_overdrawn": overdrawn, "ledger_total_pence": total, "accounts": balances,
	}), nil
}
