package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// The admins' money pages: the co-op's summary, each member's account,
// recording a council's direct payment or an adjustment, and reversing an
// entry. Pools and votes are in admin_money_pools.go and
// admin_money_motions.go.
func (h *Handler) adminMoneyRoutes() {
	h.mux.HandleFunc("GET /admin/money", h.page(adminOnly, h.moneySummary))
	h.mux.HandleFunc("GET /admin/money/{member}", h.page(adminOnly, h.memberAccount))
	h.mux.HandleFunc("GET /admin/money/{member}/files/{file}", h.page(adminOnly, h.memberStatementFile))
	h.mux.HandleFunc("GET /admin/money/{member}/payment", h.page(adminOnly, h.paymentForm))
	h.mux.HandleFunc("POST /admin/money/{member}/payment", h.page(adminOnly, h.recordPayment))
	h.mux.HandleFunc("GET /admin/money/{member}/adjustment", h.page(adminOnly, h.adjustmentForm))
	h.mux.HandleFunc("POST /admin/money/{member}/adjustment", h.page(adminOnly, h.recordAdjustment))
	h.mux.HandleFunc("GET /admin/money/{member}/entries/{entry}/reverse", h.page(adminOnly, h.reverseForm))
	h.mux.HandleFunc("POST /admin/money/{member}/entries/{entry}/reverse", h.page(adminOnly, h.reverseEntry))
	h.adminPoolRoutes()
	h.adminMotionRoutes()
}

// moneyDone are the notices after an admin's change to the money, pools
// and votes, by ?done=.
var moneyDone = map[string]string{
	"payment": "adminmoney.done.payment", "adjustment": "adminmoney.done.adjustment", "reversed": "adminmoney.done.reversed",
	"pool": "adminpool.done.added", "spending": "adminpool.done.spending", "awaiting": "adminpool.done.awaiting",
	"drafted": "adminvote.done.drafted", "opened": "adminvote.done.opened", "closed": "adminvote.done.closed",
	"postal": "adminvote.done.postal", "rules": "adminvote.done.rules",
}

// moneyView starts an admin's money, pool or vote page, with the notice a
// redirect asked for.
func moneyView(r *request, title string, data any) *view {
	v := withData(r.view(title), data)
	if key, ok := moneyDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(r.lang, key)
	}
	return v
}

// summaryData is the co-op's money for a month and each member's balance.
type summaryData struct {
	MonthName string
	Figures   []row
	Members   []memberBalance
}

// memberBalance is a member and what their account holds.
type memberBalance struct {
	ID, Name, Balance string
	Overdrawn         bool
}

// moneySummary is the co-op's summary (GET /v1/coop/summary's figures) for
// this month and every member's balance, each a link to their account.
func (h *Handler) moneySummary(w http.ResponseWriter, r *request) error {
	month := dpcoop.Month(dpcoop.DateOf(r.now).Month())
	s, err := h.cfg.Services.Accounts.Summary(r.Context(), r.principal, month)
	if err != nil {
		return err
	}
	reg, err := h.cfg.Services.Members.Register(r.Context(), r.principal)
	if err != nil {
		return err
	}
	l := r.lang
	d := summaryData{MonthName: payslips.MonthName(l, string(month)), Figures: []row{
		{T(l, "adminmoney.hold"), payslips.Pounds(s.MembersHold)},
		{T(l, "adminmoney.overdrawn"), strconv.Itoa(s.MembersOverdrawn)},
	}}
	for _, src := range []dpcoop.Source{dpcoop.SourceCouncilPayment, dpcoop.SourcePayrollCharge, dpcoop.SourceCoopFee,
		dpcoop.SourcePoolContribution, dpcoop.SourcePoolSpending, dpcoop.SourceRefund, dpcoop.SourceAdjustment} {
		d.Figures = append(d.Figures, row{T(l, "adminmoney.moved", "what", T(l, "adminmoney.source."+string(src))), payslips.Pounds(s.BySource[src])})
	}
	d.Figures = append(d.Figures, row{T(l, "adminmoney.total"), payslips.Pounds(s.LedgerTotal)})
	for _, m := range reg {
		b := s.Accounts[dpcoop.MemberAccount(m.ID)]
		d.Members = append(d.Members, memberBalance{ID: m.ID, Name: m.Name, Balance: payslips.Pounds(b), Overdrawn: b < 0})
	}
	slices.SortFunc(d.Members, func(a, b memberBalance) int { return strings.Compare(a.Name, b.Name) })
	h.render(w, r, http.StatusOK, "admin-money", moneyView(r, "adminmoney.title", d))
	return nil
}

