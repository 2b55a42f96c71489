package dynamo

// The ledger carried forward month by month (issue 21, point 1).
//
//	ENTRY#<id>                  the entry itself (indexed by both accounts on GSI1/GSI2)
//	ACCT#<account>#<date>#<id>  the entry again under each of its accounts
//	ACCT#<account>#<month>~     the account's month: balance brought and carried forward
//	SUMMARY#<month>             the co-op's month: moved by source, every account's closing balance
//	LEDGER                      the ledger's head: a version every ledger write advances
//
// "~" sorts after every digit and "-", so an account's month item follows its
// entries of the month and precedes the next month's: one Query from the
// first of a month to its month item reads the month's entries and both
// balances, however long the account's history. Every transaction that posts
// entries rewrites the month items they change and advances the head on the
// version it read, so ledger writes of a co-op are serialised and a month item
// is never computed from a stale one. A co-op whose entries were written
// before these items existed is carried forward once, on the first read or
// write that needs it (carryForward).

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

const (
	prefixAccount = "ACCT#"
	prefixSummary = "SUMMARY#"
	skLedger      = "LEDGER"
	monthMark     = "~"
	// buildStale is how long a carry forward may hold the head before another
	// may take it over (the one holding it has failed).
	buildStale = 5 * time.Minute
)

func accountSK(a dpcoop.Account) string { return prefixAccount + string(a) + "#" }

// sideSK is the entry's key under account a.
func sideSK(a dpcoop.Account, e dpcoop.Entry) string {
	return accountSK(a) + string(e.Date) + "#" + e.ID
}

// monthSK is account a's month item.
func monthSK(a dpcoop.Account, month string) string { return accountSK(a) + month + monthMark }

// sideItem is an entry filed under one of its accounts.
type sideItem struct {
	keys
	Account dpcoop.Account
	dpcoop.Entry
}

// accountMonthItem is an account's balance brought and carried forward over
// a month in which it moved.
type accountMonthItem struct {
	keys
	Account dpcoop.Account
	Month   string
	Opening int64
	Closing int64
}

// summaryItem is the co-op's money over a month: what moved by source, and
// every account's balance at the month's end (what moved by account is the
// difference from the month item before: not kept, so the board's read is
// as small as the balances it shows).
type summaryItem struct {
	keys
	Month    string
	BySource map[dpcoop.Source]int64
	Accounts map[dpcoop.Account]int64
}

// ledgerHead is the version of a co-op's ledger; Building holds it while the
// ledger is carried forward.
type ledgerHead struct {
	keys
	Version    int64
	Building   string `dynamodbav:",omitempty"`
	BuildingAt int64  `dynamodbav:",omitempty"`
}

// monthly is one month of the running totals being rewritten: what moved in
// it and the balances at its end, by account.
type monthly struct {
	month    string
	moved    map[dpcoop.Account]int64
	closing  map[dpcoop.Account]int64
	bySource map[dpcoop.Source]int64
}

// carry rewrites months (ascending, each already stored) with the movements
// added (by month), from the balances before the first of them: each month's
// closing is the one before plus what moved in it. Months that gain a
// movement and have no item yet are added in order.
func carry(base map[dpcoop.Account]int64, stored []monthly, add map[string]map[dpcoop.Account]int64, sources map[string]map[dpcoop.Source]int64) []monthly {
	byMonth := map[string]monthly{}
	for _, m := range stored {
		byMonth[m.month] = m
	}
	for month := range add {
		if _, ok := byMonth[month]; !ok {
			byMonth[month] = monthly{month: month, moved: map[dpcoop.Account]int64{}, bySource: map[dpcoop.Source]int64{}}
		}
	}
	months := make([]string, 0, len(byMonth))
	for month := range byMonth {
		months = append(months, month)
	}
	sort.Strings(months)
	balance := maps(base)
	out := make([]monthly, 0, len(months))
	for _, month := range months {
		m := byMonth[month]
		next := monthly{month: month, moved: maps(m.moved), bySource: map[dpcoop.Source]int64{}}
		for s, v := range m.bySource {
			next.bySource[s] = v
		}
		for a, v := range add[month] {
			next.moved[a] += v
		}
		for s, v := range sources[month] {
			next.bySource[s] += v
		}
		for a, v := range next.moved {
			balance[a] += v
		}
		next.closing = maps(balance)
		out = append(out, next)
	}
	return out
}

