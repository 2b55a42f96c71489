package dpcoop

// SSP1 is what form SSP1 tells a PA when their SSP ends, or will end, while
// they are still sick, so they can claim Employment and Support Allowance or
// Universal Credit instead. dpcoop works it out from their pay history.
type SSP1 struct {
	PA       string `json:"pa_id"`
	Name     string `json:"name"`
	NINumber string `json:"ni_number"`
	// Reason is why SSP ends: maximum_reached (28 weeks, or a linked series
	// reached 3 years) or employment_ended.
	Reason string `json:"reason"`
	// FirstDaySick is the first day of the linked series of sickness.
	FirstDaySick Date `json:"first_day_sick"`
	// FirstSSPDay and LastSSPDay are the first and last days SSP is (or
	// will be) due in the series.
	FirstSSPDay Date `json:"first_ssp_day"`
	LastSSPDay  Date `json:"last_ssp_day"`
	// WeeksPaid is the entitlement used by then, in weeks.
	WeeksPaid string `json:"weeks_paid"`
	// IssueBy is the latest day the co-op should give it: the start of the
	// 23rd week of SSP when its end is foreseen, else 7 days after SSP ends.
	IssueBy Date `json:"issue_by"`
	Issued  Date `json:"issued"`
}

// Reasons SSP ends on an SSP1.
const (
	SSP1MaximumReached  = "maximum_reached"
	SSP1EmploymentEnded = "employment_ended"
)

// ssp1Horizon is how far ahead an open absence is taken to run when
// foreseeing the end of SSP: the whole 28 weeks.
const ssp1Horizon = maxWeeks * 7

// SSP1 is the PA's SSP1 as of today, if one is due: HMRC's rule is to give
// it by the start of the 23rd week of SSP when the PA's sickness is
// expected to outlast their entitlement, or within 7 days of SSP ending
// otherwise (employment ending while sick). Open absences are taken to
// continue. ok is false when no SSP1 is due.
func (h PayHistory) SSP1(pa PA, s PayrollSettings, today Date) (SSP1, bool, error) {
	plan, err := h.SSPPlan(pa, s, today.add(ssp1Horizon))
	if err != nil {
		return SSP1{}, false, err
	}
	for i := len(plan) - 1; i >= 0; i-- {
		sr := plan[i]
		if len(sr.Days) == 0 || today.Before(sr.FirstDay) {
			continue
		}
		f := SSP1{PA: pa.ID, Name: pa.LegalName, NINumber: pa.NINumber, FirstDaySick: sr.FirstDay, FirstSSPDay: sr.Days[0].Day,
			LastSSPDay: sr.Days[len(sr.Days)-1].Day, WeeksPaid: sr.WeeksUsed, Issued: today}
		switch {
		case sr.ExhaustedAfter != "":
			f.Reason, f.LastSSPDay, f.IssueBy = SSP1MaximumReached, sr.ExhaustedAfter, f.FirstSSPDay.add(22*7)
			if sr.ExhaustedAfter.add(7).Before(f.IssueBy) {
				f.IssueBy = sr.ExhaustedAfter.add(7)
			}
			if today.Before(f.FirstSSPDay.add(22*7)) && !sr.ExhaustedAfter.Before(today) {
				continue // not yet: the 23rd week has not begun
			}
		case sr.EndedByLeaving:
			f.Reason, f.IssueBy = SSP1EmploymentEnded, h.Left.add(7)
		default:
			continue
		}
		return f, true, nil
	}
	return SSP1{}, false, nil
}
