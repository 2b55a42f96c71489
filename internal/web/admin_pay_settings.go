package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// settingsNumbers are the payroll settings the form asks as whole numbers,
// with where each is kept.
func settingsNumbers(s *dpcoop.PayrollSettings) []struct {
	name string
	int  *int
	i64  *int64
} {
	return []struct {
		name string
		int  *int
		i64  *int64
	}{
		{"pay_day", &s.PayDay, nil}, {"lead_days", &s.LeadDays, nil}, {"holiday_year_month", &s.HolidayYearMonth, nil},
		{"pension_postponement_months", &s.PensionPostponementMonths, nil}, {"probation_months", &s.ProbationMonths, nil},
		{"fee_per_member_pence", nil, &s.FeePerMemberPence}, {"fee_basis_points", nil, &s.FeeBasisPoints},
		{"pension_employer_bp", nil, &s.PensionEmployerBP}, {"pension_employee_bp", nil, &s.PensionEmployeeBP},
		{"mileage_pence", nil, &s.MileagePence}, {"surplus_limit_pence", nil, &s.SurplusLimitPence},
	}
}

// settingsTexts are the settings the form asks as text.
func settingsTexts(s *dpcoop.PayrollSettings) map[string]*string {
	return map[string]*string{
		"pension_scheme_name": &s.PensionSchemeName, "paye_reference": &s.PAYEReference,
		"accounts_office_reference": &s.AccountsOfficeReference, "nest_employer_reference": &s.NestEmployerReference,
		"nest_payment_source": &s.NestPaymentSource, "pension_relief": &s.PensionRelief, "holiday": &s.Holiday,
		"statutory_pay_charge": &s.StatutoryCharge, "procedure_url": &s.ProcedureURL,
	}
}

// settingsFlags are the settings the form asks as yes or no.
func settingsFlags(s *dpcoop.PayrollSettings) map[string]*bool {
	return map[string]*bool{"auto_finalise": &s.AutoFinalise, "pays_within_month": &s.PaysWithinMonth, "employment_allowance": &s.EmploymentAllowance}
}

// paySettingsData are the payroll settings form's choices.
type paySettingsData struct {
	Relief, Holiday, Charge, YesNo []option
}

func settingsView(r *request) *view {
	l := r.lang
	opts := func(prefix string, values ...string) []option {
		out := make([]option, len(values))
		for i, v := range values {
			out[i] = option{Value: v, Text: T(l, prefix+v)}
		}
		return out
	}
	d := paySettingsData{
		Relief:  opts("paysettings.relief.", "relief_at_source", "net_pay"),
		Holiday: opts("paysettings.holiday.", "accrued", "rolled_up"),
		Charge:  opts("paysettings.charge.", dpcoop.StatutoryChargeMembers, dpcoop.StatutoryChargeCoop),
		YesNo:   opts("paysettings.", "yes", "no"),
	}
	v := payView(r, "pay.settings.title", d)
	v.Form = "paysettings"
	return v
}

// settingsValues fills the form with the settings.
func settingsValues(v *view, s dpcoop.PayrollSettings) {
	for _, n := range settingsNumbers(&s) {
		if n.int != nil {
			v.Values.Set(n.name, strconv.Itoa(*n.int))
		} else {
			v.Values.Set(n.name, strconv.FormatInt(*n.i64, 10))
		}
	}
	for name, p := range settingsTexts(&s) {
		v.Values.Set(name, *p)
	}
	if v.Val("statutory_pay_charge") == "" {
		v.Values.Set("statutory_pay_charge", dpcoop.StatutoryChargeMembers)
	}
	for name, p := range settingsFlags(&s) {
		v.Values.Set(name, map[bool]string{true: "yes", false: "no"}[*p])
	}
}

// payrollSettings is the payroll settings form, with the HMRC credentials'.
func (h *Handler) payrollSettings(w http.ResponseWriter, r *request) error {
	s, err := h.cfg.Services.Payroll.Settings(r.Context(), r.principal)
	if err != nil {
		return err
	}
	v := settingsView(r)
	settingsValues(v, s)
	h.render(w, r, http.StatusOK, "admin-pay-settings", v)
	return nil
}

