package dynamo

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

const (
	prefixPool       = "POOL#"       // POOL#<id>
	prefixPoolMember = "POOLMEMBER#" // POOLMEMBER#<pool>#<member>
	prefixSpending   = "SPEND#"      // SPEND#<pool>#<id>
	prefixPoolMonth  = "POOLMONTH#"  // POOLMONTH#<pool>#<month>
	prefixPoolSpent  = "POOLSPENT#"  // POOLSPENT#<pool>: all spending; POOLSPENT#<pool>#<period>: a period's
	// MEMBERPOOLS#<member>: a copy of each of the member's pool memberships,
	// one attribute a pool (poolCopy), so a member's pools are read with
	// their other records in one BatchGetItem (subject access).
	prefixMemberPools = "MEMBERPOOLS#"
)

// poolCopy is the attribute of a member's MEMBERPOOLS# item holding their
// membership of one pool: a top-level attribute of its own, so joining a
// pool sets it whether or not the item exists yet.
func poolCopy(pool string) string { return "P#" + pool }

// memberPoolsItem reads a MEMBERPOOLS# item: the member's pool memberships,
// in the order of their pools' ids.
type memberPoolsItem []dpcoop.PoolMember

// UnmarshalDynamoDBAttributeValue reads the item's poolCopy attributes,
// leaving its keys.
func (m *memberPoolsItem) UnmarshalDynamoDBAttributeValue(av types.AttributeValue) error {
	item, ok := av.(*types.AttributeValueMemberM)
	if !ok {
		return errors.New("member pools: not an item")
	}
	names := make([]string, 0, len(item.Value))
	for name := range item.Value {
		if strings.HasPrefix(name, poolCopy("")) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		var pm dpcoop.PoolMember
		if err := attributevalue.Unmarshal(item.Value[name], &pm); err != nil {
			return err
		}
		*m = append(*m, pm)
	}
	return nil
}

// keepPoolCopy writes m's copy under its member, in the transaction that
// writes m.
func (s *Store) keepPoolCopy(op string, coop dpcoop.CoopID, m dpcoop.PoolMember) (types.TransactWriteItem, error) {
	v, err := attributevalue.Marshal(m)
	if err != nil {
		return types.TransactWriteItem{}, dpcoop.Wrap(op, err)
	}
	return types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixMemberPools+m.Member),
		UpdateExpression:          aws.String("SET #p = :m"),
		ExpressionAttributeNames:  map[string]string{"#p": poolCopy(m.Pool)},
		ExpressionAttributeValues: map[string]types.AttributeValue{":m": v},
	}}, nil
}

var _ payrun.PoolStore = (*Store)(nil)

type poolItem struct {
	keys
	dpcoop.Pool
}

type poolMemberItem struct {
	keys
	dpcoop.PoolMember
}

// spendingItem keeps the approvals as one space-separated attribute with
// their count beside it, which the approval's condition reads.
type spendingItem struct {
	keys
	dpcoop.Spending
	ApprovedBy    string
	ApprovalCount int64
}

func newSpendingItem(coop dpcoop.CoopID, sp dpcoop.Spending) spendingItem {
	return spendingItem{keys: keys{PK: tenant(coop), SK: prefixSpending + sp.Pool + "#" + sp.ID}, Spending: sp,
		ApprovedBy: strings.Join(sp.Approvals, " "), ApprovalCount: int64(len(sp.Approvals))}
}

type poolMonthItem struct {
	keys
	Shortfalls []dpcoop.Shortfall
}

// AddPool stores a new pool once.
func (s *Store) AddPool(ctx context.Context, coop dpcoop.CoopID, p dpcoop.Pool) (dpcoop.Pool, error) {
	const op = "add pool"
	p.Coop = coop
	put, err := s.putNew(op, poolItem{keys: keys{PK: tenant(coop), SK: prefixPool + p.ID}, Pool: p})
	if err != nil {
		return dpcoop.Pool{}, err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: put.Put.Item, ConditionExpression: put.Put.ConditionExpression})
	if conditionFailed(err) {
		return s.Pool(ctx, coop, p.ID)
	}
	if err != nil {
		return dpcoop.Pool{}, storeError(op, err)
	}
	return p, nil
}

