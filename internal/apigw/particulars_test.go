package apigw_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// statements is the request for an employment's statements, as who.
func (tm *team) statements(method, path, employment, n, who, groups string) eventT {
	ev := at(fixture(tm.t, "register-csv.json"), method, path, map[string]string{"id": employment, "n": n}, nil)
	ev = as(ev, "demo", who, groups)
	if method == "POST" {
		ev = withHeader(ev, "idempotency-key", "")
	}
	ev.Body = ""
	return ev
}

// statementText is version n of an employment's statement as the PA reads
// it, Welsh then English, section by section.
func (tm *team) statementText(employment, n string) string {
	var doc struct{ Sections []struct{ CY, EN []string } }
	tm.ok(tm.statements("GET", "/v1/employments/{id}/statements/{n}", employment, n, tm.pa, "[pa]"), 200).into(tm.t, &doc)
	text := ""
	for _, s := range doc.Sections {
		text += strings.Join(s.CY, "\n") + "\n" + strings.Join(s.EN, "\n") + "\n"
	}
	return text
}

// TestWrittenStatementVersions: the statement is ready when the employment
// is made; a rate change issues version 2 saying what changed, the same
// change again and a read issue nothing more; the PA acknowledges their own
// version once, and an admin, a member and another PA cannot; the PDF is
// the bilingual document, the PA's language (Welsh) first.
func TestWrittenStatementVersions(t *testing.T) {
	tm := newTeam(t)
	emp := tm.employment(tm.gwen)
	const list, one, ack = "/v1/employments/{id}/statements", "/v1/employments/{id}/statements/{n}", "/v1/employments/{id}/statements/{n}/acknowledge"
	var st dpcoop.Statements
	tm.ok(tm.statements("GET", list, emp.ID, "", adminID, "[admin]"), 200).into(t, &st)
	if len(st.Versions) != 1 || st.Versions[0].Number != 1 || st.Versions[0].Particulars.Start != "2026-04-06" {
		t.Fatalf("the statement when the employment was made: %+v", st)
	}
	rise := `{"effective_from":"2026-11-10","rates":{"standard_pence":1500,"night_pence":1550,"sleep_in_pence":9500,"bank_holiday_pence":3000}}`
	for range 2 {
		tm.ok(tm.admin("POST", "/v1/employments/{id}/rates", map[string]string{"id": emp.ID}, rise), 200)
	}
	same := `{"effective_from":"2026-12-01","rates":{"standard_pence":1500,"night_pence":1550,"sleep_in_pence":9500,"bank_holiday_pence":3000}}`
	tm.ok(tm.admin("POST", "/v1/employments/{id}/rates", map[string]string{"id": emp.ID}, same), 200)
	tm.ok(tm.statements("GET", list, emp.ID, "", tm.pa, "[pa]"), 200).into(t, &st)
	if len(st.Versions) != 2 || st.Versions[1].Number != 2 || len(st.Versions[1].Changed) != 1 || st.Versions[1].Changed[0] != dpcoop.ChangedPay {
		t.Fatalf("after a rate change and the same rates again: %+v", st.Versions)
	}

	for _, who := range [][2]string{{adminID, "[admin]"}, {tm.gwen, "[member]"}, {"otherpaaaaaaaaaaaaaa", "[pa]"}} {
		if resp := tm.call(tm.statements("POST", ack, emp.ID, "2", who[0], who[1]), true); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s acknowledged the PA's statement: %d %s", who[1], resp.StatusCode, resp.Body)
		}
	}
	for _, who := range [][2]string{{tm.gwen, "[member]"}, {"otherpaaaaaaaaaaaaaa", "[pa]"}} {
		if resp := tm.call(tm.statements("GET", one, emp.ID, "1", who[0], who[1]), true); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s read the PA's statement: %d", who[1], resp.StatusCode)
		}
	}
	var v dpcoop.StatementVersion
	tm.ok(tm.statements("POST", ack, emp.ID, "2", tm.pa, "[pa]"), 200).into(t, &v)
	if v.Acknowledged == nil || v.Number != 2 {
		t.Fatalf("acknowledged: %+v", v)
	}
	if resp := tm.call(tm.statements("POST", ack, emp.ID, "3", tm.pa, "[pa]"), true); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a version not issued: %d", resp.StatusCode)
	}
	tm.ok(tm.statements("GET", list, emp.ID, "", adminID, "[admin]"), 200).into(t, &st)
	if st.Versions[0].Acknowledged != nil || st.Versions[1].Acknowledged == nil {
		t.Fatalf("the admin sees: %+v", st.Versions)
	}

	var doc struct {
		Number   int
		Sections []struct{ CY, EN []string }
	}
	tm.ok(tm.statements("GET", one, emp.ID, "2", tm.pa, "[pa]"), 200).into(t, &doc)
	text := ""
	for _, s := range doc.Sections {
		text += strings.Join(s.CY, "\n") + strings.Join(s.EN, "\n")
	}
	for _, want := range []string{"Catrin Jones", "Gwen Morgan", "£15.00 an hour", "£15.00 yr awr", "It replaces version 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("version 2 does not say %q", want)
		}
	}
	pdf := tm.call(withHeader(tm.statements("GET", one, emp.ID, "2", tm.pa, "[pa]"), "accept", "application/pdf"), true)
	if pdf.StatusCode != http.StatusOK || pdf.Headers["content-type"] != "application/pdf" || !pdf.IsBase64Encoded {
		t.Fatalf("the PDF: %d %v", pdf.StatusCode, pdf.Headers)
	}
}

