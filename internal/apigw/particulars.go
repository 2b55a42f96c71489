package apigw

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

func (h *Handler) particularsActions() map[string]action {
	return map[string]action{
		"GET /v1/employments/{id}/statements":                  h.listStatements,
		"GET /v1/employments/{id}/statements/{n}":              h.getStatement,
		"POST /v1/employments/{id}/statements/{n}/acknowledge": h.acknowledgeStatement,
	}
}

// statementNumber is the {n} of a statement's path: a version number, or
// nothing there.
func (r *request) statementNumber() (int, error) {
	n, err := strconv.Atoi(r.param("n"))
	if err != nil || n < 1 || n > 10000 {
		return 0, dpcoop.E("read statement", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return n, nil
}

// listStatements shows every version of an employment's written statement,
// and which the PA has acknowledged.
func (h *Handler) listStatements(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery(); err != nil {
		return nil, err
	}
	st, err := h.Particulars.Statements(ctx, r.principal, r.param("id"), r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, st), nil
}

// statementJSON is a version with its text in both languages.
type statementJSON struct {
	dpcoop.StatementVersion
	Sections []payslips.ParticularsSection `json:"sections"`
}

// getStatement is one version: JSON with its text, or the bilingual PDF
// when the caller accepts application/pdf.
func (h *Handler) getStatement(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery(); err != nil {
		return nil, err
	}
	n, err := r.statementNumber()
	if err != nil {
		return nil, err
	}
	doc, err := h.Particulars.Document(ctx, r.principal, r.param("id"), n, r.now)
	if err != nil {
		return nil, err
	}
	if !strings.Contains(strings.ToLower(r.header("accept")), "application/pdf") {
		return jsonResponse(http.StatusOK, statementJSON{StatementVersion: doc.Version, Sections: payslips.ParticularsText(doc)}), nil
	}
	b, err := payslips.ParticularsPDF(doc)
	if err != nil {
		return nil, dpcoop.Wrap("render statement", err)
	}
	return &response{status: http.StatusOK, body: b, binary: true, headers: map[string]string{
		"content-type": "application/pdf", "content-disposition": `inline; filename="written-statement-` + strconv.Itoa(n) + `.pdf"`, "cache-control": "private, no-store",
	}}, nil
}

// acknowledgeStatement records that the PA has read a version of their
// own statement.
func (h *Handler) acknowledgeStatement(ctx context.Context, r *request) (*response, error) {
	if err := r.noBody(); err != nil {
		return nil, err
	}
	n, err := r.statementNumber()
	if err != nil {
		return nil, err
	}
	v, err := h.Particulars.Acknowledge(ctx, r.principal, r.param("id"), n, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, v), nil
}
