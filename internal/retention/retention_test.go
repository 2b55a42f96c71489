package retention_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/metrics"
	"github.com/dpcoop/dpcoop/internal/retention"
)

var created = time.Date(2019, 1, 10, 9, 0, 0, 0, time.UTC)

func coopWithSlips(t *testing.T, s *dynamo.Store, id string, months map[string]dpcoop.Date) {
	t.Helper()
	ctx := context.Background()
	c := dpcoop.Coop{ID: dpcoop.CoopID(id), NameEN: id, NameCY: id, ContactEmail: "a@" + id + ".example", RegisteredOffice: "Caerdydd",
		Origins: []string{"https://" + id + ".example"}, Language: dpcoop.Welsh, Created: created}
	admin := dpcoop.Person{ID: dpcoop.DerivedID(id, "admin"), Coop: c.ID, Email: "a@" + id + ".example", Role: dpcoop.RoleAdmin, Language: dpcoop.Welsh}
	if _, _, err := s.CreateCoop(ctx, c, admin, "fp"); err != nil {
		t.Fatal(err)
	}
	for month, pay := range months {
		if _, err := s.BeginRun(ctx, c.ID, dpcoop.Run{Month: month, Attempt: 1, Execution: "x", Status: dpcoop.RunCalculating, Started: created}); err != nil {
			t.Fatal(err)
		}
		if err := s.PutPayslip(ctx, c.ID, dpcoop.Payslip{Month: month, PA: "pa1", PayDate: pay, Attempt: 1}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestJobPurgesEveryCoop: the weekly pass goes through every co-op (several
// pages of them), deletes their expired payslips only, and records the
// metric; a dry run deletes nothing.
func TestJobPurgesEveryCoop(t *testing.T) {
	db, err := dynamolocal.Start(context.Background(), "retention")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := dynamo.New(db.Client, db.Table)
	for _, id := range []string{"alpha", "beta", "gamma"} {
		coopWithSlips(t, s, id, map[string]dpcoop.Date{"2019-02": "2019-03-07", "2026-10": "2026-11-07"})
	}
	var logs, out bytes.Buffer
	job := &retention.Job{Store: s, Now: func() time.Time { return time.Date(2025, 7, 6, 3, 30, 0, 0, time.UTC) },
		Log: slog.New(slog.NewJSONHandler(&logs, nil)), Metrics: metrics.New(&out, "test"), PageSize: 2}

	rep, err := job.Handle(context.Background(), retention.Event{Task: retention.Task, DryRun: true})
	if err != nil || rep.Coops != 3 || rep.Deleted != 3 || rep.Today != "2025-07-06" || out.Len() != 0 {
		t.Fatalf("dry run: %+v %v %s", rep, err, out.String())
	}
	rep, err = job.Handle(context.Background(), retention.Event{Task: retention.Task})
	if err != nil || rep.Coops != 3 || rep.Examined != 3 || rep.Deleted != 3 || len(rep.Failed) != 0 {
		t.Fatalf("%+v %v", rep, err)
	}
	if !strings.Contains(out.String(), `"PayslipsDeleted":3`) {
		t.Fatalf("metric: %s", out.String())
	}
	for _, id := range []dpcoop.CoopID{"alpha", "beta", "gamma"} {
		if old, _ := s.Payslips(context.Background(), id, "2019-02"); len(old) != 0 {
			t.Errorf("%s kept an expired payslip", id)
		}
		if recent, _ := s.Payslips(context.Background(), id, "2026-10"); len(recent) != 1 {
			t.Errorf("%s lost a payslip it must keep", id)
		}
	}
	if !strings.Contains(logs.String(), `"msg":"retention pass"`) {
		t.Fatalf("no summary in the logs: %s", logs.String())
	}
	if _, err := job.Handle(context.Background(), retention.Event{Task: "payroll-dispatch"}); err == nil {
		t.Fatal("the job ran for another task's event")
	}
}

// failing fails one co-op's pass.
type failing struct {
	retention.Store
	bad dpcoop.CoopID
}

func (f failing) PurgeExpiredPayslips(ctx context.Context, c dpcoop.CoopID, today dpcoop.Date, dry bool) (dpcoop.Purged, error) {
	if c == f.bad {
		return dpcoop.Purged{}, errors.New("throttled")
	}
	return f.Store.PurgeExpiredPayslips(ctx, c, today, dry)
}

func TestJobGoesOnPastACoopThatFails(t *testing.T) {
	db, err := dynamolocal.Start(context.Background(), "retention")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := dynamo.New(db.Client, db.Table)
	for _, id := range []string{"alpha", "beta"} {
		coopWithSlips(t, s, id, map[string]dpcoop.Date{"2019-02": "2019-03-07"})
	}
	job := &retention.Job{Store: failing{s, "alpha"}, Now: func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }}
	rep, err := job.Run(context.Background(), false)
	if err == nil || !strings.Contains(err.Error(), "alpha") || rep.Deleted != 1 || len(rep.Failed) != 1 || rep.Failed[0] != "alpha" {
		t.Fatalf("%+v %v", rep, err)
	}
}

// TestScheduleEventFixture: the sample event is what the stack's schedule
// sends, and the job accepts it.
func TestScheduleEventFixture(t *testing.T) {
	b, err := os.ReadFile("../../events/retention-tick.json")
	if err != nil {
		t.Fatal(err)
	}
	var fixture, input retention.Event
	if json.Unmarshal(b, &fixture) != nil || json.Unmarshal([]byte(retention.TickInput), &input) != nil || fixture != input || fixture.Task != retention.Task {
		t.Fatalf("fixture %+v, schedule input %+v", fixture, input)
	}
}
