package local

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// DemoCoop is the co-op a newcomer finds in make dev.
const DemoCoop dpcoop.CoopID = "demo"

// demoPerson is someone seeded in the demo co-op.
type demoPerson struct {
	key     string
	kind    dpcoop.ApplicationKind
	name    string
	lang    dpcoop.Lang
	approve bool
}

var demoPeople = []demoPerson{
	{"gwen", dpcoop.KindMember, "Gwen Morgan", dpcoop.Welsh, true},
	{"rhys", dpcoop.KindMember, "Rhys Price", dpcoop.English, true},
	{"sian", dpcoop.KindMember, "Siân Hughes", dpcoop.Welsh, true},
	{"alun", dpcoop.KindSupporter, "Alun Davies", dpcoop.English, true},
	{"catrin", dpcoop.KindPA, "Catrin Jones", dpcoop.Welsh, true},
	{"tom", dpcoop.KindPA, "Tom Evans", dpcoop.English, true},
	{"dewi", dpcoop.KindMember, "Dewi Thomas", dpcoop.Welsh, false},
	{"ffion", dpcoop.KindPA, "Ffion Roberts", dpcoop.Welsh, false},
}

// DemoAdmin is the id of the demo co-op's admin.
var DemoAdmin = dpcoop.DerivedID("demo", "admin")

// DemoID is the id of a seeded person by their short key ("gwen", "catrin").
func DemoID(key string) string { return dpcoop.DerivedID("application", string(DemoCoop), "seed-"+key) }

// DefaultPerson is who make token speaks for in the demo co-op when no SUB is
// given: its admin, its first member, its first PA.
func DefaultPerson(coop dpcoop.CoopID, role dpcoop.Role) string {
	switch {
	case coop != DemoCoop:
		return dpcoop.DerivedID("local", string(coop), string(role))
	case role == dpcoop.RoleMember:
		return DemoID("gwen")
	case role == dpcoop.RolePA:
		return DemoID("catrin")
	}
	return DemoAdmin
}

// Seed creates the demo co-op with members, a supporter, PAs and pending
// applications, unless it exists. Every id is derived, so seeding twice
// changes nothing.
func Seed(ctx context.Context, s *dynamo.Store, origins []string, now time.Time) error {
	if err := seedIdentities(ctx, s); err != nil {
		return err
	}
	if _, err := s.Coop(ctx, DemoCoop); err == nil {
		return nil
	} else if !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return fmt.Errorf("look for the demo co-op: %w", err)
	}
	if len(origins) == 0 {
		origins = []string{"http://localhost:8080"}
	}
	coop := dpcoop.Coop{
		ID: DemoCoop, NameEN: "Demo Citizen Directed Co-op", NameCY: "Cwmni Cydweithredol a Gyfarwyddir gan Ddinasyddion (Demo)",
		ContactEmail: "board@demo.coop.example", RegisteredOffice: "1 Stryd y Castell, Caerdydd CF10 1AA",
		Origins: append(origins, "https://demo.coop.example"), Language: dpcoop.Welsh,
		// Its records start last month (in London, as the seeded shifts).
		Created: time.Date(now.In(dpcoop.London).Year(), now.In(dpcoop.London).Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0),
	}
	admin := dpcoop.Person{ID: DemoAdmin, Coop: DemoCoop, Email: "admin@demo.coop.example", Role: dpcoop.RoleAdmin, Language: dpcoop.Welsh, Name: "Nia Powell"}
	if _, _, err := s.CreateCoop(ctx, coop, admin, "seed"); err != nil {
		return fmt.Errorf("seed the demo co-op: %w", err)
	}
	for i, p := range demoPeople {
		a := dpcoop.Application{
			ID: DemoID(p.key), Coop: DemoCoop, Kind: p.kind, Name: p.name, Email: p.key + "@demo.coop.example",
			Address: fmt.Sprintf("%d Heol y Dderwen, Caerdydd CF%d 2AB", i+2, 10+i), Language: p.lang,
			ConsentElectronic: true, Status: dpcoop.StatusPending, Received: coop.Created.Add(time.Duration(i) * time.Second),
			Fingerprint: "seed-" + p.key,
		}
		if _, _, err := s.AddApplication(ctx, DemoCoop, a); err != nil {
			return fmt.Errorf("seed an application: %w", err)
		}
		if !p.approve {
			continue
		}
		// Approved when the demo co-op's records start, entered on the register
		// (a migrated register) when the seeded PAs started working for them,
		// so their employments and last month's shifts fall within membership.
		d := dpcoop.Decision{Approve: true, By: DemoAdmin, At: coop.Created}
		if _, err := s.DecideApplication(ctx, DemoCoop, a.ID, d, dpcoop.AdmitOnApproval(taxYearStart(coop.Created))); err != nil {
			return fmt.Errorf("seed a decision: %w", err)
		}
	}
	if err := seedPeople(ctx, s); err != nil {
		return err
	}
	return seedTimesheets(ctx, s, now, taxYearStart(coop.Created), coop.PayrollSettings().PayDate(coop.Created.Format(dpcoop.MonthLayout)))
}

