package apigw

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

func (h *Handler) statpayActions() map[string]action {
	return map[string]action{
		"POST /v1/pas/{id}/sickness":                  h.recordSickness,
		"GET /v1/pas/{id}/sickness":                   h.listSickness,
		"PUT /v1/pas/{id}/sickness/{absence}":         h.correctSickness,
		"GET /v1/pas/{id}/ssp1":                       h.getSSP1,
		"POST /v1/pas/{id}/parental-pay":              h.addParentalNotice,
		"GET /v1/pas/{id}/parental-pay":               h.listParental,
		"GET /v1/pas/{id}/parental-pay/{notice}/smp1": h.getSMP1,
	}
}

// ownPA reads the path's PA for an admin or the PA themself; anyone else
// learns nothing, not even that the PA exists.
func (h *Handler) ownPA(ctx context.Context, r *request, id, op string) (dpcoop.PA, dpcoop.PayHistory, dpcoop.PayrollSettings, error) {
	if !r.principal.MaySee(id) {
		return dpcoop.PA{}, dpcoop.PayHistory{}, dpcoop.PayrollSettings{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	pa, err := h.deps.Timesheets.PA(ctx, r.principal.Coop, id)
	if err != nil {
		return dpcoop.PA{}, dpcoop.PayHistory{}, dpcoop.PayrollSettings{}, err
	}
	hist, err := h.deps.Timesheets.PayHistory(ctx, r.principal.Coop, id)
	if err != nil {
		return dpcoop.PA{}, dpcoop.PayHistory{}, dpcoop.PayrollSettings{}, err
	}
	c, err := h.deps.Store.Coop(ctx, r.principal.Coop)
	if err != nil {
		return dpcoop.PA{}, dpcoop.PayHistory{}, dpcoop.PayrollSettings{}, err
	}
	return pa, hist, c.PayrollSettings(), nil
}

// absenceView is an absence with what its evidence needs.
type absenceView struct {
	dpcoop.SicknessAbsence
	FitNoteNeeded bool `json:"fit_note_needed"`
	EvidenceIn    bool `json:"evidence_in"`
}

// sicknessView is a PA's absences and their SSP, planned to today.
type sicknessView struct {
	Absences []absenceView      `json:"absences"`
	SSP      []dpcoop.SSPSeries `json:"ssp"`
}

func (r *request) sicknessView(pa dpcoop.PA, hist dpcoop.PayHistory, s dpcoop.PayrollSettings) sicknessView {
	v := sicknessView{Absences: []absenceView{}}
	for _, a := range hist.Sickness {
		v.Absences = append(v.Absences, absenceView{a, a.FitNoteNeeded(), !a.FitNoteNeeded() || a.FitNoteReceived != ""})
	}
	// A plan that needs a figure not yet published is left out.
	v.SSP, _ = hist.SSPPlan(pa, s, dpcoop.DateOf(r.now))
	return v
}

// recordSickness records a PA's sickness absence, by an admin or the PA
// themself, once: the same request again answers as the first did.
func (h *Handler) recordSickness(ctx context.Context, r *request) (*response, error) {
	const op = "record sickness"
	var in dpcoop.SicknessInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	pa, hist, s, err := h.ownPA(ctx, r, id, op)
	if err != nil {
		return nil, err
	}
	a, err := in.Validate(r.principal.Person, r.now)
	if err != nil {
		return nil, err
	}
	canonical, _ := json.Marshal(in) // plain values: cannot fail
	aid, err := r.requestID("sickness", pa.ID, dpcoop.Fingerprint(string(canonical)))
	if err != nil {
		return nil, err
	}
	a = a.WithID(aid)
	if _, recorded := hist.Absence(aid); !recorded {
		if err := hist.CheckSickness(pa, a); err != nil {
			return nil, err
		}
	}
	hist, created, err := h.deps.Timesheets.AddSickness(ctx, r.principal.Coop, pa.ID, a, len(hist.Sickness))
	if err != nil {
		return nil, err
	}
	resp := jsonResponse(http.StatusCreated, r.sicknessView(pa, hist, s))
	if !created {
		resp.headers["idempotent-replayed"] = "true"
	}
	return resp, nil
}

// listSickness shows a PA's absences and SSP to an admin or the PA.
func (h *Handler) listSickness(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	pa, hist, s, err := h.ownPA(ctx, r, id, "read sickness")
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, r.sicknessView(pa, hist, s)), nil
}

// correctSickness replaces an absence with a corrected one (its last day
// once the PA is back, a fit note received): days already paid as SSP must
// stay covered. The same correction again changes nothing.
func (h *Handler) correctSickness(ctx context.Context, r *request) (*response, error) {
	const op = "correct sickness"
	var in dpcoop.SicknessInput
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	pa, hist, s, err := h.ownPA(ctx, r, id, op)
	if err != nil {
		return nil, err
	}
	aid := r.param("absence")
	i := slices.IndexFunc(hist.Sickness, func(a dpcoop.SicknessAbsence) bool { return a.ID == aid })
	if i < 0 {
		return nil, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	a, err := in.Validate(r.principal.Person, r.now)
	if err != nil {
		return nil, err
	}
	was := hist.Sickness[i]
	a.ID, a.Version = was.ID, was.Version+1
	if sameAbsence(a, was) {
		return jsonResponse(http.StatusOK, r.sicknessView(pa, hist, s)), nil
	}
	if err := hist.CheckSickness(pa, a); err != nil {
		return nil, err
	}
	if hist, err = h.deps.Timesheets.CorrectSickness(ctx, r.principal.Coop, pa.ID, i, a); err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, r.sicknessView(pa, hist, s)), nil
}

// sameAbsence reports whether a correction says what the absence already
// says.
func sameAbsence(a, b dpcoop.SicknessAbsence) bool {
	return a.FirstDay == b.FirstDay && a.LastDay == b.LastDay && slices.Equal(a.QualifyingDays, b.QualifyingDays) &&
		a.FitNoteReceived == b.FitNoteReceived && a.ContractualWeeklyPay == b.ContractualWeeklyPay
}

// getSSP1 shows the PA's SSP1 when one is due today: JSON, or with Accept:
// application/pdf the bilingual form in the PA's language first.
func (h *Handler) getSSP1(ctx context.Context, r *request) (*response, error) {
	const op = "read ssp1"
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	pa, hist, s, err := h.ownPA(ctx, r, id, op)
	if err != nil {
		return nil, err
	}
	f, ok, err := hist.SSP1(pa, s, dpcoop.DateOf(r.now))
	if err != nil {
		return nil, statutoryError(op, err)
	}
	if !ok {
		return nil, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNoSSP1)
	}
	if !strings.Contains(strings.ToLower(r.header("accept")), "application/pdf") {
		return jsonResponse(http.StatusOK, f), nil
	}
	c, err := h.deps.Store.Coop(ctx, r.principal.Coop)
	if err != nil {
		return nil, err
	}
	b, err := payslips.SSP1PDF(payslips.EmployerFromCoop(c), pa.Language, f)
	if err != nil {
		return nil, dpcoop.Wrap("render ssp1", err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="ssp1.pdf"`, "cache-control": "private, no-store",
	}}, nil
}

// addParentalNotice records a PA's SMP or SPP notice (admin), once.
func (h *Handler) addParentalNotice(ctx context.Context, r *request) (*response, error) {
	return recordNotice(ctx, r, h.employees.RecordParental)
}

// parentalView is a notice with whether it gives SMP or SPP, and why not.
type parentalView struct {
	Notice      dpcoop.ParentalNotice      `json:"notice"`
	Entitlement dpcoop.ParentalEntitlement `json:"entitlement"`
}

// listParental shows a PA's SMP and SPP notices and their entitlement.
func (h *Handler) listParental(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	pa, hist, s, err := h.ownPA(ctx, r, id, "read parental pay")
	if err != nil {
		return nil, err
	}
	out := []parentalView{}
	for _, n := range hist.Parental {
		e, err := hist.Entitlement(pa, s, n)
		if err != nil {
			return nil, statutoryError("read parental pay", err)
		}
		out = append(out, parentalView{n, e})
	}
	return jsonResponse(http.StatusOK, map[string]any{"notices": out}), nil
}

// statutoryError turns the engine's refusal to use a figure not yet
// published into a conflict naming the figure; anything else is internal.
func statutoryError(op string, err error) error {
	var ie *payroll.InputError
	if errors.As(err, &ie) && ie.Code == payroll.CodeFigureNotPublished {
		return &dpcoop.Error{Op: op, Kind: dpcoop.KindConflict, Code: dpcoop.CodeFigureNotPublished,
			Fields: []dpcoop.FieldError{{Field: "figure", Code: dpcoop.CodeFigureNotPublished, Params: map[string]string{"figure": ie.Figure}}}}
	}
	return dpcoop.Wrap(op, err)
}

// getSMP1 shows the SMP1 for an SMP notice that gives no SMP (admin, or the
// PA themself): JSON, or with Accept: application/pdf the bilingual form in
// the PA's language first.
func (h *Handler) getSMP1(ctx context.Context, r *request) (*response, error) {
	const op = "read smp1"
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	pa, hist, s, err := h.ownPA(ctx, r, id, op)
	if err != nil {
		return nil, err
	}
	f, ok, err := hist.SMP1(pa, s, r.param("notice"), dpcoop.DateOf(r.now))
	if err != nil {
		return nil, statutoryError(op, err)
	}
	if !ok {
		return nil, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNoSMP1)
	}
	if !strings.Contains(strings.ToLower(r.header("accept")), "application/pdf") {
		return jsonResponse(http.StatusOK, f), nil
	}
	c, err := h.deps.Store.Coop(ctx, r.principal.Coop)
	if err != nil {
		return nil, err
	}
	b, err := payslips.SMP1PDF(payslips.EmployerFromCoop(c), pa.Language, f)
	if err != nil {
		return nil, dpcoop.Wrap("render smp1", err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="smp1.pdf"`, "cache-control": "private, no-store",
	}}, nil
}