func maps[K comparable](m map[K]int64) map[K]int64 {
	out := make(map[K]int64, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// movements are what entries do to each account and each source, by month.
func movements(entries []dpcoop.Entry) (map[dpcoop.Account]map[string]int64, map[string]map[dpcoop.Account]int64, map[string]map[dpcoop.Source]int64) {
	byAccount := map[dpcoop.Account]map[string]int64{}
	byMonth := map[string]map[dpcoop.Account]int64{}
	sources := map[string]map[dpcoop.Source]int64{}
	for _, e := range entries {
		month := e.Date.Month()
		if byMonth[month] == nil {
			byMonth[month], sources[month] = map[dpcoop.Account]int64{}, map[dpcoop.Source]int64{}
		}
		sources[month][e.Source] += e.Amount
		for _, a := range sides(e) {
			if byAccount[a] == nil {
				byAccount[a] = map[string]int64{}
			}
			byAccount[a][month] += e.Effect(a)
			byMonth[month][a] += e.Effect(a)
		}
	}
	return byAccount, byMonth, sources
}

// sides are the accounts an entry is filed under.
func sides(e dpcoop.Entry) []dpcoop.Account {
	if e.From == e.To {
		return []dpcoop.Account{e.From}
	}
	return []dpcoop.Account{e.From, e.To}
}

// ledgerWrites are the writes that carry entries into their accounts' and
// the co-op's months, to go in the same transaction as the entries' own
// items; the head's update is last. It reads the head and the co-op's latest
// month items; only when an entry is dated back before the co-op's latest
// month does it read each account's month items too.
// A current view (see ledgerView) of the entries' first month saves those
// reads; what it reads is left in view. It answers, too, what the ledger
// will be once the writes go through.
func (s *Store) ledgerWrites(ctx context.Context, op string, coop dpcoop.CoopID, entries []dpcoop.Entry, view *ledgerView) ([]types.TransactWriteItem, ledgerView, error) {
	byAccount, byMonth, sources := movements(entries)
	from := first(byMonth)
	if !view.current || view.from != from {
		head, err := s.ledger(ctx, op, coop)
		if err != nil {
			return nil, ledgerView{}, err
		}
		base, stored, err := s.summariesFrom(ctx, op, coop, from)
		if err != nil {
			return nil, ledgerView{}, err
		}
		*view = ledgerView{current: true, version: head.Version, from: from, base: base, stored: stored}
	}
	version, base, stored := view.version, view.base, view.stored
	var out []types.TransactWriteItem
	put := func(v any) error {
		item, err := marshal(op, v)
		if err == nil {
			out = append(out, types.TransactWriteItem{Put: &types.Put{TableName: aws.String(s.table), Item: item}})
		}
		return err
	}
	for _, e := range entries {
		for _, a := range sides(e) {
			if err := put(sideItem{keys: keys{PK: tenant(coop), SK: sideSK(a, e)}, Account: a, Entry: e}); err != nil {
				return nil, ledgerView{}, err
			}
		}
	}
	// With no co-op month after the entries' first, the co-op's month items
	// hold every account's balances: no account's own months need reading.
	fromSummary := len(stored) == 0 || (len(stored) == 1 && stored[0].month == from)
	accounts := make([]dpcoop.Account, 0, len(byAccount))
	for a := range byAccount {
		accounts = append(accounts, a)
	}
	slices.Sort(accounts)
	for _, a := range accounts {
		add := map[string]map[dpcoop.Account]int64{}
		for month, v := range byAccount[a] {
			add[month] = map[dpcoop.Account]int64{a: v}
		}
		accountBase, accountStored := accountFromSummary(a, base, stored, add)
		if !fromSummary {
			var err error
			if accountBase, accountStored, err = s.accountMonthsFrom(ctx, op, coop, a, first(byAccount[a])); err != nil {
				return nil, ledgerView{}, err
			}
		}
		for _, m := range carry(accountBase, accountStored, add, nil) {
			it := accountMonthItem{keys: keys{PK: tenant(coop), SK: monthSK(a, m.month)}, Account: a, Month: m.month, Closing: m.closing[a]}
			it.Opening = it.Closing - m.moved[a]
			if err := put(it); err != nil {
				return nil, ledgerView{}, err
			}
		}
	}
	months := carry(base, stored, byMonth, sources)
	for _, m := range months {
		if err := put(summaryItem{keys: keys{PK: tenant(coop), SK: prefixSummary + m.month}, Month: m.month, BySource: m.bySource, Accounts: m.closing}); err != nil {
			return nil, ledgerView{}, err
		}
	}
	after := ledgerView{current: true, version: version + 1, from: from, base: base, stored: months}
	return append(out, s.advanceLedger(coop, version)), after, nil
}

// ledgerView is what a posting in several transactions knows of the co-op's
// ledger: the head's version and the co-op's month items from a month on
// (with the balances before it), as read or as its last transaction that
// went through left them, so the next transaction of the same posting need
// not read them again. Another ledger write in between fails that
// transaction on the head's version; after any failure the view is no
// longer current and is read again.
type ledgerView struct {
	current bool
	version int64
	from    string
	base    map[dpcoop.Account]int64
	stored  []monthly
}

// accountFromSummary is what accountMonthsFrom would read for account a,
// worked out from the co-op's month items read from the entries' first
// month (base, the balances before it; stored, that month if it has an item)
// when no later month has one: a's balance before the month and, if a moves
// again in it, the month with what a moved in it so far. A month a does not
// move in again is left as stored, its closing the balance a's later months
// start from.
func accountFromSummary(a dpcoop.Account, base map[dpcoop.Account]int64, stored []monthly, add map[string]map[dpcoop.Account]int64) (map[dpcoop.Account]int64, []monthly) {
	if len(stored) == 0 {
		return map[dpcoop.Account]int64{a: base[a]}, nil
	}
	m := stored[0]
	if _, again := add[m.month]; !again {
		return map[dpcoop.Account]int64{a: base[a] + m.moved[a]}, nil
	}
	return map[dpcoop.Account]int64{a: base[a]}, []monthly{{month: m.month, moved: map[dpcoop.Account]int64{a: m.moved[a]}}}
}

// first is the earliest month of a set.
func first[V any](byMonth map[string]V) string {
	months := make([]string, 0, len(byMonth))
	for m := range byMonth {
		months = append(months, m)
	}
	return slices.Min(months)
}

// advanceLedger moves the head on from the version the writes were computed
// from: another ledger write in between fails it, and the writes are computed
// again.
func (s *Store) advanceLedger(coop dpcoop.CoopID, version int64) types.TransactWriteItem {
	if version == 0 {
		return types.TransactWriteItem{Put: &types.Put{
			TableName: aws.String(s.table), Item: map[string]types.AttributeValue{PK: str(tenant(coop)), SK: str(skLedger), "Version": num(1)},
			ConditionExpression: aws.String("attribute_not_exists(PK)"),
		}}
	}
	return types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), skLedger),
		UpdateExpression:          aws.String("SET Version = :next"),
		ConditionExpression:       aws.String("Version = :v AND attribute_not_exists(Building)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": num(version), ":next": num(version + 1)},
	}}
}

