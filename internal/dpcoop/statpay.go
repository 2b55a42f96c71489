package dpcoop

import (
	"slices"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

// ParentalNotice is a PA's notice of statutory maternity pay or (birth)
// statutory paternity pay, kept in their pay history.
type ParentalNotice struct {
	ID   string               `json:"id"`
	Kind payroll.ParentalKind `json:"kind"`
	// DueDate is the expected date of childbirth (the MATB1's); the
	// expected week of childbirth is the Sunday to Saturday containing it.
	DueDate Date `json:"due_date"`
	// BirthDate is the day the child was born, once known.
	BirthDate Date `json:"birth_date,omitempty"`
	// StartDate is the first day of SMP's 39-week maternity pay period.
	StartDate Date `json:"start_date,omitempty"`
	// Weeks are the first days of the 1 or 2 weeks of SPP chosen.
	Weeks      []Date    `json:"weeks,omitempty"`
	Recorded   time.Time `json:"recorded"`
	RecordedBy string    `json:"recorded_by"`
}

// ParentalNoticeInput is what an admin records from the PA's notice.
type ParentalNoticeInput struct {
	Kind      string   `json:"kind"`
	DueDate   string   `json:"due_date"`
	BirthDate string   `json:"birth_date"`
	StartDate string   `json:"start_date"`
	Weeks     []string `json:"weeks"`
}

// SMP and SPP periods (SSCBA 1992 s.165, s.171ZE; Statutory Paternity Pay
// and Statutory Adoption Pay (General) Regulations 2002 reg 8 as amended
// from 6 April 2024).
const (
	smpWeeks          = 39
	smpEarliestWeeks  = 11 // SMP can start from the 11th week before the EWC
	sppWithinWeeks    = 52 // SPP weeks end within 52 weeks of the birth
	qualifyingWeekGap = 15 // the qualifying week is the 15th week before the EWC
	continuousWeeks   = 26 // weeks of continuous employment into it
)

// Validate checks a notice: its kind, a due date, and for SMP a start date
// no earlier than the 11th week before the expected week of childbirth; for
// SPP 1 or 2 separate weeks, each starting on or after the birth (or the
// due date) and ending within 52 weeks of it.
func (in ParentalNoticeInput) Validate(by string, at time.Time) (ParentalNotice, error) {
	var p Problems
	n := ParentalNotice{Kind: payroll.ParentalKind(strings.TrimSpace(in.Kind)), RecordedBy: by, Recorded: at.UTC()}
	if n.Kind != payroll.KindSMP && n.Kind != payroll.KindSPP {
		p.Add("kind", FieldChoice)
	}
	n.DueDate = requireDate(&p, "due_date", in.DueDate)
	if strings.TrimSpace(in.BirthDate) != "" {
		if n.BirthDate = requireDate(&p, "birth_date", in.BirthDate); DateOf(at).Before(n.BirthDate) {
			p.Add("birth_date", FieldDateFuture)
		}
	}
	switch n.Kind {
	case payroll.KindSMP:
		if len(in.Weeks) > 0 {
			p.Add("weeks", FieldInvalid)
		}
		n.StartDate = requireDate(&p, "start_date", in.StartDate)
		if n.StartDate != "" && n.DueDate != "" && n.StartDate.Before(n.expectedWeek().add(-7*smpEarliestWeeks)) {
			p.Add("start_date", FieldDateTooEarly, "date", string(n.expectedWeek().add(-7*smpEarliestWeeks)))
		}
	case payroll.KindSPP:
		if strings.TrimSpace(in.StartDate) != "" {
			p.Add("start_date", FieldInvalid)
		}
		if len(in.Weeks) < 1 || len(in.Weeks) > 2 {
			p.Add("weeks", FieldOutOfRange, "min", "1", "max", "2")
		}
		for _, w := range in.Weeks {
			d, ok := ParseDate(strings.TrimSpace(w))
			if !ok {
				p.Add("weeks", FieldDate)
				continue
			}
			n.Weeks = append(n.Weeks, d)
		}
		slices.Sort(n.Weeks)
		if len(n.Weeks) == 2 && days(n.Weeks[0], n.Weeks[1]) < 7 {
			p.Add("weeks", FieldOverlap)
		}
		if n.DueDate != "" && !p.Has("weeks") {
			from := n.birthOrDue()
			for _, w := range n.Weeks {
				if w.Before(from) || !w.add(6).Before(from.addYears52()) {
					p.Add("weeks", FieldOutsideEmployment)
					break
				}
			}
		}
	}
	return n, p.Err("record parental pay notice")
}

func (d Date) add(n int) Date { return Date(d.Time().AddDate(0, 0, n).Format(DateLayout)) }

func (d Date) addYears52() Date { return d.add(7 * sppWithinWeeks) }

// WithID is the notice under the id its request gives it.
func (n ParentalNotice) WithID(id string) ParentalNotice { n.ID = id; return n }

// CheckFor refuses a notice for an incomplete PA record.
func (n ParentalNotice) CheckFor(pa PA) error {
	var p Problems
	if pa.Status != PAActive {
		p.Add("pa_id", FieldPAIncomplete)
	}
	return p.Err("record parental pay notice")
}

// expectedWeek is the Sunday that starts the expected week of childbirth.
func (n ParentalNotice) expectedWeek() Date { return n.DueDate.add(-int(n.DueDate.Time().Weekday())) }

func (n ParentalNotice) birthOrDue() Date {
	if n.BirthDate != "" {
		return n.BirthDate
	}
	return n.DueDate
}

// ParentalEntitlement is whether a notice gives SMP or SPP, and its weeks.
type ParentalEntitlement struct {
	Notice string `json:"notice_id"`
	// QualifyingWeek is the Sunday starting the 15th week before the EWC.
	QualifyingWeek Date `json:"qualifying_week"`
	// LatestStart is the last day the PA could have started work to have
	// 26 weeks' continuous employment into the qualifying week.
	LatestStart Date `json:"latest_start"`
	AWE         AWE  `json:"average_weekly_earnings"`
	// LowerEarningsLimit is the weekly limit the AWE must reach.
	LowerEarningsLimit int64 `json:"lower_earnings_limit_pence"`
	Due                bool  `json:"due"`
	// Reason says why not: not_employed_26_weeks, left_before_qualifying_week,
	// earnings_below_lower_earnings_limit.
	Reason string `json:"reason,omitempty"`
	// Weeks are the first days of the weeks payable.
	Weeks []Date `json:"weeks,omitempty"`
}

// Reasons SMP or SPP is not due.
const (
	ReasonNotEmployed26Weeks = "not_employed_26_weeks"
	ReasonLeftBeforeQW       = "left_before_qualifying_week"
	ReasonBelowLEL           = "earnings_below_lower_earnings_limit"
)

// Entitlement applies the qualifying tests: 26 weeks' continuous
// employment into the qualifying week (any day of a Sunday to Saturday week
// counts for it), still employed in it, and average weekly earnings over
// the relevant period ending with the last normal payday on or before its
// Saturday at least the lower earnings limit.
func (h PayHistory) Entitlement(pa PA, s PayrollSettings, n ParentalNotice) (ParentalEntitlement, error) {
	qw := n.expectedWeek().add(-7 * qualifyingWeekGap)
	sat := qw.add(6)
	e := ParentalEntitlement{Notice: n.ID, QualifyingWeek: qw, LatestStart: qw.add(-7*(continuousWeeks-1) + 6)}
	lel, err := payroll.LowerEarningsLimit(sat.Time())
	if err != nil {
		return ParentalEntitlement{}, err
	}
	e.LowerEarningsLimit = lel
	e.AWE = h.AverageWeeklyEarnings(s, pa.StartDate, s.lastPayday(sat, true), 0)
	switch {
	case e.LatestStart.Before(pa.StartDate):
		e.Reason = ReasonNotEmployed26Weeks
	case h.Left != "" && h.Left.Before(qw):
		e.Reason = ReasonLeftBeforeQW
	case e.AWE.Pence < lel:
		e.Reason = ReasonBelowLEL
	default:
		e.Due = true
		if n.Kind == payroll.KindSMP {
			for i := range smpWeeks {
				e.Weeks = append(e.Weeks, n.StartDate.add(7*i))
			}
		} else {
			e.Weeks = n.Weeks
		}
	}
	return e, nil
}

// ParentalDue is the SMP and SPP a run pays: each week due whose last day
// falls on or before the end of its pay period, not paid by an earlier
// final run. A week is paid whole, in the period in which it ends.
func (h PayHistory) ParentalDue(pa PA, s PayrollSettings, month string, periodEnd Date) ([]payroll.ParentalWeek, error) {
	paid := map[string]bool{}
	for _, r := range h.Paid {
		if r.Month < month {
			for _, w := range r.SMPWeeks {
				paid["smp"+string(w)] = true
			}
			for _, w := range r.SPPWeeks {
				paid["spp"+string(w)] = true
			}
		}
	}
	var out []payroll.ParentalWeek
	for _, n := range h.Parental {
		e, err := h.Entitlement(pa, s, n)
		if err != nil {
			return nil, err
		}
		for i, w := range e.Weeks {
			if periodEnd.Before(w.add(6)) || paid[string(n.Kind)+string(w)] {
				continue
			}
			out = append(out, payroll.ParentalWeek{Kind: n.Kind, Start: w.Time(), Number: i + 1, AverageWeeklyEarnings: e.AWE.Pence})
		}
	}
	return out, nil
}

// inMaternityPayPeriod reports whether day falls in an SMP notice's
// maternity pay period: no SSP is paid in it (SSCBA 1992 Sch 11 para 2(h)).
func (h PayHistory) inMaternityPayPeriod(day Date) bool {
	return slices.ContainsFunc(h.Parental, func(n ParentalNotice) bool {
		return n.Kind == payroll.KindSMP && !day.Before(n.StartDate) && day.Before(n.StartDate.add(7*smpWeeks))
	})
}

// MonthRecovery is, for one tax month with a final run, the SMP and SPP the
// co-op paid and may recover from HMRC, each to date in the tax year: the
// figures an Employer Payment Summary reports.
type MonthRecovery struct {
	TaxMonth  int              `json:"tax_month"`
	Month     string           `json:"month"`
	SMPPaid   int64            `json:"smp_paid_pence"`
	SPPPaid   int64            `json:"spp_paid_pence"`
	SMPToDate int64            `json:"smp_paid_to_date_pence"`
	SPPToDate int64            `json:"spp_paid_to_date_pence"`
	ToDate    payroll.Recovery `json:"recoverable_to_date"`
}

// StatutoryRecovery lists, tax month by tax month, what the final runs of
// one tax year paid as SMP and SPP and what may be recovered to date, given
// the co-op's Class 1 NI (employees' and employer's) in the qualifying tax
// year, which decides small employers' relief.
func StatutoryRecovery(runs []Run, class1NI int64) ([]MonthRecovery, error) {
	runs = slices.Clone(runs)
	slices.SortFunc(runs, func(a, b Run) int { return strings.Compare(a.Month, b.Month) })
	var out []MonthRecovery
	var smp, spp int64
	for _, r := range runs {
		if r.Status != RunFinal {
			continue
		}
		smp, spp = smp+r.Totals.SMP, spp+r.Totals.SPP
		rec, err := payroll.RecoverableToDate(r.PayDate.Time(), smp, spp, class1NI)
		if err != nil {
			return nil, err
		}
		out = append(out, MonthRecovery{TaxMonth: payroll.TaxPeriod(r.PayDate.Time(), payroll.Monthly), Month: r.Month,
			SMPPaid: r.Totals.SMP, SPPPaid: r.Totals.SPP, SMPToDate: smp, SPPToDate: spp, ToDate: rec})
	}
	return out, nil
}

// SMP1 is what form SMP1 tells a PA who gave notice of maternity leave but
// is not due SMP: why, so that they can claim Maternity Allowance instead.
type SMP1 struct {
	PA       string `json:"pa_id"`
	Name     string `json:"name"`
	NINumber string `json:"ni_number"`
	Notice   string `json:"notice_id"`
	// ExpectedWeek is the Sunday starting the expected week of childbirth.
	ExpectedWeek   Date   `json:"expected_week"`
	QualifyingWeek Date   `json:"qualifying_week"`
	Reason         string `json:"reason"`
	// AWE and LowerEarningsLimit are the weekly figures compared.
	AWE                int64 `json:"average_weekly_earnings_pence"`
	LowerEarningsLimit int64 `json:"lower_earnings_limit_pence"`
	LatestStart        Date  `json:"latest_start"`
	Issued             Date  `json:"issued"`
}

// SMP1 is the SMP1 for an SMP notice that gives no SMP, as of today; ok is
// false when the notice is not an SMP notice of the history or SMP is due.
func (h PayHistory) SMP1(pa PA, s PayrollSettings, notice string, today Date) (SMP1, bool, error) {
	i := slices.IndexFunc(h.Parental, func(n ParentalNotice) bool { return n.ID == notice && n.Kind == payroll.KindSMP })
	if i < 0 {
		return SMP1{}, false, nil
	}
	n := h.Parental[i]
	e, err := h.Entitlement(pa, s, n)
	if err != nil || e.Due {
		return SMP1{}, false, err
	}
	return SMP1{PA: pa.ID, Name: pa.LegalName, NINumber: pa.NINumber, Notice: n.ID, ExpectedWeek: n.expectedWeek(),
		QualifyingWeek: e.QualifyingWeek, Reason: e.Reason, AWE: e.AWE.Pence, LowerEarningsLimit: e.LowerEarningsLimit,
		LatestStart: e.LatestStart, Issued: today}, true, nil
}