// accountData is a member's account for a month as an admin reads it.
type accountData struct {
	Member, Name, Month, MonthName, BroughtForward, CarriedForward string
	Entries                                                        []entryRow
	Months                                                         []option
}

// entryRow is one entry on a member's account, with the link to reverse it.
type entryRow struct {
	ID, Date, What, Ref, In, Out string
	Reversible                   bool
}

// memberName is a member's name from the register, or not found.
func (h *Handler) memberName(r *request, id string) (string, error) {
	reg, err := h.cfg.Services.Members.Register(r.Context(), r.principal)
	if err != nil {
		return "", err
	}
	for _, m := range reg {
		if m.ID == id {
			return m.Name, nil
		}
	}
	return "", dpcoop.E("member account", dpcoop.KindNotFound, dpcoop.CodeNotFound)
}

// memberAccount is a member's account for a month: its entries, each with a
// link to reverse it, the statement's downloads, and the links to record a
// council payment or an adjustment.
func (h *Handler) memberAccount(w http.ResponseWriter, r *request) error {
	id := r.PathValue("member")
	name, err := h.memberName(r, id)
	if err != nil {
		return err
	}
	month, err := statementMonth(r, r.URL.Query().Get("month"))
	if err != nil {
		return err
	}
	a, err := h.cfg.Services.Accounts.Account(r.Context(), r.principal, id, month)
	if err != nil {
		return err
	}
	l := r.lang
	d := accountData{Member: id, Name: name, Month: a.Month, MonthName: payslips.MonthName(l, a.Month),
		BroughtForward: payslips.Pounds(a.BroughtForward), CarriedForward: payslips.Pounds(a.CarriedForward)}
	for _, e := range a.Entries {
		er := entryRow{ID: e.ID, Date: longDate(l, e.Date), What: T(l, "adminmoney.source."+string(e.Source)), Ref: e.Ref,
			Reversible: !strings.HasPrefix(e.Ref, "reverses:")}
		if e.Effect > 0 {
			er.In = payslips.Pounds(e.Effect)
		} else {
			er.Out = payslips.Pounds(-e.Effect)
		}
		d.Entries = append(d.Entries, er)
	}
	first, _ := dpcoop.Month(dpcoop.DateOf(r.now).Month()).Bounds()
	for i := 0; i < 12; i++ {
		m := first.Time().AddDate(0, -i, 0).Format("2006-01")
		d.Months = append(d.Months, option{Value: m, Text: payslips.MonthName(l, m)})
	}
	v := moneyView(r, "adminmoney.account.title", d)
	v.Title = T(l, "adminmoney.account.title", "name", name)
	v.Form = "money"
	v.Values.Set("month", a.Month)
	h.render(w, r, http.StatusOK, "admin-money-account", v)
	return nil
}

// memberStatementFile is a member's statement as the PDF or CSV the member
// and the API get, in the member's language first.
func (h *Handler) memberStatementFile(w http.ResponseWriter, r *request) error {
	if _, err := h.memberName(r, r.PathValue("member")); err != nil {
		return err
	}
	return h.writeStatement(w, r, r.PathValue("member"))
}

// entryFormData is what the payment and adjustment forms need: whose
// account, and the form's key, so a repeat of the same form posts once.
type entryFormData struct {
	Member, Name, Key string
	Directions        []option
}

// entryFormView starts the payment or adjustment form for the path's member.
func (h *Handler) entryFormView(r *request, form, title string) (*view, error) {
	id := r.PathValue("member")
	name, err := h.memberName(r, id)
	if err != nil {
		return nil, err
	}
	d := entryFormData{Member: id, Name: name, Key: newSecret()}
	if r.Method == http.MethodPost {
		d.Key = r.PostFormValue("key")
	}
	for _, dir := range []string{"in", "out"} {
		d.Directions = append(d.Directions, option{Value: dir, Text: T(r.lang, "adjustment.direction."+dir)})
	}
	v := withData(r.view(title), d)
	v.Title = T(r.lang, title, "name", name)
	v.Form = form
	return v, nil
}

// setToday fills a date input's parts with today.
func setToday(r *request, v *view, field string) {
	t := r.now.In(dpcoop.London)
	v.Values.Set(field+"-day", strconv.Itoa(t.Day()))
	v.Values.Set(field+"-month", strconv.Itoa(int(t.Month())))
	v.Values.Set(field+"-year", strconv.Itoa(t.Year()))
}

