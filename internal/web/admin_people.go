package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The admins' area "people": who can sign in to the co-op (invite an admin,
// add or remove a role, revoke access) and the co-op's settings.

func (h *Handler) adminPeopleRoutes() {
	h.mux.HandleFunc("GET /admin/people", h.page(adminOnly, h.shows("admin-people", h.peopleView)))
	h.mux.HandleFunc("GET /admin/people/invite", h.page(adminOnly, h.inviteForm))
	h.mux.HandleFunc("POST /admin/people/invite", h.page(adminOnly, h.invite))
	h.mux.HandleFunc("POST /admin/people/{id}/roles", h.page(adminOnly, h.changeRole))
	h.mux.HandleFunc("GET /admin/people/{id}/revoke", h.page(adminOnly, h.revokeConfirm))
	h.mux.HandleFunc("POST /admin/people/{id}/revoke", h.page(adminOnly, h.revoke))
	h.mux.HandleFunc("POST /admin/people/{id}/reinstate", h.page(adminOnly, h.reinstate))
	h.mux.HandleFunc("GET /admin/settings", h.page(adminOnly, h.settingsPage))
	h.mux.HandleFunc("POST /admin/settings", h.page(adminOnly, h.saveSettings))
	h.mux.HandleFunc("POST /admin/settings/turnstile", h.page(adminOnly, h.saveTurnstile))
}

// peopleDone are the notices after a change of people or settings, by ?done=.
var peopleDone = map[string]string{
	"invited": "people.done.invited", "role": "people.done.role", "revoked": "people.done.revoked",
	"reinstated": "people.done.reinstated",
	"saved":      "settings.done.saved", "turnstile": "settings.done.turnstile",
}

// adminView starts a people or settings page, with the notice a redirect
// asked for.
func adminView(r *request, title string, data any) *view {
	v := withData(r.view(title), data)
	if key, ok := peopleDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(r.lang, key)
	}
	return v
}

// personRow is one person as the people page lists them.
type personRow struct {
	ID, Name, Email string
	Roles           []string
	Active, Admin   bool
	Self            bool
	// Revoked is access an admin revoked and may give back (the person
	// did not leave).
	Revoked bool
}

