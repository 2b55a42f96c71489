package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/members"
	"github.com/dpcoop/dpcoop/internal/signup"
)

// Members tests members.Store: applications are listed by status oldest
// first a page at a time, a decision is made once (approvals raced admit one
// member), the register is listed a page at a time and keeps ceased members,
// a cessation is recorded once, a member's own records and pools are read
// by member, and nothing is read from or decided in another co-op.
func Members(t *testing.T, open Open[members.Store]) {
	run(t, open, map[string]func(*testing.T, members.Store, Fixture){
		"ApplicationsPageOldestFirst":       applicationsPageOldestFirst,
		"ApproveEntersTheRegisterOnceRaced": approveEntersTheRegisterOnceRaced,
		"RejectingAPAEntersNobody":          rejectingAPAEntersNobody,
		"CeaseKeepsTheEntry":                ceaseKeepsTheEntry,
		"MembersPageWithoutSkipOrRepeat":    membersPageWithoutSkipOrRepeat,
		"MembersStayInTheirCoop":            membersStayInTheirCoop,
		"SubjectRecordsAreTheMembers":       subjectRecordsAreTheMembers,
		"PoolsOfMemberAreTheirs":            poolsOfMemberAreTheirs,
	})
}

// Signup tests signup.Store: a co-op's slug is taken once (the same request
// again is the co-op it made), and an application is stored once.
func Signup(t *testing.T, open Open[signup.Store]) {
	run(t, open, map[string]func(*testing.T, signup.Store, Fixture){
		"CreateCoopSlugIsUniqueButARepeatIsTheSame": createCoopSlugIsUniqueButARepeatIsTheSame,
		"AddApplicationIsIdempotent":                addApplicationIsIdempotent,
	})
}

// application is a pending application to c received at Day.
func application(c dpcoop.CoopID, kind dpcoop.ApplicationKind) dpcoop.Application {
	id := dpcoop.NewID()
	return dpcoop.Application{ID: id, Coop: c, Kind: kind, Name: "Person " + id, Email: id + "@example.org", Address: "2 Heol y Frenhines",
		Language: dpcoop.English, ConsentElectronic: true, Status: dpcoop.StatusPending, Received: Day, Fingerprint: "fp-" + id}
}

var admit = dpcoop.AdmitOnApproval(dpcoop.DateOf(Day))

func applicationsPageOldestFirst(t *testing.T, s members.Store, f Fixture) {
	ctx := context.Background()
	var want []string
	for _, after := range []time.Duration{0, 100 * time.Millisecond, 150 * time.Millisecond, 500 * time.Millisecond, time.Second} {
		a := application(f.Coop, dpcoop.KindMember)
		a.Received = Day.Add(after)
		f.Apply(t, a)
		want = append(want, a.Name)
	}
	for _, limit := range []int{1, 2, 5} {
		var names []string
		for _, a := range pages(t, limit, func(p dpcoop.PageRequest) (dpcoop.Page[dpcoop.Application], error) {
			return s.Applications(ctx, f.Coop, dpcoop.StatusPending, p)
		}) {
			names = append(names, a.Name)
		}
		if fmt.Sprint(names) != fmt.Sprint(want) {
			t.Fatalf("pages of %d: %v, want oldest first %v", limit, names, want)
		}
	}
	if got := must(s.Applications(ctx, f.Coop, dpcoop.StatusApproved, dpcoop.PageRequest{}))(t); len(got.Items) != 0 {
		t.Fatalf("%d approved, want none", len(got.Items))
	}
	_, err := s.Applications(ctx, f.Coop, dpcoop.StatusPending, dpcoop.PageRequest{Cursor: "not-a-cursor"})
	wantCode(t, err, dpcoop.KindInvalid, dpcoop.CodeValidation)
}

