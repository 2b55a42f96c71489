package apigw_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// team is a co-op with two members (on the register since 1 April 2026), a PA
// employed by both, and an admin.
type team struct {
	*harness
	gwen, rhys, pa string
}

func (h *harness) admin(method, pattern string, params map[string]string, body string) eventT {
	ev := as(at(fixture(h.t, "approve-application.json"), method, pattern, params, nil), "demo", adminID, "[admin]")
	if body == "" {
		ev.Body = ""
		return ev
	}
	return withJSON(ev, body)
}

func (h *harness) ok(ev eventT, status int) events200 {
	h.t.Helper()
	resp := h.call(ev, true)
	if resp.StatusCode != status {
		h.t.Fatalf("%s: %d %s\n%s", ev.RouteKey, resp.StatusCode, resp.Body, lastLog(h.logs.String()))
	}
	return events200{resp.Body}
}

type events200 struct{ body string }

func (e events200) into(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(e.body), v); err != nil {
		t.Fatal(err)
	}
}

const catrin = `{"legal_name":"Catrin Jones","email":"catrin@example.org","address":"5 Ffordd y Môr, Aberaeron","language":"cy",
	"date_of_birth":"1988-03-14","ni_number":"AB 12 34 56 C","starter_declaration":"A","start_date":"2026-04-06",
	"bank":{"account_name":"C Jones","sort_code":"12-34-56","account_number":"12345678"}}`

func newTeam(t *testing.T) *team {
	h := newHarness(t)
	h.now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	h.demo()
	tm := &team{harness: h, gwen: h.applied("member", "Gwen Morgan"), rhys: h.applied("member", "Rhys Price")}
	for _, id := range []string{tm.gwen, tm.rhys} {
		h.ok(h.decide(id, "approve", "demo", "[admin]", `{"date_entered":"2026-04-01"}`), 200)
	}
	var pa dpcoop.PA
	h.ok(withHeader(h.admin("POST", "/v1/pas", nil, catrin), "idempotency-key", "hire-catrin"), 201).into(t, &pa)
	tm.pa = pa.ID
	for _, m := range []string{tm.gwen, tm.rhys} {
		body := fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":1345,"night_pence":1400,"sleep_in_pence":9000,"bank_holiday_pence":2690},"start_date":"2026-04-06"}`, tm.pa, m)
		h.ok(h.admin("POST", "/v1/employments", nil, body), 201)
	}
	return tm
}

// employment is the team PA's employment with member.
func (tm *team) employment(member string) dpcoop.Employment {
	tm.t.Helper()
	var list struct{ Items []dpcoop.Employment }
	tm.ok(tm.admin("GET", "/v1/employments", nil, ""), 200).into(tm.t, &list)
	for _, e := range list.Items {
		if e.PA == tm.pa && e.Member == member {
			return e
		}
	}
	tm.t.Fatalf("no employment of %s with %s", tm.pa, member)
	return dpcoop.Employment{}
}

// shift posts the fixture as the team's PA with the given body.
func (tm *team) shift(body string) eventT {
	ev := fixture(tm.t, "shift-create.json")
	ev.RequestContext.Authorizer.JWT.Claims["custom:person"] = tm.pa
	ev = withHeader(ev, "idempotency-key", "")
	if body != "" {
		ev = withJSON(ev, body)
	}
	return ev
}

func (tm *team) act(id, verb, who, groups, body string) eventT {
	ev := at(fixture(tm.t, "shift-approve.json"), "POST", "/v1/shifts/{id}/"+verb, map[string]string{"id": id}, nil)
	ev = as(ev, "demo", who, groups)
	if body != "" {
		ev = withJSON(ev, body)
	}
	return ev
}

