package apigw_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// checkHired records a right-to-work check, dated their start, for every PA
// a test hires or completes through the API (a PA cannot be paid for work
// before one), unless the harness is told to leave them unchecked.
func (h *harness) checkHired(ev events.APIGatewayV2HTTPRequest, resp events.APIGatewayV2HTTPResponse) {
	hired := ev.RouteKey == "POST /v1/pas" && resp.StatusCode == http.StatusCreated || ev.RouteKey == "PUT /v1/pas/{id}" && resp.StatusCode == http.StatusOK
	if !hired || h.unchecked {
		return
	}
	var pa dpcoop.PA
	if err := json.Unmarshal([]byte(resp.Body), &pa); err != nil || pa.StartDate == "" {
		return
	}
	coop := dpcoop.CoopID(ev.RequestContext.Authorizer.JWT.Claims["custom:coop"])
	c := dpcoop.RightToWorkCheck{ID: dpcoop.DerivedID("test-rtw", pa.ID), Method: dpcoop.RightToWorkManual, CheckedOn: pa.StartDate, CheckedBy: adminID, Recorded: h.now}
	if _, _, err := h.store.AddRightToWork(context.Background(), coop, pa.ID, c); err != nil {
		h.t.Fatal(err)
	}
}

const (
	rtwNI   = "CE 10 20 30 D"
	rtwCert = "001234567890"
)

