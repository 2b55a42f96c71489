// Package matching is finding the right PA as an application service: PAs
// keep a profile, members keep their preferences (an admin may keep them
// with the member), a member sees the PAs who fit, ranked with reasons, a
// PA sees the anonymised needs they could meet and may offer, and the
// offers reach the admins. Every field is special category data: each read
// of someone's profile is recorded in the audit trail. The rules are the
// domain's (dpcoop/matching.go).
package matching

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/audit"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/notices"
)

// Store is what the service reads and writes.
type Store interface {
	Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error)
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	PAsOf(ctx context.Context, coop dpcoop.CoopID, ids []string) (map[string]dpcoop.PA, error)
	MatchProfile(ctx context.Context, coop dpcoop.CoopID, member bool, person string) (dpcoop.MatchProfile, error)
	PutMatchProfile(ctx context.Context, coop dpcoop.CoopID, member bool, p dpcoop.MatchProfile) error
	DeleteMatchProfile(ctx context.Context, coop dpcoop.CoopID, member bool, person string) error
	MatchProfiles(ctx context.Context, coop dpcoop.CoopID, member bool) ([]dpcoop.MatchProfile, error)
	PutMatchOffer(ctx context.Context, coop dpcoop.CoopID, o dpcoop.MatchOffer) error
	MatchOffers(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.MatchOffer, error)
	// DeleteMatchOffer withdraws an offer; one already gone is no error.
	DeleteMatchOffer(ctx context.Context, coop dpcoop.CoopID, o dpcoop.MatchOffer) error
	// PAsLeft are the PAs of ids who have left the co-op's employment, with
	// the day each left.
	PAsLeft(ctx context.Context, coop dpcoop.CoopID, ids []string) (map[string]dpcoop.Date, error)
	// CoopAreas is the co-op's list of areas; none set is an empty list.
	CoopAreas(ctx context.Context, coop dpcoop.CoopID) (dpcoop.Areas, error)
	SetCoopAreas(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Areas) error
}

// Service answers for profiles, preferences, matches and offers.
type Service struct {
	Store   Store
	Audit   *audit.Service
	Notices *notices.Service // members hear of a PA who matches them; nil: nobody is told
}

// Whose profile: a PA's own (Member false), or a member's preferences,
// kept by the member or an admin with them.
type Whose struct {
	Member bool
	Person string
}

// may reports whether p may read or change w's profile: a PA only their
// own; a member their own; an admin any member's (never a PA's). Another
// member's or PA's answers as one that does not exist, as every other
// person's record does.
func may(p dpcoop.Principal, w Whose, op string) error {
	switch {
	case !dpcoop.ValidID(w.Person):
		return dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	case w.Member && p.Has(dpcoop.RoleAdmin):
		return nil
	case w.Member && p.Has(dpcoop.RoleMember), !w.Member && p.Has(dpcoop.RolePA):
		if p.Person == w.Person {
			return nil
		}
		return dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeForbidden)
}

// exists checks that the person whose profile it is is on the co-op's
// records (a member on the register, a PA's record), so no token of
// another co-op's reaches a profile by its id.
func (s *Service) exists(ctx context.Context, p dpcoop.Principal, w Whose, op string) error {
	if err := may(p, w, op); err != nil {
		return err
	}
	var err error
	if w.Member {
		_, err = s.Store.Member(ctx, p.Coop, w.Person)
	} else {
		_, err = s.Store.PA(ctx, p.Coop, w.Person)
	}
	return err
}

// Profile reads a profile or preferences, empty when nothing is shared;
// the read is recorded.
func (s *Service) Profile(ctx context.Context, p dpcoop.Principal, w Whose, now time.Time) (dpcoop.MatchProfile, error) {
	const op = "read matching profile"
	if err := s.exists(ctx, p, w, op); err != nil {
		return dpcoop.MatchProfile{}, err
	}
	prof, _, err := s.read(ctx, p.Coop, w)
	if err != nil {
		return dpcoop.MatchProfile{}, err
	}
	return prof, s.recordRead(ctx, p, op, w.Person, now)
}

