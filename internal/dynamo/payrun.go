package dynamo

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

const (
	prefixSlip  = "SLIP#"  // SLIP#<month>#<pa>
	prefixEntry = "ENTRY#" // ENTRY#<id>, indexed by both accounts
	maxTxItems  = 100
	// entriesPerTx is how many entries a transaction tries to post first:
	// with their two account items each and their accounts' months, about
	// maxTxItems; a group that passes it posts fewer.
	entriesPerTx = 30
)

var _ payrun.Store = (*Store)(nil)

type runItem struct {
	keys
	dpcoop.Run
}

type payslipItem struct {
	keys
	dpcoop.Payslip
}

type entryItem struct {
	keys
	GSI2PK string
	GSI2SK string
	dpcoop.Entry
}

func account(c dpcoop.CoopID, a dpcoop.Account) string { return tenant(c) + "#ACCT#" + string(a) }
func slipsOfPA(c dpcoop.CoopID, pa string) string      { return tenant(c) + "#SLIPS#" + pa }

var runNames = map[string]string{"#status": "Status", "#attempt": "Attempt"}

// BeginRun writes the attempt's run unless the month is final or a later
// attempt has begun; a retried start of the same execution passes.
func (s *Store) BeginRun(ctx context.Context, coop dpcoop.CoopID, r dpcoop.Run) (dpcoop.Run, error) {
	const op = "begin run"
	put, err := s.beginPut(op, coop, r)
	if err != nil {
		return dpcoop.Run{}, err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: put.TableName, Item: put.Item, ConditionExpression: put.ConditionExpression,
		ExpressionAttributeNames: put.ExpressionAttributeNames, ExpressionAttributeValues: put.ExpressionAttributeValues,
	})
	return s.begun(ctx, op, coop, r, err, conditionFailed(err))
}

// BeginRunBatches begins the run as BeginRun does and stores the attempt's
// batches of work in the same transaction (as many as one carries; the rest
// after it, checked against the attempt), each expiring by the table's TTL
// at expires (dpcoop.PayrollBatchKept). A repeated start writes the same
// keys again.
func (s *Store) BeginRunBatches(ctx context.Context, coop dpcoop.CoopID, r dpcoop.Run, batches []payrun.Batch, expires time.Time) (dpcoop.Run, error) {
	const op = "begin run"
	r.ProblemsFound = new(int64) // none yet: each batch adds its own (PutPayslips)
	put, err := s.beginPut(op, coop, r)
	if err != nil {
		return dpcoop.Run{}, err
	}
	first := batches[:min(len(batches), batchesPerTx)]
	items, err := s.batchPuts(op, coop, r.Month, r.Attempt, first, expires)
	if err != nil {
		return dpcoop.Run{}, err
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: append([]types.TransactWriteItem{{Put: put}}, items...)})
	if r, err = s.begun(ctx, op, coop, r, err, failedConditions(err)[0]); err != nil || r.Status == dpcoop.RunFinal {
		return r, err
	}
	job := payrun.Job{Coop: coop, Month: r.Month, Attempt: r.Attempt, Execution: r.Execution}
	return r, s.PutBatches(ctx, coop, job, batches[len(first):], expires)
}

// beginPut is the conditional write of a run attempt's item.
func (s *Store) beginPut(op string, coop dpcoop.CoopID, r dpcoop.Run) (*types.Put, error) {
	r.Coop = coop
	item, err := marshal(op, runItem{keys: keys{PK: tenant(coop), SK: prefixRun + r.Month}, Run: r})
	if err != nil {
		return nil, err
	}
	return &types.Put{
		TableName: aws.String(s.table), Item: item,
		ConditionExpression:      aws.String("attribute_not_exists(PK) OR (#status <> :final AND (#attempt < :attempt OR (#attempt = :attempt AND #exec = :exec)))"),
		ExpressionAttributeNames: map[string]string{"#status": "Status", "#attempt": "Attempt", "#exec": "Execution"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":final": str(string(dpcoop.RunFinal)), ":attempt": num(int64(r.Attempt)), ":exec": str(r.Execution),
		},
	}, nil
}

