// Package activities is the co-op's calendar of joint activities as an
// application service: admins put activities on it, change and cancel
// them; members and PAs see what is coming up; members say whether they
// are coming (admins see who, everyone else only how many). From an
// activity an admin makes the shared shift of a PA who supported it
// (through the timesheets service, so every shift rule applies) and
// charges its cost to its pool as the pool's spending (through the
// accounts service, so the pool's limit and funds apply and the pooling
// step shares it among the pool's members). Each member may have a
// calendar feed at a secret address their calendar app reads.
package activities

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/notices"
)

// Store is what the service reads and writes.
type Store interface {
	Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error)
	Members(ctx context.Context, coop dpcoop.CoopID, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Member], error)
	Pool(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Pool, error)
	// AddActivity keeps a new activity; one kept already under its id is
	// returned as it is.
	AddActivity(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Activity) (dpcoop.Activity, bool, error)
	// SaveActivity writes a change if nobody changed it since it was read.
	SaveActivity(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Activity) (dpcoop.Activity, error)
	Activity(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Activity, error)
	Activities(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Activity, error)
	PutAttendance(ctx context.Context, coop dpcoop.CoopID, at dpcoop.Attendance) error
	Attendances(ctx context.Context, coop dpcoop.CoopID, activity string) ([]dpcoop.Attendance, error)
	// SetFeedToken makes hash the member's only feed token.
	SetFeedToken(ctx context.Context, coop dpcoop.CoopID, member, hash string) error
	FeedMember(ctx context.Context, coop dpcoop.CoopID, hash string) (string, error)
	// DeleteAttendance removes a member's answer; one already gone is no
	// error.
	DeleteAttendance(ctx context.Context, coop dpcoop.CoopID, activity, member string) error
	// DeleteFeedToken ends the member's calendar feed; none is no error.
	DeleteFeedToken(ctx context.Context, coop dpcoop.CoopID, member string) error
}

// Notifier tells each member of a new activity.
type Notifier interface {
	Notify(ctx context.Context, coop dpcoop.CoopID, ev notices.Event, now time.Time) error
}

// Shifts records a PA's shift with every rule of timesheets.
type Shifts interface {
	Record(ctx context.Context, p dpcoop.Principal, in dpcoop.ShiftInput, id func(dpcoop.Shift) (string, error), now time.Time) (dpcoop.Shift, error)
}

// Pools records a pool's spending with the pool's own rules.
type Pools interface {
	Spend(ctx context.Context, p dpcoop.Principal, pool string, in dpcoop.SpendingInput, id func(dpcoop.Spending) (string, error), now time.Time) (dpcoop.Spending, error)
}

// Service answers for the co-op's activities.
type Service struct {
	Store   Store
	Notices Notifier
	Shifts  Shifts
	Pools   Pools
	// Domain names the service in each feed entry's UID.
	Domain string
}

// Listed is an activity as a member, PA or admin sees it in the list: how
// many are coming and, for a member, whether they are.
type Listed struct {
	dpcoop.Activity
	Coming int   `json:"coming_count"`
	Mine   *bool `json:"i_am_coming,omitempty"`
}

// Attendee is a member coming, as the admins see them.
type Attendee struct {
	Member string `json:"member_id"`
	Name   string `json:"name"`
}

// Create puts an activity on the calendar under id (a retried request
// finds it again) and tells every current member of it, once.
func (s *Service) Create(ctx context.Context, p dpcoop.Principal, in dpcoop.ActivityInput, id string, now time.Time) (dpcoop.Activity, error) {
	if err := p.Admin("add activity"); err != nil {
		return dpcoop.Activity{}, err
	}
	a, err := in.Validate(id, p.Person, now)
	if err != nil {
		return a, err
	}
	if err := s.checkPool(ctx, p.Coop, a.Pool); err != nil {
		return a, err
	}
	a, _, err = s.Store.AddActivity(ctx, p.Coop, a)
	if err != nil {
		return a, err
	}
	// A retry after a failed notice comes here again: Notify keeps one
	// notice per member and activity.
	return a, s.tell(ctx, p.Coop, a, now)
}

