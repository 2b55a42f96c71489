package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// paData shows a PA what their copy of the data the co-op holds about them
// holds, part by part, with the download of the whole (docs/pa-data.md).
func (h *Handler) paData(w http.ResponseWriter, r *request) error {
	d, err := h.cfg.Services.PACopy.Data(r.Context(), r.principal, r.principal.Person, r.now)
	if err != nil {
		return err
	}
	l, n := r.lang, func(i int) string { return strconv.Itoa(i) }
	versions := 0
	for _, s := range d.Statements {
		versions += len(s.Versions)
	}
	checks := len(d.Recruiting.RightToWork) + len(d.Recruiting.DBS) + len(d.Recruiting.References)
	shared := 0
	if d.MatchProfile != nil {
		shared = len(d.MatchProfile.Shared())
	}
	cover := "padata.no"
	if d.Cover.Willing {
		cover = "padata.yes"
	}
	in := T(l, "padata.incopy")
	rows := []row{
		{T(l, "padata.record"), T(l, "padata.record.value")},
		{T(l, "padata.employments"), n(len(d.Employments))},
		{T(l, "padata.statements"), n(versions)},
		{T(l, "padata.payslips"), n(len(d.Payslips))},
		{T(l, "padata.shifts"), n(len(d.Shifts))},
		{T(l, "padata.holiday"), in},
		{T(l, "padata.sickness"), n(len(d.Sickness.Absences))},
		{T(l, "padata.pension"), in},
		{T(l, "padata.recruitment"), n(checks)},
		{T(l, "padata.training"), n(len(d.Training.Training))},
		{T(l, "padata.cases"), n(len(d.Cases))},
		{T(l, "padata.matching"), T(l, "padata.matching.value", "fields", n(shared), "offers", n(len(d.Offers)))},
		{T(l, "padata.cover"), T(l, cover)},
		{T(l, "padata.notices"), n(len(d.Notices))},
	}
	h.render(w, r, http.StatusOK, "pa-data", withData(r.view("data.title"), rows))
	return nil
}

// paDataDownload is the PA's whole copy, as the API gives it.
func (h *Handler) paDataDownload(w http.ResponseWriter, r *request) error {
	d, err := h.cfg.Services.PACopy.Data(r.Context(), r.principal, r.principal.Person, r.now)
	if err != nil {
		return err
	}
	return dataCopy(w, "my-data.json", d)
}

// adminPAData is a PA's copy for an admin to download for them, for a
// leaver who can no longer sign in (docs/cases.md "After the PA leaves").
func (h *Handler) adminPAData(w http.ResponseWriter, r *request) error {
	d, err := h.cfg.Services.PACopy.Data(r.Context(), r.principal, r.PathValue("id"), r.now)
	if err != nil {
		return err
	}
	return dataCopy(w, "pa-data.json", d)
}

// dataCopy sends a copy of a person's data as a private JSON file named
// name.
func dataCopy(w http.ResponseWriter, name string, d any) error {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return dpcoop.Wrap("data copy", err)
	}
	return download(w, "application/json", name, "", b)
}