// begun answers a run attempt's write: the run as written, or, when its own
// condition refused it (refused), the month's final run, or a conflict.
func (s *Store) begun(ctx context.Context, op string, coop dpcoop.CoopID, r dpcoop.Run, err error, refused bool) (dpcoop.Run, error) {
	if err == nil {
		r.Coop = coop
		return r, nil
	}
	if !refused {
		return dpcoop.Run{}, storeError(op, err)
	}
	stored, err := s.Run(ctx, coop, r.Month)
	if err != nil {
		return dpcoop.Run{}, err
	}
	if stored.Status == dpcoop.RunFinal {
		return stored, nil
	}
	return dpcoop.Run{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeRunState)
}

// Run reads a month's run.
func (s *Store) Run(ctx context.Context, coop dpcoop.CoopID, month string) (dpcoop.Run, error) {
	var it runItem
	if err := s.get(ctx, "read run", tenant(coop), prefixRun+month, &it); err != nil {
		return dpcoop.Run{}, err
	}
	return it.Run, nil
}

// MonthRuns reads the runs of the months given with one BatchGetItem; a
// month with no run is missing from the answer.
func (s *Store) MonthRuns(ctx context.Context, coop dpcoop.CoopID, months []string) (map[string]dpcoop.Run, error) {
	return getByID(ctx, s, "read runs", coop, prefixRun, months, func(it runItem) dpcoop.Run { return it.Run })
}

// CoopRuns reads the co-op, the runs of the months given and the records of
// the PAs given (as PARecords) with one BatchGetItem (one more for every
// hundred keys past the first); a month with no run is missing from the
// answer.
func (s *Store) CoopRuns(ctx context.Context, coop dpcoop.CoopID, months, pas []string) (dpcoop.Coop, map[string]dpcoop.Run, payrun.PARecordSet, error) {
	const op = "read coop and runs"
	var c coopItem
	runs := make([]runItem, len(months))
	want := []wanted{{tenant(coop), skCoop, &c}}
	for i, m := range months {
		want = append(want, wanted{tenant(coop), prefixRun + m, &runs[i]})
	}
	recordsWant, records := recordsWanted(coop, pas)
	found, err := s.getMany(ctx, op, append(want, recordsWant...))
	if err != nil {
		return dpcoop.Coop{}, nil, payrun.PARecordSet{}, err
	}
	if !found[0] {
		return dpcoop.Coop{}, nil, payrun.PARecordSet{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	out := map[string]dpcoop.Run{}
	for i, m := range months {
		if found[i+1] {
			out[m] = runs[i].Run
		}
	}
	return c.Coop, out, records(found[len(want):]), nil
}

// calculating is the condition that the run's attempt is still calculating.
func (s *Store) calculating(coop dpcoop.CoopID, month string, attempt int) types.TransactWriteItem {
	return types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixRun+month),
		ConditionExpression:      aws.String("#status = :calculating AND #attempt = :attempt"),
		ExpressionAttributeNames: runNames,
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":calculating": str(string(dpcoop.RunCalculating)), ":attempt": num(int64(attempt)),
		},
	}}
}

// PutPayslip stores a PA's payslip for the attempt, in one transaction with a
// check that the attempt is still the one calculating.
func (s *Store) PutPayslip(ctx context.Context, coop dpcoop.CoopID, slip dpcoop.Payslip) error {
	const op = "put payslip"
	slip.Coop = coop
	item, err := marshal(op, payslipItem{
		keys:    keys{PK: tenant(coop), SK: prefixSlip + slip.Month + "#" + slip.PA, GSI1PK: slipsOfPA(coop, slip.PA), GSI1SK: slip.Month},
		Payslip: slip,
	})
	if err != nil {
		return err
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String(s.table), Item: item}},
		s.calculating(coop, slip.Month, slip.Attempt),
	}})
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeRunState)
	}
	return storeError(op, err)
}

