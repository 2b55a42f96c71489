package web

import (
	"net/http"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The co-op's list of areas (/admin/settings/areas): one area a line, its
// Welsh name, "|", its English name. A line naming an area already on the
// list (by either name) keeps that area's id, so renaming one of its names
// keeps the profiles that chose it.

// areasView is the form with the list as it is now.
func (h *Handler) areasView(r *request) (*view, error) {
	areas, err := h.cfg.Services.Matching.Areas(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	v := adminView(r, "areas.title", nil)
	v.Form = "areas"
	if r.URL.Query().Get("done") == "saved" {
		v.Notice = T(r.lang, "areas.done")
	}
	var lines []string
	for _, a := range areas.Areas {
		lines = append(lines, a.CY+" | "+a.EN)
	}
	v.Values.Set("areas", strings.Join(lines, "\n"))
	return v, nil
}

// saveAreas replaces the list from the form's lines.
func (h *Handler) saveAreas(w http.ResponseWriter, r *request) error {
	before, err := h.cfg.Services.Matching.Areas(r.Context(), r.principal)
	if err != nil {
		return err
	}
	in := areasFromLines(r.PostFormValue("areas"), before)
	if _, err = h.cfg.Services.Matching.SetAreas(r.Context(), r.principal, in); err == nil {
		http.Redirect(w, r.Request, "/admin/settings/areas?done=saved", http.StatusSeeOther)
		return nil
	}
	v, verr := h.areasView(r)
	if verr != nil {
		return verr
	}
	v.Notice = ""
	v.Values.Set("areas", r.PostFormValue("areas"))
	de := dpcoop.ErrorOf(err)
	for i := range de.Fields { // every problem is on a line of the one box
		de.Fields[i].Field = "areas"
	}
	if !v.problems(de) {
		return err
	}
	h.render(w, r, http.StatusBadRequest, "admin-areas", v)
	return nil
}

// areasFromLines reads "Welsh | English" lines, skipping empty ones; a line
// naming an area of before keeps its id.
func areasFromLines(text string, before dpcoop.Areas) dpcoop.Areas {
	out := dpcoop.Areas{Areas: []dpcoop.Area{}}
	used := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		cy, en, _ := strings.Cut(line, "|")
		a := dpcoop.Area{CY: cy, EN: en}
		for _, words := range []string{cy, en} {
			if old, ok := before.Named(words); ok && !used[old.ID] && a.ID == "" {
				a.ID, used[old.ID] = old.ID, true
			}
		}
		out.Areas = append(out.Areas, a)
	}
	return out
}
