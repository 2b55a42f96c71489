package dpcoop

import (
	"slices"
	"testing"
	"time"
)

var trainingNow = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

func TestTrainingInputValidate(t *testing.T) {
	ok := TrainingInput{Course: "first_aid", Completed: "2026-01-10", Expires: "2029-01-10", Provider: "St John Cymru"}
	tr, err := ok.Validate("pa1", "admin1", trainingNow)
	if err != nil || tr.Course != CourseFirstAid || tr.Expires != "2029-01-10" || tr.Title != "" {
		t.Fatalf("valid course: %+v %v", tr, err)
	}
	cases := map[string]struct {
		in    TrainingInput
		field string
		code  string
	}{
		"no course":        {TrainingInput{Completed: "2026-01-10", Provider: "X"}, "course", FieldRequired},
		"unknown course":   {TrainingInput{Course: "juggling", Completed: "2026-01-10", Provider: "X"}, "course", FieldChoice},
		"other no title":   {TrainingInput{Course: "other", Completed: "2026-01-10", Provider: "X"}, "title", FieldRequired},
		"future":           {TrainingInput{Course: "first_aid", Completed: "2026-12-08", Provider: "X"}, "completed", FieldDateFuture},
		"bad date":         {TrainingInput{Course: "first_aid", Completed: "2026-02-30", Provider: "X"}, "completed", FieldDate},
		"expires first":    {TrainingInput{Course: "first_aid", Completed: "2026-01-10", Expires: "2026-01-10", Provider: "X"}, "expires", FieldExpiryNotAfterStart},
		"no provider":      {TrainingInput{Course: "first_aid", Completed: "2026-01-10"}, "provider", FieldRequired},
		"bad expiry":       {TrainingInput{Course: "first_aid", Completed: "2026-01-10", Expires: "soon", Provider: "X"}, "expires", FieldDate},
		"hidden in title":  {TrainingInput{Course: "other", Title: "Hoist\u202e", Completed: "2026-01-10", Provider: "X"}, "title", FieldHidden},
		"provider too big": {TrainingInput{Course: "first_aid", Completed: "2026-01-10", Provider: string(make([]rune, 121))}, "provider", FieldHidden},
	}
	for name, c := range cases {
		_, err := c.in.Validate("pa1", "admin1", trainingNow)
		if !hasField(err, c.field, c.code) {
			t.Errorf("%s: want %s %s, got %v", name, c.field, c.code, ErrorOf(err).Fields)
		}
	}
	other, err := TrainingInput{Course: "other", Title: "Hoist use", Completed: "2026-01-10", Provider: "X"}.Validate("pa1", "a", trainingNow)
	if err != nil || other.Title != "Hoist use" {
		t.Fatalf("other with title: %+v %v", other, err)
	}
}

func hasField(err error, field, code string) bool {
	if err == nil {
		return false
	}
	return slices.ContainsFunc(ErrorOf(err).Fields, func(f FieldError) bool { return f.Field == field && f.Code == code })
}

func TestTrainingExpiryWindows(t *testing.T) {
	on := Date("2026-12-07")
	cases := []struct {
		expires      Date
		current, due bool
	}{
		{"", true, false},           // never expires
		{"2026-12-06", false, true}, // expired yesterday
		{"2026-12-07", true, true},  // last day today
		{"2027-02-05", true, true},  // exactly 60 days ahead
		{"2027-02-06", true, false}, // 61 days ahead
		{"2028-12-07", true, false}, // far off
	}
	for _, c := range cases {
		tr := Training{Course: CourseFirstAid, Completed: "2025-01-01", Expires: c.expires}
		if tr.Current(on) != c.current || tr.Due(on) != c.due {
			t.Errorf("expires %q: current %v due %v, want %v %v", c.expires, tr.Current(on), tr.Due(on), c.current, c.due)
		}
	}
}

