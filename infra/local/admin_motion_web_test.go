package local_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestPagesAdminDraftsAnElectionAndAPoll: an admin drafts a board election
// (three candidates, two seats) and a poll through the form, without
// JavaScript; a draft whose lines do not pair up is refused on the form,
// answers kept, and writes nothing.
func TestPagesAdminDraftsAnElectionAndAPoll(t *testing.T) {
	r, c := startPages(t)
	b := newBrowser(t, r)
	b.signIn("admin")
	stored := func() []dpcoop.Motion {
		t.Helper()
		ms, err := r.stack.Services.Votes.Visible(context.Background(), adminPrincipal)
		if err != nil {
			t.Fatal(err)
		}
		return ms
	}
	closes := dpcoop.DateOf(c.now()).AddDays(7)
	form := dateForm(url.Values{"key": {"e1"}, "title_cy": {"Ethol y bwrdd"}, "title_en": {"Elect the board"},
		"text_cy": {"Ethol dau aelod i'r bwrdd."}, "text_en": {"Elect two members to the board."},
		"kind": {string(ballot.BoardElection)}, "threshold": {string(ballot.SimpleMajority)}, "closes_time": {"18:00"},
		"choices_cy": {"Gwen Jones\nDafydd ap Rhys\nSiân Owen"}, "choices_en": {"Gwen Jones\nDafydd ap Rhys"}, "seats": {"4"}}, "closes_at", closes)
	b.do(http.MethodGet, "/admin/motions/new?lang=en", nil)
	resp, page := b.post("/admin/motions/new", form)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "an election refused", page, "govuk-error-summary", `href="#motion-choices_en"`, `href="#motion-seats"`,
		"Line 3 has no English", "from 1 to the number of candidates (3)", "Dafydd ap Rhys\nSiân Owen</textarea>", `value="4"`)
	if ms := stored(); len(ms) != 0 {
		t.Fatalf("a refused election was stored: %+v", ms)
	}

	form.Set("choices_en", "Gwen Jones\nDafydd ap Rhys\nSian Owen\n")
	form.Set("seats", "2")
	resp, page = b.post("/admin/motions/new", form)
	ms := stored()
	if len(ms) != 1 {
		t.Fatalf("the election stored: %+v", ms)
	}
	e := ms[0]
	election := "/admin/motions/" + e.ID
	want(t, resp, page, http.StatusSeeOther, election+"?done=drafted")
	if e.Rules.Kind != ballot.BoardElection || e.Rules.Seats != 2 || e.Rules.Ranked || e.Rules.Threshold != (ballot.Threshold{}) ||
		!slices.Equal(e.Rules.Options, []string{"option_1", "option_2", "option_3"}) ||
		e.Labels["option_3"] != (dpcoop.Label{CY: "Siân Owen", EN: "Sian Owen"}) || e.Labels["option_1"] != (dpcoop.Label{CY: "Gwen Jones", EN: "Gwen Jones"}) {
		t.Fatalf("the election stored: %+v %+v", e.Rules, e.Labels)
	}
	_, page = b.do(http.MethodGet, election, nil)
	pageHas(t, "the election", page, "Candidates", "<li>Sian Owen</li>", "Each member chooses up to 2 candidates")

	poll := dateForm(url.Values{"key": {"p1"}, "title_cy": {"Diwrnod allan"}, "title_en": {"A day out"},
		"text_cy": {"Ble awn ni?"}, "text_en": {"Where shall we go?"}, "kind": {string(ballot.Poll)}, "threshold": {string(ballot.SimpleMajority)},
		"closes_time": {"18:00"}, "choices_cy": {"Y traeth"}, "choices_en": {"The beach"},
		"seats": {"3"}, "ranked": {"yes"}}, "closes_at", closes) // an election's answers, which a poll leaves unread
	resp, page = b.post("/admin/motions/new", poll)
	want(t, resp, page, http.StatusBadRequest, "")
	pageHas(t, "a poll with one answer", page, `href="#motion-choices_cy"`, "Enter at least two answers")
	if ms := stored(); len(ms) != 1 {
		t.Fatalf("a refused poll was stored: %+v", ms)
	}
	poll.Set("choices_cy", "Y traeth\nY mynydd")
	poll.Set("choices_en", "The beach\nThe mountain")
	resp, page = b.post("/admin/motions/new", poll)
	var p dpcoop.Motion
	for _, m := range stored() {
		if m.ID != e.ID {
			p = m
		}
	}
	want(t, resp, page, http.StatusSeeOther, "/admin/motions/"+p.ID+"?done=drafted")
	if p.Rules.Kind != ballot.Poll || p.Rules.Seats != 0 || p.Rules.Ranked || p.Rules.Threshold != (ballot.Threshold{}) ||
		!slices.Equal(p.Rules.Options, []string{"option_1", "option_2"}) || p.Labels["option_2"] != (dpcoop.Label{CY: "Y mynydd", EN: "The mountain"}) {
		t.Fatalf("the poll stored: %+v %+v", p.Rules, p.Labels)
	}
	_, page = b.do(http.MethodGet, "/admin/motions/"+p.ID+"?lang=cy", nil)
	pageHas(t, "the poll in Welsh", page, "Atebion", "<li>Y traeth</li>", "<li>Y mynydd</li>")
}