// read is one profile, read against the co-op's list of areas (an old
// free-text area naming one of its areas is read as it), and the list.
func (s *Service) read(ctx context.Context, coop dpcoop.CoopID, w Whose) (dpcoop.MatchProfile, dpcoop.Areas, error) {
	areas, err := s.Store.CoopAreas(ctx, coop)
	if err != nil {
		return dpcoop.MatchProfile{}, areas, err
	}
	prof, err := s.Store.MatchProfile(ctx, coop, w.Member, w.Person)
	if dpcoop.ErrorOf(err).Kind == dpcoop.KindNotFound {
		return dpcoop.MatchProfile{Person: w.Person}, areas, nil
	}
	return areas.Resolve(prof), areas, err
}

// all are every member's preferences (member) or PA's profile, read
// against the co-op's list of areas as read does.
func (s *Service) all(ctx context.Context, coop dpcoop.CoopID, member bool) ([]dpcoop.MatchProfile, error) {
	areas, err := s.Store.CoopAreas(ctx, coop)
	if err != nil {
		return nil, err
	}
	profiles, err := s.Store.MatchProfiles(ctx, coop, member)
	for i := range profiles {
		profiles[i] = areas.Resolve(profiles[i])
	}
	return profiles, err
}

// Areas is the co-op's list of areas, which the profile and preferences
// forms offer; empty when the co-op keeps none.
func (s *Service) Areas(ctx context.Context, p dpcoop.Principal) (dpcoop.Areas, error) {
	return s.Store.CoopAreas(ctx, p.Coop)
}

// SetAreas replaces the co-op's list of areas (admins). Profiles keep the
// ids they chose; an area taken off the list stays on them, shown by its
// id, until their owner saves again.
func (s *Service) SetAreas(ctx context.Context, p dpcoop.Principal, in dpcoop.Areas) (dpcoop.Areas, error) {
	if err := p.Admin("set areas"); err != nil {
		return dpcoop.Areas{}, err
	}
	a, err := in.Validate()
	if err != nil {
		return dpcoop.Areas{}, err
	}
	return a, s.Store.SetCoopAreas(ctx, p.Coop, a)
}

// recordRead adds a read of someone's special category data to the trail.
func (s *Service) recordRead(ctx context.Context, p dpcoop.Principal, action, person string, now time.Time) error {
	if s.Audit == nil {
		return nil
	}
	return s.Audit.Record(ctx, p, dpcoop.AuditEntry{ID: dpcoop.NewID(), At: now.UTC(), Action: action,
		Target: map[string]string{"person": person}, Status: http.StatusOK, Read: true})
}

// Save replaces a profile or preferences with what the owner sends: a
// field left out is withdrawn and its value deleted; nothing shared at all
// deletes the item. A member's preferences get a new anonymous reference
// each time, so a PA cannot follow one member across changes.
func (s *Service) Save(ctx context.Context, p dpcoop.Principal, w Whose, in dpcoop.MatchInput, now time.Time) (dpcoop.MatchProfile, error) {
	const op = "save matching profile"
	if err := s.exists(ctx, p, w, op); err != nil {
		return dpcoop.MatchProfile{}, err
	}
	before, areas, err := s.read(ctx, p.Coop, w)
	if err != nil {
		return dpcoop.MatchProfile{}, err
	}
	prof, err := in.Validate(w.Person, w.Member, before, areas, now)
	if err != nil {
		return dpcoop.MatchProfile{}, err
	}
	if len(prof.Shared()) == 0 {
		return dpcoop.MatchProfile{Person: w.Person}, s.Store.DeleteMatchProfile(ctx, p.Coop, w.Member, w.Person)
	}
	if w.Member {
		prof.Need = dpcoop.NewID()
	}
	if err := s.Store.PutMatchProfile(ctx, p.Coop, w.Member, prof); err != nil {
		return dpcoop.MatchProfile{}, err
	}
	if w.Member {
		return prof, nil
	}
	return prof, s.tellMatched(ctx, p.Coop, prof, now)
}

// tellMatched tells each member a PA's profile now matches: once for each
// PA (the notice's reference is the PA), however often the PA saves. The
// notice says only that a PA matches; the member sees who on their
// matches page.
func (s *Service) tellMatched(ctx context.Context, coop dpcoop.CoopID, pa dpcoop.MatchProfile, now time.Time) error {
	if s.Notices == nil {
		return nil
	}
	members, err := s.all(ctx, coop, true)
	if err != nil {
		return err
	}
	for _, m := range dpcoop.ToTellOf(pa, members) {
		ev := notices.Event{Person: m, Kind: dpcoop.NoticePAMatch, Text: "pa_match", Ref: pa.Person}
		if err := s.Notices.Notify(ctx, coop, ev, now); err != nil {
			return err
		}
	}
	return nil
}

