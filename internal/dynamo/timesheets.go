package dynamo

import (
	"context"
	"errors"
	"slices"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

const (
	prefixPA       = "PA#"
	prefixEmploy   = "EMPLOY#" // EMPLOY#<pa>#<id>: a PA's employments are one prefix
	prefixCarePlan = "CAREPLAN#"
	prefixShift    = "SHIFT#"
	prefixWeek     = "WEEK#" // WEEK#<member>#<monday>: the member's approved support that week
	// MSHIFT#<member>#<month>#<start>#<id>: a copy of a shift under each
	// member it supports, in its pay month, so a member's shifts are one
	// Query on the member whatever the co-op's size and age.
	prefixMemberShift = "MSHIFT#"
	prefixRun         = "RUN#" // RUN#<YYYY-MM>: the month's payroll run; final locks its shifts
	runFinal          = "final"
	maxRetries        = 5
)

var _ dpcoop.Timesheets = (*Store)(nil)

type paItem struct {
	keys
	dpcoop.PA
	Fingerprint string
}

type employmentItem struct {
	keys
	dpcoop.Employment
	// Fingerprint is the content it was created with: the same create again
	// returns it, different content under the same id is refused.
	Fingerprint string
}

type carePlanItem struct {
	keys
	dpcoop.CarePlan
}

type shiftItem struct {
	keys
	GSI2PK string
	GSI2SK string
	dpcoop.Shift
}

// memberShiftItem is a shift's copy under one of its members (no index keys:
// it is found by its sort key).
type memberShiftItem struct {
	keys
	dpcoop.Shift
}

// employmentKeys are an employment's keys: under its PA in the co-op's
// partition, and on GSI1 under its member (EMPLOYOF#<member>), so the
// employments that price a member's shifts are one Query.
func employmentKeys(coop dpcoop.CoopID, e dpcoop.Employment) keys {
	return keys{PK: tenant(coop), SK: prefixEmploy + e.PA + "#" + e.ID, GSI1PK: employmentsOfMember(coop, e.Member), GSI1SK: prefixEmploy + e.PA + "#" + e.ID}
}

func employmentsOfMember(c dpcoop.CoopID, member string) string {
	return tenant(c) + "#EMPLOYOF#" + member
}

func shiftsOfMonth(c dpcoop.CoopID, month string) string { return tenant(c) + "#SHIFTS#" + month }
func shiftsOfPA(c dpcoop.CoopID, pa string) string       { return tenant(c) + "#PA#" + pa }

func newShiftItem(s dpcoop.Shift) shiftItem {
	at := s.Start.UTC().Format(time.RFC3339) + "#" + s.ID
	return shiftItem{
		keys:   keys{PK: tenant(s.Coop), SK: prefixShift + s.ID, GSI1PK: shiftsOfMonth(s.Coop, s.Month()), GSI1SK: at},
		GSI2PK: shiftsOfPA(s.Coop, s.PA), GSI2SK: at, Shift: s,
	}
}

// memberShiftKey is the sort key of sh's copy under member.
func memberShiftKey(member string, sh dpcoop.Shift) string {
	return prefixMemberShift + member + "#" + sh.Month() + "#" + sh.Start.UTC().Format(time.RFC3339) + "#" + sh.ID
}

// memberShifts are the writes that keep a shift's copies under its members
// (MSHIFT#) in step as it goes from old (nil when new) to next, in the
// shift's own transaction: a copy put under each member of next, and the
// copies of old under keys next no longer has deleted, so a shift moved to
// another member or month leaves no copy behind.
func (s *Store) memberShifts(op string, coop dpcoop.CoopID, old *dpcoop.Shift, next dpcoop.Shift) ([]types.TransactWriteItem, error) {
	var out []types.TransactWriteItem
	kept := map[string]bool{}
	for _, m := range next.Members {
		sk := memberShiftKey(m.Member, next)
		if kept[sk] {
			continue
		}
		kept[sk] = true
		item, err := marshal(op, memberShiftItem{keys: keys{PK: tenant(coop), SK: sk}, Shift: next})
		if err != nil {
			return nil, err
		}
		out = append(out, types.TransactWriteItem{Put: &types.Put{TableName: aws.String(s.table), Item: item}})
	}
	if old == nil {
		return out, nil
	}
	for _, m := range old.Members {
		sk := memberShiftKey(m.Member, *old)
		if kept[sk] {
			continue
		}
		kept[sk] = true
		out = append(out, types.TransactWriteItem{Delete: &types.Delete{TableName: aws.String(s.table), Key: key(tenant(coop), sk)}})
	}
	return out, nil
}

// putNew is a Put that succeeds only if the item is new.
func (s *Store) putNew(op string, item any) (types.TransactWriteItem, error) {
	av, err := marshal(op, item)
	if err != nil {
		return types.TransactWriteItem{}, err
	}
	return types.TransactWriteItem{Put: &types.Put{
		TableName: aws.String(s.table), Item: av, ConditionExpression: aws.String("attribute_not_exists(PK)"),
	}}, nil
}

// monthOpen is a condition that the month's payroll is not final: a shift in
// a paid month is locked, checked inside the same transaction as the write.
func (s *Store) monthOpen(coop dpcoop.CoopID, month string) types.TransactWriteItem {
	return types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
		TableName:                 aws.String(s.table),
		Key:                       key(tenant(coop), prefixRun+month),
		ConditionExpression:       aws.String("attribute_not_exists(PK) OR #status <> :final"),
		ExpressionAttributeNames:  map[string]string{"#status": "Status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":final": str(runFinal)},
	}}
}

