// Package cover is the rota and cover for a PA who is away, as an
// application service: members (for themselves) and admins plan shifts
// ahead; a shift needs cover when its PA is sick, on leave or says they
// cannot work it; the member and the admins see who could cover it and ask
// them; the first to accept takes it, and the member and the admins are
// told. The rules are the domain's (dpcoop/rota.go); docs/cover.md.
package cover

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
)

// Store is what the service reads and writes.
type Store interface {
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	PAs(ctx context.Context, coop dpcoop.CoopID, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.PA], error)
	Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error)
	Employments(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Employment, error)
	PayHistory(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.PayHistory, error)
	Recruitment(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.Recruitment, error)
	ShiftsOfPA(ctx context.Context, coop dpcoop.CoopID, pa string, from, to time.Time) ([]dpcoop.Shift, error)
	People(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Access, error)
	AddPlannedShift(ctx context.Context, coop dpcoop.CoopID, ps dpcoop.PlannedShift) (dpcoop.PlannedShift, bool, error)
	PlannedShift(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PlannedShift, error)
	PlannedShifts(ctx context.Context, coop dpcoop.CoopID, from time.Time) ([]dpcoop.PlannedShift, error)
	UpdatePlannedShift(ctx context.Context, coop dpcoop.CoopID, id string, change func(dpcoop.PlannedShift) (dpcoop.PlannedShift, error)) (dpcoop.PlannedShift, error)
	SetWillingToCover(ctx context.Context, coop dpcoop.CoopID, pa string, willing bool, at time.Time) error
	WillingToCover(ctx context.Context, coop dpcoop.CoopID) (map[string]bool, error)
}

// Service answers for the rota and cover.
type Service struct {
	Store   Store
	Notices dpcoop.Notices // nil: no emails are sent (the pages still show all)
	Log     *slog.Logger
}

// Plan is a planned shift as one reader sees it: whether it needs cover
// and, for admins and its own PA only, why.
type Plan struct {
	dpcoop.PlannedShift
	NeedsCover bool   `json:"needs_cover"`
	Why        string `json:"away_reason,omitempty"`
	Role       string `json:"viewer"`
	// Names are the first names of its PA and of whoever covers it, and
	// the names of its members, for the pages.
	PAName      string   `json:"pa_name"`
	CoverName   string   `json:"covered_by_name,omitempty"`
	MemberNames []string `json:"member_names"`
}

// Willing is whether a PA said they are willing to cover.
type Willing struct {
	Willing bool `json:"willing_to_cover"`
}

func notFound(op string) error { return dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound) }

