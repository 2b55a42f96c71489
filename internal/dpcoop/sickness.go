package dpcoop

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

// SicknessAbsence is one spell of a PA's sickness, kept in their pay
// history: the days they were unfit for work, the days they normally work
// (their qualifying days for SSP) and whether the evidence is in.
type SicknessAbsence struct {
	ID       string `json:"id"`
	FirstDay Date   `json:"first_day"`
	// LastDay is empty while the PA is still off sick.
	LastDay Date `json:"last_day,omitempty"`
	// QualifyingDays are the days of the week the PA and the co-op agreed
	// they normally work ("mon" to "sun"): SSP is paid for these.
	QualifyingDays []string `json:"qualifying_days"`
	// FitNoteReceived is when a fit note reached the co-op: needed for
	// SSP from the 8th day of an absence; days 1 to 7 are self-certified.
	FitNoteReceived Date `json:"fit_note_received,omitempty"`
	// ContractualWeeklyPay is the weekly pay the PA's contract gives, for
	// average weekly earnings when they fall sick before they were first
	// paid.
	ContractualWeeklyPay int64     `json:"contractual_weekly_pay_pence,omitempty"`
	Version              int       `json:"version"`
	Recorded             time.Time `json:"recorded"`
	RecordedBy           string    `json:"recorded_by"`
}

// SicknessInput is what an admin, or the PA themself, records.
type SicknessInput struct {
	FirstDay             string   `json:"first_day"`
	LastDay              string   `json:"last_day"`
	QualifyingDays       []string `json:"qualifying_days"`
	FitNoteReceived      string   `json:"fit_note_received"`
	ContractualWeeklyPay int64    `json:"contractual_weekly_pay_pence"`
}

// SSPFirstDay is the first sick day dpcoop pays SSP for: the first day of
// the 2026-27 tax year, under the rules as the Employment Rights Act 2025
// left them (no waiting days, no lower earnings limit).
const SSPFirstDay Date = "2026-04-06"

// SelfCertifiedDays are the days of an absence a PA may certify
// themself; a fit note is needed from the day after (Social Security
// (Medical Evidence) Regulations 1976 and SSP (Medical Evidence) Regulations
// 1985: 7 days).
const SelfCertifiedDays = 7

var weekdayCodes = [...]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Validate checks a sickness record: a first day from 6 April 2026 and not
// in the future, a last day not before it, known qualifying days each once,
// a fit note not received in the future, and a weekly pay within range.
func (in SicknessInput) Validate(by string, at time.Time) (SicknessAbsence, error) {
	var p Problems
	today := DateOf(at)
	a := SicknessAbsence{RecordedBy: by, Recorded: at.UTC(), ContractualWeeklyPay: in.ContractualWeeklyPay, Version: 1}
	a.FirstDay = requireDate(&p, "first_day", in.FirstDay)
	switch {
	case a.FirstDay == "":
	case a.FirstDay.Before(SSPFirstDay):
		p.Add("first_day", FieldDateTooEarly, "date", string(SSPFirstDay))
	case today.Before(a.FirstDay):
		p.Add("first_day", FieldDateFuture)
	}
	if strings.TrimSpace(in.LastDay) != "" {
		if a.LastDay = requireDate(&p, "last_day", in.LastDay); a.LastDay != "" && a.FirstDay != "" && a.LastDay.Before(a.FirstDay) {
			p.Add("last_day", FieldEndBeforeStart)
		}
	}
	if strings.TrimSpace(in.FitNoteReceived) != "" {
		if a.FitNoteReceived = requireDate(&p, "fit_note_received", in.FitNoteReceived); today.Before(a.FitNoteReceived) {
			p.Add("fit_note_received", FieldDateFuture)
		}
	}
	if len(in.QualifyingDays) == 0 {
		p.Add("qualifying_days", FieldRequired)
	}
	for _, d := range in.QualifyingDays {
		d = strings.ToLower(strings.TrimSpace(d))
		switch {
		case !slices.Contains(weekdayCodes[:], d):
			p.Add("qualifying_days", FieldChoice)
		case slices.Contains(a.QualifyingDays, d):
			p.Add("qualifying_days", FieldRepeated)
		default:
			a.QualifyingDays = append(a.QualifyingDays, d)
		}
	}
	if in.ContractualWeeklyPay < 0 || in.ContractualWeeklyPay >= MaxAmountPence {
		p.Add("contractual_weekly_pay_pence", FieldOutOfRange, "min", "0", "max", "9999999")
	}
	return a, p.Err("record sickness")
}

// WithID is the absence under the id its request gives it.
func (a SicknessAbsence) WithID(id string) SicknessAbsence { a.ID = id; return a }

// qualifies reports whether day is one of the absence's qualifying days.
func (a SicknessAbsence) qualifies(day time.Time) bool {
	return slices.Contains(a.QualifyingDays, weekdayCodes[day.Weekday()])
}

