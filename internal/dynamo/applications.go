package dynamo

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

type applicationItem struct {
	keys
	dpcoop.Application
}

type memberItem struct {
	keys
	dpcoop.Member
	CeasedBy string `dynamodbav:",omitempty"`
}

func newApplicationItem(a dpcoop.Application) applicationItem {
	return applicationItem{
		keys: keys{
			PK: tenant(a.Coop), SK: prefixApp + a.ID,
			GSI1PK: applicationsByStatus(a.Coop, a.Status),
			GSI1SK: sortable(a.Received) + "#" + a.ID,
		},
		Application: a,
	}
}

// referenceItem claims an application's reference in its co-op, so no two
// applications share one; it holds only the application's id.
type referenceItem struct {
	keys
	Application string
}

// AddApplication stores an application once, with the claim on its
// reference in the same transaction. Its id is derived from the idempotency
// key, so a second submit finds the first and changes nothing. A reference
// another application holds fails with reference_taken and stores nothing.
func (s *Store) AddApplication(ctx context.Context, coop dpcoop.CoopID, a dpcoop.Application) (dpcoop.Application, bool, error) {
	const op = "add application"
	a.Coop = coop
	app, err := s.putNew(op, newApplicationItem(a))
	if err != nil {
		return dpcoop.Application{}, false, err
	}
	tx := []types.TransactWriteItem{app}
	if a.Reference != "" {
		ref, err := s.putNew(op, referenceItem{keys: keys{PK: tenant(coop), SK: prefixAppRef + a.Reference}, Application: a.ID})
		if err != nil {
			return dpcoop.Application{}, false, err
		}
		tx = append(tx, ref)
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
	if err == nil {
		return a, true, nil
	}
	if !conditionFailed(err) {
		return dpcoop.Application{}, false, storeError(op, err)
	}
	existing, err := s.Application(ctx, coop, a.ID)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		// Only the reference's claim failed: another application holds it.
		return dpcoop.Application{}, false, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeReferenceTaken)
	}
	if err != nil {
		return dpcoop.Application{}, false, err
	}
	if existing.Fingerprint != a.Fingerprint {
		return dpcoop.Application{}, false, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeIdempotencyMismatch)
	}
	return existing, false, nil
}

// Application reads one application of the co-op.
func (s *Store) Application(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Application, error) {
	var it applicationItem
	if err := s.get(ctx, "read application", tenant(coop), prefixApp+id, &it); err != nil {
		return dpcoop.Application{}, err
	}
	return it.Application, nil
}

// Applications lists one status's applications, oldest first, a page at a time.
func (s *Store) Applications(ctx context.Context, coop dpcoop.CoopID, status dpcoop.ApplicationStatus, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Application], error) {
	const op = "list applications"
	gsiPK := applicationsByStatus(coop, status)
	in := &dynamodb.QueryInput{
		IndexName:                 aws.String(GSI1),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(gsiPK)},
	}
	if page.Cursor != "" {
		c, err := decodeCursor(page.Cursor, prefixApp)
		if err != nil {
			return dpcoop.Page[dpcoop.Application]{}, err
		}
		in.ExclusiveStartKey = map[string]types.AttributeValue{
			PK: str(tenant(coop)), SK: str(c.SK), GSI1PK: str(gsiPK), GSI1SK: str(c.GSI1SK),
		}
	}
	var items []applicationItem
	last, err := s.query(ctx, op, in, page.Limit, &items)
	if err != nil {
		return dpcoop.Page[dpcoop.Application]{}, err
	}
	out := dpcoop.Page[dpcoop.Application]{Items: make([]dpcoop.Application, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, it.Application)
	}
	if last != nil {
		out.Next = encodeCursor(cursor{SK: lastKey(last, SK), GSI1SK: lastKey(last, GSI1SK)})
	}
	return out, nil
}

// DecideApplication moves a pending application to its decision and, for an
// approval, writes what it admits (register entry or PA record) in the same
// transaction. The update is conditioned on the application still pending,
// so two admins deciding at once cannot both win.
func (s *Store) DecideApplication(ctx context.Context, coop dpcoop.CoopID, id string, d dpcoop.Decision, admit func(dpcoop.Application) dpcoop.Admission) (dpcoop.Application, error) {
	const op = "decide application"
	a, err := s.Application(ctx, coop, id)
	if err != nil {
		return dpcoop.Application{}, err
	}
	if a.Status != dpcoop.StatusPending {
		return settled(op, a, d)
	}
	decided := d.At.UTC()
	a.Status, a.Decided, a.DecidedBy, a.Reason = d.Status(), &decided, d.By, d.Reason
	var tx []types.TransactWriteItem
	if d.Approve {
		var item any
		switch adm := admit(a); {
		case adm.Member != nil:
			a.MemberID = adm.Member.ID
			item = memberItem{keys: keys{PK: tenant(coop), SK: prefixMember + adm.Member.ID}, Member: *adm.Member}
		case adm.PA != nil:
			item = paItem{keys: keys{PK: tenant(coop), SK: prefixPA + adm.PA.ID}, PA: *adm.PA}
		}
		if item != nil {
			put, err := s.putNew(op, item)
			if err != nil {
				return dpcoop.Application{}, err
			}
			tx = append(tx, put)
		}
	}
	decidedAt, err := marshal(op, struct{ T time.Time }{decided})
	if err != nil {
		return dpcoop.Application{}, err
	}
	tx = append(tx, types.TransactWriteItem{Update: &types.Update{
		TableName:                aws.String(s.table),
		Key:                      key(tenant(coop), prefixApp+id),
		UpdateExpression:         aws.String("SET #status = :status, Decided = :decided, DecidedBy = :by, Reason = :reason, MemberID = :member, GSI1PK = :gsi"),
		ConditionExpression:      aws.String("#status = :pending"),
		ExpressionAttributeNames: map[string]string{"#status": "Status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":status": str(string(a.Status)), ":decided": decidedAt["T"], ":by": str(d.By),
			":reason": str(d.Reason), ":member": str(a.MemberID), ":pending": str(string(dpcoop.StatusPending)),
			":gsi": str(applicationsByStatus(coop, a.Status)),
		},
	}})
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: tx})
	if err == nil {
		return a, nil
	}
	if !conditionFailed(err) {
		return dpcoop.Application{}, storeError(op, err)
	}
	// Someone decided it between our read and our write: answer as they left it.
	now, err := s.Application(ctx, coop, id)
	if err != nil {
		return dpcoop.Application{}, err
	}
	return settled(op, now, d)
}

// settled answers a decision on an application that is no longer pending:
// the same decision again is a repeat and returns what is stored; a
// different one is a conflict.
func settled(op string, a dpcoop.Application, d dpcoop.Decision) (dpcoop.Application, error) {
	if a.Status == d.Status() {
		return a, nil
	}
	return dpcoop.Application{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeAlreadyDecided)
}
