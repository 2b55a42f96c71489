package dynamo_test

import (
	"context"
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

var entry = dpcoop.AdmitOnApproval(dpcoop.DateOf(now))

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
