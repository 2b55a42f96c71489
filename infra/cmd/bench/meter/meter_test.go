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
