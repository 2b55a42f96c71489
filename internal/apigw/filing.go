package apigw

import (
	"context"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
)

func (h *Handler) filingActions() map[string]action {
	return map[string]action{
		"GET /v1/payroll/runs/{month}/submissions":        h.listSubmissions,
		"POST /v1/payroll/runs/{month}/submissions/retry": h.retrySubmissions,
		"PUT /v1/payroll/hmrc-credentials":                h.setHMRCCredentials,
	}
}

// secretRoutes carry a secret in their body: no fingerprint of it is kept
// for the Idempotency-Key (putting the same secret twice is idempotent in
// itself).
var secretRoutes = map[string]bool{"PUT /v1/payroll/hmrc-credentials": true}

// submissionView is a submission with its state, why it failed and each of
// HMRC's errors explained in the reader's language.
type submissionView struct {
	dpcoop.Submission
	StateText  string          `json:"state_text"`
	ReasonText string          `json:"reason_text,omitempty"`
	Errors     []hmrcErrorView `json:"errors"`
}

type hmrcErrorView struct {
	dpcoop.HMRCError
	Explanation string `json:"explanation"`
}

func submissionViews(lang dpcoop.Lang, month string, subs []dpcoop.Submission) map[string]any {
	items := []submissionView{}
	for _, s := range subs {
		v := submissionView{Submission: s, StateText: messages.Text(lang, "submission.state."+string(s.State), nil), Errors: []hmrcErrorView{}}
		if s.Reason != "" {
			v.ReasonText = messages.Text(lang, "submission.reason."+s.Reason, nil)
		}
		for _, e := range s.Errors {
			v.Errors = append(v.Errors, hmrcErrorView{HMRCError: e, Explanation: messages.HMRCExplanation(lang, e.Number, e.Text, e.Location)})
		}
		items = append(items, v)
	}
	return map[string]any{"month": month, "items": items}
}

// listSubmissions shows what was sent to HMRC for a month's run and what
// HMRC said.
func (h *Handler) listSubmissions(ctx context.Context, r *request) (*response, error) {
	month, err := r.pathMonth()
	if err != nil {
		return nil, err
	}
	subs, err := h.Filing.Submissions(ctx, r.principal, month)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, submissionViews(r.lang, month, subs)), nil
}

// retrySubmissions sends the month's failed or rejected submissions again.
func (h *Handler) retrySubmissions(ctx context.Context, r *request) (*response, error) {
	month, err := r.pathMonth()
	if err != nil {
		return nil, err
	}
	if err := r.noBody(); err != nil {
		return nil, err
	}
	subs, err := h.Filing.Retry(ctx, r.principal, month, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusAccepted, submissionViews(r.lang, month, subs)), nil
}

// setHMRCCredentials keeps the co-op's Government Gateway credentials in
// the secret store; they are never answered back.
func (h *Handler) setHMRCCredentials(ctx context.Context, r *request) (*response, error) {
	var in dpcoop.GatewayCredentialsInput
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	if err := h.Filing.SetCredentials(ctx, r.principal, in); err != nil {
		return nil, err
	}
	return &response{status: http.StatusNoContent, headers: map[string]string{}}, nil
}
