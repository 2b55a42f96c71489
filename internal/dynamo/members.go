package dynamo

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Member reads one entry on the register.
func (s *Store) Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error) {
	var it memberItem
	if err := s.get(ctx, "read member", tenant(coop), prefixMember+id, &it); err != nil {
		return dpcoop.Member{}, err
	}
	return it.Member, nil
}

// MemberOfCoop reads a register entry and its co-op together, strongly
// consistent, with one BatchGetItem: not found if either is absent.
func (s *Store) MemberOfCoop(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, dpcoop.Coop, error) {
	const op = "read member"
	var (
		m memberItem
		c coopItem
	)
	found, err := s.getMany(ctx, op, []wanted{{tenant(coop), prefixMember + id, &m}, {tenant(coop), skCoop, &c}})
	switch {
	case err != nil:
		return dpcoop.Member{}, dpcoop.Coop{}, err
	case !found[0] || !found[1]:
		return dpcoop.Member{}, dpcoop.Coop{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return m.Member, c.Coop, nil
}

// Members reads the register a page at a time with one Query.
func (s *Store) Members(ctx context.Context, coop dpcoop.CoopID, page dpcoop.PageRequest) (dpcoop.Page[dpcoop.Member], error) {
	const op = "list members"
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":prefix": str(prefixMember)},
	}
	if page.Cursor != "" {
		c, err := decodeCursor(page.Cursor, prefixMember)
		if err != nil {
			return dpcoop.Page[dpcoop.Member]{}, err
		}
		in.ExclusiveStartKey = key(tenant(coop), c.SK)
	}
	var items []memberItem
	last, err := s.query(ctx, op, in, page.Limit, &items)
	if err != nil {
		return dpcoop.Page[dpcoop.Member]{}, err
	}
	out := dpcoop.Page[dpcoop.Member]{Items: make([]dpcoop.Member, 0, len(items))}
	for _, it := range items {
		out.Items = append(out.Items, it.Member)
	}
	if last != nil {
		out.Next = encodeCursor(cursor{SK: lastKey(last, SK)})
	}
	return out, nil
}

// endAccess records on a person's access record that their access ended
// because they left (one small item per person, so the check every
// signed-in request makes is one read), keeping what else it says: a
// revocation, or roles taken away, still hold. Left tells it from an end
// by revocation, which an admin may reinstate.
func (s *Store) endAccess(coop dpcoop.CoopID, person string, ended dpcoop.Date) types.TransactWriteItem {
	return types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixAccess+person),
		UpdateExpression:          aws.String("SET Ended = :ended, #left = :ended"),
		ExpressionAttributeNames:  map[string]string{"#left": "Left"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":ended": str(string(ended))},
	}}
}

// PALeaves records the day a PA left on their pay history and ends their
// access, in one transaction; the same day again changes nothing, another
// day is refused.
func (s *Store) PALeaves(ctx context.Context, coop dpcoop.CoopID, pa string, left dpcoop.Date) (dpcoop.PayHistory, error) {
	const op = "pa leaves"
	_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Update: &types.Update{
			TableName: aws.String(s.table), Key: key(tenant(coop), prefixPayHistory+pa),
			UpdateExpression:          aws.String("SET #left = :date, PA = :pa"),
			ConditionExpression:       aws.String("attribute_not_exists(#left) OR #left = :date"),
			ExpressionAttributeNames:  map[string]string{"#left": "Left"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":date": str(string(left)), ":pa": str(pa)},
		}},
		s.endAccess(coop, pa, left),
	}})
	if conditionFailed(err) {
		return dpcoop.PayHistory{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeAlreadyLeft)
	}
	if err != nil {
		return dpcoop.PayHistory{}, storeError(op, err)
	}
	return s.PayHistory(ctx, coop, pa)
}

// AccessEnded reads the person's access record, strongly consistent.
func (s *Store) AccessEnded(ctx context.Context, coop dpcoop.CoopID, person string) (dpcoop.Date, error) {
	rec, err := s.AccessRecord(ctx, coop, person)
	return rec.Ended, err
}

