package dpcoop

import (
	"testing"
	"time"
)

// A member's copy shows the other buddy's channel only once both agreed,
// and their own channel from their own side.
func TestSubjectPairingOfShowsWhatTheMemberWasShown(t *testing.T) {
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	p := Pairing{ID: "p1", State: PairingPending, Created: at, Changed: at,
		Sides: [2]BuddySide{{Member: "gwen", Agreed: true, Contact: ContactEmail}, {Member: "rhys"}}}
	rhys := Member{ID: "rhys", Name: "Rhys Price", Email: "rhys@example.org", Phone: "01234"}
	if got := SubjectPairingOf(p, "gwen", rhys); got != (SubjectPairing{ID: "p1", State: PairingPending, Created: at, Changed: at,
		MyContact: ContactEmail, BuddyFirstName: "Rhys"}) {
		t.Errorf("pending: %+v", got)
	}
	p.State, p.Sides[1].Agreed, p.Sides[1].Contact = PairingActive, true, ContactPhone
	if got := SubjectPairingOf(p, "gwen", rhys); got.BuddyChannel != ContactPhone || got.MyContact != ContactEmail || got.BuddyFirstName != "Rhys" {
		t.Errorf("active, as Gwen saw it: %+v", got)
	}
	if got := SubjectPairingOf(p, "rhys", Member{Name: "Gwen Morgan"}); got.BuddyChannel != ContactEmail || got.MyContact != ContactPhone || got.BuddyFirstName != "Gwen" {
		t.Errorf("active, as Rhys saw it: %+v", got)
	}
}

// The page of the present carries what was shared; older years' do not.
func TestOnlyThePageOfThePresentIsPresent(t *testing.T) {
	if !WholeHistory.Present() || !SubjectYearOf(2026, 2026, "2024-06-01").Present() || SubjectYearOf(2025, 2026, "2024-06-01").Present() {
		t.Error("Present is wrong")
	}
}
