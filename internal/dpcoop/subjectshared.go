package dpcoop

import "time"

// SubjectShared is what a member shared with, or was told through, the
// co-op's support between members (issue 22), in their copy of their data
// (UK GDPR art. 15; docs/leaving.md): their match preferences with every
// field they agreed to share and when, their buddy request and pairings,
// their notice settings and notices, their answers to activities and
// whether they have a calendar feed (never its secret address). It is not
// dated history, so it is on the copy's page of the present only.
type SubjectShared struct {
	MatchPreferences *MatchProfile    `json:"match_preferences"`
	BuddyRequest     *BuddyRequest    `json:"buddy_request"`
	BuddyPairings    []SubjectPairing `json:"buddy_pairings"`
	NoticeSettings   NoticeSettings   `json:"notice_settings"`
	Notices          []PageNotice     `json:"notices"`
	ActivityAnswers  []Attendance     `json:"activity_answers"`
	CalendarFeed     bool             `json:"calendar_feed"`
}

// SubjectPairing is one of a member's pairings as they were shown it: its
// state, the channel they shared, and the other buddy's first name and the
// channel they chose once both had agreed; nothing else of the other.
type SubjectPairing struct {
	ID             string    `json:"id"`
	State          string    `json:"state"`
	Created        time.Time `json:"created_at"`
	Changed        time.Time `json:"changed_at"`
	MyContact      string    `json:"my_contact,omitempty"`
	BuddyFirstName string    `json:"buddy_first_name"`
	BuddyChannel   string    `json:"buddy_channel,omitempty"`
}

// SubjectPairingOf is pairing p as member saw it, other being the other
// buddy's register entry.
func SubjectPairingOf(p Pairing, member string, other Member) SubjectPairing {
	i, _ := p.Side(member)
	out := SubjectPairing{ID: p.ID, State: p.State, Created: p.Created, Changed: p.Changed,
		MyContact: p.Sides[i].Contact, BuddyFirstName: FirstName(other.Name)}
	if p.Sides[0].Agreed && p.Sides[1].Agreed {
		out.BuddyChannel = p.Sides[1-i].Contact
	}
	return out
}

// Present reports whether the page holds the present (the copy's first
// page, or the whole history): the page that carries SubjectShared.
func (y SubjectYear) Present() bool { return y.To == WholeHistory.To }
