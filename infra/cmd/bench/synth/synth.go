// Package synth builds synthetic co-ops for make bench: members on the
// register, PAs with complete payroll records, employments, care plans and a
// month of approved shifts, written through the store as the service writes
// them. A built co-op can be copied under other names with BatchWriteItem,
// so a hosted service of many co-ops is seeded without thousands of
// transactions (fewer round trips to the local database).
//
// It is a measuring tool: nothing in the service imports it.
package synth

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/meter"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
)

// Spec describes a synthetic co-op.
type Spec struct {
	Coop    dpcoop.CoopID
	Members int // on the register (default 30)
	PAs     int // each employed by three members (default 10)
	// Created is when the co-op joined; the admin decided every application
	// then.
	Created  time.Time
	Settings dpcoop.PayrollSettings
	// Weeks of work: every PA's full pattern (about seven shifts a week,
	// 27 hours) on the days in [From, To), approved.
	From, To dpcoop.Date
	// Light, if set, are further months with one shift per employment each,
	// approved (a payroll history that is cheap to build).
	Light []string
	// Now is the clock shifts are validated against (none may end after it).
	Now time.Time
}

// Coop is what Build made: ids to drive a benchmark with.
type Coop struct {
	ID          dpcoop.CoopID
	Admin       string
	Members     []string
	PAs         []string
	Employments []dpcoop.Employment
	Shifts      int
}

// MemberID, PAID and AdminID are the ids Build gives; they do not depend on
// the co-op, so a copy under another name has the same ones.
func MemberID(i int) string { return dpcoop.DerivedID("synth-member", fmt.Sprint(i)) }

// PAID is the id of the i-th PA.
func PAID(i int) string { return dpcoop.DerivedID("synth-pa", fmt.Sprint(i)) }

// AdminID is the id of the co-op's first admin.
func AdminID() string { return dpcoop.DerivedID("synth-admin") }

var (
	firstNames = []string{"Gwen", "Rhys", "Siân", "Dewi", "Ffion", "Alun", "Catrin", "Tom", "Eleri", "Iwan", "Nia", "Owain", "Mared", "Huw", "Lowri"}
	lastNames  = []string{"Morgan", "Price", "Hughes", "Thomas", "Roberts", "Davies", "Jones", "Evans", "Williams", "Lewis", "Jenkins", "Griffiths"}
	towns      = []string{"Caerdydd CF10", "Abertawe SA1", "Bangor LL57", "Aberystwyth SY23", "Wrecsam LL11", "Casnewydd NP20", "Caerfyrddin SA31"}
)

func name(i int) string {
	return firstNames[i%len(firstNames)] + " " + lastNames[(i/len(firstNames)+i)%len(lastNames)]
}

func lang(i int) dpcoop.Lang {
	if i%2 == 0 {
		return dpcoop.Welsh
	}
	return dpcoop.English
}

