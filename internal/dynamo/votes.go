package dynamo

import (
	"context"
	"errors"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The items of a co-op's votes, all in the co-op's partition:
//
//	VOTINGRULES                 the co-op's voting rules
//	MOTION#<id>                 the motion (written whole, conditioned on Version);
//	                            GSI2 lists a co-op's motions, GSI1 "VOTES#DUE" holds
//	                            motions whose next step (open, notice, close, count)
//	                            has a time
//	MOTION#<id>#SHARD#<k>       one of tallyShards parts of the running tally (one
//	                            counter per ballot.CounterNames, summed when read),
//	                            each with a copy of the motion's Status, ClosesMs
//	                            and Snapshot that a vote's condition checks: a vote
//	                            writes one shard chosen at random and never the
//	                            motion, so a rush of votes on one motion does not
//	                            queue on one item
//	VOTER#<motion>#<member>     an elector of the motion's electorate; says whether
//	                            they voted (and for an open ballot, how)
//	BALLOT#<motion>#<random>    a secret ballot: receipt, class, choices; no member,
//	                            no time
const (
	skVotingRules = "VOTINGRULES"
	prefixMotion  = "MOTION#"
	infixShard    = "#SHARD#"
	prefixVoter   = "VOTER#"
	prefixBallot  = "BALLOT#"
	votesDueKey   = "VOTES#DUE"
	dueLayout     = "2006-01-02T15:04:05Z"
	// tallyShards is how many items a motion's tally and vote gate are
	// spread over: at 50 votes a second and a transaction's ~30 ms on AWS,
	// about 1.5 are in flight, so two rarely meet on one of 16 shards; the
	// opening and closing transactions write all 16 with the motion.
	tallyShards   = 16
	maxElectorsTx = 99 - tallyShards // TransactWriteItems takes 100 actions; the rest are the motion and its shards
	maxTxRetries  = 8
)

var _ dpcoop.Votes = (*Store)(nil)

type votingRulesItem struct {
	keys
	dpcoop.VotingRules
}

type motionItem struct {
	keys
	GSI2PK string
	GSI2SK string
	dpcoop.Motion
	// ClosesMs is the closing time as a number, for the vote's condition.
	ClosesMs    int64
	Fingerprint string
}

type electorItem struct {
	keys
	dpcoop.Elector
}

// shardItem is a shard's gate as the opening writes it; the counters are
// added to it by each vote.
type shardItem struct {
	keys
	Status   dpcoop.MotionStatus
	ClosesMs int64
	Snapshot string
}

type secretBallotItem struct {
	keys
	dpcoop.SecretBallot
	Motion string
}

func motionsOf(c dpcoop.CoopID) string       { return tenant(c) + "#MOTIONS" }
func motionSK(id string) string              { return prefixMotion + id }
func shardsOf(id string) string              { return prefixMotion + id + infixShard }
func shardSK(id string, k int) string        { return shardsOf(id) + itoa(int64(k)) }
func electorSK(motion, member string) string { return prefixVoter + motion + "#" + member }
func ballotSK(motion, id string) string      { return prefixBallot + motion + "#" + id }
func dueSK(t time.Time, c dpcoop.CoopID, id string) string {
	return t.UTC().Format(dueLayout) + "#" + string(c) + "#" + id
}

func newMotionItem(m dpcoop.Motion, fingerprint string) motionItem {
	it := motionItem{
		keys:   keys{PK: tenant(m.Coop), SK: motionSK(m.ID)},
		GSI2PK: motionsOf(m.Coop), GSI2SK: sortable(m.Proposed) + "#" + m.ID,
		Motion: m, ClosesMs: m.ClosesAt.UnixMilli(), Fingerprint: fingerprint,
	}
	if due, ok := m.Due(); ok {
		it.GSI1PK, it.GSI1SK = votesDueKey, dueSK(due, m.Coop, m.ID)
	}
	return it
}

func b(v bool) types.AttributeValue    { return &types.AttributeValueMemberBOOL{Value: v} }
func n64(n int64) types.AttributeValue { return &types.AttributeValueMemberN{Value: itoa(n)} }

var attrToken = regexp.MustCompile(`#[A-Za-z][A-Za-z0-9]*`)

// aliases names every #Attr in the expressions as Attr, so no attribute name
// can collide with a DynamoDB reserved word (Snapshot, At, ...).
func aliases(exprs ...string) map[string]string {
	out := map[string]string{}
	for _, e := range exprs {
		for _, tok := range attrToken.FindAllString(e, -1) {
			out[tok] = tok[1:]
		}
	}
	return out
}

// VotingRules reads the co-op's voting rules, or the defaults.
func (s *Store) VotingRules(ctx context.Context, coop dpcoop.CoopID) (dpcoop.VotingRules, error) {
	var it votingRulesItem
	err := s.get(ctx, "read voting rules", tenant(coop), skVotingRules, &it)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return dpcoop.DefaultVotingRules, nil
	}
	return it.VotingRules, err
}

