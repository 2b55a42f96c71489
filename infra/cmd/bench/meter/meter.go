// Package meter counts the DynamoDB requests code makes, with middleware on
// the SDK client, and can estimate the request units AWS would bill for them
// from the sizes of the items read and written. It also keeps the inputs of
// the requests it saw, so a benchmark can send the same bare DynamoDB calls
// again (for another record) and time them without our code around them.
//
// It is a measuring tool for make bench: nothing in the service imports it.
package meter

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/dpcoop/dpcoop/internal/dynamo"
)

// Counts is what a meter saw since it was last reset.
type Counts struct {
	Requests int            // API calls (one per call, however many items)
	Reads    int            // GetItem, Query, Scan, BatchGetItem, TransactGetItems
	Writes   int            // PutItem, UpdateItem, DeleteItem, TransactWriteItems, BatchWriteItem
	TxItems  int            // items in TransactWriteItems calls
	Failed   int            // calls that returned an error (a refused condition included)
	ByOp     map[string]int // calls by operation name
	// RRU and WRU are the request units AWS on-demand would bill, estimated
	// from item sizes; only a meter with a probe (see Probe) fills them.
	RRU, WRU float64
}

// Add returns the sum of two counts.
func (c Counts) Add(o Counts) Counts {
	out := Counts{Requests: c.Requests + o.Requests, Reads: c.Reads + o.Reads, Writes: c.Writes + o.Writes,
		TxItems: c.TxItems + o.TxItems, Failed: c.Failed + o.Failed, RRU: c.RRU + o.RRU, WRU: c.WRU + o.WRU,
		ByOp: map[string]int{}}
	for k, v := range c.ByOp {
		out.ByOp[k] += v
	}
	for k, v := range o.ByOp {
		out.ByOp[k] += v
	}
	return out
}

// Ops lists the operations seen as "Name×n", most frequent first.
func (c Counts) Ops() string {
	names := make([]string, 0, len(c.ByOp))
	for k := range c.ByOp {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		if c.ByOp[names[i]] != c.ByOp[names[j]] {
			return c.ByOp[names[i]] > c.ByOp[names[j]]
		}
		return names[i] < names[j]
	})
	parts := make([]string, 0, len(names))
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%s×%d", n, c.ByOp[n]))
	}
	return strings.Join(parts, " ")
}

// Meter counts the requests of the clients it is added to.
type Meter struct {
	mu       sync.Mutex
	counts   Counts
	capture  bool
	captured []any
	probe    *dynamodb.Client
	table    string
}

// New returns a meter with nothing counted.
func New() *Meter { return &Meter{counts: Counts{ByOp: map[string]int{}}} }

// Option adds the meter to a DynamoDB client: pass it to dynamodb.New,
// dynamodb.NewFromConfig or embedded.Start.
func (m *Meter) Option(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
		return st.Initialize.Add(middleware.InitializeMiddlewareFunc("DpcoopMeter", m.handle), middleware.After)
	})
}

// Probe makes the meter estimate request units: before and after each write
// it reads the item from table with probe (a client without the meter) to
// learn its size and which indexes it is in. Probing adds requests of its
// own, so use it for a counting pass, never while timing. A nil probe turns
// probing off.
func (m *Meter) Probe(probe *dynamodb.Client, table string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.probe, m.table = probe, table
}

// Capture turns keeping request inputs on or off; turning it on forgets what
// was kept.
func (m *Meter) Capture(on bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.capture = on
	if on {
		m.captured = nil
	}
}

// Captured returns the inputs kept since Capture(true), in call order.
func (m *Meter) Captured() []any {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]any(nil), m.captured...)
}

// Reset returns the counts so far and starts again from zero.
func (m *Meter) Reset() Counts {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := m.counts
	m.counts = Counts{ByOp: map[string]int{}}
	return c
}

// Snapshot returns the counts so far.
func (m *Meter) Snapshot() Counts {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.counts.Add(Counts{})
}