// setPayrollSettings replaces the settings the form asks, keeping the rest,
// as PUT /v1/payroll/settings does.
func (h *Handler) setPayrollSettings(w http.ResponseWriter, r *request) error {
	s, err := h.cfg.Services.Payroll.Settings(r.Context(), r.principal)
	if err != nil {
		return err
	}
	v := settingsView(r)
	var problems dpcoop.Problems
	for _, n := range settingsNumbers(&s) {
		raw := strings.TrimSpace(r.PostFormValue(n.name))
		v.Values.Set(n.name, raw)
		x, err := strconv.ParseInt(raw, 10, 64)
		switch {
		case err != nil:
			problems.Add(n.name, dpcoop.FieldNumber)
		case n.int != nil:
			*n.int = int(max(min(x, 1<<31-1), -1<<31))
		default:
			*n.i64 = x
		}
	}
	for name, p := range settingsTexts(&s) {
		*p = strings.TrimSpace(r.PostFormValue(name))
		v.Values.Set(name, *p)
	}
	for name, p := range settingsFlags(&s) {
		a := r.PostFormValue(name)
		v.Values.Set(name, a)
		if a != "yes" && a != "no" {
			problems.Add(name, dpcoop.FieldRequired)
		}
		*p = a == "yes"
	}
	if err := problems.Err("payroll settings"); err != nil {
		// The rest of the answers are checked too, so every problem shows at once.
		v.problems(err)
		v.problems(s.Validate())
		h.render(w, r, http.StatusBadRequest, "admin-pay-settings", v)
		return nil
	}
	_, err = h.cfg.Services.Payroll.SetSettings(r.Context(), r.principal, s, r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/payroll/settings?done=settings", http.StatusSeeOther)
		return nil
	}
	if !v.refused(err) {
		return err
	}
	h.render(w, r, http.StatusBadRequest, "admin-pay-settings", v)
	return nil
}

// setHMRCCredentials keeps the co-op's Government Gateway credentials, as
// PUT /v1/payroll/hmrc-credentials does; the password is never shown back.
func (h *Handler) setHMRCCredentials(w http.ResponseWriter, r *request) error {
	in := dpcoop.GatewayCredentialsInput{SenderID: strings.TrimSpace(r.PostFormValue("sender_id")), Password: r.PostFormValue("password")}
	err := h.cfg.Services.Filing.SetCredentials(r.Context(), r.principal, in)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/payroll/settings?done=credentials", http.StatusSeeOther)
		return nil
	}
	s, serr := h.cfg.Services.Payroll.Settings(r.Context(), r.principal)
	if serr != nil {
		return serr
	}
	v := settingsView(r)
	settingsValues(v, s)
	v.Values.Set("sender_id", in.SenderID)
	if !v.refused(err) {
		return err
	}
	for i, e := range v.Errors {
		v.Errors[i].Anchor = "payhmrc-" + e.Field
	}
	h.render(w, r, http.StatusBadRequest, "admin-pay-settings", v)
	return nil
}

// p60Row is a PA's P60 in the year's list.
type p60Row struct{ PA, Name, Pay, Tax string }

// p60Data is a tax year's P60s, with the years to choose.
type p60Data struct {
	Year  string
	Years []option
	Rows  []p60Row
	// NotEnded: the year chosen has not ended, so it has no P60s yet.
	NotEnded bool
}

// p60List is every P60 of a tax year that has ended (?year=, else the last
// one), each PA's as a PDF.
func (h *Handler) p60List(w http.ResponseWriter, r *request) error {
	last := dpcoop.TaxYearOf(dpcoop.DateOf(r.now))
	d := p60Data{}
	start, _ := strconv.Atoi(string(last)[:4])
	for y := start - 1; y >= start-6; y-- {
		ty := strconv.Itoa(y) + "-" + strconv.Itoa((y+1)%100 + 100)[1:]
		d.Years = append(d.Years, option{Value: ty, Text: ty})
	}
	d.Year = d.Years[0].Value
	if q := r.URL.Query().Get("year"); q != "" {
		y, ok := dpcoop.ParseTaxYear(q)
		if !ok {
			return dpcoop.E("p60s", dpcoop.KindNotFound, dpcoop.CodeNotFound)
		}
		d.Year = string(y)
	}
	items, err := h.cfg.Services.Payroll.P60s(r.Context(), r.principal, dpcoop.TaxYear(d.Year), r.now)
	switch {
	case dpcoop.IsKind(err, dpcoop.KindConflict):
		d.NotEnded = true
	case err != nil:
		return err
	}
	for _, p := range items {
		d.Rows = append(d.Rows, p60Row{PA: p.PA, Name: p.Name, Pay: payslips.Pounds(p.PayInEmployment), Tax: payslips.Pounds(p.TaxInEmployment)})
	}
	v := payView(r, "pay.p60.title", d)
	v.Form = "payp60"
	v.Values.Set("year", d.Year)
	h.render(w, r, http.StatusOK, "admin-pay-p60s", v)
	return nil
}

// p60PDF is a PA's P60 for a tax year that has ended, as the API gives it,
// in the PA's language first (it is theirs to keep).
func (h *Handler) p60PDF(w http.ResponseWriter, r *request) error {
	year, ok := dpcoop.ParseTaxYear(r.PathValue("year"))
	if !ok {
		return dpcoop.E("p60", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	pa := strings.TrimSuffix(r.PathValue("pa"), ".pdf")
	p, rec, err := h.cfg.Services.Payroll.P60(r.Context(), r.principal, pa, year, r.now)
	if err != nil {
		return err
	}
	b, err := payslips.P60PDF(payslips.EmployerFromCoop(r.coop), rec.Language, p)
	if err != nil {
		return dpcoop.Wrap("render p60", err)
	}
	return download(w, "application/pdf", "p60-"+string(year)+"-"+pa+".pdf", "", b)
}
