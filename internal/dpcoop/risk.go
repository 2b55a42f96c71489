package dpcoop

import (
	"slices"
	"strings"
	"time"
)

// RiskReviewDays is how long before a risk assessment's review date the
// admins are told it is due.
const RiskReviewDays = 30

// RiskAssessment is the assessment of the risks of one member's support:
// what they are and how each is controlled, as the admin wrote it, in the
// language they wrote it in, and when it must be looked at again. The PAs
// who support the member read it before they work.
type RiskAssessment struct {
	ID         string    `json:"id"`
	Member     string    `json:"member_id"`
	Title      string    `json:"title"`
	Risks      string    `json:"risks"`
	Language   Lang      `json:"language"`
	Assessed   Date      `json:"assessed"`
	Review     Date      `json:"review"`
	Recorded   time.Time `json:"recorded"`
	RecordedBy string    `json:"recorded_by"`
}

// RiskInput is an assessment as an admin writes or reviews it.
type RiskInput struct {
	Title    string `json:"title"`
	Risks    string `json:"risks"`
	Language string `json:"language"`
	Assessed string `json:"assessed"`
	Review   string `json:"review"`
}

// Validate checks an assessment of member's support: a title, the risks
// and their controls, the language they are written in, the day assessed
// (not after today) and a review date after it.
func (in RiskInput) Validate(member, by string, now time.Time) (RiskAssessment, error) {
	var p Problems
	a := RiskAssessment{Member: member, Recorded: now.UTC(), RecordedBy: by}
	a.Title = requireName(&p, "title", in.Title, 120)
	a.Risks = requireText(&p, "risks", in.Risks, 10000)
	a.Language = requireLang(&p, "language", in.Language)
	a.Assessed = requireDate(&p, "assessed", in.Assessed)
	if a.Assessed != "" && DateOf(now).Before(a.Assessed) {
		p.Add("assessed", FieldDateFuture)
	}
	a.Review = requireDate(&p, "review", in.Review)
	if a.Assessed != "" && a.Review != "" && !a.Assessed.Before(a.Review) {
		p.Add("review", FieldExpiryNotAfterStart)
	}
	return a, p.Err("record risk assessment")
}

// ReviewDue reports whether the assessment must be reviewed within
// RiskReviewDays of on, or should have been already.
func (a RiskAssessment) ReviewDue(on Date) bool { return !on.AddDays(RiskReviewDays).Before(a.Review) }

// ReviewsDue are the assessments due for review on day on, soonest first.
func ReviewsDue(as []RiskAssessment, on Date) []RiskAssessment {
	var out []RiskAssessment
	for _, a := range as {
		if a.ReviewDue(on) {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(x, y RiskAssessment) int { return strings.Compare(string(x.Review), string(y.Review)) })
	return out
}