// keep copies a form's answers into the view and returns them trimmed.
func keep(r *request, v *view, fields ...string) {
	for _, f := range fields {
		v.Values.Set(f, strings.TrimSpace(r.PostFormValue(f)))
	}
}

// dateOf is a date input's answer as YYYY-MM-DD (see formDate).
func dateOf(v *view, field string) string {
	return formDate(v.Val(field+"-day"), v.Val(field+"-month"), v.Val(field+"-year"))
}

// dateFields are a date input's parts.
func dateFields(field string) []string {
	return []string{field + "-day", field + "-month", field + "-year"}
}

// penceOf reads an amount in pounds ("1,234.56", "£12", "12.5") as pence,
// nothing as 0; anything else is -1, which the service refuses as out of range.
func penceOf(s string) int64 {
	if strings.TrimSpace(s) == "" {
		return 0
	}
	if p, ok := dpcoop.ParseHundredths(s); ok {
		return p
	}
	return -1
}

// entryKey is the id of the entry a form posts: from its key, so the same
// form sent twice records one entry and a new form a new one.
func entryKey(r *request, key string) func(dpcoop.Entry) (string, error) {
	return func(e dpcoop.Entry) (string, error) {
		if key == "" {
			return "", dpcoop.E("post entry", dpcoop.KindMalformed, dpcoop.CodeMalformed)
		}
		return dpcoop.DerivedID("entry-form", string(r.principal.Coop), r.principal.Person, key), nil
	}
}

func (h *Handler) paymentForm(w http.ResponseWriter, r *request) error {
	v, err := h.entryFormView(r, "payment", "adminmoney.payment.title")
	if err != nil {
		return err
	}
	setToday(r, v, "date")
	h.render(w, r, http.StatusOK, "admin-money-payment", v)
	return nil
}