// Withdraw deletes a whole profile or preferences.
func (s *Service) Withdraw(ctx context.Context, p dpcoop.Principal, w Whose) error {
	if err := s.exists(ctx, p, w, "withdraw matching profile"); err != nil {
		return err
	}
	return s.Store.DeleteMatchProfile(ctx, p.Coop, w.Member, w.Person)
}

// Ranked is one PA who fits, as a member sees them: their first name and
// the reasons.
type Ranked struct {
	dpcoop.MatchResult
	FirstName string `json:"first_name"`
}

// Rank lists the PAs who fit a member's preferences, best first (the
// member, or an admin with them). PAs with a profile are the candidates:
// hired PAs, and applicants approved through the application form whose
// record is not yet complete (marked as applicants); never a PA who has
// left. Reading the PAs' profiles is recorded.
func (s *Service) Rank(ctx context.Context, p dpcoop.Principal, member string, now time.Time) ([]Ranked, error) {
	const op = "match pas"
	w := Whose{Member: true, Person: member}
	prefs, err := s.Profile(ctx, p, w, now)
	if err != nil {
		return nil, err
	}
	if len(prefs.Shared()) == 0 {
		return []Ranked{}, nil
	}
	profiles, err := s.all(ctx, p.Coop, false)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(profiles))
	for i, prof := range profiles {
		ids[i] = prof.Person
	}
	pas, err := s.Store.PAsOf(ctx, p.Coop, ids)
	if err != nil {
		return nil, err
	}
	left, err := s.Store.PAsLeft(ctx, p.Coop, ids)
	if err != nil {
		return nil, err
	}
	var cands []dpcoop.MatchCandidate
	for _, prof := range profiles {
		if _, gone := left[prof.Person]; gone {
			continue // left: their profile goes with them (PALeft)
		}
		if pa, ok := pas[prof.Person]; ok {
			cands = append(cands, dpcoop.MatchCandidate{Profile: prof, Applicant: pa.Status == dpcoop.PAIncomplete})
		}
	}
	out := []Ranked{}
	for _, r := range dpcoop.RankPAs(prefs, cands) {
		out = append(out, Ranked{MatchResult: r, FirstName: dpcoop.FirstName(pas[r.PA].LegalName)})
	}
	return out, s.recordRead(ctx, p, op, member, now)
}

// Needs are the members' needs the calling PA could meet, anonymised:
// empty until the PA shares a profile.
func (s *Service) Needs(ctx context.Context, p dpcoop.Principal, now time.Time) ([]dpcoop.MatchNeed, error) {
	needs, _, err := s.needs(ctx, p, "read needs")
	if err != nil {
		return nil, err
	}
	return needs, s.recordRead(ctx, p, "read needs", "", now)
}

// needs are the needs the calling PA's own profile could meet, with the
// members' preferences behind them; none until the PA shares a profile,
// and none once they have left.
func (s *Service) needs(ctx context.Context, p dpcoop.Principal, op string) ([]dpcoop.MatchNeed, []dpcoop.MatchProfile, error) {
	w := Whose{Person: p.Person}
	if err := s.exists(ctx, p, w, op); err != nil {
		return nil, nil, err
	}
	own, _, err := s.read(ctx, p.Coop, w)
	if err != nil || len(own.Shared()) == 0 {
		return []dpcoop.MatchNeed{}, nil, err
	}
	left, err := s.Store.PAsLeft(ctx, p.Coop, []string{p.Person})
	if err != nil || len(left) > 0 { // a PA who left offers no more
		return []dpcoop.MatchNeed{}, nil, err
	}
	members, err := s.all(ctx, p.Coop, true)
	if err != nil {
		return nil, nil, err
	}
	return dpcoop.NeedsFor(own, members), members, nil
}