// AddPA stores a new PA record, and the first notice of their pay history
// if there is one, together; the same request again returns it.
func (s *Store) AddPA(ctx context.Context, coop dpcoop.CoopID, pa dpcoop.PA, fingerprint string, first dpcoop.FirstNotices) (dpcoop.PA, bool, error) {
	const op = "add pa"
	pa.Coop = coop
	put, err := s.putNew(op, paItem{keys: keys{PK: tenant(coop), SK: prefixPA + pa.ID}, PA: pa, Fingerprint: fingerprint})
	if err != nil {
		return dpcoop.PA{}, false, err
	}
	items := []types.TransactWriteItem{put}
	if notices, ok, err := s.firstNotices(op, coop, pa.ID, first); err != nil {
		return dpcoop.PA{}, false, err
	} else if ok {
		items = append(items, notices)
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	if err == nil {
		return pa, true, nil
	}
	if !conditionFailed(err) {
		return dpcoop.PA{}, false, storeError(op, err)
	}
	var existing paItem
	if err := s.get(ctx, op, tenant(coop), prefixPA+pa.ID, &existing); err != nil {
		return dpcoop.PA{}, false, err
	}
	if existing.Fingerprint != fingerprint {
		return dpcoop.PA{}, false, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeIdempotencyMismatch)
	}
	return existing.PA, false, nil
}

// PA reads one PA record.
func (s *Store) PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error) {
	var it paItem
	if err := s.get(ctx, "read pa", tenant(coop), prefixPA+id, &it); err != nil {
		return dpcoop.PA{}, err
	}
	return it.PA, nil
}

// PAsOf reads the PA records of ids with one BatchGetItem (a hundred a
// request), strongly consistent; a PA without a record is missing from the
// answer.
func (s *Store) PAsOf(ctx context.Context, coop dpcoop.CoopID, ids []string) (map[string]dpcoop.PA, error) {
	return getByID(ctx, s, "read pas", coop, prefixPA, ids, func(it paItem) dpcoop.PA { return it.PA })
}

// PAs lists the co-op's PAs a page at a time.
func (s *Store) PAs(ctx context.Context, coop dpcoop.CoopID, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.PA], error) {
	var items []paItem
	next, err := s.prefixPage(ctx, "list pas", coop, prefixPA, page, &items)
	out := dpcoop.Page[dpcoop.PA]{Next: next, Items: make([]dpcoop.PA, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, it.PA)
	}
	return out, err
}

