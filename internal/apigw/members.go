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
	status := dpcoop.ApplicationStatus(r.ev.QueryStringParameters["status"])
	switch status {
	case "":
		status = dpcoop.StatusPending
	case dpcoop.StatusPending, dpcoop.StatusApproved, dpcoop.StatusRejected:
	default:
		var p dpcoop.Problems
		p.Add("status", dpcoop.FieldChoice)
		return nil, p.Err("list applications")
	}
	page, err := r.page()
	if err != nil {
		return nil, err
	}
	res, err := h.deps.Store.Applications(ctx, r.principal.Coop, status, page)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, res), nil
}

func (h *Handler) getApplication(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	a, err := h.deps.Store.Application(ctx, r.principal.Coop, id)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, a), nil
}

// approve accepts an application: a member or supporter is entered on the
// register in the same transaction, on the legal date entered the admin gives
// (a register moved here keeps its dates) or today, and everyone approved is
// invited to sign in. Approving again returns the same result and invites again, which is
// harmless, so a failed invitation is mended by retrying.
func (h *Handler) approve(ctx context.Context, r *request) (*response, error) {
	return h.decide(ctx, r, true)
}

// reject turns an application down with a reason the applicant can be told.
func (h *Handler) reject(ctx context.Context, r *request) (*response, error) {
	return h.decide(ctx, r, false)
}

func (h *Handler) decide(ctx context.Context, r *request, approve bool) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	d := dpcoop.Decision{Approve: approve, By: r.principal.Person, At: r.now}
	var given struct {
		DateEntered string `json:"date_entered"`
	}
	entered := dpcoop.DateOf(r.now)
	if approve {
		if err := r.readJSON(&given, true); err != nil {
			return nil, err
		}
		if entered, err = dpcoop.ValidateEntered(given.DateEntered, r.now); err != nil {
			return nil, err
		}
	} else {
		var in struct {
			Reason string `json:"reason"`
		}
		if err := r.jsonBody(&in); err != nil {
			return nil, err
		}
		if d.Reason, err = dpcoop.ValidateRejection(in.Reason); err != nil {
			return nil, err
		}
	}
	a, err := h.deps.Store.DecideApplication(ctx, r.principal.Coop, id, d, dpcoop.AdmitOnApproval(entered))
	if err != nil {
		return nil, err
	}
	if err := h.sameEntered(ctx, r, a, given.DateEntered != "", entered); err != nil {
		return nil, err
	}
	if a.Status == dpcoop.StatusApproved {
		role := dpcoop.RoleMember
		if a.Kind == dpcoop.KindPA {
			role = dpcoop.RolePA
		}
		if err := h.deps.Identities.Invite(ctx, dpcoop.Person{ID: a.ID, Coop: a.Coop, Email: a.Email, Role: role, Language: a.Language}); err != nil {
			return nil, err
		}
	}
	return jsonResponse(http.StatusOK, a), nil
}

// sameEntered refuses an approval repeated with a date entered other than the
// one on the register: a repeat never silently keeps the first date.
func (h *Handler) sameEntered(ctx context.Context, r *request, a dpcoop.Application, given bool, entered dpcoop.Date) error {
	if a.MemberID == "" || !given {
		return nil
	}
	m, err := h.deps.Store.Member(ctx, r.principal.Coop, a.MemberID)
	if err != nil {
		return err
	}
	if m.Entered != entered {
		return dpcoop.E("approve application", dpcoop.KindConflict, dpcoop.CodeAlreadyDecided)
	}
	return nil
}

func (h *Handler) listMembers(ctx context.Context, r *request) (*response, error) {
	if err := r.checkQuery("limit", "cursor"); err != nil {
		return nil, err
	}
	page, err := r.page()
	if err != nil {
		return nil, err
	}
	res, err := h.deps.Store.Members(ctx, r.principal.Coop, page)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, res), nil
}

