package dpcoop

import (
	"maps"
	"slices"
	"testing"
	"time"
)

var caseNow = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func openCase(t *testing.T, kind CaseKind) Case {
	t.Helper()
	c, err := CaseInput{Kind: string(kind), Opened: "2026-10-01", Summary: "Late to shifts three times"}.
		Validate("pa1", "adm1", func(string) bool { return true }, caseNow)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func addStages(t *testing.T, c Case, stages ...StageInput) Case {
	t.Helper()
	for i, in := range stages {
		var err error
		if c, err = c.AddStage(in, "s"+string(rune('a'+i)), "adm1", caseNow); err != nil {
			t.Fatalf("stage %s: %v", in.Stage, err)
		}
	}
	return c
}

func fieldCodes(err error) map[string]string {
	out := map[string]string{}
	for _, f := range ErrorOf(err).Fields {
		out[f.Field] = f.Code
	}
	return out
}

func TestCaseInputValidate(t *testing.T) {
	admins := func(p string) bool { return p == "adm2" }
	c, err := CaseInput{Kind: "grievance", Opened: "2026-11-02", Summary: "  Rota changed without notice ", Admins: []string{"adm2", "adm1", ""}}.
		Validate("pa1", "adm1", admins, caseNow)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Admins, []string{"adm1", "adm2"}) || c.Summary != "Rota changed without notice" || c.PA != "pa1" {
		t.Errorf("case = %+v", c)
	}
	_, err = CaseInput{Kind: "quarrel", Opened: "2026-12-08", Admins: []string{"m1"}}.Validate("pa1", "adm1", admins, caseNow)
	want := map[string]string{"kind": FieldChoice, "opened": FieldDateFuture, "summary": FieldRequired, "admins": FieldNotAnAdmin}
	if got := fieldCodes(err); !maps.Equal(got, want) {
		t.Errorf("problems = %v, want %v", got, want)
	}
}

func TestCaseStagesGoInOrder(t *testing.T) {
	c := openCase(t, CaseDisciplinary)
	if _, err := c.AddStage(StageInput{Stage: "meeting", On: "2026-10-02"}, "x", "adm1", caseNow); fieldCodes(err)["stage"] != FieldStageNotNext {
		t.Errorf("a meeting before the investigation: %v", err)
	}
	if _, err := c.AddStage(StageInput{Stage: "raised", On: "2026-10-02"}, "x", "adm1", caseNow); fieldCodes(err)["stage"] != FieldStageNotNext {
		t.Errorf("a disciplinary case raised: %v", err)
	}
	c = addStages(t, c,
		StageInput{Stage: "investigation", On: "2026-10-01"},
		StageInput{Stage: "invitation", On: "2026-10-05", MeetingOn: "2026-10-12"},
		StageInput{Stage: "meeting", On: "2026-10-12"},
	)
	// An appeal only after an outcome.
	if _, err := c.AddStage(StageInput{Stage: "appeal", On: "2026-10-13", MeetingOn: "2026-10-20"}, "x", "adm1", caseNow); fieldCodes(err)["stage"] != FieldStageNotNext {
		t.Errorf("an appeal before the outcome: %v", err)
	}
	c = addStages(t, c, StageInput{Stage: "outcome", On: "2026-10-14", Outcome: OutcomeFirstWarning, WarningExpires: "2027-04-14"})
	out, _ := c.Last()
	if out.AppealBy != "2026-10-24" || out.WarningExpires != "2027-04-14" {
		t.Errorf("outcome = %+v, want the appeal by 2026-10-24 (ten days)", out)
	}
	if w, exp, ok := c.Warning(); !ok || w != OutcomeFirstWarning || exp != "2027-04-14" {
		t.Errorf("warning = %s %s %v", w, exp, ok)
	}
	c = addStages(t, c,
		StageInput{Stage: "appeal", On: "2026-10-20", MeetingOn: "2026-10-27"},
		StageInput{Stage: "appeal_meeting", On: "2026-10-27"},
		StageInput{Stage: "appeal_outcome", On: "2026-10-28", Outcome: OutcomeUpheld},
	)
	if _, _, ok := c.Warning(); ok {
		t.Error("an appeal upheld still leaves the warning")
	}
	if next := c.Next(); !slices.Equal(next, []CaseStep{StepClosed}) {
		t.Errorf("after the appeal's outcome, next = %v", next)
	}
	c = addStages(t, c, StageInput{Stage: "closed", On: "2026-10-28"})
	if c.Closed != "2026-10-28" || c.Next() != nil {
		t.Errorf("closed = %q, next %v", c.Closed, c.Next())
	}
	if _, err := c.AddStage(StageInput{Stage: "closed", On: "2026-10-29"}, "x", "adm1", caseNow); !IsCode(err, CodeCaseClosed) {
		t.Errorf("a stage after closing: %v", err)
	}
}