// ReplacePA writes a completed or corrected PA record over an existing one;
// first, if given, starts their pay history in the same transaction (only if
// it has no notice yet).
func (s *Store) ReplacePA(ctx context.Context, coop dpcoop.CoopID, pa dpcoop.PA, first dpcoop.FirstNotices) (dpcoop.PA, error) {
	const op = "replace pa"
	pa.Coop = coop
	item, err := marshal(op, paItem{keys: keys{PK: tenant(coop), SK: prefixPA + pa.ID}, PA: pa})
	if err != nil {
		return dpcoop.PA{}, err
	}
	items := []types.TransactWriteItem{{Put: &types.Put{TableName: aws.String(s.table), Item: item, ConditionExpression: aws.String("attribute_exists(PK)")}}}
	if notices, ok, err := s.firstNotices(op, coop, pa.ID, first); err != nil {
		return dpcoop.PA{}, err
	} else if ok {
		items = append(items, notices)
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	if conditionFailed(err) {
		if _, rerr := s.PA(ctx, coop, pa.ID); rerr != nil {
			return dpcoop.PA{}, rerr
		}
		return dpcoop.PA{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	}
	if err != nil {
		return dpcoop.PA{}, storeError(op, err)
	}
	return pa, nil
}

// AddEmployment stores an employment once (its id is derived from the
// request): the same request again returns it, different content for the
// same id is refused.
func (s *Store) AddEmployment(ctx context.Context, coop dpcoop.CoopID, e dpcoop.Employment, fingerprint string) (dpcoop.Employment, error) {
	const op = "add employment"
	e.Coop = coop
	item, err := marshal(op, employmentItem{keys: employmentKeys(coop, e), Employment: e, Fingerprint: fingerprint})
	if err != nil {
		return dpcoop.Employment{}, err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item, ConditionExpression: aws.String("attribute_not_exists(PK)")})
	if conditionFailed(err) {
		var existing employmentItem
		if err := s.get(ctx, op, tenant(coop), prefixEmploy+e.PA+"#"+e.ID, &existing); err != nil {
			return dpcoop.Employment{}, err
		}
		if existing.Fingerprint != fingerprint {
			return dpcoop.Employment{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeEmploymentExists)
		}
		return existing.Employment, nil
	}
	if err != nil {
		return dpcoop.Employment{}, storeError(op, err)
	}
	return e, nil
}

// UpdateEmployment applies change to an employment (found by its id among
// the co-op's) with a write conditional on the version it read, reading
// again if someone else wrote first. change returns dpcoop.ErrUnchanged when
// nothing needs writing: the stored employment is returned as it is.
func (s *Store) UpdateEmployment(ctx context.Context, coop dpcoop.CoopID, id string, change func(dpcoop.Employment) (dpcoop.Employment, error)) (dpcoop.Employment, error) {
	const op = "update employment"
	for range maxRetries {
		var old employmentItem
		found := false
		items, err := all(ctx, s, op, coop, prefixEmploy, func(it employmentItem) employmentItem { return it })
		if err != nil {
			return dpcoop.Employment{}, err
		}
		for _, it := range items {
			if it.ID == id {
				old, found = it, true
			}
		}
		if !found {
			return dpcoop.Employment{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
		}
		next, err := change(old.Employment)
		if errors.Is(err, dpcoop.ErrUnchanged) {
			return old.Employment, nil
		}
		if err != nil {
			return dpcoop.Employment{}, err
		}
		next.ID, next.Coop, next.PA, next.Member, next.Version = old.ID, coop, old.PA, old.Member, old.Version+1
		old.keys, old.Employment = employmentKeys(coop, next), next
		item, err := marshal(op, old)
		if err != nil {
			return dpcoop.Employment{}, err
		}
		_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
			TableName: aws.String(s.table), Item: item,
			ConditionExpression:       aws.String("attribute_not_exists(Version) OR Version = :v"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": num(next.Version - 1)},
		})
		if err == nil {
			return next, nil
		}
		if !conditionFailed(err) {
			return dpcoop.Employment{}, storeError(op, err)
		}
	}
	return dpcoop.Employment{}, dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
}

// Employments lists employments, all of the co-op's or one PA's.
func (s *Store) Employments(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Employment, error) {
	prefix := prefixEmploy
	if pa != "" {
		prefix += pa + "#"
	}
	return all(ctx, s, "list employments", coop, prefix, func(it employmentItem) dpcoop.Employment { return it.Employment })
}

// EmploymentsOfMember lists the employments for member, of every PA: one
// Query of GSI1 (eventually consistent, as every index read).
func (s *Store) EmploymentsOfMember(ctx context.Context, coop dpcoop.CoopID, member string) ([]dpcoop.Employment, error) {
	in := &dynamodb.QueryInput{
		IndexName:                 aws.String(GSI1),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(employmentsOfMember(coop, member))},
	}
	return queryAll(ctx, s, "list a member's employments", in, func(it employmentItem) dpcoop.Employment { return it.Employment })
}

