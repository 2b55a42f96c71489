package web

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

//go:embed templates
var templateFiles embed.FS

// pages are the parsed pages by name: each page's file with the shared
// layout and components (templates/shared).
type pages map[string]*template.Template

func parsePages() pages {
	base := template.Must(template.New("").Funcs(template.FuncMap{
		"list":  func(s ...string) []string { return s },
		"pair":  func(a, b any) pair { return pair{a, b} },
		"list2": func(value, text string) []option { return []option{{Value: value, Text: text}} },
	}).ParseFS(templateFiles, "templates/shared/*.tmpl"))
	names, err := fs.Glob(templateFiles, "templates/*.tmpl")
	if err != nil {
		panic(err)
	}
	out := pages{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".tmpl")
		out[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFiles, n))
	}
	return out
}

// render writes a page, or a plain 500 if the template fails (a bug the
// tests catch: every page is rendered in both languages there).
func (h *Handler) render(w http.ResponseWriter, r *request, status int, name string, v *view) {
	var b bytes.Buffer
	if err := h.pages[name].ExecuteTemplate(&b, "layout", v); err != nil {
		h.cfg.Log.Error("render page", "page", name, "error", err.Error())
		http.Error(w, "Mae problem gyda'r gwasanaeth. / There is a problem with the service.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Language", string(r.lang))
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// pair passes two values to a component.
type pair struct{ A, B any }

// view is what every page's template reads: the language, the person, the
// form's answers and problems, and the page's own data.
type view struct {
	Lang dpcoop.Lang
	// Service is the name in the header: the person's co-op once signed in.
	Service string
	// Easy shows the member's pages in Easy Read.
	Easy      bool
	Title     string
	Path      string
	CSRF      string
	SignedIn  bool
	Principal dpcoop.Principal
	Nav       []navItem
	// Form names the page's form; its fields' labels are "<form>.<field>"
	// in the catalogue.
	Form   string
	Values url.Values
	Errors []fieldError
	// Notice is a success message, shown in a notification banner.
	Notice string
	// Important is a message shown in an important notification banner.
	Important string
	// Passkeys says the pages offer passkeys (see docs/web.md).
	Passkeys bool
	Data     any
}

// navItem is a link of the service navigation.
type navItem struct {
	Href, Text string
	Current    bool
}

// fieldError is one problem with an answer: its field, the id of the input
// the error summary links to, and the message.
type fieldError struct {
	Field, Anchor, Message string
}

// view starts a page's view with the title key.
func (r *request) view(title string) *view {
	v := &view{Lang: r.lang, Easy: r.easy, Title: T(r.lang, title), Path: r.URL.Path, SignedIn: r.signedIn(),
		Principal: r.principal, Values: url.Values{}, Passkeys: r.h.cfg.Passkeys != nil}
	if r.sess != nil {
		v.CSRF = r.sess.csrf()
	}
	v.Service = T(r.lang, "service.name")
	if r.signedIn() {
		v.Nav = navFor(r)
		if name := r.sess.CoopEN; r.lang == dpcoop.Welsh && r.sess.CoopCY != "" {
			v.Service = r.sess.CoopCY
		} else if name != "" {
			v.Service = name
		}
	}
	return v
}

// navFor is the service navigation for the person's roles.
func navFor(r *request) []navItem {
	var items []navItem
	add := func(href, key string) {
		items = append(items, navItem{Href: href, Text: T(r.lang, key),
			Current: r.URL.Path == href || href != "/" && strings.HasPrefix(r.URL.Path, href+"/")})
	}
	if r.principal.Has(dpcoop.RolePA) {
		add("/pa", "nav.pa.home")
		add("/pa/shifts/new", "nav.pa.record")
		add("/pa/payslips", "nav.pa.payslips")
		add("/pa/statements", "nav.pa.statements")
		add("/pa/details", "nav.pa.details")
		add("/pa/data", "nav.pa.data")
		add("/pa/cases", "nav.pa.cases")
		add("/pa/rota", "nav.pa.rota")
	}
	if r.principal.Has(dpcoop.RoleMember) {
		items = append(items, memberNav(r)...)
	}
	if r.principal.Has(dpcoop.RoleAdmin) {
		items = append(items, adminNav(r)...)
	}
	return items
}

// T is the page text for key in the page's language.
func (v *view) T(key string, args ...string) string { return T(v.Lang, key, args...) }

// Other is the language the switch offers.
func (v *view) Other() dpcoop.Lang {
	if v.Lang == dpcoop.Welsh {
		return dpcoop.English
	}
	return dpcoop.Welsh
}

// LangLink is the language switch's link to this page in l; a Path that
// carries its own query (a reference, a problem's codes) keeps it.
func (v *view) LangLink(l string) string {
	sep := "?"
	if strings.Contains(v.Path, "?") {
		sep = "&"
	}
	return v.Path + sep + "lang=" + l
}

// Val is the answer given for a field.
func (v *view) Val(field string) string { return v.Values.Get(field) }

// Has reports whether the answers for a field include value (radios and
// checkboxes).
func (v *view) Has(field, value string) bool {
	for _, x := range v.Values[field] {
		if x == value {
			return true
		}
	}
	return false
}

// Err is the message for a field's problem, if it has one.
func (v *view) Err(field string) string {
	for _, e := range v.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// ID is a field's element id: "<form>-<field>".
func (v *view) ID(field string) string { return v.Form + "-" + field }

// Label is a field's label, Hint its hint or "".
func (v *view) Label(field string) string { return v.T(v.Form + "." + field) }

// Hint is a field's hint, or "" when it has none.
func (v *view) Hint(field string) string {
	s, _ := lookup(v.Lang, v.Form+"."+field+".hint")
	return s
}

// Field gathers what the input component needs for one field.
func (v *view) Field(name, typ, autocomplete, width string) field {
	return field{V: v, Name: name, Type: typ, Autocomplete: autocomplete, Width: width}
}

// field is one input of a form, as the components draw it.
type field struct {
	V                               *view
	Name, Type, Autocomplete, Width string
}

// Options is a list of radios or checkboxes.
func (v *view) Options(name string, opts []option) choice {
	return choice{V: v, Name: name, Opts: opts}
}

// option is one radio or checkbox: its value and its label, already in the
// page's language.
type option struct{ Value, Text, Hint string }

// choice is a set of radios or checkboxes.
type choice struct {
	V    *view
	Name string
	Opts []option
}

// problems fills a view's errors from a service's validation error, keeping
// the answers; it reports false for any other error.
func (v *view) problems(err error) bool {
	de := dpcoop.ErrorOf(err)
	if de.Kind != dpcoop.KindInvalid || len(de.Fields) == 0 {
		return false
	}
	for _, fe := range de.Fields {
		v.addError(fe)
	}
	return true
}

// addError adds one field's problem, once per field.
func (v *view) addError(fe dpcoop.FieldError) {
	if v.Err(fe.Field) != "" {
		return
	}
	anchor := v.ID(fe.Field)
	if a, ok := anchors[fe.Field]; ok {
		anchor = v.ID(a)
	}
	v.Errors = append(v.Errors, fieldError{Field: fe.Field, Anchor: anchor, Message: fieldMessage(v.Lang, v.Form, fe)})
}

// anchors are fields whose first input has another name (a date's day).
var anchors = map[string]string{"date": "date-day", "end_date": "overnight"}

// shows is a page that renders one template from the view its build makes:
// most of the pages' GETs are a view function and a template.
func (h *Handler) shows(tmpl string, build func(*request) (*view, error)) pageFunc {
	return func(w http.ResponseWriter, r *request) error {
		v, err := build(r)
		if err != nil {
			return err
		}
		h.render(w, r, http.StatusOK, tmpl, v)
		return nil
	}
}