// SetVotingRules replaces the co-op's voting rules.
func (s *Store) SetVotingRules(ctx context.Context, coop dpcoop.CoopID, v dpcoop.VotingRules) error {
	const op = "set voting rules"
	item, err := marshal(op, votingRulesItem{keys: keys{PK: tenant(coop), SK: skVotingRules}, VotingRules: v})
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item})
	return storeError(op, err)
}

// AddMotion stores a new draft once; the same request again returns it.
func (s *Store) AddMotion(ctx context.Context, coop dpcoop.CoopID, m dpcoop.Motion, fingerprint string) (dpcoop.Motion, bool, error) {
	const op = "add motion"
	m.Coop, m.Version = coop, 1
	item, err := marshal(op, newMotionItem(m, fingerprint))
	if err != nil {
		return dpcoop.Motion{}, false, err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item, ConditionExpression: aws.String("attribute_not_exists(PK)")})
	if err == nil {
		return m, true, nil
	}
	if !conditionFailed(err) {
		return dpcoop.Motion{}, false, storeError(op, err)
	}
	existing, err := s.motionItem(ctx, op, coop, m.ID)
	if err != nil {
		return dpcoop.Motion{}, false, err
	}
	if existing.Fingerprint != fingerprint {
		return dpcoop.Motion{}, false, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeIdempotencyMismatch)
	}
	return existing.Motion, false, nil
}

func (s *Store) motionItem(ctx context.Context, op string, coop dpcoop.CoopID, id string) (motionItem, error) {
	var it motionItem
	if err := s.get(ctx, op, tenant(coop), motionSK(id), &it); err != nil {
		return motionItem{}, err
	}
	return it, nil
}

