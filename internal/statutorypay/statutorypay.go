// Package statutorypay is the capability of statutory pay as an
// application service: PAs' sickness absences and the SSP they give, the
// SSP1 when SSP ends or is not due, and SMP and SPP with their SMP1. The
// payroll run pays them (package payrun); the rules are the domain's
// (dpcoop/sickness.go, statpay.go). The JSON API and the pages both call it.
package statutorypay

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// Store is what the service reads and writes.
type Store interface {
	Coop(ctx context.Context, id dpcoop.CoopID) (dpcoop.Coop, error)
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	PayHistory(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.PayHistory, error)
	AddSickness(ctx context.Context, coop dpcoop.CoopID, pa string, a dpcoop.SicknessAbsence, had int) (dpcoop.PayHistory, bool, error)
	CorrectSickness(ctx context.Context, coop dpcoop.CoopID, pa string, i int, a dpcoop.SicknessAbsence) (dpcoop.PayHistory, error)
}

// Service answers for PAs' statutory pay.
type Service struct {
	Store Store
}

// own reads a PA, their pay history and the co-op's settings for an admin
// or the PA themself; anyone else learns nothing, not even that the PA
// exists.
func (s *Service) own(ctx context.Context, p dpcoop.Principal, op, id string) (dpcoop.PA, dpcoop.PayHistory, dpcoop.PayrollSettings, error) {
	if !dpcoop.ValidID(id) || !p.MaySee(id) {
		return dpcoop.PA{}, dpcoop.PayHistory{}, dpcoop.PayrollSettings{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	pa, err := s.Store.PA(ctx, p.Coop, id)
	if err != nil {
		return dpcoop.PA{}, dpcoop.PayHistory{}, dpcoop.PayrollSettings{}, err
	}
	hist, err := s.Store.PayHistory(ctx, p.Coop, id)
	if err != nil {
		return dpcoop.PA{}, dpcoop.PayHistory{}, dpcoop.PayrollSettings{}, err
	}
	c, err := s.Store.Coop(ctx, p.Coop)
	if err != nil {
		return dpcoop.PA{}, dpcoop.PayHistory{}, dpcoop.PayrollSettings{}, err
	}
	return pa, hist, c.PayrollSettings(), nil
}

// Absence is an absence with what its evidence needs.
type Absence struct {
	dpcoop.SicknessAbsence
	FitNoteNeeded bool `json:"fit_note_needed"`
	EvidenceIn    bool `json:"evidence_in"`
}

// Sickness is a PA's absences and their SSP, planned to today.
type Sickness struct {
	Absences []Absence          `json:"absences"`
	SSP      []dpcoop.SSPSeries `json:"ssp"`
}

func sickness(pa dpcoop.PA, hist dpcoop.PayHistory, s dpcoop.PayrollSettings, now time.Time) Sickness {
	v := Sickness{Absences: []Absence{}}
	for _, a := range hist.Sickness {
		v.Absences = append(v.Absences, Absence{a, a.FitNoteNeeded(), !a.FitNoteNeeded() || a.FitNoteReceived != ""})
	}
	// A plan that needs a figure not yet published is left out.
	v.SSP, _ = hist.SSPPlan(pa, s, dpcoop.DateOf(now))
	return v
}

// Sickness is a PA's absences and SSP, for an admin or the PA.
func (s *Service) Sickness(ctx context.Context, p dpcoop.Principal, pa string, now time.Time) (Sickness, error) {
	rec, hist, settings, err := s.own(ctx, p, "read sickness", pa)
	if err != nil {
		return Sickness{}, err
	}
	return sickness(rec, hist, settings, now), nil
}

// Record records a PA's sickness absence, by an admin or the PA themself,
// once: the same request again answers as the first did, created false.
func (s *Service) Record(ctx context.Context, p dpcoop.Principal, pa string, in dpcoop.SicknessInput, id dpcoop.RequestID, now time.Time) (Sickness, bool, error) {
	rec, hist, settings, err := s.own(ctx, p, "record sickness", pa)
	if err != nil {
		return Sickness{}, false, err
	}
	a, err := in.Validate(p.Person, now)
	if err != nil {
		return Sickness{}, false, err
	}
	canonical, _ := json.Marshal(in) // plain values: cannot fail
	aid, err := id("sickness", rec.ID, dpcoop.Fingerprint(string(canonical)))
	if err != nil {
		return Sickness{}, false, err
	}
	a = a.WithID(aid)
	if _, recorded := hist.Absence(aid); !recorded {
		if err := hist.CheckSickness(rec, a); err != nil {
			return Sickness{}, false, err
		}
	}
	hist, created, err := s.Store.AddSickness(ctx, p.Coop, rec.ID, a, len(hist.Sickness))
	if err != nil {
		return Sickness{}, false, err
	}
	return sickness(rec, hist, settings, now), created, nil
}

// Correct replaces an absence with a corrected one (its last day once the
// PA is back, a fit note received): days already paid as SSP must stay
// covered. The same correction again changes nothing.
func (s *Service) Correct(ctx context.Context, p dpcoop.Principal, pa, absence string, in dpcoop.SicknessInput, now time.Time) (Sickness, error) {
	const op = "correct sickness"
	rec, hist, settings, err := s.own(ctx, p, op, pa)
	if err != nil {
		return Sickness{}, err
	}
	i := slices.IndexFunc(hist.Sickness, func(a dpcoop.SicknessAbsence) bool { return a.ID == absence })
	if i < 0 {
		return Sickness{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	a, err := in.Validate(p.Person, now)
	if err != nil {
		return Sickness{}, err
	}
	was := hist.Sickness[i]
	a.ID, a.Version = was.ID, was.Version+1
	if a.Same(was) {
		return sickness(rec, hist, settings, now), nil
	}
	if err := hist.CheckSickness(rec, a); err != nil {
		return Sickness{}, err
	}
	if hist, err = s.Store.CorrectSickness(ctx, p.Coop, rec.ID, i, a); err != nil {
		return Sickness{}, err
	}
	return sickness(rec, hist, settings, now), nil
}

// SSP1 is the PA's SSP1 when one is due today, with their record.
func (s *Service) SSP1(ctx context.Context, p dpcoop.Principal, pa string, now time.Time) (dpcoop.SSP1, dpcoop.PA, error) {
	const op = "read ssp1"
	rec, hist, settings, err := s.own(ctx, p, op, pa)
	if err != nil {
		return dpcoop.SSP1{}, dpcoop.PA{}, err
	}
	f, ok, err := hist.SSP1(rec, settings, dpcoop.DateOf(now))
	if err != nil {
		return dpcoop.SSP1{}, dpcoop.PA{}, statutoryError(op, err)
	}
	if !ok {
		return dpcoop.SSP1{}, dpcoop.PA{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNoSSP1)
	}
	return f, rec, nil
}

// Parental is a notice with whether it gives SMP or SPP, and why not.
type Parental struct {
	Notice      dpcoop.ParentalNotice      `json:"notice"`
	Entitlement dpcoop.ParentalEntitlement `json:"entitlement"`
}

// Parental is a PA's SMP and SPP notices and their entitlement.
func (s *Service) Parental(ctx context.Context, p dpcoop.Principal, pa string) ([]Parental, error) {
	const op = "read parental pay"
	rec, hist, settings, err := s.own(ctx, p, op, pa)
	if err != nil {
		return nil, err
	}
	out := []Parental{}
	for _, n := range hist.Parental {
		e, err := hist.Entitlement(rec, settings, n)
		if err != nil {
			return nil, statutoryError(op, err)
		}
		out = append(out, Parental{n, e})
	}
	return out, nil
}

// SMP1 is the SMP1 for an SMP notice that gives no SMP, with the PA's
// record.
func (s *Service) SMP1(ctx context.Context, p dpcoop.Principal, pa, notice string, now time.Time) (dpcoop.SMP1, dpcoop.PA, error) {
	const op = "read smp1"
	rec, hist, settings, err := s.own(ctx, p, op, pa)
	if err != nil {
		return dpcoop.SMP1{}, dpcoop.PA{}, err
	}
	f, ok, err := hist.SMP1(rec, settings, notice, dpcoop.DateOf(now))
	if err != nil {
		return dpcoop.SMP1{}, dpcoop.PA{}, statutoryError(op, err)
	}
	if !ok {
		return dpcoop.SMP1{}, dpcoop.PA{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNoSMP1)
	}
	return f, rec, nil
}

// statutoryError turns the engine's refusal to use a figure not yet
// published into a conflict naming the figure; anything else is internal.
func statutoryError(op string, err error) error {
	var ie *payroll.InputError
	if errors.As(err, &ie) && ie.Code == payroll.CodeFigureNotPublished {
		return &dpcoop.Error{Op: op, Kind: dpcoop.KindConflict, Code: dpcoop.CodeFigureNotPublished,
			Fields: []dpcoop.FieldError{{Field: "figure", Code: dpcoop.CodeFigureNotPublished, Params: map[string]string{"figure": ie.Figure}}}}
	}
	return dpcoop.Wrap(op, err)
}