// hireUnchecked hires a PA employed by Rhys from 6 April 2026 with no
// right-to-work check.
func (tm *team) hireUnchecked() string {
	tm.t.Helper()
	tm.unchecked = true
	defer func() { tm.unchecked = false }()
	var pa dpcoop.PA
	body := strings.NewReplacer("Catrin Jones", "Elin Parry", "catrin@", "elin@", "AB 12 34 56 C", rtwNI).Replace(catrin)
	tm.ok(withHeader(tm.admin("POST", "/v1/pas", nil, body), "idempotency-key", "hire-elin"), 201).into(tm.t, &pa)
	tm.ok(tm.admin("POST", "/v1/employments", nil, fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"rates":{"standard_pence":1345,"night_pence":1400,"sleep_in_pence":9000,"bank_holiday_pence":2690},"start_date":"2026-04-06"}`, pa.ID, tm.rhys)), 201)
	return pa.ID
}

// shiftAs is a shift the given PA records.
func (tm *team) shiftAs(pa, body string) eventT {
	ev := tm.shift(body)
	ev.RequestContext.Authorizer.JWT.Claims["custom:person"] = pa
	return ev
}

func (tm *team) recordRTW(pa, body string) eventT {
	return withHeader(tm.admin("POST", "/v1/pas/{id}/right-to-work", map[string]string{"id": pa}, body), "idempotency-key", "rtw-"+dpcoop.DerivedID(body))
}

// A PA with no check cannot record work; once a check is recorded, work
// from its day is accepted and work before it still refused.
func TestShiftRefusedBeforeRightToWorkCheck(t *testing.T) {
	tm := newTeam(t)
	elin := tm.hireUnchecked()
	work := func(date string) events.APIGatewayV2HTTPResponse {
		return tm.call(tm.shiftAs(elin, fmt.Sprintf(`{"date":%q,"start":"09:00","end":"13:00","members":[%q]}`, date, tm.rhys)), true)
	}
	resp := work("2026-11-10")
	if p := problemOf(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || fields(p)["date"] != dpcoop.FieldRightToWorkNotChecked {
		t.Fatalf("work with no check: %d %s", resp.StatusCode, resp.Body)
	}
	welsh := tm.call(withHeader(tm.shiftAs(elin, fmt.Sprintf(`{"date":"2026-11-10","start":"09:00","end":"13:00","members":[%q]}`, tm.rhys)), "accept-language", "cy"), true)
	if p := problemOf(t, welsh); !strings.Contains(p.Errors[0].Message, "hawl i weithio") {
		t.Fatalf("Welsh: %s", welsh.Body)
	}
	var rtw struct {
		Checks []dpcoop.RightToWorkCheck `json:"checks"`
		State  string                    `json:"state"`
	}
	tm.ok(tm.recordRTW(elin, `{"method":"online","checked_on":"2026-11-10","permission_expires":"2026-12-15"}`), 201).into(t, &rtw)
	if len(rtw.Checks) != 1 || rtw.Checks[0].CheckedBy != adminID || rtw.State != dpcoop.RightToWorkFollowUpDue {
		t.Fatalf("recorded: %+v", rtw)
	}
	if resp := work("2026-11-09"); fields(problemOf(t, resp))["date"] != dpcoop.FieldRightToWorkNotChecked {
		t.Fatalf("work the day before the check: %d %s", resp.StatusCode, resp.Body)
	}
	var s dpcoop.Shift
	tm.ok(tm.shiftAs(elin, fmt.Sprintf(`{"date":"2026-11-10","start":"09:00","end":"13:00","members":[%q]}`, tm.rhys)), 201).into(t, &s)
	tm.ok(tm.act(s.ID, "submit", elin, "[pa]", ""), 200)
	tm.ok(tm.act(s.ID, "approve", tm.rhys, "[member]", ""), 200)
}

// Work approved before checks were required (older data) is a blocking
// problem in the month's payroll preview.
func TestPayrollPreviewListsWorkNotCovered(t *testing.T) {
	tm := newTeam(t)
	elin := tm.hireUnchecked()
	sh, err := dpcoop.ShiftInput{Date: "2026-11-10", Start: "09:00", End: "13:00", Members: []string{tm.rhys}}.Validate(tm.now)
	if err != nil {
		t.Fatal(err)
	}
	sh.ID, sh.PA, sh.Status = "oldshiftaaaaaaaaaaaa", elin, dpcoop.ShiftApproved
	if _, err := tm.store.AddShift(t.Context(), "demo", sh); err != nil {
		t.Fatal(err)
	}
	tm.work(tm.gwen, "2026-11-11", "09:00", "13:00") // the team's PA, checked
	tm.runMonth("2026-11")
	run, err := tm.store.Run(t.Context(), "demo", "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	want := []dpcoop.Problem{{Code: dpcoop.FieldRightToWorkNotChecked, PA: elin, Blocking: true}}
	if len(run.Problems) != 1 || run.Problems[0] != want[0] {
		t.Fatalf("problems %+v, want %+v", run.Problems, want)
	}
	tm.finalise("2026-11", http.StatusConflict)
}

// Only admins record checks; the PA reads their own; a member and another
// PA are refused; bad answers name their fields.
func TestRightToWorkIsForAdminsAndThePA(t *testing.T) {
	tm := newTeam(t)
	path := map[string]string{"id": tm.pa}
	get := func(route, who, groups string) events.APIGatewayV2HTTPResponse {
		return tm.call(as(tm.admin("GET", route, path, ""), "demo", who, groups), true)
	}
	for _, route := range []string{"/v1/pas/{id}/right-to-work", "/v1/pas/{id}/safe-recruitment"} {
		for who, want := range map[string]int{adminID: 200, tm.pa: 200, tm.gwen: 403, "otherpaaaaaaaaaaaaaa": 404} {
			groups := map[string]string{adminID: "[admin]", tm.pa: "[pa]", tm.gwen: "[member]"}[who]
			if groups == "" {
				groups = "[pa]"
			}
			if resp := get(route, who, groups); resp.StatusCode != want {
				t.Errorf("%s by %s: %d, want %d", route, groups, resp.StatusCode, want)
			}
		}
	}
	body := `{"method":"manual","checked_on":"2026-11-02"}`
	for _, ev := range []eventT{
		as(tm.recordRTW(tm.pa, body), "demo", tm.pa, "[pa]"),
		as(tm.recordRTW(tm.pa, body), "demo", tm.gwen, "[member]"),
	} {
		if resp := tm.call(ev, true); resp.StatusCode != http.StatusForbidden {
			t.Errorf("recorded by %s: %d", ev.RequestContext.Authorizer.JWT.Claims["cognito:groups"], resp.StatusCode)
		}
	}
	bad := tm.call(tm.recordRTW(tm.pa, `{"method":"idsp","checked_on":"2026-12-01","permission_expires":"2027-01-01"}`), true)
	if f := fields(problemOf(t, bad)); f["checked_on"] != dpcoop.FieldDateFuture || f["permission_expires"] != dpcoop.FieldIDSPNoExpiry {
		t.Fatalf("bad check: %s", bad.Body)
	}
	first := tm.ok(tm.recordRTW(tm.pa, body), 201)
	again := tm.call(tm.recordRTW(tm.pa, body), true)
	if again.StatusCode != 201 || again.Headers["idempotent-replayed"] != "true" || again.Body != first.body {
		t.Fatalf("again: %d %v", again.StatusCode, again.Headers)
	}
}

// No DBS or right-to-work detail reaches a member (who sees the plain
// status), another PA, or the logs.
func TestSafeRecruitmentDetailStaysWithAdminsAndThePA(t *testing.T) {
	tm := newTeam(t)
	path := map[string]string{"id": tm.pa}
	tm.ok(withHeader(tm.admin("POST", "/v1/pas/{id}/dbs-checks", path, `{"level":"enhanced_barred_adults","certificate_number":"0012 3456 7890","issued":"2026-03-20","update_service":true}`), "idempotency-key", "dbs-1"), 201)
	tm.ok(withHeader(tm.admin("POST", "/v1/pas/{id}/references", path, `{"referee":"Mair Referee","requested":"2026-03-01","received":"2026-03-10"}`), "idempotency-key", "ref-1"), 201)
	bad := tm.call(withHeader(tm.admin("POST", "/v1/pas/{id}/dbs-checks", path, `{"level":"enhanced","certificate_number":"99`+rtwCert+`","issued":"2026-03-20"}`), "idempotency-key", "dbs-2"), true)
	if fields(problemOf(t, bad))["certificate_number"] != dpcoop.FieldInvalid {
		t.Fatalf("bad certificate: %s", bad.Body)
	}
	var own struct {
		DBS []dpcoop.DBSCheck `json:"dbs_checks"`
	}
	tm.ok(as(tm.admin("GET", "/v1/pas/{id}/safe-recruitment", path, ""), "demo", tm.pa, "[pa]"), 200).into(t, &own)
	if len(own.DBS) != 1 || own.DBS[0].Certificate != rtwCert {
		t.Fatalf("the PA's own view: %+v", own)
	}
	member := tm.call(as(tm.admin("GET", "/v1/pas/{id}/recruitment-status", path, ""), "demo", tm.gwen, "[member]"), true)
	if member.StatusCode != 200 || member.Body != `{"right_to_work_checked":true,"references_received":1,"references_requested":1,"dbs_meets_requirement":true,"training_current":true}` {
		t.Fatalf("member's view: %d %s", member.StatusCode, member.Body)
	}
	// a member is refused the route; to another PA the record is not found
	for _, who := range [][3]string{{tm.gwen, "[member]", "403"}, {"otherpaaaaaaaaaaaaaa", "[pa]", "404"}} {
		for _, route := range []string{"/v1/pas/{id}/safe-recruitment", "/v1/pas/{id}/right-to-work"} {
			resp := tm.call(as(tm.admin("GET", route, path, ""), "demo", who[0], who[1]), true)
			if strconv.Itoa(resp.StatusCode) != who[2] || strings.Contains(resp.Body, rtwCert) || strings.Contains(resp.Body, "Mair") {
				t.Errorf("%s by %s: %d %s", route, who[1], resp.StatusCode, resp.Body)
			}
		}
	}
	for _, secret := range []string{rtwCert, "1234 5678 90", "Mair Referee", "enhanced_barred"} {
		if strings.Contains(tm.logs.String(), secret) {
			t.Errorf("the logs hold %q", secret)
		}
	}
}

// The co-op's DBS policy is set and read by admins only; an unknown level
// is refused.
func TestRecruitmentPolicyIsForAdmins(t *testing.T) {
	tm := newTeam(t)
	put := func(body string) eventT {
		return withHeader(tm.admin("PUT", "/v1/recruitment-policy", nil, body), "idempotency-key", "policy-"+dpcoop.DerivedID(body))
	}
	var pol dpcoop.RecruitmentPolicy
	tm.ok(tm.admin("GET", "/v1/recruitment-policy", nil, ""), 200).into(t, &pol)
	if pol.DBSRequired != "" {
		t.Fatalf("a new co-op requires %q", pol.DBSRequired)
	}
	tm.ok(put(`{"dbs_required":"enhanced"}`), 200)
	tm.ok(tm.admin("GET", "/v1/recruitment-policy", nil, ""), 200).into(t, &pol)
	if pol.DBSRequired != dpcoop.DBSEnhanced {
		t.Fatalf("policy %+v", pol)
	}
	bad := tm.call(put(`{"dbs_required":"thorough"}`), false)
	if f := fields(problemOf(t, bad)); f["dbs_required"] != dpcoop.FieldChoice {
		t.Fatalf("unknown level: %d %s", bad.StatusCode, bad.Body)
	}
	if resp := tm.call(as(put(`{"dbs_required":""}`), "demo", tm.gwen, "[member]"), true); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a member set the policy: %d", resp.StatusCode)
	}
	bad = tm.call(put(`{"dbs_required":"","dbs_by_role":{"gardening":"basic","driving":"thorough"}}`), false)
	if f := fields(problemOf(t, bad)); f["dbs_by_role"] != dpcoop.FieldChoice || f["dbs_by_role.driving"] != dpcoop.FieldChoice {
		t.Fatalf("unknown role and level: %d %s", bad.StatusCode, bad.Body)
	}
}

// The co-op requires a DBS level per role: the PA's record says, for each
// role they are employed in, whether their checks meet it, and the member
// sees only yes or no.
func TestDBSRequirementByRole(t *testing.T) {
	tm := newTeam(t)
	path := map[string]string{"id": tm.pa}
	status := func() dpcoop.RecruitmentStatus {
		var s dpcoop.RecruitmentStatus
		tm.ok(as(tm.admin("GET", "/v1/pas/{id}/recruitment-status", path, ""), "demo", tm.gwen, "[member]"), 200).into(t, &s)
		return s
	}
	tm.ok(withHeader(tm.admin("POST", "/v1/pas/{id}/dbs-checks", path, `{"level":"enhanced","certificate_number":"`+rtwCert+`","issued":"2026-03-20"}`), "idempotency-key", "dbs-1"), 201)
	tm.ok(withHeader(tm.admin("PUT", "/v1/recruitment-policy", nil, `{"dbs_required":"standard","dbs_by_role":{"personal_care":"enhanced_barred_adults","driving":""}}`), "idempotency-key", "pol-1"), 200)
	var rec struct {
		DBSByRole []dpcoop.RoleDBS `json:"dbs_by_role"`
	}
	tm.ok(tm.admin("GET", "/v1/pas/{id}/safe-recruitment", path, ""), 200).into(t, &rec)
	want := []dpcoop.RoleDBS{{Role: dpcoop.SupportPersonalCare, Required: dpcoop.DBSEnhancedBarredAdu}}
	if fmt.Sprint(rec.DBSByRole) != fmt.Sprint(want) || status().DBSMeetsRequirement {
		t.Fatalf("personal care needs the barred list: %+v", rec.DBSByRole)
	}
	tm.ok(withHeader(tm.admin("PUT", "/v1/recruitment-policy", nil, `{"dbs_required":"standard","dbs_by_role":{"personal_care":"enhanced"}}`), "idempotency-key", "pol-2"), 200)
	tm.ok(tm.admin("GET", "/v1/pas/{id}/safe-recruitment", path, ""), 200).into(t, &rec)
	if len(rec.DBSByRole) != 1 || !rec.DBSByRole[0].Meets || !status().DBSMeetsRequirement {
		t.Fatalf("an enhanced check meets personal care at enhanced: %+v", rec.DBSByRole)
	}
	bad := tm.call(tm.admin("POST", "/v1/employments", nil, fmt.Sprintf(`{"pa_id":%q,"member_id":%q,"role":"gardening","rates":{"standard_pence":1345,"night_pence":1400,"sleep_in_pence":9000,"bank_holiday_pence":2690},"start_date":"2026-04-06"}`, tm.pa, tm.rhys)), false)
	if fields(problemOf(t, bad))["role"] != dpcoop.FieldChoice {
		t.Fatalf("an unknown role: %d %s", bad.StatusCode, bad.Body)
	}
}