// recordPayment records a council's direct payment into the member's
// account.
func (h *Handler) recordPayment(w http.ResponseWriter, r *request) error {
	v, err := h.entryFormView(r, "payment", "adminmoney.payment.title")
	if err != nil {
		return err
	}
	keep(r, v, append(append(append([]string{"amount_pence", "council", "reference"}, dateFields("date")...), dateFields("period_from")...), dateFields("period_to")...)...)
	in := dpcoop.CouncilPayment{Amount: penceOf(v.Val("amount_pence")), Date: dateOf(v, "date"), Council: v.Val("council"),
		PeriodFrom: dateOf(v, "period_from"), PeriodTo: dateOf(v, "period_to"), Reference: v.Val("reference")}
	d := v.Data.(entryFormData)
	_, err = h.cfg.Services.Accounts.Post(r.Context(), r.principal, d.Member, in, entryKey(r, d.Key), r.now)
	if v.problems(err) {
		h.render(w, r, http.StatusBadRequest, "admin-money-payment", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/money/"+d.Member+"?done=payment", http.StatusSeeOther)
	return nil
}

func (h *Handler) adjustmentForm(w http.ResponseWriter, r *request) error {
	v, err := h.entryFormView(r, "adjustment", "adminmoney.adjustment.title")
	if err != nil {
		return err
	}
	setToday(r, v, "date")
	h.render(w, r, http.StatusOK, "admin-money-adjustment", v)
	return nil
}

// recordAdjustment records money into or out of the member's account, with
// the reason.
func (h *Handler) recordAdjustment(w http.ResponseWriter, r *request) error {
	v, err := h.entryFormView(r, "adjustment", "adminmoney.adjustment.title")
	if err != nil {
		return err
	}
	keep(r, v, append([]string{"direction", "amount_pence", "reason"}, dateFields("date")...)...)
	in := dpcoop.Adjustment{Amount: penceOf(v.Val("amount_pence")), Date: dateOf(v, "date"), Reason: v.Val("reason")}
	if v.Val("direction") == "out" && in.Amount > 0 {
		in.Amount = -in.Amount
	}
	d := v.Data.(entryFormData)
	if v.Val("direction") == "in" || v.Val("direction") == "out" {
		_, err = h.cfg.Services.Accounts.Post(r.Context(), r.principal, d.Member, in, entryKey(r, d.Key), r.now)
	} else {
		v.addError(dpcoop.FieldError{Field: "direction", Code: dpcoop.FieldRequired})
		_, err = in.Entry(d.Member, r.principal.Person, r.now) // the other answers' problems too, writing nothing
	}
	if v.problems(err) || len(v.Errors) > 0 {
		h.render(w, r, http.StatusBadRequest, "admin-money-adjustment", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/money/"+d.Member+"?done=adjustment", http.StatusSeeOther)
	return nil
}

// reversal is the entry to reverse, found on the member's account in the
// month the request names, and what the account holds now.
type reversal struct {
	Member, Name, Month string
	Entry               dpcoop.AccountEntry
	Balance             int64
}

func (h *Handler) findReversal(r *request, month string) (reversal, error) {
	id, entry := r.PathValue("member"), r.PathValue("entry")
	name, err := h.memberName(r, id)
	if err != nil {
		return reversal{}, err
	}
	m, err := statementMonth(r, month)
	if err != nil {
		return reversal{}, err
	}
	a, err := h.cfg.Services.Accounts.Account(r.Context(), r.principal, id, m)
	if err != nil {
		return reversal{}, err
	}
	i := slices.IndexFunc(a.Entries, func(e dpcoop.AccountEntry) bool { return e.ID == entry })
	if i < 0 {
		return reversal{}, dpcoop.E("reverse entry", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	now, err := h.cfg.Services.Accounts.Account(r.Context(), r.principal, id, dpcoop.Month(dpcoop.DateOf(r.now).Month()))
	if err != nil {
		return reversal{}, err
	}
	return reversal{Member: id, Name: name, Month: string(m), Entry: a.Entries[i], Balance: now.CarriedForward}, nil
}

// reverseView is the form asking why an entry is reversed.
func reverseView(r *request, rv reversal) *view {
	l := r.lang
	v := withData(r.view("adminmoney.reverse.title"), struct {
		Rows   []row
		Action string
		Month  string
		Cancel string
	}{Rows: reversalRows(l, rv), Action: reverseAction(rv), Month: rv.Month, Cancel: "/admin/money/" + rv.Member + "?month=" + rv.Month})
	v.Form = "reverse"
	return v
}

func reverseAction(rv reversal) string {
	return "/admin/money/" + rv.Member + "/entries/" + rv.Entry.ID + "/reverse"
}

// reversalRows say what reversing the entry does: the entry, its amount and
// the account's balance after.
func reversalRows(l dpcoop.Lang, rv reversal) []row {
	e := rv.Entry
	return []row{
		{T(l, "adminmoney.reverse.member"), rv.Name},
		{T(l, "adminmoney.reverse.entry"), longDate(l, e.Date) + ": " + T(l, "adminmoney.source."+string(e.Source))},
		{T(l, "adminmoney.reverse.amount"), payslips.Pounds(e.Effect)},
		{T(l, "adminmoney.reverse.balance"), payslips.Pounds(rv.Balance - e.Effect)},
	}
}

func (h *Handler) reverseForm(w http.ResponseWriter, r *request) error {
	rv, err := h.findReversal(r, r.URL.Query().Get("month"))
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "admin-money-reverse", reverseView(r, rv))
	return nil
}

// reverseEntry takes the reason, then asks to confirm with what will
// happen, and reverses the entry only once confirmed.
func (h *Handler) reverseEntry(w http.ResponseWriter, r *request) error {
	rv, err := h.findReversal(r, r.PostFormValue("month"))
	if err != nil {
		return err
	}
	reason, err := dpcoop.ValidateRejection(r.PostFormValue("reason"))
	if err != nil {
		v := reverseView(r, rv)
		v.Values.Set("reason", r.PostFormValue("reason"))
		v.problems(err)
		h.render(w, r, http.StatusBadRequest, "admin-money-reverse", v)
		return nil
	}
	if !confirmed(r) {
		l := r.lang
		lines := []string{}
		for _, x := range reversalRows(l, rv)[1:] {
			lines = append(lines, x.Key+": "+x.Value)
		}
		lines = append(lines, T(l, "adminmoney.reverse.reason")+": "+reason)
		h.confirm(w, r, "adminmoney.reverse.title", confirmData{
			Heading: T(l, "adminmoney.reverse.heading", "name", rv.Name), Lines: lines, Action: reverseAction(rv),
			Hidden: []hidden{{"month", rv.Month}, {"reason", reason}}, Button: T(l, "adminmoney.reverse.button"),
			Cancel: "/admin/money/" + rv.Member + "?month=" + rv.Month,
		})
		return nil
	}
	if _, err := h.cfg.Services.Accounts.Reverse(r.Context(), r.principal, rv.Entry.ID, reason, r.now); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/money/"+rv.Member+"?done=reversed", http.StatusSeeOther)
	return nil
}
