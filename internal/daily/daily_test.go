package daily_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/daily"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/duequeue"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/payrun"
	"github.com/dpcoop/dpcoop/internal/reminders"
)

// coops are the co-ops of the runs started, in order.
func coops(j *synth.Jobs) []dpcoop.CoopID {
	var out []dpcoop.CoopID
	for _, job := range j.List {
		out = append(out, job.Coop)
	}
	return out
}

// inbox stands in for SES: the emails sent, or, while down, an error that
// quotes the address as SES's own refusals do.
type inbox struct {
	down bool
	got  []dpcoop.Notice
}

func (in *inbox) Send(_ context.Context, n dpcoop.Notice) error {
	if in.down {
		return errors.New("MessageRejected: Email address is not verified: " + n.To)
	}
	in.got = append(in.got, n)
	return nil
}

// TestEachCoopsDayIsItsOwn runs the due queue's consumer as it runs on AWS
// (duequeue.Consume with each co-op's daily work) over three co-ops due
// for payroll on the same day: the first co-op's run is refused by Step
// Functions, and the mail is down while the second's reminders are told.
// Only those two messages fail (to be delivered again alone); the first
// co-op's reminders and the second's run went regardless; delivered again
// they finish, and nobody is told anything twice, then or on a third
// delivery of every message. The log names co-ops, never an address.
func TestEachCoopsDayIsItsOwn(t *testing.T) {
	ctx := t.Context()
	tmpl, err := synth.MonthTemplate()
	if err != nil {
		t.Fatal(err)
	}
	db, err := dynamolocal.Start(ctx, "daily")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ids := []dpcoop.CoopID{synth.CoopName(0), synth.CoopName(1), synth.CoopName(2)}
	for k := range ids {
		if err := tmpl.CopyAs(ctx, db.Client, db.Table, ids[k]); err != nil {
			t.Fatal(err)
		}
	}
	store := dynamo.New(db.Client, db.Table)
	sfn, mail := &synth.Jobs{Refuse: ids[0]}, &inbox{}
	work := daily.Work{Runs: store, Starter: sfn, Reminders: &reminders.Job{Store: store, Services: app.New(store, app.Outside{}), Mail: mail}}
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	consume := func(these ...dpcoop.CoopID) []dpcoop.CoopID {
		t.Helper()
		var ev events.SQSEvent
		for _, id := range these {
			body, _ := json.Marshal(payrun.Due{Coop: id})
			ev.Records = append(ev.Records, events.SQSMessage{MessageId: "m-" + string(id), Body: string(body)})
		}
		out := duequeue.Consume(ctx, ev, log, func(ctx context.Context, id dpcoop.CoopID) error {
			mail.down = id == ids[1] && sfn.Refuse != ""
			c, err := store.Coop(ctx, id)
			if err != nil {
				return err
			}
			_, err = work.Coop(ctx, c, synth.MonthNow)
			return err
		})
		var failed []dpcoop.CoopID
		for _, f := range out.BatchItemFailures {
			failed = append(failed, dpcoop.CoopID(strings.TrimPrefix(f.ItemIdentifier, "m-")))
		}
		return failed
	}

	failed := consume(ids...)
	if !slices.Equal(failed, ids[:2]) {
		t.Fatalf("failed messages %v, want the first two co-ops' only", failed)
	}
	if !slices.Equal(coops(sfn), ids[1:]) {
		t.Fatalf("runs started for %v, want the second and third co-ops'", coops(sfn))
	}
	each := len(mail.got) / 2 // the first and third co-ops', the same people in each copy
	if each == 0 || len(mail.got) != 2*each {
		t.Fatalf("%d emails for the two co-ops whose mail was up, want the same number for each, at least one", len(mail.got))
	}

	sfn.Refuse = "" // delivered again: Step Functions and the mail are back
	if failed := consume(failed...); len(failed) != 0 {
		t.Fatalf("failed again: %v", failed)
	}
	// The second co-op's run is started again by the same execution name,
	// which Step Functions refuses to run twice.
	if !slices.Equal(coops(sfn), []dpcoop.CoopID{ids[1], ids[2], ids[0], ids[1]}) || sfn.List[3] != sfn.List[0] {
		t.Fatalf("runs started %+v, want the first co-op's now too, and the second's by the same name", sfn.List)
	}
	if len(mail.got) != 3*each {
		t.Fatalf("%d emails after the retry, want %d: the second co-op's now, nobody's twice", len(mail.got), 3*each)
	}
	if failed := consume(ids...); len(failed) != 0 || len(mail.got) != 3*each {
		t.Fatalf("every message delivered once more: failed %v, %d emails, want none and %d", failed, len(mail.got), 3*each)
	}
	if !strings.Contains(logs.String(), string(ids[1])) || strings.Contains(logs.String(), "@") {
		t.Fatalf("the log names the failed co-ops and no address: %s", logs.String())
	}
}
