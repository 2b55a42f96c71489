package web

import (
	"net/http"
	"strconv"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// The admins' pool pages: the co-op's pools, setting one up, and a pool's
// members, balance and spending, with a form to record what it spends.
// Spending above a pool's limit waits for its members, who approve it on
// their own pages: an admin does not approve it.
func (h *Handler) adminPoolRoutes() {
	h.mux.HandleFunc("GET /admin/pools", h.page(adminOnly, h.poolList))
	h.mux.HandleFunc("GET /admin/pools/new", h.page(adminOnly, h.newPoolForm))
	h.mux.HandleFunc("POST /admin/pools/new", h.page(adminOnly, h.addPool))
	h.mux.HandleFunc("GET /admin/pools/{id}", h.page(adminOnly, h.shows("admin-pool", h.poolView)))
	h.mux.HandleFunc("POST /admin/pools/{id}/spending", h.page(adminOnly, h.addSpending))
}

// adminPoolRow is a pool in the admins' list.
type adminPoolRow struct {
	ID, Name, Rule, Limit string
}

// poolList lists the co-op's pools.
func (h *Handler) poolList(w http.ResponseWriter, r *request) error {
	ps, err := h.cfg.Services.Accounts.Pools(r.Context(), r.principal)
	if err != nil {
		return err
	}
	l := r.lang
	rows := []adminPoolRow{}
	for _, p := range ps {
		rows = append(rows, adminPoolRow{ID: p.ID, Name: pick(l, p.NameCY, p.NameEN), Rule: poolRule(l, p),
			Limit: T(l, "adminpool.limit."+string(period(p)), "amount", payslips.Pounds(p.SpendingLimit))})
	}
	h.render(w, r, http.StatusOK, "admin-pools", moneyView(r, "adminpool.title", rows))
	return nil
}

// period is a pool's spending period (month for pools from before periods).
func period(p dpcoop.Pool) dpcoop.SpendingPeriod {
	if p.SpendingPeriod == "" {
		return dpcoop.PeriodMonth
	}
	return p.SpendingPeriod
}

// poolRule says how a pool's members pay into it.
func poolRule(l dpcoop.Lang, p dpcoop.Pool) string {
	return T(l, "adminpool.rule."+string(p.Rule), "amount", payslips.Pounds(p.FixedPence))
}

// poolFormData are the new pool form's choices.
type poolFormData struct {
	Rules, Periods []option
}

func newPoolView(r *request) *view {
	l := r.lang
	var d poolFormData
	for _, rule := range []dpcoop.ContributionRule{dpcoop.RuleFixed, dpcoop.RuleEqualShare, dpcoop.RuleWeightedShare} {
		d.Rules = append(d.Rules, option{Value: string(rule), Text: T(l, "newpool.rule."+string(rule))})
	}
	for _, p := range []dpcoop.SpendingPeriod{dpcoop.PeriodWeek, dpcoop.PeriodMonth, dpcoop.PeriodYear} {
		d.Periods = append(d.Periods, option{Value: string(p), Text: T(l, "newpool.spending_period."+string(p))})
	}
	v := withData(r.view("adminpool.new.title"), d)
	v.Form = "newpool"
	return v
}

func (h *Handler) newPoolForm(w http.ResponseWriter, r *request) error {
	v := newPoolView(r)
	v.Values.Set("spending_period", string(dpcoop.PeriodMonth))
	v.Values.Set("key", newSecret())
	h.render(w, r, http.StatusOK, "admin-pool-new", v)
	return nil
}

// addPool sets up a pool once: the same form sent twice makes one pool.
func (h *Handler) addPool(w http.ResponseWriter, r *request) error {
	v := newPoolView(r)
	keep(r, v, "name_cy", "name_en", "purpose_cy", "purpose_en", "rule", "fixed_pence", "spending_limit_pence", "spending_period", "key")
	in := dpcoop.PoolInput{NameCY: v.Val("name_cy"), NameEN: v.Val("name_en"), PurposeCY: v.Val("purpose_cy"), PurposeEN: v.Val("purpose_en"),
		Rule: v.Val("rule"), FixedPence: penceOf(v.Val("fixed_pence")), SpendingLimit: penceOf(v.Val("spending_limit_pence")),
		SpendingPeriod: v.Val("spending_period")}
	if v.Val("rule") != string(dpcoop.RuleFixed) && v.Val("fixed_pence") != "" {
		in.FixedPence = 0 // the amount belongs to the fixed rule only
	}
	key := v.Val("key")
	p, err := h.cfg.Services.Accounts.AddPool(r.Context(), r.principal, in, func(dpcoop.Pool) (string, error) {
		if key == "" {
			return "", dpcoop.E("add pool", dpcoop.KindMalformed, dpcoop.CodeMalformed)
		}
		return dpcoop.DerivedID("pool-form", string(r.principal.Coop), r.principal.Person, key), nil
	}, r.now)
	if v.problems(err) {
		h.render(w, r, http.StatusBadRequest, "admin-pool-new", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/pools/"+p.ID+"?done=pool", http.StatusSeeOther)
	return nil
}

// poolPageData is one pool as the admins see it.
type poolPageData struct {
	ID      string
	Rows    []row
	Members []row
	Spent   []spendingLine
	Key     string
}

// spendingLine is one of a pool's spendings.
type spendingLine struct {
	Date, Description, Amount, Status, Colour, Approvals string
}

// poolView reads a pool for its page, with its spending form.
func (h *Handler) poolView(r *request) (*view, error) {
	id := r.PathValue("id")
	pv, err := h.cfg.Services.Accounts.Pool(r.Context(), r.principal, id, "")
	if err != nil {
		return nil, err
	}
	spent, err := h.cfg.Services.Accounts.Spendings(r.Context(), r.principal, id)
	if err != nil {
		return nil, err
	}
	reg, err := h.cfg.Services.Members.Register(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, m := range reg {
		names[m.ID] = m.Name
	}
	l := r.lang
	d := poolPageData{ID: pv.ID, Key: newSecret(), Rows: []row{
		{T(l, "adminpool.purpose"), pick(l, pv.PurposeCY, pv.PurposeEN)},
		{T(l, "pool.balance"), payslips.Pounds(pv.Balance)},
		{T(l, "adminpool.rule"), poolRule(l, pv.Pool)},
		{T(l, "adminpool.limit"), T(l, "adminpool.limit."+string(period(pv.Pool)), "amount", payslips.Pounds(pv.SpendingLimit))},
	}}
	for _, m := range pv.Members {
		d.Members = append(d.Members, row{Key: names[m.Member], Value: T(l, "data.joined", "date", longDate(l, m.Joined))})
	}
	for _, s := range spent {
		line := spendingLine{Date: longDate(l, s.Date), Description: s.Description, Amount: payslips.Pounds(s.Amount),
			Status: T(l, "adminpool.status."+string(s.Status)), Colour: "green"}
		if s.Status == dpcoop.SpendingAwaiting {
			line.Colour = "blue"
			line.Approvals = T(l, "pool.approvals", "count", strconv.Itoa(len(s.Approvals)), "of", strconv.Itoa(len(pv.Members)))
		}
		d.Spent = append(d.Spent, line)
	}
	v := moneyView(r, "adminpool.title", d)
	v.Title = pick(l, pv.NameCY, pv.NameEN)
	v.Form = "spend"
	setToday(r, v, "date")
	return v, nil
}

// addSpending records what the pool spends: at once within its limit, or
// waiting for its members' approval above it.
func (h *Handler) addSpending(w http.ResponseWriter, r *request) error {
	v, err := h.poolView(r)
	if err != nil {
		return err
	}
	keep(r, v, append([]string{"amount_pence", "description"}, dateFields("date")...)...)
	d := v.Data.(poolPageData)
	d.Key = r.PostFormValue("key")
	v.Data = d
	in := dpcoop.SpendingInput{Amount: penceOf(v.Val("amount_pence")), Date: dateOf(v, "date"), Description: v.Val("description")}
	sp, err := h.cfg.Services.Accounts.Spend(r.Context(), r.principal, d.ID, in, func(dpcoop.Spending) (string, error) {
		if d.Key == "" {
			return "", dpcoop.E("add spending", dpcoop.KindMalformed, dpcoop.CodeMalformed)
		}
		return dpcoop.DerivedID("spending-form", string(r.principal.Coop), r.principal.Person, d.Key), nil
	}, r.now)
	if de := dpcoop.ErrorOf(err); de.Code == dpcoop.CodePoolFunds {
		for _, fe := range de.Fields {
			v.addError(fe)
		}
	}
	if len(v.Errors) > 0 || v.problems(err) {
		h.render(w, r, http.StatusBadRequest, "admin-pool", v)
		return nil
	}
	if err != nil {
		return err
	}
	done := "spending"
	if sp.Status == dpcoop.SpendingAwaiting {
		done = "awaiting"
	}
	http.Redirect(w, r.Request, "/admin/pools/"+d.ID+"?done="+done, http.StatusSeeOther)
	return nil
}
