package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/particulars"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// The written statements of employment particulars: the PA reads theirs,
// downloads each version and says they have read it; an admin sees which
// versions each PA has acknowledged.
func (h *Handler) particularsRoutes() {
	pa := []dpcoop.Role{dpcoop.RolePA}
	h.mux.HandleFunc("GET /pa/statements", h.page(pa, h.paStatements))
	h.mux.HandleFunc("GET /pa/statements/{employment}/{n}", h.page(pa, h.statementPDF))
	h.mux.HandleFunc("POST /pa/statements/{employment}/{n}/acknowledge", h.page(pa, h.acknowledgeStatement))
	h.mux.HandleFunc("GET /admin/pas/{id}/statements", h.page(adminOnly, h.adminStatements))
	h.mux.HandleFunc("GET /admin/pas/{id}/statements/{employment}/{n}", h.page(adminOnly, h.statementPDF))
}

// statementRow is one version as the lists show it.
type statementRow struct {
	Employment, N, Issued, Changed, Acknowledged string
	Acknowledge                                  bool
}

// statementGroup is one employment's versions, under the member's name.
type statementGroup struct {
	Member string
	Rows   []statementRow
}

// statementsData is what both lists show: whose statements, and where the
// PDFs are.
type statementsData struct {
	Groups []statementGroup
	PDF    string // the path the PDFs are under
	Back   string
}

// statementGroups are the PA's statements as rows, newest version first.
func statementGroups(l dpcoop.Lang, listed []particulars.Listed, own bool) []statementGroup {
	var out []statementGroup
	for _, e := range listed {
		g := statementGroup{Member: e.Member}
		for i := len(e.Versions) - 1; i >= 0; i-- {
			v := e.Versions[i]
			changed := []string{}
			for _, c := range v.Changed {
				changed = append(changed, T(l, "statements.changed."+c))
			}
			row := statementRow{Employment: e.Employment, N: strconv.Itoa(v.Number), Issued: longDate(l, dpcoop.DateOf(v.Issued)), Changed: strings.Join(changed, ", ")}
			if v.Acknowledged != nil {
				row.Acknowledged = longDate(l, dpcoop.DateOf(*v.Acknowledged))
			}
			row.Acknowledge = own && v.Acknowledged == nil
			g.Rows = append(g.Rows, row)
		}
		out = append(out, g)
	}
	return out
}

// paStatements lists the PA's own statements, with the acknowledge button
// on each version not yet acknowledged.
func (h *Handler) paStatements(w http.ResponseWriter, r *request) error {
	listed, err := h.cfg.Services.Particulars.OfPA(r.Context(), r.principal, r.principal.Person, r.now)
	if err != nil {
		return err
	}
	v := withData(r.view("statements.title"), statementsData{Groups: statementGroups(r.lang, listed, true), PDF: "/pa/statements", Back: "/pa"})
	if r.URL.Query().Get("done") == "acknowledged" {
		v.Notice = T(r.lang, "statements.done")
	}
	h.render(w, r, http.StatusOK, "statements", v)
	return nil
}

// adminStatements shows an admin one PA's statements and which versions
// the PA has acknowledged.
func (h *Handler) adminStatements(w http.ResponseWriter, r *request) error {
	pa := r.PathValue("id")
	listed, err := h.cfg.Services.Particulars.OfPA(r.Context(), r.principal, pa, r.now)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "statements", withData(r.view("statements.admin.title"),
		statementsData{Groups: statementGroups(r.lang, listed, false), PDF: "/admin/pas/" + pa + "/statements", Back: "/admin/pas/" + pa}))
	return nil
}

// statementNumber is the {n} of a page's path, with or without ".pdf".
func statementNumber(r *request) (int, error) {
	n, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("n"), ".pdf"))
	if err != nil || n < 1 {
		return 0, dpcoop.E("statement", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return n, nil
}

// statementPDF is one version as the PDF the API also gives.
func (h *Handler) statementPDF(w http.ResponseWriter, r *request) error {
	n, err := statementNumber(r)
	if err != nil {
		return err
	}
	doc, err := h.cfg.Services.Particulars.Document(r.Context(), r.principal, r.PathValue("employment"), n, r.now)
	if err != nil {
		return err
	}
	if id := r.PathValue("id"); id != "" && id != doc.PA {
		return dpcoop.E("statement", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	b, err := payslips.ParticularsPDF(doc)
	if err != nil {
		return dpcoop.Wrap("render statement", err)
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="written-statement-`+strconv.Itoa(n)+`.pdf"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(b)
	return err
}

// acknowledgeStatement records that the PA has read a version.
func (h *Handler) acknowledgeStatement(w http.ResponseWriter, r *request) error {
	n, err := statementNumber(r)
	if err != nil {
		return err
	}
	if _, err := h.cfg.Services.Particulars.Acknowledge(r.Context(), r.principal, r.PathValue("employment"), n, r.now); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/pa/statements?done=acknowledged", http.StatusSeeOther)
	return nil
}

// statementTodos is the dashboard's item of written statements PAs have
// left unacknowledged, each linking to the PA's statements.
func statementTodos(l dpcoop.Lang, unread []particulars.Unread) []todo {
	if len(unread) == 0 {
		return nil
	}
	t := todo{Text: T(l, "dash.unread", "days", strconv.Itoa(particulars.UnacknowledgedDays)), Count: strconv.Itoa(len(unread))}
	for _, u := range unread {
		t.Lines = append(t.Lines, link{Href: "/admin/pas/" + u.PA.ID + "/statements",
			Text: T(l, "dash.unread.line", "name", u.PA.LegalName, "n", strconv.Itoa(u.Version.Number), "date", longDate(l, dpcoop.DateOf(u.Version.Issued)))})
	}
	return []todo{t}
}
