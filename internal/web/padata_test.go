package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/pacopy"
)

// TestAPAsPageOfTheirData: Catrin, a Welsh-speaking PA, finds her data
// from the navigation, reads its parts in Welsh (and in English when she
// asks), and downloads the whole copy: hers, NI number and bank details
// included, none of Tom's. A member is refused the PA's pages; the admin
// downloads Catrin's copy from her page, without her matching profile or
// notices.
func TestAPAsPageOfTheirData(t *testing.T) {
	b := newBrowser(t, "padata")
	catrin, tom := local.DemoID("catrin"), local.DemoID("tom")
	signIn := func(email string) {
		b.do(http.MethodPost, "/sign-out", url.Values{})
		b.do(http.MethodGet, "/sign-in?lang=cy", nil)
		b.do(http.MethodPost, "/sign-in", url.Values{"email": {email}})
		b.do(http.MethodPost, "/sign-in/code", url.Values{"code": {lastCode(t, b.dir)}})
	}
	signIn("catrin@demo.coop.example")
	if _, home := b.do(http.MethodGet, "/pa", nil); !strings.Contains(home, `href="/pa/data"`) || !strings.Contains(home, "Eich data gwaith") {
		t.Fatal("no link to the PA's data from their home page")
	}
	resp, page := b.do(http.MethodGet, "/pa/data", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Beth sydd yn y copi") || !strings.Contains(page, "Gwiriadau hawl i weithio") || !strings.Contains(page, `href="/pa/data/download"`) {
		t.Fatalf("the Welsh page: %d\n%s", resp.StatusCode, page)
	}
	welshOnly(t, "/pa/data", page)
	if resp, page := b.do(http.MethodGet, "/pa/data?lang=en", nil); resp.StatusCode != http.StatusOK || !strings.Contains(page, `lang="en"`) ||
		!strings.Contains(page, "Right to work checks, DBS checks and references") || !strings.Contains(page, "Your work data") {
		t.Fatalf("the English page: %d\n%s", resp.StatusCode, page)
	}
	resp, body := b.do(http.MethodGet, "/pa/data/download", nil)
	var mine pacopy.Data
	if err := json.Unmarshal([]byte(body), &mine); err != nil || resp.StatusCode != http.StatusOK ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") || resp.Header.Get("Cache-Control") != "private, no-store" {
		t.Fatalf("the download: %d %v %v", resp.StatusCode, resp.Header, err)
	}
	if mine.PA != catrin || mine.Present == nil || mine.Record.NINumber == "" || mine.Record.Bank == nil || len(mine.Employments) == 0 || mine.NoticeSettings == nil {
		t.Fatalf("Catrin's copy: %s", body)
	}
	if strings.Contains(body, tom) {
		t.Fatalf("Catrin's copy holds Tom's data: %s", body)
	}

	signIn("gwen@demo.coop.example")
	if resp, _ := b.do(http.MethodGet, "/pa/data/download", nil); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a member read a PA's data: %d", resp.StatusCode)
	}

	signIn("admin@demo.coop.example")
	if _, page := b.do(http.MethodGet, "/admin/pas/"+catrin, nil); !strings.Contains(page, `href="/admin/pas/`+catrin+`/data"`) {
		t.Fatal("no download of the PA's data on the admin's page of them")
	}
	resp, body = b.do(http.MethodGet, "/admin/pas/"+catrin+"/data", nil)
	var theirs pacopy.Data
	if err := json.Unmarshal([]byte(body), &theirs); err != nil || resp.StatusCode != http.StatusOK || theirs.PA != catrin || theirs.Present == nil {
		t.Fatalf("the admin's download: %d %v %s", resp.StatusCode, err, body)
	}
	if theirs.Record.NINumber != mine.Record.NINumber || theirs.NoticeSettings != nil || strings.Contains(body, `"matching_profile"`) {
		t.Fatalf("the admin's copy: %s", body)
	}
}