// Pool reads one pool.
func (s *Store) Pool(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Pool, error) {
	var it poolItem
	if err := s.get(ctx, "read pool", tenant(coop), prefixPool+id, &it); err != nil {
		return dpcoop.Pool{}, err
	}
	return it.Pool, nil
}

// Pools lists the co-op's pools.
func (s *Store) Pools(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Pool, error) {
	return all(ctx, s, "list pools", coop, prefixPool, func(it poolItem) dpcoop.Pool { return it.Pool })
}

// all reads every item under a prefix, page by page.
func all[I, T any](ctx context.Context, s *Store, op string, coop dpcoop.CoopID, prefix string, conv func(I) T) ([]T, error) {
	var out []T
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		var items []I
		next, err := s.prefixPage(ctx, op, coop, prefix, page, &items)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			out = append(out, conv(it))
		}
		if next == "" {
			return out, nil
		}
		page.Cursor = next
	}
}

// JoinPool records a member joining a pool with their consent; a member who
// left may join again.
func (s *Store) JoinPool(ctx context.Context, coop dpcoop.CoopID, m dpcoop.PoolMember) (dpcoop.PoolMember, error) {
	const op = "join pool"
	item, err := marshal(op, poolMemberItem{keys: keys{PK: tenant(coop), SK: prefixPoolMember + m.Pool + "#" + m.Member}, PoolMember: m})
	if err != nil {
		return dpcoop.PoolMember{}, err
	}
	copied, err := s.keepPoolCopy(op, coop, m)
	if err != nil {
		return dpcoop.PoolMember{}, err
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{{Put: &types.Put{
		TableName: aws.String(s.table), Item: item,
		ConditionExpression:       aws.String("attribute_not_exists(PK) OR (attribute_exists(#left) AND #left <> :none)"),
		ExpressionAttributeNames:  map[string]string{"#left": "Left"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":none": str("")},
	}}, copied}})
	if conditionFailed(err) {
		var it poolMemberItem
		if err := s.get(ctx, op, tenant(coop), prefixPoolMember+m.Pool+"#"+m.Member, &it); err != nil {
			return dpcoop.PoolMember{}, err
		}
		return it.PoolMember, nil // already a member: joining again changes nothing
	}
	return m, storeError(op, err)
}

// LeavePool records the day a member left, with the entry settling their
// share of the pool's fund, in one transaction that also rewrites the
// membership's copy under the member. The membership is read first for that
// copy; the transaction checks it is still the joining read.
func (s *Store) LeavePool(ctx context.Context, coop dpcoop.CoopID, pool, member string, left dpcoop.Date, settle *dpcoop.Entry) error {
	const op = "leave pool"
	var it poolMemberItem
	if err := s.get(ctx, op, tenant(coop), prefixPoolMember+pool+"#"+member, &it); err != nil {
		return err
	}
	it.Left = left
	copied, err := s.keepPoolCopy(op, coop, it.PoolMember)
	if err != nil {
		return err
	}
	consentAt, err := attributevalue.Marshal(it.ConsentAt)
	if err != nil {
		return dpcoop.Wrap(op, err)
	}
	tx := []types.TransactWriteItem{{Update: &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixPoolMember+pool+"#"+member),
		UpdateExpression:          aws.String("SET #left = :left"),
		ConditionExpression:       aws.String("attribute_exists(PK) AND #left = :none AND ConsentAt = :at"),
		ExpressionAttributeNames:  map[string]string{"#left": "Left"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":left": str(string(left)), ":none": str(""), ":at": consentAt},
	}}, copied}
	var entries []dpcoop.Entry
	if settle != nil {
		put, err := s.putNew(op, newEntryItem(coop, *settle))
		if err != nil {
			return err
		}
		tx, entries = append(tx, put), []dpcoop.Entry{*settle}
	}
	err = s.transactLedger(ctx, op, coop, tx, entries, nil)
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return storeError(op, err)
}