func approveEntersTheRegisterOnceRaced(t *testing.T, s members.Store, f Fixture) {
	ctx := context.Background()
	a := application(f.Coop, dpcoop.KindMember)
	f.Apply(t, a)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			_, err := s.DecideApplication(ctx, f.Coop, a.ID, dpcoop.Decision{Approve: true, By: "admin1", At: Day}, admit)
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
	register := must(s.Members(ctx, f.Coop, dpcoop.PageRequest{}))(t)
	if len(register.Items) != 1 {
		t.Fatalf("want one member, got %d", len(register.Items))
	}
	m := register.Items[0]
	if m.Shares != 1 || m.SharesPaidPence != 100 || m.Entered != dpcoop.DateOf(Day) || m.ElectronicAddress != a.Email || m.Name != a.Name || m.Address != a.Address {
		t.Fatalf("register entry lacks s.30 fields: %+v", m)
	}
	pending := must(s.Applications(ctx, f.Coop, dpcoop.StatusPending, dpcoop.PageRequest{}))(t)
	approved := must(s.Applications(ctx, f.Coop, dpcoop.StatusApproved, dpcoop.PageRequest{}))(t)
	if len(pending.Items) != 0 || len(approved.Items) != 1 || approved.Items[0].MemberID != m.ID {
		t.Fatalf("status index: pending %d approved %d", len(pending.Items), len(approved.Items))
	}
	_, err := s.DecideApplication(ctx, f.Coop, a.ID, dpcoop.Decision{Approve: false, Reason: "no", By: "admin2", At: Day}, admit)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeAlreadyDecided)
}

func rejectingAPAEntersNobody(t *testing.T, s members.Store, f Fixture) {
	ctx := context.Background()
	a := application(f.Coop, dpcoop.KindPA)
	f.Apply(t, a)
	got, err := s.DecideApplication(ctx, f.Coop, a.ID, dpcoop.Decision{Reason: "No vacancy", By: "admin1", At: Day}, admit)
	if err != nil || got.Status != dpcoop.StatusRejected || got.Reason != "No vacancy" {
		t.Fatalf("%v %+v", err, got)
	}
	if ms := must(s.Members(ctx, f.Coop, dpcoop.PageRequest{}))(t); len(ms.Items) != 0 {
		t.Fatal("a rejected application entered the register")
	}
	if read := must(s.Application(ctx, f.Coop, a.ID))(t); read.Status != dpcoop.StatusRejected {
		t.Fatalf("read back %+v", read)
	}
}

func ceaseKeepsTheEntry(t *testing.T, s members.Store, f Fixture) {
	ctx := context.Background()
	m := f.Member(t)
	_, err := s.CeaseMember(ctx, f.Coop, m.ID, dpcoop.Cessation{Date: m.Entered.AddDays(-1), By: "admin1"})
	wantCode(t, err, dpcoop.KindInvalid, dpcoop.CodeValidation)
	got, err := s.CeaseMember(ctx, f.Coop, m.ID, dpcoop.Cessation{Date: m.Entered, Reason: "moved away", By: "admin1"})
	if err != nil || got.Ceased != m.Entered || got.CeaseReason != "moved away" {
		t.Fatalf("%v %+v", err, got)
	}
	if _, err := s.CeaseMember(ctx, f.Coop, m.ID, dpcoop.Cessation{Date: m.Entered, By: "admin1"}); err != nil {
		t.Fatalf("same cessation again: %v", err)
	}
	_, err = s.CeaseMember(ctx, f.Coop, m.ID, dpcoop.Cessation{Date: m.Entered.AddDays(1), By: "admin1"})
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeAlreadyCeased)
	if ms := must(s.Members(ctx, f.Coop, dpcoop.PageRequest{}))(t); len(ms.Items) != 1 || ms.Items[0].Ceased != m.Entered {
		t.Fatalf("ceasing removed or changed the entry: %+v", ms.Items)
	}
}

func membersPageWithoutSkipOrRepeat(t *testing.T, s members.Store, f Fixture) {
	ctx := context.Background()
	want := map[string]bool{}
	for range 5 {
		want[f.Member(t).ID] = true
	}
	for _, limit := range []int{1, 2, 5} {
		got := pages(t, limit, func(p dpcoop.PageRequest) (dpcoop.Page[dpcoop.Member], error) { return s.Members(ctx, f.Coop, p) })
		seen := map[string]bool{}
		for _, m := range got {
			if !want[m.ID] || seen[m.ID] {
				t.Fatalf("pages of %d listed %s unasked or twice", limit, m.ID)
			}
			seen[m.ID] = true
		}
		if len(seen) != len(want) {
			t.Fatalf("pages of %d listed %d of %d members", limit, len(seen), len(want))
		}
	}
}

