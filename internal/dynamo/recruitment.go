package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// prefixRecruit keys a PA's safe-recruitment record: RECRUIT#<pa>, apart
// from their record and pay history, and read only for admins and the PA.
const prefixRecruit = "RECRUIT#"

type recruitmentItem struct {
	keys
	dpcoop.Recruitment
	// EntryIDs makes recording idempotent: an entry is appended only if its
	// id is not here.
	EntryIDs []string `dynamodbav:",stringset,omitempty"`
}

// recruitment is the stored record, its lists never nil.
func (it recruitmentItem) recruitment(pa string) dpcoop.Recruitment {
	r := it.Recruitment
	r.PA = pa
	if r.RightToWork == nil {
		r.RightToWork = []dpcoop.RightToWorkCheck{}
	}
	if r.References == nil {
		r.References = []dpcoop.Reference{}
	}
	if r.DBS == nil {
		r.DBS = []dpcoop.DBSCheck{}
	}
	return r
}

// Recruitment reads a PA's safe-recruitment record; a PA with none yet has
// an empty one.
func (s *Store) Recruitment(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.Recruitment, error) {
	var it recruitmentItem
	err := s.get(ctx, "read recruitment", tenant(coop), prefixRecruit+pa, &it)
	if err != nil && !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return dpcoop.Recruitment{}, err
	}
	return it.recruitment(pa), nil
}

// Recruitments reads every PA's safe-recruitment record that has one.
func (s *Store) Recruitments(ctx context.Context, coop dpcoop.CoopID) ([]dpcoop.Recruitment, error) {
	return all(ctx, s, "list recruitment", coop, prefixRecruit, func(it recruitmentItem) dpcoop.Recruitment { return it.recruitment(it.PA) })
}

// AddRightToWork records a right-to-work check once: the same check again
// returns the record as it is, created false.
func (s *Store) AddRightToWork(ctx context.Context, coop dpcoop.CoopID, pa string, c dpcoop.RightToWorkCheck) (dpcoop.Recruitment, bool, error) {
	return s.addRecruitment(ctx, "add right to work check", coop, pa, "RightToWork", c.ID, c)
}

// AddReference records a reference once.
func (s *Store) AddReference(ctx context.Context, coop dpcoop.CoopID, pa string, r dpcoop.Reference) (dpcoop.Recruitment, bool, error) {
	return s.addRecruitment(ctx, "add reference", coop, pa, "References", r.ID, r)
}

// AddDBSCheck records a DBS check once.
func (s *Store) AddDBSCheck(ctx context.Context, coop dpcoop.CoopID, pa string, c dpcoop.DBSCheck) (dpcoop.Recruitment, bool, error) {
	return s.addRecruitment(ctx, "add dbs check", coop, pa, "DBS", c.ID, c)
}

// addRecruitment appends entry to the record's list named list, unless an
// entry with its id is there already.
func (s *Store) addRecruitment(ctx context.Context, op string, coop dpcoop.CoopID, pa, list, id string, entry any) (dpcoop.Recruitment, bool, error) {
	v, err := attributevalue.Marshal([]any{entry})
	if err != nil {
		return dpcoop.Recruitment{}, false, dpcoop.Wrap(op, err)
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: key(tenant(coop), prefixRecruit+pa),
		UpdateExpression:         aws.String("SET #list = list_append(if_not_exists(#list, :none), :e), PA = :pa ADD EntryIDs :ids"),
		ConditionExpression:      aws.String("attribute_not_exists(EntryIDs) OR NOT contains(EntryIDs, :id)"),
		ExpressionAttributeNames: map[string]string{"#list": list},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":none": &types.AttributeValueMemberL{Value: []types.AttributeValue{}}, ":e": v, ":pa": str(pa),
			":ids": &types.AttributeValueMemberSS{Value: []string{id}}, ":id": str(id),
		},
	})
	if err != nil && !conditionFailed(err) {
		return dpcoop.Recruitment{}, false, storeError(op, err)
	}
	r, rerr := s.Recruitment(ctx, coop, pa)
	return r, err == nil, rerr
}

// skRecruitPolicy keys the co-op's recruitment policy.
const skRecruitPolicy = "RECRUITPOLICY"

type recruitPolicyItem struct {
	keys
	dpcoop.RecruitmentPolicy
}

// RecruitmentPolicy reads the co-op's recruitment policy; a co-op that set
// none requires no DBS check.
func (s *Store) RecruitmentPolicy(ctx context.Context, coop dpcoop.CoopID) (dpcoop.RecruitmentPolicy, error) {
	var it recruitPolicyItem
	err := s.get(ctx, "read recruitment policy", tenant(coop), skRecruitPolicy, &it)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return dpcoop.RecruitmentPolicy{}, nil
	}
	return it.RecruitmentPolicy, err
}

// SetRecruitmentPolicy replaces the co-op's recruitment policy.
func (s *Store) SetRecruitmentPolicy(ctx context.Context, coop dpcoop.CoopID, p dpcoop.RecruitmentPolicy) error {
	const op = "set recruitment policy"
	item, err := marshal(op, recruitPolicyItem{keys: keys{PK: tenant(coop), SK: skRecruitPolicy}, RecruitmentPolicy: p})
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item})
	return storeError(op, err)
}