// Motion reads a motion and its tally, the sum of its shards, in one
// strongly consistent query.
func (s *Store) Motion(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Motion, error) {
	const op = "read motion"
	res, err := s.db.Query(ctx, &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :sk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":sk": str(motionSK(id))},
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil {
		return dpcoop.Motion{}, storeError(op, err)
	}
	var m *dpcoop.Motion
	counters := map[string]int64{}
	for _, raw := range res.Items {
		switch sk, _ := raw[SK].(*types.AttributeValueMemberS); {
		case sk == nil:
		case sk.Value == motionSK(id):
			var it motionItem
			if err := attributevalue.UnmarshalMap(raw, &it); err != nil {
				return dpcoop.Motion{}, dpcoop.Wrap(op, err)
			}
			m = &it.Motion
		case strings.HasPrefix(sk.Value, shardsOf(id)):
			for name, av := range raw {
				if !ballot.IsCounterName(name) {
					continue
				}
				var n int64
				if err := attributevalue.Unmarshal(av, &n); err != nil {
					return dpcoop.Motion{}, dpcoop.Wrap(op, err)
				}
				counters[name] += n
			}
		}
	}
	if m == nil {
		return dpcoop.Motion{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	m.Counters = counters
	return *m, nil
}

// Motions lists the co-op's motions, newest first, a page at a time.
func (s *Store) Motions(ctx context.Context, coop dpcoop.CoopID, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Motion], error) {
	const op = "list motions"
	gsiPK := motionsOf(coop)
	in := &dynamodb.QueryInput{
		IndexName:                 aws.String(GSI2),
		KeyConditionExpression:    aws.String("GSI2PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(gsiPK)},
		ScanIndexForward:          aws.Bool(false),
	}
	if page.Cursor != "" {
		c, err := decodeCursor(page.Cursor, prefixMotion)
		if err != nil {
			return dpcoop.Page[dpcoop.Motion]{}, err
		}
		in.ExclusiveStartKey = map[string]types.AttributeValue{PK: str(tenant(coop)), SK: str(c.SK), GSI2PK: str(gsiPK), GSI2SK: str(c.GSI1SK)}
	}
	var items []motionItem
	last, err := s.query(ctx, op, in, page.Limit, &items)
	if err != nil {
		return dpcoop.Page[dpcoop.Motion]{}, err
	}
	out := dpcoop.Page[dpcoop.Motion]{Items: make([]dpcoop.Motion, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, it.Motion)
	}
	if last != nil {
		out.Next = encodeCursor(cursor{SK: lastKey(last, SK), GSI1SK: lastKey(last, GSI2SK)})
	}
	return out, nil
}

// putMotion is a Put of the motion's next state, conditioned on the version
// it was read at; the caller has set next.Version to old+1.
func (s *Store) putMotion(op string, next dpcoop.Motion, fingerprint string, oldVersion int64) (types.TransactWriteItem, error) {
	item, err := marshal(op, newMotionItem(next, fingerprint))
	if err != nil {
		return types.TransactWriteItem{}, err
	}
	return types.TransactWriteItem{Put: &types.Put{
		TableName: aws.String(s.table), Item: item,
		ConditionExpression:       aws.String("#Version = :v"),
		ExpressionAttributeNames:  aliases("#Version"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": n64(oldVersion)},
	}}, nil
}

// updateMotion applies change to the stored motion and writes it whole if
// its version has not moved, with any further actions also returns; when
// someone else wrote first, change runs again on what they left.
func (s *Store) updateMotion(ctx context.Context, op string, coop dpcoop.CoopID, id string,
	change func(dpcoop.Motion) (dpcoop.Motion, error),
	also func(context.Context, dpcoop.Motion) ([]types.TransactWriteItem, error),
) (dpcoop.Motion, error) {
	for attempt := range maxTxRetries {
		it, err := s.motionItem(ctx, op, coop, id)
		if err != nil {
			return dpcoop.Motion{}, err
		}
		next, err := change(it.Motion)
		if errors.Is(err, dpcoop.ErrUnchanged) {
			return it.Motion, nil
		}
		if err != nil {
			return dpcoop.Motion{}, err
		}
		next.ID, next.Coop, next.Version = id, coop, it.Version+1
		put, err := s.putMotion(op, next, it.Fingerprint, it.Version)
		if err != nil {
			return dpcoop.Motion{}, err
		}
		tx := []types.TransactWriteItem{put}
		if also != nil {
			more, err := also(ctx, next)
			if err != nil {
				return dpcoop.Motion{}, err
			}
			tx = append(tx, more...)
		}
		_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
		if err == nil {
			return next, nil
		}
		var tc *types.TransactionCanceledException
		if !errors.As(err, &tc) || (!reasonFailed(tc, 0) && !conflicted(tc)) {
			if conditionFailed(err) {
				return dpcoop.Motion{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeMotionState)
			}
			return dpcoop.Motion{}, storeError(op, err)
		}
		// Someone else wrote the motion, or a vote a shard, first: wait, and
		// read it again.
		if err := backoff(ctx, op, attempt); err != nil {
			return dpcoop.Motion{}, err
		}
	}
	return dpcoop.Motion{}, dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
}

// conflicted reports whether a transaction lost to a concurrent one (AWS
// cancels with TransactionConflict; retrying is right).
func conflicted(tc *types.TransactionCanceledException) bool {
	for _, r := range tc.CancellationReasons {
		if aws.ToString(r.Code) == "TransactionConflict" {
			return true
		}
	}
	return false
}

// ScheduleMotion marks a draft to be opened by the votes tick at its
// opening time.
func (s *Store) ScheduleMotion(ctx context.Context, coop dpcoop.CoopID, id string, version int64, by string) (dpcoop.Motion, error) {
	const op = "schedule motion"
	return s.updateMotion(ctx, op, coop, id, func(m dpcoop.Motion) (dpcoop.Motion, error) {
		switch {
		case m.Status == dpcoop.MotionScheduled:
			return m, dpcoop.ErrUnchanged
		case m.Status != dpcoop.MotionDraft || m.OpensAt == nil:
			return m, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeMotionState)
		case m.Version != version:
			return m, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeMotionState)
		}
		m.Status, m.OpenedBy = dpcoop.MotionScheduled, by
		return m, nil
	}, nil)
}

// OpenMotion writes the motion's electorate and opens it. An electorate that
// fits one transaction is written with the opening itself; a larger one is
// written in chunks under a version lock that any other change to the
// motion breaks, and only the last transaction opens it.
func (s *Store) OpenMotion(ctx context.Context, coop dpcoop.CoopID, id string, o dpcoop.Opening) (dpcoop.Motion, error) {
	const op = "open motion"
	it, err := s.motionItem(ctx, op, coop, id)
	if err != nil {
		return dpcoop.Motion{}, err
	}
	if it.Status == dpcoop.MotionOpen || it.Status == dpcoop.MotionClosed {
		return it.Motion, nil // opened by someone else, or already over
	}
	if it.Version != o.Version {
		return dpcoop.Motion{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeMotionState)
	}
	next := it.Motion
	opened := o.At.UTC()
	next.Status, next.Opened, next.OpenedBy, next.ElectorateDate, next.Snapshot = dpcoop.MotionOpen, &opened, o.By, o.Date, o.Snapshot
	next.Electorate, next.ElectorateByClass = int64(len(o.Electors)), nil
	if len(next.Rules.Classes) > 0 {
		next.ElectorateByClass = map[string]int64{}
		for _, e := range o.Electors {
			next.ElectorateByClass[e.Class]++
		}
	}
	puts := make([]types.TransactWriteItem, 0, len(o.Electors))
	for _, e := range o.Electors {
		e.Motion, e.Snapshot = id, o.Snapshot
		item, err := marshal(op, electorItem{keys: keys{PK: tenant(coop), SK: electorSK(id, e.Member)}, Elector: e})
		if err != nil {
			return dpcoop.Motion{}, err
		}
		puts = append(puts, types.TransactWriteItem{Put: &types.Put{TableName: aws.String(s.table), Item: item}})
	}
	version := it.Version
	write := func(tx []types.TransactWriteItem) error {
		_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
		if conditionFailed(err) {
			return dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeMotionState)
		}
		return storeError(op, err)
	}
	if len(puts) > maxElectorsTx {
		lock := it.Motion
		lock.Version = version + 1
		put, err := s.putMotion(op, lock, it.Fingerprint, version)
		if err != nil {
			return dpcoop.Motion{}, err
		}
		if err := write([]types.TransactWriteItem{put}); err != nil {
			return dpcoop.Motion{}, err
		}
		version++
		held := types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
			TableName: aws.String(s.table), Key: key(tenant(coop), motionSK(id)),
			ConditionExpression:       aws.String("#Version = :v"),
			ExpressionAttributeNames:  aliases("#Version"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": n64(version)},
		}}
		for len(puts) > maxElectorsTx {
			if err := write(append(slices.Clone(puts[:maxElectorsTx]), held)); err != nil {
				return dpcoop.Motion{}, err
			}
			puts = puts[maxElectorsTx:]
		}
	}
	for k := range tallyShards {
		item, err := marshal(op, shardItem{keys: keys{PK: tenant(coop), SK: shardSK(id, k)}, Status: dpcoop.MotionOpen, ClosesMs: next.ClosesAt.UnixMilli(), Snapshot: o.Snapshot})
		if err != nil {
			return dpcoop.Motion{}, err
		}
		puts = append(puts, types.TransactWriteItem{Put: &types.Put{TableName: aws.String(s.table), Item: item}})
	}
	next.Version = version + 1
	put, err := s.putMotion(op, next, it.Fingerprint, version)
	if err != nil {
		return dpcoop.Motion{}, err
	}
	if err := write(append(puts, put)); err != nil {
		return dpcoop.Motion{}, err
	}
	return next, nil
}

