package storetest

import (
	"context"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/insurance"
	"github.com/dpcoop/dpcoop/internal/risk"
	"github.com/dpcoop/dpcoop/internal/training"
)

// EmployerRecords is what the training, insurance and risk services keep.
type EmployerRecords interface {
	training.Store
	insurance.Store
	risk.Store
}

// Training tests the store of PAs' training, the required courses and the
// employers' liability insurance: a course is recorded once and read only
// with its own PA's; a delete may be repeated; nothing crosses co-ops.
func Training(t *testing.T, open Open[EmployerRecords]) {
	run(t, open, map[string]func(*testing.T, EmployerRecords, Fixture){
		"ACourseIsRecordedOnceAndReadWithItsPA": aCourseIsRecordedOnceAndReadWithItsPA,
		"ADeleteMayBeRepeated":                  aDeleteMayBeRepeated,
		"EmployerRecordsStayInTheirCoop":        employerRecordsStayInTheirCoop,
		"ARiskAssessmentIsReadWithItsMember":    aRiskAssessmentIsReadWithItsMember,
	})
}

func course(pa, id string, c dpcoop.Course) dpcoop.Training {
	return dpcoop.Training{ID: id, PA: pa, Course: c, Completed: "2026-01-10", Expires: "2029-01-10", Provider: "Provider", Recorded: Day, RecordedBy: "admin"}
}

// A course is recorded once; a PA's courses never include another's, even
// one whose id begins with theirs.
func aCourseIsRecordedOnceAndReadWithItsPA(t *testing.T, s EmployerRecords, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t).ID
	c := course(pa, dpcoop.NewID(), dpcoop.CourseFirstAid)
	for i, want := range []bool{true, false} {
		created, err := s.AddTraining(ctx, f.Coop, c)
		if err != nil || created != want {
			t.Fatalf("add %d: created %v, %v", i, created, err)
		}
	}
	longer := course(pa+"x", dpcoop.NewID(), dpcoop.CourseMedication)
	if _, err := s.AddTraining(ctx, f.Coop, longer); err != nil {
		t.Fatal(err)
	}
	if ts := must(s.Training(ctx, f.Coop, pa))(t); len(ts) != 1 || ts[0] != c {
		t.Fatalf("the PA's courses: %+v", ts)
	}
	if ts := must(s.Training(ctx, f.Coop, ""))(t); len(ts) != 2 {
		t.Fatalf("the co-op's courses: %+v", ts)
	}
}

func aDeleteMayBeRepeated(t *testing.T, s EmployerRecords, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t).ID
	c := course(pa, dpcoop.NewID(), dpcoop.CourseSafeguarding)
	if _, err := s.AddTraining(ctx, f.Coop, c); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if err := s.DeleteTraining(ctx, f.Coop, pa, c.ID); err != nil {
			t.Fatalf("delete %d: %v", i, err)
		}
	}
	if ts := must(s.Training(ctx, f.Coop, pa))(t); len(ts) != 0 {
		t.Fatalf("after the delete: %+v", ts)
	}
}

func employerRecordsStayInTheirCoop(t *testing.T, s EmployerRecords, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t).ID
	c := course(pa, dpcoop.NewID(), dpcoop.CourseFirstAid)
	if _, err := s.AddTraining(ctx, f.Coop, c); err != nil {
		t.Fatal(err)
	}
	e := dpcoop.EmployersLiability{Insurer: "Insurer", Policy: "P1", Cover: dpcoop.MinimumELCover, Start: "2026-04-01", Expires: "2027-03-31", Recorded: Day}
	if err := s.SetInsurance(ctx, f.Coop, e); err != nil {
		t.Fatal(err)
	}
	req := dpcoop.RequiredTraining{Courses: []dpcoop.Course{dpcoop.CourseFirstAid}}
	if err := s.SetRequiredCourses(ctx, f.Coop, req); err != nil {
		t.Fatal(err)
	}
	if got := must(s.Insurance(ctx, f.Coop))(t); got == nil || *got != e {
		t.Fatalf("the policy read back: %+v", got)
	}
	if got := must(s.RequiredCourses(ctx, f.Coop))(t); len(got.Courses) != 1 {
		t.Fatalf("the required courses read back: %+v", got)
	}
	if ts := must(s.Training(ctx, f.Other, ""))(t); len(ts) != 0 {
		t.Fatalf("another co-op read the courses: %+v", ts)
	}
	if got := must(s.Insurance(ctx, f.Other))(t); got != nil {
		t.Fatalf("another co-op read the policy: %+v", got)
	}
	if got := must(s.RequiredCourses(ctx, f.Other))(t); len(got.Courses) != 0 {
		t.Fatalf("another co-op read the required courses: %+v", got)
	}
	if err := s.DeleteTraining(ctx, f.Other, pa, c.ID); err != nil {
		t.Fatal(err)
	}
	if ts := must(s.Training(ctx, f.Coop, pa))(t); len(ts) != 1 {
		t.Fatalf("a delete through another co-op removed the course: %+v", ts)
	}
}

// A member's assessments never include another's, even one whose id
// begins with theirs; a review replaces the assessment; another co-op
// reads none.
func aRiskAssessmentIsReadWithItsMember(t *testing.T, s EmployerRecords, f Fixture) {
	ctx := context.Background()
	m := f.Member(t).ID
	a := dpcoop.RiskAssessment{ID: dpcoop.NewID(), Member: m, Title: "Hoist", Risks: "Falls", Language: dpcoop.English, Assessed: "2026-01-01", Review: "2026-07-01", Recorded: Day}
	other := a
	other.ID, other.Member = dpcoop.NewID(), m+"x"
	for _, x := range []dpcoop.RiskAssessment{a, other} {
		if err := s.PutRiskAssessment(ctx, f.Coop, x); err != nil {
			t.Fatal(err)
		}
	}
	a.Review = "2027-01-01"
	if err := s.PutRiskAssessment(ctx, f.Coop, a); err != nil {
		t.Fatal(err)
	}
	if as := must(s.RiskAssessments(ctx, f.Coop, m))(t); len(as) != 1 || as[0] != a {
		t.Fatalf("the member's assessments: %+v", as)
	}
	if as := must(s.RiskAssessments(ctx, f.Coop, ""))(t); len(as) != 2 {
		t.Fatalf("the co-op's assessments: %+v", as)
	}
	if as := must(s.RiskAssessments(ctx, f.Other, ""))(t); len(as) != 0 {
		t.Fatalf("another co-op read the assessments: %+v", as)
	}
}