// FitNoteNeeded reports whether the absence runs past the self-certified
// days (or is still open), so that SSP after them needs a fit note.
func (a SicknessAbsence) FitNoteNeeded() bool {
	return a.LastDay == "" || a.LastDay.Time().Sub(a.FirstDay.Time()) >= SelfCertifiedDays*24*time.Hour
}

// CheckSickness checks a new or corrected absence against the PA and their
// history: a complete record, not before they started or after they left,
// not overlapping another absence, and, for a correction, still covering
// every day already paid as SSP on the same qualifying days.
func (h PayHistory) CheckSickness(pa PA, a SicknessAbsence) error {
	var p Problems
	switch {
	case pa.Status != PAActive:
		p.Add("pa_id", FieldPAIncomplete)
	case a.FirstDay.Before(pa.StartDate):
		p.Add("first_day", FieldBeforePAStart, "date", string(pa.StartDate))
	case h.Left != "" && h.Left.Before(a.FirstDay):
		p.Add("first_day", FieldOutsideEmployment)
	}
	for _, o := range h.Sickness {
		if o.ID != a.ID && overlaps(o.FirstDay, o.LastDay, a.FirstDay, a.LastDay) {
			p.Add("first_day", FieldOverlapsAbsence)
			break
		}
	}
	for _, d := range h.sspPaidDays() {
		if d.absence == a.ID && (d.day.Before(a.FirstDay) || a.LastDay != "" && a.LastDay.Before(d.day) || !a.qualifies(d.day.Time())) {
			p.Add("last_day", FieldSSPAlreadyPaid, "date", string(d.day))
			break
		}
	}
	return p.Err("record sickness")
}

// overlaps reports whether two date ranges meet; an empty end is open.
func overlaps(f1, l1, f2, l2 Date) bool {
	return (l1 == "" || !l1.Before(f2)) && (l2 == "" || !l2.Before(f1))
}

// Absence is the absence with this id, if the history has it.
func (h PayHistory) Absence(id string) (SicknessAbsence, bool) {
	i := slices.IndexFunc(h.Sickness, func(a SicknessAbsence) bool { return a.ID == id })
	if i < 0 {
		return SicknessAbsence{}, false
	}
	return h.Sickness[i], true
}

type paidDay struct {
	day     Date
	absence string
}

// sspPaidDays are the days final runs paid SSP for, with the absence each
// fell in.
func (h PayHistory) sspPaidDays() []paidDay {
	var out []paidDay
	for _, r := range h.Paid {
		for _, d := range r.SSPDays {
			for _, a := range h.Sickness {
				if !d.Before(a.FirstDay) && (a.LastDay == "" || !a.LastDay.Before(d)) {
					out = append(out, paidDay{d, a.ID})
				}
			}
		}
	}
	return out
}

// SSP limits (SSCBA 1992 s.152(3), s.153(5)-(6), s.155(4)).
const (
	linkingDays      = 56  // periods 8 weeks or less apart are one
	maxWeeks         = 28  // maximum entitlement in a period of entitlement
	unitsPerWeek     = 420 // divisible by 1 to 7 qualifying days a week
	maxSeriesYears   = 3   // a linked series ends after 3 years
	maxEntitledUnits = maxWeeks * unitsPerWeek
)

// SSPDay is one qualifying day of sickness and what SSP does with it.
type SSPDay struct {
	Day     Date   `json:"day"`
	Absence string `json:"absence_id"`
	// Withheld: the day needs a fit note that has not come in yet; it is
	// paid in the first run after it does.
	Withheld bool `json:"withheld,omitempty"`
}

// SSPSeries is a period of entitlement: periods of incapacity for work
// linked by gaps of 8 weeks or less, with one average weekly earnings (found
// at the start of the first), up to 28 weeks of SSP.
type SSPSeries struct {
	FirstDay Date     `json:"first_day"`
	LastDay  Date     `json:"last_day"`
	AWE      AWE      `json:"average_weekly_earnings"`
	Days     []SSPDay `json:"days"`
	// WeeksUsed is the entitlement used, in weeks (to 3 places).
	WeeksUsed string `json:"weeks_used"`
	// ExhaustedAfter is the last day SSP is due when the 28 weeks ran out
	// (or the 3 years of a linked series ended) during the series.
	ExhaustedAfter Date `json:"exhausted_after,omitempty"`
	// EndedByLeaving: SSP stopped because the PA's employment ended while
	// they were sick.
	EndedByLeaving bool `json:"ended_by_leaving,omitempty"`
	units          int
	qdays          map[Date]int
}

