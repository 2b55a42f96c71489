package local_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/cover"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// coverNotices are the emails of the rota (cover requests and cover taken)
// in the stack's outbox, in order.
func coverNotices(t *testing.T, r *running) []dpcoop.Notice {
	t.Helper()
	f, err := os.Open(filepath.Join(r.dir, "outbox", "notices.jsonl"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []dpcoop.Notice
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var n dpcoop.Notice
		if err := json.Unmarshal(sc.Bytes(), &n); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(n.Kind, "cover_") {
			out = append(out, n)
		}
	}
	return out
}

func noticeFor(ns []dpcoop.Notice, kind, person string) (dpcoop.Notice, bool) {
	for _, n := range ns {
		if n.Kind == kind && n.Member == person {
			return n, true
		}
	}
	return dpcoop.Notice{}, false
}

// paBody is a PA's record for POST /v1/pas.
func paBody(name, email, lang, ni, start string) string {
	return `{"legal_name":"` + name + `","email":"` + email + `","address":"1 Heol y Dŵr, Aberystwyth","language":"` + lang + `",
		"date_of_birth":"1990-02-11","ni_number":"` + ni + `","starter_declaration":"A","start_date":"` + start + `"}`
}

// TestCoverWhenAPAIsAway follows Gwen's rota on Monday 23 November 2026
// (the tests' clock): she plans Tuesday morning with Catrin; Catrin falls
// sick, so the shift needs cover. Of the co-op's other PAs, Elin (employed
// for Gwen) and Tom (willing to cover, no employment with Gwen) are
// offered; Nia (planned for Gwen at the same time), Owain (off sick) and
// Mari (willing, but her right to work is checked only from Wednesday) are
// not. Gwen asks them all; Elin and Tom accept at the same moment and
// exactly one gets the shift. Gwen and another PA never see why a PA is
// away.
func TestCoverWhenAPAIsAway(t *testing.T) {
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	gwen, catrin, tom := local.DemoID("gwen"), local.DemoID("catrin"), local.DemoID("tom")
	gwenT, catrinT, tomT := r.token(t, "demo", gwen, dpcoop.RoleMember), r.token(t, "demo", catrin, dpcoop.RolePA), r.token(t, "demo", tom, dpcoop.RolePA)
	rhysT := r.token(t, "demo", local.DemoID("rhys"), dpcoop.RoleMember)

	elin := r.hire(t, admin, paBody("Elin Wyn Jones", "elin@example.org", "cy", "AB 11 22 33 A", "2026-04-06"), gwen)
	nia := r.hire(t, admin, paBody("Nia Rowlands", "nia@example.org", "cy", "AB 11 22 33 B", "2026-04-06"), gwen)
	owain := r.hire(t, admin, paBody("Owain Lloyd", "owain@example.org", "en", "AB 11 22 33 C", "2026-04-06"), gwen)
	resp, out := r.do(t, "POST", "/v1/pas", admin, "application/json", paBody("Mari Lewis", "mari@example.org", "cy", "AB 11 22 33 D", "2026-11-25"))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("hire Mari: %d %s", resp.StatusCode, out)
	}
	var mari dpcoop.PA
	json.Unmarshal([]byte(out), &mari)
	for _, pa := range []string{tom, mari.ID} {
		tok := r.token(t, "demo", pa, dpcoop.RolePA)
		resp, out := r.do(t, "PUT", "/v1/pas/"+pa+"/cover-willing", tok, "application/json", `{"willing_to_cover":true}`)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("willing: %d %s", resp.StatusCode, out)
		}
	}
	r.refused(t, "PUT", "/v1/pas/"+tom+"/cover-willing", catrinT, `{"willing_to_cover":true}`, http.StatusNotFound, dpcoop.CodeNotFound, "")
	r.refused(t, "PUT", "/v1/pas/"+tom+"/cover-willing", admin, `{"willing_to_cover":true}`, http.StatusForbidden, dpcoop.CodeForbidden, "")

	// Planning: refused with a code per field, in Welsh if asked.
	planBody := func(pa, date, start, end string) string {
		return `{"pa_id":"` + pa + `","members":["` + gwen + `"],"date":"` + date + `","start":"` + start + `","end":"` + end + `"}`
	}
	p := r.refused(t, "POST", "/v1/rota", gwenT, planBody(catrin, "2026-11-22", "09:00", "13:00"), http.StatusUnprocessableEntity, "validation_failed", dpcoop.FieldPlanInPast, "cy")
	if !strings.Contains(p.Errors[0].Message, "dyfodol") {
		t.Errorf("Welsh message: %q", p.Errors[0].Message)
	}
	r.refused(t, "POST", "/v1/rota", gwenT, planBody(tom, "2026-11-24", "09:00", "13:00"), http.StatusUnprocessableEntity, "validation_failed", dpcoop.FieldNotEmployed)
	r.refused(t, "POST", "/v1/rota", gwenT, planBody(catrin, "2026-11-24", "13:00", "09:00"), http.StatusUnprocessableEntity, "validation_failed", dpcoop.FieldEndBeforeStart)
	r.refused(t, "POST", "/v1/rota", rhysT, planBody(catrin, "2026-11-24", "09:00", "13:00"), http.StatusForbidden, dpcoop.CodeForbidden, "")

	var plan cover.Plan
	resp, out = r.do(t, "POST", "/v1/rota", gwenT, "application/json", planBody(catrin, "2026-11-24", "09:00", "13:00"), "Idempotency-Key", "gwen-tuesday")
	if resp.StatusCode != http.StatusCreated || json.Unmarshal([]byte(out), &plan) != nil || plan.NeedsCover {
		t.Fatalf("plan: %d %s", resp.StatusCode, out)
	}
	resp, out = r.do(t, "POST", "/v1/rota", gwenT, "application/json", planBody(catrin, "2026-11-24", "09:00", "13:00"), "Idempotency-Key", "gwen-tuesday")
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("Idempotent-Replayed") != "true" || !strings.Contains(out, plan.ID) {
		t.Fatalf("plan again: %d %s", resp.StatusCode, out)
	}
	r.refused(t, "POST", "/v1/rota", admin, planBody(catrin, "2026-11-24", "12:00", "15:00"), http.StatusUnprocessableEntity, "validation_failed", dpcoop.FieldOverlap)
	r.post(t, "/v1/rota", admin, planBody(nia, "2026-11-24", "11:00", "15:00"), http.StatusCreated) // Nia is busy then

	// Catrin and Owain fall sick today.
	for _, pa := range []string{catrin, owain} {
		r.post(t, "/v1/pas/"+pa+"/sickness", admin, `{"first_day":"2026-11-23","qualifying_days":["mon","tue","wed","thu","fri"]}`, http.StatusCreated)
	}
	for who, tok := range map[string]string{"gwen": gwenT, "admin": admin, "catrin": catrinT} {
		var v cover.Plan
		if code := r.getJSON(t, "/v1/rota/"+plan.ID, tok, &v); code != http.StatusOK || !v.NeedsCover {
			t.Fatalf("%s: %d %+v", who, code, v)
		}
		if want := map[string]string{"gwen": "", "admin": dpcoop.AwaySick, "catrin": dpcoop.AwaySick}[who]; v.Why != want {
			t.Errorf("%s sees why %q, want %q", who, v.Why, want)
		}
	}
	for _, tok := range []string{tomT, rhysT} {
		r.refused(t, "GET", "/v1/rota/"+plan.ID, tok, "", http.StatusNotFound, dpcoop.CodeNotFound, "")
	}

	// Who could cover: Elin (supports Gwen) and Tom (willing) only.
	var cands struct{ Candidates []dpcoop.Candidate }
	if code := r.getJSON(t, "/v1/rota/"+plan.ID+"/candidates", gwenT, &cands); code != http.StatusOK {
		t.Fatalf("candidates: %d", code)
	}
	got := map[string]dpcoop.Candidate{}
	for _, c := range cands.Candidates {
		got[c.PA] = c
	}
	if len(got) != 2 || got[elin].Name != "Elin" || got[elin].Reasons[0] != dpcoop.ReasonSupportsMember || got[elin].EmploymentNeeded ||
		got[tom].Name != "Tom" || got[tom].Reasons[0] != dpcoop.ReasonWillingToCover || !got[tom].EmploymentNeeded {
		t.Fatalf("candidates %+v (Nia %s, Owain %s, Mari %s)", cands.Candidates, nia, owain, mari.ID)
	}
	r.refused(t, "GET", "/v1/rota/"+plan.ID+"/candidates", tomT, "", http.StatusForbidden, dpcoop.CodeForbidden, "")
	r.refused(t, "GET", "/v1/rota/"+plan.ID+"/candidates", rhysT, "", http.StatusNotFound, dpcoop.CodeNotFound, "")

	// Gwen asks them all; each is emailed in their language.
	r.refused(t, "POST", "/v1/rota/"+plan.ID+"/cover-request", gwenT, `{"pa_ids":["`+nia+`"]}`, http.StatusUnprocessableEntity, "validation_failed", dpcoop.FieldNotACandidate)
	for range 2 {
		resp, out = r.do(t, "POST", "/v1/rota/"+plan.ID+"/cover-request", gwenT, "application/json", `{}`, "Idempotency-Key", "gwen-ask")
		if resp.StatusCode != http.StatusOK || !strings.Contains(out, elin) {
			t.Fatalf("ask: %d %s", resp.StatusCode, out)
		}
	}
	ns := coverNotices(t, r)
	if n, ok := noticeFor(ns, "cover_request", elin); !ok || n.Language != dpcoop.Welsh || !strings.Contains(n.Subject, "gyflenwi") || n.To != "elin@example.org" {
		t.Errorf("Elin's email %+v", n)
	}
	if n, ok := noticeFor(ns, "cover_request", tom); !ok || n.Language != dpcoop.English || !strings.Contains(n.Subject, "cover a shift") {
		t.Errorf("Tom's email %+v", n)
	}
	if len(ns) != 2 {
		t.Errorf("the same request twice sent %d emails", len(ns))
	}
	var tomsView struct{ Items []cover.Plan }
	if r.getJSON(t, "/v1/rota", tomT, &tomsView); len(tomsView.Items) != 1 || tomsView.Items[0].Role != dpcoop.RotaAsked ||
		tomsView.Items[0].Why != "" || len(tomsView.Items[0].Request.Asked) != 1 {
		t.Fatalf("Tom's rota %+v", tomsView.Items)
	}

	// Elin and Tom accept at the same moment: exactly one wins.
	elinT := r.token(t, "demo", elin, dpcoop.RolePA)
	codes := map[string]int{}
	bodies := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for pa, tok := range map[string]string{elin: elinT, tom: tomT} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, out := r.do(t, "POST", "/v1/rota/"+plan.ID+"/accept", tok, "", "")
			mu.Lock()
			codes[pa], bodies[pa] = resp.StatusCode, out
			mu.Unlock()
		}()
	}
	wg.Wait()
	winner, loser := elin, tom
	if codes[tom] == http.StatusOK {
		winner, loser = tom, elin
	}
	if codes[winner] != http.StatusOK || codes[loser] != http.StatusConflict || !strings.Contains(bodies[loser], dpcoop.CodeShiftCovered) {
		t.Fatalf("accepts: %v %v", codes, bodies)
	}
	winnerT := map[string]string{elin: elinT, tom: tomT}[winner]
	var again cover.Plan
	resp, out = r.do(t, "POST", "/v1/rota/"+plan.ID+"/accept", winnerT, "", "")
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(out), &again) != nil || again.CoveredBy != winner || again.NeedsCover {
		t.Fatalf("the winner again: %d %s", resp.StatusCode, out)
	}
	ns = coverNotices(t, r)
	if _, ok := noticeFor(ns, "cover_taken", local.DemoAdmin); !ok {
		t.Errorf("the admin was not told: %+v", ns)
	}
	if n, ok := noticeFor(ns, "cover_taken", gwen); !ok || n.Language != dpcoop.Welsh {
		t.Errorf("Gwen was not told in Welsh: %+v", ns)
	}
	if len(ns) != 2+2 {
		t.Errorf("the winner accepting again told them again: %d emails", len(ns))
	}

	// Catrin cannot do Thursday: why is for the admins alone.
	thursday := cover.Plan{}
	json.Unmarshal([]byte(r.post(t, "/v1/rota", gwenT, planBody(elin, "2026-11-26", "09:00", "13:00"), http.StatusCreated)), &thursday)
	r.refused(t, "POST", "/v1/rota/"+thursday.ID+"/cannot", catrinT, `{"reason":"dentist appointment"}`, http.StatusNotFound, dpcoop.CodeNotFound, "")
	r.post(t, "/v1/rota/"+thursday.ID+"/cannot", elinT, `{"reason":"dentist appointment"}`, http.StatusOK)
	for who, tok := range map[string]string{"gwen": gwenT, "elin": elinT} {
		_, out := r.do(t, "GET", "/v1/rota/"+thursday.ID, tok, "", "")
		if strings.Contains(out, "dentist") || !strings.Contains(out, `"needs_cover":true`) {
			t.Errorf("%s: %s", who, out)
		}
	}
	for _, tok := range []string{tomT, catrinT} {
		r.refused(t, "GET", "/v1/rota/"+thursday.ID, tok, "", http.StatusNotFound, dpcoop.CodeNotFound, "")
	}
	if _, out := r.do(t, "GET", "/v1/rota/"+thursday.ID, admin, "", ""); !strings.Contains(out, "dentist appointment") {
		t.Errorf("the admin lost the reason: %s", out)
	}
	// Gwen's view of Tuesday's shift never says Catrin is sick.
	if _, out := r.do(t, "GET", "/v1/rota", gwenT, "", ""); strings.Contains(out, dpcoop.AwaySick) || strings.Contains(out, "dentist") {
		t.Errorf("Gwen's rota tells why: %s", out)
	}
	// Cancelled: off the rota, and nobody can take it.
	r.post(t, "/v1/rota/"+thursday.ID+"/cancel", gwenT, ``, http.StatusOK)
	r.refused(t, "POST", "/v1/rota/"+thursday.ID+"/cannot", elinT, `{}`, http.StatusConflict, dpcoop.CodePlanCancelled, "")

	// Each change is in the audit trail, by whom it was made.
	var trail struct{ Items []dpcoop.AuditEntry }
	r.getJSON(t, "/v1/audit?month=2026-11", admin, &trail)
	done := map[string]string{}
	for _, e := range trail.Items {
		if e.Target["id"] == plan.ID || e.Target["id"] == thursday.ID {
			done[e.Action] = e.Person
		}
	}
	for action, by := range map[string]string{"POST /v1/rota/{id}/cover-request": gwen, "POST /v1/rota/{id}/accept": winner,
		"POST /v1/rota/{id}/cannot": elin, "POST /v1/rota/{id}/cancel": gwen} {
		if done[action] != by {
			t.Errorf("audit %s: by %q, want %q (%v)", action, done[action], by, done)
		}
	}
}