// peopleView lists who can sign in, with what each may be changed by.
func (h *Handler) peopleView(r *request) (*view, error) {
	people, err := h.cfg.Services.People.People(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	rows := make([]personRow, 0, len(people))
	for _, a := range people {
		row := personRow{ID: a.Person, Name: a.Name, Email: a.Email, Active: a.Active, Revoked: !a.Revoked.IsZero() && a.Ended == "",
			Admin: slices.Contains(a.Roles, dpcoop.RoleAdmin), Self: a.Person == r.principal.Person}
		if row.Name == "" {
			row.Name = a.Email
		}
		for _, role := range a.Roles {
			row.Roles = append(row.Roles, T(r.lang, "people.role."+string(role)))
		}
		rows = append(rows, row)
	}
	return adminView(r, "people.title", rows), nil
}

// peopleRefused shows the people page with why a change was refused (the
// last admin kept, a revoked person).
func (h *Handler) peopleRefused(w http.ResponseWriter, r *request, err error) error {
	de := dpcoop.ErrorOf(err)
	if de.Kind != dpcoop.KindConflict {
		return err
	}
	v, verr := h.peopleView(r)
	if verr != nil {
		return verr
	}
	v.Errors = append(v.Errors, fieldError{Anchor: "people", Message: T(r.lang, de.Code)})
	h.render(w, r, http.StatusConflict, "admin-people", v)
	return nil
}

func inviteView(r *request) *view {
	v := r.view("people.invite.title")
	v.Form = "invite"
	v.Data = languageOptions(r.lang)
	return v
}

// languageOptions are the two languages to choose from, each in itself.
func languageOptions(l dpcoop.Lang) []option {
	return []option{{Value: string(dpcoop.Welsh), Text: T(l, "lang.cy")}, {Value: string(dpcoop.English), Text: T(l, "lang.en")}}
}

func (h *Handler) inviteForm(w http.ResponseWriter, r *request) error {
	h.render(w, r, http.StatusOK, "admin-people-invite", inviteView(r))
	return nil
}

// invite invites a person as an admin.
func (h *Handler) invite(w http.ResponseWriter, r *request) error {
	v := inviteView(r)
	in := dpcoop.AdminInvite{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Language: r.PostFormValue("language")}
	v.Values = url.Values{"name": {in.Name}, "email": {in.Email}, "language": {in.Language}}
	_, _, err := h.cfg.Services.People.InviteAdmin(r.Context(), r.principal, in, r.now)
	if v.refused(err) {
		if de := dpcoop.ErrorOf(err); de.Kind == dpcoop.KindConflict {
			v.Errors[len(v.Errors)-1].Anchor = v.ID("email")
		}
		h.render(w, r, http.StatusBadRequest, "admin-people-invite", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/people?done=invited", http.StatusSeeOther)
	return nil
}

// changeRole adds or removes a role (change=add|remove).
func (h *Handler) changeRole(w http.ResponseWriter, r *request) error {
	id, role := r.PathValue("id"), r.PostFormValue("role")
	var err error
	if r.PostFormValue("change") == "add" {
		_, err = h.cfg.Services.People.AddRole(r.Context(), r.principal, id, role, r.now)
	} else {
		_, err = h.cfg.Services.People.RemoveRole(r.Context(), r.principal, id, role, r.now)
	}
	if err != nil {
		return h.peopleRefused(w, r, err)
	}
	http.Redirect(w, r.Request, "/admin/people?done=role", http.StatusSeeOther)
	return nil
}

// revokeConfirm asks to confirm revoking someone's access, saying what
// will happen.
func (h *Handler) revokeConfirm(w http.ResponseWriter, r *request) error {
	a, err := h.cfg.Services.People.Person(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return err
	}
	name := a.Name
	if name == "" {
		name = a.Email
	}
	h.confirm(w, r, "people.revoke.title", confirmData{
		Heading: T(r.lang, "people.revoke.heading", "name", name),
		Lines:   []string{T(r.lang, "people.revoke.signout"), T(r.lang, "people.revoke.signin"), T(r.lang, "people.revoke.kept")},
		Action:  "/admin/people/" + url.PathEscape(a.Person) + "/revoke",
		Button:  T(r.lang, "people.revoke.button"),
		Cancel:  "/admin/people",
	})
	return nil
}

// revoke revokes someone's access once the admin confirmed it.
func (h *Handler) revoke(w http.ResponseWriter, r *request) error {
	if !confirmed(r) {
		return h.revokeConfirm(w, r)
	}
	if _, err := h.cfg.Services.People.Revoke(r.Context(), r.principal, r.PathValue("id"), r.now); err != nil {
		return h.peopleRefused(w, r, err)
	}
	http.Redirect(w, r.Request, "/admin/people?done=revoked", http.StatusSeeOther)
	return nil
}

// reinstate gives back access an admin revoked; nothing is lost by it, so
// it needs no confirming.
func (h *Handler) reinstate(w http.ResponseWriter, r *request) error {
	if _, err := h.cfg.Services.People.Reinstate(r.Context(), r.principal, r.PathValue("id"), r.now); err != nil {
		return h.peopleRefused(w, r, err)
	}
	http.Redirect(w, r.Request, "/admin/people?done=reinstated", http.StatusSeeOther)
	return nil
}

// settingsData is what the settings page shows beside its form.
type settingsData struct {
	Languages []option
	Turnstile bool
}

// settingsView is the settings page with the co-op's details as answers.
func (h *Handler) settingsView(r *request) (*view, dpcoop.Coop, error) {
	c, err := h.cfg.Services.Settings.Coop(r.Context(), r.principal)
	if err != nil {
		return nil, dpcoop.Coop{}, err
	}
	v := adminView(r, "settings.title", settingsData{Languages: languageOptions(r.lang), Turnstile: c.TurnstileSecret != ""})
	v.Form = "settings"
	v.Values = url.Values{"name_en": {c.NameEN}, "name_cy": {c.NameCY}, "contact_email": {c.ContactEmail},
		"registered_office": {c.RegisteredOffice}, "origins": {strings.Join(c.Origins, "\n")}, "language": {string(c.Language)}}
	return v, c, nil
}

func (h *Handler) settingsPage(w http.ResponseWriter, r *request) error {
	v, _, err := h.settingsView(r)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "admin-settings", v)
	return nil
}

// saveSettings changes the co-op's details: one origin a line.
func (h *Handler) saveSettings(w http.ResponseWriter, r *request) error {
	v, _, err := h.settingsView(r)
	if err != nil {
		return err
	}
	form := func(name string) *string { s := r.PostFormValue(name); v.Values.Set(name, s); return &s }
	var origins []string
	for _, o := range strings.Split(r.PostFormValue("origins"), "\n") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	v.Values.Set("origins", r.PostFormValue("origins"))
	ch := dpcoop.CoopChange{NameEN: form("name_en"), NameCY: form("name_cy"), ContactEmail: form("contact_email"),
		RegisteredOffice: form("registered_office"), Origins: &origins, Language: form("language")}
	_, _, err = h.cfg.Services.Settings.Change(r.Context(), r.principal, ch, r.now)
	if v.problems(err) {
		v.Notice = ""
		h.render(w, r, http.StatusBadRequest, "admin-settings", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/settings?done=saved", http.StatusSeeOther)
	return nil
}

// saveTurnstile turns Turnstile on with the secret given, or off
// (turnstile=off).
func (h *Handler) saveTurnstile(w http.ResponseWriter, r *request) error {
	secret, siteKey := strings.TrimSpace(r.PostFormValue("secret")), strings.TrimSpace(r.PostFormValue("site_key"))
	if r.PostFormValue("turnstile") == "off" {
		secret, siteKey = "", ""
	}
	err := h.cfg.Services.Settings.SetTurnstile(r.Context(), r.principal, secret, siteKey, r.now)
	if err != nil && dpcoop.ErrorOf(err).Kind == dpcoop.KindInvalid {
		v, _, verr := h.settingsView(r)
		if verr != nil {
			return verr
		}
		v.Notice = ""
		v.problems(err)
		h.render(w, r, http.StatusBadRequest, "admin-settings", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/settings?done=turnstile", http.StatusSeeOther)
	return nil
}
