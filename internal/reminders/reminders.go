// Package reminders is the daily step that emails what became due: each
// active admin one digest, in their language, of the reminders that reached
// a threshold since they were last told, and each PA their own training
// expiring and statements to acknowledge (docs/reminders.md). What is due
// is what the admins' dashboard lists, read by the same services; each
// reminder is told to each person once per threshold, however often the
// step runs: a SENT# marker is claimed, conditionally, before the email,
// and released if the email fails. Nothing about a person is logged.
package reminders

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
	"github.com/dpcoop/dpcoop/internal/particulars"
)

// Store is what the step reads and writes beyond the services: each
// co-op's people (who is an active admin or PA, their email and language),
// and the markers of what was told.
type Store interface {
	People(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Access, error)
	ClaimReminder(ctx context.Context, coop dpcoop.CoopID, person, reminder string, at time.Time) (bool, error)
	ReleaseReminder(ctx context.Context, coop dpcoop.CoopID, person, reminder string) error
}

// Job is the reminders step.
type Job struct {
	Store    Store
	Services app.Services
	// Mail sends the digests; nil sends none and tells nothing (the
	// markers are not claimed).
	Mail dpcoop.Notices
}

// Coop tells one co-op's reminders and returns how many emails went: the
// daily work the due queue's consumer does for each co-op (internal/daily),
// once a day, and again for a co-op that failed (the markers keep it from
// telling anyone twice). What is due is read as the co-op's first active
// admin; a co-op with none tells nothing.
func (j *Job) Coop(ctx context.Context, coop dpcoop.CoopID, now time.Time) (int, error) {
	if j.Mail == nil {
		return 0, nil
	}
	people, err := j.Store.People(ctx, coop)
	if err != nil {
		return 0, err
	}
	i := slices.IndexFunc(people, dpcoop.Access.ActiveAdmin)
	if i < 0 {
		return 0, nil
	}
	as := dpcoop.Principal{Coop: coop, Person: people[i].Person, Roles: people[i].Roles}
	all, own, err := Due(ctx, j.Services, as, now)
	if err != nil {
		return 0, err
	}
	sent := 0
	var errs []error
	for _, a := range people {
		var items []dpcoop.Reminder
		switch {
		case a.ActiveAdmin():
			items = all
		case a.Active && slices.Contains(a.Roles, dpcoop.RolePA):
			items = own[a.Person]
		}
		ok, err := j.tell(ctx, coop, a, a.ActiveAdmin(), items, now)
		if ok {
			sent++
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return sent, errors.Join(errs...)
}

// tell emails a person the reminders they have not been told at their
// threshold, in one digest; none new sends nothing.
func (j *Job) tell(ctx context.Context, coop dpcoop.CoopID, to dpcoop.Access, admin bool, items []dpcoop.Reminder, now time.Time) (bool, error) {
	if len(items) == 0 || to.Email == "" {
		return false, nil
	}
	today := dpcoop.DateOf(now)
	var fresh []dpcoop.Reminder
	for _, r := range items {
		ok, err := j.Store.ClaimReminder(ctx, coop, to.Person, r.Key(today), now)
		if err != nil {
			return false, errors.Join(err, j.release(ctx, coop, to.Person, fresh, today))
		}
		if ok {
			fresh = append(fresh, r)
		}
	}
	if len(fresh) == 0 {
		return false, nil
	}
	lang := to.Language
	if lang != dpcoop.Welsh {
		lang = dpcoop.English
	}
	err := j.Mail.Send(ctx, dpcoop.Notice{Coop: coop, Member: to.Person, Kind: "reminders", Channel: dpcoop.ChannelEmail,
		To: to.Email, Language: lang, Subject: messages.Text(lang, "reminder.subject", nil), Body: Digest(lang, admin, fresh, today)})
	if err != nil {
		return false, errors.Join(err, j.release(ctx, coop, to.Person, fresh, today))
	}
	return true, nil
}

// release forgets the claims of a digest that was not sent.
func (j *Job) release(ctx context.Context, coop dpcoop.CoopID, person string, rs []dpcoop.Reminder, today dpcoop.Date) error {
	var errs []error
	for _, r := range rs {
		errs = append(errs, j.Store.ReleaseReminder(ctx, coop, person, r.Key(today)))
	}
	return errors.Join(errs...)
}

// Digest is the email's body: a line for each reminder, between the
// opening for an admin or a PA and the closing.
func Digest(lang dpcoop.Lang, admin bool, rs []dpcoop.Reminder, today dpcoop.Date) string {
	open := "reminder.open.pa"
	if admin {
		open = "reminder.open.admin"
	}
	lines := []string{messages.Text(lang, open, nil), ""}
	for _, r := range rs {
		params := map[string]string{"name": r.About, "date": string(r.Due)}
		if r.Course != "" {
			params["course"] = messages.Text(lang, "reminder.course."+string(r.Course), nil)
		}
		lines = append(lines, "- "+messages.Text(lang, "reminder."+r.Kind+"."+r.Threshold(today), params))
	}
	return strings.Join(append(lines, "", messages.Text(lang, "reminder.close", nil)), "\n")
}

// Due gathers what the dashboard lists as due, read as the admin p: every
// reminder, and those that are a PA's own to act on (their training
// expiring and their statements to acknowledge), by PA.
func Due(ctx context.Context, s app.Services, p dpcoop.Principal, now time.Time) ([]dpcoop.Reminder, map[string][]dpcoop.Reminder, error) {
	var all []dpcoop.Reminder
	own := map[string][]dpcoop.Reminder{}
	training, err := s.Training.Attention(ctx, p, now)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range training {
		for _, t := range a.Due {
			r := dpcoop.Reminder{Kind: dpcoop.ReminderTraining, Ref: a.PA + "#" + t.ID, Due: t.Expires, About: a.Name, Course: t.Course}
			all, own[a.PA] = append(all, r), append(own[a.PA], r)
		}
		for _, c := range a.Missing {
			all = append(all, dpcoop.Reminder{Kind: dpcoop.ReminderTrainingMissing, Ref: a.PA + "#" + string(c), About: a.Name, Course: c})
		}
	}
	rec, err := s.Recruiting.Due(ctx, p, now)
	if err != nil {
		return nil, nil, err
	}
	for _, pa := range rec.NoCheck {
		all = append(all, dpcoop.Reminder{Kind: dpcoop.ReminderRightToWork, Ref: pa.ID, About: pa.LegalName})
	}
	for _, f := range rec.FollowUp {
		all = append(all, dpcoop.Reminder{Kind: dpcoop.ReminderFollowUp, Ref: f.PA.ID, Due: f.By, About: f.PA.LegalName})
	}
	for _, pa := range rec.NoDBS {
		all = append(all, dpcoop.Reminder{Kind: dpcoop.ReminderDBS, Ref: pa.ID, About: pa.LegalName})
	}
	cert, err := s.Insurance.Current(ctx, p, now)
	if err != nil {
		return nil, nil, err
	}
	if cert.State != dpcoop.InsuranceCurrent {
		r := dpcoop.Reminder{Kind: dpcoop.ReminderInsurance, Ref: "missing"}
		if cert.Policy != nil {
			r.Ref, r.Due = "policy", cert.Policy.Expires
		}
		all = append(all, r)
	}
	risks, err := s.Risk.Due(ctx, p, now)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range risks {
		all = append(all, dpcoop.Reminder{Kind: dpcoop.ReminderRiskReview, Ref: a.ID, Due: a.Review, About: a.Title})
	}
	unread, err := s.Particulars.Unacknowledged(ctx, p, now)
	if err != nil {
		return nil, nil, err
	}
	for _, u := range unread {
		r := dpcoop.Reminder{Kind: dpcoop.ReminderStatement, Ref: u.Version.Employment + "#" + strconv.Itoa(u.Version.Number),
			Due: dpcoop.DateOf(u.Version.Issued).AddDays(particulars.UnacknowledgedDays), About: u.PA.LegalName}
		all, own[u.PA.ID] = append(all, r), append(own[u.PA.ID], r)
	}
	return all, own, nil
}