// SetCarePlan records a member's funded weekly hours.
func (s *Store) SetCarePlan(ctx context.Context, coop dpcoop.CoopID, plan dpcoop.CarePlan) error {
	const op = "set care plan"
	item, err := marshal(op, carePlanItem{keys: keys{PK: tenant(coop), SK: prefixCarePlan + plan.Member}, CarePlan: plan})
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item})
	return storeError(op, err)
}

// CarePlan reads a member's care plan.
func (s *Store) CarePlan(ctx context.Context, coop dpcoop.CoopID, member string) (dpcoop.CarePlan, error) {
	var it carePlanItem
	if err := s.get(ctx, "read care plan", tenant(coop), prefixCarePlan+member, &it); err != nil {
		return dpcoop.CarePlan{}, err
	}
	return it.CarePlan, nil
}

// AddShift stores a new shift, unless its month is paid. The same id again
// returns the stored shift.
func (s *Store) AddShift(ctx context.Context, coop dpcoop.CoopID, sh dpcoop.Shift) (dpcoop.Shift, error) {
	const op = "add shift"
	sh.Coop = coop
	put, err := s.putNew(op, newShiftItem(sh))
	if err != nil {
		return dpcoop.Shift{}, err
	}
	copies, err := s.memberShifts(op, coop, nil, sh)
	if err != nil {
		return dpcoop.Shift{}, err
	}
	tx := append(append([]types.TransactWriteItem{put, s.monthOpen(coop, sh.Month())}, copies...), s.weekSupport(coop, nil, &sh)...)
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
	if err == nil {
		return sh, nil
	}
	if !conditionFailed(err) {
		return dpcoop.Shift{}, storeError(op, err)
	}
	if existing, gerr := s.Shift(ctx, coop, sh.ID); gerr == nil {
		return existing, nil
	}
	return dpcoop.Shift{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeMonthPaid)
}

// Shift reads one shift.
func (s *Store) Shift(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Shift, error) {
	var it shiftItem
	if err := s.get(ctx, "read shift", tenant(coop), prefixShift+id, &it); err != nil {
		return dpcoop.Shift{}, err
	}
	return it.Shift, nil
}

