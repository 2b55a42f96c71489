package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The keys of the co-op's training and insurance records:
// TRAINING#<pa>#<id> is one course a PA completed (a PA's courses are one
// Query, the co-op's all one more), INSURANCE#EL the current employers'
// liability policy, and SETTING#TRAINING the courses every PA must hold.
const (
	prefixTraining    = "TRAINING#"
	skInsurance       = "INSURANCE#EL"
	skRequiredCourses = "SETTING#TRAINING"
)

type trainingItem struct {
	keys
	dpcoop.Training
}

// AddTraining records a course once: a course with the same id already
// recorded is left as it was, created false.
func (s *Store) AddTraining(ctx context.Context, coop dpcoop.CoopID, t dpcoop.Training) (bool, error) {
	const op = "record training"
	item, err := marshal(op, trainingItem{keys{PK: tenant(coop), SK: prefixTraining + t.PA + "#" + t.ID}, t})
	if err != nil {
		return false, err
	}
	return s.putIfAbsent(ctx, op, item)
}

// Training reads a PA's courses, or every PA's when pa is empty, in key
// order (by PA, then id).
func (s *Store) Training(ctx context.Context, coop dpcoop.CoopID, pa string) ([]dpcoop.Training, error) {
	prefix := prefixTraining
	if pa != "" {
		prefix += pa + "#"
	}
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :sk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":sk": str(prefix)},
		ConsistentRead:            aws.Bool(true),
	}
	out, err := queryAll(ctx, s, "read training", in, func(it trainingItem) dpcoop.Training { return it.Training })
	if out == nil && err == nil {
		out = []dpcoop.Training{}
	}
	return out, err
}

// DeleteTraining removes one course of a PA's; one already gone is no
// error, so a retried delete answers as the first.
func (s *Store) DeleteTraining(ctx context.Context, coop dpcoop.CoopID, pa, id string) error {
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.table),
		Key: key(tenant(coop), prefixTraining+pa+"#"+id)})
	if err != nil {
		return storeError("delete training", err)
	}
	return nil
}

type requiredCoursesItem struct {
	keys
	dpcoop.RequiredTraining
}

// RequiredCourses reads the courses every PA must hold; none set is none
// required.
func (s *Store) RequiredCourses(ctx context.Context, coop dpcoop.CoopID) (dpcoop.RequiredTraining, error) {
	var it requiredCoursesItem
	err := s.get(ctx, "read required training", tenant(coop), skRequiredCourses, &it)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) || err == nil && it.Courses == nil {
		return dpcoop.RequiredTraining{Courses: []dpcoop.Course{}}, nil
	}
	return it.RequiredTraining, err
}

// SetRequiredCourses replaces the courses every PA must hold.
func (s *Store) SetRequiredCourses(ctx context.Context, coop dpcoop.CoopID, r dpcoop.RequiredTraining) error {
	return s.put(ctx, "set required training", requiredCoursesItem{keys{PK: tenant(coop), SK: skRequiredCourses}, r})
}

type insuranceItem struct {
	keys
	dpcoop.EmployersLiability
}

// Insurance reads the co-op's employers' liability policy; nil when none
// is recorded.
func (s *Store) Insurance(ctx context.Context, coop dpcoop.CoopID) (*dpcoop.EmployersLiability, error) {
	var it insuranceItem
	err := s.get(ctx, "read insurance", tenant(coop), skInsurance, &it)
	if dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &it.EmployersLiability, nil
}

// SetInsurance replaces the co-op's employers' liability policy with the
// one now in force (a renewal replaces the last).
func (s *Store) SetInsurance(ctx context.Context, coop dpcoop.CoopID, e dpcoop.EmployersLiability) error {
	return s.put(ctx, "record insurance", insuranceItem{keys{PK: tenant(coop), SK: skInsurance}, e})
}

// put writes one item whole.
func (s *Store) put(ctx context.Context, op string, v any) error {
	item, err := marshal(op, v)
	if err != nil {
		return err
	}
	if _, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item}); err != nil {
		return storeError(op, err)
	}
	return nil
}

// prefixRisk keys a risk assessment of a member's support:
// RISK#<member>#<id>.
const prefixRisk = "RISK#"

type riskItem struct {
	keys
	dpcoop.RiskAssessment
}

// PutRiskAssessment writes an assessment whole: a new one, or one
// reviewed, replacing what it said.
func (s *Store) PutRiskAssessment(ctx context.Context, coop dpcoop.CoopID, a dpcoop.RiskAssessment) error {
	return s.put(ctx, "record risk assessment", riskItem{keys{PK: tenant(coop), SK: prefixRisk + a.Member + "#" + a.ID}, a})
}

// RiskAssessments reads a member's assessments, or every member's when
// member is empty.
func (s *Store) RiskAssessments(ctx context.Context, coop dpcoop.CoopID, member string) ([]dpcoop.RiskAssessment, error) {
	prefix := prefixRisk
	if member != "" {
		prefix += member + "#"
	}
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :sk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(tenant(coop)), ":sk": str(prefix)},
		ConsistentRead:            aws.Bool(true),
	}
	return queryAll(ctx, s, "read risk assessments", in, func(it riskItem) dpcoop.RiskAssessment { return it.RiskAssessment })
}
