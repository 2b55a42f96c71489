package dpcoop_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

var recruitAt = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestRightToWorkInputValidate(t *testing.T) {
	c, err := dpcoop.RightToWorkInput{Method: "online", CheckedOn: "2026-11-02", PermissionExpires: "2027-01-31"}.Validate("admin-1", recruitAt)
	if err != nil || c.CheckedOn != "2026-11-02" || c.Expires != "2027-01-31" || c.CheckedBy != "admin-1" {
		t.Errorf("a share code check with time-limited permission: %+v %v", c, err)
	}
	for _, c := range []struct {
		in   dpcoop.RightToWorkInput
		want map[string]string
	}{
		{dpcoop.RightToWorkInput{}, map[string]string{"method": dpcoop.FieldRequired, "checked_on": dpcoop.FieldRequired}},
		{dpcoop.RightToWorkInput{Method: "photo", CheckedOn: "2026-02-30"}, map[string]string{"method": dpcoop.FieldChoice, "checked_on": dpcoop.FieldDate}},
		{dpcoop.RightToWorkInput{Method: "manual", CheckedOn: "2026-11-24"}, map[string]string{"checked_on": dpcoop.FieldDateFuture}},
		{dpcoop.RightToWorkInput{Method: "manual", CheckedOn: "2026-11-02", PermissionExpires: "2026-11-02"}, map[string]string{"permission_expires": dpcoop.FieldExpiryNotAfterCheck}},
		{dpcoop.RightToWorkInput{Method: "idsp", CheckedOn: "2026-11-02", PermissionExpires: "2027-11-02"}, map[string]string{"permission_expires": dpcoop.FieldIDSPNoExpiry}},
		{dpcoop.RightToWorkInput{Method: "online", CheckedOn: "2026-11-02", PermissionExpires: "soon"}, map[string]string{"permission_expires": dpcoop.FieldDate}},
	} {
		_, err := c.in.Validate("admin", recruitAt)
		if got := fieldCodes(err); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%+v: %v, want %v", c.in, got, c.want)
		}
	}
}

// A check covers the day it was done and every day after, up to (not
// including) the day time-limited permission ends.
func TestRightToWorkCoverage(t *testing.T) {
	r := dpcoop.Recruitment{RightToWork: []dpcoop.RightToWorkCheck{{CheckedOn: "2026-04-01", Expires: "2026-10-01"}}}
	for d, want := range map[dpcoop.Date]bool{"2026-03-31": false, "2026-04-01": true, "2026-09-30": true, "2026-10-01": false} {
		if got := r.RightToWorkOn(d); got != want {
			t.Errorf("%s covered: %v, want %v", d, got, want)
		}
	}
	// A follow-up check done before the permission ended, with no time
	// limit, covers the days after it.
	r.RightToWork = append(r.RightToWork, dpcoop.RightToWorkCheck{CheckedOn: "2026-09-20"})
	if !r.RightToWorkOn("2027-06-01") || r.RightToWorkOn("2026-03-31") {
		t.Error("the follow-up check covers from its day on, not before the first")
	}
	if (dpcoop.Recruitment{}).RightToWorkOn("2026-04-01") {
		t.Error("no check covers no day")
	}
}

func TestCheckShiftRefusesWorkNotCovered(t *testing.T) {
	r := dpcoop.Recruitment{RightToWork: []dpcoop.RightToWorkCheck{{CheckedOn: "2026-04-10"}}}
	err := r.CheckShift(dpcoop.Shift{Kind: dpcoop.ShiftStandard, Date: "2026-04-09"})
	if got := fieldCodes(err); !reflect.DeepEqual(got, map[string]string{"date": dpcoop.FieldRightToWorkNotChecked}) {
		t.Errorf("work before the check: %v", got)
	}
	if err := r.CheckShift(dpcoop.Shift{Kind: dpcoop.ShiftStandard, Date: "2026-04-10"}); err != nil {
		t.Errorf("work on the day of the check: %v", err)
	}
	if err := r.CheckShift(dpcoop.Shift{Kind: dpcoop.ShiftHoliday, Date: "2026-04-09"}); err != nil {
		t.Errorf("leave is not work: %v", err)
	}
}

