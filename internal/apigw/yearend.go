package apigw

import (
	"context"
	"net/http"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// pathTaxYear reads the path's tax year ("2026-27"); anything else is not
// found.
func (r *request) pathTaxYear() (dpcoop.TaxYear, error) {
	y, ok := dpcoop.ParseTaxYear(r.param("tax_year"))
	if !ok {
		return "", dpcoop.E("read tax year", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return y, nil
}

// getP60 gives a PA's P60 for a tax year that has ended, to an admin or the
// PA themself: JSON, or with Accept: application/pdf the bilingual
// certificate in the PA's language first.
func (h *Handler) getP60(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	year, err := r.pathTaxYear()
	if err != nil {
		return nil, err
	}
	if !r.principal.MaySee(id) {
		return nil, dpcoop.E("read p60", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	coop := r.principal.Coop
	pa, hist, err := h.paWithHistory(ctx, coop, id)
	if err != nil {
		return nil, err
	}
	slips, err := h.finalSlips(ctx, coop, id)
	if err != nil {
		return nil, err
	}
	p, err := hist.P60(pa, year, slips, dpcoop.DateOf(r.now))
	if err != nil {
		return nil, err
	}
	if !strings.Contains(strings.ToLower(r.header("accept")), "application/pdf") {
		return jsonResponse(http.StatusOK, p), nil
	}
	c, err := h.deps.Store.Coop(ctx, coop)
	if err != nil {
		return nil, err
	}
	b, err := payslips.P60PDF(payslips.EmployerFromCoop(c), pa.Language, p)
	if err != nil {
		return nil, dpcoop.Wrap("render p60", err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="p60-` + string(year) + `.pdf"`, "cache-control": "private, no-store",
	}}, nil
}

// listP60s gives an admin the P60 of every PA the co-op paid in a tax year
// that has ended and who was still employed on its last day, from the final
// runs that paid in it.
func (h *Handler) listP60s(ctx context.Context, r *request) (*response, error) {
	year, err := r.pathTaxYear()
	if err != nil {
		return nil, err
	}
	coop, today := r.principal.Coop, dpcoop.DateOf(r.now)
	if !year.End().Before(today) {
		return nil, dpcoop.E("list p60s", dpcoop.KindConflict, dpcoop.CodeYearNotEnded)
	}
	byPA := map[string][]dpcoop.Payslip{}
	var order []string
	for _, month := range year.RunMonths() {
		run, slips, err := h.runSlips(ctx, coop, month)
		if dpcoop.IsKind(err, dpcoop.KindNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if run.Status != dpcoop.RunFinal {
			continue
		}
		for _, s := range slips {
			if _, seen := byPA[s.PA]; !seen {
				order = append(order, s.PA)
			}
			byPA[s.PA] = append(byPA[s.PA], s)
		}
	}
	items := []dpcoop.P60{}
	for _, id := range order {
		pa, hist, err := h.paWithHistory(ctx, coop, id)
		if err != nil {
			return nil, err
		}
		p, err := hist.P60(pa, year, byPA[id], today)
		if dpcoop.IsKind(err, dpcoop.KindNotFound) || dpcoop.IsKind(err, dpcoop.KindConflict) {
			continue // paid nothing in the year, or left before its end (a P45)
		}
		if err != nil {
			return nil, err
		}
		items = append(items, p)
	}
	return jsonResponse(http.StatusOK, map[string]any{"tax_year": year, "items": items}), nil
}

// paWithHistory reads a PA's record and their pay history.
func (h *Handler) paWithHistory(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, dpcoop.PayHistory, error) {
	pa, err := h.deps.Payroll.PA(ctx, coop, id)
	if err != nil {
		return dpcoop.PA{}, dpcoop.PayHistory{}, err
	}
	hist, err := h.deps.Payroll.PayHistory(ctx, coop, id)
	return pa, hist, err
}
