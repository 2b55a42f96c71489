package dpcoop

import (
	"slices"
	"strings"
	"time"
)

// BuddyRequest is a member's wish for a buddy: another member to meet, build
// confidence with and solve problems together. The note of what they would
// like is for the admins who make pairings only.
type BuddyRequest struct {
	Member string    `json:"member_id"`
	Note   string    `json:"note,omitempty"`
	At     time.Time `json:"asked_at"`
	// Paired is the pairing the request is in while it is pending or
	// active; empty while the request waits for an admin.
	Paired string `json:"-"`
}

// MaxBuddyNoteLen bounds the note of what a member would like from a buddy.
const MaxBuddyNoteLen = 500

// NewBuddyRequest checks a member's request for a buddy.
func NewBuddyRequest(member, note string, at time.Time) (BuddyRequest, error) {
	var p Problems
	n := optionalText(&p, "note", note, MaxBuddyNoteLen)
	return BuddyRequest{Member: member, Note: n, At: at}, p.Err("ask for a buddy")
}

// The states of a pairing: an admin proposes it (pending), it is active once
// both members agree, declined if either says no, ended when either ends it.
const (
	PairingPending  = "pending"
	PairingActive   = "active"
	PairingDeclined = "declined"
	PairingEnded    = "ended"
)

// The channels a buddy may choose to be reached by: their phone number,
// their email, or a message passed on by the co-op.
const (
	ContactPhone = "phone"
	ContactEmail = "email"
	ContactCoop  = "coop"
)

// ContactChannels are the channels a buddy may choose, in the order the
// pages offer them.
var ContactChannels = []string{ContactCoop, ContactPhone, ContactEmail}

// BuddySide is one member of a pairing: whether they agreed and how they
// chose to be reached.
type BuddySide struct {
	Member  string `json:"member_id"`
	Agreed  bool   `json:"agreed"`
	Contact string `json:"contact,omitempty"`
}

// Pairing is two members an admin proposed as buddies.
type Pairing struct {
	ID      string       `json:"id"`
	Sides   [2]BuddySide `json:"sides"`
	State   string       `json:"state"`
	Created time.Time    `json:"created_at"`
	Changed time.Time    `json:"changed_at"`
}

// Buddy error codes. Never rename one.
const (
	CodePairingState    = "pairing_not_in_that_state"
	CodeNoBuddyRequest  = "no_buddy_request"
	CodeAlreadyBuddied  = "already_has_buddy"
	FieldSameMember     = "same_member"
	FieldContactMissing = "contact_not_on_record"
)

// NewPairing proposes two members who both asked and wait as buddies.
func NewPairing(id string, a, b BuddyRequest, at time.Time) (Pairing, error) {
	const op = "pair buddies"
	if a.Member == b.Member {
		var p Problems
		p.Add("member_b", FieldSameMember)
		return Pairing{}, p.Err(op)
	}
	if a.Paired != "" || b.Paired != "" {
		return Pairing{}, E(op, KindConflict, CodeAlreadyBuddied)
	}
	return Pairing{ID: id, Sides: [2]BuddySide{{Member: a.Member}, {Member: b.Member}}, State: PairingPending, Created: at, Changed: at}, nil
}

// Side is which side of the pairing member is on; ok is false for anyone
// else.
func (p Pairing) Side(member string) (int, bool) {
	for i, s := range p.Sides {
		if s.Member == member {
			return i, true
		}
	}
	return 0, false
}

// Other is the side of the pairing that is not member's.
func (p Pairing) Other(member string) BuddySide {
	i, _ := p.Side(member)
	return p.Sides[1-i]
}

// Live reports whether the pairing still holds its members: pending or
// active.
func (p Pairing) Live() bool { return p.State == PairingPending || p.State == PairingActive }

// Answer records member's yes (with the channel they share) or no to a
// pending pairing. Both yeses make it active; one no declines it. The same
// answer again changes nothing (changed false).
func (p Pairing) Answer(member string, agree bool, contact string, on Member, at time.Time) (Pairing, bool, error) {
	const op = "answer buddy pairing"
	i, ok := p.Side(member)
	if !ok {
		return p, false, E(op, KindNotFound, CodeNotFound)
	}
	if agree && p.Sides[i].Agreed && p.Sides[i].Contact == contact || !agree && p.State == PairingDeclined {
		return p, false, nil
	}
	if p.State != PairingPending {
		return p, false, E(op, KindConflict, CodePairingState)
	}
	if !agree {
		p.State, p.Changed = PairingDeclined, at
		return p, true, nil
	}
	if err := CheckContact(contact, on); err != nil {
		return p, false, err
	}
	p.Sides[i].Agreed, p.Sides[i].Contact, p.Changed = true, contact, at
	if p.Sides[0].Agreed && p.Sides[1].Agreed {
		p.State = PairingActive
	}
	return p, true, nil
}

// CheckContact refuses a channel that is not one of ContactChannels, or one
// the member's record has no number or address for.
func CheckContact(contact string, m Member) error {
	var p Problems
	switch {
	case contact == "":
		p.Add("contact", FieldRequired)
	case !slices.Contains(ContactChannels, contact):
		p.Add("contact", FieldChoice)
	case contact == ContactPhone && m.Phone == "", contact == ContactEmail && m.Email == "":
		p.Add("contact", FieldContactMissing)
	}
	return p.Err("answer buddy pairing")
}

// End ends a pending or active pairing at member's wish; ending one already
// over changes nothing.
func (p Pairing) End(member string, at time.Time) (Pairing, bool, error) {
	if _, ok := p.Side(member); !ok {
		return p, false, E("end buddy pairing", KindNotFound, CodeNotFound)
	}
	if !p.Live() {
		return p, false, nil
	}
	p.State, p.Changed = PairingEnded, at
	return p, true, nil
}

// BuddyContact is what one buddy sees of the other while the pairing is
// active: the first name and the channel they chose, nothing else.
type BuddyContact struct {
	FirstName string `json:"first_name"`
	Channel   string `json:"channel"`
	Phone     string `json:"phone,omitempty"`
	Email     string `json:"email,omitempty"`
}

// ContactOf is what m shares as a buddy through the channel they chose.
func ContactOf(m Member, channel string) BuddyContact {
	c := BuddyContact{FirstName: FirstName(m.Name), Channel: channel}
	switch channel {
	case ContactPhone:
		c.Phone = m.Phone
	case ContactEmail:
		c.Email = m.Email
	}
	return c
}

// FirstName is the first word of a full name: all one member sees of
// another (a buddy) or of a PA who is not theirs (one who could cover).
func FirstName(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}
