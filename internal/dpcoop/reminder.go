package dpcoop

import "strings"

// Reminders (docs/reminders.md): what the admins' dashboard lists as due is
// also emailed, once per threshold, to the admins in one daily digest and
// to the PA concerned where it is their own to act on. A reminder is told
// when it first comes into its warning window ("soon") and again when its
// day comes ("due"); something with no day of its own is due at once.

// The kinds of reminder, each a line of the digest ("reminder.<kind>.<threshold>"
// in internal/messages).
const (
	ReminderTraining        = "training"         // a course expiring or expired
	ReminderTrainingMissing = "training_missing" // a required course not held
	ReminderRightToWork     = "right_to_work"    // no valid right-to-work check
	ReminderFollowUp        = "follow_up"        // a follow-up right-to-work check
	ReminderDBS             = "dbs"              // a DBS check the co-op requires
	ReminderInsurance       = "insurance"        // employers' liability expiring, expired or missing
	ReminderRiskReview      = "risk_review"      // a risk assessment's review
	ReminderStatement       = "statement"        // a written statement left unacknowledged
)

// The thresholds a reminder is told at, once each.
const (
	ReminderSoon = "soon"
	ReminderDue  = "due"
)

// ReminderMarkerDays is how long a sent reminder is remembered: longer than
// any warning window, so a reminder is not told twice at one threshold; an
// item still due after it is told once more, which is a fair nudge.
const ReminderMarkerDays = 400

// Reminder is one thing due. About, Course and Due fill the digest's line;
// nothing of it is ever logged.
type Reminder struct {
	Kind string
	// Ref is what the reminder is about, unique within its kind (a PA, a
	// PA's course, an assessment, a statement's version).
	Ref string
	// Due is the day it falls due; empty when it is due already with no
	// day of its own.
	Due Date
	// About names the PA or member it concerns, for the admins' digest.
	About string
	// Course is the course's kind, for the training reminders.
	Course Course
}

// Threshold is the threshold the reminder has reached on day today: due
// on or after its day (or at once without one), soon before it.
func (r Reminder) Threshold(today Date) string {
	if r.Due == "" || !today.Before(r.Due) {
		return ReminderDue
	}
	return ReminderSoon
}

// Key names the reminder at its threshold on day today: the same item at
// the same threshold is the same key however often it is looked at, and a
// renewed item (a new expiry) is a new one.
func (r Reminder) Key(today Date) string {
	return strings.Join([]string{r.Kind, r.Ref, string(r.Due), r.Threshold(today)}, "#")
}
