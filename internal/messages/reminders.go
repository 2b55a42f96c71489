package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// The daily reminders' digest (internal/reminders): a line per reminder,
// "reminder.<kind>.<threshold>", with {name} the PA (or the assessment's
// title), {date} the day it falls due and {course} the course.
func init() {
	add(map[string]text{
		"reminder.subject":      {"dpcoop: pethau i'w gwneud", "dpcoop: things to do"},
		"reminder.open.admin":   {"Mae angen sylw ar y pethau hyn yn eich cwmni cydweithredol:", "These things in your co-op need attention:"},
		"reminder.open.pa":      {"Mae angen i chi wneud y pethau hyn:", "You need to do these things:"},
		"reminder.close":        {"Mewngofnodwch i dpcoop i weld y manylion. Byddwn ni'n dweud wrthych chi eto pan fydd rhywbeth yn dod yn ddyledus.", "Sign in to dpcoop to see the details. We will tell you again when something falls due."},
		"reminder.course.other": {"cwrs arall", "another course"},

		"reminder." + dpcoop.ReminderTraining + ".soon":       {"{name}: mae {course} yn dod i ben ar {date}. Trefnwch gwrs gloywi.", "{name}: {course} expires on {date}. Book a refresher."},
		"reminder." + dpcoop.ReminderTraining + ".due":        {"{name}: daeth {course} i ben ar {date}.", "{name}: {course} expired on {date}."},
		"reminder." + dpcoop.ReminderTrainingMissing + ".due": {"{name}: does dim cwrs {course} cyfredol, ac mae'r cwmni cydweithredol yn gofyn am un.", "{name}: has no current {course} course, which the co-op requires."},
		"reminder." + dpcoop.ReminderRightToWork + ".due":     {"{name}: does dim gwiriad dilys o'r hawl i weithio.", "{name}: has no valid right to work check."},
		"reminder." + dpcoop.ReminderFollowUp + ".soon":       {"{name}: mae angen gwiriad dilynol o'r hawl i weithio erbyn {date}.", "{name}: a follow-up right to work check is needed by {date}."},
		"reminder." + dpcoop.ReminderFollowUp + ".due":        {"{name}: roedd angen gwiriad dilynol o'r hawl i weithio erbyn {date}.", "{name}: a follow-up right to work check was needed by {date}."},
		"reminder." + dpcoop.ReminderDBS + ".due":             {"{name}: does dim y gwiriad DBS y mae'r cwmni cydweithredol yn gofyn amdano.", "{name}: does not have the DBS check the co-op requires."},
		"reminder." + dpcoop.ReminderInsurance + ".soon":      {"Mae yswiriant atebolrwydd cyflogwr y cwmni cydweithredol yn dod i ben ar {date}. Adnewyddwch ef.", "The co-op's employers' liability insurance expires on {date}. Renew it."},
		"reminder." + dpcoop.ReminderInsurance + ".due":       {"Does gan y cwmni cydweithredol ddim yswiriant atebolrwydd cyflogwr cyfredol. Mae'r gyfraith yn gofyn amdano.", "The co-op has no current employers' liability insurance. The law requires it."},
		"reminder." + dpcoop.ReminderRiskReview + ".soon":     {"Asesiad risg \"{name}\": mae angen ei adolygu erbyn {date}.", "Risk assessment \"{name}\": it needs a review by {date}."},
		"reminder." + dpcoop.ReminderRiskReview + ".due":      {"Asesiad risg \"{name}\": roedd angen ei adolygu erbyn {date}.", "Risk assessment \"{name}\": its review was due by {date}."},
		"reminder." + dpcoop.ReminderStatement + ".due":       {"{name}: mae datganiad ysgrifenedig o fanylion cyflogaeth heb ei gydnabod ers mwy na 14 diwrnod.", "{name}: a written statement of employment particulars has not been acknowledged for more than 14 days."},

		"reminder.course." + string(dpcoop.CourseMovingHandling):   {"symud a thrafod", "moving and handling"},
		"reminder.course." + string(dpcoop.CourseFirstAid):         {"cymorth cyntaf", "first aid"},
		"reminder.course." + string(dpcoop.CourseSafeguarding):     {"diogelu oedolion", "safeguarding adults"},
		"reminder.course." + string(dpcoop.CourseMedication):       {"rhoi meddyginiaeth", "giving medication"},
		"reminder.course." + string(dpcoop.CourseFoodHygiene):      {"hylendid bwyd", "food hygiene"},
		"reminder.course." + string(dpcoop.CourseInfectionControl): {"rheoli heintiau", "infection control"},
	})
}
