package apigw

import (
	"context"
	"net/http"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
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

// pension shows where the PA stands and every pension event, oldest first.
func (h *Handler) pension(ctx context.Context, r *request) (*response, error) {
	st, err := h.Pensions.Standing(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, st), nil
}

// pensionLetters lists the PA's pension letters as issued.
func (h *Handler) pensionLetters(ctx context.Context, r *request) (*response, error) {
	letters, err := h.Pensions.Letters(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, struct {
		Items []dpcoop.PensionLetter `json:"items"`
	}{letters}), nil
}

// pensionLetter is one letter as issued: JSON for sending, or with Accept:
// application/pdf the bilingual letter in the PA's language first.
func (h *Handler) pensionLetter(ctx context.Context, r *request) (*response, error) {
	letter, err := h.Pensions.Letter(ctx, r.principal, r.param("id"), r.param("letter"))
	if err != nil {
		return nil, err
	}
	if !strings.Contains(strings.ToLower(r.header("accept")), "application/pdf") {
		return jsonResponse(http.StatusOK, struct {
			dpcoop.PensionLetter
			Text payslips.LetterText `json:"text"`
		}{letter, payslips.PensionLetterText(letter)}), nil
	}
	b, err := payslips.PensionLetterPDF(letter)
	if err != nil {
		return nil, dpcoop.Wrap("render pension letter", err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="pension-` + letter.Kind + `.pdf"`, "cache-control": "private, no-store",
	}}, nil
}

// pensionNotice records an opt-out, ceasing or opt-in notice, once: the
// same request again answers as the first did.
func (h *Handler) pensionNotice(kind string) action {
	return func(ctx context.Context, r *request) (*response, error) {
		var in dpcoop.PensionNoticeInput
		if err := r.readJSON(&in, true); err != nil {
			return nil, err
		}
		st, created, err := h.Pensions.Notice(ctx, r.principal, r.param("id"), kind, in, r.requestID, r.now)
		if err != nil {
			return nil, err
		}
		return replayed(jsonResponse(http.StatusCreated, st), created), nil
	}
}

// declaration counts what TPR's declaration of compliance (and
// re-declaration) asks for, over every PA of the co-op.
func (h *Handler) declaration(ctx context.Context, r *request) (*response, error) {
	d, err := h.Pensions.Declaration(ctx, r.principal, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, d), nil
}
