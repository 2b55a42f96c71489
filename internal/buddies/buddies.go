// Package buddies is buddying as an application service: a member asks for
// a buddy, an admin pairs two members who asked, each agrees or declines,
// and active buddies see each other's first name and the contact channel
// each chose, nothing else. The co-op's admins see who waits (to make
// pairings) and how many pairings are active, never who is paired with
// whom. The rules are the domain's (dpcoop/buddy.go).
package buddies

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/notices"
)

// Store is what the service reads and writes.
type Store interface {
	Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error)
	// PutBuddyRequest keeps a member's request; a request in a pairing is
	// refused with already_has_buddy.
	PutBuddyRequest(ctx context.Context, coop dpcoop.CoopID, r dpcoop.BuddyRequest) error
	// DeleteBuddyRequest withdraws a waiting request; one in a pairing is
	// refused with already_has_buddy, one already gone is no error.
	DeleteBuddyRequest(ctx context.Context, coop dpcoop.CoopID, member string) error
	BuddyRequests(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.BuddyRequest, error)
	// AddPairing keeps a new pairing and marks both requests as in it, at
	// once; the same pairing again is created false.
	AddPairing(ctx context.Context, coop dpcoop.CoopID, p dpcoop.Pairing) (bool, error)
	// SavePairing writes a pairing's new state if it is as it was when
	// read (changed_meanwhile otherwise): declined returns both requests to
	// waiting, ended removes them.
	SavePairing(ctx context.Context, coop dpcoop.CoopID, p dpcoop.Pairing, was time.Time) error
	Pairings(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Pairing, error)
}

// Notifier tells a member of their pairing's news.
type Notifier interface {
	Notify(ctx context.Context, coop dpcoop.CoopID, ev notices.Event, now time.Time) error
}

// Service answers for buddying.
type Service struct {
	Store   Store
	Notices Notifier
}

// Mine is what a member sees of their own buddying: their request, and the
// pairing they are in, if any.
type Mine struct {
	Request *dpcoop.BuddyRequest `json:"request"`
	Pairing *MyPairing           `json:"pairing"`
}

// MyPairing is a member's pairing as they see it: its state, whether they
// said yes, the other member's first name (so they know whom they are
// agreeing to meet) and, once active, the channel the other chose.
type MyPairing struct {
	ID        string               `json:"id"`
	State     string               `json:"state"`
	Agreed    bool                 `json:"agreed"`
	MyContact string               `json:"my_contact,omitempty"`
	FirstName string               `json:"buddy_first_name"`
	Buddy     *dpcoop.BuddyContact `json:"buddy,omitempty"`
}