// Build writes the co-op into the table through the store (its shifts with
// AddShifts).
func Build(ctx context.Context, db *dynamodb.Client, table string, spec Spec) (Coop, error) {
	s := dynamo.New(db, table)
	if spec.Members == 0 {
		spec.Members = 30
	}
	if spec.PAs == 0 {
		spec.PAs = 10
	}
	c := Coop{ID: spec.Coop, Admin: AdminID()}
	coop := dpcoop.Coop{
		ID: spec.Coop, NameEN: "Synthetic Citizen Directed Co-op", NameCY: "Cwmni Cydweithredol a Gyfarwyddir gan Ddinasyddion",
		ContactEmail: "board@coop.example", RegisteredOffice: "1 Stryd y Castell, Caerdydd CF10 1AA",
		Origins: []string{"https://coop.example"}, Language: dpcoop.Welsh, Created: spec.Created.UTC(),
	}
	admin := dpcoop.Person{ID: c.Admin, Coop: spec.Coop, Email: "admin@coop.example", Role: dpcoop.RoleAdmin, Language: dpcoop.Welsh}
	if _, _, err := s.CreateCoop(ctx, coop, admin, "synth"); err != nil {
		return c, fmt.Errorf("synth: create co-op: %w", err)
	}
	if err := s.SetPayrollSettings(ctx, spec.Coop, spec.Settings); err != nil {
		return c, fmt.Errorf("synth: payroll settings: %w", err)
	}
	decided := spec.Created.Add(time.Hour)
	for i := range spec.Members {
		a := dpcoop.Application{
			ID: MemberID(i), Coop: spec.Coop, Kind: dpcoop.KindMember, Name: name(i),
			Email: fmt.Sprintf("member%d@coop.example", i), Phone: fmt.Sprintf("07700 9%05d", i),
			Address: fmt.Sprintf("%d Heol y Dderwen, %s %dAB", i+2, towns[i%len(towns)], i%9+1), Language: lang(i),
			ConsentElectronic: true, Status: dpcoop.StatusPending, Received: spec.Created.UTC(), Fingerprint: "synth-" + fmt.Sprint(i),
		}
		if _, _, err := s.AddApplication(ctx, spec.Coop, a); err != nil {
			return c, fmt.Errorf("synth: application: %w", err)
		}
		if _, err := s.DecideApplication(ctx, spec.Coop, a.ID, dpcoop.Decision{Approve: true, By: c.Admin, At: decided}, dpcoop.AdmitOnApproval(dpcoop.DateOf(decided))); err != nil {
			return c, fmt.Errorf("synth: approve: %w", err)
		}
		c.Members = append(c.Members, a.ID)
		plan := dpcoop.CarePlan{Member: a.ID, WeeklyMinutes: 12 * 60, Updated: decided.UTC(), UpdatedBy: c.Admin}
		if err := s.SetCarePlan(ctx, spec.Coop, plan); err != nil {
			return c, fmt.Errorf("synth: care plan: %w", err)
		}
	}
	for p := range spec.PAs {
		// Born between 1966 and 2002, the same ten years over again, so a
		// co-op of thousands of PAs has none born in the future.
		pa := dpcoop.PA{
			ID: PAID(p), Coop: spec.Coop, LegalName: name(p + 7), Email: fmt.Sprintf("pa%d@coop.example", p),
			Phone: fmt.Sprintf("07700 8%05d", p), Address: fmt.Sprintf("%d Ffordd y Parc, %s %dCD", p+3, towns[(p+3)%len(towns)], p%9+1),
			Language: lang(p + 1), DateOfBirth: dpcoop.Date(fmt.Sprintf("%d-%02d-%02d", 1966+p%10*4, p%12+1, p%27+1)),
			NINumber: fmt.Sprintf("AB%06dC", 123456+p), TaxCode: "1257L", Starter: "A", NICategory: "A",
			Pension: dpcoop.PensionAssess, StartDate: dpcoop.Date(dpcoop.DateOf(spec.Created)), Status: dpcoop.PAActive,
			Bank: &dpcoop.BankDetails{AccountName: name(p + 7), SortCode: "089999", AccountNumber: "66374958"},
		}
		if _, _, err := s.AddPA(ctx, spec.Coop, pa, "synth-pa-"+fmt.Sprint(p), pa.First(c.Admin, spec.Created)); err != nil {
			return c, fmt.Errorf("synth: pa: %w", err)
		}
		// Their right to work checked before they started (a PA is paid
		// only for work a check covers).
		rtw := dpcoop.RightToWorkCheck{ID: dpcoop.DerivedID("synth-rtw", fmt.Sprint(p)), Method: dpcoop.RightToWorkOnline, CheckedOn: pa.StartDate, CheckedBy: c.Admin, Recorded: spec.Created.UTC()}
		if _, _, err := s.AddRightToWork(ctx, spec.Coop, pa.ID, rtw); err != nil {
			return c, fmt.Errorf("synth: right to work: %w", err)
		}
		c.PAs = append(c.PAs, pa.ID)
		for j := range 3 {
			e := dpcoop.Employment{
				ID: dpcoop.DerivedID("synth-employment", fmt.Sprint(p), fmt.Sprint(j)), PA: pa.ID, Member: c.Members[(3*p+j)%spec.Members],
				Rates: dpcoop.Rates{Standard: 1345, Night: 1395, SleepIn: 9000, BankHoliday: 2690}, Start: pa.StartDate,
			}
			if _, err := s.AddEmployment(ctx, spec.Coop, e, e.ID); err != nil {
				return c, fmt.Errorf("synth: employment: %w", err)
			}
			c.Employments = append(c.Employments, e)
		}
	}
	var work []Work
	for _, month := range spec.Light {
		first, err := time.Parse(dpcoop.MonthLayout, month)
		if err != nil {
			return c, err
		}
		for p := range c.PAs {
			for j := range 3 {
				day := first.AddDate(0, 0, 2+7*j+p%5)
				work = append(work, Work{PA: c.PAs[p], Members: []string{c.Employments[3*p+j].Member}, Date: dpcoop.Date(day.Format(dpcoop.DateLayout)), Start: "09:00", End: "13:00"})
			}
		}
	}
	if spec.From != "" {
		work = append(work, PatternBetween(c, spec.From, spec.To)...)
	}
	n, err := AddShifts(ctx, db, table, c.Principal(), spec.Now, work, dpcoop.ShiftApproved)
	c.Shifts += n
	return c, err
}

