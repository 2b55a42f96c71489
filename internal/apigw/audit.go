package apigw

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

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
	"GET /v1/pas/{id}/data":     true,

	"GET /v1/pas/{id}/right-to-work":    true,
	"GET /v1/pas/{id}/safe-recruitment": true,
}

// audit records a successful change, or a read of sensitive data, made by a
// signed-in caller. The action already happened: a failure to record is
// logged for the operators rather than undoing it.
func (h *Handler) audit(ctx context.Context, r *request, status int) {
	if status >= 400 || selfAudited[r.route.Key()] {
		return
	}
	read := r.route.Method == http.MethodGet
	if read && !sensitiveReads[r.route.Key()] {
		return
	}
	e := dpcoop.AuditEntry{ID: dpcoop.NewID(), At: r.now.UTC(), Action: r.route.Key(), Target: r.ev.PathParameters, Status: status, Read: read}
	if err := h.Audit.Record(ctx, r.principal, e); err != nil {
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
	res, err := h.Audit.Trail(ctx, r.principal, dpcoop.Month(month), page)
	if err != nil {
		return nil, err
	}
	return jsonResponse(http.StatusOK, res), nil
}

// subjectAccess gives a member (or an admin for them) a copy of the data the
// co-op holds about them, as a download a year at a time
// (members.Service.DataYear): ?year= reads an earlier year's page, and each
// page but the last links the next.
func (h *Handler) subjectAccess(ctx context.Context, r *request) (*response, error) {
	year, err := r.year("read member data")
	if err != nil {
		return nil, err
	}
	data, err := h.Members.DataYear(ctx, r.principal, r.param("id"), year, r.now)
	if err != nil {
		return nil, err
	}
	return dataPage(data, "/v1/members/"+data.Member.ID+"/data", "my-data-"+strconv.Itoa(data.Year), data.NextYear), nil
}

// year is a copy of a person's data's ?year= (0 when absent: the current
// year's page).
func (r *request) year(op string) (int, error) {
	if err := r.checkQuery("year"); err != nil {
		return 0, err
	}
	v, ok := r.ev.QueryStringParameters["year"]
	if !ok {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || len(v) != 4 {
		var p dpcoop.Problems
		p.Add("year", dpcoop.FieldNumber)
		return 0, p.Err(op)
	}
	return n, nil
}

// dataPage is a page of a copy of a person's data as a private download
// named name, linking the next page (of path) unless next is 0.
func dataPage(data any, path, name string, next int) *response {
	resp := jsonResponse(http.StatusOK, data)
	if next != 0 {
		resp.headers["link"] = fmt.Sprintf(`<%s?year=%d>; rel="next"`, path, next)
	}
	resp.headers["content-disposition"] = `attachment; filename="` + name + `.json"`
	resp.headers["cache-control"] = "private, no-store"
	return resp
}