// Payslips reads a month's payslips (of every attempt; callers keep the
// run's).
func (s *Store) Payslips(ctx context.Context, coop dpcoop.CoopID, month string) ([]dpcoop.Payslip, error) {
	return all(ctx, s, "list payslips", coop, prefixSlip+month+"#", func(it payslipItem) dpcoop.Payslip { return it.Payslip })
}

// PayslipsOfPA reads a PA's payslips, newest month first.
func (s *Store) PayslipsOfPA(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Payslip, error) {
	const op = "list a pa's payslips"
	return queryAll(ctx, s, op, &dynamodb.QueryInput{
		IndexName: aws.String(GSI1), ScanIndexForward: aws.Bool(false),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(slipsOfPA(coop, pa))},
	}, func(it payslipItem) dpcoop.Payslip { return it.Payslip })
}

// PreviewRun records the calculated attempt: each member's charge as an
// item of its own (CHARGE#<month>#<attempt>#<member>, 99 to a transaction
// with the check that the attempt is calculating), the run's totals and
// problems in the last of them, so a co-op of fewer than 99 members previews
// in one request. r is the run as read, with what was calculated; it is
// answered as now stored. A repeat for the same attempt returns what is
// stored.
func (s *Store) PreviewRun(ctx context.Context, coop dpcoop.CoopID, r dpcoop.Run) (dpcoop.Run, error) {
	const op = "preview run"
	vals, err := marshal(op, struct {
		Totals   dpcoop.RunTotals
		Problems []dpcoop.Problem
		At       *time.Time
	}{r.Totals, r.Problems, r.Calculated})
	if err != nil {
		return dpcoop.Run{}, err
	}
	preview := types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixRun+r.Month),
		UpdateExpression:         aws.String("SET #status = :preview, Totals = :totals, Problems = :problems, Calculated = :at REMOVE #error, Charges"),
		ConditionExpression:      aws.String("#status = :calculating AND #attempt = :attempt"),
		ExpressionAttributeNames: map[string]string{"#status": "Status", "#attempt": "Attempt", "#error": "Error"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":preview": str(string(dpcoop.RunPreview)), ":calculating": str(string(dpcoop.RunCalculating)),
			":attempt": num(int64(r.Attempt)), ":totals": vals["Totals"],
			":problems": vals["Problems"], ":at": vals["At"],
		},
	}}
	for pending := r.Charges; err == nil; {
		n := min(len(pending), maxTxItems-1)
		items := make([]types.TransactWriteItem, 0, n+1)
		for _, c := range pending[:n] {
			item, err := marshal(op, chargeItem{keys: keys{PK: tenant(coop), SK: chargeKey(r.Month, r.Attempt, c.Member)}, Charge: c})
			if err != nil {
				return dpcoop.Run{}, err
			}
			items = append(items, types.TransactWriteItem{Put: &types.Put{TableName: aws.String(s.table), Item: item}})
		}
		pending = pending[n:]
		if len(pending) == 0 {
			_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: append(items, preview)})
			break
		}
		_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: append(items, s.calculating(coop, r.Month, r.Attempt))})
	}
	if err == nil {
		r.Coop, r.Status, r.Error = coop, dpcoop.RunPreview, ""
		return r, nil
	}
	if !conditionFailed(err) {
		return dpcoop.Run{}, storeError(op, err)
	}
	stored, err := s.Run(ctx, coop, r.Month)
	if err == nil && stored.Attempt == r.Attempt && (stored.Status == dpcoop.RunPreview || stored.Status == dpcoop.RunFinal) {
		stored.Charges, err = s.RunCharges(ctx, coop, stored)
		return stored, err
	}
	return dpcoop.Run{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeRunState)
}