// TestStatementsDatedByTheRequest: the statement made with an employment
// (23 November 2026, 10:00 on the request's clock) and the one its end
// issues (on 1 December, 15:30) carry those times, not the server's.
func TestStatementsDatedByTheRequest(t *testing.T) {
	tm := newTeam(t)
	emp := tm.employment(tm.rhys)
	made := tm.now
	tm.now = time.Date(2026, 12, 1, 15, 30, 0, 0, time.UTC)
	tm.ok(tm.admin("POST", "/v1/employments/{id}/end", map[string]string{"id": emp.ID}, `{"date":"2026-12-31"}`), 200)
	var st dpcoop.Statements
	tm.ok(tm.statements("GET", "/v1/employments/{id}/statements", emp.ID, "", adminID, "[admin]"), 200).into(t, &st)
	if len(st.Versions) != 2 || !st.Versions[0].Issued.Equal(made) || !st.Versions[1].Issued.Equal(tm.now) ||
		!slices.Equal(st.Versions[1].Changed, []string{dpcoop.ChangedEnd}) {
		t.Fatalf("want version 1 issued %s and version 2 (the end) %s: %+v", made, tm.now, st.Versions)
	}
}

// TestStatementsFollowTheCoopsTerms: a change of a payroll setting a
// statement states (probation) gives the PA version 3 saying the co-op's
// terms changed, once however often the settings are saved; version 2
// still reads as it was given (no probation), version 3 with six months.
func TestStatementsFollowTheCoopsTerms(t *testing.T) {
	tm := newTeam(t)
	emp := tm.employment(tm.gwen)
	const list = "/v1/employments/{id}/statements"
	rise := `{"effective_from":"2026-11-10","rates":{"standard_pence":1500,"night_pence":1550,"sleep_in_pence":9500,"bank_holiday_pence":3000}}`
	tm.ok(tm.admin("POST", "/v1/employments/{id}/rates", map[string]string{"id": emp.ID}, rise), 200)
	var s dpcoop.PayrollSettings
	tm.ok(tm.admin("GET", "/v1/payroll/settings", nil, ""), 200).into(t, &s)
	s.ProbationMonths = 6
	body, _ := json.Marshal(s)
	for range 2 {
		tm.ok(tm.admin("PUT", "/v1/payroll/settings", nil, string(body)), 200)
	}
	var st dpcoop.Statements
	tm.ok(tm.statements("GET", list, emp.ID, "", tm.pa, "[pa]"), 200).into(t, &st)
	if len(st.Versions) != 3 || len(st.Versions[2].Changed) != 1 || st.Versions[2].Changed[0] != dpcoop.ChangedTerms || st.Versions[2].Particulars.Terms.ProbationMonths != 6 {
		t.Fatalf("after a probation set twice: %+v", st.Versions)
	}
	read := func(n string) string { return tm.statementText(emp.ID, n) }
	if v2 := read("2"); !strings.Contains(v2, "There is no probationary period.") {
		t.Errorf("version 2 no longer reads as given:\n%s", v2)
	}
	if v3 := read("3"); !strings.Contains(v3, "probationary period of 6 month(s)") || !strings.Contains(v3, "probation, training") {
		t.Errorf("version 3:\n%s", v3)
	}
}

