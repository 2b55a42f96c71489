package dynamo_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
)

// TestKeepMemberKeysGivesOldItemsTheirKeys: a shift and an employment stored
// before keys by member (their copy and index keys removed here, as such an
// item has none), and a pool membership without its copy under its member,
// are found by member after KeepMemberKeys, and running it
// again writes the same.
func TestKeepMemberKeysGivesOldItemsTheirKeys(t *testing.T) {
	ctx := context.Background()
	db, err := dynamolocal.Start(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := dynamo.New(db.Client, db.Table)
	mustCoop(t, s, "old-keys")
	c := dpcoop.CoopID("old-keys")
	start := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	sh := dpcoop.Shift{ID: "shift1", PA: "pa1", Members: []dpcoop.ShiftMember{{Member: "m1", Share: 5000}, {Member: "m2", Share: 5000}},
		Date: dpcoop.DateOf(start), StartTime: "09:00", EndDate: dpcoop.DateOf(start), EndTime: "12:00",
		Start: start, End: start.Add(3 * time.Hour), Kind: dpcoop.ShiftStandard, Status: dpcoop.ShiftSubmitted, Version: 1}
	if _, err := s.AddShift(ctx, c, sh); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEmployment(ctx, c, dpcoop.Employment{ID: "e1", PA: "pa1", Member: "m1", Rates: dpcoop.Rates{Standard: 1300}, Start: "2026-01-01"}, "fp"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPool(ctx, c, dpcoop.Pool{ID: "pool1", NameEN: "Pool", NameCY: "Cronfa", Rule: dpcoop.RuleEqualShare, SpendingLimit: 1000}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.JoinPool(ctx, c, dpcoop.PoolMember{Pool: "pool1", Member: "m1", Weight: 1, Joined: "2026-11-01", ConsentBy: "admin", ConsentAt: start}); err != nil {
		t.Fatal(err)
	}
	pk := &types.AttributeValueMemberS{Value: dynamo.TenantKey(c)}
	poolCopy := func() types.AttributeValue {
		t.Helper()
		res, err := db.Client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(db.Table), Key: map[string]types.AttributeValue{
			"PK": pk, "SK": &types.AttributeValueMemberS{Value: "MEMBERPOOLS#m1"},
		}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Item["P#pool1"]
	}
	if _, err := db.Client.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(db.Table), Key: map[string]types.AttributeValue{
		"PK": pk, "SK": &types.AttributeValueMemberS{Value: "MEMBERPOOLS#m1"},
	}}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"m1", "m2"} {
		if _, err := db.Client.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(db.Table), Key: map[string]types.AttributeValue{
			"PK": pk, "SK": &types.AttributeValueMemberS{Value: "MSHIFT#" + m + "#2026-11#2026-11-03T09:00:00Z#shift1"},
		}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Client.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(db.Table), Key: map[string]types.AttributeValue{
		"PK": pk, "SK": &types.AttributeValueMemberS{Value: "EMPLOY#pa1#e1"},
	}, UpdateExpression: aws.String("REMOVE GSI1PK, GSI1SK")}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ShiftsOfMember(ctx, c, "m1", ""); len(got) != 0 {
		t.Fatalf("the copy was not removed: %+v", got)
	}
	if got, _ := s.EmploymentsOfMember(ctx, c, "m1"); len(got) != 0 {
		t.Fatalf("the index keys were not removed: %+v", got)
	}
	if poolCopy() != nil {
		t.Fatal("the pool membership's copy was not removed")
	}
	for range 2 {
		n, err := s.KeepMemberKeys(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if n.Shifts != 1 || n.Employments != 1 || n.PoolMembers != 1 {
			t.Fatalf("kept %+v, want 1 shift, 1 employment and 1 pool membership", n)
		}
		if poolCopy() == nil {
			t.Fatal("m1's membership of pool1 was not copied under m1")
		}
		for _, m := range []string{"m1", "m2"} {
			if got, err := s.ShiftsOfMember(ctx, c, m, "2026-11"); err != nil || len(got) != 1 || got[0].ID != "shift1" {
				t.Fatalf("%s's shifts %+v, %v", m, got, err)
			}
		}
		if got, err := s.EmploymentsOfMember(ctx, c, "m1"); err != nil || len(got) != 1 || got[0].ID != "e1" {
			t.Fatalf("m1's employments %+v, %v", got, err)
		}
	}
}
