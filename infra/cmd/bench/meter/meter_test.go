package meter

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestItemSize(t *testing.T) {
	item := map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "T#demo"},                                                             // 2 + 6
		"N":  &types.AttributeValueMemberN{Value: "1234"},                                                               // 1 + 3
		"L":  &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberBOOL{Value: true}}}, // 1 + 3 + 1 + 1
	}
	if got := ItemSize(item); got != 8+4+6 {
		t.Fatalf("size %d", got)
	}
}

func TestRewriteCopies(t *testing.T) {
	in := &dynamodb.TransactWriteItemsInput{ClientRequestToken: aws.String("t"), TransactItems: []types.TransactWriteItem{{
		Put: &types.Put{Item: map[string]types.AttributeValue{"SK": &types.AttributeValueMemberS{Value: "APP#aaa"}}},
	}}}
	out, err := Rewrite(in, strings.NewReplacer("aaa", "bbb"))
	if err != nil {
		t.Fatal(err)
	}
	got := out.(*dynamodb.TransactWriteItemsInput)
	if got.ClientRequestToken != nil || got.TransactItems[0].Put.Item["SK"].(*types.AttributeValueMemberS).Value != "APP#bbb" {
		t.Fatalf("%+v", got)
	}
	if in.TransactItems[0].Put.Item["SK"].(*types.AttributeValueMemberS).Value != "APP#aaa" {
		t.Fatal("the captured call was changed")
	}
}

// A BatchGetItem costs each key as a GetItem: an item found by its size, a
// key not found one unit (half when eventually consistent), and a key left
// unprocessed nothing until it is asked again.
func TestBatchGetUnitsCountKeysNotFound(t *testing.T) {
	k := func(sk string) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: "T#demo"}, "SK": &types.AttributeValueMemberS{Value: sk}}
	}
	in := &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
		"strong": {Keys: []map[string]types.AttributeValue{k("COOP"), k("ACCESS#bob"), k("MEMBER#m1")}, ConsistentRead: aws.Bool(true)},
		"weak":   {Keys: []map[string]types.AttributeValue{k("COOP"), k("ACCESS#bob")}},
	}}
	out := &dynamodb.BatchGetItemOutput{
		Responses:       map[string][]map[string]types.AttributeValue{"strong": {k("COOP")}},
		UnprocessedKeys: map[string]types.KeysAndAttributes{"strong": {Keys: []map[string]types.AttributeValue{k("MEMBER#m1")}}},
	}
	if got := readUnits(in, out); got != 1+1+0.5+0.5 {
		t.Fatalf("%v read units, want 3: the co-op and the access record not found (strong), two keys not found (eventual)", got)
	}
}