// TestStatementsStateTheRequiredTraining: the training setting is the one
// list of required courses; setting it (twice) gives the PA one new version
// saying the co-op's terms changed, which names the courses, while the
// version before still says none was required.
func TestStatementsStateTheRequiredTraining(t *testing.T) {
	tm := newTeam(t)
	emp := tm.employment(tm.gwen)
	const list = "/v1/employments/{id}/statements"
	for range 2 {
		tm.ok(tm.admin("PUT", "/v1/coop/required-training", nil, `{"courses":["first_aid","moving_and_handling"]}`), 200)
	}
	var st dpcoop.Statements
	tm.ok(tm.statements("GET", list, emp.ID, "", tm.pa, "[pa]"), 200).into(t, &st)
	if len(st.Versions) != 2 || !slices.Equal(st.Versions[1].Changed, []string{dpcoop.ChangedTerms}) ||
		!slices.Equal(st.Versions[1].Particulars.Terms.RequiredTraining, []dpcoop.Course{dpcoop.CourseMovingHandling, dpcoop.CourseFirstAid}) {
		t.Fatalf("after the required training was set twice: %+v", st.Versions)
	}
	read := func(n string) string { return tm.statementText(emp.ID, n) }
	if v1 := read("1"); !strings.Contains(v1, "There is no training you are required to complete.") {
		t.Errorf("version 1 no longer reads as given:\n%s", v1)
	}
	if v2 := read("2"); !strings.Contains(v2, "You are required to complete this training: moving and handling, first aid.") ||
		!strings.Contains(v2, "Rhaid i chi gwblhau'r hyfforddiant hwn: symud a thrafod, cymorth cyntaf.") {
		t.Errorf("version 2:\n%s", v2)
	}
}

// TestARoleChangeIssuesAStatement: changing an employment's role (admins
// only; a role not on the list is refused and writes nothing) gives the PA
// version 2 saying their job title changed, with the new title in both
// languages; the same role again issues nothing.
func TestARoleChangeIssuesAStatement(t *testing.T) {
	tm := newTeam(t)
	emp := tm.employment(tm.gwen)
	id := map[string]string{"id": emp.ID}
	if p := problemOf(t, tm.call(tm.admin("PUT", "/v1/employments/{id}/role", id, `{"role":"juggling"}`), false)); fields(p)["role"] != dpcoop.FieldChoice {
		t.Fatalf("an unknown role: %+v", p)
	}
	if resp := tm.call(as(tm.admin("PUT", "/v1/employments/{id}/role", id, `{"role":"driving"}`), "demo", tm.pa, "[pa]"), true); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("the PA changing their role: %d", resp.StatusCode)
	}
	for range 2 {
		tm.ok(tm.admin("PUT", "/v1/employments/{id}/role", id, `{"role":"driving"}`), 200)
	}
	var st dpcoop.Statements
	tm.ok(tm.statements("GET", "/v1/employments/{id}/statements", emp.ID, "", tm.pa, "[pa]"), 200).into(t, &st)
	if len(st.Versions) != 2 || !slices.Equal(st.Versions[1].Changed, []string{dpcoop.ChangedRole}) || st.Versions[1].Particulars.Role != dpcoop.SupportDriving {
		t.Fatalf("after a change of role: %+v", st.Versions)
	}
	v1, v2 := tm.statementText(emp.ID, "1"), tm.statementText(emp.ID, "2")
	if !strings.Contains(v1, "Personal Assistant (personal care)") || !strings.Contains(v2, "Your job title is Personal Assistant (driving).") ||
		!strings.Contains(v2, "Teitl eich swydd yw Cynorthwyydd Personol (gyrru).") || !strings.Contains(v2, "What has changed: your job title.") {
		t.Errorf("version 1:\n%s\nversion 2:\n%s", v1, v2)
	}
}