// CloseMotion closes an open motion, once, and its shards with it, so that
// no vote lands after; closing a closed one returns it.
func (s *Store) CloseMotion(ctx context.Context, coop dpcoop.CoopID, id string, at time.Time, by string) (dpcoop.Motion, error) {
	const op = "close motion"
	const closeShard = "SET #Status = :closed"
	shards := func(context.Context, dpcoop.Motion) ([]types.TransactWriteItem, error) {
		out := make([]types.TransactWriteItem, tallyShards)
		for k := range out {
			out[k] = types.TransactWriteItem{Update: &types.Update{
				TableName: aws.String(s.table), Key: key(tenant(coop), shardSK(id, k)),
				UpdateExpression:          aws.String(closeShard),
				ExpressionAttributeNames:  aliases(closeShard),
				ExpressionAttributeValues: map[string]types.AttributeValue{":closed": str(string(dpcoop.MotionClosed))},
			}}
		}
		return out, nil
	}
	return s.updateMotion(ctx, op, coop, id, func(m dpcoop.Motion) (dpcoop.Motion, error) {
		switch m.Status {
		case dpcoop.MotionClosed:
			return m, dpcoop.ErrUnchanged
		case dpcoop.MotionOpen:
		default:
			return m, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeMotionNotOpen)
		}
		closed := at.UTC()
		m.Status, m.Closed, m.ClosedBy = dpcoop.MotionClosed, &closed, by
		return m, nil
	}, shards)
}

