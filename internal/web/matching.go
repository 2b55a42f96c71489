package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/matching"
)

// Finding the right PA: a PA keeps their profile (/pa/profile) and sees
// the needs they could meet (/pa/needs), anonymised, and may offer; a
// member keeps their preferences (/member/preferences) and sees the PAs who
// fit (/member/matches); an admin does both with a member
// (/admin/members/<id>/preferences, …/matches) and reads the PAs' offers
// (/admin/offers), going on to hire through the PA's record, and keeps the
// co-op's list of areas (/admin/settings/areas).
func (h *Handler) matchingRoutes() {
	pa, member := []dpcoop.Role{dpcoop.RolePA}, []dpcoop.Role{dpcoop.RoleMember}
	h.mux.HandleFunc("GET /pa/profile", h.page(pa, h.shows("match-form", h.matchFormView)))
	h.mux.HandleFunc("POST /pa/profile", h.page(pa, h.saveMatch))
	h.mux.HandleFunc("GET /pa/profile/withdraw", h.page(pa, h.withdrawMatch))
	h.mux.HandleFunc("POST /pa/profile/withdraw", h.page(pa, h.withdrawMatch))
	h.mux.HandleFunc("GET /pa/needs", h.page(pa, h.shows("match-needs", h.needsView)))
	h.mux.HandleFunc("POST /pa/needs/{need}/offer", h.page(pa, h.offer))
	h.mux.HandleFunc("GET /member/preferences", h.page(member, h.shows("match-form", h.matchFormView)))
	h.mux.HandleFunc("POST /member/preferences", h.page(member, h.saveMatch))
	h.mux.HandleFunc("GET /member/preferences/withdraw", h.page(member, h.withdrawMatch))
	h.mux.HandleFunc("POST /member/preferences/withdraw", h.page(member, h.withdrawMatch))
	h.mux.HandleFunc("GET /member/matches", h.page(member, h.shows("match-list", h.matchesView)))
	h.mux.HandleFunc("GET /admin/members/{id}/preferences", h.page(adminOnly, h.shows("match-form", h.matchFormView)))
	h.mux.HandleFunc("POST /admin/members/{id}/preferences", h.page(adminOnly, h.saveMatch))
	h.mux.HandleFunc("GET /admin/members/{id}/preferences/withdraw", h.page(adminOnly, h.withdrawMatch))
	h.mux.HandleFunc("POST /admin/members/{id}/preferences/withdraw", h.page(adminOnly, h.withdrawMatch))
	h.mux.HandleFunc("GET /admin/members/{id}/matches", h.page(adminOnly, h.shows("match-list", h.matchesView)))
	h.mux.HandleFunc("GET /admin/offers", h.page(adminOnly, h.shows("match-offers", h.offersView)))
	h.mux.HandleFunc("GET /admin/settings/areas", h.page(adminOnly, h.shows("admin-areas", h.areasView)))
	h.mux.HandleFunc("POST /admin/settings/areas", h.page(adminOnly, h.saveAreas))
}

// matchWhose is whose profile a page is about, and where its pages are:
// the PA's own, the member's own, or a member's with an admin.
func matchWhose(r *request) (matching.Whose, string) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/pa/"):
		return matching.Whose{Person: r.principal.Person}, "/pa/profile"
	case strings.HasPrefix(r.URL.Path, "/admin/"):
		id := r.PathValue("id")
		return matching.Whose{Member: true, Person: id}, "/admin/members/" + id + "/preferences"
	}
	return matching.Whose{Member: true, Person: r.principal.Person}, "/member/preferences"
}

// matchDone are the notices after a change, by ?done=.
var matchDone = map[string]string{"saved": "match.done.saved", "withdrawn": "match.done.withdrawn", "offered": "match.done.offered"}

// matchFieldForm is one field of the form: its name, its choices (none for
// a field written in words), whether it is the form's first (whose boxes
// carry the ids the error summary links to), whether one choice only is
// allowed (a member's area from the co-op's list), and words kept from
// before the co-op had its list that name none of its areas.
type matchFieldForm struct {
	Name  string
	Opts  []option
	First bool
	One   bool
	Words string
}

// matchFormData is the profile or preferences form.
type matchFormData struct {
	Action, Back, Who string
	Member            bool
	Fields            []matchFieldForm
	Shared            bool
}

// matchChoices are a field's choices in the page's language.
func matchChoices(l dpcoop.Lang, f dpcoop.MatchField) []option {
	var vals []string
	switch f {
	case dpcoop.MatchLanguages:
		vals = dpcoop.MatchLanguageChoices
	case dpcoop.MatchGender:
		vals = dpcoop.MatchGenderChoices
	case dpcoop.MatchFaith:
		vals = dpcoop.MatchFaithChoices
	case dpcoop.MatchInterests:
		vals = dpcoop.MatchInterestChoices
	case dpcoop.MatchSupport:
		vals = dpcoop.MatchSupportChoices
	case dpcoop.MatchTimes:
		vals = dpcoop.MatchTimeChoices
	}
	var out []option
	for _, v := range vals {
		out = append(out, option{Value: v, Text: matchItem(l, dpcoop.Areas{}, f, v)})
	}
	return out
}