// FinaliseRun posts the entries (PostEntries) and the year-to-date figures
// and makes the run final: the figures and the run's own update go in the
// entries' last transaction when they fit (a co-op's month in a few
// requests), else after them in transactions of at most 100 items, the
// run's own update in the last. Every item is conditional, so a retry after a partial failure skips
// what was already written and a second finalise writes nothing.
func (s *Store) FinaliseRun(ctx context.Context, coop dpcoop.CoopID, r dpcoop.Run, entries []dpcoop.Entry, ytd map[string]dpcoop.YearToDate, paid map[string]dpcoop.PayRecord) (dpcoop.Run, error) {
	const op = "finalise run"
	// The entries are posted only while this attempt's run is in preview.
	open := types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixRun+r.Month),
		ConditionExpression:      aws.String("#status = :preview AND #attempt = :attempt"),
		ExpressionAttributeNames: runNames,
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":preview": str(string(dpcoop.RunPreview)), ":attempt": num(int64(r.Attempt)),
		},
	}}
	var items []types.TransactWriteItem
	var done []func(context.Context) (bool, error) // reports whether an item is already written
	pas := make([]string, 0, len(ytd))
	for pa := range ytd {
		pas = append(pas, pa)
	}
	sort.Strings(pas)
	for _, pa := range pas {
		y, err := marshal(op, struct {
			Y dpcoop.YearToDate
			P []dpcoop.PayRecord
		}{ytd[pa], []dpcoop.PayRecord{paid[pa]}})
		if err != nil {
			return dpcoop.Run{}, err
		}
		// The pay record and any pension events are appended with the year to
		// date, under the same condition: once per month.
		update := &types.Update{
			TableName: aws.String(s.table), Key: key(tenant(coop), prefixPayHistory+pa),
			UpdateExpression:         aws.String("SET YTD = :ytd, PA = :pa, Paid = list_append(if_not_exists(Paid, :none), :paid)"),
			ConditionExpression:      aws.String("attribute_not_exists(YTD) OR YTD.#month < :month"),
			ExpressionAttributeNames: map[string]string{"#month": "Month"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":ytd": y["Y"], ":month": str(r.Month), ":pa": str(pa),
				":paid": y["P"], ":none": &types.AttributeValueMemberL{Value: []types.AttributeValue{}}},
		}
		if err := appendPensionEvents(op, update, ytd[pa].PensionEvents); err != nil {
			return dpcoop.Run{}, err
		}
		items = append(items, types.TransactWriteItem{Update: update})
		paID := pa
		done = append(done, func(ctx context.Context) (bool, error) {
			h, err := s.PayHistory(ctx, coop, paID)
			return err == nil && h.YTD != nil && h.YTD.Month >= r.Month, err
		})
	}
	at, err := marshal(op, struct{ T *time.Time }{r.Finalised})
	if err != nil {
		return dpcoop.Run{}, err
	}
	items = append(items, types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixRun+r.Month),
		UpdateExpression:         aws.String("SET #status = :final, Finalised = :at, FinalisedBy = :by, Totals.EmploymentAllowance = :ea"),
		ConditionExpression:      aws.String("#status = :preview AND #attempt = :attempt"),
		ExpressionAttributeNames: runNames,
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":final": str(string(dpcoop.RunFinal)), ":preview": str(string(dpcoop.RunPreview)),
			":attempt": num(int64(r.Attempt)), ":at": at["T"], ":by": str(r.FinalisedBy), ":ea": num(r.Totals.EmploymentAllowance),
		},
	}})
	done = append(done, func(ctx context.Context) (bool, error) {
		stored, err := s.Run(ctx, coop, r.Month)
		return err == nil && stored.Status == dpcoop.RunFinal, err
	})
	var tail []types.TransactWriteItem // the figures and the final update, when they fit with an entry
	if len(items) < maxTxItems {
		tail = items
	}
	written, err := s.postEntries(ctx, op, coop, entries, &open, tail)
	switch {
	case errors.Is(err, errGuard):
		// Final already (this finalise again writes nothing), or not this
		// attempt's to finalise.
		stored, err := s.Run(ctx, coop, r.Month)
		if err != nil {
			return dpcoop.Run{}, err
		}
		if stored.Status != dpcoop.RunFinal {
			return dpcoop.Run{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeRunState)
		}
	case err != nil:
		return dpcoop.Run{}, err
	case written: // the final update was in the entries' last transaction
		r.Coop, r.Status = coop, dpcoop.RunFinal
		return r, nil
	}
	for start := 0; start < len(items); start += maxTxItems {
		end := min(start+maxTxItems, len(items))
		_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items[start:end]})
		if err == nil {
			continue
		}
		if !conditionFailed(err) {
			return dpcoop.Run{}, storeError(op, err)
		}
		// A batch is all or nothing: written before if its last item is.
		written, err := done[end-1](ctx)
		if err != nil {
			return dpcoop.Run{}, err
		}
		if !written {
			return dpcoop.Run{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeRunState)
		}
		if end == len(items) { // finalised before: answer what is stored
			return s.Run(ctx, coop, r.Month)
		}
	}
	// This call's last update made the run final with exactly these
	// fields: no need to read it back.
	r.Coop, r.Status = coop, dpcoop.RunFinal
	return r, nil
}