// RecordOutcome stores the count's outcome on a closed motion and, when a
// confirming motion passed, marks the special resolution it confirms in the
// same transaction.
func (s *Store) RecordOutcome(ctx context.Context, coop dpcoop.CoopID, id string, outcome ballot.Outcome, confirms string) (dpcoop.Motion, error) {
	const op = "record outcome"
	change := func(m dpcoop.Motion) (dpcoop.Motion, error) {
		switch {
		case m.Status != dpcoop.MotionClosed:
			return m, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeMotionState)
		case m.Outcome != "":
			return m, dpcoop.ErrUnchanged
		}
		m.Outcome = outcome
		return m, nil
	}
	var also func(context.Context, dpcoop.Motion) ([]types.TransactWriteItem, error)
	if confirms != "" && outcome == ballot.OutcomePassed {
		also = func(ctx context.Context, m dpcoop.Motion) ([]types.TransactWriteItem, error) {
			first, err := s.motionItem(ctx, op, coop, confirms)
			if err != nil {
				return nil, err
			}
			if !first.NeedsConfirmation() {
				return nil, nil // confirmed already, or nothing to confirm: the outcome still stands
			}
			next := first.Motion
			next.ConfirmedBy, next.Version = id, first.Version+1
			put, err := s.putMotion(op, next, first.Fingerprint, first.Version)
			return []types.TransactWriteItem{put}, err
		}
	}
	return s.updateMotion(ctx, op, coop, id, change, also)
}

// MarkMotionNoticed records that the electorate was sent a kind of notice.
func (s *Store) MarkMotionNoticed(ctx context.Context, coop dpcoop.CoopID, id, kind string) (dpcoop.Motion, error) {
	const op = "mark motion noticed"
	return s.updateMotion(ctx, op, coop, id, func(m dpcoop.Motion) (dpcoop.Motion, error) {
		flag := &m.NoticeOpened
		if kind == dpcoop.NoticeClosing {
			flag = &m.NoticeClosing
		}
		if *flag {
			return m, dpcoop.ErrUnchanged
		}
		*flag = true
		return m, nil
	}, nil)
}

// Elector reads one member's entry in a motion's electorate.
func (s *Store) Elector(ctx context.Context, coop dpcoop.CoopID, motion, member string) (dpcoop.Elector, error) {
	var it electorItem
	if err := s.get(ctx, "read elector", tenant(coop), electorSK(motion, member), &it); err != nil {
		return dpcoop.Elector{}, err
	}
	return it.Elector, nil
}

// Electors lists a motion's electorate a page at a time.
func (s *Store) Electors(ctx context.Context, coop dpcoop.CoopID, motion string, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Elector], error) {
	var items []electorItem
	next, err := s.prefixPage(ctx, "list electors", coop, prefixVoter+motion+"#", page, &items)
	out := dpcoop.Page[dpcoop.Elector]{Next: next, Items: make([]dpcoop.Elector, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, it.Elector)
	}
	return out, err
}

// MarkElectorNoticed records that one elector was sent a kind of notice.
func (s *Store) MarkElectorNoticed(ctx context.Context, coop dpcoop.CoopID, motion, member, kind string) error {
	const op = "mark elector noticed"
	attr := "NoticeOpened"
	if kind == dpcoop.NoticeClosing {
		attr = "NoticeClosing"
	}
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(tenant(coop), electorSK(motion, member)),
		UpdateExpression:          aws.String("SET #n = :t"),
		ConditionExpression:       aws.String("attribute_exists(PK)"),
		ExpressionAttributeNames:  map[string]string{"#n": attr},
		ExpressionAttributeValues: map[string]types.AttributeValue{":t": b(true)},
	})
	if conditionFailed(err) {
		return dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return storeError(op, err)
}

const acceptsCond = "#Status = :open AND #ClosesMs > :now AND #Snapshot = :snap"

// motionAccepts is a vote's part on one of the motion's shards, chosen at
// random: the condition that the motion is open, its closing time has not
// come and the electorate is the one the vote was checked against (whatever
// the tick has or has not done), with the vote's counters added and those of
// the vote it replaces taken away (a check alone when they cancel out).
func (s *Store) motionAccepts(coop dpcoop.CoopID, m dpcoop.Motion, at time.Time, add, remove []string) types.TransactWriteItem {
	k := key(tenant(coop), shardSK(m.ID, rand.IntN(tallyShards)))
	names := aliases(acceptsCond)
	values := map[string]types.AttributeValue{
		":open": str(string(dpcoop.MotionOpen)), ":now": n64(at.UnixMilli()), ":snap": str(m.Snapshot),
	}
	update := tallyUpdate(add, remove, names, values)
	if update == "" {
		return types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
			TableName: aws.String(s.table), Key: k, ConditionExpression: aws.String(acceptsCond),
			ExpressionAttributeNames: names, ExpressionAttributeValues: values,
		}}
	}
	return types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(s.table), Key: k, ConditionExpression: aws.String(acceptsCond), UpdateExpression: aws.String(update),
		ExpressionAttributeNames: names, ExpressionAttributeValues: values,
	}}
}