func TestHirePAKeepsSensitiveDataForAdmins(t *testing.T) {
	tm := newTeam(t)
	if last := tm.invites.people[len(tm.invites.people)-1]; last.ID != tm.pa || last.Role != dpcoop.RolePA {
		t.Fatalf("invite %+v", last)
	}
	var full, own dpcoop.PA
	tm.ok(tm.admin("GET", "/v1/pas/{id}", map[string]string{"id": tm.pa}, ""), 200).into(t, &full)
	if full.NINumber != "AB123456C" || full.Bank == nil || full.Bank.SortCode != "123456" || full.TaxCode != "1257L" {
		t.Fatalf("admin view %+v", full)
	}
	ev := as(at(fixture(t, "register-csv.json"), "GET", "/v1/pas/{id}", map[string]string{"id": tm.pa}, nil), "demo", tm.pa, "[pa]")
	tm.ok(ev, 200).into(t, &own)
	if own.NINumber != "" || own.Bank != nil || own.LegalName != "Catrin Jones" {
		t.Fatalf("the PA's own view shows sensitive data: %+v", own)
	}
	other := as(ev, "demo", "otherpaaaaaaaaaaaaaa", "[pa]")
	if resp := tm.call(other, true); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another PA: %d", resp.StatusCode)
	}
	if strings.Contains(tm.logs.String(), "AB123456C") || strings.Contains(tm.logs.String(), "12345678") {
		t.Fatal("sensitive data in logs")
	}
	again := withHeader(tm.admin("POST", "/v1/pas", nil, catrin), "idempotency-key", "hire-catrin")
	if resp := tm.call(again, true); resp.StatusCode != http.StatusCreated || resp.Headers["idempotent-replayed"] != "true" {
		t.Fatalf("rehire: %d %v", resp.StatusCode, resp.Headers)
	}
	bad := tm.call(tm.admin("POST", "/v1/pas", nil, strings.Replace(catrin, "AB 12 34 56 C", "QQ123", 1)), false)
	if p := problemOf(t, bad); fields(p)["ni_number"] != "invalid_ni_number" {
		t.Fatalf("%s", bad.Body)
	}
}

func TestApprovedPAApplicationNeedsCompletingBeforeEmployment(t *testing.T) {
	tm := newTeam(t)
	id := tm.applied("pa", "Tom Evans")
	tm.ok(tm.decide(id, "approve", "demo", "[admin]", "{}"), 200)
	var pa dpcoop.PA
	tm.ok(tm.admin("GET", "/v1/pas/{id}", map[string]string{"id": id}, ""), 200).into(t, &pa)
	if pa.Status != dpcoop.PAIncomplete || pa.LegalName != "Tom Evans" {
		t.Fatalf("%+v", pa)
	}
	emp := fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":1345,"night_pence":1345,"sleep_in_pence":0,"bank_holiday_pence":2000},"start_date":"2026-11-01"}`, id, tm.gwen)
	if p := problemOf(t, tm.call(tm.admin("POST", "/v1/employments", nil, emp), true)); fields(p)["pa_id"] != "pa_record_incomplete" {
		t.Fatalf("%+v", p)
	}
	tm.ok(tm.admin("PUT", "/v1/pas/{id}", map[string]string{"id": id}, strings.Replace(catrin, "Catrin Jones", "Tom Evans", 1)), 200)
	tm.ok(tm.admin("POST", "/v1/employments", nil, emp), 201)
}

func TestEmploymentRatesAreCheckedWithBilingualWarnings(t *testing.T) {
	tm := newTeam(t)
	// The PA's employment with Gwen ends first: two of the same PA and
	// member in force on the same day are refused.
	tm.ok(tm.admin("POST", "/v1/employments/{id}/end", map[string]string{"id": tm.employment(tm.gwen).ID}, `{"date":"2026-10-31"}`), 200)
	body := func(std int) string {
		return fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":%d,"night_pence":1400,"sleep_in_pence":9000,"bank_holiday_pence":2690},"start_date":"2026-11-01"}`, tm.pa, tm.gwen, std)
	}
	resp := tm.call(withHeader(tm.admin("POST", "/v1/employments", nil, body(1200)), "accept-language", "cy"), true)
	p := problemOf(t, resp)
	if fields(p)["rates.standard_pence"] != "below_minimum_wage" || !strings.Contains(p.Errors[0].Message, "£12.71") || !strings.Contains(p.Errors[0].Message, "isafswm") {
		t.Fatalf("%s", resp.Body)
	}
	var created struct {
		Warnings []struct{ Code, Message string }
	}
	tm.ok(withHeader(tm.admin("POST", "/v1/employments", nil, body(1300)), "accept-language", "cy"), 201).into(t, &created)
	if len(created.Warnings) != 1 || created.Warnings[0].Code != "below_real_living_wage" || !strings.Contains(created.Warnings[0].Message, "Cyflog Byw") {
		t.Fatalf("%+v", created)
	}
}

