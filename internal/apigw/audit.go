package apigw

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

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
// pools, every entry of their account and every shift done for them.
func (h *Handler) subjectAccess(ctx context.Context, r *request) (*response, error) {
	m, err := h.memberOnRegister(ctx, r)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) || (err == nil && !r.principal.MaySee(m.ID)) {
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
	if entries == nil {
		entries = []dpcoop.Entry{}
	}
	out["account_entries"] = entries
	pools, err := h.deps.Accounts.Pools(ctx, coop)
	if err != nil {
		return nil, err
	}
	memberships := []dpcoop.PoolMember{}
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
	shifts, err := h.shiftsOfMember(ctx, coop, m.ID, r.now)
	if err != nil {
		return nil, err
	}
	out["shifts"] = shifts
	resp := jsonResponse(http.StatusOK, out)
	resp.headers["content-disposition"] = `attachment; filename="my-data.json"`
	resp.headers["cache-control"] = "private, no-store"
	return resp, nil
}

// shiftsOfMember is every shift that names the member, whatever its date
// (work recorded before a register moved here included), oldest first. A
// shift names only members its PA was employed for, and employments are never
// deleted, so it reads the shifts of each PA ever employed for the member.
func (h *Handler) shiftsOfMember(ctx context.Context, coop dpcoop.CoopID, member string, now time.Time) ([]dpcoop.Shift, error) {
	emps, err := h.deps.Timesheets.Employments(ctx, coop, "")
	if err != nil {
		return nil, err
	}
	out := []dpcoop.Shift{}
	seen := map[string]bool{}
	for _, e := range emps {
		if e.Member != member || seen[e.PA] {
			continue
		}
		seen[e.PA] = true
		all, err := h.deps.Timesheets.ShiftsOfPA(ctx, coop, e.PA, time.Time{}, now.Add(dpcoop.MaxShiftMinutes*time.Minute))
		if err != nil {
			return nil, err
		}
		for _, s := range all {
			if s.Supports(member) {
				out = append(out, s)
			}
		}
	}
	slices.SortFunc(out, func(a, b dpcoop.Shift) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}