const memberCond = "attribute_exists(PK) AND #Entered <= :today AND (attribute_not_exists(#Ceased) OR #Ceased = :none OR #Ceased > :today)"

// stillMember is the condition that a member is on the register today.
func (s *Store) stillMember(coop dpcoop.CoopID, member string, today dpcoop.Date) types.TransactWriteItem {
	return types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixMember+member),
		ConditionExpression:      aws.String(memberCond),
		ExpressionAttributeNames: aliases(memberCond),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":none": str(""), ":today": str(string(today)),
		},
	}}
}

// Cast stores a vote in one transaction: the tally's counters on a shard
// conditioned on the motion accepting votes, the elector's update
// conditioned on their not having voted (a first vote) or on the version
// read (a changed open vote), the condition that the member has not ceased,
// and for a secret ballot the ballot itself under a random id. No part is ever written without
// the others. Each conditional part says why it refused; a transaction that
// lost a race is retried after a jittered wait, so a rush of votes spreads
// out instead of colliding again.
func (s *Store) Cast(ctx context.Context, coop dpcoop.CoopID, c dpcoop.Cast) (dpcoop.CastResult, error) {
	const op = "cast vote"
	m, v := c.Motion, c.Vote
	next := c.Next()
	elector, err := s.electorUpdate(op, coop, c, next)
	if err != nil {
		return dpcoop.CastResult{}, err
	}
	parts := []txPart{
		{s.motionAccepts(coop, m, c.At, c.Add, c.Remove), s.motionRefused(op, coop, m.ID, c.At)},
		{elector, func(ctx context.Context) error {
			e, err := s.Elector(ctx, coop, m.ID, v.Member)
			if err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound) {
				return err
			}
			return c.Refusal(op, e, err == nil)
		}},
		{s.stillMember(coop, v.Member, c.Today), func(context.Context) error {
			return dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeVoterCeased)
		}},
	}
	var sb dpcoop.SecretBallot
	if m.Secret {
		sb = dpcoop.NewSecretBallot(m.ID, c.Class, v.Choices, v.Spoilt)
		put, err := s.putNew(op, secretBallotItem{keys: keys{PK: tenant(coop), SK: ballotSK(m.ID, sb.ID)}, SecretBallot: sb, Motion: m.ID})
		if err != nil {
			return dpcoop.CastResult{}, err
		}
		parts = append(parts, txPart{item: put})
	}
	if err := s.transact(ctx, op, parts); err != nil {
		return dpcoop.CastResult{}, err
	}
	return dpcoop.CastResult{Elector: next, Receipt: sb.Receipt, Changed: c.Prev.Voted}, nil
}

// txPart is one item of a transaction and, for a conditional one, why its
// condition failed (nil: it cannot fail on a condition).
type txPart struct {
	item    types.TransactWriteItem
	refused func(context.Context) error
}

// transact writes the parts in one transaction. When a part's condition
// fails, its refusal is the answer; when the transaction lost to a
// concurrent one it is tried again after a jittered, growing wait, up to
// maxTxRetries times, then answered as unavailable.
func (s *Store) transact(ctx context.Context, op string, parts []txPart) error {
	items := make([]types.TransactWriteItem, len(parts))
	for i, p := range parts {
		items[i] = p.item
	}
	for attempt := range maxTxRetries {
		_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
		if err == nil {
			return nil
		}
		var tc *types.TransactionCanceledException
		if !errors.As(err, &tc) {
			return storeError(op, err)
		}
		for i, p := range parts {
			if p.refused != nil && reasonFailed(tc, i) {
				return p.refused(ctx)
			}
		}
		if !conflicted(tc) {
			return storeError(op, err)
		}
		if err := backoff(ctx, op, attempt); err != nil {
			return err
		}
	}
	return dpcoop.E(op, dpcoop.KindUnavailable, dpcoop.CodeUnavailable)
}