// member refuses anyone but a member acting for themself.
func member(p dpcoop.Principal, op string) error {
	if !p.Has(dpcoop.RoleMember) {
		return dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	return nil
}

// Ask records that the acting member would like a buddy, with an optional
// note for the admins; asking again changes the note.
func (s *Service) Ask(ctx context.Context, p dpcoop.Principal, note string, now time.Time) (dpcoop.BuddyRequest, error) {
	const op = "ask for a buddy"
	if err := member(p, op); err != nil {
		return dpcoop.BuddyRequest{}, err
	}
	r, err := dpcoop.NewBuddyRequest(p.Person, note, now.UTC())
	if err != nil {
		return r, err
	}
	return r, s.Store.PutBuddyRequest(ctx, p.Coop, r)
}

// Withdraw takes back the acting member's waiting request.
func (s *Service) Withdraw(ctx context.Context, p dpcoop.Principal) error {
	if err := member(p, "withdraw buddy request"); err != nil {
		return err
	}
	return s.Store.DeleteBuddyRequest(ctx, p.Coop, p.Person)
}

// Mine is the acting member's request and live pairing.
func (s *Service) Mine(ctx context.Context, p dpcoop.Principal) (Mine, error) {
	if err := member(p, "read my buddy"); err != nil {
		return Mine{}, err
	}
	var out Mine
	reqs, err := s.Store.BuddyRequests(ctx, p.Coop)
	if err != nil {
		return out, err
	}
	if i := slices.IndexFunc(reqs, func(r dpcoop.BuddyRequest) bool { return r.Member == p.Person }); i >= 0 {
		out.Request = &reqs[i]
	}
	pr, ok, err := s.live(ctx, p)
	if err != nil || !ok {
		return out, err
	}
	i, _ := pr.Side(p.Person)
	me := pr.Sides[i]
	other := pr.Other(p.Person)
	m, err := s.Store.Member(ctx, p.Coop, other.Member)
	if err != nil {
		return out, err
	}
	v := &MyPairing{ID: pr.ID, State: pr.State, Agreed: me.Agreed, MyContact: me.Contact, FirstName: dpcoop.FirstName(m.Name)}
	if pr.State == dpcoop.PairingActive {
		c := dpcoop.ContactOf(m, other.Contact)
		v.Buddy = &c
	}
	out.Pairing = v
	return out, nil
}

// live is the acting member's pending or active pairing.
func (s *Service) live(ctx context.Context, p dpcoop.Principal) (dpcoop.Pairing, bool, error) {
	ps, err := s.Store.Pairings(ctx, p.Coop)
	if err != nil {
		return dpcoop.Pairing{}, false, err
	}
	for _, pr := range ps {
		if _, ok := pr.Side(p.Person); ok && pr.Live() {
			return pr, true, nil
		}
	}
	return dpcoop.Pairing{}, false, nil
}

// pairing is one of the acting member's pairings; anyone else's is not
// found.
func (s *Service) pairing(ctx context.Context, p dpcoop.Principal, op, id string) (dpcoop.Pairing, error) {
	if err := member(p, op); err != nil {
		return dpcoop.Pairing{}, err
	}
	ps, err := s.Store.Pairings(ctx, p.Coop)
	if err != nil {
		return dpcoop.Pairing{}, err
	}
	for _, pr := range ps {
		if _, ok := pr.Side(p.Person); ok && pr.ID == id {
			return pr, nil
		}
	}
	return dpcoop.Pairing{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
}

// Answer records the acting member's yes (with the channel they share) or
// no to a pairing proposed to them, and tells both members when it becomes
// active, or the other when it is declined.
func (s *Service) Answer(ctx context.Context, p dpcoop.Principal, id string, agree bool, contact string, now time.Time) (MyPairing, error) {
	const op = "answer buddy pairing"
	pr, err := s.pairing(ctx, p, op, id)
	if err != nil {
		return MyPairing{}, err
	}
	me, err := s.Store.Member(ctx, p.Coop, p.Person)
	if err != nil {
		return MyPairing{}, err
	}
	next, changed, err := pr.Answer(p.Person, agree, contact, me, now.UTC())
	if err != nil {
		return MyPairing{}, err
	}
	if changed {
		if err := s.Store.SavePairing(ctx, p.Coop, next, pr.Changed); err != nil {
			return MyPairing{}, err
		}
	}
	switch next.State {
	case dpcoop.PairingActive:
		err = s.tell(ctx, p.Coop, next, "buddy_active", next.Sides[0].Member, next.Sides[1].Member)
	case dpcoop.PairingDeclined:
		err = s.tell(ctx, p.Coop, next, "buddy_declined", next.Other(p.Person).Member)
	}
	if err != nil {
		return MyPairing{}, err
	}
	mine, err := s.Mine(ctx, p)
	if err != nil || mine.Pairing == nil {
		return MyPairing{ID: next.ID, State: next.State}, err
	}
	return *mine.Pairing, nil
}

// End ends the acting member's pairing and tells the other member.
func (s *Service) End(ctx context.Context, p dpcoop.Principal, id string, now time.Time) error {
	const op = "end buddy pairing"
	pr, err := s.pairing(ctx, p, op, id)
	if err != nil {
		return err
	}
	next, changed, err := pr.End(p.Person, now.UTC())
	if err != nil || !changed && next.State != dpcoop.PairingEnded {
		return err
	}
	if changed {
		if err := s.Store.SavePairing(ctx, p.Coop, next, pr.Changed); err != nil {
			return err
		}
	}
	return s.tell(ctx, p.Coop, next, "buddy_ended", next.Other(p.Person).Member)
}

// tell sends each member the pairing's news once: the notice's reference
// is the pairing and its state.
func (s *Service) tell(ctx context.Context, coop dpcoop.CoopID, pr dpcoop.Pairing, text string, members ...string) error {
	if s.Notices == nil {
		return nil
	}
	for _, m := range members {
		ev := notices.Event{Person: m, Kind: dpcoop.NoticeBuddy, Text: text, Ref: pr.ID + "#" + pr.State}
		if err := s.Notices.Notify(ctx, coop, ev, pr.Changed); err != nil {
			return err
		}
	}
	return nil
}

// Waiting is a request an admin may pair: the member's name and note, and
// when they asked.
type Waiting struct {
	Member string    `json:"member_id"`
	Name   string    `json:"name"`
	Note   string    `json:"note,omitempty"`
	At     time.Time `json:"asked_at"`
}

// Waiting lists the requests no pairing holds, oldest first (admins).
func (s *Service) Waiting(ctx context.Context, p dpcoop.Principal) ([]Waiting, error) {
	if err := p.Admin("read buddy requests"); err != nil {
		return nil, err
	}
	reqs, err := s.Store.BuddyRequests(ctx, p.Coop)
	if err != nil {
		return nil, err
	}
	out := []Waiting{}
	for _, r := range reqs {
		if r.Paired != "" {
			continue
		}
		m, err := s.Store.Member(ctx, p.Coop, r.Member)
		if err != nil {
			return nil, err
		}
		if m.Ceased != "" { // left the co-op: no one to pair
			continue
		}
		out = append(out, Waiting{Member: r.Member, Name: m.Name, Note: r.Note, At: r.At})
	}
	slices.SortFunc(out, func(a, b Waiting) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return strings.Compare(a.Member, b.Member)
	})
	return out, nil
}

// Proposed is what an admin learns of a pairing they made: its id and
// state, nothing after.
type Proposed struct {
	ID    string `json:"id"`
	State string `json:"state"`
}

// Pair proposes two waiting members as buddies (admins) and tells each
// their request is answered. The same request again answers with the
// same pairing, created false, and tells no one twice.
func (s *Service) Pair(ctx context.Context, p dpcoop.Principal, a, b string, id dpcoop.RequestID, now time.Time) (Proposed, bool, error) {
	const op = "pair buddies"
	if err := p.Admin(op); err != nil {
		return Proposed{}, false, err
	}
	var pr dpcoop.Problems
	for field, v := range map[string]string{"member_a": a, "member_b": b} {
		if strings.TrimSpace(v) == "" {
			pr.Add(field, dpcoop.FieldRequired)
		}
	}
	if err := pr.Err(op); err != nil {
		return Proposed{}, false, err
	}
	reqs, err := s.Store.BuddyRequests(ctx, p.Coop)
	if err != nil {
		return Proposed{}, false, err
	}
	find := func(m string) (dpcoop.BuddyRequest, bool) {
		i := slices.IndexFunc(reqs, func(r dpcoop.BuddyRequest) bool { return r.Member == m })
		if i < 0 {
			return dpcoop.BuddyRequest{}, false
		}
		return reqs[i], true
	}
	ra, okA := find(a)
	rb, okB := find(b)
	if okA && okB {
		okA, err = s.current(ctx, p.Coop, a)
		if err == nil {
			okB, err = s.current(ctx, p.Coop, b)
		}
		if err != nil {
			return Proposed{}, false, err
		}
	}
	if !okA || !okB {
		return Proposed{}, false, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeNoBuddyRequest)
	}
	pid, err := id("pairing", a, b)
	if err != nil {
		return Proposed{}, false, err
	}
	if ra.Paired == pid && rb.Paired == pid { // this very request, again
		ra.Paired, rb.Paired = "", ""
	}
	pairing, err := dpcoop.NewPairing(pid, ra, rb, now.UTC())
	if err != nil {
		return Proposed{}, false, err
	}
	created, err := s.Store.AddPairing(ctx, p.Coop, pairing)
	if err != nil {
		return Proposed{}, false, err
	}
	if err := s.tell(ctx, p.Coop, pairing, "buddy_proposed", a, b); err != nil {
		return Proposed{}, false, err
	}
	return Proposed{ID: pid, State: dpcoop.PairingPending}, created, nil
}