func (m *Meter) handle(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	m.mu.Lock()
	probe, table := m.probe, m.table
	m.mu.Unlock()
	var before map[string]map[string]types.AttributeValue
	if probe != nil {
		before = items(ctx, probe, table, writeKeys(in.Parameters))
	}
	out, md, err := next.HandleInitialize(ctx, in)
	op, write, txItems := describe(in.Parameters)
	var rru, wru float64
	if probe != nil {
		rru = readUnits(in.Parameters, out.Result)
		if write {
			wru = writeUnits(in.Parameters, before, items(ctx, probe, table, writeKeys(in.Parameters)), err == nil)
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.counts.Requests++
	m.counts.ByOp[op]++
	m.counts.TxItems += txItems
	m.counts.RRU += rru
	m.counts.WRU += wru
	if write {
		m.counts.Writes++
	} else {
		m.counts.Reads++
	}
	if err != nil {
		m.counts.Failed++
	}
	if m.capture {
		m.captured = append(m.captured, in.Parameters)
	}
	return out, md, err
}

// describe names a request's operation, says whether it writes, and counts
// its transaction items.
func describe(params any) (op string, write bool, txItems int) {
	switch in := params.(type) {
	case *dynamodb.GetItemInput:
		return "GetItem", false, 0
	case *dynamodb.QueryInput:
		return "Query", false, 0
	case *dynamodb.ScanInput:
		return "Scan", false, 0
	case *dynamodb.BatchGetItemInput:
		return "BatchGetItem", false, 0
	case *dynamodb.TransactGetItemsInput:
		return "TransactGetItems", false, 0
	case *dynamodb.PutItemInput:
		return "PutItem", true, 0
	case *dynamodb.UpdateItemInput:
		return "UpdateItem", true, 0
	case *dynamodb.DeleteItemInput:
		return "DeleteItem", true, 0
	case *dynamodb.BatchWriteItemInput:
		return "BatchWriteItem", true, 0
	case *dynamodb.TransactWriteItemsInput:
		return "TransactWriteItems", true, len(in.TransactItems)
	}
	return fmt.Sprintf("%T", params), false, 0
}

// written is one item a write touches: its key, whether the write is
// transactional, and whether it only checks a condition.
type written struct {
	key         map[string]types.AttributeValue
	transaction bool
	check       bool
}

func keyOf(item map[string]types.AttributeValue) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{dynamo.PK: item[dynamo.PK], dynamo.SK: item[dynamo.SK]}
}

func writeKeys(params any) []written {
	switch in := params.(type) {
	case *dynamodb.PutItemInput:
		return []written{{key: keyOf(in.Item)}}
	case *dynamodb.UpdateItemInput:
		return []written{{key: in.Key}}
	case *dynamodb.DeleteItemInput:
		return []written{{key: in.Key}}
	case *dynamodb.BatchWriteItemInput:
		var out []written
		for _, reqs := range in.RequestItems {
			for _, r := range reqs {
				if r.PutRequest != nil {
					out = append(out, written{key: keyOf(r.PutRequest.Item)})
				} else if r.DeleteRequest != nil {
					out = append(out, written{key: r.DeleteRequest.Key})
				}
			}
		}
		return out
	case *dynamodb.TransactWriteItemsInput:
		var out []written
		for _, it := range in.TransactItems {
			switch {
			case it.Put != nil:
				out = append(out, written{key: keyOf(it.Put.Item), transaction: true})
			case it.Update != nil:
				out = append(out, written{key: it.Update.Key, transaction: true})
			case it.Delete != nil:
				out = append(out, written{key: it.Delete.Key, transaction: true})
			case it.ConditionCheck != nil:
				out = append(out, written{key: it.ConditionCheck.Key, transaction: true, check: true})
			}
		}
		return out
	}
	return nil
}

func keyString(k map[string]types.AttributeValue) string {
	s := func(v types.AttributeValue) string {
		if x, ok := v.(*types.AttributeValueMemberS); ok {
			return x.Value
		}
		return ""
	}
	return s(k[dynamo.PK]) + "\x00" + s(k[dynamo.SK])
}

// items reads the items at the keys (absent items are missing from the map).
func items(ctx context.Context, probe *dynamodb.Client, table string, ws []written) map[string]map[string]types.AttributeValue {
	out := map[string]map[string]types.AttributeValue{}
	for _, w := range ws {
		res, err := probe.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: w.key, ConsistentRead: aws.Bool(true)})
		if err == nil && res.Item != nil {
			out[keyString(w.key)] = res.Item
		}
	}
	return out
}

func kb(size, unit int) float64 {
	if size <= 0 {
		return 1
	}
	return math.Ceil(float64(size) / float64(unit))
}

// writeUnits estimates the write request units of a write: each item's size
// (the larger of before and after) in 1 KB units, doubled in a transaction,
// plus a write to each index the item enters, leaves or changes in (indexes
// project every attribute). A condition check in a transaction is billed
// like a transactional write of its item.
func writeUnits(params any, before, after map[string]map[string]types.AttributeValue, ok bool) float64 {
	var total float64
	for _, w := range writeKeys(params) {
		k := keyString(w.key)
		b, a := before[k], after[k]
		size := max(ItemSize(b), ItemSize(a))
		units := kb(size, 1024)
		if w.transaction {
			units *= 2
		}
		total += units
		if !ok || w.check {
			continue // nothing reached the indexes
		}
		for _, ix := range dynamo.Indexes {
			inB, inA := inIndex(b, ix), inIndex(a, ix)
			switch {
			case inB && inA && indexKey(b, ix) != indexKey(a, ix):
				total += kb(ItemSize(b), 1024) + kb(ItemSize(a), 1024)
			case inB && inA:
				total += kb(size, 1024)
			case inA:
				total += kb(ItemSize(a), 1024)
			case inB:
				total += kb(ItemSize(b), 1024)
			}
		}
	}
	return total
}