// Principal is the co-op's admin, as a caller.
func (c Coop) Principal() dpcoop.Principal {
	return dpcoop.Principal{Coop: c.ID, Person: c.Admin, Roles: []dpcoop.Role{dpcoop.RoleAdmin}}
}

// PatternBetween is every PA's Pattern on the days in [from, to).
func PatternBetween(c Coop, from, to dpcoop.Date) []Work {
	var out []Work
	for d := from.Time(); dpcoop.Date(d.Format(dpcoop.DateLayout)).Before(to); d = d.AddDate(0, 0, 1) {
		for p := range c.PAs {
			out = append(out, Pattern(c, p, d)...)
		}
	}
	return out
}

// AddShifts records shifts as Shift does, through the store, but each batch
// of a hundred in a fresh scratch table whose items are then copied into
// the table with BatchWriteItem: adding thousands of shifts to a big local
// table one transaction at a time would take minutes. It returns how many it
// recorded.
func AddShifts(ctx context.Context, db *dynamodb.Client, table string, approver dpcoop.Principal, now time.Time, ws []Work, status dpcoop.ShiftStatus) (int, error) {
	n := 0
	for start := 0; start < len(ws); start += 100 {
		scratch, err := dynamolocal.Start(ctx, "scratch")
		if err != nil {
			return n, err
		}
		st := dynamo.New(scratch.Client, scratch.Table)
		for _, w := range ws[start:min(start+100, len(ws))] {
			if _, err := Shift(ctx, st, now, approver, w, status); err != nil {
				scratch.Close()
				return n, err
			}
			n++
		}
		t, err := Snapshot(ctx, scratch.Client, scratch.Table, approver.Coop)
		if err == nil {
			err = t.CopyAs(ctx, db, table, approver.Coop)
		}
		scratch.Close()
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// Work is one shift to record.
type Work struct {
	ID         string // empty: derived from the PA, start and members
	PA         string
	Members    []string
	Date       dpcoop.Date
	Start, End string
	Miles      string
}

// Pattern is the p-th PA's shifts on day d: for each of their three
// members two mornings a week (the third member a morning and an
// afternoon), and on Saturdays an outing shared by the first two.
func Pattern(c Coop, p int, d time.Time) []Work {
	m := func(j int) string { return c.Employments[3*p+j].Member }
	day := dpcoop.Date(d.Format(dpcoop.DateLayout))
	one := func(j int, start, end, miles string) Work {
		return Work{PA: c.PAs[p], Members: []string{m(j)}, Date: day, Start: start, End: end, Miles: miles}
	}
	switch d.Weekday() {
	case time.Monday:
		return []Work{one(0, "09:00", "12:30", "")}
	case time.Tuesday:
		return []Work{one(1, "09:00", "12:30", "4.5")}
	case time.Wednesday:
		return []Work{one(2, "09:00", "12:30", "")}
	case time.Thursday:
		return []Work{one(0, "09:00", "12:30", ""), one(2, "14:00", "17:30", "")}
	case time.Friday:
		return []Work{one(1, "09:00", "12:30", "")}
	case time.Saturday:
		return []Work{{PA: c.PAs[p], Members: []string{m(0), m(1)}, Date: day, Start: "10:00", End: "16:00", Miles: "12.5"}}
	}
	return nil
}

// Shift records one shift through the store, moved on to status (draft,
// submitted or approved by approver), and returns it.
func Shift(ctx context.Context, s *dynamo.Store, now time.Time, approver dpcoop.Principal, w Work, status dpcoop.ShiftStatus) (dpcoop.Shift, error) {
	in := dpcoop.ShiftInput{Date: string(w.Date), Start: w.Start, End: w.End, Members: w.Members, Kind: string(dpcoop.ShiftStandard)}
	if w.Miles != "" {
		in.Miles = json.Number(w.Miles)
	}
	sh, err := in.Validate(now)
	if err != nil {
		return sh, fmt.Errorf("synth: shift %+v: %w", w, err)
	}
	sh.PA = w.PA
	sh.ID = w.ID
	if sh.ID == "" {
		sh.ID = dpcoop.DerivedID("synth-shift", w.PA, sh.Start.String(), strings.Join(w.Members, ","))
	}
	sh.History = []dpcoop.ShiftEvent{{At: now.UTC(), By: w.PA, Action: "created"}}
	if status != dpcoop.ShiftDraft {
		if sh, err = sh.Submit(w.PA, now); err != nil {
			return sh, fmt.Errorf("synth: submit: %w", err)
		}
	}
	if status == dpcoop.ShiftApproved {
		if sh, err = sh.Approve(approver, now); err != nil {
			return sh, fmt.Errorf("synth: approve: %w", err)
		}
	}
	if sh, err = s.AddShift(ctx, approver.Coop, sh); err != nil {
		return sh, fmt.Errorf("synth: add shift: %w", err)
	}
	return sh, nil
}

// Template is a built co-op's items, to be copied under other names.
type Template struct {
	Coop  dpcoop.CoopID
	Items []map[string]types.AttributeValue
}

// Snapshot reads every item of the co-op's partition.
func Snapshot(ctx context.Context, db *dynamodb.Client, table string, coop dpcoop.CoopID) (Template, error) {
	t := Template{Coop: coop}
	p := dynamodb.NewQueryPaginator(db, &dynamodb.QueryInput{
		TableName: aws.String(table), KeyConditionExpression: aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: "T#" + string(coop)}},
	})
	for p.HasMorePages() {
		res, err := p.NextPage(ctx)
		if err != nil {
			return t, fmt.Errorf("synth: snapshot: %w", err)
		}
		t.Items = append(t.Items, res.Items...)
	}
	return t, nil
}