// seedPeople lists the approved demo people among whom can sign in (the
// admin is listed by CreateCoop), as inviting them would.
func seedPeople(ctx context.Context, s *dynamo.Store) error {
	for _, p := range demoPeople {
		if !p.approve {
			continue
		}
		role := dpcoop.RoleMember
		if p.kind == dpcoop.KindPA {
			role = dpcoop.RolePA
		}
		a := dpcoop.Access{Person: DemoID(p.key), Name: p.name, Email: p.key + "@demo.coop.example", Language: p.lang, Roles: []dpcoop.Role{role}, Active: true}
		if _, err := s.PutAccess(ctx, DemoCoop, a, ""); err != nil {
			return fmt.Errorf("seed a person: %w", err)
		}
	}
	return nil
}

// seedIdentities records whom the demo people's emails sign in as on the
// pages (<key>@demo.coop.example, admin@demo.coop.example), as inviting them
// would; recording them again changes nothing.
func seedIdentities(ctx context.Context, s *dynamo.Store) error {
	people := []dpcoop.Person{{ID: DemoAdmin, Coop: DemoCoop, Email: "admin@demo.coop.example", Role: dpcoop.RoleAdmin, Language: dpcoop.Welsh}}
	for _, p := range demoPeople {
		if !p.approve {
			continue
		}
		role := dpcoop.RoleMember
		if p.kind == dpcoop.KindPA {
			role = dpcoop.RolePA
		}
		people = append(people, dpcoop.Person{ID: DemoID(p.key), Coop: DemoCoop, Email: p.key + "@demo.coop.example", Role: role, Language: p.lang})
	}
	for _, p := range people {
		if err := s.AddIdentity(ctx, p); err != nil {
			return fmt.Errorf("seed an identity: %w", err)
		}
	}
	return nil
}

// taxYearStart is 6 April opening the tax year t falls in (London): the
// seeded PAs were hired and employed then, so the whole seeded month lies
// within their employment whatever day the stack starts on.
func taxYearStart(t time.Time) dpcoop.Date {
	end, _ := dpcoop.TaxYearEnd(dpcoop.DateOf(t))
	return dpcoop.Date(fmt.Sprintf("%d-04-06", end.Time().Year()-1))
}

// demoPA is a seeded PA's payroll details.
type demoPA struct {
	key, dob, ni, code string
}

var demoPAs = []demoPA{{"catrin", "1988-03-14", "AB123456C", "C1257L"}, {"tom", "2005-09-02", "CE654321A", "1257L"}}

// demoWork is who works for whom, at what rate, and their pattern in a week
// (weekday, start, end, kind), so the previous month has approved shifts to pay.
type demoWork struct {
	pa, member string
	days       []time.Weekday
	start, end string
	kind       dpcoop.ShiftKind
}

var demoRota = []demoWork{
	{"catrin", "gwen", []time.Weekday{time.Monday, time.Wednesday}, "09:00", "13:00", dpcoop.ShiftStandard},
	{"catrin", "sian", []time.Weekday{time.Tuesday}, "10:00", "14:30", dpcoop.ShiftStandard},
	{"tom", "rhys", []time.Weekday{time.Thursday}, "18:00", "22:00", dpcoop.ShiftStandard},
}

