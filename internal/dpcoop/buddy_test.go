package dpcoop

import (
	"strings"
	"testing"
	"time"
)

var buddyAt = time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)

func pendingPairing(t *testing.T) Pairing {
	t.Helper()
	a, _ := NewBuddyRequest("m-a", "walks", buddyAt)
	b, _ := NewBuddyRequest("m-b", "", buddyAt)
	p, err := NewPairing("p1", a, b, buddyAt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPairingNeedsBothToAgree(t *testing.T) {
	p := pendingPairing(t)
	withPhone := Member{Phone: "07700900123", Email: "a@example.org"}
	p, changed, err := p.Answer("m-a", true, ContactPhone, withPhone, buddyAt.Add(time.Hour))
	if err != nil || !changed || p.State != PairingPending {
		t.Fatalf("one yes: %v %v %s, want still pending", err, changed, p.State)
	}
	if _, changed, err := p.Answer("m-a", true, ContactPhone, withPhone, buddyAt); err != nil || changed {
		t.Fatalf("the same yes again: %v changed %v, want no change", err, changed)
	}
	p, _, err = p.Answer("m-b", true, ContactCoop, Member{}, buddyAt.Add(2*time.Hour))
	if err != nil || p.State != PairingActive || p.Other("m-b").Contact != ContactPhone {
		t.Fatalf("both yes: %v %+v, want active", err, p)
	}
	if _, _, err := p.Answer("m-a", false, "", withPhone, buddyAt); !IsCode(err, CodePairingState) {
		t.Fatalf("no after active: %v, want %s", err, CodePairingState)
	}
}

func TestPairingDeclinedByOne(t *testing.T) {
	p, changed, err := pendingPairing(t).Answer("m-b", false, "", Member{}, buddyAt)
	if err != nil || !changed || p.State != PairingDeclined {
		t.Fatalf("no: %v %v %s, want declined", err, changed, p.State)
	}
	if _, _, err := p.Answer("m-a", true, ContactCoop, Member{}, buddyAt); !IsCode(err, CodePairingState) {
		t.Fatalf("yes after declined: %v, want %s", err, CodePairingState)
	}
	if _, _, err := p.Answer("m-c", true, ContactCoop, Member{}, buddyAt); !IsKind(err, KindNotFound) {
		t.Fatalf("someone else answers: %v, want not found", err)
	}
}

func TestPairingContactMustBeOnRecord(t *testing.T) {
	for contact, want := range map[string]string{"": FieldRequired, "post": FieldChoice, ContactPhone: FieldContactMissing, ContactEmail: FieldContactMissing} {
		_, _, err := pendingPairing(t).Answer("m-a", true, contact, Member{}, buddyAt)
		if e := ErrorOf(err); len(e.Fields) != 1 || e.Fields[0].Code != want {
			t.Errorf("contact %q: %v, want %s", contact, err, want)
		}
	}
}

func TestPairingEnds(t *testing.T) {
	p := pendingPairing(t)
	if _, _, err := p.End("m-c", buddyAt); !IsKind(err, KindNotFound) {
		t.Fatalf("someone else ends it: %v, want not found", err)
	}
	p, changed, err := p.End("m-b", buddyAt)
	if err != nil || !changed || p.State != PairingEnded || p.Live() {
		t.Fatalf("end: %v %v %s", err, changed, p.State)
	}
	if _, changed, err := p.End("m-a", buddyAt); err != nil || changed {
		t.Fatalf("end again: %v %v, want no change", err, changed)
	}
}

func TestNewPairingRefusesSameOrTaken(t *testing.T) {
	a, _ := NewBuddyRequest("m-a", "", buddyAt)
	if _, err := NewPairing("p", a, a, buddyAt); ErrorOf(err).Kind != KindInvalid {
		t.Fatalf("same member twice: %v", err)
	}
	b := BuddyRequest{Member: "m-b", Paired: "other"}
	if _, err := NewPairing("p", a, b, buddyAt); !IsCode(err, CodeAlreadyBuddied) {
		t.Fatalf("one already paired: %v", err)
	}
	if _, err := NewBuddyRequest("m-a", strings.Repeat("a", MaxBuddyNoteLen+1), buddyAt); err == nil {
		t.Fatal("a note too long was kept")
	}
}

func TestBuddySeesFirstNameAndChosenChannelOnly(t *testing.T) {
	m := Member{Name: "Siân Elin Jones", Phone: "07700900123", Email: "s@example.org", Address: "1 Stryd"}
	if c := ContactOf(m, ContactCoop); c != (BuddyContact{FirstName: "Siân", Channel: ContactCoop}) {
		t.Errorf("through the co-op: %+v", c)
	}
	if c := ContactOf(m, ContactPhone); c.Phone != m.Phone || c.Email != "" {
		t.Errorf("phone: %+v", c)
	}
}

func TestNoticeSettings(t *testing.T) {
	set, err := NoticeSettingsInput{NoticeBuddy: false}.Validate(NoticeSettings{})
	if err != nil || set.Wants(NoticeBuddy) || !set.Wants(NoticePAMatch) {
		t.Fatalf("buddy off: %+v %v", set, err)
	}
	set, _ = NoticeSettingsInput{NoticePAMatch: false}.Validate(set)
	if set.Wants(NoticeBuddy) || set.Wants(NoticePAMatch) || !set.Wants(NoticeNewActivity) {
		t.Fatalf("a kind not given keeps its setting: %+v", set)
	}
	if _, err := (NoticeSettingsInput{"gossip": true}).Validate(set); ErrorOf(err).Kind != KindInvalid {
		t.Fatalf("unknown kind: %v", err)
	}
}
