package local

import (
	"context"
	"fmt"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
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
		Origins: append(origins, "https://demo.coop.example"), Language: dpcoop.Welsh, Created: now.UTC(),
	}
	admin := dpcoop.Person{ID: DemoAdmin, Coop: DemoCoop, Email: "admin@demo.coop.example", Role: dpcoop.RoleAdmin, Language: dpcoop.Welsh}
	if _, _, err := s.CreateCoop(ctx, coop, admin, "seed"); err != nil {
		return fmt.Errorf("seed the demo co-op: %w", err)
	}
	for i, p := range demoPeople {
		a := dpcoop.Application{
			ID: DemoID(p.key), Coop: DemoCoop, Kind: p.kind, Name: p.name, Email: p.key + "@demo.coop.example",
			Address: fmt.Sprintf("%d Heol y Dderwen, Caerdydd CF%d 2AB", i+2, 10+i), Language: p.lang,
			ConsentElectronic: true, Status: dpcoop.StatusPending, Received: now.UTC().Add(time.Duration(i) * time.Second),
			Fingerprint: "seed-" + p.key,
		}
		if _, _, err := s.AddApplication(ctx, DemoCoop, a); err != nil {
			return fmt.Errorf("seed an application: %w", err)
		}
		if !p.approve {
			continue
		}
		d := dpcoop.Decision{Approve: true, By: DemoAdmin, At: now}
		if _, err := s.DecideApplication(ctx, DemoCoop, a.ID, d, dpcoop.AdmitOnApproval(now)); err != nil {
			return fmt.Errorf("seed a decision: %w", err)
		}
	}
	return nil
}
