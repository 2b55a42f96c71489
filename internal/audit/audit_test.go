package audit_test

import (
	"context"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/audit"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
)

// TestAChangeIsRecordedWhenItsCallerHasGone: the request that made a change
// is cancelled (its client closed the connection) before the change is
// recorded; the entry is written all the same, against DynamoDB Local.
func TestAChangeIsRecordedWhenItsCallerHasGone(t *testing.T) {
	db, err := dynamolocal.Start(t.Context(), "audit")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := &audit.Service{Store: dynamo.New(db.Client, db.Table)}
	admin := dpcoop.Principal{Coop: "gone", Person: "admin", Roles: []dpcoop.Role{dpcoop.RoleAdmin}}
	gone, cancel := context.WithCancel(t.Context())
	cancel()
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	if err := s.Record(gone, admin, dpcoop.AuditEntry{ID: dpcoop.NewID(), At: at, Action: "POST /v1/people/{id}/revoke", Status: 200}); err != nil {
		t.Fatalf("not recorded: %v", err)
	}
	trail, err := s.Trail(t.Context(), admin, "2026-11", dpcoop.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(trail.Items) != 1 || trail.Items[0].Action != "POST /v1/people/{id}/revoke" || trail.Items[0].Person != "admin" {
		t.Fatalf("the trail holds %+v", trail.Items)
	}
}