// matchItem is one item of a field in words: "Welsh", "Tuesday morning";
// an area from the co-op's list by its name in the language; culture and a
// free-text area are the person's own words (an area taken off the list
// shows its id).
func matchItem(l dpcoop.Lang, areas dpcoop.Areas, f dpcoop.MatchField, item string) string {
	switch f {
	case dpcoop.MatchArea:
		if a, ok := areas.Find(item); ok {
			return a.Name(l)
		}
		return item
	case dpcoop.MatchCulture:
		return item
	case dpcoop.MatchLanguages:
		if l == dpcoop.Welsh {
			return languageNames[item].cy
		}
		return languageNames[item].en
	}
	return T(l, "match."+string(f)+"."+item)
}

// matchFormView is the form with what is shared now (or the answers given).
func (h *Handler) matchFormView(r *request) (*view, error) {
	w, action := matchWhose(r)
	prof, err := h.cfg.Services.Matching.Profile(r.Context(), r.principal, w, r.now)
	if err != nil {
		return nil, err
	}
	d := matchFormData{Action: action, Member: w.Member, Who: "match.who.pa", Shared: len(prof.Shared()) > 0}
	title := "match.pa.title"
	switch {
	case w.Member && w.Person != r.principal.Person:
		d.Who, title, d.Back = "match.who.member", "match.admin.title", "/admin/members/"+w.Person
	case w.Member:
		d.Who, title = "match.who.member", "match.member.title"
	}
	areas, err := h.cfg.Services.Matching.Areas(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	for i, f := range dpcoop.MatchFields {
		field := matchFieldForm{Name: string(f), Opts: matchChoices(r.lang, f), First: i == 0}
		if f == dpcoop.MatchArea && len(areas.Areas) > 0 {
			field.One, field.Words = w.Member, prof.Area
			for _, a := range areas.Areas {
				field.Opts = append(field.Opts, option{Value: a.ID, Text: a.Name(r.lang)})
			}
		}
		d.Fields = append(d.Fields, field)
	}
	v := withData(r.view(title), d)
	v.Form = "match"
	if key, ok := matchDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(r.lang, key)
	}
	for _, f := range prof.Shared() {
		v.Values.Add("consent", string(f))
		for _, item := range prof.Items(f) {
			v.Values.Add(string(f), item)
		}
	}
	for _, f := range prof.Must {
		v.Values.Add("must", string(f))
	}
	return v, nil
}

// saveMatch saves the form: a field not ticked is withdrawn and deleted.
func (h *Handler) saveMatch(w http.ResponseWriter, r *request) error {
	whose, action := matchWhose(r)
	if err := r.ParseForm(); err != nil {
		return err
	}
	areas, err := h.cfg.Services.Matching.Areas(r.Context(), r.principal)
	if err != nil {
		return err
	}
	f := r.PostForm
	in := dpcoop.MatchInput{Consent: f["consent"], Languages: f["languages"], Gender: f["gender"], Faith: f["faith"],
		Culture: f.Get("culture"), Interests: f["interests"], Support: f["support"], Area: f.Get("area"), Times: f["times"], Must: f["must"]}
	if len(areas.Areas) > 0 { // the area's boxes send the list's ids
		in.Area, in.Areas = "", f["area"]
	}
	_, err = h.cfg.Services.Matching.Save(r.Context(), r.principal, whose, in, r.now)
	if err == nil {
		http.Redirect(w, r.Request, action+"?done=saved", http.StatusSeeOther)
		return nil
	}
	v, verr := h.matchFormView(r)
	if verr != nil {
		return verr
	}
	v.Values = url.Values{}
	for k, vals := range f {
		if k != "csrf" {
			v.Values[k] = vals
		}
	}
	if !v.problems(err) {
		return err
	}
	h.render(w, r, http.StatusBadRequest, "match-form", v)
	return nil
}

// withdrawMatch deletes everything shared, after the confirm page.
func (h *Handler) withdrawMatch(w http.ResponseWriter, r *request) error {
	whose, action := matchWhose(r)
	if r.Method != http.MethodPost || !confirmed(r) {
		h.confirm(w, r, "match.withdraw.title", confirmData{Heading: T(r.lang, "match.withdraw.title"),
			Lines: []string{T(r.lang, "match.withdraw.line")}, Action: action + "/withdraw",
			Button: T(r.lang, "match.withdraw.button"), Cancel: action})
		return nil
	}
	if err := h.cfg.Services.Matching.Withdraw(r.Context(), r.principal, whose); err != nil {
		return err
	}
	http.Redirect(w, r.Request, action+"?done=withdrawn", http.StatusSeeOther)
	return nil
}

// matchRow is one PA who fits, as the list shows them.
type matchRow struct {
	Name      string
	Applicant bool
	Musts     []string
	Wishes    []string
}