func membersStayInTheirCoop(t *testing.T, s members.Store, f Fixture) {
	ctx := context.Background()
	m := f.Member(t)
	a := application(f.Coop, dpcoop.KindMember)
	f.Apply(t, a)
	_, err := s.Member(ctx, f.Other, m.ID)
	wantNotFound(t, err)
	_, err = s.Application(ctx, f.Other, a.ID)
	wantNotFound(t, err)
	if got := must(s.Members(ctx, f.Other, dpcoop.PageRequest{}))(t); len(got.Items) != 0 {
		t.Fatalf("another co-op listed %d members", len(got.Items))
	}
	if got := must(s.Applications(ctx, f.Other, dpcoop.StatusPending, dpcoop.PageRequest{}))(t); len(got.Items) != 0 {
		t.Fatalf("another co-op listed %d applications", len(got.Items))
	}
	// A cursor from one co-op, used in another, reads only the other's.
	f.Apply(t, application(f.Coop, dpcoop.KindMember))
	first := must(s.Applications(ctx, f.Coop, dpcoop.StatusPending, dpcoop.PageRequest{Limit: 1}))(t)
	if other, err := s.Applications(ctx, f.Other, dpcoop.StatusPending, dpcoop.PageRequest{Cursor: first.Next}); err == nil && len(other.Items) != 0 {
		t.Fatalf("a cursor read %d applications of another co-op", len(other.Items))
	}
	_, err = s.DecideApplication(ctx, f.Other, a.ID, dpcoop.Decision{Approve: true, By: "admin1", At: Day}, admit)
	wantNotFound(t, err)
	_, err = s.CeaseMember(ctx, f.Other, m.ID, dpcoop.Cessation{Date: m.Entered, By: "admin1"})
	wantNotFound(t, err)
	if read := must(s.Member(ctx, f.Coop, m.ID))(t); read.Ceased != "" {
		t.Fatalf("a cessation through another co-op ceased %+v", read)
	}
	if read := must(s.Application(ctx, f.Coop, a.ID))(t); read.Status != dpcoop.StatusPending {
		t.Fatalf("a decision through another co-op decided %+v", read)
	}
}

func createCoopSlugIsUniqueButARepeatIsTheSame(t *testing.T, s signup.Store, f Fixture) {
	ctx := context.Background()
	slug := f.Coop + "x"
	c := dpcoop.Coop{ID: slug, NameEN: "Co-op " + string(slug), NameCY: "Cwmni " + string(slug), ContactEmail: "admin@example.org",
		RegisteredOffice: "1 Stryd Fawr, Caerdydd", Origins: []string{"https://" + string(slug) + ".example"}, Language: dpcoop.Welsh, Created: Day}
	admin := dpcoop.Person{ID: dpcoop.NewID(), Coop: slug, Email: "a@example.org", Role: dpcoop.RoleAdmin, Language: dpcoop.Welsh}
	if _, _, err := s.CreateCoop(ctx, c, admin, "fp1"); err != nil {
		t.Fatal(err)
	}
	got, p, err := s.CreateCoop(ctx, c, dpcoop.Person{ID: dpcoop.NewID()}, "fp1")
	if err != nil || got.ID != slug || p.ID != admin.ID || p.Email != admin.Email {
		t.Fatalf("repeat: %v %+v %+v", err, got, p)
	}
	_, _, err = s.CreateCoop(ctx, c, admin, "fp2")
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeSlugTaken)
	read := must(s.Coop(ctx, slug))(t)
	if read.NameCY != c.NameCY || read.Origins[0] != c.Origins[0] {
		t.Fatalf("read back %+v", read)
	}
	_, err = s.Coop(ctx, slug+"y")
	wantNotFound(t, err)
}

func addApplicationIsIdempotent(t *testing.T, s signup.Store, f Fixture) {
	ctx := context.Background()
	a := application(f.Coop, dpcoop.KindMember)
	if _, created, err := s.AddApplication(ctx, f.Coop, a); err != nil || !created {
		t.Fatalf("first: %v %v", created, err)
	}
	again := a
	again.Received = Day.Add(time.Minute)
	got, created, err := s.AddApplication(ctx, f.Coop, again)
	if err != nil || created || !got.Received.Equal(Day) {
		t.Fatalf("second: created=%v err=%v received=%v", created, err, got.Received)
	}
	other := a
	other.Fingerprint = "different"
	_, _, err = s.AddApplication(ctx, f.Coop, other)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeIdempotencyMismatch)
	// The same id in another co-op is another application.
	if _, created, err := s.AddApplication(ctx, f.Other, other); err != nil || !created {
		t.Fatalf("another co-op: %v %v", created, err)
	}
}