// getMember shows a register entry to an admin, or a member their own.
func (h *Handler) getMember(ctx context.Context, r *request) (*response, error) {
	id, err := r.pathID()
	if err != nil {
		return nil, err
	}
	if !r.principal.MaySee(id) {
		return nil, dpcoop.E("read member", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	m, err := h.deps.Store.Member(ctx, r.principal.Coop, id)
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
	c, err := dpcoop.ValidateCessation(in.Date, in.Reason, r.principal.Person, r.now)
	if err != nil {
		return nil, err
	}
	m, err := h.deps.Store.CeaseMember(ctx, r.principal.Coop, id, c)
	if err != nil {
		return nil, err
	}
	// The register says they left: their sign-in ends too (a retry of the
	// same cessation revokes again if this failed).
	if err := h.deps.Identities.Revoke(ctx, dpcoop.Person{ID: m.ID, Coop: r.principal.Coop}); err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, m), nil
}

// registerColumns are the register's columns in CSV, in s.30 order.
var registerColumns = []string{"id", "class", "name", "address", "electronic_address", "electronic_uses", "shares", "shares_paid_pounds", "shares_paid_pence", "other_property", "date_entered", "date_ceased"}

// register exports the register of members, former members included. A member
// may inspect it, but sees only their own shareholding.
func (h *Handler) register(ctx context.Context, r *request) (*response, error) {
	var all []dpcoop.Member
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		res, err := h.deps.Store.Members(ctx, r.principal.Coop, page)
		if err != nil {
			return nil, err
		}
		all = append(all, res.Items...)
		if res.Next == "" {
			break
		}
		page.Cursor = res.Next
	}
	if !r.principal.Has(dpcoop.RoleAdmin) {
		for i, m := range all {
			if m.ID != r.principal.Person {
				all[i] = m.WithoutShareholding()
			}
			all[i].Phone, all[i].Email = "", "" // contact details are not part of the register
		}
	}
	hide := !r.principal.Has(dpcoop.RoleAdmin)
	if r.wantsCSV() {
		return registerCSV(all, r.lang, hide, r.principal.Person), nil
	}
	entries := make([]registerEntry, len(all))
	for i, m := range all {
		entries[i].Member = m
		if !hide || m.ID == r.principal.Person {
			entries[i].Shares, entries[i].SharesPaid = &m.Shares, &m.SharesPaidPence
		}
	}
	return jsonResponse(http.StatusOK, map[string]any{"coop": r.principal.Coop, "members": entries}), nil
}

// registerEntry is a line of the register as JSON shows it: a shareholding
// the reader may not see is left out, never shown as 0 (the CSV leaves its
// cells empty).
type registerEntry struct {
	dpcoop.Member
	Shares     *int64 `json:"shares,omitempty"`
	SharesPaid *int64 `json:"shares_paid_pence,omitempty"`
}

func registerCSV(ms []dpcoop.Member, l dpcoop.Lang, hideShares bool, self string) *response {
	head := make([]string, len(registerColumns))
	for i, c := range registerColumns {
		head[i] = messages.Text(l, "register."+c, nil)
	}
	sh := sheet.New(head...)
	for _, m := range ms {
		shares, paid, pounds := strconv.FormatInt(m.Shares, 10), sheet.Pence(m.SharesPaidPence), sheet.Pounds(m.SharesPaidPence)
		if hideShares && m.ID != self {
			shares, paid, pounds = "", "", ""
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
// (with the secret of its site key), or off with an empty secret.
func (h *Handler) setTurnstile(ctx context.Context, r *request) (*response, error) {
	var in struct {
		Secret string `json:"secret"`
	}
	if err := r.jsonBody(&in); err != nil {
		return nil, err
	}
	if len(in.Secret) > 200 || strings.ContainsAny(in.Secret, " \t\r\n") {
		var p dpcoop.Problems
		p.Add("secret", dpcoop.FieldInvalid)
		return nil, p.Err("set turnstile")
	}
	if err := h.deps.Store.SetTurnstile(ctx, r.principal.Coop, in.Secret); err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, map[string]bool{"turnstile": in.Secret != ""}), nil
}