// Offer records the calling PA's offer to support the member behind a need
// they could meet; it reaches the admins. Offering again changes nothing.
func (s *Service) Offer(ctx context.Context, p dpcoop.Principal, need string, now time.Time) (dpcoop.MatchOffer, error) {
	const op = "offer to support"
	needs, members, err := s.needs(ctx, p, op)
	if err != nil {
		return dpcoop.MatchOffer{}, err
	}
	i := slices.IndexFunc(members, func(m dpcoop.MatchProfile) bool { return m.Need == need })
	if need == "" || i < 0 || !slices.ContainsFunc(needs, func(n dpcoop.MatchNeed) bool { return n.Need == need }) {
		return dpcoop.MatchOffer{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	o := dpcoop.MatchOffer{Need: need, PA: p.Person, Member: members[i].Person, At: now.UTC()}
	return o, s.Store.PutMatchOffer(ctx, p.Coop, o)
}

// OfferView is an offer as the admins see it: who offered to support whom.
type OfferView struct {
	dpcoop.MatchOffer
	PAName     string `json:"pa_name"`
	MemberName string `json:"member_name"`
}

// Offers are the PAs' offers, newest first, for the admins, who go on to
// hire and employ through the PA's record.
func (s *Service) Offers(ctx context.Context, p dpcoop.Principal) ([]OfferView, error) {
	if err := p.Admin("read offers"); err != nil {
		return nil, err
	}
	offers, err := s.Store.MatchOffers(ctx, p.Coop)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, o := range offers {
		ids = append(ids, o.PA)
	}
	pas, err := s.Store.PAsOf(ctx, p.Coop, ids)
	if err != nil {
		return nil, err
	}
	out := []OfferView{}
	for _, o := range offers {
		v := OfferView{MatchOffer: o, PAName: pas[o.PA].LegalName}
		if m, err := s.Store.Member(ctx, p.Coop, o.Member); err == nil {
			v.MemberName = m.Name
		} else if dpcoop.ErrorOf(err).Kind != dpcoop.KindNotFound {
			return nil, err
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b OfferView) int { return b.At.Compare(a.At) })
	return out, nil
}

// OffersOf are the offers PA pa made, newest first, for the PA themself
// (the need they offered against and when, never the member behind it) or
// an admin (with the member): part of the PA's copy of their data.
func (s *Service) OffersOf(ctx context.Context, p dpcoop.Principal, pa string) ([]dpcoop.MatchOffer, error) {
	if !dpcoop.ValidID(pa) || !p.MaySee(pa) {
		return nil, dpcoop.E("read offers", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	all, err := s.Store.MatchOffers(ctx, p.Coop)
	if err != nil {
		return nil, err
	}
	out := []dpcoop.MatchOffer{}
	for _, o := range all {
		if o.PA != pa {
			continue
		}
		if !p.Has(dpcoop.RoleAdmin) {
			o.Member = ""
		}
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b dpcoop.MatchOffer) int { return b.At.Compare(a.At) })
	return out, nil
}

// MemberLeft is a member's ceasing as matching sees it (a
// dpcoop.LeavingStep): their preferences are deleted, and the offers PAs
// made to their needs withdrawn. Run again, it finds nothing to do.
func (s *Service) MemberLeft(ctx context.Context, p dpcoop.Principal, member string, _ time.Time) error {
	if err := s.Store.DeleteMatchProfile(ctx, p.Coop, true, member); err != nil {
		return err
	}
	return s.withdrawOffers(ctx, p.Coop, func(o dpcoop.MatchOffer) bool { return o.Member == member })
}

// PALeft is a PA's leaving as matching sees it (a dpcoop.LeavingStep):
// their profile is deleted, so they are matched no more, and their offers
// withdrawn. Run again, it finds nothing to do.
func (s *Service) PALeft(ctx context.Context, p dpcoop.Principal, pa string, _ time.Time) error {
	if err := s.Store.DeleteMatchProfile(ctx, p.Coop, false, pa); err != nil {
		return err
	}
	return s.withdrawOffers(ctx, p.Coop, func(o dpcoop.MatchOffer) bool { return o.PA == pa })
}

// withdrawOffers deletes the co-op's offers that whose says are theirs.
func (s *Service) withdrawOffers(ctx context.Context, coop dpcoop.CoopID, whose func(dpcoop.MatchOffer) bool) error {
	offers, err := s.Store.MatchOffers(ctx, coop)
	if err != nil {
		return err
	}
	for _, o := range offers {
		if !whose(o) {
			continue
		}
		if err := s.Store.DeleteMatchOffer(ctx, coop, o); err != nil {
			return err
		}
	}
	return nil
}