// backoff waits before a transaction that lost a race is tried again: full
// jitter, a random wait up to a ceiling that doubles from 20 ms, so the
// writers that collided spread out instead of colliding again.
func backoff(ctx context.Context, op string, attempt int) error {
	ceiling := (20 * time.Millisecond) << attempt
	select {
	case <-ctx.Done():
		return storeError(op, ctx.Err())
	case <-time.After(time.Duration(rand.Int64N(int64(ceiling)) + 1)):
		return nil
	}
}

// electorUpdate is the elector's part of a vote: it writes next, the record
// the domain made of the cast (dpcoop.Cast.Next), on condition that the
// record is the one the vote was checked against.
func (s *Store) electorUpdate(op string, coop dpcoop.CoopID, c dpcoop.Cast, next dpcoop.Elector) (types.TransactWriteItem, error) {
	v, prev := c.Vote, c.Prev
	set := []string{"#Voted = :t", "#Channel = :channel", "#EnteredBy = :entered"}
	values := map[string]types.AttributeValue{
		":t": b(true), ":channel": str(string(next.Channel)), ":entered": str(next.EnteredBy), ":snap": str(c.Motion.Snapshot),
	}
	cond := []string{"#Snapshot = :snap"}
	if v.Holder != "" {
		cond = append(cond, "#ProxyHolder = :holder")
		values[":holder"] = str(v.Holder)
	}
	if prev.Voted {
		cond = append(cond, "#Voted = :t", "#Version = :version")
		values[":version"] = n64(prev.Version)
	} else {
		cond = append(cond, "(attribute_not_exists(#Voted) OR #Voted = :f)")
		values[":f"] = b(false)
	}
	if !c.Motion.Secret { // an open ballot: the vote itself is kept
		choices, err := attributevalue.Marshal(next.Choices)
		if err != nil {
			return types.TransactWriteItem{}, dpcoop.Wrap(op, err)
		}
		atAV, err := attributevalue.Marshal(*next.At)
		if err != nil {
			return types.TransactWriteItem{}, dpcoop.Wrap(op, err)
		}
		set = append(set, "#Choices = :choices", "#Spoilt = :spoilt", "#CastBy = :castby", "#At = :at", "#Version = :next")
		values[":choices"], values[":spoilt"], values[":castby"], values[":at"], values[":next"] = choices, b(next.Spoilt), str(next.CastBy), atAV, n64(next.Version)
		if len(next.History) > len(prev.History) {
			ev, err := attributevalue.Marshal(next.History[len(prev.History):])
			if err != nil {
				return types.TransactWriteItem{}, dpcoop.Wrap(op, err)
			}
			// History is NULL until a first change; the Version condition
			// makes what was read about it still true.
			if len(prev.History) == 0 {
				set = append(set, "#History = :event")
			} else {
				set = append(set, "#History = list_append(#History, :event)")
			}
			values[":event"] = ev
		}
	}
	update, condition := "SET "+strings.Join(set, ", "), strings.Join(cond, " AND ")
	return types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), electorSK(c.Motion.ID, v.Member)),
		UpdateExpression:          aws.String(update),
		ConditionExpression:       aws.String(condition),
		ExpressionAttributeNames:  aliases(update, condition),
		ExpressionAttributeValues: values,
	}}, nil
}

// tallyUpdate is the ADD expression for the vote's counters less those of
// the vote it replaces, its names and values added to names and values; ""
// when they cancel out.
func tallyUpdate(add, remove []string, names map[string]string, values map[string]types.AttributeValue) string {
	delta := map[string]int64{}
	for _, n := range add {
		delta[n]++
	}
	for _, n := range remove {
		delta[n]--
	}
	var counters []string
	for n, d := range delta {
		if d != 0 {
			counters = append(counters, n)
		}
	}
	if len(counters) == 0 {
		return ""
	}
	slices.Sort(counters)
	parts := make([]string, len(counters))
	for i, n := range counters {
		k := "#c" + itoa(int64(i))
		v := ":d" + itoa(int64(i))
		names[k], values[v] = n, n64(delta[n])
		parts[i] = k + " " + v
	}
	return "ADD " + strings.Join(parts, ", ")
}

// motionRefused says why a motion's shard refused a vote, from the motion
// as it now stands (closed, past its time, or changed).
func (s *Store) motionRefused(op string, coop dpcoop.CoopID, id string, at time.Time) func(context.Context) error {
	return func(ctx context.Context) error {
		now, err := s.motionItem(ctx, op, coop, id)
		if err != nil {
			return err
		}
		return dpcoop.MotionConflict(op, now.Motion, at)
	}
}

