package local_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// TestCoopAreasOverTheAPI: before the co-op keeps a list, Gwen's
// "Caerdydd" and Catrin's "Cardiff" are different words and Gwen, who must
// have her area, is not matched with Catrin. Only an admin reads or sets the
// list; a bad list is refused with a code per field and nothing kept. Once
// set, the old words are read as the list's area, so the two match with the
// area's id as the reason; a PA chooses several areas and a member one; an
// area not on the list is refused; the need a PA reads carries the id.
func TestCoopAreasOverTheAPI(t *testing.T) {
	r := launch(t, inSharedDB(t, local.Options{DataDir: t.TempDir(), ServiceOrigins: []string{"http://localhost:1"}, Now: testclock.Clock()}))
	gwen, catrin, tom := local.DemoID("gwen"), local.DemoID("catrin"), local.DemoID("tom")
	admin, gwenT := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin), r.token(t, "demo", gwen, dpcoop.RoleMember)
	catrinT, tomT := r.token(t, "demo", catrin, dpcoop.RolePA), r.token(t, "demo", tom, dpcoop.RolePA)
	send := r.sender(t, "areas-test")
	prefs, matches := "/v1/members/"+gwen+"/preferences", "/v1/members/"+gwen+"/matches"

	send("PUT", "/v1/pas/"+catrin+"/matching-profile", catrinT, `{"consent":["area"],"area":"Cardiff"}`, http.StatusOK)
	send("PUT", prefs, gwenT, `{"consent":["area"],"must":["area"],"area":"Caerdydd"}`, http.StatusOK)
	if out := send("GET", matches, gwenT, "", http.StatusOK); strings.Contains(out, catrin) {
		t.Fatalf("different words matched without a list: %s", out)
	}

	send("GET", "/v1/coop/areas", gwenT, "", http.StatusForbidden)
	send("GET", "/v1/coop/areas", catrinT, "", http.StatusForbidden)
	send("PUT", "/v1/coop/areas", gwenT, `{"areas":[{"cy":"Caerdydd","en":"Cardiff"}]}`, http.StatusForbidden)
	if out := send("GET", "/v1/coop/areas", admin, "", http.StatusOK); out != `{"areas":[]}` {
		t.Errorf("no list yet: %s", out)
	}
	out := send("PUT", "/v1/coop/areas", admin, `{"areas":[{"en":"Cardiff"},{"cy":"Caerdydd","en":"Cardiff"}]}`, http.StatusUnprocessableEntity)
	for _, want := range []string{`"areas.cy"`, dpcoop.FieldRequired, dpcoop.FieldAreaRepeated} {
		if !strings.Contains(out, want) {
			t.Errorf("a bad list's problem has no %s: %s", want, out)
		}
	}
	if a, err := r.stack.Store.CoopAreas(context.Background(), local.DemoCoop); err != nil || len(a.Areas) != 0 {
		t.Fatalf("a refused list was kept: %+v %v", a, err)
	}
	list := `{"areas":[{"cy":"Caerdydd","en":"Cardiff"},{"cy":"Abertawe","en":"Swansea"}]}`
	set := send("PUT", "/v1/coop/areas", admin, list, http.StatusOK)
	if again := send("PUT", "/v1/coop/areas", admin, list, http.StatusOK); again != set || !strings.Contains(set, `"id":"cardiff"`) || !strings.Contains(set, `"id":"swansea"`) {
		t.Fatalf("the list set twice: %s then %s", set, again)
	}

	// The old words are read as the list's areas, and now match.
	if out := send("GET", matches, gwenT, "", http.StatusOK); !strings.Contains(out, catrin) || !strings.Contains(out, `"field":"area","item":"cardiff","must":true`) {
		t.Errorf("old words read against the list do not match: %s", out)
	}
	if out := send("GET", prefs, gwenT, "", http.StatusOK); !strings.Contains(out, `"areas":["cardiff"]`) {
		t.Errorf("Gwen's old area is not read as the list's: %s", out)
	}

	send("PUT", "/v1/pas/"+tom+"/matching-profile", tomT, `{"consent":["area"],"areas":["swansea","cardiff"]}`, http.StatusOK)
	for body, code := range map[string]string{
		`{"consent":["area"],"areas":["cardiff","swansea"]}`: dpcoop.FieldMatchOneArea,
		`{"consent":["area"],"areas":["newport"]}`:           dpcoop.FieldChoice,
		`{"consent":["area"],"area":"Newport"}`:              dpcoop.FieldChoice,
		`{"areas":["cardiff"]}`:                              dpcoop.FieldMatchNoConsent,
	} {
		if out := send("PUT", prefs, gwenT, body, http.StatusUnprocessableEntity); !strings.Contains(out, code) {
			t.Errorf("%s: want %s, got %s", body, code, out)
		}
	}
	send("PUT", prefs, gwenT, `{"consent":["area"],"must":["area"],"areas":["swansea"]}`, http.StatusOK)
	if out := send("GET", matches, gwenT, "", http.StatusOK); !strings.Contains(out, tom) || strings.Contains(out, catrin) {
		t.Errorf("Gwen in Swansea: %s", out)
	}
	if out := send("GET", "/v1/matching/needs", tomT, "", http.StatusOK); !strings.Contains(out, `"areas":["swansea"]`) || strings.Contains(out, gwen) {
		t.Errorf("Tom's needs: %s", out)
	}
}