// UpdateShift applies change to the shift as the caller read it from this
// store (read: its Version guards the write, so the shift is not read twice)
// and writes it if its version has not moved and neither its old nor its new
// month is paid. If someone else changed it first, it is read again and
// change runs on what they left; a read of another co-op (or none) is never
// written from, the shift is read first. change returns dpcoop.ErrUnchanged
// when nothing needs writing.
func (s *Store) UpdateShift(ctx context.Context, coop dpcoop.CoopID, read dpcoop.Shift, change func(dpcoop.Shift) (dpcoop.Shift, error)) (dpcoop.Shift, error) {
	const op = "update shift"
	old := read
	for attempt := range maxRetries {
		if attempt > 0 || read.Coop != coop {
			var err error
			if old, err = s.Shift(ctx, coop, read.ID); err != nil {
				return dpcoop.Shift{}, err
			}
		}
		next, err := change(old)
		if errors.Is(err, dpcoop.ErrUnchanged) {
			return old, nil
		}
		if err != nil {
			return dpcoop.Shift{}, err
		}
		next.ID, next.Coop, next.Version = old.ID, coop, old.Version+1
		item, err := marshal(op, newShiftItem(next))
		if err != nil {
			return dpcoop.Shift{}, err
		}
		tx := []types.TransactWriteItem{{Put: &types.Put{
			TableName: aws.String(s.table), Item: item,
			ConditionExpression:       aws.String("Version = :v"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": &types.AttributeValueMemberN{Value: itoa(old.Version)}},
		}}, s.monthOpen(coop, old.Month())}
		if next.Month() != old.Month() {
			tx = append(tx, s.monthOpen(coop, next.Month()))
		}
		copies, err := s.memberShifts(op, coop, &old, next)
		if err != nil {
			return dpcoop.Shift{}, err
		}
		tx = append(append(tx, copies...), s.weekSupport(coop, &old, &next)...)
		_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
		if err == nil {
			return next, nil
		}
		var tc *types.TransactionCanceledException
		if !errors.As(err, &tc) || len(tc.CancellationReasons) == 0 {
			return dpcoop.Shift{}, storeError(op, err)
		}
		if reasonFailed(tc, 1) || reasonFailed(tc, 2) {
			return dpcoop.Shift{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeMonthPaid)
		}
		if !reasonFailed(tc, 0) {
			return dpcoop.Shift{}, storeError(op, err)
		}
		// Someone else wrote first: read again and apply the change to theirs.
	}
	return dpcoop.Shift{}, dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
}

// weekSupport are the writes that keep each member's approved support per
// week (dpcoop.ApprovedSupport) as a shift goes from old to next: what it
// counted before is taken off, what it counts now added, in the shift's own
// transaction.
func (s *Store) weekSupport(coop dpcoop.CoopID, old, next *dpcoop.Shift) []types.TransactWriteItem {
	delta := map[string]int64{}
	for sign, sh := range map[int64]*dpcoop.Shift{-1: old, 1: next} {
		if sh == nil {
			continue
		}
		week := string(dpcoop.WeekOf(sh.Date))
		for m, minutes := range dpcoop.ApprovedSupport(*sh) {
			delta[m+"#"+week] += sign * minutes
		}
	}
	keys := make([]string, 0, len(delta))
	for k, d := range delta {
		if d != 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := make([]types.TransactWriteItem, 0, len(keys))
	for _, k := range keys {
		out = append(out, types.TransactWriteItem{Update: &types.Update{
			TableName: aws.String(s.table), Key: key(tenant(coop), prefixWeek+k),
			UpdateExpression:          aws.String("ADD Minutes :d"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":d": num(delta[k])},
		}})
	}
	return out
}

// ShiftMembers reads with one BatchGetItem the register entries of members,
// when week (a Monday) is given their care plans and approved support that
// week, and when pa is given that PA's safe-recruitment record
// (dpcoop.ShiftMembers). A member not on the register is left out of the
// register, one without a plan out of the plans, and one without support
// kept that week has none; a PA without a record has an empty one.
func (s *Store) ShiftMembers(ctx context.Context, coop dpcoop.CoopID, members []string, week dpcoop.Date, pa string) (dpcoop.ShiftMembers, error) {
	const op = "read shift members"
	out := dpcoop.ShiftMembers{Plans: map[string]dpcoop.CarePlan{}, Approved: map[string]int64{}}
	perMember := 1
	if week != "" {
		perMember = 3 // the register entry, the care plan, the week's support
	}
	regs, plans, weeks := make([]memberItem, len(members)), make([]carePlanItem, len(members)), make([]struct{ Minutes int64 }, len(members))
	var want []wanted
	for i, m := range members {
		want = append(want, wanted{tenant(coop), prefixMember + m, &regs[i]})
		if week != "" {
			want = append(want, wanted{tenant(coop), prefixCarePlan + m, &plans[i]}, wanted{tenant(coop), prefixWeek + m + "#" + string(week), &weeks[i]})
		}
	}
	var rec recruitmentItem
	if pa != "" {
		want = append(want, wanted{tenant(coop), prefixRecruit + pa, &rec})
	}
	found, err := s.getMany(ctx, op, want)
	if err != nil {
		return dpcoop.ShiftMembers{}, err
	}
	if pa != "" {
		out.Recruitment = rec.recruitment(pa)
	}
	seen := map[string]bool{}
	for i, m := range members {
		at := i * perMember
		if found[at] && !seen[m] {
			out.Register = append(out.Register, regs[i].Member)
		}
		seen[m] = true
		if week == "" {
			continue
		}
		if found[at+1] {
			out.Plans[m] = plans[i].CarePlan
		}
		if found[at+2] {
			out.Approved[m] = weeks[i].Minutes
		}
	}
	return out, nil
}

func reasonFailed(tc *types.TransactionCanceledException, i int) bool {
	return i < len(tc.CancellationReasons) && aws.ToString(tc.CancellationReasons[i].Code) == "ConditionalCheckFailed"
}

// ShiftsInMonth lists a month's shifts by start time, a page at a time.
func (s *Store) ShiftsInMonth(ctx context.Context, coop dpcoop.CoopID, month string, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Shift], error) {
	const op = "list shifts"
	gsiPK := shiftsOfMonth(coop, month)
	in := &dynamodb.QueryInput{
		IndexName:                 aws.String(GSI1),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(gsiPK)},
	}
	if page.Cursor != "" {
		c, err := decodeCursor(page.Cursor, prefixShift)
		if err != nil {
			return dpcoop.Page[dpcoop.Shift]{}, err
		}
		in.ExclusiveStartKey = map[string]types.AttributeValue{PK: str(tenant(coop)), SK: str(c.SK), GSI1PK: str(gsiPK), GSI1SK: str(c.GSI1SK)}
	}
	var items []shiftItem
	last, err := s.query(ctx, op, in, page.Limit, &items)
	if err != nil {
		return dpcoop.Page[dpcoop.Shift]{}, err
	}
	out := dpcoop.Page[dpcoop.Shift]{Items: make([]dpcoop.Shift, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, it.Shift)
	}
	if last != nil {
		out.Next = encodeCursor(cursor{SK: lastKey(last, SK), GSI1SK: lastKey(last, GSI1SK)})
	}
	return out, nil
}