// accountMonthsFrom reads account a's month items from month on, latest
// first until it reaches month's own item (whose opening is the balance
// before) or one before month (whose closing is), newest first; usually one
// item.
func (s *Store) accountMonthsFrom(ctx context.Context, op string, coop dpcoop.CoopID, a dpcoop.Account, month string) (map[dpcoop.Account]int64, []monthly, error) {
	in := &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String("PK = :pk AND SK BETWEEN :from AND :to"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":from": str(accountSK(a)), ":to": str(accountSK(a) + monthMark)},
		ScanIndexForward:          aws.Bool(false), ConsistentRead: aws.Bool(true), Limit: aws.Int32(1),
	}
	var stored []monthly
	for {
		res, err := s.db.Query(ctx, in)
		if err != nil {
			return nil, nil, storeError(op, err)
		}
		for _, raw := range res.Items {
			if !strings.HasSuffix(lastKey(raw, SK), monthMark) {
				continue // an entry of a month already read
			}
			var it accountMonthItem
			if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
				return nil, nil, dpcoop.Wrap(op, err)
			}
			if it.Month < month {
				return map[dpcoop.Account]int64{a: it.Closing}, stored, nil
			}
			stored = append([]monthly{{month: it.Month, moved: map[dpcoop.Account]int64{a: it.Closing - it.Opening}}}, stored...)
			if it.Month == month {
				return map[dpcoop.Account]int64{a: it.Opening}, stored, nil
			}
		}
		if res.LastEvaluatedKey == nil {
			return map[dpcoop.Account]int64{}, stored, nil
		}
		in.ExclusiveStartKey, in.Limit = res.LastEvaluatedKey, aws.Int32(100)
	}
}