// The follow-up window: permission ending within 28 days of today is due a
// follow-up check; later, not yet; permission with no time limit, never.
func TestRightToWorkState(t *testing.T) {
	limited := func(exp dpcoop.Date) dpcoop.Recruitment {
		return dpcoop.Recruitment{RightToWork: []dpcoop.RightToWorkCheck{{CheckedOn: "2026-01-05", Expires: exp}}}
	}
	for _, c := range []struct {
		r     dpcoop.Recruitment
		state string
		by    dpcoop.Date
	}{
		{dpcoop.Recruitment{}, dpcoop.RightToWorkNone, ""},
		{limited("2026-12-21"), dpcoop.RightToWorkFollowUpDue, "2026-12-21"}, // 28 days after 23 November
		{limited("2026-12-22"), dpcoop.RightToWorkValid, ""},
		{limited("2026-11-23"), dpcoop.RightToWorkNone, ""}, // ended today
		{dpcoop.Recruitment{RightToWork: []dpcoop.RightToWorkCheck{{CheckedOn: "2026-01-05", Expires: "2026-12-01"}, {CheckedOn: "2026-11-20"}}}, dpcoop.RightToWorkValid, ""},
		{dpcoop.Recruitment{RightToWork: []dpcoop.RightToWorkCheck{{CheckedOn: "2026-11-24"}}}, dpcoop.RightToWorkNone, ""},
	} {
		state, by := c.r.RightToWorkState("2026-11-23")
		if state != c.state || by != c.by {
			t.Errorf("%+v: %s %s, want %s %s", c.r.RightToWork, state, by, c.state, c.by)
		}
	}
}

func TestReferenceAndDBSValidate(t *testing.T) {
	for _, c := range []struct {
		err  error
		want map[string]string
	}{
		{errOf(dpcoop.ReferenceInput{}.Validate("a", recruitAt)), map[string]string{"referee": dpcoop.FieldRequired, "requested": dpcoop.FieldRequired}},
		{errOf(dpcoop.ReferenceInput{Referee: "Mair Jones", Requested: "2026-11-10", Received: "2026-11-09"}.Validate("a", recruitAt)), map[string]string{"received": dpcoop.FieldReceivedBeforeRequested}},
		{errOf(dpcoop.DBSInput{}.Validate("a", recruitAt)), map[string]string{"level": dpcoop.FieldRequired, "certificate_number": dpcoop.FieldRequired, "issued": dpcoop.FieldRequired}},
		{errOf(dpcoop.DBSInput{Level: "enhanced_plus", Certificate: "12345", Issued: "2027-01-01"}.Validate("a", recruitAt)), map[string]string{"level": dpcoop.FieldChoice, "certificate_number": dpcoop.FieldInvalid, "issued": dpcoop.FieldDateFuture}},
	} {
		if got := fieldCodes(c.err); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%v, want %v", got, c.want)
		}
	}
	d, err := dpcoop.DBSInput{Level: "enhanced_barred_adults", Certificate: "0012 3456 7890", Issued: "2026-10-01", UpdateService: true}.Validate("a", recruitAt)
	if err != nil || d.Certificate != "001234567890" {
		t.Errorf("a certificate number with spaces: %+v %v", d, err)
	}
}

func errOf[T any](_ T, err error) error { return err }