func inIndex(item map[string]types.AttributeValue, ix dynamo.Index) bool {
	return item != nil && item[ix.PartitionKey] != nil && item[ix.SortKey] != nil
}

func indexKey(item map[string]types.AttributeValue, ix dynamo.Index) string {
	return keyString(map[string]types.AttributeValue{dynamo.PK: item[ix.PartitionKey], dynamo.SK: item[ix.SortKey]})
}

// readUnits estimates the read request units of a read from what it
// returned: 4 KB units, half for an eventually consistent read (every index
// query is), a query's items summed before rounding, and a key read but not
// found one unit, as GetItem of nothing is.
func readUnits(params, result any) float64 {
	half := func(consistent *bool) float64 {
		if aws.ToBool(consistent) {
			return 1
		}
		return 0.5
	}
	sum := func(list []map[string]types.AttributeValue) int {
		n := 0
		for _, it := range list {
			n += ItemSize(it)
		}
		return n
	}
	switch in := params.(type) {
	case *dynamodb.GetItemInput:
		size := 0
		if out, ok := result.(*dynamodb.GetItemOutput); ok && out != nil {
			size = ItemSize(out.Item)
		}
		return kb(size, 4096) * half(in.ConsistentRead)
	case *dynamodb.QueryInput:
		size := 0
		if out, ok := result.(*dynamodb.QueryOutput); ok && out != nil {
			size = sum(out.Items)
		}
		return kb(size, 4096) * half(in.ConsistentRead)
	case *dynamodb.ScanInput:
		size := 0
		if out, ok := result.(*dynamodb.ScanOutput); ok && out != nil {
			size = sum(out.Items)
		}
		return kb(size, 4096) * half(in.ConsistentRead)
	case *dynamodb.BatchGetItemInput:
		// Each key is read as a GetItem is: one not found still costs a unit.
		var units float64
		if out, ok := result.(*dynamodb.BatchGetItemOutput); ok && out != nil {
			for table, asked := range in.RequestItems {
				list := out.Responses[table]
				for _, it := range list {
					units += kb(ItemSize(it), 4096) * half(asked.ConsistentRead)
				}
				missing := len(asked.Keys) - len(out.UnprocessedKeys[table].Keys) - len(list)
				units += float64(max(missing, 0)) * kb(0, 4096) * half(asked.ConsistentRead)
			}
		}
		return units
	case *dynamodb.TransactGetItemsInput:
		var units float64
		if out, ok := result.(*dynamodb.TransactGetItemsOutput); ok && out != nil {
			for _, r := range out.Responses {
				units += 2 * kb(ItemSize(r.Item), 4096)
			}
		}
		return units
	}
	return 0
}

// ItemSize is an item's size as DynamoDB counts it: each attribute's name
// and value; numbers about one byte per two digits; lists and maps three
// bytes plus one a member.
func ItemSize(item map[string]types.AttributeValue) int {
	n := 0
	for k, v := range item {
		n += len(k) + valueSize(v)
	}
	return n
}

func numberSize(s string) int {
	digits := strings.Trim(strings.TrimLeft(strings.NewReplacer("-", "", ".", "").Replace(s), "0"), "0")
	return (len(digits)+1)/2 + 1
}

func valueSize(v types.AttributeValue) int {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return len(v.Value)
	case *types.AttributeValueMemberN:
		return numberSize(v.Value)
	case *types.AttributeValueMemberB:
		return len(v.Value)
	case *types.AttributeValueMemberBOOL, *types.AttributeValueMemberNULL:
		return 1
	case *types.AttributeValueMemberSS:
		n := 0
		for _, s := range v.Value {
			n += len(s)
		}
		return n
	case *types.AttributeValueMemberNS:
		n := 0
		for _, s := range v.Value {
			n += numberSize(s)
		}
		return n
	case *types.AttributeValueMemberBS:
		n := 0
		for _, b := range v.Value {
			n += len(b)
		}
		return n
	case *types.AttributeValueMemberM:
		n := 3
		for k, x := range v.Value {
			n += len(k) + valueSize(x) + 1
		}
		return n
	case *types.AttributeValueMemberL:
		n := 3
		for _, x := range v.Value {
			n += valueSize(x) + 1
		}
		return n
	}
	return 0
}