// summariesFrom reads the co-op's month items from month on, newest first
// down to the first before month, whose closing balances are the base; what
// moved in each month is the difference between its closing balances and
// those of the month item before it.
func (s *Store) summariesFrom(ctx context.Context, op string, coop dpcoop.CoopID, month string) (map[dpcoop.Account]int64, []monthly, error) {
	in := &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":prefix": str(prefixSummary)},
		ScanIndexForward:          aws.Bool(false), ConsistentRead: aws.Bool(true), Limit: aws.Int32(2),
	}
	var newest []summaryItem // newest first
	base := map[dpcoop.Account]int64{}
	for done := false; !done; {
		res, err := s.db.Query(ctx, in)
		if err != nil {
			return nil, nil, storeError(op, err)
		}
		var items []summaryItem
		if err := attributevalue.UnmarshalListOfMaps(res.Items, &items); err != nil {
			return nil, nil, dpcoop.Wrap(op, err)
		}
		for _, it := range items {
			if it.Month < month {
				base, done = it.Accounts, true
				break
			}
			newest = append(newest, it)
		}
		if res.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey, in.Limit = res.LastEvaluatedKey, aws.Int32(12)
	}
	stored := make([]monthly, len(newest))
	before := base
	for i := range newest {
		it := newest[len(newest)-1-i]
		moved := maps(it.Accounts)
		for a, v := range before {
			moved[a] -= v
		}
		stored[i] = monthly{month: it.Month, moved: moved, bySource: it.BySource}
		before = it.Accounts
	}
	return base, stored, nil
}

// ledger reads the co-op's ledger head, carrying the ledger forward first if
// its entries were written before the running totals were kept. A co-op with
// no entries has version 0.
func (s *Store) ledger(ctx context.Context, op string, coop dpcoop.CoopID) (ledgerHead, error) {
	var head ledgerHead
	err := s.get(ctx, op, tenant(coop), skLedger, &head)
	switch {
	case err == nil && head.Building == "":
		return head, nil
	case err == nil:
		if time.Since(time.Unix(head.BuildingAt, 0)) < buildStale {
			return ledgerHead{}, dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
		}
	case !dpcoop.IsKind(err, dpcoop.KindNotFound):
		return ledgerHead{}, err
	}
	res, err := s.db.Query(ctx, &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":prefix": str(prefixEntry)},
		ProjectionExpression:      aws.String("SK"), Limit: aws.Int32(1), ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return ledgerHead{}, storeError(op, err)
	}
	if len(res.Items) == 0 {
		return ledgerHead{}, nil
	}
	if err := s.carryForward(ctx, op, coop, head); err != nil {
		return ledgerHead{}, err
	}
	if err := s.get(ctx, op, tenant(coop), skLedger, &head); err != nil {
		return ledgerHead{}, err
	}
	if head.Building != "" {
		return ledgerHead{}, dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
	}
	return head, nil
}