func TestShiftFromCreateToApproval(t *testing.T) {
	tm := newTeam(t)
	var s dpcoop.Shift
	body := fmt.Sprintf(`{"date":"2026-11-20","start":"09:00","end":"13:30","members":[%q],"kind":"standard","miles":12.5,"notes":"Shopping"}`, tm.gwen)
	tm.ok(tm.shift(body), 201).into(t, &s)
	if s.Status != dpcoop.ShiftDraft || s.Minutes() != 270 || s.MileageTenths != 125 || s.PA != tm.pa {
		t.Fatalf("%+v", s)
	}
	again := tm.call(tm.shift(body), true)
	if again.StatusCode != http.StatusCreated || !strings.Contains(again.Body, s.ID) {
		t.Fatalf("a double submit: %s", again.Body)
	}
	if resp := tm.call(tm.act(s.ID, "approve", tm.gwen, "[member]", ""), true); resp.StatusCode != http.StatusConflict {
		t.Fatalf("a draft was approved: %d", resp.StatusCode)
	}
	tm.ok(tm.act(s.ID, "submit", tm.pa, "[pa]", ""), 200)
	if resp := tm.call(tm.act(s.ID, "approve", tm.pa, "[pa]", ""), true); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a PA approved: %d", resp.StatusCode)
	}
	if resp := tm.call(tm.act(s.ID, "approve", tm.rhys, "[member]", ""), true); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("a member the shift was not for: %d", resp.StatusCode)
	}
	tm.coop("other-coop")
	if resp := tm.call(as(tm.act(s.ID, "approve", tm.gwen, "[member]", ""), "other-coop", tm.gwen, "[member admin]"), true); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another co-op: %d", resp.StatusCode)
	}
	ev := fixture(t, "shift-approve.json")
	ev.PathParameters["id"] = s.ID
	ev.RequestContext.Authorizer.JWT.Claims["custom:person"] = tm.gwen
	tm.ok(ev, 200).into(t, &s)
	if s.Status != dpcoop.ShiftApproved || s.Members[0].ApprovedBy != tm.gwen {
		t.Fatalf("%+v", s)
	}
	if resp := tm.call(tm.shift(strings.Replace(body, "13:30", "14:00", 1)), true); resp.StatusCode != http.StatusUnprocessableEntity || fields(problemOf(t, resp))["start"] != "overlaps_another_shift" {
		t.Fatalf("overlap: %d %s", resp.StatusCode, resp.Body)
	}
}

func TestShiftChecksAreBilingualFieldErrors(t *testing.T) {
	tm := newTeam(t)
	cases := map[string]struct{ body, field, code string }{
		"future":        {fmt.Sprintf(`{"date":"2026-11-30","start":"09:00","end":"10:00","members":[%q]}`, tm.gwen), "end", "date_in_future"},
		"not employed":  {`{"date":"2026-11-20","start":"09:00","end":"10:00","members":["nobodyaaaaaaaaaaaaaa"]}`, "members", "not_employed_for_member"},
		"before hiring": {fmt.Sprintf(`{"date":"2026-04-01","start":"09:00","end":"10:00","members":[%q]}`, tm.gwen), "members", "not_employed_for_member"},
		"24 hours":      {fmt.Sprintf(`{"date":"2026-11-20","start":"09:00","end":"09:30","end_date":"2026-11-21","members":[%q]}`, tm.gwen), "end", "shift_over_24_hours"},
		"backwards":     {fmt.Sprintf(`{"date":"2026-11-20","start":"09:00","end":"08:00","members":[%q]}`, tm.gwen), "end", "end_before_start"},
	}
	for name, c := range cases {
		resp := tm.call(withHeader(tm.shift(c.body), "accept-language", "cy"), true)
		p := problemOf(t, resp)
		if fields(p)[c.field] != c.code || p.Lang != "cy" {
			t.Errorf("%s: %s", name, resp.Body)
		}
	}
	page, _ := tm.store.ShiftsInMonth(context.Background(), "demo", "2026-11", dpcoop.PageRequest{})
	if len(page.Items) != 0 {
		t.Fatal("a refused shift was stored")
	}
}