// CopyAs writes the template's items as co-op to, with BatchWriteItem: every
// key and value naming the template's co-op names the new one.
func (t Template) CopyAs(ctx context.Context, db *dynamodb.Client, table string, to dpcoop.CoopID) error {
	from := string(t.Coop)
	rename := func(s string) string {
		if s == from {
			return string(to)
		}
		return strings.ReplaceAll(s, "T#"+from, "T#"+string(to))
	}
	var batch []types.WriteRequest
	flush := func() error {
		for len(batch) > 0 {
			res, err := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{table: batch}})
			if err != nil {
				return fmt.Errorf("synth: copy: %w", err)
			}
			batch = res.UnprocessedItems[table]
		}
		return nil
	}
	for _, it := range t.Items {
		batch = append(batch, types.WriteRequest{PutRequest: &types.PutRequest{Item: renameMap(it, rename)}})
		if len(batch) == 25 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

func renameMap(m map[string]types.AttributeValue, f func(string) string) map[string]types.AttributeValue {
	out := make(map[string]types.AttributeValue, len(m))
	for k, v := range m {
		out[k] = renameValue(v, f)
	}
	return out
}

func renameValue(v types.AttributeValue, f func(string) string) types.AttributeValue {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return &types.AttributeValueMemberS{Value: f(v.Value)}
	case *types.AttributeValueMemberM:
		return &types.AttributeValueMemberM{Value: renameMap(v.Value, f)}
	case *types.AttributeValueMemberL:
		out := make([]types.AttributeValue, len(v.Value))
		for i, x := range v.Value {
			out[i] = renameValue(x, f)
		}
		return &types.AttributeValueMemberL{Value: out}
	}
	return v
}

// StoredBytes is what the template's items occupy as DynamoDB bills storage:
// each item's size plus 100 bytes of overhead, in the table and again in each
// index it is in (both indexes project every attribute).
func (t Template) StoredBytes() int {
	n := 0
	for _, it := range t.Items {
		size := meter.ItemSize(it) + 100
		n += size
		for _, ix := range dynamo.Indexes {
			if it[ix.PartitionKey] != nil && it[ix.SortKey] != nil {
				n += size
			}
		}
	}
	return n
}