const (
	appointSet  = "SET #ProxyHolder = :holder"
	appointCond = "#Snapshot = :snap AND (attribute_not_exists(#Voted) OR #Voted = :f) AND (attribute_not_exists(#ProxyHolder) OR #ProxyHolder = :none)"
	holderAdd   = "ADD #ProxiesHeld :one"
	holderCond  = "#Snapshot = :snap AND (attribute_not_exists(#ProxiesHeld) OR #ProxiesHeld < :cap)"
)

// AppointProxy records, in one transaction, that member's vote may be cast
// by holder: the member has not voted or appointed anyone, the holder is an
// elector under the cap, the motion accepts votes and the member has not
// ceased. Appointing the same holder again changes nothing.
func (s *Store) AppointProxy(ctx context.Context, coop dpcoop.CoopID, m dpcoop.Motion, member, holder string, limit int, today dpcoop.Date, at time.Time) (dpcoop.Elector, error) {
	const op = "appoint proxy"
	snap := str(m.Snapshot)
	var already bool
	parts := []txPart{
		{s.motionAccepts(coop, m, at, nil, nil), s.motionRefused(op, coop, m.ID, at)},
		{types.TransactWriteItem{Update: &types.Update{
			TableName: aws.String(s.table), Key: key(tenant(coop), electorSK(m.ID, member)),
			UpdateExpression:         aws.String(appointSet),
			ConditionExpression:      aws.String(appointCond),
			ExpressionAttributeNames: aliases(appointSet, appointCond),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":holder": str(holder), ":snap": snap, ":f": b(false), ":none": str(""),
			},
		}}, func(ctx context.Context) error {
			e, err := s.Elector(ctx, coop, m.ID, member)
			if err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound) {
				return err
			}
			already, err = dpcoop.ProxyRefusal(op, m, e, err == nil, holder)
			return err
		}},
		{types.TransactWriteItem{Update: &types.Update{
			TableName: aws.String(s.table), Key: key(tenant(coop), electorSK(m.ID, holder)),
			UpdateExpression:         aws.String(holderAdd),
			ConditionExpression:      aws.String(holderCond),
			ExpressionAttributeNames: aliases(holderAdd, holderCond),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":one": n64(1), ":snap": snap, ":cap": n64(int64(limit)),
			},
		}}, func(ctx context.Context) error {
			if _, err := s.Elector(ctx, coop, m.ID, holder); err != nil {
				var p dpcoop.Problems
				p.Add("holder_id", dpcoop.FieldNotElector)
				return p.Err(op)
			}
			return dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeProxyCapReached)
		}},
		{s.stillMember(coop, member, today), func(context.Context) error {
			return dpcoop.E(op, dpcoop.KindForbidden, dpcoop.CodeVoterCeased)
		}},
	}
	if err := s.transact(ctx, op, parts); err != nil && !already {
		return dpcoop.Elector{}, err
	}
	return s.Elector(ctx, coop, m.ID, member)
}

// SecretBallots lists a motion's secret ballots by their random ids: an
// order that says nothing about when, or by whom, each was cast.
func (s *Store) SecretBallots(ctx context.Context, coop dpcoop.CoopID, motion string, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.SecretBallot], error) {
	var items []secretBallotItem
	next, err := s.prefixPage(ctx, "list ballots", coop, prefixBallot+motion+"#", page, &items)
	out := dpcoop.Page[dpcoop.SecretBallot]{Next: next, Items: make([]dpcoop.SecretBallot, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, it.SecretBallot)
	}
	return out, err
}

// DueMotions lists motions in every co-op whose next step is due by now,
// earliest first, from the sparse GSI1 partition "VOTES#DUE".
func (s *Store) DueMotions(ctx context.Context, now time.Time, limit int) ([]dpcoop.MotionRef, error) {
	const op = "list due motions"
	in := &dynamodb.QueryInput{
		IndexName:                 aws.String(GSI1),
		KeyConditionExpression:    aws.String("GSI1PK = :due AND GSI1SK < :bound"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":due": str(votesDueKey), ":bound": str(now.UTC().Format(dueLayout) + "$")},
		ProjectionExpression:      aws.String("PK, ID"),
	}
	var items []struct{ PK, ID string }
	if _, err := s.query(ctx, op, in, limit, &items); err != nil {
		return nil, err
	}
	out := make([]dpcoop.MotionRef, 0, len(items))
	for _, it := range items {
		coop, ok := strings.CutPrefix(it.PK, "T#")
		if ok && dpcoop.ValidID(it.ID) {
			out = append(out, dpcoop.MotionRef{Coop: dpcoop.CoopID(coop), ID: it.ID})
		}
	}
	return out, nil
}