func TestWorkOutsideMembershipIsRefused(t *testing.T) {
	tm := newTeam(t)
	sian := tm.applied("member", "Sian Evans")
	tm.ok(tm.decide(sian, "approve", "demo", "[admin]", `{"date_entered":"2026-10-15"}`), 200)
	employ := func(start string) eventT {
		return tm.admin("POST", "/v1/employments", nil, fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":1345,"night_pence":1400,"sleep_in_pence":9000,"bank_holiday_pence":2690},"start_date":%q}`, tm.pa, sian, start))
	}
	if resp := tm.call(employ("2026-10-14"), true); resp.StatusCode != http.StatusUnprocessableEntity || fields(problemOf(t, resp))["start_date"] != "date_before_entered" {
		t.Fatalf("employed before entering the register: %d %s", resp.StatusCode, resp.Body)
	}
	tm.ok(employ("2026-10-15"), 201)
	shift := func(date, start string, members ...string) string {
		return fmt.Sprintf(`{"date":%q,"start":%q,"end":"%s:30","members":["%s"]}`, date, start, start[:2], strings.Join(members, `","`))
	}
	notMember := func(resp events.APIGatewayV2HTTPResponse, what string) {
		t.Helper()
		p := problemOf(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || fields(p)["members"] != "member_not_member_on_date" {
			t.Fatalf("%s: %d %s", what, resp.StatusCode, resp.Body)
		}
	}
	resp := tm.call(withHeader(tm.shift(shift("2026-10-14", "09:00", sian)), "accept-language", "cy"), true)
	notMember(resp, "before entering the register")
	if msg := problemOf(t, resp).Errors[0].Message; !strings.Contains(msg, "2026-10-14") || !strings.Contains(msg, "aelod") {
		t.Fatalf("Welsh message: %q", msg)
	}
	notMember(tm.call(tm.shift(shift("2026-10-14", "11:00", tm.gwen, sian)), true), "a shared shift before one member entered")
	tm.ok(tm.shift(shift("2026-10-15", "09:00", sian)), 201)

	// Gwen ceases on 10 November: work before then is still approved and paid.
	var before, after, draft dpcoop.Shift
	tm.ok(tm.shift(shift("2026-11-09", "09:00", tm.gwen)), 201).into(t, &before)
	tm.ok(tm.shift(shift("2026-11-12", "09:00", tm.gwen)), 201).into(t, &after)
	tm.ok(tm.shift(shift("2026-11-13", "09:00", tm.gwen)), 201).into(t, &draft)
	tm.ok(tm.act(before.ID, "submit", tm.pa, "[pa]", ""), 200)
	tm.ok(tm.act(after.ID, "submit", tm.pa, "[pa]", ""), 200)
	cease := at(fixture(t, "approve-application.json"), "POST", "/v1/members/{id}/cease", map[string]string{"id": tm.gwen}, nil)
	tm.ok(withJSON(cease, `{"date":"2026-11-10","reason":"moved away"}`), 200)

	notMember(tm.call(tm.shift(shift("2026-11-10", "09:00", tm.gwen)), true), "on the day ceased")
	notMember(tm.call(tm.shift(shift("2026-11-16", "09:00", tm.gwen)), true), "after ceasing")
	edit := at(tm.shift(shift("2026-11-13", "10:00", tm.gwen)), "PATCH", "/v1/shifts/{id}", map[string]string{"id": draft.ID}, nil)
	notMember(tm.call(edit, true), "a correction after ceasing")
	notMember(tm.call(tm.act(after.ID, "approve", adminID, "[admin]", ""), true), "approving work after ceasing")
	tm.ok(tm.act(before.ID, "approve", adminID, "[admin]", ""), 200)
	if s, _ := tm.store.Shift(t.Context(), "demo", after.ID); s.Status != dpcoop.ShiftSubmitted {
		t.Fatalf("a refused approval changed the shift: %+v", s)
	}

	// Direct payments are the council's business, not the register's.
	tm.ok(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.gwen}, `{"amount_pence":1000,"date":"2026-11-20","council":"powys","period_from":"2026-11-01","period_to":"2026-11-30"}`), 201)
	tm.ok(tm.admin("POST", "/v1/members/{id}/account/adjustments", map[string]string{"id": sian}, `{"amount_pence":500,"date":"2026-09-01","reason":"opening balance"}`), 201)
}

