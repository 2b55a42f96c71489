package pacopy

import (
	"context"
	"time"

	"github.com/dpcoop/dpcoop/internal/cover"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/employees"
	"github.com/dpcoop/dpcoop/internal/matching"
	"github.com/dpcoop/dpcoop/internal/notices"
	"github.com/dpcoop/dpcoop/internal/particulars"
	"github.com/dpcoop/dpcoop/internal/payrun"
	"github.com/dpcoop/dpcoop/internal/pensions"
	"github.com/dpcoop/dpcoop/internal/recruitment"
	"github.com/dpcoop/dpcoop/internal/statutorypay"
	"github.com/dpcoop/dpcoop/internal/timesheets"
	"github.com/dpcoop/dpcoop/internal/training"
)

// Sources are the services that guard each part of a PA's whole copy of
// their data beyond their training and cases.
type Sources struct {
	Employees   *employees.Service
	Particulars *particulars.Service
	Payroll     *payrun.Service
	Timesheets  *timesheets.Service
	Statutory   *statutorypay.Service
	Pensions    *pensions.Service
	Recruiting  *recruitment.Service
	Matching    *matching.Service
	Cover       *cover.Service
	Notices     *notices.Service
}

// Data is a PA's copy of the data the co-op holds about them (UK GDPR Art.
// 15), one year of their shifts a page: the page of the present (the first,
// or the whole history) also holds everything else (Present).
type Data struct {
	PA   string    `json:"pa_id"`
	Made time.Time `json:"made"`
	// Year is the year of shifts this page holds, 0 for the whole history;
	// NextYear the page to read next, 0 on the last.
	Year     int            `json:"year,omitempty"`
	NextYear int            `json:"next_year,omitempty"`
	Shifts   []dpcoop.Shift `json:"shifts"`
	*Present
}

// Present is everything but the shifts, on the page of the present only.
type Present struct {
	Record      dpcoop.PA            `json:"record"`
	Employments []dpcoop.Employment  `json:"employments"`
	Statements  []particulars.Listed `json:"written_statements"`
	// Payslips are the final payslips' figures (the PDFs are made from
	// them on asking).
	Payslips   []dpcoop.Payslip        `json:"payslips"`
	PayHistory dpcoop.PayHistory       `json:"pay_history"`
	Holiday    dpcoop.HolidayBalance   `json:"holiday"`
	Sickness   statutorypay.Sickness   `json:"sickness"`
	Parental   []statutorypay.Parental `json:"parental_pay"`
	Pension    pensions.Standing       `json:"pension"`
	Recruiting recruitment.Record      `json:"safe_recruitment"`
	Training   training.Record         `json:"training"`
	Cases      []Case                  `json:"cases"`
	// MatchProfile is what the PA shares for matching: theirs alone, so
	// it is in the copy only when the PA reads it (an admin never sees a
	// PA's profile).
	MatchProfile *dpcoop.MatchProfile `json:"matching_profile,omitempty"`
	Offers       []dpcoop.MatchOffer  `json:"matching_offers"`
	Cover        cover.Willing        `json:"cover"`
	// Notices and NoticeSettings are the PA's own, in the copy only when
	// the PA reads it.
	Notices        []dpcoop.PageNotice    `json:"notices,omitempty"`
	NoticeSettings *dpcoop.NoticeSettings `json:"notice_settings,omitempty"`
}

// Data is the PA's whole copy on one page, for the pages' download.
func (s *Service) Data(ctx context.Context, p dpcoop.Principal, pa string, now time.Time) (Data, error) {
	return s.data(ctx, p, pa, now, func(dpcoop.PA) dpcoop.SubjectYear { return dpcoop.WholeHistory })
}

// DataYear is one year's page of the PA's copy (0: the current year's,
// the first), naming the next; the pages from the current year back to the
// year they started hold all of it, as a member's do (dpcoop.SubjectYearOf).
func (s *Service) DataYear(ctx context.Context, p dpcoop.Principal, pa string, year int, now time.Time) (Data, error) {
	year, current, err := dpcoop.SubjectYearAsked(year, now, "read pa data")
	if err != nil {
		return Data{}, err
	}
	return s.data(ctx, p, pa, now, func(rec dpcoop.PA) dpcoop.SubjectYear { return dpcoop.SubjectYearOf(year, current, rec.StartDate) })
}

// data reads the page page gives of the PA's copy, each part through the
// service that guards it: an admin, or the PA themself; anyone else is told
// the PA is not found.
func (s *Service) data(ctx context.Context, p dpcoop.Principal, pa string, now time.Time, page func(dpcoop.PA) dpcoop.SubjectYear) (Data, error) {
	rec, err := s.Sources.Employees.Whole(ctx, p, pa, now)
	if err != nil {
		return Data{}, err
	}
	y := page(rec)
	out := Data{PA: pa, Made: now.UTC(), Year: y.Year, NextYear: y.Next}
	from, _ := time.ParseInLocation(dpcoop.DateLayout, string(y.From), dpcoop.London)
	to, _ := time.ParseInLocation(dpcoop.DateLayout, string(y.To), dpcoop.London)
	if out.Shifts, err = s.Sources.Timesheets.OfPA(ctx, p, pa, from, to.AddDate(0, 0, 1).Add(-time.Second)); err != nil || !y.Present() {
		return out, err
	}
	pr, err := s.present(ctx, p, rec, now)
	out.Present = &pr
	return out, err
}

// present reads every part of the copy but the shifts.
func (s *Service) present(ctx context.Context, p dpcoop.Principal, rec dpcoop.PA, now time.Time) (Present, error) {
	src, pa := s.Sources, rec.ID
	out := Present{Record: rec}
	var err error
	read := func(f func() error) {
		if err == nil {
			err = f()
		}
	}
	read(func() (e error) { out.Employments, _, e = src.Employees.Employments(ctx, p, pa, "", now); return })
	read(func() (e error) { out.Statements, e = src.Particulars.OfPA(ctx, p, pa, now); return })
	read(func() (e error) { out.Payslips, e = src.Payroll.FinalSlips(ctx, p, pa); return })
	read(func() (e error) { out.PayHistory, e = src.Employees.PayHistory(ctx, p, pa); return })
	read(func() (e error) { out.Holiday, e = src.Timesheets.Holiday(ctx, p, pa, now); return })
	read(func() (e error) { out.Sickness, e = src.Statutory.Sickness(ctx, p, pa, now); return })
	read(func() (e error) { out.Parental, e = src.Statutory.Parental(ctx, p, pa); return })
	read(func() (e error) { out.Pension, e = src.Pensions.Standing(ctx, p, pa); return })
	read(func() (e error) { out.Recruiting, e = src.Recruiting.Read(ctx, p, pa, now); return })
	read(func() (e error) {
		c, e := s.Of(ctx, p, pa, now)
		out.Training, out.Cases = c.Training, c.Cases
		return e
	})
	read(func() (e error) { out.Offers, e = src.Matching.OffersOf(ctx, p, pa); return })
	read(func() (e error) { out.Cover, e = src.Cover.WillingOf(ctx, p, pa); return })
	if err != nil || p.Person != pa {
		return out, err
	}
	read(func() (e error) {
		prof, e := src.Matching.Profile(ctx, p, matching.Whose{Person: pa}, now)
		out.MatchProfile = &prof
		return e
	})
	read(func() (e error) { out.Notices, e = src.Notices.Mine(ctx, p); return })
	read(func() (e error) {
		set, e := src.Notices.Settings(ctx, p)
		out.NoticeSettings = &set
		return e
	})
	return out, err
}
