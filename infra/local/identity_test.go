package local_test

import (
	"encoding/json"
	"net/http"
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