func TestConcurrentApprovalsApproveOnce(t *testing.T) {
	tm := newTeam(t)
	var s dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-20","start":"09:00","end":"12:00","members":[%q]}`, tm.gwen)), 201).into(t, &s)
	tm.ok(tm.act(s.ID, "submit", tm.pa, "[pa]", ""), 200)
	var wg sync.WaitGroup
	for i := range 20 {
		who, groups := tm.gwen, "[member]"
		if i%2 == 1 {
			who, groups = adminID, "[admin]"
		}
		wg.Go(func() {
			if resp := tm.api.Handle(context.Background(), tm.act(s.ID, "approve", who, groups, "")); resp.StatusCode != http.StatusOK {
				t.Errorf("%d %s", resp.StatusCode, resp.Body)
			}
		})
	}
	wg.Wait()
	got, _ := tm.store.Shift(context.Background(), "demo", s.ID)
	approvals := 0
	for _, e := range got.History {
		if e.Action == "approved" {
			approvals++
		}
	}
	if got.Status != dpcoop.ShiftApproved || approvals != 1 {
		t.Fatalf("status %s with %d approvals: %+v", got.Status, approvals, got.History)
	}
}

func TestSharedShiftNeedsEachMemberAndSplitsTotals(t *testing.T) {
	tm := newTeam(t)
	var s dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-20","start":"10:00","end":"13:20","members":[%q,%q],"split":[2,1]}`, tm.gwen, tm.rhys)), 201).into(t, &s)
	tm.ok(tm.act(s.ID, "submit", tm.pa, "[pa]", ""), 200)
	tm.ok(tm.act(s.ID, "approve", tm.gwen, "[member]", ""), 200).into(t, &s)
	if s.Status != dpcoop.ShiftSubmitted {
		t.Fatalf("approved by one of two: %s", s.Status)
	}
	tm.ok(tm.act(s.ID, "approve", tm.rhys, "[member]", ""), 200).into(t, &s)
	if s.Status != dpcoop.ShiftApproved {
		t.Fatal(s.Status)
	}
	list := func(who, groups string) (out struct {
		Items  []dpcoop.Shift
		Totals struct {
			ByPA     []tot `json:"by_pa"`
			ByMember []tot `json:"by_member"`
		}
	}) {
		ev := as(at(fixture(t, "register-csv.json"), "GET", "/v1/shifts", nil, url.Values{"month": {"2026-11"}}), "demo", who, groups)
		tm.ok(withHeader(ev, "accept", "application/json"), 200).into(t, &out)
		return out
	}
	admin := list(adminID, "[admin]")
	// 200 minutes: Gwen 133 at £13.45 = £29.82, Rhys 67 at £13.45 = £15.02.
	if len(admin.Totals.ByPA) != 1 || admin.Totals.ByPA[0].Minutes != 200 || admin.Totals.ByPA[0].PayPence != 2982+1502 || len(admin.Totals.ByMember) != 2 {
		t.Fatalf("admin totals %+v", admin.Totals)
	}
	rhys := list(tm.rhys, "[member]")
	if len(rhys.Totals.ByMember) != 1 || rhys.Totals.ByMember[0].ID != tm.rhys || rhys.Totals.ByMember[0].PayPence != 1502 {
		t.Fatalf("rhys sees %+v", rhys.Totals)
	}
}

