package dynamo_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
)

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func newStore(t *testing.T) *dynamo.Store {
	t.Helper()
	db, err := dynamolocal.Start(context.Background(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return dynamo.New(db.Client, db.Table)
}

func coop(id string) dpcoop.Coop {
	return dpcoop.Coop{ID: dpcoop.CoopID(id), NameEN: "Co-op " + id, NameCY: "Cwmni " + id, ContactEmail: "admin@" + id + ".example",
		RegisteredOffice: "1 Stryd Fawr, Caerdydd", Origins: []string{"https://" + id + ".example"}, Language: dpcoop.Welsh, Created: now}
}

func mustCoop(t *testing.T, s *dynamo.Store, id string) {
	t.Helper()
	if _, _, err := s.CreateCoop(context.Background(), coop(id), dpcoop.Person{ID: dpcoop.NewID(), Coop: dpcoop.CoopID(id), Email: "a@b.example", Role: dpcoop.RoleAdmin, Language: dpcoop.English}, "fp-"+id); err != nil {
		t.Fatal(err)
	}
}

func application(c, key string, kind dpcoop.ApplicationKind) dpcoop.Application {
	return dpcoop.Application{ID: dpcoop.DerivedID("application", c, key), Coop: dpcoop.CoopID(c), Kind: kind, Name: "Person " + key,
		Email: key + "@example.org", Address: "2 Heol y Frenhines", Language: dpcoop.English, ConsentElectronic: true,
		Status: dpcoop.StatusPending, Received: now, Fingerprint: "fp-" + key}
}

func wantKind(t *testing.T, err error, kind dpcoop.Kind, code string) {
	t.Helper()
	de := dpcoop.ErrorOf(err)
	if err == nil || de.Kind != kind || de.Code != code {
		t.Fatalf("got %v, want kind %d code %s", err, kind, code)
	}
}

func TestCreateCoopSlugIsUniqueButARepeatIsTheSame(t *testing.T) {
	s, ctx := newStore(t), context.Background()
	admin := dpcoop.Person{ID: "adminaaaaaaaaaaaaaaa", Coop: "alpha", Email: "a@alpha.example", Role: dpcoop.RoleAdmin, Language: dpcoop.Welsh}
	if _, _, err := s.CreateCoop(ctx, coop("alpha"), admin, "fp1"); err != nil {
		t.Fatal(err)
	}
	c, p, err := s.CreateCoop(ctx, coop("alpha"), dpcoop.Person{ID: "otheraaaaaaaaaaaaaaa"}, "fp1")
	if err != nil || c.ID != "alpha" || p.ID != admin.ID || p.Email != admin.Email {
		t.Fatalf("repeat: %v %+v %+v", err, c, p)
	}
	_, _, err = s.CreateCoop(ctx, coop("alpha"), admin, "fp2")
	wantKind(t, err, dpcoop.KindConflict, dpcoop.CodeSlugTaken)
	got, err := s.Coop(ctx, "alpha")
	if err != nil || got.NameCY != "Cwmni alpha" || got.Origins[0] != "https://alpha.example" {
		t.Fatalf("read back: %v %+v", err, got)
	}
	_, err = s.Coop(ctx, "beta")
	wantKind(t, err, dpcoop.KindNotFound, dpcoop.CodeNotFound)
}

func TestAddApplicationIsIdempotent(t *testing.T) {
	s, ctx := newStore(t), context.Background()
	mustCoop(t, s, "alpha")
	a := application("alpha", "k1", dpcoop.KindMember)
	if _, created, err := s.AddApplication(ctx, "alpha", a); err != nil || !created {
		t.Fatalf("first: %v %v", created, err)
	}
	again := a
	again.Received = now.Add(time.Minute)
	got, created, err := s.AddApplication(ctx, "alpha", again)
	if err != nil || created || !got.Received.Equal(now) {
		t.Fatalf("second: created=%v err=%v received=%v", created, err, got.Received)
	}
	other := a
	other.Fingerprint = "different"
	_, _, err = s.AddApplication(ctx, "alpha", other)
	wantKind(t, err, dpcoop.KindConflict, dpcoop.CodeIdempotencyMismatch)
	page, err := s.Applications(ctx, "alpha", dpcoop.StatusPending, dpcoop.PageRequest{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("want one application, got %d (%v)", len(page.Items), err)
	}
}

func TestApplicationsPageByCursorAndStayInTheirCoop(t *testing.T) {
	s, ctx := newStore(t), context.Background()
	mustCoop(t, s, "alpha")
	mustCoop(t, s, "beta")
	for i := range 5 {
		a := application("alpha", fmt.Sprint("k", i), dpcoop.KindMember)
		a.Received = now.Add(time.Duration(i) * time.Second)
		if _, _, err := s.AddApplication(ctx, "alpha", a); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.AddApplication(ctx, "beta", application("beta", "b", dpcoop.KindPA)); err != nil {
		t.Fatal(err)
	}
	var names []string
	page := dpcoop.PageRequest{Limit: 2}
	for range 10 {
		res, err := s.Applications(ctx, "alpha", dpcoop.StatusPending, page)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range res.Items {
			names = append(names, a.Name)
		}
		if res.Next == "" {
			break
		}
		page.Cursor = res.Next
	}
	if fmt.Sprint(names) != "[Person k0 Person k1 Person k2 Person k3 Person k4]" {
		t.Fatalf("pages: %v", names)
	}
	// A cursor from alpha used by beta reads only beta's partition.
	res, err := s.Applications(ctx, "alpha", dpcoop.StatusPending, dpcoop.PageRequest{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.Applications(ctx, "beta", dpcoop.StatusPending, dpcoop.PageRequest{Cursor: res.Next})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range other.Items {
		if a.Coop != "beta" {
			t.Fatalf("beta's list returned %s's application", a.Coop)
		}
	}
	_, err = s.Applications(ctx, "alpha", dpcoop.StatusPending, dpcoop.PageRequest{Cursor: "not-a-cursor"})
	wantKind(t, err, dpcoop.KindInvalid, dpcoop.CodeValidation)
	_, err = s.Application(ctx, "beta", application("alpha", "k1", dpcoop.KindMember).ID)
	wantKind(t, err, dpcoop.KindNotFound, dpcoop.CodeNotFound)
}

var entry = dpcoop.AdmitOnApproval(dpcoop.DateOf(now))

func TestApproveEntersRegisterOnceEvenWhenRaced(t *testing.T) {
	s, ctx := newStore(t), context.Background()
	mustCoop(t, s, "alpha")
	a := application("alpha", "k1", dpcoop.KindMember)
	if _, _, err := s.AddApplication(ctx, "alpha", a); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			_, err := s.DecideApplication(ctx, "alpha", a.ID, dpcoop.Decision{Approve: true, By: "admin1", At: now}, entry)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a concurrent identical approval failed: %v", err)
		}
	}
	members, err := s.Members(ctx, "alpha", dpcoop.PageRequest{})
	if err != nil || len(members.Items) != 1 {
		t.Fatalf("want one member, got %d (%v)", len(members.Items), err)
	}
	m := members.Items[0]
	if m.Shares != 1 || m.SharesPaidPence != 100 || m.Entered != "2026-11-23" || m.ElectronicAddress != a.Email || m.Name != a.Name || m.Address != a.Address {
		t.Fatalf("register entry lacks s.30 fields: %+v", m)
	}
	pending, _ := s.Applications(ctx, "alpha", dpcoop.StatusPending, dpcoop.PageRequest{})
	approved, _ := s.Applications(ctx, "alpha", dpcoop.StatusApproved, dpcoop.PageRequest{})
	if len(pending.Items) != 0 || len(approved.Items) != 1 || approved.Items[0].MemberID != m.ID {
		t.Fatalf("status index: pending %d approved %d", len(pending.Items), len(approved.Items))
	}
	_, err = s.DecideApplication(ctx, "alpha", a.ID, dpcoop.Decision{Approve: false, Reason: "no", By: "admin2", At: now}, entry)
	wantKind(t, err, dpcoop.KindConflict, dpcoop.CodeAlreadyDecided)
}

func TestRejectingAPAEntersNobody(t *testing.T) {
	s, ctx := newStore(t), context.Background()
	mustCoop(t, s, "alpha")
	a := application("alpha", "k1", dpcoop.KindPA)
	if _, _, err := s.AddApplication(ctx, "alpha", a); err != nil {
		t.Fatal(err)
	}
	got, err := s.DecideApplication(ctx, "alpha", a.ID, dpcoop.Decision{Reason: "No vacancy", By: "admin1", At: now}, entry)
	if err != nil || got.Status != dpcoop.StatusRejected || got.Reason != "No vacancy" {
		t.Fatalf("%v %+v", err, got)
	}
	if ms, _ := s.Members(ctx, "alpha", dpcoop.PageRequest{}); len(ms.Items) != 0 {
		t.Fatal("a rejected application entered the register")
	}
	_, err = s.DecideApplication(ctx, "beta", a.ID, dpcoop.Decision{Approve: true, At: now}, entry)
	wantKind(t, err, dpcoop.KindNotFound, dpcoop.CodeNotFound)
}

func TestCeaseKeepsTheEntry(t *testing.T) {
	s, ctx := newStore(t), context.Background()
	mustCoop(t, s, "alpha")
	a := application("alpha", "k1", dpcoop.KindMember)
	s.AddApplication(ctx, "alpha", a)
	if _, err := s.DecideApplication(ctx, "alpha", a.ID, dpcoop.Decision{Approve: true, At: now}, entry); err != nil {
		t.Fatal(err)
	}
	_, err := s.CeaseMember(ctx, "alpha", a.ID, dpcoop.Cessation{Date: "2026-11-22", By: "admin1"})
	wantKind(t, err, dpcoop.KindInvalid, dpcoop.CodeValidation)
	m, err := s.CeaseMember(ctx, "alpha", a.ID, dpcoop.Cessation{Date: "2026-11-23", Reason: "moved away", By: "admin1"})
	if err != nil || m.Ceased != "2026-11-23" || m.CeaseReason != "moved away" {
		t.Fatalf("%v %+v", err, m)
	}
	if _, err := s.CeaseMember(ctx, "alpha", a.ID, dpcoop.Cessation{Date: "2026-11-23", By: "admin1"}); err != nil {
		t.Fatalf("same cessation again: %v", err)
	}
	_, err = s.CeaseMember(ctx, "alpha", a.ID, dpcoop.Cessation{Date: "2026-11-24", By: "admin1"})
	wantKind(t, err, dpcoop.KindConflict, dpcoop.CodeAlreadyCeased)
	_, err = s.CeaseMember(ctx, "beta", a.ID, dpcoop.Cessation{Date: "2026-11-23"})
	wantKind(t, err, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	if ms, _ := s.Members(ctx, "alpha", dpcoop.PageRequest{}); len(ms.Items) != 1 {
		t.Fatal("ceasing removed the entry")
	}
}

func TestAllowLimitsPerWindow(t *testing.T) {
	s, ctx := newStore(t), context.Background()
	for i := range 3 {
		if err := s.Allow(ctx, "k", 3, time.Minute, now.Add(time.Duration(i)*time.Second)); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	err := s.Allow(ctx, "k", 3, time.Minute, now.Add(10*time.Second))
	wantKind(t, err, dpcoop.KindRateLimited, dpcoop.CodeRateLimited)
	if d := dpcoop.ErrorOf(err).RetryAfter; d != 50*time.Second {
		t.Fatalf("retry after %v", d)
	}
	if err := s.Allow(ctx, "other", 3, time.Minute, now); err != nil {
		t.Fatal("another client was limited")
	}
	if err := s.Allow(ctx, "k", 3, time.Minute, now.Add(time.Minute)); err != nil {
		t.Fatal("the next window was limited")
	}
}
