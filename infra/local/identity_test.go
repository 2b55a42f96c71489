package local_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestAPAsCorrectedEmailSignsIn: an admin corrects Tom's email and language
// on his record; from then on the new email signs him in (as a PA, in
// Welsh), the old one signs no one in, and the people list shows the new
// email and language.
func TestAPAsCorrectedEmailSignsIn(t *testing.T) {
	r, _ := startPages(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	tom := local.DemoID("tom")
	in := r.paInput(t, admin, tom)
	in["email"], in["language"] = "tom.newydd@demo.coop.example", "cy"
	body, _ := json.Marshal(in)
	if resp, out := r.do(t, "PUT", "/v1/pas/"+tom, admin, "application/json", string(body)); resp.StatusCode != http.StatusOK {
		t.Fatalf("correct Tom's record: %d %s", resp.StatusCode, out)
	}

	b := newBrowser(t, r)
	b.signIn("tom.newydd")
	resp, page := b.do(http.MethodGet, "/pa", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.Contains(page, `lang="cy"`) {
		t.Errorf("Tom's pages are not in Welsh after the change")
	}

	old := newBrowser(t, r)
	old.do(http.MethodGet, "/sign-in", nil)
	resp, page = old.post("/sign-in", map[string][]string{"email": {"tom@demo.coop.example"}})
	want(t, resp, page, http.StatusSeeOther, "/sign-in/code")
	codes, err := os.ReadFile(filepath.Join(r.dir, "outbox", "codes.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(codes), `"tom@demo.coop.example"`) {
		t.Error("a code was sent to Tom's old email")
	}

	var people struct {
		Items []struct {
			ID, Email, Language string
		}
	}
	r.getJSON(t, "/v1/people", admin, &people)
	found := false
	for _, p := range people.Items {
		if p.ID == tom {
			found = p.Email == "tom.newydd@demo.coop.example" && p.Language == "cy"
		}
	}
	if !found {
		t.Errorf("the people list: %+v", people.Items)
	}
}

// TestAMembersCorrectedDetails: an admin puts Gwen's register entry right
// through the API; her new email signs her in, in her new language. A wrong
// answer writes nothing, another member cannot touch her entry, an email
// someone else signs in with is refused, and Rhys corrects his own. On the
// pages, a blank name shows the error summary and a good answer is saved.
func TestAMembersCorrectedDetails(t *testing.T) {
	r, _ := startPages(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	gwen, rhys, sian := local.DemoID("gwen"), local.DemoID("rhys"), local.DemoID("sian")
	patch := func(token, id, body string) (*http.Response, string) {
		t.Helper()
		return r.do(t, "PATCH", "/v1/members/"+id, token, "application/json", body)
	}

	resp, out := patch(admin, gwen, `{"email":"gwen.newydd@demo.coop.example","language":"en","address":"2 Heol y Bont, Caerdydd CF11 1AA"}`)
	if resp.StatusCode != http.StatusOK || !strings.Contains(out, `"address":"2 Heol y Bont, Caerdydd CF11 1AA"`) || !strings.Contains(out, `"name":"Gwen Morgan"`) {
		t.Fatalf("correct Gwen's entry: %d %s", resp.StatusCode, out)
	}
	b := newBrowser(t, r)
	b.signIn("gwen.newydd")
	resp, page := b.do(http.MethodGet, "/member", nil)
	want(t, resp, page, http.StatusOK, "")
	if !strings.Contains(page, `lang="en"`) {
		t.Errorf("Gwen's pages are not in English after the change")
	}

	var before dpcoop.Member
	r.getJSON(t, "/v1/members/"+gwen, admin, &before)
	resp, out = patch(admin, gwen, `{"name":" ","email":"not an email","language":"fr"}`)
	for _, code := range []string{`"field":"name"`, `"field":"email"`, `"field":"language"`} {
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(out, code) {
			t.Errorf("a wrong correction: %d %s, want 422 with %s", resp.StatusCode, out, code)
		}
	}
	resp, out = patch(admin, gwen, `{"email":"rhys@demo.coop.example"}`)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(out, `"code":"email_in_use"`) {
		t.Errorf("another person's email: %d %s", resp.StatusCode, out)
	}
	rhysToken := r.token(t, "demo", rhys, dpcoop.RoleMember)
	if resp, out = patch(rhysToken, gwen, `{"address":"somewhere else"}`); resp.StatusCode != http.StatusNotFound {
		t.Errorf("Rhys corrects Gwen: %d %s", resp.StatusCode, out)
	}
	var after dpcoop.Member
	r.getJSON(t, "/v1/members/"+gwen, admin, &after)
	if after.Email != before.Email || after.Name != before.Name || after.Address != before.Address || after.Language != before.Language {
		t.Errorf("refused corrections wrote %+v, was %+v", after, before)
	}
	if resp, out = patch(rhysToken, rhys, `{"language":"cy"}`); resp.StatusCode != http.StatusOK || !strings.Contains(out, `"language":"cy"`) {
		t.Errorf("Rhys corrects his own language: %d %s", resp.StatusCode, out)
	}

	a := newBrowser(t, r)
	a.signIn("admin")
	path := "/admin/members/" + sian + "/details"
	resp, page = a.do(http.MethodGet, path+"?lang=en", nil)
	want(t, resp, page, http.StatusOK, "")
	pageHas(t, "the details form", page, "Siân Hughes", `name="address"`)
	form := url.Values{"name": {""}, "address": {"3 Ffordd y Môr, Abertawe SA1 1AA"}, "email": {"sian@demo.coop.example"}, "language": {"cy"}}
	resp, page = a.post(path+"?lang=en", form)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "the refused form", page, "govuk-error-summary", "Enter the member&#39;s full name", "3 Ffordd y Môr")
	form.Set("name", "Siân Hughes-Price")
	resp, page = a.post(path, form)
	want(t, resp, page, http.StatusSeeOther, "/admin/members/"+sian+"?done=details")
	var sianNow dpcoop.Member
	r.getJSON(t, "/v1/members/"+sian, admin, &sianNow)
	if sianNow.Name != "Siân Hughes-Price" || sianNow.Address != "3 Ffordd y Môr, Abertawe SA1 1AA" {
		t.Errorf("Siân's entry after the page: %+v", sianNow)
	}
}
