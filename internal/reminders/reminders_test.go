package reminders_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
	"github.com/dpcoop/dpcoop/internal/reminders"
)

// inbox stands in for SES: each address's emails, or an error while down.
type inbox struct {
	down error
	got  map[string][]dpcoop.Notice
}

func (in *inbox) Send(_ context.Context, n dpcoop.Notice) error {
	if in.down == nil {
		in.got[n.To] = append(in.got[n.To], n)
	}
	return in.down
}

func day(d string) time.Time {
	t, _ := time.Parse(time.DateOnly, d)
	return t.Add(6 * time.Hour)
}

// employer is a co-op in its own table with its admin and a PA in
// employment from 2026-02-01 (supporting a member the test has no need of).
func employer(t *testing.T, admin dpcoop.Person, pa dpcoop.PA) (*dynamo.Store, dpcoop.Employment) {
	t.Helper()
	ctx := context.Background()
	db, err := dynamolocal.Start(ctx, string(admin.Coop))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := dynamo.New(db.Client, db.Table)
	if _, _, err := store.CreateCoop(ctx, dpcoop.Coop{ID: admin.Coop, Created: day("2026-01-01")}, admin, "fp"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := store.AddPA(ctx, admin.Coop, pa, "fp", dpcoop.FirstNotices{}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.PutAccess(ctx, admin.Coop, dpcoop.Access{Person: pa.ID, Name: pa.LegalName, Email: pa.Email, Language: pa.Language,
		Roles: []dpcoop.Role{dpcoop.RolePA}, Active: true}, admin.ID); err != nil {
		t.Fatal(err)
	}
	e, err := store.AddEmployment(ctx, admin.Coop, dpcoop.Employment{ID: dpcoop.NewID(), PA: pa.ID, Member: dpcoop.NewID(),
		Rates: dpcoop.Rates{Standard: 1300}, Start: "2026-02-01"}, "fp")
	if err != nil {
		t.Fatal(err)
	}
	return store, e
}

// A PA's first aid expires on 2027-01-20. On 2027-01-01 (in its warning
// window) the step, run twice, emails the Welsh admin one Welsh digest and
// the English PA one English email naming the course; run again later the
// same month nothing new is sent; on the day it expires one more each.
// While the mail is down nothing is marked as told, and the next run sends
// it.
func TestRemindersGoOncePerThreshold(t *testing.T) {
	ctx := context.Background()
	coop := dpcoop.CoopID("reminders")
	admin := dpcoop.Person{ID: dpcoop.NewID(), Coop: coop, Email: "gweinyddwr@example.org", Role: dpcoop.RoleAdmin, Language: dpcoop.Welsh, Name: "Gwen Admin"}
	pa := dpcoop.PA{ID: dpcoop.NewID(), LegalName: "Catrin Prosser", Email: "catrin@example.org", Language: dpcoop.English, Status: dpcoop.PAActive}
	store, _ := employer(t, admin, pa)
	if _, err := store.AddTraining(ctx, coop, dpcoop.Training{ID: dpcoop.NewID(), PA: pa.ID, Course: dpcoop.CourseFirstAid,
		Completed: "2024-01-20", Expires: "2027-01-20", Provider: "St John", Recorded: day("2026-02-01"), RecordedBy: admin.ID}); err != nil {
		t.Fatal(err)
	}
	mail := &inbox{got: map[string][]dpcoop.Notice{}}
	job := &reminders.Job{Store: store, Services: app.New(store, app.Outside{}), Mail: mail}
	run := func(on string) {
		t.Helper()
		if _, err := job.Coop(ctx, coop, day(on)); err != nil {
			t.Fatal(err)
		}
	}

	run("2027-01-01")
	run("2027-01-01")
	toAdmin, toPA := mail.got[admin.Email], mail.got[pa.Email]
	if len(toAdmin) != 1 || len(toPA) != 1 {
		t.Fatalf("on the first day %d emails to the admin and %d to the PA, want one each", len(toAdmin), len(toPA))
	}
	if a := toAdmin[0]; a.Language != dpcoop.Welsh || a.Subject != "dpcoop: pethau i'w gwneud" ||
		!strings.Contains(a.Body, "Catrin Prosser: mae cymorth cyntaf yn dod i ben ar 2027-01-20") ||
		!strings.Contains(a.Body, "Catrin Prosser: does dim gwiriad dilys o'r hawl i weithio") {
		t.Fatalf("the admin's digest: %+v", a)
	}
	if p := toPA[0]; p.Language != dpcoop.English || !strings.Contains(p.Body, "first aid expires on 2027-01-20") ||
		strings.Contains(p.Body, "right to work") || strings.Contains(p.Body, "insurance") {
		t.Fatalf("the PA's email holds only their own training: %+v", p)
	}

	run("2027-01-15")
	if n := len(mail.got[admin.Email]) + len(mail.got[pa.Email]); n != 2 {
		t.Fatalf("%d emails after a later run with nothing new, want 2", n)
	}

	mail.down = errors.New("mail down")
	if _, err := job.Coop(ctx, coop, day("2027-01-20")); err == nil {
		t.Fatal("a failed email was not reported")
	}
	mail.down = nil
	run("2027-01-20")
	run("2027-01-21")
	toAdmin, toPA = mail.got[admin.Email], mail.got[pa.Email]
	if len(toAdmin) != 2 || len(toPA) != 2 {
		t.Fatalf("after the expiry %d emails to the admin and %d to the PA, want two each", len(toAdmin), len(toPA))
	}
	if b := toPA[1].Body; !strings.Contains(b, "first aid expired on 2027-01-20") {
		t.Fatalf("the PA's second email: %s", b)
	}
	if b := toAdmin[1].Body; !strings.Contains(b, "daeth cymorth cyntaf i ben") || strings.Contains(b, "gwiriad dilys o'r hawl i weithio") {
		t.Fatalf("the admin's second digest tells the expiry and nothing told on the first day: %s", b)
	}
}

// A PA's written statement, issued on 2026-02-01, is still not
// acknowledged 15 days later: the admin's digest and the PA's own email say
// so, once however often the step runs (and not before the 14 days); once
// the PA has read it nothing more is sent, and their home page's to-do is
// empty.
func TestStatementRemindersGoOnce(t *testing.T) {
	ctx := context.Background()
	coop := dpcoop.CoopID("remindstatements")
	admin := dpcoop.Person{ID: dpcoop.NewID(), Coop: coop, Email: "admin@example.org", Role: dpcoop.RoleAdmin, Language: dpcoop.English, Name: "Ann Admin"}
	pa := dpcoop.PA{ID: dpcoop.NewID(), LegalName: "Dewi Morgan", Email: "dewi@example.org", Language: dpcoop.Welsh, Status: dpcoop.PAActive}
	store, e := employer(t, admin, pa)
	services := app.New(store, app.Outside{})
	asAdmin := dpcoop.Principal{Coop: coop, Person: admin.ID, Roles: []dpcoop.Role{dpcoop.RoleAdmin}}
	asPA := dpcoop.Principal{Coop: coop, Person: pa.ID, Roles: []dpcoop.Role{dpcoop.RolePA}}
	if _, err := services.Particulars.Statements(ctx, asAdmin, e.ID, day("2026-02-01")); err != nil {
		t.Fatal(err)
	}
	mail := &inbox{got: map[string][]dpcoop.Notice{}}
	job := &reminders.Job{Store: store, Services: services, Mail: mail}
	const adminLine, paLine = "Dewi Morgan: a written statement of employment particulars has not been acknowledged", "Dewi Morgan: mae datganiad ysgrifenedig o fanylion cyflogaeth heb ei gydnabod"
	told := func(to, line string) int {
		n := 0
		for _, m := range mail.got[to] {
			n += strings.Count(m.Body, line)
		}
		return n
	}
	for _, on := range []string{"2026-02-14", "2026-02-16", "2026-02-16", "2026-02-20"} {
		if _, err := job.Coop(ctx, coop, day(on)); err != nil {
			t.Fatal(err)
		}
		want := 1
		if on == "2026-02-14" {
			want = 0
		}
		if a, p := told(admin.Email, adminLine), told(pa.Email, paLine); a != want || p != want {
			t.Fatalf("on %s the admin was told %d times and the PA %d, want %d each", on, a, p, want)
		}
	}
	if _, err := services.Particulars.Acknowledge(ctx, asPA, e.ID, 1, day("2026-02-21")); err != nil {
		t.Fatal(err)
	}
	if _, err := job.Coop(ctx, coop, day("2026-03-20")); err != nil {
		t.Fatal(err)
	}
	if a, p := told(admin.Email, adminLine), told(pa.Email, paLine); a != 1 || p != 1 {
		t.Fatalf("after the PA read it the admin was told %d times and the PA %d, want still 1 each", a, p)
	}
	if got, err := services.Particulars.ToAcknowledge(ctx, asPA, day("2026-03-20")); err != nil || len(got) != 0 {
		t.Fatalf("the PA's statements still to read: %+v, %v", got, err)
	}
}