// prefixCharge keys a run attempt's charge to one member:
// CHARGE#<month>#<attempt>#<member>, apart from the run item, which would
// pass DynamoDB's 400 KB with a few thousand members' charges on it.
const prefixCharge = "CHARGE#"

type chargeItem struct {
	keys
	dpcoop.Charge
}

func chargeKey(month string, attempt int, member string) string {
	return prefixCharge + month + "#" + itoa(int64(attempt)) + "#" + member
}

// RunCharges reads the charges of the run's attempt, by member; a run
// previewed before charges had items of their own keeps them on the run.
func (s *Store) RunCharges(ctx context.Context, coop dpcoop.CoopID, r dpcoop.Run) ([]dpcoop.Charge, error) {
	if len(r.Charges) > 0 {
		return r.Charges, nil
	}
	return all(ctx, s, "list run charges", coop, chargeKey(r.Month, r.Attempt, ""), func(it chargeItem) dpcoop.Charge { return it.Charge })
}

func newEntryItem(c dpcoop.CoopID, e dpcoop.Entry) entryItem {
	at := string(e.Date) + "#" + e.ID
	return entryItem{
		keys:   keys{PK: tenant(c), SK: prefixEntry + e.ID, GSI1PK: account(c, e.From), GSI1SK: at},
		GSI2PK: account(c, e.To), GSI2SK: at, Entry: e,
	}
}

// FailRun marks the attempt failed with its reason, unless it is final or a
// later attempt has begun. An attempt that failed before it began (its start
// step never recorded the run) is recorded as failed too: otherwise the next
// start would choose the same attempt, whose execution name Step Functions
// keeps, and the month could never be run.
func (s *Store) FailRun(ctx context.Context, coop dpcoop.CoopID, month string, attempt int, reason string, at time.Time) error {
	const op = "fail run"
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixRun+month),
		UpdateExpression: aws.String("SET #status = :failed, #error = :reason, FailedAt = :at, #attempt = :attempt, " +
			"#month = :month, Coop = :coop, #exec = if_not_exists(#exec, :exec), Started = if_not_exists(Started, :at)"),
		ConditionExpression: aws.String("attribute_not_exists(PK) OR (#attempt = :attempt AND #status <> :final)"),
		ExpressionAttributeNames: map[string]string{"#status": "Status", "#attempt": "Attempt", "#error": "Error",
			"#month": "Month", "#exec": "Execution"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":failed": str(string(dpcoop.RunFailed)), ":reason": str(reason), ":at": str(at.Format(time.RFC3339)),
			":attempt": num(int64(attempt)), ":final": str(string(dpcoop.RunFinal)), ":month": str(month),
			":coop": str(string(coop)), ":exec": str(dpcoop.ExecutionName(coop, month, attempt)),
		},
	})
	if conditionFailed(err) {
		return nil // final, or superseded: nothing to record
	}
	return storeError(op, err)
}