// seedTimesheets completes the seeded PAs' records, employs them, gives Gwen
// a care plan and records last month's shifts, approved, including a shared
// Saturday outing for Gwen and Siân. The PAs started on hired; each has the
// NI category for their age on paid, the seeded month's pay date (M under 21).
func seedTimesheets(ctx context.Context, s *dynamo.Store, now time.Time, hired, paid dpcoop.Date) error {
	for _, p := range demoPAs {
		pa, err := s.PA(ctx, DemoCoop, DemoID(p.key))
		if err != nil {
			return fmt.Errorf("seed a pa: %w", err)
		}
		pa.DateOfBirth, pa.NINumber, pa.TaxCode, pa.Starter = dpcoop.Date(p.dob), p.ni, p.code, "A"
		pa.NICategory, pa.Pension, pa.StartDate, pa.Status = "A", dpcoop.PensionAssess, hired, dpcoop.PAActive
		if !payroll.CategoryFitsAge(payroll.CategoryA, pa.DateOfBirth.Time(), paid.Time()) {
			pa.NICategory = "M"
		}
		pa.Bank = &dpcoop.BankDetails{AccountName: pa.LegalName, SortCode: "089999", AccountNumber: "66374958"}
		if _, err := s.ReplacePA(ctx, DemoCoop, pa, pa.First(DemoAdmin, now)); err != nil {
			return fmt.Errorf("seed a pa: %w", err)
		}
		// Their right to work checked with a share code before they started.
		rtw := dpcoop.RightToWorkCheck{ID: dpcoop.DerivedID("rtw", "seed", p.key), Method: dpcoop.RightToWorkOnline, CheckedOn: hired, CheckedBy: DemoAdmin, Recorded: now.UTC()}
		if _, _, err := s.AddRightToWork(ctx, DemoCoop, pa.ID, rtw); err != nil {
			return fmt.Errorf("seed a right to work check: %w", err)
		}
	}
	var emps []dpcoop.Employment
	for _, w := range append(demoRota, demoWork{pa: "catrin", member: "gwen"}) {
		id := dpcoop.DerivedID("employment", "seed", w.pa, w.member)
		if slices.ContainsFunc(emps, func(e dpcoop.Employment) bool { return e.ID == id }) {
			continue
		}
		const rate = 1345 // the Real Living Wage 2026-27
		e := dpcoop.Employment{ID: id, PA: DemoID(w.pa), Member: DemoID(w.member), Start: hired,
			Rates: dpcoop.Rates{Standard: rate, Night: rate + 50, SleepIn: 9000, BankHoliday: 2 * rate}}
		if _, err := s.AddEmployment(ctx, DemoCoop, e, id); err != nil {
			return fmt.Errorf("seed an employment: %w", err)
		}
		emps = append(emps, e)
	}
	if err := s.SetCarePlan(ctx, DemoCoop, dpcoop.CarePlan{Member: DemoID("gwen"), WeeklyMinutes: 10 * 60, Updated: now.UTC(), UpdatedBy: DemoAdmin}); err != nil {
		return fmt.Errorf("seed a care plan: %w", err)
	}
	first := time.Date(now.In(dpcoop.London).Year(), now.In(dpcoop.London).Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		for _, w := range demoRota {
			if slices.Contains(w.days, d.Weekday()) {
				if err := seedShift(ctx, s, now, d, w.pa, []string{w.member}, w.start, w.end, w.kind); err != nil {
					return err
				}
			}
		}
		if d.Weekday() == time.Saturday {
			if err := seedShift(ctx, s, now, d, "catrin", []string{"gwen", "sian"}, "10:00", "16:00", dpcoop.ShiftStandard); err != nil {
				return err
			}
		}
	}
	return nil
}

func seedShift(ctx context.Context, s *dynamo.Store, now, day time.Time, pa string, members []string, start, end string, kind dpcoop.ShiftKind) error {
	ids := make([]string, len(members))
	for i, m := range members {
		ids[i] = DemoID(m)
	}
	sh, err := dpcoop.ShiftInput{Date: day.Format(dpcoop.DateLayout), Start: start, End: end, Members: ids, Kind: string(kind)}.Validate(now)
	if err != nil {
		return fmt.Errorf("seed a shift: %w", err)
	}
	sh.ID, sh.PA = dpcoop.DerivedID("shift", "seed", pa, sh.Start.String()), DemoID(pa)
	if sh, err = sh.Submit(sh.PA, now); err != nil {
		return fmt.Errorf("seed a shift: %w", err)
	}
	if sh, err = sh.Approve(dpcoop.Principal{Coop: DemoCoop, Person: DemoAdmin, Roles: []dpcoop.Role{dpcoop.RoleAdmin}}, now); err != nil {
		return fmt.Errorf("seed a shift: %w", err)
	}
	if _, err := s.AddShift(ctx, DemoCoop, sh); err != nil {
		return fmt.Errorf("seed a shift: %w", err)
	}
	return nil
}