// Add plans a shift: an admin for anyone, a member for themself only. A
// plan with problems is told them (422) before whose it may be (403).
// The same request again answers the shift it made, created false.
func (s *Service) Add(ctx context.Context, p dpcoop.Principal, in dpcoop.PlannedShiftInput, id dpcoop.RequestID, now time.Time) (Plan, bool, error) {
	const op = "plan shift"
	ps, err := in.Validate(p.Person, now)
	if err != nil {
		return Plan{}, false, err // what is missing or wrong first, then whose it may be
	}
	if !p.Has(dpcoop.RoleAdmin) && !(p.Has(dpcoop.RoleMember) && slices.Equal(in.Members, []string{p.Person})) {
		return Plan{}, false, dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	canonical, _ := json.Marshal(in) // strings only: cannot fail
	if ps.ID, err = id("plan", dpcoop.Fingerprint(string(canonical))); err != nil {
		return Plan{}, false, err
	}
	emps, err := s.Store.Employments(ctx, p.Coop, ps.PA)
	if err != nil {
		return Plan{}, false, err
	}
	others, err := s.Store.PlannedShifts(ctx, p.Coop, ps.Start.Add(-dpcoop.MaxShiftMinutes*time.Minute))
	if err != nil {
		return Plan{}, false, err
	}
	if err := ps.CheckAgainst(emps, others); err != nil {
		return Plan{}, false, err
	}
	stored, created, err := s.Store.AddPlannedShift(ctx, p.Coop, ps)
	if err != nil {
		return Plan{}, false, err
	}
	v, err := s.view(ctx, p, stored)
	return v, created, err
}

// view is the shift as p sees it, with whether it needs cover.
func (s *Service) view(ctx context.Context, p dpcoop.Principal, ps dpcoop.PlannedShift) (Plan, error) {
	role := ps.RotaRole(p)
	away, _, err := s.away(ctx, p.Coop, ps.PA, ps)
	if err != nil {
		return Plan{}, err
	}
	why := ps.NeedsCover(away)
	v := Plan{PlannedShift: ps.SeenAs(role, p.Person), NeedsCover: why != "", Role: role}
	if role == dpcoop.RotaAdmin || role == dpcoop.RotaPA && ps.PA == p.Person {
		v.Why = why
	}
	if v.PAName, err = s.firstName(ctx, p.Coop, ps.PA); err != nil {
		return Plan{}, err
	}
	if ps.CoveredBy != "" {
		if v.CoverName, err = s.firstName(ctx, p.Coop, ps.CoveredBy); err != nil {
			return Plan{}, err
		}
	}
	for _, id := range ps.Members {
		m, err := s.Store.Member(ctx, p.Coop, id)
		if err != nil {
			return Plan{}, err
		}
		v.MemberNames = append(v.MemberNames, m.Name)
	}
	return v, nil
}

func (s *Service) firstName(ctx context.Context, coop dpcoop.CoopID, pa string) (string, error) {
	rec, err := s.Store.PA(ctx, coop, pa)
	return dpcoop.FirstName(rec.LegalName), err
}

// away are pa's spells away around the shift: sickness from their pay
// history and leave asked for; with the pay history read.
func (s *Service) away(ctx context.Context, coop dpcoop.CoopID, pa string, ps dpcoop.PlannedShift) ([]dpcoop.Away, dpcoop.PayHistory, error) {
	h, err := s.Store.PayHistory(ctx, coop, pa)
	if err != nil {
		return nil, h, err
	}
	shifts, err := s.Store.ShiftsOfPA(ctx, coop, pa, ps.Start.AddDate(0, 0, -2), ps.End)
	if err != nil {
		return nil, h, err
	}
	return dpcoop.AwaySpells(pa, h, shifts), h, nil
}

// read finds a planned shift p may see, and how they stand to it; to
// anyone else it does not exist.
func (s *Service) read(ctx context.Context, p dpcoop.Principal, op, id string) (dpcoop.PlannedShift, string, error) {
	if !dpcoop.ValidID(id) {
		return dpcoop.PlannedShift{}, "", notFound(op)
	}
	ps, err := s.Store.PlannedShift(ctx, p.Coop, id)
	if err != nil {
		return dpcoop.PlannedShift{}, "", err
	}
	role := ps.RotaRole(p)
	if role == "" {
		return dpcoop.PlannedShift{}, "", notFound(op)
	}
	return ps, role, nil
}

// Get is one planned shift, for those who may see it.
func (s *Service) Get(ctx context.Context, p dpcoop.Principal, id string) (Plan, error) {
	ps, _, err := s.read(ctx, p, "read planned shift", id)
	if err != nil {
		return Plan{}, err
	}
	return s.view(ctx, p, ps)
}

// List is the planned shifts p may see that have not ended by now, soonest
// first: an admin's all, a member's those for them, a PA's their own and
// those they were asked to cover.
func (s *Service) List(ctx context.Context, p dpcoop.Principal, now time.Time) ([]Plan, error) {
	all, err := s.Store.PlannedShifts(ctx, p.Coop, now)
	if err != nil {
		return nil, err
	}
	out := []Plan{}
	for _, ps := range all {
		if ps.RotaRole(p) == "" || !ps.Open() {
			continue
		}
		v, err := s.view(ctx, p, ps)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b Plan) int { return a.Start.Compare(b.Start) })
	return out, nil
}

