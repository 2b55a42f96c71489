package apigw

import (
	"cmp"
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// pensionActions serve a PA's workplace pension: where they stand, their
// letters, their notices, and the co-op's declaration figures.
func (h *Handler) pensionActions() map[string]action {
	return map[string]action{
		"GET /v1/pas/{id}/pension":                  h.pension,
		"GET /v1/pas/{id}/pension/letters":          h.pensionLetters,
		"GET /v1/pas/{id}/pension/letters/{letter}": h.pensionLetter,
		"POST /v1/pas/{id}/pension/opt-out":         h.pensionNotice(dpcoop.NoticeOptOut),
		"POST /v1/pas/{id}/pension/cease":           h.pensionNotice(dpcoop.NoticeCease),
		"POST /v1/pas/{id}/pension/opt-in":          h.pensionNotice(dpcoop.NoticeOptIn),
		"GET /v1/pension/declaration":               h.declaration,
	}
}

// ownPension reads the path's PA and their pay history for an admin or the
// PA themself; anyone else is told there is no such PA.
func (h *Handler) ownPension(ctx context.Context, r *request, op string) (dpcoop.PA, dpcoop.PayHistory, error) {
	id, err := r.pathID()
	if err != nil {
		return dpcoop.PA{}, dpcoop.PayHistory{}, err
	}
	if !r.principal.MaySee(id) {
		return dpcoop.PA{}, dpcoop.PayHistory{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	pa, err := h.deps.Timesheets.PA(ctx, r.principal.Coop, id)
	if err != nil {
		return dpcoop.PA{}, dpcoop.PayHistory{}, err
	}
	hist, err := h.deps.Timesheets.PayHistory(ctx, r.principal.Coop, id)
	return pa, hist, err
}

// pension shows where the PA stands and every pension event, oldest first.
func (h *Handler) pension(ctx context.Context, r *request) (*response, error) {
	pa, hist, err := h.ownPension(ctx, r, "read pension")
	if err != nil {
		return nil, err
	}
	events := hist.PensionEvents
	if events == nil {
		events = []dpcoop.PensionEvent{}
	}
	return jsonResponse(http.StatusOK, struct {
		Position dpcoop.PensionPosition `json:"position"`
		Events   []dpcoop.PensionEvent  `json:"events"`
	}{hist.PensionPosition(pa), events}), nil
}

// pensionLetters lists the PA's pension letters as issued.
func (h *Handler) pensionLetters(ctx context.Context, r *request) (*response, error) {
	_, hist, err := h.ownPension(ctx, r, "read pension letters")
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, struct {
		Items []dpcoop.PensionLetter `json:"items"`
	}{hist.Letters()}), nil
}

// pensionLetter is one letter as issued: JSON for sending, or with Accept:
// application/pdf the bilingual letter in the PA's language first.
func (h *Handler) pensionLetter(ctx context.Context, r *request) (*response, error) {
	const op = "read pension letter"
	_, hist, err := h.ownPension(ctx, r, op)
	if err != nil {
		return nil, err
	}
	var letter *dpcoop.PensionLetter
	for _, l := range hist.Letters() {
		if l.ID == r.param("letter") {
			letter = &l
		}
	}
	if letter == nil {
		return nil, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if !strings.Contains(strings.ToLower(r.header("accept")), "application/pdf") {
		return jsonResponse(http.StatusOK, struct {
			dpcoop.PensionLetter
			Text payslips.LetterText `json:"text"`
		}{*letter, payslips.PensionLetterText(*letter)}), nil
	}
	b, err := payslips.PensionLetterPDF(*letter)
	if err != nil {
		return nil, dpcoop.Wrap("render pension letter", err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="pension-` + letter.Kind + `.pdf"`, "cache-control": "private, no-store",
	}}, nil
}

// pensionNotice records an opt-out, ceasing or opt-in notice, given by the PA
// themself (dated today) or recorded by an admin with the day it was given,
// once: the same request again answers as the first did.
func (h *Handler) pensionNotice(kind string) action {
	return func(ctx context.Context, r *request) (*response, error) {
		op := "pension " + kind
		var in dpcoop.PensionNoticeInput
		if err := r.readJSON(&in, true); err != nil {
			return nil, err
		}
		pa, hist, err := h.ownPension(ctx, r, op)
		if err != nil {
			return nil, err
		}
		if !r.principal.Has(dpcoop.RoleAdmin) {
			in.Date = "" // a PA's own notice is given today
		}
		nid, err := r.requestID("pension-"+kind, pa.ID, cmp.Or(in.Date, string(dpcoop.DateOf(r.now))))
		if err != nil {
			return nil, err
		}
		created := false
		if !hist.HasPensionEvent(nid) { // else a repeat: answered as the first was
			c, err := h.deps.Store.Coop(ctx, r.principal.Coop)
			if err != nil {
				return nil, err
			}
			category, err := h.lastCategory(ctx, r.principal.Coop, pa.ID)
			if err != nil {
				return nil, err
			}
			e, err := hist.PensionNotice(pa, c, c.PayrollSettings(), kind, in, category, r.principal.Person, r.now)
			if err != nil {
				return nil, err
			}
			if hist, created, err = h.deps.Timesheets.AddPensionEvent(ctx, r.principal.Coop, pa.ID, e.WithID(nid)); err != nil {
				return nil, err
			}
		}
		resp := jsonResponse(http.StatusCreated, struct {
			Position dpcoop.PensionPosition `json:"position"`
			Events   []dpcoop.PensionEvent  `json:"events"`
		}{hist.PensionPosition(pa), hist.PensionEvents})
		if !created {
			resp.headers["idempotent-replayed"] = "true"
		}
		return resp, nil
	}
}

// lastCategory is the PA's worker category on their latest payslip; a PA
// not yet paid is taken to be a jobholder, so an opt-in is never refused
// the employer's contributions for want of an assessment.
func (h *Handler) lastCategory(ctx context.Context, coop dpcoop.CoopID, pa string) (payroll.WorkerCategory, error) {
	slips, err := h.deps.Payroll.PayslipsOfPA(ctx, coop, pa)
	if err != nil || len(slips) == 0 {
		return payroll.NonEligibleJobholder, err
	}
	return slips[0].Result.WorkerCategory, nil
}

// declaration counts what TPR's declaration of compliance (and
// re-declaration) asks for, over every PA of the co-op.
func (h *Handler) declaration(ctx context.Context, r *request) (*response, error) {
	c, err := h.deps.Store.Coop(ctx, r.principal.Coop)
	if err != nil {
		return nil, err
	}
	s := c.PayrollSettings()
	d := dpcoop.Declaration{DutiesStart: s.PensionDutiesStart, ReEnrolment: s.PensionReEnrolment, Scheme: s.PensionSchemeName}
	page := dpcoop.PageRequest{Limit: 100}
	for {
		pas, err := h.deps.Timesheets.PAs(ctx, r.principal.Coop, page)
		if err != nil {
			return nil, err
		}
		for _, pa := range pas.Items {
			hist, err := h.deps.Timesheets.PayHistory(ctx, r.principal.Coop, pa.ID)
			if err != nil {
				return nil, err
			}
			d.Count(pa, hist, dpcoop.DateOf(r.now))
		}
		if pas.Next == "" {
			return jsonResponse(http.StatusOK, d), nil
		}
		page.Cursor = pas.Next
	}
}

// nestSchedule is a final run's contribution schedule in NEST's format,
// once the co-op has given its NEST employer reference.
func nestSchedule(c dpcoop.Coop, month string, payDate time.Time, rows []payslips.Row) ([]byte, error) {
	s := c.PayrollSettings()
	if s.NestEmployerReference == "" || s.NestPaymentSource == "" {
		return nil, dpcoop.E("nest schedule", dpcoop.KindConflict, dpcoop.CodeNestNotSetUp)
	}
	m, _ := time.Parse(dpcoop.MonthLayout, month) // checked by the route
	return payslips.NESTSchedule(payslips.NEST{EmployerReference: s.NestEmployerReference, PaymentSource: s.NestPaymentSource}, m, payDate, rows)
}