// PoolMembers lists a pool's members, former ones included.
func (s *Store) PoolMembers(ctx context.Context, coop dpcoop.CoopID, pool string) ([]dpcoop.PoolMember, error) {
	return all(ctx, s, "list pool members", coop, prefixPoolMember+pool+"#", func(it poolMemberItem) dpcoop.PoolMember { return it.PoolMember })
}

// AddSpending stores a pool's spending. Approved spending posts its ledger
// entry in the same transaction, with the writes that count it against the
// pool's fund and its period's limit, each conditioned on the total it may
// reach: concurrent spending cannot pass either.
func (s *Store) AddSpending(ctx context.Context, coop dpcoop.CoopID, sp dpcoop.Spending, entry *dpcoop.Entry, g dpcoop.SpendingGuard) (dpcoop.Spending, error) {
	const op = "add spending"
	put, err := s.putNew(op, newSpendingItem(coop, sp))
	if err != nil {
		return dpcoop.Spending{}, err
	}
	tx := []types.TransactWriteItem{put}
	var entries []dpcoop.Entry
	if entry != nil {
		e, err := s.putNew(op, newEntryItem(coop, *entry))
		if err != nil {
			return dpcoop.Spending{}, err
		}
		tx = append(tx, e)
		tx = append(tx, s.countSpending(coop, sp, g, true)...)
		entries = []dpcoop.Entry{*entry}
	}
	for range maxRetries {
		err = s.transactLedger(ctx, op, coop, tx, entries, nil)
		switch failed := failedConditions(err); {
		case lostRace(err):
			continue // a concurrent spending wrote the pool's totals first
		case failed[0]:
			return s.Spending(ctx, coop, sp.Pool, sp.ID)
		case failed[2]:
			return dpcoop.Spending{}, dpcoop.FundsError(op)
		case failed[3]:
			return dpcoop.Spending{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodePoolLimit)
		}
		return sp, storeError(op, err)
	}
	return dpcoop.Spending{}, dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
}

// lostRace reports whether a transaction was cancelled because a concurrent
// one touched the same items (AWS says TransactionConflict): trying again is
// right.
func lostRace(err error) bool {
	var tc *types.TransactionCanceledException
	return errors.As(err, &tc) && conflicted(tc)
}

// countSpending adds approved spending to the pool's total, conditioned on
// its fund paying it, and to its period's total, conditioned on the limit
// when the spending has no member's approval. A pool whose total is not kept
// yet starts from the spending its ledger shows.
func (s *Store) countSpending(coop dpcoop.CoopID, sp dpcoop.Spending, g dpcoop.SpendingGuard, withinLimit bool) []types.TransactWriteItem {
	total := &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixPoolSpent+sp.Pool),
		UpdateExpression:    aws.String("SET Spent = if_not_exists(Spent, :seen) + :amount"),
		ConditionExpression: aws.String("attribute_not_exists(Spent) OR Spent <= :cap"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":seen": num(g.Spent), ":amount": num(sp.Amount), ":cap": num(g.Funds - sp.Amount),
		},
	}
	period := &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixPoolSpent+sp.Pool+"#"+sp.Period),
		UpdateExpression:          aws.String("ADD Spent :amount"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":amount": num(sp.Amount)},
	}
	if withinLimit {
		period.ConditionExpression = aws.String("attribute_not_exists(Spent) OR Spent <= :left")
		period.ExpressionAttributeValues[":left"] = num(g.Limit - sp.Amount)
	}
	return []types.TransactWriteItem{{Update: total}, {Update: period}}
}

// Spending reads one pool spending.
func (s *Store) Spending(ctx context.Context, coop dpcoop.CoopID, pool, id string) (dpcoop.Spending, error) {
	var it spendingItem
	if err := s.get(ctx, "read spending", tenant(coop), prefixSpending+pool+"#"+id, &it); err != nil {
		return dpcoop.Spending{}, err
	}
	it.Approvals = strings.Fields(it.ApprovedBy)
	return it.Spending, nil
}