// A member sees plain yes/no and counts; a co-op requiring a level is met
// by that level or a higher one.
func TestRecruitmentStatusAndRequiredLevel(t *testing.T) {
	care := []dpcoop.Employment{{Start: "2026-11-01"}}
	pol := dpcoop.RecruitmentPolicy{DBSRequired: dpcoop.DBSEnhanced}
	r := dpcoop.Recruitment{References: []dpcoop.Reference{{Referee: "Mair Jones", Requested: "2026-11-01"}, {Referee: "Huw Bowen", Requested: "2026-11-01"}}}
	want := dpcoop.RecruitmentStatus{ReferencesRequested: 2}
	if s := r.Status("2026-11-10", pol, care, []dpcoop.Course{dpcoop.CourseFirstAid}); s != want {
		t.Errorf("nothing done yet: %+v", s)
	}
	r.References = append(r.References, dpcoop.Reference{Referee: "mair jones", Requested: "2026-11-01", Received: "2026-11-05"})
	r.DBS = []dpcoop.DBSCheck{{Level: dpcoop.DBSEnhanced}}
	r.RightToWork = []dpcoop.RightToWorkCheck{{CheckedOn: "2026-11-02"}}
	want = dpcoop.RecruitmentStatus{RightToWorkChecked: true, ReferencesReceived: 1, ReferencesRequested: 2, DBSMeetsRequirement: true, TrainingCurrent: true}
	if s := r.Status("2026-11-10", pol, care, nil); s != want || len(r.LatestReferences()) != 2 {
		t.Errorf("done: %+v %+v", s, r.LatestReferences())
	}
	if s := r.Status("2026-11-01", pol, care, nil); s.RightToWorkChecked {
		t.Error("a check made after the day does not cover it")
	}
	if !r.HasDBS("") || !r.HasDBS(dpcoop.DBSStandard) || !r.HasDBS(dpcoop.DBSEnhanced) || r.HasDBS(dpcoop.DBSEnhancedBarredAdu) {
		t.Error("an enhanced check meets standard and enhanced, not enhanced with the barred list")
	}
}

// Each role takes the level the co-op set for it, or else the one for every
// role; a PA meets the requirement only when every role they are employed
// in is met. An employment made before roles is personal care.
func TestDBSByRole(t *testing.T) {
	pol, err := dpcoop.RecruitmentPolicy{DBSRequired: dpcoop.DBSStandard, DBSByRole: map[string]string{
		dpcoop.SupportPersonalCare: " enhanced_barred_adults ", dpcoop.SupportDriving: ""}}.Validate()
	if err != nil {
		t.Fatal(err)
	}
	for role, want := range map[string]string{dpcoop.SupportPersonalCare: dpcoop.DBSEnhancedBarredAdu, dpcoop.SupportSocial: dpcoop.DBSStandard, dpcoop.SupportDriving: ""} {
		if got := pol.DBSFor(role); got != want {
			t.Errorf("%s requires %q, want %q", role, got, want)
		}
	}
	r := dpcoop.Recruitment{DBS: []dpcoop.DBSCheck{{Level: dpcoop.DBSEnhanced}}}
	driving, social, old := dpcoop.Employment{Role: dpcoop.SupportDriving}, dpcoop.Employment{Role: dpcoop.SupportSocial}, dpcoop.Employment{}
	got := r.RoleRequirements(pol, []dpcoop.Employment{driving, old, social, driving})
	want := []dpcoop.RoleDBS{{Role: dpcoop.SupportPersonalCare, Required: dpcoop.DBSEnhancedBarredAdu}, {Role: dpcoop.SupportSocial, Required: dpcoop.DBSStandard, Meets: true}, {Role: dpcoop.SupportDriving, Meets: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("roles: %+v, want %+v", got, want)
	}
	if r.MeetsDBS(pol, []dpcoop.Employment{driving, old}) || !r.MeetsDBS(pol, []dpcoop.Employment{driving, social}) {
		t.Error("a PA meets the requirement when every role of theirs is met")
	}
	if !r.MeetsDBS(pol, nil) || r.MeetsDBS(dpcoop.RecruitmentPolicy{DBSRequired: dpcoop.DBSEnhancedBarredAdu}, nil) {
		t.Error("a PA not yet employed is held to the level for every role")
	}
	for _, c := range []struct {
		in   dpcoop.RecruitmentPolicy
		want map[string]string
	}{
		{dpcoop.RecruitmentPolicy{DBSByRole: map[string]string{"cooking": "basic"}}, map[string]string{"dbs_by_role": dpcoop.FieldChoice}},
		{dpcoop.RecruitmentPolicy{DBSRequired: "full", DBSByRole: map[string]string{dpcoop.SupportSocial: "high"}}, map[string]string{"dbs_required": dpcoop.FieldChoice, "dbs_by_role.social_support": dpcoop.FieldChoice}},
	} {
		if got := fieldCodes(errOf(c.in.Validate())); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%+v: %v, want %v", c.in, got, c.want)
		}
	}
}