// Counts is all the co-op sees of its buddying as a whole.
type Counts struct {
	Active  int `json:"active"`
	Pending int `json:"pending"`
	Waiting int `json:"waiting"`
}

// Counts are how many pairings are active or waiting for answers, and how
// many requests wait for an admin (admins).
func (s *Service) Counts(ctx context.Context, p dpcoop.Principal) (Counts, error) {
	if err := p.Admin("read buddy counts"); err != nil {
		return Counts{}, err
	}
	var c Counts
	ps, err := s.Store.Pairings(ctx, p.Coop)
	if err != nil {
		return c, err
	}
	for _, pr := range ps {
		switch pr.State {
		case dpcoop.PairingActive:
			c.Active++
		case dpcoop.PairingPending:
			c.Pending++
		}
	}
	reqs, err := s.Store.BuddyRequests(ctx, p.Coop)
	if err != nil {
		return c, err
	}
	for _, r := range reqs {
		if r.Paired != "" {
			continue
		}
		ok, err := s.current(ctx, p.Coop, r.Member)
		if err != nil {
			return c, err
		}
		if ok {
			c.Waiting++
		}
	}
	return c, nil
}

// current reports whether a member is still on the register: one who has
// ceased waits for no one and cannot be paired.
func (s *Service) current(ctx context.Context, coop dpcoop.CoopID, member string) (bool, error) {
	m, err := s.Store.Member(ctx, coop, member)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return false, nil
	}
	return err == nil && m.Ceased == "", err
}

// MemberLeft is a member's ceasing as buddying sees it (a
// dpcoop.LeavingStep): each pending or active pairing of theirs ends, the
// other member told only that it has ended (never why), and a request of
// theirs still waiting is withdrawn. The other is told before the pairing
// is saved as ended, so a retry after a failed save tells them again under
// the same notice (once), and one after a failed notice still finds the
// pairing live.
func (s *Service) MemberLeft(ctx context.Context, p dpcoop.Principal, member string, now time.Time) error {
	ps, err := s.Store.Pairings(ctx, p.Coop)
	if err != nil {
		return err
	}
	for _, pr := range ps {
		if _, ok := pr.Side(member); !ok || !pr.Live() {
			continue
		}
		next, _, err := pr.End(member, now.UTC())
		if err != nil {
			return err
		}
		if err := s.tell(ctx, p.Coop, next, "buddy_closed", next.Other(member).Member); err != nil {
			return err
		}
		if err := s.Store.SavePairing(ctx, p.Coop, next, pr.Changed); err != nil {
			return err
		}
	}
	return s.Store.DeleteBuddyRequest(ctx, p.Coop, member)
}