func TestCarePlanOverrunIsFlagged(t *testing.T) {
	tm := newTeam(t)
	tm.ok(tm.admin("PUT", "/v1/members/{id}/care-plan", map[string]string{"id": tm.gwen}, `{"weekly_minutes":240}`), 200)
	ids := []string{}
	for _, day := range []string{"2026-11-16", "2026-11-17"} {
		var s dpcoop.Shift
		tm.ok(tm.shift(fmt.Sprintf(`{"date":%q,"start":"09:00","end":"11:00","members":[%q]}`, day, tm.gwen)), 201).into(t, &s)
		tm.ok(tm.act(s.ID, "submit", tm.pa, "[pa]", ""), 200)
		ids = append(ids, s.ID)
	}
	var first, second dpcoop.Shift
	tm.ok(tm.act(ids[0], "approve", tm.gwen, "[member]", ""), 200).into(t, &first)
	tm.ok(tm.act(ids[1], "approve", tm.gwen, "[member]", ""), 200).into(t, &second)
	if len(first.Flags) != 0 || len(second.Flags) != 0 {
		t.Fatalf("four hours of a four-hour plan flagged: %v %v", first.Flags, second.Flags)
	}
	var third dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-22","start":"09:00","end":"09:30","members":[%q]}`, tm.gwen)), 201).into(t, &third)
	tm.ok(tm.act(third.ID, "submit", tm.pa, "[pa]", ""), 200)
	tm.ok(tm.act(third.ID, "approve", adminID, "[admin]", ""), 200).into(t, &third)
	if len(third.Flags) != 1 || third.Flags[0] != dpcoop.WarnOverCarePlan {
		t.Fatalf("flags %v", third.Flags)
	}
}

// TestShiftChangesReadTheShiftOnce counts what each change of a shift asks
// of DynamoDB: beside what every signed-in write shares (the co-op's rate
// counter, the co-op and the caller's access in one read, and the audit
// record: one UpdateItem, one BatchGetItem, one PutItem), the shift is read once, with one
// GetItem, and its conditional write is guarded by the version that read;
// an approval reads its members' register entries, care plans and week and
// its PA's right-to-work checks in one BatchGetItem: three requests of its
// own (issue 21).
func TestShiftChangesReadTheShiftOnce(t *testing.T) {
	tm := newTeam(t)
	tm.ok(tm.admin("PUT", "/v1/members/{id}/care-plan", map[string]string{"id": tm.gwen}, `{"weekly_minutes":240}`), 200)
	var s dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-20","start":"10:00","end":"13:00","members":[%q,%q]}`, tm.gwen, tm.rhys)), 201).into(t, &s)
	change := func(ev eventT) map[string]int {
		t.Helper()
		return tm.calls.during(func() { tm.ok(ev, 200).into(t, &s) })
	}
	want := func(what string, got map[string]int, own map[string]int) {
		t.Helper()
		all := map[string]int{"UpdateItem": 1, "BatchGetItem": 1, "PutItem": 1}
		for op, n := range own {
			all[op] += n
		}
		if !maps.Equal(got, all) {
			t.Fatalf("%s made %v, want %v: the shift read once (GetItem) and written once", what, got, all)
		}
	}
	want("a submission", change(tm.act(s.ID, "submit", tm.pa, "[pa]", "")), map[string]int{"GetItem": 1, "TransactWriteItems": 1})
	want("a rejection", change(tm.act(s.ID, "reject", tm.gwen, "[member]", `{"reason":"We started at 10:30"}`)),
		map[string]int{"GetItem": 1, "TransactWriteItems": 1})
	edit := at(tm.shift(fmt.Sprintf(`{"date":"2026-11-20","start":"10:30","end":"13:00","members":[%q,%q]}`, tm.gwen, tm.rhys)), "PATCH", "/v1/shifts/{id}", map[string]string{"id": s.ID}, nil)
	// An edit is checked as a new shift is: the months paid, the PA's
	// employments and other shifts (a Query each), the register with the
	// PA's right-to-work checks (a BatchGetItem, as for an approval).
	want("an edit", change(edit), map[string]int{"GetItem": 1, "Query": 3, "BatchGetItem": 1, "TransactWriteItems": 1})
	tm.ok(tm.act(s.ID, "submit", tm.pa, "[pa]", ""), 200)
	want("an approval", change(tm.act(s.ID, "approve", tm.gwen, "[member]", "")), map[string]int{"GetItem": 1, "BatchGetItem": 1, "TransactWriteItems": 1})
	want("the last approval", change(tm.act(s.ID, "approve", tm.rhys, "[member]", "")), map[string]int{"GetItem": 1, "BatchGetItem": 1, "TransactWriteItems": 1})
	if s.Status != dpcoop.ShiftApproved || s.Minutes() != 150 || len(s.Flags) != 0 {
		t.Fatalf("approved by both: %+v", s)
	}
}