// checkPool refuses a pool the co-op does not have.
func (s *Service) checkPool(ctx context.Context, coop dpcoop.CoopID, pool string) error {
	if pool == "" {
		return nil
	}
	_, err := s.Store.Pool(ctx, coop, pool)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		var pr dpcoop.Problems
		pr.Add("pool_id", dpcoop.FieldChoice)
		return pr.Err("activity")
	}
	return err
}

// tell sends each current member the new activity's notice.
func (s *Service) tell(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Activity, now time.Time) error {
	req := dpcoop.PageRequest{Limit: 100}
	for {
		page, err := s.Store.Members(ctx, coop, req)
		if err != nil {
			return err
		}
		for _, m := range page.Items {
			if !m.Active(dpcoop.DateOf(now)) {
				continue
			}
			ev := notices.Event{Person: m.ID, Kind: dpcoop.NoticeNewActivity, Text: "new_activity", Ref: a.ID,
				Params: map[string]string{"title": a.Title(m.Language), "date": string(dpcoop.DateOf(a.Start))}}
			if err := s.Notices.Notify(ctx, coop, ev, now); err != nil {
				return err
			}
		}
		if page.Next == "" {
			return nil
		}
		req.Cursor = page.Next
	}
}

// Edit changes an activity that is not cancelled; once its cost is charged
// neither the cost nor the pool may change.
func (s *Service) Edit(ctx context.Context, p dpcoop.Principal, id string, in dpcoop.ActivityInput, now time.Time) (dpcoop.Activity, error) {
	const op = "edit activity"
	was, err := s.adminActivity(ctx, p, op, id)
	if err != nil {
		return was, err
	}
	a, err := in.Validate(id, was.CreatedBy, was.Created)
	if err != nil {
		return was, err
	}
	if was.Spending != "" && (a.CostPence != was.CostPence || a.Pool != was.Pool) {
		return was, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeActivityCharged)
	}
	if err := s.checkPool(ctx, p.Coop, a.Pool); err != nil {
		return was, err
	}
	a.Spending, a.Version = was.Spending, was.Version
	return s.Store.SaveActivity(ctx, p.Coop, a)
}

// adminActivity reads an activity for an admin's change: cancelled ones
// cannot change.
func (s *Service) adminActivity(ctx context.Context, p dpcoop.Principal, op, id string) (dpcoop.Activity, error) {
	if err := p.Admin(op); err != nil {
		return dpcoop.Activity{}, err
	}
	a, err := s.activity(ctx, p.Coop, op, id)
	if err == nil && a.Cancelled {
		err = dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeActivityCancelled)
	}
	return a, err
}

// activity reads one activity; an id that cannot be one is not found.
func (s *Service) activity(ctx context.Context, coop dpcoop.CoopID, op, id string) (dpcoop.Activity, error) {
	if !dpcoop.ValidID(id) {
		return dpcoop.Activity{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return s.Store.Activity(ctx, coop, id)
}

// Cancel takes an activity off the calendar (feeds show it cancelled). One
// whose cost was charged is refused: the pool's spending stands. Cancelling
// again changes nothing.
func (s *Service) Cancel(ctx context.Context, p dpcoop.Principal, id string) (dpcoop.Activity, error) {
	const op = "cancel activity"
	if err := p.Admin(op); err != nil {
		return dpcoop.Activity{}, err
	}
	a, err := s.activity(ctx, p.Coop, op, id)
	if err != nil || a.Cancelled {
		return a, err
	}
	if a.Spending != "" {
		return a, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeActivityCharged)
	}
	a.Cancelled = true
	return s.Store.SaveActivity(ctx, p.Coop, a)
}

// Upcoming lists the activities still to come, soonest first, with how
// many are coming and, for a member, whether they are.
func (s *Service) Upcoming(ctx context.Context, p dpcoop.Principal, now time.Time) ([]Listed, error) {
	all, err := s.Store.Activities(ctx, p.Coop)
	if err != nil {
		return nil, err
	}
	out := []Listed{}
	for _, a := range all {
		if !a.Upcoming(now) {
			continue
		}
		coming, err := s.coming(ctx, p.Coop, a.ID)
		if err != nil {
			return nil, err
		}
		l := Listed{Activity: a, Coming: len(coming)}
		if p.Has(dpcoop.RoleMember) {
			mine := slices.Contains(coming, p.Person)
			l.Mine = &mine
		}
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b Listed) int { return a.Start.Compare(b.Start) })
	return out, nil
}

