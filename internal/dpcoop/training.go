package dpcoop

import (
	"slices"
	"strings"
	"time"
)

// Course is a kind of training a PA may complete, from a fixed list so
// that the co-op can require kinds and reminders can name them in both
// languages; CourseOther carries a free title.
type Course string

// The kinds of course the co-op records.
const (
	CourseMovingHandling   Course = "moving_and_handling"
	CourseFirstAid         Course = "first_aid"
	CourseSafeguarding     Course = "safeguarding_adults"
	CourseMedication       Course = "medication"
	CourseFoodHygiene      Course = "food_hygiene"
	CourseInfectionControl Course = "infection_control"
	CourseOther            Course = "other"
)

// Courses are the kinds in the order forms offer them.
var Courses = []Course{CourseMovingHandling, CourseFirstAid, CourseSafeguarding, CourseMedication,
	CourseFoodHygiene, CourseInfectionControl, CourseOther}

// TrainingReminderDays is how far ahead an expiring course is shown to the
// admins and the PA: time to book the refresher.
const TrainingReminderDays = 60

// Training is one course a PA completed: its expiry is what the provider
// set, entered, never guessed; none means it does not expire. No
// certificate is kept, only these facts.
type Training struct {
	ID         string    `json:"id"`
	PA         string    `json:"pa_id"`
	Course     Course    `json:"course"`
	Title      string    `json:"title,omitempty"`
	Completed  Date      `json:"completed"`
	Expires    Date      `json:"expires,omitempty"`
	Provider   string    `json:"provider"`
	Recorded   time.Time `json:"recorded"`
	RecordedBy string    `json:"recorded_by"`
}

// TrainingInput is a course as an admin enters it.
type TrainingInput struct {
	Course    string `json:"course"`
	Title     string `json:"title"`
	Completed string `json:"completed"`
	Expires   string `json:"expires"`
	Provider  string `json:"provider"`
}

// Validate checks a course entered for pa by an admin: a kind from the
// list (a title for "other" only), completed on a real date not after
// today, an expiry after completion if any, and who provided it.
func (in TrainingInput) Validate(pa, by string, now time.Time) (Training, error) {
	var p Problems
	t := Training{PA: pa, Course: Course(strings.TrimSpace(in.Course)), Recorded: now.UTC(), RecordedBy: by}
	switch {
	case t.Course == "":
		p.Add("course", FieldRequired)
	case !slices.Contains(Courses, t.Course):
		p.Add("course", FieldChoice)
	case t.Course == CourseOther:
		t.Title = requireName(&p, "title", in.Title, 120)
	}
	t.Completed = requireDate(&p, "completed", in.Completed)
	if t.Completed != "" && DateOf(now).Before(t.Completed) {
		p.Add("completed", FieldDateFuture)
	}
	if strings.TrimSpace(in.Expires) != "" {
		t.Expires = requireDate(&p, "expires", in.Expires)
		if t.Expires != "" && t.Completed != "" && !t.Completed.Before(t.Expires) {
			p.Add("expires", FieldExpiryNotAfterStart)
		}
	}
	t.Provider = requireName(&p, "provider", in.Provider, 120)
	return t, p.Err("record training")
}

// Current reports whether the course still counts on day on.
func (t Training) Current(on Date) bool { return t.Expires == "" || !t.Expires.Before(on) }

// Due reports whether the course has expired, or expires within
// TrainingReminderDays of on: a refresher to book.
func (t Training) Due(on Date) bool {
	return t.Expires != "" && !on.AddDays(TrainingReminderDays).Before(t.Expires)
}

// Name is how a course is told apart: its kind, or its title for "other".
func (t Training) Name() string {
	if t.Course == CourseOther {
		return "other:" + t.Title
	}
	return string(t.Course)
}

// Latest keeps, for each course, the record that lasts longest (one that
// does not expire over any that does): a refresher replaces the course it
// renews, so older records neither count twice nor raise reminders.
func Latest(ts []Training) []Training {
	var out []Training
	at := map[string]int{}
	for _, t := range ts {
		i, seen := at[t.Name()]
		switch {
		case !seen:
			at[t.Name()] = len(out)
			out = append(out, t)
		case out[i].Expires != "" && (t.Expires == "" || out[i].Expires.Before(t.Expires)):
			out[i] = t
		}
	}
	return out
}

// CurrentCourse is what a member sees of their PA's training: the course's
// name and the day it is current until, nothing else.
type CurrentCourse struct {
	Course       Course `json:"course"`
	Title        string `json:"title,omitempty"`
	CurrentUntil Date   `json:"current_until,omitempty"`
}

// CurrentCourses are a PA's courses that count on day on, as a member may
// see them.
func CurrentCourses(ts []Training, on Date) []CurrentCourse {
	out := []CurrentCourse{}
	for _, t := range Latest(ts) {
		if t.Current(on) {
			out = append(out, CurrentCourse{Course: t.Course, Title: t.Title, CurrentUntil: t.Expires})
		}
	}
	return out
}

// DueTraining are a PA's courses expired or expiring within
// TrainingReminderDays of on, soonest first.
func DueTraining(ts []Training, on Date) []Training {
	var out []Training
	for _, t := range Latest(ts) {
		if t.Due(on) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b Training) int { return strings.Compare(string(a.Expires), string(b.Expires)) })
	return out
}

// MissingCourses are the required kinds a PA has no current course of on
// day on, in the list's order.
func MissingCourses(ts []Training, required []Course, on Date) []Course {
	var out []Course
	for _, c := range required {
		if !slices.ContainsFunc(ts, func(t Training) bool { return t.Course == c && t.Current(on) }) {
			out = append(out, c)
		}
	}
	return out
}

// RequiredTraining is the co-op's setting of the kinds every PA must hold
// current: kinds from the list, "other" excluded (it has no fixed name).
type RequiredTraining struct {
	Courses []Course `json:"courses"`
}

// Validate checks the setting, keeping the list's order and each kind once.
func (r RequiredTraining) Validate() (RequiredTraining, error) {
	var p Problems
	out := RequiredTraining{Courses: []Course{}}
	for _, c := range r.Courses {
		if c == CourseOther || !slices.Contains(Courses, c) {
			p.Add("courses", FieldChoice)
			break
		}
	}
	for _, c := range Courses {
		if slices.Contains(r.Courses, c) {
			out.Courses = append(out.Courses, c)
		}
	}
	return out, p.Err("set required training")
}

// OldRequiredTraining is the training setting the payroll settings' old
// list of required training (removed in favour of this setting) stood for:
// its codes moving_and_handling, first_aid, infection_control and
// medication are the same courses, safeguarding is safeguarding adults;
// induction, which is not a course a PA holds, and any code unknown have
// no course and are dropped (said in dropped).
func OldRequiredTraining(codes []string) (r RequiredTraining, dropped []string) {
	var courses []Course
	for _, code := range codes {
		c := Course(code)
		if code == "safeguarding" {
			c = CourseSafeguarding
		}
		if c == CourseOther || !slices.Contains(Courses, c) {
			dropped = append(dropped, code)
			continue
		}
		courses = append(courses, c)
	}
	r, _ = RequiredTraining{Courses: courses}.Validate()
	return r, dropped
}