// carryForward builds the month items of a co-op whose entries were written
// before they were kept, once: it takes the head (or one left by a failed
// build), writes every entry's account items and every month item computed
// from all the entries, and then releases the head at version 1. Ledger
// writes wait (unavailable) while it holds the head, so nothing it computes
// goes stale; building again writes the same items.
func (s *Store) carryForward(ctx context.Context, op string, coop dpcoop.CoopID, stale ledgerHead) error {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	token := hex.EncodeToString(b)
	cond := "attribute_not_exists(PK)"
	values := map[string]types.AttributeValue{}
	if stale.Building != "" {
		cond = "Building = :stale"
		values[":stale"] = str(stale.Building)
	}
	item := map[string]types.AttributeValue{PK: str(tenant(coop)), SK: str(skLedger), "Version": num(0),
		"Building": str(token), "BuildingAt": num(time.Now().Unix())}
	in := &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item, ConditionExpression: aws.String(cond)}
	if len(values) > 0 {
		in.ExpressionAttributeValues = values
	}
	if _, err := s.db.PutItem(ctx, in); err != nil {
		if conditionFailed(err) {
			return nil // another request is carrying it forward, or has
		}
		return storeError(op, err)
	}
	entries, err := s.Entries(ctx, coop)
	if err != nil {
		return err
	}
	var writes []map[string]types.AttributeValue
	byAccount, byMonth, sources := movements(entries)
	for _, e := range entries {
		for _, a := range sides(e) {
			if err := s.addItem(&writes, op, sideItem{keys: keys{PK: tenant(coop), SK: sideSK(a, e)}, Account: a, Entry: e}); err != nil {
				return err
			}
		}
	}
	for a, months := range byAccount {
		add := map[string]map[dpcoop.Account]int64{}
		for month, v := range months {
			add[month] = map[dpcoop.Account]int64{a: v}
		}
		for _, m := range carry(nil, nil, add, nil) {
			if err := s.addItem(&writes, op, accountMonthItem{keys: keys{PK: tenant(coop), SK: monthSK(a, m.month)}, Account: a, Month: m.month,
				Opening: m.closing[a] - m.moved[a], Closing: m.closing[a]}); err != nil {
				return err
			}
		}
	}
	for _, m := range carry(nil, nil, byMonth, sources) {
		if err := s.addItem(&writes, op, summaryItem{keys: keys{PK: tenant(coop), SK: prefixSummary + m.month}, Month: m.month, BySource: m.bySource, Accounts: m.closing}); err != nil {
			return err
		}
	}
	if err := s.batchPut(ctx, op, writes); err != nil {
		return err
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(tenant(coop), skLedger),
		UpdateExpression:          aws.String("SET Version = :one REMOVE Building, BuildingAt"),
		ConditionExpression:       aws.String("Building = :token"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": num(1), ":token": str(token)},
	})
	if conditionFailed(err) {
		return nil // taken over as stale: the other build finishes it
	}
	return storeError(op, err)
}

// addItem marshals v onto the items a batch writes.
func (s *Store) addItem(writes *[]map[string]types.AttributeValue, op string, v any) error {
	item, err := marshal(op, v)
	*writes = append(*writes, item)
	return err
}

// batchPut writes items 25 at a time, sending again what DynamoDB leaves
// unprocessed.
func (s *Store) batchPut(ctx context.Context, op string, items []map[string]types.AttributeValue) error {
	for start := 0; start < len(items); start += 25 {
		var reqs []types.WriteRequest
		for _, it := range items[start:min(start+25, len(items))] {
			reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: it}})
		}
		pending := map[string][]types.WriteRequest{s.table: reqs}
		for try := 0; len(pending[s.table]) > 0; try++ {
			if try > 0 {
				time.Sleep(time.Duration(try*try) * 20 * time.Millisecond)
			}
			if try == 8 {
				return dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
			}
			res, err := s.db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: pending})
			if err != nil {
				return storeError(op, err)
			}
			pending = res.UnprocessedItems
		}
	}
	return nil
}

// errTooManyItems is a transaction the ledger's writes would take past
// DynamoDB's 100 items: fewer entries at a time, or an entry dated back over
// fewer months, fit.
var errTooManyItems = errors.New("too many items for one transaction")

// transactLedger writes items and, in the same transaction after them, the
// ledger's writes for entries (whose own items are among items). When
// another ledger write came between, it computes those again and retries.
// Any other failure is the transaction's error, its cancellation reasons
// indexed as items are, for the caller to read. view (nil: none) carries
// what the ledger is from one of a posting's transactions to the next.
func (s *Store) transactLedger(ctx context.Context, op string, coop dpcoop.CoopID, items []types.TransactWriteItem, entries []dpcoop.Entry, view *ledgerView) error {
	if len(entries) == 0 {
		_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
		return err
	}
	if view == nil {
		view = &ledgerView{}
	}
	for range maxRetries {
		ledger, after, err := s.ledgerWrites(ctx, op, coop, entries, view)
		if err != nil {
			return err
		}
		tx := append(slices.Clip(items), ledger...)
		if len(tx) > maxTxItems {
			return errTooManyItems
		}
		_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
		if err == nil {
			*view = after
			return nil
		}
		view.current = false
		failed := failedConditions(err)
		mine := false
		for i := range items {
			mine = mine || failed[i]
		}
		if mine || (!failed[len(tx)-1] && !lostRace(err)) {
			return err
		}
	}
	return dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
}