// MonthShifts reads every shift of a month, for the payroll run: one Query
// for each megabyte (DynamoDB's own page), not the API's pages of
// dpcoop.MaxPageLimit, so a month of a few hundred shifts is one request.
func (s *Store) MonthShifts(ctx context.Context, coop dpcoop.CoopID, month string) ([]dpcoop.Shift, error) {
	return queryAll(ctx, s, "list month shifts", &dynamodb.QueryInput{
		IndexName:                 aws.String(GSI1),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(shiftsOfMonth(coop, month))},
	}, func(it shiftItem) dpcoop.Shift { return it.Shift })
}

// ShiftsOfMember lists the shifts done for member in a pay month ("" for
// every month), by start time: one Query of the copies kept under the
// member (a page per megabyte), strongly consistent, so a change the member
// has just made is in it.
func (s *Store) ShiftsOfMember(ctx context.Context, coop dpcoop.CoopID, member, month string) ([]dpcoop.Shift, error) {
	prefix := prefixMemberShift + member + "#"
	if month != "" {
		prefix += month + "#"
	}
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":prefix": str(prefix)},
		ConsistentRead:            aws.Bool(true),
	}
	out, err := queryAll(ctx, s, "list a member's shifts", in, func(it memberShiftItem) dpcoop.Shift { return it.Shift })
	if month == "" {
		slices.SortStableFunc(out, func(a, b dpcoop.Shift) int { return a.Start.Compare(b.Start) })
	}
	return out, err
}

// ShiftsOfMemberPaid lists the shifts done for member paid in the months
// from to to (inclusive, "2006-01"), by start time: one Query of the copies
// kept under the member, eventually consistent (a copy of the member's data,
// not a view they have just changed).
func (s *Store) ShiftsOfMemberPaid(ctx context.Context, coop dpcoop.CoopID, member, from, to string) ([]dpcoop.Shift, error) {
	prefix := prefixMemberShift + member + "#"
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND SK BETWEEN :from AND :to"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":from": str(prefix + from), ":to": str(prefix + to + "#~")},
	}
	out, err := queryAll(ctx, s, "list a member's shifts paid", in, func(it memberShiftItem) dpcoop.Shift { return it.Shift })
	slices.SortStableFunc(out, func(a, b dpcoop.Shift) int { return a.Start.Compare(b.Start) })
	return out, err
}

// ShiftsOfPA lists a PA's shifts starting in [from, to), for overlap checks.
func (s *Store) ShiftsOfPA(ctx context.Context, coop dpcoop.CoopID, pa string, from, to time.Time) ([]dpcoop.Shift, error) {
	const op = "list a pa's shifts"
	in := &dynamodb.QueryInput{
		TableName:              aws.String(s.table),
		IndexName:              aws.String(GSI2),
		KeyConditionExpression: aws.String("GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(shiftsOfPA(coop, pa)), ":from": str(from.UTC().Format(time.RFC3339)), ":to": str(to.UTC().Format(time.RFC3339)),
		},
	}
	return queryAll(ctx, s, op, in, func(it shiftItem) dpcoop.Shift { return it.Shift })
}

// prefixPage reads one page of the co-op's items whose sort key starts with
// prefix.
func (s *Store) prefixPage(ctx context.Context, op string, coop dpcoop.CoopID, prefix string, page dpcoop.PageRequest, out any) (string, error) {
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":prefix": str(prefix)},
	}
	if page.Cursor != "" {
		c, err := decodeCursor(page.Cursor, prefix)
		if err != nil {
			return "", err
		}
		in.ExclusiveStartKey = key(tenant(coop), c.SK)
	}
	last, err := s.query(ctx, op, in, page.Limit, out)
	if err != nil || last == nil {
		return "", err
	}
	return encodeCursor(cursor{SK: lastKey(last, SK)}), nil
}