// ApproveSpending adds a pool member's approval, once, conditioned on the
// spending still awaiting approval; with a majority it is approved, its
// entry posted and counted against the pool's fund in the same transaction.
func (s *Store) ApproveSpending(ctx context.Context, coop dpcoop.CoopID, sp dpcoop.Spending, member string, members int, entryOf func() dpcoop.Entry, g dpcoop.SpendingGuard) (dpcoop.Spending, error) {
	const op = "approve spending"
	for range maxRetries {
		current, err := s.Spending(ctx, coop, sp.Pool, sp.ID)
		if err != nil {
			return dpcoop.Spending{}, err
		}
		if current.Status != dpcoop.SpendingAwaiting || slices.Contains(current.Approvals, member) {
			return current, nil
		}
		next := current
		next.Approvals = append(slices.Clone(current.Approvals), member)
		var entry *dpcoop.Entry
		if dpcoop.Approved(len(next.Approvals), members) {
			e := entryOf()
			next.Status, next.EntryID, entry = dpcoop.SpendingApproved, e.ID, &e
		}
		tx := []types.TransactWriteItem{{Update: &types.Update{
			TableName: aws.String(s.table), Key: key(tenant(coop), prefixSpending+sp.Pool+"#"+sp.ID),
			UpdateExpression:         aws.String("SET ApprovedBy = :approvals, ApprovalCount = :next, #status = :status, EntryID = :entry"),
			ConditionExpression:      aws.String("#status = :awaiting AND ApprovalCount = :n"),
			ExpressionAttributeNames: map[string]string{"#status": "Status"},
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":approvals": str(strings.Join(next.Approvals, " ")), ":status": str(string(next.Status)), ":entry": str(next.EntryID),
				":awaiting": str(string(dpcoop.SpendingAwaiting)), ":n": num(int64(len(current.Approvals))), ":next": num(int64(len(next.Approvals))),
			},
		}}}
		var entries []dpcoop.Entry
		if entry != nil {
			put, err := s.putNew(op, newEntryItem(coop, *entry))
			if err != nil {
				return dpcoop.Spending{}, err
			}
			tx = append(tx, put)
			tx = append(tx, s.countSpending(coop, next, g, false)...)
			entries = []dpcoop.Entry{*entry}
		}
		err = s.transactLedger(ctx, op, coop, tx, entries, nil)
		if err == nil {
			return next, nil
		}
		// The funds refuse it only if the spending is as it was read: when
		// another approval came first (perhaps the majority, spending the
		// funds on this very spending), read it again.
		if failed := failedConditions(err); failed[2] && !failed[0] {
			return dpcoop.Spending{}, dpcoop.FundsError(op)
		}
		if !conditionFailed(err) && !lostRace(err) {
			return dpcoop.Spending{}, storeError(op, err)
		}
	}
	return dpcoop.Spending{}, dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
}

// PostEntries writes ledger entries, each only if it is not there yet, with
// their accounts' and the co-op's months: a few entries to a transaction,
// each transaction whole. An entry dated back before months already kept
// rewrites each later month of its accounts and the co-op in its
// transaction, so one dated about four years back or more cannot be posted
// (DynamoDB's 100 items a transaction).
func (s *Store) PostEntries(ctx context.Context, coop dpcoop.CoopID, entries []dpcoop.Entry) error {
	_, err := s.postEntries(ctx, "post entries", coop, entries, nil, nil)
	return err
}

// errGuard is a guard of postEntries that failed: nothing of its
// transaction was written.
var errGuard = errors.New("the guard of the entries failed")