func subjectRecordsAreTheMembers(t *testing.T, s members.Store, f Fixture) {
	ctx := context.Background()
	m := f.Member(t)
	got := must(s.SubjectRecords(ctx, f.Coop, m.ID, whole))(t)
	if got.Member.ID != m.ID || got.Application == nil || got.Application.ID != m.ApplicationID || got.CarePlan != nil {
		t.Fatalf("records %+v, want the member and their application, no care plan", got)
	}
	plans, ok := s.(interface {
		SetCarePlan(ctx context.Context, coop dpcoop.CoopID, plan dpcoop.CarePlan) error
	})
	if !ok {
		t.Fatal("the store keeps no care plans, so a member's cannot be read with their records")
	}
	noErr(t, plans.SetCarePlan(ctx, f.Coop, dpcoop.CarePlan{Member: m.ID, WeeklyMinutes: 600, Updated: Day, UpdatedBy: "admin"}))
	if got := must(s.SubjectRecords(ctx, f.Coop, m.ID, whole))(t); got.CarePlan == nil || got.CarePlan.WeeklyMinutes != 600 {
		t.Fatalf("care plan %+v", got.CarePlan)
	}
	_, err := s.SubjectRecords(ctx, f.Other, m.ID, whole)
	wantCode(t, err, dpcoop.KindNotFound, dpcoop.CodeNotFound)
}

// whole is the page of a member's whole history.
func whole(dpcoop.Member) dpcoop.SubjectYear { return dpcoop.WholeHistory }

func poolsOfMemberAreTheirs(t *testing.T, s members.Store, f Fixture) {
	ctx := context.Background()
	m, other := f.Member(t), f.Member(t)
	poolsOf := func(coop dpcoop.CoopID, id string) []dpcoop.PoolMember {
		t.Helper()
		got, err := s.SubjectRecords(ctx, coop, id, whole)
		if dpcoop.IsKind(err, dpcoop.KindNotFound) {
			return nil
		}
		return must(got, err)(t).Pools
	}
	if got := poolsOf(f.Coop, m.ID); len(got) != 0 {
		t.Fatalf("before any pool: %+v", got)
	}
	pools, ok := s.(interface {
		AddPool(ctx context.Context, coop dpcoop.CoopID, p dpcoop.Pool) (dpcoop.Pool, error)
		JoinPool(ctx context.Context, coop dpcoop.CoopID, m dpcoop.PoolMember) (dpcoop.PoolMember, error)
		LeavePool(ctx context.Context, coop dpcoop.CoopID, pool, member string, left dpcoop.Date, settle *dpcoop.Entry) error
	})
	if !ok {
		t.Fatal("the store keeps no pools, so a member's cannot be read")
	}
	for _, id := range []string{"p1", "p2", "p3"} {
		must(pools.AddPool(ctx, f.Coop, dpcoop.Pool{ID: id, NameEN: "Pool " + id, NameCY: "Cronfa " + id, Rule: dpcoop.RuleEqualShare, SpendingLimit: 1000}))(t)
	}
	join := func(pool, member string) {
		must(pools.JoinPool(ctx, f.Coop, dpcoop.PoolMember{Pool: pool, Member: member, Weight: 1, Joined: dpcoop.DateOf(Day), ConsentBy: "admin", ConsentAt: Day}))(t)
	}
	join("p1", m.ID)
	join("p3", m.ID)
	join("p2", other.ID)
	got := poolsOf(f.Coop, m.ID)
	if len(got) != 2 || got[0].Pool != "p1" || got[1].Pool != "p3" || got[0].Member != m.ID {
		t.Fatalf("%s's pools %+v, want p1 and p3", m.ID, got)
	}
	// Leaving is in the member's copy too.
	noErr(t, pools.LeavePool(ctx, f.Coop, "p3", m.ID, dpcoop.DateOf(Day).AddDays(1), nil))
	if got := poolsOf(f.Coop, m.ID); len(got) != 2 || got[1].Pool != "p3" || got[1].Left != dpcoop.DateOf(Day).AddDays(1) || got[0].Left != "" {
		t.Fatalf("after leaving p3: %+v", got)
	}
	if got := poolsOf(f.Other, m.ID); len(got) != 0 {
		t.Fatalf("another co-op read %+v", got)
	}
}
