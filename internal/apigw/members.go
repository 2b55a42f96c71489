package apigw

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
	"github.com/dpcoop/dpcoop/internal/sheet"
)

func (h *Handler) membersActions() map[string]action {
	return map[string]action{
		"GET /v1/applications":               h.listApplications,
		"GET /v1/applications/{id}":          h.getApplication,
		"POST /v1/applications/{id}/approve": h.approve,
		"POST /v1/applications/{id}/reject":  h.reject,
		"GET /v1/members":                    h.listMembers,
		"GET /v1/members/{id}":               h.getMember,
		"POST /v1/members/{id}/cease":        h.cease,
		"GET /v1/register":                   h.register,
		"GET /v1/audit":                      h.auditTrail,
		"GET /v1/members/{id}/data":          h.subjectAccess,
		"PUT /v1/coop/turnstile":             h.setTurnstile,
	}
}

// pathID reads an id from the path; one this service could not have made is
// not found, without a store call.
func (r *request) pathID() (string, error) {
	id := r.param("id")
	if !dpcoop.ValidID(id) {
		return "", dpcoop.E("read id", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return id, nil
}

// pathIDAndBody reads the path's id, then the JSON body strictly into v: the
// start of every action on one record.
func (r *request) pathIDAndBody(v any) (string, error) {
	id, err := r.pathID()
	if err != nil {
		return "", err
	}
	return id, r.jsonBody(v)
}

func (h *Handler) listApplications(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery("status", "limit", "cursor"); err != nil {
		return nil, err
	}
	page, err := r.page()
	if err != nil {
		return nil, err
	}
	res, err := h.Members.Applications(ctx, r.principal, dpcoop.ApplicationStatus(r.ev.QueryStringParameters["status"]), page)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, res), nil
}

func (h *Handler) getApplication(ctx context.Context, r *request) (*response, error) {
	a, err := h.Members.Application(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, a), nil
}

// approve accepts an application (members.Service.Approve), on the legal
// date entered the admin gives or today.
func (h *Handler) approve(ctx context.Context, r *request) (*response, error) {
	var in struct {
		DateEntered string `json:"date_entered"`
	}
	if err := r.readJSON(&in, true); err != nil {
		return nil, err
	}
	a, err := h.Members.Approve(ctx, r.principal, r.param("id"), in.DateEntered, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, a), nil
}

// reject turns an application down with a reason the applicant can be told.
func (h *Handler) reject(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	a, err := h.Members.Reject(ctx, r.principal, r.param("id"), in.Reason, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, a), nil
}

func (h *Handler) listMembers(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery("limit", "cursor"); err != nil {
		return nil, err
	}
	page, err := r.page()
	if err != nil {
		return nil, err
	}
	res, err := h.Members.Members(ctx, r.principal, page)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, res), nil
}

// getMember shows a register entry to an admin, or a member their own.
func (h *Handler) getMember(ctx context.Context, r *request) (*response, error) {
	m, err := h.Members.Member(ctx, r.principal, r.param("id"))
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, m), nil
}

func (h *Handler) cease(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Date   string `json:"date"`
		Reason string `json:"reason"`
	}
	id, err := r.pathIDAndBody(&in)
	if err != nil {
		return nil, err
	}
	m, err := h.Members.Cease(ctx, r.principal, id, in.Date, in.Reason, r.now)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, m), nil
}

// registerColumns are the register's columns in CSV, in s.30 order.
var registerColumns = []string{"id", "class", "name", "address", "electronic_address", "electronic_uses", "shares", "shares_paid_pounds", "shares_paid_pence", "other_property", "date_entered", "date_ceased"}

// register exports the register of members, former members included. A member
// may inspect it, but sees only their own shareholding.
func (h *Handler) register(ctx context.Context, r *request) (*response, error) {
	entries, err := h.Members.Register(ctx, r.principal)
	if err != nil {
		return nil, err
	}
	if r.wantsCSV() {
		return registerCSV(entries, r.lang), nil
	}
	return jsonResponse(http.StatusOK, map[string]any{"coop": r.principal.Coop, "members": entries}), nil
}

func registerCSV(entries []dpcoop.RegisterEntry, l dpcoop.Lang) *response {
	head := make([]string, len(registerColumns))
	for i, c := range registerColumns {
		head[i] = messages.Text(l, "register."+c, nil)
	}
	sh := sheet.New(head...)
	for _, e := range entries {
		m := e.Member
		shares, paid, pounds := "", "", "" // a shareholding the reader may not see stays empty
		if e.Shares != nil {
			shares, paid, pounds = strconv.FormatInt(*e.Shares, 10), sheet.Pence(*e.SharesPaid), sheet.Pounds(*e.SharesPaid)
		}
		uses := make([]string, len(m.ElectronicUses))
		for i, u := range m.ElectronicUses {
			uses[i] = messages.Text(l, "use."+u, nil)
		}
		sh.Row(m.ID, messages.Text(l, "class."+string(m.Class), nil), m.Name, m.Address, m.ElectronicAddress,
			strings.Join(uses, ", "), shares, pounds, paid, m.OtherProperty, string(m.Entered), string(m.Ceased))
	}
	return csvResponse(sh, l, "register.csv")
}

// setTurnstile turns Cloudflare Turnstile on for the co-op's application form
// (with the secret of its site key, and the site key for the hosted form's
// widget), or off with an empty secret.
func (h *Handler) setTurnstile(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Secret  string `json:"secret"`
		SiteKey string `json:"site_key"`
	}
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	if err := h.Signup.SetHumanCheck(ctx, r.principal, in.Secret, in.SiteKey); err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]bool{"turnstile": in.Secret != ""}), nil
}