// NeedingCover is the planned shifts p may see that need cover now, for
// the dashboard and the member's page.
func (s *Service) NeedingCover(ctx context.Context, p dpcoop.Principal, now time.Time) ([]Plan, error) {
	all, err := s.List(ctx, p, now)
	return slices.DeleteFunc(all, func(v Plan) bool { return !v.NeedsCover }), err
}

// organiser refuses op to anyone but an admin or a member the shift is for.
func organiser(op, role string) error {
	if role != dpcoop.RotaAdmin && role != dpcoop.RotaMember {
		return dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	return nil
}

// Cancel takes a shift off the rota (an admin, or a member it is for).
func (s *Service) Cancel(ctx context.Context, p dpcoop.Principal, id string, now time.Time) (Plan, error) {
	const op = "cancel planned shift"
	_, role, err := s.read(ctx, p, op, id)
	if err != nil {
		return Plan{}, err
	}
	if err := organiser(op, role); err != nil {
		return Plan{}, err
	}
	ps, err := s.Store.UpdatePlannedShift(ctx, p.Coop, id, func(ps dpcoop.PlannedShift) (dpcoop.PlannedShift, error) { return ps.Cancel(now) })
	if err != nil {
		return Plan{}, err
	}
	return s.view(ctx, p, ps)
}

// Cannot records that the shift's PA cannot work it (the PA, or an admin
// for them), with a reason only admins read.
func (s *Service) Cannot(ctx context.Context, p dpcoop.Principal, id, reason string, now time.Time) (Plan, error) {
	const op = "say cannot work"
	ps, role, err := s.read(ctx, p, op, id)
	if err != nil {
		return Plan{}, err
	}
	if role != dpcoop.RotaAdmin && !(role == dpcoop.RotaPA && ps.PA == p.Person) {
		return Plan{}, dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	ps, err = s.Store.UpdatePlannedShift(ctx, p.Coop, id, func(ps dpcoop.PlannedShift) (dpcoop.PlannedShift, error) {
		return ps.SayCannot(p.Person, reason, now)
	})
	if err != nil {
		return Plan{}, err
	}
	return s.view(ctx, p, ps)
}

// Candidates are the PAs who could cover the shift, for an admin or a
// member it is for: first names and why each is offered, nothing else.
func (s *Service) Candidates(ctx context.Context, p dpcoop.Principal, id string) ([]dpcoop.Candidate, error) {
	const op = "read cover candidates"
	ps, role, err := s.read(ctx, p, op, id)
	if err != nil {
		return nil, err
	}
	if err := organiser(op, role); err != nil {
		return nil, err
	}
	return s.candidates(ctx, p.Coop, ps)
}

// candidates gathers what decides each PA's part (dpcoop.CoverFacts) and
// lets the domain choose.
func (s *Service) candidates(ctx context.Context, coop dpcoop.CoopID, ps dpcoop.PlannedShift) ([]dpcoop.Candidate, error) {
	emps, err := s.Store.Employments(ctx, coop, "")
	if err != nil {
		return nil, err
	}
	willing, err := s.Store.WillingToCover(ctx, coop)
	if err != nil {
		return nil, err
	}
	planned, err := s.Store.PlannedShifts(ctx, coop, ps.Start)
	if err != nil {
		return nil, err
	}
	var facts []dpcoop.CoverFacts
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		pas, err := s.Store.PAs(ctx, coop, page)
		if err != nil {
			return nil, err
		}
		for _, pa := range pas.Items {
			mine := slices.DeleteFunc(slices.Clone(emps), func(e dpcoop.Employment) bool { return e.PA != pa.ID })
			if pa.ID == ps.PA || pa.Status != dpcoop.PAActive || len(mine) == 0 && !willing[pa.ID] {
				continue // never offered: no need to read more of them
			}
			f := dpcoop.CoverFacts{PA: pa, Employments: mine, Willing: willing[pa.ID], Planned: planned}
			if f.Recruitment, err = s.Store.Recruitment(ctx, coop, pa.ID); err != nil {
				return nil, err
			}
			var hist dpcoop.PayHistory
			if f.Away, hist, err = s.away(ctx, coop, pa.ID, ps); err != nil {
				return nil, err
			}
			f.Left = hist.Left
			if f.Shifts, err = s.Store.ShiftsOfPA(ctx, coop, pa.ID, ps.Start.Add(-dpcoop.MaxShiftMinutes*time.Minute), ps.End); err != nil {
				return nil, err
			}
			facts = append(facts, f)
		}
		if pas.Next == "" {
			break
		}
		page.Cursor = pas.Next
	}
	return dpcoop.CoverCandidates(ps, facts), nil
}

// AskInput is whom a cover request goes to: chosen candidates, or (empty)
// all of them.
type AskInput struct {
	PAs []string `json:"pa_ids"`
}

// Ask sends a cover request for a shift that needs cover (an admin, or a
// member it is for) to the chosen candidates, each by email in their own
// language; the same request (its id) again sends nothing more.
func (s *Service) Ask(ctx context.Context, p dpcoop.Principal, id string, in AskInput, reqID dpcoop.RequestID, now time.Time) (Plan, error) {
	const op = "ask for cover"
	ps, role, err := s.read(ctx, p, op, id)
	if err != nil {
		return Plan{}, err
	}
	if err := organiser(op, role); err != nil {
		return Plan{}, err
	}
	canonical, _ := json.Marshal(in)
	rid, err := reqID("cover", id, dpcoop.Fingerprint(string(canonical)))
	if err != nil {
		return Plan{}, err
	}
	away, _, err := s.away(ctx, p.Coop, ps.PA, ps)
	if err != nil {
		return Plan{}, err
	}
	cands, err := s.candidates(ctx, p.Coop, ps)
	if err != nil {
		return Plan{}, err
	}
	var newly []string
	ps, err = s.Store.UpdatePlannedShift(ctx, p.Coop, id, func(old dpcoop.PlannedShift) (dpcoop.PlannedShift, error) {
		next, err := old.AskForCover(old.NeedsCover(away), cands, in.PAs, rid, p.Person, now)
		if err == nil {
			newly = slices.DeleteFunc(slices.Clone(next.Request.Asked), old.Asked)
		}
		return next, err
	})
	if err != nil {
		return Plan{}, err
	}
	for _, pa := range newly {
		s.tellPA(ctx, p.Coop, pa, ps)
	}
	return s.view(ctx, p, ps)
}

// Accept gives the shift to the PA signed in, asked to cover it, if nobody
// took it first; the member and the admins are told. The winner accepting
// again is answered the same; anyone later gets shift_already_covered.
func (s *Service) Accept(ctx context.Context, p dpcoop.Principal, id string, now time.Time) (Plan, error) {
	const op = "accept cover"
	if !p.Has(dpcoop.RolePA) {
		return Plan{}, notFound(op)
	}
	if _, _, err := s.read(ctx, p, op, id); err != nil {
		return Plan{}, err
	}
	won := false
	ps, err := s.Store.UpdatePlannedShift(ctx, p.Coop, id, func(old dpcoop.PlannedShift) (dpcoop.PlannedShift, error) {
		next, err := old.Accept(p.Person, now)
		won = err == nil
		return next, err
	})
	if err != nil {
		return Plan{}, err
	}
	if won {
		s.tellCovered(ctx, p.Coop, ps)
	}
	return s.view(ctx, p, ps)
}

// Decline records that the PA signed in will not cover the shift.
func (s *Service) Decline(ctx context.Context, p dpcoop.Principal, id string) (Plan, error) {
	const op = "decline cover"
	if !p.Has(dpcoop.RolePA) {
		return Plan{}, notFound(op)
	}
	if _, _, err := s.read(ctx, p, op, id); err != nil {
		return Plan{}, err
	}
	ps, err := s.Store.UpdatePlannedShift(ctx, p.Coop, id, func(old dpcoop.PlannedShift) (dpcoop.PlannedShift, error) { return old.Decline(p.Person) })
	if err != nil {
		return Plan{}, err
	}
	return s.view(ctx, p, ps)
}

// WillingOf is whether a PA said they are willing to cover, for an admin
// or the PA.
func (s *Service) WillingOf(ctx context.Context, p dpcoop.Principal, pa string) (Willing, error) {
	if !dpcoop.ValidID(pa) || !p.MaySee(pa) {
		return Willing{}, notFound("read willing to cover")
	}
	if _, err := s.Store.PA(ctx, p.Coop, pa); err != nil {
		return Willing{}, err
	}
	w, err := s.Store.WillingToCover(ctx, p.Coop)
	return Willing{Willing: w[pa]}, err
}

// SetWilling records the PA's own word that they are willing to cover, or
// no longer: only the PA may say it.
func (s *Service) SetWilling(ctx context.Context, p dpcoop.Principal, pa string, in Willing, now time.Time) (Willing, error) {
	const op = "set willing to cover"
	if !dpcoop.ValidID(pa) || !p.MaySee(pa) {
		return Willing{}, notFound(op)
	}
	if p.Person != pa || !p.Has(dpcoop.RolePA) {
		return Willing{}, dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	if _, err := s.Store.PA(ctx, p.Coop, pa); err != nil {
		return Willing{}, err
	}
	return in, s.Store.SetWillingToCover(ctx, p.Coop, pa, in.Willing, now)
}

// tellPA emails a PA asked to cover, in their language.
func (s *Service) tellPA(ctx context.Context, coop dpcoop.CoopID, pa string, ps dpcoop.PlannedShift) {
	rec, err := s.Store.PA(ctx, coop, pa)
	if err != nil {
		s.failed(ctx, coop, "cover_request", err)
		return
	}
	s.send(ctx, coop, pa, rec.Email, rec.Language, "cover_request", ps)
}

// tellCovered emails the shift's members and the co-op's admins that it is
// covered, each in their language.
func (s *Service) tellCovered(ctx context.Context, coop dpcoop.CoopID, ps dpcoop.PlannedShift) {
	for _, id := range ps.Members {
		m, err := s.Store.Member(ctx, coop, id)
		if err != nil {
			s.failed(ctx, coop, "cover_taken", err)
			continue
		}
		if m.Email != "" {
			s.send(ctx, coop, id, m.Email, m.Language, "cover_taken", ps)
		}
	}
	people, err := s.Store.People(ctx, coop)
	if err != nil {
		s.failed(ctx, coop, "cover_taken", err)
		return
	}
	for _, a := range people {
		if a.ActiveAdmin() {
			s.send(ctx, coop, a.Person, a.Email, a.Language, "cover_taken", ps)
		}
	}
}

// send emails one person; a failure is logged (ids only) and the change
// stands: the pages show it all the same.
func (s *Service) send(ctx context.Context, coop dpcoop.CoopID, to, email string, l dpcoop.Lang, kind string, ps dpcoop.PlannedShift) {
	if s.Notices == nil || email == "" {
		return
	}
	params := map[string]string{"date": string(ps.Date), "start": ps.StartTime, "end": ps.EndTime}
	n := dpcoop.Notice{Coop: coop, Member: to, Kind: kind, Channel: dpcoop.ChannelEmail, To: email, Language: l,
		Subject: messages.Text(l, "cover."+kind+".subject", params), Body: messages.Text(l, "cover."+kind+".body", params)}
	if err := s.Notices.Send(ctx, n); err != nil {
		s.failed(ctx, coop, kind, err)
	}
}

func (s *Service) failed(ctx context.Context, coop dpcoop.CoopID, kind string, err error) {
	if s.Log != nil {
		s.Log.LogAttrs(ctx, slog.LevelError, "cover notice not sent", slog.String("coop", string(coop)),
			slog.String("kind", kind), slog.String("error", err.Error()))
	}
}