// CorrectMember writes a member's corrected register details: only those
// attributes, so a cessation or an Easy Read setting written meanwhile stays.
func (s *Store) CorrectMember(ctx context.Context, coop dpcoop.CoopID, m dpcoop.Member) (dpcoop.Member, error) {
	const op = "correct member"
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                aws.String(s.table),
		Key:                      key(tenant(coop), prefixMember+m.ID),
		UpdateExpression:         aws.String("SET #n = :name, Address = :address, Email = :email, Phone = :phone, #l = :lang, ElectronicAddress = :electronic"),
		ConditionExpression:      aws.String("attribute_exists(PK)"),
		ExpressionAttributeNames: map[string]string{"#n": "Name", "#l": "Language"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":name": str(m.Name), ":address": str(m.Address), ":email": str(m.Email), ":phone": str(m.Phone),
			":lang": str(string(m.Language)), ":electronic": str(m.ElectronicAddress),
		},
	})
	switch {
	case conditionFailed(err):
		return dpcoop.Member{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	case err != nil:
		return dpcoop.Member{}, storeError(op, err)
	}
	return s.Member(ctx, coop, m.ID)
}

// CeaseMember records the date a member ceased, once, and never before the
// date they were entered; the entry itself stays on the register.
func (s *Store) CeaseMember(ctx context.Context, coop dpcoop.CoopID, id string, c dpcoop.Cessation) (dpcoop.Member, error) {
	const op = "cease member"
	_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Update: &types.Update{
			TableName:           aws.String(s.table),
			Key:                 key(tenant(coop), prefixMember+id),
			UpdateExpression:    aws.String("SET Ceased = :date, CeaseReason = :reason, CeasedBy = :by"),
			ConditionExpression: aws.String("attribute_exists(PK) AND Ceased = :none AND Entered <= :date"),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":date": str(string(c.Date)), ":reason": str(c.Reason), ":by": str(c.By), ":none": str(""),
			},
		}},
		s.endAccess(coop, id, c.Date),
	}})
	if err == nil {
		return s.Member(ctx, coop, id)
	}
	if !conditionFailed(err) && !lostRace(err) { // a concurrent cessation: read what it wrote
		return dpcoop.Member{}, storeError(op, err)
	}
	m, err := s.Member(ctx, coop, id)
	switch {
	case err != nil:
		return dpcoop.Member{}, err
	case m.Ceased == c.Date:
		return m, nil // the same cessation again: nothing changes
	case m.Ceased != "":
		return dpcoop.Member{}, dpcoop.E(op, dpcoop.KindConflict, dpcoop.CodeAlreadyCeased)
	}
	var p dpcoop.Problems
	p.Add("date", dpcoop.FieldDateBefore, "entered", string(m.Entered))
	return dpcoop.Member{}, p.Err(op)
}

