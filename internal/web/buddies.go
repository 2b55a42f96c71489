package web

import (
	"net/http"
	"slices"

	"github.com/dpcoop/dpcoop/internal/buddies"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// buddyRoutes are buddying's pages: the member's (ask, answer, see their
// buddy, end), the admins' (who waits, pair two, the counts), and every
// signed-in person's notices with what they want emailed.
func (h *Handler) buddyRoutes() {
	m := []dpcoop.Role{dpcoop.RoleMember}
	h.mux.HandleFunc("GET /member/buddy", h.page(m, h.shows("member-buddy", h.buddyView)))
	h.mux.HandleFunc("POST /member/buddy/ask", h.page(m, h.askBuddy))
	h.mux.HandleFunc("POST /member/buddy/withdraw", h.page(m, h.withdrawBuddy))
	h.mux.HandleFunc("POST /member/buddy/answer", h.page(m, h.answerBuddy))
	h.mux.HandleFunc("POST /member/buddy/end", h.page(m, h.endBuddy))
	h.mux.HandleFunc("GET /admin/buddies", h.page(adminOnly, h.shows("admin-buddies", h.adminBuddiesView)))
	h.mux.HandleFunc("POST /admin/buddies/pair", h.page(adminOnly, h.pairBuddies))
	everyone := []dpcoop.Role{dpcoop.RoleMember, dpcoop.RolePA, dpcoop.RoleAdmin}
	h.mux.HandleFunc("GET /notices", h.page(everyone, h.shows("notices", h.noticesView)))
	h.mux.HandleFunc("POST /notices/{id}/read", h.page(everyone, h.readNotice))
	h.mux.HandleFunc("POST /notices/settings", h.page(everyone, h.saveNoticeSettings))
}

// buddyDone are the notices after a change to a member's buddying.
var buddyDone = map[string]string{"asked": "buddy.done.asked", "withdrawn": "buddy.done.withdrawn",
	"answered": "buddy.done.answered", "ended": "buddy.done.ended", "paired": "buddy.done.paired", "saved": "notices.done.saved"}

// buddyData is the member's buddying as their page shows it.
type buddyData struct {
	Mine     buddies.Mine
	Contacts []option
}

// buddyView shows the member their request, the pairing proposed to them,
// or their buddy.
func (h *Handler) buddyView(r *request) (*view, error) {
	mine, err := h.cfg.Services.Buddies.Mine(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	v := withData(r.view("buddy.title"), buddyData{Mine: mine, Contacts: contactOptions(r.lang)})
	v.Form = "buddy"
	if key, ok := buddyDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(r.lang, key)
	}
	if mine.Request != nil && mine.Request.Note != "" && v.Values.Get("note") == "" {
		v.Values.Set("note", mine.Request.Note)
	}
	return v, nil
}

// contactOptions are the ways a buddy may choose to be reached.
func contactOptions(l dpcoop.Lang) []option {
	var out []option
	for _, c := range dpcoop.ContactChannels {
		out = append(out, option{Value: c, Text: T(l, "buddy.contact."+c)})
	}
	return out
}

// again shows the buddy page with the form's problems, or fails.
func (h *Handler) again(w http.ResponseWriter, r *request, err error, keep ...string) error {
	v, verr := h.buddyView(r)
	if verr != nil {
		return verr
	}
	for _, f := range keep {
		v.Values.Set(f, r.PostFormValue(f))
	}
	if !v.refused(err) {
		return err
	}
	for i := range v.Errors {
		if v.Errors[i].Field == "" {
			v.Errors[i].Anchor = v.ID(keep[0])
		}
	}
	h.render(w, r, http.StatusBadRequest, "member-buddy", v)
	return nil
}

// askBuddy records the member's request, with their note.
func (h *Handler) askBuddy(w http.ResponseWriter, r *request) error {
	if _, err := h.cfg.Services.Buddies.Ask(r.Context(), r.principal, r.PostFormValue("note"), r.now); err != nil {
		return h.again(w, r, err, "note")
	}
	http.Redirect(w, r.Request, "/member/buddy?done=asked", http.StatusSeeOther)
	return nil
}

// withdrawBuddy takes back the member's waiting request.
func (h *Handler) withdrawBuddy(w http.ResponseWriter, r *request) error {
	if err := h.cfg.Services.Buddies.Withdraw(r.Context(), r.principal); err != nil {
		return h.again(w, r, err, "note")
	}
	http.Redirect(w, r.Request, "/member/buddy?done=withdrawn", http.StatusSeeOther)
	return nil
}

// answerBuddy records the member's yes, with how they want to be reached,
// or no.
func (h *Handler) answerBuddy(w http.ResponseWriter, r *request) error {
	agree := r.PostFormValue("answer") == "yes"
	_, err := h.cfg.Services.Buddies.Answer(r.Context(), r.principal, r.PostFormValue("pairing"), agree, r.PostFormValue("contact"), r.now)
	if err != nil {
		return h.again(w, r, err, "contact")
	}
	http.Redirect(w, r.Request, "/member/buddy?done=answered", http.StatusSeeOther)
	return nil
}

// endBuddy ends the member's pairing once they confirm.
func (h *Handler) endBuddy(w http.ResponseWriter, r *request) error {
	id := r.PostFormValue("pairing")
	if !confirmed(r) {
		h.confirm(w, r, "buddy.end.title", confirmData{Heading: T(r.lang, "buddy.end.title"),
			Lines: []string{T(r.lang, "buddy.end.line1"), T(r.lang, "buddy.end.line2")}, Action: "/member/buddy/end",
			Hidden: []hidden{{"pairing", id}}, Button: T(r.lang, "buddy.end"), Cancel: "/member/buddy"})
		return nil
	}
	if err := h.cfg.Services.Buddies.End(r.Context(), r.principal, id, r.now); err != nil {
		return h.again(w, r, err, "note")
	}
	http.Redirect(w, r.Request, "/member/buddy?done=ended", http.StatusSeeOther)
	return nil
}

// adminBuddiesData is what the admins see of buddying: counts, and who
// waits, to pair.
type adminBuddiesData struct {
	Counts  buddies.Counts
	Waiting []waitingRow
	Members []option
}

// waitingRow is a waiting request as the admins' table shows it.
type waitingRow struct{ Name, Note, Asked string }

// adminBuddiesView shows the counts, the waiting requests and the form to
// pair two of them.
func (h *Handler) adminBuddiesView(r *request) (*view, error) {
	c, err := h.cfg.Services.Buddies.Counts(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	ws, err := h.cfg.Services.Buddies.Waiting(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	d := adminBuddiesData{Counts: c, Members: []option{{Value: "", Text: T(r.lang, "buddies.choose")}}}
	for _, w := range ws {
		d.Waiting = append(d.Waiting, waitingRow{Name: w.Name, Note: w.Note, Asked: longDate(r.lang, dpcoop.DateOf(w.At))})
		d.Members = append(d.Members, option{Value: w.Member, Text: w.Name})
	}
	v := withData(r.view("buddies.title"), d)
	v.Form = "buddies"
	v.Values.Set("key", newSecret())
	if key, ok := buddyDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(r.lang, key)
	}
	return v, nil
}

// pairBuddies proposes two waiting members as buddies. The pairing's id
// comes from the form's key, so the same form sent twice proposes once, and
// two members paired again after a no or an end get a new pairing.
func (h *Handler) pairBuddies(w http.ResponseWriter, r *request) error {
	a, b, key := r.PostFormValue("member_a"), r.PostFormValue("member_b"), r.PostFormValue("key")
	id := func(kind string, natural ...string) (string, error) {
		if key == "" {
			return "", dpcoop.E("pair buddies", dpcoop.KindMalformed, dpcoop.CodeMalformed)
		}
		return dpcoop.DerivedID(kind, string(r.principal.Coop), r.principal.Person, key), nil
	}
	_, _, err := h.cfg.Services.Buddies.Pair(r.Context(), r.principal, a, b, id, r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/buddies?done=paired", http.StatusSeeOther)
		return nil
	}
	v, verr := h.adminBuddiesView(r)
	if verr != nil {
		return verr
	}
	v.Values.Set("member_a", a)
	v.Values.Set("member_b", b)
	v.Values.Set("key", key)
	if !v.refused(err) {
		return err
	}
	for i := range v.Errors {
		if v.Errors[i].Field == "" {
			v.Errors[i].Anchor = v.ID("member_a")
		}
	}
	h.render(w, r, http.StatusBadRequest, "admin-buddies", v)
	return nil
}

// noticeRow is a notice as the person's list shows it.
type noticeRow struct {
	ID, Text, When string
	Read           bool
}

// noticesData is a person's notices and what they want emailed; Member
// says the reader is a member, whose page has an Easy Read version.
type noticesData struct {
	Notices []noticeRow
	Kinds   []option
	Member  bool
}

// noticesView lists the person's notices, newest first, and their email
// settings.
func (h *Handler) noticesView(r *request) (*view, error) {
	ns, err := h.cfg.Services.Notices.Mine(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	set, err := h.cfg.Services.Notices.Settings(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	d := noticesData{Notices: noticeRows(r, ns), Member: r.principal.Has(dpcoop.RoleMember)}
	v := withData(r.view("notices.title"), d)
	v.Form = "notices"
	for _, k := range dpcoop.NoticeKinds {
		d.Kinds = append(d.Kinds, option{Value: k, Text: T(r.lang, "notices.kind."+k)})
		if set.Wants(k) {
			v.Values.Add("email", k)
		}
	}
	v.Data = d
	if key, ok := buddyDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(r.lang, key)
	}
	return v, nil
}

// noticeRows are notices as the pages list them, in the page's language.
func noticeRows(r *request, ns []dpcoop.PageNotice) []noticeRow {
	var out []noticeRow
	for _, n := range ns {
		out = append(out, noticeRow{ID: n.ID, Text: T(r.lang, "notice."+n.Event+".subject"), When: longDate(r.lang, dpcoop.DateOf(n.At)), Read: n.Read})
	}
	return out
}

// unreadNotices are the person's notices not yet read, newest first, for
// their home page.
func (h *Handler) unreadNotices(r *request) ([]noticeRow, error) {
	ns, err := h.cfg.Services.Notices.Mine(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	ns = slices.DeleteFunc(ns, func(n dpcoop.PageNotice) bool { return n.Read })
	return noticeRows(r, ns), nil
}

// readNotice marks one of the person's notices read.
func (h *Handler) readNotice(w http.ResponseWriter, r *request) error {
	if err := h.cfg.Services.Notices.MarkRead(r.Context(), r.principal, r.PathValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/notices", http.StatusSeeOther)
	return nil
}

// saveNoticeSettings keeps what the person wants emailed: each kind ticked
// is on, each not ticked off.
func (h *Handler) saveNoticeSettings(w http.ResponseWriter, r *request) error {
	in := dpcoop.NoticeSettingsInput{}
	for _, k := range dpcoop.NoticeKinds {
		in[k] = false
	}
	for _, k := range r.PostForm["email"] {
		in[k] = true
	}
	if _, err := h.cfg.Services.Notices.SetSettings(r.Context(), r.principal, in); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/notices?done=saved", http.StatusSeeOther)
	return nil
}