func TestRejectCorrectResubmit(t *testing.T) {
	tm := newTeam(t)
	var s dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-20","start":"09:00","end":"12:00","members":[%q]}`, tm.gwen)), 201).into(t, &s)
	tm.ok(tm.act(s.ID, "submit", tm.pa, "[pa]", ""), 200)
	if resp := tm.call(tm.act(s.ID, "reject", tm.gwen, "[member]", `{}`), false); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a rejection without a reason: %d", resp.StatusCode)
	}
	tm.ok(tm.act(s.ID, "reject", tm.gwen, "[member]", `{"reason":"We finished at 11"}`), 200).into(t, &s)
	if s.Status != dpcoop.ShiftRejected || s.Reason != "We finished at 11" {
		t.Fatalf("%+v", s)
	}
	edit := at(tm.shift(fmt.Sprintf(`{"date":"2026-11-20","start":"09:00","end":"11:00","members":[%q]}`, tm.gwen)), "PATCH", "/v1/shifts/{id}", map[string]string{"id": s.ID}, nil)
	tm.ok(edit, 200).into(t, &s)
	if s.Status != dpcoop.ShiftDraft || s.Minutes() != 120 {
		t.Fatalf("%+v", s)
	}
	tm.ok(tm.act(s.ID, "submit", tm.pa, "[pa]", ""), 200)
	tm.ok(tm.act(s.ID, "approve", tm.gwen, "[member]", ""), 200)
}

func TestShiftsInAPaidMonthAreLocked(t *testing.T) {
	tm := newTeam(t)
	var s dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-10-20","start":"09:00","end":"12:00","members":[%q]}`, tm.gwen)), 201).into(t, &s)
	tm.ok(tm.act(s.ID, "submit", tm.pa, "[pa]", ""), 200)
	// The payroll run for October is final (the payroll issue writes this item).
	_, err := tm.db.Client.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String(tm.db.Table), Item: map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "T#demo"}, "SK": &types.AttributeValueMemberS{Value: "RUN#2026-10"},
		"Status": &types.AttributeValueMemberS{Value: "final"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	resp := tm.call(tm.act(s.ID, "approve", tm.gwen, "[member]", ""), true)
	if resp.StatusCode != http.StatusConflict || problemOf(t, resp).Code != "month_paid" {
		t.Fatalf("approving a paid month's shift: %d %s", resp.StatusCode, resp.Body)
	}
	// Work found later in the paid month is late work, paid in November.
	var late dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-10-21","start":"09:00","end":"12:00","members":[%q]}`, tm.gwen)), 201).into(t, &late)
	if late.PayMonth != "2026-11" || !late.Late() || late.Date != "2026-10-21" {
		t.Fatalf("late work: %+v", late)
	}
}

func TestShiftListFiltersVisibilityAndCSV(t *testing.T) {
	tm := newTeam(t)
	for i, m := range []string{tm.gwen, tm.rhys} {
		tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-1%d","start":"09:00","end":"10:00","members":[%q]}`, i+1, m)), 201)
	}
	list := func(who, groups string, q url.Values, accept string) eventT {
		q.Set("month", "2026-11")
		ev := as(at(fixture(t, "register-csv.json"), "GET", "/v1/shifts", nil, q), "demo", who, groups)
		return withHeader(ev, "accept", accept)
	}
	var gwenView struct{ Items []dpcoop.Shift }
	tm.ok(list(tm.gwen, "[member]", url.Values{}, "application/json"), 200).into(t, &gwenView)
	if len(gwenView.Items) != 1 || !gwenView.Items[0].Supports(tm.gwen) {
		t.Fatalf("gwen sees %d shifts", len(gwenView.Items))
	}
	var filtered struct{ Items []dpcoop.Shift }
	tm.ok(list(adminID, "[admin]", url.Values{"member": {tm.rhys}, "status": {"draft"}}, "application/json"), 200).into(t, &filtered)
	if len(filtered.Items) != 1 || !filtered.Items[0].Supports(tm.rhys) {
		t.Fatalf("filter: %+v", filtered.Items)
	}
	resp := tm.call(withHeader(list(adminID, "[admin]", url.Values{}, "text/csv"), "accept-language", "cy"), true)
	rows := readSheet(t, resp.Body)
	if len(rows) != 3 || rows[0][1] != "Dyddiad" || rows[1][6] != "Arferol" || rows[1][7] != "60" || rows[1][9] != "13.45" || rows[1][10] != "1345" || rows[1][11] != "Drafft" {
		t.Fatalf("%q", resp.Body)
	}
	for _, q := range []url.Values{{"month": {"2026-13"}}, {"status": {"paid"}}} {
		ev := as(at(fixture(t, "register-csv.json"), "GET", "/v1/shifts", nil, q), "demo", adminID, "[admin]")
		if resp := tm.call(ev, false); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%v: %d", q, resp.StatusCode)
		}
	}
}

