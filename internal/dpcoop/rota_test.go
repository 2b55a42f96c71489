package dpcoop

import (
	"slices"
	"testing"
	"time"
)

// The rota's fixed day: Monday 7 December 2026, 09:00 in Wales.
var rotaNow = time.Date(2026, 12, 7, 9, 0, 0, 0, London)

const (
	rotaMember = "mmmmmmmmmmmmmmmmmmmm"
	rotaPA     = "pppppppppppppppppppp"
	rotaOther  = "oooooooooooooooooooo"
)

func rotaEmp(pa, member, start string) Employment {
	return Employment{ID: pa[:4] + member[:4], PA: pa, Member: member, Start: Date(start)}
}

func plan(t *testing.T, in PlannedShiftInput) PlannedShift {
	t.Helper()
	ps, err := in.Validate("admin", rotaNow)
	if err != nil {
		t.Fatal(err)
	}
	ps.ID = "shiftshiftshiftshift"
	return ps
}

func tuesday(t *testing.T) PlannedShift {
	return plan(t, PlannedShiftInput{PA: rotaPA, Members: []string{rotaMember}, Date: "2026-12-08", Start: "09:00", End: "13:00"})
}

func TestPlannedShiftValidate(t *testing.T) {
	cases := []struct {
		name  string
		in    PlannedShiftInput
		field string
		code  string
	}{
		{"in the past", PlannedShiftInput{Date: "2026-12-07", Start: "08:00", End: "10:00"}, "date", FieldPlanInPast},
		{"end before start", PlannedShiftInput{Date: "2026-12-08", Start: "10:00", End: "09:00"}, "end", FieldEndBeforeStart},
		{"over 24 hours", PlannedShiftInput{Date: "2026-12-08", EndDate: "2026-12-09", Start: "09:00", End: "09:30"}, "end", FieldTooLongShift},
		{"over a year ahead", PlannedShiftInput{Date: "2027-12-09", Start: "09:00", End: "10:00"}, "date", FieldPlanTooFarAhead},
		{"leave is not planned", PlannedShiftInput{Date: "2026-12-08", Start: "09:00", End: "10:00", Kind: "holiday"}, "kind", FieldChoice},
		{"no PA", PlannedShiftInput{Date: "2026-12-08", Start: "09:00", End: "10:00"}, "pa_id", FieldRequired},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.in.PA == "" && c.field != "pa_id" {
				c.in.PA = rotaPA
			}
			c.in.Members = []string{rotaMember}
			_, err := c.in.Validate("admin", rotaNow)
			if !hasField(err, c.field, c.code) {
				t.Fatalf("got %v, want %s on %s", err, c.code, c.field)
			}
		})
	}
	ps := tuesday(t)
	if ps.Kind != ShiftStandard || ps.Start != time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC) || ps.EndDate != "2026-12-08" {
		t.Fatalf("%+v", ps)
	}
}

func TestPlannedShiftCheckAgainst(t *testing.T) {
	ps := tuesday(t)
	if err := ps.CheckAgainst(nil, nil); !hasField(err, "pa_id", FieldNotEmployed) {
		t.Fatalf("no employment: %v", err)
	}
	emps := []Employment{rotaEmp(rotaPA, rotaMember, "2026-01-01")}
	if err := ps.CheckAgainst(emps, nil); err != nil {
		t.Fatal(err)
	}
	other := plan(t, PlannedShiftInput{PA: rotaPA, Members: []string{rotaMember}, Date: "2026-12-08", Start: "12:00", End: "14:00"})
	other.ID = "otherotherotherother"
	if err := ps.CheckAgainst(emps, []PlannedShift{other}); !hasField(err, "start", FieldOverlap) {
		t.Fatalf("overlap: %v", err)
	}
	other.Cancelled = rotaNow
	if err := ps.CheckAgainst(emps, []PlannedShift{other}); err != nil {
		t.Fatalf("a cancelled shift is no overlap: %v", err)
	}
}