func TestRefresherReplacesTheCourseItRenews(t *testing.T) {
	on := Date("2026-12-07")
	ts := []Training{
		{ID: "old", Course: CourseFirstAid, Expires: "2026-12-01"},
		{ID: "new", Course: CourseFirstAid, Expires: "2029-11-30"},
		{ID: "hoist", Course: CourseOther, Title: "Hoist", Expires: "2027-01-01"},
		{ID: "ramp", Course: CourseOther, Title: "Ramp", Expires: "2026-11-01"},
		{ID: "sg", Course: CourseSafeguarding},
	}
	due := DueTraining(ts, on)
	if len(due) != 2 || due[0].ID != "ramp" || due[1].ID != "hoist" {
		t.Fatalf("due: %+v", due)
	}
	cur := CurrentCourses(ts, on)
	want := []CurrentCourse{{Course: CourseFirstAid, CurrentUntil: "2029-11-30"}, {Course: CourseOther, Title: "Hoist", CurrentUntil: "2027-01-01"}, {Course: CourseSafeguarding}}
	if !slices.Equal(cur, want) {
		t.Fatalf("current: %+v", cur)
	}
}

func TestMissingRequiredCourses(t *testing.T) {
	on := Date("2026-12-07")
	req, err := RequiredTraining{Courses: []Course{CourseSafeguarding, CourseMovingHandling, CourseSafeguarding}}.Validate()
	if err != nil || !slices.Equal(req.Courses, []Course{CourseMovingHandling, CourseSafeguarding}) {
		t.Fatalf("required: %+v %v", req, err)
	}
	ts := []Training{{Course: CourseMovingHandling, Expires: "2026-12-01"}, {Course: CourseSafeguarding, Expires: "2027-06-01"}}
	if got := MissingCourses(ts, req.Courses, on); !slices.Equal(got, []Course{CourseMovingHandling}) {
		t.Fatalf("missing: %v", got)
	}
	if got := MissingCourses(nil, req.Courses, on); len(got) != 2 {
		t.Fatalf("missing with none: %v", got)
	}
	for _, bad := range []Course{CourseOther, "juggling"} {
		if _, err := (RequiredTraining{Courses: []Course{bad}}).Validate(); !hasField(err, "courses", FieldChoice) {
			t.Errorf("%s accepted as required", bad)
		}
	}
}

func TestInsurance(t *testing.T) {
	in := InsuranceInput{Insurer: "Yswiriant Da", Policy: "EL-123", Cover: MinimumELCover, Start: "2026-04-01", Expires: "2027-03-31"}
	e, err := in.Validate("admin1", trainingNow)
	if err != nil || e.Cover != 500_000_000 {
		t.Fatalf("valid policy: %+v %v", e, err)
	}
	low := in
	low.Cover = MinimumELCover - 1
	if _, err := low.Validate("a", trainingNow); !hasField(err, "cover_pence", FieldBelowLegalCover) {
		t.Errorf("£4,999,999.99 cover accepted: %v", err)
	}
	back := in
	back.Expires = "2026-04-01"
	if _, err := back.Validate("a", trainingNow); !hasField(err, "expiry_date", FieldExpiryNotAfterStart) {
		t.Errorf("expiry on start accepted: %v", err)
	}
	for on, want := range map[Date]InsuranceState{
		"2026-12-07": InsuranceCurrent,
		"2027-02-28": InsuranceCurrent,  // 31 days before
		"2027-03-01": InsuranceExpiring, // 30 days before
		"2027-03-31": InsuranceExpiring, // last day
		"2027-04-01": InsuranceExpired,
	} {
		if got := InsuranceOn(&e, on); got != want {
			t.Errorf("on %s: %s, want %s", on, got, want)
		}
	}
	if InsuranceOn(nil, "2026-12-07") != InsuranceMissing {
		t.Error("no policy is not missing")
	}
}

func TestOldRequiredTraining(t *testing.T) {
	r, dropped := OldRequiredTraining([]string{"induction", "safeguarding", "first_aid", "medication", "first_aid", "astrology"})
	if !slices.Equal(r.Courses, []Course{CourseFirstAid, CourseSafeguarding, CourseMedication}) || !slices.Equal(dropped, []string{"induction", "astrology"}) {
		t.Fatalf("got %v, dropped %v", r.Courses, dropped)
	}
	if r, dropped := OldRequiredTraining(nil); len(r.Courses) != 0 || r.Courses == nil || dropped != nil {
		t.Fatalf("none: %#v, %v", r, dropped)
	}
}
