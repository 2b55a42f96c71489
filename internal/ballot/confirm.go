package ballot

import "time"

// ConfirmationWindow returns the first and last days on which a meeting may
// confirm a special resolution whose first vote closed at firstClosed: from
// MinDays days (default 14) to MaxMonths calendar months (default 1) later,
// both days included. Days are calendar dates in firstClosed's location
// (pass Europe/London times); from and to are midnight at the start of
// those days. A month runs to the same date in the later month, or to that
// month's last day when it is shorter (31 January + 1 month = 28 or 29
// February), as UK law reads "one month".
func (r Rules) ConfirmationWindow(firstClosed time.Time) (from, to time.Time) {
	minDays, maxMonths := r.Confirmation.window()
	y, m, d := firstClosed.Date()
	loc := firstClosed.Location()
	from = time.Date(y, m, d+minDays, 0, 0, 0, 0, loc)
	last := daysIn(y, m+time.Month(maxMonths), loc)
	to = time.Date(y, m+time.Month(maxMonths), min(d, last), 0, 0, 0, 0, loc)
	return from, to
}

// CheckConfirmationDate says whether a confirming meeting on meeting's date
// (read in firstClosed's location) falls inside the confirmation window, so
// the API can refuse to open a confirming motion on the wrong day.
func (r Rules) CheckConfirmationDate(firstClosed, meeting time.Time) error {
	from, to := r.ConfirmationWindow(firstClosed)
	y, m, d := meeting.In(firstClosed.Location()).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, firstClosed.Location())
	if day.Before(from) || day.After(to) {
		return &ValidationError{Problems: []Problem{{
			Field: "MeetingDate", Code: CodeOutsideConfirmation,
			Detail: "the confirming meeting must be from " + from.Format(time.DateOnly) + " to " + to.Format(time.DateOnly),
		}}}
	}
	return nil
}

// daysIn is the number of days in month m of year y (m may run past 12).
func daysIn(y int, m time.Month, loc *time.Location) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, loc).Day()
}