func TestNeedsCover(t *testing.T) {
	ps := tuesday(t)
	sick := PayHistory{Sickness: []SicknessAbsence{{FirstDay: "2026-12-01"}}} // still off
	leave := []Shift{{PA: rotaPA, Kind: ShiftHoliday, Status: ShiftApproved, Date: "2026-12-08", EndDate: "2026-12-08"}}
	asked := []Shift{{PA: rotaPA, Kind: ShiftHoliday, Status: ShiftDraft, Date: "2026-12-08", EndDate: "2026-12-08"}}
	cases := []struct {
		name string
		ps   PlannedShift
		away []Away
		want string
	}{
		{"at work", ps, AwaySpells(rotaPA, PayHistory{}, nil), ""},
		{"off sick, open-ended", ps, AwaySpells(rotaPA, sick, nil), AwaySick},
		{"sick until the day before", ps, AwaySpells(rotaPA, PayHistory{Sickness: []SicknessAbsence{{FirstDay: "2026-12-01", LastDay: "2026-12-07"}}}, nil), ""},
		{"on leave", ps, AwaySpells(rotaPA, PayHistory{}, leave), AwayHoliday},
		{"a draft request is not leave", ps, AwaySpells(rotaPA, PayHistory{}, asked), ""},
		{"another PA's sickness", ps, AwaySpells(rotaOther, sick, nil), ""},
		{"said they cannot", func() PlannedShift { c, _ := ps.SayCannot(rotaPA, "", rotaNow); return c }(), nil, AwayCannot},
		{"cancelled", func() PlannedShift { c, _ := ps.Cancel(rotaNow); return c }(), AwaySpells(rotaPA, sick, nil), ""},
		{"covered", func() PlannedShift { c := ps; c.CoveredBy = rotaOther; return c }(), AwaySpells(rotaPA, sick, nil), ""},
	}
	for _, c := range cases {
		if got := c.ps.NeedsCover(c.away); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// coverFacts is a PA free to cover: supports the member, checked, at work.
func coverFacts(id, name string) CoverFacts {
	return CoverFacts{
		PA:          PA{ID: id, LegalName: name, Status: PAActive},
		Employments: []Employment{rotaEmp(id, rotaMember, "2026-01-01")},
		Recruitment: Recruitment{RightToWork: []RightToWorkCheck{{CheckedOn: "2025-12-01"}}},
	}
}

func TestCoverCandidates(t *testing.T) {
	ps := tuesday(t)
	id := func(c string) string { return (c + "xxxxxxxxxxxxxxxxxxxx")[:20] }
	busyPlan := tuesday(t)
	busyPlan.ID, busyPlan.PA = "busybusybusybusybusy", id("busy")
	willing := coverFacts(id("willing"), "Gwen Morgan")
	willing.Employments, willing.Willing = nil, true
	both := coverFacts(id("both"), "Huw Jones")
	both.Willing = true
	cases := map[string]func(*CoverFacts){
		"the shift's own PA":           func(f *CoverFacts) { f.PA.ID = rotaPA },
		"no record yet":                func(f *CoverFacts) { f.PA.Status = PAIncomplete },
		"left the co-op's employment":  func(f *CoverFacts) { f.Willing, f.Left = true, "2026-11-30" },
		"neither supports nor willing": func(f *CoverFacts) { f.Employments = nil },
		"employment ended":             func(f *CoverFacts) { f.Employments[0].End = "2026-12-07" },
		"no right-to-work check":       func(f *CoverFacts) { f.Recruitment = Recruitment{} },
		"permission ended":             func(f *CoverFacts) { f.Recruitment.RightToWork[0].Expires = "2026-12-08" },
		"off sick": func(f *CoverFacts) {
			f.Away = []Away{{PA: f.PA.ID, First: "2026-12-08", Last: "2026-12-08", Why: AwaySick}}
		},
		"on leave": func(f *CoverFacts) {
			f.Away = []Away{{PA: f.PA.ID, First: "2026-12-01", Last: "2026-12-10", Why: AwayHoliday}}
		},
		"planned elsewhere":  func(f *CoverFacts) { p := busyPlan; p.PA = f.PA.ID; f.Planned = []PlannedShift{p} },
		"covering elsewhere": func(f *CoverFacts) { p := busyPlan; p.CoveredBy = f.PA.ID; f.Planned = []PlannedShift{p} },
		"a shift recorded then": func(f *CoverFacts) {
			f.Shifts = []Shift{{PA: f.PA.ID, Status: ShiftSubmitted, Kind: ShiftStandard, Start: ps.Start.Add(time.Hour), End: ps.End.Add(time.Hour)}}
		},
	}
	for name, change := range cases {
		f := coverFacts(id("excluded"), "Siân Evans")
		change(&f)
		if got := CoverCandidates(ps, []CoverFacts{f}); len(got) != 0 {
			t.Errorf("%s: offered %+v", name, got)
		}
	}
	// Free after all: a cancelled plan, a rejected shift, an absence ended.
	free := coverFacts(id("free"), "Aled Rhys Price")
	cancelled := busyPlan
	cancelled.PA, cancelled.Cancelled = free.PA.ID, rotaNow
	free.Planned = []PlannedShift{cancelled}
	free.Shifts = []Shift{{PA: free.PA.ID, Status: ShiftRejected, Start: ps.Start, End: ps.End}}
	free.Away = []Away{{PA: free.PA.ID, First: "2026-11-01", Last: "2026-12-07", Why: AwaySick}}
	got := CoverCandidates(ps, []CoverFacts{willing, free, both})
	want := []Candidate{
		{PA: free.PA.ID, Name: "Aled", Reasons: []string{ReasonSupportsMember}},
		{PA: willing.PA.ID, Name: "Gwen", Reasons: []string{ReasonWillingToCover}, EmploymentNeeded: true},
		{PA: both.PA.ID, Name: "Huw", Reasons: []string{ReasonSupportsMember, ReasonWillingToCover}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i].PA != want[i].PA || got[i].Name != want[i].Name || !slices.Equal(got[i].Reasons, want[i].Reasons) || got[i].EmploymentNeeded != want[i].EmploymentNeeded {
			t.Errorf("%d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestCoverRequestFirstAcceptWins(t *testing.T) {
	ps := tuesday(t)
	cands := []Candidate{{PA: "a"}, {PA: "b"}, {PA: "c"}}
	if _, err := ps.AskForCover("", cands, nil, "r1", "m", rotaNow); !IsCode(err, CodeNoCoverNeeded) {
		t.Fatalf("not needed: %v", err)
	}
	if _, err := ps.AskForCover(AwaySick, cands, []string{"z"}, "r1", "m", rotaNow); !hasField(err, "pa_ids", FieldNotACandidate) {
		t.Fatalf("not a candidate: %v", err)
	}
	if _, err := ps.AskForCover(AwaySick, nil, nil, "r1", "m", rotaNow); !hasField(err, "pa_ids", FieldNoCandidates) {
		t.Fatalf("none: %v", err)
	}
	asked, err := ps.AskForCover(AwaySick, cands, []string{"a", "b"}, "r1", "m", rotaNow)
	if err != nil || !asked.Asked("a") || asked.Asked("c") {
		t.Fatalf("%v %+v", err, asked.Request)
	}
	if _, err := asked.AskForCover(AwaySick, cands, nil, "r1", "m", rotaNow); err != ErrUnchanged {
		t.Fatalf("the same request again: %v", err)
	}
	if _, err := asked.Accept("c", rotaNow); !IsCode(err, CodeNotAskedToCover) {
		t.Fatalf("not asked: %v", err)
	}
	declined, err := asked.Decline("b")
	if err != nil || !slices.Contains(declined.Request.Declined, "b") {
		t.Fatal(err)
	}
	won, err := declined.Accept("a", rotaNow)
	if err != nil || won.CoveredBy != "a" || won.Worker() != "a" || won.NeedsCover(nil) != "" {
		t.Fatalf("%v %+v", err, won)
	}
	if _, err := won.Accept("a", rotaNow); err != ErrUnchanged {
		t.Fatalf("the winner again: %v", err)
	}
	if _, err := won.Accept("b", rotaNow); !IsCode(err, CodeShiftCovered) {
		t.Fatalf("second: %v", err)
	}
	gone, _ := asked.Cancel(rotaNow)
	if _, err := gone.Accept("a", rotaNow); !IsCode(err, CodePlanCancelled) {
		t.Fatalf("cancelled: %v", err)
	}
}

func TestRotaRoleAndReasonHidden(t *testing.T) {
	ps, _ := tuesday(t).SayCannot(rotaPA, "hospital appointment", rotaNow)
	ps, _ = ps.AskForCover(AwayCannot, []Candidate{{PA: "a"}, {PA: "b"}}, nil, "r", rotaMember, rotaNow)
	p := func(person string, r Role) Principal { return Principal{Person: person, Roles: []Role{r}} }
	roles := map[string]Principal{
		RotaAdmin:  p("x", RoleAdmin),
		RotaPA:     p(rotaPA, RolePA),
		RotaMember: p(rotaMember, RoleMember),
		RotaAsked:  p("a", RolePA),
		"":         p(rotaOther, RolePA),
	}
	for want, who := range roles {
		if got := ps.RotaRole(who); got != want {
			t.Errorf("%v: got %q, want %q", who, got, want)
		}
	}
	if (Principal{Person: rotaOther, Roles: []Role{RoleMember}}).Has(RolePA) || ps.RotaRole(Principal{Person: rotaOther, Roles: []Role{RoleMember}}) != "" {
		t.Error("another member sees the shift")
	}
	if ps.SeenAs(RotaAdmin, "x").Cannot.Reason == "" {
		t.Error("the admin lost the reason")
	}
	for _, r := range []string{RotaMember, RotaPA, RotaAsked} {
		if ps.SeenAs(r, "a").Cannot.Reason != "" {
			t.Errorf("%s sees the reason", r)
		}
	}
	if seen := ps.SeenAs(RotaAsked, "a"); !slices.Equal(seen.Request.Asked, []string{"a"}) {
		t.Errorf("an asked PA sees the others: %v", seen.Request.Asked)
	}
}
