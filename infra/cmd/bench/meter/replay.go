package meter

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Rewrite returns a deep copy of a captured request input with every string
// value in its keys, items and expression values passed through r: the same
// call for another record (one application's id swapped for another's, so
// its conditions hold again). Expressions themselves are kept as they were.
func Rewrite(input any, r *strings.Replacer) (any, error) {
	switch in := input.(type) {
	case *dynamodb.GetItemInput:
		c := *in
		c.Key = rwMap(c.Key, r)
		return &c, nil
	case *dynamodb.PutItemInput:
		c := *in
		c.Item, c.ExpressionAttributeValues = rwMap(c.Item, r), rwMap(c.ExpressionAttributeValues, r)
		return &c, nil
	case *dynamodb.UpdateItemInput:
		c := *in
		c.Key, c.ExpressionAttributeValues = rwMap(c.Key, r), rwMap(c.ExpressionAttributeValues, r)
		return &c, nil
	case *dynamodb.DeleteItemInput:
		c := *in
		c.Key, c.ExpressionAttributeValues = rwMap(c.Key, r), rwMap(c.ExpressionAttributeValues, r)
		return &c, nil
	case *dynamodb.QueryInput:
		c := *in
		c.ExpressionAttributeValues, c.ExclusiveStartKey = rwMap(c.ExpressionAttributeValues, r), rwMap(c.ExclusiveStartKey, r)
		return &c, nil
	case *dynamodb.ScanInput:
		c := *in
		c.ExpressionAttributeValues, c.ExclusiveStartKey = rwMap(c.ExpressionAttributeValues, r), rwMap(c.ExclusiveStartKey, r)
		return &c, nil
	case *dynamodb.BatchGetItemInput:
		c := *in
		c.RequestItems = map[string]types.KeysAndAttributes{}
		for t, ka := range in.RequestItems {
			keys := make([]map[string]types.AttributeValue, 0, len(ka.Keys))
			for _, k := range ka.Keys {
				keys = append(keys, rwMap(k, r))
			}
			ka.Keys = keys
			c.RequestItems[t] = ka
		}
		return &c, nil
	case *dynamodb.BatchWriteItemInput:
		c := *in
		c.RequestItems = map[string][]types.WriteRequest{}
		for t, reqs := range in.RequestItems {
			out := make([]types.WriteRequest, 0, len(reqs))
			for _, w := range reqs {
				switch {
				case w.PutRequest != nil:
					out = append(out, types.WriteRequest{PutRequest: &types.PutRequest{Item: rwMap(w.PutRequest.Item, r)}})
				case w.DeleteRequest != nil:
					out = append(out, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: rwMap(w.DeleteRequest.Key, r)}})
				}
			}
			c.RequestItems[t] = out
		}
		return &c, nil
	case *dynamodb.TransactWriteItemsInput:
		c := *in
		c.ClientRequestToken = nil // the SDK makes a new one, as for any new call
		c.TransactItems = make([]types.TransactWriteItem, 0, len(in.TransactItems))
		for _, it := range in.TransactItems {
			var out types.TransactWriteItem
			switch {
			case it.Put != nil:
				p := *it.Put
				p.Item, p.ExpressionAttributeValues = rwMap(p.Item, r), rwMap(p.ExpressionAttributeValues, r)
				out.Put = &p
			case it.Update != nil:
				u := *it.Update
				u.Key, u.ExpressionAttributeValues = rwMap(u.Key, r), rwMap(u.ExpressionAttributeValues, r)
				out.Update = &u
			case it.Delete != nil:
				d := *it.Delete
				d.Key, d.ExpressionAttributeValues = rwMap(d.Key, r), rwMap(d.ExpressionAttributeValues, r)
				out.Delete = &d
			case it.ConditionCheck != nil:
				cc := *it.ConditionCheck
				cc.Key, cc.ExpressionAttributeValues = rwMap(cc.Key, r), rwMap(cc.ExpressionAttributeValues, r)
				out.ConditionCheck = &cc
			}
			c.TransactItems = append(c.TransactItems, out)
		}
		return &c, nil
	}
	return nil, fmt.Errorf("meter: cannot rewrite a %T", input)
}

func rwMap(m map[string]types.AttributeValue, r *strings.Replacer) map[string]types.AttributeValue {
	if m == nil {
		return nil
	}
	out := make(map[string]types.AttributeValue, len(m))
	for k, v := range m {
		out[k] = rwValue(v, r)
	}
	return out
}

func rwValue(v types.AttributeValue, r *strings.Replacer) types.AttributeValue {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return &types.AttributeValueMemberS{Value: r.Replace(v.Value)}
	case *types.AttributeValueMemberSS:
		out := make([]string, len(v.Value))
		for i, s := range v.Value {
			out[i] = r.Replace(s)
		}
		return &types.AttributeValueMemberSS{Value: out}
	case *types.AttributeValueMemberM:
		return &types.AttributeValueMemberM{Value: rwMap(v.Value, r)}
	case *types.AttributeValueMemberL:
		out := make([]types.AttributeValue, len(v.Value))
		for i, x := range v.Value {
			out[i] = rwValue(x, r)
		}
		return &types.AttributeValueMemberL{Value: out}
	}
	return v
}

// Send makes a call from its input with the client: the bare DynamoDB call,
// with nothing of ours around it.
func Send(ctx context.Context, db *dynamodb.Client, input any) error {
	var err error
	switch in := input.(type) {
	case *dynamodb.GetItemInput:
		_, err = db.GetItem(ctx, in)
	case *dynamodb.PutItemInput:
		_, err = db.PutItem(ctx, in)
	case *dynamodb.UpdateItemInput:
		_, err = db.UpdateItem(ctx, in)
	case *dynamodb.DeleteItemInput:
		_, err = db.DeleteItem(ctx, in)
	case *dynamodb.QueryInput:
		_, err = db.Query(ctx, in)
	case *dynamodb.ScanInput:
		_, err = db.Scan(ctx, in)
	case *dynamodb.BatchGetItemInput:
		_, err = db.BatchGetItem(ctx, in)
	case *dynamodb.BatchWriteItemInput:
		_, err = db.BatchWriteItem(ctx, in)
	case *dynamodb.TransactWriteItemsInput:
		_, err = db.TransactWriteItems(ctx, in)
	default:
		return fmt.Errorf("meter: cannot send a %T", input)
	}
	return err
}
