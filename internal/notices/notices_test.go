package notices_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/notices"
)

// mailbox stands in for SES: it fails while down, and keeps what it sent.
type mailbox struct {
	down bool
	sent []dpcoop.Notice
}

func (m *mailbox) Send(_ context.Context, n dpcoop.Notice) error {
	if m.down {
		return errors.New("mail down")
	}
	m.sent = append(m.sent, n)
	return nil
}

var at = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// TestNotifyEmailsOnceAndAgainOnlyAfterAFailure: an event told while the
// mail is down keeps its page notice and fails; told again it is emailed,
// in the person's language; told a third time nothing more is sent. A
// person who turned the kind off gets the page notice and no email.
func TestNotifyEmailsOnceAndAgainOnlyAfterAFailure(t *testing.T) {
	ctx := context.Background()
	db, err := dynamolocal.Start(ctx, "notices")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := dynamo.New(db.Client, db.Table)
	coop := dpcoop.CoopID("notices")
	pa, _, err := store.AddPA(ctx, coop, dpcoop.PA{ID: dpcoop.NewID(), LegalName: "Catrin Jones", Email: "catrin@example.org",
		Language: dpcoop.Welsh, Status: dpcoop.PAActive}, "fp", dpcoop.FirstNotices{})
	if err != nil {
		t.Fatal(err)
	}
	mail := &mailbox{down: true}
	s := &notices.Service{Store: store, Mail: mail}
	ev := notices.Event{Person: pa.ID, Kind: dpcoop.NoticeBuddy, Text: "buddy_active", Ref: "p1#active"}

	if err := s.Notify(ctx, coop, ev, at); err == nil {
		t.Fatal("a failed email was not reported")
	}
	mail.down = false
	for range 2 {
		if err := s.Notify(ctx, coop, ev, at); err != nil {
			t.Fatal(err)
		}
	}
	if len(mail.sent) != 1 || mail.sent[0].Language != dpcoop.Welsh || mail.sent[0].Subject != "Mae gennych chi gyfaill nawr" || mail.sent[0].To != "catrin@example.org" {
		t.Fatalf("sent %+v, want one Welsh email", mail.sent)
	}
	me := dpcoop.Principal{Coop: coop, Person: pa.ID, Roles: []dpcoop.Role{dpcoop.RolePA}}
	if ns, err := s.Mine(ctx, me); err != nil || len(ns) != 1 {
		t.Fatalf("page notices %+v %v, want one", ns, err)
	}

	if _, err := s.SetSettings(ctx, me, dpcoop.NoticeSettingsInput{dpcoop.NoticeBuddy: false}); err != nil {
		t.Fatal(err)
	}
	ended := notices.Event{Person: pa.ID, Kind: dpcoop.NoticeBuddy, Text: "buddy_ended", Ref: "p1#ended"}
	if err := s.Notify(ctx, coop, ended, at); err != nil {
		t.Fatal(err)
	}
	if ns, _ := s.Mine(ctx, me); len(ns) != 2 || len(mail.sent) != 1 {
		t.Fatalf("with buddy emails off: %d page notices, %d emails; want 2 and 1", len(ns), len(mail.sent))
	}
	other := dpcoop.Principal{Coop: coop, Person: dpcoop.NewID(), Roles: []dpcoop.Role{dpcoop.RoleMember}}
	if ns, _ := s.Mine(ctx, other); len(ns) != 0 {
		t.Fatalf("another person reads %+v", ns)
	}
	if err := s.MarkRead(ctx, other, mustFirst(t, s, me).ID); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Fatalf("another person marks it read: %v", err)
	}
}

func mustFirst(t *testing.T, s *notices.Service, p dpcoop.Principal) dpcoop.PageNotice {
	t.Helper()
	ns, err := s.Mine(context.Background(), p)
	if err != nil || len(ns) == 0 {
		t.Fatalf("no notice: %v", err)
	}
	return ns[0]
}