func TestCaseStageDates(t *testing.T) {
	c := addStages(t, openCase(t, CaseGrievance), StageInput{Stage: "raised", On: "2026-10-03"})
	cases := []struct {
		in   StageInput
		want map[string]string
	}{
		{StageInput{Stage: "invitation", On: "2026-10-02", MeetingOn: "2026-10-09"}, map[string]string{"on": FieldBeforeLastStage}},
		{StageInput{Stage: "invitation", On: "2026-12-08", MeetingOn: "2026-12-09"}, map[string]string{"on": FieldDateFuture}},
		{StageInput{Stage: "invitation", On: "2026-10-05", MeetingOn: "2026-10-04"}, map[string]string{"meeting_on": FieldBeforeLastStage}},
		{StageInput{Stage: "invitation", On: "2026-10-05"}, map[string]string{"meeting_on": FieldRequired}},
		{StageInput{Stage: "", On: "5 Oct"}, map[string]string{"stage": FieldRequired, "on": FieldDate}},
	}
	for _, tc := range cases {
		_, err := c.AddStage(tc.in, "x", "adm1", caseNow)
		if got := fieldCodes(err); !maps.Equal(got, tc.want) {
			t.Errorf("%+v: problems %v, want %v", tc.in, got, tc.want)
		}
	}
	c = addStages(t, c, StageInput{Stage: "invitation", On: "2026-10-05", MeetingOn: "2026-10-09"}, StageInput{Stage: "meeting", On: "2026-10-09"})
	decisions := []struct {
		in   StageInput
		want map[string]string
	}{
		{StageInput{Stage: "outcome", On: "2026-10-10"}, map[string]string{"outcome": FieldRequired}},
		{StageInput{Stage: "outcome", On: "2026-10-10", Outcome: OutcomeDismissal}, map[string]string{"outcome": FieldChoice}},
		{StageInput{Stage: "outcome", On: "2026-10-10", Outcome: OutcomeUpheld, AppealBy: "2026-10-10"}, map[string]string{"appeal_by": FieldExpiryNotAfter}},
	}
	for _, tc := range decisions {
		_, err := c.AddStage(tc.in, "x", "adm1", caseNow)
		if got := fieldCodes(err); !maps.Equal(got, tc.want) {
			t.Errorf("%+v: problems %v, want %v", tc.in, got, tc.want)
		}
	}
	d := addStages(t, openCase(t, CaseDisciplinary), StageInput{Stage: "investigation", On: "2026-10-01"},
		StageInput{Stage: "invitation", On: "2026-10-05", MeetingOn: "2026-10-09"}, StageInput{Stage: "meeting", On: "2026-10-09"})
	for in, want := range map[StageInput]string{
		{Stage: "outcome", On: "2026-10-10", Outcome: OutcomeFinalWarning}:                               FieldRequired,
		{Stage: "outcome", On: "2026-10-10", Outcome: OutcomeFinalWarning, WarningExpires: "2026-10-10"}: FieldExpiryNotAfter,
		{Stage: "outcome", On: "2026-10-10", Outcome: OutcomeFinalWarning, WarningExpires: "2028-10-11"}: FieldWarningTooLong,
	} {
		if _, err := d.AddStage(in, "x", "adm1", caseNow); fieldCodes(err)["warning_expires"] != want {
			t.Errorf("%+v: %v, want warning_expires %s", in, err, want)
		}
	}
	if _, err := d.AddStage(StageInput{Stage: "outcome", On: "2026-10-10", Outcome: OutcomeDismissal}, "x", "adm1", caseNow); err != nil {
		t.Errorf("a dismissal needs no expiry: %v", err)
	}
}

func TestCaseVisibility(t *testing.T) {
	c := openCase(t, CaseGrievance)
	for _, tc := range []struct {
		p    Principal
		want bool
	}{
		{Principal{Person: "adm1", Roles: []Role{RoleAdmin}}, true},
		{Principal{Person: "adm2", Roles: []Role{RoleAdmin}}, false},
		{Principal{Person: "pa1", Roles: []Role{RolePA}}, true},
		{Principal{Person: "pa2", Roles: []Role{RolePA}}, false},
		{Principal{Person: "pa1", Roles: []Role{RoleMember}}, false},
	} {
		if got := c.MaySee(tc.p); got != tc.want {
			t.Errorf("%+v may see: %v, want %v", tc.p, got, tc.want)
		}
	}
}

func TestCaseRetention(t *testing.T) {
	c := openCase(t, CaseGrievance)
	if _, ok := c.KeepUntil(""); ok || c.Expired("2020-01-01", "2040-01-01") {
		t.Error("an open case has a retention date")
	}
	c = addStages(t, c, StageInput{Stage: "closed", On: "2026-10-02"})
	for _, tc := range []struct {
		left, want Date
	}{
		{"", "2033-01-02"},           // still employed: six years and three months from closing
		{"2026-09-30", "2033-01-02"}, // left before it closed
		{"2027-03-31", "2033-07-01"}, // left after: from leaving (30 June has no 31st: the next day)
	} {
		if got, _ := c.KeepUntil(tc.left); got != tc.want {
			t.Errorf("left %q: kept until %s, want %s", tc.left, got, tc.want)
		}
	}
	if c.Expired("", "2033-01-02") || !c.Expired("", "2033-01-03") {
		t.Error("expiry is not the day after KeepUntil")
	}
}
