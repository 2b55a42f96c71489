package apigw

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// sensitiveReads are the routes that show special category or sensitive
// data (support needs, NI numbers, bank details, a member's whole record):
// every read of them is recorded.
var sensitiveReads = map[string]bool{
	"GET /v1/applications":      true,
	"GET /v1/applications/{id}": true,
	"GET /v1/pas":               true,
	"GET /v1/pas/{id}":          true,
	"GET /v1/members/{id}/data": true,
}

// audit records a successful change, or a read of sensitive data, made by a
// signed-in caller. The action already happened: a failure to record is
// logged for the operators rather than undoing it.
func (h *Handler) audit(ctx context.Context, r *request, status int) {
	if h.deps.Audit == nil || r.principal.Coop == "" || status >= 400 {
		return
	}
	read := r.route.Method == http.MethodGet
	if read && !sensitiveReads[r.route.Key()] {
		return
	}
	e := dpcoop.AuditEntry{ID: dpcoop.NewID(), At: r.now.UTC(), Person: r.principal.Person, Roles: r.principal.Roles,
		Action: r.route.Key(), Target: r.ev.PathParameters, Status: status, Read: read}
	if err := h.deps.Audit.Record(ctx, r.principal.Coop, e); err != nil {
		h.deps.Log.LogAttrs(ctx, slog.LevelError, "audit not recorded", slog.String("route", r.route.Key()),
			slog.String("coop", string(r.principal.Coop)), slog.String("error", err.Error()))
	}
}

// auditTrail shows admins a month of who did what.
func (h *Handler) auditTrail(ctx context.Context, r *request) (*response, error) {
	month, err := r.monthQuery("read audit trail", "limit", "cursor")
	if err != nil {
		return nil, err
	}
	page, err := r.page()
	if err != nil {
		return nil, err
	}
	res, err := h.deps.Audit.AuditTrail(ctx, r.principal.Coop, month, page)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, res), nil
}

// subjectAccess gives a member (or an admin for them) a copy of the data the
// co-op holds about them: the register entry, their application, care plan,
// pools, every entry of their account and the shifts done for them.
func (h *Handler) subjectAccess(ctx context.Context, r *request) (*response, error) {
	m, err := h.memberOnRegister(ctx, r)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) || (err == nil && !r.principal.Has(dpcoop.RoleAdmin) && r.principal.Person != m.ID) {
		return nil, dpcoop.E("subject access", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if err != nil {
		return nil, err
	}
	coop := r.principal.Coop
	out := map[string]any{"member": m, "generated": r.now.UTC()}
	if m.ApplicationID != "" {
		if a, err := h.deps.Store.Application(ctx, coop, m.ApplicationID); err == nil {
			out["application"] = a
		}
	}
	if plan, err := h.deps.Timesheets.CarePlan(ctx, coop, m.ID); err == nil {
		out["care_plan"] = plan
	}
	entries, err := h.deps.Accounts.AccountEntries(ctx, coop, dpcoop.MemberAccount(m.ID), "0000-00-00", "9999-12-31")
	if err != nil {
		return nil, err
	}
	out["account_entries"] = entries
	pools, err := h.deps.Accounts.Pools(ctx, coop)
	if err != nil {
		return nil, err
	}
	var memberships []dpcoop.PoolMember
	for _, p := range pools {
		members, err := h.deps.Accounts.PoolMembers(ctx, coop, p.ID)
		if err != nil {
			return nil, err
		}
		for _, pm := range members {
			if pm.Member == m.ID {
				memberships = append(memberships, pm)
			}
		}
	}
	out["pools"] = memberships
	var shifts []dpcoop.Shift
	for month := string(m.Entered)[:7]; month <= string(dpcoop.DateOf(r.now))[:7]; month = nextMonth(month) {
		all, err := h.monthShifts(ctx, coop, month)
		if err != nil {
			return nil, err
		}
		for _, s := range all {
			if s.Supports(m.ID) {
				shifts = append(shifts, s)
			}
		}
	}
	out["shifts"] = shifts
	resp := jsonResponse(http.StatusOK, out)
	resp.headers["content-disposition"] = `attachment; filename="my-data.json"`
	resp.headers["cache-control"] = "private, no-store"
	return resp, nil
}

func nextMonth(m string) string {
	d := dpcoop.Date(m+"-01").Time().AddDate(0, 1, 0)
	return d.Format(dpcoop.MonthLayout)
}