// matchListData is the ranked list.
type matchListData struct {
	Rows              []matchRow
	Prefs, Back       string
	Admin, HasProfile bool
}

// reasonText is one reason in plain words: "speaks Welsh"; in Easy Read a
// whole sentence naming the PA: "Tom speaks Welsh.".
func reasonText(l dpcoop.Lang, areas dpcoop.Areas, easy bool, name string, why dpcoop.MatchReason) string {
	item := matchItem(l, areas, why.Field, why.Item)
	if easy {
		return T(l, "easy.match.reason."+string(why.Field), "item", item, "name", name)
	}
	return T(l, "match.reason."+string(why.Field), "item", item)
}

// matchesView lists the PAs who fit a member's preferences, best first.
func (h *Handler) matchesView(r *request) (*view, error) {
	member := r.principal.Person
	d := matchListData{Prefs: "/member/preferences"}
	if id := r.PathValue("id"); id != "" {
		member, d.Admin = id, true
		d.Prefs, d.Back = "/admin/members/"+id+"/preferences", "/admin/members/"+id
	}
	prefs, err := h.cfg.Services.Matching.Profile(r.Context(), r.principal, matching.Whose{Member: true, Person: member}, r.now)
	if err != nil {
		return nil, err
	}
	d.HasProfile = len(prefs.Shared()) > 0
	ranked, err := h.cfg.Services.Matching.Rank(r.Context(), r.principal, member, r.now)
	if err != nil {
		return nil, err
	}
	areas, err := h.cfg.Services.Matching.Areas(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	easy := r.easy && !d.Admin
	for _, x := range ranked {
		row := matchRow{Name: x.FirstName, Applicant: x.Applicant}
		for _, why := range x.Reasons {
			if why.Must {
				row.Musts = append(row.Musts, reasonText(r.lang, areas, easy, x.FirstName, why))
			} else {
				row.Wishes = append(row.Wishes, reasonText(r.lang, areas, easy, x.FirstName, why))
			}
		}
		d.Rows = append(d.Rows, row)
	}
	return withData(r.view("match.list.title"), d), nil
}

// needRow is one need as a PA reads it, in words.
type needRow struct {
	Need, Summary string
	Offered       bool
}

// needsView lists the anonymised needs the PA could meet.
func (h *Handler) needsView(r *request) (*view, error) {
	needs, err := h.cfg.Services.Matching.Needs(r.Context(), r.principal, r.now)
	if err != nil {
		return nil, err
	}
	areas, err := h.cfg.Services.Matching.Areas(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	var rows []needRow
	for _, n := range needs {
		rows = append(rows, needRow{Need: n.Need, Summary: needSummary(r.lang, areas, n)})
	}
	v := withData(r.view("match.needs.title"), rows)
	if key, ok := matchDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(r.lang, key)
	}
	return v, nil
}

// needSummary says a need in one sentence: "Someone in Cardiff who wants
// help with personal care, on Tuesday mornings, in Welsh."
func needSummary(l dpcoop.Lang, areas dpcoop.Areas, n dpcoop.MatchNeed) string {
	words := func(f dpcoop.MatchField, items []string) string {
		var out []string
		for _, it := range items {
			out = append(out, matchItem(l, areas, f, it))
		}
		return strings.Join(out, ", ")
	}
	parts := []string{T(l, "match.need.someone")}
	if area := words(dpcoop.MatchArea, dpcoop.MatchValues{Area: n.Area, Areas: n.Areas}.Items(dpcoop.MatchArea)); area != "" {
		parts = append(parts, T(l, "match.need.area", "area", area))
	}
	if len(n.Support) > 0 {
		parts = append(parts, T(l, "match.need.support", "support", words(dpcoop.MatchSupport, n.Support)))
	}
	if len(n.Times) > 0 {
		parts = append(parts, T(l, "match.need.times", "times", words(dpcoop.MatchTimes, n.Times)))
	}
	if len(n.Languages) > 0 {
		parts = append(parts, T(l, "match.need.languages", "languages", words(dpcoop.MatchLanguages, n.Languages)))
	}
	return strings.Join(parts, " ") + "."
}

// offer records the PA's offer against a need.
func (h *Handler) offer(w http.ResponseWriter, r *request) error {
	if _, err := h.cfg.Services.Matching.Offer(r.Context(), r.principal, r.PathValue("need"), r.now); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/pa/needs?done=offered", http.StatusSeeOther)
	return nil
}

// offersView lists the PAs' offers for the admins, each with the way on to
// hiring: the PA's record and a new employment.
func (h *Handler) offersView(r *request) (*view, error) {
	offers, err := h.cfg.Services.Matching.Offers(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	type row struct {
		PA, PAName, Member, MemberName, When string
	}
	var rows []row
	for _, o := range offers {
		rows = append(rows, row{PA: o.PA, PAName: o.PAName, Member: o.Member, MemberName: o.MemberName, When: longDate(r.lang, dpcoop.DateOf(o.At))})
	}
	return withData(r.view("match.offers.title"), rows), nil
}