// AccountEntries lists the entries that move money into or out of an account,
// dated within [from, to], in date order.
func (s *Store) AccountEntries(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Account, from, to dpcoop.Date) ([]dpcoop.Entry, error) {
	const op = "list account entries"
	var out []dpcoop.Entry
	for _, ix := range Indexes {
		es, err := queryAll(ctx, s, op, &dynamodb.QueryInput{
			IndexName:                 aws.String(ix.Name),
			KeyConditionExpression:    aws.String("#pk = :pk AND #sk BETWEEN :from AND :to"),
			ExpressionAttributeNames:  map[string]string{"#pk": ix.PartitionKey, "#sk": ix.SortKey},
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(account(coop, a)), ":from": str(string(from)), ":to": str(string(to) + "#~")},
		}, func(it entryItem) dpcoop.Entry { return it.Entry })
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out, nil
}

// Coops lists every co-op of the hosted service a page at a time, with their
// payroll settings, for the daily dispatch.
func (s *Store) Coops(ctx context.Context, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Coop], error) {
	const op = "list coops"
	in := &dynamodb.QueryInput{
		IndexName:                 aws.String(GSI1),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(coopsIndexKey)},
	}
	if page.Cursor != "" {
		c, err := decodeCursor(page.Cursor, skCoop)
		if err != nil {
			return dpcoop.Page[dpcoop.Coop]{}, err
		}
		in.ExclusiveStartKey = map[string]types.AttributeValue{PK: str("T#" + c.GSI1SK), SK: str(skCoop), GSI1PK: str(coopsIndexKey), GSI1SK: str(c.GSI1SK)}
	}
	var items []coopItem
	last, err := s.query(ctx, op, in, page.Limit, &items)
	if err != nil {
		return dpcoop.Page[dpcoop.Coop]{}, err
	}
	out := dpcoop.Page[dpcoop.Coop]{Items: make([]dpcoop.Coop, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, it.Coop)
	}
	if last != nil {
		out.Next = encodeCursor(cursor{SK: skCoop, GSI1SK: lastKey(last, GSI1SK)})
	}
	return out, nil
}

// SetPayrollSettings records a co-op's payroll choices on its record.
func (s *Store) SetPayrollSettings(ctx context.Context, coop dpcoop.CoopID, ps dpcoop.PayrollSettings) error {
	const op = "set payroll settings"
	v, err := marshal(op, struct{ P dpcoop.PayrollSettings }{ps})
	if err != nil {
		return err
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(tenant(coop), skCoop),
		UpdateExpression: aws.String("SET Payroll = :p"), ConditionExpression: aws.String("attribute_exists(PK)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": v["P"]},
	})
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return storeError(op, err)
}

func num(n int64) types.AttributeValue { return &types.AttributeValueMemberN{Value: itoa(n)} }

// RunStatuses reads the status of each month's run of a co-op, reading only
// the key and status of each run item.
func (s *Store) RunStatuses(ctx context.Context, coop dpcoop.CoopID) (map[string]dpcoop.RunStatus, error) {
	type status struct {
		SK     string
		Status dpcoop.RunStatus
	}
	runs, err := queryAll(ctx, s, "list run statuses", &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :prefix)"),
		ProjectionExpression:      aws.String("SK, #status"),
		ExpressionAttributeNames:  map[string]string{"#status": "Status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":prefix": str(prefixRun)},
		ConsistentRead:            aws.Bool(true),
	}, func(it status) status { return it })
	out := make(map[string]dpcoop.RunStatus, len(runs))
	for _, r := range runs {
		out[strings.TrimPrefix(r.SK, prefixRun)] = r.Status
	}
	return out, err
}