// coming are the members whose last answer was yes, in id order.
func (s *Service) coming(ctx context.Context, coop dpcoop.CoopID, activity string) ([]string, error) {
	all, err := s.Store.Attendances(ctx, coop, activity)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, at := range all {
		if at.Coming {
			out = append(out, at.Member)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Answer records whether the acting member is coming to an upcoming
// activity; they may change their mind until it ends.
func (s *Service) Answer(ctx context.Context, p dpcoop.Principal, id string, coming bool, now time.Time) (dpcoop.Attendance, error) {
	const op = "say coming"
	if !p.Has(dpcoop.RoleMember) {
		return dpcoop.Attendance{}, dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	a, err := s.activity(ctx, p.Coop, op, id)
	if err != nil {
		return dpcoop.Attendance{}, err
	}
	if !a.Upcoming(now) {
		return dpcoop.Attendance{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeActivityCancelled)
	}
	at := dpcoop.Attendance{Activity: a.ID, Member: p.Person, Coming: coming, At: now.UTC()}
	return at, s.Store.PutAttendance(ctx, p.Coop, at)
}

// WhoIsComing lists, for an admin only, the members coming to an activity.
func (s *Service) WhoIsComing(ctx context.Context, p dpcoop.Principal, id string) ([]Attendee, error) {
	const op = "read who is coming"
	if err := p.Admin(op); err != nil {
		return nil, err
	}
	if _, err := s.activity(ctx, p.Coop, op, id); err != nil {
		return nil, err
	}
	ids, err := s.coming(ctx, p.Coop, id)
	if err != nil {
		return nil, err
	}
	out := make([]Attendee, 0, len(ids))
	for _, m := range ids {
		rec, err := s.Store.Member(ctx, p.Coop, m)
		if err != nil {
			return nil, err
		}
		out = append(out, Attendee{Member: m, Name: rec.Name})
	}
	return out, nil
}

// MakeShift records, as a draft for the PA to submit, the shared shift of a
// PA who supported the activity: its times, the members coming, charged
// to its pool. The timesheets service checks it as any shift (the PA's
// employments, overlaps, the pool, not in the future), so it can be made
// once the activity is over. Made again, it is the same shift.
func (s *Service) MakeShift(ctx context.Context, p dpcoop.Principal, id, pa string, now time.Time) (dpcoop.Shift, error) {
	const op = "make activity shift"
	a, err := s.adminActivity(ctx, p, op, id)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	var pr dpcoop.Problems
	if !dpcoop.ValidID(pa) {
		pr.Add("pa_id", dpcoop.FieldChoice)
	}
	coming, err := s.coming(ctx, p.Coop, a.ID)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	if len(coming) == 0 {
		pr.Add("members", dpcoop.FieldRequired)
	}
	if err := pr.Err(op); err != nil {
		return dpcoop.Shift{}, err
	}
	// The draft is the PA's own: the PA submits it, and the members (or an
	// admin) approve it, as any shift.
	as := dpcoop.Principal{Coop: p.Coop, Person: pa, Roles: []dpcoop.Role{dpcoop.RolePA}}
	return s.Shifts.Record(ctx, as, a.ActivityShift(coming), func(dpcoop.Shift) (string, error) {
		return dpcoop.DerivedID("activity-shift", a.ID, pa), nil
	}, now)
}

// Charge records the activity's cost as its pool's spending, dated the day
// it starts, once it has started: within the pool's limit at once, above it
// when most of the pool's members approve; at month end the pooling step
// shares the pool's spending among its members by the pool's rule.
// Charging again changes nothing.
func (s *Service) Charge(ctx context.Context, p dpcoop.Principal, id string, now time.Time) (dpcoop.Activity, error) {
	const op = "charge activity"
	a, err := s.adminActivity(ctx, p, op, id)
	if err != nil || a.Spending != "" {
		return a, err
	}
	if a.CostPence == 0 || now.Before(a.Start) {
		return a, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeActivityNotOver)
	}
	sp, err := s.Pools.Spend(ctx, p, a.Pool, a.Spend(), func(dpcoop.Spending) (string, error) {
		return dpcoop.DerivedID("activity-spending", a.ID), nil
	}, now)
	if err != nil {
		return a, err
	}
	a.Spending = sp.ID
	return s.Store.SaveActivity(ctx, p.Coop, a)
}

// feedEncoding writes feed tokens in lower-case letters and digits only.
var feedEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// hashToken is what the store keeps of a feed token: never the token.
func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// NewFeedToken gives the acting member a new secret token for their
// calendar feed; the one before stops working. The token is shown only now.
func (s *Service) NewFeedToken(ctx context.Context, p dpcoop.Principal) (string, error) {
	if !p.Has(dpcoop.RoleMember) {
		return "", dpcoop.E("new feed token", dpcoop.KindForbidden, dpcoop.CodeForbidden)
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", dpcoop.Wrap("new feed token", err)
	}
	token := strings.ToLower(feedEncoding.EncodeToString(b))
	return token, s.Store.SetFeedToken(ctx, p.Coop, p.Person, hashToken(token))
}

// FeedDays is how long after an activity ends its feed still lists it.
const FeedDays = 30

// Feed is the iCalendar feed of the member whose token this is: the
// activities they said they are coming to, from FeedDays ago on (cancelled
// ones marked so, to leave their calendar), in their language. A token
// that is not current is not found.
func (s *Service) Feed(ctx context.Context, coop dpcoop.CoopID, token string, now time.Time) ([]byte, error) {
	const op = "read calendar feed"
	if len(token) < 40 || len(token) > 64 {
		return nil, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	member, err := s.Store.FeedMember(ctx, coop, hashToken(token))
	if err != nil {
		return nil, err
	}
	m, err := s.Store.Member(ctx, coop, member)
	if err != nil {
		return nil, err
	}
	all, err := s.Store.Activities(ctx, coop)
	if err != nil {
		return nil, err
	}
	var mine []dpcoop.Activity
	from := now.AddDate(0, 0, -FeedDays)
	for _, a := range all {
		if !a.End.After(from) {
			continue
		}
		coming, err := s.coming(ctx, coop, a.ID)
		if err != nil {
			return nil, err
		}
		if slices.Contains(coming, member) {
			mine = append(mine, a)
		}
	}
	slices.SortFunc(mine, func(a, b dpcoop.Activity) int { return a.Start.Compare(b.Start) })
	return dpcoop.Calendar(mine, m.Language, s.Domain, now), nil
}

// MemberLeft is a member's ceasing as the calendar sees it (a
// dpcoop.LeavingStep): their answers to activities not yet begun are
// removed, so the counts drop, and their calendar feed ends (its address
// is not found). Answers to activities that have begun stay: they record
// who took part, which a shift or a pool's spending may rest on
// (docs/leaving.md). Run again, it finds nothing to do.
func (s *Service) MemberLeft(ctx context.Context, p dpcoop.Principal, member string, now time.Time) error {
	all, err := s.Store.Activities(ctx, p.Coop)
	if err != nil {
		return err
	}
	for _, a := range all {
		if !a.Start.After(now) {
			continue
		}
		if err := s.Store.DeleteAttendance(ctx, p.Coop, a.ID, member); err != nil {
			return err
		}
	}
	return s.Store.DeleteFeedToken(ctx, p.Coop, member)
}
