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
	p, pa, err := h.Payroll.P60(ctx, r.principal, id, year, r.now)
	if err != nil {
		return nil, err
	}
	coop := r.principal.Coop
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
	items, err := h.Payroll.P60s(ctx, r.principal, year, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]any{"tax_year": year, "items": items}), nil
}