type tot struct {
	ID       string `json:"id"`
	Minutes  int64  `json:"minutes"`
	PayPence int64  `json:"pay_pence"`
}

// TestAMembersShiftsAreOneQuery: in a co-op whose month holds more shifts
// than a page, a member's month of shifts is one Query of their own shifts
// and one of their employments (to price them), after the shared edge; each
// member of a shared shift finds it, and their pay is priced.
func TestAMembersShiftsAreOneQuery(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	var shared, own dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-20","start":"10:00","end":"13:00","members":[%q,%q]}`, tm.gwen, tm.rhys)), 201).into(t, &shared)
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-10","start":"09:00","end":"10:00","members":[%q]}`, tm.gwen)), 201).into(t, &own)
	// Rhys's month is bigger than a page of the month's shifts.
	for i := range dpcoop.MaxPageLimit + 20 {
		start := time.Date(2026, 11, 1+i%28, 14+i/28, 0, 0, 0, time.UTC)
		sh := dpcoop.Shift{ID: fmt.Sprintf("rhys%03d", i), PA: tm.pa, Members: []dpcoop.ShiftMember{{Member: tm.rhys, Share: 10000}},
			Date: dpcoop.DateOf(start), StartTime: start.Format("15:04"), EndDate: dpcoop.DateOf(start), EndTime: start.Add(time.Hour).Format("15:04"),
			Start: start, End: start.Add(time.Hour), Kind: dpcoop.ShiftStandard, Status: dpcoop.ShiftDraft, Version: 1,
			History: []dpcoop.ShiftEvent{{At: tm.now, By: tm.pa, Action: "created"}}}
		if _, err := tm.store.AddShift(ctx, "demo", sh); err != nil {
			t.Fatal(err)
		}
	}
	list := func(who string, accept string) eventT {
		ev := as(at(fixture(t, "register-csv.json"), "GET", "/v1/shifts", nil, url.Values{"month": {"2026-11"}}), "demo", who, "[member]")
		return withHeader(ev, "accept", accept)
	}
	var view struct{ Items []dpcoop.Shift }
	calls := tm.calls.during(func() { tm.ok(list(tm.gwen, "application/json"), 200).into(t, &view) })
	if want := map[string]int{"UpdateItem": 1, "BatchGetItem": 1, "Query": 2}; !maps.Equal(calls, want) {
		t.Fatalf("a member's month made %v, want %v: their shifts and their employments, a Query each", calls, want)
	}
	if len(view.Items) != 2 || view.Items[0].ID != own.ID || view.Items[1].ID != shared.ID {
		t.Fatalf("gwen sees %d shifts: %+v", len(view.Items), view.Items)
	}
	var rhys struct{ Items []dpcoop.Shift }
	tm.ok(list(tm.rhys, "application/json"), 200).into(t, &rhys)
	if n := len(rhys.Items); n != dpcoop.MaxPageLimit+21 || !slices.ContainsFunc(rhys.Items, func(s dpcoop.Shift) bool { return s.ID == shared.ID }) {
		t.Fatalf("rhys sees %d shifts, want his %d and the shared one", n, dpcoop.MaxPageLimit+20)
	}
	rows := readSheet(t, tm.call(list(tm.gwen, "text/csv"), true).Body)
	if len(rows) != 3 || rows[1][0] != own.ID || rows[1][10] != "1345" {
		t.Fatalf("gwen's sheet, her hour priced at her employment's rate: %q", rows)
	}
}
