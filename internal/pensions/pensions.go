// Package pensions is the workplace pension capability as an application
// service: where each PA stands in the co-op's scheme, the letters the law
// says they get, their opt-out, ceasing and opt-in notices, and the counts
// The Pensions Regulator's declaration of compliance asks for. The payroll
// run enrols, postpones and re-enrols (package payrun); the rules are the
// domain's (dpcoop/pension.go). The JSON API and the pages both call it.
package pensions

import (
	"cmp"
	"context"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// Store is what the service reads and writes.
type Store interface {
	Coop(ctx context.Context, id dpcoop.CoopID) (dpcoop.Coop, error)
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	PAs(ctx context.Context, coop dpcoop.CoopID, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.PA], error)
	PayHistory(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.PayHistory, error)
	PayslipsOfPA(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Payslip, error)
	AddPensionEvent(ctx context.Context, coop dpcoop.CoopID, pa string, e dpcoop.PensionEvent) (dpcoop.PayHistory, bool, error)
}

// Service answers for PAs' workplace pensions.
type Service struct {
	Store Store
}

// Standing is where a PA stands in the scheme, and every pension event,
// oldest first.
type Standing struct {
	Position dpcoop.PensionPosition `json:"position"`
	Events   []dpcoop.PensionEvent  `json:"events"`
}

func standing(pa dpcoop.PA, hist dpcoop.PayHistory) Standing {
	events := hist.PensionEvents
	if events == nil {
		events = []dpcoop.PensionEvent{}
	}
	return Standing{Position: hist.PensionPosition(pa), Events: events}
}

// own reads a PA and their pay history for an admin or the PA themself;
// anyone else is told there is no such PA.
func (s *Service) own(ctx context.Context, p dpcoop.Principal, op, id string) (dpcoop.PA, dpcoop.PayHistory, error) {
	if !dpcoop.ValidID(id) || !p.MaySee(id) {
		return dpcoop.PA{}, dpcoop.PayHistory{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	pa, err := s.Store.PA(ctx, p.Coop, id)
	if err != nil {
		return dpcoop.PA{}, dpcoop.PayHistory{}, err
	}
	hist, err := s.Store.PayHistory(ctx, p.Coop, id)
	return pa, hist, err
}

// Standing is where the PA stands, for an admin or the PA themself.
func (s *Service) Standing(ctx context.Context, p dpcoop.Principal, pa string) (Standing, error) {
	rec, hist, err := s.own(ctx, p, "read pension", pa)
	if err != nil {
		return Standing{}, err
	}
	return standing(rec, hist), nil
}

// Letters are the PA's pension letters as issued.
func (s *Service) Letters(ctx context.Context, p dpcoop.Principal, pa string) ([]dpcoop.PensionLetter, error) {
	_, hist, err := s.own(ctx, p, "read pension letters", pa)
	if err != nil {
		return nil, err
	}
	return hist.Letters(), nil
}

// Letter is one of the PA's letters as issued.
func (s *Service) Letter(ctx context.Context, p dpcoop.Principal, pa, id string) (dpcoop.PensionLetter, error) {
	const op = "read pension letter"
	_, hist, err := s.own(ctx, p, op, pa)
	if err != nil {
		return dpcoop.PensionLetter{}, err
	}
	for _, l := range hist.Letters() {
		if l.ID == id {
			return l, nil
		}
	}
	return dpcoop.PensionLetter{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
}

// Notice records an opt-out, ceasing or opt-in notice (kind), given by the
// PA themself (dated today) or recorded by an admin with the day it was
// given, once: the same request again answers as the first did, created
// false.
func (s *Service) Notice(ctx context.Context, p dpcoop.Principal, pa, kind string, in dpcoop.PensionNoticeInput, id dpcoop.RequestID, now time.Time) (Standing, bool, error) {
	rec, hist, err := s.own(ctx, p, "pension "+kind, pa)
	if err != nil {
		return Standing{}, false, err
	}
	if !p.Has(dpcoop.RoleAdmin) {
		in.Date = "" // a PA's own notice is given today
	}
	nid, err := id("pension-"+kind, rec.ID, cmp.Or(in.Date, string(dpcoop.DateOf(now))))
	if err != nil {
		return Standing{}, false, err
	}
	created := false
	if !hist.HasPensionEvent(nid) { // else a repeat: answered as the first was
		c, err := s.Store.Coop(ctx, p.Coop)
		if err != nil {
			return Standing{}, false, err
		}
		category, err := s.lastCategory(ctx, p.Coop, rec.ID)
		if err != nil {
			return Standing{}, false, err
		}
		e, err := hist.PensionNotice(rec, c, c.PayrollSettings(), kind, in, category, p.Person, now)
		if err != nil {
			return Standing{}, false, err
		}
		if hist, created, err = s.Store.AddPensionEvent(ctx, p.Coop, rec.ID, e.WithID(nid)); err != nil {
			return Standing{}, false, err
		}
	}
	return standing(rec, hist), created, nil
}

// lastCategory is the PA's worker category on their latest payslip; a PA
// not yet paid is taken to be a jobholder, so an opt-in is never refused
// the employer's contributions for want of an assessment.
func (s *Service) lastCategory(ctx context.Context, coop dpcoop.CoopID, pa string) (payroll.WorkerCategory, error) {
	slips, err := s.Store.PayslipsOfPA(ctx, coop, pa)
	if err != nil || len(slips) == 0 {
		return payroll.NonEligibleJobholder, err
	}
	return slips[0].Result.WorkerCategory, nil
}

// Declaration counts what TPR's declaration of compliance (and
// re-declaration) asks for, over every PA of the co-op (admins, by route).
func (s *Service) Declaration(ctx context.Context, p dpcoop.Principal, now time.Time) (dpcoop.Declaration, error) {
	if err := p.Admin("declaration"); err != nil {
		return dpcoop.Declaration{}, err
	}
	c, err := s.Store.Coop(ctx, p.Coop)
	if err != nil {
		return dpcoop.Declaration{}, err
	}
	settings := c.PayrollSettings()
	d := dpcoop.Declaration{DutiesStart: settings.PensionDutiesStart, ReEnrolment: settings.PensionReEnrolment, Scheme: settings.PensionSchemeName}
	page := dpcoop.PageRequest{Limit: 100}
	for {
		pas, err := s.Store.PAs(ctx, p.Coop, page)
		if err != nil {
			return dpcoop.Declaration{}, err
		}
		for _, pa := range pas.Items {
			hist, err := s.Store.PayHistory(ctx, p.Coop, pa.ID)
			if err != nil {
				return dpcoop.Declaration{}, err
			}
			d.Count(pa, hist, dpcoop.DateOf(now))
		}
		if pas.Next == "" {
			return d, nil
		}
		page.Cursor = pas.Next
	}
}