// postEntries is PostEntries with, if guard is set, a condition each
// transaction also checks (errGuard when it fails), and tail: writes that go
// in the last transaction when they fit, in the guard's place (they must
// carry its condition: a transaction may not touch an item twice). written
// says whether they went; they are left out, for the caller to write, when
// they do not fit or one of them is refused (the guard then says why).
func (s *Store) postEntries(ctx context.Context, op string, coop dpcoop.CoopID, entries []dpcoop.Entry, guard *types.TransactWriteItem, tail []types.TransactWriteItem) (written bool, err error) {
	// In date order, so that each transaction carries forward as few later
	// months as it can.
	pending, size := slices.Clone(entries), entriesPerTx
	var view ledgerView // what each transaction leaves the ledger, for the next
	slices.SortStableFunc(pending, func(a, b dpcoop.Entry) int { return strings.Compare(string(a.Date), string(b.Date)) })
	for len(pending) > 0 {
		group := pending[:min(size, len(pending))]
		items := make([]types.TransactWriteItem, 0, len(group))
		for _, e := range group {
			put, err := s.putNew(op, newEntryItem(coop, e))
			if err != nil {
				return false, err
			}
			items = append(items, put)
		}
		withTail := len(tail) > 0 && len(group) == len(pending)
		switch {
		case withTail:
			items = append(items, tail...)
		case guard != nil:
			items = append(items, *guard)
		}
		err := s.transactLedger(ctx, op, coop, items, group, &view)
		failed := failedConditions(err)
		tailRefused := false
		for i := len(group); i < len(items); i++ {
			tailRefused = tailRefused || (withTail && failed[i])
		}
		switch {
		case err == nil:
			pending = pending[len(group):]
			written = written || withTail
		case !withTail && guard != nil && failed[len(group)]:
			return false, errGuard
		case withTail && (tailRefused || errors.Is(err, errTooManyItems)):
			tail = nil // the caller writes it on its own
		case errors.Is(err, errTooManyItems) && size > 1:
			size -= max(1, size/8) // worked out again from the view: no request
		case conditionFailed(err):
			// Those already written are left out; the rest go again.
			rest := make([]dpcoop.Entry, 0, len(pending))
			for i, e := range group {
				if !failed[i] {
					rest = append(rest, e)
				}
			}
			pending = append(rest, pending[len(group):]...)
		default:
			return false, storeError(op, err)
		}
	}
	return written, nil
}

// PostEntry writes one entry once; the same id again returns the stored one.
func (s *Store) PostEntry(ctx context.Context, coop dpcoop.CoopID, e dpcoop.Entry) (dpcoop.Entry, error) {
	if err := s.PostEntries(ctx, coop, []dpcoop.Entry{e}); err != nil {
		return dpcoop.Entry{}, err
	}
	return s.Entry(ctx, coop, e.ID)
}

// Entry reads one ledger entry.
func (s *Store) Entry(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Entry, error) {
	var it entryItem
	if err := s.get(ctx, "read entry", tenant(coop), prefixEntry+id, &it); err != nil {
		return dpcoop.Entry{}, err
	}
	return it.Entry, nil
}

// Entries reads every ledger entry of the co-op (the board's summary, audits).
func (s *Store) Entries(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Entry, error) {
	return all(ctx, s, "list entries", coop, prefixEntry, func(it entryItem) dpcoop.Entry { return it.Entry })
}

// SetPoolMonth records what a pool's month could not collect.
func (s *Store) SetPoolMonth(ctx context.Context, coop dpcoop.CoopID, pool, month string, short []dpcoop.Shortfall) error {
	item, err := marshal("set pool month", poolMonthItem{keys: keys{PK: tenant(coop), SK: prefixPoolMonth + pool + "#" + month}, Shortfalls: short})
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item})
	return storeError("set pool month", err)
}

// PoolMonth reads what a pool's month could not collect (nothing if it has
// not been pooled).
func (s *Store) PoolMonth(ctx context.Context, coop dpcoop.CoopID, pool, month string) ([]dpcoop.Shortfall, error) {
	var it poolMonthItem
	err := s.get(ctx, "read pool month", tenant(coop), prefixPoolMonth+pool+"#"+month, &it)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return nil, nil
	}
	return it.Shortfalls, err
}

// Spendings lists a pool's spending, approved and awaiting.
func (s *Store) Spendings(ctx context.Context, coop dpcoop.CoopID, pool string) ([]dpcoop.Spending, error) {
	return all(ctx, s, "list spending", coop, prefixSpending+pool+"#", func(it spendingItem) dpcoop.Spending {
		it.Approvals = strings.Fields(it.ApprovedBy)
		return it.Spending
	})
}