// SSPPlan lays out a PA's SSP, day by day, for every absence up to through
// (an open absence is taken to last until then): which qualifying days are
// due, in which linked series, and which wait for a fit note. It depends
// only on the history, so a re-run plans the same days.
func (h PayHistory) SSPPlan(pa PA, s PayrollSettings, through Date) ([]SSPSeries, error) {
	abs := slices.Clone(h.Sickness)
	slices.SortFunc(abs, func(a, b SicknessAbsence) int { return strings.Compare(string(a.FirstDay), string(b.FirstDay)) })
	var out []SSPSeries
	var prevEnd Date
	for _, a := range abs {
		end := a.LastDay
		if end == "" || through.Before(end) {
			end = through
		}
		if end.Before(a.FirstDay) {
			continue
		}
		minDays, err := payroll.MinPIWDays(a.FirstDay.Time())
		if err != nil {
			return nil, err
		}
		if days(a.FirstDay, end)+1 < minDays {
			continue // not a period of incapacity for work
		}
		if len(out) == 0 || days(prevEnd, a.FirstDay)-1 > linkingDays {
			out = append(out, SSPSeries{FirstDay: a.FirstDay, AWE: h.AverageWeeklyEarnings(s, pa.StartDate, s.lastPayday(a.FirstDay, false), a.ContractualWeeklyPay), qdays: map[Date]int{}})
		}
		sr := &out[len(out)-1]
		sr.LastDay, prevEnd = end, end
		limit := sr.FirstDay.Time().AddDate(maxSeriesYears, 0, 0)
		unit := unitsPerWeek / len(a.QualifyingDays)
		for d := a.FirstDay.Time(); !d.After(end.Time()); d = d.AddDate(0, 0, 1) {
			day := Date(d.Format(DateLayout))
			if h.Left != "" && h.Left.Before(day) {
				sr.EndedByLeaving = true
				break
			}
			if !a.qualifies(d) || h.inMaternityPayPeriod(day) {
				continue
			}
			if sr.ExhaustedAfter != "" || !d.Before(limit) || sr.units+unit > maxEntitledUnits {
				if sr.ExhaustedAfter == "" {
					sr.ExhaustedAfter = sr.Days[len(sr.Days)-1].Day
				}
				continue
			}
			sr.units += unit
			sr.qdays[day] = len(a.QualifyingDays)
			withheld := days(a.FirstDay, day) >= SelfCertifiedDays && a.FitNoteReceived == ""
			sr.Days = append(sr.Days, SSPDay{Day: day, Absence: a.ID, Withheld: withheld})
		}
		sr.WeeksUsed = weeksText(sr.units)
	}
	return out, nil
}

// days is the number of days from a to b.
func days(a, b Date) int { return int(b.Time().Sub(a.Time()).Hours() / 24) }

func weeksText(units int) string {
	milli := units * 1000 / unitsPerWeek
	return fmt.Sprintf("%d.%03d", milli/1000, milli%1000)
}

// SSPDue is the SSP a run pays: the days due up to the end of its pay
// period that earlier final runs have not paid, grouped into the engine's
// parts (one per tax year, average weekly earnings and pattern of
// qualifying days).
type SSPDue struct {
	Days  []Date
	Parts []payroll.Sickness
	// Withheld counts days due but waiting for a fit note.
	Withheld int
}

// SSPDue is what the run for a month ending on periodEnd pays.
func (h PayHistory) SSPDue(pa PA, s PayrollSettings, month string, periodEnd Date) (SSPDue, error) {
	plan, err := h.SSPPlan(pa, s, periodEnd)
	if err != nil {
		return SSPDue{}, err
	}
	paid := map[Date]bool{}
	for _, r := range h.Paid {
		if r.Month < month {
			for _, d := range r.SSPDays {
				paid[d] = true
			}
		}
	}
	var due SSPDue
	type key struct {
		year string
		awe  int64
		qd   int
	}
	index := map[key]int{}
	for _, sr := range plan {
		for _, d := range sr.Days {
			switch {
			case paid[d.Day]:
				continue
			case d.Withheld:
				due.Withheld++
				continue
			}
			k := key{string(TaxYearStart(d.Day)), sr.AWE.Pence, sr.qdays[d.Day]}
			i, ok := index[k]
			if !ok {
				i = len(due.Parts)
				index[k] = i
				due.Parts = append(due.Parts, payroll.Sickness{From: d.Day.Time(), AverageWeeklyEarnings: sr.AWE.Pence, QualifyingDaysPerWeek: k.qd})
			}
			due.Parts[i].SickQualifyingDays++
			due.Days = append(due.Days, d.Day)
		}
	}
	return due, nil
}

// Same reports whether a correction says what the absence already says.
func (a SicknessAbsence) Same(b SicknessAbsence) bool {
	return a.FirstDay == b.FirstDay && a.LastDay == b.LastDay && slices.Equal(a.QualifyingDays, b.QualifyingDays) &&
		a.FitNoteReceived == b.FitNoteReceived && a.ContractualWeeklyPay == b.ContractualWeeklyPay
}