// SubjectRecords reads a member's own records for a page of their copy of
// their data: one BatchGetItem, eventually consistent as a copy may be
// (copyOf), for the register entry, the application that admitted them (the
// member's id is their application's; one read more for a member entered
// otherwise), their care plan (each nil when there is none), the copies of
// their pool memberships and the co-op's ledger head; then one Query, as
// eventually consistent, of their account's entries (under ACCT#) dated in
// the page that page gives for the member. A ledger never carried forward is
// carried forward first (its entries are not under ACCT# until then; the
// head, once released, never goes back to building, so a stale read of it
// cannot hide that). Not found if the member is not on the register.
func (s *Store) SubjectRecords(ctx context.Context, coop dpcoop.CoopID, id string, page func(dpcoop.Member) dpcoop.SubjectYear) (dpcoop.SubjectData, error) {
	const op = "read subject records"
	var m memberItem
	var app applicationItem
	var plan carePlanItem
	var pools memberPoolsItem
	var head ledgerHead
	// What they shared through the support between members comes in the
	// same read (dpcoop.SubjectShared).
	var prefs matchItem
	var req buddyRequestItem
	var set noticeSetItem
	var feed feedItem
	found, err := s.copyOf(ctx, op, []wanted{{tenant(coop), prefixMember + id, &m}, {tenant(coop), prefixApp + id, &app},
		{tenant(coop), prefixCarePlan + id, &plan}, {tenant(coop), prefixMemberPools + id, &pools}, {tenant(coop), skLedger, &head},
		{tenant(coop), matchKey(true, id), &prefs}, {tenant(coop), prefixBuddyRequest + id, &req},
		{tenant(coop), prefixNoticeSet + id, &set}, {tenant(coop), prefixFeed + id, &feed}})
	if err != nil {
		return dpcoop.SubjectData{}, err
	}
	if !found[0] {
		return dpcoop.SubjectData{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	out := dpcoop.SubjectData{Member: m.Member, Pools: pools}
	switch {
	case m.ApplicationID == "":
	case m.ApplicationID == id && found[1]:
		out.Application = &app.Application
	case m.ApplicationID != id:
		if a, err := s.Application(ctx, coop, m.ApplicationID); err == nil {
			out.Application = &a
		} else if !dpcoop.IsKind(err, dpcoop.KindNotFound) {
			return dpcoop.SubjectData{}, err
		}
	}
	if found[2] {
		out.CarePlan = &plan.CarePlan
	}
	if !found[4] || head.Building != "" {
		if _, err := s.ledger(ctx, op, coop); err != nil {
			return dpcoop.SubjectData{}, err
		}
	}
	y := page(m.Member)
	a := dpcoop.MemberAccount(id)
	out.AccountEntries, err = queryAll(ctx, s, op, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND SK BETWEEN :from AND :to"),
		FilterExpression:          aws.String("attribute_exists(ID)"), // not the month items
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":from": str(accountSK(a) + string(y.From)), ":to": str(accountSK(a) + string(y.To) + "#~")},
	}, func(it sideItem) dpcoop.Entry { return it.Entry })
	if err != nil {
		return dpcoop.SubjectData{}, err
	}
	sort.SliceStable(out.AccountEntries, func(i, j int) bool { return out.AccountEntries[i].Before(out.AccountEntries[j]) })
	out.Year, out.NextYear = y.Year, y.Next
	if !y.Present() {
		return out, nil
	}
	sh := dpcoop.SubjectShared{NoticeSettings: dpcoop.NoticeSettings{Off: []string{}}, CalendarFeed: found[8]}
	if found[5] {
		sh.MatchPreferences = &prefs.MatchProfile
	}
	if found[6] {
		sh.BuddyRequest = &req.BuddyRequest
	}
	if found[7] && set.Off != nil {
		sh.NoticeSettings = set.NoticeSettings
	}
	if sh.BuddyPairings, err = s.subjectPairings(ctx, coop, id); err != nil {
		return dpcoop.SubjectData{}, err
	}
	if sh.Notices, err = s.PageNotices(ctx, coop, id); err != nil {
		return dpcoop.SubjectData{}, err
	}
	answers := prefixQuery(coop, prefixAttendance)
	answers.FilterExpression = aws.String("#m = :m")
	answers.ExpressionAttributeNames = map[string]string{"#m": "Member"}
	answers.ExpressionAttributeValues[":m"] = str(id)
	if sh.ActivityAnswers, err = queryAll(ctx, s, op, answers, func(it attendanceItem) dpcoop.Attendance { return it.Attendance }); err != nil {
		return dpcoop.SubjectData{}, err
	}
	if sh.ActivityAnswers == nil {
		sh.ActivityAnswers = []dpcoop.Attendance{}
	}
	out.Shared = &sh
	return out, nil
}

// subjectPairings are a member's pairings as they were shown them: the
// co-op's pairings read in one Query, the other buddies' names together in
// one BatchGetItem when there are any.
func (s *Store) subjectPairings(ctx context.Context, coop dpcoop.CoopID, member string) ([]dpcoop.SubjectPairing, error) {
	all, err := s.Pairings(ctx, coop)
	if err != nil {
		return nil, err
	}
	var mine []dpcoop.Pairing
	var others []string
	for _, p := range all {
		if _, ok := p.Side(member); ok {
			mine = append(mine, p)
			others = append(others, p.Other(member).Member)
		}
	}
	out := []dpcoop.SubjectPairing{}
	if len(mine) == 0 {
		return out, nil
	}
	names, err := getByID(ctx, s, "read subject records", coop, prefixMember, others, func(it memberItem) dpcoop.Member { return it.Member })
	if err != nil {
		return nil, err
	}
	for _, p := range mine {
		out = append(out, dpcoop.SubjectPairingOf(p, member, names[p.Other(member).Member]))
	}
	return out, nil
}