// AccountMonth reads an account's month: the balance brought forward into it
// and its entries in date order. One Query reads the month's entries and its
// month item, whatever the account's history; a month in which the account
// did not move takes a second, for the latest month item before it.
func (s *Store) AccountMonth(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Account, month dpcoop.Month) (int64, []dpcoop.Entry, error) {
	const op = "read account month"
	brought, entries, found, err := s.accountMonth(ctx, op, coop, a, month)
	if err != nil || found {
		return brought, entries, err
	}
	var head ledgerHead
	switch err := s.get(ctx, op, tenant(coop), skLedger, &head); {
	case err == nil && head.Building == "":
		return 0, []dpcoop.Entry{}, nil // the months are kept, and the account never moved
	case err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound):
		return 0, nil, err
	}
	// A ledger from before the months were kept is carried forward now, once.
	if _, err := s.ledger(ctx, op, coop); err != nil {
		return 0, nil, err
	}
	brought, entries, _, err = s.accountMonth(ctx, op, coop, a, month)
	return brought, entries, err
}

// accountMonth is AccountMonth from the items as they are: found is false
// when no month item answered (none kept, or the account never moved).
func (s *Store) accountMonth(ctx context.Context, op string, coop dpcoop.CoopID, a dpcoop.Account, month dpcoop.Month) (int64, []dpcoop.Entry, bool, error) {
	first, _ := month.Bounds()
	in := &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String("PK = :pk AND SK BETWEEN :from AND :to"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":from": str(accountSK(a) + string(first)), ":to": str(monthSK(a, string(month)))},
		ConsistentRead:            aws.Bool(true),
	}
	var entries []dpcoop.Entry
	for {
		res, err := s.db.Query(ctx, in)
		if err != nil {
			return 0, nil, false, storeError(op, err)
		}
		for _, raw := range res.Items {
			if strings.HasSuffix(lastKey(raw, SK), monthMark) {
				var it accountMonthItem
				if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
					return 0, nil, false, dpcoop.Wrap(op, err)
				}
				sort.SliceStable(entries, func(i, j int) bool { return entries[i].Before(entries[j]) })
				return it.Opening, entries, true, nil
			}
			var it sideItem
			if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
				return 0, nil, false, dpcoop.Wrap(op, err)
			}
			entries = append(entries, it.Entry)
		}
		if res.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
	if len(entries) > 0 {
		return 0, nil, false, nil // entries without their month: not carried forward yet
	}
	res, err := s.db.Query(ctx, &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String("PK = :pk AND SK BETWEEN :from AND :to"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":from": str(accountSK(a)), ":to": str(accountSK(a) + string(first))},
		ScanIndexForward:          aws.Bool(false), Limit: aws.Int32(1), ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return 0, nil, false, storeError(op, err)
	}
	if len(res.Items) == 0 || !strings.HasSuffix(lastKey(res.Items[0], SK), monthMark) {
		return 0, []dpcoop.Entry{}, false, nil
	}
	var it accountMonthItem
	if err := attributevalue.UnmarshalMap(res.Items[0], &it); err != nil {
		return 0, nil, false, dpcoop.Wrap(op, err)
	}
	return it.Closing, []dpcoop.Entry{}, true, nil
}

// LedgerMonth reads the co-op's money over a month from its running totals:
// what moved by source in the month and every account's balance at its end.
// One Query, whatever the ledger's length.
func (s *Store) LedgerMonth(ctx context.Context, coop dpcoop.CoopID, month dpcoop.Month) (map[dpcoop.Source]int64, map[dpcoop.Account]int64, error) {
	const op = "read ledger month"
	for carried := false; ; carried = true {
		var items []summaryItem
		_, err := s.query(ctx, op, &dynamodb.QueryInput{
			KeyConditionExpression:    aws.String("PK = :pk AND SK BETWEEN :from AND :to"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":from": str(prefixSummary), ":to": str(prefixSummary + string(month))},
			ScanIndexForward:          aws.Bool(false), // eventually consistent: half the units of a read that grows with the members
		}, 1, &items)
		switch {
		case err != nil:
			return nil, nil, err
		case len(items) == 1 && items[0].Month == string(month):
			return nonNil(items[0].BySource), nonNil(items[0].Accounts), nil
		case len(items) == 1:
			return map[dpcoop.Source]int64{}, nonNil(items[0].Accounts), nil
		case carried:
			return map[dpcoop.Source]int64{}, map[dpcoop.Account]int64{}, nil
		}
		if _, err := s.ledger(ctx, op, coop); err != nil {
			return nil, nil, err
		}
	}
}

func nonNil[K comparable](m map[K]int64) map[K]int64 {
	if m == nil {
		return map[K]int64{}
	}
	return m
}
